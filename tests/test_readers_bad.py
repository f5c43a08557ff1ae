"""Every kind of file a reader must refuse gives its IngestError, quickly and in bounded memory:
encrypted, corrupt, empty, decompression bombs (docx, xlsx, pdf), too many pages/elements/cells,
image-only pages without an OCR engine (issue 12; issue 15 item 4)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import textwrap
import time
import zipfile
import zlib
from dataclasses import replace
from pathlib import Path

import pytest

from policykg.ingest.model import IngestError
from policykg.ingest.readers import Limits, read_bytes, read_document

CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="xml" ContentType="application/xml"/></Types>')


def refused(data: bytes, name: str, limits: Limits | None = None) -> IngestError:
    t = time.monotonic()
    with pytest.raises(IngestError) as exc:
        read_bytes(data, name, Path(name).suffix, limits=limits)
    assert time.monotonic() - t < 10, "refusing must be quick"
    assert name in str(exc.value) and exc.value.reason
    return exc.value


def zip_bomb(path: Path, member: str, unit: bytes, total_mb: int, extra: dict[str, str]) -> Path:
    """A ZIP whose `member` expands to `total_mb` MB of `unit` repeated, written in chunks."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, content in extra.items():
            zf.writestr(name, content)
        chunk = unit * ((1 << 20) // len(unit))
        with zf.open(member, "w", force_zip64=True) as fh:
            for _ in range(total_mb):
                fh.write(chunk)
    return path


@pytest.fixture(scope="module")
def docx_bomb(tmp_path_factory) -> Path:
    """3 MB-ish on disk class of issue 15: document.xml of 100 MB of empty paragraphs (~17 M)."""
    return zip_bomb(tmp_path_factory.mktemp("bomb") / "bomb.docx", "word/document.xml", b"<w:p/>", 100,
                    {"[Content_Types].xml": CT})


@pytest.fixture(scope="module")
def xlsx_bomb(tmp_path_factory) -> Path:
    return zip_bomb(tmp_path_factory.mktemp("bomb") / "bomb.xlsx", "xl/worksheets/sheet1.xml",
                    b"<row><c><v>1</v></c></row>", 100, {"[Content_Types].xml": CT, "xl/workbook.xml": "<workbook/>"})


def pdf_with_stream(raw_stream: bytes, filt: str = "/FlateDecode", pages: int = 1) -> bytes:
    """A small hand-built PDF whose first page's content stream is `raw_stream`."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{4 + i} 0 R" for i in range(pages))
    objs.append(f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode())
    objs.append(b"<< /Length %d /Filter %s >>\nstream\n" % (len(raw_stream), filt.encode()) + raw_stream
                + b"\nendstream")
    for _ in range(pages):
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref))
    return out.getvalue()


def deflate_zeros(mb: int) -> bytes:
    c = zlib.compressobj(9)
    block = bytes(1 << 20)
    return b"".join(c.compress(block) for _ in range(mb)) + c.flush()


# ---------------------------------------------------------------- bombs
def test_docx_bomb_refused_before_parsing(docx_bomb):
    err = refused(docx_bomb.read_bytes(), "bomb.docx")
    assert err.code == "too_large" and "word/document.xml" in err.reason


def test_xlsx_bomb_refused_before_parsing(xlsx_bomb):
    err = refused(xlsx_bomb.read_bytes(), "bomb.xlsx")
    assert err.code == "too_large"


def test_pdf_stream_bomb_refused():
    data = pdf_with_stream(deflate_zeros(100))  # 100 KB inflating to 100 MB
    assert len(data) < 200_000
    err = refused(data, "bomb.pdf")
    assert err.code == "too_large" and "expands" in err.reason


def test_docx_with_too_many_elements_refused():
    from docx import Document

    doc = Document()
    for i in range(3000):
        doc.add_paragraph(f"第{i}条")
    buf = io.BytesIO()
    doc.save(buf)
    err = refused(buf.getvalue(), "long.docx", replace(Limits.from_env(), max_elements=5000))
    assert err.code == "too_large" and "XML elements" in err.reason


def test_sheet_whose_used_range_is_huge_refused():
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active["A1"] = "任务"
    wb.active["XFD1048576"] = "x"  # one far cell: a 17-billion-cell grid
    buf = io.BytesIO()
    wb.save(buf)
    err = refused(buf.getvalue(), "far.xlsx")
    assert err.code == "too_large" and "cells" in err.reason


def test_pdf_with_too_many_pages_refused():
    data = pdf_with_stream(b"BT ET", filt="/ASCIIHexDecode", pages=2500)
    err = refused(data, "pages.pdf")
    assert err.code == "too_large" and "2,500 pages" in err.reason


def test_text_over_the_character_limit_refused():
    err = refused(("<p>一行文字。</p>\n" * 5000).encode(), "long.html",
                  replace(Limits.from_env(), max_chars=10_000))
    assert err.code == "too_large"


@pytest.mark.parametrize("kind", ["docx", "xlsx", "pdf"])
def test_bombs_are_refused_in_bounded_memory(kind, docx_bomb, xlsx_bomb, tmp_path):
    """In a fresh interpreter: peak memory stays far below what building the bomb would take
    (python-docx on issue 15's bomb was OOM-killed; here the reader's whole process stays < 400 MB)."""
    path = {"docx": docx_bomb, "xlsx": xlsx_bomb}.get(kind)
    if path is None:
        path = tmp_path / "bomb.pdf"
        path.write_bytes(pdf_with_stream(deflate_zeros(150)))
    code = textwrap.dedent(f"""
        import json, time
        from policykg.ingest.model import IngestError
        from policykg.ingest.readers import read_document
        t = time.monotonic()
        try:
            read_document({str(path)!r}); code = None
        except IngestError as exc:
            code = exc.code
        # VmHWM, not ru_maxrss: the latter keeps the forking parent's peak across exec
        hwm = next(int(ln.split()[1]) for ln in open("/proc/self/status") if ln.startswith("VmHWM"))
        print(json.dumps({{"code": code, "s": time.monotonic() - t, "rss_mb": hwm / 1024}}))
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["code"] == "too_large"
    assert result["s"] < 10 and result["rss_mb"] < 400, result
    print(kind, result)


# ---------------------------------------------------------------- other refusals
def test_encrypted_pdf():
    from pypdf import PdfWriter

    w = PdfWriter()
    w.add_blank_page(595, 842)
    w.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128")
    buf = io.BytesIO()
    w.write(buf)
    err = refused(buf.getvalue(), "secret.pdf")
    assert err.code == "encrypted" and "password" in err.reason


def test_pdf_with_owner_password_only_is_read(tmp_path):
    """Restrictions without a user password (common on government PDFs) do not stop reading."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas
    from pypdf import PdfReader, PdfWriter

    src = tmp_path / "a.pdf"
    c = canvas.Canvas(str(src), pagesize=A4)
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c.setFont("STSong-Light", 12)
    c.drawString(60, 780, "各市应急管理局：请于6月底前完成排查。")
    c.save()
    w = PdfWriter(clone_from=PdfReader(src))
    w.encrypt(user_password="", owner_password="owner", algorithm="AES-128")
    buf = io.BytesIO()
    w.write(buf)
    raw = read_bytes(buf.getvalue(), "restricted.pdf", ".pdf")
    assert "请于6月底前完成排查" in raw.text


@pytest.mark.parametrize("name,data,code", [
    ("broken.docx", b"PK\x03\x04" + bytes(range(256)) * 4, "corrupt"),
    ("broken.xlsx", b"PK\x03\x04 not a zip at all", "corrupt"),
    ("broken.ofd", b"PK\x05\x06" + bytes(18), "corrupt"),
    ("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage", "corrupt"),
    ("broken.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "corrupt"),
    ("archive.zip.docx", None, "corrupt"),
    ("empty.pdf", b"", "empty"),
    ("notes.xyz", b"hello", "unsupported"),
])
def test_corrupt_and_empty_files(name, data, code):
    if data is None:  # a ZIP that is not an Office package, named .docx
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            zf.writestr("readme.txt", "hello")
        data = buf.getvalue()
    if not data:
        with pytest.raises(IngestError) as exc:
            read_bytes(data, name, Path(name).suffix)
        assert exc.value.code == code
        return
    assert refused(data, name).code == code


def test_truncated_docx_is_corrupt():
    from docx import Document

    buf = io.BytesIO()
    Document().save(buf)
    data = buf.getvalue()
    assert refused(data[: len(data) // 2], "cut.docx").code == "corrupt"


def image_only_pdf(path: Path) -> Path:
    from PIL import Image, ImageDraw
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    img = Image.new("L", (800, 1100), 255)
    ImageDraw.Draw(img).rectangle((100, 100, 700, 140), fill=0)
    img_path = path.with_suffix(".png")
    img.save(img_path)
    c = canvas.Canvas(str(path), pagesize=A4)
    c.drawImage(str(img_path), 0, 0, width=A4[0], height=A4[1])
    c.save()
    return path


def test_image_only_pdf_without_ocr_engine(tmp_path, monkeypatch):
    monkeypatch.setenv("POLICYKG_OCR_ENGINE", "off")  # as if no engine were installed
    p = image_only_pdf(tmp_path / "scan.pdf")
    with pytest.raises(IngestError) as exc:
        read_document(p)
    assert exc.value.code == "ocr_missing" and "no text layer" in exc.value.reason
    assert "rapidocr-onnxruntime" in exc.value.reason  # says what to install


def test_image_file_without_ocr_engine(tmp_path, monkeypatch):
    from PIL import Image

    monkeypatch.setenv("POLICYKG_OCR_ENGINE", "off")
    p = tmp_path / "scan.png"
    Image.new("L", (100, 100), 255).save(p)
    with pytest.raises(IngestError) as exc:
        read_document(p)
    assert exc.value.code == "ocr_missing"


def test_blank_pdf_is_no_text():
    with pytest.raises(IngestError) as exc:
        read_bytes(pdf_with_stream(b"", filt="/ASCIIHexDecode"), "blank.pdf", ".pdf")
    assert exc.value.code == "no_text" and "no text layer" in exc.value.reason
