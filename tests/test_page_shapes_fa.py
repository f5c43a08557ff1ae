"""Shapes of real circulars outside ../shared: public pages of the fresh batches fa–fl of the
fourteenth session (their addresses in bench/firstlook_sources.tsv), cited by address; a few
lines each, not the documents."""

from __future__ import annotations

from page_text import extract_text

from policykg.ingest.clean import clean_text
from policykg.ingest.names import Jurisdiction, parse_names
from policykg.nlp.parties import find_parties
from policykg.nlp.tasks import is_definition


def party_names(text: str, province: str, locality: str | None, year: int) -> list[str]:
    """The parties a sentence names, read as in a document of that place and year."""
    return [p.name for p in find_parties(text, Jurisdiction.of(province, locality, year), False)]

# 卢市镇 (天门市) 2021 两会 安全生产大检查 notice on a mirror
# (www.007485.com/zwgk/bmhxzxxgkml/xzbcy/lsz/zfxxgk/fdzdgknr/gysyjs1/aqsc_50494/202103/t20210326_3423355.shtml):
# full-width spaces lost to `?`, one field a line under each inspection group
LUSHI_GROUPS = (
    '卢市镇关于做好2021年全国“两会”安全生产大检查的通知\n'
    '经镇委镇政府研究决定,从即日起在全镇开展安全生产大检查,并迅速将各类风险隐患整改落实到位,现将有关事项通知如下:\n'
    '一、检查整改时间\n'
    '2021年3月7日-3月10日\n'
    '三、分组情况\n'
    '???(一)第一检查督导组;\n'
    '责任领导:胡小波 ?杨 ?剑\n'
    '责任单位:政法(应急)办、派出所、市场监督管理所\n'
    '检查范围:消防易爆物品、烟花爆竹批发零售点。\n'
    '???(二)第二检查督导组;\n'
    '责任领导:艾 ?进\n'
    '责任单位:工业办、城建办、派出所、市场监督管理所、供电所\n'
    '检查范围:加油站、液化气站,道路安全、渡口安全,醉驾、超速、无证驾驶,营运车辆,工业企业、服装加工厂,商超、宾馆酒店、网吧,'
    '渡口、污水处理厂、污水管网、燃气管网建设工地,村(居)民用电安全。\n'
    '???(三)第三检查督导组;\n'
    '责任领导:曾军林\n'
    '责任单位:扶贫办、财管所、福利院、所涉建设单位\n'
    '检查范围:扶贫项目、财管所改扩建项目工地,福利院。\n'
    '?(四)第四检查督导组;\n'
    '责任领导:杨 剑\n'
    '责任单位:派出所、市场监督管理所、卫生院、中心学校\n'
    '检查范围:卫生院改建项目、各中小学、幼儿园校园安全(校车安全)。\n')


def test_question_marks_standing_for_lost_spaces_are_no_text():
    """"???(一)第一检查督导组" / "胡小波 ?杨 ?剑": no line opens on a question mark and none stands
    between a space and the next word; they are the full-width spaces a wrong encoding lost, and
    the item number after them is read."""
    text = clean_text(LUSHI_GROUPS).mapped.text
    assert "\n(一)第一检查督导组" in text and "胡小波 杨 剑" in text
    paths = [t["path"] for t in extract_text(LUSHI_GROUPS)["tasks"]]
    assert ["三", "(一)"] in paths and ["三", "(四)"] in paths


def test_a_field_line_is_not_joined_to_the_line_above():
    """"责任单位:…供电所" over "检查范围:加油站…": two fields, each on its line; joined, the
    inspected premises read as more responsible units."""
    text = clean_text(LUSHI_GROUPS).mapped.text
    assert "供电所\n检查范围:" in text


def test_an_inspection_scope_lists_what_is_inspected_not_who_acts():
    tasks = {tuple(t["path"]): t for t in extract_text(LUSHI_GROUPS)["tasks"]}
    second = [a["name"] for a in tasks[("三", "(二)")]["actors"]]
    assert sorted(second) == sorted(["卢市镇工业办", "卢市镇城建办", "卢市镇派出所", "卢市镇市场监督管理所", "卢市镇供电所"])
    assert all(a["explicit"] for a in tasks[("三", "(二)")]["actors"])


