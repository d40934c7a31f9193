"""Vietnamese number parsing: "1.234,5" (dot thousands, comma decimal), leading zeros, words.

Reports mix conventions: Vietnamese "1.234,5", English-style "85.52" from some templates,
and spelled-out counts ("hai đoàn"). Kept apart from metrics.py so other stages can reuse it.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex as re

from .. import lexicon

# A numeral as printed: thousands groups "195.197" / "1.234,5", or plain "09", "85,52", "85.52".
NUMERAL = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"
_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")


def parse_number(s: str) -> Optional[float]:
    """Value of a printed numeral; None when it is not one."""
    s = s.strip().replace(" ", "")
    if not s:
        return None
    try:
        if _THOUSANDS.fullmatch(s):
            return float(s.replace(".", "").replace(",", "."))
        if s.count(",") == 1 and "." not in s:
            return float(s.replace(",", "."))
        if s.count(".") == 1 and "," not in s:
            return float(s)
        if s.isdigit():
            return float(s)
        if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", s):  # English thousands "1,234.5"
            return float(s.replace(",", ""))
    except ValueError:
        return None
    return None


@lru_cache(maxsize=1)
def _words() -> dict:
    return {r["word"]: (int(r["value"]), r["kind"]) for r in lexicon.rows("number_words")}


def number_word_pattern() -> str:
    """Regex alternation of number words (longest first), for use on folded text."""
    ws = sorted(_words(), key=len, reverse=True)
    return "|".join(re.escape(w) for w in ws)


def parse_words(tokens: list) -> Optional[int]:
    """Value of spelled-out number words ["hai", "mươi", "lăm"] -> 25; None if not a number."""
    words = _words()
    total, current, last = 0, 0, None
    for t in tokens:
        t = t.lower()
        if t not in words:
            return None
        v, kind = words[t]
        if kind == "digit":
            if t in ("lăm", "nhăm") and last not in ("ten",):
                return None
            if t == "mốt" and last != "ten":
                return None
            if last == "digit":  # "hai ba" is not a number
                return None
            current += v
        elif kind == "ten":
            if t == "mươi":
                if last != "digit":
                    return None
                current = current - (current % 10) + (current % 10) * 10
            else:  # mười
                current += 10
        else:  # multiplier
            if v >= 1000:
                total += (current or 1) * v
                current = 0
            else:
                current = (current % 100 or 1) * v if current < 100 else current * v
        last = kind
    return total + current if last is not None else None
