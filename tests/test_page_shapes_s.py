"""Shapes of real circulars outside ../shared: public pages of the fresh batches s and t of the
sixth session, cited by address; a few lines each, not the documents."""

from __future__ import annotations

from page_text import extract_text


# 延庆区人民政府 2025 森林防火命令 (wxredian.com/art?id=9d2329ce19ca695628fd133da8179602): the
# opening sentence is boilerplate to its end ("…命令如下:") yet carries dates; it crashed the
# extractor (IndexError in nlp/preamble.region_tasks) and with it the whole CLI batch
YANQING = ("北京市延庆区人民政府森林防火命令\n"
           "为有效预防森林火灾发生,确保森林资源和人民生命财产安全,根据《森林防火条例》《北京市森林防火办法》有关规定,"
           "延庆区人民政府决定于2025年1月1日至2025年4月30日森林高火险期内,禁止在高火险区域野外用火,命令如下:\n"
           "一、森林防火区内禁止吸烟、烧纸、烧香、燃放烟花爆竹。\n")


def test_an_opening_that_is_boilerplate_to_its_end_sets_no_task_and_does_not_crash():
    rec = extract_text(YANQING)
    assert [t["path"] for t in rec["tasks"]] == [["一"]]


def test_one_failing_file_does_not_end_the_cli_batch(tmp_path, monkeypatch):
    """An extractor bug on one file is that file's error: the others are still written (as in
    `policykg ingest`), and the exit code says one failed."""
    from typer.testing import CliRunner

    import policykg.nlp.extract as extract_mod
    from policykg.cli import app

    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text(YANQING, encoding="utf-8")
    bad.write_text(YANQING.replace("延庆区", "怀柔区"), encoding="utf-8")
    real = extract_mod.extract_path

    def failing(path):
        if str(path).endswith("bad.txt"):
            raise IndexError("list index out of range")
        return real(path)

    monkeypatch.setattr(extract_mod, "extract_path", failing)
    monkeypatch.setenv("POLICYKG_EXTRACT_WORKERS", "0")  # in this process, where the patch is
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["extract", str(good), str(bad), "--format", "json", "--out", str(out)])
    assert result.exit_code == 1
    assert (out / "good.json").exists() and not (out / "bad.json").exists()
    assert "internal error: IndexError" in result.output


# 黔西县 2010 安全生产月 activity plan, page 2 (jycdxd.com/Files/Plan/201006/43703_2.shtml): no
# place is named, and "同时会同县直有关部门" read as the county 会同县 (Hunan) made every 县 body
# 会同县's and the page Hunan's
QIANXI = ("(七)6月9日前,县安监局在莲城大道、水西大道等插100面有安全宣传标语的刀旗。同时会同县直有关部门和企业"
          "在行政办公中心及水西广场等悬挂安全生产宣传空飘10个。\n责任单位:县安监局及有关单位。\n")


def test_a_level_character_before_zhi_opens_county_direct_not_a_place():
    from policykg.ingest.regions import gazetteer

    assert not gazetteer().mentions("同时会同县直有关部门和企业")
    assert [r.name for r in gazetteer().mentions("会同县人民政府")] == ["会同县"]
    rec = extract_text(QIANXI)
    assert rec["meta"]["province"] is None
    assert not any("会同" in a["name"] for t in rec["tasks"] for a in t["actors"])


def test_a_short_form_of_an_unnamed_place_is_spelled_out():
    rec = extract_text(QIANXI)
    assert "县安全生产监督管理局" in {a["name"] for t in rec["tasks"] for a in t["actors"]}


