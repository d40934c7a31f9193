"""PDF -> RawDocument with pypdfium2: one Block per text line, with page, x0, size and bold.

Why this shape:
- pdfium is ~10-50x faster than pdfminer/pdfplumber. Ruled tables are rebuilt from pdfium's
  path objects and per-cell bounded text (read/pdf_tables.py); their cells become
  table/row/col blocks. ``CCHC_PDF_TABLES=pdfplumber`` uses pdfplumber's finder instead (slow,
  for comparison), ``CCHC_PDF_TABLES=0`` turns tables off.
- Signing software draws its stamp and the issued number/date ("464", "15" in the blank
  "Số: /STC-VP … ngày tháng") as widget annotations. We flatten annotations so that text is
  seen; number/date tokens that sit on a body line are merged into it at their x position, the
  rest of the stamp becomes blocks marked ``style="esign"``.
- Scanned pages (no text besides the stamp, but an image) are OCR'd with tesseract (read/ocr.py);
  garbled text layers (Cyrillic look-alikes from bad ABBYY font maps) are OCR'd too when
  possible, else mapped back with lexicon/lookalikes.tsv and flagged with a warning.
"""
from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

import regex as re

from ..deadline import check
from ..lexicon import rows
from .base import Block, RawDocument, ReadError
from .pdf_tables import RulingReader, read_tables
from .stamp import ESIGN, is_stamp_line, mark_stamps

_OBJ_TEXT, _OBJ_PATH, _OBJ_IMAGE = 1, 2, 3
SCANNED_MAX_CHARS = 30  # body characters (stamps removed) below which an imaged page is "scanned"
HEADER_ZONE = 0.40  # top fraction of page 1 where two-column header lines are split at x-gaps
MARGIN_ZONE = 0.085  # top/bottom fraction of a page where running heads and page numbers live

_PAGE_NO = re.compile(r"^\s*(?:[-–—]\s*)?(?:trang\s+)?\d{1,4}(?:\s*/\s*\d{1,4})?(?:\s*[-–—])?\s*$", re.I)
_RUNNING = re.compile(r"^\s*(?:\d{1,4}\s+)?CÔNG\s+BÁO\b.*|.*\bCÔNG\s+BÁO\s*/\s*Số\b.*", re.I)
_SOFT_HYPHEN = "\ufffe"  # pdfium's mark for a hyphen that ends a line
_MERGE_TOKEN = re.compile(r"^\d{1,6}[A-Za-zĐđ]?$")  # issued number/day/month/year stamped in a blank


@dataclass(slots=True)
class _Line:
    text: str
    s: int  # char index range in the text page
    e: int
    x0: Optional[float] = None
    y0: Optional[float] = None  # bottom (pdf coords, y up)
    y1: Optional[float] = None  # top
    size: Optional[float] = None
    bold: bool = False
    annot: bool = False  # drawn by an annotation (signature widget)
    style: Optional[str] = None
    inserts: list = field(default_factory=list)  # (token, x_left, x_right) to merge in


@dataclass
class _Page:
    no: int
    width: float
    height: float
    lines: list = field(default_factory=list)
    n_images: int = 0
    n_paths: int = 0
    tables: list = field(default_factory=list)  # (line indexes it replaces, [Block])
    grids: list = field(default_factory=list)  # pdf_tables.Table found on the page
    annot_rects: list = field(default_factory=list)  # (l, b, r, t) of annotations (stamps)
    ruled: bool = False  # vector rulings at >= 3 x and >= 3 y positions: may hold a ruled table


def read_pdf(data: bytes) -> RawDocument:
    """Read a PDF's text layer; OCR scanned pages when tesseract+vie is installed."""
    import pypdfium2 as pdfium

    pdf = _open(pdfium, data)
    try:
        n = len(pdf)
        if n == 0:
            raise ReadError("the PDF has no pages; re-export it from the source document")
        raw = RawDocument(format="pdf", pages=n)
        pages = []
        for i in range(n):
            check(f"reading page {i + 1} of {n}")
            try:
                pages.append(_read_page(pdf, i))
            except ReadError:
                raise
            except Exception as e:  # one broken page must not lose the others
                raw.errors.append(f"page {i + 1} could not be read ({type(e).__name__}: {e})")
                pages.append(_Page(no=i + 1, width=0, height=0))
        _mark_margins(pages)
        if _tables_mode() == "pdfplumber":
            _plumber_tables(data, pages, raw)
        else:
            for pg in pages:
                _place_tables(pg)
        _number_tables(pages)
        _fix_pages(pdf, pages, raw)
        raw.blocks = _to_blocks(pages)
        mark_stamps(raw.blocks)
        return raw
    finally:
        pdf.close()


