"""The long series: 平潭's old-style reports on 2011–2018 (read from the bundled pages) and its
reports on 2022–2025 (their published figures) in one warehouse: legacy_facts as published,
request_series across the template change, and the figures whose table and text disagree."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from truth import truth_extraction
from warehouse_support import build, query

from pipeline.core.crosswalk import mappings
from pipeline.extract import extract_report

OLD, NEW = range(2011, 2019), range(2022, 2026)
HZ = "huaian-hongze"


def _truth(fixtures: Path, year: int) -> dict:
    return json.loads((fixtures / "realworld" / f"pingtan-{year}.truth.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory, fixtures: Path) -> Path:
    extractions = {("pingtan", y): extract_report(fixtures / "realworld" / f"pingtan-{y}.html") for y in OLD}
    extractions |= {("pingtan", y): truth_extraction(fixtures / "realworld" / f"pingtan-{y}.truth.json") for y in NEW}
    # A page written for the tests: a blank cell, an amount in 万元, a text figure the table contradicts.
    extractions[(HZ, 2015)] = extract_report(fixtures / "oldstyle" / "statistics-table.html")
    return build(tmp_path_factory.mktemp("long"), extractions)


def test_legacy_facts_hold_every_published_figure(warehouse: Path, fixtures: Path) -> None:
    for year in OLD:
        truth = _truth(fixtures, year)
        loaded = query(
            warehouse,
            "SELECT label, period, value, coalesce(unit, ''), raw, sentence FROM legacy_facts "
            "WHERE agency = 'pingtan' AND year = ? AND source = 'table'",
            [year],
        )
        published = [
            (g["label"], g["period"], None if g["value"] is None else Decimal(g["value"]), g["unit"], g["text"], None)
            for g in truth["figures"]
            if g["source"] == "table"
        ]
        assert sorted(loaded, key=str) == sorted(published, key=str), year
    assert query(warehouse, "SELECT DISTINCT template FROM reports WHERE agency = 'pingtan' AND year < 2019") == [
        ("legacy",)
    ]


def test_a_blank_cell_and_an_amount_in_wan_stay_as_published(warehouse: Path) -> None:
    rows = query(
        warehouse,
        "SELECT label, period, value, unit, raw, locator FROM legacy_facts WHERE agency = ? AND source = 'table' "
        "AND label IN ('四、行政诉讼数', '五、收费减免金额') ORDER BY label, period",
        [HZ],
    )
    assert rows == [
        ("五、收费减免金额", "cumulative", Decimal("1.2"), "万元", "1.2", "table 1, row 16, column 4"),
        ("五、收费减免金额", "year", Decimal("0.5"), "万元", "0.5", "table 1, row 16, column 3"),
        ("四、行政诉讼数", "cumulative", Decimal(0), "件", "0", "table 1, row 15, column 4"),
        ("四、行政诉讼数", "year", None, "件", "-", "table 1, row 15, column 3"),
    ]


def test_request_series_runs_from_2011_to_2025_with_the_break_in_2022(warehouse: Path, fixtures: Path) -> None:
    series = query(
        warehouse,
        "SELECT measure, year, value, template, source, series_break FROM request_series WHERE agency = 'pingtan'",
    )
    old = {(m, y): (v, s) for m, y, v, t, s, _ in series if t == "legacy"}
    # Each old year: the figure of the table's year column that the crosswalk maps, else the text's.
    for year in OLD:
        expected: dict[str, Decimal] = {}
        for source in ("text", "table"):
            for g in _truth(fixtures, year)["figures"]:
                if g["source"] == source and g["period"] == "year" and g["value"] is not None:
                    for m in mappings(g["label"]):
                        expected[m.measure] = Decimal(str(g["value"]))
        assert {m: v for (m, y), (v, _) in old.items() if y == year} == expected, year
    received = sorted((y, v, t, b) for m, y, v, t, _, b in series if m == "requests_received")
    assert [y for y, *_ in received] == [*OLD, *NEW]
    new_2022 = query(
        warehouse,
        "SELECT value FROM request_facts WHERE agency = 'pingtan' AND year = 2022 AND outcome = 'new_requests' "
        "AND applicant = 'total'",
    )[0][0]
    assert received[len(OLD)] == (2022, new_2022, "2021", True)
    assert {(m, y) for m, y, *_, b in series if b} == {
        (m, 2022)
        for m in ("requests_received", "requests_answered", "granted", "partially_granted", "denied")
        + ("answered_other", "reconsiderations", "lawsuits")
    }


def test_each_disagreement_of_table_and_text_is_an_issue_naming_both(warehouse: Path) -> None:
    issues = query(
        warehouse,
        "SELECT agency, year, subject, published, computed, message FROM quality_issues "
        "WHERE check_name = 'legacy_text_table' ORDER BY agency, year, subject",
    )
    assert [i[:5] for i in issues] == [
        (HZ, 2015, "requests_received", Decimal(12), Decimal(13)),
        ("pingtan", 2012, "proactive_published", Decimal(739), Decimal(1913)),
        ("pingtan", 2013, "proactive_published", Decimal(72804), Decimal(4970)),
        ("pingtan", 2013, "reconsiderations", Decimal(0), Decimal(1)),
    ]
    message = issues[3][5]
    assert "行政复议数 = 0" in message and "收到1份有关政府信息公开行政复议申请已及时处理" in message


def test_unmapped_indicators_stay_visible(warehouse: Path) -> None:
    unmapped = query(
        warehouse,
        "SELECT DISTINCT f.label FROM legacy_facts AS f ANTI JOIN legacy_measures AS m "
        "ON m.agency = f.agency AND m.year = f.year AND m.label = f.label "
        "WHERE f.agency = 'pingtan' AND f.year = 2014 AND f.source = 'table' ORDER BY 1",
    )
    assert unmapped == [
        ("2、政府公报公开数",),
        ("其中：1、政府网站公开数",),
        ("接受行政诉讼、举报数",),
        ("政府信息公开收费减免金额",),
    ]
