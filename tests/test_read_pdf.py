"""PDF reader: lines with geometry, header columns, stamps, running heads, tables, OCR, errors."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from cchc_extract.pipeline import parse_bytes
from cchc_extract.read import ocr
from cchc_extract.read.base import ReadError
from cchc_extract.read.pdf import read_pdf
from cchc_extract.read.base import Block
from cchc_extract.read.stamp import is_stamp_line, mark_stamps

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT = FONT_DIR / "DejaVuSans.ttf"
FONT_B = FONT_DIR / "DejaVuSans-Bold.ttf"

pytestmark = pytest.mark.skipif(not FONT.exists(), reason="DejaVuSans.ttf not installed")


def _pdf():
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("dv", "", str(FONT))
    pdf.add_font("dv", "B", str(FONT_B))
    pdf.set_auto_page_break(False)
    return pdf


def make_text_pdf(running_head: bool = False, pages: int = 1) -> bytes:
    pdf = _pdf()
    for p in range(1, pages + 1):
        pdf.add_page()
        if running_head:
            pdf.set_font("dv", "", 9)
            pdf.text(70, 12, f"CÔNG BÁO/Số 807 + 808/Ngày 24-6-2025")
            pdf.text(105, 290, str(p))
        if p == 1:
            pdf.set_font("dv", "B", 11)
            pdf.text(20, 30, "UBND TỈNH LÂM ĐỒNG")
            pdf.text(105, 30, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
            pdf.text(25, 36, "SỞ NỘI VỤ")
            pdf.text(115, 36, "Độc lập - Tự do - Hạnh phúc")
            pdf.set_font("dv", "", 11)
            pdf.text(20, 46, "Số: 12/BC-SNV")
            pdf.text(110, 46, "Lâm Đồng, ngày 15 tháng 01 năm 2026")
            pdf.set_font("dv", "B", 13)
            pdf.text(90, 60, "BÁO CÁO")
        pdf.set_font("dv", "", 12)
        for k in range(12):
            pdf.text(20, 75 + 10 * k, f"Trang {p} dòng {k}: kết quả cải cách hành chính đạt 95,5% kế hoạch.")
    pdf.set_font("dv", "", 8)
    pdf.text(20, 230, "Ký bởi: Sở Nội vụ")
    pdf.text(20, 234, "Cơ quan: Tỉnh Lâm Đồng")
    pdf.text(20, 238, "Ngày ký: 16-06-2025 15:19:01 +07:00")
    return bytes(pdf.output())


def make_table_pdf() -> bytes:
    pdf = _pdf()
    pdf.add_page()
    pdf.set_font("dv", "", 11)
    pdf.text(20, 20, "Biểu 01: Kết quả giải quyết hồ sơ")
    pdf.set_xy(20, 30)
    with pdf.table(col_widths=(15, 80, 40)) as t:
        for row in (("STT", "Đơn vị", "Số hồ sơ"), ("1", "Sở Nội vụ", "120"), ("2", "Sở Tài chính", "85")):
            r = t.row()
            for c in row:
                r.cell(c)
    pdf.text(20, 100, "Tổng cộng 205 hồ sơ được giải quyết đúng hạn.")
    return bytes(pdf.output())


def make_merged_header_pdf() -> bytes:
    """fpdf2 table (stroked cell rectangles) with a 2-row header: rowspan and colspan cells."""
    pdf = _pdf()
    pdf.add_page()
    pdf.set_font("dv", "", 10)
    pdf.text(20, 20, "Biểu 02: Kết quả thống kê")
    pdf.set_xy(20, 28)
    with pdf.table(col_widths=(12, 60, 30, 25, 25), text_align="LEFT", num_heading_rows=2) as t:
        r = t.row()
        r.cell("STT", rowspan=2)
        r.cell("Chỉ tiêu thống kê", rowspan=2)
        r.cell("Kết quả thống kê", colspan=2)
        r.cell("Ghi chú", rowspan=2)
        r = t.row()
        r.cell("Đơn vị tính")
        r.cell("Số liệu")
        for row in (("1.", "Số văn bản chỉ đạo CCHC đã ban hành", "Văn bản", "82", ""),
                    ("2.", "Tỷ lệ hoàn thành Kế hoạch CCHC của tỉnh năm 2025 so với kế hoạch giao", "%", "100",
                     "Đạt")):
            r = t.row()
            for c in row:
                r.cell(c)
    pdf.text(20, 120, "Ghi chú: số liệu tính đến ngày 15/12/2025.")
    return bytes(pdf.output())


def _word_borders(pdf, xs, ys, skip=()) -> None:
    """Cell borders the way Word exports them: a thin filled rectangle per cell edge and a small
    square at every joint. ``skip`` holds the edges left out: ("h", i, j) is the top edge of row i
    in column j, ("v", i, j) the left edge of column j in row i."""
    w = 0.18  # mm, ~0.5 pt
    for i, y in enumerate(ys):
        for j in range(len(xs) - 1):
            if ("h", i, j) not in skip:
                pdf.rect(xs[j] + w, y, xs[j + 1] - xs[j] - w, w, style="F")
    for i in range(len(ys) - 1):
        for j, x in enumerate(xs):
            if ("v", i, j) not in skip:
                pdf.rect(x, ys[i] + w, w, ys[i + 1] - ys[i] - w, style="F")
    for y in ys:
        for x in xs:
            pdf.rect(x, y, w, w, style="F")


def make_word_table_pdf() -> bytes:
    pdf = _pdf()
    pdf.add_page()
    pdf.set_font("dv", "", 10)
    pdf.text(20, 20, "Biểu 03: Kết quả thực hiện")
    xs, ys = (20, 35, 110, 150, 190), (25, 32, 39, 46, 60)
    # STT and Nội dung span header rows 0-1; Kết quả spans columns 2-3
    _word_borders(pdf, xs, ys, skip={("h", 1, 0), ("h", 1, 1), ("v", 0, 3)})
    cells = {(25, 20): "STT", (25, 35): "Nội dung", (25, 110): "Kết quả",
             (32, 110): "Số lượng", (32, 150): "Tỷ lệ (%)",
             (39, 20): "1", (39, 35): "Thủ tục hành chính được công bố", (39, 110): "1.254", (39, 150): "98,5",
             (46, 20): "2", (46, 150): "100"}
    for (y, x), t in cells.items():
        pdf.text(x + 2, y + 5, t)
    pdf.text(37, 51, "Thực hiện Nghị quyết 19/NQ-")  # wrapped inside the cell after the hyphen
    pdf.text(37, 56, "HĐND ngày 28/8/2025")
    pdf.text(20, 75, "Tổng hợp từ báo cáo của các sở, ngành.")
    return bytes(pdf.output())


def make_highlight_pdf() -> bytes:
    """Word highlighting: filled line-height rectangles (two colours) behind each line, a thin
    vertical stroke at both text margins and an underline — edges that do not make a table."""
    pdf = _pdf()
    pdf.add_page()
    pdf.set_font("dv", "", 12)
    for k in range(6):
        y = 40 + 8 * k
        pdf.set_fill_color(255, 255, 0)
        pdf.rect(20, y - 5.5, 80, 7.5, style="F")
        pdf.set_fill_color(0, 255, 0)
        pdf.rect(100, y - 5.5, 90, 7.5, style="F")
        pdf.set_draw_color(255, 255, 0)
        pdf.line(19.8, y - 5.6, 19.8, y + 2.1)
        pdf.line(190.2, y - 5.6, 190.2, y + 2.1)
        pdf.text(22, y, f"Dòng {k}: tiếp tục rà soát, đơn giản hóa thủ tục hành chính nội bộ.")
    pdf.set_draw_color(0, 0, 0)
    pdf.line(70, 95, 140, 95)
    pdf.text(70, 93, "Độc lập - Tự do - Hạnh phúc")
    return bytes(pdf.output())


def _grid(raw) -> dict:
    return {(b.table, b.row, b.col): b.text for b in raw.blocks if b.table is not None}


def make_scanned_pdf(lines=("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "BÁO CÁO", "Kết quả cải cách hành chính")) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("L", (1700, 2200), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(str(FONT), 44)
    for k, line in enumerate(lines):
        draw.text((150, 200 + 90 * k), line, font=font, fill=0)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    pdf = _pdf()
    pdf.add_page()
    pdf.image(io.BytesIO(buf.getvalue()), x=0, y=0, w=210, h=297)
    return bytes(pdf.output())


# ---------------------------------------------------------------- text layer

def test_lines_pages_geometry_and_bold():
    raw = read_pdf(make_text_pdf(pages=2))
    assert raw.format == "pdf" and raw.pages == 2 and not raw.ocr and not raw.errors
    texts = [b.text for b in raw.blocks]
    assert "BÁO CÁO" in texts
    body = [b for b in raw.blocks if b.text.startswith("Trang 2 dòng 0")]
    assert body and body[0].page == 2
    title = next(b for b in raw.blocks if b.text == "BÁO CÁO")
    assert title.bold and title.page == 1 and title.size == pytest.approx(13, abs=0.6)
    assert not body[0].bold and body[0].x0 == pytest.approx(20 * 72 / 25.4, abs=2)


def test_two_column_header_split_into_blocks():
    raw = read_pdf(make_text_pdf())
    texts = [b.text.strip() for b in raw.blocks]
    assert "Số: 12/BC-SNV" in texts
    assert "Lâm Đồng, ngày 15 tháng 01 năm 2026" in texts
    left = next(b for b in raw.blocks if b.text.strip() == "UBND TỈNH LÂM ĐỒNG")
    right = next(b for b in raw.blocks if b.text.strip() == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert left.x0 < 100 < right.x0


def test_stamp_lines_marked_esign():
    raw = read_pdf(make_text_pdf())
    esign = [b.text for b in raw.blocks if b.style == "esign"]
    assert esign == ["Ký bởi: Sở Nội vụ", "Cơ quan: Tỉnh Lâm Đồng", "Ngày ký: 16-06-2025 15:19:01 +07:00"]
    assert all(b.style != "esign" for b in raw.blocks if b.text.startswith("Trang"))


def test_running_head_and_page_numbers_marked():
    raw = read_pdf(make_text_pdf(running_head=True, pages=3))
    heads = [b for b in raw.blocks if b.style == "running-head"]
    nums = [b for b in raw.blocks if b.style == "page-number"]
    assert len(heads) == 3 and all(b.text.startswith("CÔNG BÁO/Số 807") for b in heads)
    assert sorted(b.text for b in nums) == ["1", "2", "3"]
    assert not any(b.style for b in raw.blocks if b.text.startswith("Trang"))


def test_ruled_table_cells_become_table_blocks():
    raw = read_pdf(make_table_pdf())
    cells = [b for b in raw.blocks if b.table is not None]
    grid = {(b.row, b.col): b.text for b in cells}
    assert grid[(0, 0)] == "STT" and grid[(1, 1)] == "Sở Nội vụ" and grid[(2, 2)] == "85"
    assert {b.table for b in cells} == {0}
    # cell text is not duplicated as plain lines; text outside the table stays in order
    plain = [b.text for b in raw.blocks if b.table is None]
    assert "Sở Nội vụ" not in " ".join(plain)
    assert plain[0].startswith("Biểu 01") and plain[-1].startswith("Tổng cộng 205")


def test_merged_header_cells(monkeypatch):
    raw = read_pdf(make_merged_header_pdf())
    grid = _grid(raw)
    # a merged cell keeps its top-left index; the grid squares it covers get no block
    assert grid[(0, 0, 0)] == "STT" and grid[(0, 0, 1)] == "Chỉ tiêu thống kê"
    assert grid[(0, 0, 2)] == "Kết quả thống kê" and grid[(0, 0, 4)] == "Ghi chú"
    assert (0, 0, 3) not in grid and (0, 1, 0) not in grid and (0, 1, 4) not in grid
    assert grid[(0, 1, 2)] == "Đơn vị tính" and grid[(0, 1, 3)] == "Số liệu"
    assert grid[(0, 2, 3)] == "82" and grid[(0, 2, 4)] == ""
    # wrapped cell text is one line
    assert grid[(0, 3, 1)] == "Tỷ lệ hoàn thành Kế hoạch CCHC của tỉnh năm 2025 so với kế hoạch giao"
    assert len(grid) == 6 + 10
    plain = [b.text for b in raw.blocks if b.table is None]
    assert plain == ["Biểu 02: Kết quả thống kê", "Ghi chú: số liệu tính đến ngày 15/12/2025."]
    # same cells as pdfplumber's table finder
    monkeypatch.setenv("CCHC_PDF_TABLES", "pdfplumber")
    assert _grid(read_pdf(make_merged_header_pdf())) == grid


def test_word_style_borders_table():
    raw = read_pdf(make_word_table_pdf())
    grid = _grid(raw)
    assert grid == {
        (0, 0, 0): "STT", (0, 0, 1): "Nội dung", (0, 0, 2): "Kết quả",
        (0, 1, 2): "Số lượng", (0, 1, 3): "Tỷ lệ (%)",
        (0, 2, 0): "1", (0, 2, 1): "Thủ tục hành chính được công bố", (0, 2, 2): "1.254", (0, 2, 3): "98,5",
        (0, 3, 0): "2", (0, 3, 1): "Thực hiện Nghị quyết 19/NQ-HĐND ngày 28/8/2025", (0, 3, 2): "",
        (0, 3, 3): "100",
    }
    assert all(b.page == 1 for b in raw.blocks if b.table is not None)
    plain = [b.text for b in raw.blocks if b.table is None]
    assert plain == ["Biểu 03: Kết quả thực hiện", "Tổng hợp từ báo cáo của các sở, ngành."]


def test_tables_off_by_env(monkeypatch):
    monkeypatch.setenv("CCHC_PDF_TABLES", "0")
    raw = read_pdf(make_word_table_pdf())
    assert not any(b.table is not None for b in raw.blocks)
    assert "Thủ tục hành chính được công bố" in "\n".join(b.text for b in raw.blocks)


def test_highlighted_lines_are_not_a_table():
    import pdfplumber
    import pypdfium2 as pdfium
    import pypdfium2.raw as R

    from cchc_extract.read.pdf_tables import RulingReader, find_grids

    data = make_highlight_pdf()
    with pdfplumber.open(io.BytesIO(data)) as pl:  # the trap: rectangle edges form a grid
        assert any(len(t.extract()) >= 2 and len(t.extract()[0]) >= 2 for t in pl.pages[0].find_tables())
    doc = pdfium.PdfDocument(data)
    page = doc[0]
    rr = RulingReader(R)
    for k in range(R.FPDFPage_CountObjects(page)):
        obj = R.FPDFPage_GetObject(page, k)
        if R.FPDFPageObj_GetType(obj) == 2:
            rr.add(obj)
    assert find_grids(rr.rulings) == []
    assert len(rr.rulings) == 13  # the 12 margin strokes and the underline are rulings
    page.close()
    doc.close()
    raw = read_pdf(data)
    assert all(b.table is None for b in raw.blocks)
    texts = [b.text for b in raw.blocks]
    assert texts[:6] == [f"Dòng {k}: tiếp tục rà soát, đơn giản hóa thủ tục hành chính nội bộ." for k in range(6)]
    assert "Độc lập - Tự do - Hạnh phúc" in texts


def test_irregular_grid_keeps_only_closed_cells():
    """A 2x2 table whose header row is one cell wider: the square outside the body is no cell."""
    from cchc_extract.read.pdf_tables import Ruling, grid_cells, find_grids

    # y up: header row 100-80 spans x 0-300, body rows 80-60, 60-40 span x 0-200 (2 columns)
    rulings = [Ruling(True, 100, 0, 300), Ruling(True, 80, 0, 300), Ruling(True, 60, 0, 200),
               Ruling(True, 40, 0, 200), Ruling(False, 0, 40, 100), Ruling(False, 100, 40, 100),
               Ruling(False, 200, 40, 100), Ruling(False, 300, 80, 100)]
    (h, v), = find_grids(rulings)
    cells = sorted(grid_cells(h, v))
    assert cells == [(0, 40, 100, 60), (0, 60, 100, 80), (0, 80, 100, 100), (100, 40, 200, 60),
                     (100, 60, 200, 80), (100, 80, 200, 100), (200, 80, 300, 100)]


def test_pipeline_text_of_pdf():
    doc = parse_bytes(make_text_pdf(), "x.pdf")
    assert doc.status in ("ok", "partial") and doc.source.format == "pdf"
    assert "Số: 12/BC-SNV" in doc.text and doc.source.pages == 1


# ---------------------------------------------------------------- stamps (all formats)

@pytest.mark.parametrize("line", [
    "Ký bởi: Sở Nội vụ", "Người ký: CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ",
    "Ngày ký: 16-06-2025 15:19:01 +07:00", "Thời gian ký: 24/01/2025 14:23:43",
    "24.01.2025 20:06:24 +07:00", "SAO Y; Bộ Khoa học và Công nghệ; 07/10/2025 17:22:02",
    "‘ CHINHPHU.VNTh60i gian ky: 07.10.2025 16:15:28 +07:00",
])
def test_is_stamp_line(line):
    assert is_stamp_line(line)


@pytest.mark.parametrize("line", [
    "Cơ quan chủ trì: Sở Nội vụ", "Ngày 03/01/2025, Phó Chủ tịch UBND tỉnh chủ trì họp",
    "Cơ quan: Tỉnh Lâm Đồng", "KT. GIÁM ĐỐC", "Số: 12/BC-SNV",
])
def test_not_stamp_line(line):
    assert not is_stamp_line(line)


def test_weak_stamp_lines_only_next_to_strong_ones():
    blocks = [Block(t) for t in ["Email: a@b.gov.vn", "Nội dung", "Cơ quan: Sở Tư pháp"] + ["x"] * 8
              + ["Ký bởi: Sở Nội vụ", "Cơ quan: Tỉnh Lâm Đồng", "Email: snv@lamdong.gov.vn"]]
    mark_stamps(blocks)
    assert [b.style for b in blocks[:3]] == [None, None, None]
    assert [b.style for b in blocks[-3:]] == ["esign"] * 3


# ---------------------------------------------------------------- scanned pages

def test_scanned_page_without_tesseract_is_partial(monkeypatch):
    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)
    raw = read_pdf(make_scanned_pdf())
    assert not raw.ocr
    assert raw.errors and "page 1 is scanned" in raw.errors[0] and "tesseract-ocr-vie" in raw.errors[0]
    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)
    doc = parse_bytes(make_scanned_pdf(), "scan.pdf")
    assert doc.status == "partial" and "OCR is unavailable" in doc.errors[0]["message"]


def test_ocr_disabled_by_env(monkeypatch):
    monkeypatch.setenv("CCHC_OCR", "0")
    raw = read_pdf(make_scanned_pdf())
    assert not raw.ocr and "CCHC_OCR=0" in raw.errors[0]


@pytest.mark.skipif(ocr.unavailable_reason() is not None, reason="tesseract with vie not installed")
def test_scanned_page_is_ocred():
    raw = read_pdf(make_scanned_pdf())
    assert raw.ocr and not raw.errors
    text = "\n".join(b.text for b in raw.blocks)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "BÁO CÁO" in text and "cải cách hành chính" in text
    assert all(b.page == 1 and b.x0 is not None for b in raw.blocks)


def test_ocr_tsv_lines_split_at_column_gaps():
    head = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    rows = [head]
    for k, (x, w) in enumerate([(100, "ỦY"), (160, "BAN"), (900, "CỘNG"), (1010, "HÒA")]):
        rows.append(f"5\t1\t1\t1\t1\t{k + 1}\t{x}\t50\t50\t40\t90\t{w}")
    rows.append("5\t1\t1\t1\t2\t1\t100\t120\t60\t40\t90\tSố:")
    lines = ocr.parse_tsv("\n".join(rows))
    assert [ln.text for ln in lines] == ["ỦY BAN", "CỘNG HÒA", "Số:"]
    assert lines[1].left == 900


# ---------------------------------------------------------------- errors

def test_encrypted_pdf_is_read_error():
    pdf = _pdf()
    pdf.add_page()
    pdf.set_font("dv", "", 12)
    pdf.text(20, 20, "Mật")
    pdf.set_encryption(owner_password="owner", user_password="user")
    data = bytes(pdf.output())
    with pytest.raises(ReadError, match="password-protected"):
        read_pdf(data)
    doc = parse_bytes(data, "secret.pdf")
    assert doc.status == "error" and "password" in doc.errors[0]["message"]


def test_truncated_and_garbage_pdf_are_read_errors():
    data = make_text_pdf()
    for bad in (data[:200], b"%PDF-1.7\n" + b"\x00garbage" * 50):
        with pytest.raises(ReadError, match="corrupt or truncated"):
            read_pdf(bad)


def zero_page_pdf() -> bytes:
    """A well-formed PDF whose page tree is empty (pdfium and fpdf2 refuse to write one)."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    out, offs = bytearray(b"%PDF-1.4\n"), []
    for i, o in enumerate(objs, 1):
        offs.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offs:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def test_zero_page_pdf():
    data = zero_page_pdf()
    with pytest.raises(ReadError, match="no pages"):
        read_pdf(data)
    doc = parse_bytes(data, "empty.pdf")
    assert doc.status == "error" and "no pages" in doc.errors[0]["message"]


