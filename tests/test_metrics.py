"""Metrics on real-looking report sentences, plus dev-corpus checks that skip without ../shared."""
import pytest

import cchc_extract as c
from cchc_extract.extract.numbers import parse_number, parse_words


def metrics(text):
    return c.parse_text(text, stages={"metrics"}).metrics


def one(text):
    ms = metrics(text)
    assert len(ms) == 1, [(m.value, m.unit) for m in ms]
    return ms[0]


@pytest.mark.parametrize("s,v", [("09", 9), ("1.234,5", 1234.5), ("195.197", 195197), ("85,52", 85.52),
                                 ("99,1", 99.1), ("85.52", 85.52), ("0,19", 0.19), ("abc", None)])
def test_parse_number(s, v):
    assert parse_number(s) == v


@pytest.mark.parametrize("words,v", [("hai", 2), ("mười", 10), ("mười hai", 12), ("hai mươi lăm", 25),
                                     ("một trăm hai mươi", 120), ("hai nghìn năm trăm", 2500), ("hai ba", None)])
def test_parse_words(words, v):
    assert parse_words(words.split()) == v


def test_count_with_unit_and_about():
    m = one("Trong 6 tháng đầu năm, ước tính đã đăng 120 tin bài về công tác ngoại vụ địa phương.")
    assert (m.value, m.unit, m.percent, m.qualifier) == (120, "tin bài", False, "about")
    assert m.period == "6 tháng đầu năm"
    assert m.subject == "tin bài về công tác ngoại vụ địa phương"


def test_span_is_surface():
    d = c.parse_text("Đến nay, Sở hiện còn 03 phòng: Văn phòng Sở, phòng Biên giới.", stages={"metrics"})
    m = d.metrics[0]
    assert d.text[m.span[0]:m.span[1]] == "03 phòng" and m.value == 3


def test_percent_subject_after():
    m = one("- 100% hồ sơ TTHC được giải quyết đúng hạn.")
    assert m.percent and m.value == 100 and m.unit == "%"
    assert m.subject == "hồ sơ TTHC được giải quyết đúng hạn"


def test_percent_subject_before_and_decimal():
    m = one("Tỷ lệ khai thác, sử dụng lại thông tin, dữ liệu số hóa đạt 85,9%.")
    assert m.value == 85.9 and m.percent
    assert "dữ liệu số hóa" in m.subject


def test_at_least_target():
    m = one("Phấn đấu tỷ lệ hồ sơ giải quyết trực tuyến đạt tối thiểu 80%.")
    assert (m.qualifier, m.kind) == ("at_least", "target")


def test_at_most_and_tro_len():
    assert one("Thời gian chờ đợi giảm, số hồ sơ trễ hạn không quá 5%.").qualifier == "at_most"
    assert one("Tỷ lệ cơ quan được kiểm tra trong năm từ 20% trở lên.").qualifier == "at_least"


def test_range():
    m = one("Phấn đấu tỷ lệ hài lòng từ 70% đến 80%.")
    assert (m.value, m.value_max, m.percent) == (70, 80, True)


def test_money():
    m = one("Tổng chi ngân sách địa phương là 1.234,5 triệu đồng.")
    assert (m.value, m.unit) == (1234.5, "triệu đồng")


def test_rank_and_score():
    ms = metrics("Chỉ số CCHC năm 2024 của tỉnh đạt 85,52 điểm, xếp thứ 12/63 tỉnh, thành phố.")
    score, rank = ms
    assert (score.value, score.unit) == (85.52, "điểm")
    assert (rank.value, rank.unit, rank.rank_of) == (12, "thứ hạng", 63)


def test_breakdown_parent():
    ms = metrics("Trong 6 tháng đầu năm, Sở Ngoại vụ có 09 hồ sơ về TTHC, trong đó: hộ chiếu ngoại giao: 01; "
                 "hộ chiếu công vụ: 08.")
    assert [m.value for m in ms] == [9, 1, 8]
    assert [m.parent for m in ms] == [None, 0, 0]
    assert ms[1].unit == "hồ sơ" and ms[1].subject == "hộ chiếu ngoại giao"


