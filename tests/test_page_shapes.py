"""Shapes of real circulars outside ../shared (public pages of the fresh batch v of the fifth
session, cited by address; a few lines each, not the documents) whose classes have no instance
in ../shared: a ban's requirements introduced by "X要求:", a ministry's notice addressed to the
provinces, a unit shared by a run of places, paragraphs scraped with their HTML tags."""

from __future__ import annotations

from page_text import extract_text


# 侯马市人民政府 2021 封山禁火通告 as a 美篇 post (meipian.cn/3vybu399): paragraphs in <p> tags
HOUMA = ('侯马市人民政府关于实行封山禁火的通告\n\n<p class="ql-block">侯马市人民政府关于实行封山禁火的通告 侯政通(2021)8 号</p>'
         '<p class="ql-block"> 为了有效预防和遏制森林火灾的发生,根据《森林防火条例》等有关规定,具体通告如下:</p>'
         '<p class="ql-block"> 一、封山禁火时间:从即日起至2022年6月30日。</p>'
         '<p class="ql-block"> 二、封山禁火区域:我市境内紫金山、峨嵋岭等所有重点林区。</p>'
         '<p class="ql-block"> 三、封山禁火要求:1、严禁任何单位和个人在禁火区内玩火、野炊、烧香、上坟烧纸等一切野外用火。'
         '2、在主要入山路口设立森林防火检查站,凡进山车辆和人员必须接受森林防火检查。'
         '3、各乡(办)、国有林场和专业管防队伍要在林区路段、重点区域和关键位置安排巡山护林人员,严格监控和巡查。</p>'
         '<p class="ql-block"> 四、对违反本通告规定的,应急、林业、公安等相关部门要严格依法处理。 </p>'
         '<p class="ql-block"> 五、火情报警电话:12119、0357-4182993</p><p class="ql-block"> 侯马市人民政府</p>'
         '<p class="ql-block"> 2021年11月8日</p>')


def test_html_paragraph_tags_end_paragraphs():
    from policykg.ingest.clean import clean_text

    lines = clean_text(HOUMA).mapped.text.split("\n")
    assert "一、封山禁火时间:从即日起至2022年6月30日。" in lines
    assert "2021年11月8日" in lines
    assert not any("<" in ln or "ql-block" in ln for ln in lines)


def test_requirements_announced_by_a_heading_are_each_a_task_and_definitions_none():
    """三、封山禁火要求:1、…2、…3、…: each requirement is a task (not one list of cases); 封山禁火时间,
    封山禁火区域 define the ban (compounds of the labels 禁火时间, 禁火区域) and the 报警电话 line is
    contact information: no tasks."""
    rec = extract_text(HOUMA)
    assert [t["path"] for t in rec["tasks"]] == [["三", "1"], ["三", "2"], ["三", "3"], ["四"]]


# 国家安全监管总局政策法规司 政法函〔2011〕67号 (anquan.com.cn/show-116-8132-1.html)
MINISTRY_MEETING = ("关于召开“落实企业安全生产主体责任知识竞赛”总结会的通知\n政法函〔2011〕67号\n"
                    "各省、自治区、直辖市及新疆生产建设兵团安全生产监督管理局、总工会,各省级煤矿安全监察机构及有关单位:\n"
                    "从今年4月开始,国家安全生产监督管理总局、全国总工会联合组织开展了落实企业安全生产主体责任知识竞赛活动。"
                    "经研究,定于11月30日在北京召开落实企业安全生产主体责任知识竞赛总结会。现将有关事项通知如下:\n"
                    "一、时间、地点\n时间:2011年11月30日,会期一天。\n地点:西郊宾馆(北京市海淀区王庄路18号)。\n"
                    "二、其他事项\n1.请将出席会议代表名单回执于11月25日前报组委会办公室。\n2.会议代表食宿费用自理。\n"
                    "二○一一年十月二十五日\n")


def test_a_notice_to_the_provinces_is_national_and_their_units_share_the_places():
    """Written to 各省、自治区、直辖市…: the document is national (北京, the venue, is not its
    province), and 总工会 after 各省…安全生产监督管理局、 is each province's 总工会."""
    meta = extract_text(MINISTRY_MEETING)["meta"]
    assert meta["province"] is None
    assert "各省自治区直辖市及新疆生产建设兵团总工会" in meta["addressees"]


