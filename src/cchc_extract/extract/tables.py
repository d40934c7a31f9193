"""Data tables: from reader cells (Block.table/row/col; DOCX, DOC, HTML, RTF, PDF), from
markdown/pipe text tables and from tab-separated text lines (``Block.cells``, kept by the pipeline
because normalization turns tabs into spaces).

Output is rectangular on purpose: every header row and body row has the same number of columns,
so ``pd.DataFrame(t.rows, columns=t.header[-1])`` works directly. ``header`` holds the header rows
as printed (merged cells repeated) and, when there are several, a last row of merged column names
("Kết quả thống kê - Số liệu"). Layout tables (the header/signature grid) are skipped.
"""
from __future__ import annotations

from typing import Optional

import regex as re

from .. import model
from ..normalize import fold

MAX_HEADER_ROWS = 4
CAPTION_LOOKBACK = 6
_STT = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*\.?|[IVXLC]{1,6}\.?|[a-zđ][.)]|[A-Z]\.?|\(\d+\)|[-+*•])$")
_NUMERIC = re.compile(r"^[-+]?[\d.,%/\s]+$")
_INDEX_CELL = re.compile(r"^\(?(?:\d{1,2}|[A-Z]|[a-z])\)?(?:\s*=\s*.*)?$")
_CAPTION = re.compile(r"^(?:biểu|bảng|phụ lục|mẫu số|danh sách|danh mục|tổng hợp)\b", re.I)


def extract_tables(ctx) -> list:
    out = []
    out.extend(_cell_tables(ctx))
    out.extend(_pipe_tables(ctx))
    out.extend(_tab_tables(ctx))
    out.sort(key=lambda t: t.span[0])
    return out


# --- tables from reader cells -------------------------------------------------------------

def _cell_tables(ctx) -> list:
    groups: dict = {}
    order: list = []
    for i, b in enumerate(ctx.blocks):
        if b.table is None or b.layout_table or b.row is None or b.col is None:
            continue
        if b.table not in groups:
            groups[b.table] = []
            order.append(b.table)
        groups[b.table].append(i)
    from .signatures import find_blocks

    sig_spans = [(sb.start, sb.end) for sb in find_blocks(ctx)]
    tables = []
    for idxs in _merge_fragments(ctx, [groups[t] for t in order]):
        if _layout_like(ctx, idxs, sig_spans):
            continue
        cells: dict = {}
        for i in idxs:
            b = ctx.blocks[i]
            key = (_row_key(ctx, i, idxs), b.col)
            t = b.text.strip()
            if key in cells:
                if t:
                    cells[key] = (cells[key] + " " + t).strip()
            else:
                cells[key] = t
        t = _build(ctx, cells, idxs)
        if t is not None:
            tables.append(t)
    return tables


_LAYOUT_TEXT = ("nơi nhận", "cộng hòa xã hội", "cộng hoà xã hội", "độc lập - tự do", "kính gửi")


def _layout_like(ctx, idxs: list, sig_spans: list) -> bool:
    """Header/footer grids the reader did not flag: quốc hiệu, Nơi nhận or a signature inside."""
    for i in idxs:
        b = ctx.blocks[i]
        f = ctx.folded[b.start:b.end].strip()
        if f.startswith(_LAYOUT_TEXT) or f.startswith("số:"):
            return True
        if any(s <= b.start < e for s, e in sig_spans):
            return True
    return False


def _merge_fragments(ctx, groups: list) -> list:
    """Readers that emit each row of a table as its own table (old .doc files) leave runs of
    tiny tables with only empty paragraphs between them: glue such runs back together."""
    out: list = []
    for g in groups:
        if out:
            prev = out[-1]
            gap = range(prev[-1] + 1, g[0])
            between_empty = all(not ctx.blocks[k].text.strip() for k in gap
                                if ctx.blocks[k].table is None)
            rows_prev = len({(ctx.blocks[k].table, ctx.blocks[k].row) for k in prev})
            rows_g = len({ctx.blocks[k].row for k in g})
            if between_empty and (rows_g <= 2 and rows_prev <= 2 or rows_g == 1):
                base = 1 + max(_row_key(ctx, k, prev) for k in prev)
                out[-1] = prev + g
                ctx.__dict__.setdefault("_row_offset", {}).update({k: base for k in g})
                continue
        out.append(list(g))
    return out


