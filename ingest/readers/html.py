"""HTML pages saved from government sites: the article, its tables, its attachment links.

Why this shape: trafilatura is good at *finding* the article on a page full of menus, but its
text output flattens tables and forgets links. So trafilatura only points at the article; the
page element that holds it is then rendered by us — blocks as lines, data tables (rowspan /
colspan honoured, merged cells sharing one span) as declared tables, layout tables (whole
paragraphs in cells, nested tables) as ordinary blocks. The `<h1>` title is kept even when it
sits outside the article element. Links to attached files (.doc .pdf .xls .wps .ofd .zip …)
are listed from the whole page, since sites put them below the article.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from ..model import IngestError, RawDocument
from .builder import Cell, TextBuilder
from .limits import Limits, too_large
from .text import decode_text

META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.I)
BLOCK_TAGS = {"p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "section",
              "article", "blockquote", "pre", "center", "form", "header", "footer", "nav", "aside", "main",
              "figure", "figcaption", "address", "hr", "tr", "td", "th", "caption", "tbody", "thead", "tfoot",
              "body", "html", "fieldset", "details", "summary", "table"}
SKIP_TAGS = {"script", "style", "noscript", "template", "iframe", "object", "embed", "select", "button", "svg",
             "head", "title", "meta", "link"}
ATTACH_EXT = re.compile(r"\.(docx?|wps|pdf|xlsx?|et|ofd|zip|rar|7z|pptx?|txt|rtf|odt|ods|ceb)$", re.I)
WS = re.compile(r"[ \t\r\n\f]+")
PROPS_META = {"articletitle": "title", "title": "title", "pubdate": "published", "firstpublishedtime": "published",
              "contentsource": "source", "source": "source", "author": "author", "keywords": "keywords",
              "description": "description", "columnname": "column", "maketime": "created"}


def decode_html(data: bytes, where: str) -> tuple[str, str]:
    """The page's own charset declaration first (GB2312/GBK read as their superset GB18030),
    then the same detection as plain text."""
    m = META_CHARSET.search(data[:4096])
    if m:
        declared = m.group(1).decode("ascii").lower()
        if declared.replace("-", "").replace("_", "") in {"gb2312", "gbk", "gb18030", "cp936", "euccn"}:
            declared = "gb18030"
        try:
            return data.decode(declared), declared
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(data, where)


def read_html(data: bytes, where: str, limits: Limits) -> RawDocument:
    html, enc = decode_html(data, where)
    if html.count("<") > limits.max_elements:
        raise too_large(where, f"more than {limits.max_elements:,} HTML elements")
    from lxml import html as lhtml

    html = html.lstrip("\ufeff")
    if re.match(r"\s*<\?xml", html):
        html = re.sub(r"^\s*<\?xml[^>]*>", "", html)
    try:
        tree = lhtml.fromstring(html) if html.strip() else None
    except Exception as exc:  # noqa: BLE001 - lxml refuses some byte soups
        raise IngestError(where, f"not a readable HTML page ({type(exc).__name__})", code="corrupt")
    if tree is None:
        raise IngestError(where, "empty page", code="empty")
    props = page_props(tree)
    links = attachment_links(tree)
    for bad in tree.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    main = main_element(tree, html)
    b = TextBuilder(where, limits)
    heading = page_heading(tree)
    r = Renderer(b)
    if heading and (main is None or heading not in squash(main.text_content())[:600]):
        b.line(heading)
    r.render(main if main is not None else tree)
    return RawDocument(path=where, text=b.text(), encoding=enc, fmt="html", sha256="", tables=b.tables,
                       attachments=links, props=props)


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def main_element(tree, html: str):
    """The smallest element holding the text trafilatura calls the article; None: the whole page."""
    import trafilatura

    main = trafilatura.extract(html, include_comments=False, include_tables=True, favor_recall=True,
                               include_formatting=False, deduplicate=False) or ""
    body = tree.find("body") if tree.tag != "body" else tree
    root = body if body is not None else tree
    full = squash(root.text_content())
    probe = squash(main)
    if len(probe) < 0.3 * len(full) or len(probe) < 20:
        return root
    # trafilatura writes table rows as `| a | b |`: its cells are the pieces to look for
    pieces = [p for p in (squash(x) for x in re.split(r"[\n|]", main)) if len(p) >= 4 and set(p) != {"-"}]
    total = sum(map(len, pieces)) or 1
    best, best_len = root, len(full)
    for el in root.iter("div", "article", "section", "main", "td", "table", "tbody", "center", "form"):
        t = squash(el.text_content())
        if len(t) < 0.8 * total or len(t) >= best_len:
            continue
        if sum(len(p) for p in pieces if p in t) >= 0.8 * total:  # holds (nearly) all the article's lines
            best, best_len = el, len(t)
    return best


def page_heading(tree) -> str | None:
    """The text of the page's first <h1> (or <h2> when it has none), whitespace removed."""
    for tag in ("h1", "h2"):
        for node in tree.iter(tag):
            text = squash(node.text_content())
            if len(text) >= 6:
                return text
    return None


