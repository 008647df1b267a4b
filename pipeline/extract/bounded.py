"""One report read in a worker process of its own, within the limits of ``settings.Limits``.

A broken or hostile file can make a PDF reader compute for minutes, inflate a stream to gigabytes
or crash in native code (pdfium, OpenCV). Read in the run's own process, one such file would stop
the night; read here, it ends its worker and fails with one line naming the limit it reached:

- CPU time: ``RLIMIT_CPU`` set in the worker (the kernel ends it with ``SIGXCPU``);
- elapsed time: the caller waits that long, then ends the worker (a worker that waits, not computes);
- memory: the caller reads the worker's resident memory every few milliseconds and ends it past
  the limit. Resident memory is what a file really costs: the address space of pdfium, OpenCV and
  their threads is mostly reserved, never used (about 1.8 GiB for a 190 MiB reading), so an
  ``RLIMIT_AS`` low enough to matter would fail good reports. ``RLIMIT_AS`` is still set, a few
  GiB higher, against an allocation too fast to be seen between two readings; one that fails
  against it with resident memory below the limit asked for too much at once, and says so;
- pages, inflated streams and table size: checked by the readers themselves (``LimitError``);
- a scan (page images only, read by OCR, 5-20 s a page): each page OCR reads adds
  ``scan_page_seconds`` to both time limits, up to ``scan_pages`` pages.

Workers are forked by a ``forkserver`` that has imported the readers once (camelot and OpenCV
take a second or two to import), so a report's worker starts in milliseconds, and the caller may
have threads of its own (Dagster's do) without forking them.
"""

from __future__ import annotations

import contextlib
import math
import multiprocessing
import os
import resource
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from pipeline.core.facts import Extraction, LimitError, ReportError
from pipeline.core.settings import Limits

# The readers, imported once by the forkserver rather than by every worker; and the caller's main
# module, which a worker would import otherwise (as ``multiprocessing`` does, to find its code).
_PRELOAD = ["__main__", "pipeline.extract", "pipeline.extract.rules", "pipeline.extract.unruled", "camelot.handlers"]
_POLL_SECONDS = 0.01
# Address space above the memory limit: the reserved, never used, mappings of the PDF stack.
_ADDRESS_SLACK = 4 * 2**30
_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
_MESSAGE_CHARS = 300


@dataclass
class Outcome:
    """How one bounded extraction ended: its facts, or the error that says why not."""

    extraction: Extraction | None
    error: ReportError | None
    peak_mb: float  # the worker's largest resident memory seen
    seconds: float  # elapsed

    def result(self) -> Extraction:
        if self.error is not None:
            raise self.error
        assert self.extraction is not None
        return self.extraction


def extract_bounded(
    path: Path | str,
    charset: str | None = None,
    limits: Limits | None = None,
    on_page: Callable[[int], None] | None = None,
) -> Extraction:
    """``extract_report`` in a worker process within ``limits`` (default: from the environment);
    ``ReportError`` (``LimitError`` for a limit) says why a report cannot be read. ``on_page``
    hears the count of a scan's pages OCR has begun to read, as it goes (slow)."""
    return run_bounded(path, charset, limits, on_page).result()


def run_bounded(
    path: Path | str,
    charset: str | None = None,
    limits: Limits | None = None,
    on_page: Callable[[int], None] | None = None,
) -> Outcome:
    """Read a report in a worker process; never raises for what the file holds."""
    limits = limits or Limits.from_env()
    context = _context()
    receiver, sender = context.Pipe(duplex=False)
    worker = context.Process(target=_work, args=(sender, str(path), charset, limits), daemon=True)
    started = time.monotonic()
    worker.start()
    sender.close()
    peak = 0
    pages_read = 0
    message: tuple | None = None
    stopped_for: str | None = None
    try:
        while True:
            if receiver.poll(_POLL_SECONDS):
                with contextlib.suppress(EOFError, OSError):  # EOF: the worker ended without a word
                    message = receiver.recv()
                if message is not None and message[0] == "page":
                    pages_read += 1  # a page of a scan read by OCR: more time
                    if on_page is not None:
                        on_page(pages_read)
                    message = None
                    continue
                break
            peak = max(peak, _resident(worker.pid))
            if peak > limits.memory_mb * 2**20:
                stopped_for = "memory_mb"
            elif time.monotonic() - started > allowed_seconds(limits, pages_read):
                stopped_for = "wall_seconds"
            elif not worker.is_alive():
                if not receiver.poll(0):
                    break
                continue  # it sent its result, then ended, since the poll above timed out: read it
            if stopped_for:
                worker.kill()
                break
    finally:
        if worker.is_alive() and message is None:
            worker.kill()
        worker.join()
        receiver.close()
    seconds = time.monotonic() - started
    if message is not None:
        kind, payload, worker_peak = message
        peak = max(peak, worker_peak)
        if kind == "facts":
            return Outcome(payload, None, peak / 2**20, seconds)
        error = LimitError(payload) if kind == "limit" else ReportError(payload)
        return Outcome(None, error, peak / 2**20, seconds)
    return Outcome(None, _ended(stopped_for, worker.exitcode, limits), peak / 2**20, seconds)


