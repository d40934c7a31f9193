import pytest

from cchc_extract.extract.codes import parse_code


@pytest.mark.parametrize("raw, number, year, symbol, code, kind", [
    ("58/BC-SNgV", "58", None, "BC-SNgV", "58/BC-SNgV", "admin"),
    ("Số: 215/QĐ-UBND", "215", None, "QĐ-UBND", "215/QĐ-UBND", "admin"),
    ("Số:15/QĐ-UBND", "15", None, "QĐ-UBND", "15/QĐ-UBND", "admin"),
    ("SỐ: 171/SKHCN-CĐS", "171", None, "SKHCN-CĐS", "171/SKHCN-CĐS", "admin"),
    ("20/2013/QĐ-UBND", "20", 2013, "QĐ-UBND", "20/2013/QĐ-UBND", "normative"),
    ("82/2005-QĐ-UBND", "82", 2005, "QĐ-UBND", "82/2005/QĐ-UBND", "normative"),
    ("66.7/2025/NQ-CP", "66.7", 2025, "NQ-CP", "66.7/2025/NQ-CP", "normative"),
    ("30/2020/N\u00d0-CP", "30", 2020, "NĐ-CP", "30/2020/NĐ-CP", "normative"),
    ("15/QĐ \u2013 UBND", "15", None, "QĐ-UBND", "15/QĐ-UBND", "admin"),
    ("1206 /QĐ-HVTC", "1206", None, "QĐ-HVTC", "1206/QĐ-HVTC", "admin"),
    ("12a/QĐ-UBND", "12a", None, "QĐ-UBND", "12a/QĐ-UBND", "admin"),
    ("05/KH-UBND", "05", None, "KH-UBND", "05/KH-UBND", "admin"),
    ("15/BC-T06-P1", "15", None, "BC-T06-P1", "15/BC-T06-P1", "admin"),
    ("/BC-SNV", None, None, "BC-SNV", "/BC-SNV", "admin"),
    ("Số:     /QĐ-UBND", None, None, "QĐ-UBND", "/QĐ-UBND", "admin"),
    ("Số: …/TTr-UBND", None, None, "TTr-UBND", "/TTr-UBND", "admin"),
    ("Số: ......./KH-UBND", None, None, "KH-UBND", "/KH-UBND", "admin"),
    ("04-NQ/TU", "04", None, "NQ/TU", "04-NQ/TU", "party"),
    ("Số 36-HD/VPTW", "36", None, "HD/VPTW", "36-HD/VPTW", "party"),
    ("Số    -NQ/ĐU", None, None, "NQ/ĐU", "-NQ/ĐU", "party"),
    ("64-CP", "64", None, "CP", "64-CP", "other"),
])
def test_parse_code(raw, number, year, symbol, code, kind):
    d = parse_code(raw)
    assert d is not None
    assert (d["number"], d["year"], d["symbol"], d["code"], d["kind"]) == (number, year, symbol, code, kind)


@pytest.mark.parametrize("raw", ["", "hello", "QĐ-UBND", "05/3/2020", "TCVN 6909:2001", "Số:"])
def test_not_a_code(raw):
    assert parse_code(raw) is None


def test_type_and_issuer_abbr():
    d = parse_code("102/2025/NQLT-UBTVQH15-CP-ĐCTUBTWMTTQVN")
    assert d["type_abbr"] == "NQLT"
    assert d["issuer_abbr"] == "UBTVQH15-CP-ĐCTUBTWMTTQVN"
    assert parse_code("04-NQ/TU")["type_abbr"] == "NQ"
