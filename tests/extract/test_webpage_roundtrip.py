"""Round trips through web pages: synthetic reports (both templates, random figures and printing
quirks) are written as article pages with the habits of real sites (chrome, charsets, Word-export
cells, spacer cells, ragged boundaries, a repeated header) and extracted again; every figure comes
back exactly, with its printed text and the cell's locator. Some pages are also printed to PDF by
headless Chromium and read by the PDF path."""

from __future__ import annotations

import pytest
from roundtrip_support import check_printed_facts

from pipeline.core.figures import figure_cells, mismatches
from pipeline.extract import extract_report
from pipeline.extract.charset import header_charset
from pipeline.extract.htmlpage import read_page
from pipeline.replica.chromium import print_pdf
from pipeline.replica.synthetic import generate
from pipeline.replica.webpage import Style, draw_style, render_page

CASES = [(seed, template) for seed in range(20) for template in ("2019", "2021")]


@pytest.mark.parametrize(("seed", "template"), CASES, ids=lambda v: str(v))
def test_page_roundtrip(tmp_path, seed, template):
    content = generate(seed, template)
    page = render_page(content, seed)
    path = tmp_path / "report"
    path.write_bytes(page.data)

    extraction = extract_report(path, charset=header_charset(page.content_type))

    check_printed_facts(extraction, content, page.quirks + content.quirks)
    segments = {segment.page: segment for segment in read_page(page.data, header_charset(page.content_type)).segments}
    for fact in extraction.facts:
        assert fact.page is None
        # The locator points at the cell that holds the raw text.
        table, _, column = (int(part.split()[-1]) for part in fact.locator.split(", "))
        assert any(
            region.text == fact.raw and region.locator == fact.locator
            for region in (row[column - 1] for row in segments[table].at)
        )


def test_the_generator_draws_every_quirk():
    quirks = {quirk for seed in range(20) for quirk in draw_style(seed)[1]}
    for expected in (
        "chrome",
        "wrap",
        "nbsp",
        "spacer",
        "ragged",
        "repeat header",
        "th",
        "the <meta> charset says utf-8 but the bytes are not",
    ):
        assert expected in quirks
    assert {q.split(",")[0] for q in quirks if q.startswith("charset")} == {
        "charset utf-8",
        "charset gb2312",
        "charset gbk",
        "charset gb18030",
    }


@pytest.mark.parametrize("seed", [2, 5, 8])
def test_printed_page_roundtrip(tmp_path, seed):
    """A page printed to PDF by Chromium (collapsed borders) reads back through the PDF path.
    (The page has no column widths, so the generator's PDF layout classes are left out: a ragged
    grid without its widths is not one; test_roundtrip_printed.py prints those.)"""
    content = generate(seed, "2021", classes=())
    style, _ = draw_style(seed)
    style.charset = style.meta_charset = "utf-8"  # a file:// page has no HTTP header to name it
    style.repeat_header = False
    html = tmp_path / "report.html"
    html.write_bytes(render_page(content, seed, style).data)

    pdf = print_pdf(html, tmp_path / "report.pdf")

    extraction = extract_report(pdf)
    assert all(fact.page and fact.locator is None for fact in extraction.facts)
    assert mismatches(extraction, figure_cells(content.figures)) == [], content.quirks


def test_style_default_is_a_plain_page():
    page = render_page(generate(0, "2021"), 0, Style(chrome=False, wrap=False, nbsp=False))
    assert page.content_type == "text/html; charset=utf-8"
    assert b"<p><span>" not in page.data and b"&nbsp;" not in page.data
