"""One run at a time per data folder: an exclusive lock on ``<data folder>/.ogi-run.lock``.

``fcntl.flock`` rather than a lock library: the lock belongs to the open file, so the kernel drops
it when its holder ends, however it ends (even SIGKILL), and there is never a stale lock to clean
up; the file itself only records who holds it (pid, command, since when) for the message the
second run prints. POSIX only, like the pipeline's deployment (Linux, macOS).

``ogi run`` takes the lock for the whole run; the warehouse asset takes it again before building,
so runs launched by the schedule and sensor (or from the UI) wait for a manual run and the other
way round. A process that holds the lock marks it in ``$OGI_RUN_LOCK``, so the runs it starts
itself (in this process or its children) do not wait for their own parent.
"""

from __future__ import annotations

import fcntl
import math
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from pipeline.core.errors import OgiError

LOCK_FILE = ".ogi-run.lock"
HELD = "OGI_RUN_LOCK"  # "<lock path>\t<pid of the holder>", set while a process holds the lock
# The same token as a run tag: runs an ``ogi run`` submits are started by whatever launcher the
# instance has (the daemon's, not a child of ``ogi run``), so they carry the token with them.
LOCK_TAG = "ogi/run_lock"


def lock_tags() -> dict[str, str]:
    """Tags for the runs this process submits while it holds the lock (none when it holds none)."""
    held = os.environ.get(HELD)
    return {LOCK_TAG: held} if held else {}


LOCK_POLL_SECONDS = 0.2


class RunLocked(OgiError):
    """Another run holds the data folder; the message says which and what to do."""


def lock_path(data_dir: Path) -> Path:
    return Path(data_dir).resolve() / LOCK_FILE


def holder(path: Path, patience: float = 0) -> str:
    """Who holds the lock, as recorded in the lock file ("pid 123, ogi run, since …"). A holder
    writes its line just after taking the lock: ``patience`` seconds are given it to do so."""
    deadline = time.monotonic() + patience
    while True:
        try:
            line = path.read_text(encoding="utf-8").strip()
        except OSError:
            return "another run"
        if line or time.monotonic() >= deadline:
            return line or "a starting run"
        time.sleep(0.05)


def _held_by_launcher(path: Path, token: str | None) -> bool:
    """True when the lock is held by the process that started this one (``$OGI_RUN_LOCK``) or
    that submitted this run (``token``, from the run's tags)."""
    for held_token in (os.environ.get(HELD, ""), token or ""):
        held, _, pid = held_token.partition("\t")
        if held == str(path) and holder(path).startswith(f"pid {pid},") and _is_locked(path):
            return True
    return False


def _is_locked(path: Path) -> bool:
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)  # closing drops the probe's own shared lock
    return False


def _locked(fd: int, within: float = 0) -> bool:
    """Take the lock if it becomes free within ``within`` seconds (flock itself has no timeout)."""
    deadline = time.monotonic() + within
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(min(LOCK_POLL_SECONDS, max(deadline - time.monotonic(), 0)))


@contextmanager
def run_lock(
    data_dir: Path,
    command: str,
    *,
    wait: float = 0,
    on_wait: Callable[[str], None] | None = None,
    token: str | None = None,
) -> Iterator[None]:
    """Hold the data folder's run lock for the ``with`` block; ``command`` says who holds it.

    Busy: call ``on_wait`` with who holds it, then wait up to ``wait`` seconds (``math.inf``: until
    it is free); raise RunLocked if it is still busy then. Already held by this process, the one that started it or the
    one that submitted this run (``token``: the run's ``LOCK_TAG``): go on at once (the runs an
    ``ogi run`` launches build under its lock)."""
    path = lock_path(data_dir)
    if os.environ.get(HELD, "") == f"{path}\t{os.getpid()}" or _held_by_launcher(path, token):
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        if not _locked(fd):
            busy = f"{path.parent} is in use by another run ({holder(path, patience=2)})"
            if not wait:
                raise RunLocked(f"{busy}; try again when it has finished, or add --wait to wait for it")
            if on_wait:
                on_wait(busy)
            if math.isinf(wait):
                fcntl.flock(fd, fcntl.LOCK_EX)
            elif not _locked(fd, within=wait):
                raise RunLocked(
                    f"{path.parent} is still in use after {wait:g} s ({holder(path)}); "
                    "try again later, or wait longer with --wait SECONDS"
                )
        since = datetime.now(UTC).isoformat(timespec="seconds")
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}, {command}, since {since}\n".encode(), 0)
        saved = os.environ.get(HELD)
        os.environ[HELD] = f"{path}\t{os.getpid()}"
        try:
            yield
        finally:
            if saved is None:
                os.environ.pop(HELD, None)
            else:
                os.environ[HELD] = saved
            os.ftruncate(fd, 0)
    finally:
        os.close(fd)  # releases the lock