def page_props(tree) -> dict[str, str]:
    props: dict[str, str] = {}
    title = tree.find(".//title")
    if title is not None and title.text_content().strip():
        props["title"] = WS.sub(" ", title.text_content()).strip()
    for meta in tree.iter("meta"):
        key = PROPS_META.get((meta.get("name") or meta.get("property") or "").lower().strip())
        value = (meta.get("content") or "").strip()
        if key and value and (key != "title" or meta.get("name", "").lower() == "articletitle" or key not in props):
            props[key] = value[:500]
    return props


def attachment_links(tree, limit: int = 100) -> list[str]:
    out: list[str] = []
    for a in tree.iter("a"):
        href = (a.get("href") or "").strip()
        text = squash(a.text_content())
        path = unquote(href.split("?")[0].split("#")[0])
        if not (ATTACH_EXT.search(path) or (text.startswith("附件") and href and not href.startswith("javascript"))):
            continue
        item = f"{text} <{href}>" if text and text != href else href
        if item not in out:
            out.append(item)
        if len(out) >= limit:
            break
    return out


class Renderer:
    """Block elements become lines, data tables become declared tables."""

    def __init__(self, b: TextBuilder):
        self.b = b
        self.buf: list[str] = []

    def flush(self) -> None:
        line = WS.sub(" ", "".join(self.buf)).strip(" \u00a0")
        self.buf = []
        if line:
            self.b.line(line)

    def render(self, el) -> None:
        self._walk(el, top=True)
        self.flush()

    def _walk(self, el, top: bool = False) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag or tag in SKIP_TAGS:
            if not top and el.tail:
                self.buf.append(el.tail)
            return
        if tag == "br":
            self.flush()
        elif tag == "table" and is_data_table(el):
            self.flush()
            grid, header_rows, caption = html_grid(el, self.b)
            if caption:
                self.b.line(caption)
            if grid:
                self.b.table(grid, header_rows=header_rows, name=caption or None)
        else:
            block = tag in BLOCK_TAGS
            if block:
                self.flush()
            if el.text:
                self.buf.append(el.text)
            for child in el:
                self._walk(child)
            if block:
                self.flush()
        if not top and el.tail:
            self.buf.append(el.tail)


def own_rows(table) -> list:
    """The <tr> of this table, not of tables nested in its cells."""
    return [tr for tr in table.iter("tr") if next(tr.iterancestors("table"), None) is table]


def is_data_table(table) -> bool:
    """A table of data (cells of short text) rather than page layout (paragraphs in cells)."""
    rows = own_rows(table)
    if not rows:
        return False
    if any(True for _ in table.iter("table") if _ is not table):
        return False
    widths = [sum(1 for c in tr if c.tag in ("td", "th")) for tr in rows]
    if max(widths, default=0) < 2:
        return False
    for tr in rows:
        for c in tr:
            if c.tag in ("td", "th") and len(squash(c.text_content())) > 500:
                return False
    return True


def node_text(el) -> str:
    """A cell's text with its <br>/<p> breaks as newlines (the builder turns them into spaces)."""
    parts: list[str] = []

    def walk(e) -> None:
        tag = e.tag if isinstance(e.tag, str) else ""
        if tag in SKIP_TAGS:
            pass
        else:
            if tag == "br" or tag in BLOCK_TAGS:
                parts.append("\n")
            if e.text:
                parts.append(e.text)
            for ch in e:
                walk(ch)
            if tag in BLOCK_TAGS:
                parts.append("\n")
        if e is not el and e.tail:
            parts.append(e.tail)

    walk(el)
    return "\n".join(WS.sub(" ", ln).strip(" \u00a0") for ln in "".join(parts).split("\n") if ln.strip(" \u00a0\t\r"))


def _span_attr(el, name: str) -> int:
    try:
        return max(1, min(int(re.sub(r"\D", "", el.get(name, "1")) or 1), 1000))
    except ValueError:
        return 1


def html_grid(table, b: TextBuilder) -> tuple[list[list[Cell | None]], int, str]:
    rows = own_rows(table)
    caption_el = table.find("caption")
    caption = squash(caption_el.text_content()) if caption_el is not None else ""
    grid: list[list[Cell | None]] = []
    cells_total = 0
    header_rows, counting = 0, True
    for r, tr in enumerate(rows):
        while len(grid) <= r:
            grid.append([])
        row = grid[r]
        col = 0
        tds = [c for c in tr if c.tag in ("td", "th")]
        for td in tds:
            while col < len(row) and row[col] is not None:
                col += 1
            rs, cs = _span_attr(td, "rowspan"), _span_attr(td, "colspan")
            rs = min(rs, len(rows) - r)
            cells_total += rs * cs
            if cells_total > b.limits.max_cells:
                raise too_large(b.where, f"a table of more than {b.limits.max_cells:,} cells")
            cell = Cell(key=td, text=node_text(td))
            for dr in range(rs):
                while len(grid) <= r + dr:
                    grid.append([])
                target = grid[r + dr]
                if len(target) < col + cs:
                    target.extend([None] * (col + cs - len(target)))
                for dc in range(cs):
                    target[col + dc] = cell
            col += cs
        in_head = tr.getparent() is not None and tr.getparent().tag == "thead"
        if counting and tds and (in_head or all(td.tag == "th" for td in tds)):
            header_rows += 1
        else:
            counting = False
    grid = [row for row in grid if row]
    return grid, header_rows, caption
