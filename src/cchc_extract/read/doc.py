"""Word 97-2003 .doc, natively: OLE streams + the [MS-DOC] piece table, paragraph and character
properties (FKPs) and the style sheet.

Why not shell out to antiword/LibreOffice: not installed on every machine, slow to start, and
they drop the font names we need to repair TCVN3 (".VnTime") text run by run.

Layout of what we read: FIB (WordDocument stream) -> table stream (0Table/1Table) holding the
CLX (piece table), PlcBteChpx/PlcBtePapx (pages of character/paragraph formatting), STSH (styles)
and SttbfFfn (font names). Text: pieces of cp1252 bytes ("compressed") or UTF-16LE.
Automatic list labels come from PlfLst/PlfLfo (doc_lists.py) into ``Block.list_label``, never
into the text (as the docx reader does); text boxes (the txbx subdocument) follow the paragraph
holding their anchor. Nested tables are still flattened into the outer cell.
"""
from __future__ import annotations

import bisect
import io
import struct
from dataclasses import dataclass, field
from typing import Optional

from .base import Block, RawDocument, ReadError
from .doc_lists import S_P_ILFO, S_P_ILVL, Numbering, parse_lists
from .layout import Run, cues, is_layout_table, line_text

# FibRgFcLcb97 pair indexes
_STSHF, _PLCFBTECHPX, _PLCFBTEPAPX, _STTBFFFN, _CLX, _PLFLST, _PLFLFO = 1, 12, 13, 15, 33, 73, 74
_PLCSPAMOM, _PLCFTXBXTXT = 40, 56
# sprms
S_C_BOLD, S_C_ITALIC, S_C_FTC0, S_C_HPS, S_C_FTC_OLD = 0x0835, 0x0836, 0x4A4F, 0x4A43, 0x4A3D
S_P_INTABLE, S_P_TTP, S_P_ITAP, S_P_INNER_CELL, S_P_INNER_TTP = 0x2416, 0x2417, 0x6649, 0x244B, 0x244C
S_P_JC, S_P_JC80 = 0x2461, 0x2403
_JC = {0: "left", 1: "center", 2: "right", 3: "justify", 4: "justify", 5: "center"}
_OPSIZE = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}


def _u16(b: bytes, o: int) -> int:
    return struct.unpack_from("<H", b, o)[0]


def _u32(b: bytes, o: int) -> int:
    return struct.unpack_from("<I", b, o)[0]


def sprms(grpprl: bytes):
    """Yield (sprm, operand bytes) from a grpprl; stops quietly at a truncated entry."""
    i, n = 0, len(grpprl)
    while i + 2 <= n:
        sprm = _u16(grpprl, i)
        i += 2
        spra = sprm >> 13
        if spra == 6:
            if sprm == 0xD608 and i + 2 <= n:  # sprmTDefTable: 2-byte length
                size = _u16(grpprl, i) - 1
                i += 2
            elif i < n:
                size = grpprl[i]
                i += 1
                if sprm == 0xC615 and size == 255:  # sprmPChgTabs long form
                    break
            else:
                break
        else:
            size = _OPSIZE[spra]
        if i + size > n:
            break
        yield sprm, grpprl[i:i + size]
        i += size


@dataclass(slots=True)
class _Chp:
    bold: Optional[bool] = None
    italic: Optional[bool] = None
    ftc: Optional[int] = None
    hps: Optional[int] = None


def _apply_chpx(grpprl: bytes, chp: _Chp, style: Optional[_Chp] = None) -> _Chp:
    for sprm, op in sprms(grpprl):
        if sprm in (S_C_BOLD, S_C_ITALIC):
            v = op[0]
            attr = "bold" if sprm == S_C_BOLD else "italic"
            base = bool(getattr(style, attr)) if style is not None else False
            val = True if v == 1 else False if v == 0 else base if v == 0x80 else (not base) if v == 0x81 else None
            if val is not None:
                setattr(chp, attr, val)
        elif sprm in (S_C_FTC0, S_C_FTC_OLD) and len(op) == 2:
            chp.ftc = _u16(op, 0)
        elif sprm == S_C_HPS and len(op) == 2:
            chp.hps = _u16(op, 0)
    return chp


