"""A cooperative time limit for one parse, for places that cannot kill a worker process.

The local process pool enforces ``--timeout`` by killing the worker. A Dask task (or a caller of
``parse(..., timeout=…)`` in a notebook) cannot be killed, so the pipeline checks a deadline
between pages, OCR calls and stages, and gives up with ``TimedOut``. A single regex or library
call is not interrupted; tesseract gets the remaining time as its subprocess timeout.
"""
from __future__ import annotations

import contextvars
import time
from contextlib import contextmanager
from typing import Optional

_DEADLINE: contextvars.ContextVar = contextvars.ContextVar("cchc_deadline", default=None)


class TimedOut(Exception):
    """The parse ran past its time limit; the message names the step it was about to start."""


@contextmanager
def time_limit(seconds: Optional[float]):
    """Parses inside this block give up after ``seconds`` (None: no limit)."""
    token = _DEADLINE.set(None if seconds is None else (time.monotonic() + seconds, seconds))
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def remaining() -> Optional[float]:
    d = _DEADLINE.get()
    return None if d is None else d[0] - time.monotonic()


def check(where: str) -> None:
    d = _DEADLINE.get()
    if d is not None and time.monotonic() > d[0]:
        raise TimedOut(message(d[1], where))


def message(seconds: float, where: str = "") -> str:
    """The error a user sees; same wording as the process pool's kill."""
    at = f" while {where}" if where else ""
    return (f"timed out after {seconds:g} s{at} (raise --timeout, or check the file: it may be "
            "corrupt or pathologically large)")
