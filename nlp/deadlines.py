"""Time limits in Chinese policy circulars: calendar dates, limits counted from an event, cadences.

A task in a circular states when it must be done in three ways, and the extraction record
(SCHEMA.md, "deadlines") keeps all three:

- a calendar limit: "3月10日前", "2020年底前", "第三季度末", "到2020年" -> ``type="date"``;
- a limit counted from an event: "作出决定之日起30日内", "事故结案后10个月至1年内",
  "事故发生后24小时" -> ``type="relative"`` with the event (``anchor``) and an ISO-8601 duration;
- a cadence: "每月", "周调度", "一季一通报", "每季度第一个月5日前" -> ``type="recurring"`` with a
  frequency label and an RFC 5545 RRULE.

Matching works on characters, not tokens (jieba splits "3月10日前" apart). The vocabulary
(cue words, units, activities, events) lives in ``data/deadline_patterns.toml`` with its
sources; this module holds the grammar. Precision matters as much as recall: a year in a
title, a 发文字号, an age ("近三年"), a length ("为期3天") or history ("2019年度未发生…") is
not a limit, and a calendar expression without a cue word ("前", "底", "至"…) is treated as
an event date, not a limit.

Public API: :class:`Deadline`, :func:`find_deadlines`, :func:`parse_deadline_phrase`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..ingest.regions import gazetteer
from ..ingest.blocks import column_kind
from ..ingest.metadata import month_day_split
from .cnnum import parse_number, to_halfwidth

DATA_FILE = Path(__file__).parent / "data" / "deadline_patterns.toml"

Date = dt.date
Period = tuple[dt.date, dt.date]

# -- numerals used inside time expressions ---------------------------------------------------
_CN_DIGIT = "〇○零一二三四五六七八九"
_YEAR = rf"(?P<y>[12][0-9]{{3}}|[{_CN_DIGIT}]{{4}})年|(?P<yr>今|明|本)年"
_MONTH_NUM = r"1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]"
_DAY_NUM = r"3[01]|[12][0-9]|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九]"
_DUR_NUM = r"[0-9]+(?:\.[0-9]+)?|[一二两三四五六七八九十百]+|半"

# sentence ends: cadences and year inheritance do not cross them
_SENTENCE_END = re.compile(r"[。;!?！？；\n]")
# spans where nothing is a deadline: titles in 《》 and document-number years in 〔〕
_MASKED = re.compile(r"《[^《》\n]{0,120}》|〔[^〔〕\n]{0,10}〕")


@dataclass
class Deadline:
    """One time limit as written (``text`` = ``source[start:end]``) and normalised.

    ``type`` is "date" (``date``: ISO date), "relative" (``anchor`` event, ``duration``
    ISO-8601 of the outer bound, ``business_days`` when counted in 工作日) or "recurring"
    (``freq`` label and ``rrule``).
    """

    text: str
    start: int
    end: int
    type: str
    date: str | None = None
    anchor: str | None = None
    duration: str | None = None
    freq: str | None = None
    rrule: str | None = None
    business_days: bool = False

    def to_record(self) -> dict[str, Any]:
        """The extraction-record dict of SCHEMA.md for this deadline."""
        rec: dict[str, Any] = {"text": self.text, "type": self.type}
        if self.type == "date":
            rec["date"] = self.date
        elif self.type == "relative":
            rec["anchor"] = self.anchor
            rec["duration"] = self.duration
            if self.business_days:
                rec["business_days"] = True
        else:
            rec["freq"] = self.freq
            if self.rrule:
                rec["rrule"] = self.rrule
        return rec


@dataclass
class _Cand:
    """A candidate before overlap resolution; dates keep a resolver until years are known."""

    start: int
    end: int
    kind: str  # date | relative | recurring
    priority: int  # breaks ties between spans of equal length: lower wins
    deadline: Deadline | None = None
    year: int | None = None  # explicit year of a date candidate
    year_offset: int | None = None  # 今年 0 / 明年 1 / 本年 0 (relative to the document year)
    bare_year: bool = False  # "到2020年": dropped when it is the plan's own year
    make: Callable[[int], Date | None] | None = field(default=None, repr=False)
    roll: bool = True  # may move to next year when far before the document date
    day_offset: int | None = None  # 今晚/明天: days after the document date


# -- data ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Vocab:
    """The compiled vocabulary of data/deadline_patterns.toml."""

    raw: dict[str, Any]
    date_re: re.Pattern[str]
    iso_re: re.Pattern[str]
    event_re: re.Pattern[str]
    era_re: re.Pattern[str]
    atom_re: re.Pattern[str]
    every_re: re.Pattern[str]
    one_one_re: re.Pattern[str]
    unit_act_re: re.Pattern[str]
    units: dict[str, tuple[str, str, int]]


def _alt(words: list[str] | dict[str, Any]) -> str:
    """Regex alternation of literal words, longest first so that 底前 wins over 前."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _compile_dates(d: dict[str, Any], r: dict[str, Any]) -> dict[str, re.Pattern[str]]:
    """Calendar grammar: [year] + month[day | 上中下旬 | 底末份] | 上/下半年 | 第N季度[末] | 年底/年内."""
    xun = _alt(d["xun"])
    events = list(r["events"]) + list(d["fixed_holidays"]) + list(d["lunar_holidays"]) + list(d["solar_terms"])
    return {
        "date": re.compile(
            rf"(?=[0-9{_CN_DIGIT}十今明本年上下前第])(?:{_YEAR})?"
            rf"(?:(?P<m>{_MONTH_NUM})月(?:(?P<d>{_DAY_NUM})[日号]|(?P<xun>{xun})|(?P<mend>底|末|份))?"
            r"|(?P<half>上半年|下半年)"
            r"|(?P<qpre>前)?第?(?P<q>[一二三四1-4])季度(?P<qend>末|底)?"
            r"|(?P<yend>年底|年末|年内|底|末|内))?"),
        "iso": re.compile(r"(?<![0-9])(?P<y>[12][0-9]{3})[.\-/](?P<m>1[0-2]|0?[1-9])[.\-/]"
                          r"(?P<d>3[01]|[12][0-9]|0?[1-9])(?![0-9])"),
        "event": re.compile(rf"(?P<ev>{_alt(events)})(?:节)?(?P<suf>之前|以前|前)"
                            + (rf"|(?P<word>{_alt(r['event_words'])})" if r["event_words"] else "|(?P<word>(?!x)x)")),
        "era": re.compile(rf"(?P<pre>到|至)?“?(?P<era>{_alt(d['plan_eras'])})”?(?:时期|期)?(?P<suf>末期|末)"),
    }


