"""OCR of scanned PDF pages with the tesseract CLI (no Python binding needed): render the page with
pdfium at 300 dpi, pipe it as PGM to ``tesseract stdin stdout -l vie --psm 4 tsv`` and rebuild
lines with their left edge and height (for header/column cues).

Env: CCHC_OCR=0 disables OCR; CCHC_OCR_MAX_PAGES (default 50) bounds the cost per document;
CCHC_OCR_TIMEOUT seconds per page (default 120); CCHC_OCR_PSM (default 4).
"""
from __future__ import annotations

import io
import os
import shutil
import subprocess
from functools import lru_cache
from dataclasses import dataclass
from typing import Optional

from ..deadline import check, remaining

DPI = 300
INSTALL = "install it with `apt-get install tesseract-ocr tesseract-ocr-vie`"


class OcrError(Exception):
    pass


def enabled() -> bool:
    return os.environ.get("CCHC_OCR", "1").strip().lower() not in ("0", "false", "no", "off")


def max_pages() -> int:
    try:
        return max(0, int(os.environ.get("CCHC_OCR_MAX_PAGES", "50")))
    except ValueError:
        return 50


def unavailable_reason() -> Optional[str]:
    """None when OCR can run, else a sentence saying why and what to do."""
    if not enabled():
        return "OCR is disabled (CCHC_OCR=0); unset it to OCR scanned pages"
    exe = shutil.which("tesseract")
    if not exe:
        return INSTALL
    if "vie" not in _langs(exe):
        return "tesseract has no Vietnamese data: install it with `apt-get install tesseract-ocr-vie`"
    return None


@lru_cache(maxsize=4)
def _langs(exe: str) -> tuple:
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return ()
    return tuple(ln.strip() for ln in (out.stdout + out.stderr).splitlines()[1:] if ln.strip())


def ocr_page(page, dpi: int = DPI) -> list:
    """OCR one pypdfium2 page -> [OcrLine] in reading order, boxes in PDF points (y up)."""
    scale = dpi / 72
    bitmap = page.render(scale=scale, grayscale=True)
    img = bitmap.to_pil()
    buf = io.BytesIO()
    img.save(buf, format="PPM")  # grayscale -> binary PGM: no compression cost
    height = page.get_height()
    out = []
    for ln in ocr_image_bytes(buf.getvalue()):
        out.append(OcrLine(text=ln.text, left=round(ln.left / scale, 1), right=round(ln.right / scale, 1),
                           top=round(height - ln.top / scale, 1), bottom=round(height - ln.bottom / scale, 1),
                           height=round(ln.height / scale, 1)))
    return out


def ocr_image_bytes(data: bytes, lang: str = "vie") -> list:
    """[OcrLine] (pixel boxes, y down) from tesseract's TSV output."""
    exe = shutil.which("tesseract")
    if not exe:
        raise OcrError(INSTALL)
    psm = os.environ.get("CCHC_OCR_PSM", "4")
    timeout = float(os.environ.get("CCHC_OCR_TIMEOUT", "120"))
    left = remaining()  # a parse under a time limit gives tesseract only what is left
    if left is not None and left < timeout:
        timeout = max(left, 0.01)
    env = dict(os.environ)
    env.setdefault("OMP_THREAD_LIMIT", "1")  # tesseract's threads fight the worker pool
    try:
        out = subprocess.run([exe, "stdin", "stdout", "-l", lang, "--psm", psm, "tsv"], input=data,
                             capture_output=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        check("running OCR")  # the parse's own limit ran out: the file times out, not the page
        raise OcrError(f"tesseract took over {timeout:.0f} s (CCHC_OCR_TIMEOUT)") from None
    except OSError as e:
        raise OcrError(f"cannot run tesseract: {e}") from None
    if out.returncode != 0:
        raise OcrError(out.stderr.decode("utf-8", "replace").strip()[-300:] or f"exit {out.returncode}")
    return parse_tsv(out.stdout.decode("utf-8", "replace"))


def parse_tsv(tsv: str, gap: float = 3.0) -> list:
    """Group tesseract TSV words (level 5) into lines keyed by (block, paragraph, line); split a
    line where words are more than ``gap`` word-heights apart (two-column headers).

    Returns [OcrLine] with pixel boxes."""
    lines, order = {}, []
    for row in tsv.splitlines()[1:]:
        f = row.split("\t")
        if len(f) < 12 or f[0] != "5" or not f[11].strip():
            continue
        key = (int(f[2]), int(f[3]), int(f[4]))
        if key not in lines:
            lines[key] = []
            order.append(key)
        lines[key].append((int(f[6]), int(f[7]), int(f[8]), int(f[9]), f[11].strip()))
    out = []
    for k in order:
        words = sorted(lines[k])
        hs = sorted(w[3] for w in words)
        h = hs[len(hs) // 2]
        seg = [words[0]]
        for w in words[1:]:
            prev = seg[-1]
            if w[0] - (prev[0] + prev[2]) > gap * h:
                out.append(_line(seg))
                seg = []
            seg.append(w)
        out.append(_line(seg))
    return out


@dataclass(slots=True)
class OcrLine:
    text: str
    left: int
    top: int
    right: int
    bottom: int
    height: int  # median word height (robust to diacritics and stray marks)


def _line(words: list) -> OcrLine:
    hs = sorted(w[3] for w in words)
    return OcrLine(text=" ".join(w[4] for w in words), left=min(w[0] for w in words),
                   top=min(w[1] for w in words), right=max(w[0] + w[2] for w in words),
                   bottom=max(w[1] + w[3] for w in words), height=hs[len(hs) // 2])


__all__ = ["OcrError", "enabled", "max_pages", "ocr_image_bytes", "ocr_page", "OcrLine", "parse_tsv",
           "unavailable_reason"]
