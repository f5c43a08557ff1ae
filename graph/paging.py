"""Keyset pages whose cost follows the page, not the graph, on stores that sort everything.

FalkorDB 4.16 (and Neo4j without an index-backed order) sorts every matching row before
LIMIT, but answers two things cheaply (measured on 400k indexed rows):
- a range of an indexed property with few rows in it, sorted (0.3–0.5 ms), and
- "any m rows in this range" without ORDER BY: LIMIT stops the index scan (0.4 ms for 50).

So a page of `need` rows from key `lo` is found by narrowing the range [lo, hi): sample up
to `m` matching keys in it (unordered); if there are fewer than `m`, the range is small and
is sorted for the page; otherwise the `need`-th smallest sampled key bounds a range that
still holds at least `need` matching rows, and the sample is taken again there. Each round
divides the range's rows by about m/need (8 here), so a page costs a few samples of `m`
rows plus one sort of fewer than `m`: logarithmic in the graph, linear in the page.

Rows must carry an integer `sort_key` that never decreases along the list's order (see
`graph/sortkeys.py`); the page query breaks ties with the exact order.
"""

from __future__ import annotations

from typing import Any, Callable

FANOUT = 8  # sample size per round / rows needed: how fast a round narrows the range
MIN_SAMPLE = 256
MAX_ROUNDS = 24  # a 52-bit key range narrows in far fewer; a guard, not a limit in practice

Read = Callable[[str, dict[str, Any]], list[dict[str, Any]]]


def narrow(read: Read, probe: str, params: dict[str, Any], lo: int, hi: int, need: int) -> tuple[int, int, int]:
    """A range [lo, hi') that holds every matching row of [lo, hi) that comes before the
    `need`-th one, and fewer than the sample size `m` rows unless ties forbid: returns
    (lo, hi', rounds). `probe` returns up to `$m` matching rows' `k` in [$lo, $hi), any
    order, without sorting (so its LIMIT stops the scan)."""
    m = max(need * FANOUT, MIN_SAMPLE)
    rounds = 0
    while rounds < MAX_ROUNDS:
        rounds += 1
        keys = sorted(r["k"] for r in read(probe, {**params, "lo": lo, "hi": hi, "m": m}))
        if len(keys) < m:
            break
        bound = keys[need - 1] + 1  # [lo, bound) holds >= need matching rows
        if bound >= hi:  # ties: the first `need` rows share keys up to hi; nothing to cut
            break
        hi = bound
    return lo, hi, rounds


def page(read: Read, probe: str, query: str, params: dict[str, Any], lo: int, hi: int,
         limit: int, offset: int = 0) -> list[dict[str, Any]]:
    """Rows `offset` … `offset + limit` of `query` over [lo, hi) in its order. `query`
    takes `$lo`, `$hi`, `$skip`, `$limit` and sorts by the exact order (sort_key first)."""
    if limit <= 0 or lo >= hi:
        return []
    lo, hi, _ = narrow(read, probe, params, lo, hi, offset + limit)
    return read(query, {**params, "lo": lo, "hi": hi, "skip": offset, "limit": limit})
