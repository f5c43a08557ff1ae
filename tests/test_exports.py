"""The 任务分工 exports read back cell by cell (issue 14), on real circulars: d05 (大英县 drill
plan, a table with 牵头/责任单位 and 时限要求 cells), d34 (吉林 allocation with 牵头/配合
brackets), d57 (赣州 fire targets: 每季度, 每半年) from ../shared/devset/docs, and the Yunnan
and Heilongjiang seeds.

What a bureau hands on must say what the circular says: the 完成时限 cell is the text's own
wording (the ISO date in the 截止日期 column beside it), 每半年 never becomes 每月, a task with
no limit reads 未明确 in every format (and the page says the same), bodies are listed in the
order the text names them with leads first, 配合单位 gets its own column when the circular
splits roles, 报送对象 is a column, and the file is named 任务分工-<标题>.
"""

from __future__ import annotations

import csv
import io
import re
import urllib.parse
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"

DEVSET = SHARED / "devset" / "docs"
COLUMNS_SPLIT = ["序号", "重点任务", "牵头单位", "配合单位", "完成时限", "截止日期", "报送对象", "行业领域"]
COLUMNS_ONE = ["序号", "重点任务", "责任单位", "完成时限", "截止日期", "报送对象", "行业领域"]

pytestmark = pytest.mark.skipif(not (DEVSET / "d05.txt").exists(), reason="../shared/devset is not beside the repo")


@pytest.fixture(scope="module")
def exports(falkor_data, seed_records):
    """An API over a graph of its own holding d05, d34, d57 and seeds 001/003; yields
    (client, {name: record}, {name: document id})."""
    from fastapi.testclient import TestClient

    from policykg.api.app import create_app
    from policykg.api.service import Service
    from policykg.graph.falkor_store import FalkorStore
    from policykg.graph.writer import write_record
    from policykg.nlp.extract import extract_path

    store = FalkorStore.embedded(falkor_data, graph="policykg_exports")
    store.write("MATCH (n) DETACH DELETE n")
    store.ensure_schema()
    records = {name: extract_path(DEVSET / f"{name}.txt") for name in ("d05", "d34", "d57")}
    records.update({"001": seed_records["001"], "003": seed_records["003"]})
    ids = {name: write_record(store, rec, None).doc_id for name, rec in records.items()}
    with TestClient(create_app(Service(store, None))) as client:
        yield client, records, ids
    store.close()


def download(client, doc_id: str, fmt: str):
    r = client.get(f"/documents/{doc_id}/breakdown", params={"format": fmt})
    assert r.status_code == 200, r.text
    return r


def xlsx_rows(content: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(content)).active
    return [["" if v is None else str(v) for v in row] for row in ws.iter_rows(values_only=True)]


def docx_rows(content: bytes) -> tuple[str, list[list[str]]]:
    from docx import Document

    doc = Document(io.BytesIO(content))
    return doc.paragraphs[0].text, [[c.text for c in row.cells] for row in doc.tables[0].rows]


def table_of(client, doc_id: str) -> tuple[str, list[str], list[list[str]]]:
    """The XLSX read back: title, header, body rows — and the same read from the DOCX, CSV,
    MD and JSON must match it cell for cell."""
    rows = xlsx_rows(download(client, doc_id, "xlsx").content)
    title, header, body = rows[0][0], rows[1], rows[2:]
    d_title, d_rows = docx_rows(download(client, doc_id, "docx").content)
    assert (d_title, d_rows[0], d_rows[1:]) == (title, header, body)
    c_rows = list(csv.reader(io.StringIO(download(client, doc_id, "csv").content.decode("utf-8-sig"))))
    assert c_rows == [header, *body]
    md = download(client, doc_id, "md").content.decode("utf-8").splitlines()
    assert md[0] == f"# {title}"
    assert [[c.strip() for c in line.strip("|").split(" | ")] for line in md[4:]] == body
    as_json = client.get(f"/documents/{doc_id}/breakdown").json()
    assert as_json["columns"] == header and [list(r.values()) for r in as_json["rows"]] == body
    return title, header, body


