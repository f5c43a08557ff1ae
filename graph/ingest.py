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
  while the workers extract the next ones. Each document is still whole or absent: a crash
  mid-batch leaves only complete documents, and running the same ingest again writes the
  rest (documents already there are replaced by themselves).
- What stops a batch and what does not (issue 15 item 5): a file the readers refuse, an
  extractor bug, a record the writer refuses, and a statement the store refuses for one
  document (a value it cannot take) are that file's errors, reported with the reason. Only
  a store that cannot be reached, or a full disk (`DiskFull`), ends the batch: every later
  write would fail too.
"""

from __future__ import annotations

import os
import time
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
    extract_seconds: float = 0.0  # summed over workers (CPU time spent extracting)
    write_seconds: float = 0.0  # wall time of the graph writes (embeddings included)

    @property
    def ok(self) -> bool:
        return not self.failed


def ingest_paths(store: GraphStore, paths: Sequence[Path], embedder=None,
                 on_file: Callable[[Path, WriteResult | None, str | None], None] | None = None,
                 workers: int = 1, batch: int = BATCH_DOCUMENTS) -> IngestSummary:
    """Extract each file (in `workers` processes, within its budget) and write them in
    batches of `batch` documents; a file that fails is reported and the rest go on.
    StoreError (store unreachable, DiskFull) ends the batch, the documents written kept."""
    from .records import InvalidRecord
    from .sandbox import ExtractPool
    from .writer import write_records

    summary = IngestSummary()
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

    def flush() -> None:
        if not pending:
            return
        t0 = time.perf_counter()
        try:
            results = write_records(store, [r for _, r in pending], embedder)
        finally:
            summary.write_seconds += time.perf_counter() - t0
        for (path, _), res in zip(pending, results):
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
        pending.clear()

    with ExtractPool(workers) as pool:
        for outcome in pool.map([str(p) for p in paths]):
            summary.extract_seconds += outcome.seconds
            if outcome.record is None:
                report(outcome.path, None, outcome.error or "no record", outcome.code)
                continue
            if not pending:
                started = time.monotonic()
            pending.append((outcome.path, outcome.record))
            if len(pending) >= batch or time.monotonic() - started > BATCH_SECONDS:
                flush()  # StoreError propagates: every later write would fail too
        flush()
    return summary


__all__ = ["ModelEmbedder", "default_embedder", "default_workers", "IngestSummary", "ingest_paths", "StoreError"]
