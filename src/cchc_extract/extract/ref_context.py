"""What follows a cited code: its date, its issuer ("của …") and its title ("về …").

Every parser takes a start position and a hard bound (where the next citation begins) and
returns values plus the position it stopped at, so a citation never swallows the next one.
"""
from __future__ import annotations

from typing import Optional

from . import ref_patterns as P

try:  # the header stage's date parser, so both stages agree on dates
    from .dates import parse_date as _parse_date
except ImportError:  # pragma: no cover - dates.py is optional
    _parse_date = None

_TRIM_TAIL = ("và", "hoặc", "tại", "theo", "của", "thay thế", "kèm theo", "các", "như sau", "về")


def iso_date(d, m, y) -> Optional[str]:
    """ISO 8601, reduced precision when day/month are blank; None when the date is impossible."""
    d = d if d and d.isdigit() else None
    m = m if m and m.isdigit() else None
    try:
        yy = int(y)
    except (TypeError, ValueError):
        return None
    if not 1900 <= yy <= 2100:
        return None
    if m in (None, ""):
        return f"{yy:04d}"
    mm = int(m)
    if not 1 <= mm <= 12:
        return None
    if d in (None, ""):
        return f"{yy:04d}-{mm:02d}"
    dd = int(d)
    if not 1 <= dd <= 31:
        return None
    return f"{yy:04d}-{mm:02d}-{dd:02d}"


def date_at(folded: str, pos: int, bound: int):
    """A date introduced by "ngày" right at ``pos``: (iso, end) or (None, pos)."""
    m = P.DATE_AFTER.match(folded, pos, bound)
    if not m:
        return None, pos
    iso = _parse_date(folded[m.start():m.end()]) if _parse_date else None
    if iso is None:
        if m.group("y"):
            iso = iso_date(m.group("d"), m.group("m"), m.group("y"))
        else:
            iso = iso_date(m.group("d2"), m.group("m2"), m.group("y2"))
    if iso is None:
        return None, pos
    end = m.end()
    if folded[pos:end].lstrip().startswith("(") and end < len(folded) and folded[end] == ")":
        end += 1
    return iso, end


def date_before(folded: str, lo: int, pre: int):
    """The date of a "Ngày 03/7/2025, <issuer> ban hành <Type> số …" sentence ending at ``pre``."""
    m = P.DATE_BEFORE.search(folded, max(lo, pre - 200), pre)
    if not m:
        return None
    if m.group("y"):
        return iso_date(m.group("d"), m.group("m"), m.group("y"))
    return iso_date(m.group("d2"), m.group("m2"), m.group("y2"))


def year_at(folded: str, pos: int, bound: int):
    """" năm 2015" right at ``pos`` (laws cited by name): (year, end) or (None, pos)."""
    m = P.YEAR_AFTER.match(folded, pos, bound)
    if not m:
        return None, pos
    return m.group("y"), m.end()


def _cut_words(s: str, limit: int) -> str:
    if len(s) <= limit:
        return s
    cut = s[:limit]
    sp = cut.rfind(" ")
    return cut[:sp] if sp > limit // 2 else cut


def _trim(s: str) -> str:
    s = s.strip(" ,;:-\u2026")
    changed = True
    while changed and s:
        changed = False
        low = s.lower()
        for w in _TRIM_TAIL:
            if low.endswith(" " + w):
                s = s[: -len(w) - 1].rstrip(" ,;:-")
                changed = True
                break
    if s.count("(") > s.count(")"):
        s = s[: s.rfind("(")].rstrip(" ,;:-")
    return s


def _soft_newlines(text: str, s: int, e: int) -> bool:
    return "\n" in text[s:e]


def _concurrent_title(folded: str, a: int, comma: int, lim: int) -> int:
    """A position, a comma, another position: one person's two titles, not the issuer's end.
    Returns where the agency after the second title starts (0 when not that shape)."""
    pos = P.positions()
    if not pos.fullmatch(folded, a, comma):
        return 0
    m = pos.match(folded, comma + 1, lim)
    if not m:
        return 0
    e = m.end()
    while e < lim and folded[e] == " ":
        e += 1
    return e


