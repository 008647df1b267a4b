"""The ``ogi`` command line."""

from __future__ import annotations

import argparse
import math
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pipeline import __version__
from pipeline.core.facts import ReportError
from pipeline.core.settings import Settings


def _fail(message: str) -> int:
    print(f"ogi: error: {message}", file=sys.stderr)
    return 2


def _cmd_extract(args: argparse.Namespace) -> int:
    from pipeline.cli.output import write_facts
    from pipeline.core.settings import Limits, SettingsError
    from pipeline.extract.bounded import extract_bounded

    path = Path(args.report)
    try:
        limits = Limits.from_env()
    except SettingsError as exc:
        return _fail(str(exc))
    try:
        extraction = extract_bounded(path, None, limits)
    except ReportError as exc:
        return _fail(f"{path}: {exc}")
    write_facts(extraction, sys.stdout, args.format)
    return 0


def _fetch_policy(args: argparse.Namespace):  # -> pipeline.fetch.Policy (imported lazily)
    from pipeline.fetch import Policy

    return Policy(timeout=args.timeout, retries=args.retries, min_interval=args.delay)


def _add_fetch_options(parser: argparse.ArgumentParser) -> None:
    polite = parser.add_argument_group("fetching")
    polite.add_argument(
        "--delay", type=float, default=1.0, metavar="S", help="seconds between requests to one host (default: 1)"
    )
    polite.add_argument(
        "--timeout", type=float, default=30.0, metavar="S", help="seconds before a request times out (default: 30)"
    )
    polite.add_argument(
        "--retries", type=int, default=3, metavar="N", help="retries on timeouts and server errors (default: 3)"
    )


def _cmd_discover(args: argparse.Namespace) -> int:
    from pipeline.core.catalog import CatalogError, load_catalog
    from pipeline.fetch import FetchError, client_for, discover_reports
    from pipeline.fetch.live import live_agencies

    try:
        catalog = load_catalog(Settings.from_env().catalog_path)
        if args.offline:
            return _discovery_plan(catalog, args)
        agencies = live_agencies(catalog, agency=args.agency, listing_url=args.listing_url)
        if not args.listing_url:
            # Said, not guessed: stdout stays one line per report.
            chosen = [catalog.agencies[args.agency]] if args.agency else catalog.agencies.values()
            for skipped in (a for a in chosen if a not in agencies):
                print(
                    f"ogi: no listing known for {skipped.code} ({skipped.name_zh}); nothing to discover",
                    file=sys.stderr,
                )
        for agency in agencies:
            with client_for(agency, policy=_fetch_policy(args)) as client:
                links = discover_reports(agency, client=client)
            for link in sorted(links, key=lambda link: link.year):
                where = link.pdf_url or (link.page_url if link.page_report else f"- ({link.problem})")
                print(f"{link.agency}\t{link.year}\t{link.title}\t{where}")
    except (CatalogError, FetchError) as exc:
        return _fail(str(exc))
    return 0


def _discovery_plan(catalog: Any, args: argparse.Namespace) -> int:
    """``ogi discover --offline``: one line per agency saying what discovery would do."""
    from pipeline.fetch.live import live_agencies
    from pipeline.warehouse.holdings import discovery_plan

    if args.listing_url:
        agencies = live_agencies(catalog, agency=args.agency, listing_url=args.listing_url)
    elif args.agency:
        agencies = live_agencies(catalog, agency=args.agency) or [catalog.agencies[args.agency]]
    else:
        agencies = list(catalog.agencies.values())
    print("\n".join(discovery_plan(agency) for agency in agencies))
    return 0


