"""Ruled tables rebuilt from pdfium's vector objects: rulings -> grid -> cells -> bounded text.

Why not pdfplumber: its table finder costs ~0.5 s a page (pdfminer layout of every char), 25x
the rest of the PDF reader. Word/Aspose draw cell borders as thin filled rectangles (one per
cell edge, plus tiny squares at the joints) or stroked lines/rectangles, so the grid can be read
straight off the path objects pdfium already enumerates, and pdfium returns the text inside a
rectangle in C. Cells and their row/col numbering follow pdfplumber's (row = rank of the cell's
top among the table's cell tops, col = rank of its left edge), so merged cells keep the index of
their top-left grid cell and the cells they cover get no block.

Filled rectangles thicker than ``THIN`` (highlighting, cell shading) are not rulings: they made
pdfplumber see 1-column "tables" on highlighted pages.
"""
from __future__ import annotations

import ctypes
from dataclasses import dataclass, field

import regex as re

THIN = 3.0  # a filled rectangle at most this thick is a ruling
POS_TOL = 1.5  # rulings closer than this (pt) are one grid line (Word: 0.5 pt rect edges)
GAP_TOL = 2.0  # collinear pieces with gaps up to this are one ruling (Word: one piece per cell)
CROSS_TOL = 3.0  # a ruling ending this close to another one meets it
MIN_LEN = 4.0  # merged rulings shorter than this (lone joints, dots) are dropped
MAX_SEGMENTS = 400  # stroked paths with more segments are drawings (charts, logos), not borders
INSET = 1.0  # cell rectangles are shrunk by this before asking pdfium for their text


@dataclass(slots=True)
class Ruling:
    horiz: bool
    pos: float  # y of a horizontal, x of a vertical (pdf user space, y up)
    a: float  # extent along the line, a < b
    b: float


@dataclass
class Table:
    bbox: tuple  # (left, bottom, right, top)
    cells: list = field(default_factory=list)  # (row, col, text), row-major


# ---------------------------------------------------------------- rulings from path objects

class RulingReader:
    """Collects the rulings a page's path objects draw: thin filled rects or stroked lines.

    The ctypes out-parameters are made once per page: a Word table page has thousands of paths."""

    def __init__(self, R):
        self.R = R
        self.rulings: list = []
        self._box = [ctypes.c_float() for _ in range(4)]
        self._refs = [ctypes.byref(x) for x in self._box]
        self._fill, self._stroke = ctypes.c_int(), ctypes.c_int()
        self._mode = (ctypes.byref(self._fill), ctypes.byref(self._stroke))

    def add(self, obj) -> None:
        R, out = self.R, self.rulings
        if not R.FPDFPageObj_GetBounds(obj, *self._refs):
            return
        l, b, r, t = (x.value for x in self._box)
        w, h = r - l, t - b
        if not R.FPDFPath_GetDrawMode(obj, *self._mode):
            return
        if not self._stroke.value:
            if not self._fill.value:
                return
            if w <= THIN and h <= THIN:  # a joint: bridges the pieces meeting there
                out.append(Ruling(True, (b + t) / 2, l, r))
                out.append(Ruling(False, (l + r) / 2, b, t))
            elif h <= THIN:
                out.append(Ruling(True, (b + t) / 2, l, r))
            elif w <= THIN:
                out.append(Ruling(False, (l + r) / 2, b, t))
            return  # thicker filled shapes: shading, highlighting
        _stroked(R, obj, out)

    @property
    def ruled(self) -> bool:
        """Rulings at >= 3 x and >= 3 y positions: the page may hold a ruled table."""
        hs = {round(r.pos / 2) for r in self.rulings if r.horiz}
        vs = {round(r.pos / 2) for r in self.rulings if not r.horiz}
        return len(hs) >= 3 and len(vs) >= 3


