"""Reports published as web pages: the real 平潭 pages to the cell, their provenance (locator, raw
text), charsets however declared, and recognition by content rather than by file name."""

from __future__ import annotations

import json
import re

import pytest
from truth import truth_cells

from pipeline.core.facts import ReportError
from pipeline.core.figures import figure_cells, mismatches
from pipeline.extract import extract_report, required_cells
from pipeline.extract.charset import decode_page, header_charset
from pipeline.extract.htmlpage import cell_text, is_web_page, read_page

PINGTAN = [f"pingtan-{year}" for year in (2022, 2023, 2024, 2025)]


@pytest.mark.parametrize("name", PINGTAN)
def test_real_page_matches_truth_cell_by_cell(fixtures, name):
    truth = json.loads((fixtures / "realworld" / f"{name}.truth.json").read_text(encoding="utf-8"))
    extraction = extract_report(fixtures / "realworld" / f"{name}.html")
    assert extraction.template == truth["report"]["template"]
    expected = figure_cells(truth, truth["columns"])
    assert mismatches(extraction, expected) == []
    assert len(extraction.facts) == len(expected)
    page = read_page((fixtures / "realworld" / f"{name}.html").read_bytes())
    assert f"平潭综合实验区{truth['report']['year']}年度政府信息公开工作年度报告" == page.title


def test_real_page_provenance(fixtures):
    """No page; the locator names the <table>, its <tr> and the grid column of the cell, and the
    cell text is kept as published (without its trailing &nbsp; run)."""
    path = fixtures / "realworld" / "pingtan-2022.html"
    extraction = extract_report(path)
    by_cell = {(f.table, f.row, f.column): f for f in extraction.facts}
    assert all(f.page is None and f.locator for f in extraction.facts)
    new = by_cell[("requests", "new_requests", "natural_person")]
    assert (new.value, new.raw, new.locator) == (71, "71", "table 2, row 4, column 4")
    fee = by_cell[("proactive", "administrative_fees", "fee_amount_yuan")]
    assert (fee.value, fee.raw) == (91163600, "9116.36")
    # The locator is checked against the markup itself: the 2nd table's 4th row, 4th grid column
    # (its label cell spans three).
    page = read_page(path.read_bytes())
    segment = next(s for s in page.segments if s.page == 2)
    assert segment.at[3][3].text == "71" and segment.at[3][0].text.startswith("一、本年新收")
    assert extraction.table_pages == {"proactive": [1], "requests": [2], "review": [3]}
    keys = {(f.table, f.row, f.column) for f in extraction.facts}
    assert keys == required_cells("2021", other_handling_split=extraction.other_handling_split)


def test_recognised_by_content_not_name(fixtures, tmp_path):
    page = tmp_path / "report.pdf"  # a web page saved under a PDF's name
    page.write_bytes((fixtures / "realworld" / "pingtan-2023.html").read_bytes())
    pdf = tmp_path / "report.html"  # and a PDF under a page's name
    pdf.write_bytes((fixtures / "realworld" / "hongze-2024.pdf").read_bytes())
    assert all(f.locator and f.page is None for f in extract_report(page).facts)
    assert all(f.page and f.locator is None for f in extract_report(pdf).facts)


@pytest.mark.parametrize("codec", ["gb18030", "gbk", "utf-8"])
@pytest.mark.parametrize("where", ["header", "meta", "both", "none", "meta lies"])
def test_charsets(fixtures, tmp_path, codec, where):
    """The same page encoded, declared (or misdeclared) in every way reads the same."""
    text = (fixtures / "realworld" / "pingtan-2024.html").read_text(encoding="utf-8")
    declared = {"gb18030": "GB2312", "gbk": "GBK", "utf-8": "UTF-8"}[codec]
    meta = {"meta": declared, "both": declared, "meta lies": "utf-8" if codec != "utf-8" else "GBK"}.get(where)
    text = text.replace(
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Type" content="text/html; charset={meta}">' if meta else "",
    )
    path = tmp_path / "page"
    path.write_bytes(text.encode(codec))
    header = header_charset(f"text/html; charset={declared}") if where in ("header", "both") else None
    extraction = extract_report(path, charset=header)
    assert mismatches(extraction, truth_cells(fixtures / "realworld" / "pingtan-2024.truth.json")) == []
    assert "平潭综合实验区2024年度" in read_page(path.read_bytes(), header).title