def _cmd_catalog(args: argparse.Namespace) -> int:
    from pipeline.core.catalog import CatalogError, load_catalog
    from pipeline.warehouse.holdings import agency_details, catalog_table, warehouse_holdings

    defaults = Settings.from_env()
    catalog_path = Path(args.catalog).resolve() if args.catalog else defaults.catalog_path
    data_dir = Path(args.data_dir).resolve() if args.data_dir else defaults.data_dir
    try:
        catalog = load_catalog(catalog_path)
    except CatalogError as exc:
        return _fail(str(exc))
    if args.agency and args.agency not in catalog.agencies:
        return _fail(f"unknown agency {args.agency!r} (the catalog has: {', '.join(sorted(catalog.agencies))})")
    holdings = warehouse_holdings(data_dir / "warehouse.duckdb")
    lines = agency_details(catalog.agencies[args.agency], holdings) if args.agency else catalog_table(catalog, holdings)
    print("\n".join(lines))
    return 0


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
    years = report_years()
    wanted = []
    discovered, unread = discover_all(store, agencies, _fetch_policy(args))
    for found in discovered:
        for link in found.links:
            if link.year not in years:
                print(
                    f"  - {link.agency} {link.year}: outside the dataset's years ({years[0]}-{years[-1]}), not fetched"
                )
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


def _cmd_run(args: argparse.Namespace) -> int:
    """The run, under the data folder's run lock (pipeline.runs.runlock): one run at a time per folder."""
    from pipeline.runs.runlock import RunLocked, run_lock

    data_dir = Path(args.data_dir).resolve() if args.data_dir else Settings.from_env().data_dir
    try:
        with run_lock(data_dir, "ogi run", wait=args.wait, on_wait=lambda busy: print(f"waiting: {busy}", flush=True)):
            return _run(args)
    except RunLocked as exc:
        return _fail(str(exc))


def _run(args: argparse.Namespace) -> int:
    import contextlib
    import os
    import tempfile

    from pipeline.core.catalog import CatalogError
    from pipeline.fetch import FetchError
    from pipeline.launcher.launch import LaunchError
    from pipeline.launcher.run_pipeline import print_summary, run_pipeline

    if (args.listing_url or args.agency) and not args.live:
        return _fail("--listing-url and --agency choose what a live run reads; add --live")
    defaults = Settings.from_env()
    settings = Settings(
        data_dir=Path(args.data_dir).resolve() if args.data_dir else defaults.data_dir,
        catalog_path=Path(args.catalog).resolve() if args.catalog else defaults.catalog_path,
    )
    with tempfile.TemporaryDirectory(prefix="ogi-dagster-") as scratch, contextlib.ExitStack() as opened:

        def instance():  # -> dg.DagsterInstance; opened only when a run is launched
            import dagster as dg

            if os.environ.get("DAGSTER_HOME"):
                return opened.enter_context(dg.DagsterInstance.get())
            # A throwaway instance: runs queued, --jobs of them at a time.
            queue = {
                "run_coordinator": {
                    "module": "dagster._core.run_coordinator",
                    "class": "QueuedRunCoordinator",
                    "config": {"max_concurrent_runs": args.jobs},
                }
            }
            return opened.enter_context(dg.DagsterInstance.local_temp(scratch, overrides=queue))

        try:
            offline = {"source": {"mode": "offline"}}  # whatever $OGI_SOURCE says for scheduled runs
            live, before, unread = _live_plan(args, settings) if args.live else (offline, {}, [])
            summary = run_pipeline(settings, instance, parallel=args.jobs, **live)
        except (CatalogError, FetchError, LaunchError) as exc:
            return _fail(str(exc))
    if args.live:
        _print_downloads(settings, before, summary)
    print_summary(summary, settings)
    for line in [*unread, *summary.failures]:
        print(f"ogi: error: {line}", file=sys.stderr)
    return 2 if unread or summary.failures else 0


def _cmd_sql(args: argparse.Namespace) -> int:
    from pipeline.warehouse.query import QueryError, connect, interactive, run

    defaults = Settings.from_env()
    settings = Settings(
        data_dir=Path(args.data_dir).resolve() if args.data_dir else defaults.data_dir,
        catalog_path=defaults.catalog_path,
    )
    try:
        con, where = connect(settings, args.snapshot)
    except QueryError as exc:
        return _fail(str(exc))
    try:
        if args.query is None:
            failed = interactive(con, where, args.format)
            return 2 if failed and not sys.stdin.isatty() else 0
        try:
            sys.stdout.write(run(con, args.query, args.format))
        except QueryError as exc:
            return _fail(f"{where}: {exc}")
        return 0
    finally:
        con.close()


