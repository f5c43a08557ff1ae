"""XLSX workbooks (and .xls/.et after conversion): every non-empty sheet as a declared table.

Why: 任务分工表 attachments are spreadsheets whose meaning is in their grid — a task per row,
bodies and deadlines in columns, merged cells standing for "same as above". Each sheet's used
range (as the file declares it) becomes one `RawTable`; a merged range is one cell whose span
every covered position shares. A title row over the table (one value alone in the row,
typically merged across it) is written as a line of text before the table, not as a row, and
header rows are taken from what the file marks: print titles, frozen rows, or bold rows.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from ..model import IngestError, RawDocument
from .builder import Cell, TextBuilder
from .limits import Limits, check_zip, count_elements, too_large

MAX_TITLE_ROWS = 3
MAX_HEADER_ROWS = 3


def read_xlsx(data: bytes, where: str, limits: Limits, fmt: str = "xlsx") -> RawDocument:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise IngestError(where, f"not a readable XLSX file (damaged ZIP: {exc})", code="corrupt")
    with zf:
        check_zip(zf, where, limits)
        try:
            for name in zf.namelist():
                if name.startswith("xl/worksheets/") and name.endswith(".xml") or name == "xl/sharedStrings.xml":
                    count_elements(zf, name, where, limits)
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise IngestError(where, f"not a readable XLSX file (damaged ZIP: {exc})", code="corrupt")
    import openpyxl

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types on a bad package
        raise IngestError(where, f"not a readable XLSX file ({type(exc).__name__}: {exc})", code="corrupt")
    b = TextBuilder(where, limits)
    for ws in wb.worksheets:
        write_sheet(ws, b, limits)
    return RawDocument(path=where, text=b.text(), encoding=None, fmt=fmt, sha256="", tables=b.tables,
                       props=workbook_props(wb))


def cell_value(v) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)
    if isinstance(v, dt.datetime):
        return v.date().isoformat() if v.time() == dt.time(0) else v.isoformat(sep=" ")
    if isinstance(v, (dt.date, dt.time)):
        return v.isoformat()
    return str(v)


def used_range(ws, limits: Limits, where: str) -> tuple[int, int]:
    """The sheet's used range as the file declares it (what Excel reports, formatted empty cells
    included); when that is over the cell limit — whole columns formatted down to row 1,048,576
    are common — the range of cells that hold a value (merged ranges included) instead."""
    n_rows, n_cols = ws.max_row or 0, ws.max_column or 0
    if n_rows * n_cols <= limits.max_cells:
        return n_rows, n_cols
    n_rows = n_cols = 0
    for (r, c), xc in ws._cells.items():  # noqa: SLF001 - the cells the file holds, without creating more
        if xc.value is not None and str(xc.value).strip():
            n_rows, n_cols = max(n_rows, r), max(n_cols, c)
    for rng in ws.merged_cells.ranges:
        if rng.min_row <= n_rows and rng.min_col <= n_cols:
            n_rows, n_cols = max(n_rows, rng.max_row), max(n_cols, rng.max_col)
    if n_rows * n_cols > limits.max_cells:
        raise too_large(where, f"sheet '{ws.title}' spans {n_rows:,} x {n_cols:,} cells (limit {limits.max_cells:,})")
    return n_rows, n_cols


def write_sheet(ws, b: TextBuilder, limits: Limits) -> None:
    n_rows, n_cols = used_range(ws, limits, b.where)
    merged: dict[tuple[int, int], Cell] = {}
    for rng in ws.merged_cells.ranges:
        top = Cell(key=("m", rng.min_row, rng.min_col), text=cell_value(ws.cell(rng.min_row, rng.min_col).value))
        for r in range(rng.min_row, min(rng.max_row, n_rows) + 1):
            for c in range(rng.min_col, min(rng.max_col, n_cols) + 1):
                merged[(r, c)] = top
    grid: list[list[Cell]] = []
    bold: list[bool] = []
    for r, row in enumerate(ws.iter_rows(min_row=1, max_row=n_rows, max_col=n_cols), start=1):
        cells = []
        all_bold, any_value = True, False
        for c, xc in enumerate(row, start=1):
            cell = merged.get((r, c)) or Cell(key=(r, c), text=cell_value(xc.value))
            cells.append(cell)
            if xc.value is not None and str(xc.value).strip():
                any_value = True
                all_bold = all_bold and bool(xc.font and xc.font.b)
        grid.append(cells)
        bold.append(any_value and all_bold)
    if not any(c.text.strip() for row in grid for c in row):
        return  # empty sheet
    titles = 0
    while titles < min(MAX_TITLE_ROWS, len(grid) - 1) and n_cols >= 3 and lone_value(grid[titles]):
        titles += 1
    for row in grid[:titles]:
        b.line(next(c.text for c in row if c.text.strip()).strip())
    body = grid[titles:]
    b.table(body, header_rows=declared_header_rows(ws, titles, bold[titles:]), name=ws.title)


def lone_value(row: list[Cell]) -> bool:
    """A row holding one value only (a title or an 附件 marker), however many cells it spans."""
    return len({id(c) for c in row if c.text.strip()}) == 1  # merged positions share one Cell


def declared_header_rows(ws, titles: int, bold: list[bool]) -> int:
    """Header rows as the file marks them: print titles, then frozen rows, then leading bold rows."""
    pt = ws.print_title_rows  # e.g. '2:3' or '$2:$3'
    if pt:
        m = re.match(r"\$?(\d+):\$?(\d+)", pt)
        if m and int(m.group(2)) > titles:
            return int(m.group(2)) - titles
    fp = ws.freeze_panes
    if fp:
        m = re.match(r"[A-Z]+(\d+)", fp)
        if m and 0 < int(m.group(1)) - 1 - titles <= MAX_HEADER_ROWS:
            return int(m.group(1)) - 1 - titles
    n = 0
    while n < min(MAX_HEADER_ROWS, len(bold) - 1) and bold[n]:
        n += 1
    return n if n < len(bold) and not all(bold) else 0


def workbook_props(wb) -> dict[str, str]:
    p = wb.properties
    out: dict[str, str] = {}
    for key, attr in (("title", "title"), ("author", "creator"), ("subject", "subject"), ("keywords", "keywords"),
                      ("description", "description"), ("last_modified_by", "lastModifiedBy")):
        v = getattr(p, attr, None)
        if v and str(v).strip():
            out[key] = str(v).strip()
    for key in ("created", "modified"):
        v = getattr(p, key, None)
        if v:
            out[key] = v.isoformat()
    return out
