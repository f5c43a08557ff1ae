"""Property tests for the name-list parser (ingest/names.py): it reads arbitrary text from
scraped pages, so it must never raise and must report spans inside what it was given; and the
list shapes it resolves must hold for every place of the gazetteer, not only the few in the
devset."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.ingest.names import Jurisdiction, canonical_name, parse_names
from policykg.ingest.regions import gazetteer

CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
PUNCT = st.sampled_from(list("、,,和及与()（）等各省市县区局厅委办"))
TEXT = st.text(st.one_of(CJK, PUNCT, st.sampled_from(list(" 0123456789:;"))), max_size=60)


@settings(max_examples=300, deadline=None)
@given(TEXT, st.booleans())
def test_parse_names_never_raises_and_offsets_stay_inside(span, strict):
    for piece, offset, kind in parse_names(span, strict=strict) or []:
        assert kind in ("org", "person", "class", "place", "stem", "member")
        assert 0 <= offset <= len(span)
        assert piece.strip()


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_canonical_name_never_raises(name):
    out = canonical_name(name, Jurisdiction.of("江西省", None, 2020))
    assert isinstance(out, str)


def _cities_with_unique_shorts() -> dict[str, list]:
    g = gazetteer()
    by_province: dict[str, list] = {}
    for r in g.by_code.values():
        if r.level != 2 or len(r.short) < 2 or r.name == r.short:
            continue
        province = g.province_of(r)
        same = [x for x in g.by_short.get(r.short, []) if x.level == 2 and g.province_of(x) == province]
        if len(same) == 1 and r.name.endswith("市"):
            by_province.setdefault(province.code, []).append(r)
    return {k: v for k, v in by_province.items() if len(v) >= 3}


CITIES = _cities_with_unique_shorts()


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(sorted(CITIES)), st.data())
def test_city_shorts_share_the_last_citys_body(province_code, data):
    """合肥、蚌埠、…、黄山市防汛抗旱指挥部 (a 主送 line of 安徽省防指, 2023): every short before
    the last full city name is that city with the same body."""
    cities = data.draw(st.lists(st.sampled_from(CITIES[province_code]), min_size=3, max_size=6, unique=True))
    span = "、".join(c.short for c in cities[:-1]) + "、" + cities[-1].name + "防汛抗旱指挥部"
    got = [piece for piece, _, _ in parse_names(span, strict=False) or []]
    assert got == [c.name + "防汛抗旱指挥部" for c in cities]


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["各", "各级", "地方各级", "各县级", "各县区", "各市州"]),
       st.sampled_from(["党委", "人民政府", "党政机关", "安全生产委员会", "行业主管部门"]),
       st.lists(st.sampled_from(["政府", "团体", "企事业单位", "社会组织", "安全监管部门", "新闻媒体"]),
                min_size=1, max_size=3, unique=True),
       st.sampled_from(["、", "和", "及"]))
def test_a_leading_quantifier_is_shared_by_bare_members(quantifier, head, members, sep):
    """各党政机关、团体、企事业单位及社会组织 (a Beijing notice) and 地方各级安全生产委员会和安全监管
    部门 (a national one): the quantifier is written once for the list; bare classes share it,
    a member with its own modifier (相关部门) does not."""
    from policykg.ingest.names import split_names

    listed = "、".join([quantifier + head] + members)  # 、 between members, 和/及 before the last
    got = [n for n, _ in split_names(listed + sep + "相关部门")]
    assert got == [quantifier + head] + [quantifier + m for m in members] + ["相关部门"]


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(sorted(CITIES)), st.data(), st.sampled_from(["", "防汛抗旱指挥部", "应急管理局"]),
       st.sampled_from(["等市", "等市(州)", "等3个市"]))
def test_shorts_closed_by_their_levels_are_those_places(province_code, data, body, close):
    """琼海、万宁、…、陵水等市县立即启动… (a Hainan notice) and 定西、陇南、…、甘南等市(州)抗旱防汛指挥部
    (a Gansu one): places by their short names, closed by 等 and the levels they are, and the
    body each has — or none, when the places themselves are asked to act."""
    cities = data.draw(st.lists(st.sampled_from(CITIES[province_code]), min_size=2, max_size=6, unique=True))
    span = "、".join(c.short for c in cities) + close + body
    got = parse_names(span, strict=True) or []
    assert [piece for piece, _, _ in got] == [c.name + body for c in cities]
    assert {kind for _, _, kind in got} == {"org" if body else "place"}


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["省", "市", "县"]), st.sampled_from(["中直", "省直", "市", "县"]),
       st.sampled_from(["有关部门", "负有安全生产监管职责的部门", "相关单位"]))
def test_single_level_words_before_a_class_are_one_class(first, second, cls):
    """'(省应急厅牵头,省、中直负有安全生产监管职责的部门按职责分工负责)' (a Liaoning 分工方案): a level
    word alone before 、 is no body; with the class after it, it names one class of bodies."""
    from policykg.ingest.names import split_names

    if first == second:
        return
    assert [n for n, _ in split_names(first + "、" + second + cls)] == [first + second + cls]


_REGION_NAMES = sorted(gazetteer().by_name)
PLACE_TEXT = st.lists(st.one_of(st.sampled_from(_REGION_NAMES), CJK, PUNCT), max_size=12).map("".join)


@settings(max_examples=300, deadline=None)
@given(PLACE_TEXT)
def test_mentions_finds_exactly_the_full_names_a_text_holds(text):
    """`mentions` looks names up only where a name's first two characters stand (a speed-up
    for long head lines): it must find the same names as testing every name with `in`."""
    from policykg.ingest.regions import directly_under

    g = gazetteer()
    # a name followed by 直 (丁青县直…) is a level opening 县直 'directly under the county', by design
    expected = {n for n in g.by_name if len(n) >= 3 and any(
        text.startswith(n, i) and not directly_under(text, i + len(n), n) for i in range(len(text)))}
    # (by_name holds written forms too: 五峰县 names 五峰土家族自治县)
    assert {r.name for r in g.mentions(text, 1, 3)} == {
        r.name for n in expected for r in g.by_name[n] if 1 <= r.level <= 3}


@settings(max_examples=300, deadline=None)
@given(PLACE_TEXT)
def test_place_prefix_agrees_with_the_full_lookup(text):
    """The quick refusal of `place_prefix` (no name opens with these two characters) never
    refuses a name the full lookup would have read."""
    g = gazetteer()
    full = next((len(text[:k]) for k in range(min(len(text), 12), 1, -1) if text[:k] in g.by_name), None)
    hit = g.place_prefix(text)
    if full is not None:
        assert hit is not None and hit[1] == full


def test_clear_memos_forgets_every_memoised_reading():
    """The extraction bench reads each document cold through clear_memos; a review that moved
    name_kind's memo onto a helper broke it (AttributeError) and left name_kind unmemoised.
    Every function it clears must be memoised, and clearing must empty their memos."""
    from policykg.ingest import names

    names.name_kind("临沂市应急管理局")
    names.clear_memos()
    for fn in (names.canonical_name, names.name_kind, names.has_verb, names._parse_names, names.tidy):
        assert fn.cache_info().currsize == 0


def test_an_autonomous_region_is_found_by_its_written_short_form():
    """镇宁县 (安顺 news, 2022), 凉山州, 黔东南州: an autonomous county or prefecture is mostly written by
    its short name and its level; the gazetteer names it by that written form too (from the
    dataset: every 自治县/自治州/自治旗 whose short form is unique), so a page naming it is placed."""
    g = gazetteer()
    assert [r.name for r in g.mentions("省、市督导组到镇宁县道交专班开展督查指导工作")] == ["镇宁布依族苗族自治县"]
    for written, full in (("凉山州", "凉山彝族自治州"), ("黔东南州", "黔东南苗族侗族自治州"), ("宁洱县", "宁洱哈尼族彝族自治县")):
        assert [r.name for r in g.by_name[written]] == [full]
