"""Word .docx: body paragraphs and tables in document order, with the layout cues extractors use.

Parsed straight from the zip with lxml (what python-docx does underneath, minus building its
object tree): faster, and it lets us follow text boxes, content controls, hyperlinks and
tracked insertions in one walk. Runs set in legacy fonts (".VnTime" = TCVN3, "VNI-Times" = VNI)
are repaired here, run by run, because only the reader knows which run used which font.
"""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from . import doc_lists
from .base import Block, RawDocument, ReadError
from .layout import Run as _Run, cues as _cues, is_layout_table, line_text

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


P, R, T, TAB, BR, CR, TBL, TR, TC, SDT, SDTCONTENT = (
    _q("p"), _q("r"), _q("t"), _q("tab"), _q("br"), _q("cr"), _q("tbl"), _q("tr"), _q("tc"),
    _q("sdt"), _q("sdtContent"))
PPR, RPR, TXBX = _q("pPr"), _q("rPr"), _q("txbxContent")
VAL = _q("val")
# tags and attributes looked up per paragraph / run / cell (built once, not per element)
PSTYLE, RSTYLE, JC, NUMPR, NUMID, ILVL = (
    _q("pStyle"), _q("rStyle"), _q("jc"), _q("numPr"), _q("numId"), _q("ilvl"))
TCPR, GRIDSPAN, VMERGE, TYPE = _q("tcPr"), _q("gridSpan"), _q("vMerge"), _q("type")
NOBREAKHYPHEN, SOFTHYPHEN, SYM = _q("noBreakHyphen"), _q("softHyphen"), _q("sym")
_WRAPPERS = (_q("customXml"), _q("ins"), _q("moveTo"))  # containers whose content is body
ALT = f"{{{MC}}}AlternateContent"
# run/paragraph children whose text is not document text
_SKIP = {_q("delText"), _q("instrText"), _q("delInstrText"), _q("del"), _q("moveFrom"),
         _q("footnoteReference"), _q("endnoteReference"), _q("commentReference"),
         _q("annotationRef"), _q("fldData")}
_JC = {"left": "left", "start": "left", "center": "center", "right": "right", "end": "right",
       "both": "justify", "distribute": "justify", "lowKashida": "justify",
       "mediumKashida": "justify", "highKashida": "justify", "thaiDistribute": "justify"}


def _on(el) -> Optional[bool]:
    """A w:b / w:i toggle: absent -> None, else its truth."""
    if el is None:
        return None
    v = el.get(VAL)
    return v not in ("0", "false", "off", "none")


def _parser():
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True,
                           remove_comments=True, remove_pis=True)


# ------------------------------------------------------------------------------ styles


@dataclass(slots=True)
class _Props:
    bold: Optional[bool] = None
    italic: Optional[bool] = None
    size: Optional[float] = None
    font: Optional[str] = None
    align: Optional[str] = None
    num: Optional[tuple] = None  # (numId, ilvl)


_B, _I, _SZ, _RFONTS, _ASCII, _HANSI = _q("b"), _q("i"), _q("sz"), _q("rFonts"), _q("ascii"), _q("hAnsi")


def _rprops(rpr, into: _Props) -> _Props:
    if rpr is None:
        return into
    for el in rpr:
        tag = el.tag
        if tag == _B:
            into.bold = _on(el)
        elif tag == _I:
            into.italic = _on(el)
        elif tag == _SZ:
            v = el.get(VAL) or ""
            if v.isdigit():
                into.size = int(v) / 2
        elif tag == _RFONTS:
            name = el.get(_ASCII) or el.get(_HANSI)
            if name:
                into.font = name
    return into


@dataclass(slots=True)
class _Style:
    name: str
    kind: str
    based: Optional[str]
    props: _Props


