"""HTML, mostly Word's "Save as Web Page" output (often named .doc): blocks, tables, cues.

Stdlib html.parser: tolerant of Word's conditional comments and o:p tags, and no dependency.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Optional

from .base import Block, RawDocument, ReadError
from .layout import Run, cues, is_layout_table, line_text

_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "blockquote", "pre",
          "address", "center", "section", "article", "header", "footer", "ul", "ol", "dl",
          "form", "fieldset", "hr", "caption", "body", "html"}
_SKIP = {"head", "style", "script", "title", "xml", "noscript", "template", "svg", "object"}
_VOID = {"br", "img", "hr", "meta", "link", "input", "col", "area", "base", "wbr", "param"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_CHARSET_ALIAS = {"windows-1258": "cp1258", "x-user-defined": "cp1252", "unicode": "utf-16"}


def decode_html(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16", "replace")
    m = _META_CHARSET.search(data[:8192])
    if m:
        name = m.group(1).decode("ascii", "ignore").lower()
        name = _CHARSET_ALIAS.get(name, name)
        try:
            return data.decode(name, "replace")
        except LookupError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1258", "replace")


def _style(attrs: dict) -> dict:
    out = {}
    for decl in (attrs.get("style") or "").split(";"):
        if ":" in decl:
            k, v = decl.split(":", 1)
            out[k.strip().lower()] = v.strip()
    return out


@dataclass(slots=True)
class _Table:
    index: int
    first_block: int  # index in blocks of the first block that may belong to it
    bordered: bool
    outer_cell: Optional[tuple]  # the cell this table is nested in, restored on close
    row: int = -1
    col: int = 0
    nrows: int = 0
    ncols: int = 0
    rowspans: dict = field(default_factory=dict)  # column -> rows still covered from above


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list = []
        self.line: list = []
        self.lines: list = []  # lines of the current block element
        self.stack: list = []  # (tag, bold, italic, font, align)
        self.skip = 0
        self.tables: list = []  # open _Tables, outermost first
        self.ntables = 0
        self.cell: Optional[tuple] = None

    # -- formatting state
    def _state(self):
        return self.stack[-1][1:] if self.stack else (False, False, None, None)

    def handle_starttag(self, tag, attrs):
        attrs = {k: (v or "") for k, v in attrs}
        if tag in _SKIP:
            self.skip += 1
            return
        if self.skip:
            return
        if tag == "br":
            self.line.append(Run("\n"))
            return
        bold, italic, font, align = self._state()
        st = _style(attrs)
        if tag in ("b", "strong", "th") or tag[:1] == "h" and tag[1:].isdigit():
            bold = True
        fw = st.get("font-weight", "")
        if fw:
            bold = fw in ("bold", "bolder") or fw.isdigit() and int(fw) >= 600
        if tag in ("i", "em"):
            italic = True
        if "font-style" in st:
            italic = st["font-style"] == "italic"
        ff = st.get("font-family") or attrs.get("face")
        if ff:
            font = ff.split(",")[0].strip().strip("'\"")
        a = (attrs.get("align") or st.get("text-align") or "").lower()
        if a in ("left", "center", "right", "justify"):
            align = a
        if tag == "table":
            self._flush()
            border = attrs.get("border", "0").strip() or "0"
            bordered = (border.isdigit() and int(border) > 0) or "solid" in attrs.get("style", "")
            self.tables.append(_Table(self.ntables, len(self.blocks), bordered, self.cell))
            self.ntables += 1
        elif tag == "tr" and self.tables:
            self._flush()
            t = self.tables[-1]
            t.row += 1
            t.col = 0
            t.nrows += 1
            t.rowspans = {c: n - 1 for c, n in t.rowspans.items() if n > 1}
        elif tag in ("td", "th") and self.tables:
            self._flush()
            t = self.tables[-1]
            if "solid" in attrs.get("style", "") and "none" not in attrs.get("style", ""):
                t.bordered = True
            while t.col in t.rowspans:  # skip columns taken by a cell spanning rows from above
                t.col += 1
            self.cell = (t.index, max(t.row, 0), t.col)
            span = attrs.get("colspan", "1")
            span = int(span) if span.isdigit() and int(span) > 0 else 1
            rows = attrs.get("rowspan", "1")
            if rows.isdigit() and int(rows) > 1:
                for c in range(t.col, t.col + span):
                    t.rowspans[c] = int(rows)
            t.col += span
            t.ncols = max(t.ncols, t.col)
        elif tag in _BLOCK:
            self._flush()
        if tag not in _VOID:
            self.stack.append((tag, bold, italic, font, align))

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip or tag in _VOID:
            return
        if not any(t[0] == tag for t in self.stack):
            return
        if tag in _BLOCK or tag in ("td", "th", "tr", "table"):
            self._flush()
        while self.stack:
            t = self.stack.pop()[0]
            if t == tag:
                break
        if tag in ("td", "th") and self.tables:
            self.cell = None
        elif tag == "table" and self.tables:
            self._close_table()

    def handle_data(self, data):
        if self.skip or not data:
            return
        bold, italic, font, align = self._state()
        text = re.sub(r"[\r\n\t ]+", " ", data)
        if text:
            self.line.append(Run(text, bold, italic, None, font))

    def _close_table(self):
        t = self.tables.pop()
        own = [b for b in self.blocks[t.first_block:] if b.table == t.index]
        if own and is_layout_table(t.bordered, t.nrows, t.ncols, [b.text for b in own]):
            for b in own:
                b.layout_table = True
        self.cell = t.outer_cell

    def _flush(self):
        """End the current block: split at <br>, make Blocks."""
        runs, self.line = self.line, []
        lines, cur = [], []
        for r in runs:
            if r.text == "\n":
                lines.append(cur)
                cur = []
            else:
                cur.append(r)
        lines.append(cur)
        align = self._state()[3]
        heading = next((int(t[0][1]) for t in reversed(self.stack)
                        if len(t[0]) == 2 and t[0][0] == "h" and t[0][1].isdigit()), None)
        for line in lines:
            text, enc = line_text(line)
            text = text.strip(" ")
            if not text:
                continue
            b = Block(text=text, align=align, heading=heading,
                      style=f"h{heading}" if heading else None)
            cues(b, line)
            if enc:
                b.encoding = enc
            if self.cell is not None:
                b.table, b.row, b.col = self.cell
            self.blocks.append(b)


def read_html(data: bytes) -> RawDocument:
    text = decode_html(data)
    p = _Parser()
    try:
        p.feed(text)
        p.close()
    except (AssertionError, ValueError) as e:  # html.parser gives up on some broken markup
        raise ReadError(f"the HTML file could not be parsed ({e}); open it in a browser or Word "
                        "and save it again") from None
    p._flush()
    while p.tables:
        p._close_table()
    return RawDocument(format="html", blocks=p.blocks)
