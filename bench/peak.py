"""Run a benchmark step in a child process and report its peak resident memory.

``python -m bench.peak extract PDF…`` extracts each report; ``python -m bench.peak build
CATALOG DATA_DIR JOBS`` is ``ogi run`` (Dagster home from $DAGSTER_HOME). Either prints one JSON line:
the wall seconds and the peak RSS (MiB) of the largest process involved (itself or a child).
"""

from __future__ import annotations

import json
import resource
import sys
import time


def _peak_mib() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024  # ru_maxrss is in KiB on Linux


def main(argv: list[str]) -> int:
    what, *args = argv
    start = time.perf_counter()
    if what == "extract":
        from pipeline.extract import extract_report

        for pdf in args:
            extract_report(pdf)
    elif what == "build":
        from bench.builds import build_in_process

        build_in_process(*args)
    else:
        raise SystemExit(f"unknown step {what!r}")
    print(json.dumps({"seconds": time.perf_counter() - start, "peak_mib": _peak_mib()}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
