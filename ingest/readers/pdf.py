"""PDF: the text layer line by line, ruled tables as declared tables, image-only pages by OCR.

Why our own line building instead of pdfplumber's `extract_text`: measured on the real files,
(1) punctuation set in a second font sits ~0.8 em below its line's box (f05: every ，、《 went to
a line of its own) although its *baseline* is the line's — so lines are grouped by baseline,
not by glyph box; (2) pdfplumber puts a space into every gap wider than 3 pt, which splits
letter-spaced CJK headings (税 务 总 局) and the half-em gap after full-width punctuation — so a
gap becomes a space only between Latin/digit glyphs, or between CJK glyphs when it is a layout
gap (1.5 em or more). Real space characters of the text layer are kept as they are.

Tables come from pdfplumber's ruled-table finder (`find_tables`); cells are read from its cell
rectangles, so a merged cell (one rectangle over several grid positions) gets one span. A line
wrapped inside a cell is joined to the next without a space when either side is CJK. A table
continued on the next page (same columns, only page furniture such as running headers, page
numbers or （续表） between) is declared once; its repeated header rows are written as text
and counted as the table's header rows.

Before anything is parsed, `guard` opens the file with pypdf and checks encryption, the page
count and how far every stream would expand (pdfminer, under pdfplumber, inflates streams
without any limit).
"""

from __future__ import annotations

import io
import re
import zlib
from dataclasses import dataclass, field

from ..model import IngestError, OcrPage, RawDocument
from .builder import Cell, TextBuilder, cell_text
from .limits import Limits, mb, too_large

CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\ue000-\uf8ff]")
FURNITURE_MAX_LINES = 3
FURNITURE_MAX_CHARS = 40


# ---------------------------------------------------------------- guard
def guard(data: bytes, where: str, limits: Limits):
    """Open with pypdf and refuse, before any parsing for text: encrypted files we cannot open,
    too many pages, a stream that would inflate past the limits, an image too large to render."""
    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError, PdfReadError
    from pypdf.generic import IndirectObject, StreamObject

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except Exception:  # noqa: BLE001 - unsupported crypto, bad key
                opened = 0
            if not opened:
                raise IngestError(where, "the PDF is encrypted (password-protected); it cannot be read without "
                                         "its password", code="encrypted")
        n_pages = len(reader.pages)
    except IngestError:
        raise
    except LimitReachedError as exc:
        raise too_large(where, f"a PDF structure expands past pypdf's limit ({exc})")
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError,
            AssertionError, IndexError, zlib.error) as exc:
        raise IngestError(where, f"not a readable PDF file ({type(exc).__name__}: {str(exc)[:200]})", code="corrupt")
    if n_pages == 0:
        raise IngestError(where, "the PDF has no pages", code="empty")
    if n_pages > limits.max_pages:
        raise too_large(where, f"{n_pages:,} pages (limit {limits.max_pages:,}, POLICYKG_MAX_PAGES)")
    per_stream = min(limits.max_expanded_bytes, 64 * 1024 * 1024)
    total = 0
    for gen, table in list(reader.xref.items()):
        for idnum in list(table):
            try:
                obj = reader.get_object(IndirectObject(idnum, gen, reader))
            except LimitReachedError as exc:
                raise too_large(where, f"object {idnum} expands past pypdf's limit ({exc})")
            except Exception:  # noqa: BLE001 - a damaged object is skipped here, as pdfminer will
                continue
            if not isinstance(obj, StreamObject):
                continue
            if obj.get("/Subtype") == "/Image":
                w, h = _num(obj.get("/Width")), _num(obj.get("/Height"))
                if w * h > limits.max_pixels:
                    raise too_large(where, f"an image of {w:,} x {h:,} pixels (limit {limits.max_pixels:,})")
                continue
            size = stream_size(obj, per_stream, where)
            if size > per_stream:
                raise too_large(where, f"a stream expands to more than {mb(per_stream)} (a decompression bomb?)")
            total += size
            if total > limits.max_expanded_bytes:
                raise too_large(where, f"its streams expand to more than {mb(limits.max_expanded_bytes)} "
                                       f"(POLICYKG_MAX_EXPANDED_MB)")
    return reader


def _num(v) -> int:
    try:
        return int(v)
    except (TypeError, ValueError):
        return 0


