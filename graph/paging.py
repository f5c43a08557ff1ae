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

from dataclasses import dataclass
from typing import Any, Callable

FANOUT = 8  # sample size per round / rows needed: how fast a round narrows the range
MIN_SAMPLE = 256
MAX_SAMPLE = 2048
SAMPLED_ROUNDS = 8  # rounds of pure sampling: 8^8 x 400 rows, far beyond any graph here
MAX_ROUNDS = 64  # bisection of a 49-bit key range ends within 49; a guard

Read = Callable[[str, dict[str, Any]], list[dict[str, Any]]]


def sample_size(need: int) -> int:
    """Rows per probe: FANOUT times the rows needed (each round then cuts the range about
    8-fold) up to MAX_SAMPLE, and never under twice the rows needed (a 500-row page sorts
    at most 2,048 rows, not 4,000)."""
    return max(MIN_SAMPLE, min(need * FANOUT, max(MAX_SAMPLE, 2 * need)))


@dataclass
class Narrowed:
    lo: int
    hi: int
    rounds: int
    first: list[dict[str, Any]]  # the first probe's rows (over the whole range)
    sample: int  # its LIMIT: fewer rows than this means `first` is everything in range
    last: list[dict[str, Any]] | None = None  # the probe of [lo, hi): every matching row when complete

    @property
    def complete(self) -> bool:
        """Whether `last` holds every matching row of [lo, hi)."""
        return self.last is not None and len(self.last) < self.sample


def narrow(read: Read, probe: str, params: dict[str, Any], lo: int, hi: int, need: int) -> Narrowed:
    """A range [lo, b) that holds every matching row of [lo, hi) that comes before the
    `need`-th one, and fewer than the sample size `m` rows unless ties forbid: returns
    (lo, b, rounds). `probe` returns up to `$m` matching rows' `k` in [$lo, $hi), any
    order, without sorting (so its LIMIT stops the scan).

    Each round probes one bound: the `need`-th smallest key of the last full sample (fast
    when the store's scan order is not sorted by key). After SAMPLED_ROUNDS, every other
    round probes the middle of (`a`, `b`) instead, where [lo, a) is known to hold fewer than
    `need` rows and [lo, b) at least `need`: a store that happens to return the largest keys
    first still narrows, by bisection."""
    m = sample_size(need)
    a, b = lo, hi  # [lo, a): fewer than `need` rows; [lo, b): at least `need` (or all there is)
    first = read(probe, {**params, "lo": lo, "hi": b, "m": m})
    last, keys = first, [r["k"] for r in first]
    rounds = 1
    while len(keys) >= m and rounds < MAX_ROUNDS and b - a > 1:
        keys.sort()
        b = min(b, keys[need - 1] + 1)
        last = None  # [lo, b) is narrower than what was probed
        # samples in random order converge within ~log8(rows) rounds; past that the store's
        # scan order is against us (largest keys first): every other round bisects instead
        point = min(b, a + (b - a + 1) // 2) if rounds > SAMPLED_ROUNDS and rounds % 2 else b
        rows = read(probe, {**params, "lo": lo, "hi": point, "m": m})
        got = [r["k"] for r in rows]
        rounds += 1
        if len(got) < need:
            a = point  # too few before `point`: the bound lies above it
            continue
        b, keys, last = point, got, rows
    return Narrowed(lo, b, rounds, first, m, last)


def first_needed(rows: list[dict[str, Any]], need: int) -> list[dict[str, Any]]:
    """The rows of a complete probe that can be among the first `need` in order: those
    whose key is at most the `need`-th smallest key (ties included)."""
    if len(rows) <= need:
        return rows
    cut = sorted(r["k"] for r in rows)[need - 1]
    return [r for r in rows if r["k"] <= cut]


def page(read: Read, probe: str, query: str, params: dict[str, Any], lo: int, hi: int,
         limit: int, offset: int = 0) -> list[dict[str, Any]]:
    """Rows `offset` … `offset + limit` of `query` over [lo, hi) in its order. `query`
    takes `$lo`, `$hi`, `$skip`, `$limit` and sorts by the exact order (sort_key first)."""
    return page_and_probe(read, probe, query, params, lo, hi, limit, offset)[0]


def page_and_probe(read: Read, probe: str, query: str, params: dict[str, Any], lo: int, hi: int,
                   limit: int, offset: int = 0) -> tuple[list[dict[str, Any]], Narrowed | None]:
    """`page`, with what the narrowing learnt (its first probe bounds the total for free)."""
    if limit <= 0 or lo >= hi:
        return [], None
    n = narrow(read, probe, params, lo, hi, offset + limit)
    return read(query, {**params, "lo": n.lo, "hi": n.hi, "skip": offset, "limit": limit}), n
