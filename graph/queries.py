"""The read queries behind the API, as parameterised Cypher shared by both stores.

Filters are composed from constant fragments chosen by which filters are set; values only
ever travel as parameters, so no user input becomes Cypher text. Each function returns
plain rows; grouping into the API's shapes happens in `policykg.api.service`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Callable

from . import paging, sortkeys
from .store import GraphStore

DEADLINE_FIELDS = "{.id, .type, .date, .duration, .anchor, .freq, .rrule, .text, .start, .end}"
FAR_FUTURE = sortkeys.FAR_FUTURE


@dataclass
class Filters:
    """The /obligations filters. `None` means "not filtered"."""

    body: str | None = None
    role: str | None = None
    explicit: bool | None = None
    sector: str | None = None
    region: str | None = None
    due_after: str | None = None  # ISO dates
    due_before: str | None = None
    status: str | None = None  # overdue | due_within | recurring | none
    as_of: str | None = None
    within_days: int = 30
    document: str | None = None
    q: str | None = None
    q_forms: list[str] | None = None  # a text in any of its written forms (危化品, 危险化学品)
    task_ids: list[str] | None = None  # restrict to these tasks (semantic search)
    doc_ids: list[str] | None = None  # `document` resolved to ids (see `resolve_document`)

    def params(self) -> dict[str, Any]:
        p = {k: v for k, v in vars(self).items() if v is not None}
        as_of = dt.date.fromisoformat(self.as_of) if self.as_of else dt.date.today()
        p["as_of"] = as_of.isoformat()
        # a window running past the calendar's end (9999-12-31) ends there
        days = min(self.within_days, (dt.date.max - as_of).days)
        p["within_end"] = (as_of + dt.timedelta(days=days)).isoformat()
        return p

    def params_with_flags(self) -> dict[str, Any]:
        p = self.params()
        if self.explicit is not None:
            p["explicit_flag"] = "true" if self.explicit else "false"
        return p

    def active(self) -> set[str]:
        """Names of the filters that are set (as_of and within_days only qualify `status`)."""
        return {k for k, v in vars(self).items() if v is not None and k not in ("as_of", "within_days", "doc_ids")}


# filter name -> condition over the task `t` alone (the document's fields are on it too)
TASK_CONDITIONS: dict[str, str] = {
    "sector": "$sector IN t.sectors",
    "region": "$region IN t.regions",
    "document": "t.doc_id IN $doc_ids",
    "q": "(t.text CONTAINS $q OR t.title CONTAINS $q)",
    "q_forms": "any(f IN $q_forms WHERE t.text CONTAINS f OR t.title CONTAINS f)",
    "task_ids": "t.id IN $task_ids",
    "due_after": "any(x IN t.due_dates WHERE x >= $due_after)",
    "due_before": "any(x IN t.due_dates WHERE x <= $due_before)",
}
WINDOW = "any(x IN t.due_dates WHERE x >= $due_after AND x <= $due_before)"
STATUS_CONDITIONS: dict[str, str] = {
    "overdue": "any(x IN t.due_dates WHERE x < $as_of)",
    "due_within": "any(x IN t.due_dates WHERE x >= $as_of AND x <= $within_end)",
    "recurring": "'recurring' IN t.deadline_types",
    "none": "size(t.deadline_types) = 0",
}
BODY_CONDITIONS: dict[str, str] = {
    "body": "(b.name CONTAINS $body OR any(a IN b.aliases WHERE a CONTAINS $body))",
    "role": "r.role = $role",
    "explicit": "r.explicit = $explicit",
}

# the same filters over the `actors` maps bound by the deadline query
ACTOR_CONDITIONS: dict[str, str] = {
    "body": "(a.name CONTAINS $body OR any(al IN a.aliases WHERE al CONTAINS $body))",
    "role": "a.role = $role",
    "explicit": "a.explicit = $explicit",
}

# the row after which a keyset page starts (`cursor`): its task's sort_str, then the body
OBLIGATION_AFTER = ("(t.sort_str > $c_sort OR (t.sort_str = $c_sort AND (b.name > $c_name OR (b.name = $c_name"
                    " AND (b.key > $c_key OR (b.key = $c_key AND r.role > $c_role))))))")
KEY_RANGE = "t.sort_key >= $lo AND t.sort_key < $hi"


# task-level stand-ins for the role and explicitness filters of the RESPONSIBLE_FOR edge: a
# superset of the tasks, held in list properties the store indexes (graph/records.py)
TASK_STAND_INS: dict[str, str] = {
    "role": "$role IN t.roles",
    "explicit": "$explicit_flag IN t.explicit_flags",
}


def task_conditions(f: Filters) -> list[str]:
    conds = [c for name, c in TASK_CONDITIONS.items() if getattr(f, name) is not None
             and not (name in ("due_after", "due_before") and f.due_after and f.due_before)]
    conds += [c for name, c in TASK_STAND_INS.items() if getattr(f, name) is not None]
    if f.due_after and f.due_before:
        conds.append(WINDOW)
    if f.status:
        conds.append(STATUS_CONDITIONS[f.status])
    return conds


def body_conditions(f: Filters) -> list[str]:
    return [c for name, c in BODY_CONDITIONS.items() if getattr(f, name) is not None]


def where(conds: list[str]) -> str:
    return ("WHERE " + " AND ".join(conds)) if conds else ""


def task_key_range(f: Filters) -> tuple[int, int]:
    """The range of task sort keys (earliest deadline first) the filters leave: a deadline
    filter that every row must meet bounds the task's earliest date."""
    as_of, end = f.params()["as_of"], f.params()["within_end"]
    lo, hi = sortkeys.task_key_range(None, None)
    bounds: list[tuple[int, int]] = []
    if f.due_before:
        bounds.append(sortkeys.task_key_range(None, f.due_before))
    if f.due_after:  # some date on or after it: the task has a date
        bounds.append(sortkeys.task_key_range(None, sortkeys.DATED_MAX))
    if f.status == "overdue":
        bounds.append(sortkeys.task_key_range(None, as_of))  # the day itself too: clamped dates tie
    elif f.status == "due_within":
        bounds.append(sortkeys.task_key_range(None, end))
    elif f.status == "none":
        bounds.append(sortkeys.task_key_range(sortkeys.FAR_FUTURE, None))
    for a, b in bounds:
        lo, hi = max(lo, a), min(hi, b)
    return lo, hi


