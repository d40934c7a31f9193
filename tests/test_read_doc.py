"""Word 97-2003 (.doc) automatic list numbering: LVL/LST/LFO parsing and label generation on
structures built here byte by byte, and the labels of the real dev .doc files."""
import struct

import pytest

from cchc_extract.read.doc import read_doc
from cchc_extract.read.doc_lists import (Level, Numbering, format_number, parse_level,
                                         parse_lists, render)

# ------------------------------------------------------------------ building MS-DOC structures

DECIMAL, UROMAN, LROMAN, ULETTER, LLETTER, ZERO, BULLET, NONE = 0, 1, 2, 3, 4, 22, 23, 255


def lvl_bytes(text: str, nfc: int = DECIMAL, start: int = 1, legal: bool = False,
              no_restart: bool = False, restart_lim: int = 0, chpx: bytes = b"",
              papx: bytes = b"") -> bytes:
    """An LVL as Word writes it: LVLF (28 bytes), grpprlPapx, grpprlChpx, xst."""
    nums = [i + 1 for i, ch in enumerate(text) if ord(ch) < 9][:9]
    flags = (0x04 if legal else 0) | (0x08 if no_restart else 0)
    lvlf = struct.pack("<iBB9sB4s4sBBBB", start, nfc, flags, bytes(nums + [0] * (9 - len(nums))),
                       0, b"\0" * 4, b"\0" * 4, len(chpx), len(papx), restart_lim, 0)
    assert len(lvlf) == 28
    return lvlf + papx + chpx + struct.pack("<H", len(text)) + text.encode("utf-16-le")


def lsts(lists: list) -> tuple:
    """PlfLst for [(lsid, [LVL bytes])] -> (PlfLst bytes, the LVLs that follow it)."""
    head = struct.pack("<h", len(lists))
    tail = b""
    for lsid, levels in lists:
        simple = len(levels) == 1
        head += struct.pack("<ii", lsid, 0) + b"\xff\x0f" * 9 + bytes([0x01 if simple else 0, 0])
        tail += b"".join(levels)
    return head, tail


def lfos(instances: list) -> bytes:
    """PlfLfo for [(lsid, [(ilvl, start)])]: LFOs, then one LFOData each (cp + LFOLVLs)."""
    out = struct.pack("<i", len(instances))
    data = b""
    for lsid, overrides in instances:
        out += struct.pack("<iiiBBBB", lsid, 0, 0, len(overrides), 0xFF, 0, 0)
        data += struct.pack("<I", 0xFFFFFFFF)
        for ilvl, start in overrides:
            data += struct.pack("<iI", start, ilvl | 0x10)
    return out + data


def nine(*texts_nfcs) -> list:
    """Nine levels: the given (text, nfc) first, then decimal levels like Word's defaults."""
    levels = [lvl_bytes(t, n) for t, n in texts_nfcs]
    return levels + [lvl_bytes(chr(k) + ".", DECIMAL) for k in range(len(levels), 9)]


def numbering(lists: list, instances: list) -> Numbering:
    pad = b"junk" * 3  # structures never start at offset 0 of a real table stream
    lst, lvls = lsts(lists)
    lfo = lfos(instances)
    table = pad + lst + lvls + lfo
    return parse_lists(table, len(pad), len(lst), len(pad) + len(lst) + len(lvls), len(lfo))


# ------------------------------------------------------------------ the formatter


@pytest.mark.parametrize("n,nfc,out", [
    (1, DECIMAL, "1"), (12, DECIMAL, "12"), (4, UROMAN, "IV"), (9, UROMAN, "IX"),
    (14, LROMAN, "xiv"), (1, ULETTER, "A"), (5, LLETTER, "e"), (27, LLETTER, "aa"),
    (3, ZERO, "03"), (12, ZERO, "12"), (7, 99, "7"),
])
def test_format_number(n, nfc, out):
    assert format_number(n, nfc) == out


