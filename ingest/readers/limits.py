"""Size and count limits every reader checks *before* it builds anything.

Why: a 3 MB .docx can expand to 33 million paragraphs and a PDF stream to gigabytes
(issue 15 item 4); building the object tree first and counting later is already too late.
Each limit can be changed by an environment variable (read when the limits are created, so a
test or a server can set them per process):

| variable | default | what it bounds |
| --- | --- | --- |
| `POLICYKG_MAX_FILE_MB` | 50 | size of the file itself |
| `POLICYKG_MAX_EXPANDED_MB` | 200 | bytes a package (docx/xlsx/ofd) or a PDF's non-image streams expand to, all together |
| `POLICYKG_MAX_RATIO` | 200 | compression ratio of one ZIP member over 1 MB (text XML rarely passes 30) |
| `POLICYKG_MAX_ELEMENTS` | 2000000 | XML elements in one part (document.xml, a worksheet, an OFD page) |
| `POLICYKG_MAX_CELLS` | 1000000 | cells in one table or sheet grid |
| `POLICYKG_MAX_PAGES` | 2000 | pages of a PDF or OFD |
| `POLICYKG_MAX_CHARS` | 3000000 | characters of text a document yields (extraction takes ≈20 s a million) |
| `POLICYKG_MAX_PIXELS` | 100000000 | pixels of one embedded image a page would render/decode |
| `POLICYKG_OCR_MAX_PAGES` | 100 | pages sent to OCR in one document |
| `POLICYKG_CONVERT_TIMEOUT` | 120 | seconds LibreOffice may take to convert one file |
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass

from ..model import IngestError

MB = 1024 * 1024


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    try:
        return int(float(raw)) if raw else default
    except ValueError:
        return default


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int
    max_expanded_bytes: int
    max_ratio: int
    max_elements: int
    max_cells: int
    max_pages: int
    max_chars: int
    max_pixels: int
    ocr_max_pages: int
    convert_timeout: int

    @classmethod
    def from_env(cls) -> "Limits":
        return cls(
            max_file_bytes=_env_int("POLICYKG_MAX_FILE_MB", 50) * MB,
            max_expanded_bytes=_env_int("POLICYKG_MAX_EXPANDED_MB", 200) * MB,
            max_ratio=_env_int("POLICYKG_MAX_RATIO", 200),
            max_elements=_env_int("POLICYKG_MAX_ELEMENTS", 2_000_000),
            max_cells=_env_int("POLICYKG_MAX_CELLS", 1_000_000),
            max_pages=_env_int("POLICYKG_MAX_PAGES", 2000),
            max_chars=_env_int("POLICYKG_MAX_CHARS", 3_000_000),
            max_pixels=_env_int("POLICYKG_MAX_PIXELS", 100_000_000),
            ocr_max_pages=_env_int("POLICYKG_OCR_MAX_PAGES", 100),
            convert_timeout=_env_int("POLICYKG_CONVERT_TIMEOUT", 120),
        )


def too_large(where: str, what: str) -> IngestError:
    """The one error every limit raises: stable code `too_large`, a reason a user can act on."""
    return IngestError(where, f"too large to read safely: {what}", code="too_large")


def mb(n: float) -> str:
    """A limit in the unit the variables use (POLICYKG_MAX_FILE_MB=50 is "50 MB", not the
    "52 MB" that dividing by 10^6 printed: issue 15 item 8)."""
    return f"{n / MB:.0f} MB" if n >= MB else f"{n / 1024:.0f} KB"


def size_mb(n: float) -> str:
    """A file's size in the same unit as `mb`, with a decimal (50.2 MB over a 50 MB limit)."""
    return f"{n / MB:.1f} MB"


def check_zip(zf: zipfile.ZipFile, where: str, limits: Limits) -> None:
    """Refuse a ZIP package (docx, xlsx, ofd) whose members would expand past the limits.

    The declared sizes are a true bound: `zipfile` stops reading a member at its declared
    size and fails the CRC check when the data goes on, so a member that lies about its
    size cannot expand further than it says.
    """
    infos = zf.infolist()
    if len(infos) > 20_000:
        raise too_large(where, f"the package holds {len(infos)} files (limit 20000)")
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > MB and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            ratio = info.file_size / max(info.compress_size, 1)
            raise too_large(where, f"'{info.filename}' expands {ratio:.0f}-fold to {mb(info.file_size)} "
                                   f"(a decompression bomb? limit {limits.max_ratio}-fold)")
    if total > limits.max_expanded_bytes:
        raise too_large(where, f"the package expands to {mb(total)} (limit {mb(limits.max_expanded_bytes)})")


def count_elements(zf: zipfile.ZipFile, name: str, where: str, limits: Limits) -> int:
    """Count the XML elements of one member by streaming it (no tree is built); refuse past
    the limit. Counting `<` followed by a name start over-counts nothing that matters: it is an
    upper bound on elements, and comments/CDATA are rare in generated Office XML."""
    count = 0
    tail = b""
    with zf.open(name) as fh:
        while True:
            chunk = fh.read(1 << 20)
            if not chunk:
                break
            buf = tail + chunk
            # `<` then not `/`, `?`, `!`: a start tag
            count += buf.count(b"<") - buf.count(b"</") - buf.count(b"<?") - buf.count(b"<!")
            tail = buf[-1:] if buf.endswith(b"<") else b""
            if tail:
                count -= 1  # counted again with the next chunk
            if count > limits.max_elements:
                raise too_large(where, f"'{name}' has more than {limits.max_elements:,} XML elements")
    return count
