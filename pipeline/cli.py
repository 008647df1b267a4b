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

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
