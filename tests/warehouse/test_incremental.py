"""Incremental builds equal full builds, table by table, after reports are added, changed and
removed; reports the catalog no longer covers leave on purpose, reports that vanish stop the build."""

from __future__ import annotations

import dataclasses
import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from warehouse_support import query, stage, truth_extractions, with_value

from pipeline.core.catalog import Agency, Catalog
from pipeline.core.settings import Settings
from pipeline.warehouse.quality import required_cells
from pipeline.warehouse.snapshot import FORMAT, TABLES, write_snapshot
from pipeline.warehouse.update import IntegrityFailure, Outcome, refresh_warehouse

TODAY = date(2026, 11, 29)
COMPARED = (*TABLES, "report_inputs", "report_versions", "revisions")


def catalog_of(reports: dict[str, list[int]]) -> Catalog:
    """Agencies whose reports are pinned by year (so removing a year removes the report)."""
    return Catalog(
        Path("catalog.yaml"),
        {
            code: Agency(
                code,
                f"{code} 名称",
                f"{code} name",
                reports={y: f"https://example.org/{code}/{y}.pdf" for y in years},
                level="central",
                kind="department",
                parent="国务院",
            )
            for code, years in reports.items()
        },
        [],
    )


def refresh(data: Path, catalog: Catalog, *, full: bool = False) -> Outcome:
    return refresh_warehouse(
        Settings(data, data / "catalog.yaml"),
        catalog,
        code_version="test",
        required_cells=required_cells,
        today=TODAY,
        full=full,
    )


def tables(warehouse: Path) -> dict[str, list[tuple]]:
    # staged_stat is where the record sits on disk (a cache key), not content: the copy differs.
    return {
        t: query(
            warehouse,
            f"SELECT * EXCLUDE (staged_stat) FROM {t} ORDER BY ALL"
            if t == "report_inputs"
            else f"SELECT * FROM {t} ORDER BY ALL",
        )
        for t in COMPARED
    }


def assert_equals_full_rebuild(data: Path, catalog: Catalog, tmp_path: Path) -> None:
    other = tmp_path / "full"
    shutil.rmtree(other, ignore_errors=True)
    shutil.copytree(data, other, symlinks=True)
    assert refresh(other, catalog, full=True).mode == "full"
    built, rebuilt = tables(data / "warehouse.duckdb"), tables(other / "warehouse.duckdb")
    for table in COMPARED:
        assert built[table] == rebuilt[table], table
    fingerprints = [
        query(p / "warehouse.duckdb", "SELECT value FROM warehouse_info WHERE key = 'fingerprint'")
        for p in (data, other)
    ]
    assert fingerprints[0] == fingerprints[1]


@pytest.fixture(scope="module")
def truths(fixtures: Path) -> dict:
    return truth_extractions(fixtures)


def test_incremental_builds_equal_full_builds(tmp_path: Path, truths: dict) -> None:
    data = tmp_path / "data"
    staging = data / "staging"
    hz23, hz24 = truths[("huaian-hongze", 2023)], truths[("huaian-hongze", 2024)]
    for key, extraction in truths.items():
        stage(staging, *key, extraction)
    catalog = catalog_of({"mfa": [2020], "huaian-hongze": [2023, 2024, 2025]})
    first = refresh(data, catalog)
    assert (first.status, first.mode, first.counts["reports"]) == ("published", "full", 3)
    assert refresh(data, catalog).status == "unchanged"

    # Added: a 2025 report whose carry-over disagrees with 2024's carried-forward figure.
    stage(staging, "huaian-hongze", 2025, with_value(hz24, ("requests", "carried_over", "total"), 77))
    added = refresh(data, catalog)
    assert (added.mode, added.build.loaded) == ("incremental", [("huaian-hongze", 2025)])
    assert added.issues["carryover"][0] == 1
    assert_equals_full_rebuild(data, catalog, tmp_path)

    # Changed: 2024's carried-forward figure now matches, and 2023 gets a new inconsistency.
    stage(staging, "huaian-hongze", 2024, with_value(hz24, ("requests", "carried_forward", "total"), 77))
    stage(staging, "huaian-hongze", 2023, with_value(hz23, ("review", "litigation_direct", "total"), 9))
    changed = refresh(data, catalog)
    assert changed.mode == "incremental"
    assert changed.build.loaded == [("huaian-hongze", 2023), ("huaian-hongze", 2024)]
    assert ("huaian-hongze", 2025) in changed.build.scope, "the year after a change is checked again"
    assert_equals_full_rebuild(data, catalog, tmp_path)
    assert query(
        data / "warehouse.duckdb",
        "SELECT value FROM request_facts WHERE year = 2024 AND outcome = 'carried_forward' AND applicant = 'total'",
    ) == [(77,)]

    # Removed: one report leaves the catalog, then a whole agency.
    catalog = catalog_of({"mfa": [2020], "huaian-hongze": [2024, 2025]})
    removed = refresh(data, catalog)
    assert (removed.mode, removed.removed, removed.problems) == ("incremental", [("huaian-hongze", 2023)], [])
    assert_equals_full_rebuild(data, catalog, tmp_path)
    catalog = catalog_of({"huaian-hongze": [2024, 2025]})
    gone = refresh(data, catalog)
    assert gone.removed == [("mfa", 2020)]
    assert query(data / "warehouse.duckdb", "SELECT agency, year FROM reports ORDER BY ALL") == [
        ("huaian-hongze", 2024),
        ("huaian-hongze", 2025),
    ]
    assert query(data / "warehouse.duckdb", "SELECT count(*) FROM agencies WHERE agency = 'mfa'") == [(0,)]
    assert_equals_full_rebuild(data, catalog, tmp_path)
    assert refresh(data, catalog).status == "unchanged", "the staged mfa report stays staged, not loaded"


