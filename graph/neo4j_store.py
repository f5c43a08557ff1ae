"""`GraphStore` over Neo4j 5+, with the official driver (production and scale-out).

Chosen when NEO4J_URI is set. Writes run in managed write transactions (`execute_write`):
the driver retries them on transient cluster errors, which is safe because a failed
transaction leaves nothing. Reads run in read transactions (`execute_read`), where the
server refuses writes, matching FalkorDB's RO_QUERY.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from . import dialect
from .store import QueryError, StoreError, plain_params

CONNECT_TIMEOUT = 5.0  # seconds to open a connection
RETRY_TIME = 10.0  # seconds the driver may spend retrying a transaction on transient errors
WRITE_TIMEOUT = 600.0  # seconds a write transaction may run (server-enforced)
READ_TIMEOUT = 60.0  # seconds a read transaction may run (server-enforced)


class Neo4jStore:
    """A Neo4j database reached through the Bolt driver."""

    name = "neo4j"

    def __init__(
        self,
        uri: str,
        user: str = "neo4j",
        password: str = "",
        database: str = "neo4j",
        *,
        write_timeout: float = WRITE_TIMEOUT,
        read_timeout: float = READ_TIMEOUT,
    ) -> None:
        import neo4j

        self.uri = uri
        self.database = database
        self.write_timeout = write_timeout
        self.read_timeout = read_timeout
        self._verified = False
        try:
            self._driver = neo4j.GraphDatabase.driver(
                uri,
                auth=(user, password),
                connection_timeout=CONNECT_TIMEOUT,
                connection_acquisition_timeout=CONNECT_TIMEOUT * 2,
                max_transaction_retry_time=RETRY_TIME,
            )
        except Exception as e:  # bad URI scheme and the like
            raise StoreError(f"cannot configure the Neo4j driver for {uri}: {e}") from e

    @classmethod
    def from_env(cls) -> Neo4jStore:
        """NEO4J_URI (required), NEO4J_USER (neo4j), NEO4J_PASSWORD, NEO4J_DATABASE (neo4j)."""
        uri = os.environ.get("NEO4J_URI")
        if not uri:
            raise StoreError("NEO4J_URI is not set (e.g. bolt://localhost:7687)")
        return cls(
            uri,
            os.environ.get("NEO4J_USER", "neo4j"),
            os.environ.get("NEO4J_PASSWORD", ""),
            os.environ.get("NEO4J_DATABASE", "neo4j"),
        )

    # --- GraphStore ----------------------------------------------------------------------

    def write(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run one statement in one managed write transaction."""
        return self._run(query, params, write=True)

    def read(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run one statement in a read transaction (the server rejects writes)."""
        return self._run(query, params, write=False)

    def ping(self) -> bool:
        """True when the server answers and the credentials are accepted."""
        try:
            self._driver.verify_connectivity()
            return True
        except Exception:
            return False

    def close(self) -> None:
        """Close the driver's connection pool."""
        self._driver.close()

    def ensure_schema(self, vector_dim: int | None = None) -> None:
        """Constraints and indexes with IF NOT EXISTS (idempotent); the vector index is
        dropped and recreated when its dimension differs from `vector_dim`."""
        for ddl in dialect.schema_ddl("neo4j"):
            self.write(ddl)
        if vector_dim is not None:
            rows = self.read(dialect.NEO4J_VECTOR_INDEX_INFO)
            if rows:
                config = (rows[0]["options"] or {}).get("indexConfig") or {}
                if config.get("vector.dimensions") != vector_dim:
                    self.write(dialect.drop_vector_index_ddl("neo4j"))
            self.write(dialect.vector_index_ddl("neo4j", vector_dim))
        self.write(dialect.NEO4J_AWAIT_INDEXES)

    # --- internals -----------------------------------------------------------------------

    def _run(self, query: str, params: dict[str, Any] | None, write: bool) -> list[dict[str, Any]]:
        import neo4j

        clean = plain_params(params)
        timeout = self.write_timeout if write else self.read_timeout

        @neo4j.unit_of_work(timeout=timeout)
        def work(tx: Any) -> list[dict[str, Any]]:
            # consume inside the transaction: records are gone once it closes
            return [{k: plain(v) for k, v in rec.items()} for rec in tx.run(query, clean)]

        try:
            if not self._verified:
                # fail fast when the server is down: the managed transactions below
                # would otherwise retry an unreachable server for RETRY_TIME and more
                self._driver.verify_connectivity()
                self._verified = True
            with self._driver.session(database=self.database) as session:
                runner = session.execute_write if write else session.execute_read
                return runner(work)
        except Exception as e:
            raise self._error(e, query) from e

    def _error(self, e: Exception, query: str) -> StoreError:
        from neo4j import exceptions as x

        if isinstance(e, (x.ServiceUnavailable, x.SessionExpired, x.ConnectionPoolError, OSError)):
            return StoreError(f"graph store unreachable: Neo4j at {self.uri} ({e})")
        if isinstance(e, x.AuthError):
            return StoreError(
                f"Neo4j at {self.uri} refused the credentials ({e}); check NEO4J_USER/NEO4J_PASSWORD"
            )
        if isinstance(e, (x.Neo4jError, x.DriverError)):
            return QueryError(f"{e} (database {self.database!r}; statement: {_short(query)})")
        return StoreError(f"{type(e).__name__}: {e} (statement: {_short(query)})")


def plain(value: Any) -> Any:
    """A Neo4j driver value as plain Python, the same shapes FalkorStore returns:
    temporal values -> ISO strings, nodes/relationships -> property dicts, paths -> list
    of node property dicts, vectors -> lists."""
    from neo4j.graph import Node, Path, Relationship
    from neo4j.spatial import Point

    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (Node, Relationship)):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, Path):
        return [plain(n) for n in value.nodes]
    if isinstance(value, Point):
        return [float(c) for c in value]
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if hasattr(value, "iso_format"):  # neo4j.time Date/DateTime/Time/Duration
        return value.iso_format()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "to_native"):  # neo4j.vector.Vector
        return plain(value.to_native())
    return str(value)


def _short(query: str, n: int = 300) -> str:
    q = " ".join(query.split())
    return q if len(q) <= n else q[: n - 1] + "…"
