"""Shapes of real circulars outside ../shared: public pages of the fresh batches gp and gq of
the seventeenth session (their addresses in bench/firstlook_sources.tsv), cited by address; a
few lines each, not the documents."""

from __future__ import annotations

from page_text import extract_text

from policykg.ingest.clean import clean_text
from policykg.ingest.names import Jurisdiction, canonical_name, name_kind
from policykg.nlp.parties import Role, find_parties


def parties(text: str, province: str, locality: str | None, year: int | None,
            issuers: tuple[str, ...] = ()) -> list:
    return find_parties(text, Jurisdiction.of(province, locality, year, issuers), False)


def test_bodies_of_a_note_that_act_by_their_duties_take_their_role():
    """(镇安委办牵头,镇安委会各成员单位依职责负责) (徐闻县新寮镇 2023 工作要点, www.xuwen.gov.cn/
    zfxxgk/zjsxwxxzzrmzf/content/post_1852157.html): 依职责 says how the members act, between
    them and their verb; they take part beside the lead (as with 按职责分工负责)."""
    found = parties("研究出台落实举措。(镇安委办牵头,镇安委会各成员单位依职责负责)", "广东省", "湛江市徐闻县新寮镇", 2023)
    roles = {p.written: p.role for p in found}
    assert roles == {"镇安委办": Role.LEAD, "镇安委会各成员单位": Role.PARTICIPANT}


def test_a_part_of_an_area_is_no_body():
    """伊宁县域大部将出现7~8级偏东大风 (伊宁县应急管理局 2025 大风蓝色预警, www.chhwxxw.com/xjyn/
    c113730/202504/da78b96d6e7947249aa111223001dd0b.shtml): 大部 ends in 部 but is where the wind
    falls; 预计 opens a forecast, not a name."""
    assert name_kind("伊宁县域大部") is None and name_kind("全市东南部") is None
    text = "预计11日下午至12日白天,伊宁县域大部将出现7~8级偏东大风,局地可达9级,请注意防范。"
    assert parties(text, "新疆维吾尔自治区", "伊犁哈萨克自治州伊宁县", 2025) == []


def test_the_level_a_list_of_department_stems_opens_on_is_each_stems():
    """市煤炭、安监部门每季度至少召开一次…调度会,召集县级煤炭、安监部门主要领导… and 各级煤炭、
    安监部门除按规定的周期进行安全检查外,平时不定期开展督查 (a Guizhou city's coal-mine plan,
    www.fsou.com.cn/html/text/lar/172637/17263782_5.html): the city's two department classes, and
    every level's — not the province's 安监 bureau; 除…外 sits between the subject and its duty."""
    city = parties("市煤炭、安监部门每季度至少召开一次煤炭安全生产调度会。", "贵州省", None, 2011)
    assert [p.written for p in city] == ["市煤炭部门", "市安监部门"]
    assert not any(p.name.startswith("贵州省") for p in city)
    every = parties("各级煤炭、安监部门除按规定的周期进行安全检查外,平时不定期开展督查、突击检查和重点检查。",
                    "贵州省", None, 2011)
    assert [p.name for p in every] == ["各级煤炭部门", "各级安监部门"]


def test_a_police_unit_is_no_division_of_the_issuing_department():
    """公安消防支队牵头 in a report whose issuer reads as 开封市安全生产监督管理局 (开封 2016,
    kaifeng.yuduxx.com/minsheng/514642.html): the police's fire brigade of the city, not a
    division of the safety bureau (which 教育中心, 监察总队 of a 安监局's own notice are)."""
    jur = Jurisdiction.of("河南省", "开封市", 2016, ("开封市安全生产监督管理局",))
    assert canonical_name("公安消防支队", jur) == "开封市公安消防支队"
    assert canonical_name("教育中心", jur) == "开封市安全生产监督管理局教育中心"


