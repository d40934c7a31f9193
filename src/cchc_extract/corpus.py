"""Many files -> a corpus on disk: parallel, resumable, streaming, one file's failure isolated.

Flow: list the inputs (sorted by ``source.path``) -> hash each file -> parse the files whose
result is not cached yet, in worker processes, each result written atomically to
``OUT/.cache/<options>/<sha[:2]>/<sha>.json`` as it finishes -> concatenate the cached results in
path order into ``documents.jsonl`` and stream them into ``OUT/tables/``.

Because the final corpus is always assembled from the cache in path order, a run with 1 worker,
8 workers, a resumed run and a Dask run produce byte-identical ``documents.jsonl``. Memory holds
one document at a time plus a few short strings per file (paths, hashes, the citation index).
"""
from __future__ import annotations

import json
import multiprocessing as mp
import os
import re
import shutil
import time
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import wait
from pathlib import Path
from typing import Iterable, Iterator, Optional

from . import __version__
from .cache import Cache, atomic_write_text, file_sha256
from .model import SCHEMA

SKIP_NAMES = {"MANIFEST.tsv", ".DS_Store", "Thumbs.db"}
SKIP_SUFFIXES = {".py", ".pyc"}  # scripts kept next to documents (samples/make_samples.py)
DEFAULT_FORMATS = ("parquet", "csv")


def iter_files(inputs: Iterable) -> Iterator[tuple]:
    """(root, path) for every file under the inputs, sorted by relative path; roots are kept
    so ``source.path`` is relative to the folder the user named."""
    for inp in inputs:
        p = Path(inp)
        if p.is_dir():
            files = [f for f in p.rglob("*") if f.is_file() and f.name not in SKIP_NAMES
                     and f.suffix.lower() not in SKIP_SUFFIXES
                     and not any(part.startswith(".") for part in f.relative_to(p).parts)]
            for f in sorted(files, key=lambda f: str(f.relative_to(p))):
                yield p, f
        else:
            yield p.parent, p


def dumps(doc) -> str:
    return json.dumps(doc.to_dict(), ensure_ascii=False, sort_keys=False)


@dataclass
class Entry:
    """One input file and where its result is (a cache file, or an inline line for failures)."""
    root: Path
    path: Path
    rel: str
    sha: Optional[str] = None
    size: int = 0
    cache_file: Optional[Path] = None
    line: Optional[str] = None
    cached: bool = False


@dataclass
class Options:
    workers: Optional[int] = None  # None: CPU count; 0: in this process (no time limit)
    timeout: float = 300.0
    formats: tuple = DEFAULT_FORMATS
    stages: Optional[set] = None
    cache: bool = True
    progress: str = "auto"  # auto | quiet | verbose
    max_tasks_per_child: int = 200
    scheduler: Optional[str] = None  # "dask://HOST:PORT" or a dask Client
    parse_fn: Optional[object] = None  # module-level f(path, root, cache_file, stages) -> (status, s)


def plan(inputs: Iterable) -> list[Entry]:
    """Every input file, ordered by source.path (ties: the order the inputs were given)."""
    entries = [Entry(root, f, str(f.relative_to(root))) for root, f in iter_files(inputs)]
    entries.sort(key=lambda e: e.rel)  # stable: equal paths keep input order
    return entries


def error_line(e: Entry, message: str) -> str:
    """A status-error document for a file whose parse never returned (time limit, crash)."""
    from .model import Document, Source
    from .pipeline import doc_id_for
    from .read.sniff import sniff

    try:
        with open(e.path, "rb") as fh:
            fmt = sniff(fh.read(8192), e.rel)
    except OSError:
        fmt = "unknown"
    doc = Document(doc_id=doc_id_for(e.sha or ""), status="error",
                   source=Source(path=e.rel, format=fmt, sha256=e.sha or "", bytes=e.size),
                   errors=[{"stage": "read", "message": message}])
    return dumps(doc)


_STATUS = re.compile(r'"status": "(\w+)"')