# 海南省防汛防风防旱总指挥部 notice on typhoon 小犬, 2023, a traditional-script mirror
# (m.hg87897.com/hnnew/2023-10-07/690717.html): the typhoon is located from 广东省汕尾市, the only
# full place name of the head; the writer's province is the one of its own plan and bodies
HAINAN = ("各沿海市、县、自治县防汛防风防旱指挥部,省三防总指挥部各成员单位:\n"
          "根据气象预报,今年第14号台风“小犬”(强台风级),7日08时中心位于北纬21.1度、东经115.5度,也就是在距离广东省汕尾市"
          "偏南方向约190公里的南海北部海面上,中心附近最大风力15级(48米/秒)。\n"
          "省气象局已于10月7日9时30分发布台风四级预警。根据《海南省海上防台风应急预案(试行)》有关规定和会商研判情况,"
          "省三防总指挥部决定于10月7日10时启动海上防台风Ⅳ级应急响应。\n"
          "省气象局、省自然资源和规划厅等部门要继续加密预测预报,及时发布预警信息。"
          "各沿海市县防指要压实属地责任,继续做好防御工作。\n")


def test_a_place_that_only_locates_something_is_not_the_writers():
    from policykg.ingest.metadata import without_positions

    assert "广东" not in without_positions("也就是在距离广东省汕尾市偏南方向约190公里的南海北部海面上")
    assert "湛江" not in without_positions("中心位于湛江市以东约200公里")
    rec = extract_text(HAINAN)
    assert rec["meta"]["province"] == "海南省"
    assert {"海南省气象局", "海南省自然资源和规划厅"} <= {a["name"] for t in rec["tasks"] for a in t["actors"]}


def test_a_short_form_of_an_addressee_class_is_that_addressee():
    from policykg.nlp.parties import abbreviates

    assert abbreviates("各沿海市县防指", "各沿海市、县、自治县防汛防风防旱指挥部")
    assert not abbreviates("各县部门", "各县有关部门")
    rec = extract_text(HAINAN)
    last = rec["tasks"][-1]
    assert [a["name"] for a in last["actors"]] == ["各沿海市县自治县防汛防风防旱指挥部"]


def test_a_numeric_gambling_brand_standing_for_a_place_is_spam():
    """梧州市防指's 2014 flood notice as news (sn-cnpc.com/content/2014-06/06/content_142614.htm):
    "365体育官网" stands where 梧州 stood."""
    from policykg.ingest.clean import clean_text

    text = clean_text("为做好当前365体育官网市的防汛工作,日前,365体育官网市防汛抗旱指挥部下发《关于做好当前防汛工作的紧急通知》。").mapped.text
    assert "体育" not in text and "365" not in text
    assert "日前,市防汛抗旱指挥部下发" in text


# 巴音郭楞蒙古自治州安委会 2025 notice on mine supervision (xjbz.gov.cn/xjbz/c101573/202504/
# 60d47de1dca14206a4e29b563c79792d.shtml): its attachment list scraped from a table (" |", a lone
# "|") naming forms (…企业名单, …责任表), and a signature by a bare level (自治州安全生产委员会)
BAZHOU = ("关于调整自治州矿山安全生产分级属地监管主体和领导干部包保(包联)责任人的通知\n"
          "各县市人民政府,自治州安委会有关成员单位:\n"
          "结合我州实际,现对自治州矿山安全生产分级属地监管主体进行调整。\n"
          "各县市要及时调整辖区内矿山监管企业和包保(包联)工作事项清单;自治州安委会有关成员单位要按照"
          "《新疆维吾尔自治区地、县领导干部包保(包联)矿山安全生产工作重点检查内容的规定(试行)》落实州级日常监管矿山监管责任。\n"
          "附件: |\n1.自治州矿山安全分级属地监管企业名单 |\n|\n2.自治州领导干部矿山安全生产工作包保(包联)责任表 |\n"
          "自治州安全生产委员会\n2025年4月4日")


def test_an_attachment_list_scraped_from_a_table_names_forms_not_tasks():
    rec = extract_text(BAZHOU)
    assert all(t["path"] == ["preamble"] for t in rec["tasks"])
    assert not any("名单" in t["title"] or "责任表" in t["title"] for t in rec["tasks"])


def test_an_issuer_signing_by_a_bare_level_is_one_body_not_a_class():
    rec = extract_text(BAZHOU)
    assert rec["meta"]["issuers"] == ["自治州安全生产委员会"]


