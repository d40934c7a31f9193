"""The document's own identity: issuer, số/ký hiệu, type, trích yếu, place/date, marks, recipients.

Works on lines (one Block = one line of ``ctx.text``), whatever the source layout: a DOCX header
table (left cell, then right cell), a PDF text layer that interleaves both columns on one line,
markdown seeds. Fixed strings (Quốc hiệu, Tiêu ngữ, "ĐẢNG CỘNG SẢN VIỆT NAM") are matched on a
tone-folded, accent-stripped key so spelling variants and OCR noise still cut the lines into
their left (issuer) and right (date) parts.
"""
from __future__ import annotations

from functools import lru_cache
from itertools import accumulate
from typing import Optional

import regex as re

from .. import model
from ..lexicon import rows
from ..normalize import fold, strip_accents
from .codes import parse_code
from .dates import _iso, parse_date

STAGE = "header"
MAX_HEAD_LINES = 90  # the anchor (Quốc hiệu / Số) must be among the first lines
SPAN_AFTER_ANCHOR = 30  # type line, title, Kính gửi are within this many lines of the anchor


# ---------------------------------------------------------------- lexicon-driven patterns
def _key(s: str) -> str:
    """Lower case, no tones/diacritics, same length as ``s`` (when possible)."""
    return strip_accents(fold(s))


def _loose(text: str) -> str:
    """Regex for ``text`` on a _key: words in order, any punctuation/spacing between them."""
    words = re.findall(r"[a-z0-9/]+", _key(text))
    return r"(?<![a-z0-9])" + r"[\W_]*".join(re.escape(w) for w in words) + r"(?![a-z0-9])"


@lru_cache(maxsize=None)
def _marks() -> dict:
    out: dict = {}
    for r in rows("header_marks"):
        out.setdefault(r["kind"], []).append((r["text"], r["value"] or r["text"]))
    return out


@lru_cache(maxsize=None)
def _rx(kind: str) -> "re.Pattern":
    alts = sorted((t for t, _ in _marks()[kind]), key=len, reverse=True)
    return re.compile("|".join(_loose(t) for t in alts))


@lru_cache(maxsize=None)
def _prefix_rx(kind: str) -> "re.Pattern":
    alts = sorted((t for t, _ in _marks()[kind]), key=len, reverse=True)
    return re.compile(r"^[\W_]*(?:" + "|".join(_loose(t) for t in alts) + r")")


@lru_cache(maxsize=None)
def _fold_prefix_rx(kind: str) -> "re.Pattern":
    """Like _prefix_rx, but on ``fold()`` text: diacritics must match, tone placement need not."""
    alts = sorted((fold(t) for t, _ in _marks()[kind]), key=len, reverse=True)
    return re.compile(r"^[\W_]*(?:" + "|".join(re.escape(t) for t in alts) + r")(?!\w)")


@lru_cache(maxsize=None)
def _mark_values(kind: str) -> dict:
    return {_norm_key(t): v for t, v in _marks()[kind]}


_ALNUM_RUN = re.compile(r"[a-z0-9]+")
_ALNUM = re.compile(r"[a-z0-9]")


def _norm_key(s: str) -> str:
    return " ".join(_ALNUM_RUN.findall(_key(s)))


@lru_cache(maxsize=None)
def _types() -> dict:
    """folded type name -> canonical name; abbr -> name (admin/normative/legacy, then party)."""
    names, abbrs = {}, {}
    for r in rows("doc_types"):
        names.setdefault(fold(r["name"]), r["name"])
        if r["abbr"] and r["abbr"] not in abbrs:
            abbrs[r["abbr"]] = r["name"]
    for t, v in _marks()["type_line"]:  # type lines worded unlike the type's name ("BẢN TỰ KIỂM ĐIỂM")
        names.setdefault(fold(t), v)
    stripped = {}
    for k, v in names.items():
        stripped.setdefault(_norm_key(k), v)
    return {"names": names, "abbrs": abbrs, "stripped": stripped,
            "longest_first": sorted(names, key=len, reverse=True)}


@lru_cache(maxsize=None)
def _places() -> list:
    """(key of a place spelling, length) longest first, for matching at the end of a string."""
    out = []
    for r in rows("places"):
        for v in [r["name"]] + [x for x in r["variants"].split("|") if x]:
            out.append(_norm_key(v))
    return sorted(set(out), key=len, reverse=True)


@lru_cache(maxsize=None)
def _esign_rx() -> "re.Pattern":
    """A signature-stamp line ("Ký bởi: …", OCR-noisy prefixes tolerated)."""
    alts = sorted((t for t, _ in _marks()["esign"]), key=len, reverse=True)
    return re.compile(r"^\W{0,3}(?:[a-z]\W{1,2})?(?:" + "|".join(_loose(t) for t in alts) + r")\s*:")


@lru_cache(maxsize=None)
def _key_chars() -> tuple:
    """(key letter -> chars that give it, chars that vanish from a key). No code point from
    U+3000 on gives an ASCII letter/digit or vanishes (checked over all of Unicode)."""
    from ..normalize import _strip
    to, gone = {}, []
    for c in range(0x3000):
        ch = chr(c)
        k = _strip(ch.lower())
        if len(k) == 1:
            to.setdefault(k, []).append(ch)
        elif not k:
            gone.append(ch)
    return to, "".join(gone)


@lru_cache(maxsize=None)
def _raw_parts() -> tuple:
    """Building blocks of raw-text screens (plain ``re``): (key char -> class of the chars that give
    it, run of chars that vanish from a key, run of chars that give no key letter/digit). A char
    giving a key letter/digit gives a word character in every _key fallback too (lower case only,
    unstripped), so a key run of [\\W_] comes from a raw run of the third kind."""
    import re as sre
    to, gone = _key_chars()
    wordy = "".join(ch for k, chs in to.items() if re.match(r"[^\W_]", k) for ch in chs)
    cls = {k: "[" + "".join(sre.escape(ch) for ch in chs) + "]" for k, chs in to.items()}
    return cls, "[" + sre.escape(gone) + "]*", "[^" + sre.escape(wordy) + "]*"


