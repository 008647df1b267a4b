"""``ogi run``: the whole pipeline once, offline on the bundled sample or live from the publishers."""

from __future__ import annotations

import argparse
import math
import os
import sys
from pathlib import Path
from typing import Any

from pipeline.cli.arguments import (
    UsageError,
    add_catalog,
    add_data_dir,
    add_fetch_options,
    at_least_one,
    fetch_policy,
    seconds,
)
from pipeline.core.settings import Settings

HELP = "run the whole pipeline: reports, warehouse, checks, snapshot"
DESCRIPTION = (
    "Run the Dagster jobs once, offline on the catalog's bundled sample: the reports in runs of many "
    "reports each, submitted to the Dagster instance's run queue, each report extracted again only when its "
    "bytes changed; then the warehouse is rebuilt into a new file, checked, published atomically and "
    "snapshotted as Parquet. Runs are recorded in $DAGSTER_HOME's instance when it is set (`make run` sets "
    "it; its dagster.yaml decides storage, queue and limits, and a running Dagster daemon launches the "
    "queued runs), otherwise in a throwaway one. Exit status 2 when a report or the warehouse failed; the "
    "other reports still load and previously loaded data stays."
)
EXAMPLES = """\
  ogi run
      the bundled sample into data/: warehouse, checks, snapshot
  ogi run --data-dir /srv/ogi --wait 600
      another data folder; if a run is using it, wait for it up to ten minutes
  ogi run --live --agency mfa
      discover and download one agency's reports from its website, then build"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_data_dir(parser, "where raw files, staging, warehouse and snapshots go")
    add_catalog(parser)
    parser.add_argument(
        "--wait",
        nargs="?",
        type=seconds,
        const=math.inf,
        default=0,
        metavar="SECONDS",
        help="when another run is using the data folder, wait for it to finish (at most SECONDS, "
        "when given) instead of stopping at once",
    )
    parser.add_argument(
        "--jobs",
        type=at_least_one,
        default=os.cpu_count() or 2,
        metavar="N",
        help="runs at the same time, each in its own process; the reports are split into at least "
        "N runs (default: one per core; with $DAGSTER_HOME, its instance's max_concurrent_runs "
        "limits them)",
    )
    parser.add_argument(
        "--live",
        action="store_true",
        help="discover and download the reports from the publishers' "
        "websites (the catalog's listing pages) instead of the bundled sample",
    )
    parser.add_argument(
        "--listing-url", metavar="URL", help="with --live: read this listing page only, and contact only its host"
    )
    parser.add_argument(
        "--agency",
        metavar="CODE",
        help="with --live: only this catalog agency (the reports found at --listing-url are filed under it)",
    )
    parser.add_argument(
        "--years",
        type=_years,
        metavar="YYYY[-YYYY]",
        help="with --live: the report years to fetch, back to 2008 for old-style reports (default: "
        "2019, the first national template, to last year)",
    )
    add_fetch_options(parser)


def _years(text: str) -> range:
    from pipeline.core.years import YearsError, parse_years

    try:
        return parse_years(text)
    except YearsError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def run(args: argparse.Namespace) -> int:
    """The run, under the data folder's run lock (pipeline.runs.runlock): one run at a time per folder."""
    from pipeline.runs.runlock import run_lock

    if (args.listing_url or args.agency or args.years) and not args.live:
        raise UsageError("--listing-url, --agency and --years choose what a live run reads; add --live")
    settings = Settings.from_env(data_dir=args.data_dir, catalog=args.catalog)
    with run_lock(settings.data_dir, "ogi run", wait=args.wait, on_wait=_say_waiting):
        return _run(args, settings)


def _say_waiting(busy: str) -> None:
    print(f"waiting: {busy}", flush=True)


def _run(args: argparse.Namespace, settings: Settings) -> int:
    import tempfile

    from pipeline.launcher.instance_home import configured_home, throwaway_home
    from pipeline.launcher.run_pipeline import print_summary, run_pipeline

    with tempfile.TemporaryDirectory(prefix="ogi-dagster-") as scratch:
        # $DAGSTER_HOME's instance, else a throwaway one: runs queued, --jobs of them at a time.
        home = configured_home() or throwaway_home(Path(scratch), args.jobs)
        offline = {"source": {"mode": "offline"}}  # whatever $OGI_SOURCE says for scheduled runs
        live, before, unread = _live_plan(args, settings) if args.live else (offline, {}, [])
        summary = run_pipeline(settings, home, parallel=args.jobs, **live)
    if args.live:
        _print_downloads(settings, before, summary)
    print_summary(summary, settings)
    for line in [*unread, *summary.failures]:
        print(f"ogi: error: {line}", file=sys.stderr)
    return 2 if unread or summary.failures else 0


def _live_plan(
    args: argparse.Namespace, settings: Settings
) -> tuple[dict[str, Any], dict[tuple[str, int], Any], list[str]]:
    """Discover first (one line per report); the run_pipeline arguments of a live run, the stored
    version of each report before it, and the agencies whose listing could not be read."""
    from pipeline.core.catalog import load_catalog
    from pipeline.defs.partitions import report_years
    from pipeline.fetch import RawStore
    from pipeline.fetch.live import discover_all, live_agencies

    agencies = live_agencies(load_catalog(settings.catalog_path), agency=args.agency, listing_url=args.listing_url)
    for agency in agencies:
        where = " ".join(agency.listing_urls) or f"the pinned reports for {', '.join(map(str, sorted(agency.reports)))}"
        print(f"discovering: {agency.code} at {where}")
    store = RawStore(settings.raw_dir)
    years = list(args.years) if args.years else report_years()
    asked = "the years asked for" if args.years else "the dataset's years"
    wanted = []
    discovered, unread = discover_all(store, agencies, fetch_policy(args))
    for found in discovered:
        for link in found.links:
            if link.year not in years:
                print(f"  - {link.agency} {link.year}: outside {asked} ({years[0]}-{years[-1]}), not fetched")
            elif link.nothing_to_fetch:
                print(f"  - {link.agency} {link.year}: not fetched ({link.problem})")
            else:
                wanted.append((link.agency, link.year))
    source = {"mode": "live", "listing_urls": [args.listing_url] if args.listing_url else []}
    before = {report: store.current(*report) for report in wanted}
    return {"source": source, "reports": wanted}, before, unread


def _print_downloads(settings: Settings, before: dict, summary: Any) -> None:
    from pipeline.fetch import RawStore
    from pipeline.fetch.live import downloads

    failed = {(r.agency, r.year) for r in summary.reports if r.status == "failed"}
    print("downloads:")
    for line in downloads(RawStore(settings.raw_dir), before, failed):
        print(f"  {line}")