def test_breakdown_in_parentheses():
    ms = metrics("Số lượng TTHC đề nghị sửa đổi là 09 TTHC (cấp tỉnh 05 TTHC, cấp xã 04 TTHC).")
    assert [(m.value, m.parent) for m in ms] == [(9, None), (5, 0), (4, 0)]


def test_quantity_clause_without_unit():
    ms = metrics("Theo đó, Sở được giao biên chế hành chính: 16 và chỉ tiêu hợp đồng: 04.")
    assert [(m.value, m.unit) for m in ms] == [(16, "biên chế"), (4, "chỉ tiêu")]
    ms = metrics("Số hồ sơ giải quyết trước và đúng hạn là 193.457 (tỷ lệ 99,1%).")
    assert (ms[0].value, ms[0].unit) == (193457, "hồ sơ")
    assert ms[1].percent and ms[1].value == 99.1 and ms[1].parent is None


def test_number_words():
    m = one("Sở Nội vụ thành lập hai đoàn kiểm tra công tác CCHC.")
    assert (m.value, m.unit) == (2, "đoàn")
    assert metrics("Thực hiện cơ chế một cửa, một cửa liên thông.") == []


@pytest.mark.parametrize("text", [
    "Thực hiện Quyết định số 2398/QĐ-UBND ngày 26/12/2022 của UBND tỉnh.",
    "Nghị quyết số 04-NQ/TU ngày 18/5/2021 về chuyển đổi số đến năm 2025.",
    "Chương trình tổng thể CCHC giai đoạn 2021-2030 của Chính phủ.",
    "Trong 6 tháng đầu năm và quý I/2026, tháng 10 năm 2025.",
    "Theo điểm a khoản 2 Điều 3 Nghị định 30/2020/NĐ-CP.",
    "Cung cấp dịch vụ công trực tuyến mức độ 3/4 cho người dân.",
    "Điện thoại: 0263.3822.456; Fax: 0263 3822 457.",
    "Áp dụng hệ thống quản lý chất lượng TCVN ISO 9001:2015 tại Sở.",
    "1. Về cải cách thể chế",
    "1.1 Kết quả xây dựng ban hành văn bản",
    "Hội nghị bắt đầu lúc 14 giờ 30 phút, hoạt động 24/24 giờ.",
    "Kế hoạch số 80/KH-SNgV ngày 28/12/2022 và Công văn 633/SNgV-VP.",
    "Do ảnh hưởng của dịch Covid-19 và kỳ họp thứ 9 khóa XIII.",
])
def test_not_metrics(text):
    assert metrics(text) == [], [(m.value, m.unit) for m in metrics(text)]


def test_target_section_and_period_default():
    text = ("KẾ HOẠCH\nCải cách hành chính năm 2023\nI. MỤC TIÊU\n"
            "- 100% văn bản quy phạm pháp luật được ban hành đúng quy trình.")
    ms = metrics(text)
    assert len(ms) == 1 and ms[0].kind == "target"


def test_actual_in_report():
    m = one("Tổng số nhiệm vụ được giao là 123, đã hoàn thành đúng hạn.")
    assert (m.value, m.unit, m.kind) == (123, "nhiệm vụ", "actual")


def test_table_cells_from_blocks():
    from cchc_extract.extract.context import Context
    from cchc_extract.extract.metrics import extract_metrics
    from cchc_extract.pipeline import assemble
    from cchc_extract.read.base import Block

    cells = [["STT", "Cơ quan", "Số hồ sơ tiếp nhận", "Tỷ lệ hồ sơ trực tuyến (%)"],
             ["1", "Sở Nội vụ", "1.250", "96,5"], ["2", "Sở Tư pháp", "830", "88"]]
    blocks = [Block(text="Bảng tổng hợp")]
    for r, row in enumerate(cells):
        for col, t in enumerate(row):
            blocks.append(Block(text=t, table=0, row=r, col=col))
    text = assemble(blocks)
    ms = extract_metrics(Context(text=text, blocks=blocks))
    got = {(m.entity, m.value, m.unit, m.percent) for m in ms}
    assert got == {("Sở Nội vụ", 1250, "hồ sơ", False), ("Sở Nội vụ", 96.5, "%", True),
                   ("Sở Tư pháp", 830, "hồ sơ", False), ("Sở Tư pháp", 88, "%", True)}
    online = [m for m in ms if m.percent]
    assert online[0].subject == "Sở Nội vụ - Tỷ lệ hồ sơ trực tuyến (%)"
    assert sorted(text[m.span[0]:m.span[1]] for m in ms) == ["1.250", "830", "88", "96,5"]
    assert all(m.table == 0 for m in ms)


