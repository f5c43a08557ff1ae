"""Ingest-layer throughput (clean + outline + metadata) on >= 10 MB, next to OpenCC alone.

usage: python bench/bench_ingest.py [--mb 10]
"""

from __future__ import annotations

import argparse
import hashlib

import opencc

from common import peak_rss_mb, repeated_corpus, report, timed
from policykg.ingest.model import RawDocument
from policykg.ingest.pipeline import structure


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=10.0)
    args = ap.parse_args()
    docs = repeated_corpus(int(args.mb * 1_000_000))
    raws = [RawDocument(n, t, "utf-8", "txt", hashlib.sha256(t.encode()).hexdigest()) for n, t in docs]
    chars = sum(len(t) for _, t in docs)
    structure(raws[0])  # warm-up: gazetteer, regexes
    _, secs = timed(lambda: [structure(r) for r in raws])
    cc = opencc.OpenCC("t2s")
    _, cc_secs = timed(lambda: [cc.convert(t) for _, t in docs])
    report(f"ingest layer on {len(docs)} documents, {chars:,} chars", [
        ("ingest (read text -> Document) chars/s", chars / secs, "chars/s"),
        ("OpenCC t2s alone chars/s", chars / cc_secs, "chars/s"),
        ("ingest / OpenCC time ratio", secs / cc_secs, "x"),
        ("documents/s", len(docs) / secs, "docs/s"),
        ("peak RSS", peak_rss_mb(), "MB"),
    ])


if __name__ == "__main__":
    main()