def _row_key(ctx, k: int, group: list) -> int:
    return ctx.blocks[k].row + ctx.__dict__.get("_row_offset", {}).get(k, 0)


def _build(ctx, cells: dict, idxs: list) -> Optional[model.Table]:
    if not cells:
        return None
    rows_ix = sorted({r for r, _ in cells})
    ncols = max(c for _, c in cells) + 1
    grid = []  # list of (cells list with None for absent)
    for r in rows_ix:
        grid.append([cells.get((r, c)) for c in range(ncols)])
    # drop all-empty columns and rows
    keep = [c for c in range(ncols) if any(row[c] for row in grid)]
    grid = [[row[c] for c in keep] for row in grid]
    grid = [row for row in grid if any(v for v in row)]
    if not grid or not keep:
        return None
    ncols = len(keep)
    if len(grid) == 1 and ncols == 1:
        return None  # a framed paragraph, not a table
    nh = _header_rows(grid)
    header_rows = _fill_header(grid[:nh]) if nh else []
    body = [[v or "" for v in row] for row in grid[nh:]]
    header = _header(header_rows, ncols)
    start = min(ctx.blocks[i].start for i in idxs)
    end = max(ctx.blocks[i].end for i in idxs)
    first_block = min(idxs)
    return model.Table(section=_section_of(ctx, start), caption=_caption(ctx, first_block),
                       header=header, rows=body, span=(start, end))


