"""Load benchmark (issue 15): 100 concurrent clients for 60 s against `policykg serve` on
loopback, on the seed graph and on a 10,000-document graph: requests/s, p50/p95/p99,
errors; then the same run while a 600 KB circular is uploaded, with the ratio of read p95
with and without the upload, measured side by side in one invocation (the machine is
shared and noisy: figures from different runs do not compare).

Clients: `--clients` keep-alive connections (bench/loadgen.py, its own process), each
sending GET requests drawn from the page's mix (obligations pages and filters, search,
document lists and views, bodies, deadlines, health) and pausing `--think` s on average
between them (uniform 0..2×think: a person reading the answer); `--think 0` is a closed
loop that measures saturation instead (latency is then queueing: 100 / throughput).

The 600 KB circular is generated at run time from the seeds and the devset's real texts
(numbered sections of real obligations), in a temp folder; nothing is committed.

usage: python bench/bench_load.py [--seconds 60] [--clients 100] [--think 1.0]
           [--big-docs 10000 | --big-data DIR (a folder bench_graph.py --data built) | --big-docs 0]
           [--workers N] [--closed-loop] [--no-seed] [--keep-logs DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

import httpx

from common import CORPUS, ROOT, real_texts

BENCH = Path(__file__).resolve().parent
TOKEN = "bench-load-token"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def big_circular(min_bytes: int = 600_000) -> str:
    """A long circular (≥ `min_bytes` UTF-8) from real texts: a title and addressees, then
    numbered sections whose bodies are the seeds' and devset's paragraphs."""
    parts = ["关于印发全省安全生产专项整治三年行动实施方案的通知", "各市、县人民政府,省直有关部门:", ""]
    numerals = "一二三四五六七八九十"
    texts = [t for _, t in real_texts()]
    i = 0
    while len("\n".join(parts).encode()) < min_bytes:
        body = texts[i % len(texts)]
        n = i + 1
        head = numerals[(n - 1) % 10] if n <= 10 else f"第{n}部分"
        parts.append(f"{head}、专项整治任务({n})")
        parts.extend(line for line in body.splitlines() if line.strip())
        i += 1
    return "\n".join(parts) + "\n"


def start_server(data: Path, workers: int | None, log: Path) -> tuple[subprocess.Popen, int]:
    port = free_port()
    env = {**os.environ, "POLICYKG_DATA": str(data), "POLICYKG_API_TOKEN": TOKEN}
    args = [sys.executable, "-m", "policykg.cli", "serve", "--port", str(port)]
    if workers:
        args += ["--workers", str(workers)]
    proc = subprocess.Popen(args, env=env, stdout=open(log, "ab"), stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.time() + 300
    while time.time() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"policykg serve exited ({proc.returncode}); see {log}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"http://127.0.0.1:{port}/documents?limit=1", timeout=5).status_code == 200:
                return proc, port
        time.sleep(0.3)
    raise SystemExit(f"policykg serve did not answer; see {log}")


def stop_server(proc: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def request_mix(port: int) -> dict[str, float]:
    """What the page asks for, weighted: obligations (pages, filters), search, documents, a
    document view, bodies, deadlines, and a body's duties; ids taken from the graph."""
    base = f"http://127.0.0.1:{port}"
    docs = httpx.get(base + "/documents?limit=20", timeout=60).json()["items"]
    bodies = httpx.get(base + "/bodies?limit=20", timeout=60).json()["items"]
    q = lambda s: quote(s)  # noqa: E731
    mix: dict[str, float] = {
        "/obligations?limit=20": 3, f"/obligations?region={q('山西')}&limit=20": 1,
        "/obligations?role=lead&limit=20": 1, "/obligations?status=recurring&limit=20": 1,
        f"/search?q={q('隐患排查治理')}&limit=10": 1.5, f"/search?q={q('危化品')}&limit=10": 1,
        "/documents?limit=20": 1, "/bodies?limit=50": 1, "/deadlines?limit=100": 1, "/health": 0.5,
    }
    for d in docs[:3]:
        mix[f"/documents/{d['id']}"] = 0.5
    for b in bodies[:2]:
        mix[f"/bodies/{quote(b['id'], safe='')}"] = 0.5
    return mix


