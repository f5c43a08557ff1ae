"""`GraphStore` over FalkorDB, through its own client on the embedded server's unix socket.

FalkorDB runs each query as one transaction (a failing query writes nothing), so `write`
is a plain GRAPH.QUERY and `read` a GRAPH.RO_QUERY, which the server refuses to let write.
What needs care is around the edges: the client's default is to *re-send* a command after
a dropped connection (a write could then apply twice), so retries are off; parameters go
in a text header, so values it would mangle (dates, NaN, huge ints) are normalised or
refused first; result values come back as client objects and are turned into plain ones.

Durability: the embedded server answers a write once it is fsynced (`embedded.py`), and a
write is refused here with `DiskFull` while the data disk is nearly full (`diskspace.py`);
a server that exits mid-write for lack of room is reported as `DiskFull` too, so callers
say "disk full" (HTTP 507), not "store down" or "query rejected".

Indexes being built (after a restart the embedded server builds them in the background,
see `embedded.py`; or after `compact()` rebuilds the vector index) never make a statement
fail or go wrong: reads run at once (FalkorDB plans around an index that is not ready yet,
and a vector search runs as an exact scan until the vector index is, with the same
scores), and the first write of each store object waits until every index and unique
constraint is operational, so no write races their population.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import os
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from . import dialect, diskspace, embedded
from .schema import VECTOR_INDEX
from .cypher_params import params_header
from .store import QueryError, StoreError
from .texts import TextStore

log = logging.getLogger(__name__)

DEFAULT_GRAPH = "policykg"
WRITE_TIMEOUT = 600.0  # seconds a write may run (a bulk UNWIND batch) before the client gives up
READ_TIMEOUT = 60.0  # seconds a read may run; enforced by the server, which aborts it
SCHEMA_TIMEOUT = 300.0  # seconds to wait for indexes/constraints to become operational


def graph_name() -> str:
    """The graph (Redis key) policykg uses: `POLICYKG_GRAPH`, default `policykg`."""
    return os.environ.get("POLICYKG_GRAPH", DEFAULT_GRAPH)


class FalkorStore:
    """A FalkorDB graph reached over a unix socket."""

    name = "falkordb"

    def __init__(
        self,
        socket: Path,
        graph: str | None = None,
        *,
        data: Path | None = None,
        password: str | None = None,
        write_timeout: float = WRITE_TIMEOUT,
        read_timeout: float = READ_TIMEOUT,
    ) -> None:
        from falkordb import FalkorDB
        from redis.backoff import NoBackoff
        from redis.retry import Retry

        self.socket = Path(socket)
        self.data = Path(data) if data is not None else None
        self.graph_name = graph or graph_name()
        # documents' text beside the graph, not in the server's memory (graph/texts.py)
        self.texts = TextStore(self.data, self.graph_name) if self.data is not None else None
        self.read_timeout = read_timeout
        self._schema_settled = False  # set once a write found every index operational
        self.exact_scans = 0  # vector searches served by an exact scan (index not ready)
        foreign = embedded.foreign_socket(self.socket)
        if foreign:
            raise StoreError(f"refusing to use the graph store socket: {foreign}")
        try:
            self._db = FalkorDB(
                unix_socket_path=os.fspath(self.socket),
                password=password,
                socket_timeout=write_timeout,
                socket_connect_timeout=embedded.PROBE_TIMEOUT,
                retry=Retry(NoBackoff(), 0),
            )
        except Exception as e:  # the constructor already talks to the server (INFO)
            raise self._unreachable(e) from e
        self._graph = self._db.select_graph(self.graph_name)

    @classmethod
    def embedded(cls, data: Path, graph: str | None = None) -> FalkorStore:
        """Connect to the embedded server of `data`, starting it if it is not running.

        Returned as soon as the server answers: indexes it still builds in the background
        do not stop reads (see the module docstring); `await_indexes` waits for them."""
        sock = embedded.ensure_running(Path(data))
        try:
            return cls(sock, graph, data=Path(data), password=embedded.store_password(Path(data)))
        except StoreError as e:
            if "without any password configured" not in str(e):
                raise
            # a server started by a version without passwords, still running: use it as it
            # is; the next start (`policykg stop`, then any command) asks for the password
            log.warning("the graph store in %s was started without a password; restart it with "
                        "`policykg stop` to require one", data)
            return cls(sock, graph, data=Path(data))

    # --- GraphStore ----------------------------------------------------------------------

    def write(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run one write statement; FalkorDB applies it whole or not at all.

        The first write of this store object waits until every index and constraint is
        operational: writes racing FalkorDB 4.16's background population lose vectors
        from the index (measured: 1,000 Tasks written during the rebuild of a 20k-vector
        index, 903 of them not found by it afterwards), and a unique constraint still
        being built rejects nothing. (Another process rebuilding the vector index with
        `compact()` while this one writes is not guarded against.)"""
        header = params_header(params)  # BadParameter: refused before anything is sent
        if self.data is not None:
            # the parameters' text: about what the statement adds to the append-only file
            diskspace.check_room(self.data, len(header.encode("utf-8")) + len(query))
        if not self._schema_settled:
            self.await_indexes()
        try:
            return self._run(query, params, read_only=False, header=header)
        except StoreError as e:
            if self.data is not None and not isinstance(e, QueryError):
                why = diskspace.disk_full_reason(self.data)
                if why:
                    raise diskspace.DiskFull(
                        f"the graph store stopped on a full disk ({why}); this write was not "
                        "stored, everything acknowledged before is kept. Free some space: the "
                        "store is restarted and takes writes again") from e
            raise

    def read(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run one read-only statement (RO_QUERY: the server rejects writes). A vector
        search (`dialect.vector_call`) while the vector index is not operational runs as
        the equivalent exact scan (`dialect.falkordb_exact_scan`) instead of failing."""
        try:
            return self._run(query, params, read_only=True)
        except QueryError as e:
            scan = dialect.falkordb_exact_scan(query) if "db.idx.vector.queryNodes" in str(e) else None
            if scan is None:
                raise
            if self._vector_index_operational():
                # it became operational between the failure and this check (a restart from a
                # snapshot builds it in the background; CI saw the race): ask it again
                return self._run(query, params, read_only=True)
            self.exact_scans += 1
            return self._run(scan, params, read_only=True)

    def ping(self) -> bool:
        """True when the server answers PING."""
        try:
            return bool(self._db.connection.ping())
        except Exception:
            return False

    def reconnect(self) -> None:
        """After the server was restarted: drop pooled connections (the next statement
        opens new ones) and wait for its indexes again before the next write."""
        self._db.connection.connection_pool.disconnect()
        self._schema_settled = False

    def close(self) -> None:
        """Drop the connections; the embedded server keeps running for the next process."""
        self._db.connection.close()

    def ensure_schema(self, vector_dim: int | None = None) -> None:
        """Create missing exact-match indexes, unique constraints (over those indexes) and,
        with `vector_dim`, the Task vector index, recreated when its dimension differs.
        FalkorDB has no IF NOT EXISTS, so existing ones are read from `db.indexes()`.
        When anything changed, the append-only file is rewritten (see `rewrite_aof`)."""
        changed = False
        existing = self._index_types()
        for label, prop in dialect.unique_keys() + dialect.plain_indexes():
            if "RANGE" not in existing.get((label, prop), set()):
                changed |= self._create_index(dialect.index_ddl("falkordb", label, prop))
        have = {(c["label"], tuple(c["properties"])) for c in self._constraints()}
        for label, prop in dialect.unique_keys():
            if (label, (prop,)) not in have:
                cmd = dialect.falkordb_unique_command(self.graph_name, label, prop)
                try:
                    self._db.connection.execute_command(*cmd)
                    changed = True
                except Exception as e:
                    if "already exists" not in str(e):
                        raise self._error(e, " ".join(map(str, cmd))) from e
        if vector_dim is not None:
            dim = self.vector_dim()
            if dim is not None and dim != vector_dim:
                self.write(dialect.drop_vector_index_ddl("falkordb"))
                dim, changed = None, True
            if dim is None:
                changed |= self._create_index(dialect.vector_index_ddl("falkordb", vector_dim))
        if changed:
            self._await_schema()
            self._rewrite_aof()
        else:
            # nothing created: indexes a restart is still building need no waiting for
            # (reads do not, the first write does); a failed constraint is still reported
            self._check_constraints(self._constraints())

    def vector_dim(self) -> int | None:
        """Dimension of the Task vector index, None when there is none."""
        label, prop = VECTOR_INDEX
        for row in self._indexes():
            if row["label"] == label and "VECTOR" in (row["types"] or {}).get(prop, []):
                return int(((row["options"] or {}).get(prop) or {}).get("dimension", 0)) or None
        return None

    def await_indexes(self, timeout: float = SCHEMA_TIMEOUT) -> None:
        """Wait until every index and unique constraint of the graph is operational or
        failed (a restart or `compact()` builds them in the background; `ensure_schema`
        reports failed constraints). Raises StoreError after `timeout` seconds."""
        self._await_schema(timeout, strict=False)
        self._schema_settled = True

    # --- embedded-only extras ------------------------------------------------------------

    def compact(self) -> bool:
        """Call after a bulk ingest: rebuild the vector index (FalkorDB 4.16 keeps the old
        vectors of updated/deleted Tasks as orphans that crowd out live ones) and rewrite
        the append-only file as a snapshot, so the next start is quick and clean. False
        when FalkorDB wrote a snapshot it cannot load and the rewrite was undone (the data
        is whole; see `embedded.rewrite_aof`)."""
        dim = self.vector_dim()
        if dim is not None:
            self.write(dialect.drop_vector_index_ddl("falkordb"))
            self.write(dialect.vector_index_ddl("falkordb", dim))
            self._await_schema()
        if self.texts is not None:  # texts of documents a refused or cut-short write left
            self.texts.sweep(r["id"] for r in self.read("MATCH (d:Document) RETURN d.id AS id"))
        return self._rewrite_aof()

    def _rewrite_aof(self) -> bool:
        """Verified BGREWRITEAOF (see `embedded.rewrite_aof`); False when the snapshot did
        not load and the previous files were put back (the server was restarted)."""
        import redis

        try:
            done = embedded.rewrite_aof(
                self._db.connection, str(self.data or self.socket), data=self.data
            )
        except (redis.ConnectionError, redis.TimeoutError) as e:
            raise self._unreachable(e) from e
        if not done:
            # the server was restarted from the restored files: drop our old connections
            self._db.connection.connection_pool.disconnect()
            self._schema_settled = False
        return done

    # --- internals -----------------------------------------------------------------------

    def _run(self, query: str, params: dict[str, Any] | None, read_only: bool,
             header: str | None = None) -> list[dict[str, Any]]:
        if header is None:
            header = params_header(params)  # BadParameter: refused before anything is sent
        try:
            try:
                res = self._query(header + query, read_only)
            except Exception as e:
                # RO_QUERY on a graph that was never written fails; an empty graph is
                # what a fresh store means, so create it (an empty key) and read that
                if not (read_only and "empty key" in str(e)):
                    raise
                self._graph.query("RETURN 0")
                res = self._query(header + query, read_only)
        except Exception as e:
            raise self._error(e, query) from e
        names = [col[1] for col in res.header]
        return [{n: plain(v) for n, v in zip(names, row)} for row in res.result_set]

    def _query(self, query: str, read_only: bool) -> Any:
        """`query` with its parameter header in front (`cypher_params.params_header`)."""
        if read_only:
            return self._graph.ro_query(query, timeout=int(self.read_timeout * 1000))
        return self._graph.query(query)

    def _exists(self) -> bool:
        try:
            return self.graph_name in self._db.connection.execute_command("GRAPH.LIST")
        except Exception as e:
            raise self._error(e, "GRAPH.LIST") from e

    def _error(self, e: Exception, query: str) -> StoreError:
        import redis

        if isinstance(e, (redis.ConnectionError, redis.TimeoutError, OSError)):
            return self._unreachable(e)
        if isinstance(e, redis.ResponseError) and str(e).startswith("MISCONF") and self.data is not None:
            return diskspace.DiskFull(f"the graph store cannot write to its disk ({e}); nothing was stored. "
                                      f"Free space on the disk holding {self.data}")
        if isinstance(e, (redis.ResponseError, ValueError, TypeError)):
            return QueryError(f"{e} (graph {self.graph_name!r}; statement: {_short(query)})")
        return StoreError(f"{type(e).__name__}: {e} (statement: {_short(query)})")

    def _unreachable(self, e: Exception) -> StoreError:
        where = f"data folder {self.data}, " if self.data else ""
        hint = (
            f"; the embedded server may have stopped: see {self.data / embedded.LOG_NAME}"
            if self.data
            else ""
        )
        return StoreError(f"graph store unreachable: {where}socket {self.socket} ({e}){hint}")

    def _create_index(self, ddl: str) -> bool:
        try:
            self.write(ddl)
            return True
        except QueryError as e:
            if "already indexed" not in str(e):  # created by a concurrent ensure_schema
                raise
            return False

    def _indexes(self) -> list[dict[str, Any]]:
        # a write query: on a graph that does not exist yet, RO_QUERY fails (it writes
        # nothing, so it need not wait for indexes like `write` does)
        return self._run(
            "CALL db.indexes() YIELD label, types, options, entitytype, status "
            "RETURN label, types, options, entitytype, status",
            None,
            read_only=False,
        )

    def _vector_index_operational(self) -> bool:
        label, prop = VECTOR_INDEX
        for row in self._indexes():
            if row["label"] == label and "VECTOR" in (row["types"] or {}).get(prop, []):
                return row["status"] == "OPERATIONAL"
        return False

    def _index_types(self) -> dict[tuple[str, str], set[str]]:
        out: dict[tuple[str, str], set[str]] = {}
        for row in self._indexes():
            if row["entitytype"] != "NODE":
                continue
            for prop, types in (row["types"] or {}).items():
                out.setdefault((row["label"], prop), set()).update(types)
        return out

    def _constraints(self) -> list[dict[str, Any]]:
        return self._run(
            "CALL db.constraints() YIELD type, label, properties, entitytype, status "
            "RETURN type, label, properties, entitytype, status",
            None,
            read_only=False,
        )

    def _check_constraints(self, cons: list[dict[str, Any]]) -> None:
        failed = [c for c in cons if c["status"] == "FAILED"]
        if failed:
            what = ", ".join(f"{c['label']}.{'/'.join(c['properties'])}" for c in failed)
            raise QueryError(
                f"unique constraint on {what} failed in graph {self.graph_name!r}: the "
                "graph already holds duplicate values there; remove them, drop the "
                "failed constraint (GRAPH.CONSTRAINT DROP) and run ensure_schema again"
            )

    def _await_schema(self, timeout: float = SCHEMA_TIMEOUT, strict: bool = True) -> None:
        """Index and constraint creation (and rebuilding after a restart) runs in the
        background; wait until each is OPERATIONAL so the next statement can rely on it.
        A unique constraint over existing duplicate values ends FAILED: `strict` reports
        it; otherwise only the rest is waited for."""
        if not self._exists():
            return
        deadline = time.monotonic() + timeout
        while True:
            pending = [r for r in self._indexes() if r["status"] != "OPERATIONAL"]
            cons = self._constraints()
            if strict:
                self._check_constraints(cons)
            pending += [c for c in cons if c["status"] not in ("OPERATIONAL", "FAILED")]
            if not pending:
                return
            if time.monotonic() > deadline:
                raise StoreError(
                    f"graph {self.graph_name!r} on {self.socket}: indexes still being built "
                    f"after {timeout:.0f} s: {pending}"
                )
            time.sleep(0.05)


_SCALARS = (type(None), bool, int, float, str)


def plain(value: Any) -> Any:
    """A FalkorDB client value as plain Python: maps -> dict, dates -> ISO strings,
    nodes/edges -> their property dicts, paths -> list of node property dicts.

    Called for every value of every row (10,000 for a page of 500 deadlines): scalars
    return at once, and the client's classes are imported once, not per value."""
    if type(value) in _SCALARS:
        return value
    if type(value) is list:
        return [v if type(v) in _SCALARS else plain(v) for v in value]
    return _plain_other(value)


def _plain_other(value: Any) -> Any:
    if isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    Edge, Node, FPath = _client_classes()
    if isinstance(value, (Node, Edge)):
        return {str(k): plain(v) for k, v in value.properties.items()}
    if isinstance(value, FPath):
        return [plain(n) for n in value.nodes()]
    return str(value)  # durations and anything newer: readable rather than an object


@functools.lru_cache(maxsize=1)
def _client_classes() -> tuple[type, type, type]:
    from falkordb.edge import Edge
    from falkordb.node import Node
    from falkordb.path import Path as FPath

    return Edge, Node, FPath


def _short(query: str, n: int = 300) -> str:
    q = " ".join(query.split())
    return q if len(q) <= n else q[: n - 1] + "…"