# 国务院办公厅 2007 隐患排查治理专项行动 notice, page 2 on a law site (code.fabao365.com/
# law_20020_2.html): the page opens "[接上页]" before its item (五), and a 由-frame leads with
# 统一领导 while "安全监管监察等各有关部门要密切配合" names its participants
STATE_COUNCIL = ("[接上页] (五)各单位“回头看”再检查阶段:为巩固隐患排查治理专项行动成果,确保取得实效,在第四季度组织开展“回头看”再检查。"
                 " 四、工作要求 (一)加强领导,落实责任。本次安全生产隐患排查治理专项行动由地方各级人民政府统一领导,"
                 "安全监管监察等各有关部门要密切配合。要结合本地区、本行业、本领域的实际,制订切实可行的工作方案。"
                 " (二)突出重点,强化督导。地方各级人民政府及其安全监管等有关部门要加强督促、检查和指导。")


def test_a_page_joint_note_does_not_hide_the_item_after_it():
    from policykg.ingest.clean import clean_text

    assert clean_text(STATE_COUNCIL).mapped.text.startswith("(五)各单位")
    assert extract_text(STATE_COUNCIL)["tasks"][0]["path"] == ["(五)"]


def test_a_lead_by_unified_leadership_and_participants_of_one_exemplified_class():
    from policykg.ingest.names import parse_names

    assert parse_names("安全监管监察等各有关部门", True) == [("安全监管监察", 0, "stem"), ("各有关部门", 7, "class")]
    task = extract_text(STATE_COUNCIL)["tasks"][1]
    roles = {a["name"]: a["role"] for a in task["actors"]}
    assert roles["地方各级人民政府"] == "lead"
    assert roles["安全监管监察部门"] == roles["各有关部门"] == "participant"


# 海原县安委办 2021 古尔邦节 notice (hy.gov.cn/xxgk/zfxxgkml/aqsc/202107/t20210714_2923755.shtml):
# no signature on the page; its information box (furniture) gives 文号 海安委办发〔2021〕21号
HAIYUAN = ("欢迎光临海原县人民政府门户网 登录个人中心 无障碍阅读 长者版\n"
           "首页 > 政府信息公开 > 法定主动公开内容 > 安全生产\n\n"
           "关于做好古尔邦节期间安全生产工作的通知\n\n"
           "索引号 640522022/2021-00018 文号 海安委办发〔2021〕21号 生成日期 2021-07-14 10:58:08\n"
           "公开方式 主动公开 所属机构 海原县应急管理局 责任部门 海原县应急管理局\n\n"
           "古尔邦节将至,为切实做好节日期间安全生产工作,确保人民群众生命财产安全,让全县人民度过一个欢乐、祥和的节日,"
           "现就做好古尔邦节期间安全生产工作通知如下:\n\n"
           "一、高度重视,严格落实安全生产责任\n\n各乡镇、部门主要负责同志要履行好安全生产工作的第一责任。\n")


def test_the_information_boxs_document_number_names_the_issuer():
    meta = extract_text(HAIYUAN)["meta"]
    assert meta["doc_number"] == "海安委办发〔2021〕21号"
    assert meta["issuers"] == ["海原县安全生产委员会办公室"]


def test_a_bare_department_after_a_quantified_class_shares_its_quantifier():
    """各乡镇、部门主要负责同志要… (the 海原县 notice above): every department, not "部门"."""
    from policykg.ingest.names import parse_names

    assert parse_names("各乡镇、部门", True) == [("各乡镇", 0, "place"), ("各部门", 4, "org")]
    task = extract_text(HAIYUAN)["tasks"][0]
    assert [a["name"] for a in task["actors"]] == ["各乡镇", "各部门"]