def _compile_durations(r: dict[str, Any]) -> re.Pattern[str]:
    """Durations, maybe as a range whose outer bound counts: 30日, 24小时, 10个月至1年."""
    units = _alt(r["units"])
    return re.compile(rf"(?:(?P<n1>{_DUR_NUM})(?P<u1>{units})?(?:至|到|-|—|~|－))?"
                      rf"(?P<n2>{_DUR_NUM})(?P<u2>个半月|{units}|月)")


def _compile_cadences(c: dict[str, Any], d: dict[str, Any]) -> dict[str, re.Pattern[str]]:
    """Cadence grammar: 每/逐 + unit [+ day] [+ activity]; 一X一Y; unit + activity (周调度)."""
    xun, acts = _alt(d["xun"]), _alt(c["activities"])
    spec = (
        rf"(?:第(?P<qm>[一二三1-3])个月(?:(?P<qmd>{_DAY_NUM})[日号](?:之前|以前|前)?)?"
        rf"|(?P<sm>{_MONTH_NUM})月(?:(?P<smd>{_DAY_NUM})[日号]|(?P<sme>底|末|份)|(?P<smx>{xun}))?(?:之前|以前|前)?"
        rf"|(?P<sx>{xun})(?:之前|以前|前)?"
        rf"|(?P<sd>{_DAY_NUM})[日号](?:之前|以前|前)?"
        r"|年底前|年末前|(?P<se>底|末)(?:之前|以前|前)?"
        r"|(?P<wd>[一二三四五六日天])(?:之前|以前|前)"
        rf"|(?:结束|终了)后(?P<aft>{_DAY_NUM})(?:个工作日|工作日|日|天)(?:以内|之内|内))"
    )
    units = _alt([u[0] for u in c["units"]])
    not_before = re.escape(c["unit_act_not_before"])
    return {
        "every": re.compile(
            rf"(?P<pre>{_alt(c['every_prefixes'])})(?:一个|一|个)?(?P<mult>两|二|三|四|六|半|[2-6])?个?(?P<u>{units})"
            rf"(?:{spec})?(?P<ext>[\u4e00-\u9fff]{{0,6}}(?:{acts}))?"),
        "one_one": re.compile(rf"(?<![{_CN_DIGIT}十0-9])(?P<lead>一|半)(?P<u>季度|日|天|周|旬|月|季|年)一"
                              rf"(?P<act>{acts}|[\u4e00-\u9fff])"),
        "unit_act": re.compile(rf"(?<![{not_before}])(?P<u>双周|双月|日|周|旬|月|季|年)(?P<act>{acts})"),
    }


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    """Load the data file once and compile the grammar around it."""
    raw = tomllib.loads(DATA_FILE.read_text(encoding="utf-8"))
    d, r, c = raw["date"], raw["relative"], raw["cadence"]
    dates, cad = _compile_dates(d, r), _compile_cadences(c, d)
    units = {u[0]: (u[1], u[2], int(u[3])) for u in c["units"]}
    return _Vocab(raw, dates["date"], dates["iso"], dates["event"], dates["era"], _compile_durations(r),
                  cad["every"], cad["one_one"], cad["unit_act"], units)


# -- small helpers -------------------------------------------------------------------------------


def _num(s: str | None) -> int | None:
    """Integer value of a numeral in a date or duration (None when absent or not a number)."""
    if not s:
        return None
    v = parse_number(s)
    return int(v) if isinstance(v, (int, float)) and float(v).is_integer() else None


def _safe_date(year: int, month: int, day: int) -> Date | None:
    """A date, with day -1 meaning the last day of the month; None when impossible."""
    if not (1 <= year <= 9999 and 1 <= month <= 12):
        return None
    last = calendar.monthrange(year, month)[1]
    if day == -1:
        day = last
    if not 1 <= day <= last:
        return None
    return dt.date(year, month, day)


def _startswith_any(s: str, words: list[str]) -> str | None:
    """The longest word of `words` that `s` starts with, else None."""
    best = None
    for w in words:
        if s.startswith(w) and (best is None or len(w) > len(best)):
            best = w
    return best


def _endswith_any(s: str, words: list[str]) -> str | None:
    """The longest word of `words` that `s` ends with, else None."""
    best = None
    for w in words:
        if s.endswith(w) and (best is None or len(w) > len(best)):
            best = w
    return best


