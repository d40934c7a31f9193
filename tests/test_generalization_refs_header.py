"""Generalization sweep: header + references on documents composed for this test, from provinces,
agencies and layouts the dev gold does not contain (Hà Giang, Cà Mau, TP. Hồ Chí Minh, Thừa Thiên
Huế, Bà Rịa - Vũng Tàu, …; UBND huyện/xã/phường, Sở, Ban Dân tộc, Văn phòng UBND, Bộ, Tỉnh ủy,
Huyện ủy, Đảng ủy, Đoàn TNCS, MTTQ, HĐND, a university, a hospital).

Every document is fictitious but follows NĐ 30/2020, HD 36-HD/VPTW and the variants listed in
../shared/reference/vietnamese-admin-documents.md §3-§5, §8-§11. Expected values were written
from the format rules (what a careful reader extracts) before the extractor was run on them.
"""
import re

import pytest

import cchc_extract
from cchc_extract.extract.context import Context
from cchc_extract.extract.references import extract_references


def parse(text):
    d = cchc_extract.parse_text(text, stages={"header", "references"})
    assert not d.errors, d.errors
    for r in d.references:  # every reference span is its surface
        assert d.text[r.span[0]:r.span[1]] == r.raw
    h = d.header
    if h is not None:
        for key in ("code", "date", "place", "doc_type", "urgency", "secrecy"):
            if key in h.spans:
                s, e = h.spans[key]
                assert e > s and d.text[s:e].strip() == d.text[s:e]
        for key in ("addressees", "recipients"):
            for (s, e), item in zip(h.spans.get(key, []), getattr(h, key)):
                assert re.sub(r"\s+", " ", d.text[s:e]) == item
    return d, h


def refs(text, fmt="txt"):
    ctx = Context(text=text, blocks=[], format=fmt, header=None)
    out = extract_references(ctx)
    for r in out:
        assert text[r.span[0]:r.span[1]] == r.raw
    return out


def codes(out):
    return [r.code for r in out if r.kind != "law_name"]


# ============================================================ full documents (header + refs)

HA_GIANG_QD = """ỦY BAN NHÂN DÂN
HUYỆN VỊ XUYÊN
-------
SỐ: 215/QĐ-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Vị Xuyên, ngày 28 tháng 05 năm 2004
QUYẾT ĐỊNH
Về việc kiện toàn Ban Chỉ đạo cải cách hành chính huyện Vị Xuyên
----------
ỦY BAN NHÂN DÂN HUYỆN VỊ XUYÊN
Căn cứ Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân ngày 26 tháng 11 năm 2003;
Căn cứ Quyết định số 94 QĐ/LB ngày 12/3/1994 của liên Bộ Tài chính - Lao động;
Căn cứ Quyết định số 1551/QĐ-UBND ngày 02/8/2003 của UBND tỉnh Hà Giang về việc ban hành Quy chế;
Xét đề nghị của Trưởng phòng Nội vụ huyện,
QUYẾT ĐỊNH:
Điều 1. Kiện toàn Ban Chỉ đạo cải cách hành chính huyện.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.
Nơi nhận: TM. ỦY BAN NHÂN DÂN
- Như Điều 3; K/T CHỦ TỊCH
- TT Huyện ủy, TT HĐND huyện; PHÓ CHỦ TỊCH
- Lưu VT. Nguyễn Văn Tâm
"""


def test_ha_giang_district_decision_upper_so_overpadded_month_interleaved_kt():
    d, h = parse(HA_GIANG_QD)
    assert (h.issuer.name, h.issuer.parent) == ("ỦY BAN NHÂN DÂN HUYỆN VỊ XUYÊN", None)
    assert (h.number, h.symbol, h.code, h.year) == ("215", "QĐ-UBND", "215/QĐ-UBND", None)
    assert (h.place, h.date, h.doc_type) == ("Vị Xuyên", "2004-05-28", "Quyết định")
    assert h.title == "Về việc kiện toàn Ban Chỉ đạo cải cách hành chính huyện Vị Xuyên"
    # "K/T CHỦ TỊCH" (slash style in a state document) is the signer column, not an item
    assert h.recipients == ["Như Điều 3", "TT Huyện ủy, TT HĐND huyện", "Lưu VT"]
    got = [(r.kind, r.code, r.doc_type, r.date) for r in d.references]
    assert got == [
        ("law_name", None, "Luật", "2003-11-26"),
        ("other", "94-QĐ/LB", "Quyết định", "1994-03-12"),  # space style, pre-2000
        ("admin", "1551/QĐ-UBND", "Quyết định", "2003-08-02")]
    assert d.references[2].issuer == "UBND tỉnh Hà Giang"
    assert d.references[0].title == "Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân"


CA_MAU_KH = """Người ký: Sở Nội vụ
Email: snv@camau.gov.vn
Cơ quan: Tỉnh Cà Mau
Thời gian ký: 12.02.2024 08:15:33 +07:00
UBND TỈNH CÀ MAU
SỞ NỘI VỤ
Số : 15/KH-SNV
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Cà Mau, ngày 05 tháng 02 năm 2024
KẾ HOẠCH
Tuyên truyền cải cách hành chính năm 2024
trên địa bàn tỉnh Cà Mau
Thực hiện Kế hoạch số 166/KH-UBND ngày 03/6/2023 của UBND tỉnh Cà Mau về cải cách hành chính
giai đoạn 2021 - 2025; Công văn số 12/CV-UBND ngày 05/01/2024 của UBND xã Tân Hưng;
Chương trình số 08/Ctr-UBND ngày 10/01/2024 của UBND tỉnh, Sở Nội vụ xây dựng Kế hoạch như sau:
I. MỤC ĐÍCH, YÊU CẦU
Nơi nhận:
- UBND tỉnh (b/c);
- Các sở, ban, ngành tỉnh;
- Lưu: VT, VP(02b).
"""