def test_a_bare_kind_of_local_unit_is_the_townships_own():
    """责任单位:派出所、…、卫生院、中心学校 in a township's notice: the township's police station,
    health centre and central school (a kind every township has one of), not nobody."""
    tasks = {tuple(t["path"]): t for t in extract_text(LUSHI_GROUPS)["tasks"]}
    fourth = {a["name"] for a in tasks[("三", "(四)")]["actors"]}
    assert {"卢市镇派出所", "卢市镇卫生院", "卢市镇中心学校", "卢市镇市场监督管理所"} == fourth
    assert parse_names("派出所", strict=True) and not parse_names("政府", strict=True)


def test_a_heading_over_nothing_but_its_dates_sets_no_work():
    """"一、检查整改时间 / 2021年3月7日-3月10日": the campaign's period, not a task."""
    assert is_definition("检查整改时间\n2021年3月7日-3月10日")
    assert not is_definition("报送时间\n各单位于3月5日前报送")
    assert ["一"] not in [t["path"] for t in extract_text(LUSHI_GROUPS)["tasks"]]


def test_townships_and_sub_districts_listed_are_each_a_class():
    """延吉市防指 Ⅳ级响应 (www.bennuinternational.com/p/265655.html, traditional script): "各鄉鎮、街道要安排人員
    對河流…嚴密巡查" — each township and each sub-district (原州区 2022, www.yzh.gov.cn, and 大通区 2020,
    www.huainan.gov.cn/public/118322659/1258390765.html, are annotated alike); with a head after them
    (各镇、街道城市运行管理中心, 青浦区 2023) the list stays one class."""
    assert [n for n, _, _ in parse_names("各乡镇、街道", strict=True)] == ["各乡镇", "各街道"]
    assert [n for n, _, _ in parse_names("各州、市", strict=True)] == ["各州市"]
    assert [n for n, _, _ in parse_names("各镇、街道城市运行管理中心", strict=True)] == ["各镇街道城市运行管理中心"]
    text = ('市防指各成員單位:\n'
            '在應(yīng)急響應(yīng)期間,要停止一切涉水在建工程項目。各鄉(xiāng)鎮(zhèn)、街道要安排人員對河流、排洪溝、低洼易澇區(qū)及山洪災(zāi)害易發(fā)區(qū)'
            '等重點部位嚴(yán)密巡查,對可能受洪水威脅的地區(qū)提前做好人員轉(zhuǎn)移準(zhǔn)備。\n'
            '延吉市人民政府防汛抗旱指揮部\n2022年7月7日\n')
    names = {a["name"] for t in extract_text(text)["tasks"] for a in t["actors"] if a["explicit"]}
    assert {"各乡镇", "各街道"} <= names


def test_a_duty_list_table_names_its_department_column():
    """柳林县 县管煤矿 职责清单 (www.liulin.gov.cn/llxxxgk/zfzcbm/xzfb/fgwj/gfxwj/202504/t20250428_1948654.shtml):
    "序号 | 职责部门 | 职责名称 | 职责依据" — each row is a duty of the department in its 职责部门 cell."""
    from policykg.ingest.blocks import column_kind

    assert [column_kind(h) for h in ("职责部门", "职责名称", "主管部门")] == ["responsible", "task", "responsible"]
    text = ('柳林县人民政府办公室\n附件1\n柳林县县管煤矿安全管理职责清单\n'
            '序号 | 职责部门 | 职责名称 | 职责依据 | |\n'
            '1 | 县应急局 | 负责煤矿安全生产监督管理 | 县应急局“三定”规定 | |\n'
            '3 | 县应急局 | 负责煤矿矿井地下部分消防安全监管 | 《中华人民共和国消防法》第四条 | |\n'
            '5 | 县能源局 | 负责煤矿建设项目竣工验收监管 | 《中华人民共和国矿山安全法》第八条、第十二条 | |\n')
    tasks = extract_text(text)["tasks"]
    assert [[a["name"] for a in t["actors"]] for t in tasks] == [["柳林县应急管理局"], ["柳林县应急管理局"], ["柳林县能源局"]]


def test_a_request_to_each_school_ends_the_class_at_its_word():
    """九都中心小学 forwarding a 南安市教育局 notice (jdxq.30edu.com.cn/Article/2c39276f-c9a5-4277-9647-3e8e6d7b2b6e.shtml):
    "请各校认真贯彻执行" asks 各校 (each school), not a body called 各校认真贯彻."""
    text = ('各小学:\n现将南教综[2007]224号文《关于开展学校安全隐患排查治理专项行动的通知》转发给你们,请各校认真贯彻执行,'
            '并把排查情况于9月20日发布在中心网站“各校简讯”专栏上,把排查统计表于9月20日交学区办公室。\n九都中心小学\n2007年9月5日\n')
    names = {a["name"] for t in extract_text(text)["tasks"] for a in t["actors"]}
    assert "各校" in names and not any("认真" in n for n in names)