def _raw_alt(text: str) -> str:
    """Raw-text superset of _loose(text): each key letter as the chars giving it, any non-word run
    between the words (the look-arounds are dropped)."""
    cls, gap, nonword = _raw_parts()
    words = re.findall(r"[a-z0-9/]+", _key(text))
    return nonword.join(gap.join(cls[k] for k in w) for w in words)


@lru_cache(maxsize=None)
def _head_screen(kind: str):
    """Raw-text screen for _prefix_rx(kind) (and _esign_rx): ``match(text)`` is true for every line
    whose key starts with a mark (a superset), so only the few lines that pass are keyed."""
    import re as sre
    cls, _, nonword = _raw_parts()
    lead = ""
    if kind == "esign":  # _esign_rx allows one letter before the mark: "a) Ký bởi:"
        lead = "(?:[" + "".join(cls[k][1:-1] for k in "abcdefghijklmnopqrstuvwxyz") + "]" + nonword + ")?"
    alts = "|".join(_raw_alt(t) for t, _ in _marks()[kind])
    return sre.compile(nonword + lead + "(?:" + alts + ")").match


@lru_cache(maxsize=None)
def _cut_screen():
    """Raw-text screen for _cuts: ``search(text)`` finds something on every line whose key holds
    a Quốc hiệu / Tiêu ngữ / party header string (a superset)."""
    import re as sre
    return sre.compile("|".join(_raw_alt(t) for kind in ("national", "motto", "party")
                                for t, _ in _marks()[kind])).search


# ---------------------------------------------------------------- code / date patterns
_JUNK = r"[{}|\[\]⁄‡€Oo]"  # OCR of a hand-written number in a scanned header
_NUM = r"(?:" + _JUNK + r"{0,3}\s?\d{1,6}(?:\.\d{1,3})?[a-zđ]?(?:-\d{1,4}(?=\s*/))?)?(?:[ .…_]|" + _JUNK + r")*+"
_SYM = r"[A-ZĐ][\p{L}0-9.&]*(?:(?:\s*-\s*|/)[\p{Lu}0-9][\p{L}0-9.&]*)*"
_CODE = (r"(?P<code>" + _NUM + r"\s*/\s*(?:(?:19|20)\d{2}\s*[/-]\s*)?" + _SYM
         + r"|" + _NUM + r"\s*-\s*[A-ZĐ]\p{L}{0,5}\s*/\s*[\p{Lu}0-9][\p{L}0-9.&-]*)")
# capital S: not "Quyết định số"; "§6:" / "§ố:" is OCR of a "Số:" (the colon is then required)
_SO_WORD = r"(?:(?<!\p{L})S[ốỐôÔoO]\s*+:?|§[6ốôo]?\s*:)"
_SO = re.compile(_SO_WORD + r"\s*+" + _CODE)
_SO_ALONE = re.compile(r"(?<!\p{L})S[ốỐôÔoO]\s*:?\s*$")
_CODE_LINE = re.compile(r"^\s*" + _CODE)
_SO_JUNK = re.compile(r"(?<!\p{L})S[ốỐôÔoO]\s*:?\s*\S{1,4}\s+(?P<code>/\s*" + _SYM + ")")
_BL = r"[\s.…_,]*+"
_DATE = re.compile(r"(?<!\p{L})ngày" + _BL + r"(?P<d>\d{1,2}|\S{1,4}?)?" + _BL
                   + r"tháng" + _BL + r"(?P<m>\d{1,2}|[^\s\d]{1,2}\d?|\d?[^\s\d]{1,2})?" + _BL + r"năm" + r"[\s.…_]*" + r"(?P<y>(?:19|20)\d{2})?(?!\d)",
                   re.I)
_RULE = re.compile(r"^[\W_]*$")
_BULLET = re.compile(r"^\s*[-–+•*][.\s]*")
_UPPER_WORD = re.compile(r"(?:TP\.|Tp\.|\p{Lu}[\p{L}.]*)")
# small patterns of the hot paths, compiled once (a module-level ``re.search(str, …)`` pays a
# cache lookup on every call)
_CONTENT = re.compile(r"[\p{L}\p{N}(\"'/…][\s\S]*[\p{L}\p{N})\"'.…;:,/]|[\p{L}\p{N}]")
_JUNK_NUM = re.compile(_JUNK + r"|[ .…_]+\S")
_BLANK_NUM = re.compile(r"[ .…_]*[/-]")
_NUM_HEAD = re.compile(r"^[^/-]*")
_WORD = re.compile(r"[\p{L}\p{N}]+")
_NONSPACE = re.compile(r"\S+")
_DIGITS = re.compile(r"\d+")
_SO_COLON = re.compile(r"S[ốỐ]\s*:")
_WS = re.compile(r"\s+")
_LETTER = re.compile(r"\p{L}")
_TWO_LETTERS = re.compile(r"\p{L}{2,}")
_LIST_LABEL = re.compile(r"^(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])[.)]\s")
_RULE_CHAR = re.compile(r"[-–—_=~]")
_AFTER_SEMI = re.compile(r";([^\n]*)")
_AFTER_STOP = re.compile(r"\.(?:/\.)?\s+(\S.*)$")
_COUNT_CRUMB = re.compile(r"(\))[\s.\-]+[\p{L}\d]{1,3}$")
_SIGNER_TAIL = re.compile(r"^(?:KT|TM|TL|TUQ|Q|K/T|T/M|T/L)[./]?\s")


# ---------------------------------------------------------------- lines
class _Line:
    """One line; its key (_key of the text) and cuts are computed on first use: most lines never
    need them."""
    __slots__ = ("text", "start", "table", "_k", "_c")

    def __init__(self, text: str, start: int, key: Optional[str] = None, table: Optional[int] = None):
        self.text, self.start, self._k, self.table, self._c = text, start, key, table, None

    @property
    def key(self) -> str:
        if self._k is None:
            self._k = _key(self.text)
        return self._k

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def blank(self) -> bool:
        return not self.text.strip() or bool(_RULE.match(self.text))


