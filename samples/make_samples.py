"""Rebuild the binary samples (.docx, .pdf) from the text below: ``python samples/make_samples.py``.

All names, numbers and agencies are fictitious (tỉnh Bình Sơn does not exist). Output is
deterministic: fixed document properties and creation dates, so the files' sha256 are stable.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIXED = dt.datetime(2024, 7, 1, 8, 0, 0)

DOCX_LEFT = ["UBND TỈNH BÌNH SƠN", "SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "Số: 95/BC-SKHĐT"]
DOCX_RIGHT = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
              "Bình Sơn, ngày 18 tháng 6 năm 2024"]
DOCX_BODY = [
    ("title", "BÁO CÁO"),
    ("title", "Kết quả cải cách hành chính 6 tháng đầu năm 2024"),
    ("p", "Thực hiện Quyết định số 1520/QĐ-UBND ngày 28/12/2023 của Ủy ban nhân dân tỉnh ban "
          "hành Kế hoạch cải cách hành chính năm 2024, Sở Kế hoạch và Đầu tư báo cáo như sau:"),
    ("h", "I. KẾT QUẢ THỰC HIỆN"),
    ("h", "1. Cải cách thủ tục hành chính"),
    ("p", "Sở tiếp nhận 2.310 hồ sơ đăng ký doanh nghiệp, trong đó: hồ sơ trực tuyến: 2.150 hồ "
          "sơ; tỷ lệ giải quyết đúng hạn đạt 99,2%."),
    ("h", "2. Chuyển đổi số"),
    ("p", "Cung cấp 42 dịch vụ công trực tuyến toàn trình; khoảng 93% người dân hài lòng."),
    ("h", "II. NHIỆM VỤ 6 THÁNG CUỐI NĂM"),
    ("p", "Phấn đấu 100% hồ sơ được giải quyết đúng hạn."),
]
DOCX_LEFT_END = ["Nơi nhận:", "- Sở Nội vụ;", "- Lưu: VT, VP."]
DOCX_RIGHT_END = ["GIÁM ĐỐC", "", "", "Phạm Thị Thu Trang"]

PDF_LINES = [
    ("UBND TỈNH BÌNH SƠN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("SỞ TƯ PHÁP", "Độc lập - Tự do - Hạnh phúc"),
    ("Số: 12/KH-STP", "Bình Sơn, ngày 10 tháng 01 năm 2024"),
    None,
    "KẾ HOẠCH",
    "Cải cách hành chính năm 2024 của Sở Tư pháp",
    None,
    "Thực hiện Quyết định số 1520/QĐ-UBND ngày 28/12/2023 của Ủy ban nhân dân tỉnh ban hành",
    "Kế hoạch cải cách hành chính năm 2024, Sở Tư pháp ban hành Kế hoạch như sau:",
    "I. MỤC TIÊU",
    "1. Phấn đấu 100% thủ tục hành chính được cập nhật, công khai đúng quy định.",
    "2. Tối thiểu 97% hồ sơ lý lịch tư pháp được giải quyết đúng hạn.",
    "II. NHIỆM VỤ",
    "1. Rà soát 15 thủ tục hành chính lĩnh vực hộ tịch, chứng thực.",
    "2. Tổ chức 03 hội nghị tập huấn nghiệp vụ cho công chức tư pháp cấp xã.",
    None,
    ("Nơi nhận:", "GIÁM ĐỐC"),
    ("- UBND tỉnh (b/c);", ""),
    ("- Sở Nội vụ;", ""),
    ("- Lưu: VT.", "Đỗ Minh Tuấn"),
]


def _no_borders(table) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tblPr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tblPr.append(borders)


def _cell(cell, lines, bold_first=True, center=True):
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    cell.paragraphs[0].text = ""
    for i, line in enumerate(lines):
        p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        run = p.add_run(line)
        run.bold = bold_first and i < 2
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def make_docx(path: Path) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    d = Document()
    d.core_properties.author = "cchc_extract samples"
    d.core_properties.created = FIXED
    d.core_properties.modified = FIXED
    d.core_properties.last_modified_by = "cchc_extract samples"
    t = d.add_table(rows=1, cols=2)
    _no_borders(t)
    _cell(t.cell(0, 0), DOCX_LEFT)
    _cell(t.cell(0, 1), DOCX_RIGHT)
    for kind, text in DOCX_BODY:
        p = d.add_paragraph()
        r = p.add_run(text)
        if kind == "title":
            r.bold = True
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif kind == "h":
            r.bold = True
    t2 = d.add_table(rows=1, cols=2)
    _no_borders(t2)
    _cell(t2.cell(0, 0), DOCX_LEFT_END, bold_first=False, center=False)
    _cell(t2.cell(0, 1), DOCX_RIGHT_END)
    d.save(path)
    _fix_zip_times(path)


def _fix_zip_times(path: Path) -> None:
    """python-docx stamps zip entries with the current time; pin them so the bytes are stable."""
    import io
    import zipfile

    src = zipfile.ZipFile(path)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in sorted(src.infolist(), key=lambda i: i.filename != "[Content_Types].xml"):
            data = src.read(info.filename)
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED.timetuple()[:6])
            zi.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(zi, data)
    src.close()
    path.write_bytes(buf.getvalue())


def make_pdf(path: Path) -> None:
    from fpdf import FPDF

    font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    bold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
    pdf = FPDF(format="A4")
    pdf.set_creation_date(FIXED.replace(tzinfo=dt.timezone.utc))
    pdf.set_creator("cchc_extract samples")
    pdf.add_font("DejaVu", "", font)
    pdf.add_font("DejaVu", "B", bold)
    pdf.add_page()
    pdf.set_margins(20, 20, 15)
    for item in PDF_LINES:
        if item is None:
            pdf.ln(4)
        elif isinstance(item, tuple):
            pdf.set_font("DejaVu", "B" if item[0].isupper() else "", 10)
            pdf.cell(80, 6, item[0], align="C")
            pdf.set_font("DejaVu", "B" if item[1][:1].isupper() and item[1].isupper() else "", 10)
            pdf.cell(95, 6, item[1], align="C", new_x="LMARGIN", new_y="NEXT")
        else:
            heading = item.isupper() or item[:3] in ("I. ", "II.")
            pdf.set_font("DejaVu", "B" if heading else "", 11)
            pdf.cell(0, 6, item, align="C" if item.isupper() else "L",
                     new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


def main() -> None:
    make_docx(HERE / "bao_cao_95_skhdt_cchc_6_thang_2024.docx")
    make_pdf(HERE / "ke_hoach_12_stp_cchc_2024.pdf")


if __name__ == "__main__":
    main()