def cached_status(path: Path) -> str:
    with open(path, encoding="utf-8") as fh:
        m = _STATUS.search(fh.read(8192))
    return m.group(1) if m else "ok"


# ---------------------------------------------------------------- workers

def parse_to_cache(path: str, root: str, cache_file: str, stages=None,
                   timeout: Optional[float] = None) -> tuple[str, float]:
    """Parse one file and write its JSON line atomically to cache_file -> (status, seconds).
    With ``timeout`` the parse stops itself (for workers nobody can kill) and raises
    ``TimedOut``; nothing is cached then, as when the pool kills a worker."""
    from .deadline import TimedOut, remaining, time_limit
    from .pipeline import parse_path

    t = time.perf_counter()
    with time_limit(timeout):
        doc = parse_path(Path(path), root=Path(root), stages=stages)
        late = timeout is not None and remaining() <= 0
    if late and doc.status == "error":
        raise TimedOut(doc.errors[0]["message"])
    atomic_write_text(Path(cache_file), dumps(doc))
    return doc.status, time.perf_counter() - t


def _worker_main(conn, stages, parse_fn=None) -> None:
    """Worker loop: receive (idx, path, root, cache_file), answer (idx, status, seconds, error)."""
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        idx, path, root, cache_file = task
        try:
            status, secs = (parse_fn or parse_to_cache)(path, root, cache_file, stages)
            msg = (idx, status, secs, None)
        except Exception as e:  # parse_path does not raise; this is the cache write failing
            msg = (idx, "error", 0.0, f"the worker failed on this file: {type(e).__name__}: {e}")
        try:
            conn.send(msg)
        except (BrokenPipeError, OSError):
            return


class _Worker:
    def __init__(self, ctx, stages, parse_fn=None):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, stages, parse_fn), daemon=True)
        self.proc.start()
        child.close()
        self.idx: Optional[int] = None
        self.deadline = 0.0
        self.started = 0.0
        self.done = 0

    def give(self, idx: int, task: tuple, timeout: float) -> None:
        self.idx, self.started = idx, time.monotonic()
        self.deadline = self.started + timeout
        self.conn.send(task)

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except (BrokenPipeError, OSError):
            pass
        self.proc.join(5)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(5)
        self.conn.close()


def _mp_context():
    methods = mp.get_all_start_methods()
    if "forkserver" in methods:
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(["cchc_extract.pipeline"])
        return ctx
    return mp.get_context("spawn")


def run_pool(todo: list[Entry], opts: Options, on_done) -> None:
    """Parse ``todo`` in worker processes. A file over the time limit has its worker killed and
    replaced; a crashed worker loses only its file. ``on_done(entry, status, secs, message)``."""
    if not todo:
        return
    if opts.workers == 0:
        parse = opts.parse_fn or parse_to_cache
        for e in todo:
            status, secs = parse(str(e.path), str(e.root), str(e.cache_file), opts.stages)
            on_done(e, status, secs, None)
        return
    n = max(1, min(opts.workers or os.cpu_count() or 1, len(todo)))
    ctx = _mp_context()
    pending = deque(range(len(todo)))
    workers = [_Worker(ctx, opts.stages, opts.parse_fn) for _ in range(n)]
    busy: dict = {}

    def replace(i: int, graceful: bool = False) -> None:
        if graceful:
            workers[i].stop()
        else:
            workers[i].kill()
        workers[i] = _Worker(ctx, opts.stages, opts.parse_fn)

    try:
        while pending or busy:
            for i, w in enumerate(workers):
                if w.idx is None and pending:
                    if w.done >= opts.max_tasks_per_child:  # bound memory: fresh process
                        replace(i, graceful=True)
                        w = workers[i]
                    k = pending.popleft()
                    e = todo[k]
                    w.give(k, (k, str(e.path), str(e.root), str(e.cache_file)), opts.timeout)
                    busy[w.conn] = i
            now = time.monotonic()
            wait_for = max(0.0, min(workers[i].deadline for i in busy.values()) - now)
            objs = list(busy) + [workers[i].proc.sentinel for i in busy.values()]
            ready = set(wait(objs, timeout=wait_for + 0.01))
            now = time.monotonic()
            for conn, i in list(busy.items()):
                w = workers[i]
                e = todo[w.idx]
                msg = None
                if conn in ready or w.proc.sentinel in ready:
                    try:
                        msg = conn.recv() if conn.poll() else None
                    except (EOFError, OSError):
                        msg = None
                    if msg is None and not w.proc.is_alive():
                        code = w.proc.exitcode
                        del busy[conn]
                        replace(i)
                        on_done(e, "error", now - w.started,
                                f"the worker process crashed while reading this file (exit code "
                                f"{code}); the file may be corrupt or too large for memory")
                        continue
                if msg is not None:
                    del busy[conn]
                    _, status, secs, err = msg
                    w.idx, w.done = None, w.done + 1
                    on_done(e, status, secs, err)
                elif now >= w.deadline:
                    del busy[conn]
                    replace(i)
                    on_done(e, "error", now - w.started,
                            f"timed out after {opts.timeout:g} s (raise --timeout, or check the "
                            "file: it may be corrupt or pathologically large)")
    finally:
        for w in workers:
            if w.idx is None:
                w.stop()
            else:
                w.kill()


