"""Shapes of real circulars outside ../shared: public pages of the fresh batch m of the eighth
session, cited by address; a few lines each, not the documents."""

from __future__ import annotations

from page_text import extract_text


def test_a_responsible_units_field_runs_past_a_bracket_inside_it():
    """运城市人民政府办公厅 2017 十三五 应急体系 责任分解 (ncp.pkulaw.com/epidemiclar/
    38be8d5449e27cd4d9743b715461238bbdfb.html): "(责任单位:各县(市、区)人民政府、各开发区管委会、市直各有关单位)"."""
    from policykg.nlp.parties import field_end

    rest = "各县(市、区)人民政府、各开发区管委会、市直各有关单位)。"
    assert rest[:field_end(rest)] == "各县(市、区)人民政府、各开发区管委会、市直各有关单位"


def test_a_title_is_neither_a_label_nor_a_closing_formula_nor_a_welcome_banner():
    """中塘镇 2017 大检查方案 (www.tjbh.gov.cn/jz/contents/13739/255276.html) labels its title 名称:;
    石台县森林防火指挥部 (www.ahshitai.gov.cn/OpennessContent/show/845347.html) has no title line above
    its closing 特此通知; a 羊城晚报 report on a spam site (prirajpoetry.com/html/99d799895.html) opens with
    the site's welcome."""
    from policykg.ingest.metadata import clean_title

    assert clean_title("名  称: 中塘镇深入开展安全生产大检查工作方案") == "中塘镇深入开展安全生产大检查工作方案"
    text = ("欢迎来到不正之风网\n广东启动防风Ⅳ级应急响应 做好台风“格美”防御工作\n"
            "省三防办要求各地各部门要在7月24日18时前做好渔船回港、人员上岸工作。\n")
    assert extract_text(text)["meta"]["title"] != "欢迎来到不正之风网"
    closing = ("各乡镇人民政府,县应急管理局、县林业局:\n现将《关于做好当前森林防灭火工作的通知》转发给你们,请认真贯彻落实。\n"
               "特此通知\n石台县森林防火指挥部\n2020年2月24日\n")
    assert extract_text(closing)["meta"]["title"] != "特此通知"


def test_the_groups_an_inspection_notice_sends_do_its_inspection_items():
    """山东省安委办 鲁安办发〔2012〕1号 fireworks inspection on a pinyin mirror
    (m.anturagea.com/html/xingyemokuai/xingyexinwen/20160108/6735.html)."""
    text = ("關于開展煙花爆竹安全專項督查工作的通知\n各市人民政府安全生產(chǎn)委員會,省有關部門:\n"
            "一、督查重點內(nèi)容\n1、煙花爆竹百日安全專項整治行動的組織、部署實施情況。\n"
            "2、煙花爆竹生產(chǎn)、經(jīng)營、運輸、燃放安全監(jiān)管工作落實情況。\n"
            "二、督查安排\n組成5個督查組(詳見附件),分別由省安監(jiān)局、公安廳、工商局、質(zhì)監(jiān)局、交通運輸廳相關負責人帶隊。\n"
            "三、督查方式\n聽取匯報,隨機抽查煙花爆竹生產(chǎn)經(jīng)營單位及運輸、燃放企業(yè)。\n")
    tasks = {tuple(t["path"]): {a["name"] for a in t["actors"]} for t in extract_text(text)["tasks"]}
    assert tasks[("一",)] == {"各督查组"} and tasks[("三",)] == {"各督查组"}


def test_a_towns_and_farms_bracket_spells_out_the_class():
    """海丰县人民政府 2016 禁火令 (gdhf.gov.cn/gdhf/zwgk/1100/qtwj/content/post_251201.html):
    "六、各镇(场)要立即成立禁火队"."""
    from policykg.ingest.names import merge_brackets

    assert merge_brackets("各镇(场)") == "各镇场"
    assert merge_brackets("各乡(镇)") == "各乡镇"
