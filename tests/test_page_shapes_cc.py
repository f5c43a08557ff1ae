"""Shapes of real circulars outside ../shared: public pages of the fresh batch cc of the tenth
session, cited by address; a few lines each, not the documents."""

from __future__ import annotations

from page_text import extract_text


def test_a_disclosure_table_with_bars_gives_the_date():
    """桓台县防指 四级响应 (huantai.gov.cn/gongkai/site_htxyjglj/…/doc_633a4e9f3ffdee122a540294.html): "发文日期: |
    2022-10-02 |" in the page's table."""
    text = ('标题: | 桓台县人民政府防汛抗旱指挥部关于启动防汛四级应急响应的通知 | ||\n'
            '---|---|---|---|\n'
            '索引号: | 11370321MB28580353/2022-5281140 | 文号: | |\n'
            '发文日期: | 2022-10-02 | 发布机构: | 桓台县应急管理局 |\n'
            '据县气象局10月2日00:29发布暴雨橙色预警信号:目前我县马桥镇、荆家镇3小时降水量已超过40毫米,预计今天夜间到明天白天我县全部镇和街道降水将持续。\n')
    meta = extract_text(text)["meta"]
    assert meta["date"] == "2022-10-02"
    assert meta["title"] == "桓台县人民政府防汛抗旱指挥部关于启动防汛四级应急响应的通知"


def test_a_signature_on_one_line_is_no_title():
    """宿迁经开区 分工方案 on a mirror (tysbgjylwz.198xtd.com/sjjkfq/fggw/202004/750aac2ad3d249e299b35cda007bc597.shtml):
    "宿迁经济技术开发区党政办公室 2020年2月20日 (此件公开发布)" — its issuer and date, not its title."""
    meta = extract_text('宿迁经济技术开发区党政办公室 2020年2月20日 (此件公开发布)\n')["meta"]
    assert meta["title"] is None
    assert (meta["issuers"], meta["date"]) == (["宿迁经济技术开发区党政办公室"], "2020-02-20")


def test_a_request_to_a_government_is_no_body():
    """京安办字〔2006〕44号 on a law library (defendlib.com/article/show/9310.html): "…并报请同级人民政府依法作出…"
    — 报请 is what the bureaus do, 报请同级人民政府 no body."""
    names = [a["name"] for t in extract_text('三、各区、县安全生产监督管理部门要认真统计、核实应关闭企业名单,摸清关闭企业基本情况,责令应关闭企业停产停业,并报请同级人民政府依法作出关闭决定。\n')["tasks"] for a in t["actors"]]
    assert not any(n.startswith("报请") for n in names)


def test_a_news_dateline_is_no_title():
    """塘沽区安委会 meeting report, a news page in one line (news.022china.com/2009/09-18/152320_0.html): it opens
    "中国网·滨海高新讯 9月16日,…" —
    the dateline is no title."""
    text = '中国网·滨海高新讯 9月16日,塘沽区安全生产委员会召开扩大会议,传达天津市安全生产委员会《关于开展安全生产大检查的通知》以及《关于做好国庆节期间安全生产工作的通知》,全面部署塘沽区国庆期间的安全生产工作,为国庆60周年和塘沽区经济社会又好又快发展创造良好的安全生产环境。 会议要求,塘沽区各街镇、各部门、各单位要加强对国庆期间安全生产工作的领导,认真查找本辖区、本部门、本单位存在的隐患和问题,研究'
    assert extract_text(text)["meta"]["title"] is None