class _Lines:
    """The document's lines as a read-only sequence of _Line, each made on first access: past the
    header most lines are only screened (``texts``) for a few labels."""
    __slots__ = ("texts", "starts", "tables", "_made")

    def __init__(self, texts: list, starts: list, tables: list):
        self.texts, self.starts, self.tables = texts, starts, tables
        self._made = [None] * len(texts)

    def __len__(self) -> int:
        return len(self.texts)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self.texts)))]
        ln = self._made[i]
        if ln is None:
            ln = self._made[i] = _Line(self.texts[i], self.starts[i], None, self.tables[i])
        return ln


def _lines(ctx) -> _Lines:
    if ctx.blocks:
        text = ctx.text
        bl = [b for b in ctx.blocks if getattr(b, "style", None) != "esign"]
        texts = [text[b.start:b.end] for b in bl]
    else:
        bl = None
        texts = ctx.text.split("\n")
    # an e-sign stamp line needs a ":" (a key keeps every ":" of its text) and passes the raw
    # screen: only such lines are keyed
    esign, screen = _esign_rx().match, _head_screen("esign")
    drop = {i for i, t in enumerate(texts) if ":" in t and screen(t) and esign(_key(t).strip())}
    if bl is None:
        starts = list(accumulate((len(t) + 1 for t in texts[:-1]), initial=0))
        tables = [None] * len(texts)
    else:
        starts = [b.start for b in bl]
        tables = [getattr(b, "table", None) for b in bl]
    if drop:
        keep = [i for i in range(len(texts)) if i not in drop]
        texts, starts, tables = [texts[i] for i in keep], [starts[i] for i in keep], [tables[i] for i in keep]
    return _Lines(texts, starts, tables)


def _is_upper(s: str) -> bool:
    letters = list(filter(str.isalpha, s))
    if len(letters) < 2:
        return False
    return sum(map(str.isupper, letters)) >= 0.8 * len(letters)


def _cuts(ln: _Line) -> list:
    """Spans (relative to the line) of the fixed header strings on this line (cached on the line:
    callers must not change the list)."""
    if ln._c is None:
        spans = []
        if _cut_screen()(ln.text):
            for kind in ("national", "motto", "party"):
                for m in _rx(kind).finditer(ln.key):
                    spans.append((m.start(), m.end(), kind))
        ln._c = sorted(spans)
    return ln._c


def _stripped(ln: _Line, s: int, e: int) -> Optional[tuple]:
    """(abs_start, abs_end, text) of ln.text[s:e] without surrounding blanks/rules, or None."""
    seg = ln.text[s:e]
    m = _CONTENT.search(seg)
    if not m:
        return None
    return ln.start + s + m.start(), ln.start + s + m.end(), m.group(0)


@lru_cache(maxsize=None)
def _compile_all() -> None:
    """Build every lazily compiled pattern and table once, on the first document (a warm-up
    parse then covers them all), not on whichever later document first needs one."""
    for kind in ("body_start", "copy", "draft", "kinh_gui", "luu", "noi_nhan", "org_head",
                 "org_link", "recipient_first", "signed"):
        _prefix_rx(kind)
    for kind in ("national", "motto", "party"):
        _rx(kind)
    for kind in ("urgency", "secrecy"):
        _mark_at_rx(kind)
    for kind in ("urgency", "secrecy", "circulation", "draft", "copy"):
        _mark_values(kind)
    for kind in ("esign", "copy", "noi_nhan"):
        _head_screen(kind)
    _fold_prefix_rx("body_start"), _org_rx(), _esign_rx(), _cut_screen()
    _types(), _places(), _ocr_digits(), _StampJunk._rx()


# ---------------------------------------------------------------- main
def extract_header(ctx) -> Optional[model.Header]:
    _compile_all()
    lines = _lines(ctx)
    if not lines:
        return None
    head = lines[:MAX_HEAD_LINES]
    anchor = None
    for i, ln in enumerate(head):
        if _cuts(ln) or _SO.search(ln.text):
            anchor = i
            break
    h = model.Header()
    if anchor is None:
        t = _type_line(lines, 0, 8, first_only=True)
        if t is None:
            return None
        _fill_title(h, lines, t)
        _fill_kinh_gui(h, lines, h.spans.get("_last", t[0]) + 1)
        _fill_recipients(h, lines, h.spans.get("_last", t[0]) + 1)
        _finish(h, ctx, lines, 0)
        return h

    # the header block starts at the upper-case lines just above the anchor
    r0 = anchor
    seen = _left_segment(lines[anchor]) is not None
    for j in range(anchor - 1, max(-1, anchor - 8), -1):
        ln = lines[j]
        if ln.blank:
            if seen:
                break
            continue
        if _is_upper(ln.text) and not _SO.search(ln.text):
            r0, seen = j, True
        else:
            break
    limit = min(len(lines), anchor + SPAN_AFTER_ANCHOR)

    code_i = _fill_code(h, ctx, lines, r0, min(limit, anchor + 14))
    after = max(anchor, code_i if code_i is not None else anchor)
    t = _type_line(lines, after + 1, limit)
    if t is None and r0 > 0:
        t = _type_line(lines, 0, r0, first_only=True)
    _note_copy(ctx, lines[:max(r0, 1) + 3])
    t_after = t if t and t[0] > anchor else None  # else the type line sits above the header block
    head_stop = t_after[0] if t_after else min(limit, after + 12)
    date_i = _fill_date_place(h, lines, r0, head_stop, code_i)
    _fill_issuer(h, lines, r0, anchor, code_i, date_i, t_after)
    _fill_marks(h, lines, r0, head_stop)
    last = max(x for x in (anchor, code_i, date_i) if x is not None)
    kg_from = last + 1
    if t is not None:
        _fill_title(h, lines, t)
        title_last = h.spans.get("_last", t[0])
        if t_after:
            last = max(last, title_last)
            kg_from = last + 1
        else:
            kg_from = title_last + 1
    elif code_i is not None:
        vv_last = _fill_vv(h, lines, code_i, min(limit, code_i + 12), date_i)
        if vv_last is not None:
            last = max(last, vv_last)
            kg_from = last + 1
    kg_last = _fill_kinh_gui(h, lines, kg_from)
    if kg_last is not None:
        last = max(last, kg_last)
    _fill_recipients(h, lines, last + 1)
    _finish(h, ctx, lines, r0, last)
    return h


