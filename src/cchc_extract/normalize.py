"""Unicode normalization and matching keys.

``normalize_line`` produces the text all spans index. ``fold`` gives a *length-preserving* key
(lower case, one tone placement) so lexicon regexes run on the key and their spans stay valid
in the normalized text.
"""
from __future__ import annotations

import re as std_re
import unicodedata
from functools import lru_cache

import regex as re

_TRANS = str.maketrans({
    "\u00d0": "Đ",  # Latin Eth looks like Đ in legacy fonts and OCR
    "\u00f0": "đ",
    "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-",
    "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u202f": " ", "\u200b": "",
    "\ufeff": "", "\u00ad": "", "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
    "\u2026": "…", "\t": " ", "\x0b": " ", "\x0c": " ", "\r": " ", "\x07": " ",
})
_TRANS_ANY = re.compile("[" + "".join(re.escape(chr(c)) for c in _TRANS) + "]")  # translate is slow
_SPACES = re.compile(r"[ ]{2,}")
# the same class in the standard library's engine, several times faster on whole documents
_TRANS_STD = std_re.compile(_TRANS_ANY.pattern)
_TRANS_STR = {chr(k): v for k, v in _TRANS.items()}
_CTRL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def normalize_line(s: str) -> str:
    """NFC, Đ, ASCII dashes/quotes, no control chars, single spaces, trimmed."""
    s = unicodedata.normalize("NFC", s)
    if _TRANS_ANY.search(s):
        s = s.translate(_TRANS)
    if not s.isprintable():  # control characters are not printable
        s = _CTRL.sub("", s)
    if "  " in s:
        s = _SPACES.sub(" ", s)
    return s.strip()


def normalize_lines(lines: list) -> list:
    """``[normalize_line(x) for x in lines]`` for lines without "\n", done on the joined text:
    every step is per character or within a line, and one pass over a document beats 20,000
    small ones."""
    s = unicodedata.normalize("NFC", "\n".join(lines))
    if _TRANS_STD.search(s):  # str.translate walks every character in Python: map the few hits
        s = _TRANS_STD.sub(lambda m: _TRANS_STR[m.group()], s)
    if not s.replace("\n", "").isprintable():
        s = _CTRL.sub("", s)
    if "  " in s:
        s = _SPACES.sub(" ", s)
    out = [x.strip() for x in s.split("\n")]
    if len(out) != len(lines):  # a "\n" inside a line: do it line by line
        return [normalize_line(x) for x in lines]
    return out


# Old-style tone placement ("hoà", "thuỷ", "Uỷ") -> new style ("hòa", "thủy", "Ủy") for keys.
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_OLD_TONE = re.compile(r"(?<![qQgG])([oOuU])([aAeEyY])([" + _TONES + r"])(?!\p{L}|\p{M})")


def _move_tone(m: "re.Match") -> str:
    return m.group(1) + m.group(3) + m.group(2)


# _OLD_TONE as it looks in NFC text, where a/e/y + tone is one precomposed letter: on NFC input
# (all of Document.text) fold needs no decomposition.
def _toned_aey(c: str) -> bool:
    d = unicodedata.normalize("NFD", c)
    return len(d) == 2 and d[0] in "aAeEyY" and d[1] in _TONES


_TONED_AEY = "".join(filter(_toned_aey, map(chr, [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)])))
_OLD_TONE_NFC = re.compile(r"(?<![qQgG])[oOuU][" + _TONED_AEY + r"](?!\p{L}|\p{M})")


def _move_tone_nfc(m: "re.Match") -> str:
    o, x = m.group()
    base, tone = unicodedata.normalize("NFD", x)
    return unicodedata.normalize("NFC", o + tone) + base


# Stages fold and strip the same lines again and again (header keys every line twice): results
# for line-sized strings are cached (bounded: 8192 entries of at most CACHE_LEN characters).
CACHE_LEN = 500


def fold(s: str) -> str:
    """Lower-case, new-style tone placement, NFC; same length as ``s`` for NFC input."""
    return _fold_cached(s) if len(s) <= CACHE_LEN else _fold(s)


def _fold(s: str) -> str:
    if unicodedata.is_normalized("NFC", s):
        out = _OLD_TONE_NFC.sub(_move_tone_nfc, s).lower()
    else:
        d = unicodedata.normalize("NFD", s)
        d = _OLD_TONE.sub(_move_tone, d)
        out = unicodedata.normalize("NFC", d).lower()
    if len(out) != len(s):  # never break span alignment; fall back to lower-case only
        return s.lower()
    return out


_fold_cached = lru_cache(maxsize=8192)(_fold)


_DIACRITICS = re.compile(r"[\u0300-\u036f]")


def strip_accents(s: str) -> str:
    """ASCII-ish key for lost-diacritics matching ("QD-UBND" vs "QĐ-UBND"); same length."""
    return _strip_cached(s) if len(s) <= CACHE_LEN else _same_length(s, _strip(s))


def _strip(s: str) -> str:
    return _DIACRITICS.sub("", unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D")))


def _same_length(s: str, d: str) -> str:
    return d if len(d) == len(s) else s


def _strip_words(s: str) -> str:
    # NFD and its marks never cross a space: strip word by word, each distinct word once
    return _same_length(s, " ".join(map(_strip_word, s.split(" "))))


_strip_word = lru_cache(maxsize=16384)(_strip)
_strip_cached = lru_cache(maxsize=8192)(_strip_words)