def _cmd_report(args: argparse.Namespace) -> int:
    from pipeline.site import SiteError, publish_site

    defaults = Settings.from_env()
    data_dir = Path(args.data_dir).resolve() if args.data_dir else defaults.data_dir
    settings = Settings(data_dir=data_dir, catalog_path=defaults.catalog_path)
    out = Path(args.out) if args.out else data_dir / "site"
    try:
        site = publish_site(settings.warehouse_path, out, raw_dir=settings.raw_dir)
    except SiteError as exc:
        return _fail(str(exc))
    print(f"site written: {site.index}")
    print(f"  {site.agencies} agencies, {site.reports} reports, {site.charts} charts, {site.issues} quality issues")
    return 0


def _seconds(text: str) -> float:
    try:
        number = float(text)
    except ValueError:
        number = math.nan
    if not number > 0:
        raise argparse.ArgumentTypeError(f"expected a number of seconds above 0, got {text!r}")
    return number


def _at_least_one(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return number


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ogi",
        description="Turn government information-disclosure annual reports into a dataset.",
    )
    parser.add_argument("--version", action="version", version=f"ogi-reports {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    extract = sub.add_parser(
        "extract",
        help="print the facts of one report (a PDF or a web page)",
        description="Read tables 二, 三 and 四 of a report and print them as canonical facts. The report is a "
        "PDF or a saved web page (article page), recognised by its content, not its name; a web page's facts "
        "have no page but a locator (table T, row R, column C of the page).",
    )
    extract.add_argument("report", metavar="REPORT", help="the report: a PDF or an HTML page")
    extract.add_argument("--format", choices=("csv", "json"), default="csv", help="output format (default: csv)")
    extract.set_defaults(handler=_cmd_extract)

    discover = sub.add_parser(
        "discover",
        help="list the reports a live run would fetch",
        description="Read the publishers' listing pages and print agency, year, title and the report's address "
        "(its PDF, or the article page when the page itself holds the tables) of each annual report found "
        "(tab-separated). Only the listed hosts are contacted.",
    )
    discover.add_argument("--listing-url", metavar="URL", help="read this listing page instead of the catalog's")
    discover.add_argument("--agency", metavar="CODE", help="the catalog agency (default: all, or the one serving URL)")
    discover.add_argument(
        "--offline",
        action="store_true",
        help="contact no site: print one line per agency saying "
        "what discovery would do (which listing pages and hosts, pinned years, or no listing known)",
    )
    _add_fetch_options(discover)
    discover.set_defaults(handler=_cmd_discover)

    listing = sub.add_parser(
        "catalog",
        help="list the agencies, what is known of each and the years the warehouse holds",
        description="Print one line per catalog agency: its listing page, pinned report years, hosts, the "
        "source where its addresses were seen, and the years the published warehouse holds (opened "
        "read-only; without a warehouse the column is empty). With --agency, everything known of one agency.",
    )
    listing.add_argument("--agency", metavar="CODE", help="print this agency in full (addresses, hosts, source)")
    listing.add_argument("--catalog", metavar="FILE", help="the catalog (default: $OGI_CATALOG or data/catalog.yaml)")
    listing.add_argument("--data-dir", metavar="DIR", help="where the warehouse is (default: $OGI_DATA_DIR or data/)")
    listing.set_defaults(handler=_cmd_catalog)

    run = sub.add_parser(
        "run",
        help="run the whole pipeline: reports, warehouse, checks, snapshot",
        description="Run the Dagster jobs once, offline on the catalog's bundled sample: the reports in "
        "runs of many reports each, submitted to the Dagster instance's run queue, each report extracted "
        "again only when its bytes changed; then the warehouse is rebuilt into a new file, checked, "
        "published atomically and snapshotted as Parquet. Runs are recorded in $DAGSTER_HOME's instance "
        "when it is set (`make run` sets it; its dagster.yaml decides storage, queue and limits, and a "
        "running Dagster daemon launches the queued runs), otherwise in a throwaway one. Exit status 2 "
        "when a report or the warehouse failed; the other reports still load and previously loaded "
        "data stays.",
    )
    run.add_argument(
        "--data-dir",
        metavar="DIR",
        help="where raw files, staging, warehouse and snapshots go (default: $OGI_DATA_DIR or data/)",
    )
    run.add_argument("--catalog", metavar="FILE", help="the catalog (default: $OGI_CATALOG or data/catalog.yaml)")
    run.add_argument(
        "--wait",
        nargs="?",
        type=_seconds,
        const=math.inf,
        default=0,
        metavar="SECONDS",
        help="when another run is using the data folder, wait for it to finish (at most SECONDS, "
        "when given) instead of stopping at once",
    )
    run.add_argument(
        "--jobs",
        type=_at_least_one,
        default=os.cpu_count() or 2,
        metavar="N",
        help="runs at the same time, each in its own process; the reports are split into at least "
        "N runs (default: one per core; with $DAGSTER_HOME, its instance's max_concurrent_runs "
        "limits them)",
    )
    run.add_argument(
        "--live",
        action="store_true",
        help="discover and download the reports from the publishers' "
        "websites (the catalog's listing pages) instead of the bundled sample",
    )
    run.add_argument(
        "--listing-url", metavar="URL", help="with --live: read this listing page only, and contact only its host"
    )
    run.add_argument(
        "--agency",
        metavar="CODE",
        help="with --live: only this catalog agency (the reports found at --listing-url are filed under it)",
    )
    _add_fetch_options(run)
    run.set_defaults(handler=_cmd_run)

    sql = sub.add_parser(
        "sql",
        help="query the warehouse or a snapshot (read-only)",
        description="Run one SQL query against the published warehouse, read-only, and print the result; "
        "with no query, open an interactive prompt (statements end with ;, .tables lists the tables "
        "and views, .quit leaves). docs/data-dictionary.md describes every table, view and column.",
        epilog="example: ogi sql \"SELECT * FROM request_outcome_groups WHERE applicant = 'total'\"",
    )
    sql.add_argument("query", nargs="?", metavar="QUERY", help="the SQL to run (default: an interactive prompt)")
    sql.add_argument(
        "--format", choices=("table", "csv", "json"), default="table", help="output format (default: table)"
    )
    sql.add_argument(
        "--snapshot",
        metavar="NAME",
        help="query the snapshot NAME (a folder of data/snapshots, or latest) instead of the warehouse",
    )
    sql.add_argument("--data-dir", metavar="DIR", help="the data folder (default: $OGI_DATA_DIR or data/)")
    sql.set_defaults(handler=_cmd_sql)

    report = sub.add_parser(
        "report",
        help="write the dataset page (static HTML and SVG charts) from the warehouse",
        description="Write a self-contained static site from the published warehouse: coverage by "
        "agency and year, trend charts per agency, denials by reason, quality issues with the cells "
        "involved, a data dictionary. Open its index.html in a browser: no server, no network. "
        "Every new snapshot folder gets the same page.",
    )
    report.add_argument(
        "--out",
        metavar="DIR",
        help="the site folder (default: DATA_DIR/site); one written here "
        "before is replaced whole, any other non-empty folder is refused",
    )
    report.add_argument(
        "--data-dir", metavar="DIR", help="where the warehouse and raw files are (default: $OGI_DATA_DIR or data/)"
    )
    report.set_defaults(handler=_cmd_report)

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except KeyboardInterrupt:
        from pipeline.launcher import ctrl_c

        ctrl_c.ignore_from_now()
        # Whatever was being built is discarded; published files are only ever replaced whole.
        print("ogi: interrupted; nothing half-built was published", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`ogi ... | head`): stop quietly with SIGPIPE's status, as other
        # command-line tools do, and keep the interpreter from failing again when it flushes stdout.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 128 + signal.SIGPIPE