def test_render_placeholders_and_legal():
    nfcs = [UROMAN, DECIMAL, LLETTER] + [DECIMAL] * 6
    counts = [2, 3, 1] + [1] * 6
    assert render(Level(text="\x00.", nfc=UROMAN, nums=(1,)), 0, counts, nfcs) == "II."
    assert render(Level(text="\x00.\x01.", nfc=DECIMAL, nums=(1, 3)), 1, counts, nfcs) == "II.3."
    legal = Level(text="\x00.\x01.", nfc=DECIMAL, nums=(1, 3), legal=True)
    assert render(legal, 1, counts, nfcs) == "2.3."  # legal: the Roman parent shows as 2
    assert render(Level(text="\x02)", nfc=LLETTER, nums=(1,)), 2, counts, nfcs) == "a)"
    assert render(Level(text="Điều \x00.", nfc=DECIMAL, nums=(6,)), 0, [5] * 9, [0] * 9) == "Điều 5."
    # without rgbxchNums every char below 9 is a placeholder
    assert render(Level(text="Mục \x00:", nfc=DECIMAL), 0, [4] * 9, [0] * 9) == "Mục 4:"
    assert render(Level(text="\uf0b7", nfc=BULLET), 0, counts, nfcs) == "\u2022"  # Symbol font
    assert render(Level(text="-", nfc=BULLET), 0, counts, nfcs) == "-"
    assert render(Level(text="\x00.", nfc=NONE), 0, counts, nfcs) is None


def test_parse_level_reads_grpprls_and_font():
    chpx = struct.pack("<HH", 0x4A4F, 7)  # sprmCRgFtc0: font 7
    papx = struct.pack("<HH", 0x840F, 360)  # sprmPDxaLeft80 (skipped over)
    data = b"xx" + lvl_bytes("Điều \x00.", DECIMAL, start=3, chpx=chpx, papx=papx) + b"after"
    lvl, end = parse_level(data, 2)
    assert (lvl.text, lvl.start, lvl.nfc, lvl.nums, lvl.ftc) == ("Điều \x00.", 3, DECIMAL, (6,), 7)
    assert data[end:] == b"after"
    with pytest.raises(struct.error):
        parse_level(data[:30], 2)


def test_counters_nesting_and_reset():
    n = numbering([(77, nine(("\x00.", UROMAN), ("\x01.", DECIMAL), ("\x02)", LLETTER)))],
                  [(77, [])])
    seq = [(0,), (1,), (2,), (2,), (1,), (2,), (0,), (1,), (2,), (2,), (2,), (2,), (2,)]
    got = [n.label(1, lvl) for (lvl,) in seq]
    assert got == ["I.", "1.", "a)", "b)", "2.", "a)", "II.", "1.", "a)", "b)", "c)", "d)", "e)"]
    assert n.label(0, 0) is None and n.label(9, 0) is None  # no list / unknown instance


def test_multilevel_text_and_outline():
    n = numbering([(5, nine(("\x00.", DECIMAL), ("\x00.\x01.", DECIMAL), ("\x00.\x01.\x02.", DECIMAL)))],
                  [(5, [])])
    assert [n.label(1, k) for k in (0, 1, 1, 2, 0, 2)] == ["1.", "1.1.", "1.2.", "1.2.1.", "2.",
                                                          "2.1.1."]


def test_instances_share_a_list_and_overrides_restart():
    lists = [(9, nine(("\x00.", DECIMAL), ("\x01)", LLETTER)))]
    # instance 1 and 2 continue one another; instance 3 restarts level 0 at 1, 4 starts at 5
    n = numbering(lists, [(9, []), (9, []), (9, [(0, 1)]), (9, [(0, 5)])])
    assert [n.label(i, 0) for i in (1, 1, 2, 3, 3, 4, 1)] == ["1.", "2.", "3.", "1.", "2.", "5.", "6."]


def test_restart_limit_and_start_at():
    levels = [lvl_bytes("Phần \x00", UROMAN), lvl_bytes("Điều \x01.", DECIMAL, no_restart=True,
                                                         restart_lim=0)]
    levels += [lvl_bytes(chr(k) + ".", DECIMAL) for k in range(2, 9)]
    n = numbering([(3, levels), (4, [lvl_bytes("\x00)", LLETTER, start=3)])], [(3, []), (4, [])])
    # Điều numbers run on through the Phần (fNoRestart), as in a law split into parts
    assert [n.label(1, k) for k in (0, 1, 1, 0, 1)] == ["Phần I", "Điều 1.", "Điều 2.", "Phần II",
                                                        "Điều 3."]
    assert [n.label(2, k) for k in (0, 4, 0)] == ["c)", "d)", "e)"]  # simple list: one level


def test_damaged_tables_give_no_numbering():
    assert not parse_lists(b"", 0, 0, 0, 0)
    lst, lvls = lsts([(1, nine(("\x00.", DECIMAL)))])
    with pytest.raises(struct.error):  # LVLs cut off: the reader turns this into a warning
        parse_lists(lst + lvls[:40], 0, len(lst), 0, 0)


