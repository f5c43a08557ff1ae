"""Every Cypher statement policykg sends, in one module, shared by FalkorDB and Neo4j.

Statements are constants: user input only ever travels as parameters. The few places
where the two dialects differ are filled in by `graph/dialect.py` (`{vec}`: how a list of
floats becomes a vector property).

Why one statement per batch of documents: FalkorDB runs one query as one transaction and
has no multi-statement transactions, so "a document is written whole or not at all" holds
on both stores only if the whole document — including removing its previous version and
updating the aggregates — is inside one statement. A batch holds whole documents only, so
each document is still all or nothing (a failed batch is retried document by document in
`writer.write_records`).
"""

from __future__ import annotations

# Labels of the nodes a document owns (keyed by `doc_id`): removed with it.
OWNED = ("Task", "Section", "Deadline", "Target", "Practice")

# `WITH count(*) AS _` between steps: an UNWIND over an empty list leaves no row, and the
# aggregation brings the one row back, so every step runs whatever the previous one matched.
_BARRIER = "WITH count(*) AS _"

# 1. Subtract what the previous versions of these documents added to the aggregates
#    (graph/stats.py: `stat_pack`/`body_pack` split by `$sep`; the lists of documents
#    written before them), drop their evidence ids from the matrix cells, then remove them
#    and the nodes they own. One row per Stat/Body key: SET on one node from two rows of
#    one statement would not see the other's update.
_REMOVE_PREVIOUS = "\n".join([
    "UNWIND $ids AS rid",
    "MATCH (old:Document {id: rid})",
    "WITH old, split(coalesce(old.stat_pack, ''), $sep) AS sp",
    "UNWIND [i IN range(0, size(sp) / 2 - 1) | [sp[2 * i], toInteger(sp[2 * i + 1])]]",
    "     + [i IN range(0, size(coalesce(old.stat_keys, [])) - 1) | [old.stat_keys[i], old.stat_vals[i]]] AS kv",
    "WITH kv[0] AS skey, sum(kv[1]) AS sn",
    "MATCH (c:Stat {key: skey})",
    "SET c.n = c.n - sn, c.ex = [e IN c.ex WHERE NOT split(e, ':')[0] IN $ids]",
    _BARRIER,
    "UNWIND $ids AS rid",
    "MATCH (old:Document {id: rid})",
    "WITH old, split(coalesce(old.body_pack, ''), $sep) AS bs",
    "UNWIND [i IN range(0, size(bs) / 4 - 1) | [bs[4 * i], toInteger(bs[4 * i + 1]), toInteger(bs[4 * i + 2]),",
    "                                           toInteger(bs[4 * i + 3])]]",
    "     + [i IN range(0, size(coalesce(old.body_keys, [])) - 1) | [old.body_keys[i], old.body_vals[3 * i],",
    "                                                             old.body_vals[3 * i + 1], old.body_vals[3 * i + 2]]]",
    "     AS kv",
    "WITH kv[0] AS bkey, sum(kv[1]) AS bl, sum(kv[2]) AS bp, sum(kv[3]) AS br",
    "MATCH (b:Body {key: bkey})",
    "SET b.lead = b.lead - bl, b.participant = b.participant - bp, b.responsible = b.responsible - br,",
    "    b.duties = b.duties - bl - bp - br",
    _BARRIER,
    "UNWIND $ids AS rid OPTIONAL MATCH (old:Document {id: rid}) DETACH DELETE old",
] + [f"{_BARRIER}\nUNWIND $ids AS rid OPTIONAL MATCH (x:{label} {{doc_id: rid}}) DETACH DELETE x" for label in OWNED]
  + [_BARRIER])