def _open(pdfium, data: bytes):
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        msg = str(e)
        if "password" in msg.lower():
            raise ReadError("the PDF is password-protected: remove the password (print to PDF "
                            "or use `qpdf --decrypt`) and run again") from None
        # pdfium refuses an empty page tree (with a stale error code): recognise it in the bytes
        if re.search(rb"/Count\s+0\b", data) and not re.search(rb"/Type\s*/Page(?!s)", data):
            raise ReadError("the PDF has no pages; re-export it from the source document") from None
        raise ReadError(f"the PDF is corrupt or truncated ({msg}); re-download it or open and "
                        "re-save it with a PDF viewer") from None


# ---------------------------------------------------------------- one page: lines + geometry

def _read_page(pdf, i: int) -> _Page:
    import pypdfium2.raw as R

    page = pdf[i]
    w, h = page.get_size()
    pg = _Page(no=i + 1, width=w, height=h)
    rulings = RulingReader(R)
    handle, get_obj, obj_type = page.raw, R.FPDFPage_GetObject, R.FPDFPageObj_GetType  # hot loop
    for k in range(R.FPDFPage_CountObjects(handle)):
        obj = get_obj(handle, k)
        t = obj_type(obj)
        if t == _OBJ_IMAGE:
            pg.n_images += 1
        elif t == _OBJ_PATH:
            pg.n_paths += 1
            rulings.add(obj)
    pg.ruled = rulings.ruled
    tp = page.get_textpage()
    n0 = tp.count_chars()
    text0 = tp.get_text_range().replace(_SOFT_HYPHEN, "-") if n0 else ""
    if pg.ruled and n0 and _tables_mode() == "pdfium":
        pg.grids = read_tables(tp, rulings.rulings)  # before flattening: stamps drawn over cells stay out
    n_annots = R.FPDFPage_GetAnnotCount(page)
    pg.annot_rects = _annot_rects(R, page, n_annots)
    if n_annots > 0:
        tp.close()
        R.FPDFPage_Flatten(page, R.FLAT_NORMALDISPLAY)  # annotation appearances -> page content
        page.close()
        page = pdf[i]
        tp = page.get_textpage()
    n1 = tp.count_chars()
    text = tp.get_text_range().replace(_SOFT_HYPHEN, "-") if n1 else ""
    if len(text) != n1:  # surrogates etc.: no reliable char index -> text without geometry
        pg.lines = [_Line(text=t, s=0, e=0) for t in re.split(r"\r\n|\r|\n", text)]
        tp.close()
        page.close()
        return pg
    split_at = n0 if n1 > n0 and text[:n0] == text0 else n1
    body, extra = [], []
    for s, e in _line_ranges(text):
        ln = _Line(text=text[s:e], s=s, e=e, annot=s >= split_at)
        _geometry(R, tp, ln)
        (extra if ln.annot else body).append(ln)
    if i == 0:
        zone = h * (1 - HEADER_ZONE)
        split = []
        for ln in body:
            if ln.y1 is not None and ln.y1 >= zone and len(ln.text.strip()) > 3:
                split.extend(_split_line(tp, ln))
            else:
                split.append(ln)
        body = split
    stamp = []
    for ln in extra:
        rest = _merge_tokens(tp, ln, body) if ln.y0 is not None else ln.text
        if rest.strip():
            ln.text = rest.strip()
            ln.style = ESIGN
            stamp.append(ln)
    for ln in body:
        if ln.inserts:
            _apply_inserts(tp, ln)
    body.extend(stamp)
    pg.lines = body
    tp.close()
    page.close()
    return pg


def _annot_rects(R, page, n: int) -> list:
    """Rectangles of the page's annotations: OCR text inside them is stamp text."""
    out = []
    for k in range(n):
        a = R.FPDFPage_GetAnnot(page, k)
        if not a:
            continue
        rc = R.FS_RECTF()
        if R.FPDFAnnot_GetRect(a, rc):
            out.append((min(rc.left, rc.right), min(rc.bottom, rc.top), max(rc.left, rc.right),
                        max(rc.bottom, rc.top)))
        R.FPDFPage_CloseAnnot(a)
    return out


