"""Timeliness and the comparison views, on a real warehouse built from the ground-truth reports: every
figure recomputed here from the published cells; NULL where a figure is blank or a denominator is
zero, never a guess."""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from truth import TRUTHS, truth_cells
from warehouse_support import catalog, query, truth_extractions, with_value

from pipeline.core.facts import Extraction
from pipeline.fetch import RawReport
from pipeline.fetch.published import Publication
from pipeline.warehouse.build import build_warehouse
from pipeline.warehouse.inputs import agencies_digest, fingerprint, scan_staging, schema_digest
from pipeline.warehouse.staging import stage_report, staged_reports

# When each report was published, as the fetch would have read it (None: nothing says).
PUBLISHED = {
    ("mfa", 2020): Publication("2021-02-03", "listing: 2021-02-03", "listed"),  # a department: 3 days late
    ("huaian-hongze", 2023): Publication("2024-02-26", "PDF ModDate: D:20240226145645", "metadata"),
    ("huaian-hongze", 2024): None,
}
GROUPS = ("granted", "partially_granted", "denied", "unable", "not_processed", "other_handling")
BLANK_REVIEW = ("huaian-hongze", 2024)  # its reconsideration total published blank here
ZERO_NEW = ("huaian-hongze", 2023)  # its new requests published as 0 here


def _extractions(fixtures: Path) -> dict[tuple[str, int], Extraction]:
    extractions = truth_extractions(fixtures)
    extractions[BLANK_REVIEW] = with_value(
        extractions[BLANK_REVIEW], ("review", "administrative_review", "total"), None
    )
    extractions[ZERO_NEW] = with_value(extractions[ZERO_NEW], ("requests", "new_requests", "total"), 0)
    return extractions


def _cells(fixtures: Path) -> dict[tuple[str, int], dict[tuple[str, str, str], Decimal | None]]:
    cells = {key: truth_cells(fixtures / truth) for key, (truth, _) in TRUTHS.items()}
    cells[BLANK_REVIEW][("review", "administrative_review", "total")] = None
    cells[ZERO_NEW][("requests", "new_requests", "total")] = Decimal(0)
    return cells


