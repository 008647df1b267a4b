"""Snapshots at scale, each step one child process (interpreter start and imports included): the
first snapshot of a warehouse of N synthetic reports (bench.warehouse's corpus), then one report
changed and the next snapshot (its changes computed against the first), and the changes alone
(changes/ and CHANGES.md written again for that second snapshot, from both snapshots' Parquet
files), against the snapshot they belong to as the baseline.

``python -m bench.snapshots --sizes 1000,10000`` prints ``snapshot_*`` lines;
``python -m bench.snapshots snapshot DATA_DIR`` and ``python -m bench.snapshots changes OLD NEW``
are the measured commands.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from bench.peak import Timing, measure
from bench.warehouse import YEARS, _sample_facts, corpus, stage_synthetic
from bench.warehouse import _run as build
from pipeline.core.settings import PROJECT_DIR


def snapshot(data_dir: Path) -> None:
    """The measured command: a snapshot of the published warehouse, as the snapshot asset writes it."""
    from pipeline.warehouse.snapshot import write_snapshot

    folder = write_snapshot(data_dir / "warehouse.duckdb", data_dir / "snapshots")
    print(folder, flush=True)


def changes(old: Path, new: Path) -> None:
    """The measured command: the changes of snapshot ``new`` since ``old`` written again (into a copy
    of ``new`` without them)."""
    from pipeline.warehouse.snapshot_changes import CHANGES, FOLDER, Previous, write_changes

    with tempfile.TemporaryDirectory(prefix="ogi-bench-changes-", dir=new.parent) as scratch:
        copy = Path(scratch) / "snapshot"
        shutil.copytree(new, copy, ignore=shutil.ignore_patterns(FOLDER, CHANGES))
        counts = write_changes(Previous.of(old), copy, Path(scratch) / "spill")
    print(counts["facts"], counts["reports"], flush=True)


def _child(*args: str) -> Timing:
    return measure([sys.executable, "-m", "bench.snapshots", *args], cwd=PROJECT_DIR)


def measure_size(count: int) -> dict[str, Timing]:
    staging, catalog = corpus(count)
    timings = {}
    with tempfile.TemporaryDirectory(prefix="ogi-bench-snap-") as scratch:
        data = Path(scratch) / "data"
        data.mkdir()
        (data / "staging").symlink_to(staging)
        extra = (f"bench-{-(-count // len(YEARS)):06d}", 2019)  # an agency of the catalog with nothing yet
        try:
            stage_synthetic(staging, *extra, count, _sample_facts())
            build(data, catalog)
            timings["first"] = _child("snapshot", str(data))
            stage_synthetic(staging, *extra, count + 1, _sample_facts())  # one figure changed
            build(data, catalog)
            timings["next"] = _child("snapshot", str(data))
            first, second = sorted(p for p in (data / "snapshots").iterdir() if p.name[0].isdigit())
            timings["changes"] = _child("changes", str(first), str(second))
        finally:
            shutil.rmtree(staging / extra[0], ignore_errors=True)
    return timings


def report(sizes: list[int]) -> None:
    print(
        "# snapshots, each step one child process: wall seconds, peak RSS (MiB); first: the first snapshot "
        "(its changes files written with no row), next: the snapshot after one figure changed (changes against the "
        "first), changes: those changes alone; ratio: changes / next",
        flush=True,
    )
    for count in sizes:
        timings = measure_size(count)
        for case, timing in timings.items():
            print(f"snapshot_{case}_seconds_n{count}: {timing.seconds:.2f}", flush=True)
            print(f"snapshot_{case}_peak_mib_n{count}: {timing.peak_mib:.0f}", flush=True)
        print(
            f"snapshot_changes_over_next_n{count}: {timings['changes'].seconds / timings['next'].seconds:.2f}",
            flush=True,
        )


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["snapshot"]:
        snapshot(Path(argv[1]))
        return 0
    if argv[:1] == ["changes"]:
        changes(Path(argv[1]), Path(argv[2]))
        return 0
    parser = argparse.ArgumentParser(prog="python -m bench.snapshots", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="staged reports (default: 1000,10000)")
    args = parser.parse_args(argv)
    report([int(n) for n in args.sizes.split(",") if n])
    return 0


if __name__ == "__main__":
    sys.exit(main())
