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
    """Every field span points at text that really is in the document (in OCR'd documents the
    values may differ from it by diacritics only: see ocr_words)."""
    from cchc_extract.normalize import strip_accents

    same = (lambda x: strip_accents(x)) if d.source.ocr else (lambda x: x)
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
            # an OCR crumb line ("`", "¬") between two lines of a wrapped item is in its span only
            surface = "\n".join(x for x in d.text[s:e].split("\n") if re.search(r"\w", x))
            assert same(re.sub(r"\s+", " ", surface)) == same(item)


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
    assert (h.issuer.parent, h.issuer.name) == ("BAN CHẤP HÀNH TRUNG ƯƠNG", "VĂN PHÒNG")


@pytest.mark.parametrize("left,parent,name", [
    ("UBND TỈNH LÂM ĐỒNG SỞ NỘI VỤ", "UBND TỈNH LÂM ĐỒNG", "SỞ NỘI VỤ"),
    ("THỦ TƯỚNG CHÍNH PHỦ", None, "THỦ TƯỚNG CHÍNH PHỦ"),  # a head followed by a head: one body
    ("ĐẢNG BỘ CƠ QUAN UBND HUYỆN LỆ THỦY", None, "ĐẢNG BỘ CƠ QUAN UBND HUYỆN LỆ THỦY"),
    ("TRƯỜNG ĐẠI HỌC CẦN THƠ", None, "TRƯỜNG ĐẠI HỌC CẦN THƠ"),
])
def test_flattened_left_column_split(left, parent, name):
    t = (f"{left} CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc\n"
         "Số: 12/BC-X Hà Nội, ngày 05 tháng 3 năm 2020\nBÁO CÁO\nKết quả công tác năm 2019\n")
    _, h = header_of(t)
    assert (h.issuer.parent, h.issuer.name) == (parent, name)


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


def test_copy_stamp_and_copy_block_fill_header_copy():
    body = ("BỘ KHOA HỌC VÀ CÔNG NGHỆ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 19/2025/TT-BKHCN Hà Nội, ngày 06 tháng 10 năm 2025\nTHÔNG TƯ\nQuy định kiểm toán kỹ thuật\n"
            "Căn cứ Luật Giao dịch điện tử;\n")
    h = cchc_extract.parse_text("SAO Y; Bộ Khoa học và Công nghệ; 07/10/2025 17:22:02\n" + body,
                                stages={"header"}).header
    assert h.code == "19/2025/TT-BKHCN" and h.date == "2025-10-06"
    assert {k: h.copy[k] for k in ("kind", "issuer", "date", "code")} == {
        "kind": "SAO Y", "issuer": "Bộ Khoa học và Công nghệ", "date": "2025-10-07", "code": None}
    block = "SAO Y BẢN CHÍNH\nVĂN PHÒNG UBND TỈNH\nSố: 09/SY-VP\nLâm Đồng, ngày 12 tháng 10 năm 2025\n"
    d = cchc_extract.parse_text(body + block, stages={"header"})
    c = d.header.copy
    assert (c["kind"], c["code"], c["date"]) == ("SAO Y", "09/SY-VP", "2025-10-12")
    assert d.text[c["span"][0]:c["span"][1]].startswith("SAO Y BẢN CHÍNH")
    assert d.header.code == "19/2025/TT-BKHCN"
    assert cchc_extract.parse_text(body, stages={"header"}).header.copy is None


def test_title_line_that_looks_like_a_body_start_or_a_draft_mark():
    t = ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH QUẢNG NGÃI Độc lập - Tự do - Hạnh phúc\n"
         "Số: 16/CT-UBND Quảng Ngãi, ngày 27 tháng 12 năm 2021\nCHỈ THỊ\n"
         "Về việc tăng cường các biện pháp bảo đảm đón Tết Nguyên đán\n"
         "Nhâm Dần năm 2022 đầm ấm, an toàn và tiết kiệm\nMức hỗ trợ Tết trên địa bàn tỉnh\n"
         "Nhằm chuẩn bị tốt các điều kiện phục vụ Nhân dân, Chủ tịch UBND tỉnh yêu cầu:\n")
    _, h = header_of(t)  # accent-stripped "Nhâm"/"Mức" equal the body starts "Nhằm"/"Mục"
    assert h.title == ("Về việc tăng cường các biện pháp bảo đảm đón Tết Nguyên đán Nhâm Dần năm 2022 "
                       "đầm ấm, an toàn và tiết kiệm Mức hỗ trợ Tết trên địa bàn tỉnh")
    t2 = ("BỘ CÔNG THƯƠNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
          "Số: /TTr-BCT Hà Nội, ngày tháng 6 năm 2025\n(Dự thảo 3)\nTỜ TRÌNH\nDỰ THẢO LUẬT THƯƠNG MẠI ĐIỆN TỬ\n"
          "Kính gửi: Chính phủ\nThực hiện quy định của Luật Ban hành văn bản quy phạm pháp luật,\n")
    d, h = header_of(t2)
    assert (h.title, h.date, h.addressees) == ("DỰ THẢO LUẬT THƯƠNG MẠI ĐIỆN TỬ", "2025-06", ["Chính phủ"])
    assert_spans(d)


