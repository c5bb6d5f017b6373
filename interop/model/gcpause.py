"""The cycle collector paused while a big model is built or read from the cache.

Millions of acyclic lists and objects are created at once, and the collector would scan them over
and over (a quarter to a half of a 100k-node read). Reference counting still frees what is dropped.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused(pause: bool = True) -> Iterator[None]:
    """Disable the cycle collector inside the block when ``pause``; restore its state after."""
    enabled = gc.isenabled()
    if pause:
        gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
