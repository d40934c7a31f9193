"""Word 97-2003 automatic list numbering: the labels ("I.", "1.1.", "a)", "Điều 3.") Word draws
in front of a paragraph but never stores in the text stream.

A paragraph says which list it is in with sprmPIlfo (1-based index into the PlfLfo, the list
*instances*) and sprmPIlvl (level 0..8), directly or through its paragraph style. Each LFO names
a list definition (LSTF, by lsid) in the PlfLst and may override a level's start number (LFOLVL).
A level (LVL) gives the start number, the number format (nfc) and the level text (xst), where the
characters 0..8 stand for the current number of that level. Counters belong to the list
definition, so two instances without overrides continue one another, as in Word.
"""
from __future__ import annotations

import struct
from dataclasses import dataclass, field
from typing import Optional

S_P_ILFO, S_P_ILVL = 0x460B, 0x260A
S_C_FTC0, S_C_FTC_OLD = 0x4A4F, 0x4A3D

NFC_DECIMAL, NFC_UPPER_ROMAN, NFC_LOWER_ROMAN, NFC_UPPER_LETTER, NFC_LOWER_LETTER = 0, 1, 2, 3, 4
NFC_ORDINAL, NFC_DECIMAL_ZERO, NFC_BULLET, NFC_NONE = 5, 22, 23, 255

_LSTF, _LVLF, _LFO, _LFOLVL = 28, 28, 16, 8


@dataclass(slots=True)
class Level:
    start: int = 1
    nfc: int = NFC_DECIMAL
    text: str = "\x00."  # level text; chars 0..8 are placeholders for levels 0..8
    nums: tuple = ()  # rgbxchNums: 1-based positions of the placeholders in text
    legal: bool = False  # fLegal: other levels' numbers shown as decimals
    no_restart: bool = False  # fNoRestart: restarts only after levels < restart_lim
    restart_lim: int = 0
    ftc: Optional[int] = None  # font of the label (legacy-font repair of the level text)


@dataclass(slots=True)
class ListDef:
    lsid: int
    levels: list  # Level per level (1 for a simple list)


@dataclass(slots=True)
class Instance:
    """An LFO: which list it numbers and the start overrides of its levels."""
    lsid: int
    overrides: dict = field(default_factory=dict)  # ilvl -> start number
    levels: dict = field(default_factory=dict)  # ilvl -> Level replacing the list's level


def _u16(b: bytes, o: int) -> int:
    return struct.unpack_from("<H", b, o)[0]


def parse_level(data: bytes, o: int) -> tuple:
    """One LVL at offset o -> (Level, offset after it). Raises struct.error when truncated."""
    if o < 0 or o + _LVLF > len(data):
        raise struct.error("truncated LVL")
    start, nfc, flags = struct.unpack_from("<iBB", data, o)
    nums = tuple(x for x in data[o + 6:o + 15] if x)
    cb_chpx, cb_papx, restart_lim = data[o + 24], data[o + 25], data[o + 26]
    p = o + _LVLF + cb_papx
    chpx = data[p:p + cb_chpx]
    p += cb_chpx
    cch = _u16(data, p)
    raw = data[p + 2:p + 2 + 2 * cch]
    if len(raw) < 2 * cch:
        raise struct.error("truncated LVL")
    from .doc import sprms

    ftc = None
    for sprm, op in sprms(chpx):
        if sprm in (S_C_FTC0, S_C_FTC_OLD) and len(op) == 2:
            ftc = _u16(op, 0)
    lvl = Level(start=start, nfc=nfc, text=raw.decode("utf-16-le", "replace"), nums=nums,
                legal=bool(flags & 0x04), no_restart=bool(flags & 0x08),
                restart_lim=restart_lim, ftc=ftc)
    return lvl, p + 2 + 2 * cch


