"""Room on the disk that holds the embedded store, and telling a full disk from a crash.

Why (issue 15 item 1): the embedded server answers a write only once it is fsynced
(`appendfsync always`), and when its append-only write fails it exits without answering
rather than hold an answered write it could not store. So a full disk must be seen before
the write (refused here as `DiskFull`, the server keeps serving reads), and a server that
exited anyway must be reported as a full disk, not as a store that is "down" or a query
that was "rejected". `POLICYKG_MIN_FREE_MB` (default 64) is the room kept free.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .store import StoreError

MB = 1024 * 1024
LOG_NAME = "redis.log"
# what redis writes to its log when an append-only write or a rewrite fails for lack of room
FULL_MARKS = ("No space left on device", "Short write while writing to the AOF", "Disk quota exceeded")


class DiskFull(StoreError):
    """The disk holding the graph data has no room for this write; nothing was stored and
    everything acknowledged before is kept. Freeing space is the remedy (HTTP 507)."""


def min_free_bytes() -> int:
    raw = os.environ.get("POLICYKG_MIN_FREE_MB", "").strip()
    try:
        return int(float(raw) * MB) if raw else 64 * MB
    except ValueError:
        return 64 * MB


def free_bytes(path: Path) -> int:
    st = os.statvfs(path)
    return st.f_bavail * st.f_frsize


def payload_bytes(value: Any) -> int:
    """A cheap upper-ish estimate of what a statement's parameters take in the append-only
    file (the effects of a write are about as large as the values written)."""
    if value is None or isinstance(value, bool):
        return 1
    if isinstance(value, str):
        return 3 * len(value)  # UTF-8: a Chinese character is 3 bytes
    if isinstance(value, (int, float)):
        return 8
    if isinstance(value, (bytes, bytearray)):
        return len(value)
    if isinstance(value, Mapping):
        return sum(len(str(k)) + payload_bytes(v) for k, v in value.items())
    if isinstance(value, (list, tuple, set, frozenset)):
        return sum(payload_bytes(v) for v in value) + 1
    return 16


def check_room(data: Path, payload: int) -> None:
    """Refuse (DiskFull) a write of about `payload` bytes when the disk of `data` would keep
    less than POLICYKG_MIN_FREE_MB free; the room kept also lets the next compaction run."""
    try:
        free = free_bytes(data)
    except OSError:
        return  # no answer from statvfs: let the server try
    needed = min_free_bytes() + 3 * payload
    if free < needed:
        raise DiskFull(
            f"the disk holding the graph data ({data}) is full: {free / MB:.1f} MB free, "
            f"{needed / MB:.1f} MB needed to store this safely (POLICYKG_MIN_FREE_MB keeps "
            f"{min_free_bytes() / MB:.0f} MB free). Nothing was stored; free some space and retry"
        )


def disk_full_reason(data: Path) -> str | None:
    """Why the server of `data` stopped answering, when it is the disk: a failed
    append-only write in the end of its log, or almost no room left. None otherwise."""
    try:
        with open(Path(data) / LOG_NAME, "rb") as f:
            f.seek(max(0, os.fstat(f.fileno()).st_size - 8192))
            tail = f.read().decode("utf-8", "replace")
    except OSError:
        tail = ""
    lines = tail.splitlines()[-20:]
    marks = [ln for ln in lines if any(m in ln for m in FULL_MARKS)]
    # a start after the failure ("Ready to accept") clears it
    if marks and not any("Ready to accept" in ln for ln in lines[lines.index(marks[-1]):]):
        return marks[-1].split("#", 1)[-1].strip()
    try:
        free = free_bytes(Path(data))
    except OSError:
        return None
    if free < min_free_bytes():
        return f"{free / MB:.1f} MB free on the disk holding {data}"
    return None
