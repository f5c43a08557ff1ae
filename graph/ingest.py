"""`policykg ingest`: files and folders in, documents in the graph, a summary out.

Why it is built this way:
- Extraction is CPU-bound Python (spaCy, jieba, regexes: ~30 documents/s on one core), so
  it runs in `workers` processes (default: one per core), each file within its budget
  (graph/sandbox.py: time, memory, tasks): a file that hangs the extractor or explodes in
  memory costs only itself. The workers are forked from a server process that imported the
  extractor once (`forkserver`), not from this process, which may hold a loaded torch model
  and threads that a fork would copy in a broken state. At most twice as many files as
  workers are in flight, so memory stays bounded whatever the folder's size.
- Writes go in batches of whole documents (`writer.write_records`: one statement per batch),
  while the workers extract the next ones and the next batch is prepared
  (`writer.PipelinedWriter`). Each document is still whole or absent: a crash
  mid-batch leaves only complete documents, and running the same ingest again writes the
  rest (documents already there are replaced by themselves).
- A re-run skips unchanged files and replaces changed ones (graph/bulk.py: content hash +
  extractor version, one read of the graph), so an interrupted run (even kill -9) is
  resumed by running it again, and ends with every document exactly once.
- What stops a batch and what does not (issue 15 item 5): a file the readers refuse, an
  extractor bug, a record the writer refuses, and a statement the store refuses for one
  document (a value it cannot take) are that file's errors, reported with the reason. Only
  a store that cannot be reached, or a full disk (`DiskFull`), ends the batch: every later
  write would fail too.
"""

from __future__ import annotations

import os
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Sequence

from .store import GraphStore, QueryError, StoreError

if TYPE_CHECKING:  # the writer imports the extraction vocabularies: only when writing
    from .writer import WriteResult

BATCH_DOCUMENTS = 32  # documents per write statement (~1,000 nodes and ~4,000 relationships)
BATCH_SECONDS = 2.0  # a partial batch is written after this long, so progress shows


class ModelEmbedder:
    """The configured sentence-transformers model as the writer's `Embedder`."""

    def __init__(self) -> None:
        from ..nlp import embedding

        self._embedding = embedding
        self.fingerprint = embedding.model_fingerprint()
        self.dimension = embedding.dimension()

    def embed(self, texts: Sequence[str]):
        return self._embedding.embed(list(texts))


def default_embedder() -> ModelEmbedder | None:
    """The embedding model, unless `POLICYKG_EMBEDDINGS=off` (lexical search only)."""
    if os.environ.get("POLICYKG_EMBEDDINGS", "on").lower() in ("0", "off", "false", "no"):
        return None
    return ModelEmbedder()


