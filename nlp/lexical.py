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

import hashlib
import json
import re
import threading
from collections import Counter
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


_SEGMENTER_LOCK = threading.Lock()
_segmenter = None


def segmenter():
    """A private jieba instance with the project's domain terms (see module docstring), made
    once per process. Why the lock: 40 server threads whose first searches arrived together
    each built their own (a dictionary load of a second each, and 1 GB more): the 10k load run
    stalled for tens of seconds once the search index was loaded from disk instead of built."""
    global _segmenter
    if _segmenter is None:
        with _SEGMENTER_LOCK:
            if _segmenter is None:
                import jieba

                from .pipeline import domain_terms

                jieba.setLogLevel(60)
                tok = jieba.Tokenizer()
                for term in sorted(domain_terms()):
                    tok.add_word(term, freq=DOMAIN_WORD_FREQ)
                tok.check_initialized()
                _segmenter = tok
    return _segmenter


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


STOPWORD_CHARS: frozenset[str] = frozenset("".join(STOPWORDS))
POSTINGS_SLACK = 4  # see `LexicalIndex.holding_all`


def containment_bigrams(query: str) -> list[str] | None:
    """The bigram tokens every indexed text holding `query` verbatim must also hold, or None
    when the query has none that are sure.

    Why only some: a text's bigrams are taken inside runs of kept words (`tokenize`), so a
    bigram touching a stopword's character may be missing from a text that holds the query
    (the run broke there). A bigram of two characters that belong to no stopword lies inside
    one run wherever it occurs: its tokens cannot be stopwords. A query that simplifying would
    change is not sure either (the index holds simplified text; the store the text as written)."""
    if not query or simplify(query) != query:
        return None
    out = [b for b in bigrams(query.lower()) if not set(b[len(BIGRAM_PREFIX):]) & STOPWORD_CHARS]
    return sorted(set(out)) or None


