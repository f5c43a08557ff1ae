"""Roundups of several regions' experience: one practice entry per region section.

A roundup (典型经验汇总, 经验做法) gives each region a heading line of its own — a
province's full or short name (`山西省`, `宁夏`, `广西`) or a city's — followed by its
paragraphs. Each section yields the region's full name, a verbatim quote, the mechanisms
it uses (data/mechanisms.tsv) and the figures it states.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..ingest.regions import Region, gazetteer
from .vocab import DUTY_YAO, finder

MIN_SECTIONS = 3  # fewer region headings than this is not a roundup


@dataclass
class Section:
    region: Region
    start: int  # clean-text span of the section body (after the heading line)
    end: int
    town: str | None = None  # a township of `region` the section is about (雨城区大兴街道)

    def name(self) -> str:
        """The region's full chain (湖南省长沙市), with the township when there is one."""
        return gazetteer().written(gazetteer().chain(self.region)) + (self.town or "")


# A region's heading, as roundups write it: "山西省", "【浙江】", "一、江苏省:…", "(二)广西:…",
# "3.重庆市——…". The name may be followed by a separator and a headline or the section's text.
HEADING = re.compile(r"^(?P<marker>[一二三四五六七八九十]{1,3}、|[((][一二三四五六七八九十\d]{1,3}[))]|\d{1,2}[.、])?\s*"
                     r"[【\[]?(?P<name>[\u4e00-\u9fff]{2,10}?)[】\]]?\s*(?P<sep>[:：]|——|—|--|\s|$)")
# what follows a region name in a body's name or a date line, not a headline
BODY_AFTER = re.compile(r"^(?:省|市)?(?:人民政府|应急管理|安全生产|安委|政府|委员会|党委|\d)")


def region_named(name: str) -> Region | None:
    """A province (full or short name) or a prefecture-level city (full name) called `name`."""
    return _region_names().get(name)


@lru_cache(maxsize=1)
def _region_names() -> dict[str, Region]:
    """region_named's answers: provinces by full and short name, prefecture-level cities by full
    name (a province's name wins)."""
    g = gazetteer()
    out: dict[str, Region] = {}
    for name, regions in g.by_name.items():
        city = next((r for r in regions if r.level == 2), None)
        if city is not None:
            out[name] = city
    for r in reversed(g.provinces):
        out[r.short] = r
        out[r.name] = r
    return out


def region_heading(line: str) -> Region | None:
    """The region a line opens a section for (see `heading_at`)."""
    found = heading_at(line)
    return found[0] if found else None


def heading_at(line: str) -> tuple[Region, int] | None:
    """(region, where the section's own text starts in `line`) when the line opens a region's
    section: a line that is nothing but a region's name, or one that starts with it (after an
    optional outline number) and a separator; what follows the separator is the section's."""
    s = line.strip()
    lead = len(line) - len(line.lstrip())
    if 2 <= len(s) <= 12 and not re.search(r"[,。:;、\d]", s):
        bare = region_named(s.strip("【】[]"))
        if bare is not None:
            return bare, len(line)
    m = HEADING.match(s)
    if not m or not m["sep"] and len(s) > len(m[0]):
        return None
    r = region_named(m["name"])
    if r is None and m["sep"] in (":", "："):
        # a labelled headline names a city by its short name (乌鲁木齐:十二项重点活动…)
        city = region_named(m["name"] + "市")
        r = city if city is not None and city.level == 2 else None
    after = s[m.end("name"):]
    rest = after.lstrip("】] :：—-")
    if r is None or BODY_AFTER.match(rest):
        return None
    return r, (lead + len(s) - len(rest)) if rest else len(line)


def find_sections(text: str, start: int = 0, news: bool = False) -> list[Section]:
    """The region sections of a roundup: headed sections (see `heading_at`), else the
    sentences of a news roundup's paragraph that each open with a region (see `prose_sections`).
    `news`: the page has no addressees and no issuer (a report, not a circular), so sentences
    that open with a region count across paragraphs too (天津's 一、聚焦…: 津南区…。西青区…。 /
    二、…: 静海区…。宝坻区…。)."""
    headed = reported(text, headed_sections(text, start))
    if headed:
        return headed
    best, gathered = _prose(text, start)  # one reading of the sentences for both uses
    best = reported(text, best)
    if best:
        return best
    return reported(text, paragraph_sections(text, start)) or (reported(text, _across(gathered)) if news else []) or \
        (reported(text, listed_sections(text, start)) if news else [])


