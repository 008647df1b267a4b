"""``ogi discover`` against a local imitation of the publisher's site."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from sitefixture import LISTING, Route, Site, article, make_pdf, publish, site  # noqa: F401 (site is a fixture)

from pipeline.cli import main
from pipeline.core.settings import PROJECT_DIR

CATALOG = PROJECT_DIR / "data" / "catalog.yaml"

FAST = ["--delay", "0", "--timeout", "1", "--retries", "0"]


def test_discover_lists_year_title_and_pdf(site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    posted = publish(site, {2019: make_pdf("19"), 2020: make_pdf("20"), 2021: None})
    assert main(["discover", "--listing-url", site.url(LISTING), "--agency", "mfa", *FAST]) == 0
    lines = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    by_year = {p.year: p for p in posted}
    assert [int(line[1]) for line in lines] == [2019, 2020, 2021]
    for agency, year, title, where in lines:
        report = by_year[int(year)]
        assert (agency, title) == ("mfa", report.title)
        assert where == (
            site.url(report.pdf)
            if report.pdf
            else f"- (no PDF attachment and no tables: the page is not a report ({site.url(report.page)}))"
        )


def test_discover_network_failure_is_one_line_and_exit_2(site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["discover", "--listing-url", site.url("/gone/"), "--agency", "mfa", *FAST])
    err = capsys.readouterr().err
    assert code == 2 and err == f"ogi: error: mfa: cannot read the listing page: HTTP 404 from {site.url('/gone/')}\n"


def test_discover_refuses_a_host_no_agency_serves(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["discover", "--listing-url", "http://127.0.0.1:9/list/", *FAST]) == 2
    assert "no catalog agency serves 127.0.0.1; name one with --agency" in capsys.readouterr().err
    assert main(["discover", "--listing-url", "http://127.0.0.1:9/list/", "--agency", "nope", *FAST]) == 2
    assert "unknown agency 'nope'" in capsys.readouterr().err


def _tax_catalog(site: Site, tmp_path: Path, form: dict[str, str] | None) -> Path:
    """The bundled catalog with 国家税务总局's list endpoint on the local site, posted with ``form``."""
    doc = yaml.safe_load(CATALOG.read_text(encoding="utf-8"))
    entry = next(a for a in doc["agencies"] if a["code"] == "chinatax")
    endpoint = site.url("/getFileListByCodeId")
    entry.update(
        listing_urls=[endpoint], hosts=["127.0.0.1"], listing_forms={endpoint: {"method": "POST", "form": form}}
    )
    if form is None:
        del entry["listing_forms"]
    for sample in doc["samples"]:
        for key in ("file", "content"):
            if sample.get(key):
                sample[key] = str(CATALOG.parent / sample[key])
    path = tmp_path / "catalog.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return path


def test_discover_posts_a_listing_form_from_the_catalog(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The catalog's listing_forms reach discovery: the list is posted page by page; without its
    form the endpoint is asked with GET, refuses it, and ogi says what the catalog lacks."""
    rows = [
        {"titleHtml": "国家税务总局政府信息公开指南", "url": site.url("/zn/content.html")},
        *(
            {"titleHtml": f"国家税务总局{year}年政府信息公开工作年度报告", "url": site.url(f"/c{year}/content.html")}
            for year in (2024, 2023)
        ),
    ]
    pdfs = {
        year: article(
            site, f"/c{year}/content.html", f"国家税务总局{year}年政府信息公开工作年度报告", make_pdf(str(year))
        )
        for year in (2024, 2023)
    }

    def answer(form: dict[str, str]) -> Route:
        page, size = int(form["page"]), int(form["size"])
        data = {"results": rows[(page - 1) * size : page * size], "total": len(rows)}
        return Route(body=json.dumps({"results": {"data": data}}).encode(), content_type="application/json")

    site.forms["/getFileListByCodeId"] = answer
    monkeypatch.setenv("OGI_CATALOG", str(_tax_catalog(site, tmp_path, {"channelId": "c", "page": "1", "size": "2"})))
    assert main(["discover", "--agency", "chinatax", *FAST]) == 0
    lines = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert [(agency, int(year), where) for agency, year, _, where in lines] == [
        ("chinatax", 2023, site.url(str(pdfs[2023]))),
        ("chinatax", 2024, site.url(str(pdfs[2024]))),
    ]
    assert [(method, entry.get("form")) for method, path, entry in site.log if path == "/getFileListByCodeId"] == [
        ("POST", "channelId=c&page=1&size=2"),
        ("POST", "channelId=c&page=2&size=2"),
    ]

    monkeypatch.setenv("OGI_CATALOG", str(_tax_catalog(site, tmp_path, None)))
    assert main(["discover", "--agency", "chinatax", *FAST]) == 2
    assert capsys.readouterr().err == (
        f"ogi: error: chinatax: cannot read the listing page: HTTP 405 from {site.url('/getFileListByCodeId')} "
        "(the address does not answer GET: a list read by posting a form needs its listing_forms entry)\n"
    )
