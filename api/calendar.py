"""Deadline rows as an iCalendar feed a bureau can subscribe to.

A dated limit becomes an all-day event on its date; a cadence becomes a recurring event
(RRULE) starting at the plan period's start (or the document date); a limit relative to an
event ("事故结案后1年内") has no date of its own and is left out of the calendar (it stays in
/deadlines).
"""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar, Event, vRecur

FREQ_RRULE = {"daily": "FREQ=DAILY", "weekly": "FREQ=WEEKLY", "monthly": "FREQ=MONTHLY",
              "quarterly": "FREQ=MONTHLY;INTERVAL=3", "yearly": "FREQ=YEARLY"}


def rrule_of(row: dict) -> str | None:
    return row.get("rrule") or FREQ_RRULE.get(row.get("freq") or "")


def build_calendar(rows: list[dict], name: str = "policykg 任务时限") -> bytes:
    """rows: deadline rows with task_id, title, body names, type, date/freq/rrule, text, document."""
    cal = Calendar()
    cal.add("prodid", "-//policykg//deadlines//ZH")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    for i, row in enumerate(rows):
        start = event_start(row)
        if start is None:
            continue
        ev = Event()
        ev.add("uid", f"{row.get('task_id', 'task')}-{row.get('deadline_id', i)}@policykg")
        ev.add("summary", f"{row.get('title', '')}({row.get('text', '')})")
        ev.add("dtstart", start)
        ev.add("dtend", start + dt.timedelta(days=1))
        ev.add("dtstamp", dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc))
        who = "、".join(row.get("bodies") or [])
        ev.add("description", f"责任单位: {who}\n文件: {row.get('document', '')}\n原文: {row.get('text', '')}")
        rule = rrule_of(row) if row.get("type") == "recurring" else None
        if rule:
            ev.add("rrule", vRecur.from_ical(rule))
        cal.add_component(ev)
    return cal.to_ical()


def event_start(row: dict) -> dt.date | None:
    if row.get("type") == "date" and row.get("date"):
        return dt.date.fromisoformat(row["date"])
    if row.get("type") == "recurring":
        anchor = row.get("period_start") or row.get("doc_date")
        return dt.date.fromisoformat(anchor) if anchor else None
    return None
