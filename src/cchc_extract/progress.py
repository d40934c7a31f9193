"""A one-line progress bar on stderr (files/s, ETA, ok/partial/error), silent when not a terminal."""
from __future__ import annotations

import sys
import time


class Progress:
    """mode: "auto" (bar only on a TTY), "quiet", "verbose" (one log line per file, no bar)."""

    def __init__(self, total: int, mode: str = "auto", stream=None, min_interval: float = 0.1):
        self.total, self.mode = total, mode
        self.stream = stream or sys.stderr
        self.bar = mode == "auto" and getattr(self.stream, "isatty", lambda: False)()
        self.counts = {"ok": 0, "partial": 0, "error": 0}
        self.cached = 0
        self.done = 0
        self.t0 = time.monotonic()
        self._last = 0.0
        self.min_interval = min_interval

    def update(self, path: str, status: str, seconds: float = 0.0, cached: bool = False,
               message: str = "") -> None:
        self.done += 1
        self.counts[status] = self.counts.get(status, 0) + 1
        self.cached += cached
        if self.mode == "verbose":
            how = "cached" if cached else f"{seconds:.2f} s"
            extra = f" — {message}" if message else ""
            print(f"[{self.done}/{self.total}] {status:7} {how:>8}  {path}{extra}", file=self.stream)
        elif self.bar:
            now = time.monotonic()
            if now - self._last >= self.min_interval or self.done == self.total:
                self._last = now
                self._draw(now)

    def line(self, now: float | None = None) -> str:
        el = (now or time.monotonic()) - self.t0
        rate = self.done / el if el > 0 else 0.0
        left = (self.total - self.done) / rate if rate > 0 else 0.0
        w = 24
        fill = int(w * self.done / self.total) if self.total else w
        c = self.counts
        eta = time.strftime("%H:%M:%S", time.gmtime(left))
        return (f"[{'#' * fill}{'.' * (w - fill)}] {self.done}/{self.total} {rate:.1f} files/s "
                f"ETA {eta}  ok {c['ok']} partial {c['partial']} error {c['error']}"
                + (f" (cached {self.cached})" if self.cached else ""))

    def _draw(self, now: float) -> None:
        self.stream.write("\r" + self.line(now) + "\x1b[K")
        self.stream.flush()

    def close(self) -> None:
        if self.bar:
            self._draw(time.monotonic())
            self.stream.write("\n")
            self.stream.flush()