def test_ca_mau_plan_spaced_colon_stamp_lines_cv_ctr_and_copy_count():
    d, h = parse(CA_MAU_KH)
    assert (h.issuer.name, h.issuer.parent) == ("SỞ NỘI VỤ", "UBND TỈNH CÀ MAU")
    assert (h.number, h.code, h.doc_type) == ("15", "15/KH-SNV", "Kế hoạch")
    assert (h.place, h.date) == ("Cà Mau", "2024-02-05")
    assert h.title == "Tuyên truyền cải cách hành chính năm 2024 trên địa bàn tỉnh Cà Mau"
    assert h.recipients == ["UBND tỉnh (b/c)", "Các sở, ban, ngành tỉnh", "Lưu: VT, VP(02b)"]
    got = [(r.code, r.doc_type, r.kind, r.date) for r in d.references]
    assert got == [("166/KH-UBND", "Kế hoạch", "admin", "2023-06-03"),
                   ("12/CV-UBND", "Công văn", "admin", "2024-01-05"),
                   ("08/Ctr-UBND", "Chương trình", "admin", "2024-01-10")]
    assert d.references[0].issuer == "UBND tỉnh Cà Mau"
    assert d.references[1].issuer == "UBND xã Tân Hưng"


HCM_CONG_VAN = """ỦY BAN NHÂN DÂN
THÀNH PHỐ HỒ CHÍ MINH
SỞ GIÁO DỤC VÀ ĐÀO TẠO
Số:1881/SGDĐT-VP
V/v triển khai thực hiện Kế hoạch
chuyển đổi số trong công tác văn thư,
lưu trữ năm học 2023 - 2024
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Tp.HCM, ngày 12 tháng 9 năm 2023
Kính gửi:
- Trưởng phòng Giáo dục và Đào tạo thành phố Thủ Đức;
- Trưởng phòng Giáo dục và Đào tạo các quận, huyện;
- Hiệu trưởng các trường trung học phổ thông.
Căn cứ Nghị định số 30/2020/NÐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư;
Sở Giáo dục và Đào tạo đề nghị các đơn vị thực hiện như sau:
Nơi nhận:
- Như trên;
- Giám đốc, các PGĐ;
- Lưu: VT, VP.
"""


def test_hcm_cong_van_glued_so_vv_three_lines_kinh_gui_list_tp_hcm_latin_eth():
    d, h = parse(HCM_CONG_VAN)
    assert (h.issuer.name, h.issuer.parent) == ("SỞ GIÁO DỤC VÀ ĐÀO TẠO",
                                                "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH")
    assert (h.number, h.symbol, h.code, h.doc_type) == ("1881", "SGDĐT-VP", "1881/SGDĐT-VP", "Công văn")
    assert h.title == ("triển khai thực hiện Kế hoạch chuyển đổi số trong công tác văn thư, "
                       "lưu trữ năm học 2023 - 2024")
    assert (h.place, h.date) == ("Tp.HCM", "2023-09-12")
    assert h.addressees == ["Trưởng phòng Giáo dục và Đào tạo thành phố Thủ Đức",
                            "Trưởng phòng Giáo dục và Đào tạo các quận, huyện",
                            "Hiệu trưởng các trường trung học phổ thông"]
    assert h.recipients == ["Như trên", "Giám đốc, các PGĐ", "Lưu: VT, VP"]
    assert [(r.code, r.doc_type, r.issuer) for r in d.references] == [
        ("30/2020/NĐ-CP", "Nghị định", "Chính phủ")]


def test_tp_ho_chi_minh_place_spelled_out_on_interleaved_line():
    t = ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nQUẬN 3 Độc lập - Tự do - Hạnh phúc\n"
         "Số: 47/BC-UBND TP. Hồ Chí Minh, ngày 27 tháng 12 năm 2023\nBÁO CÁO\n"
         "Kết quả thực hiện công tác cải cách hành chính năm 2023\n"
         "Thực hiện Kế hoạch số 120/KH-UBND ngày 10/01/2023 của Ủy ban nhân dân Quận 3;\n")
    d, h = parse(t)
    assert (h.issuer.name, h.code, h.doc_type) == ("ỦY BAN NHÂN DÂN QUẬN 3", "47/BC-UBND", "Báo cáo")
    assert (h.place, h.date) == ("TP. Hồ Chí Minh", "2023-12-27")
    assert h.title == "Kết quả thực hiện công tác cải cách hành chính năm 2023"
    assert [(r.code, r.issuer) for r in d.references] == [("120/KH-UBND", "Ủy ban nhân dân Quận 3")]


HUE_PARTY_CV = """ĐẢNG BỘ TỈNH THỪA THIÊN HUẾ
TỈNH ỦY
*
Số 125-CV/TU
V/v tổ chức quán triệt Nghị quyết
Hội nghị lần thứ tám Ban Chấp hành
Trung ương khóa XIII
ĐẢNG CỘNG SẢN VIỆT NAM
Huế, ngày 03 tháng 4 năm 2018
Kính gửi: Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy
Thực hiện Kết luận số 48-KL/TW, ngày 25/01/2018 của Bộ Chính trị; Luật Tổ chức Quốc hội số
57/L-CTN ngày 15/4/1992; Nghị quyết số 18-NQ/TW, 19-NQ/TW ngày 25/10/2017 của Ban Chấp hành
Trung ương, Ban Thường vụ Tỉnh ủy đề nghị:
Nơi nhận:
- Như trên,
- Các đồng chí Tỉnh ủy viên,
- Lưu Văn phòng Tỉnh ủy.
"""


