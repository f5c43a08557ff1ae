"""How time limits, short forms, topics and write tokens read (api/wording.py, api/shortforms.py,
api/auth.py): the rules every export, the page and the CLI share (issue 14)."""

from __future__ import annotations

import os
import stat

import pytest

from policykg.api.wording import time_limits


def texts(limits):
    return [(x.text, x.date, x.cadence) for x in limits]


def test_a_dated_limit_keeps_its_wording_with_the_iso_date_beside():
    limits = time_limits([{"text": "3月底前", "type": "date", "date": "2021-03-31"}], "各地要于3月底前,将总结报送。")
    assert texts(limits) == [("3月底前", "2021-03-31", None)]
    assert limits[0].label() == "3月底前(2021-03-31)"
    # a short clause ending at the limit's own comma stays whole: what is due by then
    limits = time_limits([{"text": "3月底前", "type": "date", "date": "2021-03-31"}], "各地要于3月底前报送。")
    assert texts(limits) == [("3月底前报送", "2021-03-31", None)]


def test_a_month_alone_is_not_lost():
    """'6月' was replaced by its date (2021-06-30前): the month a clerk reads must stay."""
    limits = time_limits([{"text": "6月", "type": "date", "date": "2021-06-30"}], "6月,开展安全生产月活动")
    assert texts(limits) == [("6月", "2021-06-30", None)]


def test_half_yearly_never_becomes_monthly():
    """每半年 has no cadence value (SCHEMA); a monthly value beside it is a mis-reading and is not shown."""
    mis_read = [{"text": "每半年", "type": "recurring", "freq": "monthly"}]
    assert texts(time_limits(mis_read, "每半年组织一次")) == [("每半年组织一次", None, None)]
    # not in the record at all: the written phrase is shown as written
    assert [x.text for x in time_limits([], "企业每半年开展1次应急演练。")] == ["每半年"]
    assert "每月" not in " ".join(x.label() for x in time_limits(mis_read, "每半年组织一次"))


def test_a_cadence_in_chinese_only_when_the_wording_does_not_say_it():
    assert texts(time_limits([{"text": "一季一通报", "type": "recurring", "freq": "quarterly"}], "")) == \
        [("一季一通报", None, None)]
    assert texts(time_limits([{"text": "定期调度", "type": "recurring", "freq": "monthly"}], "")) == \
        [("定期调度", None, "每月")]


def test_standing_duties_say_what_the_text_says_and_nothing_else():
    """长期坚持 is not 持续推进, and a task that states no limit has none (the renderers say 未明确)."""
    assert [x.text for x in time_limits([], "建立隐患排查制度,长期坚持。")] == ["长期坚持"]
    assert [x.text for x in time_limits([], "完成时限 持续推进")] == ["持续推进"]
    # 持续推进 inside a sentence is a verb, not a time limit
    assert time_limits([], "持续推进安全生产专项整治,确保取得实效。") == []
    assert time_limits(None, "") == []


def test_limits_in_text_order_each_once_and_table_cells_whole():
    """d05's 时限要求 cell '4月底前完成方案,5.12期间完成演练' reads as written, in its order."""
    text = "危化品泄漏 县安委办、县应急办 4月底前完成方案,5.12期间完成演练"
    record = [{"text": "5.12", "type": "date"}, {"text": "4月底前", "type": "date"}, {"text": "4月底前", "type": "date"}]
    assert [x.text for x in time_limits(record, text)] == ["4月底前完成方案", "5.12期间完成演练"]
    # a long clause after a limit is the task itself, not the limit's wording
    text = "于2019年6月20日前、12月20日前将各项工作推进落实情况报送省安委会办公室"
    record = [{"text": "12月20日前", "type": "date", "date": "2019-12-20"},
              {"text": "2019年6月20日前", "type": "date", "date": "2019-06-20"}]
    assert [x.label() for x in time_limits(record, text)] == ["2019年6月20日前(2019-06-20)", "12月20日前(2019-12-20)"]


def test_short_forms_are_one_word_for_search():
    from policykg.api.shortforms import alternates, canonical, variants

    assert canonical("危化品企业搬迁") == "危险化学品企业搬迁"
    assert set(variants("危化品")) >= {"危化品", "危险化学品"}
    assert "危化品" in variants("危险化学品")
    assert canonical("县人民政府") == "县人民政府"  # a full form is never re-expanded
    assert "安全生产委员会办公室" in variants("省安委办")[1]
    assert "危险化学品" in alternates("危化品企业搬迁")


