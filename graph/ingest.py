"""`policykg ingest`: files and folders in, documents in the graph, a summary out.

Each file is extracted and written on its own (one statement per document), so a bad file
is reported and skipped, and a crash mid-batch leaves only complete documents: running the
same ingest again writes the rest (documents already there are replaced by themselves).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from .records import InvalidRecord
from .store import GraphStore, StoreError
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


@dataclass
class IngestSummary:
    written: list[WriteResult] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)

    @property
    def ok(self) -> bool:
        return not self.failed


def ingest_paths(store: GraphStore, paths: Sequence[Path], embedder=None,
                 on_file: Callable[[Path, WriteResult | None, str | None], None] | None = None) -> IngestSummary:
    """Extract and write each file; a file that fails is reported and the batch goes on.

    A store that stops answering ends the batch (every later write would fail too) with
    the documents written so far kept.
    """
    from ..ingest.model import IngestError
    from ..nlp.extract import extract_path

    summary = IngestSummary()
    for path in paths:
        result, error = None, None
        try:
            result = write_record(store, extract_path(path), embedder)
            summary.written.append(result)
        except IngestError as exc:
            error = exc.reason
        except InvalidRecord as exc:
            error = f"not stored: {exc}"
        except StoreError:
            raise
        except Exception as exc:  # an extractor bug must not lose the rest of the batch
            error = f"internal error: {type(exc).__name__}: {exc}"
        if error:
            summary.failed.append((str(path), error))
        if on_file:
            on_file(path, result, error)
    return summary
