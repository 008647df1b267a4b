"""Discovery: report titles, pagination and attachments, on markup and on a served site."""

from __future__ import annotations

import pytest
from sitefixture import FAST, LISTING, Site, department, make_pdf, publish, site  # noqa: F401 (site is a fixture)

from pipeline.fetch import FetchError, HttpClient, Policy, discover_reports
from pipeline.fetch.discovery import (
    attachment,
    form_pages,
    is_own_report,
    is_report_title,
    pagination,
    parse_listing,
    parse_page,
    publisher,
    report_links,
    report_year,
)


@pytest.mark.parametrize(
    ("title", "year"),
    [
        ("外交部2020年政府信息公开工作年度报告", 2020),
        ("外交部２０２０年政府信息公开工作年度报告", 2020),
        ("外交部二〇二〇年政府信息公开工作年度报告", 2020),
        ("二零一九年 政府信息公开 工作年度报告", 2019),
        ("2018年度政府信息公开工作年报", 2018),
        ("外交部2014年政府信息公开工作情况", 2014),
        ("舒兰市市场监督管理局2016年政务信息公开年度报告", 2016),
        ("应急管理部2023年政府信息公开工作报告", 2023),
        ("文化和旅游部政府信息公开工作2021年度报告", 2021),
        ("海关总署（本级机关）2022年政府信息公开工作年度报告", 2022),
    ],
)
def test_report_titles_give_the_report_year(title: str, year: int) -> None:
    assert is_report_title(title)
    assert report_year(title) == year


@pytest.mark.parametrize(
    "title",
    [
        "外交部政府信息公开指南",
        "关于2020年政府信息公开工作的通知",
        "关于做好2016年政府信息公开年度报告编制公布工作的通知",
        "2021年政务公开工作要点",
        "2020年部门预算",
        "政府信息公开工作年度报告",
        "一图读懂2022年政府信息公开工作年度报告",
        "《2023年政府信息公开工作年度报告》解读",
        "关于报送2020年政府信息公开工作年度报告的函",
        "中华人民共和国政府信息公开工作年度报告格式",
        "Annual Report on Government Information Disclosure 2023",
    ],
)
def test_other_titles_are_not_reports(title: str) -> None:
    assert not is_report_title(title)


@pytest.mark.parametrize(
    ("title", "who"),
    [
        ("外交部2020年政府信息公开工作年度报告", "外交部"),
        ("中华人民共和国司法部2020年政府信息公开工作年度报告", "司法部"),
        ("2025年财政部政府信息公开工作年度报告", "财政部"),
        ("2022年度政府信息公开工作年报", ""),
        ("海关总署（本级机关）2020年政府信息公开工作年度报告", "海关总署"),
        ("文化和旅游部政府信息公开工作2021年度报告", "文化和旅游部"),
        ("政府信息公开工作年度报告", ""),
    ],
)
def test_the_publisher_a_title_names(title: str, who: str) -> None:
    assert publisher(title) == who


def test_reports_of_other_bodies_are_not_the_agency_s() -> None:
    names = ("国家发展和改革委员会", "国家发展改革委")
    assert is_own_report("国家发展改革委2022年政府信息公开工作年度报告", names)
    assert is_own_report("2022年国家发展和改革委员会政府信息公开工作年度报告", names)
    assert is_own_report("2022年度政府信息公开工作年报", names)
    assert not is_own_report("国家能源局2022年政府信息公开工作年度报告", names)
    assert is_own_report("海关总署（本级机关）2020年政府信息公开工作年度报告", ("海关总署",))
    assert not is_own_report("全国海关2020年政府信息公开工作年度报告", ("海关总署",))
    assert is_own_report("我部2020年政府信息公开工作年度报告", ("外交部",))
    # a local bureau named after its national agency is its own publisher
    tax = ("国家税务总局", "税务总局")
    assert is_own_report("税务总局2023年政府信息公开工作年度报告", tax)
    assert not is_own_report("国家税务总局北京市税务局2023年政府信息公开工作年度报告", tax)
    assert not is_own_report("国家税务总局广西壮族自治区税务局2023年政府信息公开工作年度报告", tax)


def test_json_listing_rows_fragments_and_pages() -> None:
    url = "http://h/api/list.json?pageIndex=1&pageSize=10"
    body = {
        "data": {
            "total": 25,
            "rows": [
                {"docTitle": "某部2022年政府信息公开工作年度报告", "docUrl": "/a/t1.html"},
                {"html": "<li><a href='/a/t2.html' title='某部2021年政府信息公开工作年度报告'>某部2021年…</a></li>"},
                {"docTitle": "某部政府信息公开指南"},
            ],
        }
    }
    page = parse_listing("cb(" + __import__("json").dumps(body, ensure_ascii=False) + ");", url)
    assert [(a.url, report_year(a.text)) for a in report_links(page)] == [
        ("http://h/a/t1.html", 2022),
        ("http://h/a/t2.html", 2021),
    ]
    assert pagination(page) == [
        "http://h/api/list.json?pageIndex=2&pageSize=10",
        "http://h/api/list.json?pageIndex=3&pageSize=10",
    ]
    # numbered from 0, with a page count
    zero = parse_listing('{"pageCount": 2, "list": []}', "http://h/l?page=0", "application/json")
    assert pagination(zero) == ["http://h/l?page=1"]
    # an HTML page is not read as JSON, and a broken JSON answer has no links
    assert parse_listing("<html><body>[1]</body></html>", url).anchors == []
    assert parse_listing("{broken", url).anchors == []


