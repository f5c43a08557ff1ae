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
ID_BITS = 20  # the first five characters of a document id, as hexadecimal digits
ORDER_BITS = 16
_EPOCH = dt.date(1900, 1, 1).toordinal()
_DAY_MAX = (1 << DAY_BITS) - 1  # reserved for "no date" (after every clamped date)
_DIGITS = str.maketrans("0123456789", "9876543210")
_HEX = "0123456789abcdef"


def day(iso: str | None) -> int:
    """An ISO date as 1 … 2^16-2 days since 1900 (clamped); None and FAR_FUTURE -> 2^16-1."""
    if not iso or iso >= FAR_FUTURE:
        return _DAY_MAX
    try:
        n = dt.date.fromisoformat(iso[:10]).toordinal() - _EPOCH
    except ValueError:
        return _DAY_MAX
    return min(max(n, 1), _DAY_MAX - 1)


def newest_first(iso: str | None) -> int:
    """`day` reversed, for a descending date: newer dates give smaller numbers, None last."""
    return _DAY_MAX if not iso else _DAY_MAX - day(iso)


def _hex_rank(c: str) -> int:
    """0–15 for '0'–'9', 'a'–'f'; any other character gets the rank of the nearest hex digit
    at or below it ('A' ranks with '9'), so the rank never decreases as characters grow."""
    if c < "0":
        return 0
    if c <= "9":
        return ord(c) - ord("0")
    if c < "a":
        return 9
    if c <= "f":
        return 10 + ord(c) - ord("a")
    return 15


def id_prefix(doc_id: str) -> int:
    """The first five characters of a document id as a 20-bit number that never decreases
    as the id grows (content hashes are hexadecimal: then it is their value)."""
    n = 0
    for i in range(5):
        n = n * 16 + (_hex_rank(doc_id[i]) if i < len(doc_id) else 0)
    return n


def inverted_date(iso: str | None) -> str:
    """A date as text that sorts newest first ('2021-03-23' -> '7978-96-76'); None -> '~'
    (after every date)."""
    return iso.translate(_DIGITS) if iso else "~"


# --- obligations and tasks: earliest deadline, newest document, document id, position -----

def task_sort_key(due: str | None, doc_date: str | None, doc_id: str) -> int:
    return (day(due) << (DAY_BITS + ID_BITS)) | (newest_first(doc_date) << ID_BITS) | id_prefix(doc_id)


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
    return (newest_first(doc_date) << ID_BITS) | id_prefix(doc_id)


def document_sort_str(doc_date: str | None, doc_id: str) -> str:
    return f"{inverted_date(doc_date)}|{doc_id}"


def in_document_order_str(doc_date: str | None, doc_id: str, order: int) -> str:
    """A task's place when tasks are listed by document (newest first), then position."""
    return f"{document_sort_str(doc_date, doc_id)}|{order:06d}"


# --- deadlines: date, document id, task position --------------------------------------------

def deadline_sort_key(date: str | None, doc_id: str, order: int) -> int:
    return (day(date) << (ID_BITS + ORDER_BITS)) | (id_prefix(doc_id) << ORDER_BITS) | min(order, (1 << ORDER_BITS) - 1)


def deadline_sort_str(date: str | None, doc_id: str, order: int, deadline_id: str) -> str:
    return f"{date or FAR_FUTURE}|{doc_id}|{order:06d}|{deadline_id}"


def deadline_key_range(date_from: str | None, date_to: str | None) -> tuple[int, int]:
    lo = 0 if not date_from else day(date_from) << (ID_BITS + ORDER_BITS)
    hi = 1 << (DAY_BITS + ID_BITS + ORDER_BITS) if not date_to else (day(date_to) + 1) << (ID_BITS + ORDER_BITS)
    return lo, hi
