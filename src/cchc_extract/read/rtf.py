"""RTF: a small tokenizer (control words, groups, \\uN with \\ucN skipping, \\'hh in the document
or font code page), paragraphs, table cells, bold/italic and font names (for TCVN3 repair).

Skipped destinations (pictures, font/style tables, headers...) are jumped over by scanning for
braces only, so a 1.7 MB file that is mostly a hex picture is read in linear time.
"""
from __future__ import annotations

import re
from typing import Optional

from .base import Block, RawDocument, ReadError
from .layout import Run, cues, is_layout_table, line_text

_TOKEN = re.compile(
    r"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?"  # control word
    r"|\\'([0-9a-fA-F]{2})"  # hex byte
    r"|\\([^a-zA-Z'])"  # control symbol
    r"|([{}])"
    r"|([^\\{}\r\n]+)"
    r"|[\r\n]+",
    re.S,
)
_BRACE = re.compile(r"\\[\\{}]|[{}]")
_SKIP_DEST = {
    "fonttbl", "colortbl", "stylesheet", "info", "pict", "header", "headerl", "headerr",
    "headerf", "footer", "footerl", "footerr", "footerf", "footnote", "annotation", "fldinst",
    "listtable", "listoverridetable", "rsidtbl", "generator", "xmlnstbl", "mmathPr", "themedata",
    "colorschememapping", "latentstyles", "datastore", "filetbl", "revtbl", "pgdsctbl",
    "nonshppict", "shpinst", "objdata", "objclass", "bkmkstart", "bkmkend", "pntext", "pntxta",
    "pntxtb", "listtext", "author", "operator", "title", "subject", "doccomm", "keywords",
    "company", "category", "comment", "userprops", "docvar", "template", "wgrffmtfilter",
    "defchp", "defpap", "xe", "tc", "atnid", "atnauthor", "private", "formfield", "datafield",
    "panose", "falt", "protusertbl", "ftnsep", "ftnsepc", "aftnsep", "aftnsepc", "blipuid",
}
_SYMBOLS = {"emdash": "—", "endash": "–", "lquote": "‘", "rquote": "’", "ldblquote": "“",
            "rdblquote": "”", "bullet": "•", "tab": "\t", "emspace": " ", "enspace": " ",
            "qmspace": " "}
_CHARSET_CP = {0: None, 163: "cp1258", 238: "cp1250", 204: "cp1251", 161: "cp1253",
               162: "cp1254", 186: "cp1257", 222: "cp874", 177: "cp1255", 178: "cp1256"}


class _State:
    __slots__ = ("bold", "italic", "font", "uc", "skip")

    def __init__(self, bold=False, italic=False, font=None, uc=1, skip=False):
        self.bold, self.italic, self.font, self.uc, self.skip = bold, italic, font, uc, skip

    def copy(self) -> "_State":
        return _State(self.bold, self.italic, self.font, self.uc, self.skip)


def _skip_group(s: str, pos: int) -> int:
    """Position just after the group that is open at ``pos`` (depth 1)."""
    depth = 1
    for m in _BRACE.finditer(s, pos):
        t = m.group(0)
        if t == "{":
            depth += 1
        elif t == "}":
            depth -= 1
            if depth == 0:
                return m.end()
    return len(s)


def _font_table(s: str, start: int, end: int, default_cp: str) -> dict:
    """{font number: (name, code page)} from the fonttbl group text."""
    fonts = {}
    for m in re.finditer(r"\\f(\d+)((?:\\[a-z]+-?\d* ?|\{[^{}]*\}|[^\\;{}])*?)([^\\;{}]*);",
                         s[start:end]):
        num, ctl, name = int(m.group(1)), m.group(2), m.group(3)
        cs = re.search(r"\\fcharset(\d+)", ctl)
        cp = _CHARSET_CP.get(int(cs.group(1))) if cs else None
        name = re.sub(r"\{[^{}]*\}", "", name).strip()
        if not name:
            name = re.sub(r"\\[a-z]+-?\d* ?|\{[^{}]*\}", "", ctl).strip()
        fonts[num] = (name, cp or default_cp)
    return fonts


class _Doc:
    def __init__(self):
        self.blocks: list = []
        self.line: list = []
        self.lines: list = []
        self.align: Optional[str] = None
        self.intbl = False
        self.table: Optional[int] = None
        self.ntables = 0
        self.row = self.col = 0
        self.table_blocks: list = []

    def text(self, t: str, st: _State, fonts: dict) -> None:
        font = fonts.get(st.font, (None, None))[0] if st.font is not None else None
        if self.line and (self.line[-1].bold, self.line[-1].italic, self.line[-1].font) == (st.bold, st.italic, font):
            self.line[-1].text += t
        else:
            self.line.append(Run(t, st.bold, st.italic, None, font))

    def soft_break(self) -> None:
        self.lines.append(self.line)
        self.line = []

    def paragraph(self, cell_end: bool = False) -> None:
        self.lines.append(self.line)
        self.line = []
        lines, self.lines = self.lines, []
        in_table = self.intbl or cell_end
        if in_table and self.table is None:
            self.table, self.row, self.col = self.ntables, 0, 0
            self.ntables += 1
        elif not in_table and self.table is not None:
            self.close_table()
        for line in lines:
            text, enc = line_text(line)
            if self.table is not None and not text.strip():
                continue
            b = Block(text=text, align=self.align)
            cues(b, line)
            if enc:
                b.encoding = enc
            if self.table is not None:
                b.table, b.row, b.col = self.table, self.row, self.col
                self.table_blocks.append(b)
            self.blocks.append(b)
        if cell_end:
            self.col += 1

    def end_row(self) -> None:
        if self.line or self.lines:
            self.paragraph(cell_end=False)
        self.row += 1
        self.col = 0

    def close_table(self) -> None:
        tb = self.table_blocks
        if tb and is_layout_table(False, len({b.row for b in tb}), max(b.col for b in tb) + 1,
                                  [b.text for b in tb]):
            for b in tb:
                b.layout_table = True
        self.table, self.table_blocks = None, []