def test_a_period_opening_today_is_a_definition():
    """三都县教育局 fire-hazard campaign (www.sandu.gov.cn/zfbm/xjyj_5712968/zcwj_5712950/202101/t20210121_66224384.html):
    "一、排查整治时间:即日起至2月8日" defines the campaign's period."""
    assert is_definition("排查整治时间:即日起至2月8日")


# a city's 2018–2020 road-safety task table on a mirror (gumo99.com/gi_news/672152576069136): one cell a
# line with a bar line after each, a header cell broken over two lines (牵头责任 / 部门), and a column
# (年度目标) over three year columns whose cells a row may merge
ROAD_TABLE = (
    '序号\n|\n任务事项\n|\n年度目标\n|\n牵头责任\n部门\n|\n主要参与部门\n|\n2018年度\n|\n2019年度\n|\n2020年度\n|\n一\n|\n交通基础设施安全保障方面\n|\n1\n|\n普通国省干线公路安全生命防护设施建设\n|\n当'
    '年完成140公里普通国省道安防工程建设任务。\n|\n按照省公路局要求完成当年普通国省道安防工程建设任务。\n|\n全面完成十三五普通国省道安防工程建设任务。\n|\n市公路处\n|\n各辖市(区)公路管理部门\n|\n2\n|\n联合公安部门'
    '开展普通国省道平面交叉口交通环境专项整治行动\n|\n2018-2020年,按照省公路局下达计划完成农村公路生命安全防护设施建设,督促各市(区)持续开展事故隐患排查,落实隐患整改措施,形成闭环管理。\n|\n市公路处\n|\n各辖市'
    '(区)公路管理部门\n|\n3\n|\n确保国省干线公路一、二类桥梁比例95%以上\n|\n全面开展平面交叉口安全排查梳理,整治事故多发交叉口,整治平面交叉口过多过密,规范平面交叉口设施,整治交叉口交通秩序,开展交通安全宣传。\n|\n'
    '完成普通国省道平面交叉口交通环境专项整治行动,基本解决交叉口过多过密,使平面交叉口路权更加明确、通行更加有序,事故多发交叉口得到有效整改。\n|\n巩固普通国省道平面交叉口交通环境专项整治整治成果。\n|\n市公路处\n|\n各辖市'
    '(区)公路管理部门,联合公安交管部门\n|\n')


def test_a_table_with_a_bar_line_after_every_cell():
    from policykg.ingest.blocks import Table, find_blocks
    from policykg.ingest.textmap import MappedText

    tables = [b for b in find_blocks(MappedText.identity(ROAD_TABLE)) if isinstance(b, Table)]
    assert len(tables) == 1 and tables[0].kinds == ["number", "task", None, "lead", "participant"]
    tasks = extract_text(ROAD_TABLE)["tasks"]
    assert len(tasks) == 3
    for t in tasks[:2]:
        assert {(a["name"], a["role"]) for a in t["actors"]} == {("市公路处", "lead"), ("各辖市区公路管理部门", "participant")}
    assert "当年完成140公里" in tasks[0]["text"] and "全面完成十三五" in tasks[0]["text"]


# 海陵区教育局 forwarding a 梅雨季节 school-building check (hlzhjy.net/ywgz/gztz/content_2568)
HAILING_SCHOOLS = (
    '各中小学、幼儿园(含民办),少年宫:\n'
    '现将《市教育局关于认真做好梅雨季节校舍安全检查工作的通知》(泰教发〔2018〕22号)转发给你们(见附件1),请全区各中小学、幼儿园(含民办),'
    '市少年宫遵照文件精神,务必认真贯彻执行,确保学校和广大师生生命与财产安全。\n'
    '                                  海陵区教育局基建科 安保科\n'
    '                                      2018年6月22日\n'
    '附:1、《市教育局关于认真做好梅雨季节校舍安全检查工作的通知》\n'
    '  2、《海陵区学校校舍及校园消防安全隐患排查整治情况统计表》\n')


def test_a_bare_fu_heads_an_attachment_list_too():
    """"附:1、《…通知》 / 2、《…统计表》": the files attached, not two tasks."""
    assert [t["path"] for t in extract_text(HAILING_SCHOOLS)["tasks"]] == [["preamble"]]


