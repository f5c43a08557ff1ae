"""Documents' text as the graph stores it: compressed, since it is only ever read whole.

Why: the original text was a fifth of the graph's memory (14.3 KB of UTF-8 a document,
≈ 20 KB with its Document node); zlib + base64 keeps 43% of that. No query looks inside
it (tasks keep their own text for filters), so nothing is lost but a decompression
(≈ 0.1 ms) when a document is shown.
"""

from __future__ import annotations


def pack_text(text: str) -> str:
    """A document's text as stored: zlib-compressed UTF-8 in base64 (≈ 43% of the UTF-8 size
    for the circulars here: 14.3 KB -> 6.1 KB a document)."""
    import base64
    import zlib

    return base64.b64encode(zlib.compress(text.encode("utf-8"), 6)).decode("ascii")


def unpack_text(packed: str | None) -> str | None:
    """The text `pack_text` stored (None stays None)."""
    import base64
    import zlib

    if packed is None:
        return None
    return zlib.decompress(base64.b64decode(packed)).decode("utf-8")