def issuer_at(text: str, folded: str, pos: int, bound: int, voc, soft_nl: bool = False):
    """ "của <issuer>" at ``pos``: (issuer, end, title_start_or_None).

    A known agency name at the start is taken whole (it may hold "và" or commas: "Bộ Văn hóa,
    Thể thao và Du lịch"); committee names ("Ban Chỉ đạo về …") run to a title verb or ";".
    ``soft_nl``: line breaks are layout (PDF), not paragraph ends.
    """
    m = P.ISSUER_START.match(folded, pos, bound)
    if not m:
        return None, pos, None
    s = m.end()
    long_mode = bool(P.LONG_ISSUER.match(folded, s, bound))
    limit = P.MAX_LONG_ISSUER if long_mode else P.MAX_ISSUER
    lim = min(bound, s + limit + 40)
    scan = s
    am = voc.issuer_alias.match(folded, s, lim)
    if am and not long_mode:
        end = P.AFTER_ALIAS.match(text, am.end(), lim).end()
        while True:  # joint issuers: "Bộ Khoa học và Công nghệ và Bộ Nội vụ"
            j = P.AND_ALIAS.match(folded, end, lim)
            a2 = voc.issuer_alias.match(folded, j.end(), lim) if j else None
            if not a2:
                break
            end = P.AFTER_ALIAS.match(text, a2.end(), lim).end()
        ts = voc.title_start.search(folded, am.end(), lim)
        if ts and ts.start() >= end:
            ts = None
        stop = ts.start() if ts else end
        issuer = _trim(" ".join(text[s:stop].split()))
        return (issuer or None), stop, (ts.start() if ts else None)
    stop_re = P.LONG_STOP if long_mode else P.ISSUER_STOP
    stop, title_from = lim, None
    at = scan
    while True:
        st = stop_re.search(text, at, lim)
        if st and soft_nl and text[st.start()] == "\n" and st.start() + 1 < lim and \
                text[st.start() + 1].islower():
            at = st.start() + 1
            continue
        if st and text[st.start()] == "," and not long_mode:
            pe = _concurrent_title(folded, at, st.start(), lim)
            if pe:  # "của Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ": one person, two titles
                am = voc.issuer_alias.match(folded, pe, lim)
                if am:
                    stop = P.AFTER_ALIAS.match(text, am.end(), lim).end()
                    break
                at = st.start() + 1
                continue
        if st:
            stop = st.start()
        break
    ts = voc.title_start.search(folded, scan, stop)
    if ts:
        stop, title_from = ts.start(), ts.start()
    issuer = _trim(" ".join(text[s:stop].split()))
    if not issuer:
        return None, pos, None
    if len(issuer) > limit:
        issuer = _trim(_cut_words(issuer, limit))
    return issuer, stop, title_from


def title_at(text: str, folded: str, pos: int, bound: int, voc, title_from=None, soft_nl=False):
    """ "về …" / "về việc …" / "V/v …" / a title verb at ``pos``: (title, end)."""
    if title_from is not None:
        s = title_from
    else:
        m = P.TITLE_START.match(folded, pos, bound)
        if m:
            s = m.end()
        else:
            m = voc.title_start.match(folded, pos, bound)
            if not m:
                return None, pos
            s = m.start()
    while s < bound and text[s] == " ":
        s += 1
    lim = min(bound, len(text))
    at = s
    while True:
        st = P.TITLE_STOP.search(text, at, lim)
        if st and soft_nl and text[st.start()] == "\n" and st.start() + 1 < lim and \
                text[st.start() + 1].islower():
            at = st.start() + 1
            continue
        break
    end = st.start() if st else lim
    title = " ".join(text[s:end].split())
    if len(title) > P.MAX_TITLE:
        title = _cut_words(title, P.MAX_TITLE)
    title = _trim(title)
    return (title or None), (end if title else pos)