def test_gb2312_is_read_as_gb18030():
    data = "<html><head><meta charset=gb2312><title>镕</title></head></html>".encode("gb18030")  # 镕: GBK, not GB2312
    text, codec = decode_page(data)
    assert codec == "gb18030" and "镕" in text


def test_cell_text_as_a_browser_shows_it():
    cell = (
        read_page(
            "<table><tr><td><p><span>商业&nbsp;</span></p><p>企业&nbsp;&nbsp;&nbsp;</p></td></tr></table>".encode()
        )
        .segments[0]
        .at[0][0]
    )
    assert cell.text == "商业\n企业"
    import lxml.html

    assert cell_text(lxml.html.fragment_fromstring("<td> 1<br>2 \n 3 </td>")) == "1\n2 3"


def test_spans_expand_into_a_grid():
    markup = (
        '<table><tr><td rowspan="2" colspan="2">a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr>'
        "<tr><td>e</td></tr></table>"
    )
    segment = read_page(markup.encode()).segments[0]
    texts = [[region.text for region in row] for row in segment.at]
    assert texts == [["a", "a", "b", ""], ["a", "a", "c", "d"], ["e", "", "", ""]]
    assert segment.at[1][3].locator == "table 1, row 2, column 4"
    assert segment.at[0][0].r1 == 1 and segment.at[0][0].x1 == 2 * segment.cols[0][1]


def test_layout_tables_and_chrome_are_passed_over(fixtures):
    article = (fixtures / "realworld" / "pingtan-2025.html").read_text(encoding="utf-8")
    body = re.search(r"<body>(.*)</body>", article, re.S)[1]
    page = (
        f"<html><body><table class=layout><tr><td><ul><li>首页</li></ul></td><td>{body}</td></tr></table>"
        "<table><tr><td>主办单位</td><td>网站标识码</td></tr></table><script>var a='<table>';</script></body></html>"
    )
    extraction = extract_report_bytes(page.encode("utf-8"))
    assert mismatches(extraction, truth_cells(fixtures / "realworld" / "pingtan-2025.truth.json")) == []
    assert extraction.facts[0].locator.startswith("table 2,")  # table 1 is the layout table around the article


def extract_report_bytes(data: bytes):
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "page"
        path.write_bytes(data)
        return extract_report(path)


def test_sniffing():
    assert is_web_page(b"\xef\xbb\xbf<!DOCTYPE html><html>")
    assert is_web_page(b"  <!-- saved -->\n<HTML>")
    assert is_web_page(b'<?xml version="1.0" encoding="gbk"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN">')
    assert is_web_page(b"<script>var a = 1;</script><meta charset=gbk><table>")
    assert not is_web_page(b"%PDF-1.7")
    assert not is_web_page(b"hello")