def _is_data_row(row: list) -> bool:
    vals = [v for v in row if v]
    if not vals:
        return False
    if any(len(v) > 100 for v in vals):
        return True  # sentences: header cells are short
    first = row[0] or ""
    if first and _STT.match(first.strip()) and len(vals) > 1:
        return True
    numeric = sum(1 for v in vals if _NUMERIC.match(v))
    return numeric >= max(1, len(vals) // 2) and not _index_row(row)


def _index_row(row: list) -> bool:
    """The column-number row under a header: "(1) (2) (3)" or "A B 1 2 3"."""
    vals = [v for v in row if v]
    return len(vals) >= 2 and all(_INDEX_CELL.match(v.strip()) and len(v) <= 12 for v in vals)


def _header_rows(grid: list) -> int:
    n = 0
    for row in grid[:MAX_HEADER_ROWS + 1]:
        if _index_row(row) and n:
            n += 1
            break
        if _is_data_row(row):
            break
        n += 1
        if n >= MAX_HEADER_ROWS:
            break
    if n >= len(grid):  # everything looks like a header: only the first row is
        n = 1 if len(grid) > 1 else 0
    return n


def _fill_header(rows: list) -> list:
    """Repeat merged header cells: an absent cell takes the text above it (vertical merge) or, in
    the first row / when nothing is above, the text to its left (horizontal merge)."""
    out = []
    for r, row in enumerate(rows):
        filled = []
        for c, v in enumerate(row):
            if v is None:
                if r > 0 and rows[r - 1][c] is not None:
                    v = out[r - 1][c]
                elif c > 0:
                    v = filled[c - 1]
                elif r > 0:
                    v = out[r - 1][c]
                else:
                    v = ""
            filled.append(v)
        out.append(filled)
    return out


def _header(header_rows: list, ncols: int) -> list:
    if not header_rows:
        return [[f"Cột {i + 1}" for i in range(ncols)]]
    named = [r for r in header_rows if not _index_row(r)] or header_rows
    if len(header_rows) == 1:
        return [header_rows[0]]
    names = []
    for c in range(ncols):
        parts = []
        for r in named:
            v = (r[c] or "").strip()
            if v and (not parts or parts[-1] != v):
                parts.append(v)
        names.append(" - ".join(parts))
    return [list(r) for r in header_rows] + [names]


def _caption(ctx, first_block: int) -> Optional[str]:
    """The nearest preceding short line like 'Biểu 03/BCCI', 'PHỤ LỤC …', 'Bảng 1 …'; else a short
    bold/upper-case line just above the table."""
    seen = 0
    k = first_block - 1
    lines = []
    while k >= 0 and seen < CAPTION_LOOKBACK:
        b = ctx.blocks[k]
        k -= 1
        if b.table is not None and not b.layout_table:
            break
        t = b.text.strip()
        if not t or b.style in ("esign", "running-head"):
            continue
        seen += 1
        lines.append(t)
        if len(t) <= 160 and _CAPTION.match(fold(t)):
            following = [x for x in reversed(lines[:-1]) if len(x) <= 160 and not x.startswith("(")]
            cap = t
            if following and len(t) < 40:
                cap = f"{t}: {following[0]}"
            return cap.rstrip(":").strip()
    if lines:
        t = lines[0]
        b = ctx.blocks[first_block - 1] if first_block > 0 else None
        if len(t) <= 120 and b is not None and (b.bold or t.isupper()) and not t.endswith((";", ",")):
            return t
    return None


def _section_of(ctx, pos: int) -> Optional[int]:
    best = None
    for s in ctx.sections or []:
        if s.span[0] <= pos < max(s.span[1], s.span[0] + 1) or (s.span[0] <= pos and s.kind in ("appendix", "bieu") and pos <= s.span[1] + 1):
            if best is None or s.level >= best.level:
                best = s
    return best.id if best is not None else None


# --- markdown / pipe tables in text -------------------------------------------------------

_PIPE = re.compile(r"^\|.*\|$")
_SEP = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")


def _pipe_tables(ctx) -> list:
    out = []
    run: list = []
    for i, b in enumerate(ctx.blocks + [None]):
        if b is not None and b.table is None and _PIPE.match(b.text.strip()) and b.text.count("|") >= 3:
            run.append(i)
            continue
        if len(run) >= 2:
            t = _pipe_table(ctx, run)
            if t is not None:
                out.append(t)
        run = []
    return out


def _pipe_table(ctx, run: list) -> Optional[model.Table]:
    rows = []
    has_sep = False
    sep_at = None
    for k, i in enumerate(run):
        t = ctx.blocks[i].text.strip()
        if _SEP.match(t):
            has_sep = True
            sep_at = len(rows)
            continue
        rows.append([c.strip() for c in t.strip("|").split("|")])
    if not rows:
        return None
    ncols = max(len(r) for r in rows)
    rows = [r + [""] * (ncols - len(r)) for r in rows]
    if has_sep and sep_at:
        nh = sep_at
    else:
        nh = _header_rows(rows)
    header_rows = rows[:nh]
    header = _header(header_rows, ncols)
    start = ctx.blocks[run[0]].start
    end = ctx.blocks[run[-1]].end
    return model.Table(section=_section_of(ctx, start), caption=_caption(ctx, run[0]),
                       header=header, rows=rows[nh:], span=(start, end))


# --- tab-separated text tables ------------------------------------------------------------

def _tab_tables(ctx) -> list:
    """Runs of consecutive lines the pipeline split on tabs (``Block.cells``): at least 2 rows
    and 2 columns. A header/footer grid typed with tabs (quốc hiệu, Nơi nhận beside the
    signature) is layout, not data."""
    from .signatures import find_blocks

    sig_spans = [(sb.start, sb.end) for sb in find_blocks(ctx)]
    out, run = [], []
    for i, b in enumerate(ctx.blocks + [None]):
        if b is not None and b.table is None and getattr(b, "cells", None) and len(b.cells) >= 2:
            run.append(i)
            continue
        if len(run) >= 2 and not _tab_layout(ctx, run, sig_spans):
            t = _tab_table(ctx, run)
            if t is not None:
                out.append(t)
        run = []
    return out


def _tab_layout(ctx, run: list, sig_spans: list) -> bool:
    for i in run:
        b = ctx.blocks[i]
        if any(fold(c).strip().startswith(_LAYOUT_TEXT + ("số:",)) for c in b.cells):
            return True
        if any(s <= b.start < e or b.start <= s < b.end for s, e in sig_spans):
            return True
    return False


def _tab_table(ctx, run: list) -> Optional[model.Table]:
    rows = [[c.strip() for c in ctx.blocks[i].cells] for i in run]
    ncols = max(len(r) for r in rows)
    rows = [r + [""] * (ncols - len(r)) for r in rows]
    keep = [c for c in range(ncols) if any(r[c] for r in rows)]
    rows = [[r[c] for c in keep] for r in rows]
    if len(keep) < 2:
        return None
    nh = _header_rows(rows)
    header = _header(rows[:nh], len(keep))
    start, end = ctx.blocks[run[0]].start, ctx.blocks[run[-1]].end
    return model.Table(section=_section_of(ctx, start), caption=_caption(ctx, run[0]),
                       header=header, rows=rows[nh:], span=(start, end))
