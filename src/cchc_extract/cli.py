"""Command line: thin argument parsing over the API. Exit codes: 0 ok, 1 some files failed, 2 usage."""
from __future__ import annotations

import argparse
import sys


def _extract(args) -> int:
    from .corpus import write_corpus

    m = write_corpus(args.inputs, args.output)
    c = m["counts"]
    print(f"{m['files']} files: {c['ok']} ok, {c['partial']} partial, {c['error']} error "
          f"-> {args.output}/documents.jsonl ({m['seconds']:.1f} s)", file=sys.stderr)
    return 1 if c["error"] else 0


def _show(args) -> int:
    from . import parse
    from .summary import summary

    doc = parse(args.file)
    print(summary(doc, full=args.full))
    return 1 if doc.status == "error" else 0


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
    e.set_defaults(func=_extract)
    s = sub.add_parser("show", help="print a readable summary of one document",
                       description="Print header, references, outline, metrics and signatories.")
    s.add_argument("file")
    s.add_argument("--full", action="store_true", help="list every item, not the first few")
    s.set_defaults(func=_show)
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
