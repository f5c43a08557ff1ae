"""What the API and the CLI ask of the graph, in the shapes users see.

`Service` owns one `GraphStore` and turns the rows of `policykg.graph.queries` into
obligation rows, a body's duties, a document with its outline and marked spans, the
comparison matrices, and search hits. The HTTP layer (`api/app.py`) only validates
parameters and maps exceptions to status codes; the CLI calls the same methods.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import math
import os
import re
import shutil
import tempfile
import threading
import time
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..graph import paging
from ..graph import queries as Q
from .breakdown import ordered_actors
from .shortforms import alternates, canonical, variants
from .wording import time_limits
from ..graph.diskspace import DiskFull
from ..graph.store import BadParameter, GraphStore, QueryError, StoreError, data_dir, open_store


class NotFound(Exception):
    """An id that the graph does not hold (HTTP 404); `kind` says of what (document, task,
    body), so the page can say what to do without reading the message."""

    def __init__(self, message: str, kind: str = "item"):
        super().__init__(message)
        self.kind = kind


class StoreDown(Exception):
    """The graph store cannot be reached (HTTP 503)."""


class IndexBuilding(Exception):
    """The search index of this graph is still being built and there is no earlier one to
    answer from (HTTP 503 with Retry-After): a search never holds a server thread for the
    tens of seconds a 10,000-document build takes."""


class BadInput(Exception):
    """A file or parameter that cannot be processed; the message says why (HTTP 422).
    `code` is the reader's short failure word (empty, corrupt, encrypted…) for an upload,
    so the page words it in Chinese; `file` the uploaded file's name."""

    def __init__(self, message: str, code: str | None = None, file: str | None = None):
        super().__init__(message)
        self.code = code
        self.file = file


class QueryFailed(Exception):
    """The store is up but rejected a statement: a fault of ours, not of the store (HTTP 500)."""


class StoreFull(Exception):
    """The disk holding the graph is full: the write was not stored, nothing acknowledged
    before is lost, and writes work again once space is freed (HTTP 507)."""


log = logging.getLogger("policykg.api")


def store_failure(exc: StoreError) -> Exception:
    """What a store error means for a caller: a parameter the store cannot take is bad input,
    a rejected statement is a failed query, a full disk is a full disk, anything else is a
    store that is down."""
    if isinstance(exc, BadParameter):
        return BadInput(str(exc))
    if isinstance(exc, QueryError):
        return QueryFailed(str(exc))
    if isinstance(exc, DiskFull):
        return StoreFull(str(exc))
    return StoreDown(str(exc))


def upload_workers() -> int:
    """Extraction processes for uploads: `POLICYKG_UPLOAD_WORKERS`, default 1 (uploads are
    rare next to reads; each worker holds the extractor, ≈300 MB)."""
    try:
        return max(1, int(os.environ.get("POLICYKG_UPLOAD_WORKERS", "1")))
    except ValueError:
        return 1


def safe_name(filename: str) -> str:
    """The upload's own file name, without any folder, as the document's source."""
    return re.sub(r"[^\w.\-]+", "_", Path(filename).name) or "upload.txt"


@lru_cache(maxsize=1)
def sector_synonyms() -> dict[str, str]:
    """Any sector wording (危化品, 化工, 民爆…) -> the schema's sector name."""
    from ..nlp.vocab import read_table

    out: dict[str, str] = {}
    for label, syns in read_table("sectors.tsv").items():
        out[label] = label
        for s in syns:
            out.setdefault(s, label)
    return out


def canonical_sector(s: str | None) -> str | None:
    return sector_synonyms().get(s.strip(), s.strip()) if s else s


def canonical_region(name: str | None) -> str | None:
    """A province, city or county as users type it (山西, 山西省, 澄城县) -> its full name."""
    if not name:
        return name
    from ..ingest.regions import gazetteer

    # a path like 山西省/太原市 names its last part; a trailing or stray "/" is no region
    parts = [p.strip() for p in name.split("/") if p.strip()]
    if not parts:
        return None
    name = parts[-1]
    gz = gazetteer()
    if name in gz.by_name:
        return name
    for p in gz.provinces:
        if name == p.short:
            return p.name
    for r in gz.by_code.values():
        if r.short == name and r.level > 1:
            return r.name
    return name


def as_int(v: Any) -> int:
    return int(v or 0)


