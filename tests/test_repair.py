"""Legacy-encoding repair: TCVN3/VNI round trips on real sentences, mixed documents, and
Unicode (Vietnamese, French) never touched."""
import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_extract.lexicon import rows
from cchc_extract.read.base import Block
from cchc_extract.repair import (decode_tcvn3, decode_vni, detect, encode_tcvn3, encode_vni,
                                 font_says_legacy, is_syllable, repair_blocks)

_UPPER_TONED = re.compile(r"[ÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ]")


def _seed_lines(seeds_dir, n=400):
    out = []
    for p in sorted(seeds_dir.glob("*.txt")):
        for line in p.read_text(encoding="utf-8").splitlines():
            line = unicodedata.normalize("NFC", line.replace("*", "").strip())
            if len(line) > 20 and re.search(r"[ạ-ỹđ]", line):
                out.append(line)
    assert len(out) > 50
    return out[:n]


def test_tables_are_complete():
    tc, vn = rows("tcvn3"), rows("vni")
    assert len({r["unicode"] for r in tc}) == 134 and len({r["unicode"] for r in vn}) == 134
    lower_codes = [r["code"] for r in tc if r["case"] == "lower"]
    assert len(lower_codes) == len(set(lower_codes)) == 67
    assert len({r["vni"] for r in vn}) == 134  # VNI is lossless


def test_known_tcvn3_sample_from_manifest():
    # the dev file's own words, as the manifest quotes them
    assert decode_tcvn3("§¶ng bé c¬ quan UBND huyÖn lÖ thuû") == "Đảng bộ cơ quan UBND huyện lệ thuỷ"
    assert decode_vni("Tieáng Vieät raát hay") == "Tiếng Việt rất hay"


def test_tcvn3_round_trip_on_seed_sentences(seeds_dir):
    lines = [s for s in _seed_lines(seeds_dir) if not _UPPER_TONED.search(s)]
    assert len(lines) > 30
    blocks = [Block(text=encode_tcvn3(s)) for s in lines]
    assert all(b.text != s for b, s in zip(blocks, lines))
    assert repair_blocks(blocks) == "tcvn3"
    assert [b.text for b in blocks] == lines


def test_tcvn3_upper_font_hint(seeds_dir):
    lines = [s.upper() for s in _seed_lines(seeds_dir, 60)]
    blocks = [Block(text=encode_tcvn3(s.lower()), encoding="tcvn3-upper") for s in lines]
    assert repair_blocks(blocks) == "tcvn3"
    assert [b.text for b in blocks] == lines


def test_vni_round_trip_on_seed_sentences(seeds_dir):
    lines = _seed_lines(seeds_dir)
    blocks = [Block(text=encode_vni(s)) for s in lines]
    assert repair_blocks(blocks) == "vni"
    assert [b.text for b in blocks] == lines


def test_mixed_document(seeds_dir):
    lines = [s for s in _seed_lines(seeds_dir, 90) if not _UPPER_TONED.search(s)]
    enc = [encode_tcvn3, encode_vni, lambda s: s]
    blocks = [Block(text=enc[i % 3](s)) for i, s in enumerate(lines)]
    assert repair_blocks(blocks) == "mixed"
    assert [b.text for b in blocks] == lines


def test_short_legacy_blocks_repaired_in_a_legacy_document():
    blocks = [Block(text=encode_tcvn3("Thực hiện kế hoạch của Ủy ban nhân dân huyện về công tác cải cách")),
              Block(text=encode_tcvn3("Điều 1.")), Block(text=encode_tcvn3("Sở Nội vụ"))]
    assert repair_blocks(blocks) == "tcvn3"
    assert blocks[1].text == "Điều 1." and blocks[2].text == "Sở Nội vụ"


def test_unicode_seed_text_untouched(seeds_dir):
    lines = _seed_lines(seeds_dir, 10_000)
    blocks = [Block(text=s) for s in lines]
    assert repair_blocks(blocks) == "unicode"
    assert [b.text for b in blocks] == lines


@pytest.mark.parametrize("text", [
    "Le café à Paris: élève, Français, garçon, où, déjà vu, Noël, naïve",
    "Müller, Straße, Größe, schön, Jürgen",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Số: 15/2010/QĐ-UBND Hà Nội, ngày 26 tháng 04 năm 2010",
    "© 2024 — giá 100 ¥, 20 °C, ± 5 %",
])
def test_other_text_untouched(text):
    b = [Block(text=text)]
    assert repair_blocks(b) == "unicode"
    assert b[0].text == text


def test_font_hint_does_not_break_unicode_typed_in_legacy_font():
    # Word keeps ".VnTime" as the font name when Unicode is typed into it
    assert not font_says_legacy("Văn phòng Ủy ban", "tcvn3", False)
    assert not font_says_legacy("phòng", "vni", False)  # ties keep VNI runs as they are
    assert font_says_legacy(encode_tcvn3("Đảng bộ cơ quan"), "tcvn3", False)
    assert font_says_legacy(encode_vni("Đảng bộ cơ quan"), "vni", False)


def test_syllable_checker():
    for w in ("nghiêng", "Người", "quyết", "giữa", "khuỷu", "ĐẢNG", "thuở", "hoà"):
        assert is_syllable(w), w
    for w in ("huyÖn", "c¬", "Tieáng", "caùc", "café", "Straße", "xyz"):
        assert not is_syllable(w), w


def test_detect_needs_strong_evidence():
    assert detect("bé") is None  # valid either way: no evidence
    assert detect(encode_tcvn3("Điều 1. Phạm vi điều chỉnh")) == "tcvn3"
    assert detect(encode_vni("Điều 1. Phạm vi điều chỉnh")) == "vni"


_WORDS = ("cải cách hành chính Ủy ban nhân dân tỉnh thành phố quyết định công văn báo cáo "
          "kế hoạch đẩy mạnh thực hiện nhiệm vụ năm giải pháp người dân doanh nghiệp thủ tục "
          "điện tử số hóa hồ sơ trực tuyến Đảng bộ Việt Nam độc lập tự do hạnh phúc CỘNG HÒA "
          "XÃ HỘI CHỦ NGHĨA ĐIỀU KHOẢN Lệ Thủy Bình Phước Lâm Đồng café élève à où").split()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=25),
       st.sampled_from([" ", ", ", "; ", " - "]))
def test_property_unicode_vietnamese_never_changed(words, sep):
    text = sep.join(words)
    b = [Block(text=text)]
    assert repair_blocks(b) == "unicode"
    assert b[0].text == text


def test_repeated_french_word_is_not_vni_evidence():
    # found by the property test: "où" decodes to the VNI syllable "ó"; one word twice is one clue
    b = [Block(text="où où"), Block(text="C'est là où il habite, là où il travaille.")]
    assert repair_blocks(b) == "unicode"
    assert b[0].text == "où où"
