"""The one small interface every graph store implements, and the factory that picks one.

policykg speaks openCypher to two real stores: FalkorDB, embedded and started by policykg
itself (the default, `graph/embedded.py`), and Neo4j for production and scale-out (chosen
when `NEO4J_URI` is set). Everything above this module (the writer, the queries, the API)
sees only `GraphStore`; statements are shared, and the few places where the two dialects
differ (index/constraint DDL, vector search, procedure names) live in `graph/dialect.py`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Protocol


class StoreError(Exception):
    """A store that cannot be reached or started; the message says why and what to do."""


class QueryError(StoreError):
    """The store reached, but rejected one statement (syntax, constraint violation, runtime
    error, a write sent to `read`). The statement applied nothing. Both stores raise this
    same type, so callers handle rejections without knowing which store they talk to."""


class BadParameter(QueryError):
    """A parameter value no store can take unaltered (NaN, a 65-bit int, NUL in text): the
    caller's input is at fault, not the statement; refused before anything is sent."""


class GraphStore(Protocol):
    """A connection to a graph store.

    Results are lists of plain dicts (column name -> Python value). Queries only ever
    return scalars, lists and maps (never node/relationship objects), so both stores give
    identical rows for the same statement.
    """

    name: str  # "falkordb" | "neo4j"

    def write(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run one write statement as one transaction: it applies whole or not at all."""

    def read(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run one read-only statement (the store rejects writes here)."""

    def ensure_schema(self, vector_dim: int | None = None) -> None:
        """Create the indexes and uniqueness constraints of `graph/schema.py` if missing,
        and the Task vector index when `vector_dim` is given. Safe to call on every start."""

    def ping(self) -> bool:
        """True when the store answers."""

    def close(self) -> None:
        """Release the connection (the embedded server keeps running; see `stop_embedded`)."""


def plain_params(params: dict[str, Any] | None) -> dict[str, Any]:
    """Parameters as both stores accept them identically: dates/times become ISO strings
    (the graph keeps dates as ISO text, comparable as strings), tuples/sets become lists.
    Rejects what one store would silently alter: NaN/inf, ints beyond 64 bits, NUL in text."""
    return {str(k): _param_value(v, str(k)) for k, v in (params or {}).items()}


def _param_value(value: Any, where: str) -> Any:
    import datetime as dt
    import math

    if isinstance(value, str) and "\x00" in value:
        # FalkorDB's client cuts a string at NUL and the statement no longer parses
        raise BadParameter(f"parameter {where}: text contains a NUL character")
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        if not -(2**63) <= value < 2**63:
            raise BadParameter(f"parameter {where}: int {value} does not fit in 64 bits")
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise BadParameter(f"parameter {where}: {value} is not a finite number")
        return value
    if isinstance(value, (dt.date, dt.time)):  # datetime is a date
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _param_value(v, f"{where}.{k}") for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_param_value(v, f"{where}[{i}]") for i, v in enumerate(value)]
    if isinstance(value, (set, frozenset)):
        return [_param_value(v, f"{where}[]") for v in sorted(value, key=repr)]
    if hasattr(value, "tolist"):  # numpy scalars and arrays (embeddings)
        return _param_value(value.tolist(), where)
    raise BadParameter(f"parameter {where}: unsupported type {type(value).__name__}")


def data_dir() -> Path:
    """Where the embedded store keeps its files: `POLICYKG_DATA`, default `./data`."""
    return Path(os.environ.get("POLICYKG_DATA", "data")).resolve()


def open_store(data: Path | None = None) -> GraphStore:
    """Neo4j when `NEO4J_URI` is set, else the embedded FalkorDB in `data` (started if needed)."""
    if os.environ.get("NEO4J_URI"):
        from .neo4j_store import Neo4jStore

        return Neo4jStore.from_env()
    from .falkor_store import FalkorStore

    return FalkorStore.embedded(data or data_dir())