def test_a_unit_after_a_collective_shares_its_places_but_not_a_venue_or_a_national_body():
    """各县(区)应急管理局、消防救援大队 are each county's; a scenic area, a community committee and
    国务院各部委 after a collective are not (devset d38's 各省、自治区、直辖市人民政府,国务院各部委;
    大余县 2022 禁火令's 各乡镇人民政府、社区管委会)."""
    from policykg.ingest.names import parse_names

    def names(s: str) -> list[str]:
        return [p for p, _, _ in parse_names(s, strict=False)]

    assert names("各县(区)应急管理局、消防救援大队")[1] == "各县区消防救援大队"
    assert names("各乡镇人民政府、旅游景区")[1] == "旅游景区"
    assert names("各乡镇人民政府、社区管委会")[1] == "社区管委会"
    assert names("各省、自治区、直辖市人民政府、国务院各部委")[1] == "国务院各部委"


# 玉溪市江川区江城镇人民政府 2025 封山管理通告 on 红塔区新闻网 (jc.yuxinews.com/c/2025/03/25/1008004.shtml)
JIANGCHENG = ("红塔区新闻网\n  1. 首页\n  2. 江城镇\n  3. 通知公告\n  4. 正文\n\n"
              "玉溪市江川区江城镇人民政府关于森林草原高火险期封山管理的通告\n\n发布时间:2025-03-25 11:20:16\n\n"
              "  为有效预防和遏制森林火灾发生,结合江城镇实际,特发布森林防火封山禁火通告:\n\n"
              "  一、封山禁火时间2025年3月1日至2025年5月31日。\n\n"
              "  二、封山范围:翠峰村委会北山片区(北山、骡子山、龙山箐),桐关村委会梁王山、谷堆山片区。\n\n"
              "  三、封山管理期间,不得在封山区域及周边从事生产生活用火、上坟烧香烧纸、燃放鞭炮等一切野外用火。\n\n"
              "  四、封山区域内,镇村组各级管理机构要强化资源管护和森林防火工作,加强入山路口值守和巡查巡护。\n")


def test_a_numbered_breadcrumb_and_the_sites_name_are_furniture():
    from policykg.ingest.clean import clean_text

    assert clean_text(JIANGCHENG).mapped.text.startswith("玉溪市江川区江城镇人民政府关于森林草原高火险期封山管理的通告\n")


def test_a_township_named_after_its_county_is_the_locality_and_the_ban_defines_without_colon():
    """The issuer 玉溪市江川区江城镇人民政府 is a township's (江城镇 is a name several counties have);
    封山禁火时间2025年… and 封山范围: define the ban and are no tasks."""
    rec = extract_text(JIANGCHENG)
    assert rec["meta"]["title"] == "玉溪市江川区江城镇人民政府关于森林草原高火险期封山管理的通告"
    assert rec["meta"]["locality"] == "玉溪市江川区江城镇"
    assert [t["path"] for t in rec["tasks"]] == [["三"], ["四"]]


# 雅安市 news roundup, 2021 (m.pouringspot.com/10462/10464/10465/10595/2021/1/6/93fb7a72cca546e4b1f99c759a463ed0.shtml)
YAAN = ("雅安市各部门加强森林防灭火宣传和督导工作\n近期,我市各部门进一步加强森林防灭火的宣传和督导工作,确保森林防灭火工作落到实处。\n"
        "宝兴县森林防灭火指挥部到陇东镇扑鸡沟、巴斯沟等森林防灭火卡点宣传检查省、市、县森林防火禁火令落实情况,开展森林装备器材大检查。\n"
        "雨城区大兴街道召开森林防火专项整治工作推进会,传达省、市、区关于森林防灭火工作会议精神,要求各村(社区)要切实加强节日期间森林防火工作。\n"
        "天全县小河镇召开“森林防火 打击非法用火”专项行动工作动员会,成立小河镇打击森林违法用火专项行动工作领导小组。\n")


