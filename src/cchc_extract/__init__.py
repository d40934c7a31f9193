"""cchc_extract: Vietnamese administrative documents -> structured corpus (``cchc-extract/1``).

    >>> import cchc_extract
    >>> doc = cchc_extract.parse("bao-cao.pdf")
    >>> doc.header.code, [r.code for r in doc.references]
"""
from __future__ import annotations

from typing import Iterable, Iterator

from . import extract as _extractors  # noqa: F401  (bind the subpackage first, see extract())
from .model import SCHEMA, Document

__version__ = "0.1.0"


def parse(path, stages=None, timeout=None) -> Document:
    """Read and extract one file (any supported format); never raises on bad input.
    ``timeout`` (seconds): give up between pages/stages and return a status-error document."""
    from .deadline import time_limit
    from .pipeline import parse_path

    with time_limit(timeout):
        return parse_path(path, stages=stages)


def parse_text(text: str, path: str = "<text>", stages=None) -> Document:
    """Extract from a string (treated as plain text / markdown)."""
    from .pipeline import parse_text as _pt

    return _pt(text, path, stages=stages)


def extract(paths: Iterable, stages=None) -> Iterator[Document]:
    """Documents for files and folders (recursive), in sorted path order, one at a time.

    Defined after the ``extract`` subpackage is imported above, so this function, not the
    subpackage, is what ``cchc_extract.extract`` names.
    """
    from .corpus import iter_files
    from .pipeline import parse_path

    for root, f in iter_files(paths):
        yield parse_path(f, root=root, stages=stages)


def load(out_dir):
    """Open a corpus written by ``python -m cchc_extract extract`` for exploration."""
    from .explore import Corpus

    return Corpus(out_dir)


__all__ = ["Document", "SCHEMA", "parse", "parse_text", "extract", "load", "__version__"]