def _finish(h: model.Header, ctx, lines: list, r0: int, last: Optional[int] = None) -> None:
    last = h.spans.pop("_last", last)
    h.copy = _find_copy(ctx.text)
    if h.doc_type is None and h.symbol:
        h.doc_type = _type_from_symbol(h)
    if last is not None and last < len(lines):
        h.spans["block"] = [lines[r0].start, lines[last].end]


def _type_from_symbol(h: model.Header) -> Optional[str]:
    d = parse_code(h.code or "")
    if not d or not d.get("type_abbr"):
        return None
    return _types()["abbrs"].get(d["type_abbr"])


# ---------------------------------------------------------------- fields
def _fill_code(h, ctx, lines, r0, stop) -> Optional[int]:
    found = None
    for i in range(r0, stop):
        ln = lines[i]
        if _SO_ALONE.search(ln.text) and i + 1 < len(lines):
            nxt = lines[i + 1]
            m = _CODE_LINE.match(nxt.text)
            if m and parse_code(m.group("code")):
                ln, found_at = nxt, i
            else:
                found_at = i
        else:
            found_at = i
        ms = list(_CODE_LINE.finditer(ln.text)) if ln is not lines[i] else list(_SO.finditer(ln.text))
        if not ms:
            ms = list(_SO_JUNK.finditer(ln.text))
        for m in ms:
            raw = m.group("code").rstrip(" .")
            if _JUNK_NUM.match(raw) and not _BLANK_NUM.match(raw):
                raw = _NUM_HEAD.sub("", raw)  # an unreadable (OCR) number counts as blank
            d = parse_code(raw)
            if not d:
                continue
            if d.get("type_abbr") in ("SY", "SL", "TrS", "TS"):
                ctx.warn(STAGE, f"this is a copy (bản sao) numbered {d['code']}; the header "
                                "fields describe the original document", (ln.start + m.start("code"),
                                                                         ln.start + m.start("code") + len(raw)))
                continue
            h.number, h.symbol, h.code = d["number"], d["symbol"], d["code"]
            h.year = d["year"]
            s = ln.start + m.start("code")
            raw_l = raw.lstrip(" .…_")
            s += len(raw) - len(raw_l)
            h.spans["code"] = [s, s + len(raw_l)]
            found = found_at
            break
        if found is not None:
            break
    return found


_COPY_TYPES = ("SY", "SL", "TrS", "TS")


def _find_copy(text: str) -> Optional[dict]:
    """The copy marking of this file, if any: an e-copy stamp line ("SAO Y; Bộ Khoa học và Công
    nghệ; 07/10/2025 17:22:02", repeated on every page) or a copy block ("SAO Y BẢN CHÍNH" /
    "Số: 09/SY-VP" / "Hà Nội, ngày …"), usually at the end of the file."""
    rx = _prefix_rx("copy")
    kinds = _mark_values("copy")
    parts = text.split("\n")
    screen = _head_screen("copy")
    hits = [n for n, t in enumerate(parts) if screen(t)]
    if not hits:
        return None
    lines = list(zip(accumulate((len(t) + 1 for t in parts[:-1]), initial=0), parts))
    for n in hits:
        start, t = lines[n]
        if len(t) > 120:
            continue
        m = rx.match(_key(t))
        if not m or not _is_upper(t[:m.end()]):
            continue
        kind = kinds.get(_norm_key(t[:m.end()]), t[:m.end()].strip())
        out = {"kind": kind, "issuer": None, "code": None, "date": None, "span": [start, start + len(t.rstrip())]}
        fields = [f.strip() for f in t[m.end():].split(";")]
        if len(fields) >= 3 and not fields[0]:  # stamp: "SAO Y; <issuer>; <date time>"
            out["issuer"] = fields[1] or None
            out["date"] = parse_date(fields[2])
            return out
        for start2, t2 in lines[n + 1:n + 8]:  # block: the copy's own number and date follow
            cm = _SO.search(t2)
            d = parse_code(cm.group("code")) if cm else None
            if d and d.get("type_abbr") in _COPY_TYPES and out["code"] is None:
                out["code"] = d["code"]
            dm = _DATE.search(t2)
            if dm and out["date"] is None:
                out["date"] = _repair_iso(dm)
            out["span"][1] = max(out["span"][1], start2 + len(t2.rstrip())) if (cm or dm) else out["span"][1]
        return out
    return None


def _note_copy(ctx, lines) -> None:
    rx = _prefix_rx("copy")
    for ln in lines:
        if rx.match(ln.key) and _is_upper(ln.text.split(";")[0]):
            ctx.warn(STAGE, "this is a copy (SAO Y / SAO LỤC / TRÍCH SAO); the header fields describe "
                            "the original document", (ln.start, ln.end))
            return


def _fill_date_place(h, lines, r0, stop, code_i) -> Optional[int]:
    for i in range(r0, max(stop, r0)):
        ln = lines[i]
        m = _DATE.search(ln.text)
        if not m:
            continue
        h.date = _repair_iso(m)
        s, e = ln.start + m.start(), ln.start + m.end()
        surface = ln.text[m.start():m.end()].rstrip(" .…_,")
        h.spans["date"] = [s, s + len(surface)]
        # place: the words just before ", ngày" after whatever else shares the line
        pre_end = m.start()
        pre_start = 0
        for cs, ce, _ in _cuts(ln):
            if ce <= pre_end:
                pre_start = max(pre_start, ce)
        cm = _SO.search(ln.text[:pre_end])
        if cm:
            pre_start = max(pre_start, cm.end())
        _fill_place(h, ln, pre_start, pre_end)
        return i
    return None


@lru_cache(maxsize=None)
def _ocr_digits() -> dict:
    return str.maketrans({t: v for t, v in _marks()["ocr_digit"]})