class _Styles:
    def __init__(self, root):
        self.styles: dict = {}
        self.default = _Props()
        self.default_para: Optional[str] = None
        self._cache: dict = {}
        if root is None:
            return
        dd = root.find(_q("docDefaults"))
        if dd is not None:
            _rprops(dd.find(f"{_q('rPrDefault')}/{RPR}"), self.default)
        for st in root.iter(_q("style")):
            sid = st.get(_q("styleId"))
            name_el = st.find(_q("name"))
            based = st.find(_q("basedOn"))
            props = _rprops(st.find(RPR), _Props())
            ppr = st.find(PPR)
            if ppr is not None:
                _pprops(ppr, props)
            kind = st.get(_q("type")) or "paragraph"
            self.styles[sid] = _Style(name_el.get(VAL) if name_el is not None else sid, kind,
                                      based.get(VAL) if based is not None else None, props)
            if kind == "paragraph" and st.get(_q("default")) in ("1", "true"):
                self.default_para = sid

    def chain(self, sid: Optional[str]) -> list:
        """Properties of a style and its basedOn ancestors, most general first."""
        chain, seen, cur = [], set(), sid
        while cur and cur in self.styles and cur not in seen:
            seen.add(cur)
            chain.append(self.styles[cur].props)
            cur = self.styles[cur].based
        return chain[::-1]

    def resolved(self, sid: Optional[str]) -> _Props:
        """A paragraph style's properties with its basedOn chain and the document defaults."""
        if sid in self._cache:
            return self._cache[sid]
        out = _Props(self.default.bold, self.default.italic, self.default.size, self.default.font)
        for p in self.chain(sid):
            for f in ("bold", "italic", "size", "font", "align", "num"):
                v = getattr(p, f)
                if v is not None:
                    setattr(out, f, v)
        self._cache[sid] = out
        return out

    def name(self, sid: Optional[str]) -> Optional[str]:
        st = self.styles.get(sid)
        return st.name if st else None


def _pprops(ppr, into: _Props) -> _Props:
    jc = ppr.find(JC)
    if jc is not None and jc.get(VAL) in _JC:
        into.align = _JC[jc.get(VAL)]
    num = ppr.find(NUMPR)
    if num is not None:
        nid, lvl = num.find(NUMID), num.find(ILVL)
        into.num = (nid.get(VAL) if nid is not None else None,
                    int(lvl.get(VAL)) if lvl is not None and (lvl.get(VAL) or "").isdigit() else 0)
    return into


# ------------------------------------------------------------------------------ numbering


@dataclass(slots=True)
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    legal: bool = False


@dataclass(slots=True)
class _Numbering:
    abstract: dict = field(default_factory=dict)  # abstractNumId -> {ilvl: _Level}
    nums: dict = field(default_factory=dict)  # numId -> (abstractNumId, {ilvl: start override})
    counters: dict = field(default_factory=dict)  # abstractNumId -> [count per level]
    started: set = field(default_factory=set)

    @classmethod
    def parse(cls, root) -> "_Numbering":
        n = cls()
        if root is None:
            return n
        for an in root.iter(_q("abstractNum")):
            levels = {}
            for lvl in an.iter(_q("lvl")):
                lv = _Level()
                for tag, attr in (("numFmt", "fmt"), ("lvlText", "text")):
                    el = lvl.find(_q(tag))
                    if el is not None and el.get(VAL) is not None:
                        setattr(lv, attr, el.get(VAL))
                st = lvl.find(_q("start"))
                if st is not None and (st.get(VAL) or "").lstrip("-").isdigit():
                    lv.start = int(st.get(VAL))
                lv.legal = lvl.find(_q("isLgl")) is not None
                levels[int(lvl.get(_q("ilvl"), "0"))] = lv
            n.abstract[an.get(_q("abstractNumId"))] = levels
        for num in root.iter(_q("num")):
            aid = num.find(_q("abstractNumId"))
            overrides = {}
            for ov in num.iter(_q("lvlOverride")):
                so = ov.find(_q("startOverride"))
                if so is not None and (so.get(VAL) or "").isdigit():
                    overrides[int(ov.get(_q("ilvl"), "0"))] = int(so.get(VAL))
            n.nums[num.get(_q("numId"))] = (aid.get(VAL) if aid is not None else None, overrides)
        return n

    def label(self, num_id: Optional[str], ilvl: int) -> Optional[str]:
        """Advance the list counter and return the label Word would draw ("1.", "a)", "II.")."""
        if not num_id or num_id == "0" or num_id not in self.nums:
            return None
        aid, overrides = self.nums[num_id]
        levels = self.abstract.get(aid)
        if not levels:
            return None
        ilvl = max(0, min(ilvl, 8))
        counts = self.counters.setdefault(aid, [None] * 9)
        if num_id not in self.started:  # a list instance with a start override restarts
            self.started.add(num_id)
            for lv_i, start in overrides.items():
                if 0 <= lv_i < 9:
                    counts[lv_i] = start - 1
                    for deeper in range(lv_i + 1, 9):
                        counts[deeper] = None
        lv = levels.get(ilvl, _Level())
        counts[ilvl] = (lv.start if counts[ilvl] is None else counts[ilvl] + 1)
        for deeper in range(ilvl + 1, 9):
            counts[deeper] = None
        if lv.fmt == "none":
            return None
        if lv.fmt == "bullet":
            t = lv.text.strip()
            return t if t and t.isprintable() and all(ord(c) < 0xE000 or ord(c) > 0xF8FF for c in t) else "•"
        out = lv.text
        for k in range(9):
            tok = f"%{k + 1}"
            if tok not in out:
                continue
            klv = levels.get(k, _Level())
            val = counts[k] if counts[k] is not None else klv.start
            fmt = "decimal" if (lv.legal and k != ilvl) else klv.fmt
            out = out.replace(tok, _format_number(val, fmt))
        return out.strip() or None


