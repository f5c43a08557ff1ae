"""Shapes of real circulars outside ../shared: public pages of the fresh batch dd of the tenth
session, cited by address; a few lines each, not the documents."""

from __future__ import annotations

import datetime as dt

from page_text import extract_text

from policykg.ingest.clean import PINYIN, t2s
from policykg.nlp.deadlines import find_deadlines


# the 广西 防汛 news on a forum (titanium.308308.com:8025/thread-2780-5-1.html), its anti-copy junk and all
GUANGXI_FORUM = ('|\n'
                 '6月底肯定能冲一冲,雨又来了:% E- x) N, U/ Y5 J- ^: q& A% n A\n'
                 '- C! @, V: F3 ]: {\n'
                 '广西防汛指挥部紧急通知:做好准备再次迎战大洪水\n'
                 '. W2 a2 I0 Z* ]& p\n'
                 '- l2 z% o7 o% G. l; l--------------------------------------------------------------------------------% Z- ? l; l- v/ ?8 n\n'
                 '8 M/ n2 Y$ ^; S5 ^- h; C/ B( d) `【2005年6月25日18时50分】【来源:新桂网】+ T$ e }& k6 z! X" q+ k& Y\n'
                 '! q# |* A. Q6 Y: c3 }\n'
                 '新桂网南宁6月25日讯(记者王镇)由于6月26日至28日广西将有一次强降雨过程,今天自治区防汛抗旱指挥部发出紧急通知,要求各地切实做好再次迎战大洪水的准备。\n')


def test_a_reports_day_word_is_no_part_of_the_sender():
    """广西 防汛 news on a forum (titanium.308308.com:8025/thread-2780-5-1.html): "…今天自治区防汛抗旱指挥部发出
    紧急通知,要求各地…"."""
    text = GUANGXI_FORUM
    assert extract_text(text)["meta"]["issuers"] == ["广西壮族自治区防汛抗旱指挥部"]


def test_a_column_tag_above_a_title_is_no_part_of_it():
    """工信部 事故报告 notice on a spam mirror (hengbodq.com/hydt_detail/typeid/8/id/33.html): a column tag
    "安全生產" on the line above "關于…的通知"."""
    text = ('国产日韩亚洲一二三四专区|亚洲一级级级级久久久久毛片|日韩在线播放夜色|黄片毛片在线观看\n'
            '\n'
            '安全生產\n'
            '\n'
            '關于建立工業和通信業生產安全事故報告制度的通知\n'
            '\n')
    assert extract_text(text)["meta"]["title"] == "关于建立工业和通信业生产安全事故报告制度的通知"


def test_a_season_that_lasts_until_a_day_sets_no_limit():
    """济宁 禁火 通告 on a traditional mirror (022hy.com/art/2025/11/4/art_20102_2787955.html): "…防火期,持续至明年
    5月31日,请严格遵守…"."""
    line = PINYIN.sub("", t2s()('當(dāng)前已進(jìn)入防火期,持續(xù)至明年5月31日,請嚴(yán)格遵守禁火規(guī)定,嚴(yán)防森林火災(zāi)。'))  # as the cleaner reads it
    assert find_deadlines(line, dt.date(2025, 11, 4)) == []


def test_a_class_of_parties_named_by_what_they_do():
    """济宁 禁火 通告 on a traditional mirror (022hy.com/art/2025/11/4/art_20102_2787955.html): "在禁火区域从事野营、
    登山、旅游等活动的人员,应当…" — a relative clause and its head, kept as written (the list in it is of
    activities, not of parties)."""
    text = ('三、禁火內(nèi)容' + "\n" + '(四)在禁火區(qū)域從事野營、登山、旅游等活動的人員,應(yīng)當(dāng)嚴(yán)格遵守森林防火規(guī)定,并服從森林經(jīng)營單位的防火安全管理。' + "\n")
    names = [a["name"] for t in extract_text(text)["tasks"] for a in t["actors"]]
    assert names == ["在禁火区域从事野营、登山、旅游等活动的人员"]


def test_whom_a_reported_notice_asks_are_its_addressees():
    """广西 防汛 news on a forum (titanium.308308.com:8025/thread-2780-5-1.html): "…发出紧急通知,要求各地切实做好…"
    — 各地 are whom the notice is sent to, and its unnamed items are theirs."""
    text = GUANGXI_FORUM + '" I. o+ U( y: e. G3 f 一、克服松懈、松劲的思想,继续保持高度警惕,切实做好再次迎战大洪水的准备。\n'
    rec = extract_text(text)
    assert rec["meta"]["addressees"] == ["各地"]
    assert [a["name"] for a in rec["tasks"][-1]["actors"]] == ["各地"]