def test_a_kind_of_unit_after_a_class_of_units_is_each_one():
    """"各中小学、幼儿园(含民办)": every school and every kindergarten; (含民办) says what the class
    includes and names no body."""
    doc = extract_text(HAILING_SCHOOLS)
    assert doc["meta"]["addressees"][:2] == ["各中小学", "各幼儿园"]
    assert {"各中小学", "各幼儿园"} <= {a["name"] for a in doc["tasks"][0]["actors"]}
    assert not any("民办" in a for a in doc["meta"]["addressees"])


def test_a_duty_naming_nobody_in_the_same_paragraph_is_the_same_parties():
    """西安市 2012 安全生产大检查 notice on a law mirror, its page starting inside item 四
    (ask.fsou.com/html/text/lar/173736/17373680_2.html): "各区县政府、各开发区管委会和市级各有关部门主要负责同志是
    安全生产第一责任人,要亲自抓…。对本辖区…要掌握实情…。要认真组织开展好这次全市安全生产大检查,…" — one request
    of the bodies the paragraph opens on, not a second one of nobody."""
    text = ('各区县政府、各开发区管委会和市级各有关部门主要负责同志是安全生产第一责任人,要亲自抓、负总责,切实加强对安全生产工作的领导。'
            '对本辖区、本部门的安全生产工作要掌握实情、解决困难、落实责任、督促检查,切实抓好各项安全工作措施的落实。'
            '要认真组织开展好这次全市安全生产大检查,对因检查不到位、责任不落实,隐患排查治理和打击非法违法生产经营建设行为不彻底,'
            '导致事故发生的有关人员和领导,要依法依规严肃追究责任。\n')
    tasks = extract_text(text)["tasks"]
    assert len(tasks) == 1
    assert {a["name"] for a in tasks[0]["actors"]} == {"各区县人民政府", "各开发区管委会", "市级各有关部门"}


def test_a_paragraph_opening_on_its_request_is_a_point_of_its_own():
    """梧州 防汛 urgent notice reported as news (sn-cnpc.com/content/2014-06/06/content_142614.htm): "要加强水上安全巡查…。要加强对沿江桥梁的监测…。" and, in
    the next paragraph, "要落实对危房校舍…": two points, the second not run into the first."""
    text = ('《通知》要求,各级各部门高度重视这次强降雨和洪水可能对我市造成的影响,提前部署好各项防御工作。\n'
            '要加强水上安全巡查,及时组织受影响船只、网箱、水上浮动设施和沿江乡镇低洼地带群众、物资转移。要加强对沿江桥梁的监测和巡查,确保不发生安全事故。\n'
            '要落实对危房校舍、建筑工地、低洼地区、工矿企业、矿尾库、学校周边、旅游景点等重点地区、薄弱环节安全防范措施,切实做好危险区域内的群众转移工作。\n')
    titles = [t["title"] for t in extract_text(text)["tasks"]]
    assert any(t.startswith("要加强水上安全巡查") for t in titles) and any(t.startswith("要落实对危房校舍") for t in titles)


def test_a_centre_named_in_a_task_makes_no_sector():
    """青浦区 2023 工贸 notice (www.shqp.gov.cn/safety/yjzwgk/ml/yw/20230816/1130412.html): "…由各镇、街道城市运行管理中心…牵头排查" — 城市运行管理中心 is a body,
    not the 城市运行 sector."""
    from policykg.nlp.sectors import sectors_of

    assert "城市运行" not in sectors_of("各镇、街道城市运行管理中心如在排查中发现企业情况发生变动,请及时上报更新")


def test_a_companys_divisions_are_the_issuing_companys():
    """上饶供电公司's 2009 National Day power-supply notice reported as news (anquan.com.cn/show-180-30962-1.html):
    "生产技术部牵头编制公司系统保电总方案…。总经理工作部负责信访维稳…" — the issuing company's departments."""
    from policykg.ingest.names import canonical_name

    jur = Jurisdiction.of("江西省", "上饶市", 2009, ["上饶供电公司"])
    assert canonical_name("生产技术部", jur) == "上饶供电公司生产技术部"
    assert canonical_name("电力调度中心", jur) == "上饶供电公司电力调度中心"
    assert canonical_name("宣传部", Jurisdiction.of("江西省", "上饶市", 2009, ["上饶市人民政府"])) != "上饶市人民政府宣传部"


def test_chu_yu_is_a_verb_not_a_division():
    """河北 农村燃气 notice on a real-estate site (www.rqfang.cn/news/10006688.html): "目前农村清洁取暖正处于关键期"
    — 处于 (to be in), not a body called 农村清洁取暖正处."""
    text = "目前农村清洁取暖正处于关键期,新老气代煤用户参差不齐,群众安全意识强弱不一。"
    assert not [n for n in party_names(text, "河北省", None, 2021) if "处" in n]


