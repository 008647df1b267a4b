"""Ctrl-C while ``ogi run`` drives Dagster runs: noted when it arrives, acted on where stopping is safe.

A KeyboardInterrupt raised at an arbitrary point would land inside Dagster's own set-up (a code
server half started, its threads left behind). Inside ``deferred()`` SIGINT only raises a flag;
``check()`` turns it into KeyboardInterrupt at the points the caller chooses.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_pressed = threading.Event()


def _note(_signum: int, _frame: object) -> None:
    _pressed.set()


@contextmanager
def deferred() -> Iterator[None]:
    """Within the block SIGINT is noted, not raised (main thread only: elsewhere signals cannot be
    handled). A Ctrl-C noted and not yet checked is raised when the block ends."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    _pressed.clear()
    previous = signal.signal(signal.SIGINT, _note)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    check()


def check() -> None:
    """Raise KeyboardInterrupt if Ctrl-C was pressed since the last check."""
    if _pressed.is_set():
        _pressed.clear()
        raise KeyboardInterrupt


def ignore_from_now() -> None:
    """The process is stopping because of Ctrl-C: one more must not kill it with SIGINT's default
    action while the interpreter shuts down (Python restores that action for handled signals)."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)
