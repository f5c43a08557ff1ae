"""An extraction record (shared/gold/SCHEMA.md plus id, original text and evidence) as the
parameters of the graph's write statement.

Why a separate step: the write must be one statement (one transaction on both stores), so
everything it needs — resolved regions, body keys, evidence offsets — is computed here, in
plain Python that tests can check without a store.

Identity rules:
- a Document is its content hash (`record["id"]`);
- a Task is `<document id>:<task id>`; Deadlines/Targets/Practices hang off it by index;
- a Body is its canonical name plus its region (`山西省|山西省应急管理厅`): names that begin
  with a place belong to that place; collective and generic names (`各市应急管理局`,
  `企业`) belong to the document's own region, so Shanxi's 各市应急管理局 is not Yunnan's;
- a Region is its chain of names (`陕西省/渭南市/澄城县`), since county names repeat.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from ..ingest.regions import Region, gazetteer
from ..nlp.labels import deadline_label, target_label
from . import sortkeys, stats
from .textpack import pack_text

NATIONAL = "全国"


@lru_cache(maxsize=1)
def body_kind_rules() -> list[tuple[re.Pattern[str], str]]:
    text = resources.files(__package__).joinpath("data/body_kinds.tsv").read_text(encoding="utf-8")
    rules = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            pattern, kind = line.split("\t")
            rules.append((re.compile(pattern), kind))
    return rules


def body_kind(name: str) -> str:
    for rx, kind in body_kind_rules():
        if rx.search(name):
            return kind
    return "other"


def region_key(chain: list[Region]) -> str:
    return "/".join(r.name for r in chain)


def document_regions(province: str | None, locality: str | None) -> list[Region]:
    """The document's region chain, province first (empty for national documents and roundups)."""
    gz = gazetteer()
    prov = next((r for r in gz.by_name.get(province or "", []) if r.level == 1), None)
    if prov is None:
        return []
    chain = [prov]
    if locality:
        inside = [r for r in gz.mentions(locality, min_level=2) if gz.province_of(r).code == prov.code]
        if inside:
            deepest = max(inside, key=lambda r: (r.level, len(r.name)))
            chain = gz.chain(deepest)
    return chain


def region_of_name(name: str, doc_chain: list[Region]) -> list[Region] | None:
    """The region a body's name begins with (`澄城县水务局` -> 陕西省/渭南市/澄城县), or None.

    Places of the document's own chain win over namesakes elsewhere; then provinces; then
    a city or county whose name is unique nationally.
    """
    for r in sorted(doc_chain, key=lambda r: -r.level):
        if name.startswith(r.name) or (r.level == 1 and len(r.short) >= 2 and name.startswith(r.short)):
            return gazetteer().chain(r)
    gz = gazetteer()
    prov = gz.province_named(name)
    if prov is not None:
        return [prov]
    for r in gz.mentions(name[:8], min_level=2):
        if name.startswith(r.name) and len(gz.by_name.get(r.name, [])) == 1:
            return gz.chain(r)
    return None


class InvalidRecord(ValueError):
    """An extraction record that cannot be stored as it is; the message says where."""


SCALARS = (str, int, float, bool)


def _plain(value: Any) -> bool:
    """None, a scalar, or a list of scalars of one type (what Neo4j and FalkorDB both store)."""
    if value is None or isinstance(value, SCALARS):
        return True
    if isinstance(value, list):
        kinds = {type(v) for v in value}
        return all(isinstance(v, SCALARS) for v in value) and (len(kinds) <= 1 or kinds == {int, float})
    return False


def _vector(value: Any) -> bool:
    """A list of floats, or a one-dimensional float array (the writer keeps the model's
    float32 rows as they are: `cypher_params` writes them exactly, and briefly)."""
    if hasattr(value, "dtype"):
        import numpy as np

        return value.ndim == 1 and value.dtype.kind == "f" and bool(np.isfinite(value).all())
    return isinstance(value, list) and all(isinstance(x, float) and math.isfinite(x) for x in value)