def test_two_levels_governments_are_each_levels_government():
    """修水县 森林火灾 emergency plan (m.kqyc.cn/wenku/rrcgb/ErK7lYYzrb): "本县的森林火灾应急处置工作,由县、乡镇两级
    政府负责" — the county's government and each township's."""
    assert party_names("本县的森林火灾应急处置工作,由县、乡镇两级政府负责", "江西省", "九江市修水县", 2008) == ["修水县人民政府", "各乡镇人民政府"]


def test_what_a_class_of_units_runs_listed_before_it_is_one_class():
    """湖北 county forest-fire season notice (hnweifengsw.com/html/1800718011286313.html): "乡镇人民政府、村(居)民委员会及
    森林、林地、林木经营单位接到报告后…" — 森林、林地 are what the units run, not parties."""
    names = [n for n, _, _ in parse_names("乡镇人民政府、村(居)民委员会及森林、林地、林木经营单位", strict=True)]
    assert names[-1] == "森林林地林木经营单位" and "森林" not in names
    assert [n for n, _, _ in parse_names("公安、交通运输部门", strict=True)] == ["公安部门", "交通运输部门"]
    # 开化县 heavy-rain notice (nbxinxi.com/a/kaihuaxian/20210625/339404.html): "县水利、防汛部门要全程跟踪雨情" —
    # department stems, never one body called 县水利防汛部门
    assert "县水利防汛部门" not in [n for n, _, _ in parse_names("县水利、防汛部门", strict=True) or []]


def test_a_list_doing_it_at_the_same_time_is_the_subject():
    """浦江县 安全生产大检查 notice (nbxinxi.com/a/pujiangxian/20210606/283586.html): "各乡镇(街道)、浦江开发区、县水晶
    产业园区及有关部门同步在本辖区、本行业开展安全生产专项整治行动" — 同步 opens their duty."""
    assert party_names("各乡镇(街道)、浦江开发区、县水晶产业园区及有关部门同步在本辖区、本行业开展安全生产专项整治行动", "浙江省", "金华市浦江县", 2020) == ["各乡镇街道", "浦江开发区", "浦江县水晶产业园区", "有关部门"]


def test_how_the_party_is_to_act_is_not_its_name():
    """A Fujian city's 森林防灭火指挥部 relaying a 禁火令 on a spam mirror (qswyx.com/zgfzzt/sajj/zwgk/yjwj/202209/t20220929_4443727.htm):
    "请各县(市)区立即以政府明令的形式贯彻执行" asks 各县(市)区, which is to act at once (立即) — not a body called
    各县(市)区立即以政府."""
    assert party_names("请各县(市)区立即以政府明令的形式贯彻执行,并加大宣传广度", "福建省", None, 2022) == ["各县市区"]


def test_every_levels_body_and_departments_named_by_stem_are_classes():
    """吉林省安委办 and 省应急厅 safety notice on household fire, on a traditional mirror
    (big5.cri.cn/gate/big5/jl.cri.cn/n/20220323/3eecc495-4bad-f59c-b375-b992f0062a9e.html): "各级消防救援机构和卫生健康、教育、民政等部门要督促…" — every level's
    departments, by their classes (卫生健康部门…), not the province's own bureaus nor 各级民政."""
    assert party_names("各级消防救援机构和卫生健康、教育、民政等部门要督促疫情隔离场所加强消防安全检查巡查", "吉林省", None, 2022) == ["各级消防救援机构", "卫生健康部门", "教育部门", "民政部门"]


# 望江县 安全生产月 activity plan on an essay site, page 2 (yuwenmi.com/fanwen/wenmi/216524_2.html)
WANGJIANG_WEEK = '(一)开展安全生产事故警示教育周活动\n1.活动时间:6月1日至6月7日。\n2.活动内容:各乡镇、各有关部门和单位组织动员辖区内或各自行业领域的企业尤其是中小企业集中起来开展警示教育活动,要通过举办事故案例展览、观看警示教育片、影视放映等形式,对典型事故和身边事故案例进行剖析,分析原因、总结教训,不断增强广大职工安全意识。\n3.组织单位:各乡镇人民政府,县直有关部门和单位。\n'


