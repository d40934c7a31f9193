#!/usr/bin/env python
"""Throughput and memory of cchc_extract against baselines, in one run, on the same files.

    python benchmarks/run.py [--quick] [--out FILE.json]     (or: python -m cchc_extract bench)

Every measurement runs in its own subprocess (started through a tiny wrapper that reads
``RUSAGE_CHILDREN.ru_maxrss``), so imports, caches and peak memory of one tool never leak into
another's numbers. Each worker warms up on its first file (imports, compiled regexes) and loads
the models it may need (``pipeline.warm_up``) before the clock starts: the numbers are steady-state
throughput, import time is measured apart.

Rows: text PDFs (pipeline with CCHC_OCR=0 vs pdfplumber vs pypdfium2), scanned PDFs (OCR, on
their own), DOCX (pipeline vs python-docx), other formats, extracted text (rule stages and full
pipeline vs one underthesea.word_tokenize pass), memory on the dev corpus and on ten copies of
it, and ``import cchc_extract``. Targets are printed with PASS/MISS; this is not a test.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEV = SHARED / "corpus" / "dev"
SEEDS = SHARED / "seeds"
RULE_STAGES = ("header", "sections", "signatories", "references")

# The wrapper is the only child of a fresh interpreter: its RUSAGE_CHILDREN max RSS is the
# worker's peak (or of a larger grandchild such as tesseract), untouched by earlier rows.
_WRAPPER = ("import json,resource,subprocess,sys\n"
            "p=subprocess.run(sys.argv[1:],stdout=subprocess.PIPE,text=True)\n"
            "print(json.dumps({'rc':p.returncode,'out':p.stdout,"
            "'maxrss_kb':resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))")


# ------------------------------------------------------------------------------ workers

def _docx_pages(p: Path) -> int:
    """Pages as Word last counted them (docProps/app.xml); 0 when absent."""
    import re
    import zipfile

    try:
        with zipfile.ZipFile(p) as z:
            m = re.search(rb"<Pages>(\d+)</Pages>", z.read("docProps/app.xml"))
            return int(m.group(1)) if m else 0
    except (KeyError, zipfile.BadZipFile, OSError):
        return 0


def _w_pipeline(files, opts):
    from cchc_extract.pipeline import parse_path, warm_up

    stages = set(opts["stages"]) if opts.get("stages") else None
    texts, pages, chars, errors = [], 0, 0, 0
    parse_path(files[0], stages=stages)  # warm-up
    warm_up()  # models the first file did not need (the baselines load theirs before the clock)
    t = time.perf_counter()
    for f in files:
        d = parse_path(f, stages=stages)
        pages += d.source.pages or 0
        chars += len(d.text)
        errors += d.status == "error"
        if opts.get("dump"):
            texts.append(d.text)
    sec = time.perf_counter() - t
    if opts.get("dump"):
        with open(opts["dump"], "a", encoding="utf-8") as fh:
            for x in texts:
                if x.strip():
                    fh.write(json.dumps(x, ensure_ascii=False) + "\n")
    return sec, pages, chars, errors


def _timed_pages(files, one):
    """Time ``one(f) -> (pages, chars)`` over files, after a warm-up on the first."""
    one(files[0])
    t = time.perf_counter()
    pages = chars = 0
    for f in files:
        n, c = one(f)
        pages, chars = pages + n, chars + c
    return time.perf_counter() - t, pages, chars, 0


def _w_pdfplumber(files, opts):
    import pdfplumber

    def one(f):
        n = c = 0
        with pdfplumber.open(f) as pdf:
            for page in pdf.pages:
                c += len(page.extract_text() or "")
                n += 1
        return n, c

    return _timed_pages(files, one)


def _w_pdfium(files, opts):
    import pypdfium2 as pdfium

    def one(f):
        n = c = 0
        d = pdfium.PdfDocument(str(f))
        try:
            for i in range(len(d)):
                page = d[i]
                tp = page.get_textpage()
                c += len(tp.get_text_range())
                tp.close()
                page.close()
                n += 1
        finally:
            d.close()
        return n, c

    return _timed_pages(files, one)


def _w_docx(files, opts):
    import docx

    def one(f):
        d = docx.Document(str(f))
        parts = [p.text for p in d.paragraphs]
        for tb in d.tables:
            for row in tb.rows:
                parts += [c.text for c in row.cells]
        return len("\n".join(parts))

    one(files[0])
    t = time.perf_counter()
    chars = sum(one(f) for f in files)
    return time.perf_counter() - t, sum(_docx_pages(Path(f)) for f in files), chars, 0


def _texts(files):
    out = []
    for f in files:
        with open(f, encoding="utf-8") as fh:
            out += [json.loads(ln) for ln in fh if ln.strip()]
    return out


def _w_text(files, opts):
    from cchc_extract import parse_text
    from cchc_extract.pipeline import warm_up

    stages = set(opts["stages"]) if opts.get("stages") else None
    texts = _texts(files)
    parse_text(texts[0], stages=stages)
    warm_up()
    t = time.perf_counter()
    for x in texts:
        parse_text(x, stages=stages)
    return time.perf_counter() - t, 0, sum(map(len, texts)), 0, len(texts)


def _w_underthesea(files, opts):
    from underthesea import word_tokenize

    texts = _texts(files)
    word_tokenize(texts[0][:2000])
    t = time.perf_counter()
    for x in texts:
        word_tokenize(x)
    return time.perf_counter() - t, 0, sum(map(len, texts)), 0, len(texts)


def _w_corpus(files, opts):
    """One worker over a folder, as the corpus writer runs it: parse, serialize, drop."""
    import cchc_extract
    from cchc_extract.corpus import dumps

    t = time.perf_counter()
    n = pages = chars = errors = 0
    for d in cchc_extract.extract([files[0]]):
        dumps(d)
        n += 1
        pages += d.source.pages or 0
        chars += len(d.text)
        errors += d.status == "error"
    return time.perf_counter() - t, pages, chars, errors, n


WORKERS = {"pipeline": _w_pipeline, "pdfplumber": _w_pdfplumber, "pypdfium2": _w_pdfium,
           "python-docx": _w_docx, "text": _w_text, "underthesea": _w_underthesea,
           "corpus": _w_corpus}


def worker_main(mode: str, spec: str) -> int:
    import resource

    s = json.loads(Path(spec).read_text(encoding="utf-8"))
    sec, pages, chars, errors, *n = WORKERS[mode](s["files"], s.get("opts", {}))
    print(json.dumps({"seconds": sec, "pages": pages, "chars": chars, "errors": errors,
                      "docs": n[0] if n else len(s["files"]),
                      "self_maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
    return 0


# ------------------------------------------------------------------------------ parent

def run_isolated(mode: str, files: list, opts: dict = None, env: dict = None,
                 tmp: Path = None) -> dict:
    spec = Path(tempfile.mkstemp(suffix=".json", dir=tmp)[1])
    spec.write_text(json.dumps({"files": [str(f) for f in files], "opts": opts or {}}))
    e = dict(os.environ, **(env or {}))
    cmd = [sys.executable, "-c", _WRAPPER, sys.executable, str(Path(__file__).resolve()),
           "--worker", mode, str(spec)]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, env=e)
    w = json.loads(p.stdout)
    if w["rc"] != 0 or not w["out"].strip():
        raise RuntimeError(f"benchmark worker {mode} failed (exit {w['rc']})")
    r = json.loads(w["out"].strip().splitlines()[-1])
    r["maxrss_mb"] = w["maxrss_kb"] / 1024
    return r


def best_of(n: int, mode: str, files: list, opts: dict = None, env: dict = None,
            tmp: Path = None) -> dict:
    """The fastest of n runs, each in a fresh process (no cache carries over), with the highest
    peak RSS: on a shared VM noise only ever slows a run down. Texts are dumped once."""
    runs = []
    for k in range(n):
        o = dict(opts or {})
        if k:
            o.pop("dump", None)
        runs.append(run_isolated(mode, files, o, env, tmp))
    return dict(min(runs, key=lambda r: r["seconds"]), maxrss_mb=max(r["maxrss_mb"] for r in runs))


def import_time(n: int = 5) -> float:
    code = ("import time;t=time.perf_counter();import cchc_extract;"
            "print(time.perf_counter()-t)")
    best = float("inf")
    for _ in range(n):
        out = subprocess.run([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True,
                             check=True).stdout
        best = min(best, float(out.strip()))
    return best


def has_text_layer(p: Path, min_chars_per_page: int = 200) -> bool:
    """Text PDFs vs scans: the bare pypdfium2 text over the first pages."""
    import pypdfium2 as pdfium

    d = pdfium.PdfDocument(str(p))
    try:
        n = min(len(d), 5)
        chars = 0
        for i in range(n):
            tp = d[i].get_textpage()
            chars += len(tp.get_text_range().strip())
            tp.close()
        return n > 0 and chars / n >= min_chars_per_page
    finally:
        d.close()


def select_files(quick: bool) -> dict:
    files = sorted(p for p in DEV.rglob("*") if p.is_file() and p.name != "MANIFEST.tsv")
    pdfs = [p for p in files if p.read_bytes()[:5] == b"%PDF-"]
    groups = {
        "pdf_text": [p for p in pdfs if has_text_layer(p)],
        "pdf_scan": [p for p in pdfs if not has_text_layer(p)],
        "docx": [p for p in files if p.suffix.lower() == ".docx" and p.read_bytes()[:2] == b"PK"],
    }
    taken = {p for g in groups.values() for p in g}
    groups["other"] = [p for p in files if p not in taken]
    groups["all"] = files
    if quick:
        groups = {k: v[:4] if k != "pdf_scan" else v[:1] for k, v in groups.items()}
        groups["all"] = sorted({p for k, v in groups.items() if k != "all" for p in v})
    return groups


def row(task, tool, r, files, mb=None, pages=None):
    pages = pages or r.get("pages") or 0
    sec = r["seconds"]
    n = r.get("docs") or len(files)
    mb = mb if mb is not None else sum(Path(f).stat().st_size for f in files) / 2**20
    return {"task": task, "tool": tool, "files": n, "pages": pages,
            "MB": round(mb, 2), "seconds": round(sec, 3),
            "docs_per_s": round(n / sec, 2) if sec else None,
            "pages_per_s": round(pages / sec, 1) if sec and pages else None,
            "chars": r.get("chars"), "errors": r.get("errors", 0),
            "peak_rss_mb": round(r["maxrss_mb"], 1)}


def fmt_table(rows) -> str:
    cols = [("task", 16), ("tool", 26), ("files", 5), ("pages", 5), ("MB", 6), ("seconds", 8),
            ("docs_per_s", 9), ("pages_per_s", 9), ("peak_rss_mb", 8)]
    head = " ".join(f"{c:>{w}}" if i > 1 else f"{c:<{w}}" for i, (c, w) in enumerate(cols))
    head = head.replace("docs_per_s", "  docs/s").replace("pages_per_s", " pages/s") \
        .replace("peak_rss_mb", "RSS MB")
    out = [head, "-" * len(head)]
    for r in rows:
        cells = []
        for i, (c, w) in enumerate(cols):
            v = r.get(c)
            v = "-" if v in (None, 0) and c in ("pages", "pages_per_s") else v
            cells.append(f"{str(v):<{w}}" if i <= 1 else f"{str(v):>{w}}")
        out.append(" ".join(cells))
    return "\n".join(out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="benchmarks/run.py", description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="a few files per group")
    ap.add_argument("--out", metavar="FILE.json", help="write rows and targets as JSON")
    ap.add_argument("--no-ocr", action="store_true", help="skip the scanned-PDF (OCR) row")
    ap.add_argument("--repeat", type=int, metavar="N",
                    help="timed rows: best of N fresh-process runs (default 3, 1 with --quick)")
    ap.add_argument("--worker", nargs=2, metavar=("MODE", "SPEC"), help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.worker:
        return worker_main(*a.worker)
    if not DEV.is_dir():
        print(f"dev corpus not found at {DEV}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    g = select_files(a.quick)
    n = a.repeat or (1 if a.quick else 3)
    rows, targets = [], []
    tmp = Path(tempfile.mkdtemp(prefix="cchc-bench-"))
    texts = tmp / "texts.jsonl"
    no_ocr = {"CCHC_OCR": "0"}

    def log(msg):
        print(f"[{time.perf_counter() - t0:6.1f}s] {msg}", file=sys.stderr, flush=True)

    def target(name, measured, ok, goal):
        targets.append({"target": name, "goal": goal, "measured": measured,
                        "result": "info" if ok is None else ("PASS" if ok else "MISS")})

    try:
        # -- text PDFs
        pdf = g["pdf_text"]
        log(f"text PDFs: {len(pdf)} files")
        rp = best_of(n, "pipeline", pdf, {"dump": str(texts)}, no_ocr, tmp)
        rows.append(row("pdf (text)", "cchc_extract pipeline", rp, pdf))
        rb = best_of(n, "pdfplumber", pdf, tmp=tmp)
        rows.append(row("pdf (text)", "pdfplumber extract_text", rb, pdf))
        rf = best_of(n, "pypdfium2", pdf, tmp=tmp)
        rows.append(row("pdf (text)", "pypdfium2 bare text", rf, pdf))
        x = rb["seconds"] / rp["seconds"]
        target("pdf: pipeline vs pdfplumber", f"{x:.1f}x faster", x >= 10, ">= 10x faster")
        target("pdf: pipeline vs pypdfium2 (info)",
               f"{rp['seconds'] / rf['seconds']:.1f}x slower", None, "-")
        # -- scanned PDFs (OCR), on their own
        if g["pdf_scan"] and not a.no_ocr:
            log(f"scanned PDFs (OCR): {len(g['pdf_scan'])} files")
            ro = run_isolated("pipeline", g["pdf_scan"], {}, {"CCHC_OCR": "1"}, tmp)
            rows.append(row("pdf (scan)", "pipeline + OCR", ro, g["pdf_scan"]))
        # -- DOCX
        dx = g["docx"]
        log(f"DOCX: {len(dx)} files")
        rp = best_of(n, "pipeline", dx, {"dump": str(texts)}, no_ocr, tmp)
        dpages = sum(_docx_pages(p) for p in dx)  # as Word counted them (docProps/app.xml)
        rows.append(row("docx", "cchc_extract pipeline", rp, dx, pages=dpages))
        rb = best_of(n, "python-docx", dx, tmp=tmp)
        rows.append(row("docx", "python-docx bare text", rb, dx, pages=dpages))
        x = rp["seconds"] / rb["seconds"]
        target("docx: pipeline vs python-docx", f"{x:.2f}x the bare read", x <= 2, "<= 2x")
        # -- other formats (doc, rtf, html, txt): no baseline, throughput only
        ot = g["other"]
        log(f"other formats: {len(ot)} files")
        rp = best_of(n, "pipeline", ot, {"dump": str(texts)}, no_ocr, tmp)
        rows.append(row("doc/rtf/html/txt", "cchc_extract pipeline", rp, ot))
        # -- extracted text: rule stages and full pipeline vs word segmentation
        if SEEDS.is_dir():
            with open(texts, "a", encoding="utf-8") as fh:
                for s in sorted(SEEDS.glob("*.txt")):
                    fh.write(json.dumps(s.read_text(encoding="utf-8"), ensure_ascii=False) + "\n")
        tmb = texts.stat().st_size / 2**20
        log(f"text: {tmb:.2f} MB of extracted text")
        rr = best_of(n, "text", [texts], {"stages": list(RULE_STAGES)}, tmp=tmp)
        rows.append(row("text", "rules (hdr/ref/sec/sig)", rr, [texts], tmb))
        rt = best_of(n, "text", [texts], {}, tmp=tmp)
        rows.append(row("text", "full pipeline (+metrics)", rt, [texts], tmb))
        ru = best_of(n, "underthesea", [texts], tmp=tmp)
        rows.append(row("text", "underthesea word_tokenize", ru, [texts], tmb))
        x = ru["seconds"] / rr["seconds"]
        target("text: rules vs word_tokenize", f"{x:.1f}x faster", x >= 20, ">= 20x faster")
        x = ru["seconds"] / rt["seconds"]
        target("text: full pipeline vs word_tokenize", f"{x:.1f}x faster", x >= 4, ">= 4x faster")
        # -- memory: one worker over the corpus, then over ten copies of it
        allf = g["all"]
        log(f"memory: 1x corpus, {len(allf)} files (CCHC_OCR=0)")
        one = tmp / "x1"
        _replicate(allf, one, 1)
        rm1 = run_isolated("corpus", [one], {}, no_ocr, tmp)
        rows.append(row("memory 1x", "one worker, corpus", rm1, allf))
        log(f"memory: 10x corpus, {10 * len(allf)} files (CCHC_OCR=0)")
        ten = tmp / "x10"
        _replicate(allf, ten, 10)
        rm10 = run_isolated("corpus", [ten], {}, no_ocr, tmp)
        rows.append(row("memory 10x", "one worker, corpus x10", rm10, allf * 10))
        for name, r in (("1x", rm1), ("10x", rm10)):
            target(f"memory: peak RSS per worker, corpus {name}", f"{r['maxrss_mb']:.0f} MB",
                   r["maxrss_mb"] <= 300, "<= 300 MB")
        # -- import time
        it = import_time()
        target("import cchc_extract (best of 5)", f"{it:.3f} s", it <= 0.5, "<= 0.5 s")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    print(f"cchc_extract benchmarks{' (--quick)' if a.quick else ''}: dev corpus {DEV}, "
          f"{os.cpu_count()} CPUs, python {sys.version.split()[0]}; text-PDF and memory rows "
          f"with CCHC_OCR=0; each timed row the best of {n} runs, each in its own process after one "
          "warm-up file; memory rows one run\n")
    print(fmt_table(rows))
    print()
    w = max(len(t["target"]) for t in targets)
    for t in targets:
        print(f"{t['target']:<{w}}  {t['goal']:>14}  {t['measured']:>22}  {t['result']}")
    if a.out:
        Path(a.out).write_text(json.dumps({"quick": a.quick, "rows": rows, "targets": targets,
                                           "seconds": round(time.perf_counter() - t0, 1)},
                                          ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


def _replicate(files, dest: Path, n: int):
    """n copies of every file (hard links when possible), each copy under its own folder."""
    for k in range(n):
        for f in files:
            rel = Path(f).relative_to(DEV)
            t = dest / f"copy{k:02d}" / rel
            t.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(f, t)
            except OSError:
                shutil.copy2(f, t)


if __name__ == "__main__":
    sys.exit(main())
