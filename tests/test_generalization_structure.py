"""Generalization sweep: sections, signatories, tables and metrics on documents from other
provinces and issuers than the dev corpus (UBND phường/xã, Sở, Bộ/Chính phủ, Tỉnh ủy, HĐND,
Tỉnh đoàn, a hospital, the military). Every document is composed for this file (fictitious but
laid out like the real thing); the expected values were written from reading them, before the
extractor was run on them.
"""
from __future__ import annotations

import pytest

from cchc_extract.pipeline import parse_bytes, parse_text

K = ("authority", "on_behalf_of", "deputy_for", "title", "name")


def outline(d):
    return [(s.level, s.label, s.title) for s in d.sections]


def sig_tuples(d):
    out = [tuple(getattr(s, k) for k in K) for s in d.signatories]
    for s in d.signatories:
        assert 0 <= s.span[0] < s.span[1] <= len(d.text)
        if s.name:
            assert s.name in d.text[s.span[0]:s.span[1]]
    return out


def check_tree(d):
    """Parents enclose children, levels step by one, spans are in the text."""
    secs = d.sections
    for s in secs:
        assert 0 <= s.span[0] <= s.span[1] <= len(d.text)
        if s.parent is not None:
            p = secs[s.parent]
            assert p.level == s.level - 1 and p.span[0] < s.span[0] <= p.span[1], (s, p)
        else:
            assert s.level == 1, s


def mvals(d):
    return [(m.value, "%" if m.percent else m.unit) for m in d.metrics]


# ============================================================== sections: report ladders

PHUONG_REPORT = """ỦY BAN NHÂN DÂN QUẬN LIÊN CHIỂU
ỦY BAN NHÂN DÂN PHƯỜNG HÒA KHÁNH BẮC
Số: 215/BC-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hòa Khánh Bắc, ngày 15 tháng 6 năm 2023
BÁO CÁO
Kết quả thực hiện công tác cải cách hành chính 6 tháng đầu năm 2023
PHẦN I
KẾT QUẢ THỰC HIỆN
I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH
1. Ban hành kế hoạch
1.1. Kế hoạch cải cách hành chính
UBND phường ban hành Kế hoạch số 12/KH-UBND ngày 10/01/2023 về cải cách hành chính.
1.1.1. Nội dung kế hoạch
a) Về cải cách thể chế
Rà soát văn bản do phường ban hành.
b) Về cải cách thủ tục hành chính
Rà soát quy trình nội bộ.
1.1.2. Tiến độ thực hiện
1.2. Kế hoạch tuyên truyền
2. Kiểm tra công tác cải cách hành chính
II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ
1. Cải cách thể chế
PHẦN II
PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2023
I. NHIỆM VỤ TRỌNG TÂM
1. Tiếp tục rà soát thủ tục hành chính
Trên đây là báo cáo kết quả công tác cải cách hành chính của UBND phường./.
Nơi nhận:
- UBND quận;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Thị Hồng Vân
"""


def test_phan_roman_number_decimal_letter_ladder():
    d = parse_text(PHUONG_REPORT)
    assert outline(d) == [
        (1, "Phần I", "KẾT QUẢ THỰC HIỆN"),
        (2, "I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"),
        (3, "1", "Ban hành kế hoạch"),
        (4, "1.1", "Kế hoạch cải cách hành chính"),
        (5, "1.1.1", "Nội dung kế hoạch"),
        (6, "a", "Về cải cách thể chế"),
        (6, "b", "Về cải cách thủ tục hành chính"),
        (5, "1.1.2", "Tiến độ thực hiện"),
        (4, "1.2", "Kế hoạch tuyên truyền"),
        (3, "2", "Kiểm tra công tác cải cách hành chính"),
        (2, "II", "KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ"),
        (3, "1", "Cải cách thể chế"),
        (1, "Phần II", "PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2023"),
        (2, "I", "NHIỆM VỤ TRỌNG TÂM"),
        (3, "1", "Tiếp tục rà soát thủ tục hành chính"),
    ]
    check_tree(d)
    last = d.sections[-1]
    assert d.text[last.span[0]:last.span[1]].endswith("của UBND phường./.")
    assert sig_tuples(d) == [("TM.", "ỦY BAN NHÂN DÂN", None, "CHỦ TỊCH", "Nguyễn Thị Hồng Vân")]
    # periods, document numbers and dates are not quantities
    assert d.metrics == []


SO_REPORT_DASHES = """UBND TỈNH NGHỆ AN
SỞ TƯ PHÁP
Số: 88/BC-STP
BÁO CÁO
Công tác cải cách hành chính quý I/2024
A. KẾT QUẢ ĐẠT ĐƯỢC
I- CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH
1- Xây dựng kế hoạch
(1) Kế hoạch cải cách hành chính năm 2024
Sở ban hành kế hoạch đúng thời hạn.
(2) Kế hoạch kiểm tra nội bộ
2- Công tác tuyên truyền
* Hình thức tuyên truyền:
- Đăng tin trên Cổng thông tin điện tử của Sở.
* Kết quả tuyên truyền:
- Đăng 15 tin, bài.
II- CẢI CÁCH THỂ CHẾ
1- Xây dựng văn bản
B. TỒN TẠI, HẠN CHẾ
I- TỒN TẠI
II- NGUYÊN NHÂN
C. PHƯƠNG HƯỚNG NHIỆM VỤ QUÝ II/2024
Nơi nhận:
- Sở Nội vụ;
- Lưu: VT.
GIÁM ĐỐC
Hoàng Thị Thu Trang
"""


def test_alpha_roman_dash_paren_ladder_and_star_bullets():
    d = parse_text(SO_REPORT_DASHES)
    # "*" lines are bullets (no label): not sections, and they do not disturb the ladder
    assert outline(d) == [
        (1, "A", "KẾT QUẢ ĐẠT ĐƯỢC"),
        (2, "I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"),
        (3, "1", "Xây dựng kế hoạch"),
        (4, "1", "Kế hoạch cải cách hành chính năm 2024"),
        (4, "2", "Kế hoạch kiểm tra nội bộ"),
        (3, "2", "Công tác tuyên truyền"),
        (2, "II", "CẢI CÁCH THỂ CHẾ"),
        (3, "1", "Xây dựng văn bản"),
        (1, "B", "TỒN TẠI, HẠN CHẾ"),
        (2, "I", "TỒN TẠI"),
        (2, "II", "NGUYÊN NHÂN"),
        (1, "C", "PHƯƠNG HƯỚNG NHIỆM VỤ QUÝ II/2024"),
    ]
    check_tree(d)
    assert mvals(d) == [(15, "tin bài")]
    assert sig_tuples(d) == [(None, None, None, "GIÁM ĐỐC", "Hoàng Thị Thu Trang")]


