"""Property tests for the reader code that parses arbitrary bytes and text: it either reads or
raises IngestError, and declared tables always honour the RawTable contract."""

from __future__ import annotations

import string

from hypothesis import HealthCheck, given, settings, strategies as st

from policykg.ingest.model import IngestError
from policykg.ingest.readers import Limits, read_bytes
from policykg.ingest.readers.builder import Cell, TextBuilder, attachment_lines, cell_text
from policykg.ingest.readers.ofd import deltas
from policykg.ingest.readers.pdf import glyph_lines, join_wrapped
from policykg.ingest.readers.sniff import sniff

MAGICS = [b"", b"%PDF-1.4\n", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"{\\rtf1", b"<html><body>",
          b"\x89PNG\r\n\x1a\n", b"\xef\xbb\xbf", b"\xff\xfe"]
EXTS = [".txt", ".html", ".pdf", ".docx", ".xlsx", ".ofd", ".doc", ".xls", ".png", ".md", ""]
CJK_TEXT = st.text(alphabet=st.sampled_from(list("任务单位牵头配合完成时限前底月日年，。、（）：\n\t 　abcXYZ0123456789-")),
                   max_size=40)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(MAGICS), st.binary(max_size=3000), st.sampled_from(EXTS))
def test_any_bytes_are_read_or_refused_with_a_reason(magic, tail, ext):
    data = magic + tail
    try:
        raw = read_bytes(data, "f" + ext, ext)
    except IngestError as exc:
        assert exc.reason
        return
    assert raw.text.strip()
    for t in raw.tables:
        for row in t.rows:
            for s, e in row:
                assert 0 <= s <= e <= len(raw.text)


@given(st.binary(max_size=4096), st.sampled_from(EXTS))
def test_sniff_never_fails(data, ext):
    assert sniff(data, ext) is None or isinstance(sniff(data, ext), str)


@st.composite
def grids(draw):
    """A grid with merged blocks: positions of one block share one Cell."""
    n_rows, n_cols = draw(st.integers(1, 6)), draw(st.integers(1, 6))
    grid = [[None] * n_cols for _ in range(n_rows)]
    for r in range(n_rows):
        for c in range(n_cols):
            if grid[r][c] is not None:
                continue
            h = draw(st.integers(1, n_rows - r))
            w = draw(st.integers(1, n_cols - c))
            if any(grid[rr][cc] is not None for rr in range(r, r + h) for cc in range(c, c + w)):
                h = w = 1
            cell = Cell(key=(r, c), text=draw(CJK_TEXT)) if draw(st.booleans()) or True else None
            for rr in range(r, r + h):
                for cc in range(c, c + w):
                    grid[rr][cc] = cell
    return grid


@given(st.lists(grids(), min_size=1, max_size=3), st.lists(CJK_TEXT, max_size=3))
def test_tables_are_written_one_row_a_line_with_shared_spans(tables, prose):
    b = TextBuilder("t", Limits.from_env())
    for p in prose:
        b.line(p.replace("\n", " "))
    for grid in tables:
        b.table(grid)
    text = b.text()
    assert len(b.tables) == len(tables)
    for grid, table in zip(tables, b.tables):
        assert len(table.rows) == len(grid)
        first_span: dict = {}
        for r, row in enumerate(grid):
            for c, cell in enumerate(row):
                s, e = table.rows[r][c]
                assert text[s:e] == cell_text(cell.text)
                assert "\n" not in text[s:e]
                assert first_span.setdefault(cell.key, (s, e)) == (s, e)  # merged: the same span


@given(st.text(max_size=300))
def test_attachment_lines_come_from_the_text(text):
    for name in attachment_lines(text):
        assert name and name in text


@given(st.text(alphabet="g0123456789. -x", max_size=60))
def test_ofd_deltas_never_fail(s):
    assert all(isinstance(x, float) for x in deltas(s))


glyph = st.fixed_dictionaries({
    "text": st.sampled_from(list("安全生产，。ab1 ")), "x0": st.floats(0, 500), "top": st.floats(0, 800),
    "size": st.floats(5, 20)})


@given(st.lists(glyph, max_size=60))
def test_glyph_lines_keep_every_glyph(gs):
    chars = []
    for g in gs:
        c = dict(g)
        c["x1"] = c["x0"] + c["size"]
        c["bottom"] = c["top"] + c["size"]
        c["y0"], c["y1"] = 842 - c["bottom"], 842 - c["top"]
        c["matrix"] = (1, 0, 0, 1, c["x0"], 842 - c["bottom"])
        c["upright"] = True
        chars.append(c)
    lines = glyph_lines(chars)
    got = "".join(t for _, t in lines).replace(" ", "")
    want = "".join(c["text"] for c in chars).replace(" ", "")
    assert sorted(got) == sorted(want)


@given(st.lists(CJK_TEXT, max_size=5))
def test_join_wrapped_keeps_the_characters(lines):
    joined = join_wrapped(lines)
    assert joined.replace(" ", "") == "".join(x.strip() for x in lines if x.strip()).replace(" ", "")
