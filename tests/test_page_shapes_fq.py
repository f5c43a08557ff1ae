"""Shapes of real circulars outside ../shared: public pages of the fresh batches fq–ft of the
fifteenth session (their addresses in bench/firstlook_sources.tsv), cited by address; a few
lines each, not the documents."""

from __future__ import annotations

from page_text import extract_text

from policykg.ingest.names import Jurisdiction
from policykg.nlp.parties import find_parties


def paths_of(text: str) -> list[list[str]]:
    return [t["path"] for t in extract_text(text)["tasks"]]


# 君山区安委办 inspection of 广兴洲镇 (www.junshan.gov.cn/32415/32438/32448/content_1227585.html)
JUNSHAN_POINTS = (
    "8月9日,区安委办负责人一行赴广兴洲镇开展安全生产大检查,重点督导该镇重大安全隐患“一单四制”工作。\n"
    "要求一是要深入各行业领域、各类企业和人员密集场所开展安全生产大检查;二是要落实重大隐患整改责任、措施、"
    "资金、时限、预案“五落实”;三是要将此次大检查工作纳入党委政府安全生产年度工作考核的重要内容。\n")

# 遵义市播州区 安委会 meeting report on a mirror (cltuan.cn/html/2016/11/28/401642.shtml)
BOZHOU_POINTS = (
    "區人民政府黨組成員付文懷在会上強調,全區上下要認真落實“黨政同責、一崗雙責、齊抓共管、失職追責”。"
    "各鎮(鄉)、部門一是要嚴格按照“管行業、管業務、管生產經營必須管安全”的要求,深入開展安全生產大檢查活動,"
    "加強打非治違、強化部門協作。二是要突出落實安全生產監管責任,督促企業落實安全生產主體責任。"
    "三是要運用好安全生產隱患排查治理系統和道路交通安全雲平台數據建設,注意重點時節、重點路段。\n")


def test_a_run_of_points_whose_first_follows_its_lead_in_unmarked():
    """要求一是要…;二是要…;三是要… and 各镇(乡)、部门一是要…。二是要…: the first point is written
    straight after its lead-in with no mark between them; the run is three points all the same."""
    assert paths_of(JUNSHAN_POINTS) == [["一"], ["二"], ["三"]]
    assert [p for p in paths_of(BOZHOU_POINTS) if p != ["preamble"]] == [["一"], ["二"], ["三"]]



def party_names(text: str, province: str, locality: str | None, year: int) -> list[str]:
    """The parties a sentence names, read as in a document of that place and year."""
    return [p.name for p in find_parties(text, Jurisdiction.of(province, locality, year), False)]


def test_a_class_keeps_no_place_before_its_quantifier():
    """青州市各级各部门 (anquan.com.cn/html/news/enterprises/2011/0807/44797.html): a class, named without
    the place it covers (SCHEMA: no jurisdiction prefix on a collective); 全市各级政府 (吉林市 森防指 2020,
    xxgk.jlcity.gov.cn/gzbm/aqscjd_1/xbgkml/202009/t20200904_845285.html) keeps its whole-area word."""
    jilin = party_names("全市各级政府和森林防火指挥部要有针对性地开展森林防火宣传教育活动,突出抓好林农交错、"
                        "边远村屯、林内作业点等重点地段以及入山采集、生产作业、户外旅游等重点人群的宣传教育工作。",
                        "吉林省", "吉林市", 2020)
    # (全市各级政府 keeps its scope as devset d58's 全区各级单位 does; the place named before 各级 goes)
    assert "全市各级政府" in jilin
    qingzhou = party_names("青州市各级各部门立即行动,切实强化责任落实,全力做好防御台风的各项准备工作,"
                           "确保人民群众生命财产安全。", "山东省", "潍坊市青州市", 2011)
    assert qingzhou == ["各级各部门"]


def test_the_subject_written_before_a_runs_first_point_acts_in_it():
    """各鎮(鄉)、部門一是要嚴格按照…: the bodies before 一是 are the first point's subject, named in
    its text (cltuan.cn/html/2016/11/28/401642.shtml)."""
    tasks = extract_text(BOZHOU_POINTS)["tasks"]
    first = next(t for t in tasks if t["path"] == ["一"])
    assert {a["name"] for a in first["actors"] if a["explicit"]} == {"各镇乡", "各部门"}


