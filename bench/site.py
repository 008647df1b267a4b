"""The dataset page at scale: ``ogi report`` on warehouses of generated reports.

The warehouses are built from generated figures staged as facts (no PDF rendered, nothing
extracted: ``pipeline.replica.staged_facts``), one report per agency and year 2019-2025, every tenth with
a total that does not add up. Each page build is ``ogi report`` in a child process, timed from
outside: interpreter start, imports and writing every file included. The baseline, measured back to
back with it on the same warehouse, is a child process that only reads what the page shows
(``read_site_data``: interpreter start, imports and the warehouse's queries), so
``site_N_reports_vs_read`` is what building the page costs over reading its data (1.0: nothing).
``python -m bench.site`` measures the page alone (``make bench`` measures it with the rest).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

from bench.builds import YEARS
from bench.peak import Timing, measure
from pipeline.core.catalog import Agency
from pipeline.core.settings import PROJECT_DIR
from pipeline.replica.staged_facts import generated_warehouse


@dataclass(frozen=True)
class SiteFigures:
    reports: int
    seconds: float  # median wall seconds of `ogi report`
    cpu_seconds: float  # median CPU seconds (user + system) of it
    read_seconds: float  # the same of the baseline: reading the page's data alone
    read_cpu_seconds: float
    vs_read: float  # median of each run's page / baseline wall seconds
    cpu_vs_read: float  # the same of CPU seconds
    peak_mib: float
    charts: int
    site_mib: float


def _warehouse(folder: Path, count: int) -> Path:
    if not (folder / "warehouse.duckdb").is_file():
        shutil.rmtree(folder, ignore_errors=True)
        agencies = [
            Agency(
                f"bench-{n:03d}",
                f"示范市第{n}局",
                f"Sample bureau {n}",
                level="central",
                kind="department",
                parent="国务院",
            )
            for n in range(-(-count // len(YEARS)))
        ]
        generated_warehouse(folder, agencies, list(YEARS), count=count, inconsistent_every=10)
    return folder


def page_build(count: int, runs: int, results: Path) -> SiteFigures:
    """``ogi report`` and the baseline, back to back, ``runs`` times on a warehouse of ``count``
    generated reports (kept between runs)."""
    data = _warehouse(results / f"site-{count}", count)
    out = data / "site"
    report = [sys.executable, "-m", "pipeline.cli", "report", "--data-dir", str(data), "--out", str(out)]
    read = [sys.executable, "-m", "bench.peak", "site-data", str(data / "warehouse.duckdb")]
    pages: list[Timing] = []
    reads: list[Timing] = []
    for _ in range(runs):
        reads.append(measure(read, cwd=PROJECT_DIR))
        pages.append(measure(report, cwd=PROJECT_DIR))
    summary = pages[-1].lines[-1][1].split()  # "N agencies, M reports, K charts, I quality issues"
    files = [p for p in out.rglob("*") if p.is_file()]
    return SiteFigures(
        reports=int(summary[2]),
        seconds=statistics.median(t.seconds for t in pages),
        cpu_seconds=statistics.median(t.cpu_seconds for t in pages),
        read_seconds=statistics.median(t.seconds for t in reads),
        read_cpu_seconds=statistics.median(t.cpu_seconds for t in reads),
        vs_read=statistics.median(p.seconds / r.seconds for p, r in zip(pages, reads)),
        cpu_vs_read=statistics.median(p.cpu_seconds / r.cpu_seconds for p, r in zip(pages, reads)),
        peak_mib=max(t.peak_mib for t in pages),
        charts=int(summary[4]),
        site_mib=sum(p.stat().st_size for p in files) / 2**20,
    )


def site_figures(sizes: list[int], runs: int, results: Path) -> None:
    """Print the page figures, one ``name: value`` line each, for pages of ``sizes`` reports."""
    print(
        f"# dataset page: `ogi report` on a warehouse of N generated reports (agencies x 2019-2025), wall "
        f"seconds of the whole command and its CPU seconds (the load-independent figure), median of {runs} "
        f"runs; against the baseline measured back to back on the same warehouse, a process that only "
        f"reads the page's data (_read_ figures; _vs_read: page over baseline); the smaller page shows the "
        f"fixed cost",
        flush=True,
    )
    figures = [page_build(size, runs, results) for size in sizes]
    for page in figures:
        print(f"site_{page.reports}_reports_seconds: {page.seconds:.2f}", flush=True)
        print(f"site_{page.reports}_reports_cpu_seconds: {page.cpu_seconds:.2f}")
        print(f"site_{page.reports}_reports_read_seconds: {page.read_seconds:.2f}")
        print(f"site_{page.reports}_reports_read_cpu_seconds: {page.read_cpu_seconds:.2f}")
        print(f"site_{page.reports}_reports_vs_read: {page.vs_read:.2f}")
        print(f"site_{page.reports}_reports_cpu_vs_read: {page.cpu_vs_read:.2f}")
        print(f"site_{page.reports}_reports_charts: {page.charts}")
        print(f"site_{page.reports}_reports_mib: {page.site_mib:.1f}")
        print(f"peak_rss_mib_site_{page.reports}: {page.peak_mib:.0f}", flush=True)
    small, large = figures[0], figures[-1]
    if large.reports > small.reports:
        added = (large.seconds - small.seconds) / (large.reports - small.reports)
        cpu = (large.cpu_seconds - small.cpu_seconds) / (large.reports - small.reports)
        print(f"site_{large.reports}_vs_{small.reports}_reports_cpu: {large.cpu_seconds / small.cpu_seconds:.2f}")
        print(f"site_seconds_per_added_report_{small.reports}_to_{large.reports}: {added:.4f}")
        print(f"site_cpu_seconds_per_added_report_{small.reports}_to_{large.reports}: {cpu:.4f}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.site", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="70,1000", help="report counts of the pages (default: 70,1000)")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (default: 3)")
    args = parser.parse_args(argv)
    site_figures([int(n) for n in args.sizes.split(",") if n], args.runs, PROJECT_DIR / "bench" / "results")
    return 0


if __name__ == "__main__":
    sys.exit(main())