def test_children_that_are_their_items_fields_make_one_task():
    """"(一)开展…警示教育周活动 / 1.活动时间:… 2.活动内容:… 3.组织单位:…": the item's time, content and
    organisers, one piece of work (not three tasks); a duty list's children open on bodies instead."""
    from policykg.nlp.tasks import fields_of_one_piece

    tasks = extract_text("四、活动安排\n" + WANGJIANG_WEEK)["tasks"]
    assert [t["path"] for t in tasks] == [["四", "(一)"]]
    assert {"各乡镇人民政府", "县直有关部门"} <= {a["name"] for a in tasks[0]["actors"]}
    assert not fields_of_one_piece(["1.省委宣传部:负责新闻宣传", "2.省公安厅:负责治安管理"])


def test_organisers_and_participants_fields():
    """组织单位 names those responsible; beside 参加单位 they lead and the others take part."""
    from policykg.ingest.blocks import column_kind
    from policykg.nlp.parties import frames

    assert frames().label_role["组织单位"].value == "responsible" and frames().label_role["参加单位"].value == "participant"
    assert column_kind("组织单位") == "responsible" and column_kind("参加单位") == "participant"


def test_a_list_closed_by_deng_bumen_makes_its_unknown_stem_a_department():
    """杭州 road-traffic notice, page 5 (www.fsou.net/html/text/lar/170184/17018469_4.html): "经贸、质监等部门要加强对
    电动自行车生产的监管" — 经贸 is a department's stem too, listed with a known one before 等部门."""
    names = [n for n, _, _ in parse_names("经贸、质监等部门", strict=True)]
    assert names == ["经贸", "质监"]


def test_railway_units_and_sea_transport():
    """漳州 inspection plan (www.fsou.net/html/text/lar/171626/17162641_2.html): "漳州铁路车务段牵头负责辖区内铁路系统…",
    "漳州海事局牵头负责海上运输企业安全生产专项督查" — a railway unit by its 段, and sea transport is 水上交通."""
    from policykg.nlp.sectors import sectors_of

    assert parse_names("漳州铁路车务段", strict=True)
    assert sectors_of("海上运输企业安全生产专项督查") == ["水上交通"]


def test_a_bureau_under_the_issuing_department():
    """陕西省交通运输厅 safety targets, page 2 (ask.fsou.com/html/text/lar/171106/17110688_1.html): "厅运输管理局对全省
    道路运输行业安全工作负总责" — the department's own 运输管理局."""
    from policykg.ingest.names import canonical_name

    jur = Jurisdiction.of("陕西省", None, 2012, ["陕西省交通运输厅"])
    assert canonical_name("厅运输管理局", jur) == "陕西省交通运输厅运输管理局"
    assert canonical_name("厅办公室", jur) == "陕西省交通运输厅办公室"


SHIYU_TASKS = '重庆市铜梁区石鱼镇人民政府\n关于印发《石鱼镇2024年自然灾害防治重点任务清单》的通知\n各村(社区),各板块,有关单位:\n根据《重庆市铜梁区减灾委员会办公室关于印发自然灾害防治专项指挥部2024年重点任务清单的通知》(铜减办〔2024〕2号)文件要求,为确保防灾减灾救灾重点工作任务落到实处、取得实效,经镇党委、政府同意,对年度要点进行任务细化和责任分解。现将《2024年石鱼镇森林防灭火重点任务清单》《2024年石鱼镇防汛抗旱重点任务清单》《2024年石鱼镇地震地质灾害防治救援重点任务清单》《2024年石鱼镇气象灾害防御重点任务清单》印发给你们,请认真抓好贯彻落实。\n附件:1.2024年石鱼镇森林防灭火重点任务清单\n2.2024年石鱼镇防汛抗旱重点任务清单\n3.2024年石鱼镇地震地质灾害防治救援重点任务清单\n4.2024年石鱼镇气象灾害防御重点任务清单\n重庆市铜梁区石鱼镇人民政府\n2024年3月28日\n附件1\n2024年石鱼镇森林防灭火重点任务清单 | ||||\n工作任务 |\n时限要求 |\n责任单位 | ||\n一、推动火灾防控责任落实 | ||||\n属地党 |\n1 |\n贯彻《重庆市全面加强新形势下森林草原防灭火工作实施方案》,结合3月防火宣传月开展 1 次宣贯活动,落实各级行政首长抓森林防灭火职责。 |\n3月底前 |\n林业发展岗 |\n2 |\n村(社区)、村(居)民小组、林区农户要层层签订森林防灭火责任书。 |\n4月底前 |\n林业发展岗 | |\n3 |\n镇政府在防火期每月至少专题研究 1 次本辖区森林防灭火工作。 |\n10月底前 |\n林业发展岗、应急管理岗 | |\n4 |\n健全“一长三员”管护机制,依托林长、监督员、指导员、护林员,进一步完善网格化管理体系。 |\n'


