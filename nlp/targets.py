"""Quantified commitments ("建成4个瓦斯治理示范矿井", "比例不低于60%") and stated counts
("51项具体任务") in circular text.

One scanner serves the two fields of the extraction record (SCHEMA.md):

- ``mode="targets"`` (a task's ``targets``): numbers the task commits to. A number that only
  sums up the list just before it ("重点检查、一般检查两个部分", "“A”、“B”两类名单目录") is not a
  commitment and is left out.
- ``mode="figures"`` (a region's ``practices[].figures``): every count the section states,
  including sums of lists ("调度通报、隐患督办、工作报告、督导检查四项工作机制").

Both modes leave out what is not a quantity of work: dates and years (年/月/日 are not
measure words here), document numbers, ordinals (第一, "1."), ages and lengths (近三年, 为期3天,
24小时), anniversaries (70周年), phone numbers, numbers inside titles 《》, slogans ("一单四制",
"五位一体", quoted “三项制度”, “3个三”), the indefinite 一 ("一批", "一支…铁军"), parts of a whole
("四个阶段") and per-unit allotments ("每个分队分派10至15名"). A count restated in the same
text ("51项具体任务" twice) is reported once. The measure words and word lists are in
``data/target_units.toml`` with their sources.

Public API: :class:`Target`, :func:`find_targets`.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from .cnnum import parse_number, to_halfwidth

DATA_FILE = Path(__file__).parent / "data" / "target_units.toml"

Mode = Literal["targets", "figures"]

_CN_NUM = "〇○零一二两三四五六七八九十百千"
_CN_SMALL = "一二两三四五六七八九十"
_ARABIC = r"[0-9]+(?:\.[0-9]+)?"
_CHINESE = rf"[{_CN_NUM}]+"
# a clause: the stretch a commitment is read in
_CLAUSE_END = ",;。:!?\n，；：！？"
_QUOTES = {"“": "”", "\"": "\"", "「": "」", "‘": "’"}
_TITLE = re.compile(r"《[^《》\n]{0,120}》")


@dataclass
class Target:
    """A number with its unit as written (``text`` = ``source[start:end]``).

    ``text`` is the clause the number stands in (targets) or the count phrase itself
    (figures); ``core`` is always the count phrase ("4个瓦斯治理示范矿井"), ``noun`` what is
    counted. ``value`` is the upper bound of a range ("1-2个" -> 2).
    """

    text: str
    start: int
    end: int
    value: int | float
    unit: str
    core: str = ""
    noun: str = ""
    core_start: int = 0  # offset of `core` (the number) in the source

    def to_record(self) -> dict[str, Any]:
        """The extraction-record dict of SCHEMA.md (``targets`` / ``figures`` entry)."""
        return {"text": self.text, "value": self.value, "unit": self.unit}


@dataclass(frozen=True)
class _Vocab:
    """The compiled vocabulary of data/target_units.toml."""

    raw: dict[str, Any]
    number_re: re.Pattern[str]
    percent_re: re.Pattern[str]


def _alt(words: list[str]) -> str:
    """Regex alternation of literal words, longest first (矿次 before 次)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    """Load the data file once and compile the number-with-unit grammar."""
    raw = tomllib.loads(DATA_FILE.read_text(encoding="utf-8"))
    u = raw["units"]
    units = _alt(u["counts"] + u["measures"] + list(u["aliases"]))
    num = rf"{_ARABIC}|{_CHINESE}"
    number_re = re.compile(
        rf"(?<![0-9A-Za-z.\-—/:@+_{_CN_NUM}])"
        rf"(?:(?P<n1>{num})(?:-|—|–|~|～|至|到))?(?P<n2>{num})(?P<approx>余|多)?"
        rf"(?P<mag>{_alt(u['magnitudes'])})?(?P<unit>{units})"
    )
    percent_re = re.compile(rf"百分之(?P<n>{_CHINESE}|{_ARABIC})")
    return _Vocab(raw, number_re, percent_re)


# -- context tests -------------------------------------------------------------------------------


