"""Many files -> a corpus on disk (documents.jsonl + manifest.json), one file's failure isolated."""
from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Iterable, Iterator

from . import __version__
from .model import SCHEMA

SKIP_NAMES = {"MANIFEST.tsv", ".DS_Store", "Thumbs.db"}


def iter_files(inputs: Iterable) -> Iterator[tuple]:
    """(root, path) for every file under the inputs, sorted by relative path; roots are kept
    so ``source.path`` is relative to the folder the user named."""
    for inp in inputs:
        p = Path(inp)
        if p.is_dir():
            files = [f for f in p.rglob("*") if f.is_file() and f.name not in SKIP_NAMES
                     and not any(part.startswith(".") for part in f.relative_to(p).parts)]
            for f in sorted(files, key=lambda f: str(f.relative_to(p))):
                yield p, f
        else:
            yield p.parent, p


def dumps(doc) -> str:
    return json.dumps(doc.to_dict(), ensure_ascii=False, sort_keys=False)


def write_corpus(inputs: Iterable, out: Path, stages=None, progress=None) -> dict:
    """Write OUT/documents.jsonl (ordered by source.path) and OUT/manifest.json atomically."""
    from .pipeline import parse_path

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    counts = {"ok": 0, "partial": 0, "error": 0}
    t0 = time.time()
    docs_path = out / "documents.jsonl"
    tmp = docs_path.with_suffix(".jsonl.tmp")
    lines = []
    for root, f in iter_files(inputs):
        doc = parse_path(f, root=root, stages=stages)
        counts[doc.status] += 1
        lines.append((doc.source.path, dumps(doc)))
        if progress:
            progress(doc)
    lines.sort(key=lambda x: x[0])
    with open(tmp, "w", encoding="utf-8") as fh:
        for _, line in lines:
            fh.write(line + "\n")
    os.replace(tmp, docs_path)
    manifest = {"tool": "cchc_extract", "version": __version__, "schema": SCHEMA,
                "inputs": [str(i) for i in inputs], "counts": counts,
                "files": sum(counts.values()), "seconds": round(time.time() - t0, 3)}
    mtmp = out / "manifest.json.tmp"
    mtmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(mtmp, out / "manifest.json")
    return manifest
