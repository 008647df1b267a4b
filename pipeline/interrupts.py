"""Ctrl-C during ``ogi run``: reported once, by the ``ogi`` process alone.

The terminal sends SIGINT to every process of the foreground group, so worker processes would
each print a traceback; and Dagster, while it executes a run in this process, records SIGINT in a
handler of its own and may let the run finish without ever raising it here.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager


def _main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


@contextmanager
def children_ignore_ctrl_c() -> Iterator[None]:
    """Processes started in this block ignore SIGINT for good (an ignored signal stays ignored
    across exec): this process alone reports Ctrl-C and stops them. Keep the block short; a Ctrl-C
    arriving inside it is lost."""
    if not _main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


@contextmanager
def noticing_ctrl_c() -> Iterator[Callable[[], bool]]:
    """Yield a function that says whether SIGINT arrived in the block, whichever handler was in
    place then: the C-level handler writes every signal to the wakeup fd."""
    if not _main_thread():
        yield lambda: False
        return
    read, write = os.pipe()
    os.set_blocking(read, False)
    os.set_blocking(write, False)
    previous = signal.set_wakeup_fd(write, warn_on_full_buffer=False)
    seen = bytearray()

    def pressed() -> bool:
        try:
            seen.extend(os.read(read, 512))
        except BlockingIOError:
            pass
        return signal.SIGINT in seen

    try:
        yield pressed
    finally:
        signal.set_wakeup_fd(previous)
        os.close(read)
        os.close(write)