def _digits(s: Optional[str]) -> Optional[str]:
    """A day/month OCR read with letter look-alikes ("O6" -> "06", "4O" -> "40"); other junk stays."""
    if not s or not any(c.isdigit() for c in s):
        return s
    t = s.translate(_ocr_digits())
    return t if t.isdigit() else s


def _repair_iso(m) -> Optional[str]:
    y, mo, d = m.group("y"), _digits(m.group("m")), _digits(m.group("d"))
    mo = mo if mo and mo.isdigit() else None  # OCR junk: unreadable -> reduced precision
    d = d if d and d.isdigit() and mo else None
    iso = _iso(y, mo, d)
    if iso is None and y and mo and int(mo) > 12 and mo[0] in "47" and len(mo) == 2:
        iso = _iso(y, "1" + mo[1], d)  # OCR reads "1" as "4"/"7": "tháng 40" for "tháng 10"
    if iso is None and y:
        iso = _iso(y, None, None)
    return iso


def _fill_place(h, ln: _Line, s: int, e: int) -> None:
    pre = ln.text[s:e]
    pre_t = pre.rstrip(" ,;.")
    if not pre_t.strip():
        return
    key = _norm_key(pre_t)
    # known province/city spelling at the end of the segment
    for pk in _places():
        if key == pk or key.endswith(" " + pk):
            nwords = len(pk.split())
            words = list(_WORD.finditer(pre_t))
            if len(words) >= nwords:
                ws = words[-nwords].start()
                # keep a "TP." / "Tp." prefix that is part of the spelling
                ps = ws
                h.place = pre_t[ps:].strip()
                h.spans["place"] = [ln.start + s + ps, ln.start + s + len(pre_t)]
                return
    words = list(_NONSPACE.finditer(pre_t))
    take = []
    for w in reversed(words):
        if _UPPER_WORD.match(w.group(0)) and not _is_upper(w.group(0)) or _DIGITS.fullmatch(w.group(0)) \
                or (take and w.group(0).lower() in ("phố", "xã", "trấn", "quận")):
            take.append(w)
            if len(take) >= 5:
                break
        else:
            break
    if take:
        ps = take[-1].start()
        h.place = pre_t[ps:].strip()
        h.spans["place"] = [ln.start + s + ps, ln.start + s + len(pre_t)]


def _left_segment(ln: _Line) -> Optional[tuple]:
    """The part of the line before any fixed string / "*" / "Số" / place-date: the left column."""
    end = len(ln.text)
    for cs, ce, _ in _cuts(ln):
        end = min(end, cs)
    m = _SO.search(ln.text)
    if m:
        end = min(end, m.start())
    star = ln.text.find(" * ")
    if star >= 0:
        end = min(end, star)
    return _stripped(ln, 0, end)


def _fill_issuer(h, lines, r0, anchor, code_i, date_i, t) -> None:
    if code_i is not None:
        stop = max(code_i, anchor)
    else:
        stop = anchor + 6
    if t and t[0] > anchor:
        stop = min(stop, t[0] - 1)
    segs, flat = [], False
    for i in range(r0, min(stop + 1, len(lines))):
        if date_i is not None and i == date_i and i != r0 and i != code_i:
            continue
        ln = lines[i]
        if i > anchor and code_i is None and (ln.blank and ln.text.strip() == "" or i == date_i):
            break  # no "Số" line: the left column ends at a blank line or the date line
        seg = _left_segment(ln)
        if not seg:
            continue
        s, e, txt = seg
        if _CODE_LINE.match(txt) or _SO_ALONE.match(txt) or _SO_COLON.match(txt):
            continue
        if not _is_upper(txt) or _DATE.search(txt):
            if i > anchor and code_i is None:
                break  # the left column ended
            continue
        if _is_mark(txt):
            continue
        if len(txt.split()) == 1 and not _prefix_rx("org_head").match(_key(txt)):
            continue  # a stamp crumb ("THỊ") above the column, not a body's line
        segs.append((s, e, txt))
        flat = e < ln.start + len(ln.text.rstrip())  # the line goes on: other columns flattened into it
    if not segs:
        return
    if len(segs) == 1 and flat:
        segs = _split_flat(*segs[0])
    bodies = []
    heads = _prefix_rx("org_head")
    for s, e, txt in segs:
        if bodies and not heads.match(_key(txt)):
            bodies[-1][1] = e
            bodies[-1][2] += " " + txt
        else:
            bodies.append([s, e, txt])
    name = bodies[-1][2]
    parent = bodies[-2][2] if len(bodies) > 1 else None
    h.issuer = model.Issuer(name=_clean_ws(name), parent=_clean_ws(parent) if parent else None,
                            span=(bodies[0][0], bodies[-1][1]))
    h.spans["issuer"] = [bodies[-1][0], bodies[-1][1]]
    if parent:
        h.spans["parent"] = [bodies[-2][0], bodies[-2][1]]


@lru_cache(maxsize=None)
def _org_rx() -> "re.Pattern":
    alts = sorted((t for t, _ in _marks()["org_head"]), key=len, reverse=True)
    return re.compile("|".join(_loose(t) for t in alts))


def _split_flat(s: int, e: int, txt: str) -> list:
    """One flattened left column holding two bodies ("BAN CHẤP HÀNH TRUNG ƯƠNG VĂN PHÒNG",
    "UBND TỈNH LÂM ĐỒNG SỞ NỘI VỤ") -> [parent segment, body segment]; else [the segment].
    A split needs a named parent (not just a head: "THỦ TƯỚNG CHÍNH PHỦ", "TRƯỜNG ĐẠI HỌC X")
    and no linking word before it ("ĐẢNG BỘ CƠ QUAN UBND HUYỆN X")."""
    key = _key(txt)
    heads = list(_org_rx().finditer(key))
    links = _prefix_rx("org_link")
    for m in reversed(heads[1:]):
        p = m.start()
        before = key[:p].rstrip()
        covered = sum(h.end() - h.start() for h in heads if h.end() <= p)
        named = len(_ALNUM.findall(before)) > covered
        last_word = before.rsplit(" ", 2)[-2:]
        if not named or any(links.match(w) for w in (" ".join(last_word), last_word[-1])) \
                or len(key[p:].split()) < 2:  # "SỞ NỘI VỤ": a one-word head at the end is a name word
            continue
        left = txt[:p].rstrip()
        return [(s, s + len(left), left), (s + p, e, txt[p:])]
    return [(s, e, txt)]


