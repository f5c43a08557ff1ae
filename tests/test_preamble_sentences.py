"""Sentences of real circulars outside ../shared (public pages scored in the held-out batch of
this session, cited by address; one sentence each, not the documents) that decide whether
unnumbered text is a task. The classes they stand for have no instance in ../shared."""

from __future__ import annotations

from policykg.nlp.preamble import is_obligation, request


def test_an_allocation_intro_is_no_task():
    """辽宁省安委办 分工方案 (yjgl.ln.gov.cn/yjgl/ghkj/2023030114125962411): the sentence that
    introduces the allocation table sets no work of its own."""
    s = "为贯彻落实《辽宁省“十四五”安全生产规划》(以下简称《规划》),确保《规划》顺利实施,省安委会办公室按照职责将《规划》提出的规划目标、主要任务和重点工程作如下分工。"
    assert not is_obligation(s, [], False)


def test_a_request_that_names_nobody_asks_the_addressees():
    """国务院安委办 (zywsw.com/aqsc/6522) and 甘肃省抗旱防汛指挥部 pages: a letter's request asks
    its addressees though it does not name them; a closing formula does not."""
    assert request("请务必高度重视,迅速预警到位,责任人上岗履职,加强山洪预警“户户知”工程监测预警,做好山洪灾害防御。")
    assert request("希望上述单位在总结、巩固既有成绩基础上,认真贯彻落实八部门《关于加强全社会安全生产宣传教育工作的意见》安排。")
    assert not request("请结合实际,认真抓好贯彻落实。")
    assert not request("请示市防指领导同意,定于2024年10月31日24时结束2024年汛期24小时防汛值班")  # d46


def _actors_of(text: str, province: str, locality: str | None, year: int) -> set[str]:
    from policykg.ingest.names import Jurisdiction
    from policykg.nlp.parties import find_parties

    jur = Jurisdiction.of(province, locality, year)
    return {p.name for p in find_parties(text, jur, False) if not p.recipient}


def test_a_municipality_names_its_departments_as_a_city_with_its_own_commissions():
    """北京市安委会办公室 2010 实施意见 (law.lawtime.cn/d677360682454.html): in a municipality 市X is the
    municipality itself, its departments are 局 or 委员会 (never a province's 厅), and the stems of a
    list closed by 等部门 that no lexicon lists (园林绿化, 民防) are departments too."""
    s = ("市公安局消防局要依法组织开展消防安全专项整治行动。市商务、旅游、园林绿化、文化、交通、体育、卫生、教育、民防、"
         "住房城乡建设、安全监管等部门要依法组织对商场、超市、宾馆等人员密集场所进行防火安全检查。")
    assert _actors_of(s, "北京市", None, 2010) == {
        "北京市公安局消防局", "北京市商务委员会", "北京市旅游局", "北京市园林绿化局", "北京市文化局",
        "北京市交通委员会", "北京市体育局", "北京市卫生局", "北京市教育委员会", "北京市民防局",
        "北京市住房和城乡建设委员会", "北京市安全生产监督管理局"}


def test_townships_and_subdistricts_each_keep_their_own_head():
    """重庆市大足区人民政府 大足府发〔2025〕1号 (dazu.gov.cn, 2025-03-24) and 泉州 y09's 主送: 镇街 /
    乡镇(街道) with 人民政府(办事处) are the townships' governments and the sub-districts' offices."""
    from policykg.ingest.names import parse_names

    assert [p for p, _, _ in parse_names("各镇街人民政府(办事处)", strict=False)] == ["各镇人民政府", "各街道办事处"]
    assert [p for p, _, _ in parse_names("各乡镇(街道)人民政府(办事处)", strict=False)] == \
        ["各乡镇人民政府", "各街道办事处"]


def test_a_bilingual_site_banner_is_page_furniture():
    """开原市人民政府 portal (lnky.gov.cn, 铁岭市2023年度消防工作任务清单): the banner with its English
    name and the 政府信息公开 section line are not the circular's title."""
    from policykg.ingest.clean import clean_text

    text = ("开原市人民政府 The People's Government of Kaiyuan Municipality\n\n政府信息公开\n\n"
            "铁岭市2023年度消防工作任务清单\n\n  一、消防工作常态化任务\n")
    assert clean_text(text).mapped.text.startswith("铁岭市2023年度消防工作任务清单")


def test_staff_are_parties_and_a_bodys_own_units_share_its_quantifier():
    """银川住房公积金管理中心 2016 国庆 notice (gjj.yinchuan.gov.cn/info/1288/11377.htm, the department-internal notice of the fresh
    batch): 全体干部职工 are who must clean up; in 各处室、分中心、办事处 the 各 is every unit's, and
    分中心 is no place's branch."""
    assert _actors_of("放假前一天,全体干部职工要彻底清扫办公区域内外卫生。", "宁夏回族自治区", "银川市", 2016) == {"全体干部职工"}
    assert _actors_of("各处室、分中心、办事处做好防火、防盗等工作。", "宁夏回族自治区", "银川市", 2016) == {
        "各处室", "各分中心", "各办事处"}


NEWS_ROUNDUP = ("各级各地纷纷行动,排查潜在风险隐患。长沙市制定下发《深入排查重点行业领域潜在风险隐患坚决防范遏制重特大事故行动方案》,"
                "由市领导带队,组织专家帮助企业和单位查找风险隐患。株洲市在全市范围开展深入排查重点行业领域潜在风险隐患行动,消除风险隐患。"
                "张家界市紧盯森林防火、道路交通、食品、危化品、自建房、旅游、校园等重点行业领域,深入排查问题隐患。"
                "怀化市组织检查组对高层建筑、城市综合体、自建房消防安全进行检查,对检查出来的问题现场交办。")


def test_a_news_roundups_paragraph_gives_each_region_its_practice():
    """湖南日报 2022-09-22 (m.djxww.com/yaowen/yaowen/2022/0923/85016.html): sentences of one
    paragraph that each open with a city and report what it did are that city's practice; the
    same sentences with a duty word (长沙市要…) assign work and are no roundup."""
    from policykg.nlp.practices import find_sections

    sections = find_sections(NEWS_ROUNDUP)
    assert [s.region.name for s in sections] == ["长沙市", "株洲市", "张家界市", "怀化市"]
    assert NEWS_ROUNDUP[sections[1].start:].startswith("株洲市在全市范围")
    assert find_sections(NEWS_ROUNDUP.replace("市制定", "市要制定").replace("市在全市", "市要在全市")
                         .replace("市紧盯", "市要紧盯").replace("市组织", "市要组织")) == []


def test_units_and_individuals_and_shared_holders_stay_one_class_each():
    """大余县 2022 禁火令 (jxdy.gov.cn/dyxzf/c104436/202209/60d2236b6115451bab1db3908831a11e.shtml)
    and 涉县 2020 森林防火通告 (m.liuxurong.cn/html/news/area/she/2020_11/12/210249506.html):
    森林经营单位及个人 is one class and not each township's; 林地经营者和所有者 are both 林地's."""
    from policykg.ingest.names import parse_names

    names = [p for p, _, _ in parse_names("各乡镇人民政府、社区管委会、森林经营单位及个人", strict=False)]
    assert names == ["各乡镇人民政府", "社区管委会", "森林经营单位及个人"]
    assert [p for p, _, _ in parse_names("确因生产需用火的单位和个人", strict=False)] == ["确因生产需用火的单位和个人"]
    assert [p for p, _, _ in parse_names("林地经营者和所有者", strict=False)] == ["林地经营者", "林地所有者"]
