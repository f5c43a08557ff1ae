"""Plain text: encoding detection that never guesses silently.

BOMs first, then strict UTF-8, then charset-normalizer (GB-family text is decoded as
GB18030, its superset; Big5 as Big5-HKSCS, its superset). The decoded text is the
document's text byte for byte: offsets downstream point into exactly what the file holds.
"""

from __future__ import annotations

import codecs

from ..model import IngestError

GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz", "cp936", "euc_cn"}
BIG5_FAMILY = {"big5", "big5hkscs", "cp950"}
BOMS = [(codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]


def decode_text(data: bytes, where: str) -> tuple[str, str]:
    for bom, enc in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc.replace("-sig", "")
            except UnicodeDecodeError as exc:
                raise IngestError(where, f"undecodable: starts with a {enc} byte-order mark but is not {enc} "
                                         f"({exc.reason})", code="undecodable")
    if looks_binary(data):
        raise IngestError(where, "binary content, not text", code="unsupported")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    enc = detect_encoding(data)
    if enc is None:
        raise IngestError(where, "undecodable: not UTF-8, GB18030, Big5 or UTF-16 text", code="undecodable")
    try:
        return data.decode(enc), enc
    except UnicodeDecodeError as exc:
        raise IngestError(where, f"undecodable as {enc}: {exc.reason} at byte {exc.start}", code="undecodable")


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls > len(sample) * 0.02


def detect_encoding(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    enc = best.encoding.lower().replace("-", "_")
    if enc in GB_FAMILY:
        return "gb18030"
    if enc in BIG5_FAMILY:
        return "big5hkscs"
    return best.encoding
