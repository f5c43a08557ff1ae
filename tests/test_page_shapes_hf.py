"""Shapes of real circulars outside ../shared: public pages of the fresh batches hf and hg of
the nineteenth session (their addresses in bench/firstlook_sources.tsv), cited by address; a
few lines each, not the documents."""

from __future__ import annotations

from page_text import extract_text

from policykg.ingest.metadata import county_shared_by_towns, joint_issuers
from policykg.ingest.names import Jurisdiction, canonical_name, parse_names
from policykg.ingest.outline import find_markers, parse_outline
from policykg.nlp.parties import find_parties


def test_a_numbered_item_is_an_item_whatever_word_opens_it():
    """…“三无”小区内。1、我县对烟花爆竹燃放也作出要求…。2、个人不得燃放礼花弹…。3、倡议… (岫岩满族自治县
    春节烟花爆竹 通告 2025, wxredian.com/art?id=e39a9c51db1eaa216a4495c071f04505): 2、 closes its
    number, so 个人 is no count "2个" — the ban lost items 2–6 to the preamble."""
    line = ("无物业管理、无主要部门、无人防物的“三无”小区内。1、我县对烟花爆竹燃放也作出要求,不得举办焰火晚会。"
            "2、个人不得燃放礼花弹、小礼花类。3、倡议自觉践行绿色生活方式,不放或少放烟花爆竹。")
    assert [m.label for m in find_markers(line)] == ["1", "2", "3"]
    # a number with no mark stays a count
    assert find_markers("2个乡镇完成排查任务并上报结果。") == []


def test_a_number_alone_on_its_line_heads_the_points_below_it():
    """3、 alone on a line, then ① 做好防暑降温工作… ② 防止食物中毒; … (北京华可实工程技术有限公司
    安全防汛 通知 2010, huakecy.com/index.php?m=content&c=index&a=show&catid=17&id=176): the four
    points are items of 3 — they were lost, and item 2 took their 每天 as its cadence."""
    text = ("2、要求各项目部所有员工不得在禁止游泳的地方游泳。\n\n3、\n\n① 做好防暑降温工作,有条件的项目部应每天为员工准备绿豆汤解暑;\n\n"
            "② 防止食物中毒;\n\n③ 搞好营地周边的环境卫生,生活垃圾及时清理;\n\n4、 各项目经理为施工现场防汛安全第一责任人。\n")
    roots = parse_outline(text)
    assert [r.marker for r in roots] == ["2", "3", "4"]
    assert [(c.marker, c.title) for c in roots[1].children] == [
        ("①", "做好防暑降温工作,有条件的项目部应每天为员工准备绿豆汤解暑"), ("②", "防止食物中毒"),
        ("③", "搞好营地周边的环境卫生,生活垃圾及时清理")]
    tasks = extract_text("公司各项目部:\n\n" + text)["tasks"]
    swim = next(t for t in tasks if t["path"] == ["2"])
    assert swim["deadlines"] == []


def test_a_townships_own_level_and_its_countys_bureaus():
    """一、乡级防汛指挥部主要职责 … (5)按照上级要求,配合民政、建设等部门开展农村住房防灾能力调查 (巨浦乡防汛抗旱工作职责,
    青田县, www.qingtian.gov.cn): 乡级 in the township's own list is the township's headquarters, and a
    township has no bureaus — 民政、建设等部门 are its county's (青田县民政局), not "巨浦乡民政局"."""
    town = Jurisdiction.of("浙江省", "丽水市青田县巨浦乡", 2020)
    assert canonical_name("乡级防汛指挥部", town) == "巨浦乡防汛指挥部"
    assert canonical_name("乡级领导", town) == "乡级领导"  # people, no body
    county = Jurisdiction.of("浙江省", "丽水市青田县", 2020)
    assert canonical_name("乡级防汛指挥部", county) == "乡级防汛指挥部"  # every township's: a class
    found = find_parties("按照上级要求,配合民政、建设等部门开展农村住房防灾能力调查。", town, False, (), None)
    assert {p.name for p in found} >= {"青田县民政局"}
    assert not any(p.name.startswith("巨浦乡") and p.name.endswith("局") for p in found)


