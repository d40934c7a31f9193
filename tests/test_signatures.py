"""Signature blocks: every variant of reference §7 plus layout artefacts seen in real files."""
import json
from pathlib import Path

import pytest

from cchc_extract.pipeline import parse_text

BODY = "ỦY BAN NHÂN DÂN TỈNH X\nSố: 12/BC-UBND\nBÁO CÁO\nVề việc thử\nNội dung báo cáo./.\n"
K = ("authority", "on_behalf_of", "deputy_for", "title", "name")


def sigs(footer: str, body: str = BODY):
    d = parse_text(body + footer)
    out = [tuple(getattr(s, k) for k in K) for s in d.signatories]
    for s in d.signatories:  # spans point at the block in the text
        assert 0 <= s.span[0] < s.span[1] <= len(d.text)
        if s.name:
            assert s.name in d.text[s.span[0]:s.span[1]]
    return out


@pytest.mark.parametrize("footer,expected", [
    ("Nơi nhận:\n- Như trên;\n- Lưu: VT.\nGIÁM ĐỐC\nPhạm Thị Anh Thư\n",
     (None, None, None, "GIÁM ĐỐC", "Phạm Thị Anh Thư")),
    ("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n(Đã ký)\nNguyễn Văn Thành\n",
     ("KT.", "GIÁM ĐỐC", None, "PHÓ GIÁM ĐỐC", "Nguyễn Văn Thành")),
    ("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n(Chữ ký, dấu)\nTrần Văn Bình\n",
     ("TM.", "ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Văn Bình")),
    ("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nLê Văn Hải\n", ("TM.", "ỦY BAN NHÂN DÂN", None, "CHỦ TỊCH", "Lê Văn Hải")),
    ("TL. BỘ TRƯỞNG\nVỤ TRƯỞNG VỤ PHÁP CHẾ\nHoàng Minh Đức\n",
     ("TL.", "BỘ TRƯỞNG", None, "VỤ TRƯỞNG VỤ PHÁP CHẾ", "Hoàng Minh Đức")),
    ("TL. CHỦ TỊCH\nKT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG\nTrịnh Ngọc Duệ\n",
     ("TL.", "CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "Trịnh Ngọc Duệ")),
    ("TUQ. GIÁM ĐỐC\nTRƯỞNG PHÒNG HÀNH CHÍNH\nVõ Thị Lan\n",
     ("TUQ.", "GIÁM ĐỐC", None, "TRƯỞNG PHÒNG HÀNH CHÍNH", "Võ Thị Lan")),
    ("Q. CHÁNH VĂN PHÒNG\nĐinh Công Sơn\n", ("Q.", "CHÁNH VĂN PHÒNG", None, None, "Đinh Công Sơn")),
    ("T/M BAN THƯỜNG VỤ\nBÍ THƯ\nNguyễn Văn Quang\n", ("T/M", "BAN THƯỜNG VỤ", None, "BÍ THƯ", "Nguyễn Văn Quang")),
    ("K/T TRƯỞNG BAN\nPHÓ TRƯỞNG BAN\nLý Thị Hoa\n", ("K/T", "TRƯỞNG BAN", None, "PHÓ TRƯỞNG BAN", "Lý Thị Hoa")),
    ("KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nPGS.TS. Trần Văn Sơn\n", ("KT.", "BỘ TRƯỞNG", None, "THỨ TRƯỞNG", "Trần Văn Sơn")),
    ("GIÁM ĐỐC\nĐại tá Phạm Văn Nam\n", (None, None, None, "GIÁM ĐỐC", "Phạm Văn Nam")),
    ("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nKý bởi: Sở Nội vụ\nNgày ký: 16-06-2025 15:19:01 +07:00\nBùi Thị Tuyết Mai\n",
     ("KT.", "GIÁM ĐỐC", None, "PHÓ GIÁM ĐỐC", "Bùi Thị Tuyết Mai")),
    ("KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n", ("KT.", "BỘ TRƯỞNG", None, "THỨ TRƯỞNG", None)),  # unsigned draft
    ("Nơi nhận: TM. ỦY BAN NHÂN DÂN\n- Như Điều 3; KT. CHỦ TỊCH\n- Bộ Tư pháp; PHÓ CHỦ TỊCH\n- Thường trực Tỉnh ủy;\n"
     "- CT, PCT UBND tỉnh; (Đã ký)\n- UBND các huyện, thị xã; Nguyễn Văn Hiệp\n- Lưu VT.\n",
     ("TM.", "ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn Hiệp")),
    ("Nơi nhận: KT. THỦ TƯỚNG\n- Ban Bí thư;\n- Thủ tướng, các Phó Thủ tướng Chính phủ; PHO THU TƯƠNG\n"
     "- Kiểm toán nhà nước; Bùi Thanh Sơn\n- Lưu: VT.\n",
     ("KT.", "THỦ TƯỚNG", None, "PHÓ THỦ TƯỚNG", "Bùi Thanh Sơn")),  # OCR lost the diacritics
])
def test_signature_variants(footer, expected):
    assert sigs(footer) == [expected]


def test_two_column_blocks_on_one_line():
    got = sigs("THƯ KÝ CHỦ TỌA\nNguyễn Thị Mai Trần Văn Hùng\n")
    assert got == [(None, None, None, "THƯ KÝ", "Nguyễn Thị Mai"), (None, None, None, "CHỦ TỌA", "Trần Văn Hùng")]
    got = sigs("ĐẠI DIỆN BÊN A\nLê Văn An\nĐẠI DIỆN BÊN B\nPhạm Thị Bình\n")
    assert got == [(None, None, None, "ĐẠI DIỆN BÊN A", "Lê Văn An"), (None, None, None, "ĐẠI DIỆN BÊN B", "Phạm Thị Bình")]


def test_body_position_line_is_not_a_signature():
    qd = ("ỦY BAN NHÂN DÂN TỈNH X\nQUYẾT ĐỊNH\nVề việc thành lập Tổ\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\n"
          "Căn cứ Luật Tổ chức chính quyền địa phương;\nQUYẾT ĐỊNH:\nĐiều 1. Thành lập Tổ.\n")
    assert sigs("Nơi nhận:\n- Như Điều 3;\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nHồ Văn Mười\n", body=qd) == [
        ("KT.", "CHỦ TỊCH", None, "PHÓ CHỦ TỊCH", "Hồ Văn Mười")]


GOLD = Path(__file__).resolve().parents[1] / "gold" / "signatories"


@pytest.mark.parametrize("gold_file", sorted(GOLD.glob("*.json")), ids=lambda p: p.stem[:40])
def test_dev_signatories_match_gold(gold_file, dev_dir, parse_dev):
    g = json.loads(gold_file.read_text())
    path = (dev_dir.parent.parent / g["path"]) if g["path"].startswith("seeds/") else dev_dir / g["path"]
    if not path.exists():
        pytest.skip(f"{path} absent")
    d = parse_dev(path)
    assert [tuple(getattr(s, k) for k in K) for s in d.signatories] == [tuple(i[k] for k in K) for i in g["items"]]


# --- OCR damage (held-out gold: 23BC, 2230-ttg, 01 TTr scans) -----------------------------

def test_kt_signer_is_the_deputy_when_ocr_loses_pho():
    # "„ CHU TỊCH" under "KT. CHỦ TỊCH": specks, lost accents and a lost "PHÓ"
    got = sigs("Nơi nhận:\nKT. CHỦ TỊCH\n- Như trên;\n- CT, PCT UBND tỉnh;\n„ CHU TỊCH\n- Lưu: VT, TTHC.\n")
    assert got == [("KT.", "CHỦ TỊCH", None, "PHÓ CHỦ TỊCH", None)]


def test_garbled_deputy_line_under_kt():
    got = sigs("Nơi nhận:\nKT. THỦ TƯỚNG\n- Ban Bí thư Trung ương Đảng;\n„HQ I HỦ TƯỚNG\n- Lưu: VT, KGVX.\n")
    assert got == [("KT.", "THỦ TƯỚNG", None, "PHÓ THỦ TƯỚNG", None)]
    got = sigs("Nơi nhận:\n- Lưu: VT.\nKT. BỘ TRƯỞNG\nBO TRUONG\nNguyễn Văn An\n")
    assert got == [("KT.", "BỘ TRƯỞNG", None, "THỨ TRƯỞNG", "Nguyễn Văn An")]


def test_upper_case_stamp_text_is_not_a_name():
    # the e-signature stamp "TRUNG TÂM CÔNG / BÁO VÀ TIN HỌC" follows the block on OCR scans
    got = sigs("Nơi nhận:\nKT. CHỦ TỊCH\n- Như trên;\n- Lưu: VT, NC.\nTRUNG TÂM CÔNG\nThời gian ký: 07/01/2025\n")
    assert got == [("KT.", "CHỦ TỊCH", None, None, None)]
    # an upper-case name still is one (surname first, or tagged as a proper noun)
    assert sigs("Nơi nhận:\n- Lưu: VT.\nGIÁM ĐỐC\nTRẦN HOÀNG TUẤN\n")[0][4] == "TRẦN HOÀNG TUẤN"
    assert sigs("Nơi nhận:\n- Lưu: VT.\nGIÁM ĐỐC\nKSOR PHƯỚC\n")[0][4] == "KSOR PHƯỚC"