# ---------------------------------------------------------------- dev corpus

TEXT_PDFS = ["vbai_lamdong/STC.pdf", "vbai_lamdong/SKHCN.pdf", "ocrvbhc_quangngai/05.signed_20250517_044750.pdf",
             "lawintech_chinhphu/1.-du-thao-1_thong-tu_2609.pdf", "vbpl_crawl/(32801)-VanBanGoc_Hien_phap_2013.pdf"]
SCANNED = ["ocrvbhc_quangngai/23BC.signed_20250510_124908.pdf", "hpbaotho_qlvb2011/275.pdf",
           "lawintech_chinhphu/30-ttg.signed.pdf", "smartdocs_ttg/970-ttg.signed.pdf"]


def test_dev_text_pdfs_non_empty(dev_dir, monkeypatch):
    monkeypatch.setenv("CCHC_OCR", "0")
    for rel in TEXT_PDFS:
        raw = read_pdf((dev_dir / rel).read_bytes())
        body = [b for b in raw.blocks if b.text.strip() and b.style is None]
        assert len(body) > 20, rel
        assert not raw.errors and not raw.ocr, rel
        assert all(b.page is not None for b in raw.blocks), rel


def test_dev_esign_stamp_number_merged(dev_dir):
    """eSi-signed files: the issued number/day are drawn by the signature widget into the blanks."""
    raw = read_pdf((dev_dir / "vbai_lamdong/STC.pdf").read_bytes())
    texts = [b.text for b in raw.blocks]
    assert "Số: 464 /STC-VP" in texts
    assert "Lâm Đồng, ngày 15 tháng 01 năm 2026" in texts
    raw = read_pdf((dev_dir / "ocrvbhc_quangngai/05.signed_20250517_044750.pdf").read_bytes())
    esign = [b.text for b in raw.blocks if b.style == "esign"]
    assert "ttcbth@quangngai.gov.vn" in esign and "09.01.2025 10:21:11 +07:00" in esign


