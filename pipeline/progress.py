"""Progress for long runs: a live bar on a terminal, plain lines elsewhere (CI, files, pipes).

Threads stream through the run, so the total is not known until the end;
``estimate_threads`` counts them cheaply up front (a byte scan, no parsing) to
give the bar its length and the ETA its basis. The final line has the exact
numbers.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

_QUESTION_ROW = b'PostTypeId="1"'
_JSON_THREAD_KEY = b'"thread_id"'  # once per thread object in a JSON list (an estimate, like the rest)
_CHUNK = 1 << 20


def _count_in_file(path: Path, needle: bytes) -> int:
    """Occurrences of ``needle`` in a file read a chunk at a time (a match across two chunks counts too)."""
    n = 0
    tail = b""
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            block = tail + chunk
            n += block.count(needle)
            # Keep the last len-1 bytes: a match split by the chunk edge is whole in the next block,
            # and no match can lie entirely inside them, so none is counted twice.
            tail = block[-(len(needle) - 1) :]
    return n


def estimate_threads(files: Sequence[Path]) -> int:
    """About how many threads the files hold: one per text file, per JSONL line, per Posts.xml question row.

    Unreadable files count as none; duplicates and malformed rows are not
    looked for, so this is an estimate for the ETA only.
    """
    from pipeline.errors import CrossingsError
    from pipeline.ingest import sniff_format

    total = 0
    for path in files:
        try:
            fmt = sniff_format(path)
            if fmt == "stackexchange":
                total += _count_in_file(path, _QUESTION_ROW)
            elif fmt == "jsonl":
                with open(path, "rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            elif fmt == "json":
                total += _count_in_file(path, _JSON_THREAD_KEY)
            else:
                total += 1
        except (CrossingsError, OSError):
            continue
    return total


def _duration(seconds: float) -> str:
    if seconds != seconds or seconds == float("inf"):
        return "?"
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m{seconds:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m"


class Progress:
    """Threads done (processed or unchanged), cases found, rate and ETA.

    On a terminal the bar is redrawn in place at most ten times a second; on
    anything else a plain line is written every ``every_s`` seconds and once
    at the end, so a log file gets a heartbeat and not a flood.
    """

    def __init__(
        self,
        label: str,
        total: int,
        enabled: bool = True,
        stream: TextIO | None = None,
        every_s: float = 10.0,
    ) -> None:
        self.label = label
        self.total = max(0, total)
        self.done = 0
        self.skipped = 0
        self.cases = 0
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.tty = enabled and hasattr(self.stream, "isatty") and self.stream.isatty()
        self.every_s = every_s
        self.started = self._last_draw = time.perf_counter()
        self._drawn = False

    def __enter__(self) -> "Progress":
        self.started = self._last_draw = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        if not self.enabled or not (self.done or self._drawn):
            return
        self.total = max(self.total, self.done)
        if self.tty:
            self._draw(final=True)
            self.stream.write("\n")
        else:
            self.stream.write(self.line(final=True) + "\n")
        self.stream.flush()

    def line(self, final: bool = False) -> str:
        elapsed = max(time.perf_counter() - self.started, 1e-9)
        processed = self.done - self.skipped
        rate = processed / elapsed
        total = max(self.total, self.done)
        parts = [f"{self.label}: {self.done}/{total} threads"]
        if self.skipped:
            parts.append(f"({self.skipped} unchanged)")
        parts.append(f"{self.cases} cases")
        parts.append(f"{rate:.1f} threads/s")
        if final:
            parts.append(f"in {_duration(elapsed)}")
        else:
            left = (total - self.done) / rate if rate > 0 else float("nan")
            parts.append(f"ETA {_duration(left)}")
        return "  ".join(parts)

    def _draw(self, final: bool = False) -> None:
        width = 24
        total = max(self.total, self.done)
        filled = int(width * self.done / total) if total else width
        bar = "#" * filled + "-" * (width - filled)
        # Clear to the end of the line: the new text may be shorter than the last.
        self.stream.write(f"\r[{bar}] {self.line(final=final)}\x1b[K")
        self.stream.flush()
        self._drawn = True

    def note(self, message: str) -> None:
        """A message for the user (a bad input, say) that must not be drawn over by the bar."""
        if self.tty and self._drawn:
            self.stream.write("\r\x1b[K" + message + "\n")
            self._draw()
        else:
            self.stream.write(message + "\n")
            self.stream.flush()

    def advance(self, threads: int, cases: int = 0, skipped: int = 0) -> None:
        """Count ``threads`` more threads done, ``skipped`` of them unchanged, and ``cases`` more cases."""
        self.done += threads
        self.skipped += skipped
        self.cases += cases
        if not self.enabled:
            return
        now = time.perf_counter()
        if now - self._last_draw < (0.1 if self.tty else self.every_s):
            return
        self._last_draw = now
        if self.tty:
            self._draw()
        else:
            self.stream.write(self.line() + "\n")
            self.stream.flush()
            self._drawn = True