REPORT_WORDS = 8  # Han characters a region's section needs besides its name to report anything


def reported(text: str, sections: list[Section]) -> list[Section]:
    """`sections`, unless too few of them say anything: a directory of the regions' hotlines
    (太原市政府:(0351)4225078; 大同市政府:…) under a notice's items is no roundup."""
    def says(s: Section) -> bool:
        body = text[s.start:s.end].replace(s.region.name, "").replace(s.region.short, "")
        return len(re.findall(r"[\u4e00-\u9fff]", body)) >= REPORT_WORDS
    return sections if sum(1 for s in sections if says(s)) >= MIN_SECTIONS else []


# a sentence that opens with a region and reports what it did: not one that assigns work
SENTENCE = re.compile(r"[^。!?！？;；\n]+[。!?！？;；]?")
DUTY = re.compile(DUTY_YAO + r"|应当|应(?![急对用])|必须|务必|须|负责(?!人|同志)")  # 应急 is no 应


def region_opening(sentence: str) -> Region | None:
    """The deepest region a sentence opens with, by full names (长沙市…, 岳阳市岳阳楼区…, 湖北省…)."""
    g = gazetteer()
    found: Region | None = None
    pos = 0
    while True:
        hit = g.place_prefix(sentence[pos:])
        if hit is None or hit[0].name != sentence[pos:pos + hit[1]]:
            return found
        region, k = hit
        if found is not None and found not in g.chain(region):
            return found
        found, pos = region, pos + k


def prose_sections(text: str, start: int = 0, across: bool = False) -> list[Section]:
    """A news roundup's paragraph (各地纷纷行动: 长沙市制定…。株洲市开展…。张家界市紧盯…): at least
    MIN_SECTIONS sentences of one paragraph each opening with a different region and reporting
    what it did (no duty word: a circular's 长沙市要… assigns work); each region's section runs
    to the next region's sentence, or to its paragraph's end. `across`: the sentences may lie in
    different paragraphs."""
    best, gathered = _prose(text, start)
    return best or (_across(gathered) if across else [])


def _across(gathered: list[Section]) -> list[Section]:
    return gathered if len({s.region.code for s in gathered}) >= MIN_SECTIONS else []


def _prose(text: str, start: int) -> tuple[list[Section], list[Section]]:
    """(the best paragraph's sections, every region-opened sentence's section) of `prose_sections`."""
    best: list[Section] = []
    gathered: list[Section] = []
    pos = 0
    for line in text.split("\n"):
        if pos >= start:
            opened: list[tuple[Region, int]] = []
            for m in SENTENCE.finditer(line):
                sentence = m.group(0).strip()
                region = region_opening(sentence)
                if region is not None and not DUTY.search(sentence):
                    opened.append((region, pos + m.start() + len(m.group(0)) - len(m.group(0).lstrip())))
            ends = [a for _, a in opened[1:]] + [pos + len(line)]
            found = [Section(r, a, b) for (r, a), b in zip(opened, ends)]
            gathered += found
            if len({r.code for r, _ in opened}) >= MIN_SECTIONS and len(opened) > len(best):
                best = found
        pos += len(line) + 1
    return best, gathered


def paragraph_sections(text: str, start: int = 0) -> list[Section]:
    """A news roundup with a paragraph per region (宝兴县森林防灭火指挥部到…。/ 雨城区大兴街道召开…
    / 天全县小河镇召开…): at least MIN_SECTIONS paragraphs whose opening clause opens with a
    different region and reports (no duty word); each runs to the next one. A region above all
    the others (the headline's 雅安市) is the roundup's own place, not a section."""
    opened: list[tuple[Region, str | None, int]] = []
    pos = 0
    for line in text.split("\n"):
        if pos >= start:
            lead = len(line) - len(line.lstrip())
            clause = OPENING_CLAUSE.match(line.strip())
            region = region_opening(clause.group(0)) if clause else None
            if region is not None and not DUTY.search(clause.group(0)):
                opened.append((region, town_after(clause.group(0), region), pos + lead))
        pos += len(line) + 1
    g = gazetteer()
    opened = [o for o in opened if not any(o[0] is not r and o[0] in g.chain(r) for r, _, _ in opened)]
    if len({(r.code, t) for r, t, _ in opened}) < MIN_SECTIONS or len({g.chain(r)[0].code for r, _, _ in opened}) > 1:
        return []
    ends = [a for _, _, a in opened[1:]] + [len(text)]
    return [Section(r, a, b, t) for (r, t, a), b in zip(opened, ends)]


