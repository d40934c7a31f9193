"""Command line: thin argument parsing over the API. Exit codes: 0 ok, 1 some files failed, 2 usage."""
from __future__ import annotations

import argparse
import sys


def _extract(args) -> int:
    from .corpus import write_corpus

    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    mode = "quiet" if args.quiet else "verbose" if args.verbose else "auto"
    try:
        m = write_corpus(args.inputs, args.output, workers=args.workers, timeout=args.timeout,
                         formats=formats, cache=not args.no_cache, progress_mode=mode,
                         scheduler=args.scheduler, part_size=args.part_size)
    except ValueError as e:  # bad --format / --scheduler: a usage error
        print(f"error: {e}", file=sys.stderr)
        return 2
    c = m["counts"]
    if not args.quiet:
        print(f"{m['files']} files: {c['ok']} ok, {c['partial']} partial, {c['error']} error "
              f"({m['cached']} from cache, {m['duplicates']} duplicates, {m['links']} links) "
              f"-> {args.output}/documents.jsonl, tables/ ({m['seconds']:.1f} s)", file=sys.stderr)
    return 1 if c["error"] else 0


def _show(args) -> int:
    from . import parse
    from .summary import summary

    doc = parse(args.file)
    print(summary(doc, full=args.full))
    return 1 if doc.status == "error" else 0


def _eval(args) -> int:
    from .eval import FIELDS, evaluate, to_json, to_text

    rows = args.field or None
    fields = tuple(f for f in FIELDS if not rows or any(r.split(".")[0] == f for r in rows))
    res = evaluate(args.gold, args.docs, seeds_dir=args.seeds, fields=fields, rows=rows,
                   progress=args.progress)
    if args.json:
        print(to_json(res, args.show_misses))
    else:
        print(to_text(res, args.show_misses))
    if args.update_floors:
        from .eval.floors import update_floors

        for row, (a, b) in sorted(update_floors(args.update_floors, res).items()):
            print(f"floor {row}: {a} -> {b}", file=sys.stderr)
    return 0


def _bench(args) -> int:
    import runpy
    from pathlib import Path

    script = Path(__file__).resolve().parents[2] / "benchmarks" / "run.py"
    if not script.is_file():  # benchmarks/ ships with the source tree, not the wheel
        print(f"benchmarks/run.py not found (looked at {script}); run from a source checkout",
              file=sys.stderr)
        return 2
    argv = (["--quick"] if args.quick else []) + (["--out", args.out] if args.out else []) \
        + (["--no-ocr"] if args.no_ocr else []) + (["--repeat", str(args.repeat)] if args.repeat else [])
    return int(runpy.run_path(str(script))["main"](argv) or 0)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m cchc_extract",
                                description="Extract references, structure, metrics and "
                                            "signatories from Vietnamese administrative documents.")
    from . import __version__

    p.add_argument("--version", action="version", version=f"cchc_extract {__version__}")
    sub = p.add_subparsers(dest="cmd", metavar="COMMAND")
    e = sub.add_parser("extract", help="build a corpus from files and folders",
                       description="Read every file under INPUT (recursively) and write "
                                   "OUT/documents.jsonl and OUT/manifest.json.")
    e.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders")
    e.add_argument("-o", "--output", required=True, metavar="OUT", help="output folder")
    e.add_argument("-j", "--workers", type=int, default=None, metavar="N",
                   help="worker processes (default: CPU count; 0 = in this process, no time limit)")
    e.add_argument("--timeout", type=float, default=300.0, metavar="S",
                   help="per-file time limit in seconds (default 300); the file becomes an error")
    e.add_argument("--format", default="parquet,csv", metavar="LIST",
                   help="table formats in OUT/tables: parquet,csv,xlsx (default parquet,csv)")
    e.add_argument("--no-cache", action="store_true",
                   help="do not reuse or keep per-file results in OUT/.cache")
    e.add_argument("--scheduler", default=None, metavar="dask://HOST:PORT",
                   help="parse on a Dask cluster (pip install 'cchc-extract[dask]')")
    e.add_argument("--part-size", type=int, default=None, metavar="N",
                   help="write Parquet tables as parts of N documents (default: with --scheduler 1000)")
    g = e.add_mutually_exclusive_group()
    g.add_argument("-v", "--verbose", action="store_true", help="log each file with its timing")
    g.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    e.set_defaults(func=_extract)
    s = sub.add_parser("show", help="print a readable summary of one document",
                       description="Print header, references, outline, metrics and signatories.")
    s.add_argument("file")
    s.add_argument("--full", action="store_true", help="list every item, not the first few")
    s.set_defaults(func=_show)
    v = sub.add_parser("eval", help="precision/recall against gold annotations",
                       description="Parse every document the gold files under GOLD_DIR name "
                                   "(once each) and print precision, recall, F1 and accuracy "
                                   "per field, overall and per format, with misses per document.")
    v.add_argument("gold", metavar="GOLD_DIR", help="folder with header/, references/, ... ")
    v.add_argument("--docs", required=True, metavar="DOCS_DIR",
                   help="root the gold 'path' keys are relative to (e.g. ../shared/corpus/dev)")
    v.add_argument("--seeds", metavar="DIR",
                   help="where 'seeds/...' paths live (default: DOCS_DIR/../../seeds)")
    v.add_argument("--json", action="store_true", help="machine-readable report")
    v.add_argument("--field", action="append", metavar="F",
                   help="only this field or row (header, references, header.date, ...); repeatable")
    v.add_argument("--show-misses", type=int, default=8, metavar="N",
                   help="misses listed per document (0 none, -1 all; default 8)")
    v.add_argument("--progress", action="store_true", help="print each document as it is parsed")
    v.add_argument("--update-floors", metavar="FLOORS_JSON",
                   help="raise the floors in this file (gold/floors.json) to score - 0.02")
    v.set_defaults(func=_eval)
    bn = sub.add_parser("bench", help="throughput and memory against baselines",
                        description="Run benchmarks/run.py: the pipeline vs pdfplumber, "
                                    "pypdfium2, python-docx and underthesea; peak RSS; "
                                    "import time.")
    bn.add_argument("--quick", action="store_true", help="a few files per group")
    bn.add_argument("--out", metavar="FILE.json", help="write rows and targets as JSON")
    bn.add_argument("--no-ocr", action="store_true", help="skip the scanned-PDF (OCR) row")
    bn.add_argument("--repeat", type=int, metavar="N",
                    help="timed rows: best of N fresh-process runs (default 3, 1 with --quick)")
    bn.set_defaults(func=_bench)
    return p


def main(argv=None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:
        return int(e.code or 0)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    return args.func(args)
