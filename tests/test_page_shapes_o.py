"""Shapes of real circulars outside ../shared: public pages of the fresh batch o of the eighth
session, cited by address; a few lines each, not the documents."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # tests run with --import-mode=importlib
from page_text import extract_text  # noqa: E402


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