def _masked(text: str) -> bytearray:
    """1 for every character of a title (《…》) or number bracket (〔2021〕): no deadline there."""
    mask = bytearray(len(text))
    for m in _MASKED.finditer(text):
        mask[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    return mask


def _sentence_ids(text: str) -> list[int]:
    """Sentence number of each character (sentences end at 。;!? and newlines)."""
    ids: list[int] = []
    n = prev = 0
    for m in _SENTENCE_END.finditer(text):  # one character each: the end belongs to its sentence
        ids.extend([n] * (m.end() - prev))
        n, prev = n + 1, m.end()
    ids.extend([n] * (len(text) + 1 - prev))
    return ids


# -- calendar dates ------------------------------------------------------------------------------


def _date_maker(g: dict[str, str | None], xun: dict[str, int]) -> tuple[Callable[[int], Date | None], bool, bool]:
    """(function year -> date, inherently a limit?, bare year?) for one date-regex match."""
    if g["m"]:
        month = _num(g["m"]) or 0
        if g["d"]:
            day = _num(g["d"]) or 0
            return (lambda y: _safe_date(y, month, day)), False, False
        if g["xun"]:
            day = xun[g["xun"]]
            return (lambda y: _safe_date(y, month, day)), True, False
        # 6月底 is a limit by itself; 6月份 names the month (6月份是…安全生产月; 6月份的第二个星期日)
        # and needs a cue (6月份前) or a time-limit cell
        return (lambda y: _safe_date(y, month, -1)), g["mend"] in ("底", "末"), False
    if g["half"]:
        month = 6 if g["half"] == "上半年" else 12
        return (lambda y: _safe_date(y, month, -1)), True, False
    if g["q"]:
        month = 3 * (_num(g["q"]) or 0)
        return (lambda y: _safe_date(y, month, -1)), True, False
    if g["yend"]:
        return (lambda y: _safe_date(y, 12, 31)), True, False
    return (lambda y: _safe_date(y, 12, 31)), False, True


CLOCK = re.compile(r"(?:上午|下午|晚上|凌晨|中午)?\d{1,2}(?:时|点)(?:\d{1,2}分|半)?(?:许|起)?")
DAY_AT_CLAUSE_START = re.compile(r"(?:\d{4}年)?\d{1,2}月\d{1,2}日$")


# a period stated as a range after what it is (防火期为…至, 禁火期:…至, 时间为…至): its end is no limit
# (not an activity's time: 活动时间:6月1日至6月7日 is when the activity is to be done by)
PERIOD_DEFINED = re.compile(r"(?:期|(?<!活动)时间|期限|时段)(?:时间)?(?:为|是|:|：)\s*[^,,。;；]{0,16}\d{1,2}月\d{1,2}日(?:\d{1,2}时)?[至到—－-]$")
# a range between two days written with a dash (自查自纠阶段(7月16日-8月20日)): its end is read as after 至
DAY_DASH_BEFORE = re.compile(r"\d{1,2}月\d{1,2}日[—－-]$")


PERIOD_NAMED_AFTER = re.compile(r"(?:止)?为[^,,。;；]{0,12}期")
# a date listed after a date that carries its cue (于…6月30日和12月20日, 7月10日、12月20日前)
LISTED_AFTER_DATE = re.compile(r"(?:于|前)[^,,。;；]{0,16}\d{1,2}日(?:前)?[和、及与]$")


# an inline field's label right before a date (完成时限:, 治理时限:); what it labels, the table columns say
FIELD_LABEL = re.compile(r"([\u4e00-\u9fff]{2,6})[:：]\s*$")


# a sentence that tells its act as done (参加了会议, 召开了…, 已于…): a report, not a schedule
TOLD_AS_DONE = re.compile(r"[\u4e00-\u9fff]了(?![解结])")


def _sentence_end(norm: str, at: int) -> int:
    """Where the sentence holding `at` ends (the module's one sentence end, `_SENTENCE_END`)."""
    m = _SENTENCE_END.search(norm, at)
    return m.start() if m else len(norm)


def _clause_end(norm: str, at: int) -> int:
    """Where the clause holding `at` ends (its comma, or the sentence's end)."""
    ends = [k for k in (norm.find(c, at) for c in ",，") if k >= 0]
    return min([*ends, _sentence_end(norm, at)])


def _date_cues(norm: str, start: int, end: int, v: _Vocab, phrase: bool) -> tuple[int, int, bool] | None:
    """(new start, new end, has a cue) around a calendar expression, or None if it is no limit."""
    d = v.raw["date"]
    after, before = norm[end:end + 4], norm[max(0, start - 6):start]
    clock = CLOCK.match(norm, end)
    if clock and _startswith_any(norm[clock.end():clock.end() + 4], d["not_after"]):
        return None  # "于2024年10月28日11时30分启动…": the hour before the verb says nothing else
    if _startswith_any(after, d["not_after"]) or _endswith_any(before, d["not_before"]):
        return None
    suf = _startswith_any(after, d["suffix_cues"])
    pre = _endswith_any(before, d["prefix_cues"])
    if not pre and DAY_DASH_BEFORE.search(norm, max(0, start - 12), start):
        pre = "至"
    field = FIELD_LABEL.search(norm, max(0, start - 10), start)
    if field and column_kind(field.group(1)) == "deadline" and not field.group(1).endswith(("时间", "日期")):
        # (a label ending in 时间 is as often a page's stamp: 更新时间:2022-03-19)
        phrase = True  # (责任单位:县安委办;治理时限:2022年11月): a time-limit field, read like its column's cell
    if pre in ("至", "到") and (PERIOD_DEFINED.search(norm[max(0, start - 40):start])
                               or PERIOD_NAMED_AFTER.match(norm, end)):
        return None  # 森林防火期时间为2023年11月1日至2024年5月31日 / …至2023年5月31日为禁火期: a period's end
    if pre == "于" and not suf and TOLD_AS_DONE.search(norm, end, _clause_end(norm, end)):
        return None  # 市应急管理局…于2023年9月19日对…进行了复产验收: the day a reply tells of, no limit
    if not (suf or pre) and LISTED_AFTER_DATE.search(norm[max(0, start - 24):start]):
        return start, end, True  # 于2025年6月30日和12月20日分别…: the second of a list of dates
    if not (suf or pre) and DAY_AT_CLAUSE_START.match(norm, start, end) \
            and (start == 0 or norm[start - 1] in ",,;;:: \n") and re.match(r"[\u4e00-\u9fff]", after) \
            and not TOLD_AS_DONE.search(norm, end, _sentence_end(norm, end)):
        # "…分别负责,6月16日分别到督导地区的企业参加宣讲": a clause that opens on its day is
        # scheduled for it — unless its sentence tells it as done (2月27日上午,淡水街道…召开…会议,…
        # 约200人参加了会议: the day a report tells of, no limit)
        return start, end, True
    if not (suf or pre) and norm[start:end].endswith("月份") and (start == 0 or norm[start - 1] in ",,;;::。 \n") \
            and re.match(r"[\u4e00-\u9fff]", after) and after[:1] not in "是的为起":
        # "6月份每天黄金时段,在吉林卫视播放…": a clause opening on its month is scheduled for it
        # (not 6月份是…安全生产月 / 6月份的第二个星期日)
        return start, end, True
    if suf in d["suffix_in_text"]:
        end += len(suf)
    if pre in d["prefix_in_text"]:
        start -= len(pre)
    return start, end, bool(suf or pre or phrase)


def _is_date_match(g: dict[str, str | None], norm: str, s: int, d: dict[str, Any]) -> bool:
    """Whether a date-regex match is a whole calendar expression (not 今年 alone, 三年内, 2021年的1)."""
    has_year = bool(g["y"] or g["yr"])
    if not (g["m"] or g["half"] or g["q"] or g["yend"] or g["y"]):
        return False  # 今年 / 明年 alone
    if g["yend"] in ("底", "末", "内") and not has_year:
        return False
    if g["qpre"] and not g["q"]:
        return False
    if not has_year and _endswith_any(norm[max(0, s - 2):s], d["not_before_yearless"]):
        return False
    return not (has_year and s > 0 and norm[s - 1].isdigit())


def _calendar_candidates(norm: str, v: _Vocab, phrase: bool) -> Iterator[_Cand]:
    """Calendar limits: 2020年底前, 3月10日前, 第三季度末, 上半年, 到2020年, 二〇二一年三月二十三日."""
    d = v.raw["date"]
    for m in v.date_re.finditer(norm):
        s, e = m.span()
        g = m.groupdict()
        if e <= s or not _is_date_match(g, norm, s, d):
            continue
        make, inherent, bare = _date_maker(g, d["xun"])
        cues = _date_cues(norm, s, e, v, phrase)
        if cues is None or not (inherent or cues[2]):
            continue
        year = _num(g["y"]) if g["y"] else None
        offset = {"今": 0, "本": 0, "明": 1}.get(g["yr"] or "")
        yield _Cand(cues[0], cues[1], "date", 2, year=year, year_offset=offset, bare_year=bare,
                    make=make, roll=not (g["y"] or g["yr"]))
    for m in v.iso_re.finditer(norm):
        y, mo, da = int(m["y"]), int(m["m"]), int(m["d"])
        cues = _date_cues(norm, m.start(), m.end(), v, phrase)
        if cues and cues[2]:
            yield _Cand(cues[0], cues[1], "date", 2, year=y, roll=False,
                        make=lambda yy, mo=mo, da=da: _safe_date(yy, mo, da))
    for m in MARKS_LOST.finditer(norm):
        md = _month_day_of_digits(m["md"], with_year=bool(m["y"]))
        cues = _date_cues(norm, m.start(), m.end(), v, phrase) if md else None
        if cues and cues[2]:
            y = int(m["y"]) if m["y"] else None
            yield _Cand(cues[0], cues[1], "date", 2, year=y, roll=not y,
                        make=lambda yy, mo=md[0], da=md[1]: _safe_date(yy, mo, da))


# a date whose 月 (and 年) a copy lost: 力增在1230日前完成 (12月30日前), 2025825日 (2025年8月25日) —
# digits straight before 日 that make no day alone (gu01, gu03 of the seventeenth session's batches)
MARKS_LOST = re.compile(r"(?<![0-9.年月/\-])(?:(?P<y>(?:19|20)\d{2})(?=\d{2,4}日))?(?P<md>\d{2,4})日")


def _month_day_of_digits(digits: str, with_year: bool) -> tuple[int, int] | None:
    """(month, day) of digits whose 月 was lost (630 -> 6/30, 1230 -> 12/30), by the one split the
    metadata reads a signature with; two digits only after a year (84 -> 8/4): a day of the month
    alone (30日) is no such date."""
    return None if len(digits) == 2 and not with_year else month_day_split(digits)


@lru_cache(maxsize=4)
def _today_re(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"({_alt(list(words))})(?:\d{{1,2}}(?::\d{{2}}|[时点](?:\d{{1,2}}分)?|时))?(?:之前|以前|前)")


def _today_candidates(norm: str, v: _Vocab) -> Iterator[_Cand]:
    """今晚20:00前 / 明天12时前: a limit on a day named from the document's date."""
    words = v.raw["date"].get("today_words", {})
    if not words:
        return
    for m in _today_re(tuple(words)).finditer(norm):
        yield _Cand(m.start(), m.end(), "date", 2, day_offset=int(words[m.group(1)]))


def _lunar_date(year: int, month: int, day: int) -> Date | None:
    """The solar date of a lunar month-day in `year` (春节 = 1-1)."""
    from lunardate import LunarDate

    try:
        return LunarDate(year, month, day).toSolarDate()
    except (ValueError, IndexError):
        return None


def _qingming(year: int) -> Date | None:
    """清明 (a solar term): 4 or 5 April, by the usual 21st-century formula."""
    y = year % 100
    day = int(y * 0.2422 + 4.81) - y // 4
    return _safe_date(year, 4, day)


def _event_candidates(norm: str, v: _Vocab) -> Iterator[_Cand]:
    """Limits tied to holidays, seasons and plan periods: 国庆节前, 汛期前, 到“十四五”末."""
    fixed = v.raw["date"]["fixed_holidays"]
    lunar = v.raw["date"]["lunar_holidays"]
    terms = v.raw["date"]["solar_terms"]
    for m in v.event_re.finditer(norm):
        if m["word"]:
            anchor = v.raw["relative"]["event_words"][m["word"]]
        elif m["ev"] in lunar:
            month, day = (int(x) for x in lunar[m["ev"]].split("-"))
            yield _Cand(m.start(), m.end(), "date", 2, make=lambda y, mo=month, da=day: _lunar_date(y, mo, da))
            continue
        elif m["ev"] in terms:
            yield _Cand(m.start(), m.end(), "date", 2, make=_qingming)
            continue
        elif m["ev"] in fixed:
            month, day = (int(x) for x in fixed[m["ev"]].split("-"))
            yield _Cand(m.start(), m.end(), "date", 2, make=lambda y, mo=month, da=day: _safe_date(y, mo, da))
            continue
        else:
            anchor = m["ev"]
        dl = Deadline(m[0], m.start(), m.end(), "relative", anchor=anchor, duration="P0D")
        yield _Cand(m.start(), m.end(), "relative", 1, deadline=dl)
    for m in v.era_re.finditer(norm):
        year = int(v.raw["date"]["plan_eras"][m["era"]])
        yield _Cand(m.start(), m.end(), "date", 2, year=year, make=lambda y: _safe_date(y, 12, 31), roll=False)


# -- limits counted from an event ----------------------------------------------------------------


def _iso_duration(value: float, unit: str) -> str | None:
    """ISO-8601 duration of `value` `unit` (H, D, BD, W, M, Q, Y); fractions go one unit down."""
    if value <= 0 or value > 10_000:
        return None
    unit = "D" if unit == "BD" else unit
    if unit == "Q":
        value, unit = value * 3, "M"
    down = {"Y": (12, "M"), "M": (30, "D"), "W": (7, "D"), "D": (24, "H"), "H": (60, "MIN")}
    while not float(value).is_integer() and unit in down:
        factor, unit = down[unit]
        value *= factor
    n = int(round(value))
    if unit in ("H", "MIN"):
        return f"PT{n}{'M' if unit == 'MIN' else 'H'}"
    return f"P{n}{unit}"


def _atom_duration(m: re.Match[str], v: _Vocab) -> tuple[str, bool] | None:
    """(ISO duration of the outer bound, counted in business days?) of a duration match.

    A bare 月 is a duration only in 半月 ("3月内" is a month of the year, not three months).
    """
    num, unit_word = m["n2"], m["u2"]
    value = 0.5 if num == "半" else parse_number(num)
    if value is None:
        return None
    if unit_word == "个半月":
        value, unit = float(value) + 0.5, "M"
    elif unit_word == "月":
        if num != "半":
            return None
        unit = "M"
    else:
        unit = v.raw["relative"]["units"].get(unit_word)
    if unit is None or (unit == "Y" and value >= 100):
        return None  # "2021年内" is a calendar year, read as a date
    iso = _iso_duration(float(value), unit)
    return (iso, unit == "BD") if iso else None


def _duration_atoms(norm: str, v: _Vocab) -> list[re.Match[str]]:
    """Duration expressions (30日, 24小时, 10个月至1年) that are not parts of dates or numbers."""
    atoms = []
    for m in v.atom_re.finditer(norm):
        s, e = m.span()
        if s > 0 and (norm[s - 1].isdigit() or norm[s - 1] in "月.第"):
            continue
        if m["u2"] == "周" and norm[e:e + 1] == "年":
            continue  # 70周年
        if m["u2"] in ("日", "天") and norm[e:e + 1] in ("前", "后"):
            continue  # "5日前" is a day of month, "7天后" is not a limit either
        atoms.append(m)
    return atoms


def _group_atoms(norm: str, atoms: list[re.Match[str]]) -> list[list[re.Match[str]]]:
    """Atoms separated only by 、 form one list ("24小时、7天、30天")."""
    groups: list[list[re.Match[str]]] = []
    for m in atoms:
        if groups and norm[groups[-1][-1].end():m.start()] in ("、", ",", "，"):
            groups[-1].append(m)
        else:
            groups.append([m])
    return groups


def _cut_subject(event: str, cut_words: list[str]) -> str:
    """The event after the last 要在/应在/在/于…: "事故发生地政府要在接报" -> "接报"."""
    best = -1
    for w in sorted(cut_words, key=len, reverse=True):
        i = event.rfind(w)
        if i >= 0 and len(event) - (i + len(w)) >= 2 and i + len(w) > best:
            best = i + len(w)
    return event[best:] if best >= 0 else event


def _anchor_before(norm: str, pos: int, v: _Vocab) -> tuple[str, int] | None:
    """(event, its start) when a connector (之日起, 后…) ends right before `pos`, else None."""
    r = v.raw["relative"]
    window = max(0, pos - 24)
    before = norm[window:pos]
    if before.endswith("的"):  # "收到通知后的5日内"
        before = before[:-1]
    conn = _endswith_any(before, r["connectors"])
    if not conn:
        return None
    head = before[: len(before) - len(conn)]
    cut = max(head.rfind(ch) for ch in ",;:。、()“”《》\n ")
    event = _cut_subject(head[cut + 1:], r["anchor_cut"])
    while (w := _startswith_any(event, r["anchor_strip"])) and len(event) > len(w):
        event = event[len(w):]
    if not (2 <= len(event) <= 16) or not re.search(r"[\u4e00-\u9fff]", event):
        return None
    return event, window + len(head) - len(event)


def _inferred_anchor(sentence: str, v: _Vocab) -> str | None:
    """Event a bare list of time nodes counts from, by a keyword of its sentence."""
    for keyword, anchor in v.raw["relative"]["inferred_anchors"]:
        if keyword in sentence:
            return anchor
    return None


def _relative_candidates(norm: str, v: _Vocab) -> Iterator[_Cand]:
    """Limits counted from an event: 之日起30日内, 事故结案后10个月至1年内, (24小时、7天、30天)."""
    r = v.raw["relative"]
    for group in _group_atoms(norm, _duration_atoms(norm, v)):
        s, e = group[0].start(), group[-1].end()
        inside = _startswith_any(norm[e:e + 2], ["以内", "之内", "内"])
        after = e + len(inside or "")
        if not inside and _startswith_any(norm[e:e + 2], r["limit_verbs"]):
            inside = ""  # 严守1小时报送: the report within the hour
        if _endswith_any(norm[max(0, s - 3):s], r["not_before"]) or _startswith_any(norm[e:e + 3], r["not_after"]) \
                or inside and _startswith_any(norm[after:after + 4], r["not_after"]):
            continue  # …1个月内发现有2处…: the window a count is taken in, not a limit
        anchor = _anchor_before(norm, s, v)
        lead = any(w in norm[max(0, s - 8):s] for w in r["list_leads"])
        if not (inside is not None or anchor or (lead and len(group) > 1)):
            continue
        event = anchor[0] if anchor else None
        if event is None and lead:
            lo = norm.rfind("。", 0, s) + 1
            hi = norm.find("。", e)
            event = _inferred_anchor(norm[lo: hi if hi >= 0 else len(norm)], v)
        for i, m in enumerate(group):
            dur = _atom_duration(m, v)
            if dur is None:
                continue
            a, b = m.span()
            if len(group) == 1 and anchor:
                a = anchor[1]
            if inside and i == len(group) - 1:
                b += len(inside)  # ("" when a report verb follows: the limit ends at the duration)
            dl = Deadline(norm[a:b], a, b, "relative", anchor=event, duration=dur[0], business_days=dur[1])
            yield _Cand(a, b, "relative", 1, deadline=dl)


# -- cadences ------------------------------------------------------------------------------------

_WEEKDAY = {"一": "MO", "二": "TU", "三": "WE", "四": "TH", "五": "FR", "六": "SA", "日": "SU", "天": "SU"}


def _rrule(freq: str, interval: int, extra: str = "") -> str:
    """An RFC 5545 RRULE value."""
    rule = f"FREQ={freq}"
    if interval > 1:
        rule += f";INTERVAL={interval}"
    return rule + (f";{extra}" if extra else "")


def _every_rrule(m: re.Match[str], base: tuple[str, str, int], xun: dict[str, int]) -> tuple[str, str]:
    """(freq label, RRULE) of a 每… match, with its multiplier and day specification."""
    label, freq, interval = base
    mult = m["mult"]
    if mult == "半":
        label, freq, interval = {"YEARLY": ("half-yearly", "MONTHLY", 6), "MONTHLY": ("weekly", "WEEKLY", 2)}.get(
            freq, (label, freq, interval))
    elif mult:
        interval *= _num(mult) or 1
        if freq == "MONTHLY" and interval == 3:
            label = "quarterly"
    quarter = freq == "MONTHLY" and interval == 3
    if m["qm"] and quarter:
        months = ",".join(str(q + (_num(m["qm"]) or 1)) for q in (0, 3, 6, 9))
        day = _num(m["qmd"]) or 1
        return label, f"FREQ=YEARLY;BYMONTH={months};BYMONTHDAY={day}"
    if m["aft"] and quarter:
        return label, f"FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY={_num(m['aft']) or 1}"
    if (m["se"] or "年底前" in m[0] or "年末前" in m[0]) and quarter:
        return label, "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1"
    if freq == "MONTHLY" and (m["sd"] or m["aft"]):
        return label, _rrule(freq, interval, f"BYMONTHDAY={_num(m['sd'] or m['aft']) or 1}")
    if freq == "MONTHLY" and (m["se"] or m["sx"]):
        return label, _rrule(freq, interval, f"BYMONTHDAY={xun[m['sx']] if m['sx'] else -1}")
    if freq == "YEARLY" and m["sm"]:
        if m["smd"]:
            day = f";BYMONTHDAY={_num(m['smd'])}"
        elif m["smx"]:
            day = f";BYMONTHDAY={xun[m['smx']]}"
        else:
            day = ";BYMONTHDAY=-1" if m["sme"] else ""
        return label, _rrule(freq, interval, f"BYMONTH={_num(m['sm'])}{day}")
    if freq == "YEARLY" and (m["se"] or "年底" in m[0] or "年末" in m[0]):
        return label, _rrule(freq, interval, "BYMONTH=12;BYMONTHDAY=31")
    if freq == "WEEKLY" and m["wd"]:
        return label, _rrule(freq, interval, f"BYDAY={_WEEKDAY[m['wd']]}")
    if m["u"] == "工作日":
        return label, "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR"
    return label, _rrule(freq, interval)


def _cadence_candidates(norm: str, v: _Vocab) -> Iterator[_Cand]:
    """Cadences: 每月, 每季度第一个月5日前, 一季一通报, 周调度, 月通报, 季研判."""
    c = v.raw["cadence"]
    for m in v.every_re.finditer(norm):
        if m["pre"] in c["every_needs_activity"] and not m["ext"]:
            continue
        if RANGE_FOLLOWS.match(norm, m.end()):
            continue  # 每年10月1日至次年5月31日为全市森林防火期: a yearly season, not a yearly limit
        label, rule = _every_rrule(m, v.units[m["u"]], v.raw["date"]["xun"])
        # the activity is kept in the text ("每月统计分析例会") unless a day was stated
        end = m.start("ext") if m["ext"] and m.start("ext") > m.end("u") else m.end()
        yield _recurring(norm, m.start(), end, label, rule, 0)
    for m in v.one_one_re.finditer(norm):
        if m["act"] in ("日", "号", "月", "年") or m["act"] in _CN_DIGIT:
            continue  # 一月一日 is a date
        label, freq, interval = v.units[m["u"]]
        if m["lead"] == "半":
            label, freq, interval = {"YEARLY": ("half-yearly", "MONTHLY", 6), "MONTHLY": ("weekly", "WEEKLY", 2)}.get(
                freq, (label, freq, interval))
        yield _recurring(norm, m.start(), m.end(), label, _rrule(freq, interval), 0)
    for m in v.unit_act_re.finditer(norm):
        if _startswith_any(norm[m.end():m.end() + 2], c["unit_act_not_after"]):
            continue
        if norm[m.start():m.end()] == "日报" and named_after_place(norm, m.start()):
            continue  # 南昌日报, 湖北日报: a newspaper, not a daily report
        label, freq, interval = v.units[m["u"]]
        yield _recurring(norm, m.start(), m.end(), label, _rrule(freq, interval), 0)


def named_after_place(norm: str, at: int) -> bool:
    """Whether a place's name (in full or short) ends right before `at` (南昌|日报)."""
    g = gazetteer()
    for k in (2, 3, 4):
        piece = norm[max(0, at - k):at]
        if len(piece) == k and (piece in g.by_name or piece in g.by_short):
            return True
    return False


# (至少/至多 is "at least/at most": 每季度至少组织研究1次 is a cadence, not a season)
RANGE_FOLLOWS = re.compile(r"\s*(?:至(?![少多今于])|到|—|－|-|~|～)")
MONTH_AT_CLAUSE = re.compile(rf"(?<![0-9年月日{_CN_DIGIT}十])(?P<m>{_MONTH_NUM})月(?:份)?(?P<part>中下旬|上中旬|上旬|中旬|下旬)?"
                             rf"(?![0-9{_CN_DIGIT}十日号底末])(?=[\u4e00-\u9fff])")
DOTTED = re.compile(r"(?<![0-9.])(?P<m>1[0-2]|[1-9])\.(?P<d>3[01]|[12][0-9]|[1-9])(?![0-9.])(?=(?:[\u4e00-\u9fff]{0,10}?)(?:期间|前|之前|当天|完成))")


def _schedule_candidates(norm: str, v: _Vocab) -> Iterator[_Cand]:
    """A month-by-month plan (6月中下旬到吉林市;7月到白山…;8月…): each month is a limit; and dotted
    days named as the time of an activity (5.12期间完成演练)."""
    months = list(MONTH_AT_CLAUSE.finditer(norm))
    values = [_num(m["m"]) or 0 for m in months]
    if len(months) >= v.raw["schedule"]["min_months"] and all(a < b for a, b in zip(values, values[1:])):
        for m in months:
            month = _num(m["m"]) or 0
            part = m["part"] or ""
            day = 20 if part in ("中旬", "上中旬") else 10 if part == "上旬" else -1
            yield _Cand(m.start(), m.end(), "date", 3, make=lambda y, mo=month, da=day: _safe_date(y, mo, da))
    for m in DOTTED.finditer(norm):
        month, day = int(m["m"]), int(m["d"])
        yield _Cand(m.start(), m.end(), "date", 3, make=lambda y, mo=month, da=day: _safe_date(y, mo, da))
    for m in re.finditer(v.raw["schedule"]["yearly_review"], norm):
        yield _recurring(norm, m.start(), m.end(), "yearly", _rrule("YEARLY", 1), 0)


def _recurring(norm: str, s: int, e: int, label: str, rule: str, prio: int) -> _Cand:
    """A recurring candidate."""
    return _Cand(s, e, "recurring", prio, deadline=Deadline(norm[s:e], s, e, "recurring", freq=label, rrule=rule))


# -- assembling ----------------------------------------------------------------------------------


def _resolve_overlaps(cands: list[_Cand]) -> list[_Cand]:
    """Keep the longest of overlapping candidates (cadence over relative over date on ties)."""
    chosen: list[_Cand] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.priority, c.start)):
        if all(c.end <= k.start or k.end <= c.start for k in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


def _default_year(doc_date: Date | None, period: Period | None, year_hint: int | None = None) -> int | None:
    """The year a year-less expression belongs to: the document's, else the plan period's,
    else the year the document's text points to."""
    if doc_date:
        return doc_date.year
    if period:
        return period[0].year
    return year_hint


RANGE_OPENED_IN = re.compile(r"((?:19|20)\d{2})年[^。;；,，]{0,10}?(?:至|到|—|－|～|~)$")


def _finish_dates(text: str, cands: list[_Cand], doc_date: Date | None, period: Period | None,
                  sent: list[int], year_hint: int | None = None) -> list[Deadline]:
    """Give every date candidate its year and build the deadlines, in text order.

    A year-less date inherits the explicit year of an earlier date in the same sentence
    ("2019年6月20日前、12月20日前"); otherwise it takes the document year ("3月10日前" in a
    2020 circular), moved to the next year when that would fall half a year before the
    document was written ("1月10日前" in a December circular).
    """
    out: list[Deadline] = []
    base = _default_year(doc_date, period, year_hint)
    plan_year = period[0].year if period and period[0].year == period[1].year else None
    last_year: tuple[int, int] | None = None  # (sentence, year)
    for c in cands:
        if c.kind != "date":
            if c.deadline:
                out.append(c.deadline)
            continue
        if c.bare_year and c.year is not None and c.year == plan_year:
            continue
        if c.day_offset is not None:
            day = doc_date + dt.timedelta(days=c.day_offset) if doc_date else None
            out.append(Deadline(text[c.start:c.end], c.start, c.end, "date", date=day.isoformat() if day else None))
            continue
        year, roll = c.year, c.roll
        if year is None and c.year_offset is not None and base is not None:
            year, roll = base + c.year_offset, False
        if year is None and last_year and last_year[0] == sent[c.start]:
            year, roll = last_year[1], False
        cue_end = c.start + (1 if text[c.start:c.start + 1] in "至到" else 0)  # (至6月: its cue kept in its text)
        opened = RANGE_OPENED_IN.search(text, max(0, c.start - 16), cue_end) if year is None else None
        if opened:  # 2021年5月至6月 / 2021年5月1日—6月30日: the range's second end is in its first end's year
            year, roll = int(opened.group(1)), False
        if year is None:
            year = base
        if c.year is not None:
            last_year = (sent[c.start], c.year)
        day = c.make(year) if (c.make and year is not None) else None
        if day and roll and doc_date and (doc_date - day).days > 183:
            day = c.make(year + 1) if c.make else day
        out.append(Deadline(text[c.start:c.end], c.start, c.end, "date", date=day.isoformat() if day else None))
    return out


def _merge_cadences(text: str, deadlines: list[Deadline], sent: list[int]) -> list[Deadline]:
    """One entry per cadence and sentence.

    Cadences of the same frequency joined by 、 are one schedule ("一季一统计、一季一通报"), and a
    sentence that restates a schedule it already set ("…一季一通报…,每一季度进行一次…调度") adds
    no deadline; different frequencies or days stay separate ("周分析、月通报、季研判",
    "每年…评估,…每年1月中旬前…报送").
    """
    out: list[Deadline] = []
    seen: set[tuple[int, str | None, str | None]] = set()
    for d in deadlines:
        if d.type != "recurring":
            out.append(d)
            continue
        prev = next((p for p in reversed(out) if p.type == "recurring"), None)
        if prev and prev.freq == d.freq and text[prev.end:d.start].strip("“”\"") in ("、", ""):
            prev.end, prev.text = d.end, text[prev.start:d.end]
            continue
        key = (sent[d.start], d.freq, d.rrule)
        if key in seen:
            continue
        seen.add(key)
        out.append(d)
    return out


def _scan(text: str, doc_date: Date | None, period: Period | None, phrase: bool,
          year_hint: int | None = None) -> list[Deadline]:
    """All deadlines of `text`; `phrase` relaxes the cue rules for a 完成时限 cell."""
    if not isinstance(text, str) or not text:
        return []
    v = _vocab()
    norm = to_halfwidth(text)
    sent = _sentence_ids(norm)
    masked = _masked(norm) if not phrase else bytearray(len(norm))
    cands = [*_calendar_candidates(norm, v, phrase), *_today_candidates(norm, v), *_event_candidates(norm, v),
             *_relative_candidates(norm, v), *_cadence_candidates(norm, v), *_schedule_candidates(norm, v)]
    cands = [c for c in cands if 0 <= c.start < c.end <= len(text) and not any(masked[c.start:c.end])]
    deadlines = _finish_dates(text, _resolve_overlaps(cands), doc_date, period, sent, year_hint)
    for d in deadlines:
        d.text = text[d.start:d.end]
    return _merge_cadences(text, deadlines, sent)


def find_deadlines(text: str, doc_date: Date | None, period: Period | None = None,
                   year_hint: int | None = None) -> list[Deadline]:
    """Every time limit stated in `text` (a task, a paragraph or a whole circular), in text order.

    `doc_date` (成文日期) supplies the year of year-less expressions ("3月10日前") and anchors
    今年/明年; `period` (the plan's span) supplies the year when `doc_date` is unknown, and a
    bare year equal to a one-year plan's own year ("到2021年" in the 2021 work points) is left
    out, since the record does not repeat the plan period. `year_hint` is the year when neither
    is known (the year the document's text points to).
    """
    return _scan(text, doc_date, period, phrase=False, year_hint=year_hint)


def find_in_cell(s: str, doc_date: Date | None, period: Period | None = None,
                 year_hint: int | None = None) -> list[Deadline]:
    """Every limit of a 完成时限 cell, where no cue word is needed ("4月", "2021年3月")."""
    return _scan(s, doc_date, period, phrase=True, year_hint=year_hint)


def parse_deadline_phrase(s: str, doc_date: Date | None, period: Period | None = None) -> Deadline | None:
    """The deadline of one short phrase, e.g. a 完成时限 cell ("2021年6月底前", "每季度末", "年内").

    Cue words are not required here ("2021年3月", "2022年12月31日" are limits in such a
    column). Phrases that set no limit ("长期坚持", "持续推进") give None.
    """
    found = _scan(s, doc_date, period, phrase=True)
    if not found:
        return None
    return max(found, key=lambda d: (d.end - d.start, -d.start))
