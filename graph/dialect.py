"""The one place where FalkorDB's and Neo4j's Cypher differ: schema DDL and vector search.

Everything else policykg sends is plain openCypher that both stores run unchanged. The
differences are small and fixed, so they are written here as data-like string builders:

- DDL: Neo4j has named indexes, `IF NOT EXISTS` and `CREATE CONSTRAINT`; FalkorDB has
  anonymous indexes that fail when created twice, and unique constraints that are a
  separate `GRAPH.CONSTRAINT` command over an existing exact-match index.
- Vectors: FalkorDB stores them as `vecf32(list)` and its `queryNodes` yields a cosine
  *distance* (0 = same direction, 2 = opposite); Neo4j stores plain float lists and yields a
  *similarity* normalised to [0, 1] as (1 + cos) / 2. `vector_call` converts FalkorDB's
  distance with `1 - d/2`, which is exactly Neo4j's score, so callers rank and threshold
  the same way on both stores (higher is closer). FalkorDB 4.16's index also keeps
  orphan vectors of updated/deleted nodes, so it is asked for more and the best k
  distinct nodes are kept (`falkordb_fetch`).
- FalkorDB rebuilds its vector index in the background after a restart, and the index
  procedure fails until it is done; `falkordb_exact_scan` turns a `vector_call` into the
  same search by an exact scan (same scores), which `FalkorStore.read` runs meanwhile.
"""

from __future__ import annotations

import re
from typing import Literal

from .schema import INDEXES, UNIQUE_KEYS, VECTOR_INDEX

Dialect = Literal["falkordb", "neo4j"]
DIALECTS: tuple[Dialect, ...] = ("falkordb", "neo4j")

# Neo4j names the vector index; FalkorDB addresses it by (label, property).
NEO4J_VECTOR_INDEX_NAME = "task_embedding"
VECTOR_SIMILARITY = "cosine"
# FalkorDB rebuilds the HNSW graph on every start (it is not saved). Measured on 20k random
# 64-dimension vectors (a hard case), recall@10 with the over-fetch below / build time:
# defaults (M 16, efConstruction 200) 0.75 / 4.8 s; M 16, efConstruction 64: 0.75 / 2.5 s;
# M 8, efConstruction 40: 0.38 / 1.5 s. So the construction effort is cut, not the links.
FALKORDB_HNSW_M = 16
FALKORDB_HNSW_EF_CONSTRUCTION = 64


def _check(dialect: str) -> None:
    if dialect not in DIALECTS:
        raise ValueError(f"unknown Cypher dialect {dialect!r}; expected one of {DIALECTS}")


def neo4j_name(label: str, prop: str, unique: bool = False) -> str:
    """Stable Neo4j index/constraint name, so `IF NOT EXISTS` recognises a previous run's."""
    return f"{label.lower()}_{prop.lower()}" + ("_unique" if unique else "")


def unique_keys() -> list[tuple[str, str]]:
    """(label, property) pairs that carry a uniqueness constraint."""
    return list(UNIQUE_KEYS.items())


def plain_indexes() -> list[tuple[str, str]]:
    """(label, property) pairs with a non-unique exact-match index (unique keys excluded:
    their constraint already brings an index, and Neo4j refuses a second one)."""
    keyed = set(UNIQUE_KEYS.items())
    return [pair for pair in dict.fromkeys(INDEXES) if pair not in keyed]


def index_ddl(dialect: Dialect, label: str, prop: str) -> str:
    """Exact-match (range) index on `label.prop`."""
    _check(dialect)
    if dialect == "neo4j":
        return (
            f"CREATE INDEX {neo4j_name(label, prop)} IF NOT EXISTS "
            f"FOR (n:{label}) ON (n.{prop})"
        )
    return f"CREATE INDEX FOR (n:{label}) ON (n.{prop})"


def unique_ddl(label: str, prop: str) -> str:
    """Neo4j uniqueness constraint (it creates its own backing index)."""
    return (
        f"CREATE CONSTRAINT {neo4j_name(label, prop, unique=True)} IF NOT EXISTS "
        f"FOR (n:{label}) REQUIRE n.{prop} IS UNIQUE"
    )


def falkordb_unique_command(graph: str, label: str, prop: str) -> list[str | int]:
    """FalkorDB's unique constraint is a Redis command, not Cypher; it needs the
    exact-match index on the same property to exist first."""
    return ["GRAPH.CONSTRAINT", "CREATE", graph, "UNIQUE", "NODE", label, "PROPERTIES", 1, prop]


def vector_index_ddl(dialect: Dialect, dim: int) -> str:
    """Cosine vector index over Task embeddings of dimension `dim`."""
    _check(dialect)
    dim = _positive_int(dim, "vector dimension")
    label, prop = VECTOR_INDEX
    if dialect == "neo4j":
        return (
            f"CREATE VECTOR INDEX {NEO4J_VECTOR_INDEX_NAME} IF NOT EXISTS "
            f"FOR (n:{label}) ON (n.{prop}) OPTIONS {{indexConfig: {{"
            f"`vector.dimensions`: {dim}, `vector.similarity_function`: '{VECTOR_SIMILARITY}'}}}}"
        )
    return (
        f"CREATE VECTOR INDEX FOR (n:{label}) ON (n.{prop}) "
        f"OPTIONS {{dimension: {dim}, similarityFunction: '{VECTOR_SIMILARITY}', "
        f"M: {FALKORDB_HNSW_M}, efConstruction: {FALKORDB_HNSW_EF_CONSTRUCTION}}}"
    )


def drop_vector_index_ddl(dialect: Dialect) -> str:
    """Drop the Task vector index (used when its dimension must change)."""
    _check(dialect)
    label, prop = VECTOR_INDEX
    if dialect == "neo4j":
        return f"DROP INDEX {NEO4J_VECTOR_INDEX_NAME} IF EXISTS"
    return f"DROP VECTOR INDEX FOR (n:{label}) ON (n.{prop})"


