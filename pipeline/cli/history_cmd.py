"""``ogi history``: a report's versions and what changed between them, from the warehouse."""

from __future__ import annotations

import argparse

from pipeline.cli.arguments import add_data_dir
from pipeline.core.settings import Settings

HELP = "a report's versions and the figures that changed between them"
DESCRIPTION = (
    "Print every version of one report's file that was fetched (sha256, when it was first and last seen, "
    "where, and whether it is the version loaded or could not be read), then each cell whose figure changed "
    "when a newer version replaced the loaded one: old and new figure, as printed. Read from the published "
    "warehouse (tables report_versions and revisions); docs/revisions.md explains them."
)
EXAMPLES = """\
  ogi history mfa 2020
      the versions of 外交部's report on 2020 and what changed between them
  ogi history pingtan 2024 --data-dir /srv/ogi/data
      from the warehouse of another data folder
(the same as rows: ogi sql "SELECT * FROM revisions WHERE agency = 'mfa'")"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("agency", metavar="AGENCY", help="the agency's code, e.g. mfa")
    parser.add_argument("year", metavar="YEAR", type=_year, help="the year the report covers, e.g. 2020")
    add_data_dir(parser, "the data folder")


def _year(text: str) -> int:
    if not text.isdigit() or len(text) != 4:
        raise argparse.ArgumentTypeError(f"expected a year such as 2020, got {text!r}")
    return int(text)


def run(args: argparse.Namespace) -> int:
    from pipeline.warehouse import query
    from pipeline.warehouse.report_history import format_history, report_history

    con, _ = query.connect(Settings.from_env(data_dir=args.data_dir))
    try:
        print(format_history(report_history(con, args.agency, args.year)), end="")
    finally:
        con.close()
    return 0
