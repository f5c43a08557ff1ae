"""The access paths the queries' plans rely on are declared, as Neo4j DDL, in graph/schema.py.

No Neo4j server runs here, so the plans of graph/README.md (scale-out) are checked the way a
planner would start them: every statement's anchor — a node looked up by a property map
`(x:Label {prop: …})`, or a label scan filtered on a property range / membership right in
its WHERE — must have an index or uniqueness constraint in `dialect.schema_ddl("neo4j")`.
Without it Neo4j would scan the label, and the cost would follow the graph again.
"""

from __future__ import annotations

import re

from policykg.graph import cypher, dialect
from policykg.graph import queries as Q
from policykg.graph.counts import count_statements
from policykg.graph.writer import write_statement

ANCHOR_MAP = re.compile(r"\((\w+):(\w+) \{(\w+):")
ANCHOR_WHERE = re.compile(r"MATCH \((\w+):(\w+)\)\s+WHERE \(?(?:\$\w+ IN )?(\w+)\.(\w+)")


def neo4j_indexed() -> set[tuple[str, str]]:
    """(label, property) pairs that the Neo4j DDL indexes (constraints bring an index)."""
    out = set()
    for ddl in dialect.schema_ddl("neo4j", vector_dim=8):
        m = re.search(r"FOR \(n:(\w+)\) (?:ON \(n\.(\w+)\)|REQUIRE n\.(\w+) IS UNIQUE)", ddl)
        if m:
            out.add((m.group(1), m.group(2) or m.group(3)))
    return out


def anchors(statement: str) -> set[tuple[str, str]]:
    found = {(label, prop) for _var, label, prop in ANCHOR_MAP.findall(statement)}
    for var, label, var2, prop in ANCHOR_WHERE.findall(statement):
        if var == var2:
            found.add((label, prop))
    return found


def statements() -> list[str]:
    return Q.all_statements() + cypher.all_statements() + [write_statement("neo4j")]


def test_every_anchor_of_every_statement_is_indexed_on_neo4j():
    indexed = neo4j_indexed()
    missing = {}
    for s in statements():
        for pair in anchors(s) - indexed:
            missing.setdefault(pair, " ".join(s.split())[:160])
    assert not missing, missing


def test_the_paged_lists_start_from_their_sort_key_index():
    """The plans graph/README.md describes: each paged list's first MATCH is a range of its
    sort_key index, and that index is declared."""
    indexed = neo4j_indexed()
    probe, page, _count = Q.obligation_queries(Q.Filters(region="x", sector="y"))
    d_probe, d_page = Q.deadline_queries(Q.Filters(due_after="2021-01-01", due_before="2021-12-31"))
    for text, label in ((probe, "Task"), (page, "Task"), (d_probe, "Deadline"), (d_page, "Deadline"),
                        (Q.DOCUMENTS_PROBE, "Document"), (Q.DOCUMENTS, "Document")):
        first = text.strip().splitlines()[0]
        assert first.startswith(f"MATCH (") and f":{label})" in first and ".sort_key >= $lo" in first, first
        assert (label, "sort_key") in indexed
    # the filters FalkorDB intersects with the range are indexed too (list elements)
    assert {("Task", "regions"), ("Task", "sectors")} <= indexed
    # the aggregates are looked up, never scanned
    assert {("Stat", "key"), ("Stat", "kind"), ("Body", "key"), ("Document", "id")} <= indexed


def test_the_check_has_teeth():
    assert anchors("MATCH (t:Task) WHERE t.nothing >= $lo RETURN t") == {("Task", "nothing")}
    assert anchors("MATCH (x:Foo {bar: $b}) RETURN x") == {("Foo", "bar")}
    assert ("Task", "nothing") not in neo4j_indexed()
    assert all(anchors(s) <= neo4j_indexed() | {("Stat", "key")} for s in count_statements())


def test_the_search_index_reads_every_task_through_an_index():
    """The search index's reads of every task (and of the documents written since) start from a
    sort_key index, not a label scan: on a 30,000-document FalkorDB graph after deletes and reloads
    a label scan reading properties failed while index-backed reads answered (bench/README.md)."""
    from policykg.graph.bulk import KNOWN_DOCUMENTS

    for text, pair in ((Q.TASK_TEXTS, ("Task", "sort_key")), (Q.TASK_IDS, ("Task", "sort_key")),
                       (Q.TASK_TEXTS_SINCE, ("Document", "sort_key")), (KNOWN_DOCUMENTS, ("Document", "sort_key"))):
        assert pair in anchors(text), text
        assert pair in neo4j_indexed()