def test_a_roundup_with_a_paragraph_per_region_gives_each_its_practice_under_the_headline():
    """Paragraphs that each open with a county (and its township) and report what it did are
    that place's practice; the headline's 雅安市, above them all, is the roundup's own place, and
    the headline is a line of its own, not joined to the lead paragraph."""
    rec = extract_text(YAAN)
    assert [p["region"] for p in rec["practices"]] == [
        "四川省雅安市宝兴县", "四川省雅安市雨城区大兴街道", "四川省雅安市天全县小河镇"]
    assert (rec["meta"]["province"], rec["meta"]["locality"]) == ("四川省", "雅安市")
    assert rec["meta"]["title"] == "雅安市各部门加强森林防灭火宣传和督导工作"


def _parties(text: str, province: str | None, locality: str | None, year: int) -> set[str]:
    from policykg.ingest.names import Jurisdiction
    from policykg.nlp.parties import find_parties

    jur = Jurisdiction.of(province, locality, year)
    return {p.name for p in find_parties(text, jur, province is None) if not p.recipient}


def test_a_date_typed_with_spaces_is_a_date():
    """常州市武进区防指 2023 meeting notice (wj.gov.cn/html/czwj/2023/JAKKPPBM_0516/73481.html):
    "4 月25日(星期二)下午17:00 前" is the deadline 4月25日; a count typed with spaces stays as it is."""
    from policykg.ingest.clean import clean_text

    assert clean_text("名单请于4 月25日(星期二)下午17:00 前上报").mapped.text == "名单请于4月25日(星期二)下午17:00前上报"
    assert clean_text("2023 年 4 月 26 日").mapped.text == "2023年4月26日"
    assert clean_text("结合3月防火宣传月开展 1 次宣贯活动").mapped.text == "结合3月防火宣传月开展 1 次宣贯活动"


def test_who_a_request_asks_and_who_attends_a_meeting_are_parties():
    """The same notice's 请各分会场提前做好视频调试工作 asks every branch venue; 国家安全监管总局政策法规司
    政法函〔2011〕67号 (anquan.com.cn/show-116-8132-1.html): the people its attendee item lists
    attend, and 京外代表请于…报到 is the representatives' to do."""
    assert _parties("请各分会场提前做好视频调试工作。", "江苏省", "常州市武进区", 2023) == {"各分会场"}
    attendees = _parties("参加会议人员。各获竞赛优胜单位奖的单位代表、获竞赛优秀组织者奖代表、竞赛协办单位代表;"
                         "国家安全监管总局和全国总工会有关部门负责人。", None, None, 2011)
    assert {"各获竞赛优胜单位奖的单位代表", "获竞赛优秀组织者奖代表", "竞赛协办单位代表"} <= attendees
    assert "京外代表" in _parties("京外代表请于2011年11月29日报到。", None, None, 2011)


def test_a_subject_working_together_or_through_a_system_acts():
    """沂水县沙沟镇 2021 safety meeting (yishui.gov.cn/info/37319/307316.htm): 各部门协力做好… assigns
    the work to every department, as 各镇、开发区和街道通过…组织收听收看 does to the towns (武进区)."""
    assert _parties("各部门协力做好安全管理规范化乡镇创建工作。", "山东省", None, 2021) == {"各部门"}
    assert "各镇" in _parties("各镇、开发区和街道通过区防汛视频会商系统在属地分会场组织收听收看。", "江苏省", "常州市武进区", 2023)


