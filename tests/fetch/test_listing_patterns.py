"""Discovery on local imitations of the listing patterns the central departments' sites use.

Each site is served over real HTTP on loopback and mixes the reports with what a real listing
carries beside them: the disclosure guide, notices about the reports, explainers (一图读懂), the
reports of subordinate bodies. Each test checks that exactly the agency's reports are found,
each under the right year, and that the pages the pattern needs were read.
"""

from __future__ import annotations

import json

import pytest
from sitefixture import FAST, Site, article, department, html_page, make_pdf, site  # noqa: F401 (site is a fixture)

from pipeline.core.catalog import Agency, ListingForm
from pipeline.fetch import FetchError, HttpClient, Policy, ReportLink, discover_reports


def agency(site: Site, listing: str, name_zh: str, aliases: tuple[str, ...] = ()) -> Agency:
    return department(site.url(listing), "dept", name_zh, "Department", aliases=aliases)


def discover(publisher: Agency) -> dict[int, ReportLink]:
    with HttpClient(publisher.hosts, Policy(**FAST)) as client:
        links = discover_reports(publisher, client=client)
    assert len({link.year for link in links}) == len(links)
    return {link.year: link for link in links}


def listing_items(entries: list[tuple[str, str]]) -> str:
    return (
        "<ul class='list'>"
        + "".join(f'<li><a href="{href}" title="{title}">{title}</a></li>' for title, href in entries)
        + "</ul>"
    )


def test_paginated_list_keeps_the_agency_s_own_reports(site: Site) -> None:
    """海关总署's listing: TRS pages ``index.html``, ``index_1.html`` linked by a pager, the
    reports of the customs districts and of all customs beside the headquarters' own."""
    base = "/customs/302249/zfxxgk/2799825/302274/"
    own = {
        2023: article(
            site, base + "202401/t20240126_1.html", "海关总署（本级机关）2023年政府信息公开工作年度报告", make_pdf("23")
        ),
        2022: article(
            site, base + "202301/t20230130_2.html", "海关总署（本级机关）2022年政府信息公开工作年度报告", make_pdf("22")
        ),
        2021: article(site, base + "202201/t20220128_3.html", "海关总署(本级机关)2021年政府信息公开工作年度报告"),
    }
    first = listing_items(
        [
            ("全国海关2023年政府信息公开工作年度报告", "./202401/t20240126_9.html"),
            ("海关总署（本级机关）2023年政府信息公开工作年度报告", "./202401/t20240126_1.html"),
            ("湛江海关关区2020年政府信息公开工作年度报告", "/zhanjiang_customs/534855/5696721/index.html"),
            ("一图读懂海关总署2023年政府信息公开工作年度报告", "./202401/t20240127_4.html"),
            ("海关总署（本级机关）2022年政府信息公开工作年度报告", "./202301/t20230130_2.html"),
        ]
    )
    second = listing_items(
        [
            ("关于做好2021年政府信息公开工作年度报告编制发布工作的通知", "./202112/t20211201_5.html"),
            ("海关总署(本级机关)2021年政府信息公开工作年度报告", "./202201/t20220128_3.html"),
            ("中华人民共和国海关政府信息公开指南", "/zfxxgk/zn/"),
        ]
    )
    pager = '<div class="page"><a href="index.html">首页</a><a href="index_1.html">下一页</a><a href="index_1.html">尾页</a></div>'
    site.html(base + "index.html", html_page("政府信息公开年报", first + pager))
    site.html(base + "index_1.html", html_page("政府信息公开年报", second + pager))

    found = discover(agency(site, base + "index.html", "海关总署"))

    assert sorted(found) == [2021, 2022, 2023]
    for year, pdf in own.items():
        assert found[year].pdf_url == (site.url(pdf) if pdf else None)
    assert found[2021].nothing_to_fetch and found[2021].title == "海关总署(本级机关)2021年政府信息公开工作年度报告"
    read = {path for _, path, _ in site.log}
    assert {base + "index.html", base + "index_1.html"} <= read
    assert not any("t20240126_9" in path or "zhanjiang" in path or "t20240127_4" in path for path in read)


def trs_rows(entries: list[tuple[str, str, str]]) -> list[dict[str, str]]:
    return [{"doctitle": title, "chnldocurl": url, "docreltime": day} for title, url, day in entries]


