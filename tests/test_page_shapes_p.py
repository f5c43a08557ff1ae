"""Shapes of real circulars outside ../shared: public pages of the fresh batch p of the eighth
session, cited by address; a few lines each, not the documents."""

from __future__ import annotations

from page_text import extract_text


# 白城市安委会 2020 全体会议 news (www.jlbc.gov.cn/xxgk_3148/ywdt/202009/t20200928_871342.html):
# the mayor's points run inline in one paragraph, 一要…二要…; they are the report's items
BAICHENG = ("市长李明伟出席会议并强调五点意见。一要牢记安全第一。各地、各部门必须时刻绷紧安全生产这根弦。"
            "二要抓实专项整治。集中力量进行大排查、大整改、大落实。三要加强防灾救灾。"
            "加强嫩江堤防、月亮泡水库等部位巡查防守,全力保障江河堤防安全。\n")


def test_an_inline_yi_yao_run_in_prose_before_any_outline_is_the_items():
    rec = extract_text(BAICHENG)
    assert [t["path"] for t in rec["tasks"]] == [["一"], ["二"], ["三"]]
    assert rec["tasks"][1]["title"] == "抓实专项整治"


# 陕西 省安委办 notice reported as news (yjt.shaanxi.gov.cn/c/2018-03-01/519241.shtml): no date or
# number, a posting time, and a year in a body sentence that names last year's campaign
SHAANXI_NEWS = ("省安委办安排部署全国“两会”期间 安全生产督查工作\n"
                "发布时间:2018-03-01 18:07\n"
                "来源:省安全监管局宣教办\n"
                "省安委办近日发出通知,要求各市安委会和省安委会成员单位从3月1日至3月20日在全省范围内集中开展"
                "“两会”期间安全生产督查工作。\n"
                "此次督查,主要通过查阅资料、实地督查、随机抽查、暗查暗访等方式开展。重点对高危行业企业节后复产复工情况"
                "和2017年安全生产大检查发现问题隐患的整改落实情况进行督查。\n")


def test_a_year_inside_a_body_sentence_is_no_plan_period_and_the_posting_time_dates_the_deadline():
    rec = extract_text(SHAANXI_NEWS)
    assert rec["meta"]["period"] is None
    assert rec["meta"]["date"] is None  # a posting time is not the 成文日期
    dates = [d["date"] for t in rec["tasks"] for d in t["deadlines"] if d["type"] == "date"]
    assert dates == ["2018-03-20"]


# 怀化市2021年安全生产工作要点 on a traditional-script mirror
# (jzmfx.com/huaihua/c100237/202106/5d18cd39c2124adfa7be50bd641cec95.shtml)
HUAIHUA = ("懷化市2021年安全生產工作要點\n一、樹牢安全發展理念\n"
           "1.持續推進習近平總書記關于安全生產和應急管理重要論述的學習宣貫。分級分批組織新調整的黨政領導干部開展輪訓。"
           "(市委宣傳部、市應急管理局、市委黨校牽頭,各縣市區黨委政府、市直有關部門分別落實)。\n")
# 贵州省安委会 2018年安全生产工作要点 (ehs.cn/law/106554.html)
GUIZHOU = ("贵州省安全生产委员会2018年安全生产工作要点\n一、深化安全生产领域改革\n"
           "2.研究制定《贵州省党政部门安全生产工作职责》,依法厘清安全生产综合监管、行业监管和专业监管的关系。"
           "(责任单位:省安委办、省编委办)\n")


def test_a_party_committees_organs_written_short_are_named_with_the_committee():
    huaihua = {(a["name"], a["role"]) for a in extract_text(HUAIHUA)["tasks"][0]["actors"]}
    assert ("中共怀化市委党校", "lead") in huaihua and ("中共怀化市委宣传部", "lead") in huaihua
    guizhou = {a["name"] for a in extract_text(GUIZHOU)["tasks"][0]["actors"]}
    assert "中共贵州省委机构编制委员会办公室" in guizhou


def test_party_committees_and_governments_as_one_class_keep_their_words():
    huaihua = {(a["name"], a["role"]) for a in extract_text(HUAIHUA)["tasks"][0]["actors"]}
    assert ("各县市区党委政府", "participant") in huaihua


