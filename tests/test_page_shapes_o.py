"""Shapes of real circulars outside ../shared: public pages of the fresh batch o of the eighth
session, cited by address; a few lines each, not the documents."""

from __future__ import annotations

from page_text import extract_text


# 全国各地广泛深入开展"安全生产月"活动 (2020), reposted on a spam site
# (3xcg.com/wanboguanwangmanbetx/newsshow.php?Id=6035&SortID=69): paragraphs opening with one
# province or a list of them by their short names
SAFETY_MONTH = ("全国各地广泛深入开展“安全生产月”活动\n"
                "今年6月是第19个全国“安全生产月”。连日来,全国各地区、各有关部门和单位广泛深入开展“安全生产月”各项活动。\n"
                "北京通过多个新媒体平台打造“1个主会场+4个分会场+安全云咨询”宣传格局。\n"
                "河北、西藏、广西柳州召开新闻发布会,开展“安全同行”“农村大喇叭 安全之声”等活动。\n"
                "江苏举行“安全生产月”启动暨省消防应急救援实训基地项目开工动员会,开展“百团进百万企业”安全生产专题宣讲活动。\n"
                "浙江、江西邀请安全生产专家参与“网络主播”,组织开展政府网站“在线访谈”。\n")


def test_a_national_roundup_gives_each_province_it_lists_a_practice():
    rec = extract_text(SAFETY_MONTH)
    assert [p["region"] for p in rec["practices"]] == [
        "北京市", "河北省", "西藏自治区", "广西壮族自治区柳州市", "江苏省", "浙江省", "江西省"]
    assert rec["tasks"] == []


# 西青区应急管理"十四五"规划任务分工 (www.tjxq.gov.cn/zwgk/zfxxgk/zfgbm/yjglj/fdzdgk/zdmsxx/aqsc/
# 202112/t20211217_5754116.html): items announced by "具体分工如下:", each with 牵头单位/责任单位
# lines naming bodies by short forms (区应急, 区政府办, 区委办, 区城管委)
XIQING = ("区应急局关于印发西青区应急管理 “十四五”规划任务分工的通知\n发布日期:2021-12-17 来源:西青区应急管理局\n"
          "一、重要举措及分工\n具体分工如下:\n"
          "1.优化应急管理职责分工继续推进区以及街镇、经开集团两级突发事件应急管理机构建设。\n"
          "牵头单位:区应急局\n责任单位:区委办、区政府办、各街镇、经开集团\n"
          "2.健全党政同责、一岗双责、权责一致、失职追责的应急管理责任制。\n"
          "牵头单位:区应急\n责任单位:区纪委监委、区委组织部、区委编办、区政府办\n")


def test_items_announced_as_a_division_of_work_are_tasks_and_short_forms_name_their_bodies():
    rec = extract_text(XIQING)
    assert [t["path"] for t in rec["tasks"]] == [["一", "1"], ["一", "2"]]
    first = {(a["name"], a["role"]) for a in rec["tasks"][0]["actors"]}
    assert ("中共西青区委办公室", "participant") in first
    assert {a["name"] for a in rec["tasks"][0]["actors"] if a["name"].endswith("人民政府办公室")}
    second = {(a["name"], a["role"]) for a in rec["tasks"][1]["actors"]}
    assert any(n.endswith("西青区应急管理局") and r == "lead" for n, r in second)


# 甘肃省住房和城乡建设厅 甘建质〔2025〕44号 (gc5.com/jzgc/tmdt/10455436.html): the whole page on one line,
# its lines joined by spaces
GANSU_FLAT = ("甘建质〔2025〕44号 各市(州)住房和城乡建设局、甘肃矿区住房和建设局、兰州新区城乡发展局: "
              "现将我厅《2025年安全生产工作要点》印发给你们,请结合工作实际,认真抓好贯彻落实。 甘肃省住房和城乡建设厅 "
              "2025年3月27日 甘肃省住房和城乡建设厅2025年安全生产工作要点 省住建厅2025年安全生产工作总体思路是:全面贯彻"
              "党的二十大和二十届二中、三中全会精神,深入贯彻习近平总书记关于安全生产的重要指示批示精神,坚持人民至上、生命至上,"
              "更好统筹发展和安全。 一、压实安全责任,统筹推进安全工作 (一)认真履行安全监管职责。将传达学习贯彻习近平总书记"
              "关于安全生产重要指示批示精神作为厅党组会议第一议题。 (二)压紧靠实企业单位主体责任。健全完善安全生产规章制度、"
              "操作规程,重点行业领域6月底前、其他行业领域12月底前建立并实施企业事故隐患内部报告奖励机制。\n")


def test_a_page_flattened_into_one_line_gets_its_parts_back():
    rec = extract_text(GANSU_FLAT)
    meta = rec["meta"]
    assert meta["doc_number"] == "甘建质〔2025〕44号"
    assert meta["date"] == "2025-03-27"
    assert meta["title"] == "甘肃省住房和城乡建设厅2025年安全生产工作要点"
    assert meta["issuers"] == ["甘肃省住房和城乡建设厅"]
    assert [t["path"] for t in rec["tasks"]] == [["一", "(一)"], ["一", "(二)"]]
    # a department's own work points: its own, with its system's addressees (seed 000's practice)
    assert {a["name"] for t in rec["tasks"] for a in t["actors"]} == {
        "甘肃省住房和城乡建设厅", "各市州住房和城乡建设局", "甘肃矿区住房和建设局"}


