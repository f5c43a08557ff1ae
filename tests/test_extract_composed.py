"""Extraction on circulars composed in the style of other provinces, cities and counties.

These texts are not seeds: they keep the rules general (tables of 牵头单位/配合单位/完成时限,
labelled fields, a county notice, a city's task breakdown in traditional script).
"""

import hashlib

import pytest

from policykg.ingest.model import RawDocument
from policykg.ingest.pipeline import structure
from policykg.nlp.extract import extract_document


def extract_text(text: str, name: str = "composed.txt") -> dict:
    raw = RawDocument(name, text, "utf-8", "txt", hashlib.sha256(text.encode()).hexdigest())
    return extract_document(structure(raw))


CITY_TABLE = """苏州市安全生产委员会办公室文件
苏安办〔2022〕12号
各县级市、区人民政府,市各有关部门:
现将《苏州市2022年安全生产重点工作任务分工方案》印发给你们,请认真贯彻落实。
苏州市安全生产委员会办公室
2022年3月8日
苏州市2022年安全生产重点工作任务分工方案
序号\t重点任务\t牵头单位\t配合单位\t完成时限
1\t开展危险化学品安全风险集中治理\t市应急管理局\t市公安局、市交通运输局\t2022年6月底前
2\t推进城镇燃气安全专项整治\t市住建局\t市市场监管局\t2022年12月31日前
3\t加强电动自行车火灾防控\t市消防救援支队\t市公安局\t长期坚持
"""


def test_task_breakdown_table_rows_become_tasks():
    rec = extract_text(CITY_TABLE)
    assert rec["meta"]["locality"] == "苏州市" and rec["meta"]["province"] == "江苏省"
    tasks = rec["tasks"]
    assert [t["title"] for t in tasks] == ["开展危险化学品安全风险集中治理", "推进城镇燃气安全专项整治", "加强电动自行车火灾防控"]
    first = tasks[0]
    assert {(a["name"], a["role"]) for a in first["actors"]} == {
        ("苏州市应急管理局", "lead"), ("苏州市公安局", "participant"), ("苏州市交通运输局", "participant")}
    assert first["deadlines"][0]["date"] == "2022-06-30"
    assert first["sectors"] == ["危险化学品"]
    assert tasks[1]["actors"][0] == {"name": "苏州市住房和城乡建设局", "role": "lead", "explicit": True}
    assert tasks[1]["sectors"] == ["城镇燃气"]
    assert tasks[2]["deadlines"] == []  # 长期坚持: no limit
    assert "消防" in tasks[2]["sectors"]


COUNTY_NOTICE = """关于开展2021年汛期安全隐患排查的通知
各乡镇人民政府,县直各有关部门:
为做好汛期安全防范工作,现将有关事项通知如下:
一、排查重点
(一)地质灾害隐患点。各乡镇要对辖区内滑坡、泥石流隐患点逐一排查,建立台账。
(二)城镇燃气。县住建局牵头,县市场监管局、县消防救援大队配合,对燃气经营企业开展检查。
二、工作要求
(一)按时报送。请各乡镇于6月15日前将排查情况报送县应急管理局。
石泉县应急管理局
2021年5月20日
"""


def test_county_notice_roles_recipients_and_local_names():
    rec = extract_text(COUNTY_NOTICE)
    meta = rec["meta"]
    assert meta["province"] == "陕西省" and meta["locality"] == "安康市石泉县"
    by_path = {tuple(t["path"]): t for t in rec["tasks"]}
    geo = by_path[("一", "(一)")]
    assert geo["sectors"] == ["地震地质灾害"]
    gas = by_path[("一", "(二)")]
    assert {(a["name"], a["role"]) for a in gas["actors"]} >= {
        ("石泉县住房和城乡建设局", "lead"), ("石泉县市场监督管理局", "participant")}
    report = by_path[("二", "(一)")]
    assert report["recipients"] == ["石泉县应急管理局"]
    assert report["deadlines"][0]["date"] == "2021-06-15"
    assert all(a["name"] != "石泉县应急管理局" for a in report["actors"])


LABELLED = """2023年全市应急管理工作要点
一、强化风险防控
1.深化重大事故隐患排查整治。全面排查整改重大事故隐患。(牵头单位:市应急管理局;配合单位:市安委会各成员单位;完成时限:2023年12月底前)
"""


def test_labelled_fields_inside_an_item():
    rec = extract_text(LABELLED)
    task = rec["tasks"][0]
    roles = {(a["name"], a["role"]) for a in task["actors"]}
    assert any(r == "lead" and n.endswith("应急管理局") for n, r in roles)
    assert task["deadlines"][0]["date"] == "2023-12-31"


TRADITIONAL = """各區人民政府,市政府各部門:
現將《2022年全市防汛工作要點》印發你們,請認真貫徹落實。
2022年全市防汛工作要點
一、壓實防汛責任
1.落實防汛責任制。各區政府要於5月31日前完成防汛隱患排查,並報市防汛抗旱指揮部辦公室。
"""


def test_traditional_script_circular():
    pytest.importorskip("policykg.ingest.clean")
    rec = extract_text(TRADITIONAL)
    task = rec["tasks"][0]
    assert task["title"] == "落实防汛责任制"
    assert task["deadlines"][0]["date"] == "2022-05-31"
    assert "防汛抗旱" in task["sectors"]
