"""``ogi catalog``: the agencies of the catalog, what is known of each and the years the warehouse holds."""

from __future__ import annotations

import argparse

from pipeline.cli.arguments import add_catalog, add_data_dir
from pipeline.core.settings import Settings

HELP = "list the agencies, what is known of each and the years the warehouse holds"
DESCRIPTION = (
    "Print one line per catalog agency: its listing page, pinned report years, hosts, the source where its "
    "addresses were seen, and the years the published warehouse holds (opened read-only; without a "
    "warehouse the column is empty). With --agency, everything known of one agency."
)
EXAMPLES = """\
  ogi catalog
      one line per agency
  ogi catalog --agency mfa
      everything known of one agency: addresses, hosts, where they were seen"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--agency", metavar="CODE", help="print this agency in full (addresses, hosts, source)")
    add_catalog(parser)
    add_data_dir(parser, "where the warehouse is")


def run(args: argparse.Namespace) -> int:
    from pipeline.core.catalog import CatalogError, load_catalog
    from pipeline.warehouse.holdings import agency_details, catalog_table, warehouse_holdings

    settings = Settings.from_env(data_dir=args.data_dir, catalog=args.catalog)
    catalog = load_catalog(settings.catalog_path)
    if args.agency and args.agency not in catalog.agencies:
        raise CatalogError(f"unknown agency {args.agency!r} (the catalog has: {', '.join(sorted(catalog.agencies))})")
    holdings = warehouse_holdings(settings.warehouse_path)
    lines = agency_details(catalog.agencies[args.agency], holdings) if args.agency else catalog_table(catalog, holdings)
    print("\n".join(lines))
    return 0
