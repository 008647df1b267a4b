"""A report page that mixes HTML tables and table pictures, kept as a single-file web page (the
archive a live run makes of a page and the pictures it fetched): table 四 a browser's screen grab
of the table, tables 二 and 三 HTML, and beside them pictures that are no table (the site's logo, a
QR code, a photo of the seal). Read whole, every cell the published figure, nothing from the
other pictures."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.core.facts import Extraction
from pipeline.extract import extract_report
from pipeline.extract.mhtfile import write_archive
from pipeline.replica.content import load_content
from pipeline.replica.picturepage import DECOR, PICTURES, picture_page
from pipeline.replica.webpage import Style, render_html

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"
SITE = "https://www.example.gov.cn"


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> tuple[Extraction, Extraction]:
    """The all-HTML page read, and the same report with table 四 as a picture, read from its archive."""
    folder = tmp_path_factory.mktemp("pictures")
    content = load_content(SAMPLES / "huaian-hongze-2024.yaml")
    (folder / "all.html").write_text(render_html(content, Style(chrome=False)), encoding="utf-8")
    page = picture_page(content, {"四"}, folder).encode("utf-8")
    paths = [*DECOR.values(), f"{PICTURES}/table4.png"]
    parts = [(f"{SITE}/{path}", "image/png", (folder / path).read_bytes()) for path in paths]
    archive = write_archive(page, "text/html; charset=utf-8", f"{SITE}/art/2025/1/20/art_1.html", parts)
    (folder / "page.mht").write_bytes(archive)
    return extract_report(folder / "all.html"), extract_report(folder / "page.mht")


def test_a_page_with_table_four_as_a_picture_reads_every_cell(pages) -> None:
    truth, read = pages
    assert read.engine == "html+ocr-rapidocr" and read.template == truth.template
    got = {(f.table, f.row, f.column): f for f in read.facts}
    # The logo, the QR code and the seal add nothing; every published cell is there.
    assert set(got) == {(f.table, f.row, f.column) for f in truth.facts}
    assert [
        (f.table, f.row, f.column, got[f.table, f.row, f.column].raw)
        for f in truth.facts
        if got[f.table, f.row, f.column].value != f.value
    ] == []


def test_each_fact_says_where_it_was_read(pages) -> None:
    """A picture's fact: its picture's number among the pictures of the page (the logo is the first),
    OCR's confidence; an HTML table's: its table, row and column, no page, no confidence."""
    truth, read = pages
    pictured = [f for f in read.facts if f.table == "review"]
    assert {(f.page, f.locator) for f in pictured} == {(2, "image 2 of the web page")}
    assert all(f.confidence is not None and f.confidence >= 0.9 for f in pictured)
    html = [f for f in read.facts if f.table != "review"]
    assert {(f.page, f.confidence) for f in html} == {(None, None)}
    by_cell = {(f.table, f.row, f.column): f.locator for f in truth.facts}
    assert all(f.locator == by_cell[f.table, f.row, f.column] for f in html)