def test_list_loaded_by_script_from_a_json_endpoint(site: Site) -> None:
    """A TRS listing renders its first entries in the page and loads the rest with a script from
    a JSON endpoint (rows of ``doctitle``/``chnldocurl``), paged by ``pageIndex``."""
    base = "/zwgk/zfxxgk/zfxxgknb/"
    for year in range(2019, 2026):
        article(
            site,
            f"{base}{year + 1}01/t{year + 1}0120_{year}.htm",
            f"某部{year}年度政府信息公开工作年度报告",
            make_pdf(str(year)),
        )
    static = listing_items([("某部2025年度政府信息公开工作年度报告", "./202601/t20260120_2025.htm")])
    script = (
        '<script>var listUrl = "/zwgk/zfxxgk/zfxxgknb/list.json?pageIndex=1&pageSize=3"; loadList(listUrl);</script>'
    )
    site.html(base + "nlist.htm", html_page("政府信息公开年报_某部", static, scripts=script))
    pages = [
        [
            ("某部2025年度政府信息公开工作年度报告", "./202601/t20260120_2025.htm", "2026-01-20"),
            ("某部2024年度政府信息公开工作年度报告", "./202501/t20250120_2024.htm", "2025-01-20"),
            ("关于2024年政府信息公开工作要点落实情况的函", "./202412/t20241210_1.htm", "2024-12-10"),
        ],
        [
            ("平潭县人民政府2023年政府信息公开工作年度报告", "./202401/t20240121_7.htm", "2024-01-21"),
            ("某部2023年度政府信息公开工作年度报告", "./202401/t20240120_2023.htm", "2024-01-20"),
            ("某部2022年度政府信息公开工作年度报告", "./202301/t20230120_2022.htm", "2023-01-20"),
        ],
        [
            ("某部2021年度政府信息公开工作年度报告", "./202201/t20220120_2021.htm", "2022-01-20"),
            ("某部2020年度政府信息公开工作年度报告", "./202101/t20210120_2020.htm", "2021-01-20"),
            ("某部2019年度政府信息公开工作年度报告", "./202001/t20200120_2019.htm", "2020-01-20"),
        ],
    ]
    for number, rows in enumerate(pages, start=1):
        body = {"code": 200, "data": {"total": 9, "pageIndex": number, "list": trs_rows(rows)}}
        site.routes[f"{base}list.json?pageIndex={number}&pageSize=3"] = _json_route(body)

    found = discover(agency(site, base + "nlist.htm", "某部"))

    assert sorted(found) == list(range(2019, 2026))
    assert all(link.pdf_url and link.pdf_url.endswith(".pdf") for link in found.values())
    assert found[2023].page_url == site.url(base + "202401/t20240120_2023.htm")
    read = [path for _, path, _ in site.log]
    assert [p for p in read if "list.json" in p] == [f"{base}list.json?pageIndex={n}&pageSize=3" for n in (1, 2, 3)]
    assert not any("t20241210_1" in p or "t20240121_7" in p for p in read)


def test_json_endpoint_as_the_catalog_listing_pages_until_rows_run_out(site: Site) -> None:
    """The catalog may name the endpoint itself; without a page count, pages are read while
    they bring rows. Rows may carry an HTML fragment instead of separate fields."""
    base = "/api/nb"
    article(site, "/art/2024/t1.html", "二〇二三年国家某局政府信息公开工作年度报告")
    article(site, "/art/2023/t2.html", "国家某局2022年政府信息公开工作年报", make_pdf("22"))
    site.routes[f"{base}?page=1"] = _json_route(
        {
            "rows": [
                {"html": '<li><a href="/art/2024/t1.html">二〇二三年国家某局政府信息公开工作年度报告</a></li>'},
                {"title": "国家某局政府信息公开指南", "url": "/art/zn.html"},
            ]
        }
    )
    site.routes[f"{base}?page=2"] = _json_route(
        {"rows": [{"title": "国家某局2022年政府信息公开工作年报", "url": "/art/2023/t2.html"}]}
    )
    site.routes[f"{base}?page=3"] = _json_route({"rows": []})

    found = discover(agency(site, base + "?page=1", "国家某局"))

    assert sorted(found) == [2022, 2023]
    assert found[2023].nothing_to_fetch and found[2022].pdf_url == site.url(
        "/art/2023/P020" + found[2022].pdf_url.split("/P020")[1]
    )
    assert [p for _, p, _ in site.log if p.startswith(base)] == [f"{base}?page=1", f"{base}?page=2", f"{base}?page=3"]
    assert not any(p == "/art/zn.html" for _, p, _ in site.log)


