"""Evidence marks: each task's actors, recipients, deadlines, sectors and targets located in the
original text (offsets into `record["original_text"]`), for the API's document view.

The task text is a `MappedText` of the clean text, so marks survive cleaning: pinyin notes,
joined lines, full-width punctuation, traditional script (seed 003 stays traditional) and
table cells joined by spaces.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np
import opencc
import pytest
from hypothesis import given, settings, strategies as st

from policykg.ingest.model import RawDocument
from policykg.ingest.pipeline import load_document, structure
from policykg.ingest.outline import match_marker
from policykg.ingest.textmap import MappedText
from policykg.nlp.extract import doc_context, extract_document, task_text
from policykg.nlp.preamble import preamble_tasks
from policykg.nlp.tasks import select_tasks

KINDS = {"actor", "recipient", "deadline", "sector", "target"}
T2S = opencc.OpenCC("t2s").convert
PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]+\)")


def fold(s: str) -> str:
    """Original and clean text compared: pinyin notes, script, width and whitespace ignored."""
    import unicodedata

    s = PINYIN.sub("", unicodedata.normalize("NFKC", s))
    return re.sub(r"\s+", "", T2S(s))


def by_path(record: dict) -> dict[tuple[str, ...], dict]:
    return {tuple(t["path"]): t for t in record["tasks"]}


def surfaces(record: dict, task: dict, kind: str) -> list[tuple[str, str]]:
    o = record["original_text"]
    return [(m["label"], o[m["start"]:m["end"]]) for m in task["marks"] if m["kind"] == kind]


# ---------------------------------------------------------------- shape and containment
def test_every_mark_has_the_record_shape_and_lies_inside_its_task(seed_records):
    for rec in seed_records.values():
        n = len(rec["original_text"])
        for task in rec["tasks"]:
            a, b = task["span"]
            for m in task["marks"]:
                assert set(m) == {"kind", "label", "start", "end"}
                assert m["kind"] in KINDS and isinstance(m["label"], str) and m["label"]
                assert 0 <= a <= m["start"] < m["end"] <= b <= n, (task["id"], m)


def test_marks_cover_every_extracted_finding(seed_records):
    """Each explicit actor, recipient, sector, deadline and target has its evidence, and a
    mark's label is the canonical value the record carries."""
    for rec in seed_records.values():
        for task in rec["tasks"]:
            labels = {(m["kind"], m["label"]) for m in task["marks"]}
            for actor in task["actors"]:
                assert (("actor", actor["name"]) in labels) == actor["explicit"], (task["id"], actor)
            assert {("recipient", r) for r in task["recipients"]} <= labels
            assert {("sector", s) for s in task["sectors"]} == {x for x in labels if x[0] == "sector"}
            assert sum(m["kind"] == "deadline" for m in task["marks"]) == len(task["deadlines"])
            assert sum(m["kind"] == "target" for m in task["marks"]) == len(task["targets"])


def test_deadline_and_target_marks_hold_their_text_as_written(seed_records):
    for rec in seed_records.values():
        o = rec["original_text"]
        for task in rec["tasks"]:
            dmarks = [m for m in task["marks"] if m["kind"] == "deadline"]
            assert sorted(fold(o[m["start"]:m["end"]]) for m in dmarks) == \
                sorted(fold(d["text"]) for d in task["deadlines"])
            tmarks = [m for m in task["marks"] if m["kind"] == "target"]
            assert sorted(fold(o[m["start"]:m["end"]]) for m in tmarks) == \
                sorted(fold(t["text"]) for t in task["targets"])