@dataclass(slots=True)
class _Style:
    name: str = ""
    base: int = 0x0FFF
    chpx: bytes = b""
    papx: bytes = b""


class _Stylesheet:
    """STSH: style names and their character formatting, resolved along istdBase chains."""

    def __init__(self, data: bytes):
        self.styles: dict = {}
        self.default_ftc: Optional[int] = None
        self._chp: dict = {}
        self._lists: dict = {}
        if len(data) < 2:
            return
        cb = _u16(data, 0)
        stshi = data[2:2 + cb]
        if len(stshi) < 18:
            return
        cstd, cb_base = _u16(stshi, 0), _u16(stshi, 2)
        self.default_ftc = _u16(stshi, 12)
        off = 2 + cb
        for istd in range(cstd):
            if off + 2 > len(data):
                break
            cbstd = _u16(data, off)
            std = data[off + 2:off + 2 + cbstd]
            off += 2 + cbstd
            if cbstd == 0 or len(std) < 10:
                continue
            try:
                self.styles[istd] = _parse_std(std, cb_base)
            except (struct.error, IndexError, UnicodeDecodeError):
                continue

    def _chain(self, istd: int) -> list:
        """The style and its istdBase ancestors, root first (cycles and dangling bases cut)."""
        chain, seen, cur = [], set(), istd
        while cur in self.styles and cur not in seen and cur != 0x0FFF:
            seen.add(cur)
            chain.append(self.styles[cur])
            cur = self.styles[cur].base
        return chain[::-1]

    def chp(self, istd: int) -> _Chp:
        if istd in self._chp:
            return self._chp[istd]
        out = _Chp(False, False, self.default_ftc, 20)
        for st in self._chain(istd):
            _apply_chpx(st.chpx, out, None)
        self._chp[istd] = out
        return out

    def jc(self, istd: int) -> Optional[str]:
        jc = None
        for st in self._chain(istd):
            for sprm, op in sprms(st.papx):
                if sprm in (S_P_JC, S_P_JC80):
                    jc = _JC.get(op[0])
        return jc

    def list_props(self, istd: int) -> tuple:
        """(ilfo, ilvl) a paragraph style gives its paragraphs ("List Number", outline headings)."""
        if istd in self._lists:
            return self._lists[istd]
        ilfo, ilvl = 0, 0
        for st in self._chain(istd):
            ilfo, ilvl = _list_sprms(st.papx, ilfo, ilvl)
        self._lists[istd] = (ilfo, ilvl)
        return ilfo, ilvl

    def name(self, istd: int) -> Optional[str]:
        st = self.styles.get(istd)
        return st.name if st else None


def _list_sprms(grpprl: bytes, ilfo: int, ilvl: int) -> tuple:
    for sprm, op in sprms(grpprl):
        if sprm == S_P_ILFO and len(op) == 2:
            ilfo = struct.unpack_from("<h", op)[0]
        elif sprm == S_P_ILVL and op:
            ilvl = op[0]
    return ilfo, ilvl


def _parse_std(std: bytes, cb_base: int) -> _Style:
    stk_base = _u16(std, 2)
    stk, base = stk_base & 0xF, stk_base >> 4
    cupx = _u16(std, 4) & 0xF
    o = cb_base
    cch = _u16(std, o)
    name = std[o + 2:o + 2 + 2 * cch].decode("utf-16-le", "replace")
    o += 2 + 2 * cch + 2  # name + terminating null
    st = _Style(name=name, base=base)
    upx = []
    for _ in range(cupx):
        if o + 2 > len(std):
            break
        cbupx = _u16(std, o)
        upx.append(std[o + 2:o + 2 + cbupx])
        o += 2 + cbupx
        o += o & 1  # UPXs are padded to even length
    if stk == 1 and upx:  # paragraph style: PAPX (istd + grpprl), then CHPX
        st.papx = upx[0][2:]
        if len(upx) > 1:
            st.chpx = upx[1]
    elif stk == 2 and upx:
        st.chpx = upx[0]
    return st