def jpage_records(entries: list[tuple[str, str]]) -> str:
    return "".join(
        f'<record><![CDATA[<li><a href="{href}" title="{title}">{title[:12]}</a><span>2025-01-20</span></li>]]></record>'
        for title, href in entries
    )


def test_hanweb_list_in_script_records_paged_by_its_jpage_endpoint(site: Site) -> None:
    """国家医保局-style Hanweb site: the first records are XML inside a script (invisible as
    markup), the page announces its ``dataproxy.jsp`` endpoint, whose XML answers give the rest."""
    proxy = "/module/web/jpage/dataproxy.jsp?page={}&appid=1&webid=1&path=/&columnid=4210&unitid=8761&permissiontype=0"
    for year in (2020, 2021, 2022, 2023, 2024):
        article(
            site,
            f"/art/{year + 1}/1/20/art_4210_{year}.html",
            f"国家医疗保障局{year}年政府信息公开工作年度报告",
            make_pdf(str(year)),
        )
    first = [
        ("国家医疗保障局2024年政府信息公开工作年度报告", "/art/2025/1/20/art_4210_2024.html"),
        ("国家医疗保障局政府信息公开指南", "/art/2019/6/1/art_4210_1.html"),
        ("国家医疗保障局2023年政府信息公开工作年度报告", "/art/2024/1/20/art_4210_2023.html"),
    ]
    second = [
        ("国家医疗保障局2022年政府信息公开工作年度报告", "/art/2023/1/20/art_4210_2022.html"),
        ("关于做好2021年政府信息公开工作年度报告编制工作的通知", "/art/2021/12/1/art_4210_9.html"),
    ]
    third = [
        ("国家医疗保障局2021年政府信息公开工作年度报告", "/art/2022/1/20/art_4210_2021.html"),
        ("国家医疗保障局2020年政府信息公开工作年度报告", "/art/2021/1/20/art_4210_2020.html"),
    ]
    datastore = (
        f'<script type="text/xml"><datastore><nextgroup><![CDATA[<a href="{proxy.format(1)}"></a>]]></nextgroup>'
        f"<recordset>{jpage_records(first)}</recordset></datastore></script>"
    )
    site.html("/col/col4210/index.html", html_page("政府信息公开年报", f'<div id="8761">{datastore}</div>'))
    for number, entries in enumerate((first, second, third), start=1):
        xml = (
            f"<?xml version='1.0' encoding='utf-8'?><datastore><totalrecord>7</totalrecord><totalpage>3</totalpage>"
            f"<recordset>{jpage_records(entries)}</recordset></datastore>"
        )
        site.routes[proxy.format(number)] = _xml_route(xml)

    found = discover(agency(site, "/col/col4210/index.html", "国家医疗保障局", aliases=("国家医保局",)))

    assert sorted(found) == [2020, 2021, 2022, 2023, 2024]
    assert all(link.pdf_url for link in found.values())
    read = [path for _, path, _ in site.log]
    assert [p for p in read if "dataproxy" in p] == [proxy.format(n) for n in (1, 2, 3)]
    assert not any(p.endswith(("art_4210_1.html", "art_4210_9.html")) for p in read)