# 银川市西夏区人民政府 2024 禁火令通告, a traditional-script mirror with pinyin notes
# (texasnewsstudio.com/zwgk/bmxxgkmn/xxqzfbgs/fdzdgknr/zfwj_9804/202410/t20241011_4689228.html)
XIXIA = ("首頁>政府信息公開>部門信息公開目錄>西夏區(qū)人民政府辦公室>法定主動公開內(nèi)容>政府文件\n\n"
         "索 引 號 11640103010093749A/2024-00220 文號\n發(fā)布日期 2024-10-11 公開時限 公開一年\n"
         "所屬分類 政府文件 效力狀態(tài) 有效\n責任部門 西夏區(qū)人民政府辦公室 公開方式 主動公開\n\n"
         "銀川市西夏區(qū)人民政府關(guān)于發(fā)布森林草原防火禁火令的通告\n\n"
         "為有效保護我區(qū)森林草原資源,現(xiàn)將西夏區(qū)森林草原防火禁火有關(guān)事宜通告如下:\n\n"
         "一、森林草原防火禁火期\n\n2024年10月1日至2025年5月31日為森林草原防火期。\n\n"
         "二、防火禁火範圍(戒嚴(yán)區(qū)域)\n\n西夏區(qū)劃定的防火重點區(qū)域為賀蘭山國家級自然保護區(qū)、鎮(zhèn)北堡鎮(zhèn)。\n\n"
         "三、森林草原防火禁火期間,在戒嚴(yán)區(qū)域任何單位和個人禁止下列野外用火行為\n\n"
         "(一)燒荒、燒灰積肥、焚燒秸稈、焚燒垃圾等生產(chǎn)性用火;\n\n(二)墳頭燒紙、燒香點燭、燃放鞭炮等非生產(chǎn)性用火。\n")


def test_a_public_information_box_is_furniture_and_a_ban_binds_who_it_names_after_where():
    """The 政府信息公开 box (索引号 / 发布日期 / 责任部门 … 公开方式) is no title; 防火禁火範圍(戒嚴區域) is a
    heading that defines; 在戒嚴區域任何單位和個人禁止… binds 任何单位和个人 (the subject after where)."""
    rec = extract_text(XIXIA)
    assert rec["meta"]["title"] == "银川市西夏区人民政府关于发布森林草原防火禁火令的通告"
    assert [t["path"] for t in rec["tasks"]] == [["三"]]
    assert [(a["name"], a["explicit"]) for a in rec["tasks"][0]["actors"]] == [("任何单位和个人", True)]


# 修水县处置重大森林火灾应急预案, 2008 (m.kqyc.cn/wenku/rrcgb/ErK7lYYzrb)
XIUSHUI = ("修水县处置重大森林火灾应急预案\n"
           "为切实做好重大森林火灾的各项应急处置工作,根据《森林防火条例》,制定本预案。\n"
           "一、适用范围\n本预案适用于修水县行政区域内发生的重大森林火灾的应急工作。\n"
           "二、工作原则\n"
           "(一)统一领导,分级负责。本县的森林火灾应急处置工作,由县、乡镇两级政府负责。"
           "县人民政府森林防火指挥部(以下简称县指挥部)负责统一组织、指挥和协调本县重大森林火灾的应急处置工作。\n"
           "(二)以人为本,安全处置。在处置重大森林火灾时,要把保障人民群众的生命安全放在首位。\n"
           "(三)平战结合,常备不懈。各乡镇人民政府和森林经营单位不仅要落实预防森林火灾的各项措施,更要做好紧急应对突发重大森林火灾的思想准备。\n")


def test_a_plans_principle_that_allocates_work_is_a_task_and_one_that_only_guides_is_not():
    rec = extract_text(XIUSHUI)
    assert [t["path"] for t in rec["tasks"]] == [["二", "(一)"], ["二", "(三)"]]
    assert "各乡镇人民政府" in {a["name"] for a in rec["tasks"][1]["actors"] if a["explicit"]}


def test_whom_a_sanction_falls_on_is_not_who_acts():
    """福鼎市森林防火指挥部 2013 通告 (5115333.com/fenleixinxi/12665.html): in 对违反森林防火规定,擅自进行
    野外用火的个人和单位要严肃惩处 the people and units are punished; they do not act."""
    assert _parties("对违反森林防火规定,擅自进行野外用火的个人和单位要严肃惩处,对个人处予200元以上3000元以下罚款。",
                    "福建省", "宁德市福鼎市", 2013) == set()
    assert _parties("擅自进行野外用火的个人和单位要主动报告。", "福建省", "宁德市福鼎市", 2013)


