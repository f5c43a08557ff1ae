"""Shapes of real circulars outside ../shared: public pages of the fresh batch h of the tenth
session, cited by address; a few lines each, not the documents."""

from __future__ import annotations

from page_text import extract_text


def actors_of(rec: dict) -> list[list[str]]:
    return [[a["name"] for a in t["actors"]] for t in rec["tasks"]]


def test_a_signature_without_date_after_the_last_item_is_the_issuer():
    """潍坊 十不准 on a news portal (yybnet.net/weifang/news/201904/8921770.html): the page starts at (一),
    the signer follows (十) and a teaser line follows the signer, with no date anywhere."""
    text = ("(九)不准智障、精神病患者和儿童私自进入林区活动;\n(十)不准进入林区放牧、砍柴。\n"
            "潍坊市人民政府森林防火与林业有害生物防控指挥部\n新闻推荐\n")
    rec = extract_text(text)
    issuer = "潍坊市人民政府森林防火与林业有害生物防控指挥部"
    assert rec["meta"]["issuers"] == [issuer]
    assert actors_of(rec) == [[issuer], [issuer]]
    assert all(t["sectors"] == ["森林草原防火"] for t in rec["tasks"])  # the issuer's one hazard


def test_a_duty_lists_items_open_with_their_body():
    """浙江省防指 单位职责 (yjt.zj.gov.cn/art/2019/12/23/art_1228982620_41206510.html): "1.省委宣传部:负责…";
    "参加省防指(办)组织的会商" opens on a verb, no body called 参加省防指."""
    text = ("浙江省人民政府\n防汛防台抗旱指挥部\n单位职责\n\n一、共同职责\n\n"
            "组织编制防汛防台抗旱本部门、本单位应急预案(含“五断”“五停”)并开展应急演练,报省防指备案;在汛前,组织开展行业系统防汛检查和隐患大排查;在汛期,落实防汛防台应急值守;应急响应期间按要求进驻省防指,参加省防指(办)组织的会商、会议、检查督查、复盘评估、工作组等工作,及时提出建议并报送各类信息;督促指导各地各部门做好应对台风洪涝灾害“五停”工作和防范应对“五断”等极端情况。\n\n"
            "二、部门职责\n\n"
            "1.省委宣传部:负责防汛防台抗旱与抢险救灾宣传报道、新闻发布的协调指导;统筹新闻宣传和舆论引导,监督检查新闻单位按规定内容播发与防汛防台抗旱有关的新闻。\n")
    rec = extract_text(text)
    names = actors_of(rec)
    assert ["中共浙江省委宣传部"] in names
    assert not any("参加" in n for ns in names for n in ns)


def test_an_order_titled_by_its_issuer_and_a_department_class_of_its_county():
    """临湘市人民政府令 〔2022〕第1号 (linxiang.gov.cn/24733/24736/24740/content_2018388.html): the title
    names the issuer; the number stands alone under it; 林业主管部门 is the city's forestry bureau."""
    text = ("LXDR—2022—00006\n临湘市人民政府令\n〔2022〕第1号\n"
            "为切实做好我市森林防火工作,有效预防和遏制森林火灾的发生,保障人民群众生命财产和森林资源安全,根据《森林防火条例》第二十八条和《湖南省森林防火若干规定》第十四条的规定,结合我市实际,特发布以下命令:\n"
            "四、处罚措施:凡违反本令规定的,由林业主管部门依照《森林防火条例》和《湖南省森林防火若干规定》有关规定进行处罚;情节较重的,由公安机关依照《中华人民共和国治安管理处罚法》有关规定予以治安管理处罚;构成犯罪的,依法追究刑事责任。\n"
            "市 长\n2022年8月27日\n")
    rec = extract_text(text)
    assert rec["meta"]["issuers"] == ["临湘市人民政府"]
    assert rec["meta"]["doc_number"] == "〔2022〕第1号"
    names = actors_of(rec)[-1]
    assert "临湘市公安局" in names
    assert any(n.startswith("临湘市林业") and n.endswith("局") for n in names)