def test_ocr_noise_in_number_date_and_title():
    t = ("Người ký: CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ\nTHỊ\n"
         "THỦ TƯỚNG CHÍNH PHỦ CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n------\nĐộc lập - Tự do - Hạnh phúc\n"
         "_- §6:30 /CT-TTg\nHà Nội, ngày O6 tháng 40 năm 2025\nCHỈ THỊ\n"
         "Ngày. 0410.1202% và việc tiếp tục tăng cường công tác quản lý nhà nước\n¬\n"
         "đối với hoạt động kinh doanh than\nVới tinh thần nghiêm túc và quyết liệt,\n")
    d, h = header_of(t)
    assert (h.code, h.number, h.date) == ("30/CT-TTg", "30", "2025-10-06")
    assert (h.issuer.name, h.issuer.parent) == ("THỦ TƯỚNG CHÍNH PHỦ", None)
    # the receipt-stamp crumb is dropped, the "¬" crumb skipped, "và việc" read as "Về việc"
    assert h.title == ("Về việc tiếp tục tăng cường công tác quản lý nhà nước đối với hoạt động "
                       "kinh doanh than")
    t2 = t.replace("ngày O6 tháng 40", "ngày Â4‡ tháng 12")
    _, h2 = header_of(t2)
    assert (h2.place, h2.date) == ("Hà Nội", "2025-12")  # unreadable handwritten day: month precision


def test_recipients_interleaved_with_signer_column_and_ocr_crumbs():
    t = ("BỘ KHOA HỌC VÀ CÔNG NGHỆ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
         "Số: 19/2025/TT-BKHCN Hà Nội, ngày 06 tháng 10 năm 2025\nTHÔNG TƯ\nQuy định kiểm toán kỹ thuật\n"
         "Căn cứ Luật Giao dịch điện tử;\nThông tư này có hiệu lực từ ngày 01 tháng 01 năm 2026./.\n"
         "- Nơi nhận:\n3\n¬„\nBỘ TRƯỞNG\n- Ban Bí thư Trung ương Đảng:\n„HQ I HỦ TƯỚNG\n"
         "- Thủ tướng, các Phó Thủ tướng Chính phủ;\nĐ\n- Các Công ty: CP Môi trường đô thị Quảng Ngãi;\n"
         "CP Xây dựng và thoát nước đô thị Quảng Ngãi;\n- Mặt trận tỉnh;\nĐặng Văn Minh\n"
         "- VPCP: BTCN, các PCN;\n             Các Vụ: TH, QHĐP, NC, QHQT;\n"
         "- Bộ KHCN: Bộ trưởng và các Thứ trưởng,\ncác cơ quan, đơn vị thuộc Bộ; Cổng thông tin điện tử Bộ; .\n"
         "- CT, PCT UBND tỉnh; (Đã ký)\n- Lưu: VT, CN (2)-t3\nNguyễn Mạnh Hùng\n")
    d, h = header_of(t)
    assert h.recipients == [
        "Ban Bí thư Trung ương Đảng", "Thủ tướng, các Phó Thủ tướng Chính phủ",
        "Các Công ty: CP Môi trường đô thị Quảng Ngãi; CP Xây dựng và thoát nước đô thị Quảng Ngãi",
        "Mặt trận tỉnh", "VPCP: BTCN, các PCN; Các Vụ: TH, QHĐP, NC, QHQT",
        "Bộ KHCN: Bộ trưởng và các Thứ trưởng, các cơ quan, đơn vị thuộc Bộ; Cổng thông tin điện tử Bộ",
        "CT, PCT UBND tỉnh", "Lưu: VT, CN (2)"]
    assert_spans(d)


def test_recipients_when_ocr_lost_the_noi_nhan_label():
    t = ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH QUẢNG NGÃI Độc lập - Tự do - Hạnh phúc\n"
         "Số: 23 /BC-UBND Quảng Ngãi, ngày 23 tháng 01 năm 2025\nBÁO CÁO\nTình hình cải cách thủ tục hành chính\n"
         "Kính gửi: Văn phòng Chính phủ\nThực hiện Công văn số 5633/VPCP-KSTT; UBND tỉnh báo cáo:\n"
         "- Đã công bố 12 thủ tục;\n- Đã giải quyết 21 phản ánh.\nTrên đây là kết quả thực hiện./.\n"
         "44-0\nKT. CHỦ TỊCH\n- Như trên;\n-.\n_\n- CT, PCT UBND tỉnh;\n„ CHU TỊCH\n- Lưu: VT, TTHC.\n")
    _, h = header_of(t)
    assert h.recipients == ["Như trên", "CT, PCT UBND tỉnh", "Lưu: VT, TTHC"]


