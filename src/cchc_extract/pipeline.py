"""RawDocument -> Document: normalize blocks into one offset space, then run every extractor.

A stage that raises does not lose the document: it is recorded in ``errors`` and the document
becomes ``partial``; the other stages still run.
"""
from __future__ import annotations

import hashlib
import importlib
import os
from pathlib import Path
from typing import Optional

from . import model
from .deadline import TimedOut, check
from .extract import STAGES
from .extract.context import Context
from .normalize import normalize_line, normalize_lines
from .read.base import RawDocument, ReadError
from .read.stamp import mark_stamps
from .repair import repair_blocks

MAX_BYTES = int(os.environ.get("CCHC_MAX_BYTES", 200 * 1024 * 1024))


def doc_id_for(sha256: str) -> str:
    return sha256[:16]


def assemble(blocks: list) -> str:
    """Normalize every block and join them with newlines; set each block's span."""
    for b in blocks:
        if "\t" in b.text and b.table is None:  # a tab-separated row: keep its cells for tables
            cells = [normalize_line(c) for c in b.text.strip("\t\r\n ").split("\t")]
            b.cells = cells if len(cells) > 1 else None
    parts, pos = normalize_lines([b.text for b in blocks]), 0
    for b, t in zip(blocks, parts):
        b.text = t
        b.start, b.end = pos, pos + len(t)
        pos += len(t) + 1
    return "\n".join(parts)


def build(raw: RawDocument, source: model.Source, stages: Optional[set] = None) -> model.Document:
    doc = model.Document(doc_id=doc_id_for(source.sha256), source=source)
    doc.source.pages = raw.pages
    doc.source.ocr = raw.ocr
    doc.warnings.extend(_as_msgs(raw.warnings))
    doc.errors.extend(_as_msgs(raw.errors))
    doc.source.encoding = repair_blocks(raw.blocks)
    text = assemble(raw.blocks)
    mark_stamps(raw.blocks)  # e-signature stamp lines -> style "esign" (all formats)
    doc.text = text
    ctx = Context(text=text, blocks=raw.blocks, format=raw.format)
    for name, mod, fn, attr in STAGES:
        if stages is not None and name not in stages:
            continue
        check(f"extracting {name}")
        try:
            func = getattr(importlib.import_module(f".extract.{mod}", __package__), fn)
            result = func(ctx)
        except Exception as e:  # a broken stage must not lose the document
            doc.errors.append({"stage": name, "message": f"{name} extraction failed: {type(e).__name__}: {e}"})
            continue
        if attr:
            setattr(ctx, attr, result)
        if name == "header":
            doc.header = result
        else:
            setattr(doc, "references" if name == "references" else name, result)
    if raw.ocr and doc.header is not None:
        _repair_ocr_words(doc)
    doc.warnings.extend(ctx.warnings)
    if doc.errors:
        doc.status = "partial"
    if not text.strip() and doc.status == "ok":
        doc.status = "partial"
        doc.warnings.append({"stage": "read", "message": "no text found in the document"})
    return doc


def _repair_ocr_words(doc: model.Document) -> None:
    from .ocr_words import repair_header

    changes = repair_header(doc.header)
    if changes:
        doc.warnings.append({"stage": "header", "message": (
            "OCR diacritics repaired in header fields (spans keep the printed text): "
            + ", ".join(f"{a} → {b}" for a, b in changes))})