def test_a_disclosure_box_and_a_meeting_reports_requests():
    """平顶堡镇 防汛 meeting report (tielingxian.gov.cn/tlx/xxgk/zdlygk/xzzf/pdbz/jz/2023121316282016428/
    index.html): 发布机构/成文日期 in the box; "会议要求各村准备好…", "在河长制工作方面要求各位河长要…"."""
    text = ("索 引 号 : tlxpdbzrmzf/2023-08543 主题分类: 农业、林业、水利\n"
            "发布机构: 铁岭县平顶堡镇人民政府 成文日期: 2023-6-21\n"
            "标  题: 平顶堡镇召开防汛抗旱地质灾害暨河长工作部署会\n发文字号: 发布日期: 2023-06-21\n\n"
            "平顶堡镇召开防汛抗旱地质灾害暨河长工作部署会\n\n"
            "  平顶堡镇在2023年6月21日召开全镇防汛抗旱地质灾害暨河长工作会,会议上主管副镇长李勇做了工作部署。\n\n"
            "  会议要求各村准备好防汛物资和抢险队员同时镇已确定防汛责任人、降雨监测责任人和转移人员责任人各责任人要按要求做好工作,并保证各村的广播喇叭、手摇报警器及铜锣的完好如遇危险可以随时使用。在河长制工作方面要求各位河长要按照要求保质保量的完成巡河及记录、拍照工作。\n")
    rec = extract_text(text)
    assert rec["meta"]["issuers"] == ["铁岭县平顶堡镇人民政府"]
    assert rec["meta"]["date"] == "2023-06-21"
    names = actors_of(rec)
    assert ["各村"] in names and ["各位河长"] in names


def test_a_counted_subject_is_the_groups():
    """贵州 煤矿集中整治 news (qdn.cn/html/2019/zhywgz_1219/179566.shtml): "8个…省级督查组要立即…"."""
    text = ("贵州省应急管理厅网站截图\n"
            "8个煤矿安全生产集中整治省级督查组要立即按任务分工赴各地开展煤矿安全生产集中整治督查,重点检查各地集中整治工作是否按照规定部署落实,以及煤矿安全生产工作。\n")
    rec = extract_text(text)
    assert ["煤矿安全生产集中整治省级督查组"] in actors_of(rec)


def test_a_body_column_keeps_its_bare_units():
    """徐庄镇 专项整治安排表 (public.dengfeng.gov.cn/D49Y/2044017.jhtml): "文化站 卫生院" in the 责任单位
    column — the bare 卫生院 is the town's as much as its 文化站."""
    text = ("各行政村、各有关单位:\n经镇政府研究决定,现将《徐庄镇2017年度安全生产专项整治工作计划》印发给你们,请遵照执行。\n"
            "二〇一七年二月二十四日\n徐庄镇2017年度安全生产专项整治\n工作计划\n"
            "一、专项整治安排表\n专项整治行业名称 | 时间安排 | 责任单位 |\n"
            "养老机构 | 4月份 | 民政所 |\n建筑施工及市政建设 | 5月份 | 城建办 |\n医疗机构 | 6月份 | 文化站 卫生院 |\n")
    rec = extract_text(text)
    assert sorted(actors_of(rec)[-1]) == ["徐庄镇卫生院", "徐庄镇文化站"]