def test_esign_blocks_skipped():
    from cchc_extract.extract.context import Context
    from cchc_extract.extract.metrics import extract_metrics
    from cchc_extract.pipeline import assemble
    from cchc_extract.read.base import Block

    blocks = [Block(text="Ký bởi: Sở Nội vụ, thời gian ký: 15.01.2026 10:22:33, 100% hợp lệ", style="esign"),
              Block(text="Đã tiếp nhận 726 phản ánh kiến nghị.")]
    text = assemble(blocks)
    ms = extract_metrics(Context(text=text, blocks=blocks))
    assert [(m.value, m.unit) for m in ms] == [(726, "phản ánh")]


def test_areas_assigned_to_metrics():
    ms = metrics("Tỷ lệ hồ sơ giải quyết trực tuyến toàn trình đạt 90,58%.")
    assert ms[0].area == "chinh_quyen_so"


def test_seed_report(seeds_dir):
    d = c.parse(seeds_dir / "000_8e0d0872c9fd0bdd.txt")
    got = [(m.value, m.unit) for m in d.metrics]
    assert (120, "tin bài") in got and (9, "hồ sơ") in got and (16, "biên chế") in got
    assert all(d.text[m.span[0]:m.span[1]].strip() for m in d.metrics)


def test_dev_plan_targets(dev_dir):
    d = c.parse(dev_dir / "vbai_lamdong" / "KE HOACH KIEM TRA CCHC 2026.docx")
    if d.status == "error":
        pytest.skip("docx reader not available yet")
    ms = [m for m in d.metrics if m.percent]
    assert any(m.value == 20 and m.qualifier == "at_least" for m in ms)


def test_dev_report_counts(dev_dir):
    d = c.parse(dev_dir / "vbai_lamdong" / "BAO CAO CCHC NAM 2025.docx")
    if d.status == "error":
        pytest.skip("docx reader not available yet")
    got = {(m.value, m.unit) for m in d.metrics}
    assert (195197, "hồ sơ") in got and (598, "TTHC") in got
    assert not any(m.value in (2025, 2026) and m.unit is None for m in d.metrics)


# ---------------------------------------------------------------- classes found on the 2025 report gold


@pytest.mark.parametrize("text,q", [
    ("Kết nối 22 hệ thống CSDL quốc gia, hơn 400.000 lượt giao dịch dữ liệu.", "at_least"),
    ("- Hồ sơ trực tuyến toàn trình ≥ 80%.", "at_least"),
    ("- Tỷ lệ hồ sơ trễ hạn ≤ 2%.", "at_most"),
    ("Tiến độ sắp xếp lại, xử lý nhà, đất chưa đạt 100%.", "at_most"),
    ("Chi phí quản lý đều chi thấp hơn 4% số tiền đóng bảo hiểm y tế.", "at_most"),
    ("Siêu âm Doppler màu tim, mạch máu khoảng hơn 800 tỷ đồng mỗi năm.", "about"),
    ("Tổ chức không ít hơn 10 hội nghị đối thoại.", "at_least"),
])
def test_comparison_qualifiers(text, q):
    assert metrics(text)[-1].qualifier == q


def test_rate_base_is_not_a_target_cue():
    ms = metrics("Tổng chi ngân sách là 40.554 tỷ đồng, bằng 89,9% dự toán Trung ương, "
                 "bằng 84,52% dự toán Hội đồng nhân dân tỉnh giao.")
    assert [(m.value, m.kind) for m in ms] == [(40554, "actual"), (89.9, "actual"), (84.52, "actual")]


def test_budget_words_only_mark_plan_figures():
    m = one("Tổng dự toán vốn đầu tư công được giao là 23.997 tỷ đồng.")
    assert m.kind == "target"
    m = one("Quỹ đã chuyển đủ kinh phí thanh toán vượt dự toán năm 2020 là 13.466 tỷ đồng.")
    assert m.kind == "actual"
    ms = metrics("Giải ngân 3.757 tỷ đồng (không bao gồm vốn bổ sung có mục tiêu), bằng 38,27% dự toán.")
    assert [m.kind for m in ms] == ["actual", "actual"]