def test_a_sites_disclaimer_ends_the_page():
    """豫都网版权与免责声明 and its numbered clauses under the article (kaifeng.yuduxx.com/minsheng/
    514642.html): 1、未经豫都网…许可,任何人不得… is the site's terms, not the notice's items."""
    page = ("发布时间:2016-12-02 11:59 我要投稿\n"
            "全媒体记者鲁振虎报道 为确保全市安全生产形势持续稳定,从12月1日开始,我市集中开展十大重点行业领域安全生产专项整治行动。\n"
            "此次专项行动时间为2016年12月1日至2017年2月28日。\n"
            "市安全监管局牵头,负责组织开展对危险化学品和烟花爆竹领域的专项整治工作。"
            "市公安局牵头,负责组织开展对道路交通领域的专项整治工作。市住房和城乡建设局牵头,负责组织开展对建筑施工领域的专项整治工作。"
            "市城管局牵头,负责组织开展对公用事业领域的专项整治工作。市质监局牵头,负责组织开展对特种设备领域的专项整治工作。"
            "市教育局牵头,负责组织开展对校园安全领域的专项整治工作。\n"
            "豫都网版权与免责声明\n"
            "1、未经豫都网(以下简称本网)许可,任何人不得非法使用本网自有版权作品。\n"
            "2、本网转载其他媒体之稿件,以及由用户发表上传的作品,不代表本网赞同其观点和对其真实性负责。\n")
    cleaned = clean_text(page)
    assert "免责" not in cleaned.mapped.text and "本网" not in cleaned.mapped.text
    assert "市教育局牵头" in cleaned.mapped.text


def test_units_act_through_their_leaders_of_every_level():
    """在總結講話(huà)中李思軍強調,云膠集團所屬各企業(yè)各級領(lǐng)導干部要提高政治站位 (云南天然橡胶
    产业集团 2023, www.metaverseusc.com/cnPc/yjxw/11040.html; traditional, with pinyin): the
    group's enterprises act, through their leaders of every level."""
    text = "在總結講話(huà)中李思軍強調,云膠集團所屬各企業(yè)各級領(lǐng)導干部要提高政治站位,牢固樹(shù)立安全環(huán)保高于一切的觀(guān)念。\n"
    actors = [a["name"] for t in extract_text(text)["tasks"] for a in t["actors"]]
    assert actors == ["云胶集团所属各企业"]


def test_the_lead_and_those_who_take_part_in_one_sentence_are_one_task():
    """同一项工作涉及多个部门的,牵头部门要加强协调,相关部门要密切配合。 (山东省政府办公厅 2010
    分工方案, www.110.com/fagui/law_372788.html): 牵头部门 is a subject here (a modal follows it),
    not a column's label, and leads; 相关部门 take part in the same work — one task, not two."""
    text = "同一项工作涉及多个部门的,牵头部门要加强协调,相关部门要密切配合。\n"
    tasks = extract_text(text)["tasks"]
    assert len(tasks) == 1
    assert {a["name"]: a["role"] for a in tasks[0]["actors"]} == {"牵头部门": "lead", "相关部门": "participant"}


def test_at_least_so_often_is_a_cadence_not_a_season():
    """推动我镇主要负责人每季度至少组织研究 1 次安全生产突出问题 (徐闻县新寮镇 2023, www.xuwen.gov.cn/
    zfxxgk/zjsxwxxzzrmzf/content/post_1852157.html): 至少 is "at least", not the 至 of a range
    (每年10月1日至次年5月31日 is a season, no limit)."""
    from datetime import date

    from policykg.nlp.deadlines import find_deadlines

    found = find_deadlines("推动我镇主要负责人每季度至少组织研究 1 次安全生产突出问题。", date(2023, 11, 2))
    assert [(d.type, d.freq) for d in found] == [("recurring", "quarterly")]
    assert not find_deadlines("每年10月1日至次年5月31日为全市森林防火期。", date(2023, 11, 2))


def test_a_related_reading_widget_above_the_article_is_no_trailer():
    """相关阅读: with nothing under it, between a long site menu and the article (武进区 2020 燃气
    推进会, www.wj.gov.cn/html/czwj/2020/FAOHPMEF_1014/349806.html): the article after it is the
    page's text, its two requirements tasks (年底全面完成: the year's end)."""
    menu = "".join(f"  • {w}\n" for w in ("今天是", "登录个人中心", "繁體中文", "无障碍浏览", "英文版", "智能问答",
                                           "移动端应用", "首页", "政务动态", "政府信息公开", "服务大厅", "政民互动",
                                           "走进武进", "数据开放"))
    page = (menu + "\n您当前的位置:首页> 政务动态> 政务要闻> 内容\n\n城镇燃气安全专项整治工作推进\n"
            "发布日期: 2020-10-14    来源:武进日报  浏览次数:  字号:〖大 中 小〗\n \n\n相关阅读:\n\n \n\n"
            "10月13日,我区召开城镇燃气安全专项整治工作推进会,部署下一阶段工作,要求各级各部门进一步整治突出风险、"
            "压实工作责任,筑牢安全生产防线。\n\n"
            "下一步,各级各部门将正视问题、快速整改,挂图作战、加强联动,严格全过程管理,细化各类方案,压实责任,"
            "确保全区4770户餐饮燃气用户整改工作年底全面完成。\n\n副区长是峰参加会议。\n")
    tasks = extract_text(page)["tasks"]
    assert [[a["name"] for a in t["actors"]] for t in tasks] == [["各级各部门"], ["各级各部门"]]
    assert tasks[1]["deadlines"][0]["date"] == "2020-12-31"