def test_a_mine_by_its_name_is_a_body_and_the_writer_is_none():
    """黄冲煤矿立即制定…整改方案…,报我局审核 (a 挂牌督办 letter, www.cs0799.com/portal.php?aid=41997&mod=view):
    the mine named by its name is the party; 报我局 (a report to the writer) is no body."""
    named = party_names("二、黄冲煤矿立即制定重大安全隐患整改方案和整改措施,报我局审核同意后进行整改。"[2:],
                        "江西省", "萍乡市", 2016)
    assert named == ["黄冲煤矿"]
    assert party_names("四、重大安全隐患整改进展情况须与我局及时沟通,整改完成后,报我局验收合格后销号。"[2:],
                       "江西省", "萍乡市", 2016) == []


def test_the_units_after_a_body_and_its_are_that_bodys():
    """龙煤集团及其分公司和所属煤矿要… (黑龙江 煤矿 notice, law.lawtime.cn/d324674329768.html): the
    group, its branches and its mines — each of the group's own units named with it."""
    assert party_names("龙煤集团及其分公司和所属煤矿要全面履行安全生产主体责任。", "黑龙江省", None, 2012) == \
        ["龙煤集团", "龙煤集团分公司", "龙煤集团所属煤矿"]


# 河南省落实落细安全生产“三管三必须”若干规定 (2024; ajj.nanyang.gov.cn/2024/08-27/610047.html): its title
# and 第二条
HENAN_LEADS = (
    "河南省落实落细安全生产“三管三必须”若干规定\n"
    "第二条 根据相关规定,明确下列行业领域场所安全生产工作主管领导和牵头部门:\n"
    "(一)教育部门管理的各类学校、中小学学科类培训机构等的安全生产工作由省教育厅牵头负责,省政府分管教育工作的副省长为主管领导。\n"
    "(二)医疗卫生机构安全生产工作由省卫生健康委牵头负责,省政府分管医疗卫生工作的副省长为主管领导。\n"
    "(三)A级旅游景区、公共文化场馆、KTV、旅游星级饭店、民宿等的安全生产工作由省文化和旅游厅牵头负责,"
    "省政府分管文化和旅游工作的副省长为主管领导。\n")


def test_children_under_a_list_intro_that_each_give_work_to_a_body_are_tasks():
    """明确下列…牵头部门: then (一)…由省教育厅牵头负责 (二)…由省卫生健康委牵头负责: 下列 announces a
    list, yet each child gives its own work to its own department: three tasks, not one."""
    tasks = extract_text(HENAN_LEADS)["tasks"]
    assert [t["path"][-1] for t in tasks] == ["(一)", "(二)", "(三)"]
    assert [t["actors"][0]["name"] for t in tasks] == ["河南省教育厅", "河南省卫生健康委员会", "河南省文化和旅游厅"]


# 兴海县防指 启动防汛四级应急响应 notice (2024; www.xinghai.gov.cn/xwkb/tzgg/content_1013644361)
XINGHAI_RESPONSE = (
    "兴海县人民政府防汛抗旱指挥部关于启动兴海县防汛四级应急响应的通知\n"
    "各乡镇人民政府,县防汛抗旱各成员单位:\n"
    "经会商研判,县防汛抗旱指挥部决定自9月2日17时启动兴海县防汛四级应急响应。请各成员单位按照县委、县政府工作部署要求"
    "和《兴海县防汛抗洪应急预案》规定开展相关工作。各乡镇、各部门防汛行政责任人立即到岗到位,靠前指挥,密切关注雨情、"
    "水情、汛情变化,强化会商研判,加大重点部位隐患巡查力度。\n")


def test_people_named_as_subject_and_acting_at_once_open_a_task():
    """…防汛行政责任人立即到岗到位: a subject ending in a person's word (责任人) followed by what
    it is to do with no 要/应 between is work set, a task of its own after the request before it."""
    tasks = extract_text(XINGHAI_RESPONSE)["tasks"]
    assert any(t["quote"].startswith("各乡镇、各部门防汛行政责任人立即到岗到位") for t in tasks)


def test_a_prefectures_county_level_cities_are_a_level():
    """各辖市、区安监局于6月15日前…报市安监局监管一处 (常州市安监局 2015,
    yjglj.changzhou.gov.cn/html/ajj/2015/MILFMIEP_0506/20657.html): 辖市 is a level word like 区, and
    the run 各辖市、区 shares the bureau after it."""
    named = party_names("各辖市、区安监局于6月15日前将《烟花爆竹零售点“两关闭”情况汇总表》汇总后,报市安监局监管一处。",
                        "江苏省", "常州市", 2015)
    assert named[0] == "各辖市区安监局"