def test_hue_party_cong_van_no_colon_number_party_refs_and_lu_van_phong():
    d, h = parse(HUE_PARTY_CV)
    assert (h.issuer.name, h.issuer.parent) == ("TỈNH ỦY", "ĐẢNG BỘ TỈNH THỪA THIÊN HUẾ")
    assert (h.number, h.symbol, h.code) == ("125", "CV/TU", "125-CV/TU")
    assert h.doc_type == "Công văn"
    assert h.title == ("tổ chức quán triệt Nghị quyết Hội nghị lần thứ tám Ban Chấp hành "
                       "Trung ương khóa XIII")
    assert (h.place, h.date) == ("Huế", "2018-04-03")
    assert h.addressees == ["Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy"]
    assert h.recipients == ["Như trên", "Các đồng chí Tỉnh ủy viên", "Lưu Văn phòng Tỉnh ủy"]
    got = [(r.code, r.kind, r.doc_type, r.date) for r in d.references]
    assert got == [
        ("48-KL/TW", "party", "Kết luận", "2018-01-25"),
        # a pre-1997 law cited in a Party document is still a state (historical) number
        ("57/L-CTN", "other", "Luật", "1992-04-15"),
        ("18-NQ/TW", "party", "Nghị quyết", None),  # the date follows the last of the list
        ("19-NQ/TW", "party", "Nghị quyết", "2017-10-25")]
    assert d.references[0].issuer == "Bộ Chính trị"
    assert d.references[1].title == "Luật Tổ chức Quốc hội"


BRVT_HDND = """HỘI ĐỒNG NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH BÀ RỊA - VŨNG TÀU Độc lập - Tự do - Hạnh phúc
Số: 12/2024/NQ-HĐND Bà Rịa - Vũng Tàu, ngày 10 tháng 7 năm 2024
NGHỊ QUYẾT
Quy định mức chi hỗ trợ công chức làm công tác một cửa
HỘI ĐỒNG NHÂN DÂN TỈNH BÀ RỊA - VŨNG TÀU
KHÓA VII, KỲ HỌP THỨ MƯỜI BẢY
Căn cứ Luật Ban hành văn bản quy phạm pháp luật năm 2015, được sửa đổi, bổ sung năm 2020;
Căn cứ Nghị định số 34/2016/NĐ-CP ngày 14 tháng 5 năm 2016 của Chính phủ quy định chi tiết một số điều; NĐ 30/2020 và TT 85/2025/TT-BNNMT;
Xét Tờ trình số 58/TTr-UBND ngày 20 tháng 6 năm 2024 của Ủy ban nhân dân tỉnh;
"""


def test_brvt_hdnd_normative_resolution_law_amended_shorthand_refs():
    d, h = parse(BRVT_HDND)
    assert (h.issuer.name, h.issuer.parent) == ("HỘI ĐỒNG NHÂN DÂN TỈNH BÀ RỊA - VŨNG TÀU", None)
    assert (h.number, h.year, h.symbol, h.code) == ("12", 2024, "NQ-HĐND", "12/2024/NQ-HĐND")
    assert (h.place, h.date, h.doc_type) == ("Bà Rịa - Vũng Tàu", "2024-07-10", "Nghị quyết")
    assert h.title == "Quy định mức chi hỗ trợ công chức làm công tác một cửa"
    got = [(r.kind, r.code, r.doc_type, r.date) for r in d.references]
    assert got == [
        ("law_name", None, "Luật", "2015"),  # "được sửa đổi, bổ sung năm 2020" is not a 2nd law
        ("normative", "34/2016/NĐ-CP", "Nghị định", "2016-05-14"),
        ("normative", "30/2020", "Nghị định", None),  # a year is there: normative (§3.4)
        ("normative", "85/2025/TT-BNNMT", "Thông tư", None),
        ("admin", "58/TTr-UBND", "Tờ trình", "2024-06-20")]
    assert d.references[3].issuer_name == "Bộ Nông nghiệp và Môi trường"
    assert d.references[1].title == "quy định chi tiết một số điều"


def test_ban_dan_toc_report_secret_and_urgent_marks_under_number():
    t = ("UBND TỈNH LÀO CAI\nBAN DÂN TỘC\nSố: 36/BC-BDT\nMẬT\nHỎA TỐC\n"
         "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
         "Lào Cai, ngày 5 tháng 3 năm 2020\nBÁO CÁO\nTình hình vùng đồng bào dân tộc thiểu số quý I năm 2020\n"
         "Kính gửi: Ủy ban Dân tộc\nThực hiện Công văn số 254/UBDT-VP ngày 12/02/2020 của Ủy ban Dân tộc;\n")
    d, h = parse(t)
    assert (h.issuer.name, h.issuer.parent) == ("BAN DÂN TỘC", "UBND TỈNH LÀO CAI")
    assert (h.urgency, h.secrecy) == ("HỎA TỐC", "MẬT")
    assert (h.code, h.doc_type, h.place, h.date) == ("36/BC-BDT", "Báo cáo", "Lào Cai", "2020-03-05")
    assert h.title == "Tình hình vùng đồng bào dân tộc thiểu số quý I năm 2020"
    assert h.addressees == ["Ủy ban Dân tộc"]
    assert [(r.code, r.issuer_name) for r in d.references] == [("254/UBDT-VP", "Ủy ban Dân tộc")]


