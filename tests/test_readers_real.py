"""Every real file of ../shared/realfiles: the facts of its sources.tsv row a reader can show.

Read where they are (the repository keeps no copies); skipped when the folder is absent.
The .doc/.xls tests need LibreOffice and the scanned-PDF test an OCR engine, both installed
by `make run` / `make test`.
"""

from __future__ import annotations

import shutil

import pytest

from policykg.ingest.readers import read_document

from readers_util import REAL, cell, check_table, merged_groups, row_texts

pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/realfiles not present")
needs_soffice = pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")),
                                   reason="LibreOffice not installed (make test installs it)")


_cache: dict[str, object] = {}


def read(name: str):
    if name not in _cache:
        _cache[name] = read_document(REAL / name)
    return _cache[name]


@needs_soffice
def test_f01_doc_red_head_circular_with_its_tables():
    raw = read("f01.doc")
    assert raw.fmt == "doc"
    for fact in ["无锡市安全生产监督管理局文件", "锡安监规〔2017〕1号", "关于印发《无锡市化工（危险化学品）企业",
                 "安全风险评估和分级办法》的通知", "各市（县）、区安监局，新吴区安监环保局：", "确保于10月20日前完成",
                 "企业应于每年11月底前完成安全风险等级评估工作", "于每年12月底前公告辖区内企业的安全风险等级",
                 "R=12，16，红色重大风险企业", "无锡市安全生产监督管理局办公室", "2017年9月21日印发"]:
        assert fact in raw.text, fact
    # the annex's scoring tables and the 4x4 risk matrix stay tables
    shapes = [(len(t.rows), len(t.rows[0])) for t in raw.tables]
    assert (6, 6) in shapes and (5, 8) in shapes
    matrix = next(t for t in raw.tables if (len(t.rows), len(t.rows[0])) == (6, 6))
    check_table(raw.text, matrix)
    assert cell(raw.text, matrix, 0, 2) == "事故后果的严重性（S）"
    assert matrix.rows[0][2] == matrix.rows[0][5]  # merged across the four S columns: one span
    assert matrix.rows[2][0] == matrix.rows[5][0]  # 事故发生的可能性（L） merged down four rows
    assert raw.props["converted_by"] == "LibreOffice" and raw.props["created"].startswith("2017-09-15")
    assert "无锡市化工（危险化学品）企业安全风险评估和分级办法" in raw.attachments


@needs_soffice
def test_f02_doc_one_large_multilevel_table():
    raw = read("f02.doc")
    (table,) = raw.tables
    check_table(raw.text, table)
    assert len(table.rows) == 52 and len(table.rows[0]) == 7 and table.header_rows == 1
    assert row_texts(raw.text, table, 0)[:4] == ["Ⅰ级隐患自查标准", "Ⅱ级隐患自查标准", "Ⅲ级隐患自查标准", "Ⅳ级隐患自查标准"]
    for fact in ["剥离工作面应当超前于开采工作面4米以上", "浅眼爆破时分层高度不超过6米", "中深孔爆破时分层高度不超过20米",
                 "最大不得超过60度", "《爆破安全规程》(GB6722)"]:
        assert fact in raw.text, fact
    # 现场安全 is one cell down the first column; 具体描述 spans two columns
    assert table.rows[1][0] == table.rows[30][0]
    assert table.rows[1][4] == table.rows[1][5]


@needs_soffice
def test_f03_xls_sheet_as_a_table_with_its_merged_ranges():
    raw = read("f03.xls")
    assert raw.fmt == "xls"
    # Sheet1 is 86 x 6: the merged title row is a line of text, the other 85 rows the table
    assert raw.text.split("\n")[0] == "无锡市化工企业事故隐患排查治理标准"
    (table,) = raw.tables  # Sheet2/Sheet3 are empty
    check_table(raw.text, table)
    assert table.name == "Sheet1" and len(table.rows) == 85 and len(table.rows[0]) == 6
    assert table.header_rows == 1 and cell(raw.text, table, 0, 0) == "Ⅰ级隐患自查标准"
    # 37 merged ranges in the sheet: the title's, and 36 repeated inside the table
    assert len(merged_groups(table)) == 36
    assert table.rows[1][1] == table.rows[27][1]  # B3:B29 生产设备设施及工艺
    assert cell(raw.text, table, 1, 1) == "生产设备设施及工艺"
    assert table.rows[84][0] == table.rows[84][3]  # A86:D86 the 适用于 note
    for fact in ["至少每半年进行一次演练", "防雷装置检测应当每年一次", "爆炸危险环境场所的防雷装置应当每半年检测一次",
                 "安监总局令第40号）第三章"]:
        assert fact in raw.text, fact


