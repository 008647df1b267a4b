"""``ogi sql``: one query, or an interactive prompt, against the warehouse or a snapshot (read-only)."""

from __future__ import annotations

import argparse
import sys

from pipeline.cli.arguments import add_data_dir
from pipeline.core.errors import concerning
from pipeline.core.settings import Settings

HELP = "query the warehouse or a snapshot (read-only)"
DESCRIPTION = (
    "Run one SQL query against the published warehouse, read-only, and print the result; with no query, "
    "open an interactive prompt (statements end with ;, .tables lists the tables and views, .schema NAME "
    "shows one's columns, .help the commands, .quit leaves). A refused query is reported with DuckDB's own "
    "message and hints. "
    "docs/data-dictionary.md describes every table, view and column."
)
EXAMPLES = """\
  ogi sql "SELECT * FROM request_outcome_groups WHERE applicant = 'total'"
      one query, printed as a table
  ogi sql --format csv --snapshot latest "SELECT * FROM request_facts"
      every figure of table 三 in the latest snapshot, as CSV
  ogi sql ".schema request_facts"
      the columns of request_facts: type and what each holds
  ogi sql
      an interactive prompt"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", nargs="?", metavar="QUERY", help="the SQL to run (default: an interactive prompt)")
    parser.add_argument(
        "--format", choices=("table", "csv", "json"), default="table", help="output format (default: table)"
    )
    parser.add_argument(
        "--snapshot",
        metavar="NAME",
        help="query the snapshot NAME (a folder of data/snapshots, or latest) instead of the warehouse",
    )
    add_data_dir(parser, "the data folder")


def run(args: argparse.Namespace) -> int:
    from pipeline.warehouse import query

    con, where = query.connect(Settings.from_env(data_dir=args.data_dir), args.snapshot)
    try:
        if args.query is None:
            failed = query.interactive(con, where, args.format)
            return 2 if failed and not sys.stdin.isatty() else 0
        with concerning(where):
            dot = args.query.strip().startswith(".")  # .schema NAME, .tables: as in the prompt
            sys.stdout.write(query.command(con, args.query.strip()) if dot else query.run(con, args.query, args.format))
        return 0
    finally:
        con.close()
