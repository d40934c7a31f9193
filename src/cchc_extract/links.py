"""Citation graph: resolve each reference to a document present in the corpus.

A reference matches a document when their canonical codes are equal and, because numbers restart
every year, their dates agree:
  * ``code+date``: the reference gives a full date equal to the document's date;
  * ``code+year``: the reference gives a year (in its date, or in a normative code) equal to the
    document's year;
  * ``code``: the reference gives no date and exactly one corpus document with that code is not
    later than the citing document.
A document never links to itself; duplicates of a file (same content) are indexed once, under the
first path, and do not emit links of their own.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Iterator, Optional

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")


def canonical_code(code: Optional[str]) -> Optional[str]:
    """NFC, Đ (U+0110) for look-alikes, ASCII hyphen, no spaces, upper case — for matching only."""
    if not isinstance(code, str) or not code:  # None, or NaN from a DataFrame
        return None
    c = unicodedata.normalize("NFC", code).translate(_DASHES)
    c = c.replace("\u00d0", "\u0110").replace("\u0189", "\u0110")
    c = "".join(c.split()).upper()
    return c or None


def _year(date: Optional[str]) -> Optional[str]:
    return date[:4] if date and len(date) >= 4 and date[:4].isdigit() else None


@dataclass(slots=True)
class Target:
    doc_id: str
    path: str
    date: Optional[str]
    doc_type: Optional[str]


class LinkIndex:
    """canonical code -> documents carrying it in their header (built in one pass)."""

    def __init__(self):
        self.by_code: dict[str, list[Target]] = {}

    def add(self, d: dict) -> None:
        h = d.get("header") or {}
        code = canonical_code(h.get("code"))
        if code and not code.startswith("/"):  # a blank number cannot be cited
            self.by_code.setdefault(code, []).append(
                Target(d["doc_id"], d["source"]["path"], h.get("date"), h.get("doc_type")))

    def resolve(self, ref: dict, citing: dict) -> tuple[Optional[Target], Optional[str]]:
        code = canonical_code(ref.get("code"))
        cands = [t for t in self.by_code.get(code or "", []) if t.doc_id != citing.get("doc_id")]
        if not cands:
            return None, None
        rdate = ref.get("date")
        if rdate and len(rdate) == 10:
            hit = [t for t in cands if t.date == rdate]
            if len(hit) == 1:
                return hit[0], "code+date"
        ryear = _year(rdate) or (str(ref["year"]) if ref.get("year") else None)
        if ryear:
            hit = [t for t in cands if _year(t.date) == ryear]
            if len(hit) == 1:
                return hit[0], "code+year"
            return None, None
        cdate = (citing.get("header") or {}).get("date")
        hit = [t for t in cands if not (cdate and t.date and t.date > cdate)]
        if len(hit) == 1:
            return hit[0], "code"
        return None, None


def links_for(d: dict, index: LinkIndex) -> Iterator[dict]:
    """Link rows for one citing document (JSON form), in reference order."""
    for i, r in enumerate(d.get("references") or []):
        t, how = index.resolve(r, d)
        if t is None:
            continue
        span = r.get("span") or (None, None)
        yield {"from_doc": d["doc_id"], "from_path": d["source"]["path"], "to_doc": t.doc_id,
               "to_path": t.path, "code": r.get("code"), "ref_idx": i, "match": how,
               "start": span[0], "end": span[1]}
