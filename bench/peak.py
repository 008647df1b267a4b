"""Run a command and measure its wall time and the peak resident memory of its largest process.

The peak is each process's own high-water mark (``VmHWM`` in ``/proc/<pid>/status``), read while
the command runs for it and every descendant (worker processes included); ``getrusage`` is not
used for memory because a child's ``ru_maxrss`` counts the memory of the process it was forked from
(it gives the CPU time of the command and its descendants).
``python -m bench.peak extract PDF…`` extracts each report, and ``python -m bench.peak site-data
WAREHOUSE`` reads what the dataset page shows from a warehouse, as commands to measure.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

POLL_SECONDS = 0.1


@dataclass(frozen=True)
class Timing:
    seconds: float
    peak_mib: float
    lines: list[tuple[float, str]] = field(default_factory=list)  # stdout, each line with its second
    cpu_seconds: float = 0.0  # user + system time of the command and its descendants


def _children() -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    # Listed by name, not globbed: a glob stats each entry and fails when a process ends meanwhile.
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended meanwhile
        found.setdefault(int(fields[1]), []).append(int(pid))
    return found


def _high_water_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def measure(command: list[str], accept: tuple[int, ...] = (0,), **popen: object) -> Timing:
    """Run ``command`` (keyword arguments go to ``subprocess.Popen``); fails on an exit status
    not in ``accept``."""
    peaks: dict[int, int] = {}
    lines: list[tuple[float, str]] = []
    errors = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 - read at the end: a pipe left unread could fill up
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors, text=True, **popen)

    def read_stdout() -> None:
        for line in process.stdout:
            lines.append((time.perf_counter() - start, line.rstrip("\n")))

    reader = threading.Thread(target=read_stdout)
    reader.start()
    while process.poll() is None:
        tree, todo = _children(), [process.pid]
        while todo:
            pid = todo.pop()
            peaks[pid] = max(peaks.get(pid, 0), _high_water_kib(pid))
            todo += tree.get(pid, [])
        time.sleep(POLL_SECONDS)
    seconds = time.perf_counter() - start
    reader.join()
    process.wait()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    errors.seek(0)
    err = errors.read()
    errors.close()
    if process.returncode not in accept:
        out = "\n".join(line for _, line in lines[-20:])
        raise RuntimeError(f"{' '.join(command[:4])}… failed (exit {process.returncode}):\n{out}\n{err[-2000:]}")
    return Timing(seconds, max(peaks.values(), default=0) / 1024, lines, cpu)


def main(argv: list[str]) -> int:
    what, *args = argv
    if what == "extract":
        from pipeline.core.facts import ReportError
        from pipeline.extract import extract_report

        for pdf in args:
            try:
                extract_report(pdf)
            except ReportError as exc:  # counted where the extraction figures are; the peak goes on
                print(f"{pdf}: {exc}", file=sys.stderr)
    elif what == "site-data":
        from pipeline.site.data import read_site_data

        for warehouse in args:
            read_site_data(Path(warehouse), date.today())
    else:
        raise SystemExit(f"unknown step {what!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
