"""Shapes of real circulars outside ../shared: public pages of the fresh batch p of the eighth
session, cited by address; a few lines each, not the documents."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # tests run with --import-mode=importlib
from page_text import extract_text  # noqa: E402


# 白城市安委会 2020 全体会议 news (www.jlbc.gov.cn/xxgk_3148/ywdt/202009/t20200928_871342.html):
# the mayor's points run inline in one paragraph, 一要…二要…; they are the report's items
BAICHENG = ("市长李明伟出席会议并强调五点意见。一要牢记安全第一。各地、各部门必须时刻绷紧安全生产这根弦。"
            "二要抓实专项整治。集中力量进行大排查、大整改、大落实。三要加强防灾救灾。"
            "加强嫩江堤防、月亮泡水库等部位巡查防守,全力保障江河堤防安全。\n")


def test_an_inline_yi_yao_run_in_prose_before_any_outline_is_the_items():
    rec = extract_text(BAICHENG)
    assert [t["path"] for t in rec["tasks"]] == [["一"], ["二"], ["三"]]
    assert rec["tasks"][1]["title"] == "抓实专项整治"