def test_a_title_glued_to_its_number_and_a_counter_glued_to_the_addressees_come_apart():
    """汕头 建设局 汕府建通[2009]121号 on a traditional-script mirror
    (m.nnsja.cn/xxgk/xxgk_info_detail.aspx?id=33899&type=wj)."""
    text = ("當(dāng)前位置:首頁(yè) > 信息傳達(dá) > 文件通知\n文件通知\n"
            "轉(zhuǎn)發(fā)市府辦關(guān)于開(kāi)展2009年“119”消防宣傳月活動(dòng)的通知汕府建通[2009]121號(hào)\n"
            "瀏覽次數(shù):10389各區(qū)縣建設(shè)局,中心城區(qū)各燃?xì)馄髽I(yè):\n"
            "一、各單位要高度重視,結(jié)合火災(zāi)隱患整治工作,精心組織,全面宣傳貫徹《消防法》。\n")
    meta = extract_text(text)["meta"]
    assert meta["title"] == "转发市府办关于开展2009年“119”消防宣传月活动的通知"
    assert meta["doc_number"] == "汕府建通〔2009〕121号"
    assert "各区县建设局" in meta["addressees"]


def test_toneless_pinyin_notes_are_removed():
    """晋政发〔2024〕1号 on a spam mirror (cqxianjiao.cn/28/7264.html): 人民(min)政府, 生(sheng)(sheng)产."""
    text = ("晋政发〔2024〕1号\n各市、县人民(min)政府,省人民(min)政府各委(wei)、办(ban)、厅、局:\n"
            "2024年,全(quan)省安(an)全(quan)生(sheng)(sheng)(sheng)(sheng)产(chan)(chan)工(gong)作要(yao)以习近平新时代中国特色社会主义思想为指导。\n")
    meta = extract_text(text)["meta"]
    # (a class of the province's commissions and departments stays as written, SCHEMA's collectives)
    assert meta["addressees"] == ["各市县人民政府", "省人民政府各委办厅局"]


def test_a_demonstration_zone_is_a_zone_its_committee_names_whole():
    """新乡市安委办 notice (mc0551.com/html/listshow.phpcid71&id2130.html): "新乡高新区、新乡经开区、
    平原示范区管委会" — 平原 is also a county's name; 示范区 ends the zone."""
    from policykg.ingest.names import parse_names

    names = [n for n, _, _ in parse_names("新乡高新区、新乡经开区、平原示范区管委会", strict=False)]
    assert names == ["新乡高新区管委会", "新乡经开区管委会", "平原示范区管委会"]


def test_every_body_whose_staff_make_up_a_group_acts_for_it():
    """本溪市安委会 本安委发[2006]4号 (www.fymate.net/html/text/lar/169320/16932043.html): "成员由市煤炭
    安全局、市国土资源局、市公安局有关人员组成" — the members' offsets were all one, and after the
    first every member overlapped it and was lost."""
    text = ("本溪市安全生产委员会关于开展“五一”黄金周期间全市安全生产大检查的通知\n一、加强领导、严密组织\n"
            "1、煤矿安全督查组,由市煤炭安全局孙伟任组长,成员由市煤炭安全局、市国土资源局、市公安局有关人员组成。\n")
    names = {a["name"] for a in extract_text(text)["tasks"][0]["actors"]}
    assert names == {"本溪市煤炭安全局", "本溪市国土资源局", "本溪市公安局"}


def test_a_flood_and_typhoon_headquarters_documents_are_about_floods():
    """杭州市防指办 Ⅲ级防台风 response (shangkeht.com/safety/art/2024/10/31/art_1229287701_4310456.html):
    the issuer is a 防汛防台抗旱指挥部's office, which exists for floods."""
    from policykg.nlp.sectors import document_domain

    assert document_domain(None, ["杭州市人民政府防汛防台抗旱指挥部办公室"], []) == ["防汛抗旱"]
    assert document_domain(None, ["陕西省防汛抗旱总指挥部"], []) == ["防汛抗旱"]


def test_a_closing_paragraph_after_a_last_list_of_one_line_points_is_not_one_more_point():
    """同江市 森林草原 高火险期禁火令 (zejm.tongjiang.gov.cn/gov_detail.php?id=9553&type=gov)."""
    text = ("关于高火险期禁火令发布实施命令\n"
            "一、自4月10日开始,全市进入春季森林草原防灭火高火险期,预计5月20日结束。\n"
            "二、按照《黑龙江省森林防火条例》有关规定,森林草原防火区内禁止以下行为:\n"
            "(一)严禁携带火种和易燃易爆品进入森林草原防火区。\n"
            "(二)严禁烧荒、烧秸秆、烧枝柱、烧煮加工山野菜、烧垃 圾和废旧地膜。\n"
            "(三)严禁野外吸烟、点烛、燃香、烧纸、燃放烟花爆竹和 孔明灯。\n"
            "(四)严禁野炊、使用火把、点火取暖和举办篝火活动。\n"
            "(五)严禁任何单位和个人未经批准在林区、牧区和林缘区 进行爆破、狩猎、烧火驱兽等涉火活动。\n"
            "(六)遇有五级以上大风天气,严禁一切生产、生活用火。\n"
            "(七)严禁其他野外用火行为。\n"
            "“高火险期”结束后,各乡镇、农场、林场,各有关单位自行解除禁火令。\n"
            "同江市人民政府森林草原防灭火指挥部\n2024年4月8日\n")
    last = extract_text(text)["tasks"][-1]
    assert last["path"] == ["二"] and "解除禁火令" not in last["text"]
    assert {a["name"] for a in last["actors"]} == {"任何单位和个人"}