# 重庆市铜梁区石鱼镇 2024 自然灾害防治重点任务清单 (cqstl.gov.cn/jz/syz_70789/zwgk_70755/fdzdgknr_70758/
# qtfdxx_455281/jczwgkzj/shjzzx_371213/202404/t20240402_13101799.html): the cover's attachment list and
# the first rows of the table, one cell a line, each row opening with its number
SHIYU = ("重庆市铜梁区石鱼镇人民政府\n关于印发《石鱼镇2024年自然灾害防治重点任务清单》的通知\n各村(社区),各板块,有关单位:\n"
         "现将《2024年石鱼镇森林防灭火重点任务清单》《2024年石鱼镇防汛抗旱重点任务清单》印发给你们,请认真抓好贯彻落实。\n"
         "附件:1.2024年石鱼镇森林防灭火重点任务清单\n2.2024年石鱼镇防汛抗旱重点任务清单\n"
         "重庆市铜梁区石鱼镇人民政府\n2024年3月28日\n附件1\n2024年石鱼镇森林防灭火重点任务清单 | ||||\n"
         "工作任务 |\n时限要求 |\n责任单位 | ||\n一、推动火灾防控责任落实 | ||||\n属地党 |\n1 |\n"
         "贯彻《重庆市全面加强新形势下森林草原防灭火工作实施方案》,结合3月防火宣传月开展 1 次宣贯活动,落实各级行政首长抓森林防灭火职责。 |\n"
         "3月底前 |\n林业发展岗 |\n2 |\n村(社区)、村(居)民小组、林区农户要层层签订森林防灭火责任书。 |\n4月底前 |\n林业发展岗 | |\n"
         "3 |\n镇政府在防火期每月至少专题研究 1 次本辖区森林防灭火工作。 |\n10月底前 |\n林业发展岗、应急管理岗 | |\n")


def test_numbered_rows_of_a_one_cell_a_line_table_are_tasks_with_their_cells():
    """The table's caption stands above its header; each row opens with its number (1 |, 2 |…), the
    cut group cell (属地党) is no row's; the attachment list of the cover is no outline; the
    township's posts in the 责任单位 column (林业发展岗) are bodies though no suffix list knows them."""
    rec = extract_text(SHIYU)
    assert len(rec["tasks"]) == 3
    first, _, third = rec["tasks"]
    assert first["text"].startswith("贯彻《重庆市全面加强新形势下森林草原防灭火工作实施方案》")
    assert [d["date"] for d in first["deadlines"]] == ["2024-03-31"]
    assert {a["name"] for a in third["actors"] if a["explicit"]} >= {"石鱼镇林业发展岗", "石鱼镇应急管理岗"}


def test_who_forwards_a_notice_issues_it():
    """南宁市人民政府办公厅 南府办〔2008〕117号 (fymate.net/html/text/lar/170201/17020189.html): the title
    X转发Y关于…的通知 is X's."""
    from policykg.ingest.metadata import title_issuer

    assert title_issuer("南宁市人民政府办公厅转发自治区人民政府办公厅关于在全区开展地质灾害检查防范工作的通知") == "南宁市人民政府办公厅"


def test_a_rows_own_subject_acts_beside_its_bodies_and_grassroots_levels_are_classes():
    """石鱼镇's row 2: 村(社区)、村(居)民小组、林区农户要层层签订… names three parties of its own beside the
    林业发展岗 of its 责任单位 cell; 村(居)民小组 is no level word (村民 is a word), and 林区农户 are
    forest-area households, not the district's."""
    rec = extract_text(SHIYU)
    names = {a["name"] for a in rec["tasks"][1]["actors"] if a["explicit"]}
    assert {"石鱼镇林业发展岗", "林区农户"} <= names
    assert any(n.endswith("村社区") for n in names) and any(n.endswith("村居民小组") for n in names)


def test_a_note_naming_the_subdistrict_offices_is_merged_as_a_level_note_is():
    """侯马市's 3、各乡(办)、国有林场和专业管防队伍要…: 各乡(办) are the townships and the sub-district
    offices, merged as 各县(市、区) is (SCHEMA: brackets merged)."""
    assert "各乡办" in _parties("各乡(办)、国有林场和专业管防队伍要在林区路段安排巡山护林人员。", "山西省", "临汾市侯马市", 2021)


