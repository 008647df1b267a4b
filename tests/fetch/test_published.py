"""When a report was published: the page's date line, the listing's date beside the link, the PDF's
metadata and HTTP Last-Modified, best first, read from real pages, real PDFs and a real local site."""

from __future__ import annotations

from pathlib import Path

from sitefixture import FAST, LISTING, Site, article, department, html_page, make_pdf, site  # noqa: F401 (site is a fixture)

from pipeline.fetch import Policy, RawStore
from pipeline.fetch.discovery import parse_listing
from pipeline.fetch.live import discover, fetch_live, report_publication
from pipeline.fetch.published import date_line, page_date_line, publication

FETCHED = "2026-11-29T08:00:00+00:00"


def test_the_page_date_line_is_the_publication_line_not_the_signing_date(fixtures: Path) -> None:
    assert date_line("索引号：000014349/2024-00012 成文日期：2024-01-10 发布日期：2024年1月25日") == (
        "发布日期：2024年1月25日"
    )
    assert date_line("数据统计时间为2023年1月1日至2023年12月31日。发布时间 2024/01/30 10:00") == ("发布时间 2024/01/30")
    assert date_line("更新时间：2024-05-01 成文日期：2024-01-10") is None
    # The bundled reconstructions keep the publisher's article header (时间：…).
    page = (fixtures / "realworld" / "pingtan-2023.html").read_bytes()
    assert page_date_line(page) == "时间：2024-03-08"


def test_the_best_plausible_evidence_wins(fixtures: Path) -> None:
    pdf = (fixtures / "realworld" / "hongze-2023.pdf").read_bytes()  # WPS export, ModDate 2024-02-26
    headers = {"Last-Modified": "Tue, 27 Feb 2024 17:30:00 GMT"}  # 28 Feb in Beijing
    everything = dict(year=2023, kind="original", fetched_at=FETCHED, pdf=pdf, headers=headers)
    stated = publication(**everything, page_lines=(("report page", "发布时间：2024-02-29"),), listed="2024-03-01")
    assert (stated.on, stated.confidence, stated.source) == (
        "2024-02-29",
        "stated",
        "report page: 发布时间：2024-02-29",
    )
    assert publication(**everything, listed="2024-03-01").confidence == "listed"
    metadata = publication(**everything)
    assert (metadata.on, metadata.source) == ("2024-02-26", "PDF ModDate: D:20240226145645")
    header = publication(year=2023, kind="original", fetched_at=FETCHED, headers=headers)
    assert (header.on, header.confidence) == ("2024-02-28", "header")
    # A date before the year ended, or after the fetch, is not a publication date: the next is used.
    early = publication(**everything, page_lines=(("report page", "时间：2023-06-01"),), listed="2027-01-01")
    assert early.confidence == "metadata"
    assert publication(year=2024, kind="original", fetched_at=FETCHED, pdf=pdf) is None  # saved in 2024
    # A replica is the project's rendering: no date, whatever it carries; a reconstruction keeps the
    # publisher's page (its date line), but its file is the project's (no metadata, no header).
    assert publication(year=2023, kind="replica", fetched_at=FETCHED, page_lines=(("p", "时间：2024-03-08"),)) is None
    assert publication(year=2023, kind="reconstruction", fetched_at=FETCHED, pdf=pdf, headers=headers) is None


def test_a_listing_date_is_read_beside_its_own_link_only() -> None:
    html = (
        "<ul><li><a href='/a/t1.html'>某部2023年政府信息公开工作年度报告</a><span>2024-01-25</span></li>"
        "<li><span>[2023.01.20]</span><a href='/a/t2.html'>某部2022年政府信息公开工作年度报告</a>"
        "<li><a href='/a/t3.html'>某部2021年政府信息公开工作年度报告</a></li>"
        "<li><p><a href='/a/t6.html'>某部2019年政府信息公开工作年度报告</a></p><p>2020-01-21</p></li></ul>"
        "<div><a href='/a/t4.html'>某部2020年政府信息公开工作年度报告</a><a href='/a/x.html'>other</a> 2021-01-15</div>"
    )
    page = parse_listing(html, "https://example.gov.cn/list/")
    assert [(a.url.rsplit("/", 1)[1], a.listed) for a in page.anchors] == [
        ("t1.html", "2024-01-25"),
        ("t2.html", "2023.01.20"),
        ("t3.html", ""),
        ("t6.html", "2020-01-21"),  # beside it in its list item, outside its paragraph
        ("t4.html", ""),  # two links in one row: the date is neither's
        ("x.html", ""),
    ]
    rows = '{"data": [{"title": "某部2023年政府信息公开工作年度报告", "url": "/a/t1.html", "pubDate": "2024-01-26 09:00:00"}]}'
    assert [a.listed for a in parse_listing(rows, "https://example.gov.cn/api/list.json").anchors] == ["2024-01-26"]
    # A Hanweb (jpage) list: the rows are CDATA records inside a script.
    records = (
        '<script type="text/xml"><datastore><recordset>'
        '<record><![CDATA[<li><a href="/art/t5.html">某部2024年政府信息公开工作年度报告</a><span>2025-01-20</span></li>]]></record>'
        "</recordset></datastore></script>"
    )
    assert [a.listed for a in parse_listing(records, "https://example.gov.cn/col/").anchors] == ["2025-01-20"]


def test_a_live_report_gets_the_date_its_page_states_else_its_listing_date(site: Site, tmp_path: Path) -> None:
    pdf_2022 = article(site, LISTING + "202301/t1.shtml", "外交部2022年政府信息公开工作年度报告", make_pdf("22"))
    pdf_2023 = article(site, LISTING + "202402/t2.shtml", "外交部2023年政府信息公开工作年度报告", make_pdf("23"))
    # The 2022 article says when it was posted; the 2023 one does not.
    site.routes[LISTING + "202301/t1.shtml"].body = site.routes[LISTING + "202301/t1.shtml"].body.replace(
        b"<h1>", "<p class='info'>发布时间：2023-01-30 17:05</p><h1>".encode()
    )
    items = (
        "<li><a href='./202402/t2.shtml'>外交部2023年政府信息公开工作年度报告</a><span>2024-02-02</span></li>"
        "<li><a href='./202301/t1.shtml'>外交部2022年政府信息公开工作年度报告</a><span>2023-01-31</span></li>"
    )
    site.html(LISTING, html_page("政府信息公开年报", f"<ul class='list'>{items}</ul>"))
    store, agency = RawStore(tmp_path), department(site.url(LISTING))
    found = discover(store, agency, Policy(**FAST))
    assert [(link.year, link.listed, link.page_dated) for link in found.links] == [
        (2022, "2023-01-31", "发布时间：2023-01-30"),
        (2023, "2024-02-02", None),
    ]
    dates = {}
    for year in (2022, 2023):
        outcome = fetch_live(store, agency, year)
        assert outcome is not None and outcome.error is None
        found_on = report_publication(store, outcome.raw)
        dates[year] = (found_on.on, found_on.confidence, found_on.source)
    assert dates == {
        2022: ("2023-01-30", "stated", f"report page {site.url(LISTING + '202301/t1.shtml')}: 发布时间：2023-01-30"),
        2023: ("2024-02-02", "listed", "listing: 2024-02-02"),
    }
    assert {pdf_2022, pdf_2023} <= {path for _, path, _ in site.log}
