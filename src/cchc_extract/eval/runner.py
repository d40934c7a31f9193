"""Run the pipeline over the documents the gold names and aggregate the scores.

Each document is parsed once, whatever the number of gold fields that name it; a caller that
evaluates repeatedly (the floor test) passes its own ``cache`` dict to keep parsed Documents.
"""
from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from ..cache import file_sha256
from .gold import FIELDS, load_gold, resolve
from .score import Score, doc_format, score_field


@dataclass(slots=True)
class DocReport:
    path: str
    format: str
    status: str
    fields: list = field(default_factory=list)  # gold fields scored for this document
    scores: dict = field(default_factory=dict)  # row -> Score
    misses: list = field(default_factory=list)  # Miss
    seconds: float = 0.0


@dataclass(slots=True)
class EvalResult:
    overall: dict = field(default_factory=dict)  # row -> Score
    by_format: dict = field(default_factory=dict)  # format -> row -> Score
    docs: list = field(default_factory=list)  # DocReport
    warnings: list = field(default_factory=list)
    gold_counts: dict = field(default_factory=dict)  # field -> number of gold files
    seconds: float = 0.0

    def value(self, row: str) -> Optional[float]:
        s = self.overall.get(row)
        return None if s is None else s.value


def _parse(p: Path):
    from ..pipeline import parse_path

    return parse_path(p)


def evaluate(gold_dir, docs_dir, seeds_dir=None, fields=FIELDS, rows=None,
             parse: Optional[Callable] = None, cache: Optional[dict] = None,
             progress: bool = False) -> EvalResult:
    """Score every gold file under ``gold_dir`` against the pipeline's output.

    ``fields``: gold folders to load; ``rows``: keep only score rows equal to, or starting
    with ``<name>.``, one of these names (e.g. ``["header.date", "references"]``).
    """
    t0 = time.perf_counter()
    parse = parse or _parse
    cache = {} if cache is None else cache
    gold = load_gold(gold_dir, fields)
    res = EvalResult(warnings=list(gold.warnings))
    for f in fields:
        res.gold_counts[f] = len(gold.by_field(f))
    by_path: dict = {}
    for g in gold.docs:
        by_path.setdefault(g.path, []).append(g)
    for path in sorted(by_path):
        gs = by_path[path]
        p = resolve(path, docs_dir, seeds_dir)
        if p is None:
            res.warnings.append(f"{path}: document not found under {docs_dir} "
                                f"(gold {', '.join(g.file for g in gs)}); skipped")
            continue
        sha = next((g.sha256 for g in gs if g.sha256), None)
        if sha and file_sha256(p) != sha:
            res.warnings.append(f"{path}: sha256 differs from the gold's; the file changed "
                                "since it was annotated, scores may be off")
        t = time.perf_counter()
        key = str(p.resolve())
        if key not in cache:
            if progress:
                print(f"  parsing {path}", file=sys.stderr, flush=True)
            cache[key] = parse(p)
        doc = cache[key]
        dr = DocReport(path=path, format=doc_format(doc), status=doc.status,
                       seconds=time.perf_counter() - t)
        if doc.status == "error":
            res.warnings.append(f"{path}: the pipeline could not read it: "
                                + "; ".join(e.get("message", "") for e in doc.errors))
        for g in gs:
            r = score_field(g.field, g, doc)
            dr.fields.append(g.field)
            for name, s in r.scores.items():
                if _keep(name, rows):
                    _acc(dr.scores, name, s)
            dr.misses += [m for m in r.misses if _keep(m.row, rows)]
        res.docs.append(dr)
        for name, s in dr.scores.items():
            _acc(res.overall, name, s)
            _acc(res.by_format.setdefault(dr.format, {}), name, s)
    res.seconds = time.perf_counter() - t0
    return res


def _keep(name: str, rows) -> bool:
    if not rows:
        return True
    return any(name == r or name.startswith(r + ".") for r in rows)


def _acc(d: dict, name: str, s: Score):
    if name not in d:
        d[name] = Score(primary=s.primary)
    d[name].add(s)
