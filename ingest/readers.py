"""File readers: txt/md, html/htm, docx, pdf -> `RawDocument` (text layer + encoding + hash).

Encodings are detected, not assumed: BOMs first, then strict UTF-8, then charset-normalizer
(GB-family text is decoded as GB18030, its superset; Big5 as Big5-HKSCS, its superset). HTML
boilerplate goes through trafilatura; DOCX keeps paragraphs and table rows in body order;
PDF uses pypdf's text layer. Every failure is an `IngestError` naming the file and reason.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import os
import re
from pathlib import Path

from .model import IngestError, RawDocument

MAX_BYTES = int(os.environ.get("POLICYKG_MAX_FILE_MB", "50")) * 1024 * 1024
TEXT_EXT = {".txt", ".md", ".text"}
HTML_EXT = {".html", ".htm", ".shtml", ".xhtml"}
SUPPORTED = TEXT_EXT | HTML_EXT | {".docx", ".pdf"}
GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz", "cp936", "euc_cn"}
BIG5_FAMILY = {"big5", "big5hkscs", "cp950"}


def read_document(path: str | Path, max_bytes: int = MAX_BYTES) -> RawDocument:
    p = Path(path)
    if not p.exists():
        raise IngestError(p, "no such file")
    if p.is_dir():
        raise IngestError(p, "is a folder, not a file")
    ext = p.suffix.lower()
    if ext not in SUPPORTED:
        raise IngestError(p, f"unsupported file type '{ext or '(none)'}'; supported: txt, md, html, htm, docx, pdf")
    size = p.stat().st_size
    if size == 0:
        raise IngestError(p, "empty file")
    if size > max_bytes:
        raise IngestError(p, f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit")
    data = p.read_bytes()
    return read_bytes(data, p.name, ext, str(p))


def read_bytes(data: bytes, name: str, ext: str, path: str | None = None) -> RawDocument:
    """Read an in-memory file (uploads) the same way as a file on disk."""
    where = path or name
    ext = ext.lower()
    if not data:
        raise IngestError(where, "empty file")
    if ext in TEXT_EXT:
        text, enc = decode_text(data, where)
        fmt = "txt"
    elif ext in HTML_EXT:
        text, enc = read_html(data, where)
        fmt = "html"
    elif ext == ".docx":
        text, enc, fmt = read_docx(data, where), None, "docx"
    elif ext == ".pdf":
        text, enc, fmt = read_pdf(data, where), None, "pdf"
    else:
        raise IngestError(where, f"unsupported file type '{ext or '(none)'}'; supported: txt, md, html, htm, docx, pdf")
    if not text.strip():
        raise IngestError(where, "no text in the file")
    return RawDocument(path=where, text=text, encoding=enc, fmt=fmt, sha256=hashlib.sha256(data).hexdigest())


# ---------------------------------------------------------------- text
BOMS = [(codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]


def decode_text(data: bytes, where: str) -> tuple[str, str]:
    for bom, enc in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc.replace("-sig", "")
            except UnicodeDecodeError as exc:
                raise IngestError(where, f"undecodable: starts with a {enc} byte-order mark but is not {enc} ({exc.reason})")
    if looks_binary(data):
        raise IngestError(where, "binary content, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    enc = detect_encoding(data)
    if enc is None:
        raise IngestError(where, "undecodable: not UTF-8, GB18030, Big5 or UTF-16 text")
    try:
        return data.decode(enc), enc
    except UnicodeDecodeError as exc:
        raise IngestError(where, f"undecodable as {enc}: {exc.reason} at byte {exc.start}")


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


# ---------------------------------------------------------------- html
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.I)


def read_html(data: bytes, where: str) -> tuple[str, str]:
    m = META_CHARSET.search(data[:4096])
    html = None
    enc = None
    if m:
        declared = m.group(1).decode("ascii").lower()
        declared = "gb18030" if declared.replace("-", "") in {"gb2312", "gbk", "gb18030"} else declared
        try:
            html, enc = data.decode(declared), declared
        except (LookupError, UnicodeDecodeError):
            html = None
    if html is None:
        html, enc = decode_text(data, where)
    return html_text(html), enc


BLOCK = re.compile(r"(?i)</?(p|div|br|li|tr|h[1-6]|section|article|table|ul|ol)\b[^>]*>")


def html_text(html: str) -> str:
    """Main text of a page; trafilatura first, a block-preserving lxml fallback when it finds little."""
    import trafilatura

    main = trafilatura.extract(html, include_comments=False, include_tables=True, favor_recall=True,
                               include_formatting=False, deduplicate=False) or ""
    full = fallback_text(html)
    if len(main) < 0.3 * len(full):
        return full
    # trafilatura keeps a page's <h1> as metadata, not text; the circular's title is there
    heading = page_heading(html)
    if heading and heading not in main[:500]:
        return heading + "\n" + main
    return main


def page_heading(html: str) -> str | None:
    """The text of the page's first <h1> (or <h2> when it has none), whitespace collapsed."""
    from lxml import html as lhtml

    try:
        tree = lhtml.fromstring(html)
    except Exception:  # noqa: BLE001 - no parsable heading is no heading
        return None
    for tag in ("h1", "h2"):
        for node in tree.iter(tag):
            text = re.sub(r"\s+", "", node.text_content())
            if len(text) >= 6:
                return text
    return None


def fallback_text(html: str) -> str:
    from lxml import html as lhtml

    try:
        tree = lhtml.fromstring(BLOCK.sub("\n", html))
    except Exception:  # noqa: BLE001 - malformed markup falls back to tag stripping
        return re.sub(r"<[^>]+>", "", html)
    for bad in tree.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    text = tree.text_content()
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


# ---------------------------------------------------------------- docx
def read_docx(data: bytes, where: str) -> str:
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        doc = Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - python-docx raises many types on a bad zip
        raise IngestError(where, f"not a readable DOCX file ({type(exc).__name__})")
    lines: list[str] = []
    body = doc.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, doc).text)
        elif tag == "tbl":
            for row in Table(child, doc).rows:
                cells: list[str] = []
                for cell in row.cells:
                    t = cell.text.replace("\n", " ").strip()
                    if not cells or cells[-1] != t:  # merged cells repeat their text
                        cells.append(t)
                lines.append("\t".join(cells))
    return "\n".join(lines)


# ---------------------------------------------------------------- pdf
def read_pdf(data: bytes, where: str) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise IngestError(where, f"not a readable PDF file ({exc})")
    text = "\n".join(pages)
    if not text.strip():
        raise IngestError(where, "PDF has no text layer (scanned image?); OCR it first")
    return text