# ---------------------------------------------------------------- seed examples
def test_traditional_seed_marks_keep_the_original_script(seed_records):
    rec = seed_records["003"]
    task = by_path(rec)[("三", "(一)")]  # 按时报送: 3月10日前 to 省應急管理廳
    deadlines = surfaces(rec, task, "deadline")
    assert ("2020-03-10", "3月10日前") in deadlines
    assert ("作出决定+P30D", "作出決定之日起30日內") in deadlines  # traditional 決/內 kept
    assert ("黑龙江省应急管理厅", "省應急管理廳") in surfaces(rec, task, "recipient")
    all_actor_text = [w for t in rec["tasks"] for _, w in surfaces(rec, t, "actor")]
    assert "各地應急管理局" in all_actor_text  # as written, not the simplified clean text


def test_pinyin_notes_stay_inside_a_mark_that_spans_them(seed_records):
    rec = seed_records["003"]
    task = by_path(rec)[("三", "(二)")]
    written = dict((w, label) for label, w in surfaces(rec, task, "deadline"))
    assert any("(tǒng)" in w for w in written)  # 一季一統(tǒng)計、一季一通報
    assert ("quarterly", "每季度第一個月5日前") in surfaces(rec, task, "deadline")


def test_simplified_seed_actor_and_recipient_marks(seed_records):
    rec = seed_records["000"]
    task = by_path(rec)[("二", "5")]
    assert surfaces(rec, task, "recipient") == [("应急管理部", "应急部"), ("山西省应急管理厅", "省应急厅")]
    relative = by_path(rec)[("二", "4")]
    assert [w for _, w in surfaces(rec, relative, "deadline")] == ["24小时", "7天", "30天"]


def test_list_items_are_marked_one_by_one(seed_records):
    """"水务、自然资源(林业)、气象…等部门参与": one mark per body, on its own word."""
    rec = seed_records["002"]
    o = rec["original_text"]
    for task in rec["tasks"]:
        for m in task["marks"]:
            if m["kind"] == "actor":
                written = o[m["start"]:m["end"]]
                assert "、" not in written, (task["id"], written)


# ---------------------------------------------------------------- text unchanged
def plain_task_text(clean: str, ts) -> str:
    """The task text computed with plain string edits (no offset map)."""
    if ts.cells:
        return " ".join(clean[a:b] for k, (a, b) in ts.cells if k != "number")
    raw = clean[ts.start:ts.end]
    if ts.item is not None and ts.start == ts.item.start and ts.item.style != "shi":
        hit = match_marker(raw)
        if hit:
            raw = raw[hit[3]:]
    return re.sub(r"\s*\n\s*", "", raw).strip()


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_mapped_task_text_equals_the_plain_text(seed_path, prefix):
    """The offset-keeping MappedText gives exactly the text plain string edits give."""
    doc = load_document(seed_path(prefix))
    ctx = doc_context(doc)
    spans = select_tasks(doc)
    for ts in preamble_tasks(doc, ctx, [], spans) + spans:
        assert task_text(doc, ts) == plain_task_text(doc.clean.text, ts)


# ---------------------------------------------------------------- table rows
TABLE = """佛山市2023年安全生产重点工作任务分工方案
序号\t重点任务\t牵头单位\t配合单位\t完成时限
1\t开展城镇燃气安全专项整治\t市住建局\t市市场监管局、市公安局\t2023年6月底前
2\t推进工贸企业有限空间作业安全治理\t市应急管理局\t市公安局\t2023年9月30日前
"""


def composed(text: str, name: str = "composed.txt") -> dict:
    raw = RawDocument(name, text, "utf-8", "txt", hashlib.sha256(text.encode()).hexdigest())
    return extract_document(structure(raw))