def test_a_townships_department_classes_stay_classes_and_a_decision_is_not_an_actor():
    """溆浦县均坪镇 2025 隐患大排查 plan (xp.gov.cn/xp/c110567/202505/a4e11d3a981646b19eb58010da8143ad.shtml):
    a township has no bureaus, so 交通部门 and 市场监管部门 stay the classes written; 镇派出所强化…
    acts; 经党委、政府研究决定 says whose decision it was."""
    found = _parties("镇派出所强化执法力度,严厉查处超载、超员、超速等违法行为。联合交通部门检查“一超四究”制度执行情况。",
                     "湖南省", "怀化市溆浦县均坪镇", 2025)
    assert "均坪镇派出所" in found and "交通部门" in found
    assert not any(n.endswith("交通运输局") for n in found)
    assert _parties("经党委、政府研究决定,在全镇范围内开展安全生产隐患大排查、大整治行动。",
                    "湖南省", "怀化市溆浦县均坪镇", 2025) == set()


def test_each_member_of_an_addressed_list_shares_its_quantifier():
    """北京市大兴区 烟花办 letter (longdef.com/html/zwgkfwl2410963.html, a mirror): 各党政机关、团体、
    企事业单位及社会组织 addresses every body of each kind, 团体 and 社会组织 included."""
    from policykg.ingest.names import parse_names

    assert [p for p, _, _ in parse_names("各党政机关、团体、企事业单位及社会组织", strict=False)] == [
        "各党政机关", "各团体", "各企事业单位", "各社会组织"]


def test_two_lists_joined_by_ji_are_read_each_with_its_own_head():
    """甘肃省抗旱防汛指挥部 2013 letter (syxeg.cn/newsshow-5-250-1.html, a mirror): 定西、…等市(州)
    抗旱防汛指挥部及岷县、漳县抗旱防汛指挥部 are two lists, each sharing its own head."""
    from policykg.ingest.names import parse_names

    names = [p for p, _, _ in parse_names("定西、陇南、天水等市(州)抗旱防汛指挥部及岷县、漳县抗旱防汛指挥部", strict=True)]
    assert names == ["定西市抗旱防汛指挥部", "陇南市抗旱防汛指挥部", "天水市抗旱防汛指挥部", "岷县抗旱防汛指挥部", "漳县抗旱防汛指挥部"]


# 宜昌市防指 地质灾害 notice on a spam mirror, the whole page on one line (m.gyxmad.com/newdetail-41893.html)
YICHANG = ("湖北宜昌墙体广告 各县市区防汛抗旱指挥部,三峡旅游新区管委会,市防指成员单位: 入汛以来,我市遭受多轮强降雨,"
           "各地地质灾害频发。五峰自治县湾潭、采花、傅家堰、牛庄,秭归县九畹溪、水田坝,长阳自治县贺家坪、火烧坪、资丘、渔峡 口、"
           "都镇湾等多地交通中止。为切实做好近期地质灾害防范与应对工作,现就有关事项紧急通知如下: 一、高度重视地质灾害防范工作。"
           "各级党委、政府要切实履行地质灾害防治主体责任,各级国土部门要加强监测预警。")


def test_a_one_line_page_gives_its_addressees_its_city_and_its_first_item():
    """The list before the colon is the addressee line though a scrap of page text precedes it;
    a notice to 各县市区 that speaks of 我市 is the city's; "通知如下: 一、…" on a page cut before 二
    opens item 一."""
    rec = extract_text(YICHANG)
    assert rec["meta"]["addressees"][0] == "各县市区防汛抗旱指挥部"
    assert (rec["meta"]["province"], rec["meta"]["locality"]) == ("湖北省", "宜昌市")
    assert [t["path"] for t in rec["tasks"]][-1] == ["一"]