def test_people_a_sanction_falls_on_inside_a_dui_clause_are_no_actors():
    """西安市 2012 安全生产大检查 notice, page 2 (ask.fsou.com/html/text/lar/173736/17373680_2.html):
    "…,对因检查不到位…,导致事故发生的有关人员和领导,要依法依规严肃追究责任"."""
    text = ("各区县政府、各开发区管委会和市级各有关部门主要负责同志是安全生产第一责任人,要亲自抓、负总责。"
            "要认真组织开展好这次全市安全生产大检查,对因检查不到位、责任不落实,隐患排查治理和打击非法违法生产经营建设行为不彻底,"
            "导致事故发生的有关人员和领导,要依法依规严肃追究责任。\n")
    names = {a["name"] for t in extract_text(text)["tasks"] for a in t["actors"]}
    assert not any("人员" in n or n == "领导" for n in names)


# 泸州市人民政府 2008 紧急通知 on geological hazards after the earthquake (lsbar.com/law/42304):
# the whole page one line, headings and paragraphs separated by spaces
LUZHOU = ("四川省泸州市人民政府关于贯彻省政府切实加强地震灾区次生崩塌、滑坡、泥石流地质灾害监测预防工作的紧急通知 泸市府函(2008)83号 "
          "各区、县人民政府,市级有关部门: 当前正值抗震救灾的关键时期,我市系地质灾害多发区。现将有关贯彻意见紧急通知如下。 "
          "一、切实加强各类地质灾害隐患点的监测和预警预报工作 各区县要针对今年地质灾害防治工作的特点和重点,对我市各地质灾害隐患点加强动态监测,"
          "落实防灾责任。 二、全面开展对地质灾害隐患点的巡查排查工作,落实责任。 各区县政府及相关职能部门要从防灾救灾的全局出发,认真履行职责。"
          "交通部门要进一步加大对大纳公路沿线、叙威公路沿线的巡查;教育部门要加强对学校周边的巡查。")


def test_a_space_between_a_flattened_heading_and_its_paragraph_opens_a_clause():
    first = extract_text(LUZHOU)["tasks"][0]
    # named by the text (explicit), and the addressee it repeats (各区、县人民政府)
    assert [(a["name"], a["explicit"]) for a in first["actors"]] == [("各区县人民政府", True)]


def test_a_local_department_class_in_a_reform_year_keeps_the_name_then_in_force():
    names = {a["name"] for t in extract_text(LUZHOU)["tasks"] for a in t["actors"]}
    assert "泸州市交通局" in names and "泸州市交通运输局" not in names


def test_a_flattened_pages_title_number_and_issuer():
    """The 泸州 page above: title, 泸市府函(2008)83号 (its year in parentheses) and the issuer all on
    the one line."""
    meta = extract_text(LUZHOU)["meta"]
    assert meta["title"].endswith("地质灾害监测预防工作的紧急通知") and "泸市府函" not in meta["title"]
    assert meta["doc_number"] == "泸市府函(2008)83号"
    assert meta["issuers"] == ["泸州市人民政府"]


def test_a_body_written_with_its_province_is_named_from_its_own_place():
    from policykg.ingest.names import without_province

    assert without_province("四川省泸州市人民政府") == "泸州市人民政府"
    assert without_province("四川省人民政府") == "四川省人民政府"
    assert without_province("重庆市沙坪坝区人民政府") == "重庆市沙坪坝区人民政府"  # s05's issuer


def test_an_orders_deciding_body_and_days_when_the_page_has_no_signature():
    """The 延庆区 order above: no title line, no signature; "延庆区人民政府决定于2025年1月1日至2025年4月30日
    …命令如下" names its issuer (a municipality's district, named under 北京市) and its days."""
    meta = extract_text(YANQING.split("\n", 1)[1])["meta"]
    assert meta["issuers"] == ["北京市延庆区人民政府"]
    assert meta["province"] == "北京市" and meta["locality"] == "延庆区"
    assert meta["period"] == {"start": "2025-01-01", "end": "2025-04-30"}