def test_the_general_word_beside_the_documents_own_hazard():
    """石鱼镇 2024 自然灾害防治 task lists, the forest-fire one first (www.cqstl.gov.cn/jz/syz_70789/zwgk_70755/
    fdzdgknr_70758/qtfdxx_455281/jczwgkzj/shjzzx_371213/202404/t20240402_13101799.html): a row naming forest fire
    is about forest fire, not also 自然灾害 in general."""
    tasks = extract_text(SHIYU_TASKS)["tasks"]
    assert any("森林草原防火" in t["sectors"] for t in tasks)
    assert not any({"森林草原防火", "自然灾害"} <= set(t["sectors"]) for t in tasks)


# 北院门街道 (西安市莲湖区) meeting report (m.news.wmxa.cn/n/201509/270069.html)
BEIYUANMEN_MEETING = '9月15日,北院门街道组织辖区各社区安全生产专干召开专题会议,对近期辖区安全生产工作进行了全面部署,要求各社区要针对人员密集场所、建筑工地、危险化学品集散地、宗教场所、居民小区院落等重点区域,全面开展安全生产和消防安全检查整治:一是要强化责任心,细致检查;二是要认真填写检查记录,留存影像资料;三是要对老旧小区、居民院落楼道堆积杂物及时督促清理;四是要对重点路段、小区院落的老化线路和负荷大线路进行全面排查;五是要加强对居民用电、用气安全知识宣传;六要是对违法燃气经营点进行排查,发现隐患及时上报整治。'


def test_a_request_whose_clause_runs_on_still_names_whom_it_asks():
    """"…要求各社区要针对人员密集场所、…等重点区域,全面开展安全生产和消防安全检查整治:一是要强化责任心…" — the six
    points are 各社区's, inferred from the lead-in (its comma does not hide whom it asks)."""
    tasks = extract_text(BEIYUANMEN_MEETING + "\n")["tasks"]
    assert len(tasks) == 6
    assert all([a["name"] for a in t["actors"]] == ["各社区"] for t in tasks)


def test_two_levels_of_river_chiefs():
    """三河市河渠长制办公室 flood-season 通告 (182.92.7.123/a/zixun/1271.html): "三、镇、村两级河长加密汛期日常巡河频次"
    — the township's and the village's river chiefs."""
    assert [n for n, _, _ in parse_names("镇、村两级河长", strict=True)] == ["镇级河长", "村级河长"]


def test_a_duration_the_report_follows_is_a_limit():
    """平罗县 flood-season reporting notice on a traditional mirror
    (unifieddataservices.com/xxgk/bmxxgk/plxyjglj/fdzdgknr_69867/zdgz_69881/202407/t20240715_4595197.html):
    "各成員單位要嚴格執行緊急突發事件信息報告時限規定,嚴守1小時報送" — within the hour; "24小时值班" is a length."""
    from policykg.nlp.deadlines import find_deadlines

    found = find_deadlines("各成员单位要严格执行紧急突发事件信息报告时限规定,严守1小时报送", None)
    assert [(d.type, d.duration) for d in found] == [("relative", "PT1H")]
    assert find_deadlines("严格落实24小时值班值守制度", None) == []


def test_keeping_up_a_duty_opens_it():
    """文安乡 flood-season duty notice (www.gyct.gov.cn/xxgk/show/2012122603462189494.html): "各村、乡属相关部门坚持
    24小时值班制,搞好水雨情、汛情、灾情的传递反馈工作" — the villages and the township's departments."""
    assert party_names("各村、乡属相关部门坚持24小时值班制,搞好水雨情、汛情、灾情的传递反馈工作", "四川省", "广元市朝天区文安乡", 2012) == ["各村", "乡属相关部门"]


def test_a_bodys_own_office_after_jiqi():
    """新疆 2011 安全生产年 plan, page 4 (fsou.com/html/text/lar/172898/17289812_4.html): "各级安委会及其办公室要做好…
    综合协调" — the committees and their offices."""
    assert [n for n, _, _ in parse_names("各级安委会及其办公室", strict=True)] == ["各级安委会", "各级安委会办公室"]


