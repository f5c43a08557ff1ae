"""Roundups of several regions' experience: one practice entry per region section.

A roundup (典型经验汇总, 经验做法) gives each region a heading line of its own — a
province's full or short name (`山西省`, `宁夏`, `广西`) or a city's — followed by its
paragraphs. Each section yields the region's full name, a verbatim quote, the mechanisms
it uses (data/mechanisms.tsv) and the figures it states.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..ingest.model import Document
from ..ingest.regions import Region, gazetteer
from .vocab import finder

MIN_SECTIONS = 3  # fewer region headings than this is not a roundup


@dataclass
class Section:
    region: Region
    start: int  # clean-text span of the section body (after the heading line)
    end: int


# A region's heading, as roundups write it: "山西省", "【浙江】", "一、江苏省:…", "(二)广西:…",
# "3.重庆市——…". The name may be followed by a separator and a headline or the section's text.
HEADING = re.compile(r"^(?P<marker>[一二三四五六七八九十]{1,3}、|[((][一二三四五六七八九十\d]{1,3}[))]|\d{1,2}[.、])?\s*"
                     r"[【\[]?(?P<name>[\u4e00-\u9fff]{2,10}?)[】\]]?\s*(?P<sep>[:：]|——|—|--|\s|$)")
# what follows a region name in a body's name or a date line, not a headline
BODY_AFTER = re.compile(r"^(?:省|市)?(?:人民政府|应急管理|安全生产|安委|政府|委员会|党委|\d)")


def region_named(name: str) -> Region | None:
    """A province (full or short name) or a prefecture-level city (full name) called `name`."""
    g = gazetteer()
    for r in g.provinces:
        if name in (r.name, r.short):
            return r
    for r in g.by_name.get(name) or []:
        if r.level == 2:
            return r
    return None


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
    after = s[m.end("name"):]
    rest = after.lstrip("】] :：—-")
    if r is None or BODY_AFTER.match(rest):
        return None
    return r, (lead + len(s) - len(rest)) if rest else len(line)


def find_sections(text: str, start: int = 0) -> list[Section]:
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


def is_roundup(doc: Document) -> bool:
    return bool(find_sections(doc.clean.text, doc.body_start))