def stream_size(obj, cap: int, where: str) -> int:
    """How many bytes a stream decodes to, counted without keeping them (stops past `cap`)."""
    from pypdf.errors import LimitReachedError

    filters = obj.get("/Filter")
    names = [str(f) for f in filters] if isinstance(filters, list) else ([str(filters)] if filters else [])
    raw = getattr(obj, "_data", b"") or b""
    if not names:
        return len(raw)
    if names[0] in ("/FlateDecode", "/Fl"):
        d = zlib.decompressobj()
        total, buf = 0, raw
        try:
            while buf:
                out = d.decompress(buf, 1 << 20)
                total += len(out)
                if total > cap:
                    return total
                buf = d.unconsumed_tail
                if not out:
                    break
        except zlib.error:
            return total
        return total
    if names[0] in ("/DCTDecode", "/JPXDecode", "/CCITTFaxDecode", "/JBIG2Decode"):
        return len(raw)  # image codecs: only decoded when rendering, bounded by the pixel limit
    try:
        return len(obj.get_data())  # LZW, RunLength, ASCII filters: pypdf's own output limits apply
    except LimitReachedError:
        return cap + 1
    except Exception:  # noqa: BLE001 - undecodable: pdfminer will skip it too
        return len(raw)


# ---------------------------------------------------------------- lines from glyphs
@dataclass
class Line:
    top: float
    text: str


@dataclass
class PdfTable:
    top: float
    bottom: float
    x0: float
    x1: float
    grid: list[list[Cell | None]]
    header_rows: int = 0

    @property
    def width(self) -> int:
        return max((len(r) for r in self.grid), default=0)

    def row_texts(self, i: int) -> list[str]:
        return [cell_text(c.text) if c else "" for c in self.grid[i]]


@dataclass
class PageContent:
    number: int
    items: list = field(default_factory=list)  # Line | PdfTable, top to bottom
    needs_ocr: bool = False
    chars: int = 0
    ocr_confidence: float = 0.0
    ocr_engine: str = ""


def _baseline(c: dict) -> float:
    m = c.get("matrix")
    if m and c.get("upright", True):
        return -float(m[5])
    return -(float(c["y0"]) + float(c["y1"])) / 2


def is_cjk(ch: str) -> bool:
    return bool(ch) and bool(CJK.match(ch))


def glyph_lines(chars: list[dict]) -> list[tuple[float, str]]:
    """(top, text) lines from glyphs: grouped by baseline, read left to right, gaps made spaces
    only where the layout means a space (see module docstring)."""
    cs = [c for c in chars if c.get("text")]
    if not cs:
        return []
    cs.sort(key=lambda c: (_baseline(c), c["x0"]))
    groups: list[list[dict]] = []
    base = None
    for c in cs:
        b = _baseline(c)
        size = float(c.get("size") or 10)
        if base is not None and abs(b - base) <= 0.3 * size:
            groups[-1].append(c)
        else:
            groups.append([c])
            base = b
    out = []
    for g in groups:
        g.sort(key=lambda c: c["x0"])
        parts: list[str] = []
        prev = None
        for c in g:
            t = c["text"]
            if prev is not None:
                gap = float(c["x0"]) - float(prev["x1"])
                size = max(float(c.get("size") or 10), 1.0)
                p, n = prev["text"][-1:], t[:1]
                if p.isspace() or n.isspace():
                    pass
                elif is_cjk(p) or is_cjk(n):
                    if gap >= 1.5 * size:
                        parts.append(" ")
                elif gap > max(3.0, 0.25 * size):
                    parts.append(" ")
            parts.append(t)
            prev = c
        text = "".join(parts).rstrip()
        if text.strip():
            out.append((min(float(c["top"]) for c in g), text))
    return out


def join_wrapped(lines: list[str]) -> str:
    """A cell's lines as one string: a soft wrap disappears between CJK text (or after a
    hyphen) and becomes one space between Latin words."""
    s = ""
    for ln in (x.strip() for x in lines):
        if not ln:
            continue
        if s and not (is_cjk(s[-1]) or is_cjk(ln[0]) or s.endswith("-") or not s[-1].isalnum() or not ln[0].isalnum()):
            s += " "
        s += ln
    return s