def test_a_county_found_by_the_townships_it_names():
    """黔东南一县关于春节期间安全规范燃放烟花爆竹的通告: 1.新州城区:东至新州镇五里桥村、西至新州镇黑窑榜… 2.旧州城区:东至
    旧州镇冷水河… (www.kailiren.net/archiver/tid-162793.html, a forum repost of 黄平县's 通告): 新州镇 is a township of four counties
    and 旧州镇 of six; only 黄平县 has both, so the page is placed in 贵州省黔东南州黄平县."""
    head = "黔东南一县关于春节期间安全规范燃放烟花爆竹的通告\n"
    body = ("现就在全县范围内燃放烟花爆竹的事项通告如下: 一、禁放区域、时间 (一)禁放区域: 1.新州城区:东至新州镇五里桥村、"
            "西至新州镇黑窑榜为烟花爆竹禁止燃放区域。 2.旧州城区:东至旧州镇冷水河、西至旧州镇飞机场为烟花爆竹禁止燃放区域。\n")
    assert county_shared_by_towns(body).name == "黄平县"
    meta = extract_text(head + body)["meta"]
    assert (meta["province"], meta["locality"]) == ("贵州省", "黔东南苗族侗族自治州黄平县")
    # one township alone proves nothing (新州镇 is in four counties), however its name is run into the
    # words before it (…寮步镇设分会场…主持召开寮步镇安全生产…: 寮步 once, not 寮步 and 召开寮步)
    assert county_shared_by_towns("东至新州镇五里桥村、西至新州镇黑窑榜。") is None
    assert county_shared_by_towns("寮步镇设分会场。镇长主持召开寮步镇安全生产工作会议。") is None


def test_a_heading_closed_by_a_colon_heads_work_unless_its_items_are_labelled():
    """二、宣传到位: 1.致全乡农民朋友的一封信必须发放到每家每户…; 2.每个村民小组在醒目的地方刷写一条永久性的宣传标语; …
    4.各学校每周上好一堂森林防火宣传课。 (a township's 加强森林防火通知 on a document-selling site,
    m.baogao8.com/p-62147.html): a heading closed by a colon is no list of cases — its items are its work. Items
    that open on a label are cases still (禁放区域: 1.新州城区:东至… 2.旧州城区:…, kailiren.net 黄平县 通告)."""
    work = ("一、责任到位 各村蹲点领导为此次森林防火所在村监管责任人。\n二、宣传到位:\n1.致全乡农民朋友的一封信必须发放到每家每户,并张贴在墙上;\n"
            "2.每个村民小组在醒目的地方刷写一条永久性的宣传标语;\n3.督促“痴、呆、傻”人员监护人加强监管;\n4.各学校每周上好一堂森林防火宣传课。\n"
            "三、巡查到位:\n当火险等达到1-2级时,村干部要组织专人每天进行巡查。\n")
    paths = [t["path"] for t in extract_text(work)["tasks"]]
    assert [p for p in paths if p[0] == "二"] == [["二", "1"], ["二", "2"], ["二", "3"], ["二", "4"]]
    cases = ("一、禁放区域、时间\n(一)禁放区域:\n1.新州城区:东至新州镇五里桥村、西至新州镇黑窑榜为烟花爆竹禁止燃放区域。\n"
             "2.旧州城区:东至旧州镇冷水河、西至旧州镇飞机场为烟花爆竹禁止燃放区域。\n(二)禁放时间:除每年除夕之外,其他时间均为禁放时间。\n")
    assert not any(len(t["path"]) > 2 for t in extract_text(cases)["tasks"])  # the areas are no tasks


def test_a_time_before_the_subject_is_no_part_of_its_name():
    """三、开展一次校园消防安全大检查。寒假前总务处负责检查学校所有的消防器材 (东营市第一中学 2014, www.dyyz.net/f//view-156775-42372.html) and
    …提出具体工作要求,要求强降雨期间矿山停产 (长白县 2019, bid.caigoupt.com/info-113724761.html): 寒假前
    says when, 总务处 acts; 期间 is in no body's name ("强降雨期间矿" was a body)."""
    school = Jurisdiction.of("山东省", "东营市", 2014, ("东营市第一中学",))
    found = find_parties("寒假前总务处负责检查学校所有的消防器材、应急照明设备是否完整好用。", school, False, (), None)
    assert [p.written for p in found] == ["总务处"]
    rain = find_parties("要求强降雨期间矿山停产;所有建筑工地全部停工。", Jurisdiction.of("吉林省", "白山市长白朝鲜族自治县", 2019),
                        False, (), None)
    assert [p.written for p in rain] == ["所有建筑工地"]
    # a place opening a name is no time word (前郭县), nor is 后勤 (后勤处)
    assert [p.written for p in find_parties("前郭县应急管理局要加强值守。", Jurisdiction.of("吉林省", None, 2019),
                                            False, (), None)] == ["前郭县应急管理局"]


