"""The long series: an old-style report's figures in legacy_facts, mapped by the crosswalk into
request_series beside the 2019+ reports, and its table and text compared."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from warehouse_support import build, query, truth_extractions

from pipeline.extract import extract_report

HZ = "huaian-hongze"


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory, fixtures: Path) -> Path:
    extractions = truth_extractions(fixtures)
    # The old-style page: its table says 12 requests, its text 13 (a published disagreement).
    extractions[(HZ, 2015)] = extract_report(fixtures / "oldstyle" / "statistics-table.html")
    return build(tmp_path_factory.mktemp("long"), extractions)


def test_legacy_facts_keep_each_figure_as_published(warehouse: Path) -> None:
    rows = query(
        warehouse,
        "SELECT label, section, period, value, unit, source, locator, raw, sentence FROM legacy_facts "
        "WHERE agency = ? AND year = 2015 ORDER BY source, locator, period",
        [HZ],
    )
    assert (
        "4.其他类型",
        "（二）对申请的答复总数",
        "cumulative",
        Decimal(12),
        "件",
        "table",
        "table 1, row 13, column 4",
        "12",
        None,
    ) in rows
    # 万元 stays 万元; a dash is a blank cell, kept with its raw text.
    assert (
        "五、收费减免金额",
        None,
        "year",
        Decimal("0.5"),
        "万元",
        "table",
        "table 1, row 16, column 3",
        "0.5",
        None,
    ) in rows
    assert ("四、行政诉讼数", None, "year", None, "件", "table", "table 1, row 15, column 3", "-", None) in rows
    assert (
        "受理政府信息公开申请",
        None,
        "year",
        Decimal(13),
        "件",
        "text",
        None,
        "受理政府信息公开申请13件",
        "全年共受理政府信息公开申请13件。",
    ) in rows
    assert query(warehouse, "SELECT template FROM reports WHERE agency = ? AND year = 2015", [HZ]) == [("legacy",)]


def test_request_series_joins_old_and_new_reports_with_a_break(warehouse: Path) -> None:
    rows = query(
        warehouse,
        "SELECT year, value, template, source, series_break FROM request_series "
        "WHERE agency = ? AND measure = 'requests_received' ORDER BY year",
        [HZ],
    )
    new_2023, template_2023 = query(
        warehouse,
        "SELECT value, template FROM request_facts JOIN reports USING (agency, year) WHERE agency = ? "
        "AND year = 2023 AND outcome = 'new_requests' AND applicant = 'total'",
        [HZ],
    )[0]
    # The table's figure, not the text's; the first national-template year marks the break.
    assert rows[0] == (2015, Decimal(12), "legacy", "table", False)
    assert rows[1] == (2023, new_2023, template_2023, "table 三", True)
    assert [r[4] for r in rows[2:]] == [False] * len(rows[2:])
    measures = dict(
        query(warehouse, "SELECT measure, value FROM request_series WHERE agency = ? AND year = 2015", [HZ])
    )
    assert measures == {
        "proactive_published": Decimal(2949),
        "requests_received": Decimal(12),
        "requests_in_person": Decimal(3),
        "requests_online": Decimal(8),
        "requests_letter_fax": Decimal(1),
        "requests_answered": Decimal(12),
        "granted": Decimal(9),
        "partially_granted": Decimal(1),
        "denied": Decimal(0),
        "answered_other": Decimal(2),
        "reconsiderations": Decimal(0),
        "lawsuits": None,
    }


def test_unmapped_indicators_stay_visible(warehouse: Path) -> None:
    unmapped = query(
        warehouse,
        "SELECT DISTINCT f.label FROM legacy_facts AS f ANTI JOIN legacy_measures AS m "
        "ON m.agency = f.agency AND m.year = f.year AND m.label = f.label WHERE f.agency = ?",
        [HZ],
    )
    assert unmapped == [("五、收费减免金额",)]


def test_a_table_and_text_disagreement_is_an_issue_naming_both(warehouse: Path) -> None:
    issues = query(
        warehouse,
        "SELECT year, subject, published, computed, message FROM quality_issues "
        "WHERE agency = ? AND check_name = 'legacy_text_table'",
        [HZ],
    )
    assert len(issues) == 1
    year, subject, published, computed, message = issues[0]
    assert (year, subject, published, computed) == (2015, "requests_received", Decimal(12), Decimal(13))
    assert "（一）受理依申请公开信息总数" in message and "全年共受理政府信息公开申请13件" in message