def test_every_stem_before_a_department_head_is_a_department():
    """各级政府和省国土资源、安监、煤炭、煤监、公安、监委等部门都要设立专门的举报电话 (山西 2005,
    news.sina.com.cn/o/2005-03-31/18445519869s.shtml): 煤炭, 煤监 are departments' stems the
    lexicon does not know, not members named bare (煤炭 is no party), and 省国土资源 — a level
    and a known stem written bare — is the province's land department of the day."""
    names = [p.name for p in parties("各级政府和省国土资源、安监、煤炭、煤监、公安、监委等部门都要设立专门的举报电话。",
                                     "山西省", None, 2005)]
    assert "煤炭" not in names and "煤监" not in names and "煤炭部门" in names
    assert "山西省国土资源厅" in names


def test_a_modal_or_a_verb_opening_a_span_names_no_body():
    """…其企业负责人在2019年6月1日至6月30日期间,须带队检查本企业…(省外企业可委托驻闽机构实施) (福建
    2019, www.kcsjgcsw.com/news/71.html): 须 and 可 are modals no body name holds (许可 aside:
    未取得安全生产许可证的煤矿, news.sina.com.cn/o/2005-03-31/18445519869s.shtml); 发动全市各级各单位
    (苏州, ask.fsou.com/html/text/lar/173460/17346089_2.html) and 特成立…领导小组 (黎平县平寨乡 2024,
    www.lp.gov.cn/newsite/zwgk/gzjg/xzjdbsc/pzx/zcwj_5658780/202407/t20240708_85075463.html) open
    on a verb."""
    fujian = [p.name for p in parties("凡在我省辖区内有在建房屋建筑和市政基础设施工程的建筑施工企业,其企业负责人在2019年6月1日至"
                                      "6月30日期间,须带队检查本企业至少一个在建项目安全生产情况(省外企业可委托驻闽机构实施)。",
                                      "福建省", None, 2019)]
    assert not any("须" in n or "可委托" in n for n in fujian)
    assert [p.name for p in parties("未取得安全生产许可证的煤矿立即全部停产;", "山西省", None, 2005)] == \
        ["未取得安全生产许可证的煤矿"]
    assert name_kind("发动全市各级各单位") is None and name_kind("特成立地质灾害防治工作领导小组") is None


def test_a_class_whose_note_spells_out_its_levels_is_closed():
    """《通知》要求,各县(市、区)、市安委会有关成员单位一要紧盯… (延安市安委办 2025, a WeChat repost,
    wxredian.com/art?id=29de59879196704664117e52c9aa988b): the counties, and the city committee's
    members — not one class 各县市区市安委会…; 各县(市)、区人民政府 stays one."""
    from policykg.ingest.names import split_names

    assert [p for p, _ in split_names("各县(市、区)、市安委会有关成员单位")] == ["各县(市、区)", "市安委会有关成员单位"]
    assert len(split_names("各县(市)、区人民政府")) == 1


def test_items_whose_numbers_lost_their_mark_are_items():
    """一强化责任落实。…/二强化宣传引导。…/三…/四… (广元市朝天区 2021, www.gyct.gov.cn/gongkai/show/
    20210315171855731.html) and 1亡人火灾起数…/2具有行政审批职能的部门…/3将消防产品… (宜春 2018,
    xxgk.yichun.gov.cn/ycszfbgs/xxgk/fgwj/qtygwj/201807/t20180704_550562.html): a scraped copy lost
    the 、 after each number; three lines or more opening on the next number of a run are items.
    A sign-off (一审:李慧 / 二审:… / 三审:…) and a year (2018年…) are not."""
    from policykg.ingest.outline import find_markers

    gy = ("一强化责任落实。通过专题召开党委会、镇村干部会、村干部会议等严格落实“六包”责任制,明确工作任务、压实工作责任。\n"
          "二强化宣传引导。加强森林防灭火宣传氛围营造,在公路沿线、各村阵地、交通路口、森林入口等重点位置和场所设置森林防灭火宣传标语。\n"
          "三强化资料管理。由镇分管领导统筹、林业站业务指导,将镇村森林防灭火资料全方位收集整理归档,形成专卷。\n")
    assert [m.label for m in find_markers(gy)] == ["一", "二", "三"]
    yc = ("一、火灾预防方面\n"
          "1亡人火灾起数和火灾亡人数不高于前三年平均值,严防亡人火灾,杜绝较大以上火灾事故,压降火灾总量。\n"
          "2具有行政审批职能的部门,对涉及消防安全的事项要依法严格审批,凡不符合法定条件的,不得核发相关许可证照或批准开办。\n"
          "3将消防产品监督检查经费纳入地方消防经费,组织公安、市场和质量监督、消防管理部门开展消防产品质量专项整治。\n")
    assert [m.label for m in find_markers(yc)] == ["一", "1", "2", "3"]
    assert find_markers("一审:李 慧\n二审:吕艳娜\n三审:董树雄\n") == []
    assert find_markers("2018年全市消防工作目标任务已经市政府同意,现印发给你们。\n") == []


