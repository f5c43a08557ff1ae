"""Property tests for the block reader (ingest/blocks.py), which finds tables in whatever text a
scraped page flattened them into: it must never raise, its spans must stay inside the text and
in order, every row must have one cell slot per column, and blocks must not overlap."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.ingest.blocks import Paragraph, Table, find_blocks, flattened_tables
from policykg.ingest.textmap import MappedText

# header words of real 任务分工 tables, cells and separators: the material flattened tables are made of
HEADERS = st.sampled_from(["序号", "工作任务", "牵头单位", "责任单位", "配合单位", "完成时限", "时限要求", "任务", "演练科目"])
CELLS = st.sampled_from(["省应急厅", "县公安局、县交通局", "2021年6月底前", "长期坚持", "1", "一、体系建设",
                         "开展隐患排查整治", "各乡镇人民政府", "", " "])
PIECE = st.one_of(HEADERS, CELLS, st.sampled_from(["|", " | ", "\t", "\n", "\n|\n", "|\n"]),
                  st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), max_size=6))
TEXT = st.lists(PIECE, max_size=60).map("".join)


def _check_table(table: Table, text: str) -> None:
    assert 0 <= table.start <= table.end <= len(text)
    assert len(table.header) == len(table.kinds)
    for row, span in zip(table.rows, table.row_spans):
        assert len(row) == len(table.kinds)
        assert table.start <= span[0] <= span[1] <= table.end
        for cell in row:
            if cell is not None:
                assert 0 <= cell[0] <= cell[1] <= len(text)


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_flattened_tables_never_raise_and_stay_inside(text):
    for table in flattened_tables(text):
        _check_table(table, text)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_blocks_are_in_order_and_do_not_overlap(text):
    blocks = find_blocks(MappedText.identity(text))
    last_end = 0
    for block in blocks:
        assert isinstance(block, (Paragraph, Table))
        assert block.start >= last_end
        assert block.start <= block.end <= len(text)
        if isinstance(block, Table):
            _check_table(block, text)
        last_end = block.end
