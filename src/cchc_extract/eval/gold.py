"""Load the hand-written gold annotations (format: gold/README.md) and find their documents.

A gold file that cannot be read is reported as a warning, not an exception: annotators work
concurrently and one broken file must not hide the scores of the others.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

FIELDS = ("header", "references", "sections", "signatories", "metrics")


@dataclass(slots=True)
class GoldDoc:
    field: str  # one of FIELDS
    path: str  # relative to the docs root, or "seeds/<file>"
    sha256: Optional[str]
    file: str  # the gold JSON file, for messages
    header: Optional[dict] = None  # for field "header"
    items: list = field(default_factory=list)  # for the list fields
    notes: str = ""
    scope: Optional[tuple] = None  # (start, end): only this span of the text was annotated


@dataclass(slots=True)
class GoldSet:
    docs: list = field(default_factory=list)  # GoldDoc
    warnings: list = field(default_factory=list)

    def by_field(self, name: str) -> list:
        return [g for g in self.docs if g.field == name]


def load_gold(gold_dir, fields=FIELDS) -> GoldSet:
    """Every ``gold/<field>/*.json``, sorted by file name; unreadable files become warnings."""
    root = Path(gold_dir)
    out = GoldSet()
    for f in fields:
        d = root / f
        if not d.is_dir():
            continue
        for p in sorted(d.glob("*.json")):
            try:
                g = _load_one(p, f)
            except (OSError, ValueError, TypeError, KeyError) as e:
                out.warnings.append(f"{p}: skipped ({type(e).__name__}: {e})")
                continue
            out.docs.append(g)
    return out


def _load_one(p: Path, fname: str) -> GoldDoc:
    d = json.loads(p.read_text(encoding="utf-8"))
    if not isinstance(d, dict) or not isinstance(d.get("path"), str):
        raise ValueError("no 'path' string at the top level")
    g = GoldDoc(field=fname, path=d["path"], sha256=d.get("sha256"), file=str(p),
                notes=str(d.get("notes") or ""))
    sc = d.get("scope")
    if sc is not None:
        if not (isinstance(sc, list) and len(sc) == 2 and all(isinstance(x, int) for x in sc)):
            raise ValueError("'scope' must be [start_char, end_char]")
        g.scope = (sc[0], sc[1])
    if fname == "header":
        h = d.get("header", d.get("items"))
        if isinstance(h, list):  # tolerate a one-element list
            h = h[0] if h else {}
        if h is not None and not isinstance(h, dict):
            raise ValueError("'header' must be an object (or null for a document without one)")
        g.header = h  # None: gold says the document has no header block
    else:
        items = d.get("items", [])
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise ValueError("'items' must be a list of objects")
        g.items = items
    return g


def resolve(path: str, docs_dir, seeds_dir=None) -> Optional[Path]:
    """The file a gold ``path`` names: under ``docs_dir``, or for ``seeds/...`` under the seeds
    folder (``--seeds``, else the first ancestor of ``docs_dir`` that has ``seeds/``)."""
    docs = Path(docs_dir).resolve()
    cand = docs / path
    if cand.is_file():
        return cand
    if path.startswith("seeds/"):
        rest = path[len("seeds/"):]
        roots = [Path(seeds_dir)] if seeds_dir else []
        roots += [a / "seeds" for a in [docs, *docs.parents]]
        for r in roots:
            if (r / rest).is_file():
                return r / rest
    return None
