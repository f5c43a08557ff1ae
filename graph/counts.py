"""Node and relationship counts of the graph (`policykg status`, `/health`).

Counted one label and one relationship type at a time: both stores answer those from
their own counters, where `MATCH (n) RETURN labels(n)[0], count(*)` reads every node
(hundreds of milliseconds at 10,000 documents). Kept apart from the writer so that
reading counts imports nothing of the extraction pipeline.
"""

from __future__ import annotations

from .store import GraphStore

LABELS = ("Body", "Citation", "Deadline", "Document", "Mechanism", "Practice", "Region", "Section", "Sector",
          "Stat", "Target", "Task")
RELATIONSHIPS = ("ADDRESSED_TO", "CITES", "DUE", "HAS_PRACTICE", "HAS_TARGET", "HAS_TASK", "IN_REGION",
                 "IN_SECTOR", "ISSUED", "PART_OF", "REPORTS_TO", "RESPONSIBLE_FOR", "USES")


def count_statements() -> list[str]:
    return ([f"MATCH (n:{label}) RETURN count(n) AS n" for label in LABELS]
            + [f"MATCH ()-[r:{rel}]->() RETURN count(r) AS n" for rel in RELATIONSHIPS])


def counts(store: GraphStore) -> dict[str, dict[str, int]]:
    """{"nodes": {label: n}, "relationships": {type: n}}, leaving out what has none."""
    out: dict[str, dict[str, int]] = {"nodes": {}, "relationships": {}}
    for name, query in zip(LABELS + RELATIONSHIPS, count_statements()):
        n = store.read(query)[0]["n"]
        if n:
            out["nodes" if name in LABELS else "relationships"][name] = n
    return out