def test_label_in_legacy_font_is_repaired():
    """A level text typed in .VnTime holds TCVN3 bytes ("§iÒu"); the label is decoded like text."""
    from cchc_extract.read.doc import _Builder, _Stylesheet
    from cchc_extract.repair import encode_tcvn3

    text = encode_tcvn3("Điều ") + "\x00."
    assert text.startswith("§iÒu")
    font1 = struct.pack("<HH", 0x4A4F, 1)  # sprmCRgFtc0 -> font 1 (.VnTime)
    fonts = ["Times New Roman", ".VnTime"]
    rest = [lvl_bytes(chr(k) + ".") for k in range(1, 9)]
    own = _Builder(_Stylesheet(b""), fonts, numbering([(1, [lvl_bytes(text, chpx=font1)] + rest)],
                                                      [(1, [])]))
    assert own._label(1, 0, 0, [[("x", b"")]]) == "Điều 1."  # the level's own font
    para = _Builder(_Stylesheet(b""), fonts, numbering([(1, [lvl_bytes(text)] + rest)], [(1, [])]))
    assert para._label(1, 0, 0, [[("x", font1)]]) == "Điều 1."  # else the paragraph's first run
    assert para._label(1, 0, 0, [[("x", b"")]]) == text.replace("\x00", "2")  # Unicode font: kept


# ------------------------------------------------------------------ the builder, end to end


def sprm(code: int, value: int) -> bytes:
    size = {0x2416: 1, 0x2417: 1, 0x244B: 1, 0x244C: 1, 0x260A: 1, 0x460B: 2, 0x6649: 4}[code]
    return struct.pack("<H", code) + value.to_bytes(size, "little")


def build(paras: list, numbering_=None, styles=None) -> list:
    """Feed [(text ending in its mark, PAPX grpprl[, istd])] through the .doc block builder."""
    from cchc_extract.read.doc import _Builder, _Lookup, _Piece, _Stylesheet

    text, runs = "", []
    for para in paras:
        t, grpprl = para[0], para[1]
        runs.append((len(text), len(text) + len(t), grpprl, para[2] if len(para) > 2 else 0))
        text += t
    b = _Builder(styles or _Stylesheet(b""), [], numbering_)
    b.feed(text, b"", _Piece(0, len(text), 0, True), 0, _Lookup(runs))  # fc == cp
    b.flush_all()
    return b.blocks


def test_builder_labels_from_paragraph_and_style():
    from cchc_extract.read.doc import _Style, _Stylesheet

    n = numbering([(1, nine(("Điều \x00.", DECIMAL), ("\x01.", DECIMAL)))], [(1, [])])
    styles = _Stylesheet(b"")
    styles.styles[7] = _Style(name="Dieu", papx=sprm(0x460B, 1) + sprm(0x260A, 0))
    li = sprm(0x460B, 1)
    blocks = build([("Phạm vi\r", b"", 7), ("Khoản một\r", li + sprm(0x260A, 1)),
                    ("Khoản hai\r", li + sprm(0x260A, 1)), ("Không đánh số\r", sprm(0x460B, 0), 7),
                    ("Đối tượng\r", b"", 7), ("Khoản\r", li + sprm(0x260A, 1))], n, styles)
    got = [(b.list_label, b.text) for b in blocks]
    assert got == [("Điều 1.", "Phạm vi"), ("1.", "Khoản một"), ("2.", "Khoản hai"),
                   (None, "Không đánh số"), ("Điều 2.", "Đối tượng"), ("1.", "Khoản")]
    assert blocks[0].style == "Dieu"


def test_builder_nested_table():
    t1 = sprm(0x2416, 1) + sprm(0x6649, 1)
    t2 = sprm(0x2416, 1) + sprm(0x6649, 2) + sprm(0x244B, 1)
    blocks = build([("Outer A\r", t1), ("x\r", t2), ("y\r", t2), ("\r", t2 + sprm(0x244C, 1)),
                    ("\x07", t1), ("Outer B\x07", t1), ("\x07", t1 + sprm(0x2417, 1)),
                    ("Row 2\x07", t1), ("\x07", t1 + sprm(0x2417, 1)), ("After\r", b"")])
    got = [(b.text, b.table, b.row, b.col) for b in blocks]
    assert got == [("Outer A", 0, 0, 0), ("x", 1, 0, 0), ("y", 1, 0, 1), ("Outer B", 0, 0, 1),
                   ("Row 2", 0, 1, 0), ("After", None, None, None)]


