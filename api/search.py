"""Hybrid retrieval over the graph's tasks: BM25 over jieba tokens fused with vector
similarity from the store's vector index (convex fusion of normalised BM25 and cosine).

Why both: researchers type their own words ("危化品搬迁"); BM25 finds the tasks that share
them, the embedding finds tasks worded differently ("危险化学品生产企业搬迁改造"), and
fusion keeps what either is sure of. The lexical index lives in memory (built from the
graph, rebuilt when documents change); vectors live in the store's vector index.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import json
import logging
import multiprocessing
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..graph.dialect import vector_call
from ..graph.queries import TASK_COUNT, TASK_IDS, TASK_TEXTS, TASK_TEXTS_OF, TASK_TEXTS_SINCE
from ..graph.store import GraphStore
from ..nlp.lexical import DeltaLexical, LexicalIndex, containment_bigrams
from ..nlp.retrieval import LEXICAL_WEIGHT, convex_fusion

log = logging.getLogger("policykg.api")

CANDIDATES = 100  # how deep each ranking goes before fusion
REGION_VECTOR_DEPTH = 1000  # the vector ranking's depth when one region's tasks are wanted


@dataclass
class SearchIndex:
    store: GraphStore
    embedder: Any
    key: tuple
    lexical: LexicalIndex
    ids: list[str]
    regions: dict[str, list[str]]  # task id -> its document's region chain (names)
    positions: dict[str, int] = field(default_factory=dict)
    # region name -> positions (in `ids`) of its tasks, ascending; built on first use
    _in_region: dict[str, Any] | None = field(default=None, repr=False)
    # the tasks written since `lexical` was built, and those of `ids` deleted since (see `with_changes`)
    delta: DeltaLexical | None = None
    removed: frozenset[str] = frozenset()
    # documents written from this time on (`ingested_at`, ISO UTC) may be missing from `lexical`
    built_at: str | None = None
    # each task's sort key (graph/sortkeys.py), aligned with `ids`, which the build orders by it;
    # and the delta's tasks' keys: so the first holders of a text are the first of the list
    sort_keys: Any = None
    delta_keys: dict[str, int] = field(default_factory=dict)

    @property
    def size(self) -> int:
        """How many tasks the index answers for."""
        return len(self.ids) - len(self.removed) + (len(self.delta.ids) if self.delta else 0)

    def has(self, task_id: str) -> bool:
        return (task_id in self.positions and task_id not in self.removed) or \
            (self.delta is not None and task_id in self.delta.id_set)

    def with_changes(self, store: GraphStore, key: tuple) -> "SearchIndex | None":
        """This index brought to the graph at version `key` without rebuilding it: the tasks
        written since it was built are scored by a `DeltaLexical` beside it, those deleted are
        masked. None when the delta would be large (more than DELTA_SHARE of the index, at least
        DELTA_MIN tasks): a whole build is then due."""
        rows, removed = self.written_since(store), frozenset()
        if rows is None:  # something was deleted (or the build time is unknown): every id is read
            current = [r["id"] for r in store.read(TASK_IDS)]
            now = set(current)
            new = [tid for tid in current if tid not in self.positions]
            if not self.delta_fits(len(new)):
                return None
            rows = store.read(TASK_TEXTS_OF, {"ids": new}) if new else []
            removed = frozenset(tid for tid in self.ids if tid not in now)
        elif not self.delta_fits(len(rows)):
            return None
        delta = DeltaLexical(self.lexical, [r["id"] for r in rows],
                             [(r["title"] or "") + "\n" + (r["text"] or "") for r in rows])
        regions = {**self.regions, **{r["id"]: r["regions"] or [] for r in rows}}
        return SearchIndex(self.store, self.embedder, key, self.lexical, self.ids, regions, self.positions,
                           self._in_region, delta, removed, self.built_at, self.sort_keys,
                           {r["id"]: int(r["sort_key"] or 0) for r in rows})

    @property
    def takes_deltas(self) -> bool:
        """Large enough for a write to be a delta rather than a rebuild (a small graph rebuilds in
        well under a second), and saved with the statistics a delta needs."""
        return len(self.ids) >= ASIDE_FROM_TASKS and self.lexical.avgdl is not None

    def delta_fits(self, n: int) -> bool:
        """Whether `n` tasks written since the build are few enough for a delta."""
        return n <= max(DELTA_MIN, DELTA_SHARE * len(self.ids))

    def written_since(self, store: GraphStore) -> list[dict] | None:
        """The tasks written since this index was built, when nothing was deleted meanwhile (the
        task count says so): the documents written since are read, not 180,000 ids (0.3 s of
        each API process after every upload at 10,000 documents). None: every id must be read."""
        if self.built_at is None:
            return None
        rows = [r for r in store.read(TASK_TEXTS_SINCE, {"since": self.built_at}) if r["id"] not in self.positions]
        count = store.read(TASK_COUNT)
        if not count or count[0]["n"] != len(self.ids) + len(rows):
            return None
        return rows

    def lexical_scores(self, q: str) -> tuple[Any, Any]:
        """BM25 of `ids` (deleted tasks at 0) and of the delta's tasks for `q`."""
        import numpy as np

        base = self.lexical.scores(q)
        if self.removed and base.size:
            base = base.copy()
            base[[self.positions[tid] for tid in self.removed]] = 0.0
        extra = self.delta.scores(q) if self.delta is not None else np.zeros(0, dtype=np.float32)
        return base, extra

    def lexical_ranking(self, q: str, k: int) -> list[tuple[str, float]]:
        """The `k` best (task id, BM25) of the index and its delta, best first."""
        import numpy as np

        base, extra = self.lexical_scores(q)
        if self.delta is None and not self.removed:
            return self.lexical.search(q, k)
        found = [(self.ids[i], float(base[i])) for i in np.argsort(-base, kind="stable")[:k] if base[i] > 0]
        found += [(self.delta.ids[i], float(extra[i])) for i in np.argsort(-extra, kind="stable")[:k] if extra[i] > 0]
        return sorted(found, key=lambda p: -p[1])[:k]

    def holding(self, q: str, at_most: int | None = None) -> list[str] | None:
        """Ids of every task whose title or text may hold `q` verbatim — a superset the store's
        `CONTAINS` then checks — or None when the index cannot bound it (no sure bigram) or
        would name more than `at_most`.

        Why: a text filter scanned its tasks in deadline order until a page was full, so a text
        few tasks hold read the whole graph (77 ms at 10,000 documents for a text no task holds,
        1 ms by its candidates; issue 13); the postings name the few candidates at once."""
        tokens = containment_bigrams(q)
        if tokens is None or self.lexical.bm25 is None:
            return None
        positions = self.lexical.holding_all(tokens, at_most)
        if positions is None:
            return None
        found = [self.ids[i] for i in positions]
        if self.removed:
            found = [tid for tid in found if tid not in self.removed]
        if self.delta is not None:
            found += self.delta.holding_all(tokens)
        return None if at_most is not None and len(found) > at_most else found

    def first_holding(self, forms: list[str], lo: int, hi: int, want: int) -> "Holders | None":
        """The first tasks (at least `want` when there are that many) with a sort key in
        [lo, hi) whose text may hold one of `forms` verbatim, in key order — a superset the
        store's `CONTAINS` then checks — and the key below which that list is complete. None
        when a form has no sure bigram (the index cannot bound it).

        Why: a common text (事故调查: thousands of tasks at 10,000 documents) was found by
        sampling the store's key range with `CONTAINS`, rounds that grow with the graph; the
        index is in key order, so the first holders are the first page's candidates."""
        import numpy as np

        token_sets = [containment_bigrams(f) for f in forms]
        if not token_sets or any(t is None for t in token_sets) or self.lexical.bm25 is None or self.sort_keys is None:
            return None
        keys = self.sort_keys
        start, end = int(np.searchsorted(keys, lo, "left")), int(np.searchsorted(keys, hi, "left"))
        w = want
        while True:
            found, known = [], end
            for tokens in token_sets:
                pos, k = self.lexical.first_holding(tokens, start, end, w)
                found.append(pos)
                known = min(known, k)
            # every holder of a key below `bound` is known (a key's ties may straddle `known`)
            bound = hi if known >= end else int(keys[known])
            pos = np.unique(np.concatenate(found)) if found else np.zeros(0, dtype=np.int64)
            pos = pos[keys[pos] < bound]
            ids = [self.ids[i] for i in pos]
            if self.removed:
                keep = [tid not in self.removed for tid in ids]
                pos, ids = pos[np.asarray(keep, dtype=bool)], [t for t, k in zip(ids, keep) if k]
            if len(ids) >= want or known >= end:
                break
            w *= 4
        pairs = list(zip(ids, (int(k) for k in keys[pos])))
        if self.delta is not None:
            extra = {tid for tokens in token_sets for tid in self.delta.holding_all(tokens)}
            pairs += [(tid, self.delta_keys[tid]) for tid in extra
                      if tid in self.delta_keys and lo <= self.delta_keys[tid] < bound]
        pairs.sort(key=lambda p: (p[1], p[0]))
        return Holders([p[0] for p in pairs], [p[1] for p in pairs], bound)

    @classmethod
    def build(cls, store: GraphStore, embedder: Any, key: tuple, previous: Path | None = None) -> "SearchIndex":
        """`previous`: a folder an earlier index was saved in, whose tokens are reused."""
        import numpy as np

        built_at = build_time()
        # in the obligations' order: a text's first holders are then its first obligations
        rows = sorted(store.read(TASK_TEXTS), key=lambda r: (int(r["sort_key"] or 0), r["id"]))
        ids = [r["id"] for r in rows]
        lexical = LexicalIndex(ids, [(r["title"] or "") + "\n" + (r["text"] or "") for r in rows],
                               previous=previous / "lexical" if previous is not None else None)
        index = cls(store, embedder, key, lexical, ids, {r["id"]: r["regions"] or [] for r in rows},
                    {tid: i for i, tid in enumerate(ids)}, built_at=built_at,
                    sort_keys=np.asarray([int(r["sort_key"] or 0) for r in rows], dtype=np.int64))
        index.region_positions()
        return index

    def save(self, folder: Path) -> None:
        """The index beside the graph (see `load_or_build`)."""
        self.lexical.save(folder / "lexical")
        (folder / "regions.json").write_text(json.dumps(self.regions, ensure_ascii=False), encoding="utf-8")
        (folder / "built_at").write_text(self.built_at or "", encoding="utf-8")
        import numpy as np

        np.save(folder / "sort_keys.npy", np.asarray(self.sort_keys, dtype=np.int64))

    @classmethod
    def load(cls, store: GraphStore, embedder: Any, key: tuple, folder: Path) -> "SearchIndex":
        import numpy as np

        lexical = LexicalIndex.load(folder / "lexical")
        regions = json.loads((folder / "regions.json").read_text(encoding="utf-8"))
        stamp = folder / "built_at"
        # (an index saved without its sort keys is not in the list's order: OSError, rebuilt)
        sort_keys = np.load(folder / "sort_keys.npy")
        if len(sort_keys) != len(lexical.ids):
            raise ValueError(f"{len(sort_keys)} sort keys for {len(lexical.ids)} tasks")
        index = cls(store, embedder, key, lexical, lexical.ids, regions,
                    {tid: i for i, tid in enumerate(lexical.ids)},
                    built_at=(stamp.read_text(encoding="utf-8") or None) if stamp.exists() else None,
                    sort_keys=sort_keys)
        index.region_positions()
        return index

    @classmethod
    def load_or_build(cls, store: GraphStore, embedder: Any, key: tuple, data: Path | None) -> "SearchIndex":
        """The index of the graph at version `key`: loaded from the data folder when an index of
        that version was saved there (a restart, the second API process), else built and saved.

        Why: building tokenizes every task (≈ a minute at 10,000 documents, minutes beside 100
        clients), and each API process built its own after every start (issue 13: restart that
        does not rebuild what it can load; issue 15: the 10k load run). A lock file makes the
        processes take turns, so the second one loads what the first saved."""
        if data is None:
            index = cls.build(store, embedder, key)
            index.lexical.forget_tokens()
            return index
        root = data / "search-index"
        root.mkdir(parents=True, exist_ok=True, mode=0o700)
        name = index_name(key)
        folder = root / name
        with os.fdopen(os.open(root / ".lock", os.O_RDWR | os.O_CREAT, 0o600), "r+") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if saved_index(data, key) is not None:
                try:
                    return cls.load(store, embedder, key, folder)
                except (OSError, ValueError, KeyError) as exc:
                    log.warning("saved search index %s unreadable (%s): rebuilding", folder, exc)
            index = cls.build(store, embedder, key, newest_saved(data, but=name))
            tmp = root / f".{name}.tmp"
            shutil.rmtree(tmp, ignore_errors=True)
            index.save(tmp)
            index.lexical.forget_tokens()
            (tmp / "complete").touch()
            for path in [tmp, *tmp.rglob("*")]:  # the data folder is this user's only (issue 15)
                path.chmod(0o700 if path.is_dir() else 0o600)
            shutil.rmtree(folder, ignore_errors=True)
            tmp.rename(folder)
            for old in root.iterdir():  # only the newest version is kept
                if old.is_dir() and old.name != name:
                    shutil.rmtree(old, ignore_errors=True)
            return index

    @classmethod
    def delta_from_saved(cls, store: GraphStore, embedder: Any, key: tuple, data: Path | None) -> "SearchIndex | None":
        """The newest index saved beside the graph (of an earlier version) with the changes since
        (`with_changes`): a restart after a few uploads loads instead of rebuilding."""
        folder = newest_saved(data) if data is not None else None
        if folder is None:
            return None
        try:
            base = cls.load(store, embedder, key, folder)
        except (OSError, ValueError, KeyError):
            return None
        return base.with_changes(store, key) if base.takes_deltas else None

    @classmethod
    def load_or_build_aside(cls, store: GraphStore, embedder: Any, key: tuple,
                            current: "SearchIndex | None" = None) -> "SearchIndex":
        """`load_or_build`, with the build (if one is needed) in a separate process at the
        lowest CPU priority, for a serving process.

        Why: the build is a minute of CPU-bound tokenizing at 10,000 documents. In a thread of
        the API process it took the interpreter lock from the requests: after one upload during
        the 10k load run, read p95 went from 80 ms to 2.4 s for two minutes. Aside and niced,
        the requests keep the CPU; the index of the graph before the write answers meanwhile,
        and the new one is loaded from disk in under a second."""
        data = getattr(store, "data", None)
        graph = getattr(store, "graph_name", None)
        sock = getattr(store, "socket", None)
        if data is not None and saved_index(data, key) is None:
            # a large index brought up to date by a delta: the index in use, else the one saved
            fresh = current.with_changes(store, key) if current is not None and current.takes_deltas \
                else cls.delta_from_saved(store, embedder, key, data)
            if fresh is not None:
                return fresh
        if data is None or graph is None or sock is None or not large(store):
            # a small graph builds in well under a second: starting a process costs more
            return cls.load_or_build(store, embedder, key, data)
        child = multiprocessing.get_context("spawn").Process(
            target=_build_and_save, args=(str(data), str(sock), graph, key), name="search-index-build", daemon=True)
        child.start()
        child.join()
        if child.exitcode and child.exitcode < 0:
            raise RuntimeError(f"the search index build process was stopped (signal {-child.exitcode})")
        if child.exitcode:
            log.warning("search index build process ended with %s: building here", child.exitcode)
        return cls.load_or_build(store, embedder, key, data)

    @property
    def mode(self) -> str:
        return "hybrid" if self.embedder is not None else "lexical"

    def vector_ranking(self, vector: list[float], k: int) -> list[tuple[str, float]]:
        query = vector_call(self.store.name, k) + " RETURN node.id AS id, score ORDER BY score DESC"
        return [(r["id"], float(r["score"])) for r in self.store.read(query, {"vector": vector})]

    def query_ranking(self, q: str, region: str | None = None) -> list[tuple[str, float]]:
        """The vector ranking of the text `q` as `search` uses it (deeper for one region's
        tasks); a topic compared across regions computes it once and passes it to each."""
        if self.embedder is None or not self.ids:
            return []
        vec = [float(x) for x in self.embedder.embed([q])[0]]
        depth = CANDIDATES if region is None else REGION_VECTOR_DEPTH
        return self.vector_ranking(vec, min(depth, self.size)) if any(vec) else []

    def search(self, q: str, region: str | None = None, limit: int = 20,
               vector: list[tuple[str, float]] | None = None) -> list[tuple[str, float, dict]]:
        """(task id, fused score, {"lexical": rank, "vector": rank}) best first.

        With `region`, the lexical candidates are that region's best, not the best overall
        filtered afterwards: on a large graph the overall top 100 can hold none of a
        region's tasks, and the topic comparison then said the region had none. Scores stay
        comparable across regions (BM25 is normalised by the best score overall)."""
        if region is None:
            lexical = self.lexical_ranking(q, CANDIDATES)
        else:
            lexical, top = self.lexical_in(q, region, CANDIDATES)
        if vector is None:  # (`query_ranking(q, region)` when the caller has it already)
            vector = self.query_ranking(q, region)
        # the stores score (1 + cos) / 2; convex fusion (measured better than RRF on the
        # retrieval set, bench/eval_retrieval.py) wants the cosine back
        cosines = [(tid, 2 * s - 1) for tid, s in vector]
        fused = convex_fusion(lexical, cosines) if region is None else fuse(lexical, cosines, top)
        lex_rank = {tid: i + 1 for i, (tid, _) in enumerate(lexical)}
        vec_rank = {tid: i + 1 for i, (tid, _) in enumerate(vector)}
        out = []
        for tid, score in fused:
            if region and region not in self.regions.get(tid, []):
                continue
            out.append((tid, score, {"lexical_rank": lex_rank.get(tid), "vector_rank": vec_rank.get(tid)}))
            if len(out) >= limit:
                break
        return out

    def lexical_in(self, q: str, region: str, k: int) -> tuple[list[tuple[str, float]], float]:
        """The `k` best BM25 (id, score) among `region`'s tasks, and the best score overall."""
        import numpy as np

        scores, extra = self.lexical_scores(q)
        if not scores.size and not extra.size:
            return [], 0.0
        top = float(max(scores.max() if scores.size else 0.0, extra.max() if extra.size else 0.0))
        found: list[tuple[str, float]] = []
        if self.delta is not None:  # the delta is small: its region's tasks by their names
            found = [(tid, float(extra[i])) for i, tid in enumerate(self.delta.ids)
                     if extra[i] > 0 and region in self.regions.get(tid, [])]
        # the region's positions, not a Python pass over every task (85 ms a region at
        # 10,000 documents: the topic comparison of 3 regions took 240 ms)
        rows = self.region_positions().get(region) if scores.size else None
        if rows is not None:
            rows = rows[scores[rows] > 0]
            rows = rows[np.argsort(-scores[rows], kind="stable")][:k]  # ties in task order, as before
            found = [(self.ids[i], float(scores[i])) for i in rows] + found
        return sorted(found, key=lambda p: -p[1])[:k], top

    def region_positions(self) -> dict[str, Any]:
        if self._in_region is None:
            import numpy as np

            by: dict[str, list[int]] = {}
            for i, tid in enumerate(self.ids):
                for name in dict.fromkeys(self.regions.get(tid, [])):
                    by.setdefault(name, []).append(i)
            self._in_region = {name: np.asarray(pos, dtype=np.int64) for name, pos in by.items()}
        return self._in_region

    def similar(self, task_id: str, other_regions: bool = True, limit: int = 10) -> list[tuple[str, float, dict]]:
        """The tasks closest to `task_id` by embedding (BM25 on its text without a model)."""
        own = set(self.regions.get(task_id, [])[:1])
        if self.embedder is not None:
            row = self.store.read("MATCH (t:Task {id: $id}) RETURN t.embedding AS e", {"id": task_id})
            vec = row[0]["e"] if row else None
            ranking = self.vector_ranking([float(x) for x in vec], min(self.size, limit * 10 + 1)) if vec else []
        else:
            text = self.store.read("MATCH (t:Task {id: $id}) RETURN t.title + '\n' + t.text AS s", {"id": task_id})
            ranking = self.lexical_ranking(text[0]["s"], limit * 10 + 1) if text else []
        out = []
        for tid, score in ranking:
            if tid == task_id:
                continue
            if other_regions and own and own & set(self.regions.get(tid, [])[:1]):
                continue
            out.append((tid, score, {}))
            if len(out) >= limit:
                break
        return out


