"""Extraction in worker processes, each document within a budget of time, memory and tasks.

Why (issue 15 items 2-4): extraction is CPU-bound Python. Run inline, a 600 KB circular
froze the API's event loop for 2.7 s, a file of 1,000,000 numbered lines pinned a core for
minutes, and a decompression bomb that slipped past the readers' checks was OOM-killed
together with the API or the whole CLI batch. Here each file is extracted in a worker
process that the parent watches: past `Budget.seconds` or `Budget.memory_mb` (resident
memory, polled every 50 ms) the worker is killed and replaced, and the file gets a clear
reason (codes `timeout`, `too_large`); a worker that dies on its own (`crashed`) costs
only its file. Characters are bounded by the readers (`POLICYKG_MAX_CHARS`), tasks here
(`POLICYKG_MAX_TASKS`). Workers are forked from a server process that imported the
extractor once (`forkserver`), not from the caller, which may hold a loaded torch model
and threads that a fork would copy in a broken state; a worker is replaced after
`recycle_after` documents so caches cannot grow without bound.

| variable | default | what it bounds |
| --- | --- | --- |
| `POLICYKG_EXTRACT_TIMEOUT` | 120 | seconds to read and extract one file |
| `POLICYKG_EXTRACT_MEMORY_MB` | 1536 | resident memory of the process extracting one file |
| `POLICYKG_MAX_TASKS` | 5000 | tasks one document may yield |
"""

from __future__ import annotations

import contextlib
import logging
import os
import queue
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger("policykg.extract")

POLL = 0.05  # seconds between checks of a busy worker


def _env_number(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    try:
        return float(raw) if raw else default
    except ValueError:
        return default


@dataclass(frozen=True)
class Budget:
    """What one file may cost to extract."""

    seconds: float = 120.0
    memory_mb: int = 1536
    max_tasks: int = 5000

    @classmethod
    def from_env(cls) -> Budget:
        return cls(seconds=_env_number("POLICYKG_EXTRACT_TIMEOUT", 120.0),
                   memory_mb=int(_env_number("POLICYKG_EXTRACT_MEMORY_MB", 1536)),
                   max_tasks=int(_env_number("POLICYKG_MAX_TASKS", 5000)))


@dataclass
class Outcome:
    """One file's extraction: a record, or the reason (and its short code) it has none."""

    path: str
    record: dict[str, Any] | None = None
    error: str | None = None
    code: str | None = None
    seconds: float = 0.0


def extract_checked(path: str, max_tasks: int) -> Outcome:
    """Read and extract `path` (in a worker); an extractor bug is this file's error."""
    from ..ingest.model import IngestError
    from ..nlp.extract import extract_path

    t0 = time.perf_counter()
    try:
        record = extract_path(path)
    except IngestError as exc:
        return Outcome(path, None, exc.reason, exc.code, time.perf_counter() - t0)
    except MemoryError:
        return Outcome(path, None, "extraction ran out of memory", "too_large", time.perf_counter() - t0)
    except Exception as exc:  # noqa: BLE001 - one bad file must not end a batch
        return Outcome(path, None, f"internal error: {type(exc).__name__}: {exc}", "internal",
                       time.perf_counter() - t0)
    n = len(record.get("tasks") or [])
    if n > max_tasks:
        return Outcome(path, None, f"too large to store as one document: {n:,} tasks (limit {max_tasks:,}, "
                                   "POLICYKG_MAX_TASKS)", "too_large", time.perf_counter() - t0)
    return Outcome(path, record, None, None, time.perf_counter() - t0)


def settings() -> dict[str, str]:
    """The caller's POLICYKG_* variables, sent with each file: workers are forked from a
    server started once, so its environment is that of the first use, not the caller's now
    (reader limits, OCR and converter settings are read in the worker)."""
    return {k: v for k, v in os.environ.items() if k.startswith("POLICYKG_")}


def _apply(env: dict[str, str]) -> None:
    for k in [k for k in os.environ if k.startswith("POLICYKG_") and k not in env]:
        del os.environ[k]
    os.environ.update(env)


def _serve(conn: Any, max_tasks: int) -> None:
    """A worker's loop: (path, settings) in, an Outcome out, until the pipe closes or None.

    Workers run at a lower CPU priority (nice 10): extraction is background work, and on a
    small machine an upload being extracted must not slow down the reads the API serves
    meanwhile (issue 15), nor the batch writer that feeds the store."""
    with contextlib.suppress(OSError):
        os.nice(10)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        path, env = job
        _apply(env)
        conn.send(extract_checked(path, max_tasks))


def rss_mb(pid: int) -> float:
    """Resident memory of `pid` in MB (0 when it cannot be read)."""
    try:
        with open(f"/proc/{pid}/status", "rb") as f:
            for line in f:
                if line.startswith(b"VmRSS:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0.0


class _Worker:
    def __init__(self, ctx: Any, max_tasks: int) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, max_tasks), daemon=True, name="policykg-extract")
        self.proc.start()
        child.close()
        self.done = 0

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.proc.kill()
        with contextlib.suppress(Exception):
            self.proc.join(5)
        with contextlib.suppress(Exception):
            self.conn.close()

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self.conn.send(None)
        self.proc.join(2)
        if self.proc.is_alive():
            self.kill()
        with contextlib.suppress(Exception):
            self.conn.close()


