"""A cleaned circular as typed blocks: paragraphs (lines of text) and tables.

Why blocks: a 任务分工 table assigns work row by row, and each cell means something by its
column (任务 / 牵头单位 / 配合单位 / 完成时限). The layers after ingest must see rows and
cells, whatever the file was: a table a reader declared (docx, html, xlsx, pdf — a
`RawTable` with cell spans), or a table flattened into text by a scraper (cells separated by
`|` or tabs, one row a line; or one cell a line, as some pages print them). No separator
convention travels further than this module.

Every span is an offset range of the cleaned text (`Document.clean`), which maps back to
the original file.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from .model import RawTable
from .textmap import MappedText

# precompiled: these run per name or per sentence (re's own cache lookup cost ~5% of extraction)
_IS_PIPED_RX1 = re.compile(r"[|｜\t]")

Span = tuple[int, int]

BODY_KINDS = ("lead", "participant", "responsible")
TEXT_KINDS = ("task", "context")


@dataclass
class Paragraph:
    start: int
    end: int


@dataclass
class Table:
    """A table: column headers and their meanings, and rows of cells aligned to the columns.

    `rows[i][j]` is the clean-text span of row i's cell in column j, or None when the row has
    no cell there (a flattened row that lost a merged cell). A row whose only cell is a
    heading (一、体系建设) is a section row: `sections[i]` is True."""

    start: int
    end: int
    header: list[str]
    kinds: list[str | None]
    rows: list[list[Span | None]] = field(default_factory=list)
    row_spans: list[Span] = field(default_factory=list)
    sections: list[bool] = field(default_factory=list)
    source: str = "text"  # reader | pipes | cell-lines

    @property
    def assigns_work(self) -> bool:
        """A table whose rows are tasks: it has a task column and a body or deadline column."""
        kinds = set(self.kinds)
        return bool(kinds & set(TEXT_KINDS)) and bool(kinds & {*BODY_KINDS, "deadline"})


Block = Paragraph | Table


# ---------------------------------------------------------------- column meanings
@lru_cache(maxsize=1)
def _columns() -> tuple[dict[str, str], list[tuple[str, list[str]]]]:
    data = tomllib.loads(resources.files(__package__).joinpath("data/table_columns.toml").read_text(encoding="utf-8"))
    return dict(data["exact"]), list(data["contains"].items())


def column_kind(header: str) -> str | None:
    """What a column holds, from its header (牵头单位 -> lead, 完成时限 -> deadline)."""
    h = re.sub(r"\s+", "", header).strip("|:：")
    if not h or len(h) > 12:
        return None
    exact, contains = _columns()
    if h in exact:
        return exact[h]
    for kind, words in contains:
        if any(w in h for w in words):
            return kind
    return None


# ---------------------------------------------------------------- cell types
DEADLINE_CELL = re.compile(r"^(?:\d{4}年)?(?:\d{1,2}月(?:份|底|中旬|下旬|上旬|前|末)?|年底|年末|上半年|下半年|全年|第?[一二三四]季度|"
                           r"长期|长期坚持|持续推进|持续|常态化|每[年月季周日天旬]|[0-9]{1,2}[.\-][0-9]{1,2}|立即|即日起|"
                           r"汛前|汛期|春节前|年内)[^。]{0,20}$")


def cell_type(text: str) -> str:
    """deadline | bodies | number | heading | text: what a cell looks like, for placing the
    cells of a row that lost some (a flattened row with merged cells)."""
    from .names import LEVEL_RUN, name_kind  # names needs the gazetteer; imported late

    t = text.strip()
    if not t:
        return "empty"
    if re.fullmatch(r"[0-9]{1,3}|[(（]?[0-9]{1,3}[)）.、]?", t):
        return "number"
    if len(t) <= 30 and DEADLINE_CELL.match(t):
        return "deadline"
    if len(t) <= 80:
        pieces = [p for p in re.split(r"[、,，;；\s]+", re.sub(r"[(（][^()（）]*[)）]", "", t)) if p]
        if pieces and all(name_kind(p) is not None or LEVEL_RUN.fullmatch(p) for p in pieces):
            return "bodies"
    if re.fullmatch(r"[一二三四五六七八九十]+、\S{1,20}|[(（][一二三四五六七八九十]+[)）]\S{1,20}", t):
        return "heading"
    return "text"


FIT = {
    # (cell type, column kind) -> score
    ("deadline", "deadline"): 4, ("text", "deadline"): -6, ("bodies", "deadline"): -6, ("heading", "deadline"): -6,
    ("bodies", "lead"): 4, ("bodies", "participant"): 4, ("bodies", "responsible"): 4,
    ("text", "lead"): -3, ("text", "participant"): -3, ("text", "responsible"): -3,
    ("deadline", "lead"): -5, ("deadline", "participant"): -5, ("deadline", "responsible"): -5,
    ("text", "task"): 3, ("text", "context"): 2, ("heading", "context"): 2, ("heading", "task"): 1,
    ("bodies", "task"): -1, ("deadline", "task"): -3, ("deadline", "context"): -2,
    ("number", "number"): 4, ("number", "task"): -2, ("number", "context"): -1,
}


def align(types: list[str], kinds: list[str | None]) -> list[int]:
    """Columns for the cells of a short row: increasing indices that fit the cells' types
    best, preferring the right-most columns on a tie (merged cells are the left ones)."""
    m, n = len(types), len(kinds)
    neg = float("-inf")
    best = [[neg] * (n + 1) for _ in range(m + 1)]
    back: list[list[int]] = [[-1] * (n + 1) for _ in range(m + 1)]
    for j in range(n + 1):
        best[0][j] = 0.0
    for i in range(1, m + 1):
        for j in range(i, n + 1):
            # cell i-1 in column j-1, previous cells before it
            prev = max(range(i - 1, j), key=lambda k: best[i - 1][k]) if j > i - 1 else i - 1
            score = best[i - 1][prev] + FIT.get((types[i - 1], kinds[j - 1] or ""), 0) + 0.01 * j
            best[i][j] = score
            back[i][j] = prev
    j = max(range(m, n + 1), key=lambda k: best[m][k])
    out = []
    for i in range(m, 0, -1):
        out.append(j - 1)
        j = back[i][j]
    return out[::-1]


# ---------------------------------------------------------------- flattened tables in text
CELL_SEP = re.compile(r"\s*[|｜\t]\s*")


def line_cells(text: str, start: int, end: int) -> list[Span]:
    """The cells of a line split at `|`/`｜`/tab, as stripped spans (empty edges dropped)."""
    line = text[start:end]
    cells: list[Span] = []
    pos = 0
    for m in [*CELL_SEP.finditer(line), None]:
        stop = m.start() if m else len(line)
        raw = line[pos:stop]
        a = pos + len(raw) - len(raw.lstrip())
        b = pos + len(raw.rstrip())
        cells.append((start + a, start + max(a, b)))
        if m:
            pos = m.end()
    while cells and cells[-1][0] == cells[-1][1]:
        cells.pop()
    while cells and cells[0][0] == cells[0][1]:
        cells.pop(0)
    return cells


def is_piped(line: str) -> bool:
    """A line with a cell separator (a bare `|` line closes a row)."""
    return bool(_IS_PIPED_RX1.search(line)) and bool(line.strip())


def header_kinds(texts: list[str]) -> list[str | None] | None:
    """Column meanings when these cells read as a header row (≥ 2 known columns, one of them
    work, bodies or time)."""
    kinds = [column_kind(t) for t in texts]
    known = [k for k in kinds if k]
    if len(known) >= 2 and set(known) & {"task", "context", *BODY_KINDS, "deadline"} and \
            all(len(re.sub(r"\s+", "", t)) <= 12 for t in texts):
        return kinds
    return None


def lines_of(text: str) -> list[Span]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def flattened_tables(text: str) -> list[Table]:
    """Tables written into text: runs of lines with cell separators (a short line without one
    may sit among them: the first cell of a row written on its own line)."""
    lines = lines_of(text)
    tables: list[Table] = []
    i = 0

    def piped(k: int) -> bool:
        return is_piped(text[lines[k][0]:lines[k][1]])

    def blank(k: int) -> bool:
        return not text[lines[k][0]:lines[k][1]].strip()

    def short_between(k: int) -> bool:
        s = text[lines[k][0]:lines[k][1]].strip()
        return 0 < len(s) <= 30 and k + 1 < len(lines) and piped(k + 1)

    def between_bars(k: int) -> bool:
        # a cell on its own lines between two bar lines (one cell a line, a long one or one
        # broken over two lines: 牵头责任 / 部门)
        s = text[lines[k][0]:lines[k][1]].strip()
        if not s or len(s) > 200:
            return False
        above = any(0 <= k - d and bar(k - d) for d in (1, 2))
        below = any(k + d < len(lines) and bar(k + d) for d in (1, 2))
        return above and below

    def bar(k: int) -> bool:
        return text[lines[k][0]:lines[k][1]].strip() in ("|", "｜")

    while i < len(lines):
        if not piped(i) and not short_between(i):
            i += 1
            continue
        j = i
        while j < len(lines) and (piped(j) or blank(j) or short_between(j) or between_bars(j)):
            j += 1
        run = [ln for ln in lines[i:j] if text[ln[0]:ln[1]].strip()]
        if sum(1 for a, b in run if is_piped(text[a:b])) >= 2:
            table = table_from_run(text, run)
            if table is not None:
                tables.append(table)
        i = j
    return tables


def table_from_run(text: str, run: list[Span]) -> Table | None:
    cells_per_line = [line_cells(text, a, b) for a, b in run]
    single = sum(1 for c in cells_per_line if len(c) <= 1)
    if single >= 0.7 * len(run):
        return cell_line_table(text, run, cells_per_line)
    for h, cells in enumerate(cells_per_line):
        kinds = header_kinds([text[a:b] for a, b in cells])
        if kinds:
            table = Table(run[h][0], run[-1][1], [text[a:b] for a, b in cells], work_kinds(kinds), source="pipes")
            for (a, b), row in zip(run[h + 1:], cells_per_line[h + 1:]):
                add_row(table, text, row, (a, b))
            return table
    return None


def work_kinds(kinds: list[str | None]) -> list[str | None]:
    """A table with bodies or times but no task column: its unnamed first column is the work
    (专项整治行业名称 | 时间安排 | 责任单位)."""
    if not set(kinds) & set(TEXT_KINDS) and set(kinds) & {*BODY_KINDS, "deadline"} and kinds and kinds[0] is None:
        return ["context"] + kinds[1:]
    return kinds


def cell_line_table(text: str, run: list[Span], cells_per_line: list[list[Span]]) -> Table | None:
    """One cell a line (`演练科目 |` / `情景构建 |` / …, or `| 督查组牵头单位` with a line of a
    bare `|` closing each row): the header is the leading run of header words; the rows are
    what lies between the closing lines, or else groups of as many cells as the header has."""
    flat: list[Span | None] = []  # None: a line with a separator and no cell (a row's end)
    for cells in cells_per_line:
        flat.extend(cells if cells else [None])
    bars = separator_lines(flat)
    if bars:
        flat = bars
    # a caption above the header (2024年石鱼镇森林防灭火重点任务清单 |): the header opens at the first
    # cell that names a column
    first = next((k for k, c in enumerate(flat[:8]) if c is not None and column_kind(text[c[0]:c[1]])), 0)
    flat = flat[first:]
    n = 0
    header: list[Span] = []
    for c in flat:
        if c is None:
            if header:
                break
            continue
        kind = column_kind(text[c[0]:c[1]])
        if kind is None and (header or n) and len(header) >= 2 and not heads_more(text, flat, c):
            break
        if kind is None and len(re.sub(r"\s", "", text[c[0]:c[1]])) > 6:
            break
        header.append(c)
        n += 1
    kinds = header_kinds([text[a:b] for a, b in header]) if len(header) >= 2 else None
    if not kinds:
        return None
    kinds = work_kinds(kinds)
    n = len(header)
    table = Table(header[0][0], run[-1][1], [text[a:b] for a, b in header], kinds, source="cell-lines")
    start = flat.index(header[-1]) + 1
    body = [c for c in flat[start:] if c is None or not re.match(r"(抄送|抄报|附件|联系人|联系电话)", text[c[0]:c[1]])]
    if numbered_rows(table, text, body, n):
        return table
    if any(c is None for c in body):  # rows closed by separator lines
        row: list[Span] = []
        for c in body + [None]:
            if c is None:
                if row:
                    add_row(table, text, row[:n] if len(row) >= n else row, (row[0][0], row[-1][1]), from_left=True)
                row = []
            else:
                row.append(c)
        return table
    full = len(body) - len(body) % n
    for k in range(0, full, n):
        row = body[k:k + n]
        add_row(table, text, row, (row[0][0], row[-1][1]))
    for cell in body[full:]:  # cells left over: notes spanning the table, one row each
        add_row(table, text, [cell], cell)
    return table


def separator_lines(flat: list[Span | None]) -> list[Span | None] | None:
    """A table whose every cell is followed by a line holding only a bar (序号 / | / 任务事项 / | /
    牵头责任 / 部门 / | …): the bars separate cells, they close no row; the lines between two
    bars are one cell broken over lines. The cells, with a broken cell's lines joined; None
    when the bars close rows instead."""
    cells = [k for k, c in enumerate(flat) if c is not None]
    if len(cells) < 6:
        return None
    followed = sum(1 for k in cells if k + 1 < len(flat) and flat[k + 1] is None)
    if followed < 0.6 * len(cells):
        return None
    out: list[Span | None] = []
    run: list[Span] = []
    for c in flat + [None]:
        if c is None:
            if run:
                out.append((run[0][0], run[-1][1]))
            run = []
        else:
            run.append(c)
    return out


def heads_more(text: str, flat: list[Span | None], c: Span) -> bool:
    """A short header cell whose meaning no list gives (年度目标 between 任务事项 and 牵头责任部门) is
    still a column when a header word follows within two cells."""
    if len(re.sub(r"\s", "", text[c[0]:c[1]])) > 6:
        return False
    k = flat.index(c)
    return any(x is not None and column_kind(text[x[0]:x[1]]) for x in flat[k + 1:k + 3])


def numbered_rows(table: Table, text: str, body: list[Span | None], n: int) -> bool:
    """Rows that each open with their number cell (1 | 贯彻… | 3月底前 | 林业发展岗 | 2 | …) when the
    header has no number column: each row is the cells after its number, in the header's order.
    Cells beyond the header's width before the next number are a section heading (一、…) or a
    merged group cell cut by the page (属地党), not the row's. False when the rows are not numbered."""
    cells = [c for c in body if c is not None]
    numbered = "number" in table.kinds  # (the number cell is then the row's first)
    if numbered and table.kinds[0] != "number":
        return False
    at = [k for k, c in enumerate(cells) if cell_type(text[c[0]:c[1]]) == "number"]
    values = [int(re.sub(r"\D", "", text[cells[k][0]:cells[k][1]])) for k in at]
    if len(at) < 2 or values != list(range(values[0], values[0] + len(values))):
        return False
    for c in cells[:at[0]]:
        if cell_type(text[c[0]:c[1]]) == "heading":
            add_row(table, text, [c], c)
    for i, k in enumerate(at):
        stop = at[i + 1] if i + 1 < len(at) else len(cells)
        if numbered:
            seg = cells[k:stop]
            section = next((j for j in range(2, len(seg)) if SECTION_NUMBER.fullmatch(text[seg[j][0]:seg[j][1]].strip())), None)
            seg, heading = (seg[:section], seg[section:]) if section is not None else (seg, [])
            add_row(table, text, merged_row(table, seg), (seg[0][0], seg[-1][1]), from_left=True)
            if heading:  # 二 | 交通安全执法方面: the next section's row, cut into the row before it
                table.rows.append([(heading[0][0], heading[-1][1])] + [None] * (n - 1))
                table.sections.append(True)
                table.row_spans.append((heading[0][0], heading[-1][1]))
            continue
        row, rest = cells[k + 1:stop][:n], cells[k + 1:stop][n:]
        if row:
            add_row(table, text, row, (cells[k][0], row[-1][1]), from_left=True)
        for c in rest:
            if cell_type(text[c[0]:c[1]]) == "heading":
                add_row(table, text, [c], c)
    return True


