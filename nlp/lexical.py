"""BM25 keyword search over tasks: jieba search-mode words plus character bigrams.

Why both kinds of token: jieba search mode (`cut_for_search`) also emits the shorter words
inside long ones (安全生产 -> 安全, 生产, 安全生产), which matches a query written with a
different compound; character bigrams catch what the segmenter splits differently in a
two-character query and in a long task text (a user types 危化 or 病库, the task says
危化品 or "病库"), so short queries still match. Words and bigrams live in separate
namespaces ("b:" prefix) so a bigram never inflates the document frequency of a word.

The segmenter is a private `jieba.Tokenizer` taught the project's domain terms (sector,
mechanism and department wording from nlp/data via `pipeline.domain_terms`), so that
tokenisation does not change when another module edits the global jieba dictionary
between indexing and querying.

Text is converted to simplified script first (OpenCC t2s), so a query typed in
traditional script finds the same tasks as its simplified form.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import numpy as np

# Function words and question words a researcher types around the content ("怎么", "如何",
# "什么时候"): matching them would rank tasks by how much filler they contain.
STOPWORDS: frozenset[str] = frozenset(
    "的 了 和 与 及 或 等 在 对 是 为 将 把 被 由 从 向 于 以 及其 并 并且 而 也 都 要 应 须 "
    "其 之 中 上 下 个 有 有关 相关 进行 开展 加强 工作 "
    "怎么 怎样 如何 什么 哪些 哪个 为什么 吗 呢 吧 啊 时候 多少 能否 是否 关于 办 怎么办".split()
)
"""Words dropped from queries and documents. Kept deliberately small: the frequent content words
of circulars (加强, 工作, 开展) are in it because every task has them and BM25's idf alone leaves
them a small positive weight that still reorders near-ties."""

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
WORDLIKE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaffA-Za-z0-9]")
BIGRAM_PREFIX = "b:"
DOMAIN_WORD_FREQ = 50000  # the frequency nlp/pipeline.py gives domain terms in jieba


def simplify(text: str) -> str:
    """Traditional -> simplified (OpenCC t2s), shared with the cleaning step."""
    from ..ingest.clean import t2s

    return t2s()(text)


@lru_cache(maxsize=1)
def segmenter():
    """A private jieba instance with the project's domain terms (see module docstring)."""
    import jieba

    from .pipeline import domain_terms

    jieba.setLogLevel(60)
    tok = jieba.Tokenizer()
    for term in sorted(domain_terms()):
        tok.add_word(term, freq=DOMAIN_WORD_FREQ)
    return tok


def tokenize(text: str) -> list[str]:
    """The BM25 tokens of a document or a query: search-mode words, then bigrams (simplified first).

    One precise jieba cut serves both: search-mode words are the cut's words plus the dictionary
    words inside them (what `cut_for_search` yields), and bigrams are taken inside runs of
    kept words, so a stopword ("怎么") leaves no junk bigram ("理怎") behind.
    """
    seg = segmenter()
    seg.check_initialized()
    text = simplify(text or "").lower()
    out: list[str] = []
    runs: list[str] = []
    run = ""
    for w in seg.cut(text, HMM=True):
        if w in STOPWORDS or not WORDLIKE.search(w):
            runs.append(run)
            run = ""
            continue
        run += w
        for n in (2, 3):
            if len(w) > n:
                out.extend(w[i:i + n] for i in range(len(w) - n + 1) if seg.FREQ.get(w[i:i + n]))
        out.append(w)
    runs.append(run)
    for r in runs:
        out.extend(bigrams(r))
    return out


def bigrams(text: str) -> list[str]:
    """Character bigrams inside each run of CJK characters."""
    out: list[str] = []
    for run in CJK.findall(text):
        out.extend(BIGRAM_PREFIX + run[i:i + 2] for i in range(len(run) - 1))
    return out


class LexicalIndex:
    """An in-memory BM25 index (bm25s, Lucene variant) over task texts, keyed by task id."""

    def __init__(self, ids: list[str], texts: list[str], k1: float = 1.2, b: float = 0.75) -> None:
        import bm25s

        if len(ids) != len(texts):
            raise ValueError(f"{len(ids)} ids for {len(texts)} texts")
        self.ids = list(ids)
        self.vocab: set[str] = set()
        self.bm25 = None
        if not self.ids:
            return
        corpus = [tokenize(t) for t in texts]
        self.vocab = {tok for doc in corpus for tok in doc}
        self.bm25 = bm25s.BM25(k1=k1, b=b)
        # every document needs at least one token for bm25s; an empty one gets a token no query has
        self.bm25.index([doc or ["\x00"] for doc in corpus], show_progress=False)

    def save(self, folder: Path) -> None:
        """Write the index to `folder` (bm25s's own arrays and the task ids) to load it back
        without tokenizing every task again (tens of seconds at 10,000 documents)."""
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "ids.json").write_text(json.dumps(self.ids, ensure_ascii=False), encoding="utf-8")
        if self.bm25 is not None:
            self.bm25.save(str(folder / "bm25"), show_progress=False)

    @classmethod
    def load(cls, folder: Path) -> "LexicalIndex":
        import bm25s

        index = cls.__new__(cls)
        index.ids = json.loads((folder / "ids.json").read_text(encoding="utf-8"))
        index.bm25 = None
        index.vocab = set()
        if (folder / "bm25").exists():
            index.bm25 = bm25s.BM25.load(str(folder / "bm25"), show_progress=False)
            index.vocab = set(index.bm25.vocab_dict)
        return index

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every indexed text for `query` (zeros when no query token is known)."""
        if self.bm25 is None:
            return np.zeros(0, dtype=np.float32)
        toks = [t for t in tokenize(query) if t in self.vocab]
        if not toks:
            return np.zeros(len(self.ids), dtype=np.float32)
        return np.asarray(self.bm25.get_scores(toks), dtype=np.float32)

    def search(self, query: str, k: int) -> list[tuple[str, float]]:
        """The `k` best (id, score) pairs with a positive score, best first; [] for no match."""
        s = self.scores(query)
        if k <= 0 or not s.size:
            return []
        order = np.argsort(-s, kind="stable")[:k]
        return [(self.ids[i], float(s[i])) for i in order if s[i] > 0]
