"""The graph writer on real stores: idempotent ingest, atomic documents, shared bodies,
deletion that keeps what others use, and body resolution by name + region."""

from __future__ import annotations

import copy

import pytest

from policykg.graph.records import InvalidRecord, build_params, document_regions
from policykg.graph.store import StoreError
from policykg.graph.writer import counts, delete_document, write_record, write_statement


def variant(record: dict, suffix: str) -> dict:
    """The same circular as another document (another content hash)."""
    rec = copy.deepcopy(record)
    rec["id"] = record["id"][:10] + suffix
    rec["doc"] = f"{suffix}_{record['doc']}"
    return rec


def test_ingesting_the_corpus_twice_gives_the_same_counts(store, seed_records):
    for rec in seed_records.values():
        assert not write_record(store, rec).replaced
    first = counts(store)
    for rec in seed_records.values():
        assert write_record(store, rec).replaced
    assert counts(store) == first
    assert first["nodes"]["Document"] == 5
    assert first["nodes"]["Task"] == sum(len(r["tasks"]) for r in seed_records.values())
    assert first["relationships"]["RESPONSIBLE_FOR"] == sum(len(t["actors"]) for r in seed_records.values()
                                                            for t in r["tasks"])


def test_a_statement_failing_late_leaves_no_part_of_the_document(store, seed_records):
    params = build_params(seed_records["003"]).as_params()
    # a nested map is no valid property value on either store: the statement fails at its
    # last steps, after the Document and its tasks were created within it
    params["figures"] = [{"practice": params["tasks"][0]["id"], "props": {"id": "x", "value": {"bad": 1}}}]
    params["practices"] = [{"id": params["tasks"][0]["id"], "region": None, "props": {"id": "p"}}]
    with pytest.raises(StoreError):
        store.write(write_statement(store.name), params)
    assert counts(store)["nodes"] == {}


def test_a_record_no_store_accepts_is_refused_before_touching_the_stored_version(store, seed_records):
    good = seed_records["000"]
    write_record(store, good)
    before = counts(store)
    bad = copy.deepcopy(good)
    bad["tasks"][0]["targets"] = [{"text": "x", "value": {"bad": 1}, "unit": "个"}]
    with pytest.raises(InvalidRecord, match="000-01"):
        write_record(store, bad)
    assert counts(store) == before


def test_deleting_a_document_keeps_bodies_another_document_uses(store, seed_records):
    a, b = seed_records["000"], variant(seed_records["000"], "copy")
    write_record(store, a)
    write_record(store, b)
    bodies = store.read("MATCH (x:Body) RETURN count(x) AS n")[0]["n"]
    assert delete_document(store, a["id"])
    assert store.read("MATCH (x:Body) RETURN count(x) AS n")[0]["n"] == bodies
    assert store.read("MATCH (t:Task) RETURN count(t) AS n")[0]["n"] == len(b["tasks"])
    assert delete_document(store, b["id"])
    left = counts(store)["nodes"]
    assert "Body" not in left and "Task" not in left and "Document" not in left
    assert left.get("Region") and left.get("Sector")  # vocabulary stays
    assert not delete_document(store, b["id"])


def test_one_body_node_per_name_and_region(store, seed_records):
    write_record(store, seed_records["000"])  # Shanxi: 各市应急管理局
    write_record(store, seed_records["003"])  # Heilongjiang: 各市应急管理局
    write_record(store, variant(seed_records["000"], "again"))
    rows = store.read("MATCH (b:Body {name: '各市应急管理局'}) RETURN b.key AS key ORDER BY key")
    assert [r["key"] for r in rows] == ["山西省|各市应急管理局", "黑龙江省|各市应急管理局"]
    issuer = store.read("MATCH (b:Body {name: '山西省应急管理厅'})-[:ISSUED]->(d:Document) RETURN count(d) AS n")
    assert issuer == [{"n": 2}]


def test_aliases_keep_the_wording_of_the_text(store, seed_records):
    write_record(store, seed_records["001"])
    rows = store.read("MATCH (b:Body {name: '云南省安全生产委员会办公室'}) RETURN b.aliases AS aliases")
    assert rows and "云南省安全生产委员会办公室" in rows[0]["aliases"]
    assert any(a != "云南省安全生产委员会办公室" for a in rows[0]["aliases"])  # e.g. 省安委會辦公室 as written


def test_evidence_offsets_point_into_the_original_text(store, seed_records):
    rec = seed_records["003"]
    write_record(store, rec)
    original = rec["original_text"]
    rows = store.read("MATCH (t:Task)-[:DUE]->(x:Deadline) WHERE x.start IS NOT NULL "
                      "RETURN x.text AS text, x.start AS start, x.end AS end, t.start AS ts, t.end AS te")
    assert rows
    for r in rows:
        assert r["ts"] <= r["start"] < r["end"] <= r["te"]
        assert original[r["start"]:r["end"]]


def test_region_chain_of_a_county_document():
    chain = document_regions("陕西省", "渭南市澄城县")
    assert [r.name for r in chain] == ["陕西省", "渭南市", "澄城县"]
    assert document_regions(None, None) == []


def test_params_are_plain_property_values(seed_records):
    """Neither store takes maps or nulls inside lists as property values."""
    p = build_params(seed_records["003"]).as_params()
    for t in p["tasks"]:
        for k, v in t["props"].items():
            assert not isinstance(v, dict), k
            if isinstance(v, list):
                assert all(x is not None and not isinstance(x, (dict, list)) for x in v), k


class RenamedModel:
    """The shipped model under another fingerprint, as if the configured model changed."""

    def __init__(self, inner, fingerprint: str):
        self.inner, self.fingerprint, self.dimension = inner, fingerprint, inner.dimension

    def embed(self, texts):
        return self.inner.embed(texts)


def test_reingest_reuses_embeddings_and_a_model_change_recomputes(store, seed_records, embedder):
    store.ensure_schema(vector_dim=embedder.dimension)
    rec = seed_records["003"]
    n = len(rec["tasks"])
    assert write_record(store, rec, embedder).embedded == n
    assert write_record(store, rec, embedder).embedded == 0
    changed = copy.deepcopy(rec)
    changed["tasks"][0]["text"] += "并于年底前完成。"
    assert write_record(store, changed, embedder).embedded == 1
    assert write_record(store, changed, RenamedModel(embedder, "another-model")).embedded == n
    # the model is recorded once per document (not on each task: memory, issue 13)
    rows = store.read("MATCH (d:Document)-[:HAS_TASK]->(t:Task) WHERE t.embedding IS NOT NULL "
                      "RETURN count(t) AS n, collect(DISTINCT d.embedding_model) AS models")
    assert rows == [{"n": n, "models": ["another-model"]}]