# 2. Create the new versions: one UNWIND per kind of node or relationship over the rows of
#    every document in the batch (FalkorDB writes ~50k nodes/s this way, 2.6k/s row by row).
_CREATE = """
UNWIND $docs AS doc CREATE (d:Document) SET d = doc.props
WITH count(*) AS _
UNWIND $regions AS r MERGE (g:Region {key: r.key}) SET g.name = r.name, g.level = r.level, g.code = r.code
WITH count(*) AS _
UNWIND $region_links AS l MERGE (c:Region {key: l.child}) MERGE (p:Region {key: l.parent}) MERGE (c)-[:IN_REGION]->(p)
WITH count(*) AS _
UNWIND $doc_regions AS l MATCH (d:Document {id: l.doc}) MATCH (g:Region {key: l.region}) CREATE (d)-[:IN_REGION]->(g)
WITH count(*) AS _
UNWIND $bodies AS b MERGE (n:Body {key: b.key})
  ON CREATE SET n.name = b.name, n.kind = b.kind, n.region = b.region, n.aliases = b.aliases,
                n.duties = 0, n.lead = 0, n.participant = 0, n.responsible = 0
  ON MATCH SET n.aliases = n.aliases + [a IN b.aliases WHERE NOT a IN n.aliases]
WITH count(*) AS _
UNWIND $body_regions AS l MATCH (n:Body {key: l.body}) MERGE (g:Region {key: l.region}) MERGE (n)-[:IN_REGION]->(g)
WITH count(*) AS _
UNWIND $body_stats AS s MATCH (n:Body {key: s.key})
  SET n.lead = n.lead + s.lead, n.participant = n.participant + s.participant,
      n.responsible = n.responsible + s.responsible, n.duties = n.duties + s.duties
WITH count(*) AS _
UNWIND $issued AS l MATCH (n:Body {key: l.body}) MATCH (d:Document {id: l.doc}) CREATE (n)-[:ISSUED]->(d)
WITH count(*) AS _
UNWIND $addressed AS l MATCH (n:Body {key: l.body}) MATCH (d:Document {id: l.doc}) CREATE (d)-[:ADDRESSED_TO]->(n)
WITH count(*) AS _
UNWIND $citations AS c MERGE (n:Citation {key: c.key}) ON CREATE SET n.title = c.title, n.is_number = c.number
  WITH n, c MATCH (d:Document {id: c.doc}) CREATE (d)-[:CITES]->(n)
WITH count(*) AS _
UNWIND $sections AS s CREATE (n:Section) SET n = s
WITH count(*) AS _
UNWIND $top_sections AS l MATCH (n:Section {id: l.section}) MATCH (d:Document {id: l.doc}) CREATE (n)-[:PART_OF]->(d)
WITH count(*) AS _
UNWIND $section_links AS l MATCH (c:Section {id: l.child}) MATCH (p:Section {id: l.parent}) CREATE (c)-[:PART_OF]->(p)
WITH count(*) AS _
UNWIND $tasks AS t CREATE (n:Task) SET n = t.props, n.embedding = {vec}
  WITH n, t MATCH (d:Document {id: t.props.doc_id}) CREATE (d)-[:HAS_TASK]->(n)
WITH count(*) AS _
UNWIND $task_links AS l MATCH (n:Task {id: l.task}) MATCH (s:Section {id: l.section}) CREATE (n)-[:PART_OF]->(s)
WITH count(*) AS _
UNWIND $responsible AS r MATCH (t:Task {id: r.task}) MATCH (b:Body {key: r.body})
  CREATE (b)-[:RESPONSIBLE_FOR {role: r.role, explicit: r.explicit, start: r.start, end: r.end}]->(t)
WITH count(*) AS _
UNWIND $reports AS r MATCH (t:Task {id: r.task}) MATCH (b:Body {key: r.body})
  CREATE (t)-[:REPORTS_TO {start: r.start, end: r.end}]->(b)
WITH count(*) AS _
UNWIND $deadlines AS x MATCH (t:Task {id: x.task}) CREATE (n:Deadline) SET n = x.props CREATE (t)-[:DUE]->(n)
WITH count(*) AS _
UNWIND $targets AS x MATCH (t:Task {id: x.task}) CREATE (n:Target) SET n = x.props CREATE (t)-[:HAS_TARGET]->(n)
WITH count(*) AS _
UNWIND $sectors AS x MATCH (t:Task {id: x.task}) MERGE (s:Sector {name: x.sector})
  CREATE (t)-[:IN_SECTOR {start: x.start, end: x.end}]->(s)
WITH count(*) AS _
UNWIND $practices AS x CREATE (n:Practice) SET n = x.props
  WITH n, x MATCH (d:Document {id: x.props.doc_id}) CREATE (d)-[:HAS_PRACTICE]->(n)
WITH count(*) AS _
UNWIND [y IN $practices WHERE y.region IS NOT NULL] AS x
  MATCH (n:Practice {id: x.id}) MERGE (g:Region {key: x.region}) CREATE (n)-[:IN_REGION]->(g)
WITH count(*) AS _
UNWIND $mechanisms AS x MATCH (n:Practice {id: x.practice}) MERGE (m:Mechanism {name: x.mechanism})
  CREATE (n)-[:USES]->(m)
WITH count(*) AS _
UNWIND $figures AS x MATCH (n:Practice {id: x.practice}) CREATE (f:Target) SET f = x.props
  CREATE (n)-[:HAS_TARGET]->(f)
WITH count(*) AS _
UNWIND $stats AS s MERGE (c:Stat {key: s.key})
  ON CREATE SET c.kind = s.kind, c.a = s.a, c.b = s.b, c.n = 0, c.ex = []
  SET c.n = c.n + s.n, c.ex = (c.ex + [e IN s.ex WHERE NOT e IN c.ex])[0..3]
WITH count(*) AS _
MERGE (v:Stat {key: 'version'}) ON CREATE SET v.kind = 'version', v.n = 0
SET v.n = v.n + 1
RETURN v.n AS version
"""