def test_van_phong_ubnd_mark_on_the_number_line():
    t = ("UBND TỈNH NGHỆ AN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
         "VĂN PHÒNG Độc lập - Tự do - Hạnh phúc\n"
         "Số: 3954/VPUBND-VX THƯỢNG KHẨN Nghệ An, ngày 21 tháng 8 năm 2024\n"
         "V/v chuẩn bị nội dung họp Ban Chỉ đạo\n"
         "Kính gửi: Sở Nội vụ\nThực hiện ý kiến chỉ đạo của Chủ tịch UBND tỉnh, Văn phòng đề nghị:\n")
    d, h = parse(t)
    assert (h.issuer.name, h.issuer.parent) == ("VĂN PHÒNG", "UBND TỈNH NGHỆ AN")
    assert (h.code, h.urgency, h.secrecy) == ("3954/VPUBND-VX", "THƯỢNG KHẨN", None)
    assert (h.place, h.date, h.doc_type) == ("Nghệ An", "2024-08-21", "Công văn")
    assert h.title == "chuẩn bị nội dung họp Ban Chỉ đạo"
    assert h.addressees == ["Sở Nội vụ"]


def test_secret_mark_on_the_party_number_line():
    t = ("HUYỆN ỦY ĐẦM DƠI ĐẢNG CỘNG SẢN VIỆT NAM\n*\nSố 04-NQ/HU MẬT Đầm Dơi, ngày 15 tháng 01 năm 2022\n"
         "NGHỊ QUYẾT\nvề lãnh đạo công tác quốc phòng địa phương năm 2022\n\nBan Thường vụ Huyện ủy quyết nghị:\n")
    _, h = parse(t)
    assert (h.issuer.name, h.code, h.secrecy, h.urgency) == ("HUYỆN ỦY ĐẦM DƠI", "04-NQ/HU", "MẬT", None)
    assert (h.place, h.date, h.doc_type) == ("Đầm Dơi", "2022-01-15", "Nghị quyết")


def test_bo_noi_vu_circular_header_flattened_onto_one_line():
    t = ("BỘ NỘI VỤ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc "
         "Số: 01/2011/TT-BNV Hà Nội, ngày 19 tháng 01 năm 2011\nTHÔNG TƯ\n"
         "Hướng dẫn thể thức và kỹ thuật trình bày văn bản hành chính\n"
         "Căn cứ Nghị định số 48/2008/NĐ-CP ngày 17 tháng 4 năm 2008 của Chính phủ quy định chức năng, "
         "nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Nội vụ;\n"
         "Căn cứ Nghị định số 110/2004/NĐ-CP và 09/2010/NĐ-CP của Chính phủ về công tác văn thư;\n")
    d, h = parse(t)
    assert (h.issuer.name, h.issuer.parent) == ("BỘ NỘI VỤ", None)
    assert (h.code, h.year, h.place, h.date) == ("01/2011/TT-BNV", 2011, "Hà Nội", "2011-01-19")
    assert (h.doc_type, h.title) == ("Thông tư", "Hướng dẫn thể thức và kỹ thuật trình bày văn bản hành chính")
    assert [(r.code, r.doc_type) for r in d.references] == [
        ("48/2008/NĐ-CP", "Nghị định"), ("110/2004/NĐ-CP", "Nghị định"), ("09/2010/NĐ-CP", "Nghị định")]
    assert d.references[0].date == "2008-04-17" and d.references[0].issuer == "Chính phủ"


def test_dang_uy_xa_to_trinh_kinh_trinh_blank_party_number():
    t = ("ĐẢNG BỘ HUYỆN CÁI NƯỚC ĐẢNG CỘNG SẢN VIỆT NAM\nĐẢNG ỦY XÃ TÂN HƯNG\n*\n"
         "Số    -TTr/ĐU Tân Hưng, ngày     tháng 11 năm 2023\nTỜ TRÌNH\n"
         "về việc đề nghị công nhận tổ chức cơ sở đảng trong sạch, vững mạnh năm 2023\n"
         "Kính trình: Ban Thường vụ Huyện ủy Cái Nước\n"
         "Căn cứ Hướng dẫn số 36-HD/VPTW, ngày 03/4/2018 của Văn phòng Trung ương Đảng;\n")
    d, h = parse(t)
    assert (h.issuer.name, h.issuer.parent) == ("ĐẢNG ỦY XÃ TÂN HƯNG", "ĐẢNG BỘ HUYỆN CÁI NƯỚC")
    assert (h.number, h.symbol, h.code) == (None, "TTr/ĐU", "-TTr/ĐU")
    assert (h.doc_type, h.place, h.date) == ("Tờ trình", "Tân Hưng", "2023-11")
    assert h.title == "về việc đề nghị công nhận tổ chức cơ sở đảng trong sạch, vững mạnh năm 2023"
    assert h.addressees == ["Ban Thường vụ Huyện ủy Cái Nước"]
    assert [(r.code, r.kind, r.doc_type, r.date, r.issuer) for r in d.references] == [
        ("36-HD/VPTW", "party", "Hướng dẫn", "2018-04-03", "Văn phòng Trung ương Đảng")]


