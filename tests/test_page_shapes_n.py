"""Shapes of real circulars outside ../shared: public pages of the fresh batch n of the eighth
session, cited by address; a few lines each, not the documents."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # tests run with --import-mode=importlib
from page_text import extract_text  # noqa: E402


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