def test_a_report_that_vanishes_from_staging_stops_the_build(tmp_path: Path, truths: dict) -> None:
    data = tmp_path / "data"
    for key, extraction in truths.items():
        stage(data / "staging", *key, extraction)
    catalog = catalog_of({"mfa": [2020], "huaian-hongze": [2023, 2024]})
    refresh(data, catalog)
    published = (data / "warehouse.duckdb").resolve()
    (data / "staging" / "mfa" / "2020.json").unlink()
    for full in (False, True):
        with pytest.raises(IntegrityFailure) as failure:
            refresh(data, catalog, full=full)
        assert [str(p) for p in failure.value.outcome.problems] == [
            "mfa 2020: the report was in the previous warehouse and has disappeared "
            "(its agency and year are still in the catalog)"
        ]
        assert (data / "warehouse.duckdb").resolve() == published
    assert query(data / "warehouse.duckdb", "SELECT count(*) FROM reports") == [(3,)]


def test_new_agency_names_alone_are_an_incremental_build(tmp_path: Path, truths: dict) -> None:
    data = tmp_path / "data"
    for key, extraction in truths.items():
        stage(data / "staging", *key, extraction)
    catalog = catalog_of({"mfa": [2020], "huaian-hongze": [2023, 2024]})
    refresh(data, catalog)
    renamed = dataclasses.replace(
        catalog,
        agencies={
            **catalog.agencies,
            "mfa": dataclasses.replace(catalog.agencies["mfa"], name_en="Ministry of Foreign Affairs"),
        },
    )
    outcome = refresh(data, renamed)
    assert (outcome.mode, outcome.build.loaded) == ("incremental", [])
    assert query(data / "warehouse.duckdb", "SELECT name_en FROM agencies WHERE agency = 'mfa'") == [
        ("Ministry of Foreign Affairs",)
    ]
    assert_equals_full_rebuild(data, renamed, tmp_path)


def test_a_snapshot_writes_only_the_years_that_changed(tmp_path: Path, truths: dict) -> None:
    data = tmp_path / "data"
    for key, extraction in truths.items():
        stage(data / "staging", *key, extraction)
    catalog = catalog_of({"mfa": [2020], "huaian-hongze": [2023, 2024]})
    refresh(data, catalog)
    first = write_snapshot(data / "warehouse.duckdb", data / "snapshots", name="2026-11-28T020000Z")
    hz24 = truths[("huaian-hongze", 2024)]
    stage(data / "staging", "huaian-hongze", 2024, with_value(hz24, ("review", "litigation_direct", "upheld"), 3))
    refresh(data, catalog)
    second = write_snapshot(data / "warehouse.duckdb", data / "snapshots", name="2026-11-29T020000Z")
    for table in ("request_facts", "review_facts", "proactive_facts"):
        for year in (2020, 2023):
            old, new = (s / table / f"year={year}" / "data_0.parquet" for s in (first, second))
            assert new.stat().st_ino == old.stat().st_ino, (table, year, "linked, not written again")
        old, new = (s / table / "year=2024" / "data_0.parquet" for s in (first, second))
        assert new.stat().st_ino != old.stat().st_ino
    # The same files a snapshot written from nothing has.
    alone = write_snapshot(data / "warehouse.duckdb", tmp_path / "alone", name="2026-11-29T020000Z")
    manifests = [json.loads((s / "manifest.json").read_text(encoding="utf-8")) for s in (second, alone)]
    assert manifests[0]["tables"] == manifests[1]["tables"]
    assert query(
        data / "warehouse.duckdb",
        "SELECT value FROM review_facts WHERE year = 2024 AND proceeding = 'litigation_direct' AND result = 'upheld'",
    ) == [(3,)]


