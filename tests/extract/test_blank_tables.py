"""A table published with every figure cell blank (a body that received no requests, or faced no
review or suit, that year, leaves the cells empty) is read as published: every cell found, each
blank, in web pages, Word files (the official template too) and PDFs of both templates, ruled or
set without rules (fpdf2's ``no_rules`` print; a page without borders printed by Chromium and by
WeasyPrint). Before, the header was taken to run to the table's end: "table 四: cells not
found", or table 三's (七)总计 and 3.其他 read as applicant headers ("applicant columns printed
twice"); without rules, no figure set a column: "table 四 … not found among the tables set
without rules", "the text '其他' falls in the cell of '法律服务机构'"."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from roundtrip_support import check_printed_facts, written

from pipeline.extract import extract_report
from pipeline.extract.classify import Table, classify
from pipeline.extract.glyphs import lines_of
from pipeline.extract.review_table import map_review
from pipeline.extract.runningheads import content_glyphs
from pipeline.extract.unruled import tables_of_pages
from pipeline.replica.content import published_blank
from pipeline.replica.synthetic import generate

# Printed without rules: by fpdf2 (the ``no_rules`` layout class), or as a page without borders.
UNRULED = ("unruled", "chromium", "weasyprint")


CASES = [
    ("2021", ("review",), "html"),
    ("2021", ("review",), "docx"),
    ("2021", ("review",), "official"),
    ("2021", ("review",), "pdf"),
    ("2021", ("requests",), "html"),
    ("2021", ("requests",), "docx"),
    ("2021", ("requests",), "official"),
    ("2021", ("requests", "review"), "official"),
    ("2019", ("requests", "review"), "html"),
    ("2019", ("requests", "review"), "pdf"),
    ("2021", ("review",), "unruled"),
    ("2021", ("requests",), "unruled"),
    ("2019", ("requests", "review"), "unruled"),
    ("2021", ("requests", "review"), "chromium"),
    ("2019", ("review",), "weasyprint"),
]


@pytest.mark.parametrize(
    ("template", "tables", "form"), CASES, ids=lambda v: "+".join(v) if isinstance(v, tuple) else v
)
def test_a_table_published_blank_reads_as_blank_cells(tmp_path, template, tables, form):
    classes = ("no_rules",) if form in UNRULED else ()
    content = published_blank(generate(0, template, classes=classes), tables)

    extraction = extract_report(written(content, form, tmp_path))

    check_printed_facts(extraction, content, [f"{' and '.join(tables)} blank, {form}"])
    assert [f for f in extraction.facts if f.table in tables and f.value is not None] == []


@pytest.mark.parametrize(("template", "mark"), [("2021", "—"), ("2019", "/")])
def test_a_table_printed_dashed_without_rules_reads_as_blank_cells(tmp_path, template, mark):
    """Every cell of table 三 printed as a dash without rules: each a blank (NULL, its dash kept
    as raw). Before, its (一)予以公开, beside no group label, was taken for the heading （三）不予公开
    it resembles: "cells not found: granted"."""
    content = published_blank(generate(0, template, classes=("no_rules",)), ("requests",), mark)

    extraction = extract_report(written(content, "unruled", tmp_path))

    check_printed_facts(extraction, content, [f"requests printed {mark}, unruled"])
    assert {f.raw for f in extraction.facts if f.table == "requests"} == {mark}


def test_a_blank_table_whose_header_ends_a_page_reads_its_blank_row_on_the_next():
    """Table 四 published blank, its header at the foot of page 3 and its row of blank cells at the
    top of page 4 (a real LibreOffice print of the official template): before, "cells not found"."""
    content = published_blank(generate(0, "2021"), ("review",))

    extraction = extract_report(Path(__file__).parents[1] / "fixtures" / "word" / "blank-review-across-pages.pdf")

    check_printed_facts(extraction, content, ["table 四 blank, its header ending page 3"])
    assert {fact.page for fact in extraction.facts if fact.table == "review"} == {4}


def test_a_blank_table_four_ending_a_page_without_rules_reads_its_row_of_blank_cells(tmp_path):
    """Table 四 published blank and set without rules as the last text of its page (its header
    alone at the foot, section 五 opening the next page): its one row of cells, printed as
    nothing, is read blank under its fifteen result headers. The pages are fpdf2's print of its
    last page cut above section 五. Ending the last page read, the header is no blank table: its
    figures may open a page not read."""
    content = published_blank(generate(0, "2021", classes=("no_rules",)), ("review",))
    path = written(content, "unruled", tmp_path)
    document = pdfium.PdfDocument(path)
    number = len(document)
    lines = lines_of(content_glyphs(path, number, document[number - 1]))
    document.close()
    five = next(i for i, line in enumerate(lines) if "".join(g.text for g in line).startswith("五、"))

    above, below = ([g for line in part for g in line] for part in (lines[:five], lines[five:]))

    segments = tables_of_pages([(number, above), (number + 1, below)])

    review = map_review(Table("review", [s for s in segments if classify(s) == "review"]))
    assert len(review.facts) == 15
    assert all(fact.value is None and fact.raw == "" and fact.page == number for fact in review.facts)
    assert [s for s in tables_of_pages([(number, above)]) if classify(s) == "review"] == []
