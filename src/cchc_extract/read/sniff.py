"""Decide a file's format from its bytes: real folders hold .doc files that are HTML or RTF."""
from __future__ import annotations

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff(head: bytes, name: str = "") -> str:
    """Return pdf | docx | doc | rtf | html | txt | md | zip | ole | unknown from the first KiB."""
    h = head.lstrip(b"\xef\xbb\xbf\r\n\t ")
    if head.startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(OLE_MAGIC):
        return "doc"  # Word 97-2003; other OLE files are rejected by the doc reader
    if head.startswith(b"PK\x03\x04"):
        return "docx"  # confirmed (word/document.xml) by the docx reader
    if h.startswith(b"{\\rtf"):
        return "rtf"
    low = h[:2048].lower()
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        low = head[2:4096].decode("utf-16", "ignore").lower().encode()
    if b"<html" in low[:512] or (low.startswith((b"<html", b"<!doctype html", b"<?xml"))
                                 and b"<html" in low):
        return "html"
    if b"xmlns:w=\"urn:schemas-microsoft-com:office:word\"" in head[:4096]:
        return "html"
    if _looks_text(head):
        return "md" if name.lower().endswith(".md") else "txt"
    return "unknown"


def _looks_text(head: bytes) -> bool:
    if not head:
        return True
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return True
    if len(head) >= 8 and head[1::2].count(0) > 0.9 * (len(head) // 2):  # UTF-16LE, no BOM
        return _looks_text(head.decode("utf-16-le", "ignore").encode("utf-8"))
    if b"\x00" in head:
        return False
    ctrl = sum(1 for b in head if b < 9 or 13 < b < 32)
    return ctrl / len(head) < 0.01
