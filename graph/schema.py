"""The graph's keys and indexes as data; `graph/dialect.py` turns them into each store's DDL.

Every node label that the writer MERGEs has one unique key property, so re-ingesting a
document finds the nodes it made before instead of duplicating them.
"""

from __future__ import annotations

# label -> its unique key property
UNIQUE_KEYS: dict[str, str] = {
    "Document": "id",
    "Task": "id",
    "Deadline": "id",
    "Target": "id",
    "Practice": "id",
    "Body": "key",
    "Section": "id",
    "Region": "key",  # the chain of names, 陕西省/渭南市/澄城县 (county names repeat)
    "Sector": "name",
    "Mechanism": "name",
    "Citation": "key",
}

# extra (non-unique) property indexes used by the API's filters
# (doc_id on every label a document owns: re-ingest and delete find them by it)
INDEXES: list[tuple[str, str]] = [
    ("Task", "doc_id"),
    ("Section", "doc_id"),
    ("Deadline", "doc_id"),
    ("Target", "doc_id"),
    ("Practice", "doc_id"),
    ("Deadline", "date"),
    ("Body", "name"),
    ("Document", "province"),
]

# the vector index over task embeddings (issue 6)
VECTOR_INDEX = ("Task", "embedding")