def load(port: int, mix: dict[str, float], clients: int, seconds: float, think: float) -> dict:
    out = subprocess.run([sys.executable, str(BENCH / "loadgen.py"), "--port", str(port), "--mix", json.dumps(mix),
                          "--clients", str(clients), "--seconds", str(seconds), "--think", str(think)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def upload_during(port: int, text: str, delay: float, result: dict) -> threading.Thread:
    """Upload `text` as a .txt circular after `delay` s, in a thread; `result` gets its status
    and seconds."""

    def go() -> None:
        time.sleep(delay)
        t0 = time.perf_counter()
        r = httpx.post(f"http://127.0.0.1:{port}/documents", headers={"Authorization": f"Bearer {TOKEN}"},
                       files={"file": ("专项整治实施方案.txt", text.encode("utf-8"))}, timeout=600)
        result.update(status=r.status_code, seconds=time.perf_counter() - t0,
                      tasks=r.json().get("tasks") if r.status_code == 201 else r.text[:200])

    t = threading.Thread(target=go, daemon=True)
    t.start()
    return t


def scenario(name: str, data: Path, args, big_text: str, log: Path) -> list[dict]:
    proc, port = start_server(data, args.workers, log)
    rows = []
    try:
        mix = request_mix(port)
        load(port, mix, args.clients, 5, args.think)  # warm-up: connections, caches, the extraction workers
        if args.closed_loop:
            r = load(port, mix, args.clients, min(args.seconds, 30), 0.0)
            rows.append({"graph": name, "run": "closed loop (no pause)", **r})
        r = load(port, mix, args.clients, args.seconds, args.think)
        rows.append({"graph": name, "run": "reads", **r})
        up: dict = {}
        t = upload_during(port, big_text, 5.0, up)
        r = load(port, mix, args.clients, args.seconds, args.think)
        t.join(600)
        rows.append({"graph": name, "run": "reads + 600 KB upload", **r, "upload": up})
        r = load(port, mix, args.clients, args.seconds, args.think)
        rows.append({"graph": name, "run": "reads (again)", **r})
    finally:
        stop_server(proc)
    return rows


def print_table(rows: list[dict]) -> None:
    print(f"\n{'graph':10} {'run':26} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for r in rows:
        print(f"{r['graph']:10} {r['run']:26} {r['rps']:7.1f} {r['p50_ms']:8.1f} {r['p95_ms']:8.1f} "
              f"{r['p99_ms']:8.1f} {r['errors']:7d}")
        if "upload" in r:
            u = r["upload"]
            print(f"{'':10} {'  upload':26} status {u.get('status')} in {u.get('seconds', 0):.1f} s "
                  f"({u.get('tasks')} tasks)")
    by = {}
    for r in rows:
        by.setdefault(r["graph"], {})[r["run"]] = r
    for g, runs in by.items():
        if "reads" in runs and "reads + 600 KB upload" in runs:
            base = (runs["reads"]["p95_ms"] + runs.get("reads (again)", runs["reads"])["p95_ms"]) / 2
            print(f"{g}: read p95 with the upload / without (mean of the runs before and after): "
                  f"{runs['reads + 600 KB upload']['p95_ms'] / base:.2f}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--clients", type=int, default=100)
    ap.add_argument("--think", type=float, default=1.0, help="mean pause between a client's requests (s)")
    ap.add_argument("--workers", type=int, default=None, help="API processes (default: serve's, one per core)")
    ap.add_argument("--big-docs", type=int, default=10000, help="documents of the big graph (0: skip it)")
    ap.add_argument("--big-data", type=Path, default=None, help="reuse a big graph's data folder (bench_graph --data)")
    ap.add_argument("--closed-loop", action="store_true", help="also a run without pauses (saturation)")
    ap.add_argument("--json", type=Path, default=None, help="write every figure here")
    ap.add_argument("--no-seed", action="store_true", help="only the big graph")
    ap.add_argument("--keep-logs", type=Path, default=None, help="copy the servers' logs here at the end")
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="policykg-bench-load-"))
    rows: list[dict] = []
    try:
        big_text = big_circular()
        print(f"upload: a generated circular of {len(big_text.encode()) / 1000:.0f} KB", flush=True)
        if not args.no_seed:
            seed = work / "seed"
            env = {**os.environ, "POLICYKG_DATA": str(seed)}
            subprocess.run([sys.executable, "-m", "policykg.cli", "ingest", str(CORPUS)], env=env, check=True,
                           capture_output=True)
            rows += scenario("seed (5)", seed, args, big_text, work / "serve-seed.log")
            print_table(rows)
        if args.big_data or args.big_docs:
            big = args.big_data
            if big is None:
                big = work / "big"
                print(f"building a {args.big_docs}-document graph (bench_graph.py)…", flush=True)
                subprocess.run([sys.executable, str(BENCH / "bench_graph.py"), "--docs", str(args.big_docs),
                                "--data", str(big), "--repeat", "1", "--restarts", "1"], check=True,
                               stdout=subprocess.DEVNULL)
            else:
                copy = work / "big"
                shutil.copytree(big, copy, ignore=shutil.ignore_patterns("*.sock", "policykg.pid", "start.lock"))
                big = copy
            n = f"{args.big_docs // 1000}k" if not args.big_data else big.name
            rows += scenario(n, big, args, big_text, work / "serve-big.log")
        print_table(rows)
        if args.json:
            args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1))
    finally:
        if args.keep_logs:
            args.keep_logs.mkdir(parents=True, exist_ok=True)
            for log in work.glob("serve-*.log"):
                shutil.copy(log, args.keep_logs / log.name)
        from policykg.graph.embedded import stop_embedded

        for d in (work / "seed", work / "big"):
            with contextlib.suppress(Exception):
                stop_embedded(d)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
