"""Readers: every format and encoding a user brings, fixtures generated from seed text."""

import io

import pytest

from policykg.ingest.model import IngestError
from policykg.ingest.readers import read_document

SIMPLIFIED = "各市应急管理局:\n为进一步做好全省调查评估和统计工作,省应急管理厅制定了《2021年调查评估和统计工作要点》。\n1.建立和完善相关制度标准。\n"
TRADITIONAL = "各市(地)應急管理局:\n為進一步加強安全生產監督檢查,現就有關事項通知如下:\n(一)統籌兼顧,突出重點。\n"


@pytest.mark.parametrize("encoding,text", [
    ("gb18030", SIMPLIFIED), ("gbk", SIMPLIFIED), ("big5", TRADITIONAL), ("utf-16", SIMPLIFIED),
    ("utf-8-sig", SIMPLIFIED), ("utf-8", TRADITIONAL)])
def test_text_encodings_are_detected(tmp_path, encoding, text):
    p = tmp_path / "notice.txt"
    p.write_bytes(text.encode(encoding))
    raw = read_document(p)
    assert raw.text.lstrip("\ufeff") == text
    assert raw.fmt == "txt" and len(raw.sha256) == 64


def test_html_page_keeps_the_article_and_drops_the_page(tmp_path):
    article = "".join(f"<p>{line}</p>" for line in SIMPLIFIED.splitlines())
    html = f"""<html><head><meta charset="gb2312"><title>通知</title></head><body>
      <div class="nav"><a href="/">首页</a> | <a>政务公开</a> | <a>办事服务</a></div>
      <div class="crumb">首页 &gt; 通知公告</div>
      <div class="article"><h1>关于印发2021年调查评估和统计工作要点的通知</h1>{article}
      <p>2.加大挂牌督办和提级调查力度。加大对事故查处的力度,对工矿商贸领域事故实行分级挂牌督办。</p></div>
      <div class="footer">版权所有:山西省应急管理厅 晋ICP备12345号</div></body></html>"""
    p = tmp_path / "page.html"
    p.write_bytes(html.encode("gb18030"))
    raw = read_document(p)
    assert raw.fmt == "html"
    assert "省应急管理厅制定了《2021年调查评估和统计工作要点》" in raw.text
    assert "加大挂牌督办和提级调查力度" in raw.text
    # the <h1> is the circular's title: trafilatura keeps it as metadata only (bug: title lost)
    assert raw.text.startswith("关于印发2021年调查评估和统计工作要点的通知\n")


def test_docx_paragraphs_and_task_table_in_order(tmp_path):
    from docx import Document

    doc = Document()
    doc.add_paragraph("2022年安全生产重点工作任务分工方案")
    table = doc.add_table(rows=2, cols=5)
    for cell, text in zip(table.rows[0].cells, ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"]):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ["1", "开展危险化学品安全风险集中治理", "市应急管理局", "市公安局", "2022年6月底前"]):
        cell.text = text
    doc.add_paragraph("附件:任务清单")
    p = tmp_path / "plan.docx"
    doc.save(p)
    lines = read_document(p).text.split("\n")
    assert lines[0] == "2022年安全生产重点工作任务分工方案"
    assert lines[1].split("\t") == ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"]
    assert lines[2].startswith("1\t开展危险化学品")
    assert lines[3] == "附件:任务清单"


def make_pdf(path, lines=None):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    if lines is None:
        c.rect(100, 100, 200, 200)
    else:
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
        c.setFont("STSong-Light", 12)
        for i, line in enumerate(lines):
            c.drawString(60, 780 - 20 * i, line)
    c.save()


def test_pdf_text_layer(tmp_path):
    p = tmp_path / "notice.pdf"
    make_pdf(p, ["各市应急管理局:", "1.建立和完善相关制度标准。"])
    raw = read_document(p)
    assert raw.fmt == "pdf"
    assert "建立和完善相关制度标准" in raw.text.replace(" ", "")


@pytest.mark.parametrize("name,content,reason", [
    ("empty.txt", b"", "empty file"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
    ("sheet.xls", b"whatever", "not a readable XLS"),
    ("tool.exe", b"MZ whatever", "unsupported file type"),
    ("broken.docx", b"PK\x03\x04 not really a zip", "not a readable DOCX"),
    ("broken.pdf", b"%PDF-1.4 garbage", "not a readable PDF"),
])
def test_bad_input_names_file_and_reason(tmp_path, name, content, reason):
    p = tmp_path / name
    p.write_bytes(content)
    with pytest.raises(IngestError) as exc:
        read_document(p)
    assert reason in str(exc.value) and name in str(exc.value)


def test_pdf_without_text_layer(tmp_path):
    p = tmp_path / "scan.pdf"
    make_pdf(p)
    with pytest.raises(IngestError, match="no text layer"):
        read_document(p)


def test_missing_file(tmp_path):
    with pytest.raises(IngestError, match="no such file"):
        read_document(tmp_path / "nope.txt")


def test_cli_batch_keeps_going_past_a_bad_file(tmp_path):
    from typer.testing import CliRunner

    from policykg.cli import app

    good = tmp_path / "a.txt"
    good.write_text(SIMPLIFIED, encoding="utf-8")
    bad = tmp_path / "bad.bin.txt"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    other = tmp_path / "b.txt"
    other.write_text(SIMPLIFIED.replace("2021", "2022"), encoding="utf-8")
    out = tmp_path / "out"
    res = CliRunner().invoke(app, ["extract", str(good), str(bad), str(other), "--format", "json", "--out", str(out)])
    assert res.exit_code == 1
    assert sorted(p.name for p in out.iterdir()) == ["a.json", "b.json"]
    assert "bad.bin.txt" in res.output and "binary" in res.output