def test_doan_tncs_header_right_column_is_not_the_issuer():
    t = ("BCH ĐOÀN TỈNH KIÊN GIANG\n***\nSố: 125-KH/TĐTN-TG\nĐOÀN TNCS HỒ CHÍ MINH\n"
         "Kiên Giang, ngày 26 tháng 3 năm 2024\nKẾ HOẠCH\n"
         "Tổ chức Tháng Thanh niên năm 2024\n"
         "Thực hiện Chương trình số 05-CTr/TWĐTN-VP ngày 10/01/2024 của Ban Bí thư Trung ương Đoàn;\n")
    d, h = parse(t)
    assert (h.issuer.name, h.issuer.parent) == ("BCH ĐOÀN TỈNH KIÊN GIANG", None)
    assert (h.number, h.symbol, h.code) == ("125", "KH/TĐTN-TG", "125-KH/TĐTN-TG")
    assert (h.place, h.date, h.doc_type) == ("Kiên Giang", "2024-03-26", "Kế hoạch")
    assert h.title == "Tổ chức Tháng Thanh niên năm 2024"
    assert [(r.code, r.doc_type, r.date) for r in d.references] == [
        ("05-CTr/TWĐTN-VP", "Chương trình", "2024-01-10")]


def test_mttq_notice():
    t = ("ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
         "TỈNH AN GIANG Độc lập - Tự do - Hạnh phúc\n"
         "BAN THƯỜNG TRỰC\nSố: 45/TB-MTTQ-BTT An Giang, ngày 09 tháng 10 năm 2024\nTHÔNG BÁO\n"
         "Kết luận của Ban Thường trực tại hội nghị giao ban quý III năm 2024\n"
         "Ngày 07/10/2024, Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh tổ chức hội nghị.\n")
    _, h = parse(t)
    assert (h.issuer.parent, h.issuer.name) == ("ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM TỈNH AN GIANG",
                                                "BAN THƯỜNG TRỰC")
    assert (h.code, h.doc_type, h.place, h.date) == ("45/TB-MTTQ-BTT", "Thông báo", "An Giang", "2024-10-09")
    assert h.title == "Kết luận của Ban Thường trực tại hội nghị giao ban quý III năm 2024"


def test_university_decision_spaced_number():
    t = ("BỘ GIÁO DỤC VÀ ĐÀO TẠO\nTRƯỜNG ĐẠI HỌC CẦN THƠ\nSố: 1206 /QĐ-ĐHCT\n"
         "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
         "Cần Thơ, ngày 5 tháng 3 năm 2020\nQUYẾT ĐỊNH\nVề việc ban hành Quy chế công tác văn thư\n"
         "HIỆU TRƯỞNG TRƯỜNG ĐẠI HỌC CẦN THƠ\n"
         "Căn cứ Quyết định số: 1206/QĐ-HVTC ngày 01/02/2020 của Học viện Tài chính;\n")
    d, h = parse(t)
    assert (h.issuer.name, h.issuer.parent) == ("TRƯỜNG ĐẠI HỌC CẦN THƠ", "BỘ GIÁO DỤC VÀ ĐÀO TẠO")
    assert (h.number, h.code, h.doc_type) == ("1206", "1206/QĐ-ĐHCT", "Quyết định")
    assert (h.place, h.date) == ("Cần Thơ", "2020-03-05")
    assert h.title == "Về việc ban hành Quy chế công tác văn thư"
    assert [(r.code, r.doc_type, r.issuer) for r in d.references] == [
        ("1206/QĐ-HVTC", "Quyết định", "Học viện Tài chính")]


def test_hospital_cong_van_with_stamp_and_place_blank_date():
    t = ("Ký bởi: Bệnh viện Đa khoa tỉnh Quảng Ninh\nNgày ký: 03-10-2025 09:12:44 +07:00\n"
         "SỞ Y TẾ QUẢNG NINH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
         "BỆNH VIỆN ĐA KHOA TỈNH Độc lập - Tự do - Hạnh phúc\n"
         "Số: 245/BVĐK-KHTH …, ngày … tháng 10 năm 2025\n"
         "V/v cử cán bộ tham dự tập huấn\nKính gửi: Sở Y tế tỉnh Quảng Ninh\n"
         "Thực hiện Công văn số 3120/SYT-NVY ngày 25/9/2025 của Sở Y tế, Bệnh viện cử cán bộ tham dự.\n")
    d, h = parse(t)
    assert (h.issuer.name, h.issuer.parent) == ("BỆNH VIỆN ĐA KHOA TỈNH", "SỞ Y TẾ QUẢNG NINH")
    assert (h.code, h.doc_type, h.title) == ("245/BVĐK-KHTH", "Công văn", "cử cán bộ tham dự tập huấn")
    assert (h.place, h.date) == (None, "2025-10")  # place left blank in the draft
    assert h.addressees == ["Sở Y tế tỉnh Quảng Ninh"]
    assert [(r.code, r.issuer) for r in d.references] == [("3120/SYT-NVY", "Sở Y tế")]


def test_ubnd_phuong_invitation_dotted_blank_number():
    t = ("ỦY BAN NHÂN DÂN\nPHƯỜNG BẾN NGHÉ\nSố: ......./GM-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
         "Độc lập - Tự do - Hạnh phúc\nBến Nghé, ngày ..... tháng ..... năm 2025\nGIẤY MỜI\n"
         "Họp triển khai công tác chuyển đổi số năm 2025\n"
         "Ủy ban nhân dân phường trân trọng kính mời đại diện các khu phố.\n")
    _, h = parse(t)
    assert (h.issuer.name, h.number, h.code) == ("ỦY BAN NHÂN DÂN PHƯỜNG BẾN NGHÉ", None, "/GM-UBND")
    assert (h.doc_type, h.place, h.date) == ("Giấy mời", "Bến Nghé", "2025")
    assert h.title == "Họp triển khai công tác chuyển đổi số năm 2025"


