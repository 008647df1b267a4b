"""``ogi discover``: the reports a live run would fetch, from the publishers' listing pages."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from pipeline.cli.arguments import add_catalog, add_fetch_options, fetch_policy
from pipeline.core.settings import Settings

if TYPE_CHECKING:
    from pipeline.core.catalog import Catalog

HELP = "list the reports a live run would fetch"
DESCRIPTION = (
    "Read the publishers' listing pages and print agency, year, title and the report's address (its PDF, "
    "or the article page when the page itself holds the tables) of each annual report found "
    "(tab-separated). Only the listed hosts are contacted."
)
EXAMPLES = """\
  ogi discover --offline
      contact no site: what discovery would read, agency by agency
  ogi discover --agency mfa
      the reports listed on the Ministry of Foreign Affairs' listing page
  ogi discover --listing-url https://www.mfa.gov.cn/web/wjb_673085/zfxxgk_674865/zfxxgknb/
      one listing page only (filed under the catalog agency serving its host)"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--listing-url", metavar="URL", help="read this listing page instead of the catalog's")
    parser.add_argument("--agency", metavar="CODE", help="the catalog agency (default: all, or the one serving URL)")
    parser.add_argument(
        "--offline",
        action="store_true",
        help="contact no site: print one line per agency saying "
        "what discovery would do (which listing pages and hosts, pinned years, or no listing known)",
    )
    add_catalog(parser)
    add_fetch_options(parser)


def run(args: argparse.Namespace) -> int:
    from pipeline.core.catalog import load_catalog
    from pipeline.fetch import client_for, discover_reports
    from pipeline.fetch.live import live_agencies

    catalog = load_catalog(Settings.from_env(catalog=args.catalog).catalog_path)
    if args.offline:
        print("\n".join(_plan(catalog, args)))
        return 0
    agencies = live_agencies(catalog, agency=args.agency, listing_url=args.listing_url)
    if not args.listing_url:
        # Said, not guessed: stdout stays one line per report.
        chosen = [catalog.agencies[args.agency]] if args.agency else catalog.agencies.values()
        for skipped in (a for a in chosen if a not in agencies):
            print(f"ogi: no listing known for {skipped.code} ({skipped.name_zh}); nothing to discover", file=sys.stderr)
    for agency in agencies:
        with client_for(agency, policy=fetch_policy(args)) as client:
            links = discover_reports(agency, client=client)
        for link in sorted(links, key=lambda link: link.year):
            where = link.pdf_url or (link.page_url if link.page_report else f"- ({link.problem})")
            print(f"{link.agency}\t{link.year}\t{link.title}\t{where}")
    return 0


def _plan(catalog: Catalog, args: argparse.Namespace) -> list[str]:
    """``--offline``: one line per agency saying what discovery would do."""
    from pipeline.fetch.live import live_agencies
    from pipeline.warehouse.holdings import discovery_plan

    if args.listing_url:
        agencies = live_agencies(catalog, agency=args.agency, listing_url=args.listing_url)
    elif args.agency:
        agencies = live_agencies(catalog, agency=args.agency) or [catalog.agencies[args.agency]]
    else:
        agencies = list(catalog.agencies.values())
    return [discovery_plan(agency) for agency in agencies]