def test_pupils_and_family_members_are_two_classes_of_people():
    """1.学生和家庭成员共同开展家庭消防安全自查活动 (the same school notice): 学生 is a class of people of its
    own, and 家庭成员's head is 成员 — the list made "学生庭成员"."""
    assert parse_names("学生和家庭成员", strict=True) == [("学生", 0, "person"), ("家庭成员", 3, "person")]
    assert parse_names("林木、林地经营者", strict=True) == [("林木经营者", 0, "person"), ("林地经营者", 3, "person")]


def test_two_bodies_that_issue_together_are_two_issuers():
    """为此,秭归县公安局、县应急管理局近日特地发布禁止燃放烟花爆竹的公告 (三峡秭归 2023,
    www.sxzg.cn/content/show?catid=331997&newsid=893112): two issuers, each named in full — not one body "秭归县公安局、县应急管理局"."""
    page = ("当前位置:首页 > 公告 > 正文\n县公安局、县应急管理局发布公告:禁止燃放烟花爆竹\n\n发布时间:2023-01-16\n\n"
            "三峡秭归讯:春节即将来临。为此,秭归县公安局、县应急管理局近日特地发布禁止燃放烟花爆竹的公告。公告指出,\n\n"
            "二、禁放区内严禁设置烟花爆竹零售点。\n")
    assert joint_issuers(["秭归县公安局、县应急管理局"]) == ["秭归县公安局", "县应急管理局"]
    assert extract_text(page)["meta"]["issuers"] == ["秭归县公安局", "秭归县应急管理局"]


def test_points_each_a_sentence_after_an_items_lead_are_its_tasks():
    """一、落实属地责任,做好入汛准备 / 各乡镇人民政府…要深入研判年度趋势…。一是加强隐患排查。通过…。二是加快损毁修复。…
    (奉节县减灾委办公室 2021, www.cqfj.gov.cn/zwgk_168/fdzdgknr/yjgl/ydqk/202104/t20210409_9098199.html): points that are sentences of their own after the item's lead are
    four pieces of work; 做到“五落实”:一是…;二是… (devset d18) and clauses of one sentence (…活动。一要加强
    路面交通管控…;二要加强客运安全…, 成都 2011, dexun.net.cn/fanwen/gongzuozongjie/2751.html) stay one task."""
    own = ("一、落实属地责任,做好入汛准备\n各乡镇人民政府、街道办事处要深入研判年度趋势,确保汛前整改落实到位。一是加强隐患排查。通过“走山走水”"
           "认真排查风险隐患。二是加快损毁修复。加快因灾损毁工程修复。三是开展汛前检查。组织开展全覆盖的汛前综合检查。\n二、压实属事责任\n"
           "各乡镇人民政府要切实履行好自然灾害防治主体责任。\n")
    assert [r.marker for r in parse_outline(own)[0].children] == ["一", "二", "三"]
    clauses = ("二、工作任务\n(二)扎实开展“成都市交通安全年”\n扎实开展“成都市交通安全年”活动。一要加强路面交通管控,从严查处交通违法行为;"
               "二要加强客运安全,落实企业安全生产责任制;三要加大隐患力度,改善通行条件。\n")
    assert parse_outline(clauses)[0].children[0].children == []


def test_a_number_after_the_full_stop_its_line_took_from_the_line_before():
    """3.确保不发生国务院认定的特别重大事故,\\n。二、工作任务 (成都 2011 安全生产工作 通知, dexun.net.cn/fanwen/gongzuozongjie/2751.html): the full
    stop the scrape moved onto the next line hides no item — 二、 opens it (all its tasks were lost
    under 一、工作目标)."""
    text = "一、工作目标\n1.全市各类事故死亡人数控制在目标以内;\n2.确保不发生特别重大事故,\n。二、工作任务\n(一)狠抓安全生产落实\n切实落实安全生产责任。\n"
    assert [r.marker for r in parse_outline(text)] == ["一", "二"]