def test_a_column_per_year(site: Site) -> None:
    """文化和旅游部-style: the listing links one column per year (2023年, 2022n…). A column lists
    that year's report, whose title need not repeat the year, or is the report itself."""
    base = "/zfxxgknb/"
    site.html(
        base,
        html_page(
            "政府信息公开年报",
            listing_items(
                [
                    ("2023年", "./2023n/"),
                    ("2022年度", "./2022n/"),
                    ("2021", "./2021n/index.html"),
                    ("2020年", "./2020n/"),  # a column that is gone (404): a guess that fails is passed over
                    ("政府信息公开工作年度报告格式", "/zfxxgk/gs/t1.html"),
                ]
            ),
        ),
    )
    pdf_2023 = article(
        site, base + "2023n/202401/t20240129_1.html", "文化和旅游部政府信息公开工作年度报告", make_pdf("23")
    )
    site.html(
        base + "2023n/",
        html_page(
            "2023年_政府信息公开年报",
            listing_items(
                [
                    ("国家文物局政府信息公开工作年度报告", "/ncha/t3.html"),
                    ("图解：文化和旅游部政府信息公开工作年度报告", "./202401/t20240130_2.html"),
                    ("文化和旅游部政府信息公开工作年度报告", "./202401/t20240129_1.html"),
                ]
            ),
        ),
    )
    # The 2022 column is the report itself.
    site.html(
        base + "2022n/",
        html_page(
            "文化和旅游部政府信息公开工作2022年度报告",
            "<h1>文化和旅游部政府信息公开工作2022年度报告</h1><p>一、总体情况</p>",
        ),
    )
    article(
        site, base + "2021n/202201/t20220129_930806.html", "文化和旅游部政府信息公开工作2021年度报告", make_pdf("21")
    )
    site.html(
        base + "2021n/index.html",
        html_page(
            "2021年", listing_items([("文化和旅游部政府信息公开工作2021年度报告", "./202201/t20220129_930806.html")])
        ),
    )

    found = discover(agency(site, base, "文化和旅游部"))

    assert sorted(found) == [2021, 2022, 2023]
    assert found[2023].pdf_url == site.url(pdf_2023)
    assert found[2022].page_url == site.url(base + "2022n/") and found[2022].nothing_to_fetch
    assert found[2022].title == "文化和旅游部政府信息公开工作2022年度报告"
    assert found[2021].pdf_url is not None
    assert site.statuses(base + "2020n/") == ["404"]
    read = {path for _, path, _ in site.log}
    assert not {"/zfxxgk/gs/t1.html", base + "2023n/202401/t20240130_2.html", "/ncha/t3.html"} & read


def test_titles_in_several_phrasings_and_articles_with_or_without_attachments(site: Site) -> None:
    """One listing across the years: 年度报告, 年报, 工作报告, 工作情况; the publisher named
    before the year, after it, by its short name or not at all; the report as a PDF attachment,
    as the article's text, or linked straight to its PDF."""
    base = "/xxgk/ndbg/"
    entries = [
        ("国家发展改革委2024年政府信息公开工作年度报告", base + "202501/t1.html", make_pdf("24")),
        ("2023年国家发展和改革委员会政府信息公开工作年度报告", base + "202401/t2.html", None),
        ("2022年度政府信息公开工作年报", base + "202301/t3.html", make_pdf("22")),
        ("国家发展改革委2021年政府信息公开工作报告", base + "202201/t4.html", None),
        ("国家发展和改革委员会２０２０年政府信息公开工作情况", base + "202101/t5.html", make_pdf("20")),
    ]
    posted = {title: article(site, path, title, pdf) for title, path, pdf in entries}
    site.pdf(base + "P0202001.pdf", make_pdf("19"))
    noise = [
        ("国家发展改革委政府信息公开指南", "/zfxxgk/zn/"),
        ("国家发展改革委2024年政务公开工作要点", base + "n1.html"),
        ("国家能源局2024年政府信息公开工作年度报告", "/nea/t1.html"),
        ("《2023年政府信息公开工作年度报告》解读", base + "n2.html"),
        ("关于报送2022年政府信息公开工作年度报告的函", base + "n3.html"),
        ("Annual Report on Government Information Disclosure 2023", base + "en.html"),
    ]
    links = [(title, path) for title, path, _ in entries] + [
        ("国家发展改革委2019年政府信息公开工作年度报告（PDF）", base + "P0202001.pdf")
    ]
    site.html(base, html_page("政府信息公开年报", listing_items(noise + links)))

    found = discover(agency(site, base, "国家发展和改革委员会", aliases=("国家发展改革委",)))

    assert sorted(found) == [2019, 2020, 2021, 2022, 2023, 2024]
    years = dict(zip((2024, 2023, 2022, 2021, 2020), entries))
    for year, (title, path, pdf) in years.items():
        assert (found[year].title, found[year].page_url) == (title, site.url(path))
        assert found[year].pdf_url == (site.url(posted[title]) if pdf else None)
        assert found[year].nothing_to_fetch == (pdf is None)
    assert found[2019].pdf_url == found[2019].page_url == site.url(base + "P0202001.pdf")
    read = {path for _, path, _ in site.log}
    assert (
        not {"/zfxxgk/zn/", base + "n1.html", "/nea/t1.html", base + "n2.html", base + "n3.html", base + "en.html"}
        & read
    )


