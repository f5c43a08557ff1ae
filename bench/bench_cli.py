"""CLI start-to-answer time (issue 14): `policykg who` and `policykg status` on the seed graph.

What a clerk waits for at the terminal: a fresh `policykg` process from exec to exit,
answering over the embedded store (already running, as after `make run`). Read commands
import no model, spaCy or torch (issue 13), so this is mostly Python start and one query.
Also timed: `status` on a
stopped store (it reports "stopped" and must not start it), and `who --status soon` (a bad
option refused before anything is loaded).

usage: python bench/bench_cli.py [--runs 5] [--data DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import CORPUS, report

POLICYKG = str(Path(sys.executable).with_name("policykg"))
CASES = [
    ("who --region 云南", ["who", "--region", "云南"]),
    ("who --body 应急管理局 --json", ["who", "--body", "应急管理局", "--json"]),
    ("status", ["status"]),
]


def run(args: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall time of one `policykg` process and its exit code."""
    t0 = time.perf_counter()
    proc = subprocess.run([POLICYKG, *args], env=env, capture_output=True, timeout=300)
    return time.perf_counter() - t0, proc.returncode


def median_of(args: list[str], env: dict[str, str], runs: int, expect: int) -> float:
    times = []
    for _ in range(runs):
        seconds, code = run(args, env)
        if code != expect:
            raise SystemExit(f"policykg {' '.join(args)} exited {code}, expected {expect}")
        times.append(seconds)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--data", type=Path, default=None, help="keep the graph here (default: a temp folder)")
    args = ap.parse_args()
    data = args.data or Path(tempfile.mkdtemp(prefix="policykg-bench-cli-"))
    env = {**os.environ, "POLICYKG_DATA": str(data)}
    env.pop("NEO4J_URI", None)
    try:
        subprocess.run([POLICYKG, "ingest", str(CORPUS)], env=env, check=True, capture_output=True, timeout=900)
        run(["status"], env)  # a first run warms the OS file cache, as a clerk's second command finds it
        rows = [(f"policykg {name}", median_of(cmd, env, args.runs, 0), "s") for name, cmd in CASES]
        subprocess.run([POLICYKG, "stop"], env=env, check=True, capture_output=True, timeout=120)
        rows.append(("policykg status (store stopped, exit 3)", median_of(["status"], env, args.runs, 3), "s"))
        rows.append(("policykg who --status soon (refused, exit 2)",
                     median_of(["who", "--status", "soon"], env, args.runs, 2), "s"))
        report(f"CLI start-to-answer, median of {args.runs} runs on the seed graph (wall clock)", rows)
    finally:
        subprocess.run([POLICYKG, "stop"], env=env, capture_output=True, timeout=120)
        if args.data is None:
            shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
