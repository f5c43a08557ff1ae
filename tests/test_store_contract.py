"""The GraphStore contract, checked against each real store (`store` fixture in conftest:
the embedded FalkorDB always, Neo4j when NEO4J_URI is set). Everything above the stores
relies on exactly these behaviours, so both must pass the same tests."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from policykg.graph import dialect
from policykg.graph.store import QueryError, StoreError


def count(store, label: str = "Probe") -> int:
    return store.read(f"MATCH (n:{label}) RETURN count(n) AS c")[0]["c"]


def test_round_trip_of_plain_values(store):
    params = {
        "s": "国务院办公厅关于印发《方案》的通知",
        "i": -(2**62),
        "f": 0.125,
        "b": True,
        "l": ["a", "乙", ""],
        "nums": [1, 2, 3],
        "d": dt.date(2025, 3, 31),  # dates travel as ISO strings
        "ts": dt.datetime(2025, 3, 31, 8, 30),
    }
    store.write(
        "CREATE (n:Probe {s: $s, i: $i, f: $f, b: $b, l: $l, nums: $nums, d: $d, ts: $ts, gone: null})",
        params,
    )
    row = store.read(
        "MATCH (n:Probe) RETURN n.s AS s, n.i AS i, n.f AS f, n.b AS b, n.l AS l, "
        "n.nums AS nums, n.d AS d, n.ts AS ts, n.gone AS gone, n.missing AS missing"
    )
    assert row == [
        {
            "s": params["s"], "i": params["i"], "f": 0.125, "b": True, "l": ["a", "乙", ""],
            "nums": [1, 2, 3], "d": "2025-03-31", "ts": "2025-03-31T08:30:00",
            "gone": None, "missing": None,
        }
    ]  # fmt: skip
    # ISO dates compare as strings, which is how the graph's deadline filters work
    assert store.read("MATCH (n:Probe) WHERE n.d < $x RETURN count(n) AS c", {"x": "2025-04-01"}) == [{"c": 1}]
    assert store.read("MATCH (n:Probe) WHERE n.d < $x RETURN count(n) AS c", {"x": dt.date(2025, 3, 1)}) == [{"c": 0}]


def test_maps_lists_and_nulls_come_back_plain(store):
    rows = store.read(
        "RETURN $m AS m, [x IN $l | x * 2] AS doubled, $none AS none, {k: 'v', n: [1, {z: null}]} AS lit",
        {"m": {"a": 1, "b": ["x", None], "c": {"d": "é"}}, "l": [1, 2], "none": None},
    )
    assert rows == [
        {
            "m": {"a": 1, "b": ["x", None], "c": {"d": "é"}},
            "doubled": [2, 4],
            "none": None,
            "lit": {"k": "v", "n": [1, {"z": None}]},
        }
    ]
    assert type(rows[0]["m"]) is dict
    # a node, if ever returned, comes back as its property dict on both stores
    store.write("CREATE (:Probe {id: 'n1', tags: ['x']})")
    assert store.read("MATCH (n:Probe) RETURN n") == [{"n": {"id": "n1", "tags": ["x"]}}]


def test_no_rows_is_an_empty_list(store):
    assert store.write("CREATE (:Probe {id: 'x'})") == []
    assert store.read("MATCH (n:Probe {id: 'nope'}) RETURN n.id AS id") == []


@pytest.mark.parametrize(
    "evil",
    [
        "x'}) DETACH DELETE n //",
        'x"}) MATCH (m) DETACH DELETE m RETURN 1 //',
        "}, {id: 'injected'",
        "$s",
        "back\\slash \\' \\\" end\\",
        "line1\nline2\ttab",
        "`tick` // comment /* c */",
    ],
)
def test_params_are_data(store, evil):
    store.write("CREATE (:Probe {id: 'keep'})")
    store.write("CREATE (:Probe {id: $s})", {"s": evil})
    assert store.read("MATCH (n:Probe {id: $s}) RETURN n.id AS id", {"s": evil}) == [{"id": evil}]
    assert count(store) == 2
    assert store.read("RETURN $m AS m", {"m": {"k": evil}}) == [{"m": {"k": evil}}]


def test_failing_statement_writes_nothing(store):
    with pytest.raises(QueryError):
        store.write(
            "UNWIND range(1, 50) AS i CREATE (:Probe {i: i}) "
            "WITH count(*) AS c RETURN 1 / (c - 50) AS boom"
        )
    assert count(store) == 0


def test_unique_constraint_after_ensure_schema(store):
    store.ensure_schema()
    store.ensure_schema()  # twice is fine
    store.write("CREATE (:Task {id: 't1'})")
    with pytest.raises(QueryError):
        store.write("CREATE (:Task {id: 't1'})")
    # a statement that creates new nodes and then a duplicate leaves none of them
    with pytest.raises(QueryError):
        store.write("CREATE (:Task {id: 't2'}) CREATE (:Task {id: 't3'}) CREATE (:Task {id: 't1'})")
    assert store.read("MATCH (t:Task) RETURN t.id AS id ORDER BY id") == [{"id": "t1"}]
    # MERGE on the key is the idempotent way in
    for _ in range(2):
        store.write("MERGE (t:Task {id: $id}) SET t.n = coalesce(t.n, 0) + 1", {"id": "t4"})
    assert store.read("MATCH (t:Task {id: 't4'}) RETURN t.n AS n") == [{"n": 2}]
    # every unique key of graph/schema.py is enforced
    for label, prop in dialect.unique_keys():
        store.write(f"CREATE (:{label} {{{prop}: 'k'}})")
        with pytest.raises(QueryError):
            store.write(f"CREATE (:{label} {{{prop}: 'k'}})")


def test_read_rejects_writes(store):
    for q in ["CREATE (:Probe {id: 'r'})", "MERGE (:Probe {id: 'r'})"]:
        with pytest.raises(QueryError):
            store.read(q)
    store.write("CREATE (:Probe {id: 'r'})")
    for q in ["MATCH (n:Probe) SET n.x = 1", "MATCH (n:Probe) DETACH DELETE n"]:
        with pytest.raises(QueryError):
            store.read(q)
    assert store.read("MATCH (n:Probe) RETURN n.id AS id, n.x AS x") == [{"id": "r", "x": None}]


def test_bad_statement_and_bad_params_are_query_errors(store):
    with pytest.raises(QueryError) as e:
        store.read("MATCH (n:Probe RETURN n")
    assert isinstance(e.value, StoreError)
    for bad in [float("nan"), float("inf"), 2**64, object(), "a\x00b"]:  # NUL: FalkorDB cut the string
        with pytest.raises(QueryError):
            store.write("CREATE (:Probe {x: $x})", {"x": bad})
    assert count(store) == 0
    assert store.ping()


def test_vector_index_nearest_with_similarity_scores(store):
    store.ensure_schema(vector_dim=4)
    store.ensure_schema(vector_dim=4)  # same dimension: kept
    vecs = {
        "same": [1.0, 0.0, 0.0, 0.0],
        "near": [1.0, 1.0, 0.0, 0.0],  # 45°
        "orth": [0.0, 0.0, 1.0, 0.0],  # 90°
        "away": [-1.0, 0.0, 0.0, 0.0],  # 180°
    }
    set_vec = f"CREATE (t:Task {{id: $id}}) SET t.embedding = {dialect.vector_value(store.name, 'v')}"
    for tid, v in vecs.items():
        store.write(set_vec, {"id": tid, "v": dialect.vector_param(v)})
    # UNWIND rows: the writer's bulk form (vector_expr on a row field)
    store.write(
        "UNWIND $rows AS r CREATE (t:Task {id: r.id}) SET t.embedding = "
        + dialect.vector_expr(store.name, "r.v"),
        {"rows": [{"id": "scaled", "v": [3.0, 0.0, 0.0, 0.0]}]},
    )
    rows = _eventually(lambda: store.read(dialect.vector_query(store.name, 5), {"vector": [2.0, 0.0, 0.0, 0.0]}), 5)
    assert [r["id"] for r in rows][2:] == ["near", "orth", "away"]
    assert {r["id"] for r in rows[:2]} == {"same", "scaled"}  # cosine ignores length
    score = {r["id"]: r["score"] for r in rows}
    # (1 + cos) / 2 on both stores: Neo4j's own scale
    assert score["same"] == pytest.approx(1.0, abs=1e-3)
    assert score["near"] == pytest.approx((1 + 2**-0.5) / 2, abs=1e-3)
    assert score["orth"] == pytest.approx(0.5, abs=1e-3)
    assert score["away"] == pytest.approx(0.0, abs=1e-3)
    top = store.read(dialect.vector_query(store.name, 1), {"vector": [0.0, 0.1, 1.0, 0.0]})
    assert [r["id"] for r in top] == ["orth"]
    # composable form: join/filter after the call
    rows = store.read(
        dialect.vector_call(store.name, 5) + " WHERE node.id <> 'same' RETURN node.id AS id, score ORDER BY score DESC LIMIT 1",
        {"vector": [1.0, 0.0, 0.0, 0.0]},
    )
    assert rows[0]["id"] == "scaled"


def test_vector_nearest_survives_updates_and_deletes(store):
    """Re-ingest replaces Tasks and their embeddings; nearest-k must still give k."""
    store.ensure_schema(vector_dim=4)
    put = (
        "UNWIND $rows AS r MERGE (t:Task {id: r.id}) SET t.embedding = "
        + dialect.vector_expr(store.name, "r.v")
    )
    rows = [{"id": f"t{i}", "v": [1.0, i / 10, 0.0, 0.0]} for i in range(40)]
    store.write(put, {"rows": rows})
    for shift in (1.0, 2.0, 3.0):
        store.write(put, {"rows": [{"id": r["id"], "v": [1.0, r["v"][1], shift, 0.0]} for r in rows[:20]]})
    store.write("MATCH (t:Task) WHERE t.id IN ['t20', 't21', 't22'] DETACH DELETE t")
    got = _eventually(lambda: store.read(dialect.vector_query(store.name, 5), {"vector": [1.0, 2.3, 0.0, 0.0]}), 5)
    assert [r["id"] for r in got] == ["t23", "t24", "t25", "t26", "t27"]
    assert [r["score"] for r in got] == sorted((r["score"] for r in got), reverse=True)


def test_vector_index_dimension_change_recreates_it(store):
    store.ensure_schema(vector_dim=4)
    store.ensure_schema(vector_dim=3)
    set_vec = f"CREATE (t:Task {{id: $id}}) SET t.embedding = {dialect.vector_value(store.name)}"
    store.write(set_vec, {"id": "a", "vector": [0.0, 1.0, 0.0]})
    store.write(set_vec, {"id": "b", "vector": [1.0, 0.0, 0.0]})
    rows = _eventually(lambda: store.read(dialect.vector_query(store.name, 2), {"vector": [0.1, 1.0, 0.0]}), 2)
    assert [r["id"] for r in rows] == ["a", "b"]
    store.ensure_schema(vector_dim=4)  # back to what other tests expect


def test_neo4j_unreachable_is_a_fast_store_error():
    """The real driver against a closed port: a clear StoreError, not minutes of retries."""
    from policykg.graph.neo4j_store import Neo4jStore

    s = Neo4jStore("bolt://127.0.0.1:9", "neo4j", "x")
    t0 = time.monotonic()
    with pytest.raises(StoreError, match="graph store unreachable"):
        s.write("RETURN 1 AS x")
    assert time.monotonic() - t0 < 10
    assert s.ping() is False
    s.close()


def test_neo4j_values_become_plain():
    """Neo4j's temporal/vector types map to the same plain values FalkorStore returns."""
    import neo4j.time

    from policykg.graph.neo4j_store import plain

    assert plain(neo4j.time.Date(2025, 3, 31)) == "2025-03-31"
    assert plain(neo4j.time.DateTime(2025, 3, 31, 8, 30)) == "2025-03-31T08:30:00.000000000"
    assert plain({"a": [neo4j.time.Date(2025, 1, 2), None, 1.5]}) == {"a": ["2025-01-02", None, 1.5]}


def _eventually(fetch, n: int, timeout: float = 10.0):
    """Neo4j populates vector indexes asynchronously; FalkorDB answers at once."""
    deadline = time.monotonic() + timeout
    while True:
        rows = fetch()
        if len(rows) >= n or time.monotonic() > deadline:
            return rows
        time.sleep(0.1)
