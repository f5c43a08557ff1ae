"""Retrieval quality on tests/data/retrieval_queries.json: recall@5 and MRR, lexical vs vector vs hybrid.

The index holds every task the extractor finds in the seed circulars (title + text); a task
is matched to the test set by (document prefix, gold path), so the figures do not depend on
task numbering. Figures are in-sample for the shipped model: it was trained on these same
circulars (see nlp/models/policykg-static-zh/README.md), though not on the queries.

usage: python bench/eval_retrieval.py [--k 5] [--per-query]
"""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "tests" / "data" / "retrieval_queries.json"
CORPUS = ROOT / "corpus"


def task_key(doc: str, path: list[str]) -> str:
    """`001/二/(三)/4`: document prefix and gold path."""
    return "/".join([doc[:3], *path])


def seed_records() -> dict[str, dict]:
    from policykg.nlp.extract import extract_path

    return {p.name[:3]: extract_path(p) for p in sorted(CORPUS.glob("*.txt"))}


def task_corpus(records: dict[str, dict]) -> tuple[list[str], list[str]]:
    """(ids, indexed texts) of every extracted task."""
    from policykg.nlp.retrieval import task_document

    ids, texts = [], []
    for prefix, rec in sorted(records.items()):
        for t in rec["tasks"]:
            ids.append(task_key(prefix, t["path"]))
            texts.append(task_document(t.get("title", ""), t.get("text", "")))
    return ids, texts


def load_queries(path: Path = QUERIES) -> list[dict]:
    qs = json.loads(path.read_text(encoding="utf-8"))["queries"]
    for q in qs:
        q["relevant_keys"] = {task_key(r["doc"], r["path"]) for r in q["relevant"]}
    return qs


@dataclass
class Scores:
    recall: float
    mrr: float
    per_query: list[tuple[str, float, float]]


def score(queries: list[dict], search: Callable[[str], list[str]], k: int = 5) -> Scores:
    """Mean recall@k (share of a query's relevant tasks in the top k) and MRR (first relevant)."""
    per = []
    for q in queries:
        ranked = search(q["query"])
        rel = q["relevant_keys"]
        recall = len(rel & set(ranked[:k])) / len(rel)
        rr = next((1.0 / i for i, d in enumerate(ranked, 1) if d in rel), 0.0)
        per.append((q["query"], recall, rr))
    n = len(per) or 1
    return Scores(sum(p[1] for p in per) / n, sum(p[2] for p in per) / n, per)


def evaluate(records: dict[str, dict], k: int = 5, depth: int = 50) -> dict[str, Scores]:
    """Scores of the lexical, vector and hybrid rankers over the seed tasks (hybrid = the default
    convex fusion of `hybrid_search`; hybrid-rrf = reciprocal rank fusion, k = 60, for comparison)."""
    from policykg.nlp.embedding import embed
    from policykg.nlp.lexical import LexicalIndex
    from policykg.nlp.retrieval import VectorIndex, hybrid_search

    ids, texts = task_corpus(records)
    known = set(ids)
    queries = load_queries()
    missing = {key for q in queries for key in q["relevant_keys"]} - known
    if missing:
        raise SystemExit(f"relevant tasks the extractor no longer finds: {sorted(missing)}")
    lex = LexicalIndex(ids, texts)
    vec = VectorIndex(ids, embed(texts))
    return {
        "lexical": score(queries, lambda q: [i for i, _ in lex.search(q, depth)], k),
        "vector": score(queries, lambda q: [i for i, _ in vec.search(embed([q])[0], depth)], k),
        "hybrid": score(queries, lambda q: [i for i, _ in hybrid_search(q, lex, vec, depth)], k),
        "hybrid-rrf": score(queries, lambda q: [i for i, _ in hybrid_search(q, lex, vec, depth, method="rrf")], k),
    }


def table(results: dict[str, Scores], k: int = 5) -> str:
    lines = [f"{'ranker':10} {'recall@' + str(k):>10} {'MRR':>8}"]
    lines += [f"{name:10} {s.recall:10.3f} {s.mrr:8.3f}" for name, s in results.items()]
    return "\n".join(lines)


def main() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    ap = argparse.ArgumentParser()
    ap.add_argument("--k", type=int, default=5)
    ap.add_argument("--per-query", action="store_true")
    args = ap.parse_args()
    from policykg.nlp.embedding import model_fingerprint, model_path

    results = evaluate(seed_records(), k=args.k)
    n = len(load_queries())
    print(f"{n} queries, model {model_path()} ({model_fingerprint()[:19]})")
    print(table(results, args.k))
    if args.per_query:
        names = list(results)
        print("\n" + " | ".join(f"{n_} R@{args.k}/RR" for n_ in names) + " | query")
        for rows in zip(*(results[n_].per_query for n_ in names)):
            print(" | ".join(f"{r[1]:.2f}/{r[2]:.2f}" for r in rows) + " | " + rows[0][0])


if __name__ == "__main__":
    main()
