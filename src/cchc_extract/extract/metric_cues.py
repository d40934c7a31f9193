"""Lexicon-backed cues for metrics: units after a number, qualifiers before it, target contexts.

Compiled once from lexicon/units.tsv and lexicon/metric_cues.tsv; all patterns run on folded
text (``normalize.fold``), so spans are valid in ``Document.text``.
"""
from __future__ import annotations

from functools import lru_cache

import regex as re

from .. import lexicon
from ..normalize import fold


@lru_cache(maxsize=1)
def units() -> tuple:
    """(compiled regex matching a unit right at the start of a string, {folded surface: row})."""
    rows = {fold(r["surface"]): r for r in lexicon.rows("units")}
    alts = sorted(rows, key=len, reverse=True)
    rx = re.compile(r"\s?(" + "|".join(re.escape(a) for a in alts) + r")(?![\p{L}\d])")
    return rx, rows


@lru_cache(maxsize=1)
def count_units() -> tuple:
    """Units of class count/money/score, for finding the unit named earlier in a clause."""
    _, rows = units()
    alts = sorted((k for k, r in rows.items() if (r["class"] == "count" or r["class"] == "money" and " " in k)
                   and len(k) > 1), key=len, reverse=True)
    return re.compile(r"(?<![\p{L}\d])(" + "|".join(re.escape(a) for a in alts) + r")(?![\p{L}\d])")


@lru_cache(maxsize=1)
def qualifiers() -> tuple:
    """Regex matching a qualifier cue at the end of the text before a number -> qualifier."""
    cues = {fold(r["cue"]): r["value"] for r in lexicon.rows("metric_cues") if r["kind"] == "qualifier"}
    alts = sorted(cues, key=len, reverse=True)
    # the cue may be followed by a few verbs ("ước tính đã đăng 120"), never by another number
    rx = re.compile(r"(?<![\p{L}])(" + "|".join(re.escape(a) for a in alts) + r")"
                    r"((?:\s+(?:đã|được|có|là|đạt|đăng|thực hiện|tổ chức|với|sự tham gia của))*)\s*$")
    return rx, cues


@lru_cache(maxsize=1)
def target_cues() -> "re.Pattern":
    cues = [fold(r["cue"]) for r in lexicon.rows("metric_cues") if r["kind"] == "target"]
    alts = sorted(cues, key=len, reverse=True)
    return re.compile(r"(?<![\p{L}])(" + "|".join(re.escape(a) for a in alts) + r")(?![\p{L}])")


@lru_cache(maxsize=1)
def actual_cues() -> "re.Pattern":
    """Cues (value ``override``) that, after a target cue, mark the figure as done, not planned."""
    cues = [fold(r["cue"]) for r in lexicon.rows("metric_cues")
            if r["kind"] == "actual" and r["value"] == "override"]
    alts = sorted(cues, key=len, reverse=True)
    return re.compile(r"(?<![\p{L}])(" + "|".join(re.escape(a) for a in alts) + r")(?![\p{L}])")


@lru_cache(maxsize=1)
def not_target_cues() -> "re.Pattern":
    """Fixed phrases that contain a target word but state none ("bổ sung có mục tiêu")."""
    cues = [fold(r["cue"]) for r in lexicon.rows("metric_cues") if r["kind"] == "not_target"]
    alts = sorted(cues, key=len, reverse=True) or ["\uffff"]
    return re.compile(r"(?<![\p{L}])(?:" + "|".join(re.escape(a) for a in alts) + r")(?![\p{L}])")
