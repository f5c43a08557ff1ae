"""Obligations outside the numbered outline: the cover notice, the introduction, the close.

A cover notice usually only says "印发给你们,请认真贯彻落实" — no task. When a paragraph
there sets a calendar limit ("请各地…于2019年6月20日前…报送…", "此次专项行动至2023年底
结束"), it is an obligation of its own and becomes a task with path ["preamble"]. So does a
closing request after the last numbered item ("请各地于2月10日前将工作总结报送…"), which the
outline would otherwise leave inside that item.
"""

from __future__ import annotations

import datetime as dt
import re

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


CLOSING_REQUEST = re.compile(r"^请(?:各|你|全|有关|相关|省|市|县|区|州)")


def split_closing_request(doc: Document, spans: list[TaskSpan]) -> list[TaskSpan]:
    """Cut a dated closing request (a paragraph starting 请各…) off the last numbered item."""
    if not spans or spans[-1].path == ["preamble"] or spans[-1].columns:
        return spans
    last = spans[-1]
    text = doc.clean.text
    base = dt.date.fromisoformat(doc.meta.date) if doc.meta.date else None
    pos = text.find("\n", last.start)
    while 0 <= pos < last.end:
        line_start = pos + 1
        nxt = text.find("\n", line_start)
        line_end = last.end if nxt < 0 or nxt > last.end else nxt
        line = text[line_start:line_end].strip()
        if CLOSING_REQUEST.match(line) and any(d.type == "date" for d in find_deadlines(line, base)):
            head = TaskSpan(last.path, last.title, last.start, pos, last.item)
            return spans[:-1] + [head, TaskSpan(["preamble"], first_sentence(line), line_start, last.end)]
        pos = nxt
    return spans


def first_sentence(s: str) -> str:
    i = s.find("。")
    return s[:i] if i > 0 else s