@dataclass
class Holders:
    """Tasks that may hold a text, in sort-key order: every one with a key below `bound`."""

    ids: list[str]
    keys: list[int]
    bound: int


BUILD_MARGIN = dt.timedelta(minutes=2)  # a write that began before a build may commit after its read


def build_time() -> str:
    """When a build starts, less BUILD_MARGIN, in the form documents' `ingested_at` has."""
    return (dt.datetime.now(dt.timezone.utc).replace(microsecond=0) - BUILD_MARGIN).isoformat()


def fuse(lexical: list[tuple[str, float]], vector: list[tuple[str, float]], top: float,
         alpha: float = LEXICAL_WEIGHT) -> list[tuple[str, float]]:
    """`convex_fusion` with BM25 normalised by `top` (the best score overall, not the best of
    `lexical`), so one region's scores compare with another's. Vector hits outside `lexical`
    count too, as in `convex_fusion`."""
    scores: dict[str, float] = {}
    for tid, s in lexical:
        scores.setdefault(tid, alpha * max(s, 0.0) / top if top > 0 else 0.0)
    seen: set[str] = set()
    for tid, s in vector:
        if tid not in seen:
            seen.add(tid)
            scores[tid] = scores.get(tid, 0.0) + (1.0 - alpha) * max(s, 0.0)
    order = {tid: i for i, tid in enumerate(scores)}
    return sorted(((t, s) for t, s in scores.items() if s > 0), key=lambda kv: (-kv[1], order[kv[0]]))