def test_type_line_worded_unlike_the_type_name():
    t = ("ĐẢNG BỘ CƠ QUAN UBND ĐẢNG CỘNG SẢN VIỆT NAM\nHUYỆN LỆ THUỶ -------------------------------\n"
         "CHI BỘ THANH TRA\nLệ Thuỷ, ngày 29 tháng 11 năm 2011\n\nBẢN TỰ KIỂM ĐIỂM\n"
         "ĐÁNH GIÁ CHẤT LƯỢNG ĐẢNG VIÊN\n\nHỌ VÀ TÊN: CHÂU MINH PHÚ\nChức vụ hiện nay: Phó Chánh thanh tra\n")
    _, h = header_of(t)
    assert (h.doc_type, h.title, h.code) == ("Kiểm điểm", "ĐÁNH GIÁ CHẤT LƯỢNG ĐẢNG VIÊN", None)
    assert (h.issuer.parent, h.issuer.name) == ("ĐẢNG BỘ CƠ QUAN UBND HUYỆN LỆ THUỶ", "CHI BỘ THANH TRA")
    assert (h.place, h.date) == ("Lệ Thuỷ", "2011-11-29")


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
# Fields whose gold is what the page says while the text (OCR) says something else: handwritten
# numbers/days the OCR cannot read ("Số: O{_ /TTr-UBND", "ngày |3"), misread letters in the issuer,
# title or recipients ("TĨNH QUANG NGAI", "Nhâm Dằn", "Công TTĐT", "KGVX @b)"). See each gold note;
# the eval (gold/floors.json) still counts them as misses.
OCR_FIELDS = {
    "lawintech_chinhphu/30-ttg.signed.txt": {"title", "recipients"},
    "lawintech_chinhphu/30-ttg.signed.pdf": {"title", "recipients"},
    "lawintech_chinhphu/2230-ttg.signed.pdf": {"recipients"},
    "lawintech_chinhphu/19-bkhcn.pdf": {"number", "code", "date", "recipients"},
    "hpbaotho_qlvb2011/275.pdf": {"issuer", "parent", "number", "code", "date"},
    "ocrvbhc_quangngai/01 TTr.signed_20250513_144607.pdf": {"issuer", "number", "code", "date", "recipients"},
    "ocrvbhc_quangngai/16CT.signed_20250510_124909.pdf": {"issuer", "number", "code", "date", "title",
                                                          "recipients"},
    "ocrvbhc_quangngai/23BC.signed_20250510_124908.pdf": {"date", "title", "recipients"},
    "smartdocs_ttg/970-ttg.signed.pdf": {"title", "recipients"},
}


def _norm(v, k):
    if v is None:
        return None
    if isinstance(v, list):
        return [re.sub(r"\s+", " ", x).strip() for x in v]
    v = re.sub(r"\s+", " ", str(v)).strip()
    return v.lower() if k == "title" else v


@pytest.mark.parametrize("gold_file", sorted(GOLD.glob("*.json")), ids=lambda p: p.stem[:40])
def test_dev_corpus_header_matches_gold(gold_file, dev_dir, parse_dev):
    g = json.loads(gold_file.read_text(encoding="utf-8"))
    p = (dev_dir.parent.parent / g["path"]) if g["path"].startswith("seeds/") else dev_dir / g["path"]
    if not p.exists():
        pytest.skip(f"{p} not present")
    d = parse_dev(p)  # shared with the other gold tests: OCR'd scans take a minute
    if g["header"] is None:
        assert d.header is None
        return
    h = d.header
    got = {k: getattr(h, k) for k in FIELDS if k not in ("issuer", "parent")}
    got["issuer"] = h.issuer.name if h.issuer else None
    got["parent"] = h.issuer.parent if h.issuer else None
    skip = OCR_FIELDS.get(g["path"], set())
    wrong = {k: (_norm(got[k], k), _norm(g["header"][k], k)) for k in FIELDS
             if k in g["header"] and k not in skip and _norm(got[k], k) != _norm(g["header"][k], k)}
    assert not wrong
    gc = g["header"].get("copy")
    assert (h.copy is None) == (gc is None)
    if gc:
        assert {k: h.copy[k] for k in gc} == gc
    assert_spans(d)
