"""``ogi report``: the dataset page (static HTML and SVG charts) written from the warehouse."""

from __future__ import annotations

import argparse
from pathlib import Path

from pipeline.cli.arguments import add_data_dir
from pipeline.core.settings import Settings

HELP = "write the dataset page (static HTML and SVG charts) from the warehouse"
DESCRIPTION = (
    "Write a self-contained static site from the published warehouse: what changed in the latest snapshot, "
    "coverage by agency and year, trend charts per agency, denials by reason, quality issues with the cells involved, a data dictionary. Open "
    "its index.html in a browser: no server, no network. Every new snapshot folder gets the same page."
)
EXAMPLES = """\
  ogi report
      the page of data/warehouse.duckdb into data/site/
  ogi report --out /tmp/ogi-site
      into another folder; open /tmp/ogi-site/index.html in a browser"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out",
        metavar="DIR",
        help="the site folder (default: DATA_DIR/site); one written here "
        "before is replaced whole, any other non-empty folder is refused",
    )
    add_data_dir(parser, "where the warehouse and raw files are")


def run(args: argparse.Namespace) -> int:
    from pipeline.site import publish_site
    from pipeline.warehouse.snapshot import LATEST_LINK

    settings = Settings.from_env(data_dir=args.data_dir)
    out = Path(args.out) if args.out else settings.data_dir / "site"
    latest = settings.snapshots_dir / LATEST_LINK  # what changed shows its changes
    site = publish_site(settings.warehouse_path, out, raw_dir=settings.raw_dir, snapshot=latest)
    print(f"site written: {site.index}")
    print(f"  {site.agencies} agencies, {site.reports} reports, {site.charts} charts, {site.issues} quality issues")
    return 0