def _clean_ws(s: str) -> str:
    return _WS.sub(" ", s).strip(" -")


def _is_mark(txt: str) -> bool:
    k = _norm_key(txt)
    for kind in ("urgency", "secrecy", "circulation", "draft", "copy"):
        if k in _mark_values(kind):
            return True
    m = _prefix_rx("draft").match(_key(txt.strip()))
    # "(Dự thảo 3)", "DỰ THẢO LẦN 2", "Dự thảo 06/8/2025" are marks; "DỰ THẢO LUẬT THƯƠNG MẠI
    # ĐIỆN TỬ" under TỜ TRÌNH is a trích yếu that starts with the same words
    return bool(m) and not _TWO_LETTERS.search(txt.strip()[m.end():])


def _fill_marks(h, lines, r0, stop) -> None:
    for i in range(r0, min(stop, len(lines))):
        ln = lines[i]
        # a mark stands alone on its line or in its column segment
        segs = []
        prev = 0
        for cs, ce, _ in _cuts(ln) + [(len(ln.text), len(ln.text), "")]:
            sg = _stripped(ln, prev, cs)
            if sg:
                segs.append(sg)
            prev = ce
        for s, e, txt in segs:
            k = _norm_key(txt)
            for kind, attr in (("urgency", "urgency"), ("secrecy", "secrecy")):
                vals = _mark_values(kind)
                if k in vals and _is_upper(txt) and getattr(h, attr) is None:
                    setattr(h, attr, vals[k])
                    h.spans[attr] = [s, e]
        code_e = h.spans.get("code", [None, None])[1]
        if code_e is not None and ln.start <= code_e <= ln.end:
            _marks_after_code(h, ln, code_e - ln.start)


@lru_cache(maxsize=None)
def _mark_at_rx(kind: str) -> "re.Pattern":
    """_prefix_rx without the "^" anchor, for ``match(key, pos)`` inside a line."""
    alts = sorted((t for t, _ in _marks()[kind]), key=len, reverse=True)
    return re.compile(r"[\W_]*(?:" + "|".join(_loose(t) for t in alts) + r")")


def _marks_after_code(h, ln: _Line, at: int) -> None:
    """E-office exports print the marks on the number's line: "Số: 3954/VP-VX THƯỢNG KHẨN
    Nghệ An, ngày …", "Số 04-NQ/HU MẬT"; each mark is upper case right after the code."""
    while at < len(ln.text):
        hit = None
        for kind in ("urgency", "secrecy"):
            m = _mark_at_rx(kind).match(ln.key, at)
            if m and (hit is None or m.end() > hit[1].end()):
                hit = (kind, m)
        if hit is None:
            return
        kind, m = hit
        seg = _stripped(ln, at, m.end())
        if not seg or not _is_upper(seg[2]):
            return
        if getattr(h, kind) is None:
            setattr(h, kind, _mark_values(kind).get(_norm_key(seg[2]), seg[2]))
            h.spans[kind] = [seg[0], seg[1]]
        at = m.end()


def _type_line(lines, start, stop, first_only=False) -> Optional[tuple]:
    """(line index, canonical type, rest-of-line start or None) of the centred type line."""
    names = _types()["names"]
    seen = 0
    for i in range(start, min(stop, len(lines))):
        ln = lines[i]
        txt = ln.text.strip()
        if not txt or ln.blank:
            continue
        seen += 1
        if first_only and seen > 3:
            return None
        if not _is_upper(txt):
            continue
        k = _WS.sub(" ", fold(txt)).strip(" :.")
        if k in names:
            return i, names[k], None
        k2 = _norm_key(txt)
        if k2 in _types()["stripped"]:
            return i, _types()["stripped"][k2], None
        # "TỜ TRÌNH" followed on the same line by more upper-case words: type + title start
        for n in _types()["longest_first"]:
            if k.startswith(n + " ") and len(n) >= 5:
                return i, names[n], ln.text.index(txt) + len(n)
    return None


def _is_body_start(txt: str) -> bool:
    t = txt.lstrip()
    if not t:
        return False
    if _LIST_LABEL.match(t):
        return True
    if not t[0].isupper():
        return False
    if _prefix_rx("kinh_gui").match(_key(t)):
        return True
    m = _prefix_rx("body_start").match(_key(t))
    if not m:
        return False
    # accent-stripped one-word starts collide with title words ("Nhằm"/"Nhâm", "Ngày"/"Ngay",
    # "Mục"/"Mức"): a one-word body start must also match with its diacritics
    return len(m.group(0).split()) > 1 or bool(_fold_prefix_rx("body_start").match(fold(t)))