SECTION_NUMBER = re.compile(r"[一二三四五六七八九十]{1,3}")


def merged_row(table: Table, seg: list[Span]) -> list[Span]:
    """A row with more cells than the header has columns: a column over sub-columns (年度目标 over
    2018年度 | 2019年度 | 2020年度) holds them all — the cells before it and after it keep their
    columns, the ones between are that column's, joined. Without such a column, the last holds
    the overflow (as add_row does)."""
    n = len(table.kinds)
    if len(seg) <= n:
        return seg
    task = next((j for j, k in enumerate(table.kinds) if k in TEXT_KINDS), 0)
    wide = next((j for j in range(task + 1, n) if table.kinds[j] is None), None)
    if wide is None:
        return seg
    tail = n - wide - 1
    middle = seg[wide:len(seg) - tail]
    return seg[:wide] + [(middle[0][0], middle[-1][1])] + (seg[len(seg) - tail:] if tail else [])


def add_row(table: Table, text: str, cells: list[Span], span: Span, from_left: bool = False) -> None:
    """One row; a row with fewer cells than columns is placed by its cells' types (a
    flattened row lost merged cells), or from the left when its end was marked."""
    n = len(table.kinds)
    types = [cell_type(text[a:b]) for a, b in cells]
    if len(cells) == 1 and types[0] == "heading":
        table.rows.append([cells[0]] + [None] * (n - 1))
        table.sections.append(True)
        table.row_spans.append(span)
        return
    if len(cells) >= n:
        placed: list[Span | None] = list(cells[:n - 1]) + [(cells[n - 1][0], cells[-1][1])]
    elif len(cells) == 1 and types[0] == "text":
        # a row spanning the table (a closing note under the rows): its text is the task
        col = next((j for j, k in enumerate(table.kinds) if k == "task"), None)
        if col is None:
            col = next((j for j, k in enumerate(table.kinds) if k == "context"), 0)
        placed = [None] * n
        placed[col] = cells[0]
    elif from_left:
        placed = list(cells) + [None] * (n - len(cells))
    else:
        placed = [None] * n
        for cell, j in zip(cells, align(types, table.kinds)):
            placed[j] = cell
    table.rows.append(placed)
    table.sections.append(False)
    table.row_spans.append(span)