def test_a_plan_without_its_head_is_issued_by_the_department_its_first_line_names():
    """2025年全市应急管理工作总体要求是:以习近平新时代…思想为指导… / 一、聚焦控增减存… (武汉市 2025 应急管理工作要点,
    yjj.wuhan.gov.cn/zfxxgk/fdzdgk/ghjh/ndjh/202504/t20250414_2566668.shtml): the page lost title and signature; 全市应急管理工作 is the city's 应急管理局's plan, so
    its tasks that name nobody are that bureau's."""
    page = ("2025年全市应急管理工作总体要求是:以习近平新时代中国特色社会主义思想为指导,认真落实市委、市政府工作部署,为奋力谱写中国式现代化武汉篇章贡献应急力量。\n"
            "一、聚焦控增减存,着力提升安全生产治理效能\n(一)推动安全生产责任落实。落实地方党政领导干部安全生产责任制。\n"
            "(二)深入开展治本攻坚三年行动。聚焦短板弱项,扎实开展重大事故隐患动态清零。\n")
    record = extract_text(page)
    assert record["meta"]["issuers"] == ["武汉市应急管理局"]
    assert {a["name"] for t in record["tasks"] for a in t["actors"]} == {"武汉市应急管理局"}



def test_heads_of_classes_and_projects_are_people_by_their_shape():
    """三、班主任要做到: 1.班主任向学生宣传上级有关文件精神… (孙岗乡中心小学 防溺水安全工作责任追究制度, www.ahyeji.gov.cn/public/6625171/25306764.html) and
    1、要求各项目经理组织对已经安装埋设的监测仪器进行全面检查 (huakecy.com/index.php?m=content&c=index&a=show&catid=17&id=176): 班主任 is the head of a class as 校长
    is of a school (a unit's kind and 长 or 主任), and 经理 a person's word — the duties are theirs, not
    the school's by default, and not a made-up unit 各项目经理组."""
    town = Jurisdiction.of("安徽省", "六安市叶集区孙岗乡", 2020)
    assert [p.name for p in find_parties("班主任要做到:", town, False, (), None)] == ["班主任"]
    assert parse_names("各项目经理", strict=True) == [("各项目经理", 0, "person")]
    assert parse_names("办公室主任", strict=True) is None  # a post of a body, no class of people



def test_a_division_named_by_two_fields_is_one_division():
    """(二)人力資源及行政部負責落實安全生產責任制… / 具體落實由安全技術部、人力資源及行政部共同負責 (a company's safety
    rules on a traditional/pinyin mirror, jycdxd.com/Manage/System/Common/201103/176574.shtml): 及 before a short division after a plain noun joins
    one department's two fields — not 人力资源 and 行政部. A unit before it stays a unit (学校及总务处)."""
    assert parse_names("安全技术部、人力资源及行政部", strict=True) == [("安全技术部", 0, "org"), ("人力资源及行政部", 6, "org")]
    assert [n for n, _, _ in parse_names("学校及总务处", strict=True)] == ["学校", "总务处"]



def test_a_bare_department_after_townships_and_their_offices_is_every_department():
    """副区长付文怀在会上指出,各镇乡(街道办)、部门要切实抓好全国“两会”期间安全生产工作 (播州区 2017, guiyang.baogaosu.com/xinwen/%E5%8C%BA%E5%8F%AC%E5%BC%80%E5%85%A8%E5%9B%BD%E4%B8%A4%E4%BC%9A%E6%9C%9F%E9%97%B4%E5%AE%89%E5%85%A8%E7%94%9F%E4%BA%A7%E5%B7%A5%E4%BD%9C/55491976): 部门
    after a class of places is every department (各部门), as after 各乡镇 — the sub-districts' offices
    in the note made it "各镇乡部门"."""
    assert parse_names("各镇乡(街道办)、部门", strict=True) == [("各镇乡(街道办)", 0, "place"), ("各部门", 9, "org")]
    assert parse_names("各乡镇、部门", strict=True) == [("各乡镇", 0, "place"), ("各部门", 4, "org")]



