"""Render an :class:`~.runner.EvalResult` as a text table (for people) or JSON (for tools)."""
from __future__ import annotations

import json

from .score import HEADER_KEYS

FORMATS = ("pdf", "docx", "doc", "ocr", "txt", "html", "rtf")
_ORDER = ([f"header.{k}" for k in (*HEADER_KEYS, "year")]
          + ["references", "references.date", "references.doc_type", "references.issuer",
             "references.kind", "sections", "sections.label_level", "signatories",
             "signatories.name", "signatories.roles", "metrics", "metrics.value",
             "metrics.kind", "metrics.qualifier", "metrics.value_max"])


def ordered_rows(names) -> list:
    rank = {n: i for i, n in enumerate(_ORDER)}
    return sorted(names, key=lambda n: (rank.get(n, len(rank)), n))


def _pct(x) -> str:
    return "    -" if x is None else f"{100 * x:5.1f}"


def to_dict(res, show_misses: int = -1) -> dict:
    """Machine-readable report; ``show_misses`` caps misses per document (-1: all)."""
    cap = (lambda xs: xs) if show_misses < 0 else (lambda xs: xs[:show_misses])
    return {
        "gold_files": res.gold_counts,
        "documents": len(res.docs),
        "seconds": round(res.seconds, 2),
        "overall": {n: res.overall[n].to_dict() for n in ordered_rows(res.overall)},
        "by_format": {f: {n: rows[n].to_dict() for n in ordered_rows(rows)}
                      for f, rows in sorted(res.by_format.items())},
        "docs": [{"path": d.path, "format": d.format, "status": d.status, "fields": d.fields,
                  "seconds": round(d.seconds, 2),
                  "scores": {n: d.scores[n].to_dict() for n in ordered_rows(d.scores)},
                  "misses": [m.to_dict() for m in cap(d.misses)],
                  "misses_total": len(d.misses)} for d in res.docs],
        "warnings": res.warnings,
    }


def to_json(res, show_misses: int = -1) -> str:
    return json.dumps(to_dict(res, show_misses), ensure_ascii=False, indent=1)


def to_text(res, show_misses: int = 8) -> str:
    gc = ", ".join(f"{k} {v}" for k, v in res.gold_counts.items())
    out = [f"cchc_extract eval: {len(res.docs)} documents scored in {res.seconds:.1f} s "
           f"(gold files: {gc})", ""]
    hdr = f"{'row':22} {'docs':>4} {'gold':>5} {'pred':>5} {'tp':>5} {'fp':>4} {'fn':>4}" \
          f" {'P':>5} {'R':>5} {'F1':>5} {'acc':>5}  judged by"
    out += [hdr, "-" * len(hdr)]
    for n in ordered_rows(res.overall):
        s = res.overall[n]
        if s.primary == "acc" and not n.startswith("header."):  # pair attributes: accuracy only
            out.append(f"{n:22} {s.docs:4d} {'':>5} {'':>5} {'':>5} {'':>4} {'':>4}"
                       f" {'':>5} {'':>5} {'':>5} {_pct(s.accuracy)}  acc {s.correct}/{s.total}")
            continue
        out.append(f"{n:22} {s.docs:4d} {s.tp + s.fn:5d} {s.tp + s.fp:5d} {s.tp:5d} {s.fp:4d}"
                   f" {s.fn:4d} {_pct(s.precision)} {_pct(s.recall)} {_pct(s.f1)}"
                   f" {_pct(s.accuracy)}  {s.primary}")
    fmts = [f for f in FORMATS if f in res.by_format] + \
        sorted(f for f in res.by_format if f not in FORMATS)
    if fmts:
        out += ["", "By format (the row's judged-by number; docs in brackets):"]
        out.append(f"{'row':22} " + " ".join(f"{f:>11}" for f in fmts))
        for n in ordered_rows(res.overall):
            cells = []
            for f in fmts:
                s = res.by_format[f].get(n)
                cells.append(f"{'':>11}" if s is None else f"{_pct(s.value):>6} ({s.docs:2d})")
            out.append(f"{n:22} " + " ".join(f"{c:>11}" for c in cells))
    if show_misses:
        out += ["", "Misses (gold not found), false hits (predicted, not in gold), wrong values:"]
        for d in res.docs:
            if not d.misses:
                continue
            out.append(f"{d.path} [{d.format}, {d.status}] {len(d.misses)} issue(s)")
            shown = d.misses if show_misses < 0 else d.misses[:show_misses]
            out += [f"  {m}" for m in shown]
            if len(shown) < len(d.misses):
                out.append(f"  … {len(d.misses) - len(shown)} more (--show-misses -1 for all)")
    if res.warnings:
        out += ["", "Warnings:"] + [f"  {w}" for w in res.warnings]
    return "\n".join(out)
