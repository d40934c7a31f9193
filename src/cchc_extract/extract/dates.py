"""Vietnamese dates -> ISO 8601, with reduced precision for blanks left in drafts.

"ngày 05 tháng 02 năm 2024" -> 2024-02-05; "ngày tháng 9 năm 2020" -> 2020-09;
"ngày … tháng … năm 2024" -> 2024; numeric dates are D/M/Y, never M/D ("05/3/2020").
Shared by the header and references stages.
"""
from __future__ import annotations

from typing import Optional

import regex as re

_BL = r"[\s.…_,]*+"  # blanks a draft leaves for the day/month
_WORDY = re.compile(
    r"(?<!\p{L})(?:ngày" + _BL + r"(?P<d>\d{1,2})?" + _BL + r")?"
    r"tháng" + _BL + r"(?P<m>\d{1,2})?" + _BL + r"(?:năm" + _BL + r"|[/-]\s*)(?P<y>(?:19|20)\d{2})(?!\d)",
    re.I)
_NUMERIC = re.compile(
    r"(?<![\d/.\-\p{L}])(?P<d>\d{1,2})\s*(?P<sep>[/.\-])\s*(?P<m>\d{1,2})"
    r"\s*(?P=sep)\s*(?P<y>(?:19|20)\d{2})(?![\d/]|\.\d)")
_ISO = re.compile(r"(?<![\d/.\-])(?P<y>(?:19|20)\d{2})-(?P<m>\d{2})-(?P<d>\d{2})(?![\d\-])")
_GLUED = re.compile(r"(?i)ngày(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>(?:19|20)\d{2})(?!\d)")

_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _iso(y: Optional[str], m: Optional[str], d: Optional[str]) -> Optional[str]:
    if not y:
        return None
    yi = int(y)
    if not m:
        return f"{yi:04d}" if not d else None
    mi = int(m)
    if not 1 <= mi <= 12:
        return None
    if not d:
        return f"{yi:04d}-{mi:02d}"
    di = int(d)
    if not 1 <= di <= _DAYS[mi - 1] or (mi == 2 and di == 29 and not _leap(yi)):
        return None
    return f"{yi:04d}-{mi:02d}-{di:02d}"


def _leap(y: int) -> bool:
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def find_dates(text: str) -> list:
    """All dates in ``text`` as ``(start, end, iso)``, in text order, spans not overlapping."""
    found = []
    taken = []

    def add(s, e, iso):
        if iso and not any(s < te and ts < e for ts, te in taken):
            taken.append((s, e))
            found.append((s, e, iso))

    # literal gates (most calls parse one short " ngày 22/12/2024"): _WORDY needs "tháng" and
    # _GLUED "ngày" (case-insensitive patterns, so looked for in lower case), _ISO a "-"
    low = text.lower()
    if "tháng" in low:
        for m in _WORDY.finditer(text):
            s = m.start()
            add(s, m.end(), _iso(m.group("y"), m.group("m"), m.group("d")))
    for rx, needed in ((_GLUED, "ngày" in low), (_NUMERIC, True), (_ISO, "-" in text)):
        for m in rx.finditer(text) if needed else ():
            add(m.start(), m.end(), _iso(m.group("y"), m.group("m"), m.group("d")))
    found.sort()
    return found


def parse_date(s: str) -> Optional[str]:
    """The first date in ``s`` as ISO (possibly reduced precision), else None."""
    if not s:
        return None
    ds = find_dates(s)
    return ds[0][2] if ds else None
