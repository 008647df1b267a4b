"""Round trip through browser engines: synthetic reports written as web pages with double-ruled
tables (``border="1" cellspacing="1"``), printed to PDF by headless Chromium and by WeasyPrint,
and extracted again; every figure comes back exactly."""

from __future__ import annotations

import pytest

from pipeline.core.figures import figure_cells, mismatches
from pipeline.extract import extract_report, required_cells
from pipeline.extract.rules import read_ruled
from pipeline.replica import chromium
from pipeline.replica.htmlprint import PRODUCERS, print_pdf, report_html
from pipeline.replica.printings import Printing, printed
from pipeline.replica.synthetic import generate
from pipeline.replica.webpage import draw_style, render_page

CASES = [(seed, template, producer) for seed in (1, 4) for template in ("2019", "2021") for producer in PRODUCERS]


@pytest.mark.parametrize(("seed", "template", "producer"), CASES, ids=lambda v: str(v))
def test_double_ruled_roundtrip(tmp_path, seed, template, producer):
    content = generate(seed, template)
    path = print_pdf(report_html(content, double_rules=True), tmp_path / "report.pdf", producer)

    extraction = extract_report(path)

    assert extraction.template == template
    assert mismatches(extraction, figure_cells(content.figures)) == [], content.quirks
    split = any(row.startswith("other_handling.") for row in content.figures["requests"])
    assert {(f.table, f.row, f.column) for f in extraction.facts} == required_cells(template, split)
    # camelot's lattice does not read these tables; the reader of double rules does, and says so.
    assert extraction.engine == "rules"
    assert any("double rules" in note for note in extraction.notes)


@pytest.mark.parametrize("producer", PRODUCERS)
@pytest.mark.parametrize("template", ["2019", "2021"])
@pytest.mark.parametrize("classes", [("ragged", "written_figures", "label_figure"), ("split_digits",)], ids="+".join)
def test_printed_layout_classes_roundtrip(tmp_path, template, producer, classes):
    """Ragged grids, figures as written, a label and its figure in one cell, digits set apart
    (letter-spaced), on double-ruled printed pages."""
    content = generate(5, template, classes=classes)
    path = print_pdf(report_html(content), tmp_path / "report.pdf", producer)
    extraction = extract_report(path)
    assert mismatches(extraction, figure_cells(content.figures)) == [], content.quirks


@pytest.mark.parametrize("producer", PRODUCERS)
def test_double_rules_are_one_rule(tmp_path, producer):
    """Each border of a cellspacing table is two rules; the grid has one boundary per border."""
    content = generate(3, "2021")
    path = print_pdf(report_html(content, double_rules=True), tmp_path / "report.pdf", producer)
    review = [t for t in read_ruled(path, [1, 2, 3]) if len(t.cols) == 15]
    assert len(review) == 1
    widths = [x1 - x0 for x0, x1 in review[0].cols]
    assert min(widths) > 15, widths  # no sliver columns between the two rules of a border


def test_single_ruled_page_reads_with_camelot(tmp_path):
    """The same page with collapsed borders (one rule each) stays on camelot's lattice."""
    content = generate(1, "2021")
    path = print_pdf(report_html(content, double_rules=False), tmp_path / "report.pdf", "weasyprint")
    extraction = extract_report(path)
    assert mismatches(extraction, figure_cells(content.figures)) == []
    assert extraction.engine == "vector"


@pytest.mark.parametrize("seed", [1, 4])
def test_article_page_with_double_rules_printed_by_chromium(tmp_path, seed):
    """A whole article page (site chrome, Word-export cells) whose tables have cellspacing."""
    content = generate(seed, "2021")
    style, _ = draw_style(seed)
    style.charset = style.meta_charset = "utf-8"  # a file:// page has no HTTP header to name it
    style.repeat_header = False
    style.border = 'border="1" cellspacing="1"'
    page = tmp_path / "report.html"
    page.write_bytes(render_page(content, seed, style).data)
    extraction = extract_report(chromium.print_pdf(page, tmp_path / "report.pdf"))
    assert mismatches(extraction, figure_cells(content.figures)) == [], content.quirks


def test_single_ruled_page_printed_by_libreoffice_reads_from_its_rules(tmp_path):
    """LibreOffice ignores class-selected CSS: the page's rules reach its print as ``border="1"``
    (as Word-export pages write them), and the print is read from them, every cell exactly."""
    content = generate(1, "2021")
    page = report_html(content, double_rules=False, border_attribute=True)
    path = printed(page, tmp_path / "report.pdf", Printing("libreoffice", "A5", "default", rules=True))
    extraction = extract_report(path)
    assert extraction.engine != "text"
    assert mismatches(extraction, figure_cells(content.figures)) == []
