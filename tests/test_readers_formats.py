"""Readers on files made here: docx merges, xlsx titles/headers/merges, HTML pages, OFD packages,
content sniffing, the attachment list — each checked against the RawTable contract."""

from __future__ import annotations

import io
import zipfile

import pytest

from policykg.ingest.model import IngestError
from policykg.ingest.readers import read_bytes, read_document

from readers_util import REAL, cell, check_table, merged_groups, row_texts


# ---------------------------------------------------------------- docx
def task_docx() -> bytes:
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    doc = Document()
    doc.core_properties.title = "任务分工方案"
    doc.core_properties.author = "市安委办"
    doc.add_paragraph("2022年安全生产重点工作任务分工方案")
    t = doc.add_table(rows=4, cols=4)
    for c, text in zip(t.rows[0].cells, ["重点任务", "牵头单位", "配合单位", "完成时限"]):
        c.text = text
    t.rows[1].cells[0].text = "开展危险化学品安全风险集中治理"
    t.rows[1].cells[1].text = "市应急管理局"
    t.rows[1].cells[2].text = "市公安局\n市交通局"
    t.rows[1].cells[3].text = "2022年6月底前"
    t.rows[2].cells[0].text = "推进城镇燃气安全排查整治"
    t.rows[2].cells[1].merge(t.rows[3].cells[1])  # one lead body down two rows
    t.rows[2].cells[1].text = "市住建局"
    t.rows[3].cells[0].text = "开展消防安全专项检查"
    t.rows[2].cells[2].merge(t.rows[2].cells[3]).text = "各区政府 长期坚持"  # across two columns
    t.rows[3].cells[3].text = "2022年12月底前"
    trpr = t.rows[0]._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:tblHeader"))
    doc.add_paragraph("附件：1. 任务清单")
    doc.add_paragraph("2. 责任分工表")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def test_docx_merged_cells_share_one_span_and_header_is_declared():
    raw = read_bytes(task_docx(), "plan.docx", ".docx")
    assert raw.fmt == "docx" and raw.props["title"] == "任务分工方案" and raw.props["author"] == "市安委办"
    (table,) = raw.tables
    check_table(raw.text, table)
    assert len(table.rows) == 4 and len(table.rows[0]) == 4 and table.header_rows == 1
    assert table.rows[2][1] == table.rows[3][1] and cell(raw.text, table, 3, 1) == "市住建局"
    assert table.rows[2][2] == table.rows[2][3] and cell(raw.text, table, 2, 3) == "各区政府 长期坚持"
    assert cell(raw.text, table, 1, 2) == "市公安局 市交通局"  # a line break inside a cell: a space
    assert raw.text.count("市住建局") == 1  # a merged cell's text is written once
    assert len(merged_groups(table)) == 2
    assert raw.attachments == ["任务清单", "责任分工表"]


def test_docx_named_doc_is_read_as_docx(tmp_path):
    p = tmp_path / "plan.doc"
    p.write_bytes(task_docx())
    raw = read_document(p)
    assert raw.fmt == "docx" and "开展危险化学品安全风险集中治理" in raw.text