def test_a_snapshot_of_another_format_lends_no_file(tmp_path: Path, truths: dict) -> None:
    """Files written by an earlier snapshot format (its Parquet columns' nullability, say) are not
    taken over, even for the years whose reports did not change."""
    data = tmp_path / "data"
    for key, extraction in truths.items():
        stage(data / "staging", *key, extraction)
    catalog = catalog_of({"mfa": [2020], "huaian-hongze": [2023, 2024]})
    refresh(data, catalog)
    first = write_snapshot(data / "warehouse.duckdb", data / "snapshots", name="2026-11-28T020000Z")
    manifest = json.loads((first / "manifest.json").read_text(encoding="utf-8"))
    (first / "manifest.json").write_text(json.dumps(manifest | {"format": FORMAT - 1}), encoding="utf-8")
    hz24 = truths[("huaian-hongze", 2024)]
    stage(data / "staging", "huaian-hongze", 2024, with_value(hz24, ("review", "litigation_direct", "upheld"), 3))
    refresh(data, catalog)
    second = write_snapshot(data / "warehouse.duckdb", data / "snapshots", name="2026-11-29T020000Z")
    for year in (2020, 2023, 2024):
        old, new = (s / "request_facts" / f"year={year}" / "data_0.parquet" for s in (first, second))
        assert new.stat().st_ino != old.stat().st_ino, year


def test_page_pdf_differences_stay_with_their_report(tmp_path: Path, truths: dict) -> None:
    """A difference between a report's PDF and its web page is recorded from staging; rebuilding
    the year before (whose carry-over reaches this year) keeps it, as a full build would."""
    from pipeline.extract.compare import disagreements
    from pipeline.fetch.store import RawReport
    from pipeline.warehouse.staging import stage_report

    data = tmp_path / "data"
    staging = data / "staging"
    hz23, hz24 = truths[("huaian-hongze", 2023)], truths[("huaian-hongze", 2024)]
    stage(staging, "huaian-hongze", 2023, hz23)
    page = with_value(hz24, ("requests", "granted", "total"), 999)
    raw = RawReport(
        agency="huaian-hongze",
        year=2024,
        sha256="b" * 64,
        path=Path("/nonexistent"),
        size=1,
        kind="original",
        fetched_at="2026-01-01T00:00:00+00:00",
    )
    stage_report(staging, raw, hz24, "test", "c" * 64, disagreements(hz24, page))
    catalog = catalog_of({"huaian-hongze": [2023, 2024]})
    first = refresh(data, catalog)
    assert first.issues["pdf_page_mismatch"][0] == 1
    issue = query(
        data / "warehouse.duckdb",
        "SELECT year, subject, computed FROM quality_issues WHERE check_name = 'pdf_page_mismatch'",
    )
    assert issue == [(2024, "requests.granted.total", 999)]

    stage(staging, "huaian-hongze", 2023, with_value(hz23, ("requests", "carried_forward", "total"), 5))
    changed = refresh(data, catalog)
    assert (changed.mode, changed.build.loaded) == ("incremental", [("huaian-hongze", 2023)])
    assert (
        query(
            data / "warehouse.duckdb",
            "SELECT year, subject, computed FROM quality_issues WHERE check_name = 'pdf_page_mismatch'",
        )
        == issue
    )
    assert_equals_full_rebuild(data, catalog, tmp_path)


def version(sha: str, first_seen: str, last_seen: str, failure: str | None = None):
    from pipeline.fetch.store import Version

    return Version(
        sha, 1, "original", "pdf", f"https://example.org/{sha[:4]}.pdf", None, {}, first_seen, last_seen, failure
    )