class ExtractPool:
    """Up to `workers` extraction processes shared by every caller (threads may call `run`
    at once; each waits for a free worker). Started lazily; `close` ends them."""

    def __init__(self, workers: int = 1, budget: Budget | None = None, recycle_after: int = 200) -> None:
        """`workers` 0: extract in the caller's process, without the budget's watch (a
        debugging run, or a test that patches the extractor in this process)."""
        self.inline = workers == 0
        self.workers = max(1, workers)
        self.budget = budget or Budget.from_env()
        self.recycle_after = recycle_after
        self._idle: queue.LifoQueue[_Worker | None] = queue.LifoQueue()
        for _ in range(self.workers):
            self._idle.put(None)  # a slot: a worker is started when the slot is first used
        self._ctx: Any = None
        self._lock = threading.Lock()
        self._closed = False

    def _context(self) -> Any:
        with self._lock:
            if self._ctx is None:
                import multiprocessing as mp

                ctx = mp.get_context("forkserver")
                ctx.set_forkserver_preload(["policykg.graph.extract_warm"])
                self._ctx = ctx
            return self._ctx

    def warm(self) -> None:
        """Start the fork server (it imports the extractor: seconds) ahead of the first file."""
        slot = self._idle.get()
        try:
            slot = slot or _Worker(self._context(), self.budget.max_tasks)
        finally:
            self._idle.put(slot)

    def run(self, path: str | Path) -> Outcome:
        """Extract one file in a worker within the budget; never raises for the file."""
        if self._closed:
            raise RuntimeError("the extraction pool is closed")
        if self.inline:
            return extract_checked(str(path), self.budget.max_tasks)
        slot = self._idle.get()
        worker = slot
        try:
            if worker is not None and not worker.proc.is_alive():
                worker.kill()  # died while idle: reap it and close its pipe
                worker = None
            if worker is None:
                worker = _Worker(self._context(), self.budget.max_tasks)
            outcome, healthy = self._run_on(worker, str(path))
            if not healthy:
                worker = None
            elif worker is not None:
                worker.done += 1
                if worker.done >= self.recycle_after:
                    worker.stop()
                    worker = None
            return outcome
        except BaseException:
            if worker is not None:
                worker.kill()
            worker = None
            raise
        finally:
            self._idle.put(worker)

    def _run_on(self, worker: _Worker, path: str) -> tuple[Outcome, bool]:
        t0 = time.monotonic()
        try:
            worker.conn.send((path, settings()))
        except OSError:
            worker.kill()
            return Outcome(path, None, "the extraction process was not available", "crashed", 0.0), False
        while True:
            try:
                ready = worker.conn.poll(POLL)
            except OSError:
                ready = False
            if ready:
                try:
                    return worker.conn.recv(), True
                except (EOFError, OSError):
                    pass  # died while answering: handled below
            elapsed = time.monotonic() - t0
            stopped = self._stop_if_over(worker, path, elapsed, died=not worker.proc.is_alive() or ready)
            if stopped is not None:
                reason, code = stopped
                return Outcome(path, None, reason, code, elapsed), False

    def _stop_if_over(self, worker: _Worker, path: str, elapsed: float, died: bool) -> tuple[str, str] | None:
        """(reason, code) after killing a worker that died (or answered garbage), ran past its
        time or grew past its memory budget; None while it may go on. Each stop is logged."""
        budget = self.budget
        if died:
            worker.kill()
            code = worker.proc.exitcode
            log.error("extraction of %s: worker ended (exit code %s)", path, code)
            why = "it ran out of memory" if code == -9 else f"exit code {code}"
            return f"the extraction process ended unexpectedly ({why}); this file was skipped", "crashed"
        if elapsed > budget.seconds:
            worker.kill()
            log.warning("extraction of %s stopped after %.0f s (budget)", path, elapsed)
            return (f"extraction took longer than {budget.seconds:.0f} s (POLICYKG_EXTRACT_TIMEOUT): the file "
                    "is too long or too complex to process as one document", "timeout")
        rss = rss_mb(worker.proc.pid)
        if rss > budget.memory_mb:
            worker.kill()
            log.warning("extraction of %s stopped at %.0f MB of memory (budget)", path, rss)
            return (f"extraction needed more than {budget.memory_mb} MB of memory (POLICYKG_EXTRACT_MEMORY_MB): "
                    "a decompression bomb or an extremely long document", "too_large")
        return None

    def map(self, paths: Iterable[str | Path], ahead: int | None = None) -> Iterator[Outcome]:
        """`run` over `paths` by every worker, yielded in order; at most `ahead` files
        (default twice the workers) are in flight or waiting to be taken, so memory stays
        bounded whatever the number of files."""
        ahead = ahead or 2 * self.workers
        with ThreadPoolExecutor(self.workers, thread_name_prefix="extract") as feeder:
            window: deque[Future[Outcome]] = deque()
            for p in paths:
                window.append(feeder.submit(self.run, p))
                if len(window) >= ahead:
                    yield window.popleft().result()
            while window:
                yield window.popleft().result()

    def close(self) -> None:
        self._closed = True
        for _ in range(self.workers):
            try:
                worker = self._idle.get(timeout=1.0)
            except queue.Empty:
                continue
            if worker is not None:
                worker.stop()

    def __enter__(self) -> ExtractPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
