"""Extraction throughput (nlp pipeline over tasks) on >= 10 MB after warm-up, next to jieba alone.

Target (issues 3, 11): the whole extraction costs at most 3x jieba segmentation of the same text.
The corpus is the seeds and the devset's real pages repeated; every document starts with the
name memos cleared (policykg.ingest.names.clear_memos), so repetition buys nothing.
usage: python bench/bench_extract.py [--mb 10] [--rounds 10]
"""

from __future__ import annotations

import argparse
import hashlib

import jieba

from common import peak_rss_mb, real_texts, repeated_corpus, report, timed
from policykg.ingest.names import clear_memos
from policykg.ingest.model import RawDocument
from policykg.ingest.pipeline import structure
from policykg.nlp.extract import extract_document
from policykg.nlp.pipeline import load_pipeline


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=10.0)
    ap.add_argument("--rounds", type=int, default=10, help="interleaved rounds (jieba, cold, warm)")
    args = ap.parse_args()
    docs = repeated_corpus(int(args.mb * 1_000_000), real_texts())
    raws = [RawDocument(n, t, "utf-8", "txt", hashlib.sha256(t.encode()).hexdigest()) for n, t in docs]
    chars = sum(len(t) for _, t in docs)
    load_pipeline()
    extract_document(structure(raws[0]))  # warm-up

    # Measured side by side in rounds: each round times the extraction and jieba on the same
    # slice of documents back to back, so a load change on this shared machine falls on both
    # alike (one pass of each, run a minute apart, gave ratios 30% apart).
    ingest_secs = nlp_secs = jieba_secs = warm_secs = 0.0
    rounds = max(1, min(args.rounds, len(raws)))
    texts: dict[int, list[str]] = {}
    for k in range(rounds):
        part = raws[k::rounds]
        texts[k] = []
        # cold: every document read as if it were the first one of the process — what was
        # remembered of earlier documents' names is forgotten before it, and what its own head
        # taught (issuers, addressees) is kept for its body, as in a real first read
        for r in part:
            clear_memos()
            structured, secs = timed(structure, r)
            ingest_secs += secs
            nlp_secs += timed(extract_document, structured)[1]
            texts[k].append(structured.clean.text)
        jieba_secs += timed(lambda: [jieba.lcut(t) for t in texts[k]])[1]
    # warm: names recur across an archive, and their readings are remembered (a bulk ingest);
    # its own rounds, since a cold pass wipes what is remembered
    clear_memos()
    jieba_warm_secs = 0.0
    for k in range(rounds):
        part = raws[k::rounds]
        warm_secs += timed(lambda: [extract_document(structure(r)) for r in part])[1]
        jieba_warm_secs += timed(lambda: [jieba.lcut(t) for t in texts[k]])[1]
    total = ingest_secs + nlp_secs
    report(f"extraction on {len(docs)} documents, {chars:,} chars", [
        ("whole extraction, cold (ingest + nlp) chars/s", chars / total, "chars/s"),
        ("nlp stage alone, cold chars/s", chars / nlp_secs, "chars/s"),
        ("whole extraction, warm chars/s", chars / warm_secs, "chars/s"),
        ("jieba segmentation alone chars/s", chars / jieba_secs, "chars/s"),
        ("cold extraction / jieba time ratio", total / jieba_secs, "x"),
        ("warm extraction / jieba time ratio", warm_secs / jieba_warm_secs, "x"),
        ("peak RSS", peak_rss_mb(), "MB"),
    ])


if __name__ == "__main__":
    main()
