"""Plain text and markdown: decode (UTF-8/BOM, UTF-16, Windows-1258) and keep markdown cues."""
from __future__ import annotations

import regex as re

from .base import Block, RawDocument
from .layout import is_layout_table

_MD_HEADING = re.compile(r"^(#{1,6})\s+")
_MD_BOLD = re.compile(r"^\s*\*\*(.+?)\*\*\s*$")
_MD_ITALIC = re.compile(r"^\s*[*_](?!\*)(.+?)[*_]\s*$")


def decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16", "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # UTF-16 without BOM: every other byte NUL
    if len(data) > 4 and data[1::2].count(0) > len(data) // 4:
        return data.decode("utf-16-le", "replace")
    return data.decode("cp1258", "replace")


def read_txt(data: bytes, fmt: str = "txt") -> RawDocument:
    text = decode(data)
    blocks = []
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    tables = _tab_tables(lines)
    n_table, layout = 0, False
    for i, line in enumerate(lines):
        if i in tables:
            first, last, ncols = tables[i]
            if i == first:
                n_table += 1
                layout = is_layout_table(False, last - first, ncols, lines[first:last])
            for c, cell in enumerate(line.strip("\r\n ").split("\t")):
                blocks.append(Block(text=cell, table=n_table - 1, row=i - first, col=c,
                                    layout_table=layout))
        else:
            blocks.append(_md_block(line))
    return RawDocument(format=fmt, blocks=blocks)


def _tab_tables(lines: list) -> dict:
    """Runs of >= 2 consecutive lines with the same number (>= 2) of tab-separated cells: data
    tables typed with tabs. Each cell becomes a Block with table/row/col, as in DOCX, so tables
    and table metrics need no text-only path. {line index: (first, end, columns)} with the run
    being lines[first:end]."""
    out, i = {}, 0
    while i < len(lines):
        n = lines[i].strip("\r\n ").count("\t") + 1
        j = i
        while j < len(lines) and n >= 2 and lines[j].strip("\r\n ").count("\t") + 1 == n:
            j += 1
        if j - i >= 2:
            out.update({k: (i, j, n) for k in range(i, j)})
            i = j
        else:
            i += 1
    return out


def _md_block(line: str) -> Block:
    """Markdown cues: '#' heading level, whole-line **bold** / *italic*; markers are stripped."""
    b = Block(text=line)
    if not (line.startswith("#") or line.endswith("  ") or any(c in line for c in "*_|")):
        return b  # plain prose line (most of them): nothing below would change it
    m = _MD_HEADING.match(line)
    if m:
        b.heading = len(m.group(1))
        b.style = f"h{b.heading}"
        line = line[m.end():]
    s = line.strip()
    m = _MD_BOLD.match(s) if "*" in s else None
    if m:
        b.bold = True
        line = m.group(1)
    elif "*" in s or "_" in s:
        m = _MD_ITALIC.match(s)
        if m and len(s) > 2:
            b.italic = True
            line = m.group(1)
    line = line.replace("**", "")
    if line != b.text:
        line = line.rstrip()
    b.text = line.rstrip("\\ ") if line.endswith("  ") else line
    if line.strip().startswith(("|",)) and line.strip().endswith("|"):
        b.style = "md-table"
    return b
