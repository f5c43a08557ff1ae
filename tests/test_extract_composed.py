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
    first_body = tasks[1]["actors"][0]
    assert (first_body["name"], first_body["role"], first_body["explicit"]) == ("苏州市住房和城乡建设局", "lead", True)
    assert (first_body["rule"], first_body["written"]) == ("cell", "市住建局")  # traceable to the cell
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


CITY_BREAKDOWN = """广州市人民政府办公厅关于印发广州市2023年安全生产重点工作任务分工方案的通知
穗府办函〔2023〕18号
各区人民政府,市政府各部门、各直属机构:
《广州市2023年安全生产重点工作任务分工方案》已经市人民政府同意,现印发给你们,请认真组织实施。
广州市人民政府办公厅
2023年3月15日
广州市2023年安全生产重点工作任务分工方案
一、压实安全生产责任
(一)健全党政领导干部安全生产责任制,制定年度“工作清单”。(市应急管理局牵头,各区人民政府配合,2023年6月底前完成)
(二)严格落实行业部门安全监管责任,厘清新业态新领域监管职责。(市安委办牵头,市有关部门按职责分工负责,长期坚持)
二、深化重点行业领域专项整治
(三)深入推进城镇燃气安全排查整治,瓶装液化石油气充装站实现100%视频监控全覆盖。(市住房城乡建设局牵头,市卫健委、市消防救援支队配合,持续推进)
(四)各区每月5日前将上月隐患排查整治情况报送市安委办。(各区人民政府负责)
"""


def test_city_breakdown_allocates_each_task_itself():
    """A 任务分工方案 names its lead and partners per task: nobody is implied from the
    addressees, city-level departments get city-level names (支队, 卫生健康委员会), and a
    city's own generic parties (市有关部门) are actors as written."""
    rec = extract_text(CITY_BREAKDOWN)
    tasks = {tuple(t["path"]): t for t in rec["tasks"]}
    # 市政府各部门、各直属机构: the owner holds for the second class too (devset d34 convention)
    assert rec["meta"]["addressees"] == ["各区人民政府", "市政府各部门", "市政府各直属机构"]
    for t in rec["tasks"]:
        assert all(a["explicit"] for a in t["actors"]), t["path"]
    assert [(a["name"], a["role"]) for a in tasks[("一", "(一)")]["actors"]] == [
        ("广州市应急管理局", "lead"), ("各区人民政府", "participant")]
    # beside a 牵头 body the others take part (SCHEMA conventions; devset d41, d42)
    assert ("市有关部门", "participant") in {(a["name"], a["role"]) for a in tasks[("一", "(二)")]["actors"]}
    assert {a["name"] for a in tasks[("二", "(三)")]["actors"]} == {
        "广州市住房和城乡建设局", "广州市卫生健康委员会", "广州市消防救援支队"}
    monthly = tasks[("二", "(四)")]
    assert [a["name"] for a in monthly["actors"]] == ["各区人民政府"]
    assert monthly["recipients"] == ["广州市安全生产委员会办公室"]
    assert monthly["deadlines"][0]["freq"] == "monthly"


def test_county_departments_take_county_level_names():
    rec = extract_text(COUNTY_NOTICE.replace("县住建局牵头", "县卫健局牵头"))
    gas = {tuple(t["path"]): t for t in rec["tasks"]}[("一", "(二)")]
    assert {a["name"] for a in gas["actors"]} >= {"石泉县卫生健康局", "石泉县消防救援大队"}


NATIONAL_NOTICE = """國務院安全生產委員會辦公室關於做好2022年元旦春節期間安全防範工作的通知
安委辦明電〔2021〕25號
各省、自治區、直轄市及新疆生產建設兵團安全生產委員會,國務院安委會各成員單位:
為切實做好2022年元旦春節期間安全防範工作,現就有關事項通知如下:
一、嚴格落實安全生產責任。各地區要督促企業主要負責人切實履行第一責任人職責。
二、加強道路交通和水上交通安全管理。公安、交通運輸部門要加強對“兩客一危”車輛和渡船的檢查。
三、強化值班值守。各地要嚴格執行24小時值班和領導帶班制度,發生較大以上事故要在1小時內報告國務院安委會辦公室。
請各地於2022年2月10日前將節日期間安全防範工作總結報送國務院安委會辦公室。
國務院安委會辦公室
2021年12月24日
"""