def test_jpaas_unit_pages_by_the_page_number_inside_its_json_parameter() -> None:
    """工业和信息化部's list endpoint: the page number and size inside ``paramJson`` (URL-encoded),
    the rows an HTML fragment whose ``count`` says how many records there are in all."""
    url = "http://h/api-gateway/jpaas-publish-server/front/page/build/unit?pageType=column&paramJson={}"
    first = url.format("%7B%22pageNo%22%3A1%2C%22pageSize%22%3A15%7D")
    fragment = (
        '<div class="page-content" count="32"><p><a href="/zwgk/art/2024/art_1.html" '
        'title="工业和信息化部2023年政府信息公开工作年度报告">工业和信息化部2023年…</a><span>2024-01-30</span></p></div>'
    )
    page = parse_listing(__import__("json").dumps({"success": True, "data": {"html": fragment}}), first)
    assert [(a.url, report_year(a.text)) for a in report_links(page)] == [("http://h/zwgk/art/2024/art_1.html", 2023)]
    assert pagination(page) == [url.format(f"%7B%22pageNo%22%3A{n}%2C%22pageSize%22%3A15%7D") for n in (2, 3)]
    # as Python's json.dumps writes it (spaces after the separators, encoded as +)
    spaced = url.format("%7B%22pageNo%22%3A+1%2C+%22pageSize%22%3A+15%7D")
    assert pagination(parse_listing('{"data": {"html": "' + fragment.replace('"', "'") + '"}}', spaced)) == [
        url.format(f"%7B%22pageNo%22%3A+{n}%2C+%22pageSize%22%3A+15%7D") for n in (2, 3)
    ]


def test_listing_links_use_the_title_attribute_and_resolve_relative_addresses() -> None:
    html = """<ul><li><a href="./202101/t20210129_1.shtml" title="外交部2020年政府信息公开工作年度报告">外交部2020年政府信息…</a></li>
    <li><a href="../other/t1.shtml">外交部政府信息公开指南</a></li>
    <li><span><A HREF='202001/t20200130_2.shtml'><b>外交部2019年</b>政府信息公开工作年度报告</A></span></li></ul>"""
    page = parse_page(html, "https://www.mfa.gov.cn/web/zfxxgknb/index_1.shtml")
    found = [(report_year(a.text), a.url) for a in report_links(page)]
    assert found == [
        (2020, "https://www.mfa.gov.cn/web/zfxxgknb/202101/t20210129_1.shtml"),
        (2019, "https://www.mfa.gov.cn/web/zfxxgknb/202001/t20200130_2.shtml"),
    ]


@pytest.mark.parametrize(
    "markup",
    [
        '<script>createPageHTML(3, 0, "index", "shtml");</script>',
        "<script>createPageHTML('pageBar', 3, 0, 'index', 'shtml', 42);</script>",
        '<div><a href="index.shtml">首页</a><a href="index_1.shtml">2</a><a href="./index_2.shtml">尾页</a></div>',
        # TRS passing the count as a variable, or setting it alone and drawing the pager elsewhere
        '<script>var currentPage = 0;var countPage = 3//共多少页\ncreatePageHTML(countPage, currentPage, "index", "shtml");</script>',
        "<script>var countPage = 3;</script>",
    ],
)
def test_pagination_from_pager_scripts_or_links(markup: str) -> None:
    page = parse_page(
        f"<html><body>{markup}<a href='../index_9.shtml'>other list</a></body></html>", "http://h/l/index.shtml"
    )
    assert sorted(pagination(page)) == [
        "http://h/l/index.shtml",
        "http://h/l/index_1.shtml",
        "http://h/l/index_2.shtml",
    ]


def test_attachment_prefers_the_report_pdf() -> None:
    html = """<a href="/forms/apply.pdf">申请表</a><p>正文</p>
    <a href="./P020210129.pdf">外交部2020年政府信息公开工作年度报告</a>"""
    page = parse_page(html, "http://h/zfxxgknb/202101/t1.shtml")
    assert attachment(page, 2020) == "http://h/zfxxgknb/202101/P020210129.pdf"
    assert (
        attachment(parse_page('<a href="/download?id=7">附件1</a>', "http://h/a/b.shtml")) == "http://h/download?id=7"
    )
    assert attachment(parse_page('<iframe src="/v/r.PDF"></iframe>', "http://h/a/b.shtml")) == "http://h/v/r.PDF"
    assert attachment(parse_page("<p>一、总体情况</p><a href='/a/t2.shtml'>附件说明</a>", "http://h/a/b.shtml")) is None