# OOXML numFmt names -> the binary format's nfc codes, so both readers share one formatter
_NFC = {"decimal": doc_lists.NFC_DECIMAL, "upperRoman": doc_lists.NFC_UPPER_ROMAN,
        "lowerRoman": doc_lists.NFC_LOWER_ROMAN, "upperLetter": doc_lists.NFC_UPPER_LETTER,
        "lowerLetter": doc_lists.NFC_LOWER_LETTER, "decimalZero": doc_lists.NFC_DECIMAL_ZERO}


def _format_number(n: int, fmt: str) -> str:
    return doc_lists.format_number(n, _NFC.get(fmt, doc_lists.NFC_DECIMAL))


# ------------------------------------------------------------------------------ walking


class _Reader:
    def __init__(self, styles: _Styles, numbering: _Numbering):
        self.styles = styles
        self.numbering = numbering
        self.blocks: list = []
        self.tables = 0
        self.legacy: set = set()

    # -- body ------------------------------------------------------------------------
    def container(self, el, cell: Optional[tuple] = None) -> None:
        for child in el:
            tag = child.tag
            if tag == P:
                self.paragraph(child, cell)
            elif tag == TBL:
                self.table(child)
            elif tag == SDT:
                content = child.find(SDTCONTENT)
                if content is not None:
                    self.container(content, cell)
            elif tag in _WRAPPERS:
                self.container(child, cell)
            elif tag == ALT:
                self.container(_alt_choice(child), cell)

    def table(self, tbl) -> None:
        index = self.tables
        self.tables += 1
        first = len(self.blocks)
        nrows, ncols = 0, 0
        for r_i, tr in enumerate(x for x in tbl if x.tag == TR):
            nrows += 1
            col = 0
            for tc in _cells(tr):
                tcpr = tc.find(TCPR)
                span, cont = 1, False
                if tcpr is not None:
                    gs = tcpr.find(GRIDSPAN)
                    if gs is not None and (gs.get(VAL) or "").isdigit():
                        span = max(1, int(gs.get(VAL)))
                    vm = tcpr.find(VMERGE)
                    cont = vm is not None and vm.get(VAL) in (None, "continue")
                if not cont:  # a vertically merged cell is emitted once, at its first row
                    self.container(tc, (index, r_i, col))
                col += span
            ncols = max(ncols, col)
        cells = self.blocks[first:]
        own = [b for b in cells if b.table == index]
        if own and is_layout_table(tbl_bordered(tbl, self.styles), nrows, ncols,
                                   [b.text for b in own]):
            for b in own:
                b.layout_table = True

    def paragraph(self, p, cell: Optional[tuple]) -> None:
        ppr = p.find(PPR)
        sid = None
        own = _Props()
        if ppr is not None:
            ps = ppr.find(PSTYLE)
            sid = ps.get(VAL) if ps is not None else None
            _pprops(ppr, own)
        sid = sid or self.styles.default_para
        base = self.styles.resolved(sid)
        style_name = self.styles.name(sid)
        num = own.num or base.num
        label = self.numbering.label(*num) if num else None
        runs: list = []
        boxes: list = []
        self._inline(p, base, runs, boxes)
        lines = _split_lines(runs)
        heading = _heading_level(style_name)
        align = own.align or base.align
        for k, line in enumerate(lines):
            text, enc = line_text(line)
            if cell is not None and not text.strip():
                continue
            b = Block(text=text, align=align, style=style_name, heading=heading)
            _cues(b, line)
            if enc:
                b.encoding = enc
            if k == 0:
                b.list_label = label
            if cell is not None:
                b.table, b.row, b.col = cell
            self.blocks.append(b)
        for box in boxes:  # text boxes follow the paragraph that anchors them
            self.container(box, cell)

    def _inline(self, el, base: _Props, runs: list, boxes: list) -> None:
        for child in el:
            tag = child.tag
            if tag == R:
                self._run(child, base, runs, boxes)
            elif tag in _SKIP or tag == PPR:
                continue
            elif tag == ALT:
                self._inline(_alt_choice(child), base, runs, boxes)
            elif tag == TXBX:
                boxes.append(child)
            elif tag == P:  # a paragraph nested in inline content (text box fallback)
                boxes.append(_wrap(child))
            elif len(child):
                self._inline(child, base, runs, boxes)  # hyperlink, ins, smartTag, sdt, fldSimple

    def _run(self, r, base: _Props, runs: list, boxes: list) -> None:
        props = _Props(base.bold, base.italic, base.size, base.font)
        rpr = r.find(RPR)
        if rpr is not None:
            rs = rpr.find(RSTYLE)
            if rs is not None:
                for cp in self.styles.chain(rs.get(VAL)):
                    for f in ("bold", "italic", "size", "font"):
                        v = getattr(cp, f)
                        if v is not None:
                            setattr(props, f, v)
            _rprops(rpr, props)
        parts: list = []
        for child in r:
            tag = child.tag
            if tag == T:
                parts.append(child.text or "")
            elif tag == TAB:
                parts.append("\t")
            elif tag in (BR, CR):
                if child.get(TYPE) == "column":
                    parts.append(" ")
                else:
                    parts.append("\n")
            elif tag == NOBREAKHYPHEN:
                parts.append("-")
            elif tag == SOFTHYPHEN:
                continue
            elif tag == SYM:
                continue
            elif tag in _SKIP or tag == RPR:
                continue
            else:  # drawing / pict / AlternateContent holding text boxes
                for box in _boxes(child):
                    boxes.append(box)
        if parts:
            runs.append(_Run("".join(parts), bool(props.bold), bool(props.italic), props.size,
                             props.font))


