"""Shapes of real circulars outside ../shared: public pages of the fresh batch g of the tenth
session, cited by address; a few lines each, not the documents."""

from __future__ import annotations

import datetime as dt

from page_text import extract_text

from policykg.ingest.clean import clean_text
from policykg.nlp.deadlines import find_deadlines


def test_a_fire_seasons_end_is_no_deadline():
    """兰州市 2023-2024 森林草原防火命令 (xjbm.28581688.cn/post/222.html): "防火期时间为…至2024年5月31日"
    states the season; its end is no task's limit."""
    line = ("一、防火时间与范围。全市 2023-2024年度草原防火期时间为2023年10月1日至2024年5月31日,"
            "森林防火期时间为2023年11月1日至2024年5月31日。")
    assert find_deadlines(line, dt.date(2023, 9, 1)) == []
    # a campaign that runs until a day still has that day as its limit (SCHEMA's 即日起至…)
    assert [d.date for d in find_deadlines("即日起至2021年12月31日开展专项整治", None)] == ["2021-12-31"]


def test_a_decisions_effective_time_is_no_deadline():
    """海南 防汛防风Ⅰ级 response (frpbbs.net/posa.php?7gsv=feemai): "决定于2024年10月29日23时40分,对琼海市
    启动…应急响应" — when the response starts, not a limit."""
    line = "根据《海南省防汛防风防旱应急预案》规定,经会商研判,省防灾减灾救灾委员会决定于2024年10月29日23时40分,对琼海市启动防汛防风Ⅰ级应急响应。"
    assert find_deadlines(line, dt.date(2024, 10, 29)) == []


def test_a_forum_post_stamp_is_furniture():
    """保定 封山防火通告 on a job site (3haojob.com/ac/156295863283770897.html): "Admin - admin 于2019年07月13日发表"."""
    assert "发表" not in clean_text("我市发布今春森林草原封山防火通告\nAdmin - admin 于2019年07月13日发表  \n").mapped.text


def test_goals_given_to_bodies_are_tasks():
    """陕西 安全生产“十三五”规划 实施方案 on a spam host (handsofhealingreiki.com/BqIeJrDaSM/show-31-9091-1.html):
    under 一、主要目标 > (三)重点产业目标, each industry's goal ends "(省X负责)": work given to a body."""
    text = ("一、主要目标\n(三)重点产业目标。\n1.煤矿开采业。\n"
            "死亡人数2020年比“十二五”平均数下降10%。煤矿机械化水平显著提升,“机械化换人、机器人作业、自动化减人”取得明显成效,积极推广综采工作面智能化无人开采技术。(省煤炭生产安监局负责)\n"
            "2.石油和天然气开采业。\n"
            "“十三五”末,全省石油和天然气开采企业实现安全精细化管理,涉及生产工艺的生产装置设施全部建立自动控制系统,坚决遏制石油天然气管道泄漏事故发生。(省安全监管局负责)\n")
    rec = extract_text(text)
    assert [t["path"] for t in rec["tasks"]] == [["一", "(三)", "1"], ["一", "(三)", "2"]]
    assert [d["date"] for d in rec["tasks"][1]["deadlines"]] == ["2020-12-31"]
