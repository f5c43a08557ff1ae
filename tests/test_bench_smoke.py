"""The extraction benchmark runs (not how fast: benchmarks measure that, tests never time).

Why: a review once moved a memo off `name_kind`, and `bench/bench_extract.py` crashed on
`clear_memos` for a whole session before anyone ran it; the bench is how issue 11's cost target
is measured, so a crash in it is a defect the suite must see. A tiny corpus keeps this a few
seconds."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench"


def test_the_extraction_bench_runs_and_reports_its_ratio():
    done = subprocess.run([sys.executable, "bench_extract.py", "--mb", "0.02", "--rounds", "1"], cwd=BENCH,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "cold extraction / jieba time ratio" in done.stdout
