"""Every Cypher statement policykg sends, in one module, shared by FalkorDB and Neo4j.

Statements are constants: user input only ever travels as parameters. The few places
where the two dialects differ are filled in by `graph/dialect.py` (`{vec}`: how a list of
floats becomes a vector property).

Why one statement per document write: FalkorDB runs one query as one transaction and has
no multi-statement transactions, so "a document is written whole or not at all" holds on
both stores only if the whole document — including removing its previous version — is a
single statement. FOREACH keeps the row count at one between the steps.
"""

from __future__ import annotations

# Labels of the nodes a document owns (keyed by `doc_id`): removed with it.
OWNED = ("Task", "Section", "Deadline", "Target", "Practice")

_REMOVE_OWNED = "\n".join(
    f"WITH count(*) AS _\nOPTIONAL MATCH (x:{label} {{doc_id: $doc.id}}) DETACH DELETE x" for label in OWNED)

REMOVE_DOCUMENT_PREFIX = f"""
OPTIONAL MATCH (old:Document {{id: $doc.id}}) DETACH DELETE old
{_REMOVE_OWNED}
WITH count(*) AS _
"""

WRITE_DOCUMENT = REMOVE_DOCUMENT_PREFIX + """
CREATE (d:Document) SET d += $doc.props
FOREACH (r IN $regions | MERGE (g:Region {key: r.key}) SET g.name = r.name, g.level = r.level, g.code = r.code)
FOREACH (l IN $region_links | MERGE (c:Region {key: l.child}) MERGE (p:Region {key: l.parent}) MERGE (c)-[:IN_REGION]->(p))
FOREACH (k IN CASE WHEN $doc.region IS NULL THEN [] ELSE [$doc.region] END |
  MERGE (g:Region {key: k}) CREATE (d)-[:IN_REGION]->(g))
FOREACH (b IN $bodies | MERGE (n:Body {key: b.key})
  ON CREATE SET n.name = b.name, n.kind = b.kind, n.region = b.region, n.aliases = b.aliases
  ON MATCH SET n.aliases = n.aliases + [a IN b.aliases WHERE NOT a IN n.aliases])
FOREACH (b IN [x IN $bodies WHERE x.region IS NOT NULL] |
  MERGE (n:Body {key: b.key}) MERGE (g:Region {key: b.region}) MERGE (n)-[:IN_REGION]->(g))
FOREACH (k IN $issued | MERGE (n:Body {key: k}) CREATE (n)-[:ISSUED]->(d))
FOREACH (k IN $addressed | MERGE (n:Body {key: k}) CREATE (d)-[:ADDRESSED_TO]->(n))
FOREACH (c IN $citations | MERGE (n:Citation {key: c.key}) ON CREATE SET n.title = c.title, n.is_number = c.number
  CREATE (d)-[:CITES]->(n))
FOREACH (s IN $sections | CREATE (n:Section) SET n += s)
FOREACH (k IN $top_sections | MERGE (n:Section {id: k}) CREATE (n)-[:PART_OF]->(d))
FOREACH (l IN $section_links | MERGE (c:Section {id: l.child}) MERGE (p:Section {id: l.parent}) CREATE (c)-[:PART_OF]->(p))
FOREACH (t IN $tasks | CREATE (n:Task) SET n += t.props CREATE (d)-[:HAS_TASK]->(n))
FOREACH (t IN [x IN $tasks WHERE x.embedding IS NOT NULL] | MERGE (n:Task {id: t.id}) SET n.embedding = {vec})
FOREACH (l IN $task_links | MERGE (n:Task {id: l.task}) MERGE (s:Section {id: l.section}) CREATE (n)-[:PART_OF]->(s))
FOREACH (r IN $responsible | MERGE (t:Task {id: r.task}) MERGE (b:Body {key: r.body})
  CREATE (b)-[:RESPONSIBLE_FOR {role: r.role, explicit: r.explicit, doc_id: r.doc_id, start: r.start, end: r.end}]->(t))
FOREACH (r IN $reports | MERGE (t:Task {id: r.task}) MERGE (b:Body {key: r.body})
  CREATE (t)-[:REPORTS_TO {doc_id: r.doc_id, start: r.start, end: r.end}]->(b))
FOREACH (x IN $deadlines | MERGE (t:Task {id: x.task}) CREATE (n:Deadline) SET n += x.props CREATE (t)-[:DUE]->(n))
FOREACH (x IN $targets | MERGE (t:Task {id: x.task}) CREATE (n:Target) SET n += x.props CREATE (t)-[:HAS_TARGET]->(n))
FOREACH (x IN $sectors | MERGE (t:Task {id: x.task}) MERGE (s:Sector {name: x.sector})
  CREATE (t)-[:IN_SECTOR {doc_id: x.doc_id, start: x.start, end: x.end}]->(s))
FOREACH (x IN $practices | CREATE (n:Practice) SET n += x.props CREATE (d)-[:HAS_PRACTICE]->(n))
FOREACH (x IN [y IN $practices WHERE y.region IS NOT NULL] |
  MERGE (n:Practice {id: x.id}) MERGE (g:Region {key: x.region}) CREATE (n)-[:IN_REGION]->(g))
FOREACH (x IN $mechanisms | MERGE (n:Practice {id: x.practice}) MERGE (m:Mechanism {name: x.mechanism})
  CREATE (n)-[:USES]->(m))
FOREACH (x IN $figures | MERGE (n:Practice {id: x.practice}) CREATE (f:Target) SET f += x.props
  CREATE (n)-[:HAS_TARGET]->(f))
RETURN d.id AS id
"""

# Bodies and citations that no document uses any more (kept: Regions, Sectors, Mechanisms,
# which are vocabulary).
REMOVE_ORPHANS = """
OPTIONAL MATCH (b:Body)
WHERE NOT (b)-[:ISSUED|RESPONSIBLE_FOR]->() AND NOT ()-[:ADDRESSED_TO|REPORTS_TO]->(b)
DETACH DELETE b
WITH count(*) AS _
OPTIONAL MATCH (c:Citation) WHERE NOT ()-[:CITES]->(c)
DELETE c
RETURN count(*) AS done
"""

DELETE_DOCUMENT = REMOVE_DOCUMENT_PREFIX + "RETURN count(*) AS done"

DOCUMENT_EXISTS = "MATCH (d:Document {id: $id}) RETURN d.id AS id"

EMBEDDINGS_OF_DOCUMENT = """
MATCH (t:Task {doc_id: $id}) WHERE t.embedding_model = $model
RETURN t.id AS id, t.text_hash AS text_hash, t.embedding AS embedding
"""

COUNT_NODES = "MATCH (n) RETURN labels(n)[0] AS label, count(*) AS n"
COUNT_RELATIONSHIPS = "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n"


def all_statements() -> list[str]:
    """Every constant statement of this module (for the Neo4j linter test); the document
    write is a template, linted in its dialect form (`writer.write_statement("neo4j")`)."""
    return [REMOVE_ORPHANS, DELETE_DOCUMENT, DOCUMENT_EXISTS, EMBEDDINGS_OF_DOCUMENT,
            COUNT_NODES, COUNT_RELATIONSHIPS]
