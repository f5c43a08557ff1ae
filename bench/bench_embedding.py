"""Embedding throughput of the current model (tasks/s, chars/s) on >= 20k task texts, after warm-up.

The texts are the seed tasks (title + text) repeated; `embed` is timed as callers use it,
OpenCC t2s and normalisation included, with the raw `model.encode` beside it.
usage: python bench/bench_embedding.py [--tasks 20000]
"""

from __future__ import annotations

import argparse
import os
import time

from common import CORPUS, peak_rss_mb, report


def seed_task_texts() -> list[str]:
    from policykg.nlp.extract import extract_path
    from policykg.nlp.retrieval import task_document

    return [task_document(t["title"], t["text"]) for p in sorted(CORPUS.glob("*.txt"))
            for t in extract_path(p)["tasks"]]


def main() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    ap = argparse.ArgumentParser()
    ap.add_argument("--tasks", type=int, default=20000)
    args = ap.parse_args()
    from policykg.nlp.embedding import dimension, embed, load_model, model_path, to_simplified

    seeds = seed_task_texts()
    texts = (seeds * (args.tasks // len(seeds) + 1))[:args.tasks]
    chars = sum(len(t) for t in texts)
    t0 = time.perf_counter()
    model = load_model()
    load_secs = time.perf_counter() - t0
    embed(seeds)  # warm-up
    t0 = time.perf_counter()
    vecs = embed(texts)
    secs = time.perf_counter() - t0
    simplified = to_simplified(texts)
    t0 = time.perf_counter()
    model.encode(simplified, batch_size=256, convert_to_numpy=True, show_progress_bar=False)
    encode_secs = time.perf_counter() - t0
    print(f"model {model_path()}, dim {dimension()}, {len(texts)} tasks, {chars:,} chars, "
          f"{chars / len(texts):.0f} chars/task, output {vecs.shape}")
    report("Embedding throughput (after warm-up)", [
        ("model load s (first call, incl. imports)", load_secs, "s"),
        ("embed() tasks/s", len(texts) / secs, "tasks/s"),
        ("embed() chars/s", chars / secs, "chars/s"),
        ("model.encode alone tasks/s", len(texts) / encode_secs, "tasks/s"),
        ("peak RSS", peak_rss_mb(), "MB"),
    ])


if __name__ == "__main__":
    main()
