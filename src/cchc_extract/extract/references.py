"""References to other documents: codes (admin, normative, Party, historical, blank) and laws
cited by name, one entry per occurrence in text order.

Flow (eyecite-style): a literal screen, then code candidates from a few data-built regexes,
then for each candidate the type word before it and the date/issuer/title after it, bounded by
the next candidate. Laws cited by name come from a known-name list plus a generic rule.
"""
from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass
from typing import Optional

import regex as re

from .. import model
from ..normalize import fold, strip_accents
from . import ref_context as C
from . import ref_patterns as P
from .ref_checks import check

_NORMATIVE_WORDS = {"Nghị định", "Thông tư", "Thông tư liên tịch", "Quyết định", "Nghị quyết",
                    "Luật", "Bộ luật", "Pháp lệnh", "Chỉ thị", "Nghị quyết liên tịch"}
_SO_LINE = re.compile(r"\s*(?:Số|SỐ)\s*:?\s*$")
# A law's own number line in its header or a Công báo reprint: "Luật số: 92/2015/QH13" alone.
_LAW_NO_LINE = re.compile(r"\s*(?:Bộ luật|Luật|Pháp lệnh|BỘ LUẬT|LUẬT|PHÁP LỆNH)\s+(?:số|SỐ)\s*:?\s*")
# Types whose number without a year is a pre-1997 form, never an administrative document.
_HISTORICAL_TYPES = {"Luật", "Bộ luật", "Pháp lệnh", "Lệnh"}
_INHERIT_GAP = re.compile(r"\s*[,;]?\s*(?:và|hoặc|,|;)?\s*(?:các\s+)?(?:số\s*:?)?\s*$")
_DIGITS_TAIL = re.compile(r"\d+$")
# Precompiled: module-level re.match(str, …) pays a cache lookup per call on dense text.
_FIRST_WORD = re.compile(r"\S+\s+")
_NUMBER_NEXT = re.compile(r"\s*,?\s*(?:số|so)\s*:?\s*\d")


@dataclass(slots=True)
class _Cand:
    start: int  # of the number (or of the "/" for blank numbers)
    end: int
    form: str  # state | party | blank | hyphen | short
    number: Optional[str]
    year: Optional[int]
    symbol: Optional[str]
    code: str
    pre: int = -1  # start of the type word before it (or start)
    enum_issuer: Optional[tuple] = None  # span of "của X" in "các Quyết định của X: số …"
    doc_type: Optional[str] = None
    type_alias: Optional[str] = None
    law_title: Optional[str] = None


def _canon(s: str) -> str:
    return (s.replace("\u00d0", "Đ").replace("\u2013", "-").replace("\u2014", "-")
            .replace("\ufffe", "-").replace(" ", "").replace("\n", ""))


def _upper_count(s: str) -> int:
    return sum(1 for ch in s if ch.isupper())


def _segments(sym: str) -> list:
    return [x for x in sym.replace("/", "-").split("-") if x]


def _symbol_type(seg: str, party: bool, voc) -> Optional[str]:
    lst = voc.symbol_types.get(seg) or voc.symbol_types.get(strip_accents(seg).upper())
    if not lst:
        return None
    if party:
        for name, fam in lst:
            if fam == "party":
                return name
    for name, fam in lst:
        if fam != "party":
            return name
    return lst[0][0]


def _issuer_row(code: str, voc):
    row = voc.issuers.get(code) or voc.issuers.get(strip_accents(code).upper())
    if row is None and _DIGITS_TAIL.search(code):
        base = _DIGITS_TAIL.sub("", code)
        row = voc.issuers.get(base) or voc.issuers.get(strip_accents(base).upper())
    return row


def _issuer_codes(c: _Cand, voc) -> list:
    """Issuer codes carried by the symbol (joint symbols carry several)."""
    if not c.symbol:
        return []
    if c.form in ("party", "spaced"):
        return [c.symbol.split("/", 1)[1].split("-")[0]]
    segs = _segments(c.symbol)
    if not segs:
        return []
    if _symbol_type(segs[0], False, voc):
        rest = segs[1:]
        if c.year is None:
            rest = rest[:1]
        return rest
    return segs[:1]