@pytest.fixture(scope="module")
def warehouse(fixtures: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("comparisons")
    staging = folder / "staging"
    for (agency, year), extraction in _extractions(fixtures).items():
        raw = RawReport(
            agency=agency,
            year=year,
            sha256=hashlib.sha256(f"{agency}{year}".encode()).hexdigest(),
            path=Path("/nonexistent"),
            size=1,
            kind="original",
            fetched_at="2026-01-01T00:00:00+00:00",
        )
        stage_report(staging, raw, extraction, "test", published=PUBLISHED[(agency, year)])
    inputs, schema = scan_staging(staging), schema_digest("test")
    path = folder / "warehouse.duckdb"
    build_warehouse(
        path,
        staging,
        staged_reports(staging),
        catalog(),
        code_version="test",
        schema=schema,
        inputs=inputs,
        fingerprint=fingerprint(schema, agencies_digest(catalog()), list(inputs.values())),
    )
    return path


def test_timeliness_counts_days_from_the_deadline_of_the_body_kind(warehouse: Path) -> None:
    rows = query(
        warehouse,
        "SELECT agency, year, due_date, published_on, published_on_confidence, days_after_due, on_time "
        "FROM report_timeliness ORDER BY agency, year",
    )
    assert rows == [
        # A county government: due 31 March; the PDF was saved 26 February.
        ("huaian-hongze", 2023, date(2024, 3, 31), date(2024, 2, 26), "metadata", -34, True),
        ("huaian-hongze", 2024, date(2025, 3, 31), None, None, None, None),  # unknown, not guessed
        # A ministry: due 31 January.
        ("mfa", 2020, date(2021, 1, 31), date(2021, 2, 3), "listed", 3, False),
    ]
    sources = query(warehouse, "SELECT published_on_source FROM reports WHERE agency = 'mfa'")
    assert sources == [("listing: 2021-02-03",)]


def _group(cells: dict, group: str) -> Decimal | None:
    """An outcome group's requests (总计 column) as request_outcome_groups adds them: the row itself,
    or its numbered rows (（六） as one row when printed so)."""
    if ("requests", group, "total") in cells:
        return cells[("requests", group, "total")]
    parts = [
        v for (t, row, col), v in cells.items() if t == "requests" and col == "total" and row.startswith(group + ".")
    ]
    present = [v for v in parts if v is not None]
    return Decimal(sum(present)) if present else None


def _ratio(numerator: Decimal | None, denominator: Decimal | None, scale: int = 1) -> float | None:
    if numerator is None or denominator is None or denominator == 0:
        return None
    return float(scale * numerator / denominator)


def test_agency_comparison_recomputes_from_the_published_cells(warehouse: Path, fixtures: Path) -> None:
    columns = [
        "new_requests",
        "handled",
        *GROUPS,
        *(f"{g}_share" for g in GROUPS),
        "reconsiderations",
        "litigations",
        "reconsiderations_per_100",
        "litigations_per_100",
    ]
    loaded = {
        (row[0], row[1]): dict(zip(["level", "region", *columns], row[2:], strict=True))
        for row in query(warehouse, f"SELECT agency, year, level, region, {', '.join(columns)} FROM agency_comparison")
    }
    assert set(loaded) == set(TRUTHS)
    for key, cells in _cells(fixtures).items():
        got = loaded[key]
        new, handled = cells[("requests", "new_requests", "total")], cells[("requests", "total_processed", "total")]
        assert (got["new_requests"], got["handled"]) == (new, handled), key
        for group in GROUPS:
            assert got[group] == _group(cells, group), (key, group)
            assert got[f"{group}_share"] == pytest.approx(_ratio(_group(cells, group), handled), abs=5e-5), key
        review = cells[("review", "administrative_review", "total")]
        direct, after = (
            cells[("review", "litigation_direct", "total")],
            cells[("review", "litigation_after_review", "total")],
        )
        litigations = None if direct is None or after is None else direct + after
        assert (got["reconsiderations"], got["litigations"]) == (review, litigations), key
        assert got["reconsiderations_per_100"] == pytest.approx(_ratio(review, new, 100), abs=5e-3), key
        assert got["litigations_per_100"] == pytest.approx(_ratio(litigations, new, 100), abs=5e-3), key
    # The blank and the zero make NULL rates, never 0 nor a guess.
    assert loaded[BLANK_REVIEW]["reconsiderations_per_100"] is None
    assert loaded[ZERO_NEW]["reconsiderations_per_100"] is None and loaded[ZERO_NEW]["litigations_per_100"] is None
    assert loaded[("mfa", 2020)]["region"] is None and loaded[("huaian-hongze", 2024)]["region"] == "320813"
    before = query(
        warehouse, "SELECT new_requests_year_before FROM agency_comparison WHERE agency = 'huaian-hongze' ORDER BY year"
    )
    assert before == [(None,), (Decimal(0),)]  # 2022 is not loaded; 2023's was published as 0 here


def test_levels_and_regions_pool_their_bodies(warehouse: Path, fixtures: Path) -> None:
    cells = _cells(fixtures)
    levels = query(
        warehouse,
        "SELECT year, level, bodies, new_requests, requests_per_body, granted_share, reconsiderations_per_100 "
        "FROM level_comparison ORDER BY year, sort_order",
    )
    county = cells[("huaian-hongze", 2024)]
    assert levels[-1][:5] == (
        2024,
        "county",
        1,
        county[("requests", "new_requests", "total")],
        county[("requests", "new_requests", "total")],
    )
    assert levels[-1][5] == pytest.approx(
        _ratio(county[("requests", "granted", "total")], county[("requests", "total_processed", "total")]), abs=5e-5
    )
    assert levels[-1][6] is None  # its only body's reconsideration total is blank
    assert [row[:2] for row in levels] == [(2020, "central"), (2023, "county"), (2024, "county")]
    regions = query(warehouse, "SELECT year, province, level, bodies FROM region_comparison ORDER BY year")
    assert regions == [(2023, "320000", "county", 1), (2024, "320000", "county", 1)]  # the ministry has no region


def test_denial_reasons_share_the_body_denials(warehouse: Path, fixtures: Path) -> None:
    cells = _cells(fixtures)
    for (agency, year), published in cells.items():
        reasons = {
            row: v
            for (t, row, col), v in published.items()
            if t == "requests" and col == "total" and row.startswith("denied.")
        }
        rows = dict(
            (reason, (requests, share, per_100))
            for reason, requests, share, per_100 in query(
                warehouse,
                "SELECT reason, requests, share_of_denials, per_100_handled FROM denial_comparison "
                "WHERE agency = ? AND year = ?",
                [agency, year],
            )
        )
        assert set(rows) == set(reasons)
        denied = sum(v for v in reasons.values() if v is not None)
        handled = published[("requests", "total_processed", "total")]
        for reason, value in reasons.items():
            requests, share, per_100 = rows[reason]
            assert requests == value
            expected = None if None in reasons.values() else _ratio(value, denied)
            assert share == pytest.approx(expected, abs=5e-5), (agency, year, reason)
            assert per_100 == pytest.approx(_ratio(value, handled, 100), abs=5e-3), (agency, year, reason)


def test_the_deadline_follows_the_regulation_in_force_for_the_year() -> None:
    """The 2019 regulation (art. 49) from the reports on 2019: departments by 31 January, governments by
    31 March; the 2007 regulation (art. 31) held every report on 2008–2018 to 31 March."""
    import duckdb

    from pipeline.warehouse.sql import statement

    con = duckdb.connect()
    con.execute(statement("macros/due_date"))
    due = {
        (kind, year): con.execute("SELECT report_due_date(?, ?)", [kind, year]).fetchone()[0]
        for kind in ("department", "government", "other")
        for year in (2011, 2018, 2019, 2024)
    }
    assert due == {
        **{
            (kind, year): date(year + 1, 3, 31)
            for kind in ("department", "government", "other")
            for year in (2011, 2018)
        },
        **{(kind, year): date(year + 1, 1, 31) for kind in ("department", "other") for year in (2019, 2024)},
        ("government", 2019): date(2020, 3, 31),
        ("government", 2024): date(2025, 3, 31),
    }
