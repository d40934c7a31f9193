"""OCR diacritic repair of header fields: fixes tesseract's tone/hat errors, leaves clean text and
ambiguous cases alone, splits glued capitals, and never moves spans."""
from __future__ import annotations

import pytest

from cchc_extract import model
from cchc_extract.ocr_words import _trim_crumbs, repair, split_glued
from cchc_extract.pipeline import build
from cchc_extract.read.base import Block, RawDocument

pytest.importorskip("underthesea")


@pytest.mark.parametrize("ocr, clean", [
    ("SỞ THÔNG TIN VÀ TRUYÊN THÔNG", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"),
    ("ỦY BAN NHÂN DÂN TĨNH QUANG NGAI", "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI"),  # two damaged in a row
    ("Hiệp hội Các trường đại học, cao đăng Việt Nam", "Hiệp hội Các trường đại học, cao đẳng Việt Nam"),
    ("Cơ quan trung ương của các tô chức chính trị - xã hội",
     "Cơ quan trung ương của các tổ chức chính trị - xã hội"),
    ("hoạt động sẵn xuất, kinh doanh", "hoạt động sản xuất, kinh doanh"),
    ("Kiểm toán nha nước", "Kiểm toán nhà nước"),
])
def test_repairs_tone_and_hat_errors(ocr, clean):
    fixed, changes = repair(ocr)
    assert fixed == clean and changes
    assert len(fixed) == len(ocr)


@pytest.mark.parametrize("text", [
    "Ủy ban nhân dân tỉnh Lâm Đồng",
    "Sở Nội vụ; Văn phòng Tổng Bí thư; Ban Bí thư Trung ương Đảng",
    "Báo cáo kết quả công tác cải cách hành chính năm 2025",
    "Quy định về chữ kí điện tử và chữ ký số",  # both spellings of ký are words
    "Lưu: VT, NC (Vi16)",
    "Văn phòng và các Ban đảng Tỉnh ủy",  # "bạn đảng" is a word, but "ban" is one of ours
    "Các sở, ban, ngành thuộc tỉnh",  # not "thuộc tính"
])
def test_leaves_clean_text_alone(text):
    assert repair(text) == (text, [])


def test_keeps_the_source_spelling_of_final_i():
    assert repair("Văn phòng Tổng Bi thư")[0] == "Văn phòng Tổng Bí thư"  # not "Bý"


def test_split_glued_capitals():
    assert split_glued("UBNDTỈNHPHÚTHỌ") == "UBND TỈNH PHÚ THỌ"
    assert split_glued("HĐNDHUYỆNBẢOTHẮNG") == "HĐND HUYỆN BẢO THẮNG"
    assert split_glued("TRUYỀN") == "TRUYỀN"  # one syllable
    assert split_glued("QWXZKPLMN") == "QWXZKPLMN"  # not spelled by syllables: left alone
    assert split_glued("Nghị") == "Nghị"


@pytest.mark.parametrize("item, clean", [
    ("Ban Bí thư Trung ương Đảng: 4 Í 4", "Ban Bí thư Trung ương Đảng"),  # signature-column crumbs
    ("HĐND, UBND các tỉnh, thành phố trực thuộc trung ươngÍ",
     "HĐND, UBND các tỉnh, thành phố trực thuộc trung ương"),
    ("Lưu: 02", "Lưu: 02"),  # a count, not crumbs
    ("Lưu: VT, KGVX (2b)", "Lưu: VT, KGVX (2b)"),
    ("Bộ Tư lệnh Quân khu 5 (b/cáo)", "Bộ Tư lệnh Quân khu 5 (b/cáo)"),
])
def test_trims_ocr_crumbs_after_list_items(item, clean):
    assert _trim_crumbs(item) == clean


def _doc(ocr: bool) -> model.Document:
    lines = ["UBNDTỈNHPHÚTHỌ .", "SỞ THÔNG TIN VÀ TRUYÊN THÔNG", "Số: 275/STTTT-CNTT",
             "Phú Thọ, ngày 16 tháng 12 năm 2011", "V/v đăng ký danh sách tham gia Hội thi",
             "Kính gửi: Các đơn vị trực thuộc sở.", "Nội dung.", "Nơi nhận:", "- Như trên;",
             "- Lưu: VT."]
    raw = RawDocument(format="pdf", blocks=[Block(text=t) for t in lines], ocr=ocr)
    return build(raw, model.Source(path="x.pdf", format="pdf", sha256="0" * 64, bytes=1))


def test_pipeline_repairs_only_ocr_documents_and_keeps_spans():
    d = _doc(ocr=True)
    h = d.header
    assert h.issuer.name == "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
    assert h.issuer.parent == "UBND TỈNH PHÚ THỌ"
    s, e = h.spans["issuer"]
    assert "TRUYÊN" in d.text[s:e]  # the span still shows what was printed (OCR'd)
    assert any("TRUYÊN → TRUYỀN" in w["message"] for w in d.warnings)
    clean = _doc(ocr=False).header
    assert clean.issuer.name == "SỞ THÔNG TIN VÀ TRUYÊN THÔNG"  # text layers are not "repaired"