def parse_lists(table: bytes, fc_lst: int, lcb_lst: int, fc_lfo: int, lcb_lfo: int) -> "Numbering":
    """PlfLst (+ the LVLs stored right after it) and PlfLfo from the table stream."""
    defs: dict = {}
    if lcb_lst >= 2 and fc_lst + lcb_lst <= len(table):
        count = struct.unpack_from("<h", table, fc_lst)[0]
        lvl_at = fc_lst + 2 + _LSTF * max(count, 0)
        for k in range(max(count, 0)):
            o = fc_lst + 2 + _LSTF * k
            if o + _LSTF > len(table):
                break
            lsid = struct.unpack_from("<i", table, o)[0]
            simple = bool(table[o + 26] & 0x01)
            levels = []
            for _ in range(1 if simple else 9):
                lvl, lvl_at = parse_level(table, lvl_at)
                levels.append(lvl)
            defs[lsid] = ListDef(lsid, levels)
    instances: list = []
    if lcb_lfo >= 4 and fc_lfo + 4 <= len(table):
        count = struct.unpack_from("<i", table, fc_lfo)[0]
        count = max(0, min(count, (len(table) - fc_lfo - 4) // _LFO))
        data_at = fc_lfo + 4 + _LFO * count
        for k in range(count):
            o = fc_lfo + 4 + _LFO * k
            lsid, clfolvl = struct.unpack_from("<i", table, o)[0], table[o + 12]
            inst = Instance(lsid)
            if clfolvl:  # LFOData: cp, then clfolvl LFOLVLs (each maybe with its own LVL)
                p = data_at + 4
                for _ in range(clfolvl):
                    start, bits = struct.unpack_from("<iI", table, p)
                    p += _LFOLVL
                    ilvl = bits & 0x0F
                    if bits & 0x20:  # fFormatting: a whole LVL replaces the list's level
                        lvl, p = parse_level(table, p)
                        inst.levels[ilvl] = lvl
                        if bits & 0x10:
                            inst.overrides[ilvl] = lvl.start
                    elif bits & 0x10:  # fStartAt
                        inst.overrides[ilvl] = start
                data_at = p
            else:
                data_at += 4
            instances.append(inst)
    return Numbering(defs, instances)


class Numbering:
    """List definitions + instances, and the running counters of a document read in order."""

    def __init__(self, defs: Optional[dict] = None, instances: Optional[list] = None):
        self.defs = defs or {}
        self.instances = instances or []
        self.counters: dict = {}  # lsid -> [count or None per level]
        self.started: set = set()  # ilfo already seen (its start overrides applied)

    def __bool__(self) -> bool:
        return bool(self.defs and self.instances)

    def level(self, ilfo: int, ilvl: int) -> Optional[Level]:
        inst = self._instance(ilfo)
        if inst is None:
            return None
        return inst.levels.get(ilvl) or _def_level(self.defs.get(inst.lsid), ilvl)

    def _instance(self, ilfo: int) -> Optional[Instance]:
        if not 1 <= ilfo <= len(self.instances):
            return None
        return self.instances[ilfo - 1]

    def label(self, ilfo: int, ilvl: int) -> Optional[str]:
        """Advance the counter of (list, level) and return the label Word draws, or None."""
        inst = self._instance(ilfo)
        if inst is None or inst.lsid not in self.defs:
            return None
        ilvl = max(0, min(ilvl, 8))
        ldef = self.defs[inst.lsid]
        if len(ldef.levels) == 1:
            ilvl = 0
        levels = [inst.levels.get(k) or _def_level(ldef, k) for k in range(9)]
        counts = self.counters.setdefault(inst.lsid, [None] * 9)
        if ilfo not in self.started:  # a list instance that restarts numbering
            self.started.add(ilfo)
            for k, start in inst.overrides.items():
                if 0 <= k < 9:
                    counts[k] = start - 1
                    for d in range(k + 1, 9):
                        counts[d] = None
        lv = levels[ilvl]
        counts[ilvl] = lv.start if counts[ilvl] is None else counts[ilvl] + 1
        for d in range(ilvl + 1, 9):
            if not (levels[d].no_restart and ilvl >= levels[d].restart_lim):
                counts[d] = None
        return render(lv, ilvl, [c if c is not None else levels[k].start for k, c in enumerate(counts)],
                      [x.nfc for x in levels])


def _def_level(ldef: Optional[ListDef], ilvl: int) -> Level:
    if ldef is None or not ldef.levels:
        return Level()
    return ldef.levels[min(ilvl, len(ldef.levels) - 1)]


def render(lv: Level, ilvl: int, counts: list, nfcs: list) -> Optional[str]:
    """The level text with each placeholder replaced by its level's number in its format.

    ``counts``/``nfcs``: current number and number format of levels 0..8; ``ilvl`` is lv's own
    level (a legal-style level shows the other levels' numbers as decimals, as in docx).
    """
    if lv.nfc == NFC_NONE:
        return None
    if lv.nfc == NFC_BULLET:
        t = lv.text.strip()
        ok = t and t.isprintable() and all(not 0xE000 <= ord(c) <= 0xF8FF for c in t)
        return t if ok else "\u2022"
    places = {n - 1 for n in lv.nums if 0 < n <= len(lv.text)}
    if not places:  # no rgbxchNums: any char below 9 is a placeholder
        places = {i for i, ch in enumerate(lv.text) if ord(ch) < 9}
    out = []
    for i, ch in enumerate(lv.text):
        k = ord(ch)
        if i in places and k < 9:
            nfc = nfcs[k] if k == ilvl or not lv.legal else NFC_DECIMAL
            out.append(format_number(counts[k], nfc))
        elif k >= 9 or ch == "\t":
            out.append(ch)
    return "".join(out).strip() or None


def format_number(n: int, nfc: int) -> str:
    """A number in one of Word's number formats (nfc); unknown formats fall back to decimal."""
    if nfc in (NFC_UPPER_LETTER, NFC_LOWER_LETTER):
        s = letters(n)
        return s.upper() if nfc == NFC_UPPER_LETTER else s
    if nfc in (NFC_UPPER_ROMAN, NFC_LOWER_ROMAN):
        s = roman(n)
        return s.lower() if nfc == NFC_LOWER_ROMAN else s
    if nfc == NFC_DECIMAL_ZERO:
        return f"{n:02d}"
    if nfc == NFC_ORDINAL:
        return f"{n}."
    return str(n)


def letters(n: int) -> str:
    """Word repeats the letter past z: 27 -> 'aa' (no Vietnamese đ: Word does a b c d e)."""
    if n < 1:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = []
    for v, s in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                 (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out.append(s)
            n -= v
    return "".join(out)
