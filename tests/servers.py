"""Helpers that run the real service for fault and load tests: uvicorn in a thread of the
test process, or `policykg serve` as a process of its own (to kill -9 it)."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def thread_server(app: Any) -> Iterator[str]:
    """`app` served by uvicorn on a free loopback port in a thread (lifespan included)."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 30
    while not server.started and time.time() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)


def serve_process(data: Path, token: str, port: int | None = None, **env: str) -> tuple[subprocess.Popen, str]:
    """`policykg serve` on `data` as its own process group (kill -9 ends all of it); waits
    until /health answers. Embeddings are off unless `env` says otherwise."""
    port = port or free_port()
    full_env = {**os.environ, "POLICYKG_DATA": str(data), "POLICYKG_API_TOKEN": token,
                "POLICYKG_EMBEDDINGS": "off", **env}
    log = open(Path(data).parent / f"serve-{port}.log", "ab")
    proc = subprocess.Popen([sys.executable, "-m", "policykg.cli", "serve", "--port", str(port)], env=full_env,
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 90
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"policykg serve exited with {proc.returncode}; see {log.name}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(url + "/health", timeout=2).status_code == 200:
                return proc, url
        time.sleep(0.2)
    kill_group(proc)
    raise RuntimeError(f"policykg serve did not answer within 90 s; see {log.name}")


def kill_group(proc: subprocess.Popen) -> None:
    """SIGKILL the process group of `proc` (the API and its extraction workers)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(10)


def distinct_circulars(folder: Path, n: int, start: int = 0) -> list[Path]:
    """`n` different circulars (the seeds, each with a line of its own), as files."""
    corpus = Path(__file__).resolve().parent.parent / "corpus"
    seeds = sorted(corpus.glob("*.txt"))
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(start, start + n):
        src = seeds[i % 4]  # the four single-province circulars
        path = folder / f"{i:04d}_{src.name}"
        path.write_text(src.read_text(encoding="utf-8") + f"\n(第{i + 1}份)\n", encoding="utf-8")
        out.append(path)
    return out
