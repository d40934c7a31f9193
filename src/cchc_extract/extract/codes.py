"""Parse one document number + symbol ("số, ký hiệu") into its canonical parts.

Shared by the header and references stages, so both agree on what ``58/BC-SNgV``,
``20/2013/QĐ-UBND``, ``04-NQ/TU`` and a blank draft number ``/BC-SNV`` mean (contract:
corpus-format.md, header/number..code). Input is a code as printed, possibly with a leading
"Số:"; output is a dict, or None when the string is not a code.
"""
from __future__ import annotations

import unicodedata
from typing import Optional

import regex as re

_TRANS = str.maketrans({
    "\u00d0": "Đ", "\u00f0": "đ", "\u0189": "Đ",
    "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u200b": "",
})

_PREFIX = re.compile(r"^\s*(?:s[ốốo]|so)\s*:?\s*", re.I)
# a number: 15, 05, 12a, 66.7 ; blank: nothing, dots, ellipsis, underscores
_NUM = r"(?P<num>\d{1,6}(?:\.\d{1,3})?[a-zđ]?(?:-\d{1,4}(?=\s*/))?)"
_BLANK = r"(?P<blank>[.…_\s]*+)"
_GROUP = r"[A-ZĐ\p{Lu}][\p{L}0-9.&]*"  # BC, SNgV, QĐ, UBTVQH15, L.12
_SYM = _GROUP + r"(?:\s*[-/]\s*[\p{L}0-9][\p{L}0-9.&]*)*"

_NORMATIVE = re.compile(
    r"^(?:" + _NUM + r"|" + _BLANK + r")\s*/\s*(?P<year>(?:19|20)\d{2})\s*[/-]\s*(?P<sym>" + _SYM + r")$")
_ADMIN = re.compile(r"^(?:" + _NUM + r"|" + _BLANK + r")\s*/\s*(?P<sym>" + _SYM + r")$")
# Party: 04-NQ/TU, 36-HD/VPTW, blank "-NQ/ĐU"; the type part is short, then "/" + body
_PARTY = re.compile(
    r"^(?:" + _NUM + r"|" + _BLANK + r")\s*-\s*(?P<sym>[A-ZĐ][\p{L}]{0,5}\s*/\s*[\p{L}0-9][\p{L}0-9.\-]*)$")
# historical hyphen/space styles: 64-CP, 353-HĐBT, 94 QĐ/LB
_OTHER = re.compile(r"^" + _NUM + r"\s*[- ]\s*(?P<sym>" + _SYM + r")$")


def _clean(s: str) -> str:
    s = unicodedata.normalize("NFC", s).translate(_TRANS)
    s = _PREFIX.sub("", s.strip())
    return s.strip().rstrip(".,;:)").strip()


def _canon_symbol(sym: str) -> str:
    return re.sub(r"\s+", "", sym)


def parse_code(s: str) -> Optional[dict]:
    """``"Số: 58/BC-SNgV"`` -> {number: "58", year: None, symbol: "BC-SNgV", code: "58/BC-SNgV",
    kind: "admin", type_abbr: "BC", issuer_abbr: "SNgV"}; None when ``s`` is not a code.

    kind: ``normative`` (N/YYYY/SYMBOL), ``admin`` (N/SYMBOL), ``party`` (N-TYPE/BODY),
    ``other`` (historical ``64-CP``). number is None when blank in a draft.
    """
    if not s:
        return None
    t = _clean(s)
    if not t:
        return None
    m = _NORMATIVE.match(t)
    kind = "normative"
    if not m:
        m, kind = _ADMIN.match(t), "admin"
    if not m:
        m, kind = _PARTY.match(t), "party"
    if not m:
        m, kind = _OTHER.match(t), "other"
    if not m:
        return None
    num = m.group("num")
    sym = _canon_symbol(m.group("sym"))
    year = int(m.group("year")) if kind == "normative" else None
    if kind == "party":
        code = f"{num or ''}-{sym}"
        type_abbr, _, issuer = sym.partition("/")
    elif kind == "other":
        code = f"{num}-{sym}"
        type_abbr, issuer = None, sym
    else:
        code = f"{num or ''}/{year}/{sym}" if year else f"{num or ''}/{sym}"
        type_abbr, _, issuer = sym.partition("-")
        if "/" in type_abbr:  # "QĐ/UBND" typo for "QĐ-UBND"
            type_abbr, _, issuer = sym.partition("/")
    return {"number": num, "year": year, "symbol": sym, "code": code, "kind": kind,
            "type_abbr": type_abbr or None, "issuer_abbr": issuer or None}


# For finding codes in running text: a regex source string (use with regex + re.V1 not needed).
CODE_PATTERN = (
    r"(?<![\p{L}\d/.:-])(?:\d{1,6}(?:\.\d{1,3})?[a-zđ]?)\s*(?:/\s*(?:19|20)\d{2}\s*[/-]|/)\s*"
    + _SYM
    + r"|(?<![\p{L}\d/.:-])\d{1,5}\s*-\s*[A-ZĐ][\p{L}]{0,5}\s*/\s*[A-ZĐ][\p{L}0-9]*"
)