@dataclass
class WriteParams:
    """Everything the write statement needs, as plain JSON-like values."""

    doc: dict[str, Any]
    regions: list[dict[str, Any]] = field(default_factory=list)
    region_links: list[dict[str, str]] = field(default_factory=list)
    bodies: list[dict[str, Any]] = field(default_factory=list)
    issued: list[str] = field(default_factory=list)
    addressed: list[str] = field(default_factory=list)
    citations: list[dict[str, str]] = field(default_factory=list)
    sections: list[dict[str, Any]] = field(default_factory=list)
    section_links: list[dict[str, str]] = field(default_factory=list)
    top_sections: list[str] = field(default_factory=list)
    tasks: list[dict[str, Any]] = field(default_factory=list)
    task_links: list[dict[str, str]] = field(default_factory=list)
    responsible: list[dict[str, Any]] = field(default_factory=list)
    reports: list[dict[str, Any]] = field(default_factory=list)
    deadlines: list[dict[str, Any]] = field(default_factory=list)
    targets: list[dict[str, Any]] = field(default_factory=list)
    figures: list[dict[str, Any]] = field(default_factory=list)
    sectors: list[dict[str, Any]] = field(default_factory=list)
    practices: list[dict[str, Any]] = field(default_factory=list)
    mechanisms: list[dict[str, Any]] = field(default_factory=list)
    stat_examples: dict[str, list[str]] = field(default_factory=dict)  # see graph/stats.py
    stat_counts: dict[str, int] = field(default_factory=dict)
    body_counts: dict[str, list[int]] = field(default_factory=dict)

    def as_params(self) -> dict[str, Any]:
        return {k: v for k, v in vars(self).items() if k not in ("stat_examples", "stat_counts", "body_counts")}

    def validate(self) -> None:
        """Raise `InvalidRecord` unless every property value is one both stores accept.

        Why here and not in the store: FalkorDB 4.16 does not restore the relationships of
        a node deleted earlier in a statement that then fails, so a replace must never be
        sent with data that would make it fail halfway (tests/test_graph_writer.py).
        """
        props = [("document", self.doc["props"])]
        props += [(f"task {t['id']}", t["props"]) for t in self.tasks]
        props += [(f"deadline of {x['task']}", x["props"]) for x in self.deadlines]
        props += [(f"target of {x['task']}", x["props"]) for x in self.targets]
        props += [(f"figure of {x['practice']}", x["props"]) for x in self.figures]
        props += [(f"practice {x['id']}", x["props"]) for x in self.practices]
        props += [(f"section {x['id']}", x) for x in self.sections]
        for where, values in props:
            for key, value in values.items():
                if not _plain(value):
                    raise InvalidRecord(f"{where}: property {key!r} has a value no graph store accepts: {value!r}")
        for t in self.tasks:
            if t["embedding"] is not None and not _vector(t["embedding"]):
                raise InvalidRecord(f"task {t['id']}: embedding is not a list of finite floats")


class _Bodies:
    """Collects Body rows (deduplicated by key) and their Region rows."""

    def __init__(self, doc_chain: list[Region], regions: "_Regions"):
        self.doc_chain = doc_chain
        self.regions = regions
        self.rows: dict[str, dict[str, Any]] = {}

    def key(self, name: str, alias: str | None = None) -> str:
        chain = region_of_name(name, self.doc_chain)
        if chain is None and body_kind(name) in ("collective", "enterprise", "other"):
            chain = self.doc_chain
        rkey = self.regions.add(chain) if chain else None
        key = f"{rkey or NATIONAL}|{name}"
        row = self.rows.setdefault(key, {"key": key, "name": name, "kind": body_kind(name), "region": rkey,
                                         "aliases": [name]})
        if alias and alias not in row["aliases"]:
            row["aliases"].append(alias)
        return key


class _Regions:
    def __init__(self) -> None:
        self.rows: dict[str, dict[str, Any]] = {}
        self.links: dict[str, str] = {}

    def add(self, chain: list[Region]) -> str:
        for i, r in enumerate(chain):
            key = region_key(chain[: i + 1])
            self.rows.setdefault(key, {"key": key, "name": r.name, "level": r.level, "code": r.code})
            if i:
                self.links[key] = region_key(chain[:i])
        return region_key(chain)


def _mark_index(task: dict[str, Any]) -> dict[tuple[str, str], list[dict[str, Any]]]:
    out: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for m in task.get("marks") or []:
        out.setdefault((m.get("kind", ""), str(m.get("label", ""))), []).append(m)
    return out


def _evidence(index: dict, kind: str, label: str, original: str) -> tuple[int | None, int | None, str | None]:
    """The next unused mark of `kind` labelled `label` (two quarterly cadences in one task get
    the first and the second mark): its offsets and its surface text as written."""
    marks = index.get((kind, label)) or []
    if not marks:
        return None, None, None
    m = marks.pop(0) if len(marks) > 1 else marks[0]
    return m["start"], m["end"], original[m["start"]:m["end"]] if original else None