# 牟山镇人民政府 2017 五一节 notice (yy.gov.cn/art/2017/4/27/art_1229136662_633912.html): an
# information box of label/value pairs the box labels of other sites do not share (内容分类,
# 文件编号, 责任处室); kept, its lines were joined to the title
MUSHAN = ("当前位置: 首页\n> 政府信息公开 > 法规公文 > 本单位文件\n"
          "索引号: 002975282/2017-00124 内容分类: 本单位文件\n文件编号: 牟政发〔2017〕20号 发布日期: 2017-04-24\n"
          "公开方式: 主动公开 公开时限: 长期公开\n公开范围: 面向社会 责任处室: 安监所\n"
          "牟山镇人民政府关于加强“五一节”期间安全生产工作的通知\n\n"
          "各行政村、生产经营单位、镇属有关部门、机关各办(所、中心):\n\n"
          "  今年“五一节”即将来临,为有效防范和遏制各类安全生产事故的发生,现就做好“五一节”期间安全生产工作有关事项通知如下:\n")


def test_an_information_box_of_any_labels_is_furniture_and_gives_its_number():
    meta = extract_text(MUSHAN)["meta"]
    assert meta["title"] == "牟山镇人民政府关于加强“五一节”期间安全生产工作的通知"
    assert meta["doc_number"] == "牟政发〔2017〕20号"
    assert meta["issuers"] == ["牟山镇人民政府"]


def test_zones_listed_after_a_zone_are_zones_not_its_suffixes():
    """公主岭市安委办 2014 forwarding notice (gongzhuling.gov.cn/yjj/gzdt/gwtg/201410/
    t20141008_7750534.html), addressed to "…公主岭经济开发区、公主岭国家农业科技园区、大岭物流园区"."""
    from policykg.ingest.names import parse_names

    names = [p for p, _, _ in parse_names("公主岭经济开发区、公主岭国家农业科技园区、大岭物流园区", False)]
    assert names == ["公主岭经济开发区", "公主岭国家农业科技园区", "大岭物流园区"]
    assert [p for p, _, _ in parse_names("兰州高新区、兰州经开区党工委、管委会", False)] == [
        "兰州高新区党工委", "兰州高新区管委会", "兰州经开区党工委", "兰州经开区管委会"]


# 辽宁省防办 2012 notice reported by a water-resources news site (chinawater.com.cn/newscenter/
# df/ln/201207/t20120726_226740.html) under a licence banner naming 国务院新闻办
LIAONING = ("国务院新闻办审批具备新闻登载业务资质的网站 互联网新闻信息服务许可证 编号:1012006022\n  首页 -> 正文\n\n\n"
            "辽宁省各地做好强降雨防范工作\n\n2012-07-26\n\n"
            "  中国水利网站讯  7月25日,辽宁省防办发出《关于做好强降雨防范工作的通知》,要求各地做好强降雨防范工作。\n\n"
            "  各地必须牢固树立抗大洪、抢大险、救大灾的思想,坚决克服麻痹思想和侥幸心理。\n")


def test_a_news_page_reporting_a_notice_gives_its_title_and_issuer():
    meta = extract_text(LIAONING)["meta"]
    assert meta["title"] == "关于做好强降雨防范工作的通知"
    assert meta["issuers"] == ["辽宁省防汛抗旱指挥部办公室"]
    assert meta["province"] == "辽宁省"


def test_a_city_body_reporting_rain_in_its_counties_is_the_citys():
    """梧州市防指's notice as news (the page above, spam standing for 梧州): "…市防汛抗旱指挥部下发
    《关于做好当前防汛工作的紧急通知》… 蒙山县、藤县、苍梧县降雨量达100毫米以上"."""
    text = ("????西江都市报讯 为做好当前365体育官网市的防汛工作,日前,365体育官网市防汛抗旱指挥部下发《关于做好当前防汛工作的紧急通知》。"
            "《通知》要求,各级各部门高度重视,提前部署好各项防御工作。\n"
            "????据气象部门通报,6月4日8时至6月5日8时,365体育官网市蒙山县、藤县、苍梧县降雨量达100毫米以上的有24个站点,"
            "最大降雨为蒙山县西河镇,达到156.7毫米。\n")
    meta = extract_text(text)["meta"]
    assert meta["title"] == "关于做好当前防汛工作的紧急通知"
    assert meta["issuers"] == ["梧州市防汛抗旱指挥部"] and meta["locality"] == "梧州市"


