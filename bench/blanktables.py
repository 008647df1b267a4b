"""``python -m bench.blanktables``: tables 三 and 四 published wholly blank (no request, or no
review or suit, that year), printed without rules and scanned, read back cell by cell.

A generated report of each template (seed 0) with table 三, table 四 or both published blank
(``content.published_blank``), printed four ways: by fpdf2 without rules (the ``no_rules`` layout
class, Word or WPS with borders off), as its web page without borders printed by Chromium and by
WeasyPrint on A4 (``bench.layouts``' producers: ``printings.printed``), and its ruled fpdf2 print
scanned at 200 dpi (``pipeline/replica/scan.py``'s rotation, noise, blur, JPEG and seal, its table
pages only); ``--mark`` prints every cell of the blank tables as —, / or - instead (as many
publishers do). Prints one line per print that did not read exactly (WRONG when a figure read is not
the published one; failed with the reader's one line), then per form: prints read exactly / made,
and cells read exactly, NULL and wrong. ``--form`` narrows the sweep (the scans take OCR's time).
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from bench.scans import table_pages
from pipeline.core.facts import Extraction, ReportError
from pipeline.core.figures import figure_cells
from pipeline.extract import extract_report
from pipeline.replica.content import ReportContent, published_blank
from pipeline.replica.htmlprint import report_html
from pipeline.replica.printings import Printing, printed
from pipeline.replica.render import render_pdf
from pipeline.replica.scan import ScanStyle, write_scan
from pipeline.replica.synthetic import generate

FORMS = ("fpdf", "chromium", "weasyprint", "scan")
MARKS = ("—", "/", "-")
BLANK = (("requests",), ("review",), ("requests", "review"))
TEMPLATES = ("2019", "2021")


def made(template: str, tables: tuple[str, ...], form: str, folder: Path, mark: str = "") -> tuple[ReportContent, Path]:
    """The report of ``template`` with ``tables`` published blank (or ``mark`` in every cell), as
    ``form`` prints it."""
    name = f"{template}-{'+'.join(tables)}-{form}{'-marked' if mark else ''}"
    content = published_blank(generate(0, template, classes=() if form == "scan" else ("no_rules",)), tables, mark)
    pdf = folder / f"{name}.pdf"
    if form in ("fpdf", "scan"):
        render_pdf(content, pdf)
    else:
        printed(report_html(content), pdf, Printing(form, "A4", "default", rules=False))
    if form == "scan":
        pdf = write_scan(table_pages(pdf, folder), folder / f"{name}.scan.pdf", ScanStyle(dpi=200))
    return content, pdf


def compared(extraction: Extraction, content: ReportContent) -> tuple[int, int, int, list[str]]:
    """Cells read exactly, NULL where a figure is printed (a quality issue, never a guess), and
    wrong (a figure that is not the published one, or a cell missing or extra), with the wrong."""
    expected = figure_cells(content.figures)
    got = {(f.table, f.row, f.column): f for f in extraction.facts}
    exact = unread = 0
    wrong: list[str] = []
    for cell, value in sorted(expected.items()):
        fact = got.get(cell)
        if fact is not None and fact.value == value:
            exact += 1
        elif fact is not None and fact.value is None and fact.confidence is not None:
            unread += 1
        else:
            wrong.append(f"{cell}: {'missing' if fact is None else fact.value} (published {value})")
    wrong += [f"{cell}: not published" for cell in sorted(set(got) - set(expected))]
    return exact, unread, len(wrong), wrong


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.blanktables", description=__doc__.splitlines()[0])
    parser.add_argument("--form", choices=FORMS, action="append", help="only these forms")
    parser.add_argument(
        "--mark", choices=MARKS, action="append", help="every cell printed as this mark instead of empty (—, /, -)"
    )
    parser.add_argument("--keep", type=Path, help="keep the PDFs in this folder")
    args = parser.parse_args(argv)
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0, 0])  # exact prints, prints, cells…
    wrong_cells = 0
    with tempfile.TemporaryDirectory(prefix="ogi-blank-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for form, mark, template, tables in itertools.product(args.form or FORMS, args.mark or [""], TEMPLATES, BLANK):
            content, pdf = made(template, tables, form, folder, mark)
            total = totals[f"{form} {mark}".strip()]
            total[1] += 1
            total[5] += len(figure_cells(content.figures))
            name = f"{template} {' and '.join(tables)} {f'printed {mark}' if mark else 'blank'}, {form}"
            try:
                extraction = extract_report(pdf)
            except ReportError as exc:
                print(f"# {name}: failed: {exc}", flush=True)
                continue
            exact, unread, wrong, problems = compared(extraction, content)
            wrong_cells += wrong
            total[2] += exact
            total[3] += unread
            total[4] += wrong
            if wrong:
                print(f"# {name}: WRONG ({wrong} cells): {'; '.join(problems[:3])}", flush=True)
            elif unread:
                print(f"# {name}: {unread} cells NULL", flush=True)
            else:
                total[0] += 1
    for form, (whole, prints, exact, unread, wrong, cells) in totals.items():
        print(
            f"{form}: {whole}/{prints} prints read exactly; cells {exact} exact, {unread} NULL, {wrong} wrong of {cells}"
        )
    print(f"cells read wrong: {wrong_cells}")
    return 0 if wrong_cells == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