def test_blank_number_with_dots_in_a_plan():
    t = ("ỦY BAN NHÂN DÂN\nTỈNH THỪA THIÊN HUẾ\nSố: ......./KH-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
         "Độc lập - Tự do - Hạnh phúc\nThừa Thiên Huế, ngày tháng năm 2024\nKẾ HOẠCH\n"
         "Cải cách hành chính nhà nước năm 2025\n")
    _, h = parse(t)
    assert (h.number, h.symbol, h.code, h.doc_type) == (None, "KH-UBND", "/KH-UBND", "Kế hoạch")
    assert (h.place, h.date) == ("Thừa Thiên Huế", "2024")


def test_bo_tai_chinh_cong_van_vv_two_lines_beside_interleaved_date():
    t = ("BỘ TÀI CHÍNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
         "Số: 728/BTC-VP Hà Nội, ngày 18 tháng 01 năm 2025\n"
         "V/v rà soát, báo cáo tình hình thực hiện\nNghị quyết số 18-NQ/TW\n"
         "Kính gửi: Các đơn vị thuộc Bộ\n"
         "Thực hiện Nghị quyết số 18-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương, "
         "Bộ Tài chính đề nghị các đơn vị báo cáo.\n")
    d, h = parse(t)
    assert (h.code, h.doc_type, h.place, h.date) == ("728/BTC-VP", "Công văn", "Hà Nội", "2025-01-18")
    assert h.title == "rà soát, báo cáo tình hình thực hiện Nghị quyết số 18-NQ/TW"
    assert h.addressees == ["Các đơn vị thuộc Bộ"]
    # the title's citation and the body's both count: one entry per occurrence
    assert [(r.code, r.kind) for r in d.references] == [("18-NQ/TW", "party"), ("18-NQ/TW", "party")]


# ============================================================ references in running text

@pytest.mark.parametrize("sentence,code,doc_type,kind", [
    ("Thực hiện NQ 66.7/2025/NQ-CP Đ7 về cắt giảm thủ tục.", "66.7/2025/NQ-CP", "Nghị quyết", "normative"),
    ("Theo TT 85/2025/TT-BNNMT, thủ tục được cắt giảm.", "85/2025/TT-BNNMT", "Thông tư", "normative"),
    ("Đề nghị thực hiện Văn bản 3954/UBND-VX của UBND tỉnh Nghệ An.", "3954/UBND-VX", "Công văn", "admin"),
    ("Căn cứ Nghị quyết số82/2005/NQ-HĐND của HĐND tỉnh.", "82/2005/NQ-HĐND", "Nghị quyết", "normative"),
    ("Căn cứ Quyết định số 25/QĐ/UBND ngày 02/3/2021 của UBND huyện.", "25/QĐ/UBND", "Quyết định", "admin"),
    ("Thực hiện văn bản số 08/Ctr-UBND ngày 10/01/2024 của UBND tỉnh.", "08/Ctr-UBND", "Chương trình",
     "admin"),
    ("Căn cứ Quyết định số 15/QĐ-UBND ngày 02/3/2020 của UBND tỉnh Hà Giang.", "15/QĐ-UBND", "Quyết định",
     "admin"),
])
def test_shorthand_and_typo_codes(sentence, code, doc_type, kind):
    out = refs(sentence)
    assert [(r.code, r.doc_type, r.kind) for r in out] == [(code, doc_type, kind)]


def test_glued_short_decree_citation():
    out = refs("Theo quy định tại NĐ30 thì văn bản phải có đủ thành phần thể thức.")
    assert [(r.number, r.doc_type, r.kind) for r in out] == [("30", "Nghị định", "other")]


def test_short_circular_with_article_and_clause():
    out = refs("Áp dụng TT 13/2025 Đ1 k3 đối với hồ sơ trực tuyến.")
    assert [(r.code, r.doc_type) for r in out] == [("13/2025", "Thông tư")]


@pytest.mark.parametrize("sentence,code,doc_type", [
    ("Căn cứ Quyết định số 94 QĐ/LB ngày 12/3/1994 của liên Bộ.", "94-QĐ/LB", "Quyết định"),
    ("Căn cứ Luật Công đoàn số 110-SL/L.12 ngày 05/11/1957.", "110-SL/L.12", "Luật"),
    ("Căn cứ Lệnh số 42/LCT/HĐNN8 ngày 10/7/1989 của Chủ tịch Hội đồng Nhà nước.", "42/LCT/HĐNN8", "Lệnh"),
    ("Căn cứ Lệnh số 6/LCT ngày 28/3/1991 của Chủ tịch Hội đồng Nhà nước.", "6/LCT", "Lệnh"),
    ("Căn cứ Luật Đất đai số 57/L-CTN ngày 14/7/1993.", "57/L-CTN", "Luật"),
    ("Căn cứ Luật Tổ chức Chính phủ số 20-L/CTN ngày 30/9/1992.", "20-L/CTN", "Luật"),
])
def test_historical_numbers_are_other(sentence, code, doc_type):
    out = refs(sentence)
    assert [(r.code, r.doc_type, r.kind) for r in out] == [(code, doc_type, "other")]


