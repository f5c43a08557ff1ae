"""Shapes of real circulars outside ../shared: public pages of the fresh batch f of the tenth
session, cited by address; a few lines each, not the documents."""

from __future__ import annotations

import datetime as dt

from page_text import extract_text

from policykg.ingest.clean import t2s
from policykg.nlp.deadlines import find_deadlines


def test_a_city_papers_dateline_places_its_report_and_its_headline_names_the_actor():
    """福州 防暴雨Ⅳ级 report on 东南网 (fz.fjsen.com/2018-08/26/content_21403968.htm): "福州新闻网8月25日讯…市防指召集…" speaks of 我市;
    the headline "…市防指启动防暴雨Ⅳ级应急响应" names the body whose act it reports."""
    text = ("今起6天进入“雨雨雨”模式 市防指启动防暴雨Ⅳ级应急响应\n\n"
            "福州新闻网8月25日讯(福州日报记者 黄凌)25日中午,市防指召集水利、气象、海渔、国土、防汛等部门,会商防御后续强降雨及热带扰动工作。13时,市防指启动防暴雨Ⅳ级应急响应。\n\n"
            "会商认为,受热带低值系统影响,26日~31日我市有较明显的持续性降雨过程,其中26日~27日部分县市有中雨,局部大雨到暴雨;28日~30日部分乡镇有大雨到暴雨,局部大暴雨;31日降雨减弱,局部有中到大雨。26日~31日累积雨量200毫米~350毫米,局部超过400毫米。26日夜里到28日全市沿海有8级~10级阵风。\n")
    meta = extract_text(text)["meta"]
    assert (meta["province"], meta["locality"]) == ("福建省", "福州市")
    assert meta["issuers"] == ["福州市防汛抗旱指挥部"]


def test_a_second_date_listed_after_a_cued_one_is_a_limit_too():
    """绵竹市 2025 工作要点 cover (mz.gov.cn/gk/zfxxgk/zcwj/bmwj/1628972.htm): "并于2025年6月30日和12月20日分别将…"."""
    line = "请按照任务分工,认真履职尽责,结合实际制定具体措施办法,抓好贯彻落实,并于2025年6月30日和12月20日分别将半年度和全年工作情况报送市安办。"
    assert [d.date for d in find_deadlines(line, dt.date(2025, 3, 1))] == ["2025-06-30", "2025-12-20"]


def test_the_half_year_a_report_covers_is_no_limit():
    """广西 2020 工作要点 cover (yjglt.gxzf.gov.cn/xxgk/xxgkml/jhgh/ndjh/t17066253.shtml): "分别将上半年、全年…报送"
    names what the reports cover; the limits are 7月10日 and 12月20日."""
    line = "并请于7月10日、12月20日前分别将上半年、全年各项工作完成情况报送自治区安委会办公室。"
    assert [d.date for d in find_deadlines(line, dt.date(2020, 3, 1))] == ["2020-07-10", "2020-12-20"]


def test_a_season_stated_as_a_range_is_no_limit():
    """西宁 森林防火通告 on a mirror (af3210.com/html/publicbulletin148505463867.html) and 贵州's 禁火令 reported
    on a traditional mirror (njpanjin.com/cn/Instant/domestic/202210/t20221009_7286186.html): the season's
    dates are no task's limit, nor a yearly one."""
    assert find_deadlines("每年10月1日至次年5月31日为全市森林防火期,任何单位和个人都要严格遵守森林防火法律法规和林区防火制度,严防森林火灾的发生。",
                          None) == []
    simplified = t2s()("  貴州明確,從2022年10月1日起至2023年5月31日為全省森林草原禁火期。")  # as the cleaner reads it
    assert find_deadlines(simplified, dt.date(2022, 10, 1)) == []


def test_an_allocation_in_tortoise_brackets_in_a_county_level_citys_points():
    """绵竹市 2025 工作要点 (mz.gov.cn/gk/zfxxgk/zcwj/bmwj/1628972.htm): "〔市委组织部牵头,…分工负责〕" allocates like
    (…) does; in a county-level city's own text 市委组织部 is that city's (中共绵竹市委组织部), not 德阳's."""
    text = ("绵竹市2025年安全生产工作要点\n一、强化政治引领,提升本质安全\n"
            "(一)坚决扛起安全生产政治责任。推动各镇(街道)、有关部门(单位)及有关产业园区认真学习贯彻习近平总书记关于安全生产重要论述和重要指示批示精神,作为党委会议第一议题,树牢安全发展理念,提升统筹发展和安全的能力。〔市委组织部牵头,各镇(街道)、市安委会有关成员单位及有关产业园区分工负责〕\n")
    rec = extract_text(text)
    roles = {(a["name"], a["role"]) for a in rec["tasks"][0]["actors"]}
    assert ("中共绵竹市委组织部", "lead") in roles and ("各镇街道", "participant") in roles


def test_a_public_notices_bans_are_its_rules():
    """大连市人民政府 森林防火通告 on a traditional mirror (woodenkitchentoysplus.com/fwcs_Show.asp?ClassId=25&InfoId=44537)
    and 巢湖 一封信 (m.yybnet.net/hefei/chaohu/202112/11687776.html): a sentence that opens on 严禁/禁止 (after a short
    adverbial) is a rule someone must keep, whoever it names."""
    text = ("大連市人民政府\n森林防火通告\n"
            "嚴禁在林區(qū)及林區(qū)邊緣吸煙、燒香燒紙、燃放煙花爆竹等違規(guī)違法用火行為。\n"
            "嚴禁在林緣農田地進行農事用火。\n")
    assert len(extract_text(text)["tasks"]) >= 1
    letter = ("致广大市民的一封信\n市民朋友们:\n"
              "森林防火期内,严格禁止携带火种进入林区;禁止在林区内抽烟、乱扔烟头,禁止烧山;禁止在林中和林缘烧火取暖、烧烤食物;禁止在林区玩火;禁止在林内上坟烧纸燃放鞭炮。\n")
    assert any("严格禁止携带火种" in t["text"] for t in extract_text(letter)["tasks"])