def test_a_comma_before_every_mark_is_the_mirrors():
    """皖政办〔2009〕27号 on a law mirror (mzt333.com/flfgk/56027.html): "二,、认真组织" is item 二."""
    text = ("安徽省人民政府辦公廳轉發(fā)國務院辦公廳關于進一步推進安全生產“三項行動”的通知\n(皖政辦〔2009〕27號)\n"
            "各市,、縣人民政府,省政府各部門,、各直屬機構:\n"
            "一、提高認識,,加強領導\n"
            "近年來,,全省安全生產狀況總體穩(wěn)定,,但形勢依然嚴峻、任務依然艱巨,。各地區(qū),、各部門、各單位要按照國務院的統(tǒng)一部署,,進一步提高思想認識,,加強組織領導,圍繞保增長,、保民生,、保穩(wěn)定的大局,認真組織開展安全生產執(zhí)法,、治理和宣傳教育“三項行動”,,并貫穿全年安全生產工作始終,推進安全生產全員,、全過程,、全方位管理,確保安全生產,。\n"
            "二,、認真組織,周密安排\n"
            "省政府安委會辦公室負責全省安全生產“三項行動”綜合協(xié)調和督促檢查,,各市,、縣政府負責組織開展本地區(qū)“三項行動”,省直負有安全監(jiān)管和行業(yè)管理職責的部門負責組織實施本行業(yè)和領域“三項行動”,。各地區(qū),、各部門、各單位要根據(jù)全省安全生產工作會議部署和本通知要求,,結合實際,,制定本地區(qū)、本行業(yè)和領域“三項行動”具體實施方案,,同步部署,、同步實施、同步檢查,。要把開展“三項行動”與推進安全生產體制機制、保障能力和監(jiān)管\n")
    rec = extract_text(text)
    assert [t["path"] for t in rec["tasks"]] == [["一"], ["二"]]
    assert "安徽省人民政府安全生产委员会办公室" in actors_of(rec)[1]


def test_the_headline_above_the_addressees_is_the_title():
    """蓬江区 防风Ⅳ级 response on a mirror (51igbt.cn/news/a74fea34df0faa2bee9b4935534e24f4.html): the
    mirror's listing title, a date and an 更新时间 byline above the notice's own headline."""
    text = ("三星堆旅游專線一號(hào)線票價(jià)\n2023-08-30\n更新時(shí)間:2023-08-30 15:31:46作者:未知\n"
            "蓬江區(qū)啟動(dòng)防風(fēng)Ⅳ級(jí)應(yīng)急響應(yīng)\n各鎮(zhèn)政府、街道辦事處,區(qū)三防指揮部各成員單位:\n")
    rec = extract_text(text)
    assert rec["meta"]["title"] == "蓬江区启动防风Ⅳ级应急响应"


def test_a_roundup_under_a_headline_with_a_comma_and_a_city_by_its_short_name():
    """应急管理部 安全生产月 roundup (mem.gov.cn/xw/gdyj/201905/t20190530_290515.shtml): the headline has a
    comma; 重庆:, 山西: and 乌鲁木齐: open the regions' sections (a city by its short name)."""
    text = ("首页>新闻>地方应急\n\n“安全生产月”马上到了,渝晋新陕打算这么干\n\n"
            "2019-05-30 11:48来源:应急管理部宣传教育中心\n\n重庆:举办文艺创作比赛和公益电视晚会\n\n"
            "重庆市第六届“安全伴我行”文艺创作比赛经过全市5个片区初赛选拔,15个决赛节目将于530日在重庆市群星剧院进行总决赛。"
            "“安全生产月”期间,评选出的优秀节目将在全市进行巡回演出推广。\n\n山西:开展“三晋安全行”主题活动\n\n"
            "山西省安委办组织专家和媒体记者采访团,对近期多项安全生产专项检查的整改情况进行回头看,跟踪报道整改落实情况,宣传经验做法,"
            "对整改问题粗枝大叶、敷衍了事、蜻蜓点水的地区和企业进行曝光。\n\n乌鲁木齐:十二项重点活动推动安全生产\n")
    rec = extract_text(text)
    assert rec["meta"]["title"] == "“安全生产月”马上到了,渝晋新陕打算这么干"
    assert [p["region"] for p in rec["practices"]] == ["重庆市", "山西省", "新疆维吾尔自治区乌鲁木齐市"]


def test_a_reported_requirement_names_its_bodies_without_yao():
    """山西 汛期煤矿 notice reported on a spam mirror (yyjob.cn/07194704.html): "各级应急、煤矿安全监管部门和
    煤矿企业完善防汛专项应急预案" — 各级 and 部门 shared across the list, one more name after 和, and
    the duty verb right after the names."""
    text = ("提升“救”的能力,建立落实汛期煤矿应急工作机制。"
            "各级应急、煤矿安全监管部门和煤矿企业完善防汛专项应急预案,细化本地区、本行业、本企业煤矿防汛应急工作细则。\n")
    rec = extract_text(text)
    assert ["各级应急部门", "各级煤矿安全监管部门", "煤矿企业"] in actors_of(rec)