# ---------------------------------------------------------------- xlsx
def task_xlsx() -> bytes:
    import openpyxl
    from openpyxl.styles import Font

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "任务分工"
    ws["A1"] = "附件1"
    ws["A2"] = "2022年重点工作任务分工表"
    ws.merge_cells("A2:E2")
    header = ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"]
    for j, h in enumerate(header, start=1):
        ws.cell(3, j, h).font = Font(bold=True)
    rows = [[1, "开展危险化学品安全风险集中治理", "市应急管理局", "市公安局", "2022年6月底前"],
            [2, "推进城镇燃气安全排查整治", "市住建局", "各区政府", 44926.0],
            [3, "开展消防安全专项检查", None, "市消防救援支队", "长期坚持"]]
    for i, r in enumerate(rows, start=4):
        for j, v in enumerate(r, start=1):
            ws.cell(i, j, v)
    ws.merge_cells("C5:C6")  # 市住建局 leads both
    ws.cell(4, 4).value = "市公安局\n市交通运输局"
    empty = wb.create_sheet("Sheet2")
    assert empty.max_row == 1
    wb.properties.title = "分工表"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_xlsx_title_rows_are_text_header_is_bold_merges_repeat():
    raw = read_bytes(task_xlsx(), "tasks.xlsx", ".xlsx")
    lines = raw.text.split("\n")
    assert lines[:2] == ["附件1", "2022年重点工作任务分工表"]
    (table,) = raw.tables  # the empty sheet is no table
    check_table(raw.text, table)
    assert table.name == "任务分工" and len(table.rows) == 4 and len(table.rows[0]) == 5 and table.header_rows == 1
    assert row_texts(raw.text, table, 0) == ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"]
    assert table.rows[2][2] == table.rows[3][2] and cell(raw.text, table, 3, 2) == "市住建局"
    assert cell(raw.text, table, 1, 3) == "市公安局 市交通运输局"
    assert cell(raw.text, table, 1, 0) == "1" and cell(raw.text, table, 2, 4) == "44926"  # numbers as written
    assert raw.props["title"] == "分工表"


def test_xlsx_frozen_rows_are_the_header():
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["任务", "责任单位", "时限"])
    ws.append(["", "牵头", "配合"])
    ws.append(["排查整治", "市应急局", "6月底前"])
    ws.freeze_panes = "A3"
    buf = io.BytesIO()
    wb.save(buf)
    raw = read_bytes(buf.getvalue(), "t.xlsx", ".xlsx")
    assert raw.tables[0].header_rows == 2


# ---------------------------------------------------------------- html
PAGE = """<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<meta name="ArticleTitle" content="关于印发2022年安全生产工作要点的通知"><meta name="PubDate" content="2022-03-01 09:00">
<meta name="ContentSource" content="某市应急管理局"><title>通知_某市应急管理局</title></head>
<body><div class="top"><a href="/">首页</a> <a href="/zwgk/">政务公开</a> <a href="/bsfw/">办事服务</a></div>
<table width="100%"><tr><td><div class="crumb">当前位置：首页 &gt; 通知公告</div></td></tr></table>
<div class="main"><h1>关于印发2022年安全生产工作要点的通知</h1>
<div class="TRS_Editor"><p>各区应急管理局，市直有关单位：</p>
<p>现将《2022年安全生产工作要点》印发给你们，请结合实际认真贯彻落实。各单位要明确责任分工，细化工作措施，确保各项任务按期完成。</p>
<p>一、强化安全生产责任落实。严格落实党政领导干部安全生产责任制，压实企业主体责任。</p>
<table border="1"><thead><tr><th>序号</th><th>重点任务</th><th>牵头单位</th><th>完成时限</th></tr></thead>
<tbody><tr><td>1</td><td>开展危险化学品<br>安全风险集中治理</td><td rowspan="2">市应急管理局</td><td>6月底前</td></tr>
<tr><td>2</td><td>推进工贸行业粉尘涉爆整治</td><td>9月底前</td></tr>
<tr><td colspan="2">其他任务</td><td>各区政府</td><td>长期坚持</td></tr></tbody></table>
<p>附件：<a href="/files/P020220301.doc">2022年安全生产工作要点.doc</a></p>
<p><a href="/files/P020220302.xls">附件2：任务分工表</a></p></div></div>
<div class="foot">主办：某市应急管理局 <a href="/about.html">网站地图</a></div>
<script>var x = "不该出现的脚本";</script></body></html>"""