def _split_lines(runs: list) -> list:
    """Soft line breaks split a paragraph into lines, each a list of runs."""
    lines, cur = [], []
    for run in runs:
        pieces = run.text.split("\n")
        for k, piece in enumerate(pieces):
            if k:
                lines.append(cur)
                cur = []
            if piece:
                cur.append(_Run(piece, run.bold, run.italic, run.size, run.font))
    lines.append(cur)
    return lines


@lru_cache(maxsize=256)  # per paragraph, over a document's few style names
def _heading_level(style: Optional[str]) -> Optional[int]:
    if not style:
        return None
    s = style.strip().lower()
    for prefix in ("heading ", "tiêu đề ", "tieu de ", "titre ", "überschrift "):
        if s.startswith(prefix) and s[len(prefix):].strip().isdigit():
            return int(s[len(prefix):].strip())
    return None


def _cells(tr):
    for child in tr:
        if child.tag == TC:
            yield child
        elif child.tag in (SDT, _q("customXml")):  # cells wrapped in a content control
            content = child.find(SDTCONTENT) if child.tag == SDT else child
            if content is not None:
                yield from (c for c in content if c.tag == TC)


def _alt_choice(alt):
    """mc:AlternateContent holds the same content twice (Choice and Fallback): take one."""
    for child in alt:
        return child
    return alt