def test_f04_pdf_catalogue_one_table_over_115_pages():
    raw = read("f04.pdf")
    assert raw.props["title"] == "附件1"
    assert "危险化学品目录" in raw.text and "二〇一五年二月" in raw.text
    (table,) = raw.tables  # continued on every page: declared once
    check_table(raw.text, table)
    assert len(table.rows[0]) == 5 and table.header_rows == 1
    assert row_texts(raw.text, table, 0) == ["序号", "品名", "别名", "CAS号", "备注"]
    rows = {row_texts(raw.text, table, r)[0]: row_texts(raw.text, table, r) for r in range(len(table.rows))}
    assert rows["2"] == ["2", "氨", "液氨；氨气", "7664-41-7", ""]
    assert rows["1688"] == ["1688", "氰化钠", "山奈", "143-33-9", "剧毒"]
    # wrapped lines of one cell joined without the soft breaks
    assert rows["2828"][1] == "含易燃溶剂的合成树脂、油漆、辅助材料、涂料等制品[闭杯闪点≤60℃]"
    # every entry is a row (the source itself misprints three numbers: 1851 for 1951, 718 and 2009 twice)
    assert len({str(n) for n in range(1, 2829)} - set(rows)) <= 3
    # one 序号 over several concentrations: the same span down the merged rows
    assert len(merged_groups(table)) > 50


def test_f04_cells_are_keyed_by_their_page_not_by_an_object_id():
    """Bug (one clean-clone run in seven lost 12 of f04's 2,828 rows): a cell's key held the id
    of pdfplumber's table object, which Python reuses once that object is freed, so a page's
    cell could take the span of the cell at the same place on the page before. Keys now name
    the page: the same page read twice gives the same keys, two pages never share one."""
    import pdfplumber

    from policykg.ingest.readers.pdf import PdfTable, read_page

    def keys(pdf, number: int) -> set:
        page = pdf.pages[number - 1]
        content = read_page(page, number)
        page.close()
        return {cell.key for t in content.items if isinstance(t, PdfTable) for row in t.grid for cell in row if cell}

    with pdfplumber.open(REAL / "f04.pdf") as pdf:
        first, second, first_again = keys(pdf, 5), keys(pdf, 6), keys(pdf, 5)
    assert first and second and not first & second
    assert first == first_again


def test_f05_pdf_noisy_layer_joined_and_tables_per_part():
    raw = read("f05.pdf")
    text = raw.text
    assert "为进一步强化安全生产基础能力建设，提高纺织行业企业风险防范能力，" in text  # punctuation back in its line
    assert "纺织行业较大危险因素辨识\n与防范指导手册\n二○一六年二月" in text
    for part in ["一、棉（麻、毛、丝绢和针织）纺织加工", "二、染整加工", "三、服装行业", "四、非家用纺织制成品行业", "五、公共部分"]:
        assert part in text
    assert len(raw.tables) == 5  # one per part, each continued over its （续表） pages
    for t in raw.tables:
        check_table(text, t)
        assert len(t.rows[0]) == 6 and t.header_rows == 1  # the 黑体 header row over 宋体 rows
    first = raw.tables[0]
    assert row_texts(text, first, 0)[:4] == ["序号", "场所／环节／部位", "较大危险因素", "易发生的事故类型"]
    dust = next(row_texts(text, first, r) for r in range(len(first.rows)) if row_texts(text, first, r)[1] == "滤尘室")
    assert dust[0] == "４" and all(k in dust[3] for k in ("其他爆炸", "火灾", "中毒和窒息"))
    assert any("先通风、再检测、后作业" in text[s:e] for t in raw.tables for row in t.rows for s, e in row)


def test_f10_pdf_text_layer():
    raw = read("f10.pdf")
    for fact in ["发改办财金规〔2019〕860号", "关于加强个人所得税纳税信用建设的通知", "国家发展改革委办公厅\n税务总局办公厅\n2019年8月20日",
                 "五、强化组织实施"]:
        assert fact in raw.text, fact
    assert raw.text.startswith("发展改革委办公厅\n文件\n税务总局办公厅\n")  # the letter-spaced issuer joined
    assert not raw.ocr