def test_mass_organisations_are_bodies():
    """省红十字会、省慈善总会:负责国内外红十字会或慈善组织救灾捐赠款物的接收和管理 (a province's disaster-relief
    plan, its duty list, www.fymate.net/html/text/lar/168236/16823675_4.html): the Red Cross, a charity federation, 科协, 残联 are bodies as 妇联 and
    总工会 are — the line's duty was lost."""
    assert parse_names("省红十字会、省慈善总会", strict=True) == [("省红十字会", 0, "org"), ("省慈善总会", 6, "org")]
    assert parse_names("县残联", strict=True) == [("县残联", 0, "org")]
    assert parse_names("大会", strict=True) is None



def test_a_phase_or_an_activity_ends_by_its_last_day():
    """(二)自查自纠阶段(7月16日-8月20日) (思蒙镇 百日攻坚 方案 2025, www.xp.gov.cn/xp/c110528/202510/0069294759ca48499e528df3bfe5bd2c.shtml) and 1.活动时间:6月1日至6月7日。
    (望江县 安全生产月 方案, yuwenmi.com/fanwen/wenmi/216524_2.html): the last day of a phase or an activity, with 至 or a dash, is when
    it is to be done; a season's or a ban's time (森林防火期时间为…至…, 禁放时间:2月1日-2月20日) is none."""
    from datetime import date

    from policykg.nlp.deadlines import find_deadlines

    def days(s):
        return [d.date for d in find_deadlines(s, date(2025, 7, 1))]

    assert days("(二)自查自纠阶段(7月16日-8月20日)") == ["2025-08-20"]
    assert days("1.活动时间:6月1日至6月7日。") == ["2025-06-07"]
    assert days("森林防火期时间为2023年11月1日至2024年5月31日。") == []
    assert days("禁放时间:2月1日-2月20日。") == []



def test_a_headline_above_its_stamp_under_a_long_menu():
    """学术研究 学术研究 / 儒学动态 / … (a menu of eighteen lines) / 国务院安委办印发紧急通知部署做好当前安全防范工作 /
    来源:…官网  更新时间:2024-05-08 19:51:24 (a spam-hijacked site's copy of the news, www.ysxghj.com/fxsmm/670391596.html): the
    headline is the line above the stamp, however long the menu above it, and a stamp may open on its
    source — the title was the menu's first line."""
    menu = "".join(f"栏目{n}\n" for n in "一二三四五六七八九十") + "学术研究 学术研究\n儒学动态\n专家观点\n"
    page = (menu + "\n国务院安委办印发紧急通知部署做好当前安全防范工作\n\n来源:某某官网  更新时间:2024-05-08 19:51:24\n\n"
            "北京5月2日电 记者2日从应急管理部获悉,国务院安委会办公室近日印发紧急通知,部署各地区、各有关部门和中央企业切实做好当前安全防范工作。\n")
    assert extract_text(page)["meta"]["title"] == "国务院安委办印发紧急通知部署做好当前安全防范工作"



def test_all_or_each_before_a_class_is_the_class():
    """所有煤矿企业要… (国务院安委会办公室's coal-mine flooding notice on a company site, czkszx.com/news/8_184) and 每个村民都有
    森林防火的义务 (a village's forest-fire rules, rishikeshbazar.com/p-48618911.html): the class is 煤矿企业, 村民 — 全体, 任何 and 各
    stay as written (the schema's 任何单位和个人, 各级安委办)."""
    jur = Jurisdiction.of(None, None, 2021)
    assert canonical_name("所有煤矿企业", jur) == "煤矿企业"
    assert canonical_name("每个村民", jur) == "村民"
    assert canonical_name("任何单位和个人", jur) == "任何单位和个人"
    assert canonical_name("全体包村联席会领导", jur) == "全体包村联席会领导"



def test_a_storms_track_does_not_place_the_page():
    """预计“利奇马”将逐步靠近台湾东部,于9日擦过或登陆台湾北部后向闽浙沿海靠近,给我省带来明显风浪影响 (福州新闻网
    2019, fujiansannong.cn/info/45925): where the typhoon goes is geography — the page was placed in 台湾省 and its 省防指 made
    台湾省防汛抗旱指挥部 (so was a 兴宁市 township's typhoon report)."""
    from policykg.ingest.metadata import places_named

    text = "预计“利奇马”将逐步靠近台湾东部,于9日擦过或登陆台湾北部后向闽浙沿海靠近,强度逐渐加强,给我省带来明显风浪影响。"
    assert places_named(text)[0] is None
