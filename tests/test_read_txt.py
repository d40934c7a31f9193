"""Plain text / markdown decoding and cues; format sniffing on every dev file."""
import csv
import unicodedata

import pytest

from cchc_extract.read import read_bytes, sniff
from cchc_extract.read.txt import decode, read_txt

TEXT = "Số: 58/BC-SNgV\nBình Phước, ngày 01 tháng 6 năm 2023\nỦy ban nhân dân tỉnh"


def _cp1258(s: str) -> bytes:
    out = []
    for ch in s:
        d = unicodedata.normalize("NFD", ch)
        tones = [m for m in d if m in "\u0300\u0301\u0303\u0309\u0323"]
        out.append(unicodedata.normalize("NFC", "".join(m for m in d if m not in tones)) + "".join(tones))
    return "".join(out).encode("cp1258")


@pytest.mark.parametrize("data", [
    TEXT.encode("utf-8"),
    b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
    TEXT.encode("utf-16"),  # with BOM
    TEXT.encode("utf-16-le"),  # without BOM
    _cp1258(TEXT),
], ids=["utf8", "utf8-bom", "utf16-bom", "utf16le", "cp1258"])
def test_decodings(data):
    assert sniff(data[:8192], "x.txt") == "txt"
    assert unicodedata.normalize("NFC", decode(data)) == TEXT
    raw = read_bytes(data, "x.txt")
    assert [unicodedata.normalize("NFC", b.text) for b in raw.blocks] == TEXT.split("\n")


def test_markdown_cues():
    md = ("# QUYẾT ĐỊNH\n**BÁO CÁO**  \n*(Giai đoạn 15/12/2022 đến ngày 04/6/2023)*\n"
          "## 1. Mục tiêu\nThực hiện **Quyết định** số 2398/QĐ-UBND\n* Về thành phần hồ sơ:\r\n")
    raw = read_txt(md.encode("utf-8"), "md")
    b = raw.blocks
    assert (b[0].text, b[0].heading) == ("QUYẾT ĐỊNH", 1)
    assert (b[1].text, b[1].bold) == ("BÁO CÁO", True)
    assert (b[2].text, b[2].italic, b[2].bold) == ("(Giai đoạn 15/12/2022 đến ngày 04/6/2023)", True, False)
    assert (b[3].text, b[3].heading) == ("1. Mục tiêu", 2)
    assert b[4].text == "Thực hiện Quyết định số 2398/QĐ-UBND" and not b[4].bold
    assert b[5].text == "* Về thành phần hồ sơ:" and not b[5].italic
    assert all("\n" not in x.text and "\r" not in x.text for x in b)


def test_sniff_every_dev_file(dev_dir):
    with open(dev_dir / "MANIFEST.tsv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    assert len(rows) >= 50
    for r in rows:
        p = dev_dir / r["file"]
        expected = "html" if r["format"].startswith("html") else r["format"]
        assert sniff(p.read_bytes()[:8192], p.name) == expected, r["file"]


def test_sniff_rejects_binary():
    assert sniff(bytes(range(256)) * 4, "x.bin") == "unknown"
    assert sniff(b"\x89PNG\r\n\x1a\n" + bytes(500), "x.png") == "unknown"