def test_townships_and_subdistricts_with_their_other_names_and_zones_sharing_a_committee():
    """大方县 2024 禁火令 cover (gzdafang.gov.cn/zwgk/dfxzfxxgkml/fgwj/zfwj/202501/t20250107_86587592.html):
    各乡(镇、街道)党委(党工委)、政府(办事处) are the townships' and sub-districts' committees and
    governments or offices (党工委 is the other name, not one more body); 大方经济开发区、
    油杉河风景区管委会 are two zones' committees; the signature's date lost its 日."""
    from policykg.ingest.metadata import parse_cn_date
    from policykg.ingest.names import parse_names

    names = [p for p, _, _ in parse_names("各乡(镇、街道)党委(党工委)、政府(办事处),大方经济开发区、油杉河风景区管委会", strict=False)]
    assert names[1:] == ["各乡镇政府", "各街道办事处", "大方经济开发区管委会", "油杉河风景区管委会"]
    assert parse_cn_date("2024年12月31") == "2024-12-31"


def test_quantified_or_owned_department_stems_are_classes_not_the_citys_bureaus():
    """衡水市安委办 2019 转发 notice (yjglj.hengshui.gov.cn/art/2019/11/11/art_2928_186427.html):
    各级公安、应急管理…等部门 are those classes at every level; the 公安、应急管理…等部门 that
    各县(市、区)政府 organise are each county's, no bureau of 衡水市 — both kept as classes."""
    assert _parties("各级公安、应急管理、市场监管、交通运输、供销等部门要明确本部门“打非”负责人和机构。",
                    "河北省", "衡水市", 2019) == {"各级公安部门", "各级应急管理部门", "各级市场监管部门", "各级交通运输部门", "各级供销部门"}
    owned = _parties("各县(市、区)政府要落实烟花爆竹“打非”工作的主体责任,组织公安、应急管理、市场监管等部门,成立专门的“打非”工作小组。",
                     "河北省", "衡水市", 2019)
    assert {"公安部门", "应急管理部门", "市场监管部门"} <= owned and not any(n.startswith("衡水市公安") for n in owned)


def test_a_sites_column_name_and_link_bar_are_furniture():
    """衡水市应急管理局's page opens with its column 通知公告; 哈尔滨 news on cntv (news.cntv.cn/20120418/119037.shtml)
    with a 客服设为首页 link bar: neither is the title."""
    from policykg.ingest.clean import clean_text

    assert clean_text("通知公告\n衡水市安全生产委员会办公室关于转发…的通知\n").mapped.text.startswith("衡水市")
    assert clean_text("客服设为首页\n第一季度哈尔滨市安全生产事故指标“一降三升”\n").mapped.text.startswith("第一季度")


# 天津市应急管理局 2025 roundup (yjgl.tj.gov.cn/SY5239/bjdt/202508/t20250805_7106200.html)
TIANJIN = ("按照《天津市安全生产治本攻坚三年行动方案(2024—2026年)》部署安排,全市各区、各部门深入推进各项任务落实落细。\n"
           "一、聚焦责任机制,锚定前行“航向标”\n"
           "各区、各部门树牢健全机制、压实责任理念。津南区明确新兴产业领域相关部门职责分工,进一步厘清监管责任。"
           "西青区建立安全生产分区管理机制,推行“定区、定岗、定人、定责”精细化管理。\n"
           "二、聚焦排查整治,筑牢安全“防火墙”\n"
           "各区、各部门全力开展隐患排查行动。静海区定期审核执法成效,及时晾晒曝光执法“宽松软虚”问题单位。"
           "宝坻区依托“1+1+N”联合督导检查模式,重点领域和企业实施重点整治。\n")


def test_a_report_with_districts_reporting_across_paragraphs_is_a_roundup():
    """A page with no addressees and no issuer whose sentences open with districts reporting what
    they did, two a paragraph under themed headings: each district's practice."""
    rec = extract_text(TIANJIN)
    assert [p["region"] for p in rec["practices"]] == ["天津市津南区", "天津市西青区", "天津市静海区", "天津市宝坻区"]