# ---------------------------------------------------------------- tables
def _cluster(values: list[float], tol: float = 1.5) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


def _index(points: list[float], v: float) -> int:
    return min(range(len(points)), key=lambda i: abs(points[i] - v))


def table_from(tb, chars: list[dict], where: tuple[int, int]) -> PdfTable | None:
    """A pdfplumber table as a grid; cells covering several grid positions share one Cell.

    `where` (page number, table's place on the page) names the table in its cells' keys: a
    table continued over pages is written by one writer that merges cells by key, and the
    object id used before could be reused by the next page's table once the first was freed,
    so a cell of page 9 took the span of the cell of page 8 at the same position (f04 lost
    rows in one run of seven)."""
    boxes = [tuple(map(float, c)) for c in tb.cells]
    if not boxes:
        return None
    xs = _cluster([b[0] for b in boxes] + [b[2] for b in boxes])
    ys = _cluster([b[1] for b in boxes] + [b[3] for b in boxes])
    if len(xs) < 2 or len(ys) < 2:
        return None
    grid: list[list[Cell | None]] = [[None] * (len(xs) - 1) for _ in range(len(ys) - 1)]
    inside: dict[tuple, list[dict]] = {b: [] for b in boxes}
    for c in chars:
        cx, cy = anchor(c)
        for b in boxes:
            if b[0] <= cx <= b[2] and b[1] <= cy <= b[3]:
                inside[b].append(c)
                break
    for b in boxes:
        c0, c1 = _index(xs, b[0]), _index(xs, b[2])
        r0, r1 = _index(ys, b[1]), _index(ys, b[3])
        cell = Cell(key=("pdf", *where, b), text=join_wrapped([t for _, t in glyph_lines(inside[b])]))
        for r in range(r0, max(r1, r0 + 1)):
            for c in range(c0, max(c1, c0 + 1)):
                if r < len(grid) and c < len(grid[r]):
                    grid[r][c] = cell
    grid = [row for row in grid if any(x is not None for x in row)]
    if not grid:
        return None
    width = len(grid[0])
    if len(grid) * width <= 1:
        return None  # a frame around one block of text, not a table
    x0, top, x1, bottom = map(float, tb.bbox)
    return PdfTable(top=top, bottom=bottom, x0=x0, x1=x1, grid=grid, header_rows=heavy_rows(chars, ys))


HEAVY_FONT = re.compile(r"Bold|Black|Heavy|Hei|FZHT|FZDHT|黑体")
WORD_GLYPH = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")


def heavy_rows(chars: list[dict], ys: list[float]) -> int:
    """Leading rows set in a bold or heiti face while the rows below are not: the header rows
    the file marks by their type (序号/品名 in 黑体 over 宋体 rows)."""
    heavy = [0] * (len(ys) - 1)
    total = [0] * (len(ys) - 1)
    for c in chars:
        if not WORD_GLYPH.match(c.get("text", "")):
            continue
        _, y = anchor(c)
        r = next((i for i in range(len(ys) - 1) if ys[i] <= y <= ys[i + 1]), None)
        if r is None:
            continue
        total[r] += 1
        heavy[r] += bool(HEAVY_FONT.search(str(c.get("fontname", ""))))
    marked = [t > 0 and h >= 0.6 * t for h, t in zip(heavy, total)]
    n = 0
    while n < min(3, len(marked) - 1) and marked[n]:
        n += 1
    return n if n and not all(m for m, t in zip(marked, total) if t) else 0


# ---------------------------------------------------------------- pages
def read_page(page, number: int) -> PageContent:
    page = page.dedupe_chars()
    chars = [c for c in page.chars if c.get("text")]
    content = PageContent(number=number, chars=sum(1 for c in chars if not c["text"].isspace()))
    if content.chars < 5:
        area = float(page.width) * float(page.height) or 1.0
        covered = sum(max(0.0, float(im["x1"]) - float(im["x0"])) * max(0.0, float(im["bottom"]) - float(im["top"]))
                      for im in page.images)
        if covered >= 0.2 * area or len(page.curves) > 200:
            content.needs_ocr = True
            return content
    tables = []
    for k, tb in enumerate(page.find_tables()):
        t = table_from(tb, [c for c in chars if _in_bbox(c, tb.bbox)], (number, k))
        if t is not None:
            tables.append((tb.bbox, t))
    prose = [c for c in chars if not any(_in_bbox(c, bbox) for bbox, _ in tables)]
    items: list = [Line(top, text) for top, text in glyph_lines(prose)]
    items.extend(t for _, t in tables)
    items.sort(key=lambda it: it.top)
    content.items = items
    return content


