import json
import re
from pathlib import Path

import pytest

import cchc_extract
from cchc_extract import model
from cchc_extract.pipeline import build
from cchc_extract.read.base import Block, RawDocument

GOLD = Path(__file__).resolve().parents[1] / "gold" / "header"


def header_of(text: str):
    d = cchc_extract.parse_text(text, stages={"header"})
    assert not d.errors, d.errors
    return d, d.header


def assert_spans(d):
    """Every field span points at text that really is in the document."""
    h = d.header
    for key in ("code", "date", "place", "doc_type"):
        if key in h.spans:
            s, e = h.spans[key]
            assert d.text[s:e].strip() == d.text[s:e] and e > s
    if h.code and h.number:
        s, e = h.spans["code"]
        assert h.number in d.text[s:e]
    if h.title and "title" in h.spans:
        s, e = h.spans["title"]
        assert re.sub(r"\s+", " ", d.text[s:e]).endswith(h.title[-10:])
    for key in ("addressees", "recipients"):
        for (s, e), item in zip(h.spans.get(key, []), getattr(h, key)):
            assert re.sub(r"\s+", " ", d.text[s:e]) == item


INTERLEAVED = """ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH BÌNH DƯƠNG Độc lập - Tự do - Hạnh phúc

Số: 09/2009/CT-UBND Thủ Dầu Một, ngày 15 tháng 4 năm 2009

CHỈ THỊ
Về việc đẩy mạnh hoạt động khoa học và công nghệ cấp cơ sở

Trong thời gian qua, hoạt động khoa học và công nghệ cấp sở được tỉnh quan tâm.
Nơi nhận: TM. UỶ BAN NHÂN DÂN
- Bộ Khoa học và Công nghệ; KT.CHỦ TỊCH
- Cục Kiểm tra VB QPPL (Bộ Tư pháp); PHÓ CHỦ TỊCH
- UBND các huyện, thị xã; Nguyễn Văn Hiệp
- Lưu VT.
"""


def test_interleaved_columns_normative_code():
    d, h = header_of(INTERLEAVED)
    assert h.issuer.name == "ỦY BAN NHÂN DÂN TỈNH BÌNH DƯƠNG" and h.issuer.parent is None
    assert (h.number, h.year, h.symbol, h.code) == ("09", 2009, "CT-UBND", "09/2009/CT-UBND")
    assert (h.place, h.date, h.doc_type) == ("Thủ Dầu Một", "2009-04-15", "Chỉ thị")
    assert h.title == "Về việc đẩy mạnh hoạt động khoa học và công nghệ cấp cơ sở"
    assert h.recipients == ["Bộ Khoa học và Công nghệ", "Cục Kiểm tra VB QPPL (Bộ Tư pháp)",
                            "UBND các huyện, thị xã", "Lưu VT"]
    assert_spans(d)


CONG_VAN = """Ký bởi: Sở Tài chính
Email: stc@lamdong.gov.vn
Ngày ký: 15-01-2026 10:19:01 +07:00
UBND TỈNH LÂM ĐỒNG CÔNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ TÀI CHÍNH Độc lập – Tự do – Hạnh phúc
Số: 464 /STC-VP Lâm Đồng, ngày 15 tháng 01 năm 2026
V/v góp ý dự thảo Kế hoạch kiểm
tra cải cách hành chính năm 2026
Kính gửi:
- Sở Nội vụ;
- Văn phòng Ủy ban nhân dân
tỉnh Lâm Đồng.
Theo đề nghị của Sở Nội vụ tại Công văn số 215/SNV-CCHC ngày 14/01/2026.
Sở Tài chính gửi ý kiến để Sở Nội vụ tổng hợp./.
Nơi nhận: KT. GIÁM ĐỐC
- Như trên; PHÓ GIÁM ĐỐC
- Các phòng: CCVC, XDCQ,
TCBC (góp ý);
- Lưu: VT, VPTrúc.
Bùi Thị Tuyết Mai
"""


def test_cong_van_stamp_first_vv_kinh_gui_noi_nhan():
    d, h = header_of(CONG_VAN)
    assert (h.issuer.name, h.issuer.parent) == ("SỞ TÀI CHÍNH", "UBND TỈNH LÂM ĐỒNG")
    assert (h.number, h.symbol, h.code) == ("464", "STC-VP", "464/STC-VP")
    assert h.doc_type == "Công văn"
    assert h.title == "góp ý dự thảo Kế hoạch kiểm tra cải cách hành chính năm 2026"
    assert (h.place, h.date) == ("Lâm Đồng", "2026-01-15")
    assert h.addressees == ["Sở Nội vụ", "Văn phòng Ủy ban nhân dân tỉnh Lâm Đồng"]
    assert h.recipients == ["Như trên", "Các phòng: CCVC, XDCQ, TCBC (góp ý)", "Lưu: VT, VPTrúc"]
    assert_spans(d)


