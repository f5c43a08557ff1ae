"""Sort keys the stores can index: why every paged list carries two of them.

Neither store can page a sorted list by itself at a cost that follows the page: FalkorDB
4.16 sorts every matching row before `LIMIT` (measured: 89 ms for a page of 50 out of
400k indexed rows, 0.5 ms when an index range cuts the rows to a few hundred). So each
paged row carries

- `sort_str`: the list's full order as one string (earliest deadline, then newest
  document, then document id, then position), compared as text on both stores; and
- `sort_key`: a 52-bit integer that never decreases along that order (a coarse, clamped
  projection of it), held in a range index. `graph/paging.py` narrows an index range of
  `sort_key` until it holds few rows, then sorts only those by `sort_str`.

Because `sort_key` is monotone in `sort_str`, ordering a window by (`sort_key`,
`sort_str`) is exactly ordering by `sort_str`; clamping (dates outside 1900–2079, ids
that are not hexadecimal) only makes ties, which `sort_str` breaks.
"""

from __future__ import annotations

import datetime as dt

FAR_FUTURE = "9999-12-31"  # sorts a row without a deadline after every dated one
DATED_MAX = "9999-12-30"  # the last date that is a date (task_key_range up to it excludes "none")
DAY_BITS = 16  # days since 1900-01-01, clamped: 1900-01-02 … 2079-06-05
ID_BITS = 17  # the first four characters of a document id (see `id_prefix`)
_EPOCH = dt.date(1900, 1, 1).toordinal()
_DAY_MAX = (1 << DAY_BITS) - 1  # reserved for "no date" (after every clamped date)
_DIGITS = str.maketrans("0123456789", "9876543210")


def _day(iso: str | None) -> tuple[int, bool]:
    """(days since 1900, exact): 1 … 2^16-3 within range, 0 before it and 2^16-2 after it
    (clamped: not exact), 2^16-1 for no date (and FAR_FUTURE, which sorts the same)."""
    if not iso or iso >= FAR_FUTURE:
        return _DAY_MAX, True
    try:
        n = dt.date.fromisoformat(iso[:10]).toordinal() - _EPOCH
    except ValueError:
        return _DAY_MAX - 1, False
    if n < 1:
        return 0, False
    if n > _DAY_MAX - 2:
        return _DAY_MAX - 1, False
    return n, True


def day(iso: str | None) -> int:
    return _day(iso)[0]


def _newest_first(iso: str | None) -> tuple[int, bool]:
    """`_day` reversed, for a descending date: newer dates give smaller numbers, None last."""
    if not iso:
        return _DAY_MAX, True
    n, exact = _day(iso)
    return _DAY_MAX - 1 - n, exact


def newest_first(iso: str | None) -> int:
    return _newest_first(iso)[0]


def _compose(parts: list[tuple[int, bool]], bits: list[int]) -> int:
    """Components, most significant first, packed into one int; after a component that was
    clamped (not exact) the rest count as zero: two rows it ties may differ there in any way."""
    n, exact = 0, True
    for (value, ok), width in zip(parts, bits):
        n = (n << width) | (value if exact else 0)
        exact = exact and ok
    return n


_BASE = 19  # ranks: 0 below '0', 1-10 '0'-'9', 11 between, 12-17 'a'-'f', 18 above 'f'
_ID_CHARS = 4  # 19^4 < 2^17


def _rank(c: str) -> tuple[int, bool]:
    """(rank, exact): hex digits have a rank of their own; every other character the rank
    of the gap between hex digits it falls in (shared, so nothing after it may count)."""
    if "0" <= c <= "9":
        return 1 + ord(c) - ord("0"), True
    if "a" <= c <= "f":
        return 12 + ord(c) - ord("a"), True
    return (0 if c < "0" else 11 if c < "a" else 18), False


def id_prefix(doc_id: str) -> int:
    """The start of a document id as a 17-bit number that never decreases as the text
    `doc_id + '|…'` (how sort strings continue) grows. Content hashes are hexadecimal: their
    first four digits then give 65,536 buckets. After a character that is not a hex digit
    the rest counts as zero, since characters sharing its rank may be followed by anything."""
    n, exact = 0, True
    text = doc_id + "|"
    for i in range(_ID_CHARS):
        r = 0
        if exact:
            r, exact = _rank(text[i]) if i < len(text) else (0, False)
        n = n * _BASE + r
    return n


def inverted_date(iso: str | None) -> str:
    """A date as text that sorts newest first ('2021-03-23' -> '7978-96-76'); None -> '~'
    (after every date)."""
    return iso.translate(_DIGITS) if iso else "~"


# --- obligations and tasks: earliest deadline, newest document, document id, position -----

def task_sort_key(due: str | None, doc_date: str | None, doc_id: str) -> int:
    return _compose([_day(due), _newest_first(doc_date), (id_prefix(doc_id), True)], [DAY_BITS, DAY_BITS, ID_BITS])


def task_sort_str(due: str | None, doc_date: str | None, doc_id: str, order: int) -> str:
    return f"{due or FAR_FUTURE}|{inverted_date(doc_date)}|{doc_id}|{order:06d}"


def task_key_range(due_from: str | None, due_to: str | None) -> tuple[int, int]:
    """[lo, hi) of task sort keys whose earliest deadline lies in [due_from, due_to]
    (either end open); `due_to` = FAR_FUTURE includes tasks without a deadline."""
    lo = 0 if not due_from else day(due_from) << (DAY_BITS + ID_BITS)
    hi = 1 << (2 * DAY_BITS + ID_BITS) if not due_to else (day(due_to) + 1) << (DAY_BITS + ID_BITS)
    return lo, hi


# --- documents (newest first) and what is listed in document order ------------------------

def document_sort_key(doc_date: str | None, doc_id: str) -> int:
    return _compose([_newest_first(doc_date), (id_prefix(doc_id), True)], [DAY_BITS, ID_BITS])


def document_sort_str(doc_date: str | None, doc_id: str) -> str:
    # ends with "|" like every sort string after a document id (see `id_prefix`)
    return f"{inverted_date(doc_date)}|{doc_id}|"


def in_document_order_str(doc_date: str | None, doc_id: str, order: int) -> str:
    """A task's place when tasks are listed by document (newest first), then position."""
    return f"{document_sort_str(doc_date, doc_id)}{order:06d}"


# --- deadlines: date, document id, task position --------------------------------------------

def deadline_sort_key(date: str | None, doc_id: str, order: int = 0) -> int:
    # the id prefix ties different documents, so nothing after it can count (`_compose`)
    return _compose([_day(date), (id_prefix(doc_id), True)], [DAY_BITS, ID_BITS])


def deadline_sort_str(date: str | None, doc_id: str, order: int, deadline_id: str) -> str:
    return f"{date or FAR_FUTURE}|{doc_id}|{order:06d}|{deadline_id}"


def deadline_key_range(date_from: str | None, date_to: str | None) -> tuple[int, int]:
    lo = 0 if not date_from else day(date_from) << ID_BITS
    hi = 1 << (DAY_BITS + ID_BITS) if not date_to else (day(date_to) + 1) << ID_BITS
    return lo, hi