def test_discovers_every_page_of_the_listing(site: Site) -> None:
    posted = publish(
        site,
        {2016: make_pdf("16"), 2017: None, 2018: make_pdf("18"), 2019: make_pdf("19"), 2020: make_pdf("20")},
        titles={2019: "外交部二〇一九年政府信息公开工作年度报告", 2018: "外交部２０１８年政府信息公开工作年度报告"},
    )
    with HttpClient({"127.0.0.1"}, Policy(**FAST)) as client:
        links = discover_reports(department(site.url(LISTING)), client=client)
    assert sorted(link.year for link in links) == [2016, 2017, 2018, 2019, 2020]
    by_year = {link.year: link for link in links}
    for report in posted:
        link = by_year[report.year]
        assert link.page_url == site.url(report.page) and link.title == report.title
        assert link.pdf_url == (site.url(report.pdf) if report.pdf else None)
    assert by_year[2017].nothing_to_fetch and not by_year[2016].nothing_to_fetch
    assert (
        by_year[2017].problem == f"no PDF attachment and no tables: the page is not a report ({by_year[2017].page_url})"
    )
    # three listing pages, each read once (the first under two addresses is still one page)
    listing_reads = [p for _, p, _ in site.log if p.startswith(LISTING + "index") or p == LISTING]
    assert sorted(listing_reads) == [LISTING, LISTING + "index_1.shtml", LISTING + "index_2.shtml"]
    assert all(entry["user-agent"].startswith("ogi-reports/") for _, _, entry in site.log)


def test_catalog_addresses_win_and_foreign_hosts_are_not_read(site: Site) -> None:
    publish(site, {2020: make_pdf("20")})
    site.pdf("/pinned/2021.pdf", make_pdf("21"))
    agency = department(
        site.url(LISTING),
        reports={2021: site.url("/pinned/2021.pdf"), 2019: site.url("/x").replace("127.0.0.1", "localhost")},
    )
    with HttpClient(agency.hosts, Policy(**FAST)) as client:
        links = {link.year: link for link in discover_reports(agency, client=client)}
    assert links[2021].pdf_url == site.url("/pinned/2021.pdf")
    assert links[2019].pdf_url is None and "host localhost is not listed" in links[2019].problem
    assert not any(path == "/x" for _, path, _ in site.log)


def test_unreachable_listing_is_one_clear_error(site: Site) -> None:
    with (
        HttpClient({"127.0.0.1"}, Policy(**FAST)) as client,
        pytest.raises(
            FetchError, match=r"^mfa: cannot read the listing page: HTTP 404 from http://127\.0\.0\.1:\d+/nowhere/$"
        ),
    ):
        discover_reports(department(site.url("/nowhere/")), client=client)


def test_listing_in_gb2312_declared_by_a_meta_tag(site: Site) -> None:
    from sitefixture import Route

    title = "外交部2021年政府信息公开工作年度报告"
    html = f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body><a href="r.pdf">{title}</a></body></html>'
    site.routes["/gb/"] = Route(body=html.encode("gb18030"), content_type="text/html")
    with HttpClient({"127.0.0.1"}, Policy(**FAST)) as client:
        (link,) = discover_reports(department(site.url("/gb/")), client=client)
    assert (link.year, link.title, link.pdf_url) == (2021, title, site.url("/gb/r.pdf"))


def test_the_further_pages_of_a_posted_form() -> None:
    """A posted list pages by its form's page field: up to the pages the answer announces (a page
    count, a total and the form's size, an HTML fragment's count="N"), else one more page while a
    page lists links; a form without a page field, or a last page, has none."""
    form = {"channelId": "c", "page": "2", "size": "20"}
    url = "http://h/getFileListByCodeId"

    def further(text: str, asked: dict[str, str] = form) -> list[str]:
        return [f["page"] if "page" in f else f["pageNo"] for f in form_pages(text, asked, parse_listing(text, url))]

    assert further('{"results": {"data": {"results": [], "total": 61}}}') == ["3", "4"]
    assert further('{"pageCount": 3, "rows": []}') == ["3"]
    assert further('{"results": {"data": {"total": 40}}}') == [], "page 2 of 2 is the last"
    row = '{"rows": [{"title": "国家税务总局2023年政府信息公开工作年度报告", "url": "/c1/content.html"}]}'
    assert further(row) == ["3"] and further('{"rows": []}') == []
    assert further('<div count="70"><a href="/a.html">a</a></div>') == ["3", "4"]
    assert further('<ul><li><a href="/a.html">a</a></li></ul>', {"pageNo": "1"}) == ["2"]
    assert form_pages(row, {"channelId": "c"}, parse_listing(row, url)) == []
    assert all(f["channelId"] == "c" and f["size"] == "20" for f in form_pages(row, form, parse_listing(row, url)))