def test_f10_scanned_pdf_is_read_by_ocr_with_accuracy():
    from pypdf import PdfReader

    from policykg.ingest.readers.ocr import character_accuracy, get_engine

    if get_engine() is None:
        pytest.skip("no OCR engine installed")
    raw = read("f10-scanned.pdf")
    assert [p.page for p in raw.ocr] == [1, 2] and all(p.confidence > 0.9 for p in raw.ocr)
    for fact in ["发改办财金规〔2019〕860号", "关于加强个人所得税纳税信用建设的通知", "一、总体要求"]:
        assert fact in raw.text, fact
    reference = "".join(p.extract_text() for p in PdfReader(REAL / "f10.pdf").pages[:2])
    accuracy = character_accuracy(raw.text, reference)
    assert accuracy >= 0.95, accuracy
    s, e = raw.ocr[0].span
    assert "发改办财金规" in raw.text[s:e]


def test_f11_docx_form_is_one_table_and_no_prose():
    raw = read("f11.docx")
    (table,) = raw.tables
    check_table(raw.text, table)
    assert len(table.rows) == 18 and len(table.rows[0]) == 14
    assert len(set(table.rows[0])) == 1 and cell(raw.text, table, 0, 0).startswith("单位:")  # one cell over 14 columns
    assert table.rows[1][0] == table.rows[2][0]  # 既往病史 down two rows
    labs = [cell(raw.text, table, r, 2) for r in range(len(table.rows))]
    assert {"痢疾杆菌", "伤寒或副伤寒", "谷丙转氨酶"} <= set(labs)
    assert "河北省食品药品从业人员健康检查表" in raw.text
    assert "发现谷丙转氨酶异常的，加做HAV-IgM、HEV-IgM两个指标" in raw.text
    outside = [ln for ln in raw.text.split("\n") if ln.strip() and "\t" not in ln]
    # 附件1：, the photo box (vertical text 一寸照片), title, date/number line, the note: no prose body
    assert len(outside) <= 5 and "一寸照片" in outside


def test_f11_gives_no_tasks():
    from policykg.nlp.extract import extract_path

    record = extract_path(REAL / "f11.docx")
    assert record["tasks"] == []


@pytest.mark.parametrize("name,facts", [
    ("f12.txt", ["一、总体要求", "九、保障措施", "（二十四）", "到2025年", "深入落实“河长制”，全面推行“林长制”"]),
    ("f13.txt", ["到2020年", "到2035年", "到2050年", "将2018年作为脱贫攻坚作风建设年", "第二轮土地承包到期后再延长30年",
                 "十二、坚持和完善党对“三农”工作的领导"]),
])
def test_plain_text_files(name, facts):
    raw = read(name)
    assert raw.fmt == "txt" and raw.encoding == "utf-8"
    for fact in facts:
        assert fact in raw.text, fact
    assert raw.text == (REAL / name).read_bytes().decode("utf-8-sig" if name == "f12.txt" else "utf-8") \
        or raw.text.lstrip("\ufeff") == (REAL / name).read_bytes().decode("utf-8-sig")


def test_pdf_mixing_text_and_scanned_pages(tmp_path, monkeypatch):
    """Only the pages without a text layer go to OCR; past POLICYKG_OCR_MAX_PAGES the rest are
    listed as unread instead of failing the document."""
    from pypdf import PdfReader, PdfWriter

    from policykg.ingest.readers.ocr import get_engine

    if get_engine() is None:
        pytest.skip("no OCR engine installed")
    w = PdfWriter()
    w.add_page(PdfReader(REAL / "f10.pdf").pages[2])
    for page in PdfReader(REAL / "f10-scanned.pdf").pages:
        w.add_page(page)
    p = tmp_path / "mixed.pdf"
    with open(p, "wb") as fh:
        w.write(fh)
    monkeypatch.setenv("POLICYKG_OCR_MAX_PAGES", "1")
    raw = read_document(p)
    assert [o.page for o in raw.ocr] == [2] and raw.props["ocr_skipped_pages"] == "3"
    s, e = raw.ocr[0].span
    assert "发改办财金规〔2019〕860号" in raw.text[s:e]
    assert raw.text.index("发改办财金规") > 100  # after page 1's text layer