def test_html_page_article_table_attachments_and_meta():
    raw = read_bytes(PAGE.encode("gb18030"), "page.htm", ".htm")
    assert raw.fmt == "html" and raw.encoding == "gb18030"
    assert raw.text.startswith("关于印发2022年安全生产工作要点的通知\n")
    assert "各区应急管理局，市直有关单位：" in raw.text and "严格落实党政领导干部安全生产责任制" in raw.text
    for furniture in ("办事服务", "网站地图", "不该出现的脚本", "当前位置"):
        assert furniture not in raw.text
    (table,) = raw.tables
    check_table(raw.text, table)
    assert len(table.rows) == 4 and len(table.rows[0]) == 4 and table.header_rows == 1
    assert cell(raw.text, table, 1, 1) == "开展危险化学品 安全风险集中治理"
    assert table.rows[1][2] == table.rows[2][2] and cell(raw.text, table, 2, 2) == "市应急管理局"  # rowspan
    assert table.rows[3][0] == table.rows[3][1] and cell(raw.text, table, 3, 0) == "其他任务"  # colspan
    assert cell(raw.text, table, 2, 3) == "9月底前"
    assert "2022年安全生产工作要点.doc </files/P020220301.doc>" in raw.attachments
    assert "附件2：任务分工表 </files/P020220302.xls>" in raw.attachments
    assert raw.props["title"] == "关于印发2022年安全生产工作要点的通知"
    assert raw.props["published"] == "2022-03-01 09:00" and raw.props["source"] == "某市应急管理局"


def test_html_saved_as_txt_is_read_as_html(tmp_path):
    p = tmp_path / "page.txt"
    p.write_bytes(PAGE.encode("gb18030"))
    raw = read_document(p)
    assert raw.fmt == "html" and "<p>" not in raw.text and raw.tables