def _stroked(R, obj, out: list) -> None:
    n = R.FPDFPath_CountSegments(obj)
    if n < 2 or n > MAX_SEGMENTS:
        return
    m = R.FS_MATRIX()
    if not R.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
        m.a, m.b, m.c, m.d, m.e, m.f = 1, 0, 0, 1, 0, 0
    x, y = ctypes.c_float(), ctypes.c_float()
    start = prev = None
    for k in range(n):
        seg = R.FPDFPath_GetPathSegment(obj, k)
        if not R.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y)):
            prev = None
            continue
        pt = (m.a * x.value + m.c * y.value + m.e, m.b * x.value + m.d * y.value + m.f)
        kind = R.FPDFPathSegment_GetType(seg)
        if kind == R.FPDF_SEGMENT_MOVETO:
            start = pt
        elif kind == R.FPDF_SEGMENT_LINETO and prev is not None:
            _line(prev, pt, out)
        if R.FPDFPathSegment_GetClose(seg) and start is not None:
            _line(pt, start, out)
        prev = pt if kind != R.FPDF_SEGMENT_BEZIERTO else None


def _line(p, q, out: list) -> None:
    (x0, y0), (x1, y1) = p, q
    if abs(y1 - y0) < 0.5 and abs(x1 - x0) > THIN:
        out.append(Ruling(True, (y0 + y1) / 2, min(x0, x1), max(x0, x1)))
    elif abs(x1 - x0) < 0.5 and abs(y1 - y0) > THIN:
        out.append(Ruling(False, (x0 + x1) / 2, min(y0, y1), max(y0, y1)))


# ---------------------------------------------------------------- rulings -> grids

def _merge(rulings: list) -> list:
    """Cluster rulings of one direction by position, then join collinear pieces."""
    out = []
    group: list = []
    for rl in sorted(rulings, key=lambda z: z.pos) + [None]:
        if group and (rl is None or rl.pos - group[-1].pos > POS_TOL):
            pos = sum(z.pos for z in group) / len(group)
            cur = None
            for z in sorted(group, key=lambda z: z.a):
                if cur is not None and z.a <= cur.b + GAP_TOL:
                    cur.b = max(cur.b, z.b)
                else:
                    cur = Ruling(z.horiz, pos, z.a, z.b)
                    out.append(cur)
            group = []
        if rl is not None:
            group.append(rl)
    return [z for z in out if z.b - z.a >= MIN_LEN]


