"""The outline: report/plan ladders (PHẦN I / A. → I. → 1. → 1.1. → 1.1.1. → a)) and normative
ladders (Phần → Chương → Mục → Điều → khoản → điểm), as a flat list with parents.

Levels come from numbering first, like an outline parser: a stack of numbering styles in use;
a label of a style already on the stack closes everything below it, a new style opens one level
deeper — unless its canonical rank (lexicon/section_markers.tsv) says it is more major than the
top ("I." after a "1." list in the preamble), then the stack is popped to where it belongs.
Sequence checks keep numbers honest: "1.2" needs a "1" above it, and a "1." after "3." in the same
style without a new parent starts a nested list one level deeper.

Decisions (documented because documents disagree):
- Report ladders: a numbered or lettered line whose text ends with ";" or "," is an item of an
  enumeration, not a heading — unless the document is normative (has "Điều N."), where khoản and
  điểm are structure even when they end with ";".
- Lines inside a quotation (amending texts: `"Điều 5. …"`) are not structure.
- PHỤ LỤC is always level 1; a Biểu/Biểu mẫu is level 1 too, or level 2 under a PHỤ LỤC.
- Spans stop before "Nơi nhận" and the signature block; after them the style stack is reset
  (an attached document or appendix starts a fresh outline).
- Unnumbered headings (Word "Heading" styles without numbering) are not sections: their level
  cannot be placed among numbered ones reliably.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

import regex as re

from .. import model
from ..lexicon import rows
from ..normalize import fold
from .signatures import find_blocks

MAX_TITLE = 200
HEADER_GAP = 600  # header fields further apart than this belong to another cluster
PDF_WRAP = 60  # a PDF line at least this long that does not end a sentence wraps onto the next


@lru_cache(maxsize=1)
def _vocab() -> dict:
    v = {"keywords": [], "rank": {}, "letters": [], "roman": [], "ordinal": {}}
    for r in rows("section_markers"):
        t = r["type"]
        if t == "keyword":
            v["keywords"].append((r["key"], r["value"], float(r["rank"]), r["label"]))
        elif t == "style":
            v["rank"][r["key"]] = float(r["rank"])
        elif t == "letters":
            v["letters"] = r["value"].split()
        elif t == "roman":
            v["roman"] = r["value"].split()
        elif t == "ordinal":
            v["ordinal"][r["key"]] = int(r["value"])
    v["keywords"].sort(key=lambda k: -len(k[0]))
    return v


@lru_cache(maxsize=1)
def _keyword_re():
    v = _vocab()
    kws = "|".join(re.escape(k[0]) for k in v["keywords"])
    ords = "|".join(re.escape(o) for o in sorted(v["ordinal"], key=len, reverse=True))
    return re.compile(
        rf"^(?P<kw>{kws})(?:\s+(?:số\s+)?(?P<num>(?:{ords})\b|[ivxlc]+\b|\d+[a-zđ]?\b(?:/[\w.\-]+)?|[a-zđ]\b))?"
        r"\s*(?P<punct>[.:\-)]?)\s*")


# report/plan numbering styles, tried in order on the original-case text
_STYLES = [
    ("decimal", re.compile(r"^(?P<lab>\d{1,2}(?:\.\d{1,2}){1,4})(?P<punct>\.?)(?:\s+|(?=\p{Lu}))")),
    # "2a." is an inserted khoản (normative amendments): a sibling of "2."
    ("number", re.compile(r"^(?P<lab>\d{1,2}(?:[a-zđ](?=\.))?)\s*(?:(?P<punct>\.)(?:\s+|(?=\p{Lu}))|(?P<punct2>[-–])\s+)")),
    # OCR reads "9." as "9,": accepted only as the exact successor of an open "8." (see _weak_ok)
    ("number", re.compile(r"^(?P<lab>\d{1,2})(?P<punct>,)\s+(?=\p{Lu})")),
    ("number_paren", re.compile(r"^(?P<lab>\d{1,2})(?P<punct>\))\s*")),
    ("paren", re.compile(r"^\((?P<lab>\d{1,2})\)\s*(?P<punct>)")),
    # "II.1." / "II.1.2": decimals under a roman heading
    ("roman_decimal", re.compile(r"^(?P<lab>[IVXL]{1,6}(?:\.\d{1,2}){1,3})(?P<punct>\.?)(?:\s+|(?=\p{Lu}))")),
    ("roman", re.compile(r"^(?P<lab>[IVXL]{1,6})\s*(?P<punct>[.\-–:/)])\s*")),
    ("alpha", re.compile(r"^(?P<lab>[A-HK-UWYZĐ])\s*(?P<punct>[.\-–/])\s+(?=\p{Lu})")),
    ("letter_digit", re.compile(r"^(?P<lab>[a-zđ]\d)\s*(?P<punct>\))\s*")),
    ("letter", re.compile(r"^(?P<lab>[a-zđ])\s*(?P<punct>\))\s*")),
    ("letter", re.compile(r"^(?P<lab>[a-zđ])(?P<punct>\.)\s+(?=\p{Lu})")),
    ("roman_lower", re.compile(r"^(?P<lab>(?:i{1,3}|iv|v|vi{1,3}|ix|x))\s*(?P<punct>\))\s*")),
]


# Every pattern above (and every keyword) needs one of these openings: one match rejects the ~85%
# of lines that are body text before the dozen style patterns are tried.
_GATE = re.compile(r"[\d(]|[IVXL]{1,6}\s*[.\-–:/)]|[A-HK-UWYZĐ]\s*[.\-–/]|[a-zđ]\d?\s*[).]|[ivx]{1,4}\s*\)")


_DIGITS = re.compile(r"\d+")


@lru_cache(maxsize=1)
def _keyword_starts() -> tuple:
    return tuple(k[0] for k in _vocab()["keywords"])


# a chapter line that describes another text's layout by its article range
_DESCRIBED = re.compile(r"\(gồm\b|\bgồm \d+ điều|\btừ điều \d+|\bđiều \d+\s*(?:đến|-)\s*điều")


@dataclass
class _Cand:
    bi: int  # block index
    start: int
    kind: str  # style key or keyword kind
    label: str
    title: str
    rank: float
    value: Optional[tuple]  # numeric value(s) for sequence checks
    strong: bool  # bold/heading/upper-case cue
    listy: bool  # ends like an enumeration item (";" or ",")
    intro_colon: bool = False  # the line before ends with ":" (an announced enumeration)
    weak: bool = False  # an OCR-damaged label ("9,"): structure only if it continues a sequence


def _roman_value(s: str) -> Optional[int]:
    r = _vocab()["roman"]
    return r.index(s.upper()) + 1 if s.upper() in r else None


def _letter_value(s: str) -> Optional[int]:
    ls = _vocab()["letters"]
    return ls.index(s[0]) + 1 if s[:1] in ls else None


def _clean_title(t: str) -> str:
    t = t.strip().strip("*_ ").strip()
    if ":" in t:
        head, tail = t.split(":", 1)
        if tail.strip() and len(head) <= 160:
            t = head
    if len(t) > MAX_TITLE:
        cut = t[:MAX_TITLE]
        m = re.search(r"^(.{20,}?[.;])\s", cut)
        t = m.group(1) if m else cut.rsplit(" ", 1)[0]
    return t.strip().rstrip(".:;,").strip()


def _parse_line(text: str, ftext: str):
    """(kind, label, rest, value, rank, punct) for a line that opens with an outline label."""
    kw_start = ftext.startswith(_keyword_starts())
    if not kw_start and not _GATE.match(text):
        return None
    v = _vocab()
    m = _keyword_re().match(ftext) if kw_start else None
    if m:
        kw = m.group("kw")
        entry = next(k for k in v["keywords"] if k[0] == kw)
        num = m.group("num")
        kind = entry[3]
        rest = text[m.end():]
        if kind in ("appendix", "bieu"):
            if num is None and m.group("punct") not in ("", ":", "."):
                return None
            if kind == "appendix" and rest and not num and (
                    rest[:1].islower() or (len(rest) > 40 and rest.rstrip().endswith("."))):
                return None  # "Phụ lục kèm theo …", "Phụ lục Kết quả … kèm theo Báo cáo." in text
            if kind == "bieu" and not num:
                return None
            # "Biểu số 01", "Phụ lục số 02": the label as printed after the keyword
            lab = entry[1] + (" " + " ".join(text[m.end("kw"):m.end("num")].split()) if num else "")
            return kind, lab.strip(), rest, None, entry[2], m.group("punct")
        if num is None:
            return None
        raw = text[m.start("num"):m.end("num")]
        if kind == "dieu":
            bare = m.group("punct") == "" and not rest.strip()  # "Điều 5" alone (Hiến pháp)
            if not re.fullmatch(r"\d+[a-zđ]?", num) or (m.group("punct") not in (".", ":") and not bare):
                return None
            val = (int(_DIGITS.match(num).group()),)
        elif kind in ("phan", "chuong"):
            if num in v["ordinal"]:
                val = (v["ordinal"][num],)
            elif _roman_value(num):
                val = (_roman_value(num),)
            elif num.isdigit():
                val = (int(num),)
            else:
                return None
            # "Chương trình", "Phần mềm" never get here (need a number); reject running text
            if rest[:1].islower():
                return None
            if _DESCRIBED.search(fold(rest)):
                return None  # "Chương I. Quy định chung (gồm 14 điều: từ Điều 1 …)": a report
                # describing a draft's layout, not this document's chapter
        else:  # muc, tieu_muc
            if not re.fullmatch(r"\d+[a-zđ]?|[ivxlc]+", num):
                return None
            if rest[:1].islower() and m.group("punct") == "":
                return None
            val = (_roman_value(num) or int(_DIGITS.match(num).group()),) if num[0].isdigit() or _roman_value(num) else None
        label = f"{entry[1]} {raw}"
        return kind, label, rest, val, entry[2], m.group("punct")
    for kind, pat in _STYLES:
        m = pat.match(text)
        if not m:
            continue
        lab = m.group("lab")
        if kind == "decimal":
            val = tuple(int(x) for x in lab.split("."))
            rank = _vocab()["rank"]["decimal"] + len(val) - 2
        elif kind in ("number", "number_paren", "paren"):
            val = (int(_DIGITS.match(lab).group()),)
            rank = _vocab()["rank"][kind]
            if val[0] == 0:
                return None
        elif kind == "roman_decimal":
            head, *nums = lab.split(".")
            if _roman_value(head) is None:
                return None
            val = (_roman_value(head),) + tuple(int(x) for x in nums)
            rank = _vocab()["rank"]["decimal"] + len(val) - 2
        elif kind == "roman":
            rv = _roman_value(lab)
            if rv is None:
                return None
            val, rank = (rv,), _vocab()["rank"]["roman"]
        elif kind == "alpha":
            val, rank = (ord(lab) - 64,), _vocab()["rank"]["alpha"]
        elif kind == "letter_digit":
            lv = _letter_value(lab)
            if lv is None:
                return None
            val, rank = (lv, int(lab[1])), _vocab()["rank"]["letter_digit"]
        elif kind == "letter":
            lv = _letter_value(lab)
            if lv is None:
                return None
            val, rank = (lv,), _vocab()["rank"]["letter"]
        else:
            val, rank = (["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"].index(lab) + 1,), \
                _vocab()["rank"]["roman_lower"]
        rest = text[m.end():]
        if not rest.strip():
            pass  # label alone on its line: the title is on the next one
        elif not (rest[:1].isupper() or rest[:1].isdigit() or rest[:1] in "\"'(“*"):
            if kind not in ("letter", "letter_digit", "number", "number_paren", "paren", "roman_lower"):
                return None
            if kind in ("number",) and rest[:1].islower():
                return None
        return kind, lab, rest, val, rank, m.groupdict().get("punct") or m.groupdict().get("punct2") or ""
    return None


def _body_blocks(ctx) -> list:
    out = []
    for i, b in enumerate(ctx.blocks):
        if b.style in ("esign", "running-head"):
            continue
        if b.table is not None:  # data cells and layout tables are not outline
            continue
        if not (b.text and b.text.strip()) and not b.list_label:
            continue
        out.append(i)
    return out


def _cuts(ctx) -> list:
    """Offsets where the body pauses: 'Nơi nhận' labels and signature blocks."""
    cuts = set()
    for i, b in enumerate(ctx.blocks):
        f = ctx.folded[b.start:b.end].lstrip(" *_#")
        if f.startswith(("nơi nhận", "nơi gửi")) and b.table is None:
            cuts.add(b.start)
        elif f.startswith(("nơi nhận", "nơi gửi")) and b.layout_table:
            cuts.add(b.start)
    for sb in find_blocks(ctx):
        cuts.add(min(sb.start, ctx.blocks[sb.first].start))
    return sorted(cuts)


def _header_end(ctx) -> int:
    """End of the header block (issuer/number/date/title) from the header stage, if it ran."""
    h = ctx.header
    if h is None:
        return 0
    spans = dict(getattr(h, "spans", {}) or {})
    found = []
    for key in ("issuer", "code", "number", "date", "place", "doc_type", "title", "urgency", "secrecy"):
        s = spans.get(key)
        if s and len(s) == 2 and s[0] is not None and s[1] is not None and s[1] < len(ctx.text) * 0.5:
            found.append((s[0], s[1]))
    if h.issuer is not None and h.issuer.span:
        found.append(tuple(h.issuer.span))
    # one cluster from the first field on: a PDF text layer can print the header grid after the
    # first page's body ("TỜ TRÌNH" … "I. SỰ CẦN THIẾT" … then "TÒA ÁN … Số: …")
    end = 0
    for a, b in sorted(found):
        if end and a - end > HEADER_GAP:
            break
        end = max(end, b)
    return end


def _candidates(ctx, idx: list) -> list:
    text, folded, blocks = ctx.text, ctx.folded, ctx.blocks
    cands = []
    in_quote = 0
    pdf = ctx.format == "pdf"
    hdr_end = _header_end(ctx)
    full = _full_line(blocks, idx) if pdf else PDF_WRAP
    for n, i in enumerate(idx):
        b = blocks[i]
        t = b.text
        quote_open = in_quote > 0
        q = t.count('"')
        if in_quote:
            in_quote = 0 if q % 2 == 1 else in_quote - 1
            continue
        if t.lstrip().startswith('"'):
            if q % 2 == 1:
                in_quote = 80  # a quotation spanning paragraphs (bounded: a stray quote)
            continue
        if b.start < hdr_end:
            continue
        if pdf and n > 0 and _continues(blocks[idx[n - 1]], b, full):
            continue
        lead = len(t) - len(t.lstrip("*_ "))  # markdown emphasis the txt reader left in place
        if not b.list_label and not _GATE.match(t, lead) and \
                not folded.startswith(_keyword_starts(), b.start + lead, b.end):
            continue  # _parse_line's own gate, without cutting the line out first
        line = t[lead:]
        fline = folded[b.start + lead:b.end]
        if b.list_label:  # Word auto-numbering: the label is not in the text
            line = normalize_label(b.list_label) + " " + t
            fline = fold(line)
        p = _parse_line(line, fline)
        if not p:
            continue
        kind, label, rest, val, rank, punct = p
        title = rest
        # title on the next line ("Chương I" / "QUY ĐỊNH CHUNG"; PHỤ LỤC / its name)
        j = n + 1
        if not rest.strip() and j < len(idx) and kind != "dieu":
            nb = blocks[idx[j]]
            if nb.table is None and len(nb.text) < 250 and not _parse_line(nb.text, folded[nb.start:nb.end]):
                title = nb.text
                j += 1
                if kind in ("appendix", "chuong", "phan", "bieu") and j < len(idx):
                    nb2 = blocks[idx[j]]
                    if nb2.text.isupper() and len(nb2.text) < 200 and not _parse_line(nb2.text, folded[nb2.start:nb2.end]):
                        title += " " + nb2.text
        elif pdf:
            # a wrapped PDF line: the paragraph goes on on the next line(s)
            cur = b
            while j < len(idx) and j < n + 30 and _continues(cur, blocks[idx[j]], full):
                nb = blocks[idx[j]]
                if t.isupper() and not nb.text.isupper():
                    break
                if len(title) < 2 * MAX_TITLE:
                    title += " " + nb.text
                cur = nb
                j += 1
        if kind in ("chuong", "phan") and _DESCRIBED.search(fold(title)):
            continue  # the wrapped rest of a described chapter line: "… phá\nsản (gồm 07 điều …)"
        full_end = blocks[idx[j - 1]].end if j - 1 > n else b.end
        tail = text[b.start:full_end].rstrip()
        listy = tail.endswith((";", ","))
        strong = bool(b.bold or b.heading or (b.list_label and b.heading) or
                      (len(rest) > 3 and rest.isupper()))
        intro = n > 0 and blocks[idx[n - 1]].text.rstrip().endswith(":")
        cands.append(_Cand(i, b.start, kind, label, _clean_title(title), rank, val, strong, listy, intro,
                           weak=punct == ","))
    return cands


def _continues(prev, cur, full: int = PDF_WRAP) -> bool:
    """PDF line ``cur`` continues the paragraph of ``prev``: prev fills the line (``full`` = the
    document's typical full-line length) and is unterminated, and cur is not indented further
    (first lines of paragraphs are indented in Word output)."""
    pt = prev.text.rstrip()
    if prev.page != cur.page and prev.page is not None or cur.table is not None:
        return False
    if len(pt) < full or pt.endswith((".", ":", ";", "?", "!", "./.")):
        return False
    if prev.bold != cur.bold:
        return False
    if prev.x0 is not None and cur.x0 is not None and cur.x0 > prev.x0 + 3:
        return False
    return True


def _full_line(blocks, idx) -> int:
    """Typical length of a full PDF text line (90th percentile) times 0.85."""
    ls = sorted(len(blocks[i].text) for i in idx if blocks[i].text)
    if len(ls) < 10:
        return PDF_WRAP
    return max(40, int(ls[int(len(ls) * 0.9)] * 0.85))


def normalize_label(lab: str) -> str:
    lab = lab.strip()
    return lab if lab[-1:] in ".)-:" or lab.lower().startswith(("điều", "chương", "phần", "mục")) else lab + "."


_KEYWORD_KINDS = {"phan", "chuong", "muc", "tieu_muc", "dieu", "appendix", "bieu"}


def extract_sections(ctx) -> list:
    idx = _body_blocks(ctx)
    if not idx:
        return []
    cands = _candidates(ctx, idx)
    _smooth_listy(cands)
    normative = sum(1 for c in cands if c.kind == "dieu") >= 1
    cuts = _cuts(ctx)
    sections: list = []
    # stack entries: [style key, rank, last value, section id, level]
    stack: list = []
    last_cut_seen = -1
    appendix_open = False
    for c in cands:
        # a Nơi nhận/signature between the previous heading and this one: fresh outline
        passed = [x for x in cuts if x < c.start]
        if passed and passed[-1] != last_cut_seen and (not sections or passed[-1] > sections[-1].span[0]):
            stack = []
            appendix_open = False
            last_cut_seen = passed[-1]
        if c.kind in ("letter", "number", "number_paren", "paren", "letter_digit", "roman_lower") \
                and c.listy and not normative and not c.strong:
            continue
        if normative and c.kind == "letter_digit":
            # "a1)" in a legal text is an inserted điểm beside "a)", not a sub-point
            c.kind, c.value, c.rank = "letter", c.value[:1], _vocab()["rank"]["letter"]
        key = _style_key(c)
        if c.weak and not any(e[0] == key and e[2] and _succ(e[2], c.value) for e in stack):
            continue
        if c.kind == "appendix":
            stack = []
            appendix_open = True
        elif c.kind == "bieu":
            stack = [e for e in stack if e[0] == "appendix"] if appendix_open else []
        else:
            if not _place(stack, c, key):
                continue
        parent = stack[-1][3] if stack else None
        level = (stack[-1][4] + 1) if stack else 1
        sid = len(sections)
        sections.append(model.Section(id=sid, parent=parent, level=level, label=_final_label(c),
                                      title=c.title, span=(c.start, c.start), kind=_kind_name(c)))
        stack.append([key, c.rank, c.value, sid, level])
    _close_spans(ctx, sections, cuts, idx)
    return sections


def _smooth_listy(cands: list) -> None:
    """A heading whose line happens to end with ";" keeps its heading siblings' verdict: a
    candidate is listy only when its neighbours of the same style (same run) are listy too.
    But an enumeration announced by a line ending with ":" whose items mostly end with ";" is
    listy as a whole, its last item (ending with ".") and a badly wrapped one included."""
    orig = [c.listy for c in cands]
    for k, c in enumerate(cands):
        if not orig[k]:
            continue
        for before, rng in ((True, range(k - 1, -1, -1)), (False, range(k + 1, len(cands)))):
            for m in rng:
                o = cands[m]
                if o.rank < c.rank:
                    break
                if o.kind == c.kind:
                    if not orig[m] and o.value and c.value and (
                            _succ(o.value, c.value) if before else _succ(c.value, o.value)):
                        c.listy = False
                    break
    for run in _runs(cands):
        votes = [orig[k] for k in run[:-1]]
        if len(run) >= 3 and cands[run[0]].intro_colon and 2 * sum(votes) > len(votes):
            for k in run:
                cands[k].listy = True


def _runs(cands: list) -> list:
    """Index runs of consecutive siblings of one style: broken by a more major candidate or by a
    restart at 1."""
    runs, open_runs = [], {}
    for k, c in enumerate(cands):
        for kind in [x for x, (rank, _) in open_runs.items() if rank > c.rank]:
            runs.append(open_runs.pop(kind)[1])  # a more major heading closes deeper runs
        cur = open_runs.get(c.kind)
        if cur is not None:
            last = cands[cur[1][-1]]
            if c.value and last.value and _succ(last.value, c.value):
                cur[1].append(k)
                continue
            runs.append(open_runs.pop(c.kind)[1])
        open_runs[c.kind] = (c.rank, [k])
    runs.extend(r for _, r in open_runs.values())
    return runs


def _style_key(c: _Cand) -> str:
    if c.kind in ("decimal", "roman_decimal"):
        return f"{c.kind}{len(c.value)}"
    return c.kind


def _place(stack: list, c: _Cand, key: str) -> bool:
    """Pop the stack to where ``c`` belongs; False when ``c`` is not plausible structure."""
    # same style already open: close down to it (prefer the entry whose sequence continues)
    same = [k for k, e in enumerate(stack) if e[0] == key]
    if c.kind == "roman_decimal":
        # "II.1" belongs under "II" (or under "II.1" when it is "II.1.1")
        prefix = c.value[:-1]
        ok = [k for k, e in enumerate(stack)
              if (e[0] == "roman" and len(prefix) == 1 and e[2] and e[2][:1] == prefix)
              or (e[0] == f"roman_decimal{len(prefix)}" and e[2] == prefix)]
        if ok:
            del stack[ok[-1] + 1:]
            return True
        if same:
            del stack[same[-1]:]
            return True
        return False
    if c.kind == "decimal":
        # "1.2" belongs under a section numbered 1 (number or the decimal one shorter)
        prefix = c.value[:-1]
        ok = [k for k, e in enumerate(stack)
              if (e[0] == "number" and e[2] and (e[2][0],) == prefix[:1] and len(prefix) == 1)
              or (e[0] == f"decimal{len(prefix)}" and e[2] == prefix)]
        if same:
            del stack[same[-1]:]
            return True
        if ok:
            del stack[ok[-1] + 1:]
            return True
        if not stack and c.value[-1] == 1:
            return True
        return any(e[0] == "number" for e in stack) or c.value[-1] == 1 or not stack
    if same:
        cont = [k for k in same if stack[k][2] and c.value and _next(stack[k][2], c.value)]
        if cont:
            del stack[cont[-1]:]
            return True
        top = same[-1]
        first = c.value is not None and c.value[-1] == 1
        last = stack[top][2]
        if c.value and last and not first and not c.strong and c.kind not in _KEYWORD_KINDS and \
                (c.value[-1] > last[-1] + 3 or c.value[-1] < last[-1]):
            return False  # "66-…", "12." in wrapped text: not the next label of this style
        if first and top == len(stack) - 1 and stack[top][2] and stack[top][2][-1] >= 1:
            # "1." right after "3." of the same style: a nested list one level deeper
            return True
        del stack[top:]
        return True
    # a style not open yet: more major ranks pop the stack first — but a report ladder inside an
    # article ("Điều 1. Phê duyệt Đề án … I. QUAN ĐIỂM …") stays inside it
    while stack and stack[-1][1] >= c.rank and not (c.kind in _KEYWORD_KINDS and stack[-1][0] == "appendix"):
        if stack[-1][0] == "dieu" and c.kind not in _KEYWORD_KINDS:
            break
        stack.pop()
    return True


def _succ(prev: tuple, cur: tuple) -> bool:
    return len(prev) == len(cur) and cur[:-1] == prev[:-1] and cur[-1] == prev[-1] + 1


def _next(prev: tuple, cur: tuple) -> bool:
    return len(prev) == len(cur) and cur[:-1] == prev[:-1] and cur[-1] in (prev[-1] + 1, prev[-1])


def _final_label(c: _Cand) -> str:
    return c.label.rstrip(".):").strip()


def _kind_name(c: _Cand) -> str:
    return {"number_paren": "number", "letter_digit": "letter", "roman_lower": "roman",
            "roman_decimal": "decimal"}.get(c.kind, c.kind)


def _close_spans(ctx, sections: list, cuts: list, idx: list) -> None:
    """Each section runs until the next section of the same or a higher level, a footer cut, or
    the end of the text; trailing blank lines are trimmed."""
    n = len(sections)
    text = ctx.text
    for k, s in enumerate(sections):
        end = len(text)
        for m in range(k + 1, n):
            if sections[m].level <= s.level:
                end = sections[m].span[0]
                break
        for x in cuts:
            if x > s.span[0]:
                end = min(end, x)
                break
        while end > s.span[0] and text[end - 1] in " \n":
            end -= 1
        s.span = (s.span[0], end)
