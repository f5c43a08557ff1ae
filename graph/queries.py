"""The read queries behind the API, as parameterised Cypher shared by both stores.

Filters are composed from constant fragments chosen by which filters are set; values only
ever travel as parameters, so no user input becomes Cypher text. Each function returns
plain rows; grouping into the API's shapes happens in `policykg.api.service`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .store import GraphStore

DEADLINE_FIELDS = "{.id, .type, .date, .duration, .anchor, .freq, .rrule, .text, .start, .end}"
FAR_FUTURE = "9999-12-31"


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
    task_ids: list[str] | None = None  # restrict to these tasks (semantic search)

    def params(self) -> dict[str, Any]:
        p = {k: v for k, v in vars(self).items() if v is not None}
        as_of = dt.date.fromisoformat(self.as_of) if self.as_of else dt.date.today()
        p["as_of"] = as_of.isoformat()
        # a window running past the calendar's end (9999-12-31) ends there
        days = min(self.within_days, (dt.date.max - as_of).days)
        p["within_end"] = (as_of + dt.timedelta(days=days)).isoformat()
        return p


# filter name -> condition over (b: Body, r: RESPONSIBLE_FOR, t: Task, d: Document)
TASK_CONDITIONS: dict[str, str] = {
    "sector": "$sector IN t.sectors",
    "region": "$region IN d.regions",
    "document": "(d.id = $document OR d.name = $document)",
    "q": "(t.text CONTAINS $q OR t.title CONTAINS $q)",
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


def task_conditions(f: Filters) -> list[str]:
    conds = [c for name, c in TASK_CONDITIONS.items() if getattr(f, name) is not None
             and not (name in ("due_after", "due_before") and f.due_after and f.due_before)]
    if f.due_after and f.due_before:
        conds.append(WINDOW)
    if f.status:
        conds.append(STATUS_CONDITIONS[f.status])
    return conds


def body_conditions(f: Filters) -> list[str]:
    return [c for name, c in BODY_CONDITIONS.items() if getattr(f, name) is not None]


def where(conds: list[str]) -> str:
    return ("WHERE " + " AND ".join(conds)) if conds else ""


OBLIGATION_MATCH = "MATCH (b:Body)-[r:RESPONSIBLE_FOR]->(t:Task)<-[:HAS_TASK]-(d:Document)"
ORDER_KEYS = f"coalesce(t.due, '{FAR_FUTURE}'), d.date DESC, d.id, t.order, b.name"
# Page first, then look up deadlines and recipients for the page's rows only.
OBLIGATION_RETURN = f"""
WITH b, r, t, d ORDER BY {ORDER_KEYS} SKIP $offset LIMIT $limit
RETURN b.key AS body_id, b.name AS body, b.kind AS body_kind, r.role AS role, r.explicit AS explicit,
       r.start AS actor_start, r.end AS actor_end,
       t.id AS task_id, t.local_id AS local_id, t.path AS path, t.title AS title, t.quote AS evidence,
       t.start AS start, t.end AS end, t.sectors AS sectors, t.due AS due,
       [(t)-[:DUE]->(x:Deadline) | x {DEADLINE_FIELDS}] AS deadlines,
       [(t)-[:REPORTS_TO]->(rb:Body) | rb.name] AS recipients,
       d.id AS document_id, d.title AS document_title, d.doc_number AS doc_number, d.date AS document_date,
       d.province AS province, d.locality AS locality, t.order AS task_order