def test_topic_words_match_written_out_and_not_their_negation():
    from policykg.api.service import topic_match, topic_terms

    assert topic_terms("事故调查") == ["事故", "调查"]
    assert topic_match(topic_terms("事故调查"), "规范生产安全事故调查处理") == ["事故", "调查"]
    assert topic_match(topic_terms("事故调查"), "严格监管执法,开展执法检查") is None
    assert topic_match(topic_terms("危化品"), "打好危险化学品综合治理攻坚战") == ["危险化学品"]
    assert topic_match(topic_terms("煤矿"), "深化非煤矿山专项整治") is None
    assert topic_match(topic_terms("煤矿"), "强化煤矿和非煤矿山专项整治") == ["煤矿"]


def test_the_write_token_is_created_once_and_only_its_owner_reads_it(tmp_path):
    from policykg.api.auth import WriteAuth, WriteRefused, ensure_token, link, token_path

    token, created = ensure_token(tmp_path / "data")
    assert created and len(token) >= 24
    mode = stat.S_IMODE(os.stat(token_path(tmp_path / "data")).st_mode)
    assert mode == 0o600
    assert ensure_token(tmp_path / "data") == (token, False)
    os.chmod(token_path(tmp_path / "data"), 0o644)  # loosened by someone: tightened on the next read
    assert ensure_token(tmp_path / "data") == (token, False)
    assert stat.S_IMODE(os.stat(token_path(tmp_path / "data")).st_mode) == 0o600
    assert link(token, "0.0.0.0", 8000) == f"http://127.0.0.1:8000/#token={token}"

    auth = WriteAuth(token_path(tmp_path / "data"))
    auth.check(f"Bearer {token}")
    with pytest.raises(WriteRefused) as refused:
        auth.check("Bearer wrong")
    assert refused.value.status == 401
    with pytest.raises(WriteRefused) as refused:
        WriteAuth(tmp_path / "none" / "api-token").check(f"Bearer {token}")
    assert refused.value.status == 403


def test_export_file_names_follow_the_title():
    from policykg.api.breakdown import content_disposition, file_stem

    assert file_stem("2019年度安全生产工作要点") == "任务分工-2019年度安全生产工作要点"
    assert file_stem('关于"安全/生产"的通知:附件') == "任务分工-关于 安全 生产 的通知 附件"
    assert file_stem("") == "任务分工-未命名文件"
    header = content_disposition("任务分工-要点", "xlsx", "breakdown-abc")
    assert header.startswith('attachment; filename="breakdown-abc.xlsx"; ')
    assert "filename*=UTF-8''%E4%BB%BB%E5%8A%A1%E5%88%86%E5%B7%A5-%E8%A6%81%E7%82%B9.xlsx" in header


def test_messages_are_one_table_shared_with_the_page():
    from policykg.api.messages import messages, msg

    m = messages()
    assert m["roles"] == {"lead": "牵头", "participant": "配合", "responsible": "负责"}
    assert m["cadences"]["quarterly"] == "每季度"
    assert msg("errors.413", limit_mb=20).startswith("文件超过 20 MB")
    # every error the page maps is Chinese and says what to do
    for key in ("401", "403", "404", "404_document", "413", "415", "422", "500", "503", "network"):
        assert "请" in m["errors"][key], key


def test_a_regions_topic_tasks_are_found_however_many_other_regions_outrank_them():
    """The topic comparison ranked the overall top 100 and filtered by region afterwards: on a
    large graph a region's only accident-investigation task was reported as none."""
    from policykg.api.search import SearchIndex
    from policykg.nlp.lexical import LexicalIndex

    ids = [f"a{i}" for i in range(150)] + ["b0", "b1"]
    texts = ["事故调查处理 事故调查 规范事故调查"] * 150 + ["规范生产安全事故的调查工作,加强执法", "加强执法检查"]
    regions = {tid: ["甲省"] for tid in ids[:150]} | {"b0": ["乙省"], "b1": ["乙省"]}
    index = SearchIndex(None, None, (), LexicalIndex(ids, texts), ids, regions)
    hits = index.search("事故调查", region="乙省", limit=5)
    assert [h[0] for h in hits][:1] == ["b0"]
    # scores compare across regions: the other region's best outranks this one's
    assert index.search("事故调查", region="甲省", limit=1)[0][1] > hits[0][1] > 0


def test_record_tasks_with_undated_limits_read_as_written():
    """Extraction keeps a limit whose year no page gives apart (undated_deadlines, no date)."""
    from policykg.api.breakdown import build_breakdown

    task = {"id": "t1", "title": "防汛", "text": "防汛 县防汛办 5月底前完成方案,6月中旬完成演练",
            "actors": [{"name": "大英县防汛抗旱指挥部办公室", "role": "lead"}], "recipients": [], "sectors": [],
            "deadlines": [], "undated_deadlines": [{"text": "6月中旬", "type": "date", "date": None},
                                                   {"text": "5月底前", "type": "date", "date": None}]}
    row = build_breakdown("演练计划", [task]).as_dict()["rows"][0]
    assert (row["完成时限"], row["截止日期"]) == ("5月底前完成方案;6月中旬完成演练", "")
