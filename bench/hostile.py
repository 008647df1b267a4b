"""``python -m bench.hostile``: the hostile sweep. Thousands of seeded mutants of the bundled
reports, mutants of a Word report (``--word-mutants``) and every crafted bomb
(``pipeline/replica/hostile.py``), plus the files of any folder given with ``--extra`` (a held-out
corpus), each read within the default limits of ``settings.Limits`` (``$OGI_LIMIT_*`` apply).
Prints one ``name: value`` line per figure: files, how they ended (facts, one line, which limit),
tracebacks and hangs (both must be 0), the worker's peak memory per report and the longest reading.
A hang is a reading that went on past its time limit (and the watchdog's poll) without being
ended: the time limit, plus the time each page OCR began to read adds (``scan_page_seconds``). A
slow reading by OCR that ends in facts or a line within that is not one.

    .venv/bin/python -m bench.hostile --mutants 2000 --seed 22 [--extra DIR]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from collections import Counter
from pathlib import Path

from pipeline.core.catalog import load_catalog
from pipeline.core.settings import LIMIT_VARIABLES, PROJECT_DIR, Limits
from pipeline.extract.bounded import Outcome, allowed_seconds, run_bounded
from pipeline.replica.hostile import bombs, mutants, word_sample

# Seconds a reading may go on past its time limit before it counts as a hang: the watchdog's poll,
# ending the worker and a loaded machine's scheduling.
_GRACE = 2.0


def _ending(outcome: Outcome, limits: Limits, scanned: int = 0) -> str:
    """``facts``, ``limit:<variable>``, ``line``, ``traceback`` or ``hang`` (past the time it
    was allowed, ``scanned`` pages read by OCR counted)."""
    if outcome.seconds > allowed_seconds(limits, scanned) + _GRACE:
        return "hang"
    if outcome.error is None:
        return "facts"
    line = str(outcome.error)
    if not line or "\n" in line or "Traceback" in line:
        return "traceback"
    named = [variable for variable in LIMIT_VARIABLES.values() if variable in line]
    return f"limit:{named[0]}" if named else "line"


def sweep(files: list[Path], limits: Limits, show: int = 0) -> dict[str, object]:
    endings: Counter[str] = Counter()
    peaks, seconds, lines = [], [], Counter()
    ocr_read = 0
    for number, path in enumerate(files, start=1):
        pages: list[int] = []
        outcome = run_bounded(path, None, limits, on_page=pages.append)
        ending = _ending(outcome, limits, len(pages))
        endings[ending] += 1
        ocr_read += bool(pages)
        peaks.append(outcome.peak_mb)
        seconds.append(outcome.seconds)
        if outcome.error is not None:
            lines[str(outcome.error).split(":")[0][:60]] += 1
        if ending in ("traceback", "hang"):
            print(f"# {ending}: {path.name}: {outcome.error}", flush=True)
        if show and number % show == 0:
            print(f"# {number}/{len(files)} read", flush=True)
    return {
        "files": len(files),
        **{f"ended_{name}": count for name, count in sorted(endings.items())},
        "tracebacks": endings["traceback"],
        "hangs": endings["hang"],
        "hang_means": f"went on {_GRACE:g} s past its time limit ({limits.wall_seconds:g} s, "
        f"and {limits.scan_page_seconds:g} s a page OCR read) without being ended",
        "read_by_ocr": ocr_read,
        "peak_mib_median": f"{statistics.median(peaks):.0f}",
        "peak_mib_max": f"{max(peaks):.0f}",
        "seconds_median": f"{statistics.median(seconds):.2f}",
        "seconds_max": f"{max(seconds):.1f}",
        "commonest_lines": "; ".join(f"{line} ({n})" for line, n in lines.most_common(6)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mutants", type=int, default=2000, help="mutants of the bundled reports (default 2000)")
    parser.add_argument("--word-mutants", type=int, default=100, help="mutants of a Word report (default 100)")
    parser.add_argument("--seed", type=int, default=22)
    parser.add_argument("--extra", type=Path, action="append", default=[], help="a folder of more files to read")
    args = parser.parse_args()
    limits = Limits.from_env()
    print(f"# limits: {limits}", flush=True)
    # The reports the catalog bundles, PDFs first (data/samples also keeps pages no sample names yet).
    bundled = sorted({sample.file for sample in load_catalog(PROJECT_DIR / "data" / "catalog.yaml").samples})
    sources = [path for path in bundled if path.suffix == ".pdf"] + [path for path in bundled if path.suffix == ".html"]
    with tempfile.TemporaryDirectory(prefix="ogi-hostile-") as scratch:
        folder = Path(scratch)
        files = [item.write(folder) for item in bombs()]
        files += [item.write(folder) for item in mutants(sources, args.mutants, args.seed)]
        # The catalog bundles no Word file: a Word report's mutants, in a seeded series of their own.
        files += [item.write(folder) for item in mutants([word_sample(folder)], args.word_mutants, args.seed)]
        files += [path for extra in args.extra for path in sorted(extra.rglob("*")) if path.is_file()]
        for name, value in sweep(files, limits, show=250).items():
            print(f"{name}: {value}", flush=True)


if __name__ == "__main__":
    main()