def _fonts(data: bytes) -> list:
    """SttbfFfn: font names by index."""
    names: list = []
    if len(data) < 4:
        return names
    count, off = _u16(data, 0), 2
    if count == 0xFFFF:
        count, off = _u16(data, 2), 4
    off += 2  # cbExtra
    for _ in range(count):
        if off >= len(data):
            break
        cch = data[off]
        ffn = data[off + 1:off + 1 + cch]
        off += 1 + cch
        raw = ffn[39:]
        end = 0
        while end + 1 < len(raw) and raw[end:end + 2] != b"\0\0":
            end += 2
        names.append(raw[:end].decode("utf-16-le", "replace"))
    return names


def _fkp_runs(word: bytes, table: bytes, fc: int, lcb: int, papx: bool) -> list:
    """All formatting runs of a PlcBteChpx/PlcBtePapx: sorted [(fcStart, fcEnd, grpprl, istd)]."""
    runs: list = []
    if lcb < 12 or fc + lcb > len(table):
        return runs
    n = (lcb - 4) // 8
    plc = table[fc:fc + lcb]
    for k in range(n):
        pn = _u32(plc, 4 * (n + 1) + 4 * k) & 0x3FFFFF
        page = word[pn * 512:pn * 512 + 512]
        if len(page) < 512:
            continue
        crun = page[511]
        for j in range(crun):
            a, b = _u32(page, 4 * j), _u32(page, 4 * (j + 1))
            if papx:
                bo = page[4 * (crun + 1) + 13 * j] * 2
                if bo == 0:
                    runs.append((a, b, b"", 0))
                    continue
                cb = page[bo]
                if cb == 0:
                    size, start = 2 * page[bo + 1], bo + 2
                else:
                    size, start = 2 * cb - 1, bo + 1
                blob = page[start:start + size]
                istd = _u16(blob, 0) if len(blob) >= 2 else 0
                runs.append((a, b, blob[2:], istd))
            else:
                bo = page[4 * (crun + 1) + j] * 2
                grpprl = b""
                if bo:
                    cb = page[bo]
                    grpprl = page[bo + 1:bo + 1 + cb]
                runs.append((a, b, grpprl, 0))
    runs.sort(key=lambda r: r[0])
    return runs


class _Lookup:
    """FC -> formatting run, by binary search."""

    def __init__(self, runs: list):
        self.runs = runs
        self.starts = [r[0] for r in runs]

    def at(self, fc: int):
        i = bisect.bisect_right(self.starts, fc) - 1
        if i >= 0 and self.runs[i][0] <= fc < self.runs[i][1]:
            return self.runs[i]
        return None

    def boundaries(self, a: int, b: int) -> list:
        """Run boundaries strictly inside (a, b)."""
        i = bisect.bisect_right(self.starts, a)
        j = bisect.bisect_left(self.starts, b)
        return self.starts[i:j]


@dataclass(slots=True)
class _Piece:
    cp: int
    cp_end: int
    fc: int  # byte offset in the WordDocument stream
    compressed: bool

    def fc_at(self, cp: int) -> int:
        return self.fc + (cp - self.cp) * (1 if self.compressed else 2)

    def cp_at(self, fc: int) -> int:
        return self.cp + (fc - self.fc) // (1 if self.compressed else 2)


