"""The dataset page at scale: ``ogi report`` on warehouses of generated reports.

The warehouses are built from generated figures staged as facts (no PDF rendered, nothing
extracted: ``pipeline.replica.facts``), one report per agency and year 2019-2025, every tenth with
a total that does not add up. Each page build is ``ogi report`` in a child process, timed from
outside: interpreter start, imports and writing every file included.
``python -m bench.site`` measures the page alone (``make bench`` measures it with the rest).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

from bench.builds import YEARS
from bench.peak import measure
from pipeline.catalog import Agency
from pipeline.replica.facts import generated_warehouse
from pipeline.settings import PROJECT_DIR


@dataclass(frozen=True)
class SiteFigures:
    reports: int
    seconds: float  # median wall seconds of `ogi report`
    cpu_seconds: float  # median CPU seconds (user + system) of it and its chart workers
    peak_mib: float
    charts: int
    site_mib: float


def _warehouse(folder: Path, count: int) -> Path:
    if not (folder / "warehouse.duckdb").is_file():
        shutil.rmtree(folder, ignore_errors=True)
        agencies = [Agency(f"bench-{n:03d}", f"示范市第{n}局", f"Sample bureau {n}") for n in range(-(-count // len(YEARS)))]
        generated_warehouse(folder, agencies, list(YEARS), count=count, inconsistent_every=10)
    return folder


def page_build(count: int, runs: int, results: Path) -> SiteFigures:
    """``ogi report`` ``runs`` times on a warehouse of ``count`` generated reports (kept between runs)."""
    data = _warehouse(results / f"site-{count}", count)
    out = data / "site"
    timings, cpu = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        command = [sys.executable, "-m", "pipeline.cli", "report", "--data-dir", str(data), "--out", str(out)]
        timings.append(measure(command, cwd=PROJECT_DIR))
        after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the workers were waited for by their parent
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    summary = timings[-1].lines[-1][1].split()  # "N agencies, M reports, K charts, I quality issues"
    files = [p for p in out.rglob("*") if p.is_file()]
    return SiteFigures(
        reports=int(summary[2]),
        seconds=statistics.median(t.seconds for t in timings),
        cpu_seconds=statistics.median(cpu),
        peak_mib=max(t.peak_mib for t in timings),
        charts=int(summary[4]),
        site_mib=sum(p.stat().st_size for p in files) / 2**20,
    )


def site_figures(sizes: list[int], runs: int, results: Path) -> None:
    """Print the page figures, one ``name: value`` line each, for pages of ``sizes`` reports."""
    print(f"# dataset page: `ogi report` on a warehouse of N generated reports (agencies x 2019-2025), wall "
          f"seconds of the whole command and CPU seconds of its processes (the load-independent figure; "
          f"charts are drawn by one process per core), median of {runs} runs; the smaller page shows the "
          f"fixed cost", flush=True)
    figures = [page_build(size, runs, results) for size in sizes]
    for page in figures:
        print(f"site_{page.reports}_reports_seconds: {page.seconds:.1f}", flush=True)
        print(f"site_{page.reports}_reports_cpu_seconds: {page.cpu_seconds:.1f}")
        print(f"site_{page.reports}_reports_charts: {page.charts}")
        print(f"site_{page.reports}_reports_mib: {page.site_mib:.1f}")
        print(f"peak_rss_mib_site_{page.reports}: {page.peak_mib:.0f}", flush=True)
    small, large = figures[0], figures[-1]
    if large.reports > small.reports:
        added = (large.seconds - small.seconds) / (large.reports - small.reports)
        cpu = (large.cpu_seconds - small.cpu_seconds) / (large.reports - small.reports)
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
