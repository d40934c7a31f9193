"""Office readers (docx, doc, html, rtf) on documents built here and on the real dev files."""
import io
import struct
import unicodedata

import pytest

import cchc_extract as c
from cchc_extract.pipeline import parse_bytes
from cchc_extract.read import ReadError, read_bytes
from cchc_extract.read.doc import read_doc
from cchc_extract.read.docx import read_docx
from cchc_extract.read.html import read_html
from cchc_extract.read.rtf import read_rtf
from cchc_extract.repair import encode_tcvn3, encode_vni

# ------------------------------------------------------------------------- docx (generated)


def _no_borders(table):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tblpr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tblpr.append(borders)


@pytest.fixture(scope="module")
def cv_docx() -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "HEADER TEXT MUST NOT APPEAR"
    d.sections[0].footer.paragraphs[0].text = "FOOTER TEXT MUST NOT APPEAR"
    t = d.add_table(rows=2, cols=2)
    _no_borders(t)
    t.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG"  # python-docx makes a w:br of \n
    t.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    t.cell(1, 0).text = "Số: 12/QĐ-UBND"
    t.cell(1, 1).text = "Lâm Đồng, ngày 5 tháng 1 năm 2026"
    p = d.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run("QUYẾT ĐỊNH").bold = True
    d.add_heading("Chương I. QUY ĐỊNH CHUNG", level=2)
    d.add_paragraph("Phạm vi điều chỉnh", style="List Number")
    d.add_paragraph("Đối tượng áp dụng", style="List Number")
    legacy = d.add_paragraph()
    legacy.add_run(encode_tcvn3("Đảng bộ cơ quan UBND huyện Lệ Thủy")).font.name = ".VnTime"
    upper = d.add_paragraph()
    upper.add_run(encode_tcvn3("cộng hòa xã hội")).font.name = ".VnTimeH"
    vni = d.add_paragraph()
    vni.add_run(encode_vni("Tiếng Việt rất hay")).font.name = "VNI-Times"
    data = d.add_table(rows=3, cols=3)
    data.style = "Table Grid"
    for r in range(3):
        for col in range(3):
            data.cell(r, col).text = f"r{r}c{col}"
    data.cell(1, 0).merge(data.cell(2, 0))  # vertical merge: emitted once
    sig = d.add_table(rows=1, cols=2)
    _no_borders(sig)
    sig.cell(0, 0).text = "Nơi nhận:"
    sig.cell(0, 1).text = "TM. ỦY BAN NHÂN DÂN"
    d.add_paragraph("Dòng cuối")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_docx_order_tables_and_cues(cv_docx):
    raw = read_docx(cv_docx)
    texts = [b.text for b in raw.blocks]
    assert not any("MUST NOT APPEAR" in t for t in texts)
    assert texts.index("ỦY BAN NHÂN DÂN") < texts.index("QUYẾT ĐỊNH") < texts.index("Dòng cuối")
    assert "\n" not in "".join(texts)
    # soft line break in a cell -> two blocks of the same cell
    a, b = (next(x for x in raw.blocks if x.text == t) for t in ("ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG"))
    assert (a.table, a.row, a.col) == (b.table, b.row, b.col) == (0, 0, 0)
    num = next(x for x in raw.blocks if x.text.startswith("Số:"))
    assert (num.table, num.row, num.col, num.layout_table) == (0, 1, 0, True)
    title = next(x for x in raw.blocks if x.text == "QUYẾT ĐỊNH")
    assert title.bold and title.align == "center" and title.table is None
    assert next(x for x in raw.blocks if x.text.startswith("Chương I")).heading == 2
    labels = [x.list_label for x in raw.blocks if x.text in ("Phạm vi điều chỉnh", "Đối tượng áp dụng")]
    assert labels == ["1.", "2."]


def test_docx_data_table_and_merged_cells(cv_docx):
    raw = read_docx(cv_docx)
    cells = [b for b in raw.blocks if b.table == 1]
    assert cells and not any(b.layout_table for b in cells)  # bordered data table
    # python-docx moves the merged cell's text into the first cell; the continuation is skipped
    assert [b.text for b in cells if b.col == 0 and b.row in (1, 2)] == ["r1c0", "r2c0"]
    assert all(b.row == 1 for b in cells if b.text in ("r1c0", "r2c0"))
    assert next(b for b in cells if b.text == "r2c2").row == 2
    sig = [b for b in raw.blocks if b.table == 2]
    assert sig and all(b.layout_table for b in sig)