def cell(header: list[str], row: list[str], column: str) -> str:
    return row[header.index(column)]


def offsets_of(client, doc_id: str) -> dict[tuple[str, str], int]:
    """(task id, body name) -> where the text names the body (the API's actor offsets)."""
    doc = client.get(f"/documents/{doc_id}").json()
    return {(t["id"], a["name"]): a["start"] for t in doc["tasks"] for a in t["actors"] if a["start"] is not None}


def test_d05_table_reads_back_cell_by_cell(exports):
    client, records, ids = exports
    source = (DEVSET / "d05.txt").read_text(encoding="utf-8")
    title, header, body = table_of(client, ids["d05"])
    assert header == COLUMNS_SPLIT  # the circular's 牵头责任单位 / 责任单位 split
    assert title == "d05任务分工"  # no title in the excerpt: named after the file
    assert [r[0] for r in body] == [str(i) for i in range(1, len(records["d05"]["tasks"]) + 1)]
    drill = body[0]
    assert cell(header, drill, "重点任务") == "危化品泄漏"
    # the 时限要求 cell as the circular writes it, its two limits in its order
    written = next(line for line in source.splitlines() if line.startswith("4月底前"))
    assert cell(header, drill, "完成时限") == written.strip(" |").replace(",", ";")
    assert cell(header, drill, "截止日期") == ""  # the excerpt gives no year: no ISO date is invented
    # 县安委办、县应急办 lead, in that order; the 责任单位 cell's bodies follow the text
    leads = cell(header, drill, "牵头单位").split("、")
    assert [("安全生产委员会办公室" in leads[0]), ("应急管理办公室" in leads[1])] == [True, True]
    participants = cell(header, drill, "配合单位").split("、")
    assert participants[0] == "大英县环境保护局" and participants[-1] == "大英县民政局"
    where = offsets_of(client, ids["d05"])
    task_id = client.get(f"/documents/{ids['d05']}/breakdown").json()["task_ids"][0]
    assert [where[(task_id, n)] for n in participants] == sorted(where[(task_id, n)] for n in participants)
    # the closing row: every township and committee, reporting to 县应急办
    closing = body[-1]
    assert cell(header, closing, "牵头单位").startswith("各镇乡人民政府")
    assert cell(header, closing, "报送对象") == "大英县人民政府应急管理办公室"
    assert cell(header, closing, "完成时限").startswith("5.12")


def test_d34_leads_then_participants_in_text_order(exports):
    client, records, ids = exports
    title, header, body = table_of(client, ids["d34"])
    assert header == COLUMNS_SPLIT
    assert title == records["d34"]["meta"]["title"] + "任务分工"
    first = body[0]  # (省安监局及各行业主管、监管部门分工负责,省法制办配合)
    assert cell(header, first, "牵头单位") == "吉林省安全生产监督管理局、各行业主管、监管部门"  # one class, described twice
    assert cell(header, first, "配合单位") == "吉林省人民政府法制办公室"
    second = body[1]  # (省住房城乡建设厅、省交通运输厅、省质监局、省气象局、沈阳铁路局负责,省法制办配合)
    assert cell(header, second, "牵头单位").split("、") == [
        "吉林省住房和城乡建设厅", "吉林省交通运输厅", "吉林省质量技术监督局", "吉林省气象局", "沈阳铁路局"]
    # bodies inferred from the addressee line keep its order: 各市(州)人民政府,长白山管委会,各县(市)…
    inferred = body[4]
    assert cell(header, inferred, "牵头单位").split("、")[:3] == ["各市州人民政府", "长白山管委会", "各县市人民政府"]
    # no limit anywhere in this excerpt: 未明确, never an invented 持续推进 or 长期坚持
    assert {cell(header, r, "完成时限") for r in body} == {"未明确"}
    assert {cell(header, r, "截止日期") for r in body} == {""}