class LexicalIndex:
    """An in-memory BM25 index (bm25s, Lucene variant) over task texts, keyed by task id."""

    def __init__(self, ids: list[str], texts: list[str], k1: float = 1.2, b: float = 0.75,
                 previous: Path | None = None) -> None:
        """`previous`: the folder of an index saved before (see `save`); the tokens of every
        text it held unchanged are taken from it instead of segmenting the text again."""
        import bm25s

        if len(ids) != len(texts):
            raise ValueError(f"{len(ids)} ids for {len(texts)} texts")
        self.ids = list(ids)
        self.vocab: set[str] = set()
        self.avgdl: float | None = None  # mean tokens a text: what a delta's texts are scored against
        self.bm25 = None
        self._tokens: tuple[list[np.ndarray], dict[str, int], list[str]] | None = None
        if not self.ids:
            return
        token_ids, vocab, hashes = token_ids_of(texts, previous)
        self._tokens = (token_ids, vocab, hashes)
        self.vocab = set(vocab)
        self.avgdl = float(np.mean([len(t) for t in token_ids]))
        self.bm25 = bm25s.BM25(k1=k1, b=b)
        self.bm25.index(([t.tolist() for t in token_ids], vocab), show_progress=False)

    def save(self, folder: Path) -> None:
        """Write the index to `folder` (bm25s's own arrays and the task ids) to load it back
        without tokenizing every task again (tens of seconds at 10,000 documents)."""
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "ids.json").write_text(json.dumps(self.ids, ensure_ascii=False), encoding="utf-8")
        if self.bm25 is not None:
            self.bm25.save(str(folder / "bm25"), show_progress=False)
            (folder / "stats.json").write_text(json.dumps({"avgdl": self.avgdl}), encoding="utf-8")
        if self._tokens is not None:  # for the next build (see `token_ids_of`)
            token_ids, vocab, hashes = self._tokens
            np.save(folder / "tokens.npy", np.concatenate(token_ids) if token_ids else np.zeros(0, np.int32))
            np.save(folder / "offsets.npy", np.cumsum([0] + [len(t) for t in token_ids], dtype=np.int64))
            (folder / "vocab.json").write_text(json.dumps(list(vocab), ensure_ascii=False), encoding="utf-8")
            (folder / "hashes.json").write_text(json.dumps(hashes), encoding="utf-8")

    def forget_tokens(self) -> None:
        """Drop the per-text token ids once saved (hundreds of MB at 10,000 documents)."""
        self._tokens = None

    @classmethod
    def load(cls, folder: Path) -> "LexicalIndex":
        import bm25s

        index = cls.__new__(cls)
        index.ids = json.loads((folder / "ids.json").read_text(encoding="utf-8"))
        index._tokens = None
        index.bm25 = None
        index.vocab = set()
        index.avgdl = None
        if (folder / "bm25").exists():
            index.bm25 = bm25s.BM25.load(str(folder / "bm25"), show_progress=False)
            index.vocab = set(index.bm25.vocab_dict)
            if (folder / "stats.json").exists():
                index.avgdl = json.loads((folder / "stats.json").read_text(encoding="utf-8"))["avgdl"]
            elif (folder / "offsets.npy").exists():  # saved before stats.json: the token counts say it
                index.avgdl = float(np.diff(np.load(folder / "offsets.npy")).mean())
        segmenter()  # queries need it: made here, not by the first searches
        return index

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every indexed text for `query` (zeros when no query token is known)."""
        if self.bm25 is None:
            return np.zeros(0, dtype=np.float32)
        toks = [t for t in tokenize(query) if t in self.vocab]
        if not toks:
            return np.zeros(len(self.ids), dtype=np.float32)
        return np.asarray(self.bm25.get_scores(toks), dtype=np.float32)

    def holding_all(self, tokens: list[str], at_most: int | None = None) -> np.ndarray | None:
        """Positions (in `ids`, ascending) of the texts holding every one of `tokens`: the
        intersection of their postings (bm25s keeps, per token, the texts it occurs in).
        None when more than `at_most` would be found, judged from the rarest token first
        (POSTINGS_SLACK times `at_most` or more: not intersected at all, ≈ 12 ms at 10,000
        documents for a common phrase whose candidates no caller would use)."""
        if self.bm25 is None or not tokens:
            return np.zeros(0, dtype=np.int64)
        if any(tok not in self.vocab for tok in tokens):
            return np.zeros(0, dtype=np.int64)
        sc = self.bm25.scores
        spans = sorted(((int(sc["indptr"][t]), int(sc["indptr"][t + 1]))
                        for t in (self.bm25.vocab_dict[tok] for tok in tokens)), key=lambda ab: ab[1] - ab[0])
        if at_most is not None and spans[0][1] - spans[0][0] > POSTINGS_SLACK * at_most:
            return None
        found = np.asarray(sc["indices"][spans[0][0]:spans[0][1]])
        for a, b in spans[1:]:  # the rarest first: every later intersection is small
            found = np.intersect1d(found, sc["indices"][a:b], assume_unique=True)
            if not found.size:
                break
        if at_most is not None and found.size > at_most:
            return None
        return np.sort(found)

    def first_holding(self, tokens: list[str], start: int, end: int, want: int) -> tuple[np.ndarray, int]:
        """The first `want` (or more) positions in [start, end) of the texts holding every one of
        `tokens`, ascending, and the position up to which every holder was found (`end` when
        all were): the rarest token's postings are read from `start` a chunk at a time, each
        position looked up in the other tokens' postings (sorted: a binary search).

        Why: `holding_all` intersects whole postings, a cost that grows with the graph (≈ 12 ms
        at 10,000 documents for a common phrase); when positions follow the list's order (the
        search index is built in sort-key order) the first page's candidates are the first
        holders, found at a cost that follows the page (issue 13)."""
        if self.bm25 is None or not tokens or start >= end or any(tok not in self.vocab for tok in tokens):
            return np.zeros(0, dtype=np.int64), end
        sc = self.bm25.scores
        indices = sc["indices"]
        spans = sorted(((int(sc["indptr"][t]), int(sc["indptr"][t + 1]))
                        for t in (self.bm25.vocab_dict[tok] for tok in tokens)), key=lambda ab: ab[1] - ab[0])
        rarest = indices[spans[0][0]:spans[0][1]]
        others = [indices[a:b] for a, b in spans[1:]]
        i, stop = int(np.searchsorted(rarest, start)), int(np.searchsorted(rarest, end))
        found: list[np.ndarray] = []
        count, chunk = 0, max(want, 64)
        while i < stop and count < want:
            c = np.asarray(rarest[i:min(i + chunk, stop)])
            keep = np.ones(len(c), dtype=bool)
            for post in others:
                j = np.minimum(np.searchsorted(post, c), len(post) - 1)
                keep &= post[j] == c
            found.append(c[keep])
            count += int(keep.sum())
            i += len(c)
            chunk *= 2  # a sparse conjunction reads ever larger chunks: few rounds in all
        known = end if i >= stop else int(rarest[i])  # every holder before the next unread posting
        out = np.concatenate(found).astype(np.int64) if found else np.zeros(0, dtype=np.int64)
        return out, known

    def search(self, query: str, k: int) -> list[tuple[str, float]]:
        """The `k` best (id, score) pairs with a positive score, best first; [] for no match."""
        s = self.scores(query)
        if k <= 0 or not s.size:
            return []
        order = np.argsort(-s, kind="stable")[:k]
        return [(self.ids[i], float(s[i])) for i in order if s[i] > 0]


class DeltaLexical:
    """BM25 over the few texts written since a saved index was built, scored against that
    index's statistics (its documents, their mean length, each token's document frequency,
    plus the delta's own), so that the two rankings compare and merge.

    Why: rebuilding the whole index after each upload read every task text from the store
    and tokenized and saved 370 MB at 10,000 documents; beside 100 clients that half minute
    made read p95 4× slower (issue 15). The delta is a few hundred texts; the whole index is
    rebuilt only when the delta has grown (`api.search.DELTA_SHARE`)."""

    def __init__(self, base: LexicalIndex, ids: list[str], texts: list[str]) -> None:
        self.ids = list(ids)
        self.id_set = frozenset(ids)
        self.k1 = float(base.bm25.k1) if base.bm25 is not None else 1.2
        self.b = float(base.bm25.b) if base.bm25 is not None else 0.75
        self.docs = [Counter(tokenize(t)) for t in texts]
        self.lengths = np.array([d.total() for d in self.docs], dtype=np.float32)
        self.own_df = Counter(tok for d in self.docs for tok in d)
        self.base_n = len(base.ids)
        self.avgdl = base.avgdl or (float(self.lengths.mean()) if self.docs else 1.0)
        self._base = base

    def df(self, token: str) -> int:
        base = self._base
        n = self.own_df.get(token, 0)
        if base.bm25 is not None and token in base.vocab:
            t = base.bm25.vocab_dict[token]
            indptr = base.bm25.scores["indptr"]
            n += int(indptr[t + 1] - indptr[t])
        return n

    def holding_all(self, tokens: list[str]) -> list[str]:
        """Ids of the delta's texts holding every one of `tokens`."""
        return [tid for tid, d in zip(self.ids, self.docs) if all(tok in d for tok in tokens)]

    def scores(self, query: str) -> np.ndarray:
        """BM25 (Lucene variant, as bm25s computes it) of each delta text for `query`."""
        out = np.zeros(len(self.docs), dtype=np.float32)
        if not self.docs:
            return out
        n = self.base_n + len(self.docs)
        norm = self.k1 * (1 - self.b + self.b * self.lengths / self.avgdl)
        for tok in tokenize(query):  # a token the query repeats counts again, as in bm25s
            if tok not in self.own_df:
                continue
            df = self.df(tok)
            idf = float(np.log(1 + (n - df + 0.5) / (df + 0.5)))
            tf = np.array([d.get(tok, 0) for d in self.docs], dtype=np.float32)
            out += idf * tf / (norm + tf)
        return out


