"""A one-line progress bar on stderr, for builds that take more than a second.

Shown only when stderr is a terminal (never in CI logs, pipes or tests) and only once
the build has run for SHOW_AFTER seconds; erased before the summary line is printed.
Hand-written: the libraries that do this cost more to import than a small build takes.
"""

from __future__ import annotations

import sys
import time

SHOW_AFTER = 1.0
REDRAW_EVERY = 0.1
WIDTH = 30


class Progress:
    def __init__(self, stream=None, started: float | None = None):
        self.stream = stream if stream is not None else sys.stderr
        self.started = time.perf_counter() if started is None else started
        self.enabled = _is_terminal(self.stream)
        self.total = 0
        self.done = 0
        self.label = ""
        self._drawn = 0.0
        self._shown = False

    def stage(self, label: str, total: int) -> None:
        self.label, self.total, self.done = label, total, 0
        self._draw(force=True)

    def advance(self, count: int = 1) -> None:
        self.done += count
        self._draw()

    def close(self) -> None:
        if self._shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._shown = False

    def _draw(self, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.perf_counter()
        if now - self.started < SHOW_AFTER or (not force and now - self._drawn < REDRAW_EVERY):
            return
        self._drawn = now
        share = self.done / self.total if self.total else 0.0
        filled = int(share * WIDTH)
        bar = "█" * filled + "·" * (WIDTH - filled)
        counts = f"{self.done}/{self.total}" if self.total else ""
        self.stream.write(f"\r\x1b[K{self.label:<9} {bar} {counts}  {now - self.started:.1f} s")
        self.stream.flush()
        self._shown = True


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