# Neo4j: read back the vector index's dimension, to recreate it when it changes.
NEO4J_VECTOR_INDEX_INFO = (
    "SHOW VECTOR INDEXES YIELD name, options "
    f"WHERE name = '{NEO4J_VECTOR_INDEX_NAME}' RETURN options"
)
# Neo4j: block until new indexes are online (populated), so the next query can use them.
NEO4J_AWAIT_INDEXES = "CALL db.awaitIndexes(300)"


def schema_ddl(dialect: Dialect, vector_dim: int | None = None) -> list[str]:
    """Every Cypher DDL statement of `graph/schema.py` for `dialect`, in the order to run.

    For FalkorDB the unique keys appear as their exact-match indexes; the constraint on
    top of each is `falkordb_unique_command`, not Cypher.
    """
    _check(dialect)
    if dialect == "neo4j":
        stmts = [unique_ddl(label, prop) for label, prop in unique_keys()]
    else:
        stmts = [index_ddl(dialect, label, prop) for label, prop in unique_keys()]
    stmts += [index_ddl(dialect, label, prop) for label, prop in plain_indexes()]
    if vector_dim is not None:
        stmts.append(vector_index_ddl(dialect, vector_dim))
    return stmts


def vector_value(dialect: Dialect, param: str = "vector") -> str:
    """The Cypher expression that turns parameter `$param` (a list of floats) into a stored
    or queried vector: `vecf32($p)` on FalkorDB, `$p` itself on Neo4j.
    Example: f"MATCH (t:Task {{id: $id}}) SET t.embedding = {vector_value(d, 'emb')}"."""
    return vector_expr(dialect, f"${param}")


def vector_expr(dialect: Dialect, expr: str) -> str:
    """Like `vector_value`, for any Cypher expression holding a float list (e.g. `t.embedding`
    of an UNWIND row): `vecf32(expr)` on FalkorDB, `expr` on Neo4j."""
    _check(dialect)
    return f"vecf32({expr})" if dialect == "falkordb" else expr


def vector_param(vec: list[float] | tuple[float, ...]) -> list[float]:
    """The parameter value for a vector: a plain list of floats on both stores."""
    return [float(x) for x in vec]


def falkordb_fetch(k: int) -> int:
    """How many candidates FalkorDB's index is asked for to return `k` good ones.

    FalkorDB 4.16 leaves the old vector of an updated or deleted node in the index as an
    orphan that still takes one of the k slots and is then dropped (fixed upstream in
    FalkorDB PR #2197), and concurrent queries can repeat a node (issue #2848). Asking for
    more and keeping the best k distinct nodes hides both until `FalkorStore.compact()`
    rebuilds the index.
    """
    return 4 * k + 20


def vector_call(dialect: Dialect, k: int, param: str = "vector") -> str:
    """`CALL … YIELD …` prefix binding `node` (a Task) and `score` (similarity, higher is
    closer, same scale on both stores), at most `k` rows, nearest to `$param` first.
    Append MATCH/WHERE/RETURN to filter or join; `vector_query` is the plain form."""
    _check(dialect)
    k = _positive_int(k, "k")
    label, prop = VECTOR_INDEX
    if dialect == "neo4j":
        return (
            f"CALL db.index.vector.queryNodes('{NEO4J_VECTOR_INDEX_NAME}', {k}, ${param}) "
            "YIELD node, score"
        )
    return (
        f"CALL db.idx.vector.queryNodes('{label}', '{prop}', {falkordb_fetch(k)}, vecf32(${param})) "
        f"YIELD node, score WITH DISTINCT node, 1.0 - score / 2.0 AS score "
        f"ORDER BY score DESC LIMIT {k}"
    )


# the index call `vector_call` writes for FalkorDB: (fetch, parameter name)
_FALKORDB_INDEX_CALL = re.compile(
    r"CALL db\.idx\.vector\.queryNodes\('{0}', '{1}', (\d+), vecf32\(\$(\w+)\)\) YIELD node, score".format(
        *VECTOR_INDEX
    )
)


def falkordb_exact_scan(query: str) -> str | None:
    """`query` with FalkorDB's vector-index call (as `vector_call` writes it) replaced by an
    exact scan over every Task embedding yielding the same `node` and `score` (FalkorDB's
    `vec.cosineDistance` is the index's distance: identical scores), or None when `query`
    holds no such call. Used while the index is being (re)built, when FalkorDB refuses the
    index call; a scan reads every vector (≈20 ms for 36k vectors of 128 dimensions)."""
    label, prop = VECTOR_INDEX

    def scan(m: re.Match[str]) -> str:
        fetch, param = m.group(1), m.group(2)
        return (
            f"MATCH (node:{label}) WHERE node.{prop} IS NOT NULL "
            f"WITH node, vec.cosineDistance(node.{prop}, vecf32(${param})) AS score "
            f"ORDER BY score LIMIT {fetch}"
        )

    out, n = _FALKORDB_INDEX_CALL.subn(scan, query)
    return out if n else None


def vector_query(dialect: Dialect, k: int, param: str = "vector") -> str:
    """Cypher for the `k` Tasks nearest to `$param`: columns `id`, `score` (higher is closer)."""
    return vector_call(dialect, k, param) + " RETURN node.id AS id, score ORDER BY score DESC"


def _positive_int(value: int, what: str) -> int:
    # k and the dimension are spliced into the statement text (procedures and DDL do not
    # take them as parameters everywhere), so only genuine positive ints get through.
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ValueError(f"{what} must be a positive int, got {value!r}")
    return value