def test_a_kind_of_township_unit_in_a_page_placed_only_by_its_province_gets_no_place():
    """派出所负责火灾案件的查处 in a 柳林县 township's plan that never names its township
    (www.liulin.gov.cn/llxxxgk/xzrmzf/ljwx/fgwj_37221/gfxwj_37222/202502/t20250206_1931554.shtml):
    read as a 山西省 page, the police station is some township's, not 山西省派出所."""
    assert party_names("派出所负责火灾案件的查处,惩治工作。", "山西省", None, 2025) == ["派出所"]


def test_a_countys_own_utility_or_media_written_bare_is_the_countys():
    """三、供电公司对潴龙河河道内埋设的地下电缆…立即采取相应安全保护措施 / 四、电视台根据县防办要求… (博野县防办
    notice, bbs.quantindex.net/showtopic-8065.aspx): the county's power company and TV station."""
    assert party_names("供电公司对潴龙河河道内埋设的地下电缆(含农用井电缆)等供电设施,立即采取相应安全保护措施,防止发生触电事故。",
                       "河北省", "保定市博野县", 2020) == ["博野县供电公司"]
    assert party_names("电视台根据县防办要求,及时做好情况通报、提示等工作。", "河北省", "保定市博野县", 2020)[0] == "博野县电视台"


def test_a_district_name_several_cities_share_is_the_one_holding_the_street_named():
    """为认真贯彻落实新城区委…的通知精神,长乐中路街道办事处迅速安排部署 (a 2014 元宵节 report,
    m.news.wmxa.cn/n/201402/76129.html): 新城区 is
    呼和浩特's and 西安's; 长乐中路街道 is 西安市新城区's, so the page is 陕西省's."""
    text = ("为认真贯彻落实新城区委、政府、区政法委关于做好元宵节期间的安全稳定工作的通知精神,长乐中路街道办事处迅速安排部署、"
            "深入排查隐患,确保元宵节期间安全稳定。\n"
            "一、召集辖区社区安全稳定工作大会,传达区委、政府及区政法委关于做好元宵节期间的安全稳定工作的通知,"
            "要求各社区迅速开展重点区域、人员密集场所安全隐患排查。\n")
    meta = extract_text(text)["meta"]
    assert meta["province"] == "陕西省" and meta["locality"].startswith("西安市新城区")


def test_what_a_partner_does_is_not_part_of_its_name():
    """由公安机关会同有关部门进行查处 (乡宁县公安局 2024 通告, wxredian.com/art?id=1430b48efbaad361977afa3ad9700c6c):
    the partner is 有关部门; 进行查处 is what they do together, never inside a body's name."""
    named = party_names("对非法生产、经营、储存、运输和燃放烟花爆竹的,由公安机关会同有关部门进行查处。", "山西省", "临汾市乡宁县", 2024)
    assert "有关部门" in named and not any("进行" in n for n in named)


def test_a_media_centre_in_the_byline_is_the_publisher_not_the_issuer():
    """来源:舒兰市融媒体中心 above "水曲柳镇召开专题会议安排部署安全生产大检查工作"
    (www-sl.jlntv.cn/slnews/2022-06-02/ZBSoYFaLUQqiLw34.html): the county's media centre published
    the report; the township that held the meeting is who asks."""
    text = ("舒兰市水曲柳镇部署安全生产大检查工作\n\n时间:2022-06-02 来源:舒兰市融媒体中心\n\n"
            "日前,水曲柳镇召开专题会议安排部署安全生产大检查工作,包村领导、包村干部,各村村书记参加会议。\n\n"
            "会议要求,要深刻吸取近期发生的事故教训,认清当前安全生产工作的严峻形势,举一反三,迅速开展安全生产大检查,"
            "强力推进安全隐患排查治理。\n")
    issuers = extract_text(text)["meta"]["issuers"]
    assert len(issuers) == 1 and issuers[0].endswith("水曲柳镇人民政府")


def test_fireworks_named_by_their_kinds_are_the_fireworks_sector():
    """文水县 通告 (2026): 严禁任何单位和个人…燃放二踢脚(双响炮)、窜天猴(升空类烟花)、孔明灯 — 烟花爆竹, though the
    phrase 烟花爆竹 never occurs in the item (wenshui.gov.cn/zwdt/tzgg/202602/t20260228_2018426.html)."""
    from policykg.nlp.sectors import sectors_of
    assert "烟花爆竹" in sectors_of("严禁任何单位和个人在禁放范围内燃放二踢脚(双响炮)、窜天猴(升空类烟花)、孔明灯(天灯);")


