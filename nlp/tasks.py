"""Which parts of a circular are tasks (obligation-bearing items), and their text.

A task is normally a numbered leaf item. Not tasks: guiding-ideology / goal sections,
headings whose children carry the work, and enumerations of criteria inside an item
("对有下列情形之一的企业…: 1.近三年…的; 2.…") which belong to the item that holds them.
Obligations in the cover notice that carry their own deadline become `preamble` tasks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ..ingest.metadata import is_date_line, looks_like_org
from ..ingest.model import Document, OutlineItem


@dataclass
class TaskSpan:
    path: list[str]
    title: str
    start: int  # clean-text span of the whole task
    end: int
    item: OutlineItem | None = None
    notes: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def non_task_headings() -> re.Pattern[str]:
    """Headings of sections that describe rather than assign work (data/non_task_headings.txt)."""
    words = [w.strip() for w in resources.files(__package__).joinpath("data/non_task_headings.txt")
             .read_text(encoding="utf-8").splitlines() if w.strip() and not w.startswith("#")]
    return re.compile("^(" + "|".join(map(re.escape, words)) + ")")


ENUM_INTRO = re.compile(r"(下列|以下|如下)[^。]{0,30}[。:]?\s*$|:\s*$")
CRITERION_END = re.compile(r"(的|者|等)[;。]?$|;$")
TAIL_STOP = re.compile(r"^(附件|附表|抄送|抄报|联系人|联系电话|主题词|印发)")


def is_enumeration(item: OutlineItem, text: str) -> bool:
    """Children that list criteria or cases rather than separate pieces of work."""
    if not item.children:
        return False
    own = text[item.start:item.head_end].strip()
    if ENUM_INTRO.search(own):
        return True
    kids = [text[c.start:c.head_end].strip() for c in item.children]
    return all(len(k) <= 60 and CRITERION_END.search(k) for k in kids)


def select_tasks(doc: Document) -> list[TaskSpan]:
    text = doc.clean.text
    tasks: list[TaskSpan] = []
    skip = non_task_headings()

    def visit(item: OutlineItem, excluded: bool) -> None:
        excluded = excluded or bool(skip.match(item.title))
        if item.children and not is_enumeration(item, text):
            for child in item.children:
                visit(child, excluded)
            return
        if excluded:
            return
        end = trim_tail(text, item.start, item.end)
        if end - item.start < 4:
            return
        tasks.append(TaskSpan(list(item.path), item.title, item.start, end, item))

    for top in doc.outline:
        visit(top, False)
    return tasks


def trim_tail(text: str, start: int, end: int) -> int:
    """Cut an item before a signature block, attachment note or date line that follows it."""
    pos = text.find("\n", start)
    while 0 <= pos < end:
        nxt = text.find("\n", pos + 1)
        line_end = end if nxt < 0 or nxt > end else nxt
        line = text[pos + 1:line_end].strip()
        if line and (is_date_line(line) or TAIL_STOP.match(line) or (looks_like_org(line) and len(line) <= 30)):
            return pos
        pos = nxt
    return end
