"""Comparison keys for gold vs predicted values.

Both sides go through the same key so that harmless differences (NFC, Ð/Đ, dashes, spacing,
case, old/new tone placement, "UBND" vs "Ủy ban nhân dân") never count as errors, while a wrong
number, date or name still does.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache, wraps
from typing import Optional

import regex as re

from ..normalize import fold

_TRANS = str.maketrans({
    "\u00d0": "Đ", "\u00f0": "đ", "\u0189": "Đ",
    "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u200b": "", "\ufeff": "", "\u00ad": "",
    "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
})
_WS = re.compile(r"\s+")
_EDGE_PUNCT = re.compile(r"^[\s\-+•*·:;,.]+|[\s:;,.]+$")
_PUNCT = re.compile(r"[^\p{L}\p{N}\s/%-]+")


def norm(s) -> Optional[str]:
    """NFC, Đ, ASCII dashes and quotes, single spaces; None for empty/None."""
    if s is None:
        return None
    s = unicodedata.normalize("NFC", str(s)).translate(_TRANS)
    s = _WS.sub(" ", s).strip()
    return s or None


def _refines(base):
    """Key built on ``base``: it sees only ``base``'s non-empty result; an emptied key is None."""
    def wrap(f):
        @wraps(f)
        def key(s) -> Optional[str]:
            k = base(s)
            return None if k is None else (f(k) or None)
        return key
    return wrap


@_refines(norm)
def text_key(s):
    """Case- and tone-placement-insensitive key, edge punctuation and bullets dropped."""
    return _EDGE_PUNCT.sub("", fold(s)).strip()


@_refines(norm)
def code_key(s):
    """Canonical document code: no spaces, Đ, ASCII hyphen; case kept (``TTr`` is not ``TTR``)."""
    s = re.sub(r"\s+", "", s)
    return re.sub(r"^(?i:số|so):?", "", s).rstrip(".,;:")


@_refines(text_key)
def title_key(k):
    """Trích yếu: case-insensitive; a leading ``V/v`` and trailing punctuation ignored."""
    return re.sub(r"^(?:v/v|về việc)\s*:?\s*", "", k)


@lru_cache(maxsize=1)
def _synonyms() -> tuple:
    from ..lexicon import rows

    return tuple((fold(r["abbr"]), fold(r["expansion"])) for r in rows("eval_synonyms"))


@lru_cache(maxsize=1)
def _syn_re():
    pairs = dict(_synonyms())
    alts = "|".join(re.escape(a) for a in sorted(pairs, key=len, reverse=True))
    return re.compile(r"(?<![\p{L}\p{N}])(?:" + alts + r")(?![\p{L}\p{N}])"), pairs


@_refines(text_key)
def issuer_key(k):
    """Loose issuer key: folded, "của" dropped, abbreviations expanded, punctuation removed."""
    k = re.sub(r"^của\s+", "", k)
    k = re.sub(r"\s*\([^()]{1,15}\)", "", k)  # an inline abbreviation: "Ủy ban nhân dân (UBND) tỉnh"
    k = k.replace("uỷ", "ủy")
    rx, pairs = _syn_re()
    k = rx.sub(lambda m: pairs[m.group(0)], k)
    k = _PUNCT.sub(" ", k)
    return _WS.sub(" ", k).strip()


@lru_cache(maxsize=1)
def _doc_types() -> dict:
    from ..lexicon import rows

    out = {}
    for r in rows("doc_types"):
        name = r["name"]
        for a in [name, r.get("abbr") or ""] + (r.get("aliases") or "").split("|"):
            if a.strip():
                out.setdefault(fold(a.strip()), fold(name))
    return out


@_refines(text_key)
def doc_type_key(k):
    """Full type name key; an abbreviation (``QĐ``) or alias maps to its name."""
    return _doc_types().get(k, k)


@_refines(norm)
def label_key(k):
    """Section label without trailing ``.``/``)``, case-folded: ``I.`` == ``I``, ``a)`` == ``a``."""
    return fold(k).strip().rstrip(".):").strip()


@_refines(text_key)
def authority_key(k):
    """``TM.`` == ``TM`` == ``tm.``; Party ``T/M`` stays distinct from ``TM.``."""
    return k.replace(" ", "").rstrip(".")


def unit_key(unit, percent=False) -> str:
    if percent:
        return "%"
    k = text_key(unit)
    if k in ("%", "phần trăm"):
        return "%"
    return k or ""


def value_key(v) -> Optional[float]:
    if v is None or isinstance(v, bool):
        return None
    try:
        return round(float(str(v).replace(",", ".")) if isinstance(v, str) else float(v), 6)
    except ValueError:
        return None
