"""Writes a document's text line by line and records where each declared table cell lands.

Why one builder for every format: the contract (`RawTable`) says a table is written into
`text` one row per line and each cell is a span of that text, with a merged cell written once
and shared (same span) by every position it covers. Doing that in one place keeps docx, xlsx,
html, pdf and ofd tables identical in shape for the layers after the reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Hashable, Sequence

from ..model import OcrPage, RawTable, Span
from .limits import Limits, too_large

CELL_BREAK = re.compile(r"\s*[\r\n\v\f\u2028\u2029]+\s*")


@dataclass
class Cell:
    """One position of a table grid. Positions sharing a `key` are one merged cell."""

    key: Hashable
    text: str


class TextBuilder:
    def __init__(self, where: str, limits: Limits):
        self.where = where
        self.limits = limits
        self.parts: list[str] = []
        self.pos = 0
        self.tables: list[RawTable] = []
        self.ocr: list[OcrPage] = []

    def _add(self, s: str) -> None:
        self.parts.append(s)
        self.pos += len(s)
        if self.pos > self.limits.max_chars:
            raise too_large(self.where, f"more than {self.limits.max_chars:,} characters of text")

    def line(self, s: str) -> Span:
        """Append one line (a paragraph may keep its own line breaks); return its span."""
        start = self.pos
        self._add(s)
        end = self.pos
        self._add("\n")
        return (start, end)

    def lines(self, block: str) -> None:
        for ln in block.split("\n"):
            self.line(ln)

    def table(self, grid: Sequence[Sequence[Cell | None]], header_rows: int = 0, name: str | None = None,
              sep: str = "\t") -> RawTable | None:
        """Write `grid` row by row and declare it. Cell text has its line breaks replaced by a
        space so a row stays one line; a cell met again (same key) reuses its first span."""
        if not grid:
            return None
        width = max(len(r) for r in grid)
        if len(grid) * width > self.limits.max_cells:
            raise too_large(self.where, f"a table of {len(grid):,} x {width:,} cells (limit {self.limits.max_cells:,})")
        tw = self.begin_table(width, header_rows, name, sep)
        for r in grid:
            self.add_row(tw, r)
        tw.table.header_rows = min(tw.table.header_rows, len(tw.table.rows))
        return tw.table

    def begin_table(self, width: int, header_rows: int = 0, name: str | None = None,
                    sep: str = "\t") -> "TableWriter":
        """Start a table whose rows may be written in several pieces (a PDF table continued on
        the next page after its page footer and header lines)."""
        tw = TableWriter(RawTable(rows=[], header_rows=header_rows, name=name), width, sep)
        self.tables.append(tw.table)
        return tw

    def add_row(self, tw: "TableWriter", row: Sequence[Cell | None]) -> None:
        spans: list[Span] = []
        if (len(tw.table.rows) + 1) * tw.width > self.limits.max_cells:
            raise too_large(self.where, f"a table of more than {self.limits.max_cells:,} cells")
        for j in range(tw.width):
            cell = row[j] if j < len(row) else None
            if j:
                self._add(tw.sep)
            if cell is None:
                spans.append((self.pos, self.pos))
                continue
            if cell.key in tw.seen:
                spans.append(tw.seen[cell.key])
                continue
            text = cell_text(cell.text)
            start = self.pos
            self._add(text)
            tw.seen[cell.key] = (start, self.pos)
            spans.append(tw.seen[cell.key])
        self._add("\n")
        tw.table.rows.append(spans)

    def text(self) -> str:
        return "".join(self.parts)


@dataclass
class TableWriter:
    table: RawTable
    width: int
    sep: str = "\t"
    seen: dict = None  # type: ignore[assignment]  # cell key -> span

    def __post_init__(self) -> None:
        self.seen = {}


def cell_text(s: str) -> str:
    """A cell's text on one line: line breaks (and the blanks around them) become one space."""
    return CELL_BREAK.sub(" ", s.replace("\t", " ")).strip()


ATTACHMENT_HEAD = re.compile(r"^\s*附\s*件\s*(\d+)?\s*[:：]\s*(.*)$")
ATTACHMENT_ITEM = re.compile(r"^\s*(\d{1,2})\s*[.．、]\s*(\S.{0,120})$")


def attachment_lines(text: str, limit: int = 50) -> list[str]:
    """Names of the attachments a circular lists in its 附件： block.

    `附件：名称` gives one; `附件：1. 名称` followed by `2. 名称` lines gives each. Why here: every
    format (doc, docx, pdf, ofd, html) carries the same block, and users look for the
    attached task table by its name."""
    out: list[str] = []
    lines = text.split("\n")
    i = 0
    while i < len(lines) and len(out) < limit:
        m = ATTACHMENT_HEAD.match(lines[i])
        i += 1
        if not m or m.group(1):
            continue
        first = m.group(2).strip()
        if not first:
            continue
        item = ATTACHMENT_ITEM.match(first)
        out.append((item.group(2) if item else first).strip())
        if item:
            n = int(item.group(1))
            while i < len(lines):
                nxt = ATTACHMENT_ITEM.match(lines[i])
                if not nxt or int(nxt.group(1)) != n + 1:
                    break
                out.append(nxt.group(2).strip())
                n += 1
                i += 1
    seen: set[str] = set()
    return [a for a in out if a and not (a in seen or seen.add(a))]
