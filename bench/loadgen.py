"""A small HTTP/1.1 load generator for `bench_load.py`: `clients` keep-alive connections to
a loopback server, each sending GET requests from a weighted mix for `seconds`, optionally
pausing between requests (a person reading the answer). Plain asyncio streams, no HTTP
library: one process drives a few thousand requests a second on one core, so the client
does not hide the server's speed on a 2-core machine.

Only loopback hosts are accepted: this is a benchmark of our own service, never a tool to
load anyone else's.
"""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import dataclass, field

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@dataclass
class Samples:
    latencies: list[float] = field(default_factory=list)  # seconds, successful requests
    by_path: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    started: float = 0.0
    ended: float = 0.0


async def _read_response(reader: asyncio.StreamReader) -> int:
    """Read one response (Content-Length or chunked body); return its status."""
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("connection closed")
    status = int(status_line.split()[1])
    length, chunked = 0, False
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b"\n", b""):
            break
        name, _, value = line.decode("latin-1").partition(":")
        name = name.strip().lower()
        if name == "content-length":
            length = int(value.strip())
        elif name == "transfer-encoding" and "chunked" in value.lower():
            chunked = True
    if chunked:
        while True:
            size = int((await reader.readline()).strip() or b"0", 16)
            if size == 0:
                await reader.readline()
                break
            await reader.readexactly(size + 2)
    elif length:
        await reader.readexactly(length)
    return status


async def _client(host: str, port: int, mix: list[str], weights: list[float], deadline: float,
                  think: float, out: Samples, rng: random.Random) -> None:
    reader = writer = None
    while time.monotonic() < deadline:
        path = rng.choices(mix, weights)[0]
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection(host, port)
            t0 = time.perf_counter()
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept: application/json\r\n\r\n".encode())
            status = await asyncio.wait_for(_read_response(reader), timeout=60)
            dt = time.perf_counter() - t0
            if 200 <= status < 300:
                out.latencies.append(dt)
                out.by_path.setdefault(path.split("?")[0], []).append(dt)
            else:
                out.errors.append(f"{status} {path}")
        except (OSError, ConnectionError, asyncio.TimeoutError, asyncio.IncompleteReadError, ValueError) as e:
            out.errors.append(f"{type(e).__name__} {path}")
            if writer is not None:
                writer.close()
            reader = writer = None
            await asyncio.sleep(0.05)
            continue
        if think:
            await asyncio.sleep(rng.uniform(0, 2 * think))
    if writer is not None:
        writer.close()


async def _run(host: str, port: int, mix: dict[str, float], clients: int, seconds: float, think: float,
               seed: int) -> Samples:
    if host not in LOOPBACK:
        raise ValueError(f"loopback only, not {host}")
    out = Samples()
    paths, weights = list(mix), list(mix.values())
    out.started = time.monotonic()
    deadline = out.started + seconds
    rng = random.Random(seed)
    await asyncio.gather(*[_client(host, port, paths, weights, deadline, think, out, random.Random(rng.random()))
                           for _ in range(clients)])
    out.ended = time.monotonic()
    return out


def run(host: str, port: int, mix: dict[str, float], clients: int = 100, seconds: float = 60.0,
        think: float = 0.0, seed: int = 15) -> Samples:
    """Drive the load and return the samples (in the calling process)."""
    return asyncio.run(_run(host, port, mix, clients, seconds, think, seed))


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def summary(s: Samples) -> dict[str, float]:
    secs = max(s.ended - s.started, 1e-9)
    lat = s.latencies
    return {"requests": len(lat), "rps": len(lat) / secs, "p50_ms": 1000 * percentile(lat, 50),
            "p95_ms": 1000 * percentile(lat, 95), "p99_ms": 1000 * percentile(lat, 99),
            "max_ms": 1000 * max(lat, default=float("nan")), "errors": len(s.errors)}


def main() -> None:  # pragma: no cover - run by bench_load.py as its own process
    import argparse
    import json

    ap = argparse.ArgumentParser(description="loopback HTTP load: prints a JSON summary")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--mix", required=True, help="JSON {path: weight}")
    ap.add_argument("--clients", type=int, default=100)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--think", type=float, default=0.0)
    a = ap.parse_args()
    s = run("127.0.0.1", a.port, json.loads(a.mix), a.clients, a.seconds, a.think)
    out = summary(s)
    out["by_path"] = {p: {"n": len(v), "p50_ms": 1000 * percentile(v, 50), "p95_ms": 1000 * percentile(v, 95)}
                      for p, v in sorted(s.by_path.items())}
    out["error_samples"] = s.errors[:10]
    print(json.dumps(out))


if __name__ == "__main__":
    main()