def _json_route(body: object):  # -> sitefixture.Route
    from sitefixture import Route

    return Route(
        body=json.dumps(body, ensure_ascii=False).encode("utf-8"), content_type="application/json; charset=utf-8"
    )


def _xml_route(body: str):  # -> sitefixture.Route
    from sitefixture import Route

    return Route(body=body.encode("utf-8"), content_type="text/xml; charset=utf-8")


# The ministries' columns below are imitated from how a public crawler reads them (GitHub
# memorise8/frwaler, crawler/sites/custom/; docs/catalog.md names each file): the list markup,
# the date beside each title, the pagination and where the report file is linked.


def test_mohrss_list_of_titles_with_dates_and_pdf_attachments(site: Site) -> None:
    """人力资源和社会保障部 (``/xxgk2020/zfxxgknb/``): ``<ul class="rsb_con_rightUl">`` items of a
    link and a date ``<span>``, pages ``index_N.html``, the PDF linked from the article."""
    base = "/xxgk2020/zfxxgknb/"
    items, years = [], (2024, 2023, 2022, 2021)
    for year in years:
        path = f"{base}{year + 1}01/t{year + 1}0128_{year}.html"
        title = f"人力资源社会保障部{year}年政府信息公开工作年度报告"
        article(site, path, title, make_pdf(str(year)))
        items.append(
            f'<li><a href="./{path.removeprefix(base)}" target="_blank">{title}</a><span>{year + 1}-01-28</span></li>'
        )
    guide = (
        '<li><a href="../zfxxgkzn/" target="_blank">人力资源社会保障部政府信息公开指南</a><span>2020-06-01</span></li>'
    )
    pager = '<div class="page"><a href="index.html">首页</a><a href="index_1.html">下一页</a></div>'
    site.html(
        base + "index.html",
        html_page("政府信息公开年报", f'<ul class="rsb_con_rightUl">{guide}{"".join(items[:3])}</ul>' + pager),
    )
    site.html(
        base + "index_1.html", html_page("政府信息公开年报", f'<ul class="rsb_con_rightUl">{items[3]}</ul>' + pager)
    )

    found = discover(agency(site, base + "index.html", "人力资源和社会保障部", aliases=("人力资源社会保障部",)))

    assert sorted(found) == sorted(years)
    assert all(link.pdf_url and link.pdf_url.endswith(".pdf") for link in found.values())
    assert not any("zfxxgkzn" in path for _, path, _ in site.log)


def test_a_listing_that_answers_with_a_bot_check_is_one_clear_line(site: Site) -> None:
    """人社部's site answers with EdgeOne's check first: a script that computes a cookie
    (``__tst_status``, ``EO_Bot_Ssid``) and reloads. Ogi runs no site's scripts: it says so, once."""
    check = (
        "<html><head><script>var WTKkN=1826065137,bOYDu=913032568,wyeCN=913032569;"
        'document.cookie="__tst_status="+(WTKkN+bOYDu+wyeCN)+"#;";'
        'document.cookie="EO_Bot_Ssid="+[2,0,4][0](t,912716832)+";";location.reload();</script></head><body></body></html>'
    )
    site.html("/xxgk2020/zfxxgknb/", check)

    with pytest.raises(FetchError) as raised:
        discover(agency(site, "/xxgk2020/zfxxgknb/", "人力资源和社会保障部"))

    message = str(raised.value)
    assert "\n" not in message and message.startswith("dept: cannot read the listing page: ")
    assert "answered with EdgeOne's bot check" in message and "pin the reports" in message
    assert [path for _, path, _ in site.log] == ["/xxgk2020/zfxxgknb/"], "nothing else is read, nothing retried"


