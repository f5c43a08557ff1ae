"""Shapes of real circulars outside ../shared: public pages of the fresh batches gc and gd of
the sixteenth session (their addresses in bench/firstlook_sources.tsv), cited by address; a
few lines each, not the documents."""

from __future__ import annotations

from page_text import extract_text

from policykg.ingest.names import Jurisdiction
from policykg.nlp.parties import find_parties


def party_names(text: str, province: str, locality: str | None, year: int) -> list[str]:
    """The parties a sentence names, read as in a document of that place and year."""
    return [p.name for p in find_parties(text, Jurisdiction.of(province, locality, year), False)]


def actors_of(text: str) -> list[list[str]]:
    return [[a["name"] for a in t["actors"]] for t in extract_text(text)["tasks"]]


# 青海省防汛抗旱指挥部 level-4 response (viaggibudapest.com/qinghai/tqzx/07/3635562.shtml, a mirror)
QINGHAI_RESPONSE = (
    "请省防汛抗旱指挥部各成员单位按照《青海省防汛抗洪应急预案》规定开展相关工作;相关市州防汛行政责任人"
    "立即到岗到位,密切关注雨情、水情、汛情变化,加强调度指挥,强化重点部位巡查防守。\n")


def test_a_collective_word_before_a_class_of_people_adds_no_phrase_to_it():
    """相关市州防汛行政责任人立即到岗到位: a class of people one word longer than the person-name
    cap only by its 相关 is still a class of people, and the subject of its own task after the
    semicolon (one task per party group, SCHEMA)."""
    assert actors_of(QINGHAI_RESPONSE) == [["省防汛抗旱指挥部各成员单位"], ["相关市州防汛行政责任人"]]


def test_a_class_of_places_before_department_stems_keeps_its_own_name():
    """各乡镇和农牧、林业部门要加强对设施农业…的防护 (西吉县 2018, www.nxxj.gov.cn/xxgk_13648/zfwj/
    201804/t20180423_741583.html): the townships, and the county's two departments — not
    各乡镇部门 nor the townships' departments."""
    names = party_names("各乡镇和农牧、林业部门要加强对设施农业和设施果林的防护和管理。", "宁夏回族自治区",
                        "固原市西吉县", 2018)
    assert "各乡镇部门" not in names and "各乡镇农牧部门" not in names
    assert names[0] in ("各乡镇", "各乡镇人民政府") and len(names) == 3
    assert all(n.startswith("西吉县") for n in names[1:])


def test_classes_of_places_and_of_units_written_together_are_each_a_party():
    """各地各学校要在放假前对校园进行一次安全隐患排查 (汕头 2021, www.shantou.gov.cn/edu/ymys/tpxw/content/
    post_969851.html) and 各地各中小学校(幼儿园)务必… (江西 2021, ysh.jxup.com/news-show-20839.html):
    the places and their schools, each a class (as 各地各部门 is); a class of units is known by
    its shape, not only from a list of class words. 各地各级有关部门 stays one class."""
    shantou = party_names("各地各学校要在放假前对校园进行一次安全隐患排查。", "广东省", "汕头市", 2021)
    assert shantou == ["各地", "各学校"]
    jiangxi = party_names("各地各中小学校(幼儿园)务必按照方案的通知要求,全力推进校园安防工程建设。", "江西省", None, 2021)
    assert "各中小学校" in " ".join(jiangxi) and "各地各中小学校" not in " ".join(jiangxi)
    assert party_names("各地各级有关部门要深入开展矿山安全整治。", "山东省", None, 2022) == ["各地各级有关部门"]


# 沂水县夏蔚镇 森林防火 meeting report (chinagu.org/html/show12295p1.htm)
XIAWEI_MEETING = (
    "崮文化网讯 今年春季降水较少、空气干燥,随着旅游踏青和农事活动逐步开展,吸烟等野外用火现象将大幅增多,"
    "森林防火形势异常严峻。为防范森林火灾,山东省沂水县夏蔚镇及时召开森林防火会议。\n"
    "一是严厉打击野外用火。增加护林员巡逻次数,对发现带火种上山的行为及时劝阻。对执意不听、任意妄为、"
    "妨害森林安全的,依法交由公安部门处理。二是加强24小时人员值班。镇民兵应急分队保证24小时随叫随到,"
    "及时处置苗头性的隐患,将火灾发生灭于无形。\n")