def test_done_after_plan_figure_is_actual():
    ms = metrics("Dự toán chi đầu tư phát triển năm 2025 là 22.143 tỷ đồng (gồm kế hoạch năm 2025 là "
                 "19.596 tỷ đồng), đã giải ngân được 9.400 tỷ đồng, đạt 42,5% kế hoạch.")
    assert [(m.value, m.kind) for m in ms] == [(22143, "target"), (19596, "target"), (9400, "actual"),
                                               (42.5, "actual")]


def test_sentence_list_item_words_do_not_set_kind():
    text = ("BÁO CÁO\nKết quả cải cách hành chính năm 2025\nI. ĐÁNH GIÁ CHUNG\n1. Tồn tại, hạn chế\n"
            "a) Hệ thống thông tin dùng chung còn lỗi kỹ thuật; hạ tầng chưa đáp ứng yêu cầu phát triển "
            "chính quyền số.\n- Hơn 12.000 hồ sơ thủ tục hành chính cấp tỉnh giải quyết trễ hạn.")
    d = c.parse_text(text, stages={"sections", "metrics"})
    assert [(m.value, m.unit, m.kind, m.qualifier) for m in d.metrics] == [(12000, "hồ sơ", "actual", "at_least")]


def test_document_word_before_a_count():
    ms = metrics("Thống nhất tổ chức 21 lớp bồi dưỡng và đưa ra khỏi kế hoạch 55 lớp.")
    assert [(m.value, m.unit) for m in ms] == [(21, "lớp"), (55, "lớp")]
    assert metrics("Thực hiện Kế hoạch 80/KH-UBND và Quyết định 15 về cải cách hành chính.") == []
    assert metrics("Ban Chỉ đạo chuyển đổi số và Đề án 06 tỉnh Lâm Đồng; Kế hoạch 12 Sở Nội vụ.") == []


def test_plural_marker_between_number_and_unit():
    m = one("Tỉnh đã chuyển nguyên trạng 1.376 các đơn vị sự nghiệp công lập về cấp xã.")
    assert (m.value, m.unit) == (1376, "đơn vị")


def test_percent_bounds_of_a_counted_category():
    ms = metrics("Có 123 đơn vị tự đảm bảo một phần chi thường xuyên (số đơn vị tự bảo đảm từ 70% - dưới "
                 "100% chi thường xuyên là 36 đơn vị, số đơn vị tự bảo đảm dưới 30% chi thường xuyên là "
                 "29 đơn vị).")
    assert [(m.value, m.unit) for m in ms] == [(123, "đơn vị"), (36, "đơn vị"), (29, "đơn vị")]


def test_thousands_count_at_bullet_start_is_not_a_label():
    m = one("- 2.227 dịch vụ công trực tuyến.")
    assert (m.value, m.unit) == (2227, "dịch vụ công")
    assert metrics("1.1 Kết quả xây dựng văn bản") == []


def test_decimal_ratio_score():
    m = one("Kết quả tự đánh giá Chỉ số cải cách hành chính của tỉnh là 60,5/61,5 điểm.")
    assert (m.value, m.unit) == (60.5, "điểm")


def test_mixed_staff_group_counts_people():
    m = one("Biệt phái, tăng cường 260 công chức, viên chức, người lao động cấp tỉnh về cấp xã.")
    assert (m.value, m.unit) == (260, "người")


def test_wrapped_pdf_line_keeps_sentence_cue():
    from cchc_extract.extract.context import Context
    from cchc_extract.extract.metrics import extract_metrics
    from cchc_extract.pipeline import assemble
    from cchc_extract.read.base import Block

    blocks = [Block(text="Theo Bộ chỉ số hiện nay, yêu cầu tỷ lệ cơ quan chuyên môn cấp tỉnh và đơn vị"),
              Block(text="hành chính cấp xã được kiểm tra trong năm từ 20% trở lên.")]
    text = assemble(blocks)
    ms = extract_metrics(Context(text=text, blocks=blocks))
    assert [(m.value, m.kind, m.qualifier) for m in ms] == [(20, "target", "at_least")]
    blocks = [Block(text="Hệ thống mạng của Trung tâm hành chính tỉnh đang phục vụ khoảng"),
              Block(text="2.000 người dùng thường xuyên.")]
    text = assemble(blocks)
    ms = extract_metrics(Context(text=text, blocks=blocks))
    assert [(m.value, m.unit, m.qualifier) for m in ms] == [(2000, "người", "about")]