ORDER BY coalesce(due, '{FAR_FUTURE}'), document_date DESC, document_id, task_order, body
"""


def obligation_queries(f: Filters) -> tuple[str, str]:
    """The (count, rows) statements for these filters."""
    clause = f"{OBLIGATION_MATCH}\n{where(task_conditions(f) + body_conditions(f))}"
    # FalkorDB 4.16 miscounts `RETURN count(*)` straight after a multi-hop MATCH (it returned
    # 33 for 131 rows); the WITH barrier makes it count the rows (tests/test_graph_queries.py).
    return clause + "\nWITH r RETURN count(*) AS total", clause + OBLIGATION_RETURN


def obligations(store: GraphStore, f: Filters, limit: int = 50, offset: int = 0) -> tuple[list[dict], int]:
    """Who / role / what / by when rows, sorted by earliest deadline, with the total."""
    count_q, rows_q = obligation_queries(f)
    params = f.params()
    total = store.read(count_q, params)[0]["total"]
    rows = store.read(rows_q, {**params, "limit": limit, "offset": offset})
    return rows, total


def deadlines(store: GraphStore, f: Filters, limit: int = 500) -> list[dict]:
    """Deadline rows (one per stated limit) with their task, bodies and document."""
    return store.read(deadline_query(f), {**f.params(), "limit": limit})


def deadline_query(f: Filters) -> str:
    conds = task_conditions(f)
    # the window and status apply to the deadline itself here, not to any of the task's dates
    conds = [c for c in conds if "t.due_dates" not in c and "t.deadline_types" not in c]
    if f.due_after:
        conds.append("x.date >= $due_after")
    if f.due_before:
        conds.append("x.date <= $due_before")
    conds += {"overdue": ["x.date < $as_of"], "due_within": ["x.date >= $as_of", "x.date <= $within_end"],
              "recurring": ["x.type = 'recurring'"], "none": ["false"]}.get(f.status or "", [])
    actor_conds = [c for name, c in ACTOR_CONDITIONS.items() if getattr(f, name) is not None]
    if actor_conds:  # FalkorDB cannot filter on a pattern comprehension, so bind it first
        conds.append("any(a IN actors WHERE " + " AND ".join(actor_conds) + ")")
    query = f"""
MATCH (d:Document)-[:HAS_TASK]->(t:Task)-[:DUE]->(x:Deadline)
WITH d, t, x, [(t)<-[rr:RESPONSIBLE_FOR]-(bb:Body) | {{name: bb.name, aliases: bb.aliases, role: rr.role,
                                                        explicit: rr.explicit}}] AS actors
{where(conds)}
RETURN x.id AS deadline_id, x.type AS type, x.date AS date, x.duration AS duration, x.anchor AS anchor,
       x.freq AS freq, x.rrule AS rrule, x.text AS text, x.start AS start, x.end AS end,
       t.id AS task_id, t.title AS title, t.path AS path,
       [a IN actors | a.name] AS bodies,
       d.id AS document_id, d.title AS document_title, d.date AS doc_date, d.period_start AS period_start,
       d.province AS province, d.locality AS locality
ORDER BY coalesce(x.date, '{FAR_FUTURE}'), d.id, t.order
LIMIT $limit
"""
    return query


BODIES = """
MATCH (b:Body)
WHERE $q IS NULL OR b.name CONTAINS $q OR any(a IN b.aliases WHERE a CONTAINS $q)
OPTIONAL MATCH (b)-[r:RESPONSIBLE_FOR]->(:Task)
WITH b, count(r) AS duties,
     sum(CASE WHEN r.role = 'lead' THEN 1 ELSE 0 END) AS lead,
     sum(CASE WHEN r.role = 'participant' THEN 1 ELSE 0 END) AS participant,
     sum(CASE WHEN r.role = 'responsible' THEN 1 ELSE 0 END) AS responsible
RETURN b.key AS id, b.name AS name, b.kind AS kind, b.region AS region, b.aliases AS aliases,
       duties, lead, participant, responsible
ORDER BY duties DESC, name
LIMIT $limit
"""

BODY = "MATCH (b:Body {key: $id}) RETURN b.key AS id, b.name AS name, b.kind AS kind, b.region AS region, b.aliases AS aliases"

BODY_DUTIES = f"""
MATCH (b:Body {{key: $id}})-[r:RESPONSIBLE_FOR]->(t:Task)<-[:HAS_TASK]-(d:Document)
RETURN r.role AS role, r.explicit AS explicit, t.id AS task_id, t.path AS path, t.title AS title,
       t.quote AS evidence, t.start AS start, t.end AS end, t.sectors AS sectors,
       [(t)-[:DUE]->(x:Deadline) | x {DEADLINE_FIELDS}] AS deadlines,
       d.id AS document_id, d.title AS document_title, d.date AS document_date