def test_kinds_of_units_written_bare_are_classes():
    """此外,河南省还要求各地确保安全教育课程每学年不少于12个课时,中小学校每月至少要开展一次应急疏散演练,
    幼儿园每季度至少要开展一次应急疏散演练。 (a news report of 河南's school-safety opinion, 大风车考试网,
    m.wljyyjy.com/JiaoYuXinWen/496055.html): 幼儿园, 学校 written bare are every such unit, the
    subject of their own clause."""
    found = parties("此外,河南省还要求各地确保安全教育课程每学年不少于12个课时,中小学校每月至少要开展一次应急疏散演练,"
                    "幼儿园每季度至少要开展一次应急疏散演练。", "河南省", None, None)
    assert [p.name for p in found][-2:] == ["中小学校", "幼儿园"]
    assert name_kind("学校") == "class" and name_kind("幼儿园") == "class"


def test_groups_and_workers_named_after_their_work_are_parties():
    """2.检查组定于7月5日—8日开展实地安全生产大检查; / 5.被检查单位应提前准备书面汇报材料 (西藏地勘局
    2017, dkj.xizang.gov.cn/zwgk/tzgg/201707/t20170717_204072.html) and 房屋排查员每星期五将排查进度报
    乡村镇站 (柳林县 2025, www.liulin.gov.cn/llxxxgk/xzrmzf/sxx/fgwj_37195/gfxwj_37196/202508/
    t20250827_1975819.shtml): a group or a worker named after the work (检查组, 排查员 — by its shape,
    not only the lexicon's 巡查员), and the units a passive names (被检查单位), are subjects; a verb
    ending in 员 (动员) is none."""
    assert [p.name for p in parties("检查组定于7月5日—8日开展实地安全生产大检查;", "西藏自治区", None, 2017)] == ["检查组"]
    assert [p.name for p in parties("被检查单位应提前准备书面汇报材料,一般不超过3000字。", "西藏自治区", None, 2017)] == \
        ["被检查单位"]
    found = parties("房屋排查员每星期五将排查进度报乡村镇站。", "山西省", "吕梁市柳林县", 2025)
    assert [p.name for p in found if not p.recipient] == ["房屋排查员"]
    assert name_kind("排查员") == "person" and name_kind("广泛动员") is None and name_kind("全员") is None


def test_a_date_whose_month_mark_was_lost_is_still_a_limit():
    """力增在1230日前完成机械通风任务 (安康市安监局 2007 on a mirror, veget8.com/Content-161572.html) and
    并于2023625日前和1225日前分别将上半年和全年工作完成情况报送… (新疆 2023, yjgl.xinjiang.gov.cn/
    xjyjgl/c113084/202302/919156ed186d4d4cb9bce96228f6b54d.shtml): the copies lost 年 and 月; digits
    straight before 日 that make no day alone are a month and a day (30日前 stays a day)."""
    from datetime import date

    from policykg.nlp.deadlines import find_deadlines

    assert [d.date for d in find_deadlines("力增在1230日前完成机械通风任务。", date(2007, 11, 20))] == ["2007-12-30"]
    found = find_deadlines("并于2023625日前和1225日前分别将上半年和全年工作完成情况报送自治区安委会办公室。", date(2023, 2, 1))
    assert [d.date for d in found] == ["2023-06-25", "2023-12-25"]


def test_a_signature_date_whose_marks_were_lost_is_the_documents_date():
    """2019102 under the issuer of 国务院安委会's 挂牌督办通知书 (devset d51) and 2023217 under 新疆's 2023
    notice (yjgl.xinjiang.gov.cn/xjyjgl/c113084/202302/919156ed186d4d4cb9bce96228f6b54d.shtml): the
    copies lost 年/月/日; the one valid split of the digits is the date (2018111 has two: none)."""
    from policykg.ingest.metadata import parse_cn_date

    assert parse_cn_date("2023217") == "2023-02-17" and parse_cn_date("2019102") == "2019-10-02"
    assert parse_cn_date("2018111") is None and parse_cn_date("2023") is None