def test_inline_kinh_gui_does_not_swallow_the_body():
    t = CONG_VAN.replace("Kính gửi:\n- Sở Nội vụ;\n- Văn phòng Ủy ban nhân dân\ntỉnh Lâm Đồng.\n",
                         "Kính gửi: Sở Nội vụ tỉnh Lâm Đồng\n")
    _, h = header_of(t)
    assert h.addressees == ["Sở Nội vụ tỉnh Lâm Đồng"]


@pytest.mark.parametrize("number_line, date_line, code, number, date", [
    ("Số: /BC-SNV", "Lâm Đồng, ngày tháng 9 năm 2020", "/BC-SNV", None, "2020-09"),
    ("Số:     /QĐ-UBND", "Lâm Đồng, ngày … tháng … năm 2024", "/QĐ-UBND", None, "2024"),
    ("Số: …/TTr-UBND", "Lâm Đồng, ngày      tháng 12 năm 2025", "/TTr-UBND", None, "2025-12"),
    ("Số:15/QĐ-UBND", "Lâm Đồng, ngày 5 tháng 3 năm 2020", "15/QĐ-UBND", "15", "2020-03-05"),
    ("Số: 82/2005-QĐ-UBND", "Lâm Đồng, ngày 28 tháng 05 năm 2005", "82/2005/QĐ-UBND", "82", "2005-05-28"),
])
def test_blank_numbers_and_partial_dates(number_line, date_line, code, number, date):
    t = (f"ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
         f"{number_line}\n{date_line}\nQUYẾT ĐỊNH\nVề việc thành lập Tổ công tác\n"
         "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\nCăn cứ Luật Tổ chức chính quyền địa phương;\n")
    d, h = header_of(t)
    assert (h.code, h.number, h.date) == (code, number, date)
    assert h.title == "Về việc thành lập Tổ công tác"  # the authority line is not the title
    assert h.issuer.name == "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG"
    assert_spans(d)


def test_party_header():
    t = ("ĐẢNG BỘ TỈNH LÂM ĐỒNG ĐẢNG CỘNG SẢN VIỆT NAM\nBAN THƯỜNG VỤ TỈNH ỦY\n*\n"
         "Số 04-NQ/TU Lâm Đồng, ngày 03 tháng 4 năm 2018\n\nNGHỊ QUYẾT\nvề cải cách hành chính giai đoạn 2018 - 2020\n\n"
         "Ban Thường vụ Tỉnh ủy quyết nghị:\n")
    d, h = header_of(t)
    assert (h.issuer.name, h.issuer.parent) == ("BAN THƯỜNG VỤ TỈNH ỦY", "ĐẢNG BỘ TỈNH LÂM ĐỒNG")
    assert (h.number, h.symbol, h.code, h.year) == ("04", "NQ/TU", "04-NQ/TU", None)
    assert (h.doc_type, h.place, h.date) == ("Nghị quyết", "Lâm Đồng", "2018-04-03")
    assert h.title == "về cải cách hành chính giai đoạn 2018 - 2020"


def test_party_header_flattened_on_one_line():
    t = ("BAN CHẤP HÀNH TRUNG ƯƠNG VĂN PHÒNG * Số 36-HD/VPTW ĐẢNG CỘNG SẢN VIỆT NAM Hà Nội, ngày 03 tháng 4 năm 2018\n"
         "HƯỚNG DẪN\nthể thức và kỹ thuật trình bày văn bản của Đảng\n\nThực hiện Quy định số 66-QĐ/TW;\n")
    _, h = header_of(t)
    assert (h.code, h.number, h.symbol) == ("36-HD/VPTW", "36", "HD/VPTW")
    assert (h.place, h.date, h.doc_type) == ("Hà Nội", "2018-04-03", "Hướng dẫn")
    assert h.issuer.name.startswith("BAN CHẤP HÀNH TRUNG ƯƠNG")


