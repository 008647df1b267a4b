"""Full builds and no-change nightly runs of ``ogi run`` on a generated catalog of N reports.

Each build starts from nothing: a fresh data folder and Dagster home under a temporary folder,
the catalog's samples being synthetic replicas (one per agency and year). Every build and nightly
run is a child process (``python -m bench.peak build …``), timed from outside, so the figures
include what an operator's ``ogi run`` pays: interpreter start, imports, the Dagster instance.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from bench.corpus import synthetic_reports
from pipeline.settings import PROJECT_DIR

YEARS = range(2019, 2026)  # the years of the dataset's partitions, both templates


@dataclass(frozen=True)
class Timing:
    seconds: float
    peak_mib: float


def synthetic_catalog(folder: Path, count: int) -> Path:
    """A catalog of ``count`` synthetic reports, distinct (agency, year), in ``folder``."""
    agencies = max(1, -(-count // len(YEARS)))
    entries = [
        {"code": f"bench-{n:02d}", "name_zh": f"示范市第{n}局", "name_en": f"Sample bureau {n}",
         "listing_urls": [], "hosts": [], "reports": {}}
        for n in range(agencies)
    ]
    samples = [
        {"agency": report.agency, "year": report.year, "kind": "replica", "publisher": report.publisher,
         "file": str(report.pdf), "content": str(report.pdf.with_suffix(".yaml")), "original_url": None}
        for report in synthetic_reports(count, folder / "reports", [e["code"] for e in entries], list(YEARS))
    ]
    path = folder / f"catalog-{count}.yaml"
    path.write_text(yaml.safe_dump({"agencies": entries, "samples": samples}, allow_unicode=True), encoding="utf-8")
    return path


def run_child(catalog: Path, data_dir: Path, home: Path, jobs: int) -> Timing:
    """One ``ogi run`` in a child process: its wall seconds and the peak RSS of its largest process."""
    env = {**os.environ, "DAGSTER_HOME": str(home), "OGI_DATA_DIR": str(data_dir), "OGI_CATALOG": str(catalog)}
    command = [sys.executable, "-m", "bench.peak", "build", str(catalog), str(data_dir), str(jobs)]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=PROJECT_DIR)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"ogi run failed (exit {done.returncode}):\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return Timing(seconds, json.loads(done.stdout.strip().splitlines()[-1])["peak_mib"])


def build_and_rerun(catalog: Path, jobs: int, scratch: Path) -> tuple[Timing, Timing]:
    """A full build from nothing, then the same run again with nothing changed."""
    folder = Path(tempfile.mkdtemp(prefix="build-", dir=scratch))
    try:
        home = folder / "dagster_home"
        home.mkdir()
        shutil.copy(PROJECT_DIR / "dagster.yaml", home / "dagster.yaml")
        full = run_child(catalog, folder / "data", home, jobs)
        nightly = run_child(catalog, folder / "data", home, jobs)
        return full, nightly
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def build_in_process(catalog: str, data_dir: str, jobs: str) -> None:
    """What ``ogi run --catalog CATALOG --data-dir DATA_DIR --jobs JOBS`` does (output discarded;
    a failed report fails the benchmark)."""
    import contextlib

    from pipeline.cli import main

    with open(os.devnull, "w") as quiet, contextlib.redirect_stdout(quiet):
        status = main(["run", "--catalog", catalog, "--data-dir", data_dir, "--jobs", jobs])
    if status != 0:
        raise SystemExit(f"ogi run exited with status {status}")
