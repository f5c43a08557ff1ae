"""Build the sentence-transformers model policykg ships: nlp/models/policykg-static-zh.

Why a model of our own: no model hub is reachable where policykg runs, so the default
semantic-search model must be built from text the project ships and committed to git. It
is an ordinary sentence-transformers `StaticEmbedding` (a mean of token vectors), loaded by
`SentenceTransformer(path)` exactly like a downloaded model, so a user with a hub can swap
in e.g. BAAI/bge-small-zh-v1.5 through POLICYKG_EMBEDDING_MODEL without code changes.

Method (every step deterministic; see the model's README.md for the figures):
1. Text: the seed circulars in corpus/*.txt, cleaned (`load_document(path).clean.text`,
   simplified), one line per sentence group.
2. Tokenizer: a `tokenizers` Unigram model (Viterbi max-probability segmentation, the same
   idea as jieba's dictionary route) over the jieba words of that text, the domain terms
   of nlp/data (sectors, mechanisms, departments, deadline vocabulary) and every single CJK
   character seen, scored with jieba's dictionary frequencies; a word the vocabulary lacks
   falls back to its characters, and an unknown character maps to [UNK] (a zero vector).
3. Context vectors: positive PMI (context-distribution smoothing 0.75) over a harmonic
   +-window of the tokenizer's own output, reduced by truncated SVD (U * sqrt(S)).
4. Characters: each character's vector is its own context vector plus the mean of the
   words that contain it (each weighing log(1 + count)); each word's vector mixes its context vector with the
   mean of its characters, leaning on the characters when the word is rare (so rare and
   unseen words are not zero and words sharing characters are close).
5. Retrofitting (Faruqui et al. 2015) towards the synonym groups of the vocabulary tables
   (危化品 / 危险化学品 / 化工 ...).
6. SIF weighting (Arora et al. 2017): each row scaled by a / (a + p(token)), and the first
   common component of the corpus's sentence vectors projected out of every row (a linear
   map, so it commutes with the model's mean pooling).

Usage: python scripts/build_embedding_model.py [--out DIR] [--dim 128]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import re
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import scipy.sparse as sp

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
DATA = ROOT / "nlp" / "data"
DEFAULT_OUT = ROOT / "nlp" / "models" / "policykg-static-zh"
CJK_CHAR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LINE_SPLIT = re.compile(r"[\n。;;!?!?]+")
UNK = "[UNK]"


@dataclass
class Params:
    """Every knob of the build; written to the model's README so the model can be rebuilt."""

    dim: int = 128
    window: int = 5  # tokens each side, weight 1/distance
    cds_alpha: float = 0.75  # context distribution smoothing of PMI (Levy et al. 2015)
    svd_seed: int = 0
    svd_iter: int = 10
    rare_k: float = 3.0  # word vector = n/(n+k) * context + k/(n+k) * characters
    char_pool: str = "log"  # how words vote for their characters' vectors: count | log (1+count) | type
    retrofit_iters: int = 10
    sif_a: float = 1e-3
    remove_components: int = 1
    extra: dict = field(default_factory=dict)


# ---------------------------------------------------------------- data the project ships

def corpus_lines() -> list[str]:
    """Cleaned, simplified seed circulars cut into sentence-sized lines."""
    from policykg.ingest.pipeline import load_document

    lines: list[str] = []
    for path in sorted(CORPUS.glob("*.txt")):
        text = load_document(path).clean.text
        lines.extend(s.strip() for s in LINE_SPLIT.split(text) if CJK_CHAR.search(s))
    return lines


def table_groups(name: str) -> list[list[str]]:
    """`label<TAB>syn syn` rows (sectors.tsv, mechanisms.tsv) as groups of equivalent wordings."""
    from policykg.nlp.vocab import read_table

    return [[label, *syns] for label, syns in read_table(name).items()]


def department_groups() -> list[list[str]]:
    """ingest/data/lexicon.toml: a department's short forms and its names at each level."""
    from policykg.ingest.lexicon import lexicon

    return [[*d.stems, *dict.fromkeys(d.names.values())] for d in lexicon().departments]


def deadline_vocabulary() -> tuple[list[str], list[list[str]]]:
    """Events, activities and units of deadline_patterns.toml, and its event aliases (汛前 = 汛期)."""
    data = tomllib.loads((DATA / "deadline_patterns.toml").read_text(encoding="utf-8"))
    rel, cad = data.get("relative", {}), data.get("cadence", {})
    words = list(rel.get("events", [])) + list(cad.get("activities", []))
    words += list(rel.get("units", {})) + [row[0] for row in cad.get("units", [])]
    groups = [[alias, event] for alias, event in rel.get("event_words", {}).items()]
    return words, groups