def test_mva_list_counted_by_a_countpage_variable(site: Site) -> None:
    """退役军人事务部 (``/gongkai/zfxxgkpt/zfxxgknb/``): items inside ``.overview_right``, the date
    ``<span>`` inside the link (the title attribute holds the title), reports posted as the
    article's text, and a pager drawn by script from ``var countPage = N`` alone: pages
    ``index_1.html``… up to N, and no further."""
    base = "/gongkai/zfxxgkpt/zfxxgknb/"
    years = (2024, 2023, 2022, 2021, 2020)
    entries = []
    for year in years:
        path = f"{base}{year + 1}01/t{year + 1}0130_{year}.html"
        title = f"退役军人事务部{year}年政府信息公开工作年度报告"
        article(site, path, title, make_pdf(str(year)) if year == 2024 else None)
        entries.append(
            f'<li><a href="./{path.removeprefix(base)}" title="{title}">{title}<span>{year + 1}-01-30</span></a></li>'
        )
    notice = (
        '<li><a href="./202312/t20231201_9.html" title="关于做好2023年政府信息公开工作年度报告编制工作的通知">'
        "关于做好2023年政府信息公开工作年度报告编制工作的通知<span>2023-12-01</span></a></li>"
    )
    pages = [entries[:2], [notice, *entries[2:4]], entries[4:]]
    for number, rows in enumerate(pages):
        name = "index.html" if number == 0 else f"index_{number}.html"
        script = f"<script>var currentPage = {number};var countPage = 3;drawPager('page_div');</script>"
        body = f'<div class="overview_right"><ul>{"".join(rows)}</ul><div id="page_div"></div></div>'
        site.html(base + name, html_page("政府信息公开年报", body, scripts=script))

    found = discover(agency(site, base + "index.html", "退役军人事务部"))

    assert sorted(found) == sorted(years)
    assert found[2024].pdf_url is not None and found[2020].nothing_to_fetch
    assert found[2022].title == "退役军人事务部2022年政府信息公开工作年度报告", "the title attribute, not the date"
    read = [path for _, path, _ in site.log]
    assert [p for p in read if "/index" in p] == [base + "index.html", base + "index_1.html", base + "index_2.html"]
    assert not any("t20231201_9" in p for p in read)


def test_mwr_items_with_the_date_in_the_link_and_a_root_relative_pdf(site: Site) -> None:
    """水利部's newer column (``/zwgk/gknb/``): one page of ``<div class="itemb">`` items whose link
    text ends with the date; the article links its PDF from the site's root; the reports of the
    river basin commissions are listed beside the ministry's own."""
    base = "/zwgk/gknb/"
    rows = []
    for year in (2024, 2023, 2022):
        path = f"{base}{year + 1}01/t{year + 1}0131_{year}.html"
        title = f"水利部{year}年政府信息公开工作年度报告"
        pdf = f"{base}{year + 1}01/P0{year + 1}0131{year}.pdf"
        site.pdf(pdf, make_pdf(str(year)))
        site.html(
            path,
            html_page(
                title, f'<div class="gknb_content"><p>一、总体情况</p></div><p><a href="{pdf}">{title}.pdf</a></p>'
            ),
        )
        rows.append(f'<div class="itemb"><a href="./{path.removeprefix(base)}">{title} {year + 1}-01-31</a></div>')
    rows.append(
        '<div class="itemb"><a href="/cjw/t1.html">长江水利委员会2024年政府信息公开工作年度报告 2025-01-31</a></div>'
    )
    site.html(base, html_page("政府信息公开年报", "".join(rows)))

    found = discover(agency(site, base, "水利部"))

    assert sorted(found) == [2022, 2023, 2024]
    assert found[2023].pdf_url == site.url(f"{base}202401/P0202401312023.pdf")
    assert found[2023].title == "水利部2023年政府信息公开工作年度报告", "the listed date is not part of the title"
    assert found[2023].listed == "2024-01-31", "but it is the date the report was listed on"
    assert not any(path == "/cjw/t1.html" for _, path, _ in site.log)


MIIT_UNIT = (
    "/api-gateway/jpaas-publish-server/front/page/build/unit?parseType=buildstatic&webId=8d828e408d90447786ddbe128d495e9e"
    "&tplSetId=209741b2109044b5b7695700b2bec37e&pageType=column&tagId=%E6%A0%8F%E7%9B%AE1%E6%9D%BF%E5%9D%97"
    "&editType=null&pageId=829759aed51b4ca49164b7a711a11de8&paramJson=%7B%22pageNo%22%3A{}%2C%22pageSize%22%3A2%7D"
)


