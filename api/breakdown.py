"""The 任务分工 table as bureaus write it, from a document's tasks, in json/csv/xlsx/docx/md.

Columns: 序号, 重点任务, 牵头单位, 配合单位, 完成时限, 行业领域. A document whose tasks never
split lead from participant gets one 责任单位 column instead of 牵头单位/配合单位. A task with no
stated limit gets the conventional wording (长期坚持 for standing duties, 持续推进 otherwise).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

FREQ_WORDING = {"daily": "每日", "weekly": "每周", "monthly": "每月", "quarterly": "每季度", "yearly": "每年"}
STANDING = re.compile(r"(长期|常态化|持续|始终|坚持|经常性|不断)")


@dataclass
class Breakdown:
    title: str
    columns: list[str]
    rows: list[list[str]]

    def as_dict(self) -> dict:
        return {"title": self.title, "columns": self.columns,
                "rows": [dict(zip(self.columns, r)) for r in self.rows]}


def deadline_wording(task: dict) -> str:
    parts = []
    for d in (task.get("deadlines") or []) + (task.get("undated_deadlines") or []):
        if d.get("type") == "date" and d.get("date"):
            parts.append(f"{d['date']}前")
        elif d.get("type") == "recurring":
            parts.append(FREQ_WORDING.get(d.get("freq"), d.get("text", "")))
        elif d.get("text"):
            parts.append(d["text"])
    if parts:
        return ";".join(dict.fromkeys(parts))
    return "长期坚持" if STANDING.search(task.get("title", "") + task.get("text", "")[:60]) else "持续推进"


def build_breakdown(title: str, tasks: list[dict]) -> Breakdown:
    split = any(a.get("role") in ("lead", "participant") for t in tasks for a in t.get("actors") or [])
    columns = ["序号", "重点任务", "牵头单位", "配合单位", "完成时限", "行业领域"] if split else \
        ["序号", "重点任务", "责任单位", "完成时限", "行业领域"]
    rows = []
    for i, t in enumerate(tasks, 1):
        actors = t.get("actors") or []
        names = lambda roles: "、".join(dict.fromkeys(a["name"] for a in actors if a.get("role") in roles))
        units = [names({"lead", "responsible"}), names({"participant"})] if split else [names({"lead", "responsible", "participant"})]
        rows.append([str(i), t.get("title") or (t.get("text") or "")[:40], *units, deadline_wording(t),
                     "、".join(t.get("sectors") or [])])
    return Breakdown(f"{title}任务分工", columns, rows)


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


WIDTHS = {"序号": 6, "重点任务": 42, "牵头单位": 24, "配合单位": 28, "责任单位": 32, "完成时限": 18, "行业领域": 16}


def to_xlsx(b: Breakdown) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "任务分工"
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
        ws.column_dimensions[get_column_letter(i)].width = WIDTHS.get(name, 16)
    ws.freeze_panes = "A3"
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
    for i, name in enumerate(b.columns):
        for row in table.rows:
            row.cells[i].width = Cm(WIDTHS.get(name, 16) * 0.45)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


WRITERS = {
    "csv": (to_csv, "text/csv; charset=utf-8"),
    "xlsx": (to_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "docx": (to_docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "md": (to_markdown, "text/markdown; charset=utf-8"),
}