def synonym_groups() -> list[list[str]]:
    groups = table_groups("sectors.tsv") + table_groups("mechanisms.tsv") + department_groups()
    groups += deadline_vocabulary()[1]
    out = []
    for g in groups:
        g = list(dict.fromkeys(w for w in g if CJK_CHAR.search(w)))
        if len(g) > 1:
            out.append(g)
    return out


# ---------------------------------------------------------------- tokenizer

def build_tokenizer(lines: list[str], groups: list[list[str]]):
    """Unigram tokenizer over jieba words + domain terms + single characters (see module doc)."""
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers

    from policykg.nlp.lexical import segmenter
    from policykg.nlp.pipeline import domain_terms

    seg = segmenter()
    seg.check_initialized()
    words: set[str] = set()
    chars: set[str] = set()
    for line in lines:
        for w in seg.cut(line, HMM=False):  # dictionary words only: HMM guesses have no frequency
            if CJK_CHAR.fullmatch(w[0]) and all(CJK_CHAR.fullmatch(c) for c in w):
                (chars if len(w) == 1 else words).add(w)
    terms = set(domain_terms()) | {w for g in groups for w in g} | set(deadline_vocabulary()[0])
    words |= {t for t in terms if len(t) > 1 and all(CJK_CHAR.fullmatch(c) for c in t)}
    for w in list(words) + [t for t in terms if len(t) == 1]:
        chars.update(c for c in w if CJK_CHAR.fullmatch(c))
    for line in lines:
        chars.update(CJK_CHAR.findall(line))
    total = float(seg.total)
    pieces = sorted(chars) + sorted(words - chars)

    def score(p: str) -> float:
        return math.log(max(seg.FREQ.get(p, 0), 1) / total)

    vocab = [(UNK, 0.0)] + [(p, score(p)) for p in pieces]
    tok = Tokenizer(models.Unigram(vocab, unk_id=0, byte_fallback=False))
    tok.normalizer = normalizers.Sequence([normalizers.NFKC(), normalizers.Lowercase()])
    tok.pre_tokenizer = pre_tokenizers.Sequence([pre_tokenizers.Whitespace(),
                                                 pre_tokenizers.Digits(individual_digits=False)])
    return tok


# ---------------------------------------------------------------- vectors

def cooccurrence(seqs: list[list[int]], n: int, window: int) -> sp.csr_matrix:
    rows, cols, vals = [], [], []
    for s in seqs:
        for i, a in enumerate(s):
            for d in range(1, window + 1):
                if i + d >= len(s):
                    break
                b = s[i + d]
                rows += [a, b]
                cols += [b, a]
                vals += [1.0 / d, 1.0 / d]
    m = sp.coo_matrix((np.array(vals), (np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64))),
                      shape=(n, n)).tocsr()
    m.sum_duplicates()
    return m


def ppmi(m: sp.csr_matrix, alpha: float) -> sp.csr_matrix:
    total = m.sum()
    row = np.asarray(m.sum(axis=1)).ravel()
    col = np.asarray(m.sum(axis=0)).ravel() ** alpha
    col_p = col / col.sum()
    coo = m.tocoo()
    pmi = np.log((coo.data / total) / ((row[coo.row] / total) * col_p[coo.col]))
    keep = pmi > 0
    return sp.csr_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=m.shape)


def svd_vectors(p: sp.csr_matrix, dim: int, seed: int, n_iter: int) -> np.ndarray:
    from sklearn.utils.extmath import randomized_svd

    k = min(dim, min(p.shape) - 1)
    u, s, _ = randomized_svd(p, n_components=k, n_iter=n_iter, random_state=seed)
    u = u * np.sqrt(s)
    signs = np.sign(u[np.abs(u).argmax(axis=0), range(u.shape[1])])  # canonical signs
    u = u * signs
    if k < dim:
        u = np.pad(u, ((0, 0), (0, dim - k)))
    return u


def unit(m: np.ndarray) -> np.ndarray:
    n = np.linalg.norm(m, axis=-1, keepdims=True)
    return np.divide(m, n, out=np.zeros_like(m), where=n > 0)