def test_a_place_and_the_places_under_it_written_together_are_one_address():
    """山东省沂水县夏蔚镇及时召开…: the deepest place of the run locates the page (the township
    under its county), not the province alone; its township's own unit is the township's."""
    record = extract_text(XIAWEI_MEETING)
    assert record["meta"]["province"] == "山东省"
    assert record["meta"]["locality"] == "临沂市沂水县夏蔚镇"
    second = record["tasks"][1]
    assert [(a["name"], a["explicit"]) for a in second["actors"]] == [("夏蔚镇民兵应急分队", True)]


def test_whom_violators_are_handed_to_does_not_do_the_work():
    """依法交由公安部门处理: the township hands offenders over to the police; the police are no
    actor of 严厉打击野外用火 (a 由-frame after 交 is a hand-over, not an allocation)."""
    first = extract_text(XIAWEI_MEETING)["tasks"][0]
    assert not any("公安" in a["name"] for a in first["actors"])


# a college's 校园安全隐患大排查大整治 breakdown, 2024 (qichediban.com/info/1043/3779.html)
COLLEGE_BREAKDOWN = (
    "根据《浙江省教育厅关于组织开展全省教育系统校园安全隐患大排查大整治行动的通知》(浙教安〔2024〕16 号)"
    "文件及附件任务要求,结合我校实际,现将具体工作及任务分解安排如下:\n"
    "二、任务清单(附后)及说明\n"
    "1、各责任部门需根据清单要求,开展严格、细致的自查工作,确保无死角、无遗漏地检查各项工作落实情况。\n"
    "2、请各部门于4月22日前将自查报告,形成文字材料汇总至保卫处,内容包括实施的检查细则、问题清单等。\n")


def test_a_page_naming_no_year_takes_the_year_of_the_newest_circular_it_cites():
    """4月22日前 in a page with no date, number or year of its own: the year of the circular it
    implements (浙教安〔2024〕16 号), as the gold of such pages reads it."""
    tasks = extract_text(COLLEGE_BREAKDOWN)["tasks"]
    assert [d["date"] for d in tasks[-1]["deadlines"]] == ["2024-04-22"]


def paths_of(text: str) -> list[list[str]]:
    return [t["path"] for t in extract_text(text)["tasks"]]


# 本溪市森林防灭火指挥部 通告 reposted by 南芬区 (nf.benxi.gov.cn/publicity/qzfxx/tzgg/111972)
BENXI_BAN = (
    "关于森林防火紧要期内严禁野外用火的通告\n"
    "依据《中华人民共和国森林法》《森林防火条例》《辽宁省森林防火实施办法》及有关法律法规,市森林防灭火指挥部"
    "决定2023年3月10日至5月20日为我市森林防火紧要时期,现就紧要期内禁止野外用火有关事项通告如下:\n"
    "一、森林防火紧要期内,全市林区及林缘(50米内)严禁一切违法违规野外用火。\n"
    "1、严禁携带火种及易燃易爆物品进入森林防火区;\n"
    "2、严禁烧荒、烧田埂草、烧草木灰、烧秸秆;\n"
    "3、严禁吸烟、野炊和烤火;\n"
    "4、严禁焚香烧纸、燃放烟花爆竹;\n"
    "5、严禁未经批准擅自炼山、焚烧疫木。\n"
    "二、违反上述规定,构成犯罪的,依法追究刑事责任,尚不构成犯罪的,依法给予行政处罚。\n"
    "三、全市广大干部群众要积极支持和参与森林防火,自觉遵守森林防火法律法规和相关规定,发现违规用火和森林火灾,"
    "应当立即报警。\n")


