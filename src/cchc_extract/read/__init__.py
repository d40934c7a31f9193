"""Readers: bytes -> RawDocument. One module per format; ``read`` dispatches on sniffed bytes."""
from __future__ import annotations

import importlib

from .base import Block, RawDocument, ReadError
from .sniff import sniff

# format -> (module, function); imported lazily so `import cchc_extract` stays fast
_READERS = {
    "txt": ("txt", "read_txt"),
    "md": ("txt", "read_txt"),
    "docx": ("docx", "read_docx"),
    "doc": ("doc", "read_doc"),
    "pdf": ("pdf", "read_pdf"),
    "html": ("html", "read_html"),
    "rtf": ("rtf", "read_rtf"),
}


def read_bytes(data: bytes, name: str = "") -> RawDocument:
    """Read one file's bytes. Raises ReadError with an actionable message when it cannot."""
    if not data:
        raise ReadError("the file is empty (0 bytes); re-export or re-download it")
    fmt = sniff(data[:8192], name)
    if fmt == "unknown":
        raise ReadError(
            "unrecognised file format (not PDF, DOCX, DOC, RTF, HTML or text); "
            "check that the file is a document and not an image or archive"
        )
    mod, fn = _READERS[fmt]
    reader = getattr(importlib.import_module(f".{mod}", __name__), fn)
    return reader(data, fmt) if fmt in ("txt", "md") else reader(data)


__all__ = ["Block", "RawDocument", "ReadError", "read_bytes", "sniff"]
