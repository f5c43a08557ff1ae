"""Shapes of real circulars outside ../shared: public pages of the fresh batch n of the eighth
session, cited by address; a few lines each, not the documents."""

from __future__ import annotations

from page_text import extract_text


def test_a_run_of_points_opening_after_a_comma_is_the_reports_items():
    """马鞍山 2009 安委会 meeting report on a forum archive (mas360.cc/archiver/tid-34702.html):
    "周春雨强调,一要高度警觉…;二要…;三要…;四要…"."""
    text = ("周春雨主持召开市一季度安全生产工作会议\n"
            "周春雨强调,一要高度警觉,掌握安全生产工作规律;二要对全市安全生产工作进行检查,补缺补差;"
            "三要在监管全市安全生产工作中突出重点,努力做好标本兼治;四要做好春节等节假日安全生产工作。\n")
    assert [t["path"] for t in extract_text(text)["tasks"]] == [["一"], ["二"], ["三"], ["四"]]


def test_an_item_stating_only_the_activitys_time_or_theme_is_no_task():
    """河北省中小企业局 冀企产〔2011〕7号 安全生产月 plan on a wiki mirror (newton.com.tw, the wiki's
    page on the plan): "二、活动时间。2011年6月1日至6月30日。三、活动主题。安全责任,重在落实。"; 呼和浩特
    2021 戒严令 (zhongyizhuyanshu.com/2021/0321/166417.shtml): "一、防火戒严期限:2021年3月20日到…"."""
    text = ("一、指导思想\n以科学发展观为指导,深入贯彻落实安全生产法律法规。\n"
            "二、活动时间\n2011年6月1日至6月30日。\n三、活动主题\n安全责任,重在落实。\n"
            "四、活动内容\n各市中小企业主管部门要组织企业开展安全生产宣传咨询日活动。\n")
    assert [t["path"] for t in extract_text(text)["tasks"]] == [["四"]]
    ban = ("呼和浩特市人民政府森林草原防火戒严令\n一、防火戒严期限:2021年3月20日到2021年4月30日。\n"
           "二、戒严期内,严禁在林区野外用火。\n")
    assert [t["path"] for t in extract_text(ban)["tasks"]] == [["二"]]


def test_a_sites_words_glued_to_a_title_are_not_the_title():
    """鹤山市 禁火令 on a spam mirror (skf-chinese.com/ghb/tzgg/content/post_3373573.html); 广西 安委办
    2021 安全生产月 on a regulations site (www.ehs.cn/law/116303.html); 泉州台商投资区 安委办
    (qzts.gov.cn/…/t20250603_3175997.htm); 呼和浩特 戒严令 (zhongyizhuyanshu.com/2021/0321/166417.shtml)."""
    from policykg.ingest.metadata import clean_title

    assert clean_title("长者专区通知公告返回首页鹤山市人民政府关于森林防火禁火令的通告") == "鹤山市人民政府关于森林防火禁火令的通告"
    assert clean_title("EHS中国 法规首页 广西壮族自治区安委会办公室关于开展2021年全国“安全生产月”活动的通知") == \
        "广西壮族自治区安委会办公室关于开展2021年全国“安全生产月”活动的通知"
    assert clean_title("【安全生产】泉州台商投资区安全生产委员会办公室关于开展2025年“安全生产月”活动的通知").startswith("泉州")
    assert clean_title("呼和浩特市人民政府森林草原重点区域防火戒严令呼和浩特新闻") == "呼和浩特市人民政府森林草原重点区域防火戒严令"
    # a title's own words before its issuer stay (devset d34's 印发…, a citing sentence's 现将《)
    assert clean_title("贯彻落实吉林省人民政府关于坚持科学发展安全发展促进安全生产形势持续稳定好转实施意见重点工作分工方案").startswith("贯彻落实")