def test_20_l_ctn_in_a_party_document_is_still_a_state_number():
    t = ("ĐẢNG BỘ TỈNH CÀ MAU ĐẢNG CỘNG SẢN VIỆT NAM\nBAN THƯỜNG VỤ TỈNH ỦY\n*\n"
         "Số 12-CT/TU Cà Mau, ngày 10 tháng 8 năm 2023\nCHỈ THỊ\nvề tăng cường công tác dân vận\n"
         "Thực hiện Luật Tổ chức Chính phủ số 20-L/CTN ngày 30/9/1992 và Chỉ thị số 05-CT/TW ngày "
         "15/5/2016 của Bộ Chính trị, Ban Thường vụ Tỉnh ủy yêu cầu:\n")
    d, h = parse(t)
    assert h.code == "12-CT/TU"
    assert [(r.code, r.kind, r.doc_type) for r in d.references] == [
        ("20-L/CTN", "other", "Luật"), ("05-CT/TW", "party", "Chỉ thị")]


def test_lost_diacritics_citation():
    out = refs("Can cu Quyet dinh so 15/QD-UBND ngay 02/3/2020 cua UBND tinh Ca Mau ve viec ban hanh Ke hoach.")
    assert [(r.code, r.doc_type, r.date) for r in out] == [("15/QD-UBND", "Quyết định", "2020-03-02")]
    assert out[0].issuer == "UBND tinh Ca Mau"


def test_latin_eth_in_symbol_and_type_word():
    # legacy fonts: Latin eth (U+00D0 / U+00F0) for Đ/đ, in the symbol and in the type word
    d, _ = parse("Căn cứ Nghị \u00f0ịnh số 30/2020/N\u00d0-CP và Quyết \u00f0ịnh số 12/Q\u00d0-UBND.")
    out = d.references
    assert [(r.code, r.doc_type) for r in out] == [("30/2020/NĐ-CP", "Nghị định"),
                                                   ("12/QĐ-UBND", "Quyết định")]


def test_cong_bao_reprint_order_then_law():
    text = ("CÔNG BÁO/Số 807 + 808/Ngày 24-6-2025\n"
            "CHỦ TỊCH NƯỚC\nSố: 21/2015/L-CTN\nLỆNH\nVề việc công bố Luật\n"
            "Nay công bố Luật Kế toán số 88/2015/QH13 đã được Quốc hội thông qua ngày 20/11/2015.\n"
            "QUỐC HỘI\nLuật số: 92/2015/QH13\nBỘ LUẬT TỐ TỤNG DÂN SỰ\n")
    d, h = parse(text)
    assert h.code == "21/2015/L-CTN"
    # the law's own number line and the Lệnh's number are not citations of each other
    got = [(r.code, r.doc_type, r.date) for r in d.references]
    assert got == [("88/2015/QH13", "Luật", "2015-11-20")]


def test_clause_references_point_at_the_document():
    out = refs("Theo điểm a khoản 2 Điều 5 Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ và "
               "các điểm a, b khoản 3 Điều 4; khoản 1, 2 Điều 5; từ Điều 5 đến Điều 10 Thông tư số "
               "01/2011/TT-BNV của Bộ Nội vụ.")
    assert [(r.code, r.doc_type, r.issuer) for r in out] == [
        ("30/2020/NĐ-CP", "Nghị định", "Chính phủ"), ("01/2011/TT-BNV", "Thông tư", "Bộ Nội vụ")]
    assert out[0].raw == "Nghị định số 30/2020/NĐ-CP"


@pytest.mark.parametrize("sentence", [
    "Hệ thống áp dụng TCVN 6909:2001 và TCVN ISO 9001:2015 tại bộ phận một cửa.",
    "Thiết bị đạt chuẩn ISO/IEC 27001:2013; nhà xưởng theo QCVN 06:2022/BXD.",
    "Hỗ trợ 2.500.000 đồng/người/tháng; tổng kinh phí 1.250.000.000 đồng.",
    "Giao đất tại thửa số 345, tờ bản đồ số 12, xã Tân Hưng.",
    "Sạt lở tại Km 5+300 đến Km 7+120 Quốc lộ 1A.",
    "Liên hệ điện thoại: 0290.3831.234 hoặc 0913 456 789; Fax: (0290) 3831 235.",
    "Có 125 thủ tục cung cấp dịch vụ công trực tuyến mức độ 3/4; tỉnh xếp thứ 12/63.",
    "Tỷ lệ hồ sơ đúng hạn đạt 98,5% (1.250/1.269 hồ sơ) trong quý III/2024.",
])
def test_non_references(sentence):
    assert refs(sentence) == []


def test_enumeration_with_commas_and_va_shares_type_and_date_stays_own():
    out = refs("Căn cứ các Quyết định số 1291/QĐ-UBND, 1292/QĐ-UBND và 1293/QĐ-UBND ngày 15/6/2023 "
               "của UBND tỉnh Cà Mau.")
    assert [(r.code, r.doc_type) for r in out] == [
        ("1291/QĐ-UBND", "Quyết định"), ("1292/QĐ-UBND", "Quyết định"), ("1293/QĐ-UBND", "Quyết định")]
    assert out[2].date == "2023-06-15" and out[2].issuer == "UBND tỉnh Cà Mau"


def test_enumeration_with_semicolons_and_cac_colon_so():
    out = refs("Thực hiện các Thông tư của Bộ Nội vụ: số 01/2011/TT-BNV ngày 19/01/2011; "
               "số 07/2012/TT-BNV ngày 22/11/2012; số 02/2021/TT-BNV ngày 11/6/2021.")
    assert [(r.code, r.doc_type, r.issuer, r.date) for r in out] == [
        ("01/2011/TT-BNV", "Thông tư", "Bộ Nội vụ", "2011-01-19"),
        ("07/2012/TT-BNV", "Thông tư", "Bộ Nội vụ", "2012-11-22"),
        ("02/2021/TT-BNV", "Thông tư", "Bộ Nội vụ", "2021-06-11")]


