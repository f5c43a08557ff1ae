"""Hybrid search over the seed tasks: better than keywords alone on the retrieval test set,
script-blind, deterministic in its fusion, and quiet on empty or meaningless queries."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

from policykg.nlp.embedding import ENV_VAR, embed
from policykg.nlp.lexical import LexicalIndex, tokenize
from policykg.nlp.retrieval import (VectorIndex, convex_fusion, hybrid_search, reciprocal_rank_fusion,
                                    task_document)

ROOT = Path(__file__).resolve().parent.parent
GARBAGE = ["", "   ", "!!!", "。,;?", "qwertyuiop", "12345", "😀😀", "\x00\x01"]


def eval_module():
    spec = importlib.util.spec_from_file_location("eval_retrieval", ROOT / "bench" / "eval_retrieval.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module", autouse=True)
def offline():
    mp = pytest.MonkeyPatch()
    mp.setenv("HF_HUB_OFFLINE", "1")
    mp.delenv(ENV_VAR, raising=False)
    yield
    mp.undo()


@pytest.fixture(scope="module")
def indexes(seed_records):
    ev = eval_module()
    ids, texts = ev.task_corpus(seed_records)
    return LexicalIndex(ids, texts), VectorIndex(ids, embed(texts))


def test_hybrid_beats_lexical_on_the_test_set(seed_records):
    ev = eval_module()
    results = ev.evaluate(seed_records, k=5)
    lex, hyb = results["lexical"], results["hybrid"]
    figures = "\n" + ev.table(results)
    assert len(ev.load_queries()) >= 30
    assert hyb.recall > lex.recall, figures
    assert hyb.mrr > lex.mrr, figures


def test_test_set_names_tasks_the_extractor_finds(seed_records):
    ev = eval_module()
    ids, _ = ev.task_corpus(seed_records)
    queries = ev.load_queries()
    assert {q["kind"] for q in queries} >= {"plain", "paraphrase", "traditional"}
    missing = {key for q in queries for key in q["relevant_keys"]} - set(ids)
    assert not missing


@pytest.mark.parametrize("trad,simp", [("景區極端天氣關停", "景区极端天气关停"),
                                       ("應急預案修訂和演練", "应急预案修订和演练"),
                                       ("危險化學品搬遷", "危险化学品搬迁")])
def test_traditional_query_finds_what_simplified_finds(indexes, trad, simp):
    lex, vec = indexes
    assert tokenize(trad) == tokenize(simp)
    assert lex.search(trad, 10) == lex.search(simp, 10)
    assert hybrid_search(trad, lex, vec, 10) == hybrid_search(simp, lex, vec, 10)
    assert hybrid_search(simp, lex, vec, 10)


@pytest.mark.parametrize("query", GARBAGE)
def test_empty_or_garbage_query_returns_nothing(indexes, query):
    lex, vec = indexes
    assert lex.search(query, 5) == []
    assert vec.search(embed([query])[0], 5) == []
    assert hybrid_search(query, lex, vec, 5) == []
    assert hybrid_search(query, lex, vec, 5, method="rrf") == []


def test_k_bounds(indexes):
    lex, vec = indexes
    assert hybrid_search("危化品搬迁", lex, vec, 0) == []
    got = hybrid_search("危化品搬迁", lex, vec, 3)
    assert len(got) == 3 and got[0][0] == "001/二/(三)/4"
    assert [s for _, s in got] == sorted((s for _, s in got), reverse=True)


def test_empty_indexes():
    lex, vec = LexicalIndex([], []), VectorIndex([], np.zeros((0, 8), dtype=np.float32))
    assert lex.search("危化品", 5) == []
    assert vec.search(np.ones(8, dtype=np.float32), 5) == []


def test_reciprocal_rank_fusion_ordering():
    fused = reciprocal_rank_fusion([["a", "b", "c"], ["b", "c", "d"]], k=60)
    ids = [d for d, _ in fused]
    assert ids == ["b", "c", "a", "d"]  # found by both first; then single-list ranks
    assert fused[0][1] == pytest.approx(1 / 62 + 1 / 61)
    # ties keep first-met order, repeats count once, weights apply per ranking
    assert [d for d, _ in reciprocal_rank_fusion([["x", "y"], ["y", "x"]])] == ["x", "y"]
    assert reciprocal_rank_fusion([["a", "a", "b"]])[0] == ("a", pytest.approx(1 / 61))
    assert [d for d, _ in reciprocal_rank_fusion([["a"], ["b"]], weights=[1.0, 2.0])] == ["b", "a"]
    assert reciprocal_rank_fusion([[], []]) == []
    with pytest.raises(ValueError):
        reciprocal_rank_fusion([["a"]], weights=[1.0, 1.0])


def test_convex_fusion_ordering():
    fused = convex_fusion([("a", 10.0), ("b", 5.0)], [("b", 0.9), ("c", 0.8), ("d", -0.2)], alpha=0.5)
    assert [d for d, _ in fused] == ["b", "a", "c"]  # negative cosine adds nothing
    assert dict(fused)["b"] == pytest.approx(0.5 * 0.5 + 0.5 * 0.9)
    assert convex_fusion([], []) == []
    assert [d for d, _ in convex_fusion([("a", 1.0)], [("b", 1.0)], alpha=1.0)] == ["a"]
    with pytest.raises(ValueError):
        convex_fusion([], [], alpha=1.5)


def test_vector_index_cosine_and_dimension_check():
    ix = VectorIndex(["x", "y", "z"], np.array([[1, 0], [0, 2], [-1, 0]], dtype=np.float32))
    assert ix.search(np.array([3.0, 0.1]), 5)[0][0] == "x"
    assert [d for d, _ in ix.search(np.array([3.0, 0.1]), 5)] == ["x", "y"]  # z is opposite
    assert ix.search(np.zeros(2), 5) == []
    with pytest.raises(ValueError):
        ix.search(np.ones(3), 5)


def test_task_document_keeps_the_title_once():
    assert task_document("加强统筹。", "加强统筹。各地要…") == "加强统筹。各地要…"
    assert task_document("标题", "正文") == "标题。正文"
    assert task_document("", "正文") == "正文"


def test_a_rebuild_reuses_the_saved_tokens_and_ranks_as_a_fresh_build(tmp_path, monkeypatch):
    """After one upload all but a few texts are unchanged: their tokens come from the index
    saved before (segmenting was 120 s of a 140 s build at 10,000 documents), and the scores
    are exactly those of an index built from scratch (devset pages cut into task-sized texts)."""
    import numpy as np

    from policykg.nlp import lexical

    docs = sorted((Path(__file__).resolve().parents[2] / "shared" / "devset" / "docs").glob("*.txt"))
    if not docs:
        pytest.skip("../shared/devset is not beside the repo")
    texts = [t[i:i + 300] for d in docs[:12] for t in [d.read_text(encoding="utf-8")] for i in range(0, len(t), 300)]
    ids = [f"t{i}" for i in range(len(texts))]
    LexicalIndex(ids, texts).save(tmp_path / "before")
    changed = texts[:5] + ["森林防火期内禁止野外用火"] + texts[6:] + ["危化品企业安全检查", ""]
    changed_ids = ids + ["new1", "new2"]
    segmented = []
    real = lexical.tokenize
    monkeypatch.setattr(lexical, "tokenize", lambda t: segmented.append(t) or real(t))
    reused = LexicalIndex(changed_ids, changed, previous=tmp_path / "before")
    monkeypatch.setattr(lexical, "tokenize", real)
    fresh = LexicalIndex(changed_ids, changed)
    assert sorted(segmented) == sorted(["森林防火期内禁止野外用火", "危化品企业安全检查", ""])
    for q in ("隐患排查治理", "危化品 安全", "森林防火期", "应急管理局 值班"):
        assert np.allclose(reused.scores(q), fresh.scores(q))


def test_the_segmenter_is_made_once_however_many_threads_ask(monkeypatch):
    """Bug of the 10k load run: 40 server threads' first searches each built a jieba
    segmenter (a dictionary load each; the server stalled for tens of seconds)."""
    import threading

    from policykg.nlp import lexical

    monkeypatch.setattr(lexical, "_segmenter", None)
    made = []
    import jieba

    original = jieba.Tokenizer
    monkeypatch.setattr(jieba, "Tokenizer", lambda *a, **k: made.append(1) or original(*a, **k))
    got = []
    threads = [threading.Thread(target=lambda: got.append(lexical.segmenter())) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(made) == 1 and len({id(g) for g in got}) == 1
