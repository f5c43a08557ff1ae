"""Outline parsing on 公文 numbering, with the irregularities of real scraped circulars."""

from hypothesis import given, settings, strategies as st

from policykg.ingest.outline import cn_to_int, parse_outline


def paths(items):
    out = []
    for top in items:
        for it in top.walk():
            out.append(it.path)
    return out


def test_nested_numbering_from_seed_001():
    text = ("二、重点工作任务\n(一)理顺管理体制,强化责任落实。\n1.强化党政领导责任。贯彻落实。\n"
            "2.严格落实部门监管职责。按照原则。\n(二)加强研究部署,推动改革创新。\n1.积极推进安全生产领域改革。认真贯彻。\n"
            "三、工作要求\n(一)提高政治站位。今年是新中国成立70周年。\n")
    assert paths(parse_outline(text)) == [
        ["二"], ["二", "(一)"], ["二", "(一)", "1"], ["二", "(一)", "2"], ["二", "(二)"], ["二", "(二)", "1"],
        ["三"], ["三", "(一)"]]


def test_skipped_level_and_numbering_running_across_sections():
    # seed 002: 一、 holds 1.–6., 二、 holds 7.–12. (numbers run on across sections)
    text = "一、构建应急管理新格局\n1.建立健全责任体系。甲。\n2.建立健全评估机制。乙。\n二、稳住安全生产基本盘\n3.全面落实安全生产责任。丙。\n"
    assert paths(parse_outline(text)) == [["一"], ["一", "1"], ["一", "2"], ["二"], ["二", "3"]]


def test_item_after_lost_heading_is_detached():
    # seed 002 jumps from 12. to 20.: the heading of 13.–19. was lost, 20. has no known parent
    text = "二、稳住安全生产基本盘\n11.严格安全监管执法。甲。\n12.完善社会化风险防控制度。乙。\n20.强化政治理论武装。坚持思想统领,素质建队。深入学\n22.强化作风党风廉政建设。丙。\n"
    assert paths(parse_outline(text))[-2:] == [["20"], ["22"]]


def test_titles_and_spans():
    text = "一、规范事故调查处理,提高调查工作质量和效果。\n1.建立和完善相关制度标准。出台细则。\n2.加大挂牌督办和提级调查力度。加大力度。\n"
    top = parse_outline(text)[0]
    assert top.title == "规范事故调查处理,提高调查工作质量和效果"
    first, second = top.children
    assert first.title == "建立和完善相关制度标准"
    assert text[first.start:first.end].startswith("1.建立")
    assert first.end == second.start
    assert top.head_end == first.start


def test_numbers_that_are_not_markers():
    text = "2021年全省调查评估工作要坚持。\n1.5倍以上的企业。\n30万吨/年以下煤矿。\n"
    assert parse_outline(text) == []


def test_item_opening_with_a_date_is_not_a_decimal():
    """"1.6月底前完成…" is item 1 whose text opens with a month (bug: the item was lost)."""
    text = "(一)危险化学品。\n1.6月底前完成化工园区安全风险评估。\n2.2022年底前完成整治。\n3.5倍以上的企业。\n"
    items = [it for top in parse_outline(text) for it in top.walk()]
    assert [it.path for it in items] == [["(一)"], ["(一)", "1"], ["(一)", "2"]]
    assert items[1].title == "6月底前完成化工园区安全风险评估"


def test_other_marker_styles():
    text = "第一条 为了规范。\n(1)各地要加强。\n①建立台账。\n"
    assert [it.marker for top in parse_outline(text) for it in top.walk()] == ["第一条", "(1)", "①"]


def test_chinese_numerals():
    assert [cn_to_int(s) for s in ["一", "十", "十二", "二十", "二十三", "一百零五"]] == [1, 10, 12, 20, 23, 105]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("一二三、.()12\n 。第条①甲乙") + ["十"]), max_size=200))
def test_outline_never_raises_and_spans_nest(text):
    for top in parse_outline(text):
        for it in top.walk():
            assert 0 <= it.start <= it.head_end <= it.end <= len(text)
            for child in it.children:
                assert it.start <= child.start and child.end <= it.end