def test_miit_list_built_by_its_jpaas_unit_endpoint(site: Site) -> None:
    """工业和信息化部: the catalog names the list endpoint itself, which answers JSON whose
    ``data.html`` is the list (``<p><a title>…</a><span>date</span></p>``, ``count="N"`` records);
    its pages differ only in the ``pageNo`` inside ``paramJson``. The article links its files in
    ``#con_con``."""
    base = "/zwgk/zfxxgkzl/zfxxgknb/gyhxxhb/art/"
    years = (2024, 2023, 2022, 2021)
    rows = []
    for year in years:
        path = f"{base}{year + 1}/art_{year}abcdef.html"
        title = f"工业和信息化部{year}年政府信息公开工作年度报告"
        pdf = f"/cms_files/filemanager/attach/{year + 1}/{year}.pdf"
        site.pdf(pdf, make_pdf(str(year)))
        site.html(path, html_page(title, f'<div id="con_con"><p>附件：<a href="{pdf}">{title}.pdf</a></p></div>'))
        rows.append(f'<p><a href="{path}" title="{title}" target="_blank">{title}</a><span>{year + 1}-01-30</span></p>')
    rows.insert(
        1,
        '<p><a href="/zwgk/zfxxgkzl/zn/art/2020/art_1.html" title="工业和信息化部政府信息公开指南">指南</a><span>2020-06-01</span></p>',
    )
    for number in (1, 2, 3):
        fragment = f'<div class="page-content" count="{len(rows)}">{"".join(rows[(number - 1) * 2 : number * 2])}</div>'
        site.routes[MIIT_UNIT.format(number)] = _json_route({"success": True, "code": 200, "data": {"html": fragment}})

    found = discover(agency(site, MIIT_UNIT.format(1), "工业和信息化部", aliases=("工信部",)))

    assert sorted(found) == sorted(years)
    assert all(link.pdf_url and link.pdf_url.endswith(".pdf") for link in found.values())
    read = [path for _, path, _ in site.log]
    assert [p for p in read if "build/unit" in p] == [MIIT_UNIT.format(n) for n in (1, 2, 3)], "5 records, 2 a page"
    assert not any("/zn/" in p for p in read)


# 国家税务总局's column (/chinatax/n810214/c102384r/index.html?tab=gknb) lists nothing itself: its
# script posts a form to /getFileListByCodeId, whose JSON answer carries the rows in
# results.data.results (titleHtml, url, redirectUrl when set, publishedTimeStr) and the record count
# in results.data.total (crawler/sites/custom/chinatax-gov-cn-chinatax.py of the same crawler).
CHINATAX_LIST = "/getFileListByCodeId"
CHINATAX_CHANNEL = "61eaab3127b040d4950fff177f09e561"


def chinatax(site: Site, *, form: dict[str, str] | None = None) -> Agency:
    """The agency as the catalog has it: the endpoint listed, and posted with its form."""
    url = site.url(CHINATAX_LIST)
    forms = {url: ListingForm("POST", form)} if form is not None else {}
    return department(
        url, "chinatax", "国家税务总局", "State Taxation Administration", listing_forms=forms, aliases=("税务总局",)
    )


def chinatax_rows(site: Site) -> list[dict[str, object]]:
    """The rows of the list, newest first, with what a real list carries beside the reports: a
    provincial bureau's report (relateSubChannels brings them in), the guide, an explainer."""
    base = "/chinatax/n810214/c102384r/"
    rows: list[dict[str, object]] = []

    def row(title: str, path: str, date: str, *, redirect: str = "") -> None:
        rows.append(
            {
                "titleHtml": title,
                "subTitleHtml": "",
                "url": site.url(path),
                "redirectUrl": site.url(redirect) if redirect else "",
                "publishedTimeStr": f"{date} 10:00:00",
                "domainMetaList": [{"resultList": [{"key": "source", "value": "国家税务总局办公厅"}]}],
            }
        )

    for year in (2024, 2023, 2022, 2021):
        path = f"{base}c{5200000 + year}/content.html"
        title = f"国家税务总局{year}年政府信息公开工作年度报告"
        article(site, path, title, make_pdf(str(year)))
        if year == 2023:  # listed first for 2023, and not the agency's own
            article(site, f"{base}c5199023/content.html", f"国家税务总局北京市税务局{title[6:]}", make_pdf("bj"))
            row(f"国家税务总局北京市税务局{title[6:]}", f"{base}c5199023/content.html", "2024-01-29")
        if year == 2022:  # the row's title in markup; redirectUrl, when set, is where it leads
            row(
                f"<span>国家税务总局</span>{year}年政府信息公开工作年度报告",
                f"{base}old/{year}.html",
                "2023-01-30",
                redirect=path,
            )
            continue
        row(title, path, f"{year + 1}-01-30")
    row("国家税务总局政府信息公开指南", f"{base}c5100000/content.html", "2020-06-01")
    row("一图读懂国家税务总局2021年政府信息公开工作年度报告", f"{base}c5100001/content.html", "2022-01-31")
    return rows