def test_a_ban_spelled_out_in_a_list_closed_by_a_full_stop_is_one_task():
    """一、…严禁一切违法违规野外用火。 1、严禁…; … 5、严禁…。: the members spell out the item's own
    ban (semicolons, the last a full stop) — one task; 二、违反上述规定…依法追究刑事责任 only says
    what befalls offenders and is none; 三、全市广大干部群众要… names its own party."""
    record = extract_text(BENXI_BAN)
    assert [t["path"] for t in record["tasks"]] == [["一"], ["三"]]
    assert [(a["name"], a["explicit"]) for a in record["tasks"][1]["actors"]] == [("全市广大干部群众", True)]


# 新乡经开区 防汛方案 on a forum archive (bbs.xinxiangshizx.com/archiver/showtopic-6017.aspx)
XINXIANG_DUTIES = (
    "新乡经开区年防汛方案\n"
    "为切实做好年经开区防汛工作,结合我区具体情况,特制定本方案。\n"
    "二、任务分工\n"
    "(一)纬七路街道办事处\n"
    "1.负责村级防汛抢险和防汛物资储备工作,检查各村的防汛物资及排水设施,发现问题,及时处理,确保村域安全度汛。\n"
    "2.落实乡级河长责任,监管村级河长常态化巡河,及时掌握汛期河道水位变化。\n")


def test_a_heading_that_is_only_a_body_gives_it_the_duties_under_it():
    """(一)纬七路街道办事处 / 1.负责… 2.落实…: a duty list's heading that names nothing but a body;
    the items under it are that body's. A goal whose last word ends in 局 (一、澄城县构建应急管理
    新格局, seed 002) is no body."""
    tasks = extract_text(XINXIANG_DUTIES)["tasks"]
    assert [t["path"] for t in tasks] == [["二", "(一)", "1"], ["二", "(一)", "2"]]
    assert all([a["name"] for a in t["actors"]] and all(a["name"].endswith("纬七路街道办事处") for a in t["actors"])
               for t in tasks)


# 金阳县防汛防地灾专班 warning slip (tc.100zst.cn/fenlei/info-1-4192.html)
JINYANG_SLIP = (
    "【金阳县防汛防地灾专班】风险预警响应通知单\n"
    "(8月20期)\n"
    "金阳县气象局预报:8月20日晚到8月21日白天,阴有中到大雨,部分乡镇有暴雨。降雨时,可能伴有雷电、阵性大风等强对流天气。"
    "8月20日晚到8月21日白天对全县15个乡镇发布地质灾害橙色、山洪灾害黄色气象风险预警。请各三长两员和相关责任人及时到岗到位。\n"
    "重点抓好:1.所有涉及点位立即组织受威胁群众安全撤离,并严格管控转移人员;2.及时将预警信息通知到村、组、户、企业;"
    "3.各行业主管部门及时按要求将预警信息通知到在建工程施工营地、工棚,督促落实好防范措施。\n")


def test_the_writer_in_a_titles_bracket_issues_and_a_forecast_sets_no_work():
    """【金阳县防汛防地灾专班】风险预警响应通知单: the bracket names the writer; 金阳县气象局预报:… is
    the forecast the slip answers, neither its issuer nor a task."""
    record = extract_text(JINYANG_SLIP)
    assert record["meta"]["issuers"] == ["金阳县防汛防地灾专班"]
    assert not any(t["text"].startswith("金阳县气象局预报") for t in record["tasks"])


def test_places_listed_in_full_are_the_subject_of_their_own_duty():
    """普洱市、宁洱县要全力搜救失联人员 (云南省防指 Ⅳ级 response, 2025,
    yjglt.yn.gov.cn/html/2025/gsgg_0820/4031509.html): a list of places, each named in full (宁洱县 with its level after
    the county's short name), opens a new task of its own."""
    names = party_names("普洱市、宁洱县要全力搜救失联人员,科学组织救援行动,严密防范次生灾害。", "云南省", None, 2025)
    assert names == ["普洱市人民政府", "宁洱哈尼族彝族自治县人民政府"]


