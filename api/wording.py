"""A task's time limits as the circular writes them, for every place a user reads them.

Why this module: the exports, the page (through the API) and the CLI each used to word a
deadline their own way — the export turned 每半年 into 每月 (from a mis-read cadence),
wrote 持续推进 where the text said nothing (30 of 34 Yunnan rows) and replaced "3月底前" by
an ISO date, while the page said 未明确. Here a limit is the text as written; the
normalised form only goes beside it (the ISO date, or the cadence in Chinese when the
wording does not already say it). A task with no limit has none: every renderer shows
`messages.no_deadline` (未明确) for an empty list.

Besides the extraction record's deadlines, the task text can state limits the record
leaves out by design (SCHEMA: 每半年, 每旬 have no cadence value; 长期坚持, 汛前 are no
deadline): those written phrases are kept too, as written, so a clerk sees them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .messages import cadence_zh

# characters a cadence's wording contains when it already says the cadence
CADENCE_MARKS = {"daily": "日天", "weekly": "周星", "monthly": "月", "quarterly": "季", "yearly": "年"}
# cadences the record cannot express: a record cadence beside them is a mis-reading, never shown
UNRECORDED_CADENCE = re.compile(r"半年|旬")
# cadences written anywhere in a task: always a statement about time
WRITTEN_CADENCE = re.compile(r"每半年度?|半年一次|每旬|逐旬|一旬一[次报]|每年汛前")
# limits that are a time statement only when they stand as a clause (a table's 完成时限
# cell, "…,长期坚持。"); inside a sentence 持续推进 is a verb ("持续推进专项整治")
TIME_CLAUSE = re.compile(r"(长期坚持|长期开展|长期|持续推进|持续开展|常态化(?:开展|推进)?|立即(?:开展|启动|执行|实施)?"
                         r"|汛前|汛期前|年内完成|长期有效)")
# clause separators, ASCII and full-width, and quotes and brackets (“…”方式 is not a limit's tail)
SEP = r"[,\uff0c\u3002;\uff1b|\n\r()\uff08\uff09:\uff1a\u3001\s\"'\u201c\u201d\u2018\u2019\u300a\u300b\u300c\u300d\u3010\u3011\[\]]"
CLAUSE_SPLIT = re.compile(SEP + "+")
# what may follow a limit in its clause and still belong to its wording: "5.12" + "期间完成演练"
# (a table's 时限要求 cell), "4月底前" + "完成方案", "3月底前" + "报送": a short rest of the
# clause that says what is due by then; "年底" + "对各县" (a new phrase) or a longer rest is
# the task itself
TAIL_START = r"(?:期间|之前|以前|前|内|完成|开展|启动|报送|上报|提交|建成|实现|到位|结束|举行|召开|组织|全部|基本)"
CLAUSE_TAIL = re.compile(TAIL_START + r"(?:(?!" + SEP + r")\D){0,5}(?=$|" + SEP + ")")


@dataclass(frozen=True)
class TimeLimit:
    """One limit: `text` as written; `date` (ISO) for a calendar limit; `cadence` (每季度)
    only when the written text does not already say it."""

    text: str
    date: str | None = None
    cadence: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"text": self.text, "date": self.date, "cadence": self.cadence}

    def label(self) -> str:
        """The wording with what normalisation adds, on one line: 3月底前(2021-03-31)."""
        extra = [x for x in (self.cadence, self.date) if x]
        return self.text + (f"({','.join(extra)})" if extra else "")


def cadence_note(text: str, freq: str | None) -> str | None:
    """The cadence in Chinese when it adds to `text`: 一季一通报 -> 每季度; 每季度末 -> None."""
    name = cadence_zh(freq)
    if not name or UNRECORDED_CADENCE.search(text):
        return None
    return None if any(c in text for c in CADENCE_MARKS.get(freq or "", "")) else name


def written_phrases(task_text: str) -> list[tuple[int, str]]:
    """(position, phrase) of limits the task text states that records never hold."""
    found = [(m.start(), m.group()) for m in WRITTEN_CADENCE.finditer(task_text)]
    pos = 0
    for clause in CLAUSE_SPLIT.split(task_text):
        at = task_text.find(clause, pos) if clause else -1
        if clause and TIME_CLAUSE.fullmatch(clause):
            found.append((at, clause))
        if at >= 0:
            pos = at + len(clause)
    return sorted(found)


def time_limits(deadlines: list[dict[str, Any]] | None, task_text: str = "",
                phrases: bool = True) -> list[TimeLimit]:
    """The task's limits in the order the text gives them, each once.

    `deadlines` are extraction-record deadlines (`text`, `type`, `date`, `freq`, and the
    graph's `start` offset when known); `task_text` is the task's cleaned text, which
    completes a limit's clause and, with `phrases`, is searched for the written phrases
    records leave out."""
    task_text = task_text or ""
    placed: list[tuple[float, TimeLimit]] = []
    for i, d in enumerate(deadlines or []):
        text = (d.get("text") or "").strip()
        date = d.get("date") if d.get("type") == "date" else None
        cadence = cadence_note(text, d.get("freq")) if d.get("type") == "recurring" else None
        if not text:
            text = date or cadence_zh(d.get("freq")) or ""
            cadence = None
        if not text:
            continue
        at = task_text.find(text) if task_text else -1
        if at >= 0:
            tail = CLAUSE_TAIL.match(task_text, at + len(text))
            text = text + tail.group() if tail else text
        # where the text does not hold it (a table cell read apart), the offset orders it
        where = at if at >= 0 else 1e9 + (d.get("start") if isinstance(d.get("start"), int) else i)
        placed.append((where, TimeLimit(text, date, cadence)))
    for at, phrase in written_phrases(task_text) if phrases else []:
        if not any(phrase in lim.text for _, lim in placed):
            placed.append((at, TimeLimit(phrase)))
    out: list[TimeLimit] = []
    for _, lim in sorted(placed, key=lambda p: p[0]):
        if lim not in out:
            out.append(lim)
    return out
