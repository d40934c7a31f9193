"""Per-file result cache: OUT/.cache/<key>/<sha[:2]>/<sha>.json, one JSON document per content hash.

Why: a re-run after an interruption, or after adding files, parses only what is new. The key
folds in the tool version, the options and a fingerprint of the package's own code and lexicons,
so a code change can never serve a stale result.
"""
from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path

from . import __version__
from .model import SCHEMA

PKG = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """sha256 over the package's .py/.tsv/.json files (content, not mtimes)."""
    h = hashlib.sha256()
    for f in sorted(PKG.rglob("*")):
        if f.suffix in (".py", ".tsv", ".json") and "__pycache__" not in f.parts:
            h.update(str(f.relative_to(PKG)).encode())
            h.update(f.read_bytes())
    return h.hexdigest()[:16]


def options_key(stages=None) -> str:
    """What the result of parsing a file depends on besides its bytes."""
    opts = {"version": __version__, "schema": SCHEMA, "code": code_fingerprint(),
            "stages": sorted(stages) if stages is not None else None,
            "ocr": os.environ.get("CCHC_OCR", "")}
    return hashlib.sha256(json.dumps(opts, sort_keys=True).encode()).hexdigest()[:12]


def file_sha256(path) -> str:
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def atomic_write_text(path: Path, text: str) -> None:
    """Write next to the target then os.replace: readers see the old file or the new one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, path)


class Cache:
    def __init__(self, out: Path, stages=None):
        self.root = Path(out) / ".cache" / options_key(stages)

    def path_for(self, sha: str) -> Path:
        return self.root / sha[:2] / f"{sha}.json"

    def has(self, sha: str) -> bool:
        return self.path_for(sha).is_file()

    @staticmethod
    def read(path: Path) -> str:
        return Path(path).read_text(encoding="utf-8")