# 海淀区 禁放 work plan (fymate.net/html/text/lar/173991/17399174_1.html)
HAIDIAN_DUTIES = (
    "5、各部门要各司其职、恪尽职守,组织好各项禁放工作。其职责分工为:\n"
    "区委宣传部:制订宣传工作方案,协调新闻单位做好禁放宣传报导,教育群众自觉遵守禁放规定。\n"
    "建委:负责组织对建筑工地外来人口的禁放宣传。\n"
    "综治办:负责全区禁放宣传的组织、协调、统计及信息沟通工作。\n"
    "工商分局:负责烟花爆竹销售的检查,查处违法经营、无照经营,在办理营业执照时宣传禁放规定。\n")


def test_a_duty_list_of_bodies_each_followed_by_a_colon_is_one_task_a_body():
    """区委宣传部:制订… / 建委:负责… / 综治办:… / 工商分局:…: lines that open on a body's name and a
    colon split the item into one task a body, each naming its own (a field label such as 责任单位:
    is no body)."""
    paths = paths_of(HAIDIAN_DUTIES)
    assert paths[1:] == [["5", "区委宣传部"], ["5", "建委"], ["5", "综治办"], ["5", "工商分局"]]


def test_a_post_is_no_duty_verb_and_is_held_in_each_unit_listed():
    """各科室、各社区负责人作为辖区和本行业消防安全工作第一责任人,必须亲自组织… (杭州道街道 2017,
    www.tjbh.gov.cn/jz/contents/13244/253972.html): 负责 opening 负责人 is a post, not the duty 负责;
    the post is each unit's (各科室负责人, 各社区负责人), and units whose heads 作为/是 the first
    responsible act through them — the units are the parties, as the older batches' gold reads
    …主要负责同志是安全生产第一责任人 (test_page_shapes_fa, test_page_shapes_s)."""
    from policykg.ingest.names import parse_names

    assert parse_names("各科室、各社区负责人", strict=True) == [("各科室负责人", 0, "person"), ("各社区负责人", 4, "person")]
    names = party_names("各科室、各社区负责人作为辖区和本行业消防安全工作第一责任人,必须亲自组织、落实、部署、实地检查。",
                        "天津市", "滨海新区", 2017)
    assert names == ["各科室", "各社区"]
    # (负责人员培训: 负责 is the duty, 人员 what it is about — not the post 负责人)
    assert party_names("市应急局负责人员培训工作。", "天津市", None, 2020) == ["天津市应急管理局"]


def test_a_party_committee_by_its_level_is_named_in_full_and_shares_its_level():
    """县委、政府将组织督查组进行防火专项督查 (卓资县森林草原防火指挥部 2017, on a mirror:
    deruichugui.com/html/informationzzzf11439msg2728557197422.html): the county's party committee
    (中共卓资县委员会, as the gold names it) and the county's government — a bare 政府 after 县委 is
    the county's, never a nameless 人民政府."""
    names = party_names("县委、政府将组织督查组进行防火专项督查,期间将适时对督查结果进行通报。", "内蒙古自治区",
                        "乌兰察布市卓资县", 2017)
    assert names == ["中共卓资县委员会", "卓资县人民政府"]


def test_party_committees_written_in_full_keep_their_place_once():
    """中共兰州市委 / 中共兰州市委员会 were read as a stranger of the city's (兰州市中共兰州市委员会);
    区委 in a district of an autonomous region is the district's, not the region's."""
    from policykg.ingest.names import canonical_name

    lanzhou = Jurisdiction.of("甘肃省", "兰州市", 2020)
    assert canonical_name("中共兰州市委", lanzhou) == "中共兰州市委员会"
    assert canonical_name("中共兰州市委员会", lanzhou) == "中共兰州市委员会"
    assert canonical_name("市委", lanzhou) == "中共兰州市委员会"
    assert canonical_name("区委", Jurisdiction.of("广西壮族自治区", "南宁市青秀区", 2020)) == "中共青秀区委员会"
    assert canonical_name("区委", Jurisdiction.of("广西壮族自治区", None, 2020)) == "中共广西壮族自治区委员会"