def chinatax_endpoint(rows: list[dict[str, object]]):  # -> Callable[[dict[str, str]], sitefixture.Route]
    """The list endpoint: the channel's rows, ``size`` a page, page ``page``; nothing for another channel."""

    def answer(form: dict[str, str]):  # -> sitefixture.Route
        chosen = rows if form.get("channelId") == CHINATAX_CHANNEL else []
        page, size = int(form["page"]), int(form["size"])
        data = {"results": chosen[(page - 1) * size : page * size], "total": len(chosen)}
        return _json_route({"code": 200, "results": {"data": data}})

    return answer


def test_chinatax_list_read_by_posting_its_form_page_by_page(site: Site) -> None:
    """国家税务总局: the form (channelId, page, size, relateSubChannels) is posted once a page, up to
    the pages ``total`` and ``size`` give; the reports are found with their years, the provincial
    bureau's 2023 report listed above the agency's own is left out."""
    rows = chinatax_rows(site)
    site.forms[CHINATAX_LIST] = chinatax_endpoint(rows)
    form = {"channelId": CHINATAX_CHANNEL, "page": "1", "size": "3", "relateSubChannels": "true"}

    found = discover(chinatax(site, form=form))

    assert sorted(found) == [2021, 2022, 2023, 2024]
    assert all(link.pdf_url and link.pdf_url.endswith(".pdf") for link in found.values())
    assert found[2023].page_url.endswith("/c5202023/content.html"), "the bureau's own, not Beijing's"
    assert found[2022].page_url.endswith("/c5202022/content.html") and found[2022].title.startswith("国家税务总局2022")
    assert found[2024].listed == "2025-01-30", "the row's publishedTimeStr is the date it was listed"
    posts = [(method, entry) for method, path, entry in site.log if path == CHINATAX_LIST]
    assert [method for method, _ in posts] == ["POST"] * 3, f"{len(rows)} rows, 3 a page; never a GET"
    assert [entry["form"] for _, entry in posts] == [
        f"channelId={CHINATAX_CHANNEL}&page={n}&size=3&relateSubChannels=true" for n in (1, 2, 3)
    ]
    assert all(entry["content-type"] == "application/x-www-form-urlencoded" for _, entry in posts)
    assert not any("c51000" in path or "/old/" in path for _, path, _ in site.log)


def test_chinatax_list_asked_with_get_is_one_clear_line(site: Site) -> None:
    """The endpoint listed without its form is asked with GET, which it refuses: one line that
    says what the catalog lacks, and nothing retried."""
    site.forms[CHINATAX_LIST] = chinatax_endpoint(chinatax_rows(site))

    with pytest.raises(FetchError) as raised:
        discover(chinatax(site))

    message = str(raised.value)
    assert message == (
        f"chinatax: cannot read the listing page: HTTP 405 from {site.url(CHINATAX_LIST)} (the address does not "
        "answer GET: a list read by posting a form needs its listing_forms entry)"
    )
    assert [(method, path) for method, path, _ in site.log] == [("GET", CHINATAX_LIST)]


def test_a_posted_list_that_fails_is_retried_like_a_page(site: Site) -> None:
    """A POST gets the GET's retries on a server error, and a form posted to another channel that
    lists nothing ends discovery quietly after its first page."""
    answer = chinatax_endpoint(chinatax_rows(site))
    calls = []

    def flaky(form: dict[str, str]):  # -> sitefixture.Route
        calls.append(form)
        return answer(form) if len(calls) > 1 else _failure()

    site.forms[CHINATAX_LIST] = flaky
    form = {"channelId": CHINATAX_CHANNEL, "page": "1", "size": "20", "relateSubChannels": "true"}

    assert sorted(discover(chinatax(site, form=form))) == [2021, 2022, 2023, 2024]
    assert [entry["status"] for _, path, entry in site.log if path == CHINATAX_LIST] == ["503", "200"]

    site.log.clear()
    other = discover(chinatax(site, form=form | {"channelId": "another"}))
    assert other == {} and [path for _, path, _ in site.log] == [CHINATAX_LIST]


def _failure():  # -> sitefixture.Route
    from sitefixture import Route

    return Route(body=b"busy", status=503)