def compose(pieces: list[str], ctx: np.ndarray, counts: np.ndarray, rare_k: float,
            char_pool: str = "log") -> np.ndarray:
    """Mix every word's context vector with its characters' vectors (module doc, step 4).

    `char_pool` says how much each word containing a character weighs in that character's
    vector: its count lets one frequent word (执法) stand for the character (法) alone;
    log(1 + count) or one vote per word type keep the character's other senses (法规, 立法).
    """
    index = {p: i for i, p in enumerate(pieces)}
    ctx = unit(ctx)
    vote = {"count": counts, "log": np.log1p(counts), "type": (counts > 0).astype(np.float64)}[char_pool]
    char_acc = np.zeros_like(ctx)
    for i, p in enumerate(pieces):
        if len(p) == 1:
            char_acc[i] += ctx[i] * vote[i]
    for i, p in enumerate(pieces):
        if len(p) > 1 and p != UNK and counts[i] > 0:
            for c in set(p):
                if c in index:
                    char_acc[index[c]] += ctx[i] * vote[i]
    char_vec = unit(char_acc)
    out = np.zeros_like(ctx)
    for i, p in enumerate(pieces):
        if p == UNK:
            continue
        if len(p) == 1:
            out[i] = char_vec[i]
            continue
        comp = unit(np.mean([char_vec[index[c]] for c in p if c in index], axis=0))
        lam = counts[i] / (counts[i] + rare_k)
        out[i] = lam * ctx[i] + (1 - lam) * comp
    return unit(out)


def retrofit(vecs: np.ndarray, pieces: list[str], groups: list[list[str]], iters: int) -> tuple[np.ndarray, int]:
    """Faruqui et al. (2015): pull each group member towards the others, keep it near itself."""
    index = {p: i for i, p in enumerate(pieces)}
    neigh: dict[int, set[int]] = {}
    for g in groups:
        ids = [index[w] for w in g if w in index]
        for a in ids:
            neigh.setdefault(a, set()).update(b for b in ids if b != a)
    orig = vecs.copy()
    q = vecs.copy()
    alpha = (np.linalg.norm(orig, axis=1) > 0).astype(np.float64)
    order = sorted(neigh)
    for _ in range(iters):
        for i in order:
            nb = sorted(neigh[i])
            if not nb:
                continue
            beta = 1.0 / len(nb)
            q[i] = (alpha[i] * orig[i] + beta * q[nb].sum(axis=0)) / (alpha[i] + beta * len(nb))
    return unit(q), sum(1 for i in order if neigh[i])


def build(out: Path, params: Params) -> dict:
    """Build and save the model; returns the facts written to its README."""
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import Normalize, StaticEmbedding

    lines = corpus_lines()
    groups = synonym_groups()
    tok = build_tokenizer(lines, groups)
    pieces = [tok.id_to_token(i) for i in range(tok.get_vocab_size())]
    seqs = [[i for i in e.ids if i != 0] for e in tok.encode_batch(lines, add_special_tokens=False)]
    n = len(pieces)
    counts = np.bincount(np.concatenate([np.array(s, dtype=np.int64) for s in seqs if s]), minlength=n).astype(np.float64)

    ctx = svd_vectors(ppmi(cooccurrence(seqs, n, params.window), params.cds_alpha), params.dim,
                      params.svd_seed, params.svd_iter)
    vecs = compose(pieces, ctx, counts, params.rare_k, params.char_pool)
    vecs, retrofitted = retrofit(vecs, pieces, groups, params.retrofit_iters)

    p = counts / counts.sum()
    vecs = vecs * (params.sif_a / (params.sif_a + p))[:, None]
    vecs[0] = 0.0  # [UNK]
    if params.remove_components:
        sent = np.stack([vecs[s].mean(axis=0) for s in seqs if s])
        from sklearn.utils.extmath import randomized_svd

        _, _, vt = randomized_svd(sent, n_components=params.remove_components, n_iter=params.svd_iter,
                                  random_state=params.svd_seed)
        vecs = vecs - (vecs @ vt.T) @ vt
    weights = vecs.astype(np.float32)

    static = StaticEmbedding(tok, embedding_weights=weights)
    model = SentenceTransformer(modules=[static, Normalize()], device="cpu")
    out.mkdir(parents=True, exist_ok=True)
    model.save(str(out))
    facts = {
        "lines": len(lines), "text_chars": sum(len(x) for x in lines), "tokens": int(counts.sum()), "vocab": n,
        "chars": sum(1 for p_ in pieces if len(p_) == 1), "groups": len(groups),
        "retrofitted": retrofitted, "dim": params.dim,
        "weights_sha256": hashlib.sha256(weights.tobytes()).hexdigest(),
    }
    write_readme(out, params, facts)
    return facts