_WINDOW = 300  # a clause or sentence is never longer than this; bounds the searches


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around [start, end): between the nearest ,;。: on either side."""
    lo_win = max(0, start - _WINDOW)
    lo = max(text.rfind(ch, lo_win, start) for ch in _CLAUSE_END)
    hi_win = min(len(text), end + _WINDOW)
    his = [i for i in (text.find(ch, end, hi_win) for ch in _CLAUSE_END) if i >= 0]
    return (lo + 1 if lo >= 0 else lo_win), (min(his) if his else hi_win)


def _sentence_start(text: str, pos: int) -> int:
    """Start of the sentence holding `pos` (after the last 。;!? or newline)."""
    win = max(0, pos - _WINDOW)
    last = max(text.rfind(ch, win, pos) for ch in "。;!?\n；！？")
    return last + 1 if last >= 0 else win


def _quoted_mask(text: str) -> bytearray:
    """1 for every character inside quotes (“…”) — slogans and names, not quantities."""
    mask, depth = bytearray(len(text)), 0
    if not any(q in text for q in ("“", "「", "‘")):
        return mask  # nothing opens a quote
    for i, ch in enumerate(text):
        if ch in ("“", "「", "‘"):
            depth += 1
        elif ch in ("”", "」", "’") and depth:
            depth -= 1
        elif depth:
            mask[i] = 1
    return mask


def _title_mask(text: str) -> bytearray:
    """1 for every character inside a title 《…》."""
    mask = bytearray(len(text))
    for t in _TITLE.finditer(text):
        mask[t.start():t.end()] = b"\x01" * (t.end() - t.start())
    return mask


def _noun_after(text: str, pos: int, stops: list[str]) -> str:
    """The counted noun after a unit: Chinese characters up to punctuation or a stop word."""
    noun = []
    for ch in text[pos:pos + 12]:
        if not ("\u4e00" <= ch <= "\u9fff"):
            break
        noun.append(ch)
        joined = "".join(noun)
        if any(joined.endswith(s) for s in stops):
            stop = next(s for s in stops if joined.endswith(s))
            return joined[: len(joined) - len(stop)]
    return "".join(noun)


def _is_slogan(m: re.Match[str], noun: str, quoted: bool) -> bool:
    """Numbered slogans: “3个三”, 五位一体, 四个一律 (a count whose noun is itself a numeral)."""
    chinese = not re.match(r"[0-9]", m["n2"])
    noun_is_numeral = bool(noun) and noun[0] in _CN_SMALL
    if quoted:
        return chinese or noun_is_numeral
    return chinese and noun_is_numeral


def _sums_list(text: str, clause_start: int, num_start: int, noun_end: int, value: float, commit: list[str]) -> bool:
    """Whether the number only counts the items of the list next to it.

    "重点检查、一般检查两个部分", "“A”、“B”两类名单目录", "三个时间节点(24小时、7天、30天)": the
    list has exactly `value` items. "煤矿、非煤矿山等150座矿山" (等: examples of a larger
    set), "81个县(市、区)" (a note on the noun) or a commitment verb between list and number
    ("对A、B开展检查不少于20次") make it a quantity again.
    """
    seg = text[clause_start:num_start]
    if "、" in seg:
        tail = seg[seg.rfind("、") + 1:]
        # an item must stand between the last 、 and the number ("…、9个方案" is itself an item)
        if (0 < len(tail) <= 15 and not re.search(r"[0-9等]", tail) and not any(w in tail for w in commit)
                and seg.count("、") + 1 == value):
            return True
    after = text[noun_end:noun_end + 40]
    if after[:1] in ("(", "（"):
        close = min((i for i in (after.find(")"), after.find("）")) if i > 0), default=-1)
        return close > 0 and after[:close].count("、") + 1 == value
    return False


def _value(m: re.Match[str]) -> int | float | None:
    """Upper bound of the number or range of a match."""
    v = parse_number(m["n2"])
    if v is None:
        return None
    if m["n1"]:
        lo = parse_number(m["n1"])
        if lo is None or lo > v:
            return None
    return v


# -- scanning ------------------------------------------------------------------------------------


def _not_a_count(text: str, m: re.Match[str], noun: str, quoted: bool, r: dict[str, Any]) -> bool:
    """Number-with-unit that counts nothing: ordinals, the article 一, durations, slogans, parts."""
    s, unit, after = m.start(), m["unit"], text[m.end():m.end() + 4]
    if text[max(0, s - 1):s] == "第":
        return True  # ordinal
    if m["n2"] == "一" and not m["n1"] and unit not in r["one_counts_for"]:
        return True  # indefinite article
    if unit == "个" and any(after.startswith(w) for w in r["time_after_ge"]):
        return True  # duration
    if any(after.startswith(w) for w in r["not_after_unit"]):
        return True
    if any(noun.startswith(w) for w in r["structural_nouns"]) or (not noun and unit in r["structural_nouns"]):
        return True
    lo, _ = _clause_bounds(text, s, m.end())
    return _is_slogan(m, noun, quoted) or "每" in text[lo:s]  # 每: a rate or per-unit allotment


def _not_a_commitment(text: str, m: re.Match[str], noun: str, r: dict[str, Any]) -> bool:
    """A count a task states without committing to it: a list's size, the past, a policy's name."""
    s = m.start()
    lo, _ = _clause_bounds(text, s, m.end())
    if _sums_list(text, lo, s, m.end() + len(noun), float(_value(m) or 0), r["commitment_words"]):
        return True
    before = text[_sentence_start(text, s):s]
    if any(w in before for w in r["history_words"]):
        return True  # a report of the past
    # "落实安全生产十五条硬措施" names a policy; "举办一期…" commits to one
    return not re.match(r"[0-9]", m["n2"]) and not any(w in text[lo:s] for w in r["commitment_words"])


def _number_targets(orig: str, norm: str, v: _Vocab, mode: Mode) -> Iterator[Target]:
    """Numbers followed by a measure word, minus the rejected ones (matched on half-width `norm`)."""
    u, r = v.raw["units"], v.raw["rules"]
    quoted_mask, title_mask = _quoted_mask(norm), _title_mask(norm)
    for m in v.number_re.finditer(norm):
        s, e = m.span()
        value = _value(m)
        if not value or title_mask[s]:
            continue
        noun = _noun_after(norm, e, r["noun_stops"])
        quoted = bool(quoted_mask[s])
        if _not_a_count(norm, m, noun, quoted, r) or (mode == "targets" and _not_a_commitment(norm, m, noun, r)):
            continue
        unit = (m["mag"] or "") + u["aliases"].get(m["unit"], m["unit"])
        yield _make(orig, norm, s, e, e + len(noun), value, unit, noun, mode)


def _percent_targets(orig: str, norm: str, v: _Vocab, mode: Mode) -> Iterator[Target]:
    """Percentages written out: 百分之六十."""
    for m in v.percent_re.finditer(norm):
        value = parse_number(m["n"])
        if value:
            yield _make(orig, norm, m.start(), m.end(), m.end(), value, "%", "", mode)


def _make(orig: str, norm: str, s: int, e: int, noun_end: int, value: int | float, unit: str, noun: str,
          mode: Mode) -> Target:
    """A Target whose text is the clause (targets) or the count phrase (figures), in `orig`'s characters."""
    if mode == "figures":
        a, b = s, noun_end
    else:
        a, b = _clause_bounds(norm, s, e)
        while a < s and norm[a] in " \t\u3000":
            a += 1
    return Target(orig[a:b], a, b, value, unit, core=orig[s:noun_end], noun=noun, core_start=s)


