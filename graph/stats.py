"""Precomputed aggregates: what one document adds to the counts the API shows.

Why: counting obligations, or a region x sector matrix, over the whole graph costs the
whole graph (572 ms for the matrices at 10,000 documents). Instead each document write adds
its contribution to small `Stat` nodes (`key`, `n`, `kind`, `a`, `b`, examples `ex`) and to
its bodies' duty counts, and the document keeps what it added (`stat_pack`, `body_pack`;
documents written before them: `stat_keys`/`stat_vals`, `body_keys`/`body_vals`) so that
replacing or deleting it subtracts exactly that — all in
the same statement as the write itself (`cypher.write_batch_statement`), so a reader never
sees counts that disagree with the graph.

Stat keys (kind in brackets; `a`/`b` are its two coordinates):
- `ob` [total]: obligations (RESPONSIBLE_FOR rows); `ob|role|lead` [role, a=role];
  `ob|explicit|true` [explicit]; `ob|sector|S` [sector]; `ob|region|R` [region] for every
  region name of the document's chain; `ob|rs|R|S` [region_sector];
  `ob|due|YYYY-MM-DD` [due, a=date] by the task's earliest date; `ob|nodue` [nodue]
  (no date); `ob|none` [none] (no deadline of any kind); `ob|recurring` [recurring]
- `docs` [docs], `prov|P` [province]: documents; `preg|R` [practice_region]: practices
- `sp|P|S` [sp]: tasks of province P in sector S; `sr|R|S` [sr]: the same per region name
  of the chain (what /compare?regions= asks); `mm|R|M` [mm]: roundup practices of region R
  using mechanism M. Their `ex` lists up to 3 task / practice ids as evidence.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

ROLES = ("lead", "participant", "responsible")
EXAMPLES = 3  # evidence ids kept per matrix cell


def _kind(key: str) -> tuple[str, str | None, str | None]:
    """(kind, a, b) of a Stat key (see the module docstring)."""
    parts = key.split("|")
    head = parts[0]
    if head == "ob":
        if len(parts) == 1:
            return "total", None, None
        sub = parts[1]
        if sub == "rs":
            return "region_sector", parts[2], parts[3]
        if sub in ("nodue", "recurring", "none"):
            return sub, None, None
        return sub, parts[2], None  # role, explicit, sector, region, due
    if head in ("sp", "sr", "mm"):
        return head, parts[1], parts[2]
    if head == "prov":
        return "province", parts[1], None
    if head == "preg":
        return "practice_region", parts[1], None
    return head, None, None


def stat_row(key: str, n: int, ex: list[str] | None = None) -> dict[str, Any]:
    kind, a, b = _kind(key)
    return {"key": key, "kind": kind, "a": a, "b": b, "n": n, "ex": list(ex or [])}


def contributions(p: Any) -> tuple[Counter, dict[str, list[str]], dict[str, list[int]]]:
    """What the document of `p` (a `records.WriteParams`) adds: Stat counts, Stat examples,
    and per-body duty counts [lead, participant, responsible]."""
    doc = p.doc["props"]
    regions = list(dict.fromkeys(doc.get("regions") or []))
    province = doc.get("province")
    counts: Counter = Counter({"docs": 1})
    examples: dict[str, list[str]] = defaultdict(list)
    if province:
        counts[f"prov|{province}"] += 1
    tasks = {t["id"]: t["props"] for t in p.tasks}
    per_task = Counter(r["task"] for r in p.responsible)
    bodies: dict[str, list[int]] = {}
    for r in p.responsible:
        t = tasks[r["task"]]
        role = r["role"] if r["role"] in ROLES else "responsible"
        bodies.setdefault(r["body"], [0, 0, 0])[ROLES.index(role)] += 1
        counts["ob"] += 1
        counts[f"ob|role|{r['role']}"] += 1
        counts[f"ob|explicit|{'true' if r['explicit'] else 'false'}"] += 1
    for tid, t in tasks.items():
        n = per_task.get(tid, 0)
        sectors = list(dict.fromkeys(t.get("sectors") or []))
        for s in sectors:
            if n:
                counts[f"ob|sector|{s}"] += n
            if province:
                _cell(counts, examples, f"sp|{province}|{s}", tid)
            for g in regions:
                _cell(counts, examples, f"sr|{g}|{s}", tid)
        if not n:
            continue
        for g in regions:
            counts[f"ob|region|{g}"] += n
            for s in sectors:
                counts[f"ob|rs|{g}|{s}"] += n
        due = (t.get("due_dates") or [None])[0]  # the earliest date
        counts[f"ob|due|{due}" if due else "ob|nodue"] += n
        if "recurring" in (t.get("deadline_types") or []):
            counts["ob|recurring"] += n
        if not t.get("deadline_types"):
            counts["ob|none"] += n  # no deadline of any kind (status=none)
    for x in p.practices:
        region = x["props"].get("region")
        if not region:
            continue
        counts[f"preg|{region}"] += 1
        for m in dict.fromkeys(x["props"].get("mechanisms") or []):
            _cell(counts, examples, f"mm|{region}|{m}", x["id"])
    return counts, dict(examples), bodies


def _cell(counts: Counter, examples: dict[str, list[str]], key: str, ref: str) -> None:
    counts[key] += 1
    if len(examples[key]) < EXAMPLES:
        examples[key].append(ref)


# Separates the fields of the packed contributions (`stat_pack`, `body_pack`): one string
# each instead of four lists of ~80 values (one allocation, not one per value: ≈ 3 KB less
# of the server's memory per document). The statement splits them with `$sep`.
SEP = "\x1f"


def attach(p: Any) -> None:
    """Store the document's contributions on its Document node's properties (what a
    replace or delete subtracts: `stat_pack` = key, n, key, n, …; `body_pack` = body key,
    lead, participant, responsible, …, joined by SEP) and keep them on `p` for the batch
    statement. A key holding SEP (a control character in a name) is refused."""
    counts, examples, bodies = contributions(p)
    bad = [k for k in list(counts) + list(bodies) if SEP in k]
    if bad:
        from .records import InvalidRecord

        raise InvalidRecord(f"a name holds a control character (U+001F): {bad[0]!r}")
    props = p.doc["props"]
    props["stat_pack"] = SEP.join(f"{k}{SEP}{counts[k]}" for k in sorted(counts))
    props["body_pack"] = SEP.join(f"{k}{SEP}{SEP.join(map(str, bodies[k]))}" for k in sorted(bodies))
    props["obligation_count"] = counts.get("ob", 0)
    p.stat_counts = dict(counts)
    p.body_counts = bodies
    p.stat_examples = examples


def batch_stats(params: list[Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Summed Stat rows and body rows of several documents (one row per key: a statement
    must not update one node from two rows, whose reads would not see each other)."""
    total: Counter = Counter()
    ex: dict[str, list[str]] = defaultdict(list)
    bodies: dict[str, list[int]] = {}
    for p in params:
        total.update(p.stat_counts)
        for k, ids in getattr(p, "stat_examples", {}).items():
            ex[k].extend(ids)
        for k, vals in p.body_counts.items():
            acc = bodies.setdefault(k, [0, 0, 0])
            for j in range(3):
                acc[j] += vals[j]
    stats = [stat_row(k, n, ex.get(k, [])[:EXAMPLES]) for k, n in sorted(total.items())]
    body_rows = [{"key": k, "lead": v[0], "participant": v[1], "responsible": v[2], "duties": sum(v)}
                 for k, v in sorted(bodies.items())]
    return stats, body_rows