def test_a_quote_keeps_the_figure_that_opens_its_date():
    """淄川区安委办 2010 hidden-hazard campaign, a traditional mirror (m.zltai.com/html/news/
    enterprises/2010/0401/34810.html): "三月底前由各鄉鎮…" quoted as "月底前…" (the quote took 三 for an
    item number, as it took 一 of devset d38's 一是)."""
    text = ("為進一步深化隱患排查治理,淄川區安委會辦公室在全區范圍內部署開展重大安全隱患排查工作。這次排查分三個階段組織實施:\n"
            "第一階段單位自查。三月底前由各鄉鎮(街道、開發區)、有關單位對轄區、分管行業領域和所屬單位重大安全隱患進行一次全面細致地排查。\n")
    quotes = [t["quote"] for t in extract_text(text)["tasks"]]
    assert any(q.startswith("三月底前") for q in quotes)


def test_a_bracketed_list_of_levels_and_zones_spells_the_class_out():
    """各鄉鎮(街道、開發區) in the 淄川区 campaign above: the townships, sub-districts and zones."""
    from policykg.ingest.names import merge_brackets

    assert merge_brackets("各乡镇(街道、开发区)") == "各乡镇街道开发区"
    assert merge_brackets("各县(市、区)") == "各县市区"
    assert merge_brackets("省安监局(冶金)") == "省安监局"


def test_an_addressee_line_that_lost_its_colon_is_still_the_addressees():
    """西平县防指's flood notice on a forum (bbs.xipingzx.com/showtopic-7259.aspx): an ad and a URL
    glued before the title, the addressee line without its colon, "/p>" debris."""
    text = ("沈阳白癜风医院 http://baidianfeng.39.net/西平县防汛抗早指挥部关于加强小洪河堤防值守的通知\n"
            "各乡镇(街道)、县直有关单位\n/p>\n"
            "受本轮降雨及上游田岗水库泄洪影响,小洪河水位上涨迅猛。防汛形势严峻,为确保小洪河度汛安全,现通知如下\n/p>\n"
            "一、小洪河沿河乡镇(街道)要立即组织人员上堤值守,实行24小时不间断巡查。\n"
            "二、要严格值班值守,落实24小时值班和领导带班制度,保持通讯联络畅通。\n")
    rec = extract_text(text)
    assert rec["meta"]["addressees"] == ["各乡镇街道", "县直有关单位"]
    assert [(a["name"], a["explicit"]) for a in rec["tasks"][-1]["actors"]] == [
        ("各乡镇街道", False), ("县直有关单位", False)]


def test_a_signature_split_by_a_space_inside_one_name_is_one_signer():
    """安徽省安委办 2013 notice on fireworks inspections (wisor.cc/policy/show.php?from=client&
    itemid=95224), signed "安徽省人民政府 安委会办公室"."""
    text = ("关于开展烟花爆竹安全专项督查的通知\n\n各市、省直管县人民政府安委会办公室:\n\n"
            "  目前,正值烟花爆竹生产经营旺季,请按照属地监管的原则,认真布置并督促各县(市、区)开展专项督查。"
            "工作开展情况于2013年1月25日前书面报省政府安委会办公室。\n\n安徽省人民政府 安委会办公室\n\n2013年1月8日\n")
    assert extract_text(text)["meta"]["issuers"] == ["安徽省人民政府安全生产委员会办公室"]


