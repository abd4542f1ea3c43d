"""Progress for long runs: a live bar on a terminal, plain log lines elsewhere (CI, files, pipes)."""

from __future__ import annotations

import logging
import sys
import time

log = logging.getLogger("crossings")


class Progress:
    """Counts threads done and cases found; shows rate and ETA."""

    def __init__(self, label: str, total: int, enabled: bool = True, stream=None) -> None:
        self.label = label
        self.total = total
        self.done = 0
        self.cases = 0
        self.stream = stream or sys.stderr
        self.enabled = enabled and total > 0
        self.tty = self.enabled and hasattr(self.stream, "isatty") and self.stream.isatty()
        self.started = time.perf_counter()

    def __enter__(self) -> "Progress":
        self.started = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()

    def line(self) -> str:
        elapsed = max(time.perf_counter() - self.started, 1e-9)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate > 0 else float("nan")
        eta = f"{left:5.0f}s" if left == left else "    ?"
        return (
            f"{self.label:<9} {self.done:>6}/{self.total:<6} threads  {self.cases:>6} cases  "
            f"{rate:7.1f} threads/s  ETA {eta}"
        )

    def advance(self, threads: int, cases: int = 0) -> None:
        self.done += threads
        self.cases += cases
        if not self.enabled:
            return
        if self.tty:
            width = 24
            filled = int(width * self.done / self.total) if self.total else width
            bar = "#" * filled + "-" * (width - filled)
            self.stream.write(f"\r[{bar}] {self.line()}")
            self.stream.flush()
        else:
            log.info(self.line())