ORDER BY d.date DESC, d.id, t.order
"""

BODY_RECEIVES = """
MATCH (t:Task)-[:REPORTS_TO]->(b:Body {key: $id}), (d:Document)-[:HAS_TASK]->(t)
RETURN t.id AS task_id, t.title AS title, t.quote AS evidence,
       [(t)<-[r:RESPONSIBLE_FOR]-(s:Body) | s.name] AS senders,
       [(t)-[:DUE]->(x:Deadline) | x {.type, .date, .duration, .freq, .text}] AS deadlines,
       d.id AS document_id, d.title AS document_title
ORDER BY d.id, t.order
"""

BODY_ISSUED = """
MATCH (b:Body {key: $id})-[:ISSUED]->(d:Document)
RETURN d.id AS document_id, d.title AS document_title, d.date AS document_date ORDER BY d.date DESC
"""

DOCUMENTS = """
MATCH (d:Document)
RETURN d.id AS id, d.name AS name, d.title AS title, d.doc_number AS doc_number, d.date AS date,
       d.province AS province, d.locality AS locality, d.issuers AS issuers, d.task_count AS tasks
ORDER BY d.date DESC, d.id
SKIP $offset LIMIT $limit
"""

DOCUMENT_COUNT = "MATCH (d:Document) RETURN count(d) AS total"

DOCUMENT = """
MATCH (d:Document {id: $id})
RETURN d {.id, .name, .title, .doc_number, .date, .province, .locality, .period_start, .period_end,
          .issuers, .addressees, .regions, .source_path, .format, .encoding, .script, .ingested_at} AS doc,
       [(d)-[:CITES]->(c:Citation) | c.title] AS citations,
       CASE WHEN $with_text THEN d.original_text ELSE null END AS original_text
"""

# Each pattern comprehension has its own variable names: FalkorDB 4.16 binds a name reused
# across comprehensions of one RETURN to the first one's match (recipients and targets came
# back empty, sector marks without offsets).
DOCUMENT_TASKS = f"""
MATCH (d:Document {{id: $id}})-[:HAS_TASK]->(t:Task)
RETURN t {{.id, .local_id, .path, .title, .text, .quote, .start, .end, .sectors, .order}} AS task,
       [(t)<-[r:RESPONSIBLE_FOR]-(b:Body) | {{name: b.name, body_id: b.key, role: r.role, explicit: r.explicit,
                                               start: r.start, end: r.end}}] AS actors,
       [(t)-[rr:REPORTS_TO]->(rb:Body) | {{name: rb.name, body_id: rb.key, start: rr.start, end: rr.end}}] AS recipients,
       [(t)-[:DUE]->(dl:Deadline) | dl {DEADLINE_FIELDS}] AS deadlines,
       [(t)-[rs:IN_SECTOR]->(s:Sector) | {{name: s.name, start: rs.start, end: rs.end}}] AS sector_marks,
       [(t)-[:HAS_TARGET]->(tg:Target) | tg {{.id, .text, .value, .unit, .start, .end}}] AS targets
ORDER BY t.order
"""

DOCUMENT_SECTIONS = """
MATCH (s:Section {doc_id: $id})
RETURN s.id AS id, s.path AS path, s.title AS title, s.order AS order ORDER BY s.order
"""

DOCUMENT_PRACTICES = """
MATCH (d:Document {id: $id})-[:HAS_PRACTICE]->(p:Practice)
RETURN p {.id, .region, .quote, .mechanisms, .start, .end, .order} AS practice,
       [(p)-[:HAS_TARGET]->(f:Target) | f {.text, .value, .unit}] AS figures