def test_party_enumeration_and_state_list_with_semicolons():
    out = refs("Quán triệt các Nghị quyết số 18-NQ/TW, 19-NQ/TW ngày 25/10/2017; Kế hoạch số 10/KH-UBND; "
               "11/KH-UBND của UBND tỉnh.")
    assert [(r.code, r.doc_type, r.kind) for r in out] == [
        ("18-NQ/TW", "Nghị quyết", "party"), ("19-NQ/TW", "Nghị quyết", "party"),
        ("10/KH-UBND", "Kế hoạch", "admin"), ("11/KH-UBND", "Kế hoạch", "admin")]


def test_law_amended_twice_and_code_law_with_colon():
    out = refs("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015, được sửa đổi, bổ sung "
               "năm 2017 và năm 2019; Luật số: 08/2012/QH13; Luật: 38/2005/QH11.")
    assert [(r.kind, r.code, r.date) for r in out] == [
        ("law_name", None, "2015-06-19"), ("normative", "08/2012/QH13", None),
        ("normative", "38/2005/QH11", None)]
    assert out[1].doc_type == "Luật" and out[2].doc_type == "Luật"


def test_old_district_decision_ub_symbol_copy_count_and_hyphen_dates():
    t = ("UỶ BAN NHÂN DÂN\nHUYỆN NĂM CĂN\nSố: 15/QĐ-UB\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
         "Độc lập - Tự do - Hạnh phúc\nNăm Căn, ngày 28 tháng 05 năm 1998\nQUYẾT ĐỊNH\n"
         "V/v thành lập Hội đồng thi đua - khen thưởng huyện\nCHỦ TỊCH UBND HUYỆN NĂM CĂN\n"
         "Căn cứ Chỉ thị số 21-CT/TW ngày 01-10-1997 của Bộ Chính trị;\n"
         "Căn cứ Nghị định số 56/1998/NĐ-CP ngày 30-7-1998 của Chính phủ;\n"
         "QUYẾT ĐỊNH:\nĐiều 1. Thành lập Hội đồng./.\n"
         "Nơi nhận:\n- Như Điều 3;\n- Lưu: VT, CLCB, 03 bản.\n")
    d, h = parse(t)
    assert (h.issuer.name, h.code, h.number, h.symbol) == ("UỶ BAN NHÂN DÂN HUYỆN NĂM CĂN", "15/QĐ-UB",
                                                          "15", "QĐ-UB")
    assert (h.doc_type, h.place, h.date) == ("Quyết định", "Năm Căn", "1998-05-28")
    assert h.title == "V/v thành lập Hội đồng thi đua - khen thưởng huyện"
    assert h.recipients == ["Như Điều 3", "Lưu: VT, CLCB, 03 bản"]
    assert [(r.code, r.kind, r.date) for r in d.references] == [
        ("21-CT/TW", "party", "1997-10-01"), ("56/1998/NĐ-CP", "normative", "1998-07-30")]


def test_urgent_mark_under_the_number_of_a_ministry_dispatch():
    t = ("BỘ Y TẾ\nSố: 5120/BYT-KCB\nV/v tăng cường phòng, chống dịch\nsốt xuất huyết\nTHƯỢNG KHẨN\n"
         "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
         "Hà Nội, ngày 14 tháng 8 năm 2023\nKính gửi: Sở Y tế các tỉnh, thành phố trực thuộc Trung ương\n"
         "Thực hiện Công điện số 739/CĐ-TTg ngày 12/8/2023 của Thủ tướng Chính phủ, Bộ Y tế đề nghị:\n")
    d, h = parse(t)
    assert (h.issuer.name, h.code, h.doc_type) == ("BỘ Y TẾ", "5120/BYT-KCB", "Công văn")
    assert h.title == "tăng cường phòng, chống dịch sốt xuất huyết"  # the mark ends the V/v lines
    assert (h.urgency, h.place, h.date) == ("THƯỢNG KHẨN", "Hà Nội", "2023-08-14")
    assert h.addressees == ["Sở Y tế các tỉnh, thành phố trực thuộc Trung ương"]
    assert [(r.code, r.doc_type, r.issuer) for r in d.references] == [
        ("739/CĐ-TTg", "Công điện", "Thủ tướng Chính phủ")]


def test_date_told_before_the_citation():
    out = refs("Về tổ chức bộ máy: Ngày 03/7/2025, Hội đồng nhân dân tỉnh Cà Mau ban hành Nghị quyết số "
               "03/NQ-HĐND về việc thành lập các cơ quan chuyên môn; ngày 05/7/2025, Ủy ban nhân dân tỉnh "
               "đã ký ban hành các Quyết định số 12/QĐ-UBND và 13/QĐ-UBND. Ngày 10/7/2025, Sở Nội vụ họp "
               "theo Kế hoạch số 20/KH-SNV.")
    assert [(r.code, r.date) for r in out] == [
        ("03/NQ-HĐND", "2025-07-03"), ("12/QĐ-UBND", "2025-07-05"),
        ("13/QĐ-UBND", "2025-07-05"),  # "ban hành các Quyết định số A và B": both that day
        ("20/KH-SNV", None)]  # "họp theo": the date is the meeting's, not the plan's