def test_a_page_without_the_tables_says_so(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes("<html><body><p>2023年政府信息公开工作年度报告</p></body></html>".encode())
    with pytest.raises(ReportError, match="an HTML page without tables"):
        extract_report(path)
    path.write_bytes("<html><body><table><tr><td>主办单位</td></tr></table></body></html>".encode())
    with pytest.raises(ReportError, match="not found among the 1 tables of the web page"):
        extract_report(path)


def test_errors_name_the_table_of_the_page(fixtures, tmp_path):
    page = (fixtures / "realworld" / "pingtan-2023.html").read_text(encoding="utf-8")
    path = tmp_path / "page.html"
    path.write_text(page.replace(">1.属于国家秘密<", ">表外说明<", 1), encoding="utf-8")
    with pytest.raises(ReportError, match=r"rows not recognised: '表外说明' \(table 2\)"):
        extract_report(path)


@pytest.mark.parametrize("name", PINGTAN)
def test_ogi_extract_prints_every_cell_of_a_page(fixtures, name):
    """The installed command on each real page: CSV with the locator column, 100% of the truth."""
    import csv
    import io
    import subprocess
    import sys
    from decimal import Decimal

    path = fixtures / "realworld" / f"{name}.html"
    done = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "extract", str(path)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0 and done.stderr == "", done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert list(rows[0]) == [
        "table",
        "row",
        "column",
        "value",
        "page",
        "raw",
        "label",
        "label_score",
        "locator",
        "confidence",
        "doubt",
    ]
    got = {(r["table"], r["row"], r["column"]): (Decimal(r["value"]) if r["value"] else None) for r in rows}
    assert got == truth_cells(fixtures / "realworld" / f"{name}.truth.json")
    assert all(r["page"] == "" and r["locator"].startswith("table ") for r in rows)


def test_other_publishers_page_with_blank_cells(fixtures):
    """上海市人民政府办公厅's page on 2019: most cells of tables 三 and 四 published blank (not 0), the
    总计 column blank in the outcome rows, and table 二's ragged sub-tables (the header row's cells
    1 + 2 + 1 grid columns wide, the figure rows' 2 + 1 + 1): read cell by cell, blank as blank."""
    extraction = extract_report(fixtures / "realworld" / "shanghai-2019.html")
    assert extraction.template == "2019"
    expected = truth_cells(fixtures / "realworld" / "shanghai-2019.truth.json")
    assert mismatches(extraction, expected) == []
    assert len(extraction.facts) == len(expected)
    blank = [f for f in extraction.facts if f.value is None]
    assert len(blank) == sum(v is None for v in expected.values()) > 100
    assert all(f.raw == "" for f in blank)


def _swallowed(html: str, table: int, row: int, cell: int) -> str:
    """``html`` with the closing quote of an attribute deleted inside the ``cell``-th figure cell
    (0-based) of the ``row``-th ``<tr>`` of the ``table``-th ``<table>``: the attribute then runs
    on to the next quote, and the parser takes that cell's figure and the next cell's opening tag
    into it, so the row has one cell fewer (a damaged page as some CMSs post them)."""
    start = [m.start() for m in re.finditer("<table", html)][table]
    at = [m.start() for m in re.finditer("<tr", html[start:])][row] + start
    quote = [m.start() for m in re.finditer(r'"(?=>(?:<span>)?\d)', html[at:])][cell] + at
    return html[:quote] + html[quote + 1 :]


@pytest.mark.parametrize(
    ("name", "table", "row", "cell", "line"),
    [
        ("pingtan-2025", 1, 3, 0, "table 三: row new_requests has no cell under total (table 2, row 4, column 10)"),
        ("pingtan-2025", 1, 8, 3, "table 三: row denied.prohibited_by_law has no cell under total"),
        ("pingtan-2024", 1, 5, 1, "table 三: row granted has no cell under total"),
        ("pingtan-2025", 2, 3, 2, "table 四: row litigation_after_review has no cell under total"),
        ("pingtan-2024", 2, 3, 2, "table 四: row litigation_after_review has no cell under total"),
        ("pingtan-2024", 0, 2, 0, "table 二: row rules has no cell under in_force (table 1, row 3, column 4)"),
        ("pingtan-2016", 0, 2, 0, "statistics table: row '其中：1、政府网站公开数' has no cell under cumulative"),
    ],
)
def test_a_swallowed_cell_does_not_shift_the_row(fixtures, tmp_path, name, table, row, cell, line):
    """A row that lost a cell to broken markup ends short; read left-aligned, its figures would each
    land one column off (natural_person read as 3 for 151). Which cell is missing cannot be told, so
    the report fails in one line naming the table and the row."""
    html = (fixtures / "realworld" / f"{name}.html").read_text(encoding="utf-8")
    path = tmp_path / "page.html"
    path.write_text(_swallowed(html, table, row, cell), encoding="utf-8")
    with pytest.raises(ReportError, match=re.escape(line)):
        extract_report(path)