ORDER BY p.order
"""

# Region x sector: tasks of documents in a region (a province by default), per sector.
SECTOR_MATRIX_BY_PROVINCE = """
MATCH (d:Document)-[:HAS_TASK]->(t:Task)-[:IN_SECTOR]->(s:Sector)
WHERE d.province IS NOT NULL
RETURN d.province AS region, s.name AS column, count(DISTINCT t) AS n, collect(DISTINCT t.id)[0..3] AS examples
"""
SECTOR_MATRIX_FOR_REGIONS = """
UNWIND $regions AS region
MATCH (d:Document)-[:HAS_TASK]->(t:Task)-[:IN_SECTOR]->(s:Sector)
WHERE region IN d.regions
RETURN region, s.name AS column, count(DISTINCT t) AS n, collect(DISTINCT t.id)[0..3] AS examples
"""
# Region x mechanism: the practices of roundups (one per region and roundup).
MECHANISM_MATRIX = """
MATCH (p:Practice)-[:USES]->(m:Mechanism)
WHERE size($regions) = 0 OR p.region IN $regions
RETURN p.region AS region, m.name AS column, count(DISTINCT p) AS n, collect(DISTINCT p.quote)[0..2] AS examples
"""

TASKS_BY_ID = f"""
MATCH (d:Document)-[:HAS_TASK]->(t:Task) WHERE t.id IN $ids
RETURN t.id AS task_id, t.title AS title, t.text AS text, t.quote AS evidence, t.path AS path,
       t.sectors AS sectors, t.start AS start, t.end AS end, t.region AS region_key,
       [(t)<-[r:RESPONSIBLE_FOR]-(b:Body) | {{name: b.name, role: r.role, explicit: r.explicit}}] AS actors,
       [(t)-[:DUE]->(x:Deadline) | x {DEADLINE_FIELDS}] AS deadlines,
       d.id AS document_id, d.title AS document_title, d.province AS province, d.locality AS locality,
       d.regions AS regions
"""

TOPIC_TASKS = """
MATCH (d:Document)-[:HAS_TASK]->(t:Task)
WHERE (t.title CONTAINS $topic OR t.text CONTAINS $topic) AND $region IN d.regions
RETURN t.id AS task_id, t.title AS title, t.quote AS evidence, d.id AS document_id, d.title AS document_title
ORDER BY d.date DESC, t.order LIMIT $limit
"""

TOPIC_PRACTICES = """
MATCH (d:Document)-[:HAS_PRACTICE]->(p:Practice)
WHERE p.region = $region AND p.text CONTAINS $topic
RETURN p.id AS practice_id, p.quote AS title, p.quote AS evidence, d.id AS document_id, d.title AS document_title
ORDER BY d.date DESC LIMIT $limit
"""

REGIONS = """
MATCH (g:Region)
RETURN g.key AS key, g.name AS name, g.level AS level,
       [(g)-[:IN_REGION]->(p:Region) | p.key][0] AS parent
ORDER BY g.key
"""

TASK_TEXTS = """
MATCH (d:Document)-[:HAS_TASK]->(t:Task)
RETURN t.id AS id, t.title AS title, t.text AS text, d.province AS province, d.regions AS regions
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
                   due_before="2020-12-31", status="overdue", document="x", q="x", task_ids=["x"])
    texts = [BODIES, BODY, BODY_DUTIES, BODY_RECEIVES, BODY_ISSUED, DOCUMENTS, DOCUMENT_COUNT, DOCUMENT,
             DOCUMENT_TASKS, DOCUMENT_SECTIONS, DOCUMENT_PRACTICES, SECTOR_MATRIX_BY_PROVINCE,
             SECTOR_MATRIX_FOR_REGIONS, MECHANISM_MATRIX, TASKS_BY_ID, TOPIC_TASKS, TOPIC_PRACTICES, REGIONS,
             TASK_TEXTS]

    for status in STATUS_CONDITIONS:
        full.status = status
        texts.extend(obligation_queries(full))
        texts.append(deadline_query(full))
    return texts