def _line_ranges(text: str):
    pos = 0
    for m in re.finditer(r"\r\n|\r|\n", text):
        yield pos, m.start()
        pos = m.end()
    if pos < len(text):
        yield pos, len(text)


def _first_char(text: str) -> int:
    return len(text) - len(text.lstrip())


def _geometry(R, tp, ln: _Line) -> None:
    """x0/y of the line's first visible char, its font size and weight: 4 cheap pdfium calls."""
    j = ln.s + _first_char(ln.text)
    if j >= ln.e:
        return
    left, bottom, right, top = tp.get_charbox(j, loose=True)
    ln.x0, ln.y0, ln.y1 = round(left, 1), bottom, top
    size = R.FPDFText_GetFontSize(tp.raw, j)
    ln.size = round(size if size >= 3 else (top - bottom), 1)  # size 1.0 = scaled by the matrix
    ln.bold = R.FPDFText_GetFontWeight(tp.raw, j) >= 600


def _merge_tokens(tp, ln: _Line, body: list) -> str:
    """Insert short number tokens of an annotation line into the body line they sit on.

    Returns what is left of the annotation line (the stamp proper)."""
    left = []
    for m in re.finditer(r"\S+", ln.text):
        tok = m.group()
        s, e = ln.s + m.start(), ln.s + m.end() - 1
        if not _MERGE_TOKEN.match(tok):
            left.append(tok)
            continue
        bl, bb, _, bt = tp.get_charbox(s, loose=True)
        br = tp.get_charbox(e, loose=True)[2]
        host = _host_line(body, bb, bt, bl)
        if host is None:
            left.append(tok)
            continue
        host.inserts.append((tok, bl, br))
    return " ".join(left)


def _host_line(body: list, bottom: float, top: float, x_left: float):
    """The body line the token sits on: overlapping vertically, nearest column to its left."""
    best, best_key = None, None
    for ln in body:
        if ln.y0 is None or ln.annot or ln.s < 0:
            continue
        ov = min(top, ln.y1) - max(bottom, ln.y0)
        if ov <= 0.5 * (top - bottom):
            continue
        key = (ln.x0 is not None and ln.x0 <= x_left + 2, ln.x0 or 0)
        if best_key is None or key > best_key:
            best, best_key = ln, key
    return best


def _apply_inserts(tp, host: _Line) -> None:
    """Put stamped tokens into ``host.text`` between the chars left and right of each."""
    t = host.text
    boxes = {}

    def box(k):
        if k not in boxes:
            boxes[k] = tp.get_charbox(host.s + k, loose=True)
        return boxes[k]

    at = []
    for tok, x_left, x_right in host.inserts:
        pos = len(t)
        for k in range(len(t)):
            if not t[k].isspace() and (box(k)[0] + box(k)[2]) / 2 > x_left:
                pos = k
                break
        gap = box(pos)[0] - x_right if pos < len(t) else None
        at.append((pos, x_left, tok, gap))
    at.sort()
    size = host.size or 12
    out, prev = [], 0
    for pos, _, tok, gap in at:
        before = t[prev:pos]
        out.append(before)
        joined = "".join(out)
        if joined and not joined.endswith(" "):
            out.append(" ")
        out.append(tok)
        if pos < len(t) and not t[pos].isspace() and (t[pos].isalnum() or (gap or 0) > 0.3 * size):
            out.append(" ")
        elif pos < len(t) and pos > 0 and t[pos - 1] == " " and t[pos].isspace():
            pos += 1
        prev = pos
    out.append(t[prev:])
    host.text = "".join(out)
    host.inserts = []
    host.s = host.e = -1  # char indices no longer match the text


# ---------------------------------------------------------------- layout passes

