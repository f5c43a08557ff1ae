"""FalkorDB statement parameters as the `CYPHER k=v …` text header, in one pass.

Why not the client's own: FalkorDB takes parameters only as Cypher literals in front of
the query text, and a batch of 32 documents is ≈ 3 MB of them (task texts, embeddings).
Checking the values (`store.plain_params`), estimating their size for the disk check
(`diskspace.payload_bytes`) and the client's `stringify_param_value` each walked every
value: ≈ 11 ms of Python per document, half of a document's whole write. This module
does all three in one walk with the same results, and writes a float32 embedding
(`numpy.ndarray`) with 9 significant digits, which is exactly its float32 value
(`vecf32` stores float32), instead of the 17 of its float64 widening: a third less text
for the server to parse.

Values are refused exactly as `store.plain_params` refuses them (NaN/inf, ints beyond 64
bits, NUL in text, unknown types); on any refusal the slow walk runs to name the value.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .store import BadParameter, plain_params


class _Refused(Exception):
    pass


_I64_MIN, _I64_MAX = -(2**63), 2**63 - 1


def _key(k: Any) -> str:
    s = k.decode() if isinstance(k, bytes) else str(k)
    if not s or "`" in s:
        raise _Refused
    return s


def _value(v: Any) -> str:  # noqa: C901 - one flat type switch is the point
    t = type(v)
    if t is str:
        if "\x00" in v:
            raise _Refused
        if "\\" in v:
            v = v.replace("\\", "\\\\")
        if '"' in v:
            v = v.replace('"', '\\"')
        return '"' + v + '"'
    if v is None:
        return "null"
    if t is bool:
        return "true" if v else "false"
    if t is int:
        if not _I64_MIN <= v <= _I64_MAX:
            raise _Refused
        return str(v)
    if t is float:
        s = repr(v)
        if "n" in s:  # nan, inf
            raise _Refused
        return s
    if t is dict:
        return "{" + ",".join(f"`{_key(k)}`:{_value(x)}" for k, x in v.items()) + "}"
    if t is list or t is tuple:
        if v and type(v[0]) is float:
            try:
                s = ",".join(map(float.__repr__, v))
            except TypeError:  # not all floats
                return "[" + ",".join(map(_value, v)) + "]"
            if "n" in s:
                raise _Refused
            return "[" + s + "]"
        return "[" + ",".join(map(_value, v)) + "]"
    return _other(v)


def _other(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (dt.date, dt.time)):  # datetime is a date
        return _value(v.isoformat())
    if isinstance(v, (set, frozenset)):
        return _value(sorted(v, key=repr))
    if isinstance(v, str):
        return _value(str(v))
    if isinstance(v, int):
        return _value(int(v))
    if isinstance(v, float):
        return _value(float(v))
    if isinstance(v, dict):
        return _value(dict(v))
    if isinstance(v, (list, tuple)):
        return _value(list(v))
    dtype = getattr(v, "dtype", None)
    if dtype is not None and getattr(v, "ndim", None) == 1 and str(dtype) == "float32":
        # an embedding: 9 significant digits give back exactly this float32 value
        s = ",".join(["%.9g" % x for x in v.tolist()])
        if "n" in s:
            raise _Refused
        return "[" + s + "]"
    if hasattr(v, "tolist"):  # numpy scalars and other arrays
        return _value(v.tolist())
    raise _Refused


def params_header(params: dict[str, Any] | None) -> str:
    """`CYPHER `k`=v … ` for FalkorDB (empty when there are no parameters); raises
    `BadParameter` for a value `store.plain_params` refuses, with the same message."""
    if not params:
        return ""
    try:
        return "CYPHER " + "".join(f"`{_key(k)}`={_value(v)} " for k, v in params.items())
    except _Refused:
        plain_params(params)  # names the value
        raise BadParameter("a parameter value no graph store takes unaltered") from None
