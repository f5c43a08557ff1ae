"""Hybrid retrieval: BM25 and embedding results fused into one ranking.

Two fusions, because callers hold different things:
- `convex_fusion` (the default of `hybrid_search`): 0.5 * BM25 / max BM25 + 0.5 * cosine.
  BM25 is unbounded and query-dependent, so it is scaled by the query's best score; a cosine
  already lives on a fixed scale and says how close the best match really is, so it is kept
  as it is (clipped at 0). A convex combination of scores measured better than rank fusion
  on tests/data/retrieval_queries.json (bench/eval_retrieval.py prints both), as Bruch et al.
  (2023, "An Analysis of Fusion Functions for Hybrid Retrieval") found on larger benchmarks:
  a confident keyword match keeps its first place, where rank fusion lets a weaker vector
  ranking pull it down.
- `reciprocal_rank_fusion` (Cormack et al. 2009) for callers that have ranks but no
  comparable scores (e.g. a graph store's full-text and vector indexes, whose scores differ
  in kind).
`VectorIndex` is a plain numpy cosine index, used for evaluation and as a fallback where the
graph store has no vector index.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .lexical import LexicalIndex

RRF_K = 60
CANDIDATES = 50  # depth of each ranking fed to the fusion
LEXICAL_WEIGHT = 0.5  # alpha of the convex fusion: equal say to keywords and meaning


def task_document(title: str, text: str) -> str:
    """The text indexed for a task: its title and its whole text (the title once, not twice,
    when the text already opens with it, so the lead sentence is not counted double)."""
    title, text = (title or "").strip(), (text or "").strip()
    if not title or text.startswith(title):
        return text
    return f"{title}。{text}" if text else title


def reciprocal_rank_fusion(rankings: Sequence[Sequence[str]], k: int = RRF_K,
                           weights: Sequence[float] | None = None) -> list[tuple[str, float]]:
    """Fuse ranked id lists: score(id) = sum_r w_r / (k + rank_r(id)), rank starting at 1.

    Ties keep the order in which ids were first met (first ranking first), so the result is
    deterministic. An id repeated inside one ranking counts at its best rank only.
    """
    if weights is None:
        weights = [1.0] * len(rankings)
    if len(weights) != len(rankings):
        raise ValueError(f"{len(weights)} weights for {len(rankings)} rankings")
    scores: dict[str, float] = {}
    for ranking, w in zip(rankings, weights):
        seen: set[str] = set()
        for rank, doc_id in enumerate(ranking, 1):
            if doc_id in seen:
                continue
            seen.add(doc_id)
            scores[doc_id] = scores.get(doc_id, 0.0) + w / (k + rank)
    order = {doc_id: i for i, doc_id in enumerate(scores)}
    return sorted(scores.items(), key=lambda kv: (-kv[1], order[kv[0]]))


class VectorIndex:
    """Exact cosine search over L2-normalised rows held in memory."""

    def __init__(self, ids: list[str], matrix: np.ndarray) -> None:
        matrix = np.asarray(matrix, dtype=np.float32)
        if matrix.ndim != 2 or matrix.shape[0] != len(ids):
            raise ValueError(f"matrix of shape {matrix.shape} for {len(ids)} ids")
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        self.ids = list(ids)
        self.matrix = np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 1e-12)

    @property
    def dim(self) -> int:
        return int(self.matrix.shape[1])

    def search(self, query_vec: np.ndarray, k: int) -> list[tuple[str, float]]:
        """The `k` most similar (id, cosine) pairs with cosine > 0, best first; [] for a zero query."""
        q = np.asarray(query_vec, dtype=np.float32).ravel()
        if k <= 0 or not self.ids:
            return []
        if q.shape[0] != self.dim:
            raise ValueError(f"query of dimension {q.shape[0]} for an index of dimension {self.dim}")
        n = float(np.linalg.norm(q))
        if not np.isfinite(n) or n <= 1e-12:
            return []
        sims = self.matrix @ (q / n)
        order = np.argsort(-sims, kind="stable")[:k]
        return [(self.ids[i], float(sims[i])) for i in order if sims[i] > 0]


def convex_fusion(lexical: Sequence[tuple[str, float]], vector: Sequence[tuple[str, float]],
                  alpha: float = LEXICAL_WEIGHT) -> list[tuple[str, float]]:
    """score(id) = alpha * bm25(id) / max bm25 + (1 - alpha) * max(cosine(id), 0).

    An id missing from one list scores 0 there. Ties keep first-met order (lexical list
    first), so the result is deterministic.
    """
    if not 0.0 <= alpha <= 1.0:
        raise ValueError(f"alpha {alpha} outside [0, 1]")
    top = max((s for _, s in lexical), default=0.0)
    scores: dict[str, float] = {}
    if top > 0:
        for doc_id, s in lexical:
            if doc_id not in scores:
                scores[doc_id] = alpha * max(s, 0.0) / top
    seen: set[str] = set()
    for doc_id, s in vector:
        if doc_id in seen:
            continue
        seen.add(doc_id)
        scores[doc_id] = scores.get(doc_id, 0.0) + (1.0 - alpha) * max(s, 0.0)
    order = {doc_id: i for i, doc_id in enumerate(scores)}
    return sorted(((d, s) for d, s in scores.items() if s > 0), key=lambda kv: (-kv[1], order[kv[0]]))


def hybrid_search(query: str, lexical: LexicalIndex, vector: VectorIndex, k: int,
                  candidates: int = CANDIDATES, method: str = "convex",
                  alpha: float = LEXICAL_WEIGHT, rrf_k: int = RRF_K) -> list[tuple[str, float]]:
    """Top `k` (id, fused score) for `query` from BM25 and the embedding index; [] when neither
    ranker finds anything (empty or meaningless query). `method`: "convex" or "rrf"."""
    from .embedding import embed

    if k <= 0 or not (query or "").strip():
        return []
    depth = max(k, candidates)
    lex = lexical.search(query, depth)
    vec = vector.search(embed([query])[0], depth) if vector.ids else []
    if method == "convex":
        return convex_fusion(lex, vec, alpha)[:k]
    if method == "rrf":
        return reciprocal_rank_fusion([[d for d, _ in lex], [d for d, _ in vec]], k=rrf_k)[:k]
    raise ValueError(f"unknown fusion method {method!r}")