def test_gold_scope_limits_scored_metrics(tmp_path):
    """A gold file that annotates only part of a long report scores only predictions inside it."""
    import json

    from cchc_extract.eval.gold import load_gold
    from cchc_extract.eval.score import score_field

    text = "Đã tiếp nhận 726 phản ánh kiến nghị.\nTổng số hồ sơ đã giải quyết là 195.197 hồ sơ."
    d = c.parse_text(text, stages={"metrics"})
    (tmp_path / "metrics").mkdir()
    cut = text.index("\n")
    gold = {"path": "x.txt", "scope": [0, cut], "items": [{"value": 726, "unit": "phản ánh"}]}
    (tmp_path / "metrics" / "x.json").write_text(json.dumps(gold), encoding="utf-8")
    g = load_gold(tmp_path, fields=("metrics",)).docs[0]
    assert g.scope == (0, cut)
    s = score_field("metrics", g, d).scores["metrics"]
    assert (s.tp, s.fp, s.fn) == (1, 0, 0)
    g.scope = None  # without scope the second-sentence count is a false hit
    s = score_field("metrics", g, d).scores["metrics"]
    assert (s.tp, s.fp, s.fn) == (1, 1, 0)


# ---------------------------------------------------------------- ranges (value .. value_max)


def _rng(text):
    d = c.parse_text(text, stages={"metrics"})
    return [(m.value, m.value_max, m.unit, m.qualifier, d.text[m.span[0]:m.span[1]]) for m in d.metrics]


def test_range_same_unit_both_bounds_is_one_metric():
    assert _rng("Mức chi hỗ trợ từ 500.000 đồng đến 2.000.000 đồng/người/tháng.") == [
        (500000, 2000000, "đồng", "exact", "500.000 đồng đến 2.000.000 đồng")]
    assert _rng("Người phạm tội thì bị phạt tiền từ 200.000.000 đồng đến 2.000.000.000 đồng.") == [
        (200000000, 2000000000, "đồng", "exact", "200.000.000 đồng đến 2.000.000.000 đồng")]
    # "tỷ" alone is "tỷ đồng"; a dash after "từ" separates the bounds too
    assert _rng("Chi phí tăng thêm từ 348 tỷ - 1.146 tỷ đồng mỗi năm.") == [
        (348, 1146, "tỷ đồng", "exact", "348 tỷ - 1.146 tỷ đồng")]


def test_range_unit_only_after_upper_bound():
    assert _rng("Mỗi hộ được hỗ trợ từ 5 đến 10 triệu đồng.") == [
        (5, 10, "triệu đồng", "exact", "5 đến 10 triệu đồng")]
    assert _rng("Mỗi xã bố trí từ 2 - 3 công chức làm đầu mối.")[0][:3] == (2, 3, "công chức")
    assert _rng("Kinh phí hỗ trợ từ 5 triệu đến 10 triệu đồng.")[0][:3] == (5, 10, "triệu đồng")


def test_range_upper_bound_below_and_percent():
    assert _rng("Hàng giả trị giá từ 30.000.000 đồng đến dưới 150.000.000 đồng hoặc dưới 30.000.000 đồng.") == [
        (30000000, 150000000, "đồng", "exact", "30.000.000 đồng đến dưới 150.000.000 đồng"),
        (30000000, None, "đồng", "at_most", "30.000.000 đồng")]
    assert _rng("Tỷ lệ hài lòng của người dân đạt 20-30% ở các xã vùng sâu.")[0][:2] == (20, 30)


def test_range_about_keeps_about():
    """'khoảng 3-5 tỷ đồng' was lost: '3-5' read as a code. A range is 'exact' unless approximated."""
    assert _rng("Dự kiến kinh phí khoảng 3-5 tỷ đồng.") == [(3, 5, "tỷ đồng", "about", "3-5 tỷ đồng")]