def _candidates(text: str) -> list:
    out = []
    for m in P.STATE.finditer(text):
        num, year, sym = m.group("num"), m.group("year"), m.group("sym")
        sym_c = _canon(sym)
        out.append(_Cand(m.start(), m.end(), "state", num, int(year) if year else None, sym_c,
                         _canon(m.group(0))))
    for m in P.PARTY.finditer(text) if P.PARTY_GATE.search(text) else ():  # gates: ref_patterns
        sym = _canon(m.group("type") + "/" + m.group("sym"))
        out.append(_Cand(m.start(), m.end(), "party", m.group("num"), None, sym,
                         _canon(m.group(0))))
    for m in P.BLANK.finditer(text):
        s = text.index("/", m.start())
        sym = _canon(m.group("sym"))
        yr = m.group("year")
        code = f"/{yr}/{sym}" if yr else "/" + sym
        out.append(_Cand(s, m.end(), "blank", None, int(yr) if yr else None, sym, code))
    for m in P.HYPHEN.finditer(text) if P.HYPHEN_GATE.search(text) else ():
        out.append(_Cand(m.start(), m.end(), "hyphen", m.group("num"), None, m.group("sym"),
                         _canon(m.group(0))))
    for m in P.SHORT.finditer(text):
        out.append(_Cand(m.start(), m.end(), "short", m.group("num"), int(m.group("year")), None,
                         _canon(m.group(0))))
    # gate: every SPACED match holds "<digit> <TYPE>/<UPPER>", found from its rare "/" literal
    for m in P.SPACED.finditer(text) if P.SPACED_GATE.search(text) else ():
        sym = _canon(m.group("type") + "/" + m.group("sym"))
        out.append(_Cand(m.start(), m.end(), "spaced", m.group("num"), None, sym,
                         f"{m.group('num')}-{sym}"))
    grx, gtypes = P.glued()
    # gate: every glued match holds one abbreviation followed by " ?<digit>"
    for m in grx.finditer(text) if any(g.search(text) for g in P.glued_gates()) else ():
        out.append(_Cand(m.start(), m.end(), "glued", m.group("num"), None, None, m.group("num"),
                         doc_type=gtypes.get(m.group("abbr"))))
    out.sort(key=lambda c: (c.start, -(c.end - c.start)))
    kept, last_end = [], -1
    for c in out:
        if c.start >= last_end:
            kept.append(c)
            last_end = c.end
    return kept


def _skip_ranges(ctx) -> list:
    return [(b.start, b.end) for b in ctx.blocks if getattr(b, "style", None) == "esign"]


def _in_ranges(pos: int, ranges: list) -> bool:
    return any(s <= pos < e for s, e in ranges)


def _own_code(ctx) -> Optional[str]:
    h = ctx.header
    code = getattr(h, "code", None) if h is not None else None
    return _canon(code) if code else None


def _block_starts(ctx, text: str) -> list:
    if ctx.blocks:
        return sorted([b.start for b in ctx.blocks])
    starts, pos = [0], text.find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    return starts


def _is_number_line(text: str, c: _Cand, starts: list) -> bool:
    """ "Số: 58/BC-SNgV" opening a line: a document's own number, not a citation."""
    i = bisect.bisect_right(starts, c.start) - 1
    ls = starts[i] if i >= 0 else 0
    if _SO_LINE.fullmatch(text, ls, c.start):
        return True
    if _LAW_NO_LINE.fullmatch(text, ls, c.start):
        le = text.find("\n", c.end)
        return not text[c.end:le if le != -1 else len(text)].strip(" .;")
    return False


def _type_from(folded: str, win_s: int, end: int, voc) -> int:
    """Where type_before can first match in the window: without a ":" no "của X:" enumeration
    fits, so a match (type word, "(…)", "số:") holds at most N non-blank characters and starts
    on one; positions before the N-th non-blank back from the number cannot match."""
    if not voc.type_reach or folded.find(":", win_s, end) != -1:
        return win_s
    rx = voc.type_reach[1 if folded.find("(", win_s, end) != -1 else 0]
    return max(win_s, rx.search(folded, win_s, end).start())


