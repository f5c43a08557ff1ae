"""The write path's parts that make it fast and small (issue 13): the parameter text sent
to FalkorDB, pipelined batches, and documents' text beside the graph."""

from __future__ import annotations

import numpy as np
import pytest

from policykg.graph.cypher_params import params_header
from policykg.graph.store import BadParameter, plain_params
from policykg.graph.textpack import pack_text
from policykg.graph.texts import TextStore
from policykg.graph.writer import PipelinedWriter, counts, delete_documents, write_records


def test_params_header_is_the_clients_text_and_refuses_what_plain_params_refuses():
    from falkordb.helpers import stringify_param_value

    params = {"s": 'a"b\\c\nd 中', "i": -3, "f": 0.1, "n": None, "l": [1.5, 2.0], "m": {"k": [True, "x"]},
              "e": [], "d": {"x": {"y": [1, 2]}}}
    want = "CYPHER " + "".join(f"`{k}`={stringify_param_value(v)} " for k, v in plain_params(params).items())
    assert params_header(params) == want.replace("True", "true")
    for bad in [float("nan"), float("inf"), 2**64, object(), "a\x00b", [1.0, float("nan")]]:
        with pytest.raises(BadParameter):
            params_header({"x": bad})


def test_float32_vectors_are_written_exactly():
    v = np.random.default_rng(1).standard_normal(256).astype(np.float32)
    text = params_header({"v": v})
    back = np.array([float(x) for x in text[text.index("[") + 1:text.rindex("]")].split(",")], dtype=np.float32)
    assert (back == v).all()


def test_pipelined_batches_give_what_one_by_one_gives(store, seed_records):
    recs = list(seed_records.values())
    write_records(store, recs)
    one_by_one = counts(store)
    store.write("MATCH (n) DETACH DELETE n")
    done = []
    with PipelinedWriter(store, on_done=lambda rs, results: done.append([r.doc_id for r in results])) as w:
        w.submit(recs[:2])
        w.submit(recs[2:])
        w.submit(recs[1:3])  # shares documents with the batch in flight: written after it
    assert done == [[r["id"] for r in recs[:2]], [r["id"] for r in recs[2:]], [r["id"] for r in recs[1:3]]]
    assert counts(store) == one_by_one


def test_document_text_lives_beside_the_embedded_graph(falkor_store, seed_records):
    store = falkor_store
    store.write("MATCH (n) DETACH DELETE n")
    rec = seed_records["003"]
    write_records(store, [rec])
    assert store.read("MATCH (d:Document {id: $id}) RETURN d.original_text_z AS z", {"id": rec["id"]}) == [{"z": None}]
    assert store.texts.get(rec["id"]) == rec["original_text"]
    other = TextStore(store.data, "another_graph")
    assert other.get(rec["id"]) is None  # one folder per graph
    # a text whose document was never written (refused, or a crash before its statement)
    store.texts.put_packed({"stray": pack_text("x")})
    assert store.texts.sweep([rec["id"]]) == 0  # young: may belong to a write in flight
    assert store.texts.sweep([rec["id"]], min_age=0) >= 1
    assert store.texts.get("stray") is None
    assert store.texts.get(rec["id"]) == rec["original_text"]
    delete_documents(store, [rec["id"]])
    assert store.texts.get(rec["id"]) is None