class Service:
    """The graph, read and written the way the API's users need it."""

    def __init__(self, store: GraphStore, embedder: Any = None):
        self.store = store
        self.embedder = embedder
        self._lock = threading.Lock()
        self._search = None  # a SearchIndex built lazily (issue 6)
        self._index_lock = threading.Lock()  # guards the one background build below
        self._wanted: tuple = ()  # the graph version the builder should index next
        self._built_for: dict[tuple, threading.Event] = {}  # set once that version's index is in
        self._builder_running = False
        self._pool: Any = None  # the upload ExtractPool, started on first use
        self._pool_lock = threading.Lock()
        self.supervisor: Any = None

    # ------------------------------------------------------------------ background
    def start_background(self) -> None:
        """For a long-lived server: supervise the embedded store (restart it when it dies,
        graph/supervisor.py), clear upload leftovers, and start the extraction workers."""
        from ..graph.supervisor import StoreSupervisor

        data = getattr(self.store, "data", None)
        if data is not None and self.supervisor is None:
            self.supervisor = StoreSupervisor(data, on_restart=self._store_restarted)
            self.supervisor.start()
        clear_incoming()
        threading.Thread(target=self.extractor().warm, name="extract-warm", daemon=True).start()
        threading.Thread(target=self._warm_search, name="search-warm", daemon=True).start()

    def _warm_search(self) -> None:
        """Build the search index at start, before the first search asks for it."""
        try:
            self.search_index(wait=0.0)
        except Exception as exc:  # noqa: BLE001 - a store still starting: the first search builds it
            log.info("search index not built at start: %s", exc)

    def stop_background(self) -> None:
        if self.supervisor is not None:
            self.supervisor.stop()
            self.supervisor = None
        with self._pool_lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.close()

    def _store_restarted(self) -> None:
        reconnect = getattr(self.store, "reconnect", None)
        if reconnect is not None:
            reconnect()
        self._search = None

    def extractor(self):
        """The pool of extraction processes uploads go through (graph/sandbox.py)."""
        from ..graph.sandbox import ExtractPool

        with self._pool_lock:
            if self._pool is None:
                self._pool = ExtractPool(upload_workers())
            return self._pool

    def _failure(self, exc: StoreError) -> Exception:
        """`store_failure`, and a store found down wakes the supervisor (no request waits on it)."""
        out = store_failure(exc)
        if isinstance(out, StoreDown) and self.supervisor is not None:
            self.supervisor.poke()
        return out

    @classmethod
    def from_env(cls, embeddings: bool = True) -> "Service":
        """The configured store with its schema; with `embeddings`, the embedding model too
        (loading it imports torch and sentence-transformers: seconds, which a CLI command
        that only reads the graph does without)."""
        from ..graph.ingest import default_embedder

        embedder = default_embedder() if embeddings else None
        try:
            store = open_store()
            store.ensure_schema(vector_dim=embedder.dimension if embedder else None)
        except StoreError as exc:
            raise store_failure(exc) from exc
        return cls(store, embedder)

    # ------------------------------------------------------------------ plumbing
    def _read(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        try:
            return self.store.read(query, params or {})
        except StoreError as exc:
            raise self._failure(exc) from exc

    def store_name(self) -> str:
        return self.store.name

    def counts(self) -> dict[str, dict[str, int]]:
        from ..graph.counts import counts as graph_counts

        try:
            return graph_counts(self.store)
        except StoreError as exc:
            raise self._failure(exc) from exc

    @staticmethod
    def filters(f: dict[str, Any]) -> Q.Filters:
        iso = lambda d: d.isoformat() if d is not None and hasattr(d, "isoformat") else d
        return Q.Filters(
            body=f.get("body") or None, role=f.get("role"), explicit=f.get("explicit"),
            sector=canonical_sector(f.get("sector")) or None, region=canonical_region(f.get("region")) or None,
            due_after=iso(f.get("due_after")), due_before=iso(f.get("due_before")), status=f.get("status"),
            as_of=iso(f.get("as_of")), within_days=f.get("within_days", 30), document=f.get("document") or None,
            q=f.get("q") or None, task_ids=f.get("task_ids"))

    def written_out(self, filters: Q.Filters) -> Q.Filters:
        """Keyword `q` in all its forms (危化品 also finds 危险化学品, and back): the tasks
        holding any form become the `task_ids` filter, since the graph matches one string.

        The search index, when it is of the graph as it is now, names the candidates (tasks
        whose bigrams hold every form's sure bigrams, `SearchIndex.holding`); the store's
        `CONTAINS` still decides. So a text filter reads its candidates by id, not every task
        of its key range until a page is full (issue 13)."""
        forms = variants(filters.q) if filters.q else []
        if not forms:
            return filters
        candidates = self.text_candidates(forms, Q.IDS_PROBE_MAX)
        if len(forms) > 1:
            filters.q = None
            if candidates is None:  # a common text: any form, checked in the scan that fills the page
                filters.q_forms = forms
                return filters
            ids = [r["id"] for r in self._read(TASKS_CONTAINING_AMONG, {"forms": forms, "ids": candidates})]
        elif candidates is not None:
            ids = candidates  # `q` stays: CONTAINS checks them
        else:  # a common text: the scan fills a page soon
            return filters
        filters.task_ids = ids if filters.task_ids is None else [i for i in filters.task_ids if i in set(ids)]
        return filters

    def text_holders(self, filters: Q.Filters) -> Q.HolderSource | None:
        """Where the tasks that may hold the `q` filter's text (in any written form) are found
        in the obligations' order: the search index of the graph as it is now (None without
        one, or when a form has no sure bigram). The filter becomes the forms for the store's
        `CONTAINS`; see `graph.queries._page_of_holders`."""
        from ..nlp.lexical import containment_bigrams

        forms = variants(filters.q) if filters.q else []
        if not forms or any(containment_bigrams(f) is None for f in forms):
            return None  # (no sure bigram: the index cannot bound the text, the store scans)
        key = tuple(r["version"] for r in self._read(VERSION))
        index = self._search
        if index is None or index.key != key:
            self._build_in_background(key)
            return None
        if len(forms) > 1:
            filters.q, filters.q_forms = None, forms
        return lambda lo, hi, want: index.first_holding(forms, lo, hi, want)

    def text_candidates(self, forms: list[str], at_most: int | None = None) -> list[str] | None:
        """The tasks that may hold one of `forms`, from a search index of the current graph
        (None without one: it is started in the background, and the store scans meanwhile;
        None too when there would be more than `at_most`)."""
        key = tuple(r["version"] for r in self._read(VERSION))
        index = self._search
        if index is None or index.key != key:
            self._build_in_background(key)
            return None
        found: set[str] = set()
        for form in forms:
            ids = index.holding(form, at_most)
            if ids is None:
                return None
            found.update(ids)
        return None if at_most is not None and len(found) > at_most else sorted(found)

    def task_facts(self, task_ids: list[str]) -> dict[str, dict[str, Any]]:
        """Per task: its text (for the written time phrases) and its report recipients in
        text order — what rows from the paged queries do not carry."""
        if not task_ids:
            return {}
        return {r["id"]: r for r in self._read(TASK_FACTS, {"ids": sorted(set(task_ids))})}

    def with_time_limits(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Rows with `time_limits` (api/wording.py) and recipients in text order."""
        facts = self.task_facts([r["task_id"] for r in rows])
        for r in rows:
            fact = facts.get(r["task_id"], {})
            r["time_limits"] = [t.as_dict() for t in time_limits(by_offset(r.get("deadlines")), fact.get("text") or "")]
            if fact.get("recipients") is not None:
                r["recipients"] = recipient_names(fact["recipients"])
        return rows

    # ------------------------------------------------------------------ obligations
    def obligations(self, f: dict[str, Any], limit: int = 50, offset: int = 0,
                    cursor: str | None = None) -> dict[str, Any]:
        """One page of obligations: from `offset`, or after `cursor` (the `next_cursor` of the
        previous page: a keyset page costs the same however deep it is). `total` is exact
        unless `total_exact` is false: then it is a lower bound (no aggregate answers these
        filters and counting further would cost the whole graph)."""
        after = decode_cursor(cursor) if cursor else None
        filters = self.filters(f)
        holders = self.text_holders(filters) if after is None else None
        if holders is None:
            filters = self.written_out(filters)
        try:
            page = Q.obligations_page(self.store, filters, limit, 0 if after else offset, after, holders)
        except StoreError as exc:
            raise self._failure(exc) from exc
        return {"total": page.total, "total_exact": page.total_exact, "limit": limit, "offset": offset,
                "next_cursor": encode_cursor(page.next_cursor) if page.next_cursor else None,
                "items": self.with_time_limits([obligation_row(r) for r in page.rows])}

    def deadlines(self, f: dict[str, Any], limit: int = 500) -> dict[str, Any]:
        """Deadline rows, each with its task's report recipients and its own wording
        (`time_limit`: the text, and the cadence in Chinese when the text does not say it)."""
        try:
            rows = Q.deadlines(self.store, self.written_out(self.filters(f)), limit)
        except StoreError as exc:
            raise self._failure(exc) from exc
        # the limit and the rest of its clause stand for the task's text (the row carries no more
        # of it: graph/queries.DEADLINE_RETURN); a limit its task writes twice is read in the text
        twice = self.task_facts([r["task_id"] for r in rows if r.get("limit_twice")])
        for r in rows:
            r["region"] = (r.get("province") or "") + (r.get("locality") or "") or None
            r["recipients"] = recipient_names(r.get("recipients") or [])
            after = r.pop("text_after", None)
            if r.pop("limit_twice", None):
                near = twice.get(r["task_id"], {}).get("text") or ""
            else:
                near = (r.get("text") or "") + after if after is not None else ""
            limits = time_limits([r], near, phrases=False)
            r["time_limit"] = limits[0].as_dict() if limits else None
        return {"total": len(rows), "items": rows}

    # ------------------------------------------------------------------ bodies
    def bodies(self, q: str | None, limit: int = 100) -> dict[str, Any]:
        rows = self._read(Q.BODIES, {"q": q or None, "limit": limit})
        for r in rows:
            for k in ("duties", "lead", "participant", "responsible"):
                r[k] = as_int(r[k])
        return {"total": len(rows), "items": rows}

    def body(self, body_id: str, limit: int = 200) -> dict[str, Any]:
        """One body: its duty counts (kept by every write), its `limit` most recent duties
        grouped by document, and the tasks it receives reports from and documents it issued
        (each at most `limit`)."""
        found = self._read(Q.BODY, {"id": body_id})
        if not found:
            raise NotFound(f"no body with id {body_id!r}", "body")
        body = found[0]
        roles = {k: as_int(body.pop(k)) for k in ("lead", "participant", "responsible")}
        total = as_int(body.pop("duties"))
        duties = self._read(Q.BODY_DUTIES, {"id": body_id, "limit": limit})
        groups: dict[str, dict[str, Any]] = {}
        for d in duties:
            g = groups.setdefault(d["document_id"], {"document_id": d["document_id"],
                                                     "document_title": d["document_title"],
                                                     "document_date": d["document_date"], "duties": []})
            g["duties"].append({k: d[k] for k in ("task_id", "path", "title", "role", "explicit", "evidence",
                                                  "start", "end", "sectors", "deadlines")})
        body.update({
            "counts": {"total": total, **roles},
            "shown": len(duties),
            "documents": list(groups.values()),
            "receives": _drop(self._read(Q.BODY_RECEIVES, {"id": body_id, "limit": limit}), "did", "o"),
            "issued": _drop(self._read(Q.BODY_ISSUED, {"id": body_id, "limit": limit}), "s"),
        })
        return body

    # ------------------------------------------------------------------ documents
    def documents(self, limit: int = 100, offset: int = 0) -> dict[str, Any]:
        """Documents, newest first (a keyset page over Document.sort_key)."""
        total = self._read(Q.DOCUMENT_COUNT)[0]["total"]
        try:
            rows = paging.page(self.store.read, Q.DOCUMENTS_PROBE, Q.DOCUMENTS, {}, 0, 1 << 62, limit, offset)
        except StoreError as exc:
            raise store_failure(exc) from exc
        return {"total": total, "limit": limit, "offset": offset, "items": _drop(rows, "k", "s")}

    def document(self, doc_id: str, with_text: bool = True) -> dict[str, Any]:
        found = self._read(Q.DOCUMENT, {"id": doc_id, "with_text": with_text})
        if not found:
            raise NotFound(f"no document with id {doc_id!r}", "document")
        row = found[0]
        d = row["doc"]
        meta = {k: d.get(k) for k in ("title", "doc_number", "issuers", "date", "province", "locality",
                                      "addressees")}
        meta["period"] = {"start": d["period_start"], "end": d["period_end"]} if d.get("period_start") else None
        meta["citations"] = sorted(row["citations"] or [])
        tasks, spans = [], []
        named_in = [*(meta.get("addressees") or []), *(meta.get("issuers") or [])]
        for r in self._read(Q.DOCUMENT_TASKS, {"id": doc_id}):
            r.pop("o", None)
            t = r["task"]
            task = {
                "id": t["id"], "local_id": t["local_id"], "path": t["path"], "title": t["title"], "text": t["text"],
                "quote": t["quote"], "span": [t["start"], t["end"]], "sectors": t["sectors"] or [],
                "actors": ordered_actors([{k: a[k] for k in ("name", "body_id", "role", "explicit", "start", "end")}
                                          for a in r["actors"]], named_in),
                "recipients": recipient_names(r["recipients"]),
                "deadlines": by_offset(r["deadlines"]), "targets": r["targets"],
            }
            task["time_limits"] = [x.as_dict() for x in time_limits(task["deadlines"], t["text"] or "")]
            tasks.append(task)
            spans.extend(evidence_spans(t["id"], r))
        outline = build_outline(self._read(Q.DOCUMENT_SECTIONS, {"id": doc_id}), tasks)
        practices = [{**p["practice"], "figures": p["figures"]}
                     for p in self._read(Q.DOCUMENT_PRACTICES, {"id": doc_id})]
        for p in practices:
            if p.get("start") is not None:
                spans.append({"kind": "practice", "label": p["region"], "start": p["start"], "end": p["end"],
                              "ref": p["id"]})
        out = {"id": d["id"], "doc": d.get("name"), "meta": meta, "outline": outline, "tasks": tasks,
               "practices": practices,
               "source": {**{k: d.get(k) for k in ("format", "encoding", "script", "ingested_at")},
                          # the file's name only: a server path says nothing to a reader
                          "source_path": Path(d["source_path"]).name if d.get("source_path") else None}}
        if with_text:
            from ..graph.textpack import unpack_text

            texts = getattr(self.store, "texts", None)  # beside the graph (graph/texts.py)
            out["original_text"] = (unpack_text(row["original_text_z"]) if row.get("original_text_z") is not None
                                    else texts.get(doc_id) if texts is not None else None)
            out["spans"] = sorted(spans, key=lambda s: (s["start"], -s["end"]))
        return out

    def upload(self, filename: str, data: bytes) -> dict[str, Any]:
        """Extract an uploaded file in a worker process (within its time and memory budget,
        graph/sandbox.py) and write it to the graph; answered only once the write is durable.

        Blocking: the API calls it from its own threads, never on the event loop. The file
        is kept only while it is read (DATA/incoming, 0600) and deleted after, whatever
        happens: the document keeps its text in the graph, and a refused file is not kept."""
        import errno

        from ..graph.records import InvalidRecord
        from ..graph.writer import write_record

        safe = safe_name(filename)
        folder: Path | None = None
        try:
            folder = Path(tempfile.mkdtemp(prefix="upload-", dir=incoming_dir()))
            path = folder / safe
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            outcome = self.extractor().run(path)
        except OSError as exc:
            if exc.errno in (errno.ENOSPC, errno.EDQUOT):
                raise StoreFull(f"no room to receive {filename} in {data_dir()}: {exc.strerror}") from exc
            raise
        finally:
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)
        if outcome.record is None:
            raise BadInput(f"{filename}: {outcome.error}", outcome.code or "unreadable", filename)
        from ..graph.bulk import extractor_version

        record = outcome.record
        record["source_path"] = safe  # never the server's temporary path
        record["extractor"] = extractor_version()
        with self._lock:
            try:
                result = write_record(self.store, record, self.embedder)
            except InvalidRecord as exc:
                raise BadInput(f"{filename}: {exc}", "invalid_record", filename) from exc
            except StoreError as exc:
                raise self._failure(exc) from exc
        return {"id": result.doc_id, "title": record["meta"].get("title"), "tasks": result.tasks,
                "replaced": result.replaced}

    def delete(self, doc_id: str) -> dict[str, Any]:
        from ..graph.writer import delete_document

        with self._lock:
            try:
                removed = delete_document(self.store, doc_id)
            except StoreError as exc:
                raise self._failure(exc) from exc
        if not removed:
            raise NotFound(f"no document with id {doc_id!r}", "document")
        return {"id": doc_id, "deleted": True}

    # ------------------------------------------------------------------ comparison
    def regions(self) -> list[str]:
        """Provinces that have documents, then regions of roundup practices (aggregates)."""
        return sorted({r["r"] for r in self._read(Q.REGIONS_WITH_DATA) if r["r"]})

    def compare(self, regions: list[str], topic: str | None, limit: int = 5) -> dict[str, Any]:
        wanted = [c for c in (canonical_region(r) for r in regions) if c]
        if wanted:
            sector_rows = self._read(Q.SECTOR_MATRIX_FOR_REGIONS, {"regions": wanted})
        else:
            sector_rows = self._read(Q.SECTOR_MATRIX_BY_PROVINCE)
        mech_rows = self._read(Q.MECHANISM_MATRIX, {"regions": wanted})
        ids = sorted({i for r in mech_rows for i in (r["examples"] or [])[:2]})
        quotes = {r["id"]: r["quote"] for r in self._read(Q.PRACTICE_QUOTES, {"ids": ids})} if ids else {}
        for r in mech_rows:
            r["examples"] = [quotes[i] for i in (r["examples"] or [])[:2] if quotes.get(i)]
        out: dict[str, Any] = {"regions": wanted or self.regions(),
                               "sectors": Q.matrix(sector_rows, wanted or None),
                               "mechanisms": Q.matrix(mech_rows, wanted or None), "topic": topic, "topic_tasks": []}
        if topic:
            out["topic_tasks"] = self.topic_alignment(topic, wanted or out["regions"], limit)
        return out

    def topic_alignment(self, topic: str, regions: list[str], limit: int) -> list[dict[str, Any]]:
        """For each region, its tasks (and roundup practices) on `topic`, side by side.

        Only tasks that are on the topic: ranking alone gave every region its top `limit`
        (5 enforcement tasks for 事故调查 in a circular that never mentions it). A task is on
        the topic when its text holds the topic's words (short forms written out on both
        sides: 危化品 = 危险化学品; see `topic_match`); those are ranked by the hybrid search
        and carry `relevance` (the fused score, 0–100) and the `matched` words. A region
        with none gets an empty list, which the page says in words."""
        search = self.search_index()
        terms = topic_terms(topic)
        query = " ".join([topic, *alternates(topic)])
        cols = []
        # the topic's vector ranking is the same for every region: computed once (≈ 23 ms each)
        ranking = search.query_ranking(query, regions[0]) if regions else []
        for region in regions:
            hits = search.search(query, region=region, limit=TOPIC_CANDIDATES, vector=ranking)
            # which candidates are on the topic, from their text alone; the full rows (actors,
            # deadlines, document, recipients) only for the `limit` kept: a region's 100
            # candidates in full took ≈ 22 ms, a third of the comparison at 10,000 documents
            texts = {r["id"]: r for r in self._read(TASK_TITLE_TEXT, {"ids": [h[0] for h in hits]})}
            on_topic: list[tuple[tuple[str, float, dict], list[str]]] = []
            for hit in hits:
                t = texts.get(hit[0])
                matched = topic_match(terms, (t.get("title") or "") + "\n" + (t.get("text") or "")) if t else None
                if matched is not None:
                    on_topic.append((hit, matched))
                    if len(on_topic) >= limit:
                        break
            rows = {r["task_id"]: r for r in self.hits([h for h, _ in on_topic])}
            tasks = [{**rows[h[0]], "relevance": round(100 * min(rows[h[0]]["score"], 1.0)), "matched": matched}
                     for h, matched in on_topic if h[0] in rows]
            practices: dict[str, dict[str, Any]] = {}
            for form in variants(topic):
                for p in self._read(Q.TOPIC_PRACTICES, {"topic": form, "region": region, "limit": limit}):
                    practices.setdefault(p["practice_id"], p)
            cols.append({"region": region, "tasks": tasks, "practices": list(practices.values())[:limit]})
        return cols

    # ------------------------------------------------------------------ search (issue 6)
    # How long a search waits for the index of the graph as it is now: a small graph's build
    # takes milliseconds, so it reads its own writes; a 10,000-document build takes tens of
    # seconds under load, and then the index of the graph before the last write answers
    # meanwhile, or (no index yet) the search is told to come back (issue 15, 100 clients:
    # searches waiting on the build held every server thread and every page waited behind them).
    INDEX_WAIT_STALE = 2.0
    INDEX_WAIT_FIRST = 2.0

    def search_index(self, wait: float | None = None):
        """The hybrid index over every task, rebuilt in the background when the graph's
        documents change (see INDEX_WAIT_*); `wait` overrides how long to wait for it."""
        # every write bumps the version Stat (graph/cypher.py): one indexed lookup, read
        # without a lock
        key = tuple(r["version"] for r in self._read(VERSION))
        index = self._search
        if index is not None and index.key == key:
            return index
        done = self._build_in_background(key)
        if wait is not None:
            limit = wait
        elif index is None:
            limit = self.INDEX_WAIT_FIRST
        else:  # a build expected within the wait (≈ 1 ms a task) is waited for; a long one is not
            limit = self.INDEX_WAIT_STALE if index.size < self.INDEX_WAIT_STALE * 500 else 0.0
        done.wait(limit)
        fresh = self._search
        if fresh is not None and (fresh.key == key or done.is_set() or index is not None):
            return fresh  # the graph's own, or the one before the last write while it builds
        if wait == 0.0:
            return None
        raise IndexBuilding("the search index is being built; retry in a few seconds")

    def _build_in_background(self, key: tuple) -> threading.Event:
        """An event set once an index of `key` (or of a later version) is in place. One builder
        thread runs at a time and builds the newest version asked for, so a run of uploads
        costs one rebuild after them, not one each."""
        with self._index_lock:
            self._wanted = key
            done = self._built_for.setdefault(key, threading.Event())
            if not self._builder_running:
                self._builder_running = True
                threading.Thread(target=self._builder, name="search-index", daemon=True).start()
        return done

    def _builder(self) -> None:
        from .search import SearchIndex

        while True:
            with self._index_lock:
                key = self._wanted
            try:
                gc.unfreeze()  # the previous index goes back to the collector with everything else
                t0 = time.monotonic()
                index = SearchIndex.load_or_build_aside(self.store, self.embedder, key, self._search)
                log.info("search index of version %s: %s in %.1f s", key, "delta of %d tasks, %d removed" % (
                    len(index.delta.ids), len(index.removed)) if index.delta is not None else "whole", time.monotonic() - t0)
                # The index is long-lived and large (≈ 660k objects at 10,000 documents): left
                # to the cyclic collector, every full collection walked it, a ≈ 260 ms pause
                # that made the p95 of a 500-row deadline page 300 ms. Frozen, it is skipped
                # (and still freed by reference counting when replaced).
                gc.freeze()
                self._search = index
            except Exception as exc:  # noqa: BLE001 - the next search asks again
                log.warning("search index build failed: %s", exc)
            with self._index_lock:
                # this version's waiters and those of versions nobody wants any more (the newer
                # index serves them); the wanted version, if newer, is built next
                finished = [k for k in self._built_for if k == key or k != self._wanted]
                for k in finished:
                    self._built_for.pop(k).set()
                if self._wanted == key:
                    self._builder_running = False
                    return

    def hits(self, hits: list[tuple[str, float, dict]]) -> list[dict[str, Any]]:
        """Task rows for (task id, score, detail) hits, in hit order."""
        if not hits:
            return []
        rows = {r["task_id"]: r for r in self._read(Q.TASKS_BY_ID, {"ids": [h[0] for h in hits]})}
        facts = self.task_facts(list(rows))
        out = []
        for tid, score, detail in hits:
            if tid in rows:
                r = dict(rows[tid])
                r["region"] = (r.get("province") or "") + (r.get("locality") or "") or None
                r["actors"] = ordered_actors(r["actors"])
                r["deadlines"] = by_offset(r["deadlines"])
                r["recipients"] = recipient_names(facts.get(tid, {}).get("recipients") or [])
                r["time_limits"] = [x.as_dict() for x in time_limits(r["deadlines"], r.get("text") or "")]
                out.append({**r, "score": round(score, 4), **detail})
        return out

    def search(self, q: str, f: dict[str, Any], limit: int = 20) -> dict[str, Any]:
        filters = self.filters({**f, "q": None})
        index = self.search_index()
        hits = index.search(" ".join([q, *alternates(q)]), limit=limit * 5)
        if any(v is not None for k, v in vars(filters).items() if k not in ("as_of", "within_days")):
            allowed = self._filter_tasks(filters, [h[0] for h in hits])
            hits = [h for h in hits if h[0] in allowed]
        return {"query": q, "mode": index.mode, "total": len(hits[:limit]), "items": self.hits(hits[:limit])}

    def _filter_tasks(self, filters: Q.Filters, ids: list[str]) -> set[str]:
        filters.task_ids = ids
        try:
            rows, _ = Q.obligations(self.store, filters, limit=10_000)
        except StoreError as exc:
            raise store_failure(exc) from exc
        return {r["task_id"] for r in rows}

    def similar(self, task_id: str, other_regions: bool = True, limit: int = 10) -> dict[str, Any]:
        index = self.search_index()
        if not index.has(task_id):
            raise NotFound(f"no task with id {task_id!r}", "task")
        hits = index.similar(task_id, other_regions=other_regions, limit=limit)
        return {"task": self.hits([(task_id, 1.0, {})])[0], "items": self.hits(hits)}


def incoming_dir() -> Path:
    """DATA/incoming (0700): uploads being read; emptied at each server start."""
    folder = data_dir() / "incoming"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    with contextlib.suppress(OSError):
        os.chmod(folder, 0o700)
    return folder


def clear_incoming() -> None:
    """Remove uploads a killed server left half-read, and the `uploads/` folder where older
    versions kept every upload forever (refused bombs and deleted documents' files too;
    issue 15 item 7): a document's text lives in the graph."""
    shutil.rmtree(data_dir() / "incoming", ignore_errors=True)
    legacy = data_dir() / "uploads"
    if legacy.is_dir():
        log.warning("removing %s: uploaded files are no longer kept (documents keep their text)", legacy)
        shutil.rmtree(legacy, ignore_errors=True)


# ---------------------------------------------------------------------- shaping helpers
# tasks holding any form of a keyword (api/shortforms.py)
TASKS_CONTAINING_AMONG = """
UNWIND $ids AS tid
MATCH (t:Task {id: tid})
WHERE any(f IN $forms WHERE t.text CONTAINS f OR t.title CONTAINS f)
RETURN t.id AS id
"""

# a page of tasks' texts and report recipients (with their offsets, to keep text order)
TASK_TITLE_TEXT = """
MATCH (t:Task) WHERE t.id IN $ids
RETURN t.id AS id, t.title AS title, t.text AS text
"""

TASK_FACTS = """
MATCH (t:Task) WHERE t.id IN $ids
RETURN t.id AS id, t.text AS text,
       [(t)-[rr:REPORTS_TO]->(rb:Body) | {name: rb.name, start: rr.start}] AS recipients
"""

TOPIC_CANDIDATES = 100  # hits looked at per region before keeping those on the topic


def by_offset(items: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """Items in the order of their `start` offset in the text; those without one keep their order after."""
    indexed = list(enumerate(items or []))
    return [x for _, x in sorted(indexed, key=lambda ix: (not isinstance(ix[1].get("start"), int),
                                                          ix[1].get("start") or 0, ix[0]))]


def recipient_names(recipients: list[dict[str, Any]]) -> list[str]:
    """Recipient names in text order, each once."""
    return list(dict.fromkeys(r["name"] for r in by_offset(recipients)))


def topic_terms(topic: str) -> list[str]:
    """The words of a topic with its short forms written out (事故调查 -> 事故, 调查; 危化品
    搬迁 -> 危险化学品, 搬迁): the filler words (怎么, 工作…) of nlp/lexical.py left out."""
    from ..nlp.lexical import STOPWORDS, WORDLIKE, segmenter

    words = [w for w in segmenter().cut(canonical(topic).lower()) if w not in STOPWORDS and WORDLIKE.search(w)]
    longer = [w for w in words if len(w) > 1]
    return list(dict.fromkeys(longer or words))


def holds(text: str, word: str) -> bool:
    """Whether `text` names `word`, not its negation: 非煤矿山 (non-coal mines) does not name
    煤矿, though it contains it."""
    return word in text.replace("非" + word, "|")


def topic_match(terms: list[str], text: str) -> list[str] | None:
    """The topic words a task text holds (both with short forms written out), or None when
    too few: all of a one- or two-word topic, two thirds of a longer one (at least two)."""
    if not terms:
        return None
    full = canonical(text)
    found = [w for w in terms if holds(full, w)]
    needed = len(terms) if len(terms) <= 2 else max(2, math.ceil(len(terms) * 2 / 3))
    return found if len(found) >= needed else None


VERSION = "MATCH (v:Stat {key: 'version'}) RETURN v.n AS version"


def _drop(rows: list[dict[str, Any]], *keys: str) -> list[dict[str, Any]]:
    """Rows without the columns that only served the query's ordering."""
    for r in rows:
        for k in keys:
            r.pop(k, None)
    return rows


def encode_cursor(cursor: dict[str, Any]) -> str:
    """A keyset position as an opaque URL-safe token (what `next_cursor` carries)."""
    import base64
    import json

    return base64.urlsafe_b64encode(json.dumps(cursor, ensure_ascii=False).encode()).decode().rstrip("=")


def decode_cursor(token: str) -> dict[str, Any]:
    """The keyset position of a `next_cursor` token; BadInput when it is not one."""
    import base64
    import binascii
    import json

    try:
        data = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        keys = {"c_sort", "c_name", "c_key", "c_role", "c_sort_key"}
        if not isinstance(data, dict) or set(data) != keys or not isinstance(data["c_sort_key"], int) \
                or not all(isinstance(data[k], str) for k in keys - {"c_sort_key"}):
            raise ValueError("not a cursor")
        for k in keys - {"c_sort_key"}:
            if "\x00" in data[k]:
                raise ValueError("NUL in cursor")
        if not 0 <= data["c_sort_key"] < 2**62:
            raise ValueError("cursor key out of range")
        return data
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        raise BadInput("cursor is not one this API returned (use next_cursor of a previous page)") from exc


def obligation_row(r: dict[str, Any]) -> dict[str, Any]:
    region = (r.get("province") or "") + (r.get("locality") or "")
    return {
        "body": r["body"], "body_id": r["body_id"], "role": r["role"], "explicit": r["explicit"],
        "task_id": r["task_id"], "path": r["path"], "title": r["title"], "deadlines": r["deadlines"],
        "due": r["due"], "sectors": r["sectors"] or [], "recipients": r["recipients"], "region": region or None,
        "document_id": r["document_id"], "document_title": r["document_title"], "doc_number": r["doc_number"],
        "evidence": r["evidence"],
        "location": {"document_id": r["document_id"], "start": r["start"], "end": r["end"],
                     "actor_start": r["actor_start"], "actor_end": r["actor_end"]},
    }


def evidence_spans(task_id: str, r: dict[str, Any]) -> list[dict[str, Any]]:
    """Original-text spans of one task and of what was extracted from it."""
    t = r["task"]
    spans = []
    if t.get("start") is not None:
        spans.append({"kind": "task", "label": t["title"], "start": t["start"], "end": t["end"], "ref": task_id})
    for kind, items, label in (("actor", r["actors"], "name"), ("recipient", r["recipients"], "name"),
                               ("deadline", r["deadlines"], "text"), ("sector", r["sector_marks"], "name"),
                               ("target", r["targets"], "text")):
        for it in items:
            if it.get("start") is not None and it.get("end") is not None:
                spans.append({"kind": kind, "label": it.get(label) or "", "start": it["start"], "end": it["end"],
                              "ref": task_id})
    return spans


def build_outline(sections: list[dict[str, Any]], tasks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Headings and tasks as a tree in document order: [{path, title, task_id, children}]."""
    nodes: dict[tuple[str, ...], dict[str, Any]] = {}
    roots: list[dict[str, Any]] = []

    def place(path: tuple[str, ...], node: dict[str, Any]) -> None:
        parent = nodes.get(path[:-1]) if len(path) > 1 else None
        (parent["children"] if parent else roots).append(node)
        nodes[path] = node

    items = [(tuple(s["path"]), {"path": s["path"], "title": s.get("title"), "task_id": None, "children": []})
             for s in sections]
    items += [(tuple(t["path"]), {"path": t["path"], "title": t["title"], "task_id": t["id"], "children": []})
              for t in tasks]
    seen_sections = {p for p, _ in items[: len(sections)]}
    order = {t["id"]: i for i, t in enumerate(tasks)}
    # a section comes right before its first task; tasks keep document order
    first_task = {}
    for t in tasks:
        for depth in range(1, len(t["path"])):
            first_task.setdefault(tuple(t["path"][:depth]), order[t["id"]])
    items.sort(key=lambda it: (first_task.get(it[0], order.get(it[1]["task_id"], 0)), len(it[0]) if it[0] in seen_sections else 99))
    for path, node in items:
        if path in nodes and node["task_id"]:
            nodes[path]["task_id"] = node["task_id"]
            nodes[path]["title"] = nodes[path]["title"] or node["title"]
            continue
        place(path, node)
    return roots


