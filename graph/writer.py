"""Writing extraction records into a graph store: one document, one statement.

Re-ingesting a document (same content hash) replaces it in the same statement that writes
it, so a reader never sees it half-written or missing. Embeddings are reused when a task's
text and the embedding model are unchanged, and recomputed otherwise.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Protocol, Sequence

from . import cypher
from .dialect import vector_expr
from .records import build_params, text_hash
from .store import GraphStore


class Embedder(Protocol):
    """What the writer needs from an embedding model (see `policykg.nlp.embedding`)."""

    fingerprint: str

    def embed(self, texts: Sequence[str]) -> Any:  # (n, dim) array of floats
        ...


@dataclass
class WriteResult:
    doc_id: str
    replaced: bool
    tasks: int
    embedded: int  # tasks whose embedding was computed now (the rest were reused)


def task_embedding_text(task: dict[str, Any]) -> str:
    return (task.get("title") or "") + "\n" + (task.get("text") or "")


def write_statement(dialect: str) -> str:
    """The document write statement with the dialect's way of storing a vector."""
    return cypher.WRITE_DOCUMENT.replace("{vec}", vector_expr(dialect, "t.embedding"))


def embeddings_for(store: GraphStore, record: dict[str, Any], embedder: Embedder | None) -> tuple[dict[str, list[float]], int]:
    """Task id -> vector, reusing what the graph holds for unchanged text under the same model."""
    if embedder is None or not record.get("tasks"):
        return {}, 0
    doc_id = record["id"]
    known = {r["id"]: r for r in store.read(cypher.EMBEDDINGS_OF_DOCUMENT, {"id": doc_id, "model": embedder.fingerprint})}
    out: dict[str, list[float]] = {}
    todo: list[tuple[str, str]] = []
    for t in record["tasks"]:
        tid = f"{doc_id}:{t['id']}"
        text = task_embedding_text(t)
        old = known.get(tid)
        if old and old.get("text_hash") == text_hash(text) and old.get("embedding"):
            out[tid] = [float(x) for x in old["embedding"]]
        else:
            todo.append((tid, text))
    if todo:
        vectors = embedder.embed([text for _, text in todo])
        for (tid, _), vec in zip(todo, vectors):
            out[tid] = [float(x) for x in vec]
    return out, len(todo)


def write_record(store: GraphStore, record: dict[str, Any], embedder: Embedder | None = None) -> WriteResult:
    """Write (or replace) one document and everything extracted from it, atomically."""
    existed = bool(store.read(cypher.DOCUMENT_EXISTS, {"id": record["id"]}))
    vectors, computed = embeddings_for(store, record, embedder)
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
    params = build_params(record, vectors, embedder.fingerprint if embedder else None, ingested_at=now)
    store.write(write_statement(store.name), params.as_params())
    if existed:
        store.write(cypher.REMOVE_ORPHANS)
    return WriteResult(record["id"], existed, len(params.tasks), computed)


def delete_document(store: GraphStore, doc_id: str) -> bool:
    """Remove a document and what only it used; shared bodies, regions and sectors stay."""
    if not store.read(cypher.DOCUMENT_EXISTS, {"id": doc_id}):
        return False
    store.write(cypher.DELETE_DOCUMENT, {"doc": {"id": doc_id}})
    store.write(cypher.REMOVE_ORPHANS)
    return True


def counts(store: GraphStore) -> dict[str, dict[str, int]]:
    nodes = {r["label"]: r["n"] for r in store.read(cypher.COUNT_NODES)}
    rels = {r["type"]: r["n"] for r in store.read(cypher.COUNT_RELATIONSHIPS)}
    return {"nodes": dict(sorted(nodes.items())), "relationships": dict(sorted(rels.items()))}