def write_readme(out: Path, params: Params, facts: dict) -> None:
    """Provenance, replacing the generic model card sentence-transformers writes on save."""
    prm = {k: v for k, v in vars(params).items() if k != "extra"}
    text = f"""# policykg-static-zh

A sentence-transformers `StaticEmbedding` model (mean of token vectors, then L2 normalisation)
for semantic search over obligations in Chinese work-safety / emergency-management circulars.
Built by `scripts/build_embedding_model.py` from data the project ships; no pretrained model,
no downloaded data. Load it like any model: `SentenceTransformer("path/to/{out.name}", device="cpu")`;
policykg loads it through `policykg.nlp.embedding.load_model()` unless `POLICYKG_EMBEDDING_MODEL` names another.

## Data
- Text: the seed circulars `corpus/*.txt` ({facts['lines']} lines, {facts['text_chars']} characters, {facts['tokens']} tokens after
  tokenisation), cleaned by `policykg.ingest.pipeline.load_document(path).clean.text` (simplified script).
- Vocabulary and synonym groups ({facts['groups']} groups): `nlp/data/sectors.tsv` (sector wordings),
  `nlp/data/mechanisms.tsv` (mechanism wordings), `ingest/data/lexicon.toml` (short forms and
  full names of departments), `nlp/data/deadline_patterns.toml` (events, activities, units,
  event aliases), and the domain terms `policykg.nlp.pipeline.domain_terms()` derives from them.
- Segmentation frequencies: jieba's bundled dictionary (`jieba/dict.txt`), domain terms at 50000.

## Method
1. Tokenizer (`tokenizer.json`): `tokenizers` Unigram model (Viterbi max-probability path) over
   {facts['vocab'] - facts['chars'] - 1} words (dictionary-known jieba words of the text and the domain terms)
   and {facts['chars']} single CJK characters, scored log(jieba frequency / total); NFKC + lowercase; words the
   vocabulary lacks fall back to characters; unknown characters map to `[UNK]`, whose vector is zero.
   Input must be simplified script: `policykg.nlp.embedding.embed` converts with OpenCC t2s first.
2. PPMI over a harmonic window of +-{params.window} tokens of the tokenizer's own output
   (context-distribution smoothing {params.cds_alpha}), truncated SVD to {params.dim} dimensions
   (randomized SVD, seed {params.svd_seed}, {params.svd_iter} iterations), vectors U * sqrt(S).
3. Character vectors = own context vector + mean of the words containing the character, each word
   weighing {params.char_pool} (count | log = log(1+count) | type = one vote);
   word vector = n/(n+{params.rare_k}) * context + {params.rare_k}/(n+{params.rare_k}) * mean of its characters
   (n = corpus count), so rare and unseen words are not zero.
4. Retrofitting (Faruqui et al. 2015, {params.retrofit_iters} iterations, alpha 1, beta 1/degree) towards the
   synonym groups; {facts['retrofitted']} vocabulary entries have group neighbours.
5. SIF (Arora et al. 2017): rows scaled by a/(a+p(token)), a = {params.sif_a}; the first
   {params.remove_components} common component(s) of the corpus's line vectors projected out of every row.
6. Modules: `StaticEmbedding` -> `Normalize`.

Parameters: `{json.dumps(prm, ensure_ascii=False)}`

Dimension {facts['dim']}, vocabulary {facts['vocab']} tokens. Weights sha256 `{facts['weights_sha256']}`.
The build is deterministic: the same inputs give the same weights.

## Limits
Trained on about {round(facts['text_chars'], -3):,} characters: it knows the wording of these circulars and the
synonym tables, not general Chinese. Words absent from both are represented by their characters;
a paraphrase that shares neither characters nor table synonyms with a task is not found.
For broader coverage set `POLICYKG_EMBEDDING_MODEL` to a pretrained model folder or hub name.
`bench/eval_retrieval.py` measures retrieval with it on `tests/data/retrieval_queries.json`; those
figures are in-sample (the queries are new wording, but the tasks are the training text).
"""
    (out / "README.md").write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--dim", type=int, default=Params.dim)
    ap.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                    help="override another Params field (experiments; the README records it)")
    args = ap.parse_args(argv)
    params = Params(dim=args.dim)
    for item in args.param:
        name, _, value = item.partition("=")
        if name not in Params.__dataclass_fields__ or name == "extra":
            ap.error(f"unknown parameter {name}")
        setattr(params, name, type(getattr(params, name))(value))
    facts = build(args.out, params)
    print(json.dumps(facts, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