def test_dev_running_heads(dev_dir):
    raw = read_pdf((dev_dir / "vbpl_crawl/(32801)-VanBanGoc_Hien_phap_2013.pdf").read_bytes())
    heads = [b for b in raw.blocks if b.style == "running-head"]
    assert len(heads) >= raw.pages - 1 and all("CÔNG BÁO" in b.text for b in heads)


def test_dev_scanned_detected_without_ocr(dev_dir, monkeypatch):
    monkeypatch.setenv("CCHC_OCR", "0")
    for rel in SCANNED:
        raw = read_pdf((dev_dir / rel).read_bytes())
        assert raw.errors and all("is scanned" in e for e in raw.errors), rel
        assert len(raw.errors) == raw.pages, rel
        assert all(b.style == "esign" for b in raw.blocks), rel


def test_dev_garbled_text_layer_flagged(dev_dir, monkeypatch):
    monkeypatch.setenv("CCHC_OCR", "0")
    raw = read_pdf((dev_dir / "lawintech_duthao/5a4e7fb811d8457c97819ca7d6f31910.pdf").read_bytes())
    assert any("page 1" in w and "garbled" in w for w in raw.warnings)
    assert len(raw.warnings) == 1  # the other 46 pages are clean
    p1 = " ".join(b.text for b in raw.blocks if b.page == 1)
    assert "НОА" not in p1 and "HOA" in p1  # Cyrillic look-alikes mapped back


