"""File readers: any file a bureau keeps -> `RawDocument` (text, declared tables, OCR pages,
attachments, format metadata).

One module per job: `sniff` decides what a file is from its bytes, `limits` refuses bombs
before anything is built, `text`/`html`/`docx`/`sheet`/`pdf`/`ofd` read their format,
`office` converts binary Office/WPS files with LibreOffice, `ocr` reads page images, and
`builder` writes text and table spans the same way for all of them. Every failure is an
`IngestError` with a plain reason and a short `code`; a batch goes on past it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..model import IngestError, RawDocument
from .builder import attachment_lines
from .limits import Limits, mb, size_mb, too_large
from .sniff import sniff
from .text import decode_text, detect_encoding, looks_binary

__all__ = ["SUPPORTED", "SUPPORTED_LIST", "read_document", "read_bytes", "decode_text", "detect_encoding", "looks_binary",
           "Limits", "FORMATS"]

TEXT_EXT = {".txt", ".md", ".text"}
HTML_EXT = {".html", ".htm", ".shtml", ".xhtml"}
OFFICE_EXT = {".doc", ".wps", ".dot", ".xls", ".et", ".xlt", ".rtf", ".odt", ".ods"}
IMAGE_EXT = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}
SUPPORTED = TEXT_EXT | HTML_EXT | OFFICE_EXT | IMAGE_EXT | {".docx", ".xlsx", ".xlsm", ".pdf", ".ofd"}
SUPPORTED_LIST = "txt, md, html, docx, doc, wps, xlsx, xls, et, pdf (text or scanned), ofd, rtf, odt, ods, png/jpg/tif"
FORMATS = SUPPORTED_LIST

EXT_FORMAT = {".docx": "docx", ".xlsx": "xlsx", ".xlsm": "xlsx", ".pdf": "pdf", ".ofd": "ofd", ".doc": "doc",
              ".dot": "doc", ".wps": "wps", ".xls": "xls", ".xlt": "xls", ".et": "et", ".rtf": "rtf", ".odt": "odt",
              ".ods": "ods"}


def read_document(path: str | Path, limits: Limits | None = None, max_bytes: int | None = None) -> RawDocument:
    limits = limits or Limits.from_env()
    p = Path(path)
    if not p.exists():
        raise IngestError(p, "no such file", code="missing")
    if p.is_dir():
        raise IngestError(p, "is a folder, not a file", code="unsupported")
    ext = p.suffix.lower()
    size = p.stat().st_size
    if size == 0:
        raise IngestError(p, "empty file", code="empty")
    cap = max_bytes if max_bytes is not None else limits.max_file_bytes
    if size > cap:
        raise too_large(str(p), f"the file is {size_mb(size)} (limit {mb(cap)})")
    return read_bytes(p.read_bytes(), p.name, ext, str(p), limits)


def read_bytes(data: bytes, name: str, ext: str, path: str | None = None, limits: Limits | None = None) -> RawDocument:
    """Read an in-memory file (uploads) the same way as a file on disk: by what its bytes are,
    the extension deciding only for plain text and between look-alike containers."""
    limits = limits or Limits.from_env()
    where = path or name
    ext = ext.lower()
    if not data:
        raise IngestError(where, "empty file", code="empty")
    if len(data) > limits.max_file_bytes:
        raise too_large(where, f"the file is {size_mb(len(data))} (limit {mb(limits.max_file_bytes)})")
    kind = sniff(data, ext)
    if kind is None and len(data) > 4 * limits.max_chars:  # text: at most 4 bytes a character
        raise too_large(where, f"more than {limits.max_chars:,} characters of text (POLICYKG_MAX_CHARS)")
    raw = _read(data, kind, ext, where, limits)
    if len(raw.text) > limits.max_chars:
        # plain text is decoded whole, not built piece by piece: checked here (an 18 MB file of
        # a million numbered lines pinned the extractor for minutes: issue 15 item 3)
        raise too_large(where, f"{len(raw.text):,} characters of text (limit {limits.max_chars:,}, "
                               "POLICYKG_MAX_CHARS)")
    without_nul(raw)
    raw.path = where
    raw.sha256 = hashlib.sha256(data).hexdigest()
    if not raw.text.strip():
        raise IngestError(where, "no text in the file", code="no_text")
    for name_ in attachment_lines(raw.text):
        if not any(a == name_ or a.startswith(name_ + " <") for a in raw.attachments):
            raw.attachments.append(name_)
    return raw


def without_nul(raw: RawDocument) -> None:
    """NUL characters become spaces (same length: every offset still points at the same
    character). Text files with a stray NUL past the first 8 KB the binary check samples,
    and PDFs or sheets whose strings carry one, exist; no store keeps a NUL in text (FalkorDB
    cut the string there and the whole batch stopped on it: issue 15 item 5)."""
    if "\x00" in raw.text:
        raw.text = raw.text.replace("\x00", " ")
    raw.props = {k: v.replace("\x00", " ") if isinstance(v, str) else v for k, v in raw.props.items()}
    raw.attachments = [a.replace("\x00", " ") for a in raw.attachments]


def _read(data: bytes, kind: str | None, ext: str, where: str, limits: Limits) -> RawDocument:
    if kind == "pdf":
        from .pdf import read_pdf

        return read_pdf(data, where, limits)
    if kind == "docx":
        from .docx import read_docx

        return read_docx(data, where, limits)
    if kind == "xlsx":
        from .sheet import read_xlsx

        return read_xlsx(data, where, limits)
    if kind == "ofd":
        from .ofd import read_ofd

        return read_ofd(data, where, limits)
    if kind in {"doc", "wps", "xls", "et", "rtf", "odt", "ods"}:
        from .office import ole_encrypted, read_office

        if ole_encrypted(data):
            raise IngestError(where, f"the .{kind} file is password-protected (encrypted); it cannot be read "
                                     "without its password", code="encrypted")
        return read_office(data, where, kind, limits)
    if kind == "image":
        from .image import read_image

        return read_image(data, where, limits)
    if kind == "html":
        from .html import read_html

        return read_html(data, where, limits)
    if kind == "ole-encrypted":
        raise IngestError(where, "the Office file is password-protected (encrypted); it cannot be read without "
                                 "its password", code="encrypted")
    if kind in {"zip-corrupt", "ole-corrupt"}:
        expected = EXT_FORMAT.get(ext, "Office/ZIP").upper()
        raise IngestError(where, f"not a readable {expected} file (damaged or truncated)", code="corrupt")
    if kind == "zip" and ext in {".docx", ".xlsx", ".xlsm", ".ofd", ".odt", ".ods"}:
        expected = EXT_FORMAT[ext].upper()
        raise IngestError(where, f"not a readable {expected} file: a ZIP archive without the parts of a {expected} "
                                 "file", code="corrupt")
    if kind in {"zip", "ole-other"}:
        raise IngestError(where, "unsupported file type: an archive or Office file that is not a document or "
                                 f"spreadsheet; supported: {SUPPORTED_LIST}", code="unsupported")
    # not a known binary format: text by extension, or a damaged binary file
    if ext in EXT_FORMAT:
        expected = EXT_FORMAT[ext].upper()
        raise IngestError(where, f"not a readable {expected} file (its content is not {expected})", code="corrupt")
    if ext in TEXT_EXT or ext in HTML_EXT or ext == "":
        text, enc = decode_text(data, where)
        if ext in HTML_EXT:
            from .html import read_html

            return read_html(data, where, limits)
        return RawDocument(path=where, text=text, encoding=enc, fmt="txt", sha256="")
    raise IngestError(where, f"unsupported file type '{ext}'; supported: {SUPPORTED_LIST}", code="unsupported")