# Obligations are (body, task) rows; the task carries the sort keys and most filters, so
# the scan is over the Task sort_key index and bodies are expanded per task.
def _obligation_match(f: Filters, after: bool, body_first: bool) -> str:
    tconds = task_conditions(f)
    bconds = body_conditions(f) + ([OBLIGATION_AFTER] if after else [])
    if body_first:
        # few duties match the body: start from the bodies (a scan of Body nodes) instead
        return ("MATCH (b:Body) " + where([BODY_CONDITIONS["body"]]) + "\n"
                "MATCH (b)-[r:RESPONSIBLE_FOR]->(t:Task)\n"
                + where([KEY_RANGE] + tconds + [c for c in bconds if c != BODY_CONDITIONS["body"]]))
    return (f"MATCH (t:Task) {where([KEY_RANGE] + tconds)}\n"
            f"MATCH (b:Body)-[r:RESPONSIBLE_FOR]->(t) {where(bconds)}")


# Comprehensions name no label where the relationship type implies it (DUE ends at a
# Deadline, REPORTS_TO at a Body, RESPONSIBLE_FOR starts at one): FalkorDB would check it
# per neighbour (≈ 5 ms of a 500-row deadline page at 10,000 documents).
OBLIGATION_PAGE_RETURN = """
WITH b, r, t, t.sort_key AS k, t.sort_str AS s, b.name AS bn, b.key AS bk, r.role AS rr
ORDER BY k, s, bn, bk, rr SKIP $skip LIMIT $limit
MATCH (d:Document)-[:HAS_TASK]->(t)
RETURN b.key AS body_id, b.name AS body, b.kind AS body_kind, r.role AS role, r.explicit AS explicit,
       r.start AS actor_start, r.end AS actor_end,
       t.id AS task_id, substring(t.id, size(t.doc_id) + 1) AS local_id, t.path AS path, t.title AS title, t.quote AS evidence,
       t.start AS start, t.end AS end, t.sectors AS sectors, t.due_dates[0] AS due,
       [(t)-[:DUE]->(x) | x {.id, .type, .date, .duration, .anchor, .freq, .rrule, .text, .start, .end}] AS deadlines,
       [(t)-[:REPORTS_TO]->(rb) | rb.name] AS recipients,
       d.id AS document_id, d.title AS document_title, d.doc_number AS doc_number, d.date AS document_date,
       d.province AS province, d.locality AS locality, t.order AS task_order, k AS sort_key, s AS sort_str
ORDER BY sort_key, sort_str, body, body_id, role
"""


def obligation_queries(f: Filters, after: bool = False, body_first: bool = False) -> tuple[str, str, str]:
    """The (probe, page, capped count) statements for these filters (see `graph/paging.py`)."""
    match = _obligation_match(f, after, body_first)
    if row_probe(f, after, body_first):
        probe = match + "\nWITH t LIMIT $m\nRETURN t.sort_key AS k, 1 AS n, t.id AS id"
    else:  # every task that passes is at least one row: sample tasks, not (body, task) rows
        probe = (f"MATCH (t:Task) {where([KEY_RANGE] + task_conditions(f) + ['t.actor_count > 0'])}\n"
                 "WITH t LIMIT $m\nRETURN t.sort_key AS k, t.actor_count AS n, t.id AS id")
    count = _obligation_match(f, False, body_first) + "\nWITH r LIMIT $cap\nRETURN count(r) AS total"
    return probe, match + OBLIGATION_PAGE_RETURN, count