def _boxes(el):
    """Text-box contents under a drawing/pict, once each (Choice only)."""
    if el.tag == TXBX:
        yield el
        return
    if el.tag == ALT:
        el = _alt_choice(el)
    for child in el:
        yield from _boxes(child)


def _wrap(p):
    from lxml import etree

    holder = etree.Element(_q("txbxContent"))
    holder.append(_copy(p))
    return holder


def _copy(el):
    from copy import deepcopy

    return deepcopy(el)


def tbl_bordered(tbl, styles: _Styles) -> bool:
    """True when the table draws borders (its own, its style's, or its cells')."""
    tblpr = tbl.find(_q("tblPr"))
    if tblpr is not None:
        own = tblpr.find(_q("tblBorders"))
        if own is not None:
            return _has_border(own)
        ts = tblpr.find(_q("tblStyle"))
        if ts is not None:
            sid = ts.get(VAL) or ""
            st_el = styles.styles.get(sid)
            if st_el is not None and (sid.replace(" ", "").lower() == "tablegrid"
                                      or "grid" in st_el.name.lower()):
                return True
    for tcb in tbl.iter(_q("tcBorders")):
        if _has_border(tcb):
            return True
    return False


def _has_border(el) -> bool:
    return any(child.get(VAL) not in (None, "none", "nil") for child in el)


# ------------------------------------------------------------------------------ entry


def _part(z: zipfile.ZipFile, name: str):
    from lxml import etree

    try:
        return etree.fromstring(z.read(name), _parser())
    except KeyError:
        return None


def _main_part(z: zipfile.ZipFile) -> str:
    names = set(z.namelist())
    try:
        from lxml import etree

        rels = etree.fromstring(z.read("_rels/.rels"), _parser())
        for rel in rels:
            if rel.get("Type", "").endswith("/officeDocument"):
                target = rel.get("Target", "").lstrip("/")
                if target in names:
                    return target
    except (KeyError, Exception):  # a damaged .rels: fall back to the usual name
        pass
    return "word/document.xml"


def read_docx(data: bytes) -> RawDocument:
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ReadError("the .docx is not a valid zip archive (truncated or corrupt?) — "
                        "re-save it in Word") from None
    names = set(z.namelist())
    main = _main_part(z)
    if main not in names:
        if "xl/workbook.xml" in names:
            kind = "an Excel workbook (.xlsx)"
        elif "ppt/presentation.xml" in names:
            kind = "a PowerPoint file (.pptx)"
        elif "content.xml" in names:
            kind = "an OpenDocument file (.odt/.ods)"
        else:
            kind = "a zip archive"
        raise ReadError(f"not a Word document: {kind}; save it as .docx or PDF")
    from lxml import etree

    try:
        root = etree.fromstring(z.read(main), _parser())
    except (zipfile.BadZipFile, etree.XMLSyntaxError, OSError, EOFError) as e:
        raise ReadError(f"the .docx is damaged ({type(e).__name__}: {e}); open it in Word and "
                        "re-save") from None
    folder = main.rsplit("/", 1)[0] + "/" if "/" in main else ""
    styles = _Styles(_safe_part(z, folder + "styles.xml"))
    numbering = _Numbering.parse(_safe_part(z, folder + "numbering.xml"))
    body = root.find(_q("body"))
    reader = _Reader(styles, numbering)
    if body is not None:
        reader.container(body)
    return RawDocument(format="docx", blocks=reader.blocks)


def _safe_part(z, name):
    from lxml import etree

    try:
        return _part(z, name)
    except (etree.XMLSyntaxError, zipfile.BadZipFile, OSError, EOFError):
        return None
