"""The 任务分工 table as bureaus write it, from a document's tasks, in json/csv/xlsx/docx/md.

Columns: 序号, 重点任务, 牵头单位, 配合单位, 完成时限, 截止日期, 报送对象, 行业领域. A document
whose tasks never split lead from participant gets one 责任单位 column instead of
牵头单位/配合单位. 完成时限 is the circular's own wording (api/wording.py), 截止日期 the ISO
dates beside it; a task with no limit reads 未明确 (the page and the CLI say the same).
Bodies are listed in the order the text names them, leads first. The page's task table is
this table (GET /documents/{id}/breakdown?format=json), so what a clerk previews is what
the download holds.
"""

from __future__ import annotations

import csv
import io
import re
import urllib.parse
from dataclasses import dataclass, field
from typing import Any

from .messages import messages, msg
from .wording import time_limits

ROLE_RANK = {"lead": 0, "responsible": 1, "participant": 2}


@dataclass
class Breakdown:
    title: str
    columns: list[str]
    rows: list[list[str]]
    file_stem: str = ""
    task_ids: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"title": self.title, "file_name": self.file_stem, "columns": self.columns,
                "rows": [dict(zip(self.columns, r)) for r in self.rows], "task_ids": self.task_ids}


def ordered_actors(actors: list[dict[str, Any]], named_in: list[str] | tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Leads first, then the sole owners, then participants; within a role, the order of
    the text: named bodies by their offset; inferred ones (no offset) in the order of
    `named_in` (the document's addressees, then issuers: where they were inferred from),
    then in the order given."""
    where = {name: i for i, name in reversed(list(enumerate(named_in)))}

    def key(ia: tuple[int, dict[str, Any]]) -> tuple[int, int, int]:
        i, a = ia
        start = a.get("start")
        if isinstance(start, int):
            return (ROLE_RANK.get(a.get("role") or "", 3), 0, start)
        if a.get("name") in where:
            return (ROLE_RANK.get(a.get("role") or "", 3), 1, where[a["name"]])
        return (ROLE_RANK.get(a.get("role") or "", 3), 2, i)

    return [a for _, a in sorted(enumerate(actors or []), key=key)]


def names(actors: list[dict[str, Any]], roles: set[str]) -> str:
    return "、".join(dict.fromkeys(a["name"] for a in actors if a.get("role") in roles))


def document_title(doc: dict[str, Any]) -> str:
    """What a document (/documents/{id}) is called in its exports: its title, else its
    file's name without the extension, else its id."""
    name = doc.get("doc") or ""
    return doc["meta"].get("title") or (name.rsplit(".", 1)[0] if "." in name else name) or doc["id"]


FILE_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')


def file_stem(title: str) -> str:
    """任务分工-<标题>: the title without the characters Windows and WPS refuse in a file name."""
    clean = re.sub(r"\s+", " ", FILE_UNSAFE.sub(" ", title or "")).strip(" .") or msg("export.untitled")
    return f"{msg('export.file_prefix')}-{clean[:80]}"


def content_disposition(stem: str, ext: str, fallback: str) -> str:
    """An attachment named `stem.ext` (RFC 6266 filename*), with an ASCII name for old clients."""
    quoted = urllib.parse.quote(f"{stem}.{ext}", safe="")
    return f"attachment; filename=\"{fallback}.{ext}\"; filename*=UTF-8''{quoted}"


def build_breakdown(title: str, tasks: list[dict[str, Any]]) -> Breakdown:
    """`tasks` as /documents/{id} gives them (actors with roles and offsets, recipients,
    deadlines, text). `title` is the document's title."""
    col = messages()["export"]["columns"]
    split = any(a.get("role") in ("lead", "participant") for t in tasks for a in t.get("actors") or [])
    units = [col["lead"], col["participant"]] if split else [col["responsible"]]
    columns = [col["no"], col["task"], *units, col["deadline"], col["date"], col["recipients"], col["sectors"]]
    rows = []
    for i, t in enumerate(tasks, 1):
        actors = ordered_actors(t.get("actors") or [])
        bodies = [names(actors, {"lead", "responsible"}), names(actors, {"participant"})] if split \
            else [names(actors, {"lead", "responsible", "participant"})]
        # a record keeps limits without a resolvable year apart (undated_deadlines); the graph
        # holds both as the task's deadlines: either way each is shown as written
        limits = time_limits([*(t.get("deadlines") or []), *(t.get("undated_deadlines") or [])], t.get("text") or "")
        wording = ";".join(lim.text + (f"({lim.cadence})" if lim.cadence else "") for lim in limits)
        dates = ";".join(dict.fromkeys(lim.date for lim in limits if lim.date))
        rows.append([str(i), t.get("title") or (t.get("text") or "")[:40], *bodies,
                     wording or msg("no_deadline"), dates, "、".join(dict.fromkeys(t.get("recipients") or [])),
                     "、".join(t.get("sectors") or [])])
    return Breakdown(f"{title}{msg('export.title_suffix')}", columns, rows, file_stem(title),
                     [t.get("id") or "" for t in tasks])


# ---------------------------------------------------------------- writers
def to_csv(b: Breakdown) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(b.columns)
    w.writerows(b.rows)
    return buf.getvalue().encode("utf-8-sig")  # the BOM makes Excel and WPS read UTF-8


def to_markdown(b: Breakdown) -> bytes:
    esc = lambda s: s.replace("|", "\\|").replace("\n", " ")
    lines = [f"# {b.title}", "", "| " + " | ".join(b.columns) + " |", "|" + "---|" * len(b.columns)]
    lines += ["| " + " | ".join(esc(c) for c in r) + " |" for r in b.rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


# column widths in characters (xlsx); the docx table scales them to a landscape A4 page
WIDTHS = {"序号": 5, "重点任务": 40, "牵头单位": 20, "配合单位": 24, "责任单位": 28, "完成时限": 16,
          "截止日期": 12, "报送对象": 14, "行业领域": 12}


def to_xlsx(b: Breakdown) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = msg("export.title_suffix")
    ws.append([b.title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(b.columns))
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append(b.columns)
    for r in b.rows:
        ws.append(r)
    thin = Side(style="thin")
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            cell.alignment = Alignment(wrap_text=True, vertical="center")
    for cell in ws[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center")
    for i, name in enumerate(b.columns, 1):
        ws.column_dimensions[get_column_letter(i)].width = WIDTHS.get(name, 14)
    ws.freeze_panes = "A3"
    ws.print_title_rows = "2:2"  # the header row repeats on every printed page
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def to_docx(b: Breakdown) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    section.left_margin = section.right_margin = Cm(1.8)
    head = doc.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = head.add_run(b.title)
    run.bold = True
    run.font.size = Pt(16)
    table = doc.add_table(rows=1, cols=len(b.columns))
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, b.columns):
        cell.text = name
        cell.paragraphs[0].runs[0].bold = True
    for r in b.rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, r):
            cell.text = value
    usable = section.page_width - section.left_margin - section.right_margin
    total = sum(WIDTHS.get(name, 14) for name in b.columns)
    for i, name in enumerate(b.columns):
        for row in table.rows:
            row.cells[i].width = int(usable * WIDTHS.get(name, 14) / total)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


WRITERS = {
    "csv": (to_csv, "text/csv; charset=utf-8"),
    "xlsx": (to_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "docx": (to_docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "md": (to_markdown, "text/markdown; charset=utf-8"),
}
