"""Past one machine: parse on a Dask cluster (``pip install 'cchc-extract[dask]'``).

Workers must see the input files and OUT at the same paths (a shared file system): each task
parses one file and writes its result into OUT/.cache exactly as a local worker does, so the
driver then assembles the same byte-identical corpus, with Parquet tables in parts.
"""
from __future__ import annotations

import time
from typing import Iterable, Optional

from .corpus import Entry, Options, parse_to_cache


def _require():
    try:
        import dask  # noqa: F401
        import distributed  # noqa: F401
    except ImportError as e:
        raise ValueError("the Dask scheduler needs dask[distributed]: "
                         "pip install 'cchc-extract[dask]'") from e


def client_for(scheduler):
    """A distributed.Client from "dask://HOST:PORT", "tcp://HOST:PORT" or a Client/LocalCluster."""
    _require()
    from distributed import Client

    if isinstance(scheduler, str):
        if scheduler.startswith("dask://"):
            scheduler = "tcp://" + scheduler[len("dask://"):]
        return Client(scheduler), True
    if hasattr(scheduler, "submit"):
        return scheduler, False
    return Client(scheduler), True


def _task(path: str, root: str, cache_file: str, stages, timeout=None) -> tuple:
    from .deadline import TimedOut

    t = time.perf_counter()
    try:  # Dask cannot kill a task: the parse stops itself at the time limit
        status, secs = parse_to_cache(path, root, cache_file, stages, timeout)
        return status, secs, None
    except TimedOut as e:
        return "error", time.perf_counter() - t, str(e)
    except Exception as e:  # isolate: this file only
        return "error", 0.0, f"the Dask worker failed on this file: {type(e).__name__}: {e}"


def run_dask(todo: list[Entry], opts: Options, on_done) -> None:
    """Submit one task per file; report each as it completes. Dask cannot kill a running task, so
    ``--timeout`` is enforced by the parse itself (``deadline``): between pages, OCR calls and
    stages; the file then gets status error, as with the local pool."""
    if not todo:
        return
    from distributed import as_completed

    client, owned = client_for(opts.scheduler)
    try:
        futs = {client.submit(_task, str(e.path), str(e.root), str(e.cache_file), opts.stages,
                              opts.timeout, key=f"cchc-{e.sha}-{i}", pure=False): e
                for i, e in enumerate(todo)}
        ac = as_completed(futs, timeout=None)
        for fut in ac:
            e = futs[fut]
            try:
                status, secs, err = fut.result()
            except Exception as exc:  # a lost/killed worker
                status, secs, err = "error", 0.0, f"the Dask task failed: {type(exc).__name__}: {exc}"
            on_done(e, status, secs, err)
    finally:
        if owned:
            client.close()


def _parse_dict(item, stages=None) -> dict:
    from .pipeline import parse_path

    root, path = item
    return parse_path(path, root=root, stages=stages).to_dict()


def dask_bag(paths: Iterable, stages: Optional[set] = None, npartitions: Optional[int] = None):
    """A dask.bag of document dicts (JSON form) for files and folders, in source.path order.

    >>> import dask
    >>> docs = dask_bag(["reports/"]).filter(lambda d: d["status"] != "error")
    >>> docs.map(lambda d: len(d["references"])).sum().compute()
    """
    _require()
    import dask.bag as db

    from .corpus import plan

    items = [(e.root, e.path) for e in plan(paths)]
    n = npartitions or max(1, min(len(items), 64, (len(items) + 49) // 50))
    return db.from_sequence(items, npartitions=n).map(_parse_dict, stages=stages)


def to_tables(bag, folder) -> list:
    """Write a bag of document dicts as partitioned Parquet tables: ``folder/<table>/part-N``
    (one part per bag partition, written by the workers). Links need the whole corpus, so they
    are not written here: use ``write_corpus(..., scheduler=...)`` for the full corpus."""
    import dask

    def write_part(docs, part):
        from .tables_out import TableSink

        sink = TableSink(folder, ("parquet",), partitioned=True, part=part)
        for d in docs:
            sink.add_document(d)
        sink.close()
        return [part]

    parts = bag.to_delayed()
    tasks = [dask.delayed(write_part)(p, i) for i, p in enumerate(parts)]
    return dask.compute(*tasks)
