"""Throughput of `write_corpus` with 1 and 2 workers on the dev corpus replicated k times.

    CCHC_OCR=0 python benchmarks/scaling.py --copies 10

Copies are hard links (or copies) under distinct folder names, each file made unique by one
appended byte so the cache and duplicate detection do not short-circuit the work. No cache is
used (``cache=False``), so every run parses every file. Scaling efficiency = speed-up / workers.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

DEV = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"


def replicate(src: Path, dst: Path, copies: int) -> int:
    n = 0
    files = [f for f in sorted(src.rglob("*")) if f.is_file() and f.name != "MANIFEST.tsv"]
    for k in range(copies):
        for f in files:
            out = dst / f"copy{k:02d}" / f.relative_to(src)
            out.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(f, out)
            if k:  # trailing bytes make every copy's sha256 unique (readers ignore them)
                with open(out, "ab") as fh:
                    fh.write(b"\n" * k)
            n += 1
    return n


def run(inputs, workers: int, out: Path) -> dict:
    from cchc_extract.corpus import write_corpus

    t = time.perf_counter()
    m = write_corpus(inputs, out, workers=workers, cache=False, progress_mode="quiet")
    secs = time.perf_counter() - t
    return {"workers": workers, "files": m["files"], "seconds": round(secs, 2),
            "files_per_s": round(m["files"] / secs, 2), "counts": m["counts"]}


def scaling(copies: int = 10, workers=(1, 2), dev: Path = DEV) -> dict:
    """{"runs": [...], "speedup": s, "efficiency": s / max(workers), "identical": bool}."""
    os.environ.setdefault("CCHC_OCR", "0")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        n = replicate(dev, tmp / "in", copies)
        runs, outputs = [], []
        for w in workers:
            out = tmp / f"out{w}"
            runs.append(run([tmp / "in"], w, out))
            outputs.append((out / "documents.jsonl").read_bytes())
        base = runs[0]["seconds"]
        speedup = base / runs[-1]["seconds"]
        return {"files": n, "copies": copies, "runs": runs, "speedup": round(speedup, 2),
                "efficiency": round(speedup / workers[-1] * workers[0], 2),
                "identical": all(o == outputs[0] for o in outputs)}


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--copies", type=int, default=10)
    ap.add_argument("--workers", default="1,2")
    a = ap.parse_args()
    print(json.dumps(scaling(a.copies, tuple(int(x) for x in a.workers.split(","))), indent=2))
