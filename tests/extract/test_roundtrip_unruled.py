"""Round trips of reports whose tables are drawn without any rules (the ``no_rules`` layout class):
fpdf2 replicas (Word or WPS with borders off) and pages with ``<table border="0">`` printed by
headless Chromium and by WeasyPrint, over both templates, table 三 continued on the next page.
Every figure comes back exactly, read by the text engine, which says so."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from pipeline.core.facts import Extraction, ReportError
from pipeline.core.figures import figure_cells, mismatches
from pipeline.extract import extract_report, required_cells
from pipeline.replica.htmlprint import PRODUCERS, print_pdf, report_html
from pipeline.replica.render import render_pdf
from pipeline.replica.synthetic import generate
from pipeline.replica.table_grids import printed


def _assert_read_by_text(content, extraction: Extraction) -> None:
    assert mismatches(extraction, figure_cells(content.figures)) == [], content.quirks
    split = any(row.startswith("other_handling.") for row in content.figures["requests"])
    assert {(f.table, f.row, f.column) for f in extraction.facts} == required_cells(content.template, split)
    assert extraction.template == content.template
    assert extraction.engine == "text"
    assert any("no rules drawn (engine text)" in note for note in extraction.notes)


# Seeds whose table 三 the generator breaks before a chosen row, with the row's label divided
# between the pages (1, 2019; 2, 2019) or the row moved whole (the others).
@pytest.mark.parametrize(("seed", "template"), [(1, "2019"), (2, "2019"), (1, "2021"), (2, "2021"), (3, "2021")])
def test_fpdf_report_without_rules(tmp_path, seed, template):
    content = generate(seed, template, classes=("no_rules",))
    assert content.layout.no_rules and content.layout.break_before
    render_pdf(content, tmp_path / "report.pdf")
    extraction = extract_report(tmp_path / "report.pdf")
    _assert_read_by_text(content, extraction)
    assert len(extraction.table_pages["requests"]) >= 2  # table 三 continues on the next page


@pytest.mark.parametrize("producer", PRODUCERS)
@pytest.mark.parametrize("template", ["2019", "2021"])
def test_printed_page_without_rules(tmp_path, template, producer):
    content = generate(1, template, classes=("no_rules",))
    page = report_html(content)
    assert '<table border="0"' in page
    extraction = extract_report(print_pdf(page, tmp_path / "report.pdf", producer))
    _assert_read_by_text(content, extraction)
    assert len(extraction.table_pages["requests"]) >= 2


def test_cli_reports_the_engine(tmp_path):
    content = generate(3, "2019", classes=("no_rules",))
    render_pdf(content, tmp_path / "report.pdf")
    done = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "extract", "--format", "json", str(tmp_path / "report.pdf")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["engine"] == "text"


def test_no_rules_excludes_the_classes_of_rules():
    with pytest.raises(ValueError, match="no_rules excludes"):
        generate(1, "2021", classes=("no_rules", "double_rules"))
    drawn = [generate(seed, "2021") for seed in range(200)]
    unruled = [content for content in drawn if content.layout.no_rules]
    assert unruled and not any(c.layout.double_rules or c.layout.ragged or c.layout.label_figure for c in unruled)


def test_a_figure_it_cannot_place_fails_the_report(tmp_path):
    """A figure set in its label's cell (no column under it, no rule to tell) is never guessed
    into a column: the report fails naming the cell and the text."""
    content = generate(1, "2021", classes=("no_rules",))
    content.layout.label_figure = ["administrative_fees"]
    render_pdf(content, tmp_path / "report.pdf")
    with pytest.raises(ReportError, match=re.escape("cells not found: administrative_fees × fee_amount_yuan")) as error:
        extract_report(tmp_path / "report.pdf")
    fee = printed(
        content,
        "proactive",
        "administrative_fees",
        "fee_amount_yuan",
        content.figures["proactive"]["administrative_fees"]["fee_amount_yuan"],
    )
    assert f"'行政事业性收费{fee}'" in str(error.value)  # the label's text, its figure in it
