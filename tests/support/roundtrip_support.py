"""Checks of a generated report read back: every figure exactly, every required cell found, each
fact with the text its cell prints (PDF, web page and Word round trips)."""

from __future__ import annotations

from pathlib import Path

from pipeline.core.facts import Extraction
from pipeline.core.figures import COLUMNS, figure_cells, mismatches
from pipeline.extract import required_cells
from pipeline.replica.content import ReportContent, cell_key
from pipeline.replica.htmlprint import report_html
from pipeline.replica.officialtemplate import fill
from pipeline.replica.printings import Printing
from pipeline.replica.printings import printed as printed_by
from pipeline.replica.render import render_pdf
from pipeline.replica.table_grids import printed
from pipeline.replica.webpage import Style, render_page
from pipeline.replica.worddoc import render_docx

OFFICIAL_TEMPLATE = Path(__file__).parents[1] / "fixtures" / "word" / "official-template-2021.docx"


def written(content: ReportContent, form: str, folder: Path) -> Path:
    """``content`` written into ``folder`` as ``form``: a web page (``html``), a generated Word file
    (``docx``), the official template filled (``official``), the page printed without rules by
    ``chromium`` or ``weasyprint`` on A4, or else the fpdf2 replica (its layout classes decide rules)."""
    path = folder / f"report.{'docx' if form in ('docx', 'official') else 'html' if form == 'html' else 'pdf'}"
    if form in ("chromium", "weasyprint"):
        printed_by(report_html(content), path, Printing(form, "A4", "default", rules=False))
    elif form == "html":
        path.write_bytes(render_page(content, 0, Style()).data)
    elif form == "docx":
        path.write_bytes(render_docx(content, 0).data)
    elif form == "official":
        path.write_bytes(fill(OFFICIAL_TEMPLATE.read_bytes(), content))
    else:
        render_pdf(content, path)
    return path


def check_printed_facts(extraction: Extraction, content: ReportContent, context: list[str]) -> None:
    """Every figure of ``content`` read back exactly, every required cell found, and each fact's
    raw text the cell's as printed (white space aside: wrapped cells keep their line breaks);
    ``context`` (the quirks drawn) is shown with a failure."""
    template = content.template
    assert extraction.template == template, context
    assert mismatches(extraction, figure_cells(content.figures)) == [], context
    split = any(row.startswith("other_handling.") for row in content.figures["requests"])
    assert {(f.table, f.row, f.column) for f in extraction.facts} == required_cells(template, split)
    for fact in extraction.facts:
        value = content.figures[fact.table][fact.row]
        value = value[fact.column] if fact.table == "proactive" else value[COLUMNS[fact.table].index(fact.column)]
        expected = printed(content, fact.table, fact.row, fact.column, value)
        if fact.table == "proactive" and fact.row in content.layout.label_figure:
            expected = fact.label + expected  # the label and its figure share the cell
        assert "".join(fact.raw.split()) == "".join(expected.split()), (
            cell_key(fact.table, fact.row, fact.column),
            context,
        )


def assert_round_trip(content: ReportContent, extraction: Extraction) -> None:
    """A PDF read back: every figure exactly, every required cell found, each with its printed
    text and page."""
    check_printed_facts(extraction, content, content.quirks)
    split = any(row.startswith("other_handling.") for row in content.figures["requests"])
    assert extraction.other_handling_split == split
    assert [fact for fact in extraction.facts if not 1 <= fact.page <= extraction.pages] == []
