"""A progress bar on stderr for slow steps: only on a terminal, only once a step lasts a moment.

Output files and pipes never see it (stdout stays byte-identical), and quick runs never flash
a bar. The analysis stays pure: it only calls the ``progress(done, total)`` callback it is given.
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Callable, Iterator
from typing import TextIO

BAR_WIDTH = 30


class ProgressBar:
    """``bar(done, total)`` redraws ``label [#####-----]  50%`` on ``stream`` after ``delay`` seconds,
    at most ten times a second; ``close()`` wipes it."""

    def __init__(self, label: str, stream: TextIO, *, delay: float = 0.5, clock: Callable[[], float] = time.monotonic):
        self.label, self.stream, self.delay, self.clock = label, stream, delay, clock
        self.started = clock()
        self.last_draw = float("-inf")
        self.width = 0

    def __call__(self, done: int, total: int) -> None:
        now = self.clock()
        if now - self.started < self.delay or now - self.last_draw < 0.1:
            return
        self.last_draw = now
        fraction = min(1.0, done / total) if total > 0 else 1.0
        filled = int(fraction * BAR_WIDTH)
        line = f"{self.label} [{'#' * filled}{'-' * (BAR_WIDTH - filled)}] {fraction:4.0%}"
        self.width = max(self.width, len(line))
        self.stream.write("\r" + line)
        self.stream.flush()

    def close(self) -> None:
        if self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
            self.width = 0


@contextlib.contextmanager
def progress_bar(label: str, stream: TextIO | None = None) -> Iterator[Callable[[int, int], None] | None]:
    """A ProgressBar for ``label`` if ``stream`` (default stderr) is a terminal, else None."""
    stream = stream if stream is not None else sys.stderr
    try:
        interactive = stream.isatty()
    except (AttributeError, ValueError):
        interactive = False
    if not interactive:
        yield None
        return
    bar = ProgressBar(label, stream)
    try:
        yield bar
    finally:
        bar.close()