def obligation_page_of_tasks(f: Filters, after: bool = False) -> str:
    """The page statement over tasks already known to pass the task filters (`$ids`, from a
    complete probe: graph/paging.py): found by their unique key instead of scanning their
    key range again, which a sparse filter (a text, a region and a sector) fills with many
    tasks that do not pass (7,838 tasks read for 104 matches of q=事故调查 at 10k documents)."""
    bconds = body_conditions(f) + ([OBLIGATION_AFTER] if after else [])
    # the key range first: it is what rejects most tasks cheaply while a restart still builds
    # the indexes (then the id index is used); `WITH t` keeps a body filter from anchoring
    # the match on the bodies (92,500 duties of 应急管理局 expanded, then filtered by id)
    return (f"MATCH (t:Task) WHERE {KEY_RANGE} AND t.id IN $ids\nWITH t\n"
            f"MATCH (b:Body)-[r:RESPONSIBLE_FOR]->(t) {where(bconds)}" + OBLIGATION_PAGE_RETURN)


IDS_PROBE_MAX = 2000  # a task_ids filter up to this many ids is looked up id by id


def probes_by_id(f: Filters, after: bool, body_first: bool) -> bool:
    """Whether the passing tasks are found by looking their ids up (a `task_ids` filter of at
    most IDS_PROBE_MAX ids: a text filter's candidates, a search's hits) instead of scanning
    the key range: the range scan reads tasks until a page is full, which for a sparse set
    reads the whole graph (issue 13: a text no task holds, 77 ms at 10,000 documents)."""
    return f.task_ids is not None and len(f.task_ids) <= IDS_PROBE_MAX and not row_probe(f, after, body_first)


def tasks_by_id_probe(f: Filters) -> str:
    """Every passing task of `$task_ids` in [$lo, $hi) with its key and row count: a complete
    probe (`paging.Narrowed.complete`), found through the unique id index one id at a time."""
    conds = [KEY_RANGE] + [c for c in task_conditions(f) if c != TASK_CONDITIONS["task_ids"]] + ["t.actor_count > 0"]
    return ("UNWIND $task_ids AS tid\nMATCH (t:Task {id: tid})\n" + where(conds) +
            "\nRETURN t.sort_key AS k, t.actor_count AS n, t.id AS id")


def row_probe(f: Filters, after: bool, body_first: bool) -> bool:
    """Whether the probe must sample (body, task) rows: a filter only the row can tell (the
    body's name, the cursor's position among a task's bodies). Role and explicitness have
    their task-level stand-ins, and every task with an actor is at least one row."""
    return f.body is not None or after or body_first


COUNT_CAP = 1000  # a total beyond this many rows that no aggregate answers is reported as "at least"
BODY_FIRST_MAX = 2000  # start from the bodies when they hold at most this many duties


@dataclass
class Page:
    rows: list[dict[str, Any]]
    total: int
    total_exact: bool
    next_cursor: dict[str, Any] | None = None


def obligation_cursor(row: dict[str, Any]) -> dict[str, Any]:
    return {"c_sort": row["sort_str"], "c_name": row["body"], "c_key": row["body_id"], "c_role": row["role"]}


def resolve_document(store: GraphStore, document: str) -> list[str]:
    """Ids of the documents a `document` filter names (its id or its file name)."""
    return [r["id"] for r in store.read(DOCUMENT_IDS, {"document": document})]


def obligations(store: GraphStore, f: Filters, limit: int = 50, offset: int = 0,
                cursor: dict[str, Any] | None = None) -> tuple[list[dict], int]:
    """Who / role / what / by when rows, sorted by earliest deadline, with the total."""
    p = obligations_page(store, f, limit, offset, cursor)
    return p.rows, p.total


def obligations_page(store: GraphStore, f: Filters, limit: int = 50, offset: int = 0,
                     cursor: dict[str, Any] | None = None, holders: HolderSource | None = None) -> Page:
    """One page of obligations (after `cursor`, a previous page's `next_cursor`, else from
    `offset`), the total (exact, or at least COUNT_CAP when no aggregate answers), and the
    cursor of the next page. `holders`: where the tasks that may pass a text filter are found
    in key order (the search index, `api.search.SearchIndex.first_holding`)."""
    if f.document is not None and f.doc_ids is None:
        f.doc_ids = resolve_document(store, f.document)
    params = f.params_with_flags()
    lo, hi = task_key_range(f)
    if cursor:
        params.update({k: v for k, v in cursor.items() if k != "c_sort_key"})
        lo = max(lo, int(cursor["c_sort_key"]))
    body_first = False
    if f.body is not None:
        duties = store.read(BODY_DUTY_SUM, {"body": f.body})[0]["n"] or 0
        body_first = duties <= BODY_FIRST_MAX
    probe, query, count = obligation_queries(f, after=cursor is not None, body_first=body_first)
    narrowed = None
    if body_first:  # the bodies' duties are few: sort them all
        rows = store.read(query, {**params, "lo": lo, "hi": hi, "skip": offset, "limit": limit})
    elif holders is not None and not row_probe(f, cursor is not None, body_first) and f.role is None \
            and f.explicit is None and lo < hi and limit > 0:  # (a task's row count is of every role)
        return _page_of_holders(store, f, params, lo, hi, limit, offset, holders)
    elif lo < hi and limit > 0:
        if probes_by_id(f, cursor is not None, body_first):
            first = store.read(tasks_by_id_probe(f), {**params, "lo": lo, "hi": hi})
            narrowed = paging.Narrowed(lo, hi, 1, first, len(first) + 1, first)
        else:
            narrowed = paging.narrow(store.read, probe, params, lo, hi, offset + limit)
        page_params = {**params, "lo": narrowed.lo, "hi": narrowed.hi, "skip": offset, "limit": limit}
        if narrowed.complete:  # every passing task of the range is known: fetch those only
            ids = list(dict.fromkeys(r["id"] for r in paging.first_needed(narrowed.last or [], offset + limit)))
            rows = store.read(obligation_page_of_tasks(f, after=cursor is not None), {**page_params, "ids": ids})
        else:
            rows = store.read(query, page_params)
    else:
        rows = []
    total, exact = obligation_total(store, f)
    if total is None:
        total, exact = _counted_total(store, f, rows, limit, offset, cursor, narrowed, count, body_first)
    nxt = None
    if len(rows) == limit:
        nxt = {**obligation_cursor(rows[-1]), "c_sort_key": rows[-1]["sort_key"]}
    return Page(rows, total, exact, nxt)