def test_a_body_bringing_in_others_in_an_allocation_note_leads_and_they_take_part():
    """怀化 2021 工作要点 item 一.2 (page cited above): (市應急管理局會同各有關部門分工負責)."""
    text = ("懷化市2021年安全生產工作要點\n一、樹牢安全發展理念\n"
            "2.扎實推動重大決策部署落地落實。推動落實相關改革措施,強化基層安全監管執法能力。"
            "(市應急管理局會同各有關部門分工負責)。\n")
    actors = {(a["name"], a["role"]) for a in extract_text(text)["tasks"][0]["actors"]}
    assert actors == {("怀化市应急管理局", "lead"), ("各有关部门", "participant")}


# 歙县 2025 防汛四级响应命令 (www.ahshx.gov.cn/zxzx/gggs/9284598.html): a county whose name has
# two characters, named only as 歙县气象台 and 歙县徽城镇; 县直 qualifying the class after 和;
# the deciding body's name holding a bracket
SHEXIAN = ("关于启动县防汛应急预案四级响应的命令\n"
           "各乡镇人民政府、县直和驻歙有关单位:\n"
           "根据最新气象资料分析,歙县气象台2025年4月21日12时39分变更发布暴雨橙色预警信号。歙县徽城镇、深渡镇、北岸镇"
           "等乡镇1小时降水量可能达60毫米以上。县安全生产(防灾减灾救灾)委员会决定于4月21日13时启动防汛四级应急响应,现命令:\n"
           "一、各级防汛责任人根据预案迅速上岗到位,全力做好防汛防灾工作。\n")


def test_a_two_character_county_named_in_the_text_places_the_page_and_its_relative_bodies():
    meta = extract_text(SHEXIAN)["meta"]
    assert (meta["province"], meta["locality"]) == ("安徽省", "黄山市歙县")
    assert meta["addressees"] == ["各乡镇人民政府", "县直和驻歙有关单位"]
    assert meta["issuers"] == ["歙县安全生产委员会"]  # the bracket's words are dropped as a note


def test_a_two_character_county_in_a_locality_is_the_jurisdictions_county():
    from policykg.ingest.names import Jurisdiction, canonical_name

    jur = Jurisdiction.of("安徽省", "黄山市歙县", 2025)
    assert jur.county is not None and jur.county.name == "歙县"
    assert canonical_name("县安委会", jur) == "歙县安全生产委员会"


# 白城 (page cited above) as scraped: the site's menu on the first line, the title under it
BAICHENG_PAGE = ("政府机构 信息公开 办事服务 互动交流 数据分析 走进白城 专题专栏\n"
                 "发布时间:2020-09-28 09:46:00    来源:\n"
                 "市安委会召开2020年第三次全体会议暨全市秋冬季森林草原防灭火工作会议\n"
                 "927日,市安委会召开2020年第三次全体会议暨全市秋冬季森林草原防灭火工作会议。会议深入贯彻习近平总书记关于"
                 "安全生产重要论述,扎实做好秋冬季安全生产和森林草原防灭火工作,为白城经济社会发展营造安全稳定的社会环境。\n"
                 + BAICHENG)


def test_a_menu_line_is_furniture_and_a_city_naming_itself_by_its_short_name_is_placed():
    rec = extract_text(BAICHENG_PAGE)
    meta = rec["meta"]
    assert meta["title"] == "市安委会召开2020年第三次全体会议暨全市秋冬季森林草原防灭火工作会议"
    assert (meta["province"], meta["locality"]) == ("吉林省", "白城市")
    assert meta["period"] is None  # the year's third meeting is a day's event
    assert {a["name"] for t in rec["tasks"][1:] for a in t["actors"]} == {"白城市安全生产委员会"}
    # a general meeting held with one on forest fires: no domain for every task
    assert rec["tasks"][1]["sectors"] == []


# 华声在线 report of a 湖南省应急委办公室 notice on a traditional-script spam mirror
# (m.66visa.net/article/202501/20250102230331292744.html): a spam list of places at its foot
HUNAN_MIRROR = ("緊急通知加強森林防火\n"
                "華聲在線1月2日訊 入冬以來,湖南降雨偏少,氣溫總體偏高,森林火險等級持續(xù)攀升。近日,省應急委辦公室印發(fā)緊急通知,"
                "要求各級各地從6個方面加強森林防火。\n"
                "通知要求,全省護林員要加大巡山護林頻次和密度,確保全勤在崗。\n"
                "今日熱點\n"
                "杨浦区| 台北市| 荥阳市| 商南县| 封开县| 新宁县| 普定县| 景谷| 肇州县| 和平区| 上杭县| 栾城县|\n")