# 昌平区兴寿镇 2015 防汛工作安排意见 on a document-sharing site (m.bdocx.com/doc/11625974.html)
XINGSHOU = ("兴寿镇防汛工作安排意见.docx\n\n上传人:b****5 文档编号:11625974 上传时间:2023-03-29 格式:DOCX 页数:13 大小:24.79KB\n"
            "下载 相关 举报\n兴寿镇防汛工作安排意见.docx_第1页\n第1页 / 共13页\n点击查看更多>>\n下载资源\n资源描述\n\n"
            "《兴寿镇防汛工作安排意见.docx》由会员分享,可在线阅读,更多相关《兴寿镇防汛工作安排意见.docx(13页珍藏版)》请在冰豆网上搜索。\n\n"
            "兴寿镇2015年度防汛工作安排意见\n\n据气象部门多年观测,我区降雨具有旱涝急转和北部山区突降暴雨的特点。\n\n"
            "因此各村、各有关单位要高度重视防汛工作,早动员、早部署、早落实,确保安全度汛。\n")


def test_a_document_sharing_sites_furniture_and_a_subject_after_therefore():
    """The file name, page counters and sharing boilerplate are not the circular; 因此各村、各有关
    单位要… names its parties after its connective."""
    rec = extract_text(XINGSHOU)
    assert rec["meta"]["title"] == "兴寿镇2015年度防汛工作安排意见"
    assert {a["name"] for t in rec["tasks"] for a in t["actors"] if a["explicit"]} >= {"各村", "各有关单位"}


def test_bodies_an_allocation_lists_after_its_lead_take_part():
    """辽宁省安委会 2019年工作要点 (m.cctv1204.com/zhengce/show-27082.html, a traditional-script
    mirror): (省委宣传部、省应急管理厅牵头,各有关部门,各市) — the lead, then those who take part."""
    from policykg.ingest.names import Jurisdiction
    from policykg.nlp.parties import find_parties

    jur = Jurisdiction.of("辽宁省", None, 2019)
    roles = {p.name: p.role.value for p in find_parties(
        "深入组织开展学习宣传活动。(省委宣传部、省应急管理厅牵头,各有关部门,各市)", jur, False)}
    assert roles == {"中共辽宁省委宣传部": "lead", "辽宁省应急管理厅": "lead", "各有关部门": "participant", "各市": "participant"}


def test_a_post_after_a_units_suffix_ends_no_name_there():
    """拉萨市安委会 2020 cover (yjglj.lasa.gov.cn/yjglj/c100823/202010/dae7de7e4e004962bda39a394e56ae83.shtml):
    成立由政府领导同志任组长、分管领导为副组长…的领导小组 names no body 政府领导同志任组."""
    found = _parties("拉萨市成立由政府领导同志任组长、分管领导为副组长、安委会重点成员单位负责人为成员的专项整治领导小组。",
                     "西藏自治区", "拉萨市", 2020)
    assert not any(n.endswith("任组") for n in found)


def test_a_word_ending_in_a_units_character_is_no_unit():
    """湖南省安委办 2013 考核 notice (bhlabor.com mirror): its heading 四、分组 names no body 分组;
    county and city short forms (县局, 市委) still do."""
    from policykg.ingest.names import name_kind

    assert name_kind("分组") is None and name_kind("编组") is None
    assert name_kind("县局") is not None and name_kind("市委") is not None


def test_a_public_information_boxs_labels_and_values_on_their_own_lines_are_furniture():
    """上海市崇明区安委会 2022 81条措施 (shcm.gov.cn/govxxgk/qyjj/2022-11-15/0febfdb3-ce61-4283-92ee-147cca41c04a.html):
    索引号: / SY7543421111202300007 is no title; the 发文字号 it gives is kept."""
    from policykg.ingest.clean import clean_text

    text = clean_text("索引号:\nSY7543421111202300007\n主题分类:\n市场监管、安全生产监督-安全生产监管\n发文字号:\n沪崇安委会〔2022〕4号\n"
                      "上海市崇明区关于进一步强化安全生产责任落实坚决防范遏制重特大事故的81条具体措施\n").mapped.text
    assert text.startswith("发文字号:\n沪崇安委会〔2022〕4号\n上海市崇明区")


def test_a_level_prefixed_department_class_is_the_places_own_department():
    """方城县人民政府 2023 notice (fangcheng.gov.cn/content/17816.html): 县应急管理部门负责… is 方城县应急管理局,
    as 应急管理部门 in a county's notice is."""
    assert "方城县应急管理局" in _parties("县应急管理部门负责统筹协调安全生产综合监管。", "河南省", "南阳市方城县", 2023)