# ---------------------------------------------------------------- declared tables
def declared_table(raw: RawTable, clean: MappedText) -> Table | None:
    """A reader's table, its cell spans moved into the cleaned text."""
    rows = [[clean.from_original(a, b) for a, b in row] for row in raw.rows]
    rows = [[(a, b) for a, b in row] for row in rows if any(b > a for a, b in row)]
    if not rows:
        return None
    text = clean.text
    width = max(len(r) for r in rows)
    header_at = None
    kinds: list[str | None] = []
    for h, row in enumerate(rows[: max(1, raw.header_rows) + 3]):
        k = header_kinds([text[a:b] for a, b in row])
        if k:
            header_at, kinds = h, k
            break
    if header_at is None:
        kinds = [None] * width
        header_at = raw.header_rows - 1
    header = [text[a:b] for a, b in rows[header_at]] if header_at >= 0 else [""] * width
    kinds = kinds + [None] * (width - len(kinds))
    table = Table(rows[0][0][0], rows[-1][-1][1], header + [""] * (width - len(header)), kinds, source="reader")
    for row in rows[header_at + 1:]:
        cells = [c for c in row]
        cells = cells + [(cells[-1][1], cells[-1][1])] * (width - len(cells))
        table.rows.append([c if c[1] > c[0] else None for c in cells])
        table.sections.append(False)
        table.row_spans.append((min(a for a, _ in cells), max(b for _, b in cells)))
    return table


# ---------------------------------------------------------------- the document's blocks
def find_blocks(clean: MappedText, raw_tables: list[RawTable] | None = None) -> list[Block]:
    """The document as paragraphs (one a line) and tables, in text order."""
    text = clean.text
    tables = [t for t in (declared_table(rt, clean) for rt in raw_tables or []) if t is not None]
    taken = [(t.start, t.end) for t in tables]
    for t in flattened_tables(text):
        if all(t.end <= a or t.start >= b for a, b in taken):
            tables.append(t)
    tables.sort(key=lambda t: t.start)
    blocks: list[Block] = []
    k = 0
    for a, b in lines_of(text):
        while k < len(tables) and tables[k].end <= a:
            k += 1
        if k < len(tables) and tables[k].start <= a < tables[k].end or (k < len(tables) and a <= tables[k].start < b):
            if not blocks or blocks[-1] is not tables[k]:
                blocks.append(tables[k])
            continue
        if text[a:b].strip():
            blocks.append(Paragraph(a, b))
    return blocks


def table_regions(blocks: list[Block]) -> list[Span]:
    return [(b.start, b.end) for b in blocks if isinstance(b, Table)]
