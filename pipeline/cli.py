"""The ``ogi`` command line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from pipeline import __version__
from pipeline.facts import ReportError


def _fail(message: str) -> int:
    print(f"ogi: error: {message}", file=sys.stderr)
    return 2


def _cmd_extract(args: argparse.Namespace) -> int:
    from pipeline.extract import extract_report
    from pipeline.output import write_facts

    path = Path(args.report)
    try:
        extraction = extract_report(path)
    except ReportError as exc:
        return _fail(f"{path}: {exc}")
    write_facts(extraction, sys.stdout, args.format)
    return 0


def _fetch_policy(args: argparse.Namespace):  # -> pipeline.fetch.Policy (imported lazily)
    from pipeline.fetch import Policy

    return Policy(timeout=args.timeout, retries=args.retries, min_interval=args.delay)


def _add_fetch_options(parser: argparse.ArgumentParser) -> None:
    polite = parser.add_argument_group("fetching")
    polite.add_argument("--delay", type=float, default=1.0, metavar="S", help="seconds between requests to one host (default: 1)")
    polite.add_argument("--timeout", type=float, default=30.0, metavar="S", help="seconds before a request times out (default: 30)")
    polite.add_argument("--retries", type=int, default=3, metavar="N", help="retries on timeouts and server errors (default: 3)")


def _cmd_discover(args: argparse.Namespace) -> int:
    from pipeline.catalog import CatalogError, load_catalog
    from pipeline.fetch import FetchError, client_for, discover_reports
    from pipeline.fetch.live import live_agencies
    from pipeline.settings import Settings

    try:
        catalog = load_catalog(Settings.from_env().catalog_path)
        for agency in live_agencies(catalog, agency=args.agency, listing_url=args.listing_url):
            with client_for(agency, policy=_fetch_policy(args)) as client:
                links = discover_reports(agency, client=client)
            for link in sorted(links, key=lambda link: link.year):
                where = link.pdf_url or f"- ({link.problem})"
                print(f"{link.agency}\t{link.year}\t{link.title}\t{where}")
    except (CatalogError, FetchError) as exc:
        return _fail(str(exc))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ogi",
        description="Turn government information-disclosure annual reports into a dataset.",
    )
    parser.add_argument("--version", action="version", version=f"ogi-reports {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    extract = sub.add_parser(
        "extract",
        help="print the facts of one report PDF",
        description="Read tables 二, 三 and 四 of a report PDF and print them as canonical facts.",
    )
    extract.add_argument("report", metavar="REPORT.pdf", help="the report PDF")
    extract.add_argument("--format", choices=("csv", "json"), default="csv", help="output format (default: csv)")
    extract.set_defaults(handler=_cmd_extract)

    discover = sub.add_parser(
        "discover",
        help="list the reports a live run would fetch",
        description="Read the publishers' listing pages and print agency, year, title and PDF address "
        "of each annual report found (tab-separated). Only the listed hosts are contacted.",
    )
    discover.add_argument("--listing-url", metavar="URL", help="read this listing page instead of the catalog's")
    discover.add_argument("--agency", metavar="CODE", help="the catalog agency (default: all, or the one serving URL)")
    _add_fetch_options(discover)
    discover.set_defaults(handler=_cmd_discover)

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
