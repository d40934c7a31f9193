"""Comparison keys for gold vs predicted values.

Both sides go through the same key so that harmless differences (NFC, Ð/Đ, dashes, spacing,
case, old/new tone placement, "UBND" vs "Ủy ban nhân dân") never count as errors, while a wrong
number, date or name still does.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache
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


def text_key(s) -> Optional[str]:
    """Case- and tone-placement-insensitive key, edge punctuation and bullets dropped."""
    s = norm(s)
    if s is None:
        return None
    s = _EDGE_PUNCT.sub("", fold(s)).strip()
    return s or None


def code_key(s) -> Optional[str]:
    """Canonical document code: no spaces, Đ, ASCII hyphen; case kept (``TTr`` is not ``TTR``)."""
    s = norm(s)
    if s is None:
        return None
    s = re.sub(r"\s+", "", s)
    s = re.sub(r"^(?i:số|so):?", "", s).rstrip(".,;:")
    return s or None


def title_key(s) -> Optional[str]:
    """Trích yếu: case-insensitive; a leading ``V/v`` and trailing punctuation ignored."""
    k = text_key(s)
    if k is None:
        return None
    k = re.sub(r"^(?:v/v|về việc)\s*:?\s*", "", k)
    return k or None


@lru_cache(maxsize=1)
def _synonyms() -> tuple:
    from ..lexicon import rows

    return tuple((fold(r["abbr"]), fold(r["expansion"])) for r in rows("eval_synonyms"))


@lru_cache(maxsize=1)
def _syn_re():
    pairs = dict(_synonyms())
    alts = "|".join(re.escape(a) for a in sorted(pairs, key=len, reverse=True))
    return re.compile(r"(?<![\p{L}\p{N}])(?:" + alts + r")(?![\p{L}\p{N}])"), pairs


def issuer_key(s) -> Optional[str]:
    """Loose issuer key: folded, "của" dropped, abbreviations expanded, punctuation removed."""
    k = text_key(s)
    if k is None:
        return None
    k = re.sub(r"^của\s+", "", k)
    k = re.sub(r"\s*\([^()]{1,15}\)", "", k)  # an inline abbreviation: "Ủy ban nhân dân (UBND) tỉnh"
    k = k.replace("uỷ", "ủy")
    rx, pairs = _syn_re()
    k = rx.sub(lambda m: pairs[m.group(0)], k)
    k = _PUNCT.sub(" ", k)
    k = _WS.sub(" ", k).strip()
    return k or None


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


def doc_type_key(s) -> Optional[str]:
    """Full type name key; an abbreviation (``QĐ``) or alias maps to its name."""
    k = text_key(s)
    if k is None:
        return None
    return _doc_types().get(k, k)


def label_key(s) -> Optional[str]:
    """Section label without trailing ``.``/``)``, case-folded: ``I.`` == ``I``, ``a)`` == ``a``."""
    k = norm(s)
    if k is None:
        return None
    k = fold(k).strip().rstrip(".):").strip()
    return k or None


def authority_key(s) -> Optional[str]:
    """``TM.`` == ``TM`` == ``tm.``; Party ``T/M`` stays distinct from ``TM.``."""
    k = text_key(s)
    if k is None:
        return None
    return k.replace(" ", "").rstrip(".") or None


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