def test_next_step_opens_a_clause_and_is_no_part_of_the_subject():
    """杨凌示范区安委办 2019 notice (yangling.gov.cn/zwgk/fdzdgknr/aqsc/tzgg/1427952566033022978.html):
    "下一步安委办将按照上级要求,加大对各单位值班情况…的检查抽查"."""
    from policykg.ingest.names import Jurisdiction
    from policykg.nlp.parties import find_parties

    jur = Jurisdiction.of("陕西省", "咸阳市杨陵区", 2019)
    names = [p.written for p in find_parties("下一步安委办将按照上级要求,加大对各单位值班情况和信息报送情况的检查抽查。", jur, False)
             if not p.recipient]
    assert names and names[0] == "安委办"


def test_a_long_heading_over_a_line_opening_with_its_subject_ends_its_sentence():
    """广西 安委办 2021 安全生产月 notice (www.ehs.cn/law/116303.html): the heading "一、突出…主题,推动学习
    习近平总书记关于安全生产重要论述精神走深走实" over "各地区、各有关部门和单位要…"."""
    text = ("广西壮族自治区安委会办公室关于开展2021年全国“安全生产月”活动的通知\n各市安委会,自治区安委会各成员单位:\n"
            "一、突出“落实安全责任,推动安全发展”主题,推动学习习近平总书记关于安全生产重要论述精神走深走实\n"
            "各地区、各有关部门和单位要结合正在开展的党史学习教育,安排理论学习中心组深入学习习近平总书记关于安全生产重要论述。\n")
    task = extract_text(text)["tasks"][0]
    assert "走深走实。各地区" in task["text"]
    assert any(a["explicit"] for a in task["actors"])


def test_a_regulations_sites_labels_and_widgets_are_furniture():
    """The 广西 notice on a regulations site (page cited above): 收藏 / 下载法规 / 我要纠错 / 颁布部门: …
    lines stood between the title and the addressee line."""
    text = ("广西壮族自治区安委会办公室关于开展2021年全国“安全生产月”活动的通知\n\n收藏\n\n下载法规\n\n我要纠错\n\n条款摘要\n\n"
            "资料来自公开网络,仅提供网友学习讨论使用\n\n原文版权归原版权人拥有\n\n发文字号:——\n\n颁布部门:广西壮族自治区应急管理厅\n\n"
            "法律效力:地方规范性文件\n\n应用分类:综合管理\n\n颁布日期:2021-05-07生效日期:2021-05-07\n\n"
            "各市安委会,自治区安委会各成员单位,有关区直企业:\n\n"
            "  今年6月是第20个全国“安全生产月”,现就有关事项通知如下:\n")
    assert "各市安全生产委员会" in extract_text(text)["meta"]["addressees"]


def test_a_bare_management_committee_after_a_township_list_is_every_zones():
    """新郑市应急管理局 2025 拜祖大典 notice (xz.jiceng.zhengzhou.gov.cn/022003006/9586817.jhtml):
    "各乡镇人民政府、街道办事处、管委会,市安防委有关成员单位:"."""
    from policykg.ingest.names import parse_names

    names = [n for n, _, _ in parse_names("各乡镇人民政府、街道办事处、管委会", strict=False)]
    assert names == ["各乡镇人民政府", "各街道办事处", "各管委会"]


def test_a_party_whose_request_follows_a_topic_opens_its_own_task():
    """杨凌示范区安委办 2019 notice (page cited above): "…并视情通报。各单位国庆期间值班表请于9月29日18时前
    报安委会办公室。" — 各单位 is asked, though what is asked of them stands between."""
    text = ("关于进一步规范信息报送工作的通知\n杨陵区安委会、示范区安委会各成员单位:\n"
            "下一步安委办将按照上级要求,加大对各单位值班情况和信息报送情况的检查抽查,并视情通报。"
            "各单位国庆期间值班表请于9月29日18时前报安委会办公室。\n杨凌示范区安全生产委员会办公室\n2019年9月27日\n")
    tasks = extract_text(text)["tasks"]
    assert len(tasks) == 2 and tasks[1]["text"].startswith("各单位国庆期间值班表")