def test_national_notice_in_traditional_script():
    """A national notice: one collective addressee over several levels, the signature's short
    form spelled out, departments named generically, and the closing request its own task."""
    rec = extract_text(NATIONAL_NOTICE)
    meta = rec["meta"]
    assert meta["province"] is None and meta["issuers"] == ["国务院安全生产委员会办公室"]
    assert meta["addressees"] == ["各省自治区直辖市及新疆生产建设兵团安全生产委员会", "国务院安委会各成员单位"]
    tasks = {tuple(t["path"]): t for t in rec["tasks"]}
    assert {a["name"] for a in tasks[("二",)]["actors"]} == {"公安部门", "交通运输部门"}
    assert tasks[("三",)]["recipients"] == ["国务院安全生产委员会办公室"]
    closing = tasks[("preamble",)]
    assert closing["deadlines"][0]["date"] == "2022-02-10"
    assert closing["recipients"] == ["国务院安全生产委员会办公室"]
    assert "2月10日" not in tasks[("三",)]["text"]


def test_cited_documents_author_is_not_an_actor():
    rec = extract_text(NATIONAL_NOTICE.replace("一、嚴格落實安全生產責任。", "一、嚴格落實安全生產責任。認真貫徹由國務院安委會印發的《總體方案》。"))
    first = {tuple(t["path"]): t for t in rec["tasks"]}[("一",)]
    assert "国务院安全生产委员会" not in {a["name"] for a in first["actors"]}


FLOOD_TABLE = """渭南市2022年防汛减灾重点任务分工表
序号\t重点任务\t牵头单位\t配合单位\t完成时限
1\t对全市32座水库逐一检查\t市水务局\t市应急局、市自然资源局\t2022年5月底前
2\t加强地质灾害隐患点监测预警,实现专职监测员全覆盖\t市自然资源局\t各县（市、区）人民政府\t汛期
"""


def test_table_cells_bound_targets_and_names():
    """A target's wording stays inside the task cell, and a note in parentheses
    (各县(市、区)人民政府) does not split a name in a 配合单位 cell."""
    tasks = extract_text(FLOOD_TABLE)["tasks"]
    assert [(t["text"], t["value"], t["unit"]) for t in tasks[0]["targets"]] == [("对全市32座水库逐一检查", 32, "座")]
    assert tasks[0]["deadlines"][-1]["date"] == "2022-05-31"
    assert [(a["name"], a["role"]) for a in tasks[1]["actors"]] == [
        ("渭南市自然资源局", "lead"), ("各县市区人民政府", "participant")]  # SCHEMA: 各县(市、区) -> 各县市区


ROUNDUP = """各地推进安全生产治本攻坚三年行动经验做法
今年以来,各地认真落实治本攻坚三年行动部署,形成了一批好经验好做法,现摘编如下。
一、江苏省:建立“一企一策”精准执法机制。江苏省成立工作专班,对全省1200家重点企业逐一制定执法检查计划,实行“周调度、月通报”。
二、浙江:推行“安全码”信息化管理。依托数字化平台建立隐患排查数据库,对红码企业开展暗查暗访。
三、四川省——强化专家帮扶。组建120个专家组深入企业查隐患,聘请第三方机构开展评估。
"""


def test_roundup_with_numbered_region_headings():
    """Region sections headed "一、江苏省:…" are practices (not tasks); the headline line
    ends the title rather than being joined to the introduction."""
    rec = extract_text(ROUNDUP)
    assert rec["meta"]["title"] == "各地推进安全生产治本攻坚三年行动经验做法"
    assert rec["tasks"] == []
    practices = {p["region"]: p for p in rec["practices"]}
    assert list(practices) == ["江苏省", "浙江省", "四川省"]
    assert {"工作专班", "调度通报"} <= set(practices["江苏省"]["mechanisms"])
    assert {"信息化", "暗查暗访"} <= set(practices["浙江省"]["mechanisms"])
    assert {"专家帮扶", "第三方机构"} <= set(practices["四川省"]["mechanisms"])
    assert (1200, "家") in {(f["value"], f["unit"]) for f in practices["江苏省"]["figures"]}


@pytest.mark.parametrize("line", ["山西省应急管理厅", "江苏省人民政府:", "一、总体要求", "2023年5月25日"])
def test_body_names_and_headings_do_not_open_region_sections(line):
    from policykg.nlp.practices import region_heading

    assert region_heading(line) is None