# ---------------------------------------------------------------- assembly

def assemble(entries: list[Entry], out: Path, formats=DEFAULT_FORMATS,
             part_size: Optional[int] = None) -> dict:
    """Concatenate results in path order into documents.jsonl and write OUT/tables, atomically.
    ``part_size`` writes Parquet as a directory of parts of that many documents each."""
    from .links import LinkIndex, links_for
    from .tables_out import TableSink

    out = Path(out)
    pid = os.getpid()
    tables_tmp = out / f".tables.{pid}.tmp"
    if tables_tmp.exists():
        shutil.rmtree(tables_tmp)
    docs_tmp = out / f".documents.jsonl.{pid}.tmp"
    index, first, dups = LinkIndex(), {}, set()
    counts = {"ok": 0, "partial": 0, "error": 0}
    n_links = 0
    sink = TableSink(tables_tmp, formats, partitioned=bool(part_size))
    try:
        with open(docs_tmp, "w", encoding="utf-8") as fh:
            for k, e in enumerate(entries):
                if part_size and k and k % part_size == 0:
                    sink.new_part(k // part_size)
                d = json.loads(e.line if e.line is not None else Cache.read(e.cache_file))
                d["source"]["path"] = e.rel
                fh.write(json.dumps(d, ensure_ascii=False) + "\n")
                sha = d["source"].get("sha256")
                dup = first.get(sha) if sha else None
                if dup is None:
                    first[sha] = e.rel
                    index.add(d)
                else:
                    dups.add(e.rel)
                sink.add_document(d, dup)
                counts[d.get("status", "error")] = counts.get(d.get("status", "error"), 0) + 1
        if part_size:
            sink.new_part((len(entries) + part_size - 1) // part_size)
        with open(docs_tmp, encoding="utf-8") as fh:
            for line in fh:
                d = json.loads(line)
                if d["source"]["path"] in dups or not d.get("references"):
                    continue
                rows = list(links_for(d, index))
                n_links += len(rows)
                sink.add("links", rows)
    finally:
        sink.close()
    os.replace(docs_tmp, out / "documents.jsonl")
    final = out / "tables"
    old = out / f".tables.{pid}.old"
    if final.exists():
        os.replace(final, old)
    os.replace(tables_tmp, final)
    if old.exists():
        shutil.rmtree(old)
    return {"counts": counts, "duplicates": len(dups), "links": n_links,
            "truncated_xlsx": sorted(sink.truncated)}


def write_corpus(inputs: Iterable, out: Path, stages=None, progress=None, *,
                 workers: Optional[int] = None, timeout: float = 300.0,
                 formats: Iterable[str] = DEFAULT_FORMATS, cache: bool = True,
                 progress_mode: str = "auto", scheduler=None, part_size: Optional[int] = None,
                 max_tasks_per_child: int = 200, parse_fn=None) -> dict:
    """Build OUT/documents.jsonl (ordered by source.path), OUT/tables/ and OUT/manifest.json.

    ``progress`` is an optional callback ``f(path, status)`` called as each file finishes.
    ``scheduler="dask://HOST:PORT"`` (or a ``distributed.Client``) parses on a Dask cluster.
    ``parse_fn`` replaces the per-file worker function (fault injection in tests, custom stages).
    """
    from .pipeline import MAX_BYTES, parse_path
    from .progress import Progress

    inputs = [str(i) for i in inputs]
    if scheduler is not None and part_size is None:
        part_size = 1000  # a cluster run writes partitioned Parquet
    opts = Options(workers=workers, timeout=timeout, formats=tuple(formats), stages=stages,
                   cache=cache, progress=progress_mode, scheduler=scheduler,
                   max_tasks_per_child=max_tasks_per_child, parse_fn=parse_fn)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    spool = None
    if cache:
        store = Cache(out, stages)
    else:  # a private spool, removed at the end: results still stream through disk
        spool = out / f".spool.{os.getpid()}"
        store = Cache(spool, stages)
    entries = plan(inputs)
    bar = Progress(len(entries), progress_mode)

    def done(e: Entry, status: str, secs: float, message: Optional[str], cached=False):
        bar.update(e.rel, status, secs, cached=cached, message=message or "")
        if progress:
            progress(e.rel, status)

    todo, waiting = [], {}
    for e in entries:
        try:
            e.size = e.path.stat().st_size
            if e.size > MAX_BYTES:
                raise OSError
            e.sha = file_sha256(e.path)
        except OSError:  # unreadable or over the limit: the pipeline words the error
            e.line = dumps(parse_path(e.path, root=e.root, stages=stages))
            done(e, json.loads(e.line)["status"], 0.0, None)
            continue
        e.cache_file = store.path_for(e.sha)
        if store.has(e.sha):
            e.cached = True
            done(e, cached_status(e.cache_file), 0.0, None, cached=True)
        elif e.sha in waiting:  # same content under another path: parse once
            waiting[e.sha].append(e)
        else:
            waiting[e.sha] = []
            todo.append(e)

    def finished(e: Entry, status: str, secs: float, message: Optional[str]):
        if message:  # never returned a document (time limit, crash): not cached
            e.line = error_line(e, message)
            for twin in waiting.get(e.sha, []):
                twin.line = error_line(twin, message)
        done(e, status, secs, message)
        for twin in waiting.get(e.sha, []):
            done(twin, status, 0.0, message)

    n_workers = workers if workers is not None else (os.cpu_count() or 1)
    todo.sort(key=lambda e: -e.size)  # biggest first: a long file last would idle the others
    if scheduler is not None:
        from .dask_runner import run_dask

        run_dask(todo, opts, finished)
    else:
        run_pool(todo, opts, finished)
    bar.close()
    info = assemble(entries, out, opts.formats, part_size=part_size)
    if spool is not None:
        shutil.rmtree(spool, ignore_errors=True)
    manifest = {"tool": "cchc_extract", "version": __version__, "schema": SCHEMA,
                "inputs": inputs,
                "options": {"workers": n_workers, "timeout": timeout, "formats": list(opts.formats),
                            "stages": sorted(stages) if stages is not None else None,
                            "cache": cache, "scheduler": str(scheduler) if scheduler else None},
                "counts": info["counts"], "files": len(entries),
                "parsed": len(todo), "cached": sum(e.cached for e in entries),
                "duplicates": info["duplicates"], "links": info["links"],
                "tables": sorted(p.name for p in (out / "tables").iterdir()),
                "seconds": round(time.time() - t0, 3)}
    if info["truncated_xlsx"]:
        manifest["warnings"] = [f"corpus.xlsx: table {t} cut at Excel's 1,048,576 rows"
                                for t in info["truncated_xlsx"]]
    atomic_write_text(out / "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
    return manifest
