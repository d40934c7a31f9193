import pytest

from cchc_extract.extract.dates import find_dates, parse_date


@pytest.mark.parametrize("raw, iso", [
    ("Bình Phước, ngày 01 tháng 6 năm 2023", "2023-06-01"),
    ("Ninh Bình, ngày 05 tháng 02 năm 2024", "2024-02-05"),
    ("Ngày 28 tháng 05 năm 2004", "2004-05-28"),
    ("ngày 5 tháng 3 năm 2020", "2020-03-05"),
    ("Lâm Đồng, ngày tháng 9 năm 2020", "2020-09"),
    ("ngày     tháng 3 năm 2010", "2010-03"),
    ("ngày … tháng … năm 2024", "2024"),
    ("ngày ..... tháng ..... năm 2025", "2025"),
    ("ngày 05/3/2020", "2020-03-05"),
    ("ngày 05-03-2020", "2020-03-05"),
    ("ngày06/5/2005", "2005-05-06"),
    ("2020-03-05", "2020-03-05"),
    ("tháng 9/2020", "2020-09"),
])
def test_parse_date(raw, iso):
    assert parse_date(raw) == iso


@pytest.mark.parametrize("raw", ["ngày 31/02/2020", "ngày 30 tháng 2 năm 2021", "TCVN 6909:2001",
                                 "1.000.000 đồng", "Km 5+300", "số 12/3", ""])
def test_not_a_date(raw):
    assert parse_date(raw) is None


def test_find_dates_spans_and_order():
    t = "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020; Quyết định ngày 07/5/2013."
    ds = find_dates(t)
    assert [d[2] for d in ds] == ["2020-03-05", "2013-05-07"]
    assert t[ds[0][0]:ds[0][1]] == "ngày 05 tháng 3 năm 2020"
    assert t[ds[1][0]:ds[1][1]] == "07/5/2013"


def test_code_year_is_not_a_date():
    assert find_dates("Quyết định số 20/2013/QĐ-UBND") == []
