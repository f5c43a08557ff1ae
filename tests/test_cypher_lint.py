"""Neo4j statements checked by Neo4j's own linter (offline, through Node), since no Neo4j
server runs here. Other tests lint their statements with
`policykg.graph.cypherlint.assert_clean(statements)`."""

from __future__ import annotations

import pytest

from policykg.graph import cypherlint, dialect

needs_linter = pytest.mark.skipif(
    not cypherlint.available(), reason=f"Neo4j Cypher linter unavailable: {cypherlint.reason()}"
)


def neo4j_statements() -> list[str]:
    """Every statement graph/dialect.py produces for Neo4j."""
    return [
        *dialect.schema_ddl("neo4j", vector_dim=384),
        dialect.drop_vector_index_ddl("neo4j"),
        dialect.NEO4J_VECTOR_INDEX_INFO,
        dialect.NEO4J_AWAIT_INDEXES,
        dialect.vector_query("neo4j", 10),
        dialect.vector_call("neo4j", 5, "q") + " MATCH (d:Document {id: node.doc_id}) RETURN d.id AS doc, score",
        f"MATCH (t:Task {{id: $id}}) SET t.embedding = {dialect.vector_value('neo4j', 'embedding')}",
        "UNWIND $rows AS r MERGE (t:Task {id: r.id}) SET t.embedding = " + dialect.vector_expr("neo4j", "r.v"),
    ]


@needs_linter
def test_every_neo4j_statement_of_the_dialect_passes_the_linter():
    cypherlint.assert_clean(neo4j_statements(), warnings=True)


@needs_linter
def test_the_linter_catches_errors_and_ignores_parameters():
    """The check has teeth: FalkorDB-only DDL and broken syntax are reported, in order."""
    queries = [
        "MATCH (n:Task {id: $id}) RETURN n.id AS id",  # undeclared $id is fine
        "MATCH (n:Task RETURN n",
        dialect.vector_index_ddl("falkordb", 4),  # FalkorDB's OPTIONS are not Neo4j's
        "CREATE INDEX FOR (n:Task) ON (n.id)",  # valid in both
    ]
    result = cypherlint.lint(queries)
    assert len(result) == 4
    assert result[0] == [] and result[3] == []
    assert result[1] and result[1][0]["severity"] == "error" and result[1][0]["line"] == 1
    assert any("indexConfig" in d["message"] for d in result[2])
    assert set(cypherlint.errors(queries)) == {queries[1], queries[2]}
    assert cypherlint.lint([]) == []