# ---------------------------------------------------------------- sniffing
def test_pdf_bytes_named_txt_are_read_as_pdf(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    p = tmp_path / "notice.txt"
    c = canvas.Canvas(str(p), pagesize=A4)
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c.setFont("STSong-Light", 12)
    c.drawString(60, 780, "各市应急管理局：请于6月底前完成排查。")
    c.save()
    raw = read_document(p)
    assert raw.fmt == "pdf" and "请于6月底前完成排查" in raw.text


# ---------------------------------------------------------------- OFD
OFD_NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'


def make_ofd(pages: list[list[tuple[float, float, str, str | None]]], title: str = "关于开展安全生产大检查的通知") -> bytes:
    """A minimal GB/T 33190 package: OFD.xml (DocInfo), Document.xml (pages), one Content.xml a page.
    Each text item: (x mm, y mm baseline, text, DeltaX or None)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("OFD.xml", f"""<?xml version="1.0" encoding="UTF-8"?>
<ofd:OFD {OFD_NS} Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>0c9ad3e8</ofd:DocID>
<ofd:Title>{title}</ofd:Title><ofd:Author>某省应急管理厅</ofd:Author><ofd:CreationDate>2022-05-06</ofd:CreationDate>
<ofd:Keywords><ofd:Keyword>安全生产</ofd:Keyword><ofd:Keyword>大检查</ofd:Keyword></ofd:Keywords>
</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>""")
        page_refs = "".join(f'<ofd:Page ID="{i + 10}" BaseLoc="Pages/Page_{i}/Content.xml"/>' for i in range(len(pages)))
        zf.writestr("Doc_0/Document.xml", f"""<?xml version="1.0" encoding="UTF-8"?>
<ofd:Document {OFD_NS}><ofd:CommonData><ofd:MaxUnitID>99</ofd:MaxUnitID><ofd:PageArea>
<ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes>
</ofd:CommonData><ofd:Pages>{page_refs}</ofd:Pages></ofd:Document>""")
        for i, items in enumerate(pages):
            objs = []
            for k, (x, y, text, dx) in enumerate(items):
                delta = f' DeltaX="{dx}"' if dx else ""
                objs.append(f'<ofd:TextObject ID="{100 + k}" Boundary="{x} {y - 5} 170 8" Font="3" Size="5.6">'
                            f'<ofd:TextCode X="0" Y="5"{delta}>{text}</ofd:TextCode></ofd:TextObject>')
            zf.writestr(f"Doc_0/Pages/Page_{i}/Content.xml", f"""<?xml version="1.0" encoding="UTF-8"?>
<ofd:Page {OFD_NS}><ofd:Content><ofd:Layer ID="2">{''.join(objs)}</ofd:Layer></ofd:Content></ofd:Page>""")
    return buf.getvalue()


def test_ofd_text_lines_and_docinfo():
    data = make_ofd([
        [(30, 40, "关于开展安全生产大检查的通知", "g 13 5.6"), (20, 55, "各市应急管理局：", None),
         (30, 65, "请于", "5.6 5.6"), (41.2, 65, "6月底前", "2.8 5.6 5.6"), (64, 65, "完成排查。", None)],
        [(20, 40, "附件：检查表", None), (150, 60, "某省应急管理厅", None)],
    ])
    raw = read_bytes(data, "notice.ofd", ".ofd")
    assert raw.fmt == "ofd"
    assert raw.text.split("\n")[:3] == ["关于开展安全生产大检查的通知", "各市应急管理局：", "请于6月底前完成排查。"]
    assert "附件：检查表" in raw.text and raw.attachments == ["检查表"]
    assert raw.props["title"] == "关于开展安全生产大检查的通知" and raw.props["author"] == "某省应急管理厅"
    assert raw.props["created"] == "2022-05-06" and raw.props["keywords"] == "安全生产, 大检查"


def test_ofd_delta_shorthand():
    from policykg.ingest.readers.ofd import deltas

    assert deltas("g 3 2.5 1 g 2 4") == [2.5, 2.5, 2.5, 1.0, 4.0, 4.0]
    assert deltas("x 1 g") == [1.0]


def test_ofd_missing_part_is_a_clear_error():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("OFD.xml", f'<ofd:OFD {OFD_NS}><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>'
                               '</ofd:DocBody></ofd:OFD>')
    with pytest.raises(IngestError) as exc:
        read_bytes(buf.getvalue(), "x.ofd", ".ofd")
    assert exc.value.code == "corrupt" and "Document.xml" in exc.value.reason


# ---------------------------------------------------------------- attachments, converter
def test_attachment_block_lists_each_name():
    from policykg.ingest.readers.builder import attachment_lines

    text = "正文。\n附件：1．任务分工表\n      2．检查表\n3. 联系人名单\n\n附件1\n任务分工表\n"
    assert attachment_lines(text.replace("      ", "")) == ["任务分工表", "检查表", "联系人名单"]
    assert attachment_lines("附件：检查表\n") == ["检查表"]
    assert attachment_lines("附件1：任务分工表\n") == []  # the annex itself, not a list


@pytest.mark.skipif(not (REAL / "f01.doc").exists(), reason="../shared/realfiles not present")
def test_doc_without_libreoffice_names_what_to_install(monkeypatch):
    monkeypatch.setenv("POLICYKG_SOFFICE", "")
    with pytest.raises(IngestError) as exc:
        read_document(REAL / "f01.doc")
    assert exc.value.code == "converter_missing" and "libreoffice-writer-nogui" in exc.value.reason


def test_sheet_formatted_far_beyond_its_values_is_read_by_its_values():
    """Whole columns formatted down the sheet (common) must not make a small table 'too large'."""
    import openpyxl
    from dataclasses import replace
    from openpyxl.styles import Font

    from policykg.ingest.readers import Limits

    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"], ws["B1"], ws["A2"], ws["B2"] = "任务", "单位", "排查", "市应急局"
    for r in range(1, 3000):
        ws.cell(r, 400).font = Font(bold=True)
    buf = io.BytesIO()
    wb.save(buf)
    raw = read_bytes(buf.getvalue(), "f.xlsx", ".xlsx", limits=replace(Limits.from_env(), max_cells=100_000))
    assert [(len(t.rows), len(t.rows[0])) for t in raw.tables] == [(2, 2)]


def test_ingest_error_crosses_processes_with_its_code():
    import pickle

    err = pickle.loads(pickle.dumps(IngestError("a.pdf", "the PDF is encrypted", code="encrypted")))
    assert (err.path, err.reason, err.code, str(err)) == ("a.pdf", "the PDF is encrypted", "encrypted",
                                                          "a.pdf: the PDF is encrypted")