def anchor(c: dict) -> tuple[float, float]:
    """A point inside the glyph's body, placed from its baseline: glyph boxes of some fonts are
    shifted by most of an em (f05's punctuation), their baselines are not."""
    cx = (float(c["x0"]) + float(c["x1"])) / 2
    m = c.get("matrix")
    if m and c.get("upright", True) and "y1" in c:
        base_top = float(c["top"]) + float(c["y1"]) - float(m[5])  # baseline in top-down page space
        return cx, base_top - 0.35 * float(c.get("size") or 10)
    return cx, (float(c["top"]) + float(c["bottom"])) / 2


def _in_bbox(c: dict, bbox) -> bool:
    cx, cy = anchor(c)
    return bbox[0] <= cx <= bbox[2] and bbox[1] <= cy <= bbox[3]


PAGE_NUMBER = re.compile(r"^[-—–－~～·•\s]*(第\s*)?[0-9０-９]{1,4}(\s*页)?(\s*[/／共]\s*[0-9０-９]{1,4}\s*页?)?[-—–－~～·•\s]*$")
CONTINUED = re.compile(r"^\s*[（(]?\s*续\s*表\s*[0-9０-９一二三四五六七八九十]*\s*[）)]?\s*$")


def furniture_texts(pages: list[PageContent]) -> set[str]:
    """Running headers/footers: the same short line at the top or bottom of three or more pages."""
    seen: dict[str, set[int]] = {}
    for page in pages:
        lines = [it for it in page.items if isinstance(it, Line)]
        for it in lines[:2] + lines[-2:]:
            t = it.text.strip()
            if len(t) <= FURNITURE_MAX_CHARS:
                seen.setdefault(t, set()).add(page.number)
    return {t for t, on in seen.items() if len(on) >= 3}


def _furniture(lines: list, running: set[str]) -> bool:
    """Only page furniture between two table parts: page numbers, （续表）, running headers."""
    return len(lines) <= FURNITURE_MAX_LINES + 1 and all(
        isinstance(x, Line) and (PAGE_NUMBER.match(x.text) or CONTINUED.match(x.text) or x.text.strip() in running)
        for x in lines)


def continues(prev: PdfTable, prev_after: list, cur: PdfTable, cur_before: list, running: set[str]) -> bool:
    """Is `cur` (first table of a page) the continuation of `prev` (last table of the page before)?"""
    return (prev.width == cur.width and abs(prev.x0 - cur.x0) <= 15 and abs(prev.x1 - cur.x1) <= 15
            and _furniture(prev_after, running) and _furniture(cur_before, running))


# ---------------------------------------------------------------- document
def read_pdf(data: bytes, where: str, limits: Limits) -> RawDocument:
    reader = guard(data, where, limits)
    props = pdf_props(reader)
    del reader
    import pdfplumber

    pages: list[PageContent] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for i, page in enumerate(pdf.pages, start=1):
                pages.append(read_page(page, i))
                page.close()
    except IngestError:
        raise
    except Exception as exc:  # noqa: BLE001 - pdfminer raises a zoo of types on damaged files
        raise IngestError(where, f"not a readable PDF file ({type(exc).__name__}: {str(exc)[:200]})", code="corrupt")
    b = TextBuilder(where, limits)
    ocr_pages = [p for p in pages if p.needs_ocr]
    skipped: list[int] = []
    if ocr_pages:
        skipped = ocr_into(data, ocr_pages, where, limits)
    write_pages(pages, b)
    if skipped:
        props["ocr_skipped_pages"] = ",".join(map(str, skipped))
    text = b.text()
    if not text.strip():
        if skipped:
            from .ocr import OCR_INSTALL_HINT

            raise IngestError(where, f"the PDF has no text layer (scanned images) and no OCR engine is available; "
                                     f"{OCR_INSTALL_HINT}", code="ocr_missing")
        raise IngestError(where, "the PDF has no text layer and no page images: nothing to read", code="no_text")
    return RawDocument(path=where, text=text, encoding=None, fmt="pdf", sha256="", tables=b.tables,
                       ocr=b.ocr, props=props)


