"""Consistency checks over the references of one document, reported as span-carrying warnings."""
from __future__ import annotations

from ..normalize import fold
from .ref_patterns import vocab

# Codes that name the same body in practice (a UBND decision signed by its Chủ tịch, …).
_SAME = [{"UBND", "UB", "CT", "VPUBND"}, {"TTg", "CP", "VPCP"}, {"HĐND"},
         {"TU", "VPTU", "BTGTU", "BTCTU", "BDVTU", "UBKTTU", "BNCTU"}]


def phrase_code(phrase: str):
    """Issuer code named at the start of a "của …" phrase, or None."""
    m = vocab().issuer_alias.match(fold(phrase))
    return vocab().alias_code[m.group(0)] if m else None


def _compatible(pcode: str, codes: list) -> bool:
    voc = vocab()
    if pcode in codes:
        return True
    pname = voc.issuers[pcode]["name"]
    for c in codes:
        row = voc.issuers.get(c)
        if row and row["name"] == pname:
            return True
        for g in _SAME:
            if pcode in g and (c in g or (row and row["code"] in g)):
                return True
    return False


def check(refs: list, codes_of: dict, header, warn) -> None:
    """Issuer contradictions, one code with two dates, references dated after the document."""
    voc = vocab()
    seen = {}
    own_date = getattr(header, "date", None) if header is not None else None
    for i, r in enumerate(refs):
        codes = codes_of.get(i) or []
        if r.issuer and codes:
            pc = phrase_code(r.issuer)
            known = [c for c in codes if c in voc.issuers]
            if pc and known and voc.issuers[pc]["class"] != "unit" and not _compatible(pc, known):
                warn(f"reference {r.code}: symbol issuer {known[0]} "
                     f"({voc.issuers[known[0]]['name']}) contradicts \"của {r.issuer}\"", r.span)
        if r.code and r.number and r.date and len(r.date) == 10:
            prev = seen.get(r.code)
            if prev and prev[0] != r.date:
                warn(f"reference {r.code} cited with two dates: {prev[0]} and {r.date}", r.span)
            elif not prev:
                seen[r.code] = (r.date, r.span)
        if own_date and r.date:
            n = min(len(own_date), len(r.date))
            if n >= 4 and r.date[:n] > own_date[:n]:
                warn(f"reference {r.code or r.title} dated {r.date}, after the document's own "
                     f"date {own_date}", r.span)
