"""`policykg ingest`: files and folders in, documents in the graph, a summary out.

Why it is built this way:
- Extraction is CPU-bound Python (spaCy, jieba, regexes: ~30 documents/s on one core), so
  it runs in `workers` processes (default: one per core). They are forked from a server
  process that imported the extractor once (`forkserver`), not from this process, which may
  hold a loaded torch model and threads that a fork would copy in a broken state.
- Writes go in batches of whole documents (`writer.write_records`: one statement per batch),
  while the workers extract the next ones. Each document is still whole or absent: a crash
  mid-batch leaves only complete documents, and running the same ingest again writes the
  rest (documents already there are replaced by themselves).
- A bad file is reported and skipped; a store that stops answering ends the batch.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator, Sequence

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
    extract_seconds: float = 0.0  # summed over workers (CPU time spent extracting)
    write_seconds: float = 0.0  # wall time of the graph writes (embeddings included)

    @property
    def ok(self) -> bool:
        return not self.failed


def extract_one(path: Path | str) -> tuple[str, dict[str, Any] | None, str | None, float]:
    """(path, record, error, seconds) for one file; runs in a worker process. An extractor
    bug is an error of that file, not of the batch."""
    from ..ingest.model import IngestError
    from ..nlp.extract import extract_path

    t0 = time.perf_counter()
    try:
        return str(path), extract_path(path), None, time.perf_counter() - t0
    except IngestError as exc:
        return str(path), None, exc.reason, time.perf_counter() - t0
    except Exception as exc:
        return str(path), None, f"internal error: {type(exc).__name__}: {exc}", time.perf_counter() - t0


def extracted(paths: Sequence[Path], workers: int) -> Iterator[tuple[str, dict[str, Any] | None, str | None, float]]:
    """`extract_one` of every path, in order, by `workers` processes (inline for 1)."""
    if workers <= 1 or len(paths) <= 1:
        for path in paths:
            yield extract_one(path)
        return
    import multiprocessing as mp

    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(["policykg.nlp.extract"])
    with ctx.Pool(min(workers, len(paths))) as pool:
        yield from pool.imap(extract_one, [str(p) for p in paths], chunksize=2)


def ingest_paths(store: GraphStore, paths: Sequence[Path], embedder=None,
                 on_file: Callable[[Path, WriteResult | None, str | None], None] | None = None,
                 workers: int = 1, batch: int = BATCH_DOCUMENTS) -> IngestSummary:
    """Extract each file (in `workers` processes) and write them in batches of `batch`
    documents; a file that fails is reported and the rest go on."""
    from .records import InvalidRecord
    from .writer import write_records

    summary = IngestSummary()
    pending: list[tuple[str, dict[str, Any]]] = []
    started = time.monotonic()

    def report(path: str, result: WriteResult | None, error: str | None) -> None:
        if result is not None:
            summary.written.append(result)
        if error:
            summary.failed.append((path, error))
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
                report(path, None, f"not stored: {res}")
            elif isinstance(res, QueryError):
                report(path, None, f"not stored: the graph store refused it: {res}")
            elif isinstance(res, Exception):
                report(path, None, f"internal error: {type(res).__name__}: {res}")
            else:
                report(path, res, None)
        pending.clear()

    for path, record, error, secs in extracted(list(paths), workers):
        summary.extract_seconds += secs
        if error or record is None:
            report(path, None, error or "no record")
            continue
        if not pending:
            started = time.monotonic()
        pending.append((path, record))
        if len(pending) >= batch or time.monotonic() - started > BATCH_SECONDS:
            flush()  # StoreError propagates: every later write would fail too
    flush()
    return summary


__all__ = ["ModelEmbedder", "default_embedder", "default_workers", "IngestSummary", "ingest_paths",
           "extract_one", "StoreError"]