GIALAI_PLAN = """UBND TỈNH GIA LAI
SỞ NỘI VỤ
Số: 45/KH-SNV
KẾ HOẠCH
Kiểm tra công tác cải cách hành chính năm 2025
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Đánh giá kết quả thực hiện nhiệm vụ cải cách hành chính của các cơ quan, đơn vị.
2. Yêu cầu
Việc kiểm tra phải bảo đảm các yêu cầu sau:
1. Đúng đối tượng, đúng nội dung;
2. Khách quan, không gây phiền hà cho đơn vị được kiểm tra;
3. Kết thúc kiểm tra có thông báo kết luận.
II. NỘI DUNG KIỂM TRA
1. Công tác chỉ đạo, điều hành
Đoàn kiểm tra tập trung vào các nội dung:
a) Việc ban hành kế hoạch;
b) Việc thực hiện chế độ báo cáo;
c) Công tác tuyên truyền.
2. Cải cách thủ tục hành chính
III. TỔ CHỨC THỰC HIỆN
1. Thành phần Đoàn kiểm tra
Đoàn kiểm tra gồm 05 thành viên do Giám đốc Sở làm Trưởng đoàn.
2. Thời gian kiểm tra: Quý III/2025.
Nơi nhận:
- UBND tỉnh (b/c);
- Lưu: VT, CCHC.
KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC
Rơ Mah Thị Hạnh
"""


def test_number_as_heading_and_as_task_list_with_restarts():
    d = parse_text(GIALAI_PLAN)
    assert outline(d) == [
        (1, "I", "MỤC ĐÍCH, YÊU CẦU"), (2, "1", "Mục đích"), (2, "2", "Yêu cầu"),
        (1, "II", "NỘI DUNG KIỂM TRA"), (2, "1", "Công tác chỉ đạo, điều hành"),
        (2, "2", "Cải cách thủ tục hành chính"),
        (1, "III", "TỔ CHỨC THỰC HIỆN"), (2, "1", "Thành phần Đoàn kiểm tra"),
        (2, "2", "Thời gian kiểm tra"),
    ]
    check_tree(d)
    # restarted "1." under each roman heading points at that heading
    secs = d.sections
    assert [secs[s.parent].label for s in secs if s.level == 2] == ["I", "I", "II", "II", "III", "III"]
    m = [m for m in d.metrics]
    assert [(x.value, x.unit) for x in m] == [(5, "thành viên")]
    assert m[0].kind == "target"  # a plan states what will be done
    # an ethnic-minority name (Jrai "Rơ Mah") is a name
    assert sig_tuples(d) == [("KT.", "GIÁM ĐỐC", None, "PHÓ GIÁM ĐỐC", "Rơ Mah Thị Hạnh")]


# ============================================================== sections: normative ladders

NGHI_DINH = """CHÍNH PHỦ
Số: 45/2025/NĐ-CP
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Nội, ngày 20 tháng 3 năm 2025
NGHỊ ĐỊNH
Quy định chi tiết một số điều của Luật Lưu trữ
Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;
Chính phủ ban hành Nghị định quy định chi tiết một số điều của Luật Lưu trữ.
Phần thứ nhất
NHỮNG QUY ĐỊNH CHUNG
Chương I
PHẠM VI ĐIỀU CHỈNH VÀ ĐỐI TƯỢNG ÁP DỤNG
Mục 1
PHẠM VI ĐIỀU CHỈNH
Điều 1. Phạm vi điều chỉnh
Nghị định này quy định chi tiết Điều 15 và khoản 3 Điều 20 của Luật Lưu trữ.
Điều 2. Giải thích từ ngữ
1. Tài liệu lưu trữ là tài liệu có giá trị phục vụ hoạt động thực tiễn.
2. Hồ sơ là tập hợp các tài liệu có liên quan với nhau.
2a. Hồ sơ điện tử là tập hợp các tài liệu điện tử có liên quan với nhau.
3. Cơ sở dữ liệu tài liệu lưu trữ là tập hợp dữ liệu được sắp xếp có hệ thống.
Mục 2
ĐỐI TƯỢNG ÁP DỤNG
Điều 3. Đối tượng áp dụng
1. Nghị định này áp dụng đối với:
a) Cơ quan nhà nước;
a1) Đơn vị vũ trang nhân dân;
b) Tổ chức chính trị, tổ chức chính trị - xã hội;
c) Tổ chức kinh tế;
d) Tổ chức xã hội;
đ) Đơn vị sự nghiệp công lập.
2. Cá nhân có liên quan.
Điều 10a. Lưu trữ tài liệu điện tử
Tài liệu điện tử được lưu trữ theo quy định của Chính phủ.
Phần thứ hai
ĐIỀU KHOẢN THI HÀNH
Chương II
HIỆU LỰC THI HÀNH
Điều 11. Hiệu lực thi hành
Nghị định này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2025.
Nơi nhận:
- Ban Bí thư Trung ương Đảng;
- Lưu: VT, PL (2).
TM. CHÍNH PHỦ
KT. THỦ TƯỚNG
PHÓ THỦ TƯỚNG
Trần Hồng Hà
"""


