"""``ogi extract``: the facts of one report, printed."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.core.errors import concerning

HELP = "print the facts of one report (a PDF, a web page or a Word file)"
DESCRIPTION = (
    "Read tables 二, 三 and 四 of a report and print them as canonical facts. The report is a PDF, a saved "
    "web page (article page) or a Word file (.docx; .doc, .wps, .rtf and .odt through LibreOffice), "
    "recognised by its content, not its name; the facts of a web page or Word file have no page but a "
    "locator (table T, row R, column C of the page or document)."
)
EXAMPLES = """\
  ogi extract data/samples/mfa-2020.pdf
      one line of CSV per published figure, with its page, table, row and column
  ogi extract --format json data/samples/pingtan-2023.html
      the facts of a saved web page, as JSON"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("report", metavar="REPORT", help="the report: a PDF, an HTML page or a Word file")
    parser.add_argument("--format", choices=("csv", "json"), default="csv", help="output format (default: csv)")


def run(args: argparse.Namespace) -> int:
    from pipeline.cli.output import write_facts
    from pipeline.core.settings import Limits
    from pipeline.extract.bounded import extract_bounded

    path = Path(args.report)
    # A scan is read by OCR, a page at a time and slowly: say where it is, on a terminal.
    on_page = (lambda n: print(f"ogi: {path}: OCR of page {n}", file=sys.stderr)) if sys.stderr.isatty() else None
    with concerning(path):
        # In a worker process within the limits of a report's extraction (docs/limits.md).
        extraction = extract_bounded(path, None, Limits.from_env(), on_page)
    write_facts(extraction, sys.stdout, args.format)
    return 0