def _type_before(c: _Cand, folded: str, lo: int, voc) -> None:
    win_s = max(lo, c.start - 140)
    m = voc.type_before.search(folded, _type_from(folded, win_s, c.start, voc), c.start)
    lm = None  # gate: law_before needs "luật" / "pháp lệnh" in the window
    if folded.find("luật", win_s, c.start) != -1 or folded.find("pháp lệnh", win_s, c.start) != -1:
        lm = voc.law_before.search(folded, win_s, c.start)
    if m and lm and m.group("type") == "luật" and lm.start() < m.start():
        m = None  # "Luật Ban hành văn bản quy phạm pháp luật số …": the name, not "luật số"
    if m:
        c.pre = m.start()
        c.type_alias = " ".join(m.group("type").split())
        c.doc_type = voc.type_alias.get(c.type_alias)
        if m.group("enum_issuer"):
            c.enum_issuer = m.span("enum_issuer")
        return
    m = lm
    if m:
        c.pre = m.start()
        c.doc_type = {"luật": "Luật", "bộ luật": "Bộ luật", "pháp lệnh": "Pháp lệnh"}[m.group("type")]
        c.type_alias = m.group("type")
        c.law_title = None  # filled from text by the caller (case kept)
        c.law_title = (m.start("type"), m.end("name"))


def _kind(c: _Cand, voc, doc_type: Optional[str] = None) -> str:
    if c.form in ("spaced", "glued"):
        return "other"
    if c.form == "state" and c.year is None and doc_type in _HISTORICAL_TYPES:
        return "other"  # "57/L-CTN", "42/LCT/HĐNN8": a law/order numbered before 1997
    if c.form == "party":
        body = c.symbol.split("/", 1)[1].split("-")[0]
        row = _issuer_row(body, voc)
        return "party" if row is not None and row["class"] == "party" else "other"
    if c.form in ("hyphen",):
        return "other"
    if c.year is not None:
        return "normative"
    if c.form == "blank" or len(_segments(c.symbol or "")) >= 2:
        return "admin"
    return "other"


def _final_type(c: _Cand, voc, inherited: Optional[str]) -> Optional[str]:
    segs = _segments(c.symbol or "")
    sym_type = _symbol_type(segs[0], c.form == "party", voc) if segs else None
    if c.doc_type:
        if c.doc_type == "Công văn" and sym_type and c.type_alias.startswith("văn bản"):
            return sym_type
        return c.doc_type
    if inherited and (sym_type is None or sym_type == inherited):
        return inherited
    if sym_type:
        return sym_type
    if c.form in ("state", "blank") and c.year is None and len(segs) >= 2:
        return "Công văn"
    return inherited


def _valid(c: _Cand, text: str, folded: str, voc) -> bool:
    if c.form == "state":
        segs = _segments(c.symbol)
        first_known = bool(_symbol_type(segs[0], False, voc) or _issuer_row(segs[0], voc))
        if _upper_count(c.symbol) < 2 and not first_known:
            return False
    if voc.not_before.search(folded, max(0, c.start - 25), c.start):
        return False
    if c.form in ("hyphen", "short", "spaced"):
        if c.doc_type is None:
            return False
        if c.form == "short" and c.doc_type not in _NORMATIVE_WORDS:
            return False
    return True


def _law_anchors(folded: str) -> list:
    """Starts of "bộ luật", "luật" (not the one inside "bộ luật"), "pháp lệnh", "hiến pháp".
    One scan finds both law words: "bộ luật" is a "luật" after "bộ "."""
    out = set()
    i = folded.find("luật")
    while i != -1:
        out.add(i - len("bộ ") if folded.endswith("bộ ", 0, i) else i)
        i = folded.find("luật", i + 1)
    for w in ("pháp lệnh", "hiến pháp"):
        i = folded.find(w)
        while i != -1:
            out.add(i)
            i = folded.find(w, i + 1)
    return sorted(out)


_LAW_WINDOW = 300
_FN_WORDS = {"về", "và", "của", "các", "đối", "với", "trong", "nước"}
_TRAIL = re.compile(r"(?:\s+(?:và|hoặc)|[\s,;:\-])+$")


def _initials(name: str) -> str:
    """ "Luật Thương mại điện tử" -> "TMĐT": how a law is abbreviated in running text."""
    ws = name.split()[1:]
    return "".join(w[0] for w in ws if w.lower() not in _FN_WORDS).upper()


def _generic_name(text: str, s: int, e: int, soft_nl: bool) -> int:
    """Where a generic "Luật <Name…>" really ends (0: not a name)."""
    nl = text.find("\n", s, e)
    if nl != -1 and not soft_nl:  # a paragraph break ends the name ("… thi hành Luật\nSau khi")
        e = nl
    first = _FIRST_WORD.match(text[s:e])
    if first is None:
        return 0
    ab = P.ABBR_END.search(text, s + first.end(), e)
    if ab:  # "Luật BHYT vẫn có …" -> "Luật BHYT"; "Luật Thuế TNDN"
        e = ab.end()
    t = _TRAIL.search(text, s, e)
    if t:
        e = t.start()
    return e