def test_docx_legacy_fonts_repaired(cv_docx):
    doc = parse_bytes(cv_docx, "cv.docx")
    assert "Đảng bộ cơ quan UBND huyện Lệ Thủy" in doc.text
    assert "CỘNG HÒA XÃ HỘI\n" in doc.text  # .VnTimeH: lower-case codes are capitals
    assert "Tiếng Việt rất hay" in doc.text
    assert doc.source.encoding == "mixed"


def test_docx_errors():
    with pytest.raises(ReadError, match="not a valid zip"):
        read_docx(b"PK\x03\x04 truncated garbage")
    buf = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(ReadError, match="Excel"):
        read_docx(buf.getvalue())
    doc = parse_bytes(b"PK\x03\x04 truncated", "x.docx")
    assert doc.status == "error" and "re-save" in doc.errors[0]["message"]


# ------------------------------------------------------------------------- html / rtf (generated)


def _cp1258(s: str) -> bytes:
    """Windows-1258 as Word writes it: base letter (with its hat/horn) + combining tone."""
    out = []
    for ch in unicodedata.normalize("NFC", s):
        d = unicodedata.normalize("NFD", ch)
        tones = [m for m in d if m in "\u0300\u0301\u0303\u0309\u0323"]
        rest = unicodedata.normalize("NFC", "".join(m for m in d if m not in tones))
        out.append(rest + "".join(tones))
    return "".join(out).encode("cp1258")


def test_html_windows1258_tables_and_cues():
    html = ("<html><head><meta http-equiv=Content-Type content='text/html; charset=windows-1258'>"
            "<title>skip me</title><style>p{}</style></head><body>"
            "<p align=center><b>KẾ HOẠCH</b></p><p>Dòng một<br>Dòng hai</p>"
            "<table border=1><tr><td rowspan=2>Thứ hai</td><td>Sáng</td></tr>"
            "<tr><td>Chiều</td></tr></table>"
            "<p style='font-style:italic'>Ghi chú</p><h2>Mục 1</h2></body></html>")
    raw = read_html(_cp1258(html))

    texts = [unicodedata.normalize("NFC", b.text) for b in raw.blocks]
    assert texts == ["KẾ HOẠCH", "Dòng một", "Dòng hai", "Thứ hai", "Sáng", "Chiều", "Ghi chú", "Mục 1"]
    kh = raw.blocks[0]
    assert kh.bold and kh.align == "center"
    chieu = raw.blocks[5]
    assert (chieu.table, chieu.row, chieu.col) == (0, 1, 1)  # the rowspan cell holds column 0
    assert raw.blocks[6].italic and raw.blocks[7].heading == 2


def test_rtf_unicode_hex_tables_and_skipped_destinations():
    pict = "{\\pict\\pngblip " + "89504e47" * 20000 + "}"
    rtf = ("{\\rtf1\\ansi\\ansicpg1252\\uc1{\\fonttbl{\\f0\\fnil Times New Roman;}{\\f1\\fnil .VnTime;}}"
           "{\\info{\\title skip me}}{\\*\\generator Writer;}"
           "\\pard\\qc{\\b PHI\\u7870?U TR\\'ccNH}\\par " + pict +
           "\\pard C\\u244?ng \\u273?i\\u7879?n s\\u7889? 131/C\\u272?-TTg\\par"
           "{\\f1 " + encode_tcvn3("Đảng bộ").replace("§", "\\'a7").replace("¶", "\\'b6").replace("é", "\\'e9") + "}\\par"
           "\\trowd\\cellx1000\\cellx2000\\pard\\intbl A1\\cell B1\\cell\\row"
           "\\trowd\\cellx1000\\cellx2000\\pard\\intbl A2\\cell B2\\cell\\row\\pard Sau b\\'e1ng\\par}")
    raw = read_rtf(rtf.encode("latin-1"))
    texts = [b.text for b in raw.blocks]
    assert texts[:3] == ["PHIẾU TRÌNH", "Công điện số 131/CĐ-TTg", "Đảng bộ"]
    assert raw.blocks[0].bold and raw.blocks[0].align == "center"
    cells = [(b.text, b.row, b.col) for b in raw.blocks if b.table is not None]
    assert cells == [("A1", 0, 0), ("B1", 0, 1), ("A2", 1, 0), ("B2", 1, 1)]
    assert texts[-1] == "Sau báng" and "skip me" not in " ".join(texts)


def test_rtf_not_rtf():
    with pytest.raises(ReadError):
        read_rtf(b"hello")


# ------------------------------------------------------------------------- real dev files

