"""E-signature stamp lines ("Ký bởi: …", "Ngày ký: … +07:00"): drawn by signing software, they
leak into the text of every signed file (and into OCR of scanned ones). They stay in the text so
spans remain honest, but are marked ``style="esign"`` so header/reference/metric extractors skip
them. Patterns live in ``lexicon/stamp.tsv``.
"""
from __future__ import annotations

from functools import lru_cache

import regex as re

from ..lexicon import rows
from ..normalize import strip_accents

ESIGN = "esign"
WINDOW = 4  # a weak line counts when a strong one is this close (stamps are 2-6 lines)
# Cheap gate before accent-stripping + the pattern list: every pattern in stamp.tsv needs one of
# these (keep in sync when adding patterns); skips ~90% of body lines on 50 MB inputs.
_GATE = re.compile(r"[:@;]|sign|c[ôo]ng\s+b[áa]o|tin\s+h[ọo]c|chinhphu", re.I)
# Every strong pattern needs one of these on the raw line ("ký bởi/số/:", a clock time, "sign",
# "serial", "chứng thư"): most documents have no strong line, and then no line is marked at all.
_STRONG_GATE = re.compile(r"k[yýỳỷỹỵ]\s*[bs:]|\d:\d\d|sign|serial|ch[uưúùủũụứừửữự]ng\s+th", re.I)


@lru_cache(maxsize=1)
def _patterns() -> tuple:
    out = []
    for r in rows("stamp"):
        out.append((r["strength"], int(r["max_len"] or 0), re.compile(r["pattern"], re.I | re.V0)))
    return tuple(out)


def _strength(text: str, strong_only: bool = False) -> str:
    """'strong' | 'weak' | '' for one line."""
    s = text.strip()
    if not s or len(s) > 200 or not _GATE.search(s):
        return ""
    if strong_only and not _STRONG_GATE.search(s):
        return ""
    key = strip_accents(s).lower()
    best = ""
    for strength, max_len, pat in _patterns():
        if max_len and len(s) > max_len:
            continue
        if strength != "strong" and strong_only:
            continue
        if pat.search(key):
            if strength == "strong":
                return "strong"
            best = "weak"
    return best


def is_stamp_line(text: str) -> bool:
    """True for a line that on its own is e-signature stamp text (strong patterns only)."""
    return _strength(text) == "strong"


def mark_stamps(blocks: list, window: int = WINDOW) -> int:
    """Set ``style="esign"`` on stamp lines; weak lines only within ``window`` non-empty blocks of
    a strong one. Blocks already styled (headings, running heads) keep their style unless strong.
    Returns the number of blocks marked."""
    idx = [i for i, b in enumerate(blocks) if b.text and b.text.strip()]
    strong_at = [k for k, i in enumerate(idx) if _strength(blocks[i].text, strong_only=True)]
    if not strong_at:
        return 0
    kinds = [_strength(blocks[i].text) for i in idx]
    marked = 0
    j = 0
    for k, s in enumerate(kinds):
        if not s:
            continue
        while j + 1 < len(strong_at) and strong_at[j + 1] <= k:
            j += 1
        near = min(abs(k - strong_at[j]), abs(k - strong_at[min(j + 1, len(strong_at) - 1)]))
        b = blocks[idx[k]]
        if s == "strong" or (near <= window and b.style in (None, "", ESIGN)):
            if b.style != ESIGN:
                b.style = ESIGN
                marked += 1
    return marked


__all__ = ["ESIGN", "is_stamp_line", "mark_stamps"]