# ------------------------------------------------------------------ the real dev files


def _blocks(dev_dir, rel: str) -> list:
    path = dev_dir / rel
    if not path.exists():
        pytest.skip(f"{rel} not in the dev corpus")
    return read_doc(path.read_bytes()).blocks


def test_dev_quy_che_dieu_labels(dev_dir):
    """Quy chế attached to the QĐ: "Điều N." and its khoản "1." come from list numbering."""
    blocks = _blocks(dev_dir, "vbai_lamdong/QD SNV phe duyet thanh vien TGV.CCHC kem Quy che "
                              "lam viec 21.8.doc")
    dieu = [(b.list_label, b.text.strip()) for b in blocks
            if b.list_label and b.list_label.startswith("Điều")]
    assert dieu == [("Điều 1.", "Nhiệm vụ"), ("Điều 2.", "Quyền hạn"), ("Điều 3.", "Chế độ làm việc"),
                    ("Điều 4.", "Trách nhiệm của Tổ trưởng"), ("Điều 5.", "Trách nhiệm của các Tổ phó"),
                    ("Điều 6.", "Trách nhiệm của các thành viên"),
                    ("Điều 7.", "Điều khoản thi hành")]
    k = next(i for i, b in enumerate(blocks) if b.list_label == "Điều 4.")
    assert [b.list_label for b in blocks[k + 1:k + 7]] == ["1.", "2.", "3.", "4.", "5.", "Điều 5."]
    assert blocks[k + 1].text.startswith("Lãnh đạo, điều hành hoạt động")
    # the label is not put into the text; typed labels stay in the text without a list_label
    assert not any(b.list_label and b.text.startswith(b.list_label) for b in blocks)
    typed = next(b for b in blocks if b.text.startswith("Điều 2. Cơ chế hoạt động"))
    assert typed.list_label is None


def test_dev_text_box_follows_its_anchor(dev_dir):
    """The "DỰ THẢO" text box is anchored in the "Số:" paragraph of the header table."""
    blocks = _blocks(dev_dir, "vbai_lamdong/QD UBND thành lập TGV.CCHC 21.8.doc")
    texts = [b.text.strip() for b in blocks]
    assert texts.count("DỰ THẢO") == 1
    k = texts.index("DỰ THẢO")
    assert texts[k - 1].startswith("Số:") and texts[k + 1].startswith("Lâm Đồng, ngày")
    assert (blocks[k].table, blocks[k].row, blocks[k].col) == (blocks[k - 1].table, 1, 0)


def test_dev_qd_ubnd_restarts(dev_dir):
    blocks = _blocks(dev_dir, "vbai_lamdong/QD UBND thành lập TGV.CCHC 21.8.doc")
    labels = [b.list_label for b in blocks if b.list_label]
    assert labels == [f"{i}." for i in range(1, 8)] + ["1.", "2.", "3."]
    first = next(b for b in blocks if b.list_label == "7.")
    assert first.text.startswith("Thực hiện các nhiệm vụ khác về cải cách hành chính")


def test_dev_bhyt_long_list(dev_dir):
    blocks = _blocks(dev_dir, "lawintech_duthao/1.bao-cao-tong-ket-luat-bhyt-24.doc")
    nums = [(b.list_label, b.text.strip()) for b in blocks if b.list_label and b.list_label[0].isdigit()]
    assert [x[0] for x in nums] == [f"{i}." for i in range(1, 50)]
    assert nums[0][1].startswith("Nghị định số 62/2009/NĐ-CP")
    assert nums[48][1].startswith("Nghị định số 75/2023/NĐ-CP")
    a = next(b for b in blocks if b.list_label == "a)")
    assert a.text.strip() == "Giai đoạn 2015-2017:"


def test_dev_pdf_twin_has_typed_labels_only(dev_dir):
    """The CV's PDF twin shows "1." and "2."; in the .doc they are typed, not generated."""
    blocks = _blocks(dev_dir, "vbai_lamdong/CV cu thanh vien va gop y du thao QCHĐ_ TB.CCHC tinh "
                              "21.8.doc")
    assert not any(b.list_label for b in blocks)
    assert sum(1 for b in blocks if b.text.lstrip().startswith(("1.", "2."))) == 2
