"""`policykg ingest`: files and folders in, documents in the graph, a summary out.

Each file is extracted in a worker process within its budget (graph/sandbox.py: time,
memory, tasks), so a file that hangs the extractor or explodes in memory costs only
itself, and written on its own (one statement per document), so a crash mid-batch leaves
only complete documents: running the same ingest again writes the rest.

What stops a batch and what does not (issue 15 item 5): a file the readers refuse, an
extractor bug, a record the writer refuses, and a statement the store refuses (a value it
cannot take, a constraint) are that file's errors, reported with the reason. Only a store
that cannot be reached, or a full disk, ends the batch: every later write would fail too.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from .records import InvalidRecord
from .store import GraphStore, QueryError, StoreError
from .writer import WriteResult, write_record


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

    @property
    def ok(self) -> bool:
        return not self.failed


def ingest_paths(store: GraphStore, paths: Sequence[Path], embedder=None,
                 on_file: Callable[[Path, WriteResult | None, str | None], None] | None = None,
                 workers: int = 1) -> IngestSummary:
    """Extract each file (in `workers` processes) and write it; a file that fails is
    reported and the batch goes on. StoreError (store unreachable, DiskFull) ends it, with
    the documents written so far kept."""
    from .sandbox import ExtractPool

    summary = IngestSummary()

    def fail(path: str, reason: str, code: str) -> None:
        summary.failed.append((path, reason))
        summary.codes[path] = code

    with ExtractPool(workers) as pool:
        for outcome in pool.map([str(p) for p in paths]):
            result, error = None, None
            if outcome.record is None:
                error = outcome.error or "no record"
                fail(outcome.path, error, outcome.code or "unreadable")
            else:
                try:
                    result = write_record(store, outcome.record, embedder)
                    summary.written.append(result)
                except InvalidRecord as exc:
                    error = f"not stored: {exc}"
                    fail(outcome.path, error, "invalid_record")
                except QueryError as exc:  # this document's values or statement, not the store
                    error = f"not stored: the graph store refused it: {exc}"
                    fail(outcome.path, error, "store_refused")
                except StoreError:
                    raise
                except Exception as exc:  # noqa: BLE001 - a writer bug must not lose the batch
                    error = f"internal error: {type(exc).__name__}: {exc}"
                    fail(outcome.path, error, "internal")
            if on_file:
                on_file(Path(outcome.path), result, error)
    return summary


__all__ = ["ModelEmbedder", "default_embedder", "default_workers", "IngestSummary", "ingest_paths", "StoreError"]