# Several documents in one statement, each whole or not at all (the statement is one
# transaction on both stores). `{vec}` is filled in by `writer.write_statement`.
WRITE_BATCH = _REMOVE_PREVIOUS + _CREATE

# Bodies and citations that no document uses any more, among those the removed versions
# referred to (`$bodies`, `$citations`); regions, sectors and mechanisms are vocabulary.
REMOVE_ORPHANS = """
UNWIND $bodies AS k MATCH (b:Body {key: k})
WHERE NOT (b)-[:ISSUED|RESPONSIBLE_FOR]->() AND NOT ()-[:ADDRESSED_TO|REPORTS_TO]->(b)
DETACH DELETE b
WITH count(*) AS _
UNWIND $citations AS k MATCH (c:Citation {key: k}) WHERE NOT ()-[:CITES]->(c)
DELETE c
RETURN count(*) AS done
"""

# The version counter every write bumps (the search index is rebuilt when it moved).
ENSURE_VERSION = "MERGE (v:Stat {key: 'version'}) ON CREATE SET v.kind = 'version', v.n = 0 RETURN v.n AS version"
VERSION = "MATCH (v:Stat {key: 'version'}) RETURN v.n AS version"

# What a replace or delete needs to know about the stored versions before it writes.
PREVIOUS_VERSIONS = """
MATCH (d:Document) WHERE d.id IN $ids
RETURN d.id AS id, d.refs AS refs, d.body_refs AS bodies, d.citation_refs AS citations
"""

DOCUMENT_EXISTS = "MATCH (d:Document {id: $id}) RETURN d.id AS id"

# the stored embeddings of these documents under this model, with the text they embed
EMBEDDINGS_OF_DOCUMENTS = """
MATCH (d:Document)-[:HAS_TASK]->(t:Task)
WHERE d.id IN $ids AND d.embedding_model = $model AND t.embedding IS NOT NULL
RETURN t.id AS id, t.title AS title, t.text AS text, t.embedding AS embedding
"""

COUNT_NODES = "MATCH (n) RETURN labels(n)[0] AS label, count(*) AS n"
# one label at a time: both stores answer a label count from their counts, not a scan
COUNT_LABEL = "MATCH (n:{label}) RETURN count(n) AS n"
COUNT_RELATIONSHIPS = "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n"


def all_statements() -> list[str]:
    """Every constant statement of this module (for the Neo4j linter test); the document
    write is a template, linted in its dialect form (`writer.write_statement("neo4j")`)."""
    return [REMOVE_ORPHANS, DOCUMENT_EXISTS, EMBEDDINGS_OF_DOCUMENTS, COUNT_NODES, COUNT_RELATIONSHIPS,
            ENSURE_VERSION, VERSION, PREVIOUS_VERSIONS]