def _build_and_save(data: str, sock: str, graph: str, key: tuple) -> None:
    """In a child process: build the index of `graph` at `key` and save it beside the graph.
    It connects to the running server and never starts one (a server stopped meanwhile —
    the service shutting down — must stay stopped)."""
    from ..graph import embedded
    from ..graph.falkor_store import FalkorStore

    os.nice(19)
    if saved_index(Path(data), tuple(key)) is not None:
        return  # the other API process built it meanwhile: the parent loads it
    store = FalkorStore(Path(sock), graph, data=Path(data), password=embedded.store_password(Path(data)))
    try:
        SearchIndex.load_or_build(store, None, tuple(key), Path(data))
    finally:
        store.close()


ASIDE_FROM_TASKS = 20_000  # from this many tasks a build is seconds of CPU: done aside
# From ASIDE_FROM_TASKS tasks, a write is followed by a delta (`SearchIndex.with_changes`) until
# the tasks written since the last whole build pass this share of the index (and DELTA_MIN).
DELTA_SHARE = 0.05
DELTA_MIN = 2_000


def large(store: GraphStore) -> bool:
    """Whether the graph holds enough tasks for its index build to be done in another process."""
    rows = store.read(TASK_COUNT)
    return bool(rows) and rows[0]["n"] >= ASIDE_FROM_TASKS


def newest_saved(data: Path, but: str | None = None) -> Path | None:
    """The most recently saved complete index beside the graph (other than the folder `but`)."""
    root = data / "search-index"
    if not root.is_dir():
        return None
    done = [d for d in root.iterdir() if d.is_dir() and d.name != but and (d / "complete").exists()]
    return max(done, key=lambda d: d.stat().st_mtime) if done else None


def saved_index(data: Path, key: tuple) -> Path | None:
    """The folder of the saved index of version `key` beside the graph in `data`, if complete."""
    folder = data / "search-index" / index_name(key)
    return folder if (folder / "complete").exists() else None


def index_name(key: tuple) -> str:
    return hashlib.sha256(json.dumps(key, default=str).encode()).hexdigest()[:16]
