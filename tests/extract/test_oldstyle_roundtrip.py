"""Round trips of generated old-style reports (``pipeline.replica.oldreports``): each province's
table variant as a web page, a Word file and a PDF printed by Chromium, and a report with its
figures in the text only, read back exactly: every figure with its label, unit, column, section
and (for the text) sentence as printed."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.core.facts import ReportError
from pipeline.extract import extract_report
from pipeline.extract.compare import disagreements
from pipeline.replica.oldreports import VARIANTS, OldReport, generate_old, old_docx, old_html, old_pdf


def _read(path: Path) -> list[tuple]:
    extraction = extract_report(path)
    assert extraction.template == "legacy"
    return sorted(
        (f.label, f.column, f.raw, f.value, f.unit or "", f.section or "", f.sentence) for f in extraction.facts
    )


def _printed(report: OldReport) -> list[tuple]:
    return sorted((g.label, g.period, g.raw, g.value, g.unit, g.section, g.sentence) for g in report.figures)


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("variant", VARIANTS)
def test_a_web_page_reads_back_exactly(tmp_path: Path, variant: str, seed: int) -> None:
    report = generate_old(variant, seed)
    path = tmp_path / "report.html"
    path.write_text(old_html(report), encoding="utf-8")
    assert _read(path) == _printed(report)


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("variant", VARIANTS)
def test_a_word_file_reads_back_exactly(tmp_path: Path, variant: str, seed: int) -> None:
    report = generate_old(variant, seed)
    path = tmp_path / "report.docx"
    path.write_bytes(old_docx(report))
    assert _read(path) == _printed(report)


@pytest.mark.parametrize("variant", VARIANTS)
def test_a_printed_pdf_reads_back_exactly_with_its_pages(tmp_path: Path, variant: str) -> None:
    report = generate_old(variant, 3, year=2012)
    path = old_pdf(report, tmp_path / "report.pdf")
    assert _read(path) == _printed(report)
    loaded = extract_report(path)
    assert {f.page for f in loaded.facts} == {1}
    # The page it was printed from witnesses the same table (its text figures are not compared).
    page = tmp_path / "report.html"
    page.write_text(old_html(report), encoding="utf-8")
    assert disagreements(loaded, extract_report(page)) == []


def test_the_table_variants_differ_and_the_prose_report_has_no_table() -> None:
    tables = {v: tuple(row[1] for row in generate_old(v, 1).rows) for v in VARIANTS}
    assert len(set(tables.values())) == len(VARIANTS) and tables["prose"] == ()


def test_a_page_with_neither_old_nor_new_figures_says_so(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    page = "<html><body><p>2015年政府信息公开工作年度报告</p><table><tr><td>联系人</td><td>电话</td></tr></table></body></html>"
    path.write_text(page, encoding="utf-8")
    with pytest.raises(ReportError, match="table 三 \\(requests\\) not found"):
        extract_report(path)


@pytest.mark.parametrize("variant", ["fujian-2009", "shanghai"])
def test_a_table_broken_by_a_page_keeps_its_rows_sections(tmp_path: Path, variant: str) -> None:
    """Text before the table pushes it over a page: the rows on the next page are read under the
    headings of the page before (the numbered total, the category cell printed on the first page only)."""
    report = generate_old(variant, 5, year=2016)
    report.paragraphs += ["（空行说明）工作情况。" * 3] * 28
    path = old_pdf(report, tmp_path / "report.pdf")
    extraction = extract_report(path)
    assert len({f.page for f in extraction.facts if f.sentence is None}) == 2
    assert _read(path) == _printed(report)