def test_dev_word_tables_from_pdfium(dev_dir, monkeypatch):
    """329/BC-UBND: the statistics annex (pp. 25-35) is ruled; highlighted pages are no tables."""
    monkeypatch.setenv("CCHC_OCR", "0")
    raw = read_pdf((dev_dir / "vbai_lamdong/329 BAO CAO CCHC NAM 2025.pdf").read_bytes())
    cells = [b for b in raw.blocks if b.table is not None]
    assert {b.page for b in cells} == set(range(25, 36))
    first = {(b.row, b.col): b.text for b in cells if b.table == 0}
    assert first[(0, 0)] == "STT" and first[(0, 2)] == "Kết quả thống kê" and (0, 3) not in first
    assert first[(1, 2)] == "Đơn vị tính" and first[(1, 3)] == "Số liệu" and (1, 0) not in first
    assert first[(2, 0)] == "1." and first[(2, 3)] == "82"
    texts = [b.text for b in cells]
    assert "Nghị quyết 19/NQ-HĐND ngày 28/8/2025" in texts  # hyphen at a wrap joins the code
    assert not any("\ufffe" in b.text for b in raw.blocks)  # pdfium's line-end hyphen mark -> "-"
    assert sum(b.text.endswith("-") for b in raw.blocks if b.table is None) >= 1
    raw = read_pdf((dev_dir / "lawintech_duthao/521a9a446704450080461f68d66e51a9.pdf").read_bytes())
    t = {}
    for b in raw.blocks:
        if b.table is not None:
            t.setdefault(b.table, {})[(b.row, b.col)] = b.text
    assert [b.page for b in raw.blocks if b.table is not None and b.row == 0 and b.col == 0] == [26, 27, 28, 29, 33]
    assert t[0][(0, 0)] == "Năm" and t[0][(1, 1)] == "Website" and (1, 0) not in t[0]
    assert t[2][(0, 0)] == "STT" and t[2][(1, 1)] == "Công ty TNHH FPT IS"  # header row drawn with thick borders


@pytest.mark.skipif(ocr.unavailable_reason() is not None, reason="tesseract with vie not installed")
def test_dev_scanned_page_ocr(dev_dir, monkeypatch):
    monkeypatch.setenv("CCHC_OCR_MAX_PAGES", "1")
    raw = read_pdf((dev_dir / "ocrvbhc_quangngai/23BC.signed_20250510_124908.pdf").read_bytes())
    assert raw.ocr
    p1 = [b.text for b in raw.blocks if b.page == 1 and b.style is None]
    assert "BÁO CÁO" in p1 and any(t.startswith("Số: 23") for t in p1)
    assert any("over the CCHC_OCR_MAX_PAGES=1 limit" in e for e in raw.errors)  # page 2