def _pieces(word: bytes, table: bytes, fc: int, lcb: int) -> list:
    clx = table[fc:fc + lcb]
    i = 0
    while i < len(clx) and clx[i] == 0x01:  # Prc: skip property modifiers
        i += 3 + _u16(clx, i + 1)
    if i >= len(clx) or clx[i] != 0x02:
        raise ReadError("the .doc file's piece table is damaged; open it in Word and re-save")
    size = _u32(clx, i + 1)
    plc = clx[i + 5:i + 5 + size]
    n = (size - 4) // 12
    out = []
    for k in range(n):
        a, b = _u32(plc, 4 * k), _u32(plc, 4 * (k + 1))
        raw = _u32(plc, 4 * (n + 1) + 8 * k + 2)
        compressed = bool(raw & 0x40000000)
        f = raw & 0x3FFFFFFF
        out.append(_Piece(a, b, f // 2 if compressed else f, compressed))
    return out


def _piece_text(word: bytes, p: _Piece, cp_end: int) -> str:
    n = cp_end - p.cp
    if p.compressed:
        return word[p.fc:p.fc + n].decode("cp1252", "replace")
    return word[p.fc:p.fc + 2 * n].decode("utf-16-le", "replace")


# ---------------------------------------------------------------------------- reading


def _open(data: bytes):
    import olefile

    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception:  # olefile raises several types for damaged headers
        raise ReadError("the .doc file is damaged (not a readable OLE compound file); open it in "
                        "Word and re-save it") from None
    if not ole.exists("WordDocument"):
        if ole.exists("EncryptionInfo") or ole.exists("EncryptedPackage"):
            raise ReadError("password-protected/encrypted Word document: remove the password "
                            "and re-save")
        kind = ("Excel?" if ole.exists("Workbook") or ole.exists("Book")
                else "PowerPoint?" if ole.exists("PowerPoint Document") else "unknown")
        raise ReadError(f"not a Word document: an OLE file of another kind ({kind}); save it as "
                        ".doc/.docx or PDF")
    return ole


def read_doc(data: bytes) -> RawDocument:
    ole = _open(data)
    word = ole.openstream("WordDocument").read()
    if len(word) < 0x200 or _u16(word, 0) != 0xA5EC:
        raise ReadError("the .doc file is damaged (bad Word header); open it in Word and re-save")
    flags = _u16(word, 0x0A)
    if flags & 0x0100 or flags & 0x8000:
        raise ReadError("password-protected/encrypted Word document: remove the password and re-save")
    nfib = _u16(word, 2)
    if nfib < 101:
        return _read_word6(word)
    table_name = "1Table" if flags & 0x0200 else "0Table"
    if not ole.exists(table_name):
        raise ReadError(f"the .doc file is damaged (missing {table_name} stream); re-save it")
    table = ole.openstream(table_name).read()
    o = 32
    csw = _u16(word, o)
    o += 2 + 2 * csw
    cslw = _u16(word, o)
    rglw = o + 2
    ccp_text = _u32(word, rglw + 4 * 3)
    # subdocuments follow the main text in CP order: footnotes, headers, macros, comments,
    # endnotes, then the text boxes of the main document
    ccp_before_txbx = sum(_u32(word, rglw + 4 * k) for k in range(3, 9)) if cslw >= 10 else 0
    ccp_txbx = _u32(word, rglw + 4 * 9) if cslw >= 10 else 0
    o = rglw + 4 * cslw
    cb_fclcb = _u16(word, o)
    fclcb = o + 2

    def pair(k: int) -> tuple:
        if k >= cb_fclcb:
            return 0, 0
        return _u32(word, fclcb + 8 * k), _u32(word, fclcb + 8 * k + 4)

    pieces = _pieces(word, table, *pair(_CLX))
    warnings = []
    try:
        styles = _Stylesheet(table[slice(pair(_STSHF)[0], sum(pair(_STSHF)))])
    except (struct.error, IndexError):
        styles, _ = _Stylesheet(b""), warnings.append("could not read the style sheet")
    try:
        fonts = _fonts(table[slice(pair(_STTBFFFN)[0], sum(pair(_STTBFFFN)))])
    except (struct.error, IndexError):
        fonts = []
    chpx = _Lookup(_fkp_runs(word, table, *pair(_PLCFBTECHPX), papx=False))
    papx = _Lookup(_fkp_runs(word, table, *pair(_PLCFBTEPAPX), papx=True))
    try:
        numbering = parse_lists(table, *pair(_PLFLST), *pair(_PLFLFO))
    except (struct.error, IndexError):
        numbering = Numbering()
        warnings.append("could not read the list definitions: automatic numbering left out")
    boxes: dict = {}
    if ccp_txbx:
        try:
            boxes = _text_boxes(word, table, pieces, chpx, papx, styles, fonts, numbering,
                                ccp_before_txbx, pair(_PLCFTXBXTXT), pair(_PLCSPAMOM))
        except (struct.error, IndexError):
            warnings.append("could not read the text boxes: their text is left out")
    builder = _Builder(styles, fonts, numbering, boxes)
    _feed_range(builder, word, pieces, chpx, papx, 0, ccp_text)
    builder.flush_all()
    return RawDocument(format="doc", blocks=builder.blocks, warnings=warnings)


def _feed_range(builder: "_Builder", word: bytes, pieces: list, chpx: _Lookup, papx: _Lookup,
                cp_a: int, cp_b: int) -> None:
    """Feed the characters of CPs [cp_a, cp_b), cut at character-formatting boundaries."""
    for p in pieces:
        if p.cp >= cp_b:
            break
        if p.cp_end <= cp_a:
            continue
        start, end = max(p.cp, cp_a), min(p.cp_end, cp_b)
        text = _piece_text(word, p, end)[start - p.cp:]
        a_fc, b_fc = p.fc_at(start), p.fc_at(end)
        cuts = [0] + [p.cp_at(f) - start for f in chpx.boundaries(a_fc, b_fc)] + [len(text)]
        for s, e in zip(cuts, cuts[1:]):
            if e <= s:
                continue
            run = chpx.at(p.fc_at(start + s))
            builder.feed(text[s:e], run[2] if run else b"", p, start + s, papx)


def _text_boxes(word: bytes, table: bytes, pieces: list, chpx: _Lookup, papx: _Lookup,
                styles: "_Stylesheet", fonts: list, numbering: Numbering, base: int,
                txbx: tuple, spa: tuple) -> dict:
    """Blocks of each text box by the CP of its anchor in the main text.

    PlcftxbxTxt: story boundaries + FTXBXS (22 bytes, lid = the shape id at offset 14);
    PlcSpaMom: anchor CPs + FSPA (26 bytes, spid first). The last story is a dummy.
    """
    fc, lcb = txbx
    n = (lcb - 4) // 26
    plc = table[fc:fc + lcb]
    stories: dict = {}
    for k in range(n - 1 if n > 1 else n):
        a, b = _u32(plc, 4 * k), _u32(plc, 4 * (k + 1))
        ftxbxs = plc[4 * (n + 1) + 22 * k:4 * (n + 1) + 22 * (k + 1)]
        if _u16(ftxbxs, 8):  # fReusable: a free slot, no text box
            continue
        sub = _Builder(styles, fonts, Numbering(numbering.defs, numbering.instances))
        _feed_range(sub, word, pieces, chpx, papx, base + a, base + b)
        sub.flush_all()
        made = [x for x in sub.blocks if x.text.strip()]
        for x in made:
            x.table = x.row = x.col = None
            x.layout_table = False
        if made:
            stories[_u32(ftxbxs, 14)] = made
    fc, lcb = spa
    n = (lcb - 4) // 30
    plc = table[fc:fc + lcb]
    out: dict = {}
    for k in range(n):
        spid = _u32(plc, 4 * (n + 1) + 26 * k)
        if spid in stories:
            out[_u32(plc, 4 * k)] = stories.pop(spid)
    return out


def _read_word6(word: bytes) -> RawDocument:
    """Word 6/95: no piece table in the same form; take the text between fcMin and fcMac."""
    fc_min, fc_mac = _u32(word, 0x18), _u32(word, 0x1C)
    text = word[fc_min:fc_mac].decode("cp1252", "replace")
    builder = _Builder(_Stylesheet(b""), [])
    builder.feed(text, b"", None, 0, None)
    builder.flush_all()
    return RawDocument(format="doc", blocks=builder.blocks,
                       warnings=["Word 6/95 document: formatting and tables not read"])


@dataclass(slots=True)
class _Table:
    index: int
    row: int = 0
    col: int = 0
    blocks: list = field(default_factory=list)  # its cells' Blocks, for layout detection


class _Builder:
    """Turns the character stream into Blocks: paragraphs, cells, rows; strips fields/objects."""

    def __init__(self, styles: _Stylesheet, fonts: list, numbering: Optional[Numbering] = None,
                 boxes: Optional[dict] = None):
        self.styles, self.fonts = styles, fonts
        self.numbering = numbering or Numbering()
        self.boxes = boxes or {}  # anchor CP -> text box Blocks
        self.pending: list = []  # text boxes anchored in the current paragraph
        self.blocks: list = []
        self.line: list = []  # Runs of the current line
        self.fields: list = []  # stack: True while in a field's code part
        self.tables: list = []  # open tables, outermost first (nested tables: depth > 1)
        self.ntables = 0
        self.cell_blocks: list = []  # Blocks of the current paragraph/cell, awaiting PAPX

    def feed(self, text: str, grpprl: bytes, piece: Optional[_Piece], cp: int, papx) -> None:
        buf = []
        fmt = (grpprl, piece)
        for k, ch in enumerate(text):
            o = ord(ch)
            if o == 0x13:  # field begin: code follows
                self._emit(buf, fmt)
                self.fields.append(True)
                continue
            if o == 0x14:  # separator: the result follows
                self._emit(buf, fmt)
                if self.fields:
                    self.fields[-1] = False
                continue
            if o == 0x15:
                self._emit(buf, fmt)
                if self.fields:
                    self.fields.pop()
                continue
            if self.fields and self.fields[-1] and o not in (0x0D, 0x07):
                continue  # inside a field code
            if o in (0x0D, 0x07):
                self._emit(buf, fmt)
                fc = piece.fc_at(cp + k) if piece is not None else None
                self._end_paragraph(ch, fc, papx)
            elif o in (0x0B, 0x0C, 0x0E):  # line / page / column break
                self._emit(buf, fmt)
                self._break_line()
            elif o == 0x08:  # drawn object anchor: its text box follows the paragraph
                box = self.boxes.get(cp + k)
                if box:
                    self.pending.extend(box)
            elif o in (0x01, 0x02, 0x03, 0x04, 0x05, 0x1F, 0x00):
                continue  # objects, footnote marks, separators, optional hyphen
            elif o == 0x1E:
                buf.append("-")
            elif o == 0x09:
                buf.append("\t")
            else:
                buf.append(ch)
        self._emit(buf, fmt)

    def _emit(self, buf: list, fmt: tuple) -> None:
        if not buf:
            return
        self.line.append((("".join(buf)), fmt[0]))
        buf.clear()

    def _break_line(self) -> None:
        self.cell_blocks.append(self.line)
        self.line = []

    def _end_paragraph(self, mark: str, fc: Optional[int], papx) -> None:
        self.cell_blocks.append(self.line)
        self.line = []
        istd, in_table, ttp, itap, jc = 0, False, False, 0, None
        inner_cell = inner_ttp = False
        run = papx.at(fc) if papx is not None and fc is not None else None
        ilfo = ilvl = 0
        if run is not None:
            istd = run[3]
            ilfo, ilvl = _list_sprms(run[2], *self.styles.list_props(istd))
            for sprm, op in sprms(run[2]):
                if sprm == S_P_INTABLE:
                    in_table = bool(op[0])
                elif sprm == S_P_TTP:
                    ttp = bool(op[0])
                elif sprm == S_P_ITAP:
                    itap = _u32(op, 0) if len(op) == 4 else 0
                elif sprm == S_P_INNER_CELL:
                    inner_cell = bool(op[0])
                elif sprm == S_P_INNER_TTP:
                    inner_ttp = bool(op[0])
                elif sprm in (S_P_JC, S_P_JC80):
                    jc = _JC.get(op[0])
        elif papx is None or fc is None:  # no PAPX: cell marks alone tell us
            in_table = mark == "\x07"
        depth = min(itap, 64) if itap else int(in_table)  # sprmPItap: nesting depth of the table
        lines, self.cell_blocks = self.cell_blocks, []
        while len(self.tables) > depth:
            self._close_table()
        while len(self.tables) < depth:
            self.tables.append(_Table(self.ntables))
            self.ntables += 1
        top = self.tables[-1] if self.tables else None
        row_end = (mark == "\x07" and ttp) if depth <= 1 else inner_ttp
        if top is not None and row_end:
            top.row += 1
            top.col = 0
            return
        made = self._make_blocks(lines, istd, jc)
        if ilfo > 0 and self.numbering and made:
            made[0].list_label = self._label(ilfo, ilvl, istd, lines)
        if self.pending:
            made.extend(self.pending)
            self.pending = []
        if top is not None:
            for b in made:
                b.table, b.row, b.col = top.index, top.row, top.col
            made = [b for b in made if b.text.strip() or b.list_label]
            top.blocks.extend(made)
            if (mark == "\x07") if depth <= 1 else inner_cell:
                top.col += 1
        self.blocks.extend(made)

    def _label(self, ilfo: int, ilvl: int, istd: int, lines: list) -> Optional[str]:
        """The paragraph's list label; set in a legacy font (.VnTime), it is repaired like text."""
        label = self.numbering.label(ilfo, ilvl)
        if not label or label.isascii():
            return label
        lv = self.numbering.level(ilfo, ilvl)
        ftc = lv.ftc if lv is not None and lv.ftc is not None else None
        if ftc is None:  # the label takes the paragraph's font: that of its first run
            first = next((g for line in lines for _, g in line), None)
            chp = _apply_chpx(first or b"", _Chp(ftc=self.styles.chp(istd).ftc))
            ftc = chp.ftc
        font = self._font(ftc)
        return line_text([Run(label, font=font)])[0] if font else label

    def _font(self, ftc: Optional[int]) -> Optional[str]:
        return self.fonts[ftc] if ftc is not None and ftc < len(self.fonts) else None

    def _close_table(self) -> None:
        t = self.tables.pop()
        rows = {b.row for b in t.blocks}
        cols = {b.col for b in t.blocks}
        if t.blocks and is_layout_table(False, len(rows), max(cols) + 1, [b.text for b in t.blocks]):
            for b in t.blocks:
                b.layout_table = True

    def _make_blocks(self, lines: list, istd: int, jc: Optional[str]) -> list:
        style_chp = self.styles.chp(istd)
        name = self.styles.name(istd)
        heading = _heading(name)
        align = jc or self.styles.jc(istd)
        out = []
        for line in lines:
            runs = []
            for text, grpprl in line:
                chp = _Chp(style_chp.bold, style_chp.italic, style_chp.ftc, style_chp.hps)
                if grpprl:
                    _apply_chpx(grpprl, chp, style_chp)
                font = self._font(chp.ftc)
                runs.append(Run(text, bool(chp.bold), bool(chp.italic),
                                chp.hps / 2 if chp.hps else None, font))
            text, enc = line_text(runs)
            b = Block(text=text, align=align, style=name, heading=heading)
            cues(b, runs)
            if enc:
                b.encoding = enc
            out.append(b)
        return out

    def flush_all(self) -> None:
        if self.line or self.cell_blocks:
            self.cell_blocks.append(self.line)
            self.line = []
            lines, self.cell_blocks = self.cell_blocks, []
            self.blocks.extend(self._make_blocks(lines, 0, None))
        while self.tables:
            self._close_table()
        self.blocks.extend(self.pending)
        self.pending = []


def _heading(name: Optional[str]) -> Optional[int]:
    if not name:
        return None
    s = name.strip().lower()
    for prefix in ("heading ", "tiêu đề ", "tieu de "):
        if s.startswith(prefix) and s[len(prefix):].strip().isdigit():
            return int(s[len(prefix):].strip())
    return None
