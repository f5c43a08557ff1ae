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


def region_heading(line: str) -> Region | None:
    """The region a heading line names, when the line is nothing but a region name."""
    s = line.strip()
    if not 2 <= len(s) <= 12 or re.search(r"[,。:;、\d]", s):
        return None
    g = gazetteer()
    for r in g.provinces:
        if s in (r.name, r.short):
            return r
    for regions in (g.by_name.get(s) or []), :
        for r in regions:
            if r.level == 2:
                return r
    return None


def find_sections(text: str, start: int = 0) -> list[Section]:
    heads: list[tuple[Region, int, int]] = []
    pos = 0
    for line in text.split("\n"):
        if pos >= start:
            r = region_heading(line)
            if r is not None:
                heads.append((r, pos, pos + len(line) + 1))
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