def test_urgency_secrecy_marks_and_blank_party_number():
    t = ("ĐẢNG ỦY XÃ TÂN HÀ ĐẢNG CỘNG SẢN VIỆT NAM\nCHI BỘ THÔN 1\n*\nSố    -NQ/ĐU\nMẬT\nHỎA TỐC\n"
         "Tân Hà, ngày 10 tháng 02 năm 2021\nNGHỊ QUYẾT\nvề công tác năm 2021\n\nChi bộ quyết nghị:\n")
    _, h = header_of(t)
    assert (h.number, h.symbol, h.code) == (None, "NQ/ĐU", "-NQ/ĐU")
    assert (h.urgency, h.secrecy) == ("HỎA TỐC", "MẬT")
    assert h.place == "Tân Hà" and h.date == "2021-02-10"
    assert (h.issuer.name, h.issuer.parent) == ("CHI BỘ THÔN 1", "ĐẢNG ỦY XÃ TÂN HÀ")


def test_old_tone_spelling_and_typo_in_quoc_hieu():
    t = ("UỶ BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nCÔNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập Tự do Hạnh phúc\n"
         "Số: 11/TB-UBND\nTP. Hồ Chí Minh, ngày 08 tháng 01 năm 2025\nTHÔNG BÁO\nKết luận của Phó Chủ tịch\n"
         "Ngày 03/01/2025, Phó Chủ tịch chủ trì họp.\n")
    d, h = header_of(t)
    assert h.issuer.name == "UỶ BAN NHÂN DÂN TỈNH QUẢNG NGÃI"
    assert (h.place, h.date, h.doc_type, h.title) == ("TP. Hồ Chí Minh", "2025-01-08", "Thông báo",
                                                      "Kết luận của Phó Chủ tịch")
    assert_spans(d)


def test_type_from_symbol_when_no_type_line():
    t = ("BỘ NỘI VỤ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 12/BC-BNV\n"
         "Hà Nội, ngày 05 tháng 3 năm 2020\n")
    _, h = header_of(t)
    assert h.doc_type == "Báo cáo"


def test_sao_y_keeps_the_original_number():
    t = ("BỘ KHOA HỌC VÀ CÔNG NGHỆ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
         "Số: 19/2025/TT-BKHCN Hà Nội, ngày 06 tháng 10 năm 2025\nTHÔNG TƯ\nQuy định kiểm toán kỹ thuật\n"
         "Căn cứ Luật Giao dịch điện tử;\n"
         "SAO Y BẢN CHÍNH\nSố: 09/SY-VP\n")
    d = cchc_extract.parse_text(t, stages={"header"})
    assert d.header.code == "19/2025/TT-BKHCN"
    t2 = "SAO Y; Bộ Khoa học và Công nghệ; 07/10/2025\n" + t
    d2 = cchc_extract.parse_text(t2, stages={"header"})
    assert d2.header.code == "19/2025/TT-BKHCN"
    assert any("copy" in w["message"] for w in d2.warnings)


@pytest.mark.parametrize("text", [
    "PHỤ LỤC\nBIỂU MẪU THỐNG KÊ SỐ LIỆU\n(Kèm theo Báo cáo số /BC-UBND ngày tháng 12 năm 2025)\nSTT\nChỉ tiêu\n",
    "Trong năm 2025, tỉnh đã hoàn thành 45/45 nhiệm vụ.\nSố liệu kèm theo.\n",
    "",
])
def test_no_header_block(text):
    d = cchc_extract.parse_text(text, stages={"header"})
    assert d.header is None