def _foreign(text: str, folded: str, s: int, e: int, lf) -> bool:
    """A foreign law ("Hàn Quốc: (1) Luật Khung …", "Đạo Luật Kinh tế số", "(Act on …)")."""
    if folded.endswith("đạo ", 0, s):
        return True
    if P.ENGLISH_AFTER.match(text, e, e + 80):
        return True
    lo = max(0, s - 45)
    ends = [m.end() for m in P.SENTENCE_END.finditer(text, lo, s)]
    if lf.foreign.search(text, ends[-1] if ends else lo, s):
        return True
    hi = min(len(text), e + 45)
    m = P.SENTENCE_END.search(text, e, hi)
    return bool(lf.foreign.search(text, e, m.start() if m else hi))


def _law_names(text: str, folded: str, voc, taken: list, skip: list, soft_nl: bool = False) -> list:
    """Laws cited by name: (start, end, type, name, date). A known name (lexicon) wins over the
    generic rule; drafts, foreign laws and the document's own draft subject are left out."""
    lf = P.law_filters()
    found = []
    for p in _law_anchors(folded):  # literal screen: regexes only run at "luật"/"pháp lệnh"/…
        # every rule below needs a capital at the anchor (the known-name check tests it, the
        # generic and Hiến pháp patterns start with "Luật"/"Bộ luật"/"Pháp lệnh"/"Hiến pháp"):
        # this skips the many "pháp luật" in prose before any regex runs
        if not text[p].isupper():
            continue
        hi = p + _LAW_WINDOW  # bounded: an open-ended match scans the rest of a long text
        m = voc.law_known.match(folded, p, hi)
        if m:
            found.append((m.start(), m.end(), True))
            continue
        if text.find("ngày", p, hi) == -1 and text.find("năm", p, hi) == -1:
            # gate: without a "ngày"/"năm" ahead, only law_generic's middle branch can match
            # (its other branches and HIEN_PHAP look ahead for a date)
            m = voc.law_named.match(text, p, hi)
        else:
            m = voc.law_generic.match(text, p, hi) or P.HIEN_PHAP.match(text, p, hi)
        if m:
            e = _generic_name(text, m.start(), m.end(), soft_nl)
            if e:
                found.append((m.start(), e, False))
    found.sort(key=lambda x: (x[0], -(x[1] - x[0])))
    cands, last = [], -1
    for s, e, known in found:
        if s < last:
            continue
        last = e
        while e > s and not text[e - 1].isalnum():
            e -= 1
        name = " ".join(text[s:e].split())
        words = strip_accents(fold(name)).split()
        if len(words) < 2 or (not known and (" ".join(words[1:3]) in lf.not_name
                                             or words[1] in lf.not_name)):
            continue
        cands.append((s, e, name))
    drafted = {s for s, _, _ in cands if voc.draft_before.search(folded, max(0, s - 30), s)}
    subjects = set()  # "dự thảo Luật Chuyển đổi số": the draft the document is about
    for s, e, name in cands:
        if s in drafted and not P.DRAFT_AFTER.match(text, e, e + 40):
            subjects.add(fold(name))
            subjects.add(fold("Luật " + _initials(name)))
    t_starts = [a for a, _ in taken]  # taken is in text order: bisect, not a scan per name
    t_ends = list(itertools.accumulate((b for _, b in taken), max))
    out = []
    for s, e, name in cands:
        k = bisect.bisect_right(t_starts, s) - 1
        if _in_ranges(s, skip) or (k >= 0 and s < t_ends[k]):
            continue
        if s in drafted:
            continue
        if name.isupper():  # "LUẬT CHUYỂN ĐỔI SỐ": a title line, not a citation
            continue
        if s > 0 and text[s - 1] in "\"“'‘":  # a proposed name: sửa tên thành "Luật Phục hồi, …"
            continue
        low = fold(name)
        if low in subjects or _foreign(text, folded, s, e, lf):
            continue
        typ = "Hiến pháp" if low.startswith("hiến pháp") else (
            "Bộ luật" if low.startswith("bộ luật") else (
                "Pháp lệnh" if low.startswith("pháp lệnh") else "Luật"))
        hi = min(len(text), e + _LAW_WINDOW)
        date, pos = C.date_at(folded, e, hi)
        if date is None:
            date, pos = C.year_at(folded, e, hi)
        if P.DRAFT_AFTER.match(text, e, hi):  # "Luật Giám định tư pháp (sửa đổi)": a draft
            continue
        # "Luật X số 80/2015/QH13": the code reference carries it.
        if _NUMBER_NEXT.match(folded, pos, pos + 20):
            continue
        out.append((s, e, typ, name, date))
    return out