def find_grids(rulings: list) -> list:
    """Connected sets of crossing rulings: each is (horizontals, verticals) of one table."""
    hs = _merge([r for r in rulings if r.horiz])
    vs = _merge([r for r in rulings if not r.horiz])
    if len(hs) < 3 or len(vs) < 3:
        return []
    parent = list(range(len(hs) + len(vs)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(hs):
        for j, v in enumerate(vs):
            if h.a - CROSS_TOL <= v.pos <= h.b + CROSS_TOL and v.a - CROSS_TOL <= h.pos <= v.b + CROSS_TOL:
                parent[find(i)] = find(len(hs) + j)
    comps: dict = {}
    for i, rl in enumerate(hs + vs):
        comps.setdefault(find(i), []).append(rl)
    grids = []
    for members in comps.values():
        h = [r for r in members if r.horiz]
        v = [r for r in members if not r.horiz]
        if len(_positions(h)) >= 3 and len(_positions(v)) >= 3:
            grids.append((h, v))
    return grids


def _positions(rulings: list) -> list:
    out = []
    for p in sorted(r.pos for r in rulings):
        if out and p - out[-1] <= POS_TOL:
            continue
        out.append(p)
    return out


def _covered(rulings: list, pos: float, lo: float, hi: float) -> bool:
    """A ruling at ``pos`` runs along [lo, hi] (ends may fall short by a little)."""
    t = GAP_TOL + 0.1 * (hi - lo)
    return any(abs(r.pos - pos) <= POS_TOL and r.a <= lo + t and r.b >= hi - t for r in rulings)


def grid_cells(h: list, v: list) -> list:
    """Cells as (left, bottom, right, top): grid squares joined across missing interior rulings;
    regions not closed by rulings on every side (outside an irregular table) are dropped."""
    xs = _positions(v)  # left -> right
    ys = _positions(h)[::-1]  # top -> bottom
    nr, nc = len(ys) - 1, len(xs) - 1
    if nr < 1 or nc < 1:
        return []
    # right[i][j]: ruling between square (i, j) and (i, j + 1); below[i][j]: between (i, j), (i + 1, j)
    right = [[_covered(v, xs[j], ys[i + 1], ys[i]) for j in range(nc + 1)] for i in range(nr)]
    below = [[_covered(h, ys[i], xs[j], xs[j + 1]) for j in range(nc)] for i in range(nr + 1)]
    parent = list(range(nr * nc))

    def find(k):
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for i in range(nr):
        for j in range(nc):
            if j + 1 < nc and not right[i][j + 1]:
                parent[find(i * nc + j)] = find(i * nc + j + 1)
            if i + 1 < nr and not below[i + 1][j]:
                parent[find(i * nc + j)] = find((i + 1) * nc + j)
    groups: dict = {}
    for k in range(nr * nc):
        groups.setdefault(find(k), []).append(divmod(k, nc))
    cells = []
    for sq in groups.values():
        rows = [i for i, _ in sq]
        cols = [j for _, j in sq]
        r0, r1, c0, c1 = min(rows), max(rows), min(cols), max(cols)
        if len(sq) != (r1 - r0 + 1) * (c1 - c0 + 1):
            continue  # not a rectangle: the space around an irregular table
        closed = (all(right[i][c0] and right[i][c1 + 1] for i in range(r0, r1 + 1))
                  and all(below[r0][j] and below[r1 + 1][j] for j in range(c0, c1 + 1)))
        if closed:
            cells.append((xs[c0], ys[r1 + 1], xs[c1 + 1], ys[r0]))
    return cells


# ---------------------------------------------------------------- cells -> text

def read_tables(tp, rulings: list) -> list:
    """Tables (>= 2 rows and >= 2 columns of cells) with each cell's text from pdfium."""
    out = []
    for h, v in find_grids(rulings):
        cells = grid_cells(h, v)
        tops = sorted({round(c[3], 1) for c in cells}, reverse=True)
        lefts = sorted({round(c[0], 1) for c in cells})
        if len(tops) < 2 or len(lefts) < 2:
            continue
        row = {y: k for k, y in enumerate(tops)}
        col = {x: k for k, x in enumerate(lefts)}
        tb = Table(bbox=(min(c[0] for c in cells), min(c[1] for c in cells),
                         max(c[2] for c in cells), max(c[3] for c in cells)))
        for l, b, r, t in sorted(cells, key=lambda c: (-c[3], c[0])):
            dx, dy = min(INSET, (r - l) / 4), min(INSET, (t - b) / 4)
            text = tp.get_text_bounded(l + dx, b + dy, r - dx, t - dy) if tp is not None else ""
            tb.cells.append((row[round(t, 1)], col[round(l, 1)], cell_text(text)))
        out.append(tb)
    out.sort(key=lambda tb: -tb.bbox[3])
    return out


_SOFT = re.compile(r"(?<=\S)[\x02\ufffe]|(?<=\S)-[ \t]*\r?\n\s*(?=\S)")


def cell_text(t: str) -> str:
    """One line of cell text. A hyphen that ends a wrapped line after a word joins it to the
    next line ("19/NQ-" + "HĐND" = "19/NQ-HĐND"; Word wraps codes and ranges there); pdfium
    marks such a hyphen \\x02 when it recognises it."""
    t = _SOFT.sub("-", t)
    return " ".join(re.sub(r"[\x02\ufffe]", "- ", t).split())  # after a space: a dash


__all__ = ["Ruling", "Table", "RulingReader", "find_grids", "grid_cells", "read_tables", "cell_text"]
