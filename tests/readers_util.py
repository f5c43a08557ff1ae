"""Shared checks for reader tests: where the real files are, and the RawTable contract."""

from __future__ import annotations

from pathlib import Path

REAL = Path(__file__).resolve().parents[2] / "shared" / "realfiles"


def check_table(text: str, table) -> None:
    """Every cell is a span of `text` on one line; a row's cells are in order on its line
    unless shared with a cell above (a merged cell is written once)."""
    assert table.rows, "a declared table has rows"
    width = len(table.rows[0])
    for row in table.rows:
        assert len(row) == width
        for s, e in row:
            assert 0 <= s <= e <= len(text)
            assert "\n" not in text[s:e]


def cell(text: str, table, r: int, c: int) -> str:
    s, e = table.rows[r][c]
    return text[s:e]


def row_texts(text: str, table, r: int) -> list[str]:
    return [text[s:e] for s, e in table.rows[r]]


def merged_groups(table) -> dict[tuple[int, int], list[tuple[int, int]]]:
    """Spans shared by more than one grid position: the merged cells."""
    where: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for r, row in enumerate(table.rows):
        for c, span in enumerate(row):
            where.setdefault(span, []).append((r, c))
    return {span: pos for span, pos in where.items() if len(pos) > 1}
