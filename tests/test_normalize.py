"""normalize_lines (one pass over a document) must equal normalize_line on every line."""
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_extract.normalize import _TRANS_STR, normalize_line, normalize_lines

# characters the normalizer treats specially, mixed with Vietnamese text and decomposed marks
_SPECIAL = "".join(_TRANS_STR) + "\x00\x01\x1f\x7f \u0301\u0323\u0309\u2028\u3000"
_TEXT = st.text(alphabet=st.sampled_from(list(_SPECIAL + "aeiouyđĐ ăâêôơưỦYủy Hòa hoà QĐ-UBND 1.250"
                                               + "e\u0302\u0301")), max_size=40)


@given(st.lists(_TEXT, max_size=12))
@settings(max_examples=400, deadline=None)
def test_normalize_lines_equals_line_by_line(lines):
    assert normalize_lines(lines) == [normalize_line(x) for x in lines]


def test_examples_from_real_documents():
    lines = ["  Céng  hoµ\u00a0x· héi ", "Số:\u00a012/BC\u2013SNV\u200b", "\ufeffKính gửi:\tSở", "",
             "Ngày ky\u0301 \x07", "\u201cĐiều 5\u201d \u2026"]
    assert normalize_lines(lines) == [normalize_line(x) for x in lines]
    assert normalize_lines(lines)[1] == "Số: 12/BC-SNV"


def test_a_newline_inside_a_line_falls_back():
    assert normalize_lines(["a\nb ", " c"]) == ["a\nb", "c"]