def test_d57_half_yearly_is_written_and_not_monthly(exports):
    client, records, ids = exports
    title, header, body = table_of(client, ids["d57"])
    row = next(r for r in body if cell(header, r, "重点任务").startswith("规范运行消防安全委员会"))
    wording = cell(header, row, "完成时限")
    assert "每季度向行业系统通报" in wording and "每半年" in wording
    assert "每月" not in wording


def test_yunnan_no_limit_is_未明确_everywhere_and_dates_sit_beside_the_wording(exports):
    """The export wrote 持续推进 for 30 of 34 Yunnan rows where the page said 未明确."""
    client, records, ids = exports
    title, header, body = table_of(client, ids["001"])
    assert title == "2019年度安全生产工作要点任务分工"
    limits = [cell(header, r, "完成时限") for r in body]
    assert limits.count("未明确") == 33
    assert "持续推进" not in limits and "长期坚持" not in limits
    preamble = body[0]
    assert cell(header, preamble, "完成时限") == "2019年6月20日前;12月20日前"
    assert cell(header, preamble, "截止日期") == "2019-06-20;2019-12-20"
    assert cell(header, preamble, "报送对象") == "云南省安全生产委员会办公室"
    # a row with nothing to report to leaves 报送对象 blank; 未明确 is only for the time limit
    assert cell(header, body[1], "报送对象") == "" and cell(header, body[1], "完成时限") == "未明确"
    # each written limit is the circular's wording: found in the task's text
    for rec, r in zip(records["001"]["tasks"], body):
        for part in cell(header, r, "完成时限").split(";"):
            assert part == "未明确" or part in rec["text"], part


def test_heilongjiang_cadences_keep_their_wording(exports):
    client, records, ids = exports
    title, header, body = table_of(client, ids["003"])
    report = next(r for r in body if cell(header, r, "重点任务").startswith("加强安全生产监督检查计划编制"))
    assert cell(header, report, "完成时限").split(";")[0].startswith("3月10日前")
    assert cell(header, report, "截止日期") == "2020-03-10"
    assert cell(header, report, "报送对象") == "各市人民政府、黑龙江省应急管理厅" or \
        set(cell(header, report, "报送对象").split("、")) == {"各市人民政府", "黑龙江省应急管理厅"}
    schedule = next(r for r in body if cell(header, r, "重点任务").startswith("定期开展"))
    wording = cell(header, schedule, "完成时限").split(";")
    assert "一季一统计、一季一通报" in wording and any(w.startswith("每季度第一个月5日前") for w in wording)
    assert cell(header, schedule, "截止日期") == "2020-12-30"
    assert not any(w in ("quarterly", "每季度") for w in wording)  # the cadence is not put in place of the text


@pytest.mark.parametrize("name", ["001", "d34", "d05"])
def test_downloads_are_named_after_the_circular(exports, name):
    client, records, ids = exports
    stem = "任务分工-" + (records[name]["meta"]["title"] or name)
    for fmt in ("xlsx", "docx", "csv", "md"):
        header = download(client, ids[name], fmt).headers["content-disposition"]
        encoded = re.search(r"filename\*=UTF-8''(\S+)", header).group(1)
        assert urllib.parse.unquote(encoded) == f"{stem}.{fmt}"
        assert f'filename="breakdown-{ids[name]}.{fmt}"' in header  # the ASCII name for old clients
    assert client.get(f"/documents/{ids[name]}/breakdown").json()["file_name"] == stem


def test_the_document_view_carries_the_same_wording(exports):
    """/documents/{id} tasks: actors leads first in text order, recipients, time_limits as the export words them."""
    client, records, ids = exports
    doc = client.get(f"/documents/{ids['003']}").json()
    table = client.get(f"/documents/{ids['003']}/breakdown").json()
    for task, row in zip(doc["tasks"], table["rows"]):
        wording = ";".join(x["text"] + (f"({x['cadence']})" if x["cadence"] else "") for x in task["time_limits"])
        assert row["完成时限"] == (wording or "未明确")
        assert row["报送对象"] == "、".join(task["recipients"])
    assert table["task_ids"] == [t["id"] for t in doc["tasks"]]
