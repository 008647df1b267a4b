"""The catalog of central departments, ``ogi catalog`` and ``ogi discover --offline``."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from sitefixture import Site, site  # noqa: F401 (site is a fixture)
from warehouse_support import build, truth_extractions

from pipeline.cli import main
from pipeline.core.catalog import load_catalog
from pipeline.core.settings import PROJECT_DIR
from pipeline.warehouse.holdings import year_ranges

CATALOG = PROJECT_DIR / "data" / "catalog.yaml"
CONSTITUENT = [
    "外交部",
    "国家发展和改革委员会",
    "教育部",
    "科学技术部",
    "工业和信息化部",
    "国家民族事务委员会",
    "公安部",
    "民政部",
    "司法部",
    "财政部",
    "人力资源和社会保障部",
    "自然资源部",
    "生态环境部",
    "住房和城乡建设部",
    "交通运输部",
    "水利部",
    "农业农村部",
    "商务部",
    "文化和旅游部",
    "国家卫生健康委员会",
    "退役军人事务部",
    "应急管理部",
    "中国人民银行",
    "审计署",
]


def test_the_catalog_names_the_central_departments_in_both_languages() -> None:
    catalog = load_catalog(CATALOG)
    central = [a for a in catalog.agencies.values() if a.code != "huaian-hongze"]
    assert len(central) >= 25
    assert {a.name_zh for a in central} >= set(CONSTITUENT)
    for agency in central:
        assert re.fullmatch(r"[a-z][a-z0-9-]*", agency.code), agency.code
        assert re.search(r"[\u4e00-\u9fff]", agency.name_zh) and re.fullmatch(
            r"[A-Z][A-Za-z ,'()-]+", agency.name_en
        ), agency
    assert len({a.name_zh for a in central}) == len({a.name_en for a in central}) == len(central)


def test_every_address_has_a_source_and_a_host_it_may_be_fetched_from() -> None:
    for agency in load_catalog(CATALOG).agencies.values():
        addresses = [*agency.listing_urls, *agency.reports.values()]
        if not addresses:
            continue
        assert agency.source and agency.seen and re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(agency.seen)), agency.code
        for url in addresses:
            assert urlsplit(url).scheme in ("http", "https") and urlsplit(url).hostname in agency.hosts, (
                agency.code,
                url,
            )


def test_catalog_lists_agencies_sources_and_the_years_the_warehouse_holds(
    fixtures: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # No warehouse yet: every agency is listed, and the operator is told why no years show.
    assert main(["catalog", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out.splitlines()
    rows = {
        line.split()[0]: line
        for line in out[1:]
        if line and not line[0].isdigit() and line.split()[0] in load_catalog(CATALOG).agencies
    }
    assert set(rows) == set(load_catalog(CATALOG).agencies)
    assert f"no warehouse at {tmp_path / 'warehouse.duckdb'} yet" in out
    assert re.search(
        r"^\d+ agencies: \d+ with a listing page, \d+ with pinned reports only, \d+ with no address known$", out[-2]
    )
    assert re.search(r"^mof +财政部 +- +2025 +1 ", rows["mof"])

    # A real warehouse: its years appear beside each agency, read-only (the file is left as it was).
    warehouse = build(tmp_path, truth_extractions(fixtures))
    before = warehouse.stat().st_mtime_ns, warehouse.read_bytes()
    assert main(["catalog", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert (warehouse.stat().st_mtime_ns, warehouse.read_bytes()) == before
    assert re.search(r"^huaian-hongze .* 2023-2024 +2023-2024 ", out, re.MULTILINE)
    assert re.search(r"^mfa .* 2020 +2020 ", out, re.MULTILINE)
    assert "warehouse: 3 reports of 2 agencies" in out


def test_catalog_of_one_agency_in_full(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalog", "--agency", "mof"]) == 0
    out = capsys.readouterr().out
    agency = load_catalog(CATALOG).agencies["mof"]
    assert out.startswith("mof: 财政部 (Ministry of Finance)\n")
    for year, url in agency.reports.items():
        assert f"  pinned:    {year} {url}\n" in out
    assert f"  source:    {agency.source} (seen {agency.seen})\n" in out
    assert main(["catalog", "--agency", "nope"]) == 2
    assert capsys.readouterr().err.startswith("ogi: error: unknown agency 'nope' (the catalog has: ")


def test_discover_offline_says_what_it_would_do_for_every_agency(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = yaml.safe_load(CATALOG.read_text(encoding="utf-8"))
    doc["agencies"].append(
        {
            "code": "local",
            "name_zh": "某部",
            "name_en": "Local",
            "level": "central",
            "kind": "department",
            "parent": "国务院",
            "listing_urls": [site.url("/list/")],
            "hosts": ["127.0.0.1"],
            "reports": {2021: site.url("/r.pdf")},
            "source": "test",
            "seen": "2026-11-29",
        }
    )
    catalog = tmp_path / "catalog.yaml"
    catalog.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv("OGI_CATALOG", str(catalog))

    assert main(["discover", "--offline"]) == 0
    lines = capsys.readouterr().out.splitlines()
    agencies = load_catalog(catalog).agencies
    assert [line.split(":")[0] for line in lines] == list(agencies)
    by_code = dict(zip(agencies, lines))
    assert by_code["mps"] == "mps: no listing known for mps (公安部); nothing to fetch"
    assert by_code["mof"] == "mof: no listing known for mof (财政部); would fetch the pinned report for 2025"
    assert by_code["local"] == (
        f"local: would read 1 listing page ({site.url('/list/')}), contacting only 127.0.0.1; "
        "and fetch the pinned report for 2021"
    )
    assert by_code["chinatax"] == (
        "chinatax: would read 1 listing page (https://www.chinatax.gov.cn/getFileListByCodeId, posting its form), "
        "contacting only www.chinatax.gov.cn"
    )
    assert sum("no listing known for" in line for line in lines) == sum(not a.listing_urls for a in agencies.values())
    assert site.log == []  # offline: nothing was asked of any site

    assert main(["discover", "--offline", "--agency", "local"]) == 0
    assert capsys.readouterr().out == by_code["local"] + "\n"


def test_year_ranges() -> None:
    assert year_ranges([2023, 2019, 2020, 2021, 2025]) == "2019-2021, 2023, 2025"
    assert year_ranges([]) == "-"


def test_discover_says_when_no_listing_is_known(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["discover", "--agency", "mps"]) == 0
    out, err = capsys.readouterr()
    assert out == "" and err == "ogi: no listing known for mps (公安部); nothing to discover\n"
