"""Termination signals as exceptions while a file is being written, so its temporary file is
removed: Python's default SIGTERM/SIGHUP handling ends the process at once, running no
``finally`` block (Ctrl-C already raises KeyboardInterrupt)."""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Iterator

SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


class Terminated(BaseException):
    """A termination signal arrived; raised where the program was, so clean-up runs."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def signals_raise() -> Iterator[None]:
    """Within the block SIGTERM and SIGHUP raise Terminated; on leaving, the previous handlers
    come back and a signal that arrived is delivered again to them (so the process still ends
    the way its sender asked, with the usual exit status). Outside the main thread (where Python
    cannot set handlers) this does nothing, and an ignored signal stays ignored."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        raise Terminated(signum)

    previous = {signum: signal.getsignal(signum) for signum in SIGNALS}
    previous = {signum: handler for signum, handler in previous.items() if handler is not signal.SIG_IGN}
    for signum in previous:
        signal.signal(signum, interrupt)
    try:
        yield
    except Terminated as stop:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        os.kill(os.getpid(), stop.signum)  # delivered now, to the previous handler
        raise  # reached only if the previous handler returns (an ignored signal)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