def _fill_title(h, lines, t) -> None:
    i0, name, rest = t
    h.doc_type = name
    ln = lines[i0]
    txt_s = ln.text.index(ln.text.strip()) if ln.text.strip() else 0
    h.spans["doc_type"] = [ln.start + txt_s, ln.start + txt_s + (rest - txt_s if rest else len(ln.text.strip()))]
    parts = []  # (abs start, abs end, text)
    if rest is not None:
        seg = _stripped(ln, rest, len(ln.text))
        if seg:
            parts.append(seg)
    upper_mode = None if not parts else _is_upper(parts[0][2])
    last = i0
    sentence_cut = False
    for i in range(i0 + 1, min(len(lines), i0 + 12)):
        ln = lines[i]
        txt = ln.text.strip()
        if ln.blank:
            if parts and txt and len(txt) <= 2 and not _RULE_CHAR.search(txt):
                continue  # an OCR crumb ("¬") between two title lines, not the rule under it
            if parts or (txt and _RULE.match(txt) and len(txt) >= 3):
                break
            continue
        if _is_mark(txt) and not parts:
            continue
        if txt.startswith("(") or _is_body_start(txt) and parts:
            break
        if parts and _prefix_rx("kinh_gui").match(_key(txt)):
            break
        if not parts and _prefix_rx("kinh_gui").match(_key(txt)):
            break
        up = _is_upper(txt)
        if upper_mode is None:
            upper_mode = up
        elif up != upper_mode:
            break
        if parts and parts[-1][2].rstrip().endswith((".", ";", ":")):
            break
        if parts and not upper_mode and txt[0].isupper() and txt.endswith((".", ":")) \
                and len(txt.split()) >= 6:
            sentence_cut = True
            break  # a capitalised full sentence right under the trích yếu opens the body
        jm = _STAMP_JUNK.match(ln.text) if not parts else None  # "Ngày. 0410.1202% Về việc …"
        seg = _stripped(ln, jm.end() if jm else 0, len(ln.text))
        if seg:
            parts.append(seg)
            last = i
    if parts and _is_body_start(parts[0][2]) and (sentence_cut or parts[-1][2].rstrip().endswith((".", ":", ";"))):
        parts, last = [], i0  # no trích yếu: the body starts right under the type line
    h.spans["_last"] = last
    if parts:
        parts[-1] = _strip_end(parts[-1])
        h.title = _ocr_title_start(_join(p[2] for p in parts))
        h.spans["title"] = [parts[0][0], parts[-1][1]]


class _StampJunk:
    """A receipt stamp ("ĐẾN Ngày: 04/10/2025") OCR'd onto the first title line, before "Về việc"
    (or an OCR misreading of it): ``match(text)`` -> the crumb to drop, or None."""

    @staticmethod
    @lru_cache(maxsize=None)
    def _rx() -> "re.Pattern":
        starts = sorted({"Về việc"} | {t for t, _ in _marks()["title_ocr"]}, key=len, reverse=True)
        alts = "|".join(r"\s+".join(re.escape(w) for w in t.split()) for t in starts)
        return re.compile(r"^\s*(?:\p{L}{1,4}[.:]?\s*)?[\d\W_]*\d[\d\W_]*(?=\s(?:" + alts + r")\b)\s",
                          re.I)

    def match(self, text: str):
        return self._rx().match(text)


_STAMP_JUNK = _StampJunk()


def _ocr_title_start(title: str) -> str:
    """"và việc …"/"ve việc …" at the start of a trích yếu is OCR of "Về việc" (lexicon)."""
    words = title.split(" ", 2)
    if len(words) >= 2:
        k = fold(" ".join(words[:2]))
        for t, v in _marks()["title_ocr"]:
            if fold(t) == k:
                return " ".join([v] + words[2:])
    return title


def _strip_end(part: tuple) -> tuple:
    """A trích yếu has no closing punctuation; drop a stray one (and keep the span exact)."""
    s, e, t = part
    t2 = t.rstrip(" .;:,")
    return s, e - (len(t) - len(t2)), t2


def _join(parts) -> str:
    return _WS.sub(" ", " ".join(p.strip() for p in parts)).strip()


_VV = re.compile(r"(?<![\p{L}/])[Vv]\s*/\s*[Vv]\b\s*:?\s*")


def _fill_vv(h, lines, code_i, stop, date_i) -> Optional[int]:
    vv = _VV
    parts, last = [], None
    for i in range(code_i, min(stop, len(lines))):
        ln = lines[i]
        txt = ln.text
        if not parts:
            m = vv.search(txt)
            if not m:
                continue
            s = m.end()
        else:
            s = 0
            if ln.blank or i == date_i or _cuts(ln) or _is_body_start(txt.strip()) \
                    or _is_upper(txt) or _prefix_rx("kinh_gui").match(_key(txt.strip())):
                if i == date_i or _cuts(ln):
                    continue  # interleaved right-column line inside the V/v lines
                break
            if parts[-1][2].rstrip().endswith((".", ";")):
                break
        e = len(txt)
        dm = _DATE.search(txt, s)
        if dm:  # "V/v ... Lâm Đồng, ngày ..." on one line: cut the place/date off
            e = dm.start()
            if "place" in h.spans and h.spans["place"][0] >= ln.start + s:
                e = min(e, h.spans["place"][0] - ln.start)
        for cs, ce, _ in _cuts(ln):
            if cs >= s:
                e = min(e, cs)
        seg = _stripped(ln, s, e)
        if seg:
            parts.append(seg)
            last = i
    if not parts:
        return None
    parts[-1] = _strip_end(parts[-1])
    h.title = _join(p[2] for p in parts)
    h.spans["title"] = [parts[0][0], parts[-1][1]]
    if h.doc_type is None:
        h.doc_type = "Công văn"
    return last


def _is_noise(txt: str) -> bool:
    """An OCR crumb (stamp/signature fragment) on its own line: fewer than two letters, or a
    stray mark no longer than three characters ("Đ", "5", "§", "-.", "¬„", "44-0")."""
    t = txt.strip()
    return len(_LETTER.findall(t)) < 2 or (len(t) <= 3 and not _TWO_LETTERS.search(t))


def _is_signer_line(txt: str) -> bool:
    """A line of the signature column that a PDF/OCR interleaves with the Nơi nhận list."""
    t = txt.strip()
    if t.endswith((";", ",")) or ":" in t:  # list punctuation: an (unbulleted) item, not a title
        return False
    return _is_upper(t) or _is_signer_tail(t + " ") or bool(_NAME_TAIL.match(t))


def _bullet_follows(lines, i: int, within: int = 4) -> bool:
    """Is there a bullet item among the next ``within`` non-blank, non-noise lines after i?"""
    seen = 0
    for j in range(i + 1, min(len(lines), i + 12)):
        t = lines[j].text.strip()
        if not t or _is_noise(t):
            continue
        if _BULLET.match(lines[j].text) and _TWO_LETTERS.search(t):
            return True
        seen += 1
        if seen >= within:
            return False
    return False


