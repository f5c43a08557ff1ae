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
    columns: dict[str, str] = field(default_factory=dict)  # a table row: column kind -> cell text
    cells: dict[str, tuple[int, int]] = field(default_factory=dict)  # column kind -> clean-text span of its cell


# Column kinds of a 任务分工 table, by header wording (data: common headers of 任务分工方案).
COLUMN_KINDS = [
    ("number", re.compile(r"^(序号|编号)$")),
    ("task", re.compile(r"(重点任务|工作任务|主要任务|具体任务|任务内容|工作内容|工作措施|任务|措施|事项)")),
    ("lead", re.compile(r"(牵头单位|牵头部门|主办单位|责任领导)")),
    ("participant", re.compile(r"(配合单位|配合部门|协办单位|参与单位)")),
    ("responsible", re.compile(r"(责任单位|责任部门|实施单位|承办单位)")),
    ("deadline", re.compile(r"(完成时限|完成时间|时间节点|时限要求|进度安排|时限)")),
]
CELL_SPLIT = re.compile(r"\t+|\s*\|\s*")


def column_kind(header: str) -> str | None:
    for kind, rx in COLUMN_KINDS:
        if rx.search(header.strip()):
            return kind
    return None


def split_cells(line: str) -> list[tuple[str, int, int]]:
    """The cells of one table line, stripped, each with its span in the line.

    Why spans: a row's task text is built from its cells, and evidence found in a cell must
    map back to where that cell stands in the original file.
    """
    body = line.strip()
    lead = len(line) - len(line.lstrip())
    inner = body.strip("|")
    lead += len(body) - len(body.lstrip("|"))
    cells: list[tuple[str, int, int]] = []
    pos = 0
    for m in [*CELL_SPLIT.finditer(inner), None]:
        end = m.start() if m else len(inner)
        raw = inner[pos:end]
        a = pos + len(raw) - len(raw.lstrip())
        cell = raw.strip()
        cells.append((cell, lead + a, lead + a + len(cell)))
        if m:
            pos = m.end()
    return cells


def table_tasks(text: str, start: int = 0) -> list[TaskSpan]:
    """Rows of 任务分工 tables (cells separated by tabs or `|`, one row a line)."""
    out: list[TaskSpan] = []
    kinds: list[str | None] | None = None
    pos = start
    for line in text[start:].split("\n"):
        line_start, pos = pos, pos + len(line) + 1
        spans = split_cells(line)
        cells = [c for c, _, _ in spans]
        if len(cells) < 3:
            kinds = None
            continue
        header = [column_kind(c) for c in cells]
        if "task" in header and ({"lead", "responsible", "participant", "deadline"} & set(header)):
            kinds = header
            continue
        if kinds is None or len(cells) != len(kinds):
            continue
        row = {k: c for k, c in zip(kinds, cells) if k}
        where = {k: (line_start + a, line_start + b) for k, (_, a, b) in zip(kinds, spans) if k}
        if not row.get("task"):
            continue
        number = row.get("number") or str(len(out) + 1)
        out.append(TaskSpan([number], re.split(r"[。;]", row["task"])[0], line_start, line_start + len(line),
                            columns=row, cells=where))
    return out


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
    rows = table_tasks(text, doc.body_start)
    if rows:  # a table's rows are the tasks; outline items overlapping a row are its headings
        tasks = [t for t in tasks if not any(t.start <= r.start < t.end for r in rows)] + rows
        tasks.sort(key=lambda t: t.start)
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