def text_hash(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


def token_ids_of(texts: list[str], previous: Path | None) -> tuple[list[np.ndarray], dict[str, int], list[str]]:
    """The BM25 token ids of each text, the vocabulary (token -> id) and each text's hash.

    Why the previous index: segmenting is nearly all of a build (120 s of 140 s for 180,000
    tasks), and after one upload all but a few hundred texts are unchanged; their ids are read
    from the previous index's saved arrays (the vocabulary only grows, so they stay valid) and
    only new texts are segmented. The index is the same as one built from scratch: BM25 does
    not depend on which id a token has."""
    hashes = [text_hash(t) for t in texts]
    vocab: dict[str, int] = {}
    known: dict[str, int] = {}
    prev_tokens = prev_offsets = None
    if previous is not None and (previous / "tokens.npy").exists():
        try:
            vocab = {tok: i for i, tok in enumerate(json.loads((previous / "vocab.json").read_text(encoding="utf-8")))}
            known = {h: j for j, h in enumerate(json.loads((previous / "hashes.json").read_text(encoding="utf-8")))}
            prev_tokens = np.load(previous / "tokens.npy", mmap_mode="r")
            prev_offsets = np.load(previous / "offsets.npy")
        except (OSError, ValueError):
            vocab, known, prev_tokens = {}, {}, None
    out: list[np.ndarray] = []
    for text, h in zip(texts, hashes):
        j = known.get(h) if prev_tokens is not None else None
        if j is not None:
            out.append(np.asarray(prev_tokens[prev_offsets[j]:prev_offsets[j + 1]], dtype=np.int32))
            continue
        # every document needs at least one token for bm25s; an empty one gets a token no query has
        toks = tokenize(text) or ["\x00"]
        out.append(np.fromiter((vocab.setdefault(tok, len(vocab)) for tok in toks), dtype=np.int32, count=len(toks)))
    return out, vocab, hashes
