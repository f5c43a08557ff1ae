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
    "Stat": "key",  # aggregates a document write keeps (graph/stats.py)
}

# extra (non-unique) property indexes, each with the queries that rely on it
# (tests/test_index_plans.py checks that every statement's access path is declared here)
INDEXES: list[tuple[str, str]] = [
    # doc_id on every label a document owns: re-ingest, delete and the document view find them by it
    ("Task", "doc_id"),
    ("Section", "doc_id"),
    ("Deadline", "doc_id"),
    ("Target", "doc_id"),
    ("Practice", "doc_id"),
    # keyset pages (graph/paging.py): obligations by earliest deadline, deadlines by date,
    # documents newest first
    ("Task", "sort_key"),
    ("Deadline", "sort_key"),
    ("Document", "sort_key"),
    # filters the store can intersect with a sort_key range (FalkorDB indexes list elements)
    ("Task", "regions"),
    ("Task", "sectors"),
    ("Task", "deadline_types"),
    ("Task", "roles"),
    ("Task", "explicit_flags"),
    ("Practice", "region"),
    ("Document", "name"),
    ("Body", "name"),
    ("Document", "province"),
    ("Stat", "kind"),
]

# the vector index over task embeddings (issue 6)
VECTOR_INDEX = ("Task", "embedding")