def test_table_row_marks_point_into_their_cells():
    rec = composed(TABLE)
    o = rec["original_text"]
    first, second = rec["tasks"]
    assert first["text"] == "开展城镇燃气安全专项整治 市住建局 市市场监管局、市公安局 2023年6月底前"
    row1 = o.index("1\t开展")
    row2 = o.index("2\t推进")
    marks = {(m["kind"], m["label"]): m for m in first["marks"]}
    police = marks[("actor", "佛山市公安局")]
    assert o[police["start"]:police["end"]] == "市公安局" and row1 < police["start"] < row2
    assert o[marks[("actor", "佛山市住房和城乡建设局")]["start"]:marks[("actor", "佛山市住房和城乡建设局")]["end"]] == "市住建局"
    assert o[marks[("deadline", "2023-06-30")]["start"]:marks[("deadline", "2023-06-30")]["end"]] == "2023年6月底前"
    assert o[marks[("sector", "城镇燃气")]["start"]:marks[("sector", "城镇燃气")]["end"]] == "城镇燃气"
    police2 = next(m for m in second["marks"] if m["label"] == "佛山市公安局")
    assert o[police2["start"]:police2["end"]] == "市公安局" and police2["start"] > row2
    assert {("sector", "工贸")} <= {(m["kind"], m["label"]) for m in second["marks"]}


def test_traditional_table_with_full_width_bars_maps_cells():
    text = ("廣州市2023年防汛工作任務分工\n"
            "|序號|工作任務|牽頭單位|完成時限|\n"
            "|1|開展水庫防汛隱患排查|市水務局|2023年5月31日前|\n")
    rec = composed(text)
    o = rec["original_text"]
    task = rec["tasks"][0]
    assert len(rec["tasks"]) == 1 and task["path"] == ["1"]  # the row, not also a preamble line
    assert task["text"] == "开展水库防汛隐患排查 市水务局 2023年5月31日前"
    got = {(m["kind"], m["label"], o[m["start"]:m["end"]]) for m in task["marks"]}
    assert got == {("sector", "水利", "水庫"), ("sector", "防汛抗旱", "防汛"), ("actor", "广州市水务局", "市水務局"),
                   ("deadline", "2023-05-31", "2023年5月31日前")}


def test_labelled_fields_are_marked_on_each_name():
    text = ("2023年全市应急管理工作要点\n一、强化风险防控\n"
            "1.深化重大事故隐患排查整治。全面排查整改重大事故隐患。"
            "(牵头单位:市应急管理局;配合单位:市住建局、市交通运输局;完成时限:2023年12月底前)\n")
    rec = composed(text)
    o = rec["original_text"]
    task = rec["tasks"][0]
    written = [o[m["start"]:m["end"]] for m in task["marks"] if m["kind"] == "actor"]
    assert written == ["市应急管理局", "市住建局", "市交通运输局"]


# ---------------------------------------------------------------- MappedText helpers
def test_join_maps_separators_to_the_gap_between_parts():
    mt = MappedText.identity("甲乙\t丙丁\t戊")
    joined = MappedText.join(" ", [mt.slice(0, 2), mt.slice(3, 5), mt.slice(6, 7)])
    assert joined.text == "甲乙 丙丁 戊"
    assert joined.to_original(3, 5) == (3, 5)
    assert joined.original_slice(0, 5) == "甲乙\t丙丁"
    assert joined.original_slice(2, 3) == "\t"


def test_strip_keeps_the_map():
    mt = MappedText.identity("  任务。 \n")
    s = mt.strip()
    assert s.text == "任务。" and s.to_original(0, 3) == (2, 5)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=list("甲乙 \t|,"), max_size=6), min_size=1, max_size=5),
       st.sampled_from([" ", "", "、"]))
def test_join_equals_str_join_and_keeps_order(cells, sep):
    original = "\t".join(cells)
    mt = MappedText.identity(original)
    parts, pos = [], 0
    for c in cells:
        parts.append(mt.slice(pos, pos + len(c)))
        pos += len(c) + 1
    joined = MappedText.join(sep, parts)
    assert joined.text == sep.join(cells)
    assert len(joined.starts) == len(joined.ends) == len(joined.text)
    assert np.all(np.diff(joined.starts) >= 0) and np.all(joined.starts <= joined.ends)
    assert np.all(joined.ends <= len(original))