def _split_line(tp, ln: _Line) -> list:
    size = ln.size or 12
    min_gap = max(3 * size, 24.0)
    prev_r, cuts = None, []
    for k, ch in enumerate(ln.text):
        if ch.isspace():
            continue
        l, _, r, _ = tp.get_charbox(ln.s + k, loose=True)
        if r <= l:  # generated char without a box
            continue
        if prev_r is not None and l - prev_r > min_gap:
            cuts.append((k, l))
        prev_r = r
    if not cuts:
        return [ln]
    parts, start, x = [], 0, ln.x0
    for k, xl in cuts + [(len(ln.text), None)]:
        seg = ln.text[start:k]
        if seg.strip():
            parts.append(_Line(text=seg.rstrip(), s=ln.s + start, e=ln.s + k, x0=x, y0=ln.y0, y1=ln.y1,
                               size=ln.size, bold=ln.bold))
        start, x = k, (round(xl, 1) if xl is not None else None)
    return parts


def _mark_margins(pages: list) -> None:
    """Running heads (repeated margin lines, "CÔNG BÁO/Số …") and page numbers."""
    keyed = Counter()
    margin = []
    for pg in pages:
        if pg.height <= 0:
            continue
        top, bottom = pg.height * (1 - MARGIN_ZONE), pg.height * MARGIN_ZONE
        for ln in pg.lines:
            if ln.y0 is None or ln.annot or ln.style:
                continue
            if ln.y0 >= top or ln.y1 <= bottom:
                margin.append(ln)
                keyed[(_mask(ln.text), pg.no)] += 1
    repeats = Counter(k for k, _ in keyed)
    for ln in margin:
        t = ln.text.strip()
        if not t:
            continue
        if _PAGE_NO.match(t):
            ln.style = "page-number"
        elif _RUNNING.match(t) or (len(pages) > 2 and repeats[_mask(t)] >= max(2, len(pages) // 3)):
            ln.style = "running-head"


def _mask(t: str) -> str:
    return re.sub(r"\d+", "#", t.strip().lower())


def _tables_mode() -> str:
    """CCHC_PDF_TABLES: "pdfium" (default), "pdfplumber" (slow reference finder) or "0" (off)."""
    mode = os.environ.get("CCHC_PDF_TABLES", "pdfium").strip().lower()
    return {"1": "pdfium", "": "pdfium", "plumber": "pdfplumber"}.get(mode, mode)


def _table_lines(pg: _Page, left: float, bottom: float, right: float, top: float) -> list:
    """Indexes of the page's text lines drawn inside a table's box (its cells replace them)."""
    return [k for k, ln in enumerate(pg.lines) if ln.y0 is not None and not ln.annot
            and bottom - 1 <= (ln.y0 + ln.y1) / 2 <= top + 1
            and ln.x0 is not None and left - 2 <= ln.x0 <= right + 2]


def _place_tables(pg: _Page) -> None:
    for tb in pg.grids:
        inside = _table_lines(pg, *tb.bbox)
        if not inside:
            continue
        blocks = [Block(text=t, page=pg.no, row=r, col=c) for r, c, t in tb.cells]
        pg.tables.append((inside, blocks))
    pg.grids = []


def _number_tables(pages: list) -> None:
    t_index = 0
    for pg in pages:
        for _, blocks in pg.tables:
            for b in blocks:
                b.table = t_index
            t_index += 1


def _plumber_tables(data: bytes, pages: list, raw: RawDocument) -> None:
    """Ruled tables via pdfplumber (~0.5 s a page), only on pages with rulings to draw one."""
    todo = [pg for pg in pages if pg.ruled and pg.lines]
    if not todo:
        return
    import io

    import pdfplumber

    try:
        plumber = pdfplumber.open(io.BytesIO(data))
    except Exception as e:
        raw.warnings.append(f"tables not extracted: pdfplumber could not open the file ({e})")
        return
    with plumber:
        for pg in todo:
            try:
                tables = plumber.pages[pg.no - 1].find_tables()
            except Exception as e:
                raw.warnings.append(f"page {pg.no}: table detection failed ({type(e).__name__})")
                continue
            for tb in tables:
                cells = tb.extract()
                if len(cells) < 2 or max((len(r) for r in cells), default=0) < 2:
                    continue
                x0, top, x1, bottom = tb.bbox
                inside = _table_lines(pg, x0, pg.height - bottom, x1, pg.height - top)
                if not inside:
                    continue
                blocks = [Block(text=" ".join(cell.split()), page=pg.no, row=r, col=c)
                          for r, row in enumerate(cells) for c, cell in enumerate(row) if cell is not None]
                pg.tables.append((inside, blocks))


def _fix_pages(pdf, pages: list, raw: RawDocument) -> None:
    """Scanned pages -> OCR; garbled text layers -> OCR or look-alike mapping + warning."""
    from . import ocr

    scanned, garbled = [], []
    for pg in pages:
        lines = [ln.text for ln in pg.lines if not ln.annot and ln.style != ESIGN]
        body = "".join(lines)
        if pg.n_images > 0 or _garbled(body):  # stamp lines matter only then (is_stamp_line is slow)
            body = "".join(t for t in lines if not is_stamp_line(t))
        n_body = len(re.sub(r"\s+", "", body))
        if n_body < SCANNED_MAX_CHARS and pg.n_images > 0:
            scanned.append(pg)
        elif n_body >= SCANNED_MAX_CHARS and _garbled(body):
            garbled.append(pg)
    if not scanned and not garbled:
        return
    why = ocr.unavailable_reason()
    budget = ocr.max_pages()
    done = 0
    todo = sorted(scanned + [g for g in garbled if g.n_images], key=lambda p: p.no)
    for pg in todo if not why else []:
        if done >= budget:
            break
        check(f"running OCR on page {pg.no}")
        try:
            lines = ocr.ocr_page(pdf[pg.no - 1])
        except ocr.OcrError as e:
            raw.errors.append(f"page {pg.no}: OCR failed ({e})")
            continue
        done += 1
        raw.ocr = True
        kept = [ln for ln in pg.lines if ln.annot or ln.style == ESIGN]
        pg.lines = [_ocr_line(o, pg.annot_rects) for o in lines] + kept
        pg.tables = []
        if pg in garbled:
            raw.warnings.append(f"page {pg.no}: the text layer is garbled; the page was OCR'd instead")
            garbled.remove(pg)
        else:
            scanned.remove(pg)
    for pg in scanned:
        if why:
            raw.errors.append(f"page {pg.no} is scanned (no text layer) and OCR is unavailable: {why}")
        else:
            raw.errors.append(f"page {pg.no} is scanned (no text layer) and was not OCR'd: over the "
                              f"CCHC_OCR_MAX_PAGES={budget} limit")
    for pg in garbled:
        table = _lookalikes()
        for ln in pg.lines:
            ln.text = ln.text.translate(table)
        raw.warnings.append(f"page {pg.no}: the text layer looks garbled (look-alike/odd characters); "
                            "Cyrillic/Greek look-alikes were mapped to Latin — check against the page")


def _ocr_line(o, rects: list) -> _Line:
    ln = _Line(text=o.text, s=-1, e=-1, x0=o.left, y0=o.bottom, y1=o.top, size=o.height)
    cx, cy = (o.left + o.right) / 2, (o.top + o.bottom) / 2
    if any(l - 2 <= cx <= r + 2 and b - 2 <= cy <= t + 2 for l, b, r, t in rects):
        ln.style = ESIGN  # OCR of the stamp image drawn by the signature annotation
    return ln


_CYR = re.compile(r"[\p{Script=Cyrillic}\p{Script=Greek}]")
_ODD_IN_WORD = re.compile(r"(?<=\p{L})(?:[~(){}\\|;€£$@<>\[\]](?=\p{L}|\s|$)|\d(?=\p{L}))")  # one lookbehind: 4x faster


def _garbled(text: str) -> bool:
    """Bad font maps: Cyrillic/Greek look-alikes or punctuation inside Vietnamese words."""
    letters = sum(map(str.isalpha, text))
    if letters < 20:
        return False
    cyr = len(_CYR.findall(text))
    odd = len(_ODD_IN_WORD.findall(text))
    return cyr >= 5 and cyr / letters > 0.01 or (cyr + odd) / letters > 0.03


@lru_cache(maxsize=1)
def _lookalikes() -> dict:
    return str.maketrans({r["from"]: r["to"] for r in rows("lookalikes")})


def _to_blocks(pages: list) -> list:
    out = []
    for pg in pages:
        table_at = {}
        skip = set()
        for inside, blocks in pg.tables:
            table_at[inside[0]] = blocks
            skip.update(inside)
        for k, ln in enumerate(pg.lines):
            if k in table_at:
                out.extend(table_at[k])
            if k in skip:
                continue
            out.append(Block(text=ln.text, page=pg.no, bold=ln.bold, size=ln.size, x0=ln.x0,
                             style=ln.style))
    return out


__all__ = ["read_pdf"]
