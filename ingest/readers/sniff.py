"""What a file really is, from its first bytes and (for containers) its member names.

Why not trust the extension: archives are full of PDFs saved as `.txt`, DOCX files renamed
`.doc`, and web pages saved as `.txt` (issue 15 item 8 — a PDF named .txt became a junk
document). The content decides; the extension only breaks ties between formats that share
a container (an OLE Word stream is `.doc` or `.wps`, an OLE workbook `.xls` or `.et`).
"""

from __future__ import annotations

import io
import re
import zipfile

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title)\b", re.I | re.S)
HTML_ANY = re.compile(rb"<(html|body|div|p|table|meta)\b[^>]*>", re.I)
IMAGE_MAGIC = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpeg", b"II*\x00": "tiff", b"MM\x00*": "tiff"}

# extension -> format name, for formats whose content cannot be told apart any further
OLE_WORD_EXT = {".doc": "doc", ".wps": "wps", ".dot": "doc"}
OLE_SHEET_EXT = {".xls": "xls", ".et": "et", ".xlt": "xls"}


def sniff(data: bytes, ext: str) -> str | None:
    """The format of `data`: pdf, docx, xlsx, ofd, odt, ods, doc, wps, xls, et, ole-encrypted,
    ole-other, rtf, image, html, zip, or None (plain text or unknown: the caller decides by
    extension)."""
    head = data[:2048]
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith(ZIP_MAGIC):
        return sniff_zip(data)
    if head.startswith(OLE_MAGIC):
        return sniff_ole(data, ext)
    if head.startswith(b"{\\rtf"):
        return "rtf"
    for magic in IMAGE_MAGIC:
        if head.startswith(magic):
            return "image"
    body = head.lstrip(b"\xef\xbb\xbf")
    if HTML_START.match(body):
        return "html"
    if ext in {".txt", ".text", ".md", ""} and len(HTML_ANY.findall(data[:8192])) >= 3 and body.lstrip()[:1] == b"<":
        return "html"
    return None


def sniff_zip(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = {n.lower() for n in zf.namelist()[:5000]}
            mimetype = zf.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return "zip-corrupt"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "ofd.xml" in names:
        return "ofd"
    if b"opendocument.text" in mimetype:
        return "odt"
    if b"opendocument.spreadsheet" in mimetype:
        return "ods"
    return "zip"


def sniff_ole(data: bytes, ext: str) -> str:
    """Tell Word, workbook and encrypted-OOXML compound files apart by their stream names."""
    import olefile

    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
        streams = {"/".join(p).lower() for p in ole.listdir(streams=True, storages=False)}
        ole.close()
    except Exception:  # noqa: BLE001 - olefile raises OSError and others on damaged files
        return "ole-corrupt"
    if "encryptedpackage" in streams or "encryptioninfo" in streams:
        return "ole-encrypted"
    if "worddocument" in streams:
        return OLE_WORD_EXT.get(ext, "doc")
    if "workbook" in streams or "book" in streams:
        return OLE_SHEET_EXT.get(ext, "xls")
    return "ole-other"