# 福清市 2023 second-quarter safety meeting report (fuqing.gov.cn/xjwz/zwgk/zfxxgkzdgz/aqjg/ajyw/
# 202303/t20230313_4551577.htm): the writer is named first, its city after it; its offices by
# their short forms (安办, 消安办)
FUQING = ("3月6日,福清市组织收听收看省、福州市2023年第二季度防范重特大生产安全事故视频会议暨召开全市第二季度防范重特大生产安全事故暨消防、道安会议。"
          "福清市市长助理魏子元,市安督办、市安办、市消安办、市道安办以及各园区主要负责同志参加会议。\n"
          "会议要求:\n一、要盯紧重点时段。各级各部门要严格落实领导带班和关键岗位24小时值班。\n"
          "二、要对接重点检查。安办、消安办认真对照国务院安委会考核巡查细则,一条一条抓落实。\n")


def test_the_place_a_head_line_names_first_is_the_writers():
    assert extract_text(FUQING)["meta"]["locality"] == "福州市福清市"


def test_common_short_forms_of_committee_offices_are_spelled_out():
    names = {a["name"] for t in extract_text(FUQING)["tasks"] for a in t["actors"]}
    assert {"福清市安全生产委员会办公室", "福清市消防安全委员会办公室"} <= names


def test_a_responsible_units_line_under_a_measure_that_marks_its_split():
    """The 黔西县 plan above: "縣安監局配合…。責任單位:縣建設局、城管局" — the units listed lead (城管局 spelled out);
    "縣安委辦、縣安監局牽頭,會同有關單位…。責任單位:縣安委辦及安委會成員單位" — the others take part."""
    text = ("(六)6月8日前,县安监局配合在贵毕路入口喷绘1幅以上大型安全生产公益宣传广告。\n责任单位:县建设局、城管局。\n"
            "(八)6月13日,县安委办、县安监局牵头,会同有关单位开展安全生产宣传咨询活动。\n责任单位:县安委办及安委会成员单位。\n")
    six, eight = extract_text(text)["tasks"][:2]
    assert {a["name"]: a["role"] for a in six["actors"]} == {
        "县安全生产监督管理局": "participant", "县建设局": "lead", "城市管理局": "lead"}
    roles = {a["name"]: a["role"] for a in eight["actors"]}
    assert roles["县安全生产委员会办公室"] == "lead" and roles["安委会成员单位"] == "participant"


def test_a_body_and_its_departments_joined_by_jiqi():
    """The State Council notice above, (二): "地方各级人民政府及其安全监管等有关部门要加强督促、检查和指导"."""
    task = extract_text(STATE_COUNCIL)["tasks"][-1]
    assert {a["name"] for a in task["actors"]} == {"地方各级人民政府", "安全监管部门", "有关部门"}


# 昌吉市水利局 2025 水旱灾害防御预警提示 (cjs.gov.cn/gk/hcz/950536.htm): instructions written as a
# body followed by what it does, with no 要/应 ("市水利局密切关注…;各单位及时关注…")
CHANGJI = ("水旱灾害防御预警提示\n【昌吉市水利局】自治区水利厅、自治区气象局联合发布山洪灾害气象风险预警:预计2025年8月30日至31日,"
           "昌吉回族自治州昌吉市硫磺沟镇、阿什里哈萨克民族乡、庙尔沟乡可能发生山洪灾害(蓝色预警)。阿什里乡、庙尔沟乡、硫磺沟镇、榆树沟镇"
           "加大辖区河道、山洪沟巡查排查力度,对进入风险区内人员及时劝离;市水利局密切关注天气、雨水情变化,做好值班值守和信息报送等工作。"
           "各单位及时关注天气变化和预警信息,做好预警响应工作。\n")


def test_a_body_followed_by_what_it_does_sets_work_without_a_duty_word():
    tasks = extract_text(CHANGJI)["tasks"]
    assert any(a["name"] == "昌吉市水利局" for t in tasks for a in t["actors"])
    assert any(a["name"] == "各单位" for t in tasks for a in t["actors"])


def test_a_list_of_townships_the_gazetteer_lacks_is_places_by_shape():
    from policykg.ingest.names import parse_names

    assert [k for _, _, k in parse_names("阿什里乡、庙尔沟乡、硫磺沟镇、榆树沟镇", True)] == ["place"] * 4
    assert parse_names("城乡、小城镇", True) is None


