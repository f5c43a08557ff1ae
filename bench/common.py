"""Shared helpers for the benchmarks: a large corpus made by repeating the seeds, timing, RSS."""

from __future__ import annotations

import resource
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def seed_texts() -> list[tuple[str, str]]:
    return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.txt"))]


DEVSET = CORPUS.parent.parent / "shared" / "devset" / "docs"


def real_texts() -> list[tuple[str, str]]:
    """The seeds and, when ../shared is beside the repository, the devset's real excerpts:
    48 pages of every level and shape, so that the benchmark does not measure five documents."""
    extra = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(DEVSET.glob("*.txt"))] if DEVSET.exists() else []
    return seed_texts() + extra


def repeated_corpus(min_chars: int, texts: list[tuple[str, str]] | None = None) -> list[tuple[str, str]]:
    """`texts` (default: the seeds) repeated as separate documents until the total reaches `min_chars`."""
    seeds = texts or seed_texts()
    docs: list[tuple[str, str]] = []
    total = 0
    i = 0
    while total < min_chars:
        name, text = seeds[i % len(seeds)]
        docs.append((f"{i:05d}_{name}", text))
        total += len(text)
        i += 1
    return docs


def timed(fn, *args):
    t0 = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - t0


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def report(title: str, rows: list[tuple[str, float, str]]) -> None:
    print(f"\n{title}")
    for name, value, unit in rows:
        # ratios and small figures need their decimals; counts and rates read better whole
        shown = f"{value:14,.2f}" if abs(value) < 100 else f"{value:14,.0f}"
        print(f"  {name:42} {shown} {unit}")
