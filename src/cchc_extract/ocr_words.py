"""Repair OCR-damaged diacritics in extracted header fields ("TRUYÊN THÔNG" → "TRUYỀN THÔNG",
"cao đăng" → "cao đẳng", "QUANG NGAI" → "QUẢNG NGÃI").

Tesseract often gets a Vietnamese letter right but its tone or hat wrong. A syllable that forms no
known two-syllable word with either neighbour, while exactly one variant of it with other marks
(same letters without accents) does, is replaced by that variant. Known words: underthesea's
Viet74K dictionary (shipped with the dependency) plus the phrases of our own lexicons (places,
issuers, positions, document types, law names), which are trusted first. Ambiguity means no
change; a syllable of our lexicons ("ban", "tỉnh") changes only through a lexicon phrase. Used
only on OCR'd documents: on the gold's clean header values it would still change 1 of 405
wrongly, on the OCR'd ones it fixed 7 of 107 and broke none.
Values change, spans still point at the printed (OCR) text; a warning lists every change.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

import regex as re

from .lexicon import rows
from .normalize import fold, strip_accents

_SYL = re.compile(r"\p{L}+")
# final i/y are one spelling choice ("kí"/"ký", "lí"/"lý"): keys write both as y
_FINAL_I = re.compile(r"(?<=[b-df-hj-np-tv-zđ])[iíìỉĩị](?=\s|$)")
_IY = str.maketrans("iíìỉĩị", "yýỳỷỹỵ")
# function words OCR does not damage into other words often enough to risk changing them
_KEEP = frozenset("của các và là có cho với theo tại trong những một này đó được đã sẽ thì mà về "
                  "từ đến do".split())


def _iy(s: str) -> str:
    return _FINAL_I.sub(lambda m: m.group().translate(_IY), s)


def _key(pair: str) -> str:
    return strip_accents(pair)


@lru_cache(maxsize=1)
def _vocab() -> tuple:
    """(pairs, pairs by accent-free key, trusted pairs); empty without underthesea."""
    pairs: set = set()
    trusted: set = set()
    by_key: dict = {}

    def add(phrase: str, trust: bool) -> None:
        sy = _iy(fold(unicodedata.normalize("NFC", phrase.strip()))).split()
        if not all(s.isalpha() for s in sy):
            return
        for a, b in zip(sy, sy[1:]):
            p = f"{a} {b}"
            if trust:
                trusted.add(p)
            if p not in pairs:
                pairs.add(p)
                by_key.setdefault(_key(p), set()).add(p)

    for phrase in _lexicon_phrases():
        add(phrase, True)
    spec = find_spec("underthesea")
    if spec and spec.origin:
        dic = Path(spec.origin).parent / "corpus" / "data" / "Viet74K.txt"
        if dic.is_file():
            with open(dic, encoding="utf-8") as fh:
                for line in fh:
                    if line.count(" ") == 1:
                        add(line, False)
    return pairs, by_key, trusted


def _lexicon_phrases():
    for r in rows("places"):
        for n in [r["name"], *filter(None, r["variants"].split("|"))]:
            yield n
            yield "tỉnh " + n
            yield "thành phố " + n
    for r in rows("issuers"):
        yield r["name"]
        yield from filter(None, r["aliases"].split("|"))
    for r in rows("positions"):
        yield r["position"]
    for r in rows("doc_types"):
        yield r["name"]
    for r in rows("law_names"):
        yield r["name"]


def _spelled_like(src: str, new: str) -> str:
    """``new`` in the case of ``src``, and with src's final i/y spelling (keys write y)."""
    if src[-1:].lower() in "iíìỉĩị" and new[-1:] in "yýỳỷỹỵ":
        new = new[:-1] + new[-1].translate(str.maketrans("yýỳỷỹỵ", "iíìỉĩị"))
    return "".join(n.upper() if s.isupper() else n for s, n in zip(src, new))