@pytest.mark.parametrize("text", [
    "Giai đoạn 2021-2025, tỉnh triển khai Nghị quyết số 12-NQ/TW của Bộ Chính trị.",
    "Thời gian giải quyết từ 5 đến 10 ngày làm việc kể từ ngày nhận đủ hồ sơ.",
    "Hình phạt tù từ 01 năm đến 05 năm.",
    "Áp dụng quy định từ Điều 5 đến Điều 7 của Nghị định.",
    "Sửa đổi, bổ sung các khoản 1, 4 và 5 Điều 192 như sau:",
    "Liên hệ điện thoại 0263.3822.111 - 0263.3822.112 để được hướng dẫn.",
    "Hội nghị diễn ra từ ngày 15 đến ngày 17/3/2025.",
])
def test_not_ranges_nor_metrics(text):
    assert _rng(text) == []


def test_score_ratio_and_clause_dash_are_not_ranges():
    assert _rng("Chỉ số hài lòng đạt 85/100 điểm.") == [(85, None, "điểm", "exact", "85/100 điểm")]
    # a dash between two counts that each have their unit, without "từ", is a clause break
    assert [r[:2] for r in _rng("Tiếp nhận 120 hồ sơ - 100 hồ sơ đã giải quyết đúng hạn.")] == [
        (120, None), (100, None)]
    # "từ 30% - dưới 70%" bounds the category counted by "số đơn vị … là 58 đơn vị"
    got = _rng("Số đơn vị sự nghiệp tự bảo đảm từ 30% - dưới 70% chi thường xuyên là 58 đơn vị.")
    assert [r[:3] for r in got] == [(58, None, "đơn vị")]


def _wrapped(*lines):
    from cchc_extract.extract.context import Context
    from cchc_extract.extract.metrics import extract_metrics
    from cchc_extract.pipeline import assemble
    from cchc_extract.read.base import Block

    blocks = [Block(text=t) for t in lines]
    text = assemble(blocks)
    return [(m.value, m.value_max, m.unit, text[m.span[0]:m.span[1]])
            for m in extract_metrics(Context(text=text, blocks=blocks))]


def test_range_wrapped_over_pdf_line_break():
    """PDF lines are blocks; the range continues into the next line and takes its upper bound."""
    assert _wrapped("4. Người phạm tội còn có thể bị phạt tiền từ 40.000.000 đồng đến",
                    "100.000.000 đồng, cấm đảm nhiệm chức vụ từ 01 năm đến 05 năm.") == [
        (40000000, 100000000, "đồng", "40.000.000 đồng đến\n100.000.000 đồng")]
    assert _wrapped("thuộc một trong các trường hợp sau đây, thì bị phạt tiền từ 200.000.000 đồng",
                    "đến 2.000.000.000 đồng hoặc phạt tù từ 01 năm đến 05 năm:") == [
        (200000000, 2000000000, "đồng", "200.000.000 đồng\nđến 2.000.000.000 đồng")]
    assert _wrapped("cùng tính năng kỹ thuật, công dụng trị giá từ 30.000.000 đồng đến dưới",
                    "150.000.000 đồng hoặc dưới 30.000.000 đồng nhưng đã bị xử phạt;")[0][:3] == (
        30000000, 150000000, "đồng")
    # a dash opening the next line is a bullet, not a range separator
    assert [r[:2] for r in _wrapped("Đơn vị đã cử 3 người", "- 5 người tham gia lớp tập huấn.")] == [
        (3, None), (5, None)]


def test_dev_fine_ranges_in_draft_penal_law(dev_dir):
    """A real draft law: every 'phạt tiền từ X đồng đến Y đồng' is one metric with value_max."""
    p = dev_dir / "lawintech_duthao" / "5a4e7fb811d8457c97819ca7d6f31910.pdf"
    if not p.is_file():
        pytest.skip("draft law not in the dev corpus")
    d = c.parse(str(p))
    fines = [m for m in d.metrics if m.unit == "đồng" and "phạt tiền từ" in
             d.text[max(0, m.span[0] - 20):m.span[0]].replace("\n", " ")]
    assert len(fines) >= 40
    assert all(m.value_max is not None and m.value_max > m.value for m in fines)
    assert sum("\n" in d.text[m.span[0]:m.span[1]] for m in fines) >= 10  # wrapped lines joined