# A small document touching every stage, parsed by warm_up to compile the stages' lazy lexicon
# patterns (header, sections, table, signature, references, metrics, a TCVN3 line for repair,
# e-signature stamp lines).
_WARM_TEXT = "\n".join([
    "UBND TỈNH LÂM ĐỒNG", "SỞ NỘI VỤ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc", "Số: 12/BC-SNV", "Lâm Đồng, ngày 05 tháng 01 năm 2026",
    "BÁO CÁO", "Kết quả cải cách hành chính năm 2025", "Kính gửi: Ủy ban nhân dân tỉnh.",
    "Căn cứ Quyết định số 1520/QĐ-UBND ngày 10/7/2024 của UBND tỉnh và Luật Tổ chức chính quyền "
    "địa phương năm 2015;", "I. KẾT QUẢ THỰC HIỆN", "1. Cải cách thủ tục hành chính",
    "a) Tiếp nhận 1.250 hồ sơ, giải quyết đúng hạn đạt 98,5%; tổ chức hai đoàn kiểm tra tại "
    "12 xã, phường.", "STT\tChỉ tiêu\tKết quả", "1\tSố hồ sơ tiếp nhận\t1.250",
    "Céng hoµ x· héi chñ nghÜa", "Nơi nhận:", "- UBND tỉnh;", "- Lưu: VT, CCHC.",
    "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn An",
    "Người ký: Sở Nội vụ", "Thời gian ký: 05.01.2026 09:12:30 +07:00"])


def warm_up() -> None:
    """Load now what stages load on first use (underthesea's word segmenter and POS tagger, the
    area model, lexicon patterns), so a long-lived worker or a benchmark pays it once up front,
    not inside the first document that happens to need it."""
    from .extract.areas import predict_proba

    predict_proba("cải cách hành chính")
    try:
        from underthesea import pos_tag, word_tokenize
    except ImportError:  # nothing more to load
        pass
    else:
        word_tokenize("Ủy ban nhân dân tỉnh")
        pos_tag("Nguyễn Văn An")
    parse_text(_WARM_TEXT, "<warm-up>")


def _as_msgs(items) -> list:
    return [i if isinstance(i, dict) else {"stage": "read", "message": str(i)} for i in items]


def parse_bytes(data: bytes, path: str = "<bytes>", stages: Optional[set] = None) -> model.Document:
    from .read import read_bytes, sniff

    sha = hashlib.sha256(data).hexdigest()
    fmt = sniff(data[:8192], path) if data else "unknown"
    source = model.Source(path=path, format=fmt, sha256=sha, bytes=len(data))
    try:
        raw = read_bytes(data, path)
    except TimedOut as e:  # a time limit (deadline.time_limit) is this file's error
        return _error(source, str(e))
    except ReadError as e:
        return _error(source, str(e))
    except MemoryError:
        return _error(source, "the file is too large to read in memory")
    except Exception as e:  # readers of untrusted bytes: any failure is this file's error
        return _error(source, f"could not read the {fmt} file ({type(e).__name__}: {e}); "
                              "the file may be corrupt or truncated — open and re-save it")
    source.format = raw.format
    try:
        return build(raw, source, stages)
    except TimedOut as e:
        return _error(source, str(e))


def parse_path(path, root=None, stages: Optional[set] = None) -> model.Document:
    p = Path(path)
    rel = str(p.relative_to(root)) if root else str(p)
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            return _error(model.Source(path=rel, format="unknown", sha256="", bytes=size),
                          f"the file is {size / 2**20:.0f} MiB, over the {MAX_BYTES / 2**20:.0f} MiB "
                          "limit; split it or raise CCHC_MAX_BYTES")
        data = p.read_bytes()
    except OSError as e:
        return _error(model.Source(path=rel, format="unknown", sha256="", bytes=0),
                      f"cannot open the file: {e.strerror or e}")
    return parse_bytes(data, rel, stages)


def parse_text(text: str, path: str = "<text>", stages: Optional[set] = None) -> model.Document:
    from .read.txt import read_txt

    data = text.encode("utf-8")
    source = model.Source(path=path, format="txt", sha256=hashlib.sha256(data).hexdigest(),
                          bytes=len(data))
    return build(read_txt(data), source, stages)


def _error(source: model.Source, message: str) -> model.Document:
    if not source.sha256:
        source.sha256 = hashlib.sha256(source.path.encode()).hexdigest()
    return model.Document(doc_id=doc_id_for(source.sha256), source=source, status="error",
                          errors=[{"stage": "read", "message": message}])
