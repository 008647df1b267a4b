"""``ogi run --live`` against a local imitation of a ministry's site that posts its reports as Word
files: an article page whose attachment is a .doc (saved by LibreOffice), and a listing entry that
links a .docx itself. Both are followed like PDF attachments (the site's host only, the size cap,
the raw store by sha256, conditional requests), read through LibreOffice where needed, and loaded
with every figure; a rerun downloads nothing."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from sitefixture import Route, Site, site  # noqa: F401 (site is a fixture)
from test_live_html import AGENCY, FAST, LISTING, cells, content, query
from word_support import mhtml

from pipeline.cli import main
from pipeline.core.figures import figure_cells
from pipeline.fetch.discovery import attachment, is_word_url, parse_page
from pipeline.fetch.identity import WrongReport, check_identity, word_lines
from pipeline.fetch.store import RawStore
from pipeline.replica.webpage import Style, render_page
from pipeline.replica.worddoc import converted, render_docx

DOC_TYPE = "application/msword"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(autouse=True)
def throwaway_instance(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DAGSTER_HOME", raising=False)


@pytest.fixture
def ministry(site: Site) -> dict:
    """2021: an article page (no tables) whose attachment is the report as .doc; 2022: the
    listing links the report's .docx itself."""
    reports = {2021: content(2021, 6), 2022: content(2022, 7)}
    doc = converted(render_docx(reports[2021], 6).data, "docx", "doc")
    docx = render_docx(reports[2022], 7).data
    site.routes[LISTING + "2022/P020220120.doc"] = Route(body=doc, content_type=DOC_TYPE)
    site.routes[LISTING + "2023/P020230120.docx"] = Route(body=docx, content_type=DOCX_TYPE)
    site.html(
        LISTING + "2022/t20220120_1.shtml",
        f"<html><head><meta charset='utf-8'><title>{AGENCY}2021年政府信息公开工作年度报告</title></head><body>"
        f"<h1>{AGENCY}2021年政府信息公开工作年度报告</h1><p>（全文见附件）</p>"
        f"<p><a href='./P020220120.doc'>附件：{AGENCY}2021年政府信息公开工作年度报告.doc</a></p></body></html>",
    )
    items = (
        f'<li><a href="./2023/P020230120.docx">{AGENCY}2022年政府信息公开工作年度报告</a></li>'
        f'<li><a href="./2022/t20220120_1.shtml">{AGENCY}2021年政府信息公开工作年度报告</a></li>'
    )
    site.html(LISTING, f"<html><head><meta charset='utf-8'></head><body><ul class='list'>{items}</ul></body></html>")
    return {
        "reports": reports,
        "files": {2021: (LISTING + "2022/P020220120.doc", doc), 2022: (LISTING + "2023/P020230120.docx", docx)},
    }


def ogi_live(site: Site, data: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(
        ["run", "--live", "--listing-url", site.url(LISTING), "--agency", "mfa", "--data-dir", str(data), *FAST]
    )
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_live_word_files(site: Site, ministry: dict, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    code, out, err = ogi_live(site, data, capsys)

    assert code == 0, out + err
    warehouse = data / "warehouse.duckdb"
    assert query(warehouse, "SELECT year, kind, source_url FROM reports ORDER BY year") == [
        (year, "original", site.url(ministry["files"][year][0])) for year in (2021, 2022)
    ]
    for year, fmt in ((2021, "doc"), (2022, "docx")):
        path, body = ministry["files"][year]
        record = json.loads((data / "raw" / "reports" / "mfa" / f"{year}.json").read_text(encoding="utf-8"))
        assert record["format"] == fmt and record["source_url"] == site.url(path)
        assert record["sha256"] == hashlib.sha256(body).hexdigest() and record["headers"]["ETag"]
        assert (data / "raw" / "objects" / f"{record['sha256']}.{fmt}").read_bytes() == body
        # Every figure, each with its table, row and column in the Word file, and no page.
        assert cells(warehouse, year) == figure_cells(ministry["reports"][year].figures)
    assert query(warehouse, "SELECT count(*) = count(locator), count(page) FROM request_facts") == [(True, 0)]

    # A second run downloads nothing and extracts nothing: both files answer 304.
    site.log.clear()
    code, out, err = ogi_live(site, data, capsys)
    assert code == 0, out + err
    for year in (2021, 2022):
        path = ministry["files"][year][0]
        assert site.statuses(path) and set(site.statuses(path)) == {"304"}, (path, site.statuses(path))
        assert f"mfa {year}: unchanged on the site, not downloaded" in out
    assert "extracted" not in out.replace("not extracted", "")


def test_a_word_attachment_is_an_attachment_and_a_pdf_comes_first() -> None:
    url = "http://h/zfxxgknb/a.shtml"
    word = parse_page(f"<a href='/f/P0201.doc'>附件：{AGENCY}2021年政府信息公开工作年度报告.doc</a>", url)
    assert attachment(word, 2021) == "http://h/f/P0201.doc"
    both = parse_page(
        "<a href='/f/r.wps'>附件：2021年度报告（WPS版）</a><a href='/f/r.pdf'>附件：2021年度报告（PDF版）</a>", url
    )
    assert attachment(both, 2021) == "http://h/f/r.pdf"
    assert [is_word_url(f"http://h/f/r.{ext}") for ext in ("docx", "DOC", "wps", "rtf", "odt", "pdf", "shtml")] == [
        True,
        True,
        True,
        True,
        True,
        False,
        False,
    ]


def test_a_word_file_naming_another_year_is_refused() -> None:
    """The title a Word file prints is checked like a PDF's: last year's file under this year's title."""
    data = render_docx(content(2021, 6), 6).data
    lines = word_lines(data, "docx")
    assert lines[0] == f"{AGENCY}2021年政府信息公开工作年度报告"
    check_identity(lines, agency_name=AGENCY, year=2021, url="http://h/r.docx")
    with pytest.raises(WrongReport, match="listed as the report on 2022, but the document is the report on 2021"):
        check_identity(lines, agency_name=AGENCY, year=2022, url="http://h/r.docx")


def test_a_single_file_web_page_is_stored_and_its_title_read(tmp_path: Path) -> None:
    report = content(2021, 6)
    data = mhtml(render_page(report, 6, Style(charset="gbk", header_charset=None, meta_charset="gb2312")).data)
    raw = RawStore(tmp_path / "raw").put_bytes(
        data,
        agency="mfa",
        year=2021,
        kind="original",
        source_url="http://h/r.doc",
        final_url=None,
        status=200,
        headers={},
    )
    assert raw.format == "mht" and raw.path.suffix == ".mht" and raw.path.read_bytes() == data
    assert f"{AGENCY}2021年政府信息公开工作年度报告" in word_lines(data, raw.format)
