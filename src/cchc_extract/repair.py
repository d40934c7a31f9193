"""Legacy Vietnamese encodings (TCVN3/ABC, VNI) mistaken for Unicode: detect and repair per block.

Text typed with a legacy font (".VnTime", "VNI-Times") reaches us as Latin-1 look-alikes
("§¶ng bé c¬ quan" = "Đảng bộ cơ quan", "Tieáng Vieät" = "Tiếng Việt"). Real files mix legacy
and Unicode paragraphs, and Unicode Vietnamese itself is full of Latin-1 letters (á, ô, ê...),
so a block is converted only when its words become *valid Vietnamese syllables* that were not
valid before. A font hint from the reader (``Block.encoding``) lowers that bar.

Hint values readers may set on ``Block.encoding``:
``tcvn3`` | ``tcvn3-upper`` (".VnTimeH"-style font: lower-case codes render upper-case) |
``vni`` — repair this block; ``tcvn3-done`` | ``vni-done`` — the reader already repaired the
runs it knew the font of (only counted).
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex as re

from .lexicon import rows

# ---------------------------------------------------------------------------- tables


@lru_cache(maxsize=None)
def _tcvn3_tables() -> tuple:
    """(decode translate table, encode dict unicode->code char, set of upper-font letters)."""
    dec, enc = {}, {}
    for r in rows("tcvn3"):
        code = chr(int(r["code"], 16))
        if r["case"] in ("lower", "upper"):
            dec[ord(code)] = r["unicode"]
        enc[r["unicode"]] = code
    return dec, enc


@lru_cache(maxsize=None)
def _vni_tables() -> tuple:
    """(regex matching any VNI sequence, longest first; decode dict; encode dict)."""
    dec = {r["vni"]: r["unicode"] for r in rows("vni")}
    enc = {r["unicode"]: r["vni"] for r in rows("vni")}
    alts = sorted(dec, key=lambda s: (-len(s), s))
    return re.compile("|".join(re.escape(a) for a in alts)), dec, enc


def decode_tcvn3(s: str, upper: bool = False) -> str:
    """TCVN3 look-alikes -> Unicode; ``upper`` for text set in a '...H' (capitals) font."""
    out = s.translate(_tcvn3_tables()[0])
    return out.upper() if upper else out


def decode_vni(s: str) -> str:
    pat, dec, _ = _vni_tables()
    return pat.sub(lambda m: dec[m.group(0)], s)


def encode_tcvn3(s: str) -> str:
    """Unicode -> TCVN3 as Latin-1 characters (capital tone letters as their lower-case code,
    which is how they are stored under a '...H' font). For tests and fixtures."""
    enc = _tcvn3_tables()[1]
    return "".join(enc.get(c, c) for c in unicodedata.normalize("NFC", s))


def encode_vni(s: str) -> str:
    enc = _vni_tables()[2]
    return "".join(enc.get(c, c) for c in unicodedata.normalize("NFC", s))


# ---------------------------------------------------------------------------- syllables

_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
_TONE_RE = re.compile(f"[{_TONE_MARKS}]")
_ONSET = "(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
_OPEN = ("a e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iu oi ôi ơi ua ưa ui ưi ưu oa oe uê uy "
         "ya uơ iêu yêu oai oay oao oeo uây uôi ươi ươu uya uyu").split()
_CLOSED = "a ă â e ê i o ô ơ u ư y iê yê uô ươ oa oă oe uâ uê uy uyê oo ôô".split()
_CODA = "(?:ch|ng|nh|[cmnpt])"
_SYLLABLE = re.compile(
    _ONSET + "(?:(?:" + "|".join(sorted(_CLOSED, key=len, reverse=True)) + ")" + _CODA
    + "|" + "|".join(sorted(_OPEN, key=len, reverse=True)) + ")"
)
# A "word" for scoring: letters of either reading (Latin-1 look-alikes include ×, ÷ and the
# soft hyphen, which are TCVN3 letters).
_WORD = re.compile(r"[\p{L}\p{M}\u00a1-\u00ff]+")
# Letters beyond Latin-1 that only Unicode text has: a run holding them is not legacy text.
_UNICODE_VIET = re.compile(r"[ăđĩũơưĂĐĨŨƠƯ\u1ea0-\u1ef9]")
_LATIN1_HIGH = re.compile(r"[\u00a1-\u00ff]")  # where TCVN3/VNI bytes land when read as cp1252
# Latin-1 signs that are TCVN3 letters and never letters in Vietnamese/French/German text.
_TCVN3_SIGNS = set("¡¢£¤¥¦§¨©ª«¬®µ¶·¸¹»¼½¾×Þ÷þ\u00ad")


@lru_cache(maxsize=65536)
def is_syllable(word: str) -> bool:
    """A plausible Vietnamese syllable (structure and at most one tone), any case."""
    d = unicodedata.normalize("NFD", word.lower())
    if len(_TONE_RE.findall(d)) > 1:
        return False
    base = unicodedata.normalize("NFC", _TONE_RE.sub("", d))
    return bool(_SYLLABLE.fullmatch(base))


def _score(text: str, decode) -> tuple:
    """(gain, loss, sign_gain): distinct words that become / stop being Vietnamese syllables
    (a repeated word is no new evidence: French "où où" must not read as VNI "ó ó")."""
    gain = loss = signs = 0
    seen = set()
    for m in _WORD.finditer(text):
        w = m.group(0)
        if w.isascii() or len(w) < 2 or w in seen:  # lone signs (© ¥ °) decode to one letter
            continue
        seen.add(w)
        new = decode(w)
        if new == w:
            continue
        ok_new, ok_old = is_syllable(new), is_syllable(w)
        if ok_new and not ok_old:
            gain += 1
            if any(c in _TCVN3_SIGNS for c in w):
                signs += 1
        elif ok_old and not ok_new:
            loss += 1
    return gain, loss, signs


def _upper_words(raw: str, fixed: str) -> str:
    """Without a font hint, capitals typed in a '...H' font show as ASCII capitals next to
    lower-case legacy codes ("CéNG HOµ X· HéI"): upper-case the block when all its ASCII
    letters are capitals, else the words with two or more ASCII capitals and no small ones."""
    ascii_letters = [c for c in raw if c.isascii() and c.isalpha()]
    if len(ascii_letters) >= 3 and all(c.isupper() for c in ascii_letters):
        return fixed.upper()
    out, pos = [], 0
    for m in _WORD.finditer(raw):
        w = m.group(0)
        letters = [c for c in w if c.isascii() and c.isalpha()]
        if len(letters) >= 2 and all(c.isupper() for c in letters) and not w.isascii():
            out.append(fixed[pos:m.start()])
            out.append(fixed[m.start():m.end()].upper())
            pos = m.end()
    out.append(fixed[pos:])
    return "".join(out)


def _repair_tcvn3(raw: str, upper: bool) -> str:
    fixed = decode_tcvn3(raw, upper)
    if upper or len(fixed) != len(raw):
        return fixed
    return _upper_words(raw, fixed)


def _candidate(text: str) -> bool:
    return bool(_LATIN1_HIGH.search(text)) and not _UNICODE_VIET.search(text)


def detect(text: str, lenient: bool = False) -> str | None:
    """'tcvn3' | 'vni' | None for one block. ``lenient``: the document already showed legacy
    text, so a net gain of one word is enough."""
    if not _candidate(text):
        return None
    best, best_key = None, (0, 0)
    for enc, decode in (("tcvn3", decode_tcvn3), ("vni", decode_vni)):
        gain, loss, signs = _score(text, decode)
        net = gain - loss
        if net <= 0:
            continue
        strong = (gain >= 2 and gain >= 3 * loss) or (signs >= 1 and loss == 0)
        if strong or (lenient and gain > loss):
            key = (net, gain)
            if key > best_key:
                best, best_key = enc, key
    return best


def repair_blocks(blocks: list) -> str:
    """Repair blocks in place; return the source encoding label: unicode | tcvn3 | vni | mixed."""
    found = set()
    pending = []
    for b in blocks:
        hint = (b.encoding or "").lower()
        if hint.endswith("-done"):
            found.add(hint[:-5])
            continue
        if hint.startswith("tcvn3") and _candidate(b.text):
            gain, loss, _ = _score(b.text, decode_tcvn3)
            if gain >= loss:
                b.text = _repair_tcvn3(b.text, hint == "tcvn3-upper")
                found.add("tcvn3")
                continue
        if hint == "vni" and _candidate(b.text):
            gain, loss, _ = _score(b.text, decode_vni)
            if gain >= loss:
                b.text = decode_vni(b.text)
                found.add("vni")
                continue
        enc = detect(b.text)
        if enc:
            _apply(b, enc)
            found.add(enc)
        else:
            pending.append(b)
    if found:  # the document is legacy: short blocks ("§iÒu 1.") need less evidence
        for b in pending:
            enc = detect(b.text, lenient=True)
            if enc:
                _apply(b, enc)
                found.add(enc)
    if not found:
        return "unicode"
    return found.pop() if len(found) == 1 else "mixed"


def _apply(b, enc: str) -> None:
    b.text = _repair_tcvn3(b.text, False) if enc == "tcvn3" else decode_vni(b.text)


def legacy_run_ok(text: str) -> bool:
    """A run in a legacy font may still hold real Unicode (Word falls back to another font when
    one types Unicode Vietnamese): never convert text that has letters only Unicode has."""
    return not _UNICODE_VIET.search(text)


def font_says_legacy(legacy_text: str, kind: str, unicode_elsewhere: bool) -> bool:
    """Should runs set in a legacy font (``kind`` tcvn3/tcvn3-upper/vni) be converted?

    The font name is strong evidence, but Word keeps the font name when Unicode is typed into
    it. Convert unless the text holds Unicode-only letters, or converting makes words worse;
    on a tie keep VNI runs (VNI text nearly always shows two-byte sequences) and keep TCVN3 runs
    when the same line is visibly Unicode elsewhere."""
    if not legacy_run_ok(legacy_text):
        return False
    decode = decode_vni if kind == "vni" else decode_tcvn3
    gain, loss, _ = _score(legacy_text, decode)
    if gain != loss:
        return gain > loss
    return kind != "vni" and not unicode_elsewhere