def _items_after(lines, i0, first: Optional[tuple]) -> tuple:
    """Bullet items ("- X;" lines, wrapped lines appended) from line i0; (items, spans, last)."""
    items, last = [], None
    cur = list(first) if first else None
    for i in range(i0, min(len(lines), i0 + 60)):
        ln = lines[i]
        txt = ln.text.strip()
        if not txt:
            continue
        b = _BULLET.match(ln.text)
        if b:
            if cur:
                items.append(cur)
            seg = _stripped(ln, b.end(), len(ln.text))
            cur = list(seg) if seg and not _is_noise(seg[2]) else None
            last = i
            continue
        if cur is None and not items and (_is_upper(txt) or _is_signer_tail(txt + " ") or _is_noise(txt)):
            continue  # the signature column's first line between "Nơi nhận:" and the list
        prev = cur[2].rstrip() if cur else ""
        if cur and not prev.endswith((";", ".")) and not _is_body_start(txt) and (
                txt[0].islower() or txt[0] == "(" or prev.endswith(",") and not _is_upper(txt)
                and not _is_signer_tail(txt + " ") and not _NAME_TAIL.match(txt)):
            seg = _stripped(ln, 0, len(ln.text))
            if seg:  # a wrapped item
                cur[1] = seg[1]
                cur[2] = cur[2] + "\n" + seg[2]
                last = i
            continue
        if (items or cur) and (_is_noise(txt) or _is_signer_line(txt)) and _bullet_follows(lines, i):
            continue  # signature column / stamp crumbs interleaved with the list (PDF, OCR)
        if cur and prev.endswith(";") and txt.endswith((";", ".")) and not _is_signer_line(txt) \
                and not _is_body_start(txt) and _bullet_follows(lines, i, 3):
            seg = _stripped(ln, 0, len(ln.text))  # an unbulleted line inside the list continues
            if seg:  # the bullet's item ("- VPCP: BTCN, các PCN;" / "các Vụ: TH, NC;")
                cur[1] = seg[1]
                cur[2] = cur[2] + "\n" + seg[2]
                last = i
            continue
        break
    if cur:
        items.append(cur)
    out, sp = [], []
    for s, e, t in items:
        t2 = _trim_item(t)
        if t2:
            out.append(_WS.sub(" ", t2))
            sp.append([s, max(s, e - (len(t) - len(t2)))])
    return out, sp, last


_NAME_TAIL = re.compile(r"^\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){1,4}$")


def _trim_item(t: str) -> str:
    """The item without its trailing ";"/"." and without what follows it on the line (a PDF
    line also carries the signature column: "- Như trên; PHÓ GIÁM ĐỐC"). A ";" inside an item
    that wraps over lines ("Các Công ty: A;\nB;\nC;") is kept."""
    t = t.strip()
    cut = None
    for m in _AFTER_SEMI.finditer(t):
        at_line_end = not m.group(1).strip() and m.end() < len(t)
        if not at_line_end and _tail_is_column(m.group(1)):
            cut = m.start()
            break
    if cut is not None:
        t = t[:cut]
    elif ";" not in t:
        m = _AFTER_STOP.search(t)
        if m and _tail_is_column(m.group(1)):
            t = t[:m.start()]
    if _prefix_rx("luu").match(_key(t)):  # "Lưu: VT, CN (2)-t3": an OCR crumb after the count
        t = _COUNT_CRUMB.sub(r"\1", t)
    t = t.rstrip()
    while t and t[-1] in ".;,: ":
        if t.endswith("./."):
            t = t[:-3]
        else:
            t = t[:-1]
    return t


def _tail_is_column(s: str) -> bool:
    """Text after an item's ";" on one line that belongs to another column (signer) or is empty."""
    s = s.strip()
    return (not s or _is_upper(s) or _is_signer_tail(s + " ") or bool(_NAME_TAIL.match(s)) or _is_noise(s)
            or bool(_prefix_rx("signed").match(_key(s))))


def _is_signer_tail(s: str) -> bool:
    return bool(_SIGNER_TAIL.match(s))


def _fill_kinh_gui(h, lines, i0) -> Optional[int]:
    rx = _prefix_rx("kinh_gui")
    for i in range(i0, min(len(lines), i0 + 8)):
        ln = lines[i]
        k = ln.key.lstrip()
        off = len(ln.key) - len(k)
        m = rx.match(k)
        if not m:
            if ln.blank:
                continue
            if i > i0 + 3:
                return None
            continue
        rest = ln.text[off + m.end():]
        rest_s = off + m.end() + (len(rest) - len(rest.lstrip(" :")))
        rest = rest.lstrip(" :")
        first = None
        if rest.strip():
            b = _BULLET.match(rest)
            seg = _stripped(ln, rest_s + (b.end() if b else 0), len(ln.text))
            if seg:
                first = seg
        items, spans, last = _items_after(lines, i + 1, first)
        h.addressees = items
        h.spans["addressees"] = spans
        return last if last is not None else i
    return None


def _fill_recipients(h, lines, i0) -> None:
    rx = _prefix_rx("noi_nhan")
    screen, texts = _head_screen("noi_nhan"), lines.texts
    for i in range(i0, len(lines)):
        if not screen(texts[i]):
            continue
        ln = lines[i]
        k = ln.key.lstrip()
        m = rx.match(k)
        if not m:
            continue
        off = len(ln.key) - len(k) + m.end()
        rest = ln.text[off:]
        first = None
        rs = off + len(rest) - len(rest.lstrip(" :"))
        rest = rest.lstrip(" :")
        b = _BULLET.match(rest)
        if b:  # "Nơi nhận: - Như trên;" on one line
            seg = _stripped(ln, rs + b.end(), len(ln.text))
            first = seg
        items, spans, _ = _items_after(lines, i + 1, first)
        h.recipients = items
        h.spans["recipients"] = spans
        return
    # no "Nơi nhận:" label (OCR drops the italic line): the list still opens with "- Như trên;"
    first_rx = _prefix_rx("recipient_first")
    for i in range(len(lines) - 1, i0 - 1, -1):
        if _BULLET.match(texts[i]) and first_rx.match(lines[i].key):
            items, spans, _ = _items_after(lines, i, None)
            if len(items) >= 2:
                h.recipients = items
                h.spans["recipients"] = spans
            return