OPENING_CLAUSE = re.compile(r"[^,，。;；!?！？:：]+")
TOWN_OPENING = re.compile(r"([\u4e00-\u9fff]{1,6}?)(镇|乡|街道)")


def town_after(clause: str, region: Region) -> str | None:
    """天全县小河镇召开…: the township of `region` named right after it (the gazetteer knows it there)."""
    name = region.name
    m = TOWN_OPENING.match(clause, len(name)) if clause.startswith(name) else None
    if m and region.code in (gazetteer().towns.get(m.group(1)) or ()):
        return m.group(0)
    return None


def headed_sections(text: str, start: int = 0) -> list[Section]:
    heads: list[tuple[Region, int, int]] = []
    pos = 0
    for line in text.split("\n"):
        if pos >= start:
            found = heading_at(line)
            if found is not None:
                r, body = found
                heads.append((r, pos, pos + body + (1 if body == len(line) else 0)))
        pos += len(line) + 1
    if len({h[0].code for h in heads}) < MIN_SECTIONS:
        return []
    sections = []
    for i, (r, _, body) in enumerate(heads):
        end = heads[i + 1][1] if i + 1 < len(heads) else len(text)
        sections.append(Section(r, body, end))
    return sections


def mechanisms_of(text: str) -> list[str]:
    return finder("mechanisms.tsv").labels_in(text)


LIST_SEPARATOR = re.compile(r"、|和|及|以及")


def listed_regions(clause: str) -> list[Region]:
    """The provinces (short or full names, a city of one after it: 广西柳州) a national news
    paragraph opens with, listed: 河北、西藏、广西柳州召开新闻发布会… -> 河北省, 西藏自治区, 柳州市."""
    g = gazetteer()
    out: list[Region] = []
    pos = 0
    while True:
        name = next((n for n in (clause[pos:pos + k] for k in (7, 6, 5, 4, 3, 2))
                     if (r := _region_names().get(n)) is not None and r.level == 1), None)
        if name is None:
            return out if out and not BODY_AFTER.match(clause[pos:]) else []
        province = _region_names()[name]
        pos += len(name)
        city = next(((r, k) for k in (4, 3, 2) for r in [_city_of(province, clause[pos:pos + k])] if r), None)
        if city is not None:
            out.append(city[0])
            pos += city[1]
        else:
            out.append(province)
        sep = LIST_SEPARATOR.match(clause, pos)
        if sep is None:
            return out if not BODY_AFTER.match(clause[pos:]) else []
        pos = sep.end()


def _city_of(province: Region, name: str) -> Region | None:
    """The prefecture-level city of `province` written `name` (full or short: 柳州市, 柳州)."""
    g = gazetteer()
    for r in g.by_name.get(name, []) + [r for r in (g.by_short.get(name) or [])]:
        if r.level == 2 and r.parent == province.code:
            return r
    return None


def listed_sections(text: str, start: int = 0) -> list[Section]:
    """A national news roundup (全国各地广泛深入开展"安全生产月"活动): paragraphs each opening with
    one province or a list of them by their short names (北京通过…; 山东、河南开通…; 吉林、安徽、湖南、
    福建、云南线上线下同步开展…) and reporting what they did (no duty word). Every province listed
    has the paragraph as its section; at least MIN_SECTIONS paragraphs and provinces."""
    opened: list[tuple[list[Region], int, int]] = []
    pos = 0
    for line in text.split("\n"):
        if pos >= start and line.strip():
            lead = len(line) - len(line.lstrip())
            clause = OPENING_CLAUSE.match(line.strip())
            regions = listed_regions(clause.group(0)) if clause else []
            if regions and not DUTY.search(clause.group(0)):
                opened.append((regions, pos + lead, pos + len(line)))
        pos += len(line) + 1
    provinces = {gazetteer().chain(r)[0].code for regions, _, _ in opened for r in regions}
    if len(opened) < MIN_SECTIONS or len(provinces) < MIN_SECTIONS:
        return []
    out: list[Section] = []
    seen: set[str] = set()
    for regions, a, b in opened:
        for r in regions:
            if r.code not in seen:
                seen.add(r.code)
                out.append(Section(r, a, b))
    return out
