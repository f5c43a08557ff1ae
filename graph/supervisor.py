"""Keeps the embedded graph server running under a long-lived process (the API).

Why (issue 15 item 6): after a kill -9 of redis-server the API answered 503 forever, since
only a new CLI call or API start would start the server again. A supervisor thread probes
the server once a second (a PING over the unix socket, well under a millisecond) and,
when nobody listens any more, starts it again from its append-only files, with back-off
(0.5 s doubling to 30 s) while starting fails (a full disk, a damaged file), saying so in
the log each time. Requests that find the store down answer 503 at once and wake the
supervisor; they never wait for it. A server that is alive but does not answer (busy,
stopped with SIGSTOP) is reported and left alone: killing it could lose a write.
Several API worker processes may each run one: `embedded.ensure_running` serialises
starts on the folder's lock, so one server is started.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

from . import embedded
from .store import StoreError

log = logging.getLogger("policykg.store")

CHECK_INTERVAL = 1.0
FIRST_BACKOFF = 0.5
MAX_BACKOFF = 30.0


class StoreSupervisor:
    """Restart the embedded server of `data` whenever it is gone; `on_restart` is called
    after each restart (connections to drop, indexes to wait for)."""

    def __init__(self, data: Path, on_restart: Callable[[], None] | None = None,
                 interval: float = CHECK_INTERVAL, max_backoff: float = MAX_BACKOFF) -> None:
        self.data = Path(data)
        self.on_restart = on_restart
        self.interval = interval
        self.max_backoff = max_backoff
        self.restarts = 0
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="store-supervisor", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None

    def poke(self) -> None:
        """Check now (a request just found the store unreachable)."""
        self._wake.set()

    def _run(self) -> None:
        backoff = FIRST_BACKOFF
        down_since: float | None = None
        attempts = 0
        while not self._stop.is_set():
            self._wake.wait(self.interval if down_since is None else backoff)
            self._wake.clear()
            if self._stop.is_set():
                return
            state, detail = embedded.probe_data(self.data)
            if state in ("pong", "loading"):
                down_since, attempts, backoff = None, 0, FIRST_BACKOFF
                continue
            if state in ("timeout", "error", "foreign"):
                # alive but silent, or not ours: nothing a restart may fix safely
                if down_since is None:
                    log.warning("graph store in %s does not answer (%s: %s); not restarting it",
                                self.data, state, detail)
                    down_since = time.monotonic()
                continue
            if down_since is None:
                down_since = time.monotonic()
            attempts += 1
            log.error("graph store in %s is down (%s); restarting it (attempt %d)", self.data, state, attempts)
            try:
                embedded.ensure_running(self.data)
            except StoreError as e:
                log.error("graph store in %s could not be restarted: %s; next attempt in %.1f s",
                          self.data, e, min(backoff * 2, self.max_backoff))
                backoff = min(backoff * 2, self.max_backoff)
                continue
            self.restarts += 1
            log.warning("graph store in %s is back after %.1f s (restart %d)", self.data,
                        time.monotonic() - down_since, self.restarts)
            down_since, attempts, backoff = None, 0, FIRST_BACKOFF
            if self.on_restart is not None:
                try:
                    self.on_restart()
                except Exception:  # noqa: BLE001 - the next request reconnects anyway
                    log.exception("after restarting the graph store")