_CONJUNCTION = re.compile(r"以及|和|及|与|、")


def _split_shared_clauses(text: str, targets: list[Target]) -> None:
    """Give targets that share one clause their own part of it, cut at the conjunction before each.

    "加强省级15支…队伍和5个…仓库建设" -> "加强省级15支…队伍" / "5个…仓库建设": every target keeps a
    span of its own (spans are keys for annotations downstream).
    """
    by_span: dict[tuple[int, int], list[Target]] = {}
    for t in targets:
        by_span.setdefault((t.start, t.end), []).append(t)
    for (start, end), group in by_span.items():
        if len(group) < 2:
            continue
        group.sort(key=lambda t: t.core_start)
        cuts = [start]
        for prev, nxt in zip(group, group[1:], strict=False):
            between = text[prev.core_start + len(prev.core):nxt.core_start]
            hits = list(_CONJUNCTION.finditer(between))
            cut = prev.core_start + len(prev.core) + (hits[-1].start() if hits else len(between))
            cuts.append(cut)
        cuts.append(end)
        for i, t in enumerate(group):
            a = cuts[i] + (len(m[0]) if i and (m := _CONJUNCTION.match(text, cuts[i])) else 0)
            t.start, t.end = a, cuts[i + 1]
            t.text = text[a:t.end]


def find_targets(text: str, mode: Mode = "targets") -> list[Target]:
    """Quantified commitments (``mode="targets"``) or stated counts (``mode="figures"``) in `text`.

    Results are in text order; a count repeated with the same unit and noun is kept once.
    Never raises: anything that is not a string gives an empty list.
    """
    if not isinstance(text, str) or not text:
        return []
    v = _vocab()
    norm = to_halfwidth(text)
    found = [*_number_targets(text, norm, v, mode), *_percent_targets(text, norm, v, mode)]
    out, seen = [], set()
    for t in sorted(found, key=lambda t: t.start):
        key = (float(t.value), t.unit, t.noun[:2])
        if t.noun and key in seen:
            continue
        seen.add(key)
        out.append(t)
    if mode == "targets":
        _split_shared_clauses(text, out)
    return out