def test_a_clause_before_the_subject_is_not_its_name():
    """连云港 rain-season geohazard notice (zrzy.jiangsu.gov.cn/gtapp/nrglIndex.action?type=2&messageID=2c9082b55a5f9dc3015a5fc26f54003a):
    "强降雨前,各单位要对辖区内各地灾隐患点进行查看" — 各单位, not a body called 强降雨前各单位."""
    assert party_names("强降雨前,各单位要对辖区内各地灾隐患点进行查看", "江苏省", "连云港市", 2016) == ["各单位"]


def test_how_bodies_act_is_not_part_of_their_names():
    """潮州市住建局 2011 inspection notice (www.chaozhou.gov.cn/zwgk/szfgz/szfcxjsj/bmwj/content/post_3508813.html):
    "由各县、区住建局和市质监站、安监站分别部署对所属工程进行检查" — 安监站, then 分别部署."""
    found = party_names("由各县、区住建局和市质监站、安监站分别部署对所属工程进行检查", "广东省", "潮州市", 2011)
    assert not any("部署" in n for n in found) and len(found) == 3


def test_each_place_along_the_river():
    """迁安市水利局 reservoir-release notice on a traditional mirror (www.eyeone.cn/pc/content/article/detail?categoryName=original&id=50101):
    "請沿河各鎮鄉、街道,各相關單位高度重視" — the townships and the sub-districts along the river, and the units."""
    assert party_names("请沿河各镇乡、街道,各相关单位高度重视", "河北省", "唐山市迁安市", 2019) == ["沿河各镇乡", "沿河各街道", "各相关单位"]


def test_whom_an_issued_notice_asks():
    """新文化报 report of a 吉林省交通厅 notice (news.sina.com.cn/o/2006-09-23/125610091075s.shtml): "…,省交通厅下发
    通知要求各级交通部门要认真开展安全隐患大检查" — 各级交通部门 are asked; the bureau that issued the notice is
    no actor, and an issuer whose asked parties are not read is none either."""
    text = "本报讯(记者 陈澈) 2006年国庆节期间为防止重、特大事故发生,省交通厅下发通知要求各级交通部门要认真开展安全隐患大检查。"
    found = find_parties(text, Jurisdiction.of("吉林省", None, 2006), False)
    assert [(p.name, p.rule) for p in found] == [("各级交通部门", "subject")]


def test_a_level_and_the_levels_under_it():
    """民政部 民函〔2008〕119号 on disaster statistics (m.kqyc.cn/wenku/rsddr/zAo5veP3Xd): "由省级和省级以下民政部门
    组织填报" — the province's civil-affairs departments and those below, not one body."""
    assert [n for n, _, _ in parse_names("省级和省级以下民政部门", strict=True)] == ["省级民政部门", "省级以下民政部门"]


def test_a_class_of_places_after_a_body_ends_the_subject():
    """福州市防指's eight requirements reported as news (fz.fjsen.com/2018-08/26/content_21403968.htm): "市联排联调中心和各县(市)区
    要加强城区、县城、乡镇内涝防范" — the centre and every county."""
    assert party_names("市联排联调中心和各县(市)区要加强城区、县城、乡镇内涝防范", "福建省", "福州市", 2018) == \
        ["福州市联排联调中心", "各县市区"]


def test_a_plans_section_number_typed_with_spaces():
    """《国家自然灾害救助应急预案》 page 2 on a spam-prefixed news mirror (m.cec100.cn/news/2006/2006-01-11/8/676667.shtml):
    "5. 1. 1 根據有關部門提供的災害預警預報信息…" — section 5.1.1, not item 5 with "1. 1" in its text; a list's
    "1. 2月底前" keeps its space (item 1, then a date)."""
    text = clean_text("              5. 1 災害預警預報\n\n              5. 1. 1 根據有關部門提供的災害預警預報信息\n1. 2月底前完成\n").mapped.text
    assert text.splitlines() == ["5.1 灾害预警预报", "5.1.1 根据有关部门提供的灾害预警预报信息", "1. 2月底前完成"]


def test_decimal_sections_nest_by_depth():
    """The same page: "5.1 灾害预警预报" heads 5.1.1 and 5.1.2, which are its items (the heading
    itself sets no work), and 5.2 follows as 5.1's sibling."""
    from policykg.ingest.outline import parse_outline

    text = "5.1 灾害预警预报\n5.1.1 根据有关部门提供的灾害预警预报信息\n5.1.2 根据灾情预警\n5.2 灾害信息共享\n"
    roots = parse_outline(text)
    assert [r.marker for r in roots] == ["5.1", "5.2"]
    assert [c.marker for c in roots[0].children] == ["5.1.1", "5.1.2"]