def test_a_class_listed_by_single_character_suffixes_is_one_class():
    """云南省人民政府 2024 森林草原防火命令 (ehs.gold/law/126649.html), addressed to
    "各州、市、县、区人民政府,省直各委、办、厅、局"."""
    from policykg.ingest.names import parse_names, tidy

    pieces = parse_names("各州、市、县、区人民政府,省直各委、办、厅、局", False)
    assert [tidy(p) for p, _, _ in pieces] == ["各州市县区人民政府", "省直各委办厅局"]
    assert tidy("市发改委、办公室") == "市发改委、办公室"


# 重庆市人民政府办公厅 2009 重点任务 notice on a law site (ask.fsou.com/html/text/lar/170560/17056089.html): addressed to
# "各区县(自治县)人民政府", its task table flattened into glued cells under the header line
# "类 别工作项目重 点 任 务牵头单位配合单位"
def test_a_bracketed_level_word_is_merged_and_a_header_label_is_no_body():
    from policykg.ingest.names import merge_brackets

    assert merge_brackets("各区县(自治县)人民政府") == "各区县自治县人民政府"
    text = ("重庆市人民政府办公厅关于印发《2009年全市安全生产重点任务》的通知\n各区县(自治县)人民政府,市政府有关部门,有关单位:\n"
            "  经市政府同意,现将《2009年全市安全生产重点任务》印发给你们,请认真贯彻执行。\n"
            "类 别工作项目重 点 任 务牵头单位配合单位\n")
    rec = extract_text(text)
    assert rec["meta"]["addressees"][0] == "各区县自治县人民政府"
    assert not any(a["name"] in ("牵头单位", "配合单位") for t in rec["tasks"] for a in t["actors"])


def test_a_news_page_reporting_an_unquoted_notice_of_a_short_named_body():
    """陕西省防总 2014 notice reported by 陕西日报 on a tourism portal (sanqinyou.com/Html/2014-6-14/
    2014614750194719.html): "6月13日,省防总发出关于切实做好…防汛工作的紧急通知", no 《》, under an
    advertisement line; 省防总 (办公室) is the 防汛抗旱总指挥部's short form."""
    text = ("游遍三秦大地从三秦游网开始>> 三秦游首页 | 意见反馈 | 天气预报\n2014陕西旅游年票网上订购\n"
            "您现在的位置:三秦游网>>旅游资讯>>正文\n\n省防总紧急通知切实做好近期明显降水过程防汛工作\n\n"
            "陕西传媒网-陕西日报讯 (记者 郭军 通讯员 王剑)6月13日,省防总发出关于切实做好6月13日至15日明显降水过程防汛工作的紧急通知,"
            "要求各地做好防汛工作。\n\n据气象预报,6月13日至15日陕西省有一次明显的降水过程,全省以小到中雨为主。\n\n《通知》要求,各级防汛值班、带班人员要坚守岗位,务必第一时间及时准确上报省防总办公室。\n")
    rec = extract_text(text)
    assert rec["meta"]["title"] == "关于切实做好6月13日至15日明显降水过程防汛工作的紧急通知"
    assert rec["meta"]["issuers"] == ["陕西省防汛抗旱总指挥部"]
    assert ["陕西省防汛抗旱总指挥部办公室"] in [t["recipients"] for t in rec["tasks"]]


def test_a_document_number_line_is_no_headline():
    """许昌市 2017 督办通知 (yjgl.xuchang.gov.cn/aqsczdlyxxgk/022004/20190823/
    583334ba-33cf-401d-9ab3-ebe580798ed7.html): its only head line is "督办通知〔2017〕22号", which
    gave the page an empty title."""
    text = ("当前位置:首页 > 安全生产重点领域信息公开 > 生产安全事故挂牌督办信息\n\n督办通知〔2017〕22号\n\n市消防支队:\n\n"
            "根据市委市政府主要领导的指示,请你们针对督查组发现的问题和隐患,制定具体整改措施,迅速进行整改。\n")
    assert extract_text(text)["meta"]["title"] is None