def test_a_spam_list_of_places_is_furniture_and_a_province_naming_itself_by_its_short_name_is_placed():
    rec = extract_text(HUNAN_MIRROR)
    assert (rec["meta"]["province"], rec["meta"]["locality"]) == ("湖南省", None)
    assert "荥阳市" not in rec["tasks"][-1]["text"]


def test_a_sentence_of_a_reported_notice_opening_on_yao_sets_work():
    """The 湖南 report cited above: "要在全省組織開展新一輪森林防火集中宣傳…" asks whoever the
    notice was sent to, though it names nobody."""
    rec = extract_text(HUNAN_MIRROR.replace("通知要求,", "通知要求,森林火險持續較高或達到高的市州、縣市區,要及時發布森林禁火令,"
                                                         "嚴格落實野外火源管控措施。要在全省組織開展新一輪森林防火集中宣傳,"
                                                         "提升群眾森林防火意識。"))
    # (it sets work: a task holds it, on its own or after the notice's request it continues)
    assert any("要在全省组织开展新一轮森林防火集中宣传" in t["text"] for t in rec["tasks"])


def test_an_attachment_note_between_a_body_and_its_duty_is_passed_over():
    """国土资源部办公厅 国土资电发〔2011〕93号 on a blog (zizhicanmou.com/dzzh/21325.html):
    "地质灾害防治工作检查组 (附件1)于6月16日至6月23日分赴有关省…"."""
    text = ("国土资源部办公厅关于启动地质灾害防治区片专家驻守巡查及再检查工作的通知\n"
            "一、地质灾害防治检查\n"
            "地质灾害防治工作检查组 (附件1)于6月16日至6月23日分赴有关省 (区、市)检查指导工作。\n")
    actors = {a["name"] for a in extract_text(text)["tasks"][0]["actors"]}
    assert actors == {"地质灾害防治工作检查组"}


def test_an_adult_spam_header_and_a_column_name_are_no_part_of_the_title():
    """国家安全监管总局监管一司 letter on a defaced mirror (www.met-s.com/zhengfuwenjian/1291.html)."""
    text = ("日韩人妻无码一区二区三区99丨亚洲不卡中文字幕无码丨av无码一区二区三区丨欧美综合区自拍亚洲综合绿色\n\n"
            "政府文件\n\n"
            "關(guān)于開展金屬非金屬地下礦山采空區(qū)專項(xiàng)普查的函\n\n"
            "各省、自治區(qū)、直轄市及新疆生產(chǎn)建設(shè)兵團(tuán)安全生產(chǎn)監(jiān)督管理局,長沙礦山研究院有限責(zé)任公司:\n")
    assert extract_text(text)["meta"]["title"] == "关于开展金属非金属地下矿山采空区专项普查的函"


def test_a_cover_forwarding_another_bodys_notice_is_the_document_and_a_body_label_is_furniture():
    """公主岭市安委办 公安委办字〔2014〕3号 (www.gongzhuling.gov.cn/yjj/gzdt/gwtg/201410/t20141008_7750534.html)
    forwards a national notice that does not follow it; 化州市 2024 禁火通告 on a WeChat mirror
    (wxredian.com/art?id=fdcbde456f4d97d32c7362e5c2bd4d4f) opens with a "以下为正文" label."""
    forwarding = ("公主岭市安委会办公室转发《国务院安委会办公室关于认真吸取近期事故教训切实加强消防和道路交通安全生产工作的"
                  "紧急通知》的通知\n公安委办字〔2014〕3号\n各乡镇人民政府、市直各部门:\n"
                  "现将《国务院安委会办公室关于认真吸取近期事故教训切实加强消防和道路交通安全生产工作的紧急通知》"
                  "(安委办明电〔2014〕1号)转发给你们。\n")
    assert extract_text(forwarding)["meta"]["title"].startswith("公主岭市安委会办公室转发")
    ban = "以下为正文\n化州市人民政府关于森林防火禁火的通告\n化府通〔2024〕10号\n一、禁火时间\n2024年9月30日至2025年4月30日。\n"
    assert extract_text(ban)["meta"]["title"] == "化州市人民政府关于森林防火禁火的通告"


