"""Scanned pages of tables set without rules (a report printed from Word with its borders off,
signed, stamped and scanned): read from the positions of the text OCR finds, a table continued on
the next sheet joined, and a page of running text adding nothing.

The pages are the 外交部 2020 seed's layout written as a web page and printed by Chromium with every
border removed (``pipeline/replica/printings.py``), scanned at 200 dpi with a red seal."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest

from pipeline.core.figures import figure_cells
from pipeline.core.settings import PROJECT_DIR
from pipeline.extract import extract_report
from pipeline.extract.ocr import RapidRecogniser
from pipeline.extract.pageimages import render_pages
from pipeline.extract.scanned import read_scanned
from pipeline.extract.unruledscan import report_tables, tables_without_rules, text_glyphs
from pipeline.replica.content import load_content
from pipeline.replica.htmlprint import report_html
from pipeline.replica.printings import Printing, printed
from pipeline.replica.scan import ScanStyle, write_scan

SEED = PROJECT_DIR / "data" / "samples" / "mfa-2020.yaml"


def _pages(pdf: Path, numbers: list[int], out: Path) -> Path:
    document, copy = pdfium.PdfDocument(pdf), pdfium.PdfDocument.new()
    copy.import_pages(document, [n - 1 for n in numbers])
    copy.save(out)
    return out


@pytest.fixture(scope="module")
def unruled_print(tmp_path_factory) -> Path:
    """The seed's report printed without rules: page 1 running text, page 2 running text then
    table 二 and table 三's first rows, page 3 the rest of table 三 and table 四, page 4 running text
    with figures in it (section 六)."""
    folder = tmp_path_factory.mktemp("unruled")
    html = report_html(load_content(SEED), double_rules=False)
    return printed(html, folder / "print.pdf", Printing("chromium", "A4", "default", False))


def test_a_table_without_rules_continued_on_the_next_scanned_sheet_is_read_to_the_cell(unruled_print, tmp_path):
    """Pages 2 and 3 scanned (each sheet a little turned and shifted, a seal on both): table 三 goes
    on from one sheet to the next, and is joined; every published figure is read exactly (before,
    the scan was refused: "no ruled table found in its page images")."""
    pages = _pages(unruled_print, [2, 3], tmp_path / "tables.pdf")
    scan = write_scan(pages, tmp_path / "scan.pdf", ScanStyle(dpi=200, seed=4), seal_pages={1, 2})
    extraction = extract_report(scan)
    assert extraction.engine == "ocr-rapidocr"
    truth = figure_cells(load_content(SEED).figures)
    got = {(f.table, f.row, f.column): f for f in extraction.facts}
    assert set(got) == set(truth)
    wrong = {
        cell: got[cell].raw for cell, value in truth.items() if not got[cell].unreadable and got[cell].value != value
    }
    assert wrong == {}
    assert all(not fact.unreadable and fact.confidence is not None for fact in got.values())
    # Table 三's rows on the second sheet are in the table begun on the first.
    assert {fact.page for fact in extraction.facts if fact.table == "requests"} == {1, 2}


def test_a_scanned_page_of_running_text_without_rules_yields_no_table(unruled_print, tmp_path):
    """Section 六 (running text with figures in it: 答复98件) scanned with a seal: its text stands
    in no columns, so it is not read as a table; read by OCR all the same, it holds no part of
    table 二, 三 or 四, and adds nothing."""
    scan = write_scan(
        _pages(unruled_print, [4], tmp_path / "prose.pdf"),
        tmp_path / "scan.pdf",
        ScanStyle(dpi=200, seed=1),
        seal_pages={1},
    )
    recogniser = RapidRecogniser()
    assert read_scanned(scan, recogniser) == []
    [page] = render_pages(scan)
    glyphs = text_glyphs(page, recogniser)
    assert any(glyph.text.isdigit() for glyph in glyphs)  # OCR read its text, figures included
    assert report_tables(tables_without_rules([(1, glyphs)])) == []