def extract_references(ctx) -> list:
    text = ctx.text or ""
    if not text or not P.SCREEN.search(text):
        return []
    voc = P.vocab()
    folded = ctx.folded
    skip = _skip_ranges(ctx)
    own = _own_code(ctx)
    starts = _block_starts(ctx, text)

    cands, prev_end = [], 0
    for c in _candidates(text):
        if _in_ranges(c.start, skip) or _is_number_line(text, c, starts):
            prev_end = c.end
            continue
        if c.form != "glued":  # "NĐ30": the type is the abbreviation itself
            _type_before(c, folded, prev_end, voc)
        prev_end = c.end
        if c.pre < 0:
            c.pre = c.start
        if not _valid(c, text, folded, voc):
            continue
        if own and c.code == own:
            continue
        cands.append(c)

    soft_nl = ctx.format == "pdf" or bool(getattr(ctx, "ocr", False))
    refs, codes_of, taken = [], {}, []
    prev_ext, prev_type, prev_enum, prev_told = -1, None, None, None
    for i, c in enumerate(cands):
        prev_cite_end = max(prev_ext, 0)
        bound = cands[i + 1].pre if i + 1 < len(cands) else len(text)
        bound = max(bound, c.end)
        inherited, enum_issuer = None, None
        if c.enum_issuer:
            enum_issuer = " ".join(text[c.enum_issuer[0]:c.enum_issuer[1]].split())
        if prev_ext >= 0 and c.doc_type is None and prev_ext <= c.start and \
                _INHERIT_GAP.fullmatch(folded, prev_ext, c.start):
            inherited, enum_issuer = prev_type, prev_enum
        doc_type = _final_type(c, voc, inherited)
        date, pos = C.date_at(folded, c.end, bound)
        issuer, pos, title_from = C.issuer_at(text, folded, pos, bound, voc, soft_nl)
        if issuer is None:
            issuer = enum_issuer
        if date is None and issuer is not None:
            date, p2 = C.date_at(folded, pos, bound)
            pos = max(pos, p2)
        told_before = None
        if date is None and inherited is not None:
            told_before = date = prev_told  # "ngày …, X ban hành các Quyết định số A và B"
        elif date is None and c.pre > prev_cite_end:
            told_before = date = C.date_before(folded, prev_cite_end, c.pre)
        title, pos = C.title_at(text, folded, pos, bound, voc, title_from, soft_nl)
        if c.law_title and not title:
            a, b = c.law_title
            title = text[a:b]
        span = (c.pre, c.end)
        r = model.Reference(doc_type=doc_type, number=c.number, year=c.year, symbol=c.symbol,
                            code=c.code, date=date, issuer=issuer, title=title, kind=_kind(c, voc, doc_type),
                            span=span, raw=text[span[0]:span[1]])
        codes = _issuer_codes(c, voc)
        rows = [_issuer_row(x, voc) for x in codes]
        names = [rw["name"] for rw in rows if rw]
        r.issuer_name = ", ".join(dict.fromkeys(names)) or None
        codes_of[len(refs)] = [rw["code"] for rw in rows if rw]
        refs.append(r)
        taken.append((c.pre, max(pos, c.end)))
        prev_ext, prev_type, prev_enum, prev_told = max(pos, c.end), doc_type, enum_issuer, told_before

    for s, e, typ, name, date in _law_names(text, folded, voc, taken, skip, soft_nl):
        year = int(date[:4]) if date else None
        refs.append(model.Reference(doc_type=typ, number=None, year=year, symbol=None, code=None,
                                    date=date, issuer=None, title=name, kind="law_name",
                                    span=(s, e), raw=text[s:e]))
    order = sorted(range(len(refs)), key=lambda k: refs[k].span)
    refs = [refs[k] for k in order]
    codes_of = {new: codes_of.get(old, []) for new, old in enumerate(order)}
    check(refs, codes_of, ctx.header, lambda msg, span: ctx.warn("references", msg, span))
    return refs