def default_workers() -> int:
    """One extraction process per core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


@dataclass
class IngestSummary:
    written: list[WriteResult] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    codes: dict[str, str] = field(default_factory=dict)  # path -> short failure code
    skipped: list[str] = field(default_factory=list)  # unchanged since an earlier run
    old_versions_removed: int = 0  # documents of files whose content changed
    extract_seconds: float = 0.0  # summed over workers (CPU time spent extracting)
    write_seconds: float = 0.0  # wall time of the graph writes (embeddings included)

    @property
    def ok(self) -> bool:
        return not self.failed


def ingest_paths(store: GraphStore, paths: Sequence[Path], embedder=None,
                 on_file: Callable[[Path, WriteResult | None, str | None], None] | None = None,
                 workers: int = 1, batch: int = BATCH_DOCUMENTS, skip_unchanged: bool = True,
                 on_skip: Callable[[Path], None] | None = None) -> IngestSummary:
    """Extract each file (in `workers` processes, within its budget) and write them in
    batches of `batch` documents; a file that fails is reported and the rest go on.
    With `skip_unchanged`, files already stored by this extractor version are skipped and
    changed files replace their old version (graph/bulk.py). StoreError (store unreachable,
    DiskFull) ends the batch, the documents written kept."""
    from .bulk import extractor_version, plan, remove_stale
    from .records import InvalidRecord
    from .sandbox import ExtractPool
    from .writer import PipelinedWriter

    summary = IngestSummary()
    version = extractor_version()
    absolute = [Path(os.path.abspath(p)) for p in paths]  # the source path a re-run finds again
    work = plan(store, absolute, version, force=not skip_unchanged)
    pending: list[tuple[str, dict[str, Any]]] = []
    started = time.monotonic()

    def report(path: str, result: WriteResult | None, error: str | None, code: str | None = None) -> None:
        if result is not None:
            summary.written.append(result)
        if error:
            summary.failed.append((path, error))
            summary.codes[path] = code or "unreadable"
        if on_file:
            on_file(Path(path), result, error)

    for path, why in work.unreadable:
        report(str(path), None, why, "unreadable")
    # old versions of unchanged files: left by a run that stopped between write and delete
    summary.old_versions_removed += remove_stale(store, work.stale, [str(p) for p in work.skipped])
    for path in work.skipped:
        summary.skipped.append(str(path))
        if on_skip:
            on_skip(path)

    in_flight: deque[list[str]] = deque()  # paths of the batches submitted, in order

    def written(records: Sequence[dict[str, Any]], results: list[WriteResult | Exception]) -> None:
        paths = in_flight.popleft()
        ok = [path for path, res in zip(paths, results) if not isinstance(res, Exception)]
        summary.old_versions_removed += remove_stale(store, work.stale, ok)
        for path, res in zip(paths, results):
            if isinstance(res, InvalidRecord):
                report(path, None, f"not stored: {res}", "invalid_record")
            elif isinstance(res, QueryError):  # this document's values, not the store
                report(path, None, f"not stored: the graph store refused it: {res}", "store_refused")
            elif isinstance(res, StoreError):
                raise res
            elif isinstance(res, Exception):
                report(path, None, f"internal error: {type(res).__name__}: {res}", "internal")
            else:
                report(path, res, None)

    def flush(final: bool = False) -> None:
        """Submit the pending batch (written while the next one is extracted and prepared);
        with `final`, wait until everything submitted is written."""
        t0 = time.perf_counter()
        try:
            if pending:
                in_flight.append([path for path, _ in pending])
                writer.submit([r for _, r in pending])
            if final:
                writer.drain()
        finally:
            summary.write_seconds += time.perf_counter() - t0
        pending.clear()

    with ExtractPool(workers) as pool, PipelinedWriter(store, embedder, on_done=written) as writer:
        for outcome in pool.map([str(p) for p in work.todo]):
            summary.extract_seconds += outcome.seconds
            writer.poll()  # progress of the batch in flight, as soon as it is written
            if outcome.record is None:
                report(outcome.path, None, outcome.error or "no record", outcome.code)
                continue
            if not pending:
                started = time.monotonic()
            outcome.record["extractor"] = version
            pending.append((outcome.path, outcome.record))
            if len(pending) >= batch or time.monotonic() - started > BATCH_SECONDS:
                flush()  # StoreError propagates: every later write would fail too
        flush(final=True)
    return summary


def write_report(summary: IngestSummary, path: Path) -> Path:
    """Every file that failed, with its short code and reason: CSV when `path` ends in .csv,
    else JSON (issue 12: the report of a bulk run)."""
    import csv
    import json

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = [{"path": p, "code": summary.codes.get(p, "unreadable"), "reason": why} for p, why in summary.failed]
    if path.suffix.lower() == ".csv":
        with open(path, "w", newline="", encoding="utf-8-sig") as f:  # BOM: Excel reads it as UTF-8
            w = csv.DictWriter(f, fieldnames=["path", "code", "reason"])
            w.writeheader()
            w.writerows(rows)
    else:
        path.write_text(json.dumps({"failed": rows, "written": len(summary.written), "skipped": len(summary.skipped)},
                                   ensure_ascii=False, indent=1), encoding="utf-8")
    return path


__all__ = ["ModelEmbedder", "default_embedder", "default_workers", "IngestSummary", "ingest_paths", "write_report",
           "StoreError"]