def test_normative_phan_thu_chuong_muc_dieu_khoan_diem():
    d = parse_text(NGHI_DINH)
    got = outline(d)
    # inserted units keep their parent's level: khoản 2a beside khoản 2, điểm a1 beside điểm a,
    # Điều 10a beside Điều 3 (legislative drafting inserts, it does not nest)
    assert got == [
        (1, "Phần thứ nhất", "NHỮNG QUY ĐỊNH CHUNG"),
        (2, "Chương I", "PHẠM VI ĐIỀU CHỈNH VÀ ĐỐI TƯỢNG ÁP DỤNG"),
        (3, "Mục 1", "PHẠM VI ĐIỀU CHỈNH"),
        (4, "Điều 1", "Phạm vi điều chỉnh"),
        (4, "Điều 2", "Giải thích từ ngữ"),
        (5, "1", "Tài liệu lưu trữ là tài liệu có giá trị phục vụ hoạt động thực tiễn"),
        (5, "2", "Hồ sơ là tập hợp các tài liệu có liên quan với nhau"),
        (5, "2a", "Hồ sơ điện tử là tập hợp các tài liệu điện tử có liên quan với nhau"),
        (5, "3", "Cơ sở dữ liệu tài liệu lưu trữ là tập hợp dữ liệu được sắp xếp có hệ thống"),
        (3, "Mục 2", "ĐỐI TƯỢNG ÁP DỤNG"),
        (4, "Điều 3", "Đối tượng áp dụng"),
        (5, "1", "Nghị định này áp dụng đối với"),
        (6, "a", "Cơ quan nhà nước"),
        (6, "a1", "Đơn vị vũ trang nhân dân"),
        (6, "b", "Tổ chức chính trị, tổ chức chính trị - xã hội"),
        (6, "c", "Tổ chức kinh tế"),
        (6, "d", "Tổ chức xã hội"),
        (6, "đ", "Đơn vị sự nghiệp công lập"),
        (5, "2", "Cá nhân có liên quan"),
        (4, "Điều 10a", "Lưu trữ tài liệu điện tử"),
        (1, "Phần thứ hai", "ĐIỀU KHOẢN THI HÀNH"),
        (2, "Chương II", "HIỆU LỰC THI HÀNH"),
        (3, "Điều 11", "Hiệu lực thi hành"),
    ]
    check_tree(d)
    kinds = {s.label: s.kind for s in d.sections}
    assert kinds["Phần thứ nhất"] == "phan" and kinds["Mục 1"] == "muc" and kinds["Điều 10a"] == "dieu"
    assert sig_tuples(d) == [("TM.", "CHÍNH PHỦ", "THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "Trần Hồng Hà")]
    # article/clause numbers and dates are not metrics
    assert d.metrics == []


AMENDING = """ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM
Số: 12/2024/QĐ-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Quảng Nam, ngày 05 tháng 3 năm 2024
QUYẾT ĐỊNH
Sửa đổi, bổ sung một số điều của Quy định ban hành kèm theo Quyết định số 20/2021/QĐ-UBND
ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
QUYẾT ĐỊNH:
Điều 1. Sửa đổi, bổ sung một số điều của Quy định ban hành kèm theo Quyết định số 20/2021/QĐ-UBND
1. Sửa đổi, bổ sung Điều 5 như sau:
“Điều 5. Thời gian tiếp nhận hồ sơ
1. Bộ phận Một cửa tiếp nhận hồ sơ vào các ngày làm việc trong tuần.
2. Hồ sơ tiếp nhận sau 16 giờ được chuyển sang ngày làm việc tiếp theo.”
2. Bổ sung khoản 3 vào Điều 7 như sau:
“3. Công chức tiếp nhận hồ sơ hướng dẫn đầy đủ, rõ ràng.”
3. Bổ sung Điều 10a vào sau Điều 10 như sau:
“Điều 10a. Tiếp nhận hồ sơ trực tuyến
Hồ sơ nộp trực tuyến được tiếp nhận như hồ sơ nộp trực tiếp.”
Điều 2. Hiệu lực thi hành
Quyết định này có hiệu lực kể từ ngày 15 tháng 3 năm 2024.
Điều 3. Tổ chức thực hiện
Chánh Văn phòng UBND tỉnh, Giám đốc Sở Nội vụ chịu trách nhiệm thi hành Quyết định này./.
Nơi nhận:
- Như Điều 3;
- Lưu: VT, NCKSTTHC.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Hồ Quang Bửu
"""


def test_amending_decision_quotes_are_not_structure():
    d = parse_text(AMENDING)
    got = outline(d)
    assert [(lv, lab) for lv, lab, _ in got] == [
        (1, "Điều 1"), (2, "1"), (2, "2"), (2, "3"), (1, "Điều 2"), (1, "Điều 3")]
    assert got[0][2].startswith("Sửa đổi, bổ sung một số điều của Quy định")
    assert got[1][2] == "Sửa đổi, bổ sung Điều 5 như sau"
    check_tree(d)
    k1 = d.sections[1]
    assert "“Điều 5. Thời gian" in d.text[k1.span[0]:k1.span[1]] or '"Điều 5. Thời gian' in d.text[k1.span[0]:k1.span[1]]
    d3 = d.sections[-1]
    assert "Nơi nhận" not in d.text[d3.span[0]:d3.span[1]]
    assert sig_tuples(d) == [("TM.", "ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Hồ Quang Bửu")]
    assert d.metrics == []  # "16 giờ" is a time of day


BINHDINH_APPENDIX = """ỦY BAN NHÂN DÂN TỈNH BÌNH ĐỊNH
Số: 1520/QĐ-UBND
QUYẾT ĐỊNH
Về việc công bố danh mục thủ tục hành chính lĩnh vực Văn thư, lưu trữ
CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BÌNH ĐỊNH
QUYẾT ĐỊNH:
Điều 1. Công bố kèm theo Quyết định này danh mục thủ tục hành chính (Phụ lục I, Phụ lục II kèm theo).
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc Sở Nội vụ chịu trách nhiệm thi hành Quyết định này./.
Nơi nhận:
- Như Điều 3;
- Cục Kiểm soát TTHC;
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Lâm Hải Giang
PHỤ LỤC I
DANH MỤC THỦ TỤC HÀNH CHÍNH MỚI BAN HÀNH
(Kèm theo Quyết định số 1520/QĐ-UBND ngày 20 tháng 7 năm 2024 của Chủ tịch UBND tỉnh Bình Định)
I. THỦ TỤC HÀNH CHÍNH CẤP TỈNH
1. Lĩnh vực Văn thư, lưu trữ
2. Lĩnh vực Công chức, viên chức
II. THỦ TỤC HÀNH CHÍNH CẤP XÃ
PHỤ LỤC II
BIỂU TỔNG HỢP KẾT QUẢ GIẢI QUYẾT
(Kèm theo Quyết định số 1520/QĐ-UBND ngày 20 tháng 7 năm 2024 của Chủ tịch UBND tỉnh Bình Định)
Biểu số 01
Tổng hợp số lượng thủ tục hành chính theo lĩnh vực
Biểu số 02
Tổng hợp hồ sơ tiếp nhận
"""


def test_appendices_with_kem_theo_lines_and_bieu():
    d = parse_text(BINHDINH_APPENDIX)
    assert outline(d) == [
        (1, "Điều 1", "Công bố kèm theo Quyết định này danh mục thủ tục hành chính (Phụ lục I, Phụ lục II kèm theo)"),
        (1, "Điều 2", "Quyết định này có hiệu lực kể từ ngày ký"),
        (1, "Điều 3", "Chánh Văn phòng UBND tỉnh, Giám đốc Sở Nội vụ chịu trách nhiệm thi hành Quyết định này./"),
        (1, "Phụ lục I", "DANH MỤC THỦ TỤC HÀNH CHÍNH MỚI BAN HÀNH"),
        (2, "I", "THỦ TỤC HÀNH CHÍNH CẤP TỈNH"),
        (3, "1", "Lĩnh vực Văn thư, lưu trữ"),
        (3, "2", "Lĩnh vực Công chức, viên chức"),
        (2, "II", "THỦ TỤC HÀNH CHÍNH CẤP XÃ"),
        (1, "Phụ lục II", "BIỂU TỔNG HỢP KẾT QUẢ GIẢI QUYẾT"),
        (2, "Biểu số 01", "Tổng hợp số lượng thủ tục hành chính theo lĩnh vực"),
        (2, "Biểu số 02", "Tổng hợp hồ sơ tiếp nhận"),
    ]
    check_tree(d)
    d3 = d.sections[2]
    assert d.text[d3.span[0]:d3.span[1]].endswith("Quyết định này./.")  # stops before Nơi nhận
    assert sig_tuples(d) == [("KT.", "CHỦ TỊCH", None, "PHÓ CHỦ TỊCH", "Lâm Hải Giang")]
    assert d.metrics == []


QD_WITH_QUY_CHE = """SỞ NỘI VỤ TỈNH ĐẮK LẮK
Số: 35/QĐ-SNV
QUYẾT ĐỊNH
Về việc ban hành Quy chế làm việc của Tổ giúp việc cải cách hành chính
GIÁM ĐỐC SỞ NỘI VỤ
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc của Tổ giúp việc.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
Điều 3. Chánh Văn phòng Sở, các thành viên Tổ giúp việc chịu trách nhiệm thi hành Quyết định này./.
Nơi nhận:
- Như Điều 3;
- Lưu: VT, VP.
GIÁM ĐỐC
Y Ngông Niê Kdăm
QUY CHẾ
Làm việc của Tổ giúp việc cải cách hành chính
(Ban hành kèm theo Quyết định số 35/QĐ-SNV ngày 21/8/2025 của Sở Nội vụ)
Chương I
QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
Quy chế này quy định nguyên tắc làm việc của Tổ giúp việc.
Điều 2. Nguyên tắc làm việc
Chương II
NHIỆM VỤ, QUYỀN HẠN
Điều 3. Nhiệm vụ của Tổ trưởng
"""


def test_signature_before_an_attached_regulation_resets_the_outline():
    d = parse_text(QD_WITH_QUY_CHE)
    assert [(lv, lab) for lv, lab, _ in outline(d)] == [
        (1, "Điều 1"), (1, "Điều 2"), (1, "Điều 3"),
        (1, "Chương I"), (2, "Điều 1"), (2, "Điều 2"), (1, "Chương II"), (2, "Điều 3")]
    check_tree(d)
    d3 = d.sections[2]
    assert "Nơi nhận" not in d.text[d3.span[0]:d3.span[1]] and "GIÁM ĐỐC" not in d.text[d3.span[0]:d3.span[1]]
    assert sig_tuples(d) == [(None, None, None, "GIÁM ĐỐC", "Y Ngông Niê Kdăm")]


# ============================================================== sections: .docx


def _add_numbering(doc, levels):
    """Add an abstractNum with the given (numFmt, lvlText) per level; return its numId."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    numbering = doc.part.numbering_part.element
    lv = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{txt}"/><w:lvlJc w:val="left"/></w:lvl>'
        for i, (fmt, txt) in enumerate(levels))
    numbering.insert(0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">{lv}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return 90


def _numbered(doc, text, num_id, ilvl, bold=True, style=None):
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    p = doc.add_paragraph(style=style)
    r = p.add_run(text)
    r.bold = bold
    ppr = p._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return p


def _docx_bytes(doc, tmp_path, name):
    p = tmp_path / name
    doc.save(p)
    return parse_bytes(p.read_bytes(), name)


def test_docx_word_auto_numbering_restarts_under_new_parent(tmp_path):
    docx = pytest.importorskip("docx")
    doc = docx.Document()
    doc.add_paragraph("ỦY BAN NHÂN DÂN XÃ TÂN PHÚ")
    doc.add_paragraph("Số: 27/BC-UBND")
    doc.add_paragraph("BÁO CÁO")
    doc.add_paragraph("Kết quả cải cách hành chính năm 2024")
    nid = _add_numbering(doc, [("upperRoman", "%1."), ("decimal", "%2."), ("lowerLetter", "%3)")])
    _numbered(doc, "KẾT QUẢ THỰC HIỆN", nid, 0)
    _numbered(doc, "Cải cách thủ tục hành chính", nid, 1)
    _numbered(doc, "Rà soát thủ tục", nid, 2, bold=False)
    doc.add_paragraph("Xã đã rà soát 12 thủ tục hành chính.")
    _numbered(doc, "Công khai thủ tục", nid, 2, bold=False)
    _numbered(doc, "Cải cách tổ chức bộ máy", nid, 1)
    _numbered(doc, "PHƯƠNG HƯỚNG NĂM 2025", nid, 0)
    _numbered(doc, "Tiếp tục cải cách thủ tục", nid, 1)
    doc.add_paragraph("Nơi nhận:")
    doc.add_paragraph("- Lưu: VT.")
    doc.add_paragraph("TM. ỦY BAN NHÂN DÂN")
    doc.add_paragraph("CHỦ TỊCH")
    doc.add_paragraph("Đinh Văn Tú")
    d = _docx_bytes(doc, tmp_path, "bc_xa.docx")
    if d.status == "error":
        pytest.skip("docx reader not available")
    assert outline(d) == [
        (1, "I", "KẾT QUẢ THỰC HIỆN"), (2, "1", "Cải cách thủ tục hành chính"),
        (3, "a", "Rà soát thủ tục"), (3, "b", "Công khai thủ tục"), (2, "2", "Cải cách tổ chức bộ máy"),
        (1, "II", "PHƯƠNG HƯỚNG NĂM 2025"), (2, "1", "Tiếp tục cải cách thủ tục")]
    check_tree(d)
    assert d.sections[-1].parent == 5
    assert mvals(d) == [(12, "TTHC")]
    assert sig_tuples(d) == [("TM.", "ỦY BAN NHÂN DÂN", None, "CHỦ TỊCH", "Đinh Văn Tú")]


def test_docx_heading_styles_with_typed_labels_and_signature_grid(tmp_path):
    docx = pytest.importorskip("docx")
    doc = docx.Document()
    doc.add_paragraph("UBND TỈNH QUẢNG TRỊ")
    doc.add_paragraph("VĂN PHÒNG")
    doc.add_paragraph("Số: 310/VP-NC")
    doc.add_paragraph("V/v tăng cường kỷ luật, kỷ cương hành chính")
    doc.add_paragraph("Kính gửi: Các sở, ban, ngành cấp tỉnh.")
    doc.add_heading("1. Về kỷ luật, kỷ cương", level=2)
    doc.add_paragraph("Các cơ quan thực hiện nghiêm giờ làm việc.")
    doc.add_heading("2. Về chế độ báo cáo", level=2)
    doc.add_paragraph("Báo cáo trước ngày 15 hằng tháng.")
    doc.add_paragraph("Văn phòng UBND tỉnh thông báo để các cơ quan biết, thực hiện./.")
    t = doc.add_table(rows=1, cols=2)
    t.cell(0, 0).text = "Nơi nhận:\n- Như trên;\n- Lưu: VT, NC."
    t.cell(0, 1).text = "TL. CHỦ TỊCH\nKT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG\n(Đã ký)\nLê Thị Thanh Huyền"
    d = _docx_bytes(doc, tmp_path, "cv.docx")
    if d.status == "error":
        pytest.skip("docx reader not available")
    assert outline(d) == [(1, "1", "Về kỷ luật, kỷ cương"), (1, "2", "Về chế độ báo cáo")]
    assert sig_tuples(d) == [("TL.", "CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "Lê Thị Thanh Huyền")]
    assert d.tables == []  # the footer grid is layout
    assert d.metrics == []  # "ngày 15 hằng tháng" is a deadline


# ============================================================== signatories

BODY_UB = "ỦY BAN NHÂN DÂN TỈNH KON TUM\nSố: 12/BC-UBND\nBÁO CÁO\nVề việc thử\nNội dung báo cáo./.\n"
BODY_TU = ("ĐẢNG BỘ TỈNH BẾN TRE\nTỈNH ỦY\nSố: 215-CV/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nBến Tre, ngày 03 tháng 4 năm 2024\n"
           "Kính gửi: Các huyện ủy, thành ủy.\nBan Thường vụ Tỉnh ủy đề nghị các cấp ủy thực hiện./.\n")
BODY_BV = ("SỞ Y TẾ TỈNH THÁI BÌNH\nBỆNH VIỆN ĐA KHOA TỈNH\nSố: 118/BC-BV\nBÁO CÁO\nCông tác cải cách hành chính năm 2024\n"
           "Bệnh viện báo cáo kết quả cải cách hành chính./.\n")
BODY_QS = ("BỘ CHỈ HUY QUÂN SỰ TỈNH LÀO CAI\nSố: 77/BC-BCH\nBÁO CÁO\nKết quả cải cách hành chính năm 2024\n"
           "Bộ Chỉ huy báo cáo./.\n")


@pytest.mark.parametrize("body,footer,expected", [
    # HĐND: collective + nested KT.
    (BODY_UB, "Nơi nhận:\n- UBTV Quốc hội;\n- Lưu: VT.\nTM. THƯỜNG TRỰC HỘI ĐỒNG NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n"
     "Nguyễn Đức Tuy\n", [("TM.", "THƯỜNG TRỰC HỘI ĐỒNG NHÂN DÂN", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Đức Tuy")]),
    # Tỉnh ủy (Party prefixes, no dot)
    (BODY_TU, "Nơi nhận:\n- Như trên;\n- Lưu Văn phòng Tỉnh ủy.\nT/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ THƯỜNG TRỰC\nHồ Thị Hoàng Yến\n",
     [("T/M", "BAN THƯỜNG VỤ", None, "PHÓ BÍ THƯ THƯỜNG TRỰC", "Hồ Thị Hoàng Yến")]),
    (BODY_TU, "Nơi nhận:\n- Lưu Văn phòng Tỉnh ủy.\nK/T BÍ THƯ\nPHÓ BÍ THƯ\nTrần Thanh Lâm\n",
     [("K/T", "BÍ THƯ", None, "PHÓ BÍ THƯ", "Trần Thanh Lâm")]),
    (BODY_TU, "Nơi nhận:\n- Lưu Văn phòng Tỉnh ủy.\nT/L BAN THƯỜNG VỤ\nCHÁNH VĂN PHÒNG\nNguyễn Minh Tâm\n",
     [("T/L", "BAN THƯỜNG VỤ", None, "CHÁNH VĂN PHÒNG", "Nguyễn Minh Tâm")]),
    # Tỉnh đoàn: the collective's name wraps onto a second line
    (BODY_UB, "Nơi nhận:\n- Trung ương Đoàn;\n- Lưu: VP.\nTM. BAN THƯỜNG VỤ\nTỈNH ĐOÀN\nBÍ THƯ\nTrần Thị Ngọc Hân\n",
     [("TM.", "BAN THƯỜNG VỤ TỈNH ĐOÀN", None, "BÍ THƯ", "Trần Thị Ngọc Hân")]),
    # hospital: academic degrees before names
    (BODY_BV, "Nơi nhận:\n- Sở Y tế;\n- Lưu: VT.\nGIÁM ĐỐC\nPGS.TS. Nguyễn Văn Quân\n",
     [(None, None, None, "GIÁM ĐỐC", "Nguyễn Văn Quân")]),
    (BODY_BV, "Nơi nhận:\n- Lưu: VT.\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nThS.BS. Lê Thị Hạnh\n",
     [("KT.", "GIÁM ĐỐC", None, "PHÓ GIÁM ĐỐC", "Lê Thị Hạnh")]),
    (BODY_BV, "Nơi nhận:\n- Lưu: VT.\nPHÓ GIÁM ĐỐC PHỤ TRÁCH\nBSCKII. Phan Văn Đức\n",
     [(None, None, None, "PHÓ GIÁM ĐỐC PHỤ TRÁCH", "Phan Văn Đức")]),
    (BODY_BV, "Nơi nhận:\n- Lưu: VT.\nPHÓ GIÁM ĐỐC\nPHỤ TRÁCH\nTS. Vũ Minh Châu\n",
     [(None, None, None, "PHÓ GIÁM ĐỐC PHỤ TRÁCH", "Vũ Minh Châu")]),
    # military ranks
    (BODY_QS, "Nơi nhận:\n- Quân khu 2;\n- Lưu: VT.\nCHỈ HUY TRƯỞNG\nĐại tá Nguyễn Văn Hùng\n",
     [(None, None, None, "CHỈ HUY TRƯỞNG", "Nguyễn Văn Hùng")]),
    (BODY_QS, "Nơi nhận:\n- Lưu: VT.\nKT. CHỈ HUY TRƯỞNG\nPHÓ CHỈ HUY TRƯỞNG\nThượng tá Lê Văn Long\n",
     [("KT.", "CHỈ HUY TRƯỞNG", None, "PHÓ CHỈ HUY TRƯỞNG", "Lê Văn Long")]),
    # delegation and acting
    (BODY_UB, "Nơi nhận:\n- Lưu: VT.\nTUQ. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\nA Pơ Lông Hiếu\n",
     [("TUQ.", "CHỦ TỊCH", None, "CHÁNH VĂN PHÒNG", "A Pơ Lông Hiếu")]),
    (BODY_UB, "Nơi nhận:\n- Lưu: VT.\nQ. GIÁM ĐỐC\nNguyễn Hữu Tháp\n", [("Q.", "GIÁM ĐỐC", None, None, "Nguyễn Hữu Tháp")]),
    # e-signature stamp lines between title and name
    (BODY_UB, "Nơi nhận:\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nKý bởi: Ủy ban nhân dân tỉnh Kon Tum\n"
     "Email: ubndtinh@kontum.gov.vn\nCơ quan: Tỉnh Kon Tum\nThời gian ký: 12.03.2024 08:15:22 +07:00\nY Ngọc\n",
     [("KT.", "CHỦ TỊCH", None, "PHÓ CHỦ TỊCH", "Y Ngọc")]),
    # unsigned draft: titles, no name, and the appendix after it is not swallowed
    (BODY_UB, "Nơi nhận:\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nPHỤ LỤC\nDANH MỤC NHIỆM VỤ\n",
     [("TM.", "ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", None)]),
    # interleaved footer columns, Party prefix
    (BODY_TU, "Nơi nhận: T/M BAN THƯỜNG VỤ\n- Ban Bí thư Trung ương (b/c); PHÓ BÍ THƯ\n- Các huyện ủy;\n"
     "- Lưu Văn phòng Tỉnh ủy. Lê Quang Tùng\n",
     [("T/M", "BAN THƯỜNG VỤ", None, "PHÓ BÍ THƯ", "Lê Quang Tùng")]),
    # interleaved footer, TL. with nested KT.
    (BODY_UB, "Nơi nhận: TL. CHỦ TỊCH\n- Như trên; KT. CHÁNH VĂN PHÒNG\n- Lưu: VT. PHÓ CHÁNH VĂN PHÒNG\n"
     "(Đã ký)\nNguyễn Văn Chín\n",
     [("TL.", "CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "Nguyễn Văn Chín")]),
    # Biên bản: two blocks side by side, "(Đã ký)" under each title
    (BODY_UB, "Biên bản kết thúc lúc 11 giờ cùng ngày./.\nNGƯỜI GHI BIÊN BẢN CHỦ TRÌ HỘI NGHỊ\n(Đã ký) (Đã ký)\n"
     "Nguyễn Thị Thu Trang Võ Văn Hưng\n",
     [(None, None, None, "NGƯỜI GHI BIÊN BẢN", "Nguyễn Thị Thu Trang"),
      (None, None, None, "CHỦ TRÌ HỘI NGHỊ", "Võ Văn Hưng")]),
    (BODY_UB, "Biên bản được thông qua lúc 16 giờ 30 phút./.\nTHƯ KÝ\n(Chữ ký)\nLê Thị Hoa\nCHỦ TỌA\n(Chữ ký)\nPhạm Văn Dũng\n",
     [(None, None, None, "THƯ KÝ", "Lê Thị Hoa"), (None, None, None, "CHỦ TỌA", "Phạm Văn Dũng")]),
    # Hợp đồng
    (BODY_UB, "Hợp đồng được lập thành 04 bản có giá trị pháp lý như nhau./.\nĐẠI DIỆN BÊN A ĐẠI DIỆN BÊN B\n"
     "(Chữ ký, dấu) (Chữ ký, dấu)\nĐặng Quốc Khánh Mai Thị Thu\n",
     [(None, None, None, "ĐẠI DIỆN BÊN A", "Đặng Quốc Khánh"), (None, None, None, "ĐẠI DIỆN BÊN B", "Mai Thị Thu")]),
    # a Bộ: TL. to a department head with the unit on the same line
    ("BỘ NỘI VỤ\nSố: 1234/BNV-CCHC\nV/v hướng dẫn\nKính gửi: Các bộ.\nBộ Nội vụ hướng dẫn./.\n",
     "Nơi nhận:\n- Như trên;\n- Lưu: VT, Vụ CCHC.\nTL. BỘ TRƯỞNG\nVỤ TRƯỞNG VỤ CẢI CÁCH HÀNH CHÍNH\nPhạm Minh Hùng\n",
     [("TL.", "BỘ TRƯỞNG", None, "VỤ TRƯỞNG VỤ CẢI CÁCH HÀNH CHÍNH", "Phạm Minh Hùng")]),
])
def test_signature_variants_across_issuers(body, footer, expected):
    d = parse_text(body + footer)
    assert sig_tuples(d) == expected
    # the signature block never leaks into the outline or the metrics
    sig_start = min(s.span[0] for s in d.signatories)
    for s in d.sections:
        assert not (s.span[0] < sig_start < s.span[1] and s.span[1] > sig_start + 2), s
    for m in d.metrics:
        assert not any(s.span[0] <= m.span[0] < s.span[1] for s in d.signatories)


def test_docx_bien_ban_signature_grid_two_cells(tmp_path):
    docx = pytest.importorskip("docx")
    doc = docx.Document()
    doc.add_paragraph("ĐOÀN TNCS HỒ CHÍ MINH")
    doc.add_paragraph("BCH TỈNH ĐOÀN CÀ MAU")
    doc.add_paragraph("BIÊN BẢN")
    doc.add_paragraph("Hội nghị Ban Chấp hành Tỉnh đoàn lần thứ 5")
    doc.add_paragraph("Hội nghị có 35/37 đồng chí Ủy viên Ban Chấp hành dự.")
    doc.add_paragraph("Biên bản kết thúc lúc 11 giờ 30 phút cùng ngày./.")
    t = doc.add_table(rows=1, cols=2)
    t.cell(0, 0).text = "THƯ KÝ HỘI NGHỊ\n(Đã ký)\nHuỳnh Ngọc Diễm"
    t.cell(0, 1).text = "CHỦ TRÌ HỘI NGHỊ\n(Đã ký)\nTrương Công Bằng"
    d = _docx_bytes(doc, tmp_path, "bb.docx")
    if d.status == "error":
        pytest.skip("docx reader not available")
    assert sig_tuples(d) == [(None, None, None, "THƯ KÝ HỘI NGHỊ", "Huỳnh Ngọc Diễm"),
                             (None, None, None, "CHỦ TRÌ HỘI NGHỊ", "Trương Công Bằng")]
    assert d.tables == []


# ============================================================== metrics

KHANHHOA_REPORT = """UBND TỈNH KHÁNH HÒA
SỞ NGOẠI VỤ
Số: 58/BC-SNgV
Khánh Hòa, ngày 16 tháng 6 năm 2023
BÁO CÁO
Kết quả thực hiện công tác cải cách hành chính 6 tháng đầu năm 2023
I. KẾT QUẢ THỰC HIỆN
1. Cải cách thủ tục hành chính
Trong 6 tháng đầu năm 2023, Sở đã tiếp nhận 09 hồ sơ đề nghị cấp hộ chiếu, trong đó: hộ chiếu ngoại giao: 01; hộ chiếu công vụ: 08.
Trong quý I/2023, Sở tiếp nhận 356 hồ sơ qua dịch vụ bưu chính công ích.
Trong tháng 5, Sở giải quyết 45 hồ sơ trước hạn.
2. Cải cách tổ chức bộ máy
Sở được giao biên chế hành chính: 16 và chỉ tiêu hợp đồng: 04; hiện có 15 công chức.
3. Chỉ số cải cách hành chính
Chỉ số CCHC (PAR INDEX) năm 2022 của tỉnh đạt 84,37%, tăng 2,1 điểm so với năm 2021, xếp thứ 12/63 tỉnh, thành phố.
Chỉ số SIPAS năm 2022 đạt 87,6%; Chỉ số PAPI năm 2022 đạt 43,12 điểm.
4. Tuyên truyền, kiểm tra
Sở tổ chức 03 hội nghị tập huấn với khoảng 1.200 lượt người tham dự; kinh phí thực hiện là 1.234,5 triệu đồng.
Sở thành lập hai đoàn kiểm tra, tiến hành mười cuộc kiểm tra tại các phòng chuyên môn.
Dịch vụ công trực tuyến mức độ 3/4 được cung cấp tại Km 5+300 Quốc lộ 1A; điện thoại 0258.3822.117.
Sở duy trì hệ thống quản lý chất lượng TCVN ISO 9001:2015 theo khoản 2 Điều 5 Quyết định số 19/2014/QĐ-TTg.
II. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2023
- Phấn đấu tỷ lệ hồ sơ giải quyết trực tuyến đạt tối thiểu 80%.
- Tỷ lệ hài lòng của tổ chức, cá nhân từ 70% đến 80%.
- Tỷ lệ hồ sơ trễ hạn không quá 5%.
Nơi nhận:
- Sở Nội vụ;
- Lưu: VT.
GIÁM ĐỐC
Phạm Thị Anh Thư
"""


def test_cchc_report_metrics_values_units():
    d = parse_text(KHANHHOA_REPORT)
    assert mvals(d) == [
        (9, "hồ sơ"), (1, "hồ sơ"), (8, "hồ sơ"),
        (356, "hồ sơ"), (45, "hồ sơ"),
        (16, "biên chế"), (4, "chỉ tiêu"), (15, "công chức"),
        (84.37, "%"), (2.1, "điểm"), (12, "thứ hạng"),
        (87.6, "%"), (43.12, "điểm"),
        (3, "hội nghị"), (1200, "lượt"), (1234.5, "triệu đồng"),
        (2, "đoàn"), (10, "cuộc"),
        (80, "%"), (70, "%"), (5, "%"),
    ]


def test_cchc_report_metric_attributes():
    d = parse_text(KHANHHOA_REPORT)
    ms = d.metrics
    by = {(m.value, "%" if m.percent else m.unit): m for m in ms}
    for m in ms:
        assert d.text[m.span[0]:m.span[1]].strip()
    # breakdown
    assert [m.parent for m in ms[:3]] == [None, 0, 0]
    assert ms[1].subject == "hộ chiếu ngoại giao" and ms[2].subject == "hộ chiếu công vụ"
    # periods
    assert by[(9, "hồ sơ")].period == "6 tháng đầu năm 2023"
    assert by[(356, "hồ sơ")].period == "quý I/2023"
    assert by[(45, "hồ sơ")].period == "tháng 5"
    assert by[(84.37, "%")].period == "năm 2022"
    # rank, qualifiers, kinds
    assert by[(12, "thứ hạng")].rank_of == 63
    assert by[(1200, "lượt")].qualifier == "about"
    assert by[(80, "%")].qualifier == "at_least" and by[(80, "%")].kind == "target"
    assert by[(70, "%")].value_max == 80 and by[(70, "%")].kind == "target"
    assert by[(5, "%")].qualifier == "at_most" and by[(5, "%")].kind == "target"
    assert all(m.kind == "actual" for m in ms if m.value not in (80, 70, 5))
    # subjects of percentages and scores
    assert "PAR INDEX" in by[(84.37, "%")].subject
    assert "SIPAS" in by[(87.6, "%")].subject
    assert "PAPI" in by[(43.12, "điểm")].subject
    assert by[(1200, "lượt")].subject.startswith("lượt người")


def test_metric_sections_follow_the_outline():
    d = parse_text(KHANHHOA_REPORT)
    secs = {s.id: s for s in d.sections}
    by = {(m.value, m.unit if not m.percent else "%"): m for m in d.metrics}
    assert secs[by[(16, "biên chế")].section].title == "Cải cách tổ chức bộ máy"
    assert secs[by[(5, "%")].section].label == "II"


BENHVIEN_REPORT = """SỞ Y TẾ TỈNH THÁI BÌNH
BỆNH VIỆN ĐA KHOA TỈNH
Số: 118/BC-BV
Thái Bình, ngày 10 tháng 12 năm 2024
BÁO CÁO
Kết quả công tác cải cách hành chính năm 2024
I. KẾT QUẢ
1. Khám chữa bệnh
Tổng số lượt khám bệnh năm 2024 là 125.430 lượt, tăng 5,2% so với cùng kỳ.
Công suất sử dụng giường bệnh đạt 95,3%.
Thời gian chờ khám trung bình 45 phút; bệnh viện bố trí 12 bàn khám và 2 quầy tiếp đón.
2. Ứng dụng công nghệ thông tin
Bệnh viện đã triển khai bệnh án điện tử cho 100% khoa lâm sàng; tổng kinh phí khoảng 3,5 tỷ đồng.
Tỷ lệ thanh toán không dùng tiền mặt chiếm 42% tổng số giao dịch.
3. Sự hài lòng của người bệnh
Khảo sát 1.500 người bệnh, mức độ hài lòng chung đạt 96,8%.
Nơi nhận:
- Sở Y tế;
- Lưu: VT, KHTH.
GIÁM ĐỐC
PGS.TS. Nguyễn Văn Quân
"""


def test_hospital_report_metrics():
    d = parse_text(BENHVIEN_REPORT)
    # "45 phút" is a duration, not a reported quantity (corpus rule); bàn khám/khoa lâm sàng are
    # counting nouns the unit lexicon did not list
    assert mvals(d) == [(125430, "lượt"), (5.2, "%"), (95.3, "%"), (12, "bàn khám"), (2, "quầy"),
                        (100, "%"), (3.5, "tỷ đồng"), (42, "%"), (1500, "người bệnh"), (96.8, "%")]
    by = {(m.value, "%" if m.percent else m.unit): m for m in d.metrics}
    assert by[(3.5, "tỷ đồng")].qualifier == "about"
    assert "hài lòng" in by[(96.8, "%")].subject
    assert "khoa lâm sàng" in by[(100, "%")].subject
    assert by[(125430, "lượt")].period == "năm 2024"
    assert sig_tuples(d) == [(None, None, None, "GIÁM ĐỐC", "Nguyễn Văn Quân")]


@pytest.mark.parametrize("sentence,expected", [
    ("UBND huyện đã tổ chức 02 cuộc đối thoại với khoảng 350 người dân.", [(2, "cuộc", "exact"), (350, "người", "about")]),
    ("Toàn tỉnh có 1.205 thủ tục hành chính, trong đó cấp tỉnh 980 thủ tục, cấp huyện 155 thủ tục, cấp xã 70 thủ tục.",
     [(1205, "TTHC", "exact"), (980, "thủ tục", "exact"), (155, "thủ tục", "exact"), (70, "thủ tục", "exact")]),
    ("Tỷ lệ hồ sơ trực tuyến toàn trình ít nhất 50% trên tổng số hồ sơ.", [(50, "%", "at_least")]),
    ("Giảm tối thiểu 10% chi phí tuân thủ thủ tục hành chính.", [(10, "%", "at_least")]),
    ("Có trên 3.000 tài khoản định danh điện tử được kích hoạt.", [(3000, "tài khoản", "at_least")]),
    ("Tiết kiệm gần 2 tỷ đồng chi phí văn phòng phẩm.", [(2, "tỷ đồng", "about")]),
    ("Đã cử bốn cán bộ tham gia đoàn công tác của tỉnh.", [(4, "cán bộ", "exact")]),
])
def test_metric_sentences_other_phrasings(sentence, expected):
    d = parse_text(sentence, stages={"metrics"})
    got = [(m.value, "%" if m.percent else m.unit, m.qualifier) for m in d.metrics]
    assert got == expected


@pytest.mark.parametrize("sentence", [
    "Quyết định có hiệu lực từ ngày 01/7/2025 đến hết năm 2030.",
    "Thực hiện Nghị quyết số 76/NQ-CP và Chỉ thị số 23/CT-TTg ngày 02/9/2024.",
    "Cung cấp dịch vụ công trực tuyến mức độ 3/4 trên Cổng dịch vụ công.",
    "Địa chỉ: Km 5+300 Quốc lộ 14, điện thoại: 0260.3862.514.",
    "Áp dụng TCVN ISO 9001:2015 theo Điều 4, khoản 2 Điều 5 của Quyết định.",
    "Mã số thuế 4500123456, mã định danh 000.00.12.H45.",
    "Kế hoạch thực hiện trong quý I/2026, tháng 10 và năm 2025.",
    "Hội nghị khai mạc lúc 8 giờ 00 ngày 22/01/2026 tại Phòng họp số 2.",
])
def test_non_metrics_in_other_documents(sentence):
    d = parse_text(sentence, stages={"metrics"})
    assert d.metrics == [], [(m.value, m.unit) for m in d.metrics]


# ============================================================== tables (two-row merged headers)


def test_docx_two_row_merged_header_table_metrics(tmp_path):
    docx = pytest.importorskip("docx")
    doc = docx.Document()
    doc.add_paragraph("UBND QUẬN HẢI CHÂU")
    doc.add_paragraph("BÁO CÁO")
    doc.add_paragraph("Kết quả giải quyết hồ sơ quý I/2024")
    doc.add_paragraph("I. KẾT QUẢ")
    doc.add_paragraph("Bảng 1. Kết quả tiếp nhận hồ sơ theo đơn vị")
    tb = doc.add_table(rows=5, cols=5)
    tb.cell(0, 0).text, tb.cell(0, 1).text = "STT", "Đơn vị"
    tb.cell(0, 2).text, tb.cell(0, 4).text = "Hồ sơ tiếp nhận", "Tỷ lệ đúng hạn (%)"
    tb.cell(0, 2).merge(tb.cell(0, 3))
    tb.cell(0, 0).merge(tb.cell(1, 0))
    tb.cell(0, 1).merge(tb.cell(1, 1))
    tb.cell(0, 4).merge(tb.cell(1, 4))
    tb.cell(1, 2).text, tb.cell(1, 3).text = "Trực tuyến", "Trực tiếp"
    data = [["1", "UBND phường Hải Châu", "1.250", "320", "98,5"],
            ["2", "UBND phường Thạch Thang", "980", "410", "97"],
            ["", "Tổng cộng", "2.230", "730", ""]]
    for r, row in enumerate(data, start=2):
        for c, v in enumerate(row):
            tb.cell(r, c).text = v
    doc.add_paragraph("Nơi nhận:")
    doc.add_paragraph("- Lưu: VT.")
    doc.add_paragraph("CHỦ TỊCH")
    doc.add_paragraph("Lương Nguyễn Minh Triết")
    d = _docx_bytes(doc, tmp_path, "bang.docx")
    if d.status == "error":
        pytest.skip("docx reader not available")
    assert len(d.tables) == 1
    t = d.tables[0]
    assert t.caption == "Bảng 1. Kết quả tiếp nhận hồ sơ theo đơn vị"
    assert t.header[-1] == ["STT", "Đơn vị", "Hồ sơ tiếp nhận - Trực tuyến", "Hồ sơ tiếp nhận - Trực tiếp",
                            "Tỷ lệ đúng hạn (%)"]
    assert t.rows[0] == ["1", "UBND phường Hải Châu", "1.250", "320", "98,5"]
    assert t.section == d.sections[0].id
    tm = [m for m in d.metrics if m.table is not None]
    got = [(m.entity, m.subject, m.value, "%" if m.percent else m.unit) for m in tm]
    assert got == [
        ("UBND phường Hải Châu", "UBND phường Hải Châu - Hồ sơ tiếp nhận - Trực tuyến", 1250, "hồ sơ"),
        ("UBND phường Hải Châu", "UBND phường Hải Châu - Hồ sơ tiếp nhận - Trực tiếp", 320, "hồ sơ"),
        ("UBND phường Hải Châu", "UBND phường Hải Châu - Tỷ lệ đúng hạn (%)", 98.5, "%"),
        ("UBND phường Thạch Thang", "UBND phường Thạch Thang - Hồ sơ tiếp nhận - Trực tuyến", 980, "hồ sơ"),
        ("UBND phường Thạch Thang", "UBND phường Thạch Thang - Hồ sơ tiếp nhận - Trực tiếp", 410, "hồ sơ"),
        ("UBND phường Thạch Thang", "UBND phường Thạch Thang - Tỷ lệ đúng hạn (%)", 97, "%"),
        ("Tổng cộng", "Tổng cộng - Hồ sơ tiếp nhận - Trực tuyến", 2230, "hồ sơ"),
        ("Tổng cộng", "Tổng cộng - Hồ sơ tiếp nhận - Trực tiếp", 730, "hồ sơ"),
    ]
    for m in tm:
        assert d.text[m.span[0]:m.span[1]].rstrip("%") in {"1.250", "320", "98,5", "980", "410", "97", "2.230", "730"}
        assert m.period == "quý I/2024"  # the document's period, from its title
    assert sig_tuples(d) == [(None, None, None, "CHỦ TỊCH", "Lương Nguyễn Minh Triết")]


def test_indicator_table_under_bieu_in_appendix(tmp_path):
    docx = pytest.importorskip("docx")
    doc = docx.Document()
    doc.add_paragraph("PHỤ LỤC")
    doc.add_paragraph("SỐ LIỆU CẢI CÁCH HÀNH CHÍNH NĂM 2024")
    doc.add_paragraph("(Kèm theo Báo cáo số 90/BC-UBND ngày 12/12/2024 của UBND huyện Đức Trọng)")
    doc.add_paragraph("Biểu số 02")
    doc.add_paragraph("Cải cách thủ tục hành chính")
    tb = doc.add_table(rows=4, cols=4)
    for r, row in enumerate([["STT", "Chỉ tiêu", "Đơn vị tính", "Số liệu"],
                             ["1", "Số TTHC được công bố", "Thủ tục", "312"],
                             ["2", "Tỷ lệ hồ sơ giải quyết đúng hạn", "%", "99,2"],
                             ["3", "Số phản ánh, kiến nghị đã xử lý", "Phản ánh", "14"]]):
        for c, v in enumerate(row):
            tb.cell(r, c).text = v
    d = _docx_bytes(doc, tmp_path, "pl.docx")
    if d.status == "error":
        pytest.skip("docx reader not available")
    assert [(s.level, s.label) for s in d.sections] == [(1, "Phụ lục"), (2, "Biểu số 02")]
    assert d.tables[0].section == 1
    got = [(m.entity, m.value, "%" if m.percent else m.unit) for m in d.metrics]
    assert got == [("Số TTHC được công bố", 312, "thủ tục"), ("Tỷ lệ hồ sơ giải quyết đúng hạn", 99.2, "%"),
                   ("Số phản ánh, kiến nghị đã xử lý", 14, "phản ánh")]


# ============================================================== second batch (written before running)

TONG_KET = """UBND HUYỆN CHÂU THÀNH
PHÒNG NỘI VỤ
Số: 09/BC-PNV
BÁO CÁO
Tổng kết công tác cải cách hành chính năm 2024
PHẦN THỨ NHẤT
ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN
I. CẢI CÁCH THỂ CHẾ
I.1. Xây dựng văn bản
Phòng tham mưu ban hành 04 văn bản quy phạm pháp luật.
I.2. Rà soát văn bản
II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH
II.1. Rà soát thủ tục
Một số đơn vị chưa thực hiện nghiêm việc rà soát; hai năm liên tiếp chưa hoàn thành.
PHẦN THỨ HAI
NHIỆM VỤ NĂM 2025
Chương trình hành động gồm các nhiệm vụ sau:
- Phấn đấu 100% thủ tục hành chính được công khai.
"""


def test_roman_decimal_labels_and_upper_case_phan_thu():
    d = parse_text(TONG_KET)
    got = [(lv, lab.lower(), ti) for lv, lab, ti in outline(d)]
    assert got == [
        (1, "phần thứ nhất", "ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN"),
        (2, "i", "CẢI CÁCH THỂ CHẾ"),
        (3, "i.1", "Xây dựng văn bản"),
        (3, "i.2", "Rà soát văn bản"),
        (2, "ii", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"),
        (3, "ii.1", "Rà soát thủ tục"),
        (1, "phần thứ hai", "NHIỆM VỤ NĂM 2025"),
    ]
    check_tree(d)
    # "Một số đơn vị" (some units) and "hai năm" (a duration) are not quantities
    ms = [(m.value, "%" if m.percent else m.unit, m.kind) for m in d.metrics]
    assert ms == [(4, "văn bản", "actual"), (100, "%", "target")]


def test_metric_period_from_the_enclosing_section_title():
    d = parse_text(KHANHHOA_REPORT)
    by = {(m.value, "%" if m.percent else m.unit): m for m in d.metrics}
    # targets under "II. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2023" are for that half-year,
    # not for the report title's "6 tháng đầu năm 2023"
    assert by[(80, "%")].period.lower() == "6 tháng cuối năm 2023"
    assert by[(16, "biên chế")].period == "6 tháng đầu năm 2023"
