import json
from pathlib import Path

import pytest

from cchc_extract.extract import areas

ROOT = Path(__file__).resolve().parents[1]


def test_char_wb_ngrams_match_sklearn():
    sk = pytest.importorskip("sklearn.feature_extraction.text")
    v = sk.TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), lowercase=False)
    analyzer = v.build_analyzer()
    s = areas.preprocess("Tỷ lệ hồ sơ TTHC giải quyết đúng hạn đạt 99,1%")
    assert areas.char_wb_ngrams(s, 2, 4) == analyzer(s)


@pytest.mark.parametrize("text,area", [
    ("Cải cách thủ tục hành chính", "tthc"),
    ("CẢI CÁCH TÀI CHÍNH CÔNG", "tai_chinh_cong"),
    ("Xây dựng và phát triển Chính quyền điện tử, Chính quyền số", "chinh_quyen_so"),
    ("Cải cách chế độ công vụ", "cong_vu"),
    ("Về cải cách thể chế", "the_che"),
    ("Cải cách tổ chức bộ máy hành chính nhà nước", "to_chuc_bo_may"),
    ("CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH", "chi_dao_dieu_hanh"),
    ("Nơi nhận: như trên; Lưu: VT", "other"),
])
def test_rule_baseline_headings(text, area):
    assert areas.rule_area(text) == area


@pytest.mark.parametrize("text,area", [
    ("Tổng thu ngân sách địa phương thực hiện đến ngày 10/12 là 28.611 tỷ đồng, giải ngân vốn đầu tư công đạt 85%.",
     "tai_chinh_cong"),
    ("Tỉnh đã công bố 247 TTHC mới, sửa đổi 338 TTHC và bãi bỏ 60 TTHC thuộc thẩm quyền giải quyết.", "tthc"),
    ("Tỷ lệ hồ sơ trực tuyến toàn trình đạt 90,58%, nền tảng số dùng chung vận hành ổn định.", "chinh_quyen_so"),
    ("Tuyển dụng 77 viên chức và đào tạo, bồi dưỡng 82 lớp cho cán bộ, công chức.", "cong_vu"),
])
def test_model_sentences(text, area):
    assert areas.load_model() is not None
    assert areas.classify(text) == area


def test_model_file_is_portable_json():
    m = json.loads((ROOT / "models" / "area_model.json").read_text(encoding="utf-8"))
    assert m["format"] == "cchc-area-linear/1"
    assert len(m["coef"]) == len(m["classes"]) and len(m["coef"][0]) == len(m["vocabulary"]) == len(m["idf"])
    assert "other" in m["classes"]


def test_training_data_size_and_labels():
    lines = [ln for ln in (ROOT / "data" / "area_sentences.tsv").read_text(encoding="utf-8").splitlines()
             if ln and not ln.startswith("#")][1:]
    labels = {ln.split("\t")[0] for ln in lines}
    assert len(lines) >= 300
    assert labels == {"chi_dao_dieu_hanh", "the_che", "tthc", "to_chuc_bo_may", "cong_vu", "tai_chinh_cong",
                      "chinh_quyen_so", "other"}


def test_sections_get_areas():
    from cchc_extract import model
    from cchc_extract.extract.context import Context

    text = "II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH\n1. Kết quả rà soát\nĐã công bố 598 TTHC nội bộ."
    secs = [model.Section(id=0, parent=None, level=1, label="II", title="CẢI CÁCH THỦ TỤC HÀNH CHÍNH", span=(0, len(text))),
            model.Section(id=1, parent=0, level=2, label="1", title="Kết quả rà soát", span=(32, len(text)))]
    ctx = Context(text=text, blocks=[], sections=secs)
    areas.assign_areas(ctx, [])
    assert [s.area for s in secs] == ["tthc", "tthc"]
