"""Obligations outside the numbered outline: the cover notice and the introduction.

A cover notice usually only says "印发给你们,请认真贯彻落实" — no task. When a paragraph
there sets a calendar limit ("请各地…于2019年6月20日前…报送…", "此次专项行动至2023年底
结束"), it is an obligation of its own and becomes a task with path ["preamble"].
"""

from __future__ import annotations

import datetime as dt

from ..ingest.metadata import is_date_line, looks_like_org
from ..ingest.model import Document
from .deadlines import find_deadlines
from .tasks import TaskSpan


def preamble_tasks(doc: Document, sections: list) -> list[TaskSpan]:
    text = doc.clean.text
    end = doc.outline[0].start if doc.outline else len(text)
    if sections:
        end = min(end, sections[0].start)
    base = dt.date.fromisoformat(doc.meta.date) if doc.meta.date else None
    out: list[TaskSpan] = []
    pos = 0
    for line in text[:end].split("\n"):
        start, pos = pos, pos + len(line) + 1
        s = line.strip()
        if len(s) < 15 or is_date_line(s) or looks_like_org(s) or s == doc.meta.title:
            continue
        dated = [d for d in find_deadlines(s, base) if d.type == "date"]
        if dated:
            out.append(TaskSpan(["preamble"], first_sentence(s), start, start + len(line)))
    return out


def first_sentence(s: str) -> str:
    i = s.find("。")
    return s[:i] if i > 0 else s