def test_revisions_stay_with_their_report(tmp_path: Path, truths: dict) -> None:
    """A new version with three figures changed is three rows of revisions and one revised issue;
    a version that fails leaves them and the facts as they were; rebuilding the year before
    (whose carry-over reaches this year) keeps them, as a full build would."""
    from pipeline.fetch.store import RawReport
    from pipeline.warehouse.staging import record_versions, stage_report

    data = tmp_path / "data"
    staging = data / "staging"
    hz23, hz24 = truths[("huaian-hongze", 2023)], truths[("huaian-hongze", 2024)]
    stage(staging, "huaian-hongze", 2023, hz23)
    v1 = version("a" * 64, "2025-02-01T00:00:00+00:00", "2025-03-01T00:00:00+00:00")
    v2 = version("b" * 64, "2025-03-02T00:00:00+00:00", "2025-03-02T00:00:00+00:00")

    def staged(v, extraction, versions) -> None:
        raw = RawReport("huaian-hongze", 2024, v.sha256, Path("/nonexistent"), 1, "original", fetched_at=v.first_seen)
        stage_report(staging, raw, extraction, "test", versions=versions)

    staged(v1, hz24, [v1])
    catalog = catalog_of({"huaian-hongze": [2023, 2024]})
    refresh(data, catalog)
    corrected = with_value(hz24, ("requests", "granted", "total"), 51)
    corrected = with_value(corrected, ("review", "litigation_direct", "upheld"), 7)
    corrected = with_value(corrected, ("proactive", "normative_documents", "in_force"), None)
    staged(v2, corrected, [v1, v2])
    revised = refresh(data, catalog)
    assert (revised.mode, revised.build.loaded) == ("incremental", [("huaian-hongze", 2024)])
    assert revised.issues["revised"][0] == 1
    warehouse = data / "warehouse.duckdb"
    rows = query(
        warehouse,
        "SELECT table_name, row_code, column_code, change, old_value, new_value, old_sha256, new_sha256, "
        "strftime(old_last_seen, '%Y-%m-%d'), strftime(new_first_seen, '%Y-%m-%d') FROM revisions ORDER BY ALL",
    )
    old = {(t, r, c): f.value for f in hz24.facts for t, r, c in [(f.table, f.row, f.column)]}
    assert rows == [
        (t, r, c, "changed", old[(t, r, c)], new, "a" * 64, "b" * 64, "2025-03-01", "2025-03-02")
        for t, r, c, new in sorted(
            [
                ("proactive", "normative_documents", "in_force", None),
                ("requests", "granted", "total", 51),
                ("review", "litigation_direct", "upheld", 7),
            ]
        )
    ]
    since = (
        "SELECT strftime(first_seen, '%Y-%m-%d'), count(*) FROM request_facts WHERE year = 2024 GROUP BY 1 ORDER BY 1"
    )
    assert query(warehouse, since) == [
        ("2025-02-01", len([f for f in hz24.facts if f.table == "requests"]) - 1),
        ("2025-03-02", 1),
    ]
    assert_equals_full_rebuild(data, catalog, tmp_path)

    # A third version that cannot be read: recorded, the second stays loaded.
    v3 = version("c" * 64, "2025-04-01T00:00:00+00:00", "2025-04-01T00:00:00+00:00", "no table 三 found")
    record_versions(staging, "huaian-hongze", 2024, [v1, v2, v3])
    failed = refresh(data, catalog)
    assert failed.build.loaded == [("huaian-hongze", 2024)]
    assert query(
        warehouse, "SELECT sha256, loaded, failure FROM report_versions WHERE year = 2024 ORDER BY first_seen"
    ) == [
        ("a" * 64, False, None),
        ("b" * 64, True, None),
        ("c" * 64, False, "no table 三 found"),
    ]
    assert query(warehouse, "SELECT DISTINCT sha256 FROM review_facts WHERE year = 2024") == [("b" * 64,)]
    assert query(warehouse, "SELECT count(*) FROM revisions") == [(3,)]

    # The year before changes: this year's carry-over is checked again, its revisions stay.
    stage(staging, "huaian-hongze", 2023, with_value(hz23, ("requests", "carried_forward", "total"), 5))
    again = refresh(data, catalog)
    assert ("huaian-hongze", 2024) in again.build.scope and again.issues["revised"][0] == 1
    assert_equals_full_rebuild(data, catalog, tmp_path)