def test_esign_blocks_are_ignored():
    blocks = [Block(text="Ký bởi: UBND TỈNH LÂM ĐỒNG", style="esign"),
              Block(text="CƠ QUAN: ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", style="esign"),
              Block(text="ỦY BAN NHÂN DÂN"), Block(text="TỈNH LÂM ĐỒNG"),
              Block(text="Số: 85 /GM-UBND"),
              Block(text="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), Block(text="Độc lập - Tự do - Hạnh phúc"),
              Block(text="Lâm Đồng, ngày 19 tháng 01 năm 2026"), Block(text="GIẤY MỜI"),
              Block(text="Thực hiện Chương trình công tác của Ủy ban nhân dân tỉnh tháng 01/2026,"),
              Block(text="Ủy ban nhân dân tỉnh tổ chức Họp đánh giá công tác cải cách hành chính.")]
    src = model.Source(path="x.pdf", format="pdf", sha256="0" * 64, bytes=1)
    d = build(RawDocument(format="pdf", blocks=blocks), src, {"header"})
    h = d.header
    assert h.issuer.name == "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG"
    assert (h.code, h.doc_type, h.title, h.date) == ("85/GM-UBND", "Giấy mời", None, "2026-01-19")


def test_docx_header_table(tmp_path):
    docx = pytest.importorskip("docx")
    doc = docx.Document()
    tbl = doc.add_table(rows=2, cols=2)
    tbl.cell(0, 0).text = "UBND TỈNH LÂM ĐỒNG"
    tbl.cell(0, 0).add_paragraph("SỞ NỘI VỤ")
    tbl.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    tbl.cell(0, 1).add_paragraph("Độc lập - Tự do - Hạnh phúc")
    tbl.cell(1, 0).text = "Số:          /TTr-SNV"
    tbl.cell(1, 1).text = "Lâm Đồng, ngày      tháng     năm 2025"
    doc.add_paragraph("TỜ TRÌNH")
    doc.add_paragraph("Về việc trình ký Báo cáo công tác cải cách hành chính năm 2025 và")
    doc.add_paragraph("phương hướng, nhiệm vụ năm 2026 của tỉnh Lâm Đồng")
    doc.add_paragraph("")
    doc.add_paragraph("Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh")
    doc.add_paragraph("Thực hiện Công văn số 4625/BNV-CCHC ngày 02/7/2025 của Bộ Nội vụ;")
    sig = doc.add_table(rows=1, cols=2)
    sig.cell(0, 0).text = "Nơi nhận:"
    for item in ("- Như trên;", "- Văn phòng UBND tỉnh;", "- Lưu: VT, CCHC&VTLT (Quý)."):
        sig.cell(0, 0).add_paragraph(item)
    sig.cell(0, 1).text = "KT. GIÁM ĐỐC"
    p = tmp_path / "ttr.docx"
    doc.save(p)
    d = cchc_extract.parse(p, stages={"header"})
    h = d.header
    assert (h.issuer.name, h.issuer.parent) == ("SỞ NỘI VỤ", "UBND TỈNH LÂM ĐỒNG")
    assert (h.number, h.code, h.doc_type, h.place, h.date) == (None, "/TTr-SNV", "Tờ trình", "Lâm Đồng", "2025")
    assert h.title == ("Về việc trình ký Báo cáo công tác cải cách hành chính năm 2025 và "
                       "phương hướng, nhiệm vụ năm 2026 của tỉnh Lâm Đồng")
    assert h.addressees == ["Chủ tịch Ủy ban nhân dân tỉnh"]
    assert h.recipients == ["Như trên", "Văn phòng UBND tỉnh", "Lưu: VT, CCHC&VTLT (Quý)"]
    assert_spans(d)


# ---------------------------------------------------------------- the real dev corpus vs gold
FIELDS = ["issuer", "parent", "number", "symbol", "code", "doc_type", "title", "place", "date",
          "urgency", "secrecy", "addressees", "recipients"]
# OCR noise the extractor reports as printed ("ve việc", "tháng 40" is repaired): see the gold notes
OCR_FIELDS = {"lawintech_chinhphu/30-ttg.signed.txt": {"title", "recipients"}}


def _norm(v, k):
    if v is None:
        return None
    if isinstance(v, list):
        return [re.sub(r"\s+", " ", x).strip() for x in v]
    v = re.sub(r"\s+", " ", str(v)).strip()
    return v.lower() if k == "title" else v


@pytest.mark.parametrize("gold_file", sorted(GOLD.glob("*.json")), ids=lambda p: p.stem[:40])
def test_dev_corpus_header_matches_gold(gold_file, dev_dir):
    g = json.loads(gold_file.read_text(encoding="utf-8"))
    p = (dev_dir.parent.parent / g["path"]) if g["path"].startswith("seeds/") else dev_dir / g["path"]
    if not p.exists():
        pytest.skip(f"{p} not present")
    d = cchc_extract.parse(p, stages={"header"})
    h = d.header
    got = {k: getattr(h, k) for k in FIELDS if k not in ("issuer", "parent")}
    got["issuer"] = h.issuer.name if h.issuer else None
    got["parent"] = h.issuer.parent if h.issuer else None
    skip = OCR_FIELDS.get(g["path"], set())
    wrong = {k: (_norm(got[k], k), _norm(g["header"][k], k)) for k in FIELDS
             if k not in skip and _norm(got[k], k) != _norm(g["header"][k], k)}
    assert not wrong
    assert_spans(d)
