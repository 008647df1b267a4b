"""``ogi run --live`` against a local imitation of a ministry's site that publishes reports as
article pages: a GBK page with the site's chrome and no PDF loads from its tables; a page with
the tables and a PDF of the same report loads the PDF and records the cells where the two differ;
last year's PDF linked again under this year's title is refused; a rerun downloads nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sitefixture import Route, Site, site  # noqa: F401 (site is a fixture)
from warehouse_support import query

from pipeline.cli import main
from pipeline.core.figures import figure_cells
from pipeline.replica.render import render_pdf
from pipeline.replica.synthetic import generate
from pipeline.replica.webpage import Style, render_html

LISTING = "/zwgk/zfxxgknb/"
FAST = ["--delay", "0", "--timeout", "5", "--retries", "1", "--jobs", "1"]
AGENCY = "外交部"  # the catalog's mfa, whose name the documents must print


@pytest.fixture(autouse=True)
def throwaway_instance(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DAGSTER_HOME", raising=False)


def content(year: int, seed: int):
    report = generate(seed, "2021")
    report.agency, report.year = AGENCY, year
    report.body["preface"] = [f"本报告由{AGENCY}编制，所列数据的统计期限为{year}年1月1日至{year}年12月31日。"]
    return report


def article(report, *, pdf_link: str | None = None, charset: str = "utf-8", tables: bool = True) -> Route:
    style = Style(charset=charset, header_charset=charset, meta_charset=charset, spacer=True, ragged=True)
    html = render_html(report, style)
    if not tables:
        article_end = html.index('<div class="share">')  # the site's footer table stays
        html = html.replace(
            html[html.index("<table") : html.rindex("</table>", 0, article_end) + 8], "<p>（表格见附件）</p>"
        )
    if pdf_link:
        html = html.replace(
            '<div class="share">', f'<p><a href="{pdf_link}">附件：{report.full_title()}.pdf</a></p><div class="share">'
        )
    return Route(
        body=html.encode("gb18030" if charset == "gbk" else charset), content_type=f"text/html; charset={charset}"
    )


@pytest.fixture
def ministry(site: Site, tmp_path: Path) -> dict:
    """2021: an HTML-only year (GBK, chrome); 2020: a page with the tables and a PDF of the same
    report, whose page misprints one cell; 2022: a page with no tables whose attachment is the 2021
    PDF again."""
    reports = {2020: content(2020, 3), 2021: content(2021, 4), 2022: content(2022, 5)}
    pdf_2020, pdf_2021 = tmp_path / "2020.pdf", tmp_path / "2021.pdf"
    render_pdf(reports[2020], pdf_2020)
    render_pdf(reports[2021], pdf_2021)
    misprinted = content(2020, 3)
    misprinted.printed["requests.new_requests.natural_person"] = str(
        (misprinted.figures["requests"]["new_requests"][0] or 0) + 1
    )
    pages = {
        2021: ("2022/t20220120_1.shtml", article(reports[2021], charset="gbk")),
        2020: ("2021/t20210120_1.shtml", article(misprinted, pdf_link="./P020210120.pdf")),
        2022: ("2023/t20230120_1.shtml", article(reports[2022], pdf_link="./P020230120.pdf", tables=False)),
    }
    site.routes[LISTING + "2021/P020210120.pdf"] = Route(body=pdf_2020.read_bytes(), content_type="application/pdf")
    site.routes[LISTING + "2023/P020230120.pdf"] = Route(body=pdf_2021.read_bytes(), content_type="application/pdf")
    items = ""
    for year, (path, route) in sorted(pages.items(), reverse=True):
        site.routes[LISTING + path] = route
        items += f'<li><a href="./{path}" title="{AGENCY}{year}年政府信息公开工作年度报告">{AGENCY}{year}年政府信息公开…</a></li>'
    site.html(LISTING, f"<html><head><meta charset='utf-8'></head><body><ul class='list'>{items}</ul></body></html>")
    return {"reports": reports, "pages": {year: LISTING + path for year, (path, _) in pages.items()}}


def ogi_live(site: Site, data: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(
        ["run", "--live", "--listing-url", site.url(LISTING), "--agency", "mfa", "--data-dir", str(data), *FAST]
    )
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def cells(warehouse: Path, year: int) -> dict:
    found = {}
    for table, name, row, column in (
        ("requests", "request_facts", "outcome", "applicant"),
        ("review", "review_facts", "proceeding", "result"),
        ("proactive", "proactive_facts", "item", "measure"),
    ):
        rows = query(warehouse, f"SELECT {row}, {column}, value FROM {name} WHERE agency = 'mfa' AND year = ?", [year])
        found |= {(table, r, c): v for r, c, v in rows}
    return found


def test_live_pages(site: Site, ministry: dict, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    code, out, err = ogi_live(site, data, capsys)

    # The recycled attachment is refused in one line naming both years; nothing is filed under 2022.
    lines = err.splitlines()
    assert code == 2 and len(lines) == 1, out + err
    assert lines[0].startswith(
        "ogi: error: mfa 2022: refused: listed as the report on 2022, but the document is the report on 2021"
    ), err
    warehouse = data / "warehouse.duckdb"
    assert query(warehouse, "SELECT year, kind, source_url FROM reports ORDER BY year") == [
        (2020, "original", site.url(LISTING + "2021/P020210120.pdf")),
        (2021, "original", site.url(ministry["pages"][2021])),
    ]
    assert not (data / "raw" / "reports" / "mfa" / "2022.json").exists()
    # The page is stored like a PDF: by its hash, with its address, headers and time.
    page = json.loads((data / "raw" / "reports" / "mfa" / "2021.json").read_text(encoding="utf-8"))
    assert page["format"] == "html" and page["source_url"] == site.url(ministry["pages"][2021])
    assert (
        page["headers"]["Content-Type"] == "text/html; charset=gbk" and page["fetched_at"] and page["headers"]["ETag"]
    )
    assert (data / "raw" / "objects" / f"{page['sha256']}.html").is_file()
    witness = json.loads((data / "raw" / "witnesses" / "reports" / "mfa" / "2020.json").read_text(encoding="utf-8"))
    assert witness["source_url"] == site.url(ministry["pages"][2020])

    # The HTML-only year: every figure, each with its locator and no page.
    assert cells(warehouse, 2021) == figure_cells(ministry["reports"][2021].figures)
    assert query(warehouse, "SELECT count(*), count(page), count(locator) FROM request_facts WHERE year = 2021") == [
        (161, 0, 161)
    ]

    # Both witnesses of 2020: the PDF is loaded, the misprinted cell of the page is an issue.
    assert cells(warehouse, 2020) == figure_cells(ministry["reports"][2020].figures)
    issues = query(
        warehouse,
        "SELECT subject, published, computed, message, cells FROM quality_issues "
        "WHERE check_name = 'pdf_page_mismatch'",
    )
    assert len(issues) == 1
    subject, published, computed, message, involved = issues[0]
    assert subject == "requests.new_requests.natural_person" and computed == published + 1
    sides = json.loads(involved)
    assert sides[0]["source"] == "pdf" and sides[0]["page"] >= 1
    assert sides[1]["source"] == "web page" and sides[1]["locator"].startswith("table ")
    assert "the PDF has" in message and "but the web page has" in message

    # A second run downloads nothing and extracts nothing.
    site.log.clear()
    built = (warehouse.stat().st_mtime_ns, warehouse.stat().st_size)
    code, out, err = ogi_live(site, data, capsys)
    assert code == 2 and "mfa 2022: refused" in err
    assert "extracted" not in out.replace("not extracted", "")
    # Every report file, pages included (discovery asks for them conditionally too), answered 304.
    for path in (ministry["pages"][2021], ministry["pages"][2020], LISTING + "2021/P020210120.pdf"):
        assert site.statuses(path) and set(site.statuses(path)) == {"304"}, (path, site.statuses(path))
    assert "mfa 2021: unchanged on the site, not downloaded" in out
    assert (warehouse.stat().st_mtime_ns, warehouse.stat().st_size) == built