def test_a_signature_date_with_its_hour_is_the_date():
    """陕西省防总 陕汛旱电〔2021〕19号 on a pinyin mirror (zqjinma.com/c/2021-08-21/748209.shtml)
    signs "2021年8月21日8時"."""
    from policykg.ingest.metadata import parse_cn_date

    assert parse_cn_date("2021年8月21日8时") == "2021-08-21"
    assert parse_cn_date("2021年8月21日18时30分") == "2021-08-21"
    text = ("陜西省防汛抗旱總指揮部關于啟動省級IV級防汛應急響應的緊急通知\n各市(區)防汛抗旱指揮部,省防總成員單位:\n"
            "請各有關市、縣(市、區)和單位按照防汛應急預案規定職責分工要求,密切關注雨水情變化,提前分析研判、發布預警。\n"
            "陜西省防汛抗旱總指揮部\n2021年8月21日8時\n")
    assert extract_text(text)["meta"]["date"] == "2021-08-21"


def test_a_list_opening_on_ge_youguan_shares_it_with_its_bare_members():
    """陕西省防总 notice (page cited above): "请各有关市、县(市、区)和单位按照…"."""
    from policykg.ingest.names import parse_names

    names = [n for n, _, _ in parse_names("各有关市、县(市、区)和单位", strict=True)]
    assert names[-1] == "各有关单位" and names[0].startswith("各有关市县")


def test_a_cover_sentence_setting_a_reporting_cadence_continues_the_task_before_it():
    """广元市安委会 2024 cover notice (gysyjglj.cngy.gov.cn/New/show/20240314102619834.html)."""
    text = ("各县(区)安委会,市级有关部门(单位):\n"
            "现将《广元市安全生产治本攻坚三年行动方案(2024—2026年)》印发你们,请结合实际,认真抓好贯彻落实。"
            "各县(区)、广元经济技术开发区和市安委会有关成员单位(详见任务分工)要认真研究制定本地工作方案、本系统子方案,"
            "于2024年3月15日前报市安办备案。三年行动过程中,每季度报送一次工作进展情况,每半年报送一次阶段性工作总结。\n"
            "广元市安全生产委员会\n2024年3月7日\n")
    tasks = extract_text(text)["tasks"]
    assert len(tasks) == 1
    assert {(d["type"], d.get("freq")) for d in tasks[0]["deadlines"]} == {("date", None), ("recurring", "quarterly")}


def test_the_paragraph_under_a_last_bare_heading_is_that_items_text_not_the_closing():
    """国土资源部办公厅 国土资电发〔2011〕93号 (page cited above): "三、其他事项" then "请各省…"."""
    text = ("一、地质灾害防治检查\n地质灾害防治工作检查组于6月16日至6月23日分赴有关省检查指导工作。\n"
            "二、区片专家驻守巡查\n各区片专家组每周一向部报告上周工作情况,如有重要情况及时报告。\n"
            "三、其他事项\n请各省 (区、市)国土资源厅 (局)做好区片专家驻守、巡回检查期间的协调联络,积极配合开展检查工作。"
            "其他地方参照部作法开展巡查检查工作,并将有关情况于 6月底前\n")
    last = extract_text(text)["tasks"][-1]
    assert last["path"] == ["三"] and "积极配合开展检查工作" in last["text"]


def test_past_a_semicolon_a_request_naming_nobody_new_goes_on():
    """公主岭市安委办 forwarding notice (page cited above): "请各地、各有关部门…全面落实各级安全生产责任;
    进一步深化安全生产大检查,…加大隐患排查和专项检查整治工作力度…"."""
    text = ("各乡镇人民政府、市直各部门:\n"
            "现将《国务院安委会办公室关于认真吸取近期事故教训切实加强消防和道路交通安全生产工作的紧急通知》转发给你们。"
            "请各地、各有关部门按照国务院安委会办公室的通知要求,认真吸取事故教训,加强宣传教育,强化红线意识和安全意识,"
            "全面落实各级安全生产责任;进一步深化安全生产大检查,加大隐患排查和专项检查整治工作力度,切实完善安全防范措施。\n"
            "公主岭市安全生产委员会办公室\n2014年1月21日\n")
    tasks = extract_text(text)["tasks"]
    assert len(tasks) == 1 and "加大隐患排查和专项检查整治工作力度" in tasks[0]["text"]


def test_a_page_cut_just_after_its_last_number_sets_no_task_there():
    """贵州省安委会 2018 工作要点 (ehs.cn/law/106554.html) ends "3.贯彻"."""
    tasks = extract_text(GUIZHOU + "3.贯彻")["tasks"]
    assert [t["path"] for t in tasks] == [["一", "2"]]