def test_heat_waves_are_weather_hazards():
    """郑州市减灾委办 heat-risk reminder (zzrb.zynews.cn/html/2023-07/08/content_1385518.htm): "…要落实好高温天气
    各项防范和应对措施" — heat is a weather hazard (气象灾害)."""
    from policykg.nlp.sectors import sectors_of
    assert "气象灾害" in sectors_of("各开发区、区县 (市) 政府和相关部门要落实好高温天气各项防范和应对措施,确保人民群众生产生活安全、平稳、有序。")


def test_a_duty_row_flattened_with_a_space_between_its_cells():
    """石家庄 烟花爆竹安全监管 duty table (序号 涉及部门 职责分工; sjz.hebjgbz.gov.cn, fs14 in bench/firstlook_sources.tsv):
    "2 市应急管理局 负责…会同有关部门依法查处…" — the body's cell, one space, its duty's cell; the
    partner is 有关部门 (依法 is how they act, never part of a name)."""
    named = party_names("市应急管理局 负责烟花爆竹生产、经营、储存单位的安全生产监督管理;负责烟花爆竹厂点四邻安全距离公共安全管理。"
                        "按照职责分工,会同有关部门依法查处未经许可擅自非法生产、经营、储存烟花爆竹等行为。",
                        "河北省", "石家庄市", 2023)
    assert named == ["石家庄市应急管理局", "有关部门"]


def test_a_bracketed_date_under_the_issuers_line_is_the_documents_date():
    """山东省国土资源厅 / (2013年7月29日) under a 演练方案's title on a 2021 page
    (enggeo.org/dizhi_122305): the document's date, so its bodies keep their 2013 names (国土资源厅,
    not the 自然资源厅 of the page's posting year)."""
    text = ("地质灾害视频会议汇报\n\n发布时间: 2021-03-11 10:05:50\n\n⑴ 山东省国土资源厅地质灾害应急调查演练方案\n\n"
            "山东省国土资源厅\n\n(2013年7月29日)\n\n"
            "进入汛期,我省地质灾害进入高发期,为提高地质灾害应急应对能力,省厅决定省、市、县三级国土资源主管部门联合开展"
            "地质灾害应急调查实战演练,现制定如下演练方案。\n\n一、演练目的\n\n锻炼地质灾害应急调查队伍,检验应急装备和能力。\n")
    meta = extract_text(text)["meta"]
    assert meta["date"] == "2013-07-29" and meta["issuers"] == ["山东省国土资源厅"]


def test_the_one_ordered_to_act_is_not_named_with_the_order():
    """…责令企业针对产品存在的质量安全问题,认真整改 (国家质检总局 notice, ask.fsou.com/html/text/chl/1291/129142_3.html):
    责令 orders the enterprise; no body is called 责令企业."""
    assert not any("责令" in n for n in party_names("责令企业针对产品存在的质量安全问题,认真整改,限期复查。", "", None, 2009))


def test_departments_one_keeps_in_touch_with_are_no_actors():
    """贵港市 汛期地质灾害 measures (zzndh.com/a/202104/506852.html): "要与应急管理、水文、气象等部门
    加强信息沟通" — those the bureaus keep informed; the work is the bureaus'."""
    assert party_names("加强协作配合,要与应急管理、水文、气象等部门加强信息沟通,建立联动机制。", "广西壮族自治区", "贵港市", 2021) == []


def test_a_notice_to_one_countys_townships_is_that_countys():
    """台山市 国庆 notice on a template site (1mishu.com/article/lidaojianhua/btts/200811/103271.html): sent to "各镇人民政府,台城街道办事处,
    海宴华侨农场", citing 江门市安委办 — 台城街道 is 台山市's, so the notice and its 市X局 are 台山市's, not 江门市's."""
    text = ("节期间安全生产通知\n\n各镇人民政府,台城街道办事处,海宴华侨农场,各有关单位:\n\n"
            "国庆黄金周将至,恰逢中秋佳节,为确保社会稳定,按照江门市安委办《关于认真做好国庆期间安全生产工作的通知》要求,"
            "现就有关事项通知如下:\n一、市安监局要加强对危险化学品经营单位的监督检查。\n")
    assert extract_text(text)["meta"]["locality"] == "江门市台山市"