def build_params(record: dict[str, Any], embeddings: dict[str, list[float]] | None = None,
                 embedding_model: str | None = None, ingested_at: str | None = None) -> WriteParams:
    """The write statement's parameters for one extraction record."""
    meta = record["meta"]
    doc_id = record["id"]
    original = record.get("original_text") or ""
    chain = document_regions(meta.get("province"), meta.get("locality"))
    regions = _Regions()
    doc_region = regions.add(chain) if chain else None
    bodies = _Bodies(chain, regions)
    period = meta.get("period") or {}
    doc_props = {
        "id": doc_id, "name": record.get("doc"), "title": meta.get("title"), "doc_number": meta.get("doc_number"),
        "date": meta.get("date"), "province": meta.get("province"), "locality": meta.get("locality"),
        "period_start": period.get("start"), "period_end": period.get("end"),
        "issuers": list(meta.get("issuers") or []), "addressees": list(meta.get("addressees") or []),
        "regions": [r.name for r in chain], "region": doc_region,
        "source_path": record.get("source_path"), "format": record.get("format"),
        "encoding": record.get("encoding"), "script": record.get("script"),
        # compressed: a tenth of the graph's memory was the documents' text (read whole, by id)
        "original_text_z": pack_text(original), "ingested_at": ingested_at,
        "task_count": len(record.get("tasks") or []),
        # the extractor version that made it: a bulk re-run skips files it already read (graph/bulk.py)
        "extractor": record.get("extractor"),
        "sort_key": sortkeys.document_sort_key(meta.get("date"), doc_id),
        "sort_str": sortkeys.document_sort_str(meta.get("date"), doc_id),
    }
    p = WriteParams(doc={"id": doc_id, "region": doc_region, "props": doc_props})
    p.issued = [bodies.key(n) for n in meta.get("issuers") or []]
    p.addressed = [bodies.key(n) for n in meta.get("addressees") or []]
    p.citations = [{"key": c, "title": c, "number": bool(re.search(r"〔\d{4}〕|\[\d{4}\]", c))}
                   for c in dict.fromkeys(meta.get("citations") or [])]

    headings = {tuple(o["path"]): o for o in record.get("outline") or []}
    sections: dict[str, dict[str, Any]] = {}
    p_links: list[dict[str, str]] = []
    p_top: list[str] = []
    for order, task in enumerate(record.get("tasks") or []):
        tid = f"{doc_id}:{task['id']}"
        path = [str(x) for x in task.get("path") or []]
        parent = None
        for depth in range(1, len(path)):
            sid = f"{doc_id}:/{'/'.join(path[:depth])}"
            if sid not in sections:
                head = headings.get(tuple(path[:depth])) or {}
                hspan = head.get("span") or [None, None]
                sections[sid] = {"id": sid, "doc_id": doc_id, "path": path[:depth], "order": len(sections),
                                 "title": head.get("title"), "start": hspan[0], "end": hspan[1]}
                if parent:
                    p_links.append({"child": sid, "parent": parent})
                else:
                    p_top.append(sid)
            parent = sid
        marks = _mark_index(task)
        span = task.get("span") or [None, None]
        # Only what a query reads is stored (a Task is a third of the graph's memory): the
        # local id is the end of `id`, the in-document order string the end of `sort_str`,
        # the earliest deadline the first of `due_dates`; the region key and the embedding's
        # model are the Document's; whether an embedding can be reused is decided on the text.
        props = {
            "id": tid, "doc_id": doc_id, "order": order, "path": path,
            "title": task.get("title") or "", "text": task.get("text") or "",
            "quote": task.get("quote"), "start": span[0], "end": span[1],
            "sectors": list(task.get("sectors") or []),
            # the earliest is the first (queries read `due_dates[0]`; the region key is the Document's)
            "due_dates": sorted({d["date"] for d in task.get("deadlines") or [] if d.get("date")}),
            "deadline_types": sorted({d["type"] for d in all_deadlines(task) if d.get("type")}),
            # denormalised from the document, so that paged lists filter and sort on the task alone
            "regions": [r.name for r in chain],
        }
        due = props["due_dates"][0] if props["due_dates"] else None
        props["sort_key"] = sortkeys.task_sort_key(due, meta.get("date"), doc_id)
        props["sort_str"] = sortkeys.task_sort_str(due, meta.get("date"), doc_id, order)
        # obligations of the task, and the roles / explicitness among them: list elements the
        # store indexes, so a role filter samples tasks through an index (graph/paging.py)
        props["actor_count"] = len(task.get("actors") or [])
        # how many bodies the task reports to: a page's rows skip the REPORTS_TO walk of tasks
        # with none (most), which cost a 500-row deadline page ≈ 10 ms at 10,000 documents
        props["recipient_count"] = len(task.get("recipients") or [])
        props["roles"] = sorted({a.get("role", "responsible") for a in task.get("actors") or []})
        props["explicit_flags"] = sorted({"true" if a.get("explicit", True) else "false"
                                          for a in task.get("actors") or []})
        row: dict[str, Any] = {"id": tid, "props": props, "embedding": None}
        if parent:
            p.task_links.append({"task": tid, "section": parent})
        if embeddings and tid in embeddings:
            row["embedding"] = embeddings[tid]
            doc_props["embedding_model"] = embedding_model
        p.tasks.append(row)
        for a in task.get("actors") or []:
            start, end, surface = _evidence(marks, "actor", a["name"], original)
            key = bodies.key(a["name"], surface)
            p.responsible.append({"task": tid, "body": key, "role": a.get("role", "responsible"),
                                  "explicit": bool(a.get("explicit", True)), "start": start, "end": end})
        for name in task.get("recipients") or []:
            start, end, surface = _evidence(marks, "recipient", name, original)
            p.reports.append({"task": tid, "body": bodies.key(name, surface), "start": start, "end": end})
        for i, d in enumerate(all_deadlines(task)):
            start, end, _ = _evidence(marks, "deadline", deadline_label(d), original)
            p.deadlines.append({"task": tid, "props": {
                "id": f"{tid}:d{i}", "doc_id": doc_id, "type": d.get("type"), "date": d.get("date"),
                "duration": d.get("duration"), "anchor": d.get("anchor"), "freq": d.get("freq"),
                "rrule": d.get("rrule"), "text": d.get("text"), "start": start, "end": end,
                "sort_key": sortkeys.deadline_sort_key(d.get("date"), doc_id, order),
                "sort_str": sortkeys.deadline_sort_str(d.get("date"), doc_id, order, f"{tid}:d{i}")}})
        for i, t in enumerate(task.get("targets") or []):
            start, end, _ = _evidence(marks, "target", target_label(t), original)
            p.targets.append({"task": tid, "props": {
                "id": f"{tid}:t{i}", "doc_id": doc_id, "text": t.get("text"), "value": t.get("value"),
                "unit": t.get("unit"), "start": start, "end": end}})
        for s in task.get("sectors") or []:
            start, end, _ = _evidence(marks, "sector", s, original)
            p.sectors.append({"task": tid, "sector": s, "start": start, "end": end})
    p.sections = list(sections.values())
    p.section_links, p.top_sections = p_links, p_top

    for i, pr in enumerate(record.get("practices") or []):
        pid = f"{doc_id}:p{i}"
        rchain = region_of_name(pr["region"], []) or []
        rkey = regions.add(rchain) if rchain else None
        span = pr.get("span") or [None, None]
        p.practices.append({"id": pid, "region": rkey, "props": {
            "id": pid, "doc_id": doc_id, "order": i, "region": pr["region"], "quote": pr.get("quote"),
            "mechanisms": list(pr.get("mechanisms") or []), "start": span[0], "end": span[1]}})
        p.mechanisms.extend({"practice": pid, "mechanism": m} for m in pr.get("mechanisms") or [])
        for j, f in enumerate(pr.get("figures") or []):
            p.figures.append({"practice": pid, "props": {"id": f"{pid}:f{j}", "doc_id": doc_id, "text": f.get("text"),
                                                       "value": f.get("value"), "unit": f.get("unit")}})

    p.bodies = list(bodies.rows.values())
    p.regions = list(regions.rows.values())
    p.region_links = [{"child": c, "parent": par} for c, par in regions.links.items()]
    # what a replace or delete must look at for bodies and citations no document uses any more
    # one string, not two lists (memory); read back by `writer.previous_versions`
    doc_props["refs"] = json.dumps({"bodies": sorted(bodies.rows), "citations": [c["key"] for c in p.citations]},
                                   ensure_ascii=False)
    stats.attach(p)
    p.validate()
    return p


def all_deadlines(task: dict[str, Any]) -> list[dict[str, Any]]:
    """The task's normalised limits and those stated without a resolvable year (shown as
    written, with no date)."""
    return list(task.get("deadlines") or []) + list(task.get("undated_deadlines") or [])
