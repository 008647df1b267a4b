"""``ogi run --live`` against a local imitation of a county site whose report page posts table 四
as a picture (tables 二 and 三 HTML, a logo, a QR code and a seal photo beside them): the page is
stored with its pictures as one version, read whole into the warehouse (table 四 by OCR, with
its picture's locator and confidence), and a second run downloads and extracts nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sitefixture import Route, Site, site  # noqa: F401 (site is a fixture)
from test_live_html import FAST, LISTING, cells, content, ogi_live, query, throwaway_instance  # noqa: F401

from pipeline.core.figures import figure_cells
from pipeline.replica.picturepage import DECOR, PICTURES, picture_page

PAGE = "2022/t20220120_1.shtml"


def test_a_page_with_a_table_picture_loads_whole(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = content(2021, 4)
    folder = tmp_path / "site"
    site.html(LISTING + PAGE, picture_page(report, {"四"}, folder))
    for path in [*DECOR.values(), f"{PICTURES}/table4.png"]:
        kind = "image/jpeg" if path.endswith(".jpg") else "image/png"
        site.routes[f"/{path}"] = Route(body=(folder / path).read_bytes(), content_type=kind)
    title = f"{report.agency}2021年政府信息公开工作年度报告"
    site.html(
        LISTING,
        f"<html><body><ul class='list'><li><a href='./{PAGE}' title='{title}'>{title}</a></li></ul></body></html>",
    )
    data = tmp_path / "data"
    code, out, err = ogi_live(site, data, capsys)
    assert code == 0, out + err

    record = json.loads((data / "raw" / "reports" / "mfa" / "2021.json").read_text(encoding="utf-8"))
    assert record["format"] == "mht" and record["source_url"] == site.url(LISTING + PAGE)
    assert {part["url"] for part in record["parts"] if "sha256" in part} == {
        site.url(f"/{path}") for path in [*DECOR.values(), f"{PICTURES}/table4.png"]
    }
    warehouse = data / "warehouse.duckdb"
    assert cells(warehouse, 2021) == figure_cells(report.figures)
    assert query(warehouse, "SELECT DISTINCT page, locator, confidence >= 0.9 FROM review_facts") == [
        (2, "image 2 of the web page", True)
    ]
    assert query(warehouse, "SELECT count(page), count(confidence) FROM request_facts") == [(0, 0)]

    site.log.clear()
    code, out, err = ogi_live(site, data, capsys)
    assert code == 0 and "mfa 2021: unchanged on the site, not downloaded" in out, out + err
    assert {status for _, path, entry in site.log if path != LISTING for status in [entry["status"]]} == {"304"}