# (lo, hi, want) -> the first tasks of [lo, hi) that may pass, in key order (`.ids`, `.keys`),
# complete below the key `.bound`
HolderSource = Callable[[int, int, int], Any]


def _page_of_holders(store: GraphStore, f: Filters, params: dict[str, Any], lo: int, hi: int,
                     limit: int, offset: int, holders: HolderSource) -> Page:
    """A page of a text filter from its holders in key order: the first ones are checked by
    the store (`CONTAINS` and the other task filters, by id), more only while the page is not
    full, so the cost follows the page, not how many tasks hold the text (issue 13: the
    sampled key ranges grew 2.1x from 10,000 to 30,000 documents). The total is exact when
    every holder was checked, else a lower bound."""
    need = offset + limit
    known: list[dict[str, Any]] = []
    # tasks hold a few rows each (a body a row): a quarter of the rows needed is asked for
    # first, then as many as the rows per task seen so far say are missing
    start, want, asked = lo, max(16, need // 4), 0
    while True:
        found = holders(start, hi, want)
        asked += len(found.ids)
        if found.ids:
            known += store.read(tasks_by_id_probe(f), {**params, "lo": start, "hi": hi, "task_ids": found.ids})
        have = sum(int(r["n"]) for r in known)
        if found.bound >= hi or have >= need:
            break
        per_task = max(have / asked, 0.25) if asked else 1.0
        start, want = found.bound, max(16, int((need - have) / per_task * 1.25) + 1)
    complete = found.bound >= hi
    b = hi if complete else found.bound
    ids = list(dict.fromkeys(r["id"] for r in paging.first_needed(known, need)))
    rows = store.read(obligation_page_of_tasks(f), {**params, "lo": lo, "hi": b, "skip": offset, "limit": limit,
                                                    "ids": ids}) if ids else []
    total, exact = obligation_total(store, f)
    if total is None:
        total, exact = sum(int(r["n"]) for r in known), complete  # every row of the tasks checked
    nxt = {**obligation_cursor(rows[-1]), "c_sort_key": rows[-1]["sort_key"]} if len(rows) == limit else None
    return Page(rows, total, exact, nxt)


def _counted_total(store: GraphStore, f: Filters, rows: list[dict], limit: int, offset: int,
                   cursor: dict[str, Any] | None, narrowed: paging.Narrowed | None, count: str,
                   body_first: bool) -> tuple[int, bool]:
    """The total when no aggregate answers: from the page itself or the narrowing's first
    probe when they saw everything; else a count capped at COUNT_CAP when that is cheap;
    else the first probe's size as a lower bound (total_exact false)."""
    if not cursor and len(rows) < limit and (rows or offset == 0):
        return offset + len(rows), True  # the list ended on this page
    complete = narrowed is not None and len(narrowed.first) < narrowed.sample
    if narrowed is not None and not complete:
        return narrowed.sample, False  # at least this many rows (after the cursor, if any)
    if complete and not cursor and not row_probe(f, False, body_first) and f.role is None and f.explicit is None:
        return sum(int(r["n"]) for r in narrowed.first), True  # every task sampled, with its rows
    if complete and not cursor and row_probe(f, False, body_first):
        return len(narrowed.first), True
    n = store.read(count, {**f.params_with_flags(), "lo": task_key_range(f)[0], "hi": task_key_range(f)[1],
                           "cap": COUNT_CAP})[0]["total"]
    return n, n < COUNT_CAP


def _stat(store: GraphStore, key: str) -> int:
    rows = store.read(STAT, {"key": key})
    return int(rows[0]["n"]) if rows else 0


def obligation_total(store: GraphStore, f: Filters) -> tuple[int | None, bool]:
    """The total from the aggregates (graph/stats.py) when they answer these filters."""
    active = f.active()
    if not active:
        return _stat(store, "ob"), True
    if active == {"role"}:
        return _stat(store, f"ob|role|{f.role}"), True
    if active == {"explicit"}:
        return _stat(store, f"ob|explicit|{'true' if f.explicit else 'false'}"), True
    if active == {"sector"}:
        return _stat(store, f"ob|sector|{f.sector}"), True
    if active == {"region"}:
        return _stat(store, f"ob|region|{f.region}"), True
    if active == {"region", "sector"}:
        return _stat(store, f"ob|rs|{f.region}|{f.sector}"), True
    if active == {"document"}:
        rows = store.read(DOCUMENT_OBLIGATIONS, {"ids": f.doc_ids or []})
        return int(rows[0]["n"] or 0), True
    if active == {"status"} and f.status in ("none", "recurring"):
        return _stat(store, f"ob|{f.status}"), True
    if active == {"status"} and f.status == "overdue":
        return int(store.read(DUE_BEFORE, {"before": f.params()["as_of"]})[0]["n"] or 0), True
    if active == {"due_before"}:
        return int(store.read(DUE_UNTIL, {"until": f.due_before})[0]["n"] or 0), True
    return None, False


STAT = "MATCH (c:Stat {key: $key}) RETURN c.n AS n"
DUE_BEFORE = "MATCH (c:Stat {kind: 'due'}) WHERE c.a < $before RETURN sum(c.n) AS n"
DUE_UNTIL = "MATCH (c:Stat {kind: 'due'}) WHERE c.a <= $until RETURN sum(c.n) AS n"
DOCUMENT_OBLIGATIONS = "MATCH (d:Document) WHERE d.id IN $ids RETURN sum(d.obligation_count) AS n"
DOCUMENT_IDS = "MATCH (d:Document) WHERE d.id = $document OR d.name = $document RETURN d.id AS id"
BODY_DUTY_SUM = """
MATCH (b:Body) WHERE b.name CONTAINS $body OR any(a IN b.aliases WHERE a CONTAINS $body)
RETURN sum(b.duties) AS n
"""


def deadlines(store: GraphStore, f: Filters, limit: int = 500) -> list[dict]:
    """Deadline rows (one per stated limit) with their task, bodies and document, by date."""
    if f.document is not None and f.doc_ids is None:
        f.doc_ids = resolve_document(store, f.document)
    probe, query = deadline_queries(f)
    lo, hi = deadline_key_range(f)
    return paging.page(store.read, probe, query, f.params_with_flags(), lo, hi, limit)


def deadline_key_range(f: Filters) -> tuple[int, int]:
    p = f.params()
    lo, hi = sortkeys.deadline_key_range(None, None)
    bounds = [sortkeys.deadline_key_range(f.due_after, f.due_before)]
    if f.status == "overdue":
        bounds.append(sortkeys.deadline_key_range(None, p["as_of"]))
    elif f.status == "due_within":
        bounds.append(sortkeys.deadline_key_range(p["as_of"], p["within_end"]))
    for a, b in bounds:
        lo, hi = max(lo, a), min(hi, b)
    return lo, hi


def deadline_queries(f: Filters) -> tuple[str, str]:
    """The (probe, page) statements of the deadline list (see `graph/paging.py`)."""
    conds = task_conditions(f)
    # the window and status apply to the deadline itself here, not to any of the task's dates
    conds = [c for c in conds if "t.due_dates" not in c and "t.deadline_types" not in c]
    xconds = ["x.sort_key >= $lo", "x.sort_key < $hi"]
    if f.due_after:
        xconds.append("x.date >= $due_after")
    if f.due_before:
        xconds.append("x.date <= $due_before")
    xconds += {"overdue": ["x.date < $as_of"], "due_within": ["x.date >= $as_of", "x.date <= $within_end"],
               "recurring": ["x.type = 'recurring'"], "none": ["false"]}.get(f.status or "", [])
    actor_conds = [c for name, c in ACTOR_CONDITIONS.items() if getattr(f, name) is not None]
    if not conds and not actor_conds:
        # nothing to ask of the task: sample, sort and page the deadlines alone, then visit
        # the page's tasks and documents only
        probe = f"MATCH (x:Deadline) {where(xconds)}\nWITH x LIMIT $m\nRETURN x.sort_key AS k"
        page = (f"MATCH (x:Deadline) {where(xconds)}\nWITH x, x.sort_key AS k, x.sort_str AS s "
                f"ORDER BY k, s SKIP $skip LIMIT $limit\nMATCH (t:Task)-[:DUE]->(x)\n" + DEADLINE_RETURN)
        return probe, page
    match = f"MATCH (x:Deadline) {where(xconds)}\nMATCH (t:Task)-[:DUE]->(x) {where(conds)}\n"
    if actor_conds:  # FalkorDB cannot filter on a pattern comprehension, so bind it first
        match += ("WITH x, t, [(t)<-[rr:RESPONSIBLE_FOR]-(bb:Body) | {name: bb.name, aliases: bb.aliases, "
                  "role: rr.role, explicit: rr.explicit}] AS actors\n"
                  "WHERE any(a IN actors WHERE " + " AND ".join(actor_conds) + ")\n")
    probe = match + "WITH x LIMIT $m\nRETURN x.sort_key AS k"
    page = match + "WITH x, t, x.sort_key AS k, x.sort_str AS s ORDER BY k, s SKIP $skip LIMIT $limit\n" + DEADLINE_RETURN
    return probe, page


# The row carries what its wording needs (api/wording.time_limits: the limit and the rest of its
# clause in the task's text, `text_after`, cut at a separator — split, not substring: FalkorDB's
# substring counts bytes and cut a character in two) and the task's report recipients, so the page
# is one read: fetching 500 tasks' whole texts for that was a second read as long as the page's
# own. A limit its task writes twice (`limit_twice`: the rest would end at the second) is read apart.
DEADLINE_RETURN = """MATCH (d:Document)-[:HAS_TASK]->(t)
RETURN x.id AS deadline_id, x.type AS type, x.date AS date, x.duration AS duration, x.anchor AS anchor,
       x.freq AS freq, x.rrule AS rrule, x.text AS text, x.start AS start, x.end AS end,
       t.id AS task_id, t.title AS title, t.path AS path,
       x.text <> '' AND size(split(t.text, x.text)) > 2 AS limit_twice,
       CASE WHEN x.text IS NULL OR x.text = '' THEN null
            ELSE split(split(split(split(split(split(t.text, x.text)[1], '，')[0], ',')[0], '。')[0], '；')[0], ';')[0]
            END AS text_after,
       CASE WHEN coalesce(t.recipient_count, 1) > 0
            THEN [(t)-[rr:REPORTS_TO]->(rb) | {name: rb.name, start: rr.start}] ELSE [] END AS recipients,
       [(t)<-[ra:RESPONSIBLE_FOR]-(ba) | ba.name] AS bodies,
       d.id AS document_id, d.title AS document_title, d.date AS doc_date, d.period_start AS period_start,
       d.province AS province, d.locality AS locality, k AS sort_key, s AS sort_str
ORDER BY sort_key, sort_str
"""


def deadline_query(f: Filters) -> str:
    """The page statement of the deadline list (kept for callers that lint it)."""
    return deadline_queries(f)[1]


# Bodies by their duty counts, which every document write keeps on the Body (graph/stats.py).
BODIES = """
MATCH (b:Body)
WHERE $q IS NULL OR b.name CONTAINS $q OR any(a IN b.aliases WHERE a CONTAINS $q)
WITH b, coalesce(b.duties, 0) AS duties, b.name AS name
ORDER BY duties DESC, name LIMIT $limit
RETURN b.key AS id, name, b.kind AS kind, b.region AS region, b.aliases AS aliases,
       duties, coalesce(b.lead, 0) AS lead, coalesce(b.participant, 0) AS participant,
       coalesce(b.responsible, 0) AS responsible
ORDER BY duties DESC, name
"""

BODY = """
MATCH (b:Body {key: $id})
RETURN b.key AS id, b.name AS name, b.kind AS kind, b.region AS region, b.aliases AS aliases,
       coalesce(b.duties, 0) AS duties, coalesce(b.lead, 0) AS lead, coalesce(b.participant, 0) AS participant,
       coalesce(b.responsible, 0) AS responsible
"""

# A body's duties, newest document first, one page (counts come from the Body).
BODY_DUTIES = f"""
MATCH (b:Body {{key: $id}})-[r:RESPONSIBLE_FOR]->(t:Task)
WITH r, t, substring(t.sort_str, size(split(t.sort_str, '|')[0]) + 1) AS s ORDER BY s LIMIT $limit
MATCH (d:Document)-[:HAS_TASK]->(t)
RETURN r.role AS role, r.explicit AS explicit, t.id AS task_id, t.path AS path, t.title AS title,
       t.quote AS evidence, t.start AS start, t.end AS end, t.sectors AS sectors,
       [(t)-[:DUE]->(x:Deadline) | x {DEADLINE_FIELDS}] AS deadlines,
       d.id AS document_id, d.title AS document_title, d.date AS document_date, s AS doc_str
ORDER BY doc_str
"""

BODY_RECEIVES = """
MATCH (t:Task)-[:REPORTS_TO]->(b:Body {key: $id})
WITH t, t.doc_id AS did, t.order AS o ORDER BY did, o LIMIT $limit
MATCH (d:Document)-[:HAS_TASK]->(t)
RETURN t.id AS task_id, t.title AS title, t.quote AS evidence,
       [(t)<-[r:RESPONSIBLE_FOR]-(s:Body) | s.name] AS senders,
       [(t)-[:DUE]->(x:Deadline) | x {.type, .date, .duration, .freq, .text}] AS deadlines,
       d.id AS document_id, d.title AS document_title, did, o
ORDER BY did, o
"""

BODY_ISSUED = """
MATCH (b:Body {key: $id})-[:ISSUED]->(d:Document)
WITH d, d.sort_str AS s ORDER BY s LIMIT $limit
RETURN d.id AS document_id, d.title AS document_title, d.date AS document_date, s ORDER BY s
"""

# Documents, newest first: keyset pages over Document.sort_key (graph/paging.py).
DOCUMENTS_MATCH = "MATCH (d:Document) WHERE d.sort_key >= $lo AND d.sort_key < $hi"
DOCUMENTS_PROBE = DOCUMENTS_MATCH + " WITH d LIMIT $m RETURN d.sort_key AS k"
DOCUMENTS = DOCUMENTS_MATCH + """
WITH d, d.sort_key AS k, d.sort_str AS s ORDER BY k, s SKIP $skip LIMIT $limit
RETURN d.id AS id, d.name AS name, d.title AS title, d.doc_number AS doc_number, d.date AS date,
       d.province AS province, d.locality AS locality, d.issuers AS issuers, d.task_count AS tasks, k, s
ORDER BY k, s
"""

DOCUMENT_COUNT = "MATCH (d:Document) RETURN count(d) AS total"

DOCUMENT = """
MATCH (d:Document {id: $id})
RETURN d {.id, .name, .title, .doc_number, .date, .province, .locality, .period_start, .period_end,
          .issuers, .addressees, .regions, .source_path, .format, .encoding, .script, .ingested_at} AS doc,
       [(d)-[:CITES]->(c:Citation) | c.title] AS citations,
       CASE WHEN $with_text THEN d.original_text_z ELSE null END AS original_text_z
"""

# Each pattern comprehension has its own variable names: FalkorDB 4.16 binds a name reused
# across comprehensions of one RETURN to the first one's match (recipients and targets came
# back empty, sector marks without offsets).
DOCUMENT_TASKS = f"""
MATCH (t:Task {{doc_id: $id}})
WITH t, t.order AS o ORDER BY o
RETURN t {{.id, local_id: substring(t.id, size(t.doc_id) + 1), .path, .title, .text, .quote, .start, .end,
          .sectors, .order}} AS task,
       [(t)<-[r:RESPONSIBLE_FOR]-(b:Body) | {{name: b.name, body_id: b.key, role: r.role, explicit: r.explicit,
                                               start: r.start, end: r.end}}] AS actors,
       [(t)-[rr:REPORTS_TO]->(rb:Body) | {{name: rb.name, body_id: rb.key, start: rr.start, end: rr.end}}] AS recipients,
       [(t)-[:DUE]->(dl:Deadline) | dl {DEADLINE_FIELDS}] AS deadlines,
       [(t)-[rs:IN_SECTOR]->(s:Sector) | {{name: s.name, start: rs.start, end: rs.end}}] AS sector_marks,
       [(t)-[:HAS_TARGET]->(tg:Target) | tg {{.id, .text, .value, .unit, .start, .end}}] AS targets, o
ORDER BY o
"""

DOCUMENT_SECTIONS = """
MATCH (s:Section {doc_id: $id})
RETURN s.id AS id, s.path AS path, s.title AS title, s.order AS order ORDER BY order
"""

DOCUMENT_PRACTICES = """
MATCH (p:Practice {doc_id: $id})
WITH p, p.order AS o ORDER BY o
RETURN p {.id, .region, .quote, .mechanisms, .start, .end, .order} AS practice,
       [(p)-[:HAS_TARGET]->(f:Target) | f {.text, .value, .unit}] AS figures, o
ORDER BY o
"""

# The matrices are aggregates every document write keeps (graph/stats.py): reading them costs
# the number of cells, not the number of tasks.
# Region x sector: tasks of documents in a region (a province by default), per sector.
SECTOR_MATRIX_BY_PROVINCE = """
MATCH (c:Stat {kind: 'sp'}) WHERE c.n > 0
RETURN c.a AS region, c.b AS column, c.n AS n, c.ex AS examples
"""
SECTOR_MATRIX_FOR_REGIONS = """
MATCH (c:Stat {kind: 'sr'}) WHERE c.a IN $regions AND c.n > 0
RETURN c.a AS region, c.b AS column, c.n AS n, c.ex AS examples
"""
# Region x mechanism: the practices of roundups (one per region and roundup); evidence is
# the practices' quotes, looked up by id.
MECHANISM_MATRIX = """
MATCH (c:Stat {kind: 'mm'}) WHERE (size($regions) = 0 OR c.a IN $regions) AND c.n > 0
RETURN c.a AS region, c.b AS column, c.n AS n, c.ex AS examples
"""
PRACTICE_QUOTES = "MATCH (p:Practice) WHERE p.id IN $ids RETURN p.id AS id, p.quote AS quote"

# Regions that have documents (provinces) or roundup practices, from the aggregates.
REGIONS_WITH_DATA = """
MATCH (c:Stat) WHERE c.kind IN ['province', 'practice_region'] AND c.n > 0
RETURN DISTINCT c.a AS r
"""

TASKS_BY_ID = f"""
MATCH (t:Task) WHERE t.id IN $ids
MATCH (d:Document)-[:HAS_TASK]->(t)
RETURN t.id AS task_id, t.title AS title, t.text AS text, t.quote AS evidence, t.path AS path,
       t.sectors AS sectors, t.start AS start, t.end AS end, d.region AS region_key,
       [(t)<-[r:RESPONSIBLE_FOR]-(b:Body) | {{name: b.name, role: r.role, explicit: r.explicit}}] AS actors,
       [(t)-[:DUE]->(x:Deadline) | x {DEADLINE_FIELDS}] AS deadlines,
       d.id AS document_id, d.title AS document_title, d.province AS province, d.locality AS locality,
       d.regions AS regions
"""

TOPIC_TASKS = """
MATCH (t:Task)
WHERE $region IN t.regions AND (t.title CONTAINS $topic OR t.text CONTAINS $topic)
WITH t, substring(t.sort_str, size(split(t.sort_str, '|')[0]) + 1) AS s ORDER BY s LIMIT $limit
MATCH (d:Document)-[:HAS_TASK]->(t)
RETURN t.id AS task_id, t.title AS title, t.quote AS evidence, d.id AS document_id, d.title AS document_title, s
ORDER BY s
"""

TOPIC_PRACTICES = """
MATCH (p:Practice)
WHERE p.region = $region AND p.quote CONTAINS $topic
MATCH (d:Document)-[:HAS_PRACTICE]->(p)
WITH p, d, d.sort_str AS s ORDER BY s LIMIT $limit
RETURN p.id AS practice_id, p.quote AS title, p.quote AS evidence, d.id AS document_id, d.title AS document_title, s
ORDER BY s
"""

REGIONS = """
MATCH (g:Region)
RETURN g.key AS key, g.name AS name, g.level AS level,
       [(g)-[:IN_REGION]->(p:Region) | p.key][0] AS parent
ORDER BY g.key
"""

# The search index reads every task through the sort_key index (every task has a key: `graph/records.py`),
# not a label scan: on a FalkorDB graph of 30,000 documents, after deletes, compaction and reloads, a
# label scan reading properties failed ("Attempted to access undefined attribute") while index-backed
# reads answered (bench/README.md); the index's reads must not depend on it
TASK_TEXTS = """
MATCH (t:Task) WHERE t.sort_key >= 0
RETURN t.id AS id, t.title AS title, t.text AS text, t.regions AS regions, t.sort_key AS sort_key
"""

TASK_COUNT = "MATCH (t:Task) RETURN count(t) AS n"

TASK_IDS = "MATCH (t:Task) WHERE t.sort_key >= 0 RETURN t.id AS id"

# the tasks of the documents written at or after $since (an ISO time, as `ingested_at` is kept)
TASK_TEXTS_SINCE = """
MATCH (d:Document) WHERE d.sort_key >= 0 AND d.ingested_at >= $since
MATCH (d)-[:HAS_TASK]->(t:Task)
RETURN t.id AS id, t.title AS title, t.text AS text, t.regions AS regions, t.sort_key AS sort_key
"""

TASK_TEXTS_OF = """
MATCH (t:Task) WHERE t.id IN $ids
RETURN t.id AS id, t.title AS title, t.text AS text, t.regions AS regions, t.sort_key AS sort_key
"""


def matrix(rows: list[dict], regions: list[str] | None = None) -> dict[str, Any]:
    """Rows of (region, column, n, examples) as a region x column matrix with evidence."""
    regs = regions or sorted({r["region"] for r in rows if r["region"]})
    cols = sorted({r["column"] for r in rows})
    cell = {(r["region"], r["column"]): r for r in rows}
    return {
        "regions": regs,
        "columns": cols,
        "counts": [[cell.get((g, c), {}).get("n", 0) for c in cols] for g in regs],
        "evidence": [[cell.get((g, c), {}).get("examples", []) for c in cols] for g in regs],
    }


def all_statements() -> list[str]:
    """Every statement text this module can send (for the Neo4j linter test): each filter
    fragment is exercised once by building queries with all filters set."""
    full = Filters(body="x", role="lead", explicit=True, sector="x", region="x", due_after="2020-01-01",
                   due_before="2020-12-31", status="overdue", document="x", q="x", q_forms=["x", "y"], task_ids=["x"])
    texts = [BODIES, BODY, BODY_DUTIES, BODY_RECEIVES, BODY_ISSUED, DOCUMENTS, DOCUMENTS_PROBE, DOCUMENT_COUNT,
             DOCUMENT, DOCUMENT_TASKS, DOCUMENT_SECTIONS, DOCUMENT_PRACTICES, SECTOR_MATRIX_BY_PROVINCE,
             SECTOR_MATRIX_FOR_REGIONS, MECHANISM_MATRIX, PRACTICE_QUOTES, REGIONS_WITH_DATA, TASKS_BY_ID,
             TOPIC_TASKS, TOPIC_PRACTICES, REGIONS, TASK_TEXTS, TASK_COUNT, TASK_IDS, TASK_TEXTS_OF, TASK_TEXTS_SINCE, STAT, DUE_BEFORE, DUE_UNTIL,
             DOCUMENT_OBLIGATIONS, DOCUMENT_IDS, BODY_DUTY_SUM]
    for status in STATUS_CONDITIONS:
        full.status = status
        for after in (False, True):
            for body_first in (False, True):
                texts.extend(obligation_queries(full, after, body_first))
            texts.append(obligation_page_of_tasks(full, after))
        texts.append(tasks_by_id_probe(full))
        texts.extend(deadline_queries(full))
    texts.extend(obligation_queries(Filters()))
    texts.append(obligation_page_of_tasks(Filters()))
    texts.extend(deadline_queries(Filters()))
    return texts