def write_pages(pages: list[PageContent], b: TextBuilder) -> None:
    open_tw = None  # (writer, PdfTable of the first part) of the table the previous page ended with
    after_prev: list = []
    running = furniture_texts(pages)
    for page in pages:
        if page.needs_ocr:
            start = b.pos
            for line in page.items:
                b.line(line.text)
            if page.items:
                b.ocr.append(OcrPage(page=page.number, span=(start, b.pos - 1), confidence=page.ocr_confidence,
                                     engine=page.ocr_engine))
            open_tw, after_prev = None, []
            continue
        first_table = next((i for i, it in enumerate(page.items) if isinstance(it, PdfTable)), None)
        last_table = max((i for i, it in enumerate(page.items) if isinstance(it, PdfTable)), default=None)
        for i, it in enumerate(page.items):
            if isinstance(it, Line):
                b.line(it.text)
                continue
            rows = it.grid
            if (i == first_table and open_tw is not None
                    and continues(open_tw[1], after_prev, it, page.items[:i], running)):
                tw, first = open_tw
                k = repeated_header(first, it)
                for r in range(k):
                    b.line("\t".join(t for t in it.row_texts(r)))
                if k and tw.table.header_rows == 0:
                    tw.table.header_rows = k
                rows = rows[k:]
            else:
                tw = b.begin_table(it.width, header_rows=it.header_rows)
                first = it
            for row in rows:
                b.add_row(tw, row)
            open_tw = (tw, first)
        after_prev = page.items[last_table + 1:] if last_table is not None else []
        if last_table is None:
            open_tw = None


def repeated_header(first: PdfTable, cur: PdfTable) -> int:
    """How many leading rows of `cur` repeat the leading rows of the table it continues."""
    k = 0
    while (k < 3 and k < len(first.grid) - 1 and k < len(cur.grid)
           and first.row_texts(k) == cur.row_texts(k) and any(first.row_texts(k))):
        k += 1
    return k


def ocr_into(data: bytes, pages: list[PageContent], where: str, limits: Limits) -> list[int]:
    """OCR the image-only pages in place; return the pages left unread (no engine, over the cap)."""
    from .ocr import RENDER_DPI, get_engine

    engine = get_engine()
    if engine is None:
        return [p.number for p in pages]
    import pypdfium2 as pdfium

    skipped = []
    doc = pdfium.PdfDocument(data)
    try:
        for n, page in enumerate(pages):
            if n >= limits.ocr_max_pages:
                skipped.append(page.number)
                continue
            pg = doc[page.number - 1]
            w, h = pg.get_size()
            scale = RENDER_DPI / 72
            if w * h * scale * scale > 40_000_000:  # an oversized page: render at what fits
                scale = (40_000_000 / (w * h)) ** 0.5
            image = pg.render(scale=scale, grayscale=True).to_pil()
            result = engine.read(image)
            page.items = [Line(0.0, ln) for ln in result.lines if ln.strip()]
            page.ocr_confidence = result.confidence
            page.ocr_engine = engine.name
            pg.close()
    finally:
        doc.close()
    return skipped


PDF_DATE = re.compile(r"D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?")


def pdf_props(reader) -> dict[str, str]:
    out: dict[str, str] = {}
    try:
        meta = reader.metadata or {}
    except Exception:  # noqa: BLE001 - a damaged info dictionary is no metadata
        return out
    for key, name in (("/Title", "title"), ("/Author", "author"), ("/Subject", "subject"), ("/Keywords", "keywords"),
                      ("/Creator", "creator"), ("/Producer", "producer"), ("/CreationDate", "created"),
                      ("/ModDate", "modified")):
        try:
            v = meta.get(key)
        except Exception:  # noqa: BLE001
            v = None
        if v is None or not str(v).strip():
            continue
        v = str(v).strip()
        m = PDF_DATE.search(v)
        if name in ("created", "modified") and m:
            y, mo, d, hh, mi, ss = (g or "" for g in m.groups())
            v = f"{y}-{mo or '01'}-{d or '01'}" + (f"T{hh}:{mi or '00'}:{ss or '00'}" if hh else "")
        out[name] = v
    return out
