"""Full builds and no-change nightly runs of ``ogi run`` on a generated catalog of N reports.

Each build starts from nothing: a fresh data folder and Dagster home under a temporary folder,
the catalog's samples being synthetic replicas (one per agency and year). Every build and nightly
run is ``ogi run`` in a child process, timed from outside, so the figures include what an
operator pays: interpreter start, imports, the Dagster instance.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import yaml

from bench.corpus import synthetic_reports
from bench.peak import Timing, measure
from pipeline.core.settings import PROJECT_DIR

YEARS = range(2019, 2026)  # the years of the dataset's partitions, both templates


def synthetic_catalog(folder: Path, count: int) -> Path:
    """A catalog of ``count`` synthetic reports, distinct (agency, year), in ``folder``."""
    agencies = max(1, -(-count // len(YEARS)))
    entries = [
        {
            "code": f"bench-{n:02d}",
            "name_zh": f"示范市第{n}局",
            "name_en": f"Sample bureau {n}",
            "level": "central",
            "kind": "department",
            "parent": "国务院",
            "listing_urls": [],
            "hosts": [],
            "reports": {},
        }
        for n in range(agencies)
    ]
    samples = [
        {
            "agency": report.agency,
            "year": report.year,
            "kind": "replica",
            "publisher": report.publisher,
            "file": str(report.pdf),
            "content": str(report.pdf.with_suffix(".yaml")),
            "original_url": None,
        }
        for report in synthetic_reports(count, folder / "reports", [e["code"] for e in entries], list(YEARS))
    ]
    path = folder / f"catalog-{count}.yaml"
    path.write_text(yaml.safe_dump({"agencies": entries, "samples": samples}, allow_unicode=True), encoding="utf-8")
    return path


# ``ogi run`` exits with 2 when reports failed (it names each, ``  ! …``): the build still ran.
REPORTS_FAILED = 2


def run_child(catalog: Path, data_dir: Path, home: Path, jobs: int) -> Timing:
    """One ``ogi run`` in a child process: its wall seconds and the peak RSS of its largest process.
    Reports that fail are counted (``failed_reports``), not the end of the benchmark."""
    env = {**os.environ, "DAGSTER_HOME": str(home), "PYTHONUNBUFFERED": "1"}  # progress lines timed as printed
    command = [
        sys.executable,
        "-m",
        "pipeline.cli",
        "run",
        "--catalog",
        str(catalog),
        "--data-dir",
        str(data_dir),
        "--jobs",
        str(jobs),
    ]
    return measure(command, accept=(0, REPORTS_FAILED), env=env, cwd=PROJECT_DIR)


def failed_reports(run: Timing) -> list[str]:
    """The lines ``ogi run`` printed for the reports it could not read."""
    return [line.strip()[1:].strip() for _, line in run.lines if line.startswith("  !")]


def report_seconds(run: Timing) -> list[float]:
    """The seconds between consecutive reports finishing (``ogi run`` prints a line for each)."""
    done = [second for second, line in run.lines if line.startswith(("  +", "  =", "  !"))]
    return [b - a for a, b in zip(done, done[1:])]


def extraction_seconds(home: Path) -> float:
    """The seconds the build's runs spent extracting, per report (the ``extract_seconds`` each
    materialisation of ``report_facts`` records): extraction timed under the build's own load."""
    import dagster as dg

    with dg.DagsterInstance.from_config(str(home)) as instance:
        # 10,000: the most Dagster returns at once, more than any build here has reports.
        records = instance.fetch_materializations(dg.AssetKey("report_facts"), limit=10_000).records
        seconds = [r.asset_materialization.metadata["extract_seconds"].value for r in records]
    return sum(seconds) / len(seconds) if seconds else 0.0  # 0.0: no report was read


def build_and_rerun(catalog: Path, jobs: int, scratch: Path) -> tuple[Timing, Timing, float]:
    """A full build from nothing, then the same run again with nothing changed; and the build's
    extraction seconds per report."""
    folder = Path(tempfile.mkdtemp(prefix="build-", dir=scratch))
    try:
        home = folder / "dagster_home"
        home.mkdir()
        # The project's instance, with as many runs at a time as the build has jobs.
        config = yaml.safe_load((PROJECT_DIR / "dagster.yaml").read_text(encoding="utf-8"))
        config["concurrency"]["runs"]["max_concurrent_runs"] = jobs
        (home / "dagster.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
        full = run_child(catalog, folder / "data", home, jobs)
        nightly = run_child(catalog, folder / "data", home, jobs)
        return full, nightly, extraction_seconds(home)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