def test_the_warned_area_is_where_its_bodies_act_and_sought_help_is_no_duty():
    """5.預警地區主流媒體、基礎電信運營企業通過廣播…及時更新 and 4.…暫時關閉涉山涉水旅游景區,暫停旅行社等企業…
    (吉林 2025 地灾预警, m.zbldwx.com/jilin/content/2025-07/28/content_10022178.html): the media of the
    warned area are the media (its area is where, not who), and 暂时关闭…/暂停… open on a verb; 争取
    公安、交通、安监、农机、司法等部门积极配合 (南宁 school-safety notice, www.fymate.com/html/text/lar/173056/
    17305663.html) is help the schools seek, not the departments' duty."""
    media = [p.name for p in parties("预警地区主流媒体、基础电信运营企业通过广播、电视、电子屏等媒体及时更新信息。", "吉林省", None, 2025)]
    assert media == ["主流媒体", "基础电信运营企业"]
    closing = parties("情况紧急时,暂时关闭涉山涉水旅游景区,暂停旅行社等企业在危险区域内开展旅游业务。", "吉林省", None, 2025)
    assert not any(p.name.startswith("暂") for p in closing)
    sought = parties("学校要精心组织一次全面、系统的安全教育和应急演练,争取公安、交通、安监、农机、司法等部门积极配合开展好教育活动。",
                     "广西壮族自治区", "南宁市", 2012)
    assert [p.name for p in sought] == ["学校"]


def test_levels_before_a_class_of_their_units_are_one_class():
    """市、区县各专兼职抗洪抢险应急救援队伍立即进入24小时备战备勤状态 (重庆市防指 2018, a news report,
    m.lc123.net/e/public/GotoNext/?classid=142&enews=next&id=329556): the city's and the districts' teams, one class 各…队伍."""
    found = parties("市、区县各专兼职抗洪抢险应急救援队伍立即进入24小时备战备勤状态。", "重庆市", None, 2018)
    assert [p.name for p in found] == ["各专兼职抗洪抢险应急救援队伍"]


def test_a_sub_district_office_named_as_its_district_governments_agency_places_the_page():
    """温州市鹿城区人民政府南郊街道办事处 signing 温鹿南郊办〔2017〕144号 (鹿城区南郊街道 2017,
    nbxinxi.com/a/luchengqu/20210529/107074.html): the page is 南郊街道's, under 鹿城区 — the district
    government in the office's name is no part of the township's."""
    from policykg.ingest.metadata import TOWN_AFTER_COUNTY

    m = TOWN_AFTER_COUNTY.match("温州市鹿城区人民政府南郊街道办事处", len("温州市鹿城区"))
    assert m and m.group(1) == "南郊街道"


def test_a_verb_of_sanction_or_a_transfer_names_no_body():
    """公安部门要对县城区开展巡逻检查,制止和查处在禁放区域…燃放烟花爆竹行为 (大竹县 2010, www.dazhu.gov.cn/
    xxgk-show-1175.html): 查处 ends in 处 but is a verb, not a division; 新城市政公司作为防汛突击队,今年
    划归园林公司,园林公司要高度重视 (南京河西集团 2021 on a mirror, flexglobal.com.cn/c947/20210519/i463.shtml):
    划归 transfers a company, no body name holds it."""
    assert name_kind("制止和查处") is None and name_kind("查处") is None
    found = parties("新城市政公司作为防汛突击队,今年划归园林公司,园林公司要高度重视,提前做好防汛应急准备。", "江苏省", "南京市", 2021)
    assert not any("划归" in p.name for p in found)


def test_a_day_a_report_tells_of_is_no_limit():
    """2月27日上午,淡水街道在街道五楼会议室召开…工作会议,街道领导班子…约200人参加了会议 (惠阳区淡水街道 2017
    meeting report, www.meinu8.com/zwgk/yjgl/content/post_3721253.html): a clause opening on its day is
    scheduled for it (…,6月16日分别到督导地区的企业参加宣讲) unless its sentence tells the act as done."""
    from policykg.nlp.deadlines import find_deadlines

    report = find_deadlines("2月27日上午,淡水街道在街道五楼会议室召开安全生产工作会议,街道领导班子约200人参加了会议。",
                            None, None, 2017)
    assert not any(d.text == "2月27日" for d in report)
    plan = find_deadlines("市安监局、市公安局分别负责,6月16日分别到督导地区的企业参加宣讲。", None, None, 2017)
    assert [d.date for d in plan] == ["2017-06-16"]
