"""Plain text and markdown: decode (UTF-8/BOM, UTF-16, Windows-1258) and keep markdown cues."""
from __future__ import annotations

import regex as re

from .base import Block, RawDocument

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
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        blocks.append(_md_block(line))
    return RawDocument(format=fmt, blocks=blocks)


def _md_block(line: str) -> Block:
    """Markdown cues: '#' heading level, whole-line **bold** / *italic*; markers are stripped."""
    b = Block(text=line)
    m = _MD_HEADING.match(line)
    if m:
        b.heading = len(m.group(1))
        b.style = f"h{b.heading}"
        line = line[m.end():]
    s = line.strip()
    m = _MD_BOLD.match(s)
    if m:
        b.bold = True
        line = m.group(1)
    else:
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