def allowed_seconds(limits: Limits, pages: int) -> float:
    """How long a reading may take: the time limit, and the time of each of the ``pages`` of a
    scan OCR began to read."""
    return limits.wall_seconds + pages * limits.scan_page_seconds


def _ended(stopped_for: str | None, exitcode: int | None, limits: Limits) -> ReportError:
    """Why a worker ended without sending its result."""
    if stopped_for == "memory_mb":
        return LimitError(f"reading it took more than {limits.describe('memory_mb')}")
    if stopped_for == "wall_seconds":
        return LimitError(f"reading it took longer than {limits.describe('wall_seconds')}")
    if exitcode in (-signal.SIGXCPU, -signal.SIGKILL):  # the soft, then the hard CPU limit
        return LimitError(f"reading it took more than {limits.describe('cpu_seconds')}")
    if exitcode is not None and exitcode < 0:
        name = signal.Signals(-exitcode).name
        return ReportError(f"the PDF reader crashed on the file ({name})")
    return ReportError(f"the reader ended without a result (exit status {exitcode})")


def out_of_memory(exc: MemoryError, limits: Limits, peak: int) -> str:
    """The line for an allocation that failed in a process whose resident memory peaked at
    ``peak`` bytes. At the memory limit, the reading took more than it. Below it, the allocation
    asked for more at once than could be given (a library reserving a huge mapping, an array as
    large as a page at 60000 pixels square), said so with its size when the error gives it
    (numpy's does), and beyond what: in a worker, the address space its memory limit sets a few
    GiB above (``RLIMIT_AS``); outside one (a direct call), the address-space limit set, if any,
    or the machine's memory."""
    if peak >= limits.memory_mb * 2**20:
        return f"reading it took more than {limits.describe('memory_mb')}"
    asked = _asked_bytes(exc)
    size = f"{asked / 2**20:.0f} MiB" if asked is not None else "more memory"
    return f"reading it asked for {size} at once, with {peak / 2**20:.0f} MiB in use: {_beyond(limits)}"


def _beyond(limits: Limits) -> str:
    """What an allocation too large at once was beyond: the address-space limit of this process."""
    address, _ = resource.getrlimit(resource.RLIMIT_AS)
    if address == resource.RLIM_INFINITY:
        return "more than the machine could give (no address-space limit is set)"
    if address == _address_space(limits):
        return f"beyond the {address / 2**20:.0f} MiB of address space {limits.describe('memory_mb')} allows"
    return f"beyond the address-space limit ({address / 2**20:.0f} MiB, RLIMIT_AS)"


def _address_space(limits: Limits) -> int:
    """The address space a worker is given (``RLIMIT_AS``): its memory limit and the slack above."""
    return int(limits.memory_mb * 2**20) + _ADDRESS_SLACK


def peak_resident() -> int:
    """The largest resident memory of this process so far, in bytes."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _asked_bytes(exc: MemoryError) -> int | None:
    """The bytes a failed allocation asked for, when the error says: numpy's gives the shape and
    type of the array it could not make; Python's and pdfium's say nothing."""
    shape, dtype = getattr(exc, "shape", None), getattr(exc, "dtype", None)
    if not isinstance(shape, tuple) or getattr(dtype, "itemsize", None) is None:
        return None
    return math.prod(shape) * dtype.itemsize


def _context() -> multiprocessing.context.ForkServerContext:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(_PRELOAD)
    return context


def _resident(pid: int | None) -> int:
    """The resident memory of a process, in bytes (0 once it is gone)."""
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * _PAGE_SIZE
    except (OSError, IndexError, ValueError):
        return 0


def _scan_page(sender: Connection, limits: Limits):  # -> Callable[[str], None]
    """What the worker does as OCR reads each page of a scan: it allows itself the page's CPU time,
    and tells the caller, who allows it the page's elapsed time."""

    def page(_: str) -> None:
        soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
        resource.setrlimit(resource.RLIMIT_CPU, (min(soft + math.ceil(limits.scan_page_seconds), hard), hard))
        sender.send(("page", None, 0))

    return page


def _work(sender: Connection, path: str, charset: str | None, limits: Limits) -> None:
    """The worker: set its limits, read the report, send ``(kind, facts or message, peak bytes)``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the caller's to handle; it ends the worker
    cpu = math.ceil(limits.cpu_seconds)
    most = cpu + math.ceil(limits.scan_page_seconds) * limits.scan_pages  # every page of the largest scan
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, most + 2))
    address = _address_space(limits)
    resource.setrlimit(resource.RLIMIT_AS, (address, address))
    from pipeline.extract import extract_report

    try:
        message: tuple = ("facts", extract_report(path, charset, limits, progress=_scan_page(sender, limits)))
    except LimitError as exc:
        message = ("limit", str(exc))
    except ReportError as exc:
        message = ("error", str(exc))
    except MemoryError as exc:
        message = ("limit", out_of_memory(exc, limits, peak_resident()))
    except RecursionError:
        message = ("error", "damaged file: its structure is nested too deeply to read")
    except Exception as exc:  # a reader's own failure on a damaged file, as one line
        first = (str(exc).strip().splitlines() or [""])[0][:_MESSAGE_CHARS]
        message = ("error", f"damaged file: {type(exc).__name__}: {first}".rstrip(": "))
    peak = peak_resident()
    sender.send((*message, peak))
    sender.close()