OFFICE = [
    ("vbai_lamdong/BAO CAO CCHC NAM 2025.docx", "docx", "Công tác cải cách hành chính năm 2025"),
    ("vbai_lamdong/TTr BC CCHC nam 2025.docx", "docx", "UBND TỈNH LÂM ĐỒNG"),
    ("hpbaotho_qlvb2011/Du thao VB_MOI.docx", "docx", "Uỷ ban nhân dân các tỉnh"),
    ("hpbaotho_qlvb2011/QD15UB.DOC", "doc", "Số: 15/2010/QĐ-UBND"),
    ("hpbaotho_qlvb2011/CT9UB.DOC", "doc", "Số: 09/2009/CT-UBND"),
    ("lawintech_duthao/0f5d24476f004ccea76cf129172054b2.doc", "doc", "Nơi nhận"),
    ("tuanhud_uit/8.congvantuyentruyendaihoixic.doc", "doc", "Nơi nhận"),
    ("vbai_lamdong/Giấy mời họp CCHC.doc", "doc", "GIẤY MỜI"),
    ("hpbaotho_qlvb2011/Ke_hoach_tap_huan.doc", "html", "LỊCH LÀM VIỆC CÁ NHÂN"),
    ("vbai_lamdong/phieu trinh ky vb cong dien ve cat giam, don gian hoa tthc.rtf", "rtf",
     "PHIẾU TRÌNH GIẢI QUYẾT CÔNG VIỆC"),
]


@pytest.mark.parametrize("rel,fmt,needle", OFFICE)
def test_dev_office_files(dev_dir, rel, fmt, needle):
    doc = c.parse(str(dev_dir / rel))
    assert doc.status == "ok", doc.errors
    assert doc.source.format == fmt
    assert needle in doc.text
    assert doc.source.encoding == "unicode"
    for junk in ("HYPERLINK", "MERGEFORMAT", "\x13", "\x07", "\ufffd"):
        assert junk not in doc.text


def test_dev_tcvn3_doc_reads_as_vietnamese(dev_dir):
    doc = c.parse(str(dev_dir / "hpbaotho_qlvb2011/KDIEM DANG VIEN 2011 PHU TTRA.doc"))
    assert doc.source.encoding == "tcvn3"
    assert "Đảng bộ cơ quan UBND huyện Lệ Thuỷ" in doc.text
    assert "ĐẢNG BỘ CƠ QUAN UBND" in doc.text  # set in .VnTimeH
    assert "§" not in doc.text and "¬" not in doc.text


def test_dev_doc_header_layout_table(dev_dir):
    raw = read_bytes((dev_dir / "hpbaotho_qlvb2011/QD15UB.DOC").read_bytes())
    so = next(b for b in raw.blocks if b.text.startswith("Số: 15/2010"))
    quoc = next(b for b in raw.blocks if b.text.startswith("CỘNG HÒA XÃ HỘI"))
    assert so.table == quoc.table == 0 and so.layout_table and quoc.layout_table
    assert (so.row, so.col) == (1, 0) and (quoc.row, quoc.col) == (0, 1)
    assert quoc.bold and quoc.align == "center"
    dieu = next(b for b in raw.blocks if b.text.startswith("Điều 1."))
    assert dieu.table is None and not dieu.layout_table


def _flip_word_flag(data: bytes, mask: int) -> bytes:
    """Set a FIB flag bit in the WordDocument stream of an OLE file (stream in big sectors)."""
    import olefile

    ole = olefile.OleFileIO(io.BytesIO(data))
    entry = ole.direntries[ole._find("WordDocument")]
    assert entry.size >= 4096
    off = (entry.isectStart + 1) * ole.sectorsize + 0x0A
    flags = struct.unpack_from("<H", data, off)[0] | mask
    return data[:off] + struct.pack("<H", flags) + data[off + 2:]


def test_dev_doc_encrypted_and_damaged(dev_dir):
    data = (dev_dir / "hpbaotho_qlvb2011/CT9UB.DOC").read_bytes()
    with pytest.raises(ReadError, match="password"):
        read_doc(_flip_word_flag(data, 0x0100))
    with pytest.raises(ReadError, match="damaged"):
        read_doc(data[:1024])


def test_dev_docx_cells_and_layout(dev_dir):
    raw = read_docx((dev_dir / "vbai_lamdong/BAO CAO CCHC NAM 2025.docx").read_bytes())
    head = [b for b in raw.blocks if b.table == 0]
    assert any(b.text.startswith("Số:") for b in head) and all(b.layout_table for b in head)
    assert sum(1 for b in raw.blocks if b.table is not None and not b.layout_table) > 50