def repair(text: str, passes: int = 2) -> tuple:
    """(repaired text, [(old, new), …]); same length as ``text``."""
    pairs, by_key, trusted = _vocab()
    trusted_syllables = _trusted_syllables()
    changes = []
    for _ in range(passes):  # a fix can give its neighbour the context it lacked
        toks = [(m.start(), m.end(), m.group()) for m in _SYL.finditer(text)]
        low = [_iy(fold(t)) for _, _, t in toks]
        n = len(toks)
        joined = [i + 1 < n and text[toks[i][1]:toks[i + 1][0]] == " " for i in range(n)]
        known = [False] * n
        for i in range(n - 1):
            if joined[i] and f"{low[i]} {low[i + 1]}" in pairs:
                known[i] = known[i + 1] = True
        out = list(text)
        for i, (s, e, w) in enumerate(toks):
            if known[i] or low[i] in _KEEP:
                continue
            trust, free = set(), set()
            if i > 0 and joined[i - 1]:
                for c in by_key.get(_key(f"{low[i - 1]} {low[i]}"), ()):
                    a, b = c.split()
                    if c in trusted and (a == low[i - 1] or not known[i - 1]):
                        trust.add(b)
                    elif a == low[i - 1] and not known[i - 1]:
                        free.add(b)
            if joined[i]:
                for c in by_key.get(_key(f"{low[i]} {low[i + 1]}"), ()):
                    a, b = c.split()
                    if c in trusted and (b == low[i + 1] or not known[i + 1]):
                        trust.add(a)  # both syllables damaged: this one now, the next in turn
                    elif b == low[i + 1] and not known[i + 1]:
                        free.add(a)
            if low[i] in trusted_syllables:  # a word of our lexicons ("ban", "tỉnh", "thuộc"):
                free = set()  # only a lexicon phrase may change it, not any dictionary word
            cands = (trust or free) - {low[i]}
            if len(cands) != 1:
                continue
            new = cands.pop()
            if len(new) != len(w):
                continue
            fixed = _spelled_like(w, new)
            out[s:e] = fixed
            changes.append((w, fixed))
            low[i] = new
            if i + 1 < n and joined[i] and f"{new} {low[i + 1]}" in pairs:
                known[i] = known[i + 1] = True
            if i > 0 and joined[i - 1] and f"{low[i - 1]} {new}" in pairs:
                known[i - 1] = known[i] = True
        text = "".join(out)
    return text, changes


@lru_cache(maxsize=1)
def _trusted_syllables() -> frozenset:
    return frozenset(x for p in _vocab()[2] for x in p.split())


# OCR crumbs at the end of a list item: a letter glued to a word ("trung ươngÍ"), or marks after a
# ":"/";" with no two letters together, one stray letter among them (a stamp or signature
# fragment: "Đảng: 4 Í 4")
_GLUED_CAP = re.compile(r"(?<=\p{Ll})\p{Lu}$")
_CRUMBS = re.compile(r"\s*[:;](?:\s+(?:[^\s\p{L}]*\p{L}?[^\s\p{L}]*))+$")


def _trim_crumbs(item: str) -> str:
    if not item:
        return item
    item = _GLUED_CAP.sub("", item)
    m = _CRUMBS.search(item)  # "Lưu: 02" is a count, not crumbs: a stray letter must be there
    return item[:m.start()] if m and re.search(r"\p{L}", m.group()) else item


@lru_cache(maxsize=1)
def _syllables() -> frozenset:
    """Known syllables (folded) and issuer abbreviations, for splitting glued capitals."""
    pairs, _, _ = _vocab()
    out = {x for p in pairs for x in p.split()}
    out.update(fold(r["code"]) for r in rows("issuers") if r["code"].isalpha())
    return frozenset(out)


def split_glued(word: str) -> str:
    """"UBNDTỈNHPHÚTHỌ" → "UBND TỈNH PHÚ THỌ": OCR drops the spaces of wide-spaced capitals.
    The fewest known syllables that spell the word exactly; the word itself if there are none."""
    known = _syllables()
    low = fold(word)
    if len(word) < 8 or not word.isupper() or low in known:
        return word
    best: list = [None] * (len(low) + 1)  # best[i] = fewest pieces spelling low[:i]
    best[0] = []
    for i in range(1, len(low) + 1):
        for j in range(max(0, i - 7), i):
            if best[j] is not None and low[j:i] in known and (
                    best[i] is None or len(best[j]) + 1 < len(best[i])):
                best[i] = best[j] + [(j, i)]
    pieces = best[-1]
    if not pieces or len(pieces) < 2:
        return word
    return " ".join(word[a:b] for a, b in pieces)


def _issuer_part(v):
    if not v:
        return v
    v = " ".join(split_glued(w) for w in v.split(" "))
    return v.rstrip(" .,;:-_")  # OCR specks after the name ("UBND TỈNH PHÚ THỌ .")


def repair_header(header) -> list:
    """Repair the free-text header fields in place; [(old, new), …] for the warning."""
    if header is None:
        return []
    changes: list = []

    def fix(v):
        if not v:
            return v
        new, ch = repair(v)
        changes.extend(ch)
        return new

    if header.issuer is not None:
        header.issuer.name = fix(_issuer_part(header.issuer.name))
        header.issuer.parent = fix(_issuer_part(header.issuer.parent))
    header.title = fix(header.title)
    for key in ("addressees", "recipients"):
        items, spans = getattr(header, key), header.spans.get(key) or []
        for k, v in enumerate(items):
            t = _trim_crumbs(v)
            if len(t) < len(v) and k < len(spans):  # the span ends where the item now ends
                spans[k] = [spans[k][0], spans[k][1] - (len(v) - len(t))]
            items[k] = fix(t)
    return changes
