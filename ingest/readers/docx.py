"""DOCX: paragraphs and tables in body order, tables declared with their merged cells.

Why our own grid instead of python-docx's `row.cells`: a merged cell must become one span
shared by every position it covers, so the reader needs to know which positions are the same
cell. Horizontal merges (`gridSpan`) and vertical merges (`vMerge`) are read from the XML and
the covered positions get the *same* key — the identity of the `w:tc` element that holds the
text. Rows marked `w:tblHeader` (repeat as header row) are the table's declared header rows.
"""

from __future__ import annotations

import io
import zipfile

from ..model import IngestError, RawDocument
from .builder import Cell, TextBuilder
from .limits import Limits, check_zip, count_elements

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def read_docx(data: bytes, where: str, limits: Limits) -> RawDocument:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise IngestError(where, f"not a readable DOCX file (damaged ZIP: {exc})", code="corrupt")
    with zf:
        check_zip(zf, where, limits)
        try:
            count_elements(zf, "word/document.xml", where, limits)
        except KeyError:
            raise IngestError(where, "not a readable DOCX file (no word/document.xml)", code="corrupt")
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise IngestError(where, f"not a readable DOCX file (damaged ZIP: {exc})", code="corrupt")
    from docx import Document

    try:
        doc = Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - python-docx raises many types on a bad package
        raise IngestError(where, f"not a readable DOCX file ({type(exc).__name__})", code="corrupt")
    b = TextBuilder(where, limits)
    write_body(doc.element.body, b)
    return RawDocument(path=where, text=b.text(), encoding=None, fmt="docx", sha256="",
                       tables=b.tables, props=core_props(doc))


def write_body(body, b: TextBuilder) -> None:
    for child in body.iterchildren():
        tag = child.tag
        if tag == W + "p":
            b.line(paragraph_text(child))
            for extra in textbox_paragraphs(child):
                b.line(extra)
        elif tag == W + "tbl":
            write_table(child, b)
        elif tag == W + "sdt":  # content control: its content is body content
            content = child.find(W + "sdtContent")
            if content is not None:
                write_body(content, b)


def paragraph_text(p) -> str:
    from docx.text.paragraph import Paragraph

    return Paragraph(p, None).text


def textbox_paragraphs(p) -> list[str]:
    """Text boxes anchored in a paragraph (red-head issuers, stamps' captions): their own
    paragraphs, skipping the legacy VML copy Word keeps as a fallback."""
    out = []
    for box in p.iter(W + "txbxContent"):
        if any(a.tag == MC_FALLBACK for a in box.iterancestors()):
            continue
        texts = [t for t in (paragraph_text(q) for q in box.iter(W + "p")) if t.strip()]
        if texts and all(len(t.strip()) == 1 for t in texts):
            out.append("".join(t.strip() for t in texts))  # vertical text, one character a paragraph
        else:
            out.extend(texts)
    return out


def cell_text(tc) -> str:
    return "\n".join(paragraph_text(p) for p in tc.iter(W + "p"))


def _int_attr(el, path: str, default: int) -> int:
    node = el.find(path)
    if node is None:
        return default
    try:
        return int(node.get(W + "val", default))
    except ValueError:
        return default


def table_grid(tbl) -> tuple[list[list[Cell | None]], int]:
    """The table as a grid of `Cell`s (merged positions share a key) and its header-row count."""
    grid: list[list[Cell | None]] = []
    header_rows = 0
    counting_headers = True
    above: dict[int, Cell] = {}  # column -> cell of the row above (for vMerge continue)
    for tr in tbl.iterchildren(W + "tr"):
        row: list[Cell | None] = [None] * _int_attr(tr, f"{W}trPr/{W}gridBefore", 0)
        is_header = tr.find(f"{W}trPr/{W}tblHeader") is not None
        tcs = [el for el in tr.iterchildren() if el.tag == W + "tc"]
        for sdt in tr.iterchildren(W + "sdt"):  # cells wrapped in content controls
            tcs.extend(sdt.iter(W + "tc"))
        for tc in tcs:
            span = max(1, _int_attr(tc, f"{W}tcPr/{W}gridSpan", 1))
            vmerge = tc.find(f"{W}tcPr/{W}vMerge")
            col = len(row)
            cont = vmerge is not None and vmerge.get(W + "val", "continue") == "continue"
            if cont and col in above:
                cell = above[col]
            else:
                cell = Cell(key=tc, text=cell_text(tc))
            row.extend([cell] * span)
        for j, cell in enumerate(row):
            if cell is not None:
                above[j] = cell
        grid.append(row)
        if counting_headers and is_header:
            header_rows += 1
        else:
            counting_headers = False
    return grid, header_rows


def write_table(tbl, b: TextBuilder) -> None:
    grid, header_rows = table_grid(tbl)
    if grid and any(len(r) for r in grid):
        b.table(grid, header_rows=header_rows)


def core_props(doc) -> dict[str, str]:
    cp = doc.core_properties
    props: dict[str, str] = {}
    for key in ("title", "author", "subject", "keywords", "category", "comments", "last_modified_by"):
        v = getattr(cp, key, None)
        if v and str(v).strip():
            props[key] = str(v).strip()
    for key in ("created", "modified"):
        v = getattr(cp, key, None)
        if v:
            props[key] = v.isoformat()
    return props