def read_rtf(data: bytes) -> RawDocument:
    s = data.decode("latin-1")
    if not s.lstrip().startswith("{\\rtf"):
        raise ReadError("not an RTF file (no {\\rtf header); re-save it as RTF or .docx")
    m = re.search(r"\\ansicpg(\d+)", s[:2048])
    default_cp = f"cp{m.group(1)}" if m else "cp1252"
    try:
        "".encode(default_cp)
    except LookupError:
        default_cp = "cp1252"
    fonts: dict = {}
    doc = _Doc()
    stack: list = []
    st = _State()
    pending_skip = 0
    dest_next = False  # just saw \* : the group is an optional destination
    group_start = True  # the next control word is the first in its group
    pos, n = 0, len(s)
    match = _TOKEN.match
    while pos < n:
        m = match(s, pos)
        if m is None:  # a lone backslash at the end etc.
            pos += 1
            continue
        pos = m.end()
        word, arg, hexb, sym, brace, text = m.groups()
        if brace == "{":
            stack.append(st)
            st = st.copy()
            group_start = True
            dest_next = False
            pending_skip = 0
            continue
        if brace == "}":
            st = stack.pop() if stack else _State()
            group_start = False
            pending_skip = 0
            continue
        first, group_start = group_start, False
        if word is not None:
            if word == "fonttbl":
                end = _skip_group(s, pos)
                fonts = _font_table(s, pos, end, default_cp)
                st = stack.pop() if stack else _State()
                pos = end
                continue
            if first and (dest_next or word in _SKIP_DEST):
                pos = _skip_group(s, pos)
                st = stack.pop() if stack else _State()
                dest_next = False
                continue
            dest_next = False
            if pending_skip:
                pending_skip -= 1
                continue
            _control(word, arg, st, doc, fonts)
            if word == "u" and arg is not None:
                code = int(arg)
                if code < 0:
                    code += 65536
                if not (st.skip or 0xD800 <= code <= 0xDFFF):
                    doc.text(chr(code), st, fonts)
                pending_skip = st.uc
            continue
        if hexb is not None:
            if pending_skip:
                pending_skip -= 1
                continue
            cp = fonts.get(st.font, (None, default_cp))[1] if st.font is not None else default_cp
            doc.text(bytes([int(hexb, 16)]).decode(cp or default_cp, "replace"), st, fonts)
            continue
        if sym is not None:
            if sym == "*":
                dest_next = True
                group_start = first
                continue
            if pending_skip:
                pending_skip -= 1
                continue
            if sym in "\\{}":
                doc.text(sym, st, fonts)
            elif sym == "~":
                doc.text("\u00a0", st, fonts)
            elif sym == "_":
                doc.text("-", st, fonts)
            elif sym in "\r\n":
                doc.paragraph()
            continue
        if text is not None:
            if pending_skip:
                k = min(pending_skip, len(text))
                text = text[k:]
                pending_skip -= k
            if text:
                doc.text(text, st, fonts)
    if doc.line or doc.lines:
        doc.paragraph()
    if doc.table is not None:
        doc.close_table()
    return RawDocument(format="rtf", blocks=doc.blocks)


def _control(word: str, arg: Optional[str], st: _State, doc: _Doc, fonts: dict) -> None:
    if word == "par":
        doc.paragraph()
    elif word in ("line", "page", "sect", "column"):
        doc.soft_break()
    elif word == "cell":
        doc.paragraph(cell_end=True)
    elif word == "nestcell":
        doc.soft_break()
    elif word == "row":
        doc.end_row()
    elif word == "intbl":
        doc.intbl = True
    elif word == "pard":
        doc.intbl = False
        doc.align = None
    elif word in ("ql", "qc", "qr", "qj", "qd"):
        doc.align = {"ql": "left", "qc": "center", "qr": "right", "qj": "justify",
                     "qd": "justify"}[word]
    elif word == "b":
        st.bold = arg != "0"
    elif word == "i":
        st.italic = arg != "0"
    elif word == "plain":
        st.bold = st.italic = False
    elif word == "f" and arg is not None:
        st.font = int(arg)
    elif word == "uc" and arg is not None:
        st.uc = max(0, int(arg))
    elif word in _SYMBOLS:
        doc.text(_SYMBOLS[word], st, fonts)
