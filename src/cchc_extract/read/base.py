"""What every reader returns: text blocks with the layout cues extraction needs.

Readers never normalize text; the pipeline normalizes each block and joins blocks with "\n"
into the one offset space every extractor uses (``Block.start``/``Block.end`` are set then).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional


class ReadError(Exception):
    """A file that cannot be read; the message is shown to the user, so say what to do."""


@dataclass(slots=True)
class Block:
    text: str  # one line/paragraph; may contain no "\n"
    page: Optional[int] = None  # 1-based page (pdf) when known
    bold: bool = False
    italic: bool = False
    size: Optional[float] = None  # font size in points when known
    align: Optional[str] = None  # "left" | "center" | "right" | "justify"
    style: Optional[str] = None  # docx style name ("Heading 1"), markdown "h2", ...
    heading: Optional[int] = None  # heading level from style/markdown when the source says so
    list_label: Optional[str] = None  # generated list numbering ("1.", "a)") not in text
    table: Optional[int] = None  # index of the table in document order, for table cells
    row: Optional[int] = None
    col: Optional[int] = None
    layout_table: bool = False  # header/signature layout table (not a data table)
    x0: Optional[float] = None  # left edge (pdf), for column detection
    encoding: Optional[str] = None  # legacy encoding hint from the font (".VnTime" -> tcvn3)
    cells: Optional[list] = None  # set by the pipeline for tab-separated lines: normalized cells
    start: int = 0  # set by the pipeline: span of the normalized text in Document.text
    end: int = 0


@dataclass(slots=True)
class RawDocument:
    format: str  # pdf | docx | doc | html | rtf | txt | md
    blocks: list = field(default_factory=list)
    pages: Optional[int] = None
    ocr: bool = False
    warnings: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # non-fatal: makes status "partial"
