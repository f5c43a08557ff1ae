"""OFD (GB/T 33190-2016), the national format for electronic official documents.

An OFD file is a ZIP package: `OFD.xml` names each document's `DocInfo` (title, author,
creation date …, kept as `props`) and its `DocRoot` (`Document.xml`), which lists the pages;
each page's `Content.xml` holds `TextObject`s placed in millimetres, whose `TextCode`s carry
the characters with their start point and per-glyph advances (`DeltaX`, with the `g n d`
repeat shorthand). The glyphs are laid out into lines with the same baseline grouping as PDF
text (see `pdf.glyph_lines`), converted to points so the same gap rules apply. Template pages
(running headers drawn once for all pages) and annotations are not read. OFD's core schema
does not mark tables (ruled tables are plain paths), so none are declared.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile

from ..model import IngestError, RawDocument
from .builder import TextBuilder
from .limits import Limits, check_zip, count_elements, too_large
from .pdf import glyph_lines

MM_TO_PT = 72 / 25.4


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def children(el, name: str):
    return [c for c in el if local(c.tag) == name]


def first(el, name: str):
    for c in el.iter():
        if local(c.tag) == name:
            return c
    return None


def read_ofd(data: bytes, where: str, limits: Limits) -> RawDocument:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise IngestError(where, f"not a readable OFD file (damaged ZIP: {exc})", code="corrupt")
    with zf:
        check_zip(zf, where, limits)
        names = {n.lower().lstrip("/"): n for n in zf.namelist()}
        try:
            ofd = parse(zf, names, "OFD.xml", where, limits)
            b = TextBuilder(where, limits)
            props: dict[str, str] = {}
            bodies = children(ofd, "DocBody")
            if not bodies:
                raise IngestError(where, "not a readable OFD file (OFD.xml has no DocBody)", code="corrupt")
            pages_read = 0
            for body in bodies:
                info = first(body, "DocInfo")
                if info is not None and not props:
                    props = doc_info(info)
                root_el = first(body, "DocRoot")
                if root_el is None or not (root_el.text or "").strip():
                    continue
                doc_path = root_el.text.strip().lstrip("/")
                doc = parse(zf, names, doc_path, where, limits)
                base = posixpath.dirname(doc_path)
                pages = [p for p in doc.iter() if local(p.tag) == "Page" and p.get("BaseLoc")]
                if pages_read + len(pages) > limits.max_pages:
                    raise too_large(where, f"{pages_read + len(pages):,} pages (limit {limits.max_pages:,})")
                for page in pages:
                    loc = page.get("BaseLoc").strip()
                    path = loc.lstrip("/") if loc.startswith("/") else posixpath.normpath(posixpath.join(base, loc))
                    content = parse(zf, names, path, where, limits)
                    for _, line in glyph_lines(page_glyphs(content)):
                        b.line(line)
                    pages_read += 1
        except KeyError as exc:
            raise IngestError(where, f"not a readable OFD file (missing part {exc})", code="corrupt")
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise IngestError(where, f"not a readable OFD file (damaged ZIP: {exc})", code="corrupt")
    return RawDocument(path=where, text=b.text(), encoding=None, fmt="ofd", sha256="", props=props)


def parse(zf: zipfile.ZipFile, names: dict[str, str], path: str, where: str, limits: Limits):
    from lxml import etree

    name = names.get(path.lower().lstrip("/"))
    if name is None:
        raise KeyError(path)
    count_elements(zf, name, where, limits)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=True)
    try:
        root = etree.fromstring(zf.read(name), parser)
    except etree.XMLSyntaxError as exc:
        raise IngestError(where, f"not a readable OFD file ({name}: {exc})", code="corrupt")
    if root is None:
        raise IngestError(where, f"not a readable OFD file ({name} is empty)", code="corrupt")
    return root


def doc_info(info) -> dict[str, str]:
    out: dict[str, str] = {}
    keys = {"Title": "title", "Author": "author", "Subject": "subject", "Abstract": "abstract",
            "CreationDate": "created", "ModDate": "modified", "Creator": "creator", "DocID": "doc_id"}
    for el in info:
        key = keys.get(local(el.tag))
        if key and (el.text or "").strip():
            out[key] = el.text.strip()
        if local(el.tag) == "Keywords":
            kws = [k.text.strip() for k in el if (k.text or "").strip()]
            if kws:
                out["keywords"] = ", ".join(kws)
        if local(el.tag) == "CustomDatas":
            for cd in el:
                if cd.get("Name") and (cd.text or "").strip():
                    out[f"custom:{cd.get('Name')}"] = cd.text.strip()
    return out


def _floats(s: str | None) -> list[float]:
    try:
        return [float(x) for x in (s or "").split()]
    except ValueError:
        return []


def deltas(s: str | None) -> list[float]:
    """Expand OFD's advance list: `g 3 2.5` means three advances of 2.5."""
    out: list[float] = []
    toks = (s or "").split()
    i = 0
    while i < len(toks):
        if toks[i] == "g" and i + 2 < len(toks):
            try:
                out.extend([float(toks[i + 2])] * min(int(float(toks[i + 1])), 100000))
            except ValueError:
                pass
            i += 3
        else:
            try:
                out.append(float(toks[i]))
            except ValueError:
                pass
            i += 1
    return out


def page_glyphs(content) -> list[dict]:
    """Every character of a page's TextObjects as a glyph dict in points (the shape pdfplumber
    gives), so the PDF line builder can lay them out."""
    glyphs: list[dict] = []
    for obj in content.iter():
        if local(obj.tag) != "TextObject":
            continue
        box = _floats(obj.get("Boundary")) + [0, 0, 0, 0]
        size = _floats(obj.get("Size")) or [3.5]
        size_pt = size[0] * MM_TO_PT
        x_last = y_last = 0.0
        for code in obj:
            if local(code.tag) != "TextCode":
                continue
            text = code.text or ""
            x = _floats(code.get("X"))[:1] or [x_last]
            y = _floats(code.get("Y"))[:1] or [y_last]
            dx, dy = deltas(code.get("DeltaX")), deltas(code.get("DeltaY"))
            cx, cy = x[0], y[0]
            for i, ch in enumerate(text):
                advance = dx[i] if i < len(dx) else (size[0] if re.match(r"[^\x00-\x7f]", ch) else size[0] / 2)
                gx, gy = (box[0] + cx) * MM_TO_PT, (box[1] + cy) * MM_TO_PT
                glyphs.append({"text": ch, "x0": gx, "x1": gx + min(advance, size[0]) * MM_TO_PT,
                               "top": gy - size_pt, "bottom": gy, "size": size_pt, "upright": True,
                               "matrix": (1, 0, 0, 1, gx, -gy)})
                cx += advance
                if i < len(dy):
                    cy += dy[i]
            x_last, y_last = cx, cy
    return glyphs
