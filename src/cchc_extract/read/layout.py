"""Shared reader helpers: legacy font -> encoding, and header/signature layout tables."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from ..lexicon import rows


@lru_cache(maxsize=1024)
def font_encoding(font: Optional[str]) -> Optional[str]:
    """".VnTime" -> tcvn3, ".VnTimeH" -> tcvn3-upper (capitals font), "VNI-Times" -> vni."""
    if not font:
        return None
    f = font.strip().lower()
    if f.startswith((".vn", "vntime", "vnarial")):  # ".VnTime", ".VnTimeH", ".VnArial Narrow"
        base = f.split(" ")[0]
        return "tcvn3-upper" if base.endswith("h") else "tcvn3"
    if f.startswith("vni-") or f.startswith("vni "):
        return "vni"
    return None


@lru_cache(maxsize=1)
def _cues() -> tuple:
    return tuple(r["cue"] for r in rows("layout_table_cues"))


def is_layout_table(bordered: bool, nrows: int, ncols: int, texts: list) -> bool:
    """A small borderless table holding the header (Quốc hiệu, Số:) or a signature block."""
    if bordered or nrows > 3 or ncols > 3 or nrows == 0:
        return False
    from ..normalize import fold

    key = fold(" ".join(texts))
    return any(c in key for c in _cues())


@dataclass(slots=True)
class Run:
    """A stretch of text with one formatting, as readers collect it before making Blocks."""
    text: str
    bold: bool = False
    italic: bool = False
    size: Optional[float] = None
    font: Optional[str] = None


def line_text(line: list) -> tuple:
    """Join a line's runs, repairing runs set in legacy fonts; return (text, encoding hint)."""
    kinds = [font_encoding(r.font) for r in line]
    if not any(kinds):
        return "".join(r.text for r in line), None
    from ..repair import decode_tcvn3, decode_vni, font_says_legacy, legacy_run_ok

    convert = {}
    elsewhere = not legacy_run_ok("".join(r.text for r, k in zip(line, kinds) if not k))
    for kind in set(k for k in kinds if k):
        legacy = " ".join(r.text for r, k in zip(line, kinds) if k == kind)
        convert[kind] = font_says_legacy(legacy, kind, elsewhere)
    out, enc = [], None
    for run, kind in zip(line, kinds):
        t = run.text
        if kind and convert[kind]:
            t = decode_vni(t) if kind == "vni" else decode_tcvn3(t, kind == "tcvn3-upper")
            if t != run.text:
                enc = "vni-done" if kind == "vni" else "tcvn3-done"
        out.append(t)
    return "".join(out), enc


def cues(b, line: list) -> None:
    """Bold/italic by majority of visible characters; size of the most characters."""
    total = bold = italic = 0
    sizes: dict = {}
    for run in line:
        n = len(run.text) - run.text.count(" ") - run.text.count("\t") - run.text.count("\xa0")
        total += n
        if run.bold:
            bold += n
        if run.italic:
            italic += n
        if run.size:
            sizes[run.size] = sizes.get(run.size, 0) + n
    if total:
        b.bold = bold * 2 > total
        b.italic = italic * 2 > total
    if sizes:
        b.size = max(sizes.items(), key=lambda kv: (kv[1], kv[0]))[0]
