"""The warehouse built from the published figures: schema, dimensions, blanks, views, snapshots."""

from __future__ import annotations

import json
import os
import re
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from truth import TRUTHS, truth_cells
from warehouse_support import build, loaded_cells, query, truth_extractions, with_value

from pipeline.warehouse.snapshot import TABLES, open_snapshot, snapshot_dirs, write_snapshot


@pytest.fixture(scope="module")
def warehouse(fixtures: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("warehouse"), truth_extractions(fixtures))


def test_facts_equal_the_published_figures(warehouse: Path, fixtures: Path) -> None:
    for (agency, year), (truth, _) in TRUTHS.items():
        assert loaded_cells(warehouse, agency, year) == truth_cells(fixtures / truth), (agency, year)


def test_group_rows_have_labels_in_both_languages(warehouse: Path) -> None:
    groups = query(warehouse, "SELECT outcome, label_zh, label_en FROM outcomes WHERE is_group ORDER BY sort_order")
    assert [g[0] for g in groups] == ["processed", "denied", "unable", "not_processed"]
    assert all(zh and en for _, zh, en in groups)
    assert query(warehouse, "SELECT label_zh FROM applicant_types WHERE applicant = 'legal_person'") == [
        ("法人或其他组织",)
    ]
    assert query(warehouse, "SELECT label_en FROM proceedings WHERE proceeding = 'litigation'") == [
        ("Administrative litigation",)
    ]
    # Every parent named by a code is a row of its dimension table.
    for table, key in [("outcomes", "outcome"), ("applicant_types", "applicant"), ("proceedings", "proceeding")]:
        orphans = query(
            warehouse,
            f"SELECT c.{key} FROM {table} c LEFT JOIN {table} p ON p.{key} = c.parent "
            f"WHERE c.parent IS NOT NULL AND p.{key} IS NULL",
        )
        assert orphans == [], table


def test_blank_cells_are_null_and_keep_their_raw_text(fixtures: Path, tmp_path: Path) -> None:
    extractions = truth_extractions(fixtures)
    key = ("mfa", 2020)
    extractions[key] = with_value(extractions[key], ("proactive", "administrative_fees", "change"), None)
    path = build(tmp_path, extractions)
    assert query(
        path,
        "SELECT value, raw FROM proactive_facts WHERE agency = 'mfa' AND item = 'administrative_fees' "
        "AND measure = 'change'",
    ) == [(None, "")]


def test_the_2023_review_inconsistency_is_recorded_and_not_corrected(warehouse: Path) -> None:
    issues = query(
        warehouse,
        "SELECT agency, year, check_name, severity, subject, published, computed, cells "
        "FROM quality_issues ORDER BY subject",
    )
    assert [i[:7] for i in issues] == [
        ("huaian-hongze", 2023, "review_total", "WARN", "administrative_review", Decimal(0), Decimal(11)),
        ("huaian-hongze", 2023, "review_total", "WARN", "litigation_after_review", Decimal(0), Decimal(5)),
    ]
    cells = json.loads(issues[0][7])
    assert {c["column"]: c["value"] for c in cells} == {
        "upheld": 10,
        "corrected": 1,
        "other": 0,
        "pending": 0,
        "total": 0,
    }
    assert query(
        warehouse,
        "SELECT value FROM review_facts WHERE agency = 'huaian-hongze' AND year = 2023 "
        "AND proceeding = 'administrative_review' AND result = 'total'",
    ) == [(Decimal(0),)]


def test_views_answer_the_first_questions(warehouse: Path) -> None:
    denied = query(
        warehouse,
        "SELECT requests, share FROM request_outcome_groups WHERE agency = 'mfa' "
        "AND outcome_group = 'denied' AND applicant = 'total'",
    )
    assert denied == [(Decimal(6), 0.2)]  # 4 state secret + 2 internal affairs, of 30 handled
    reasons = query(
        warehouse,
        "SELECT reason, requests FROM denials_by_reason WHERE agency = 'mfa' AND requests > 0 ORDER BY sort_order",
    )
    assert reasons == [("denied.state_secret", Decimal(4)), ("denied.internal_affairs", Decimal(2))]
    mix = query(
        warehouse,
        "SELECT applicant_group, sum(new_requests) FROM applicant_mix WHERE agency = 'mfa' GROUP BY ALL ORDER BY 1",
    )
    assert mix == [("legal_person", Decimal(3)), ("natural_person", Decimal(26))]
    shares = query(warehouse, "SELECT sum(share) FROM request_outcomes WHERE agency = 'huaian-hongze' AND year = 2024")
    assert shares[0][0] == pytest.approx(1.0, abs=0.001)


def test_reports_carry_provenance(warehouse: Path) -> None:
    rows = query(
        warehouse, "SELECT agency, year, kind, template, length(sha256), extractor_version FROM reports ORDER BY ALL"
    )
    assert rows == [
        ("huaian-hongze", 2023, "replica", "2021", 64, "test"),
        ("huaian-hongze", 2024, "replica", "2021", 64, "test"),
        ("mfa", 2020, "replica", "2019", 64, "test"),
    ]


def test_snapshot_is_complete_immutable_and_written_only_on_change(
    warehouse: Path, fixtures: Path, tmp_path: Path
) -> None:
    snapshots = tmp_path / "snapshots"
    first = write_snapshot(warehouse, snapshots, name="2026-11-27T080000Z")
    assert first == snapshots / "2026-11-27T080000Z"
    manifest = json.loads((first / "manifest.json").read_text(encoding="utf-8"))
    assert {(r["agency"], r["year"]) for r in manifest["reports"]} == set(TRUTHS)
    assert manifest["tables"]["request_facts"]["rows"] == 3 * 23 * 7
    for info in manifest["tables"].values():
        for f in info["files"]:
            assert (first / f["path"]).is_file()
    years = duckdb.sql(
        f"SELECT year, count(*) FROM read_parquet('{first}/review_facts/*/*.parquet', "
        "hive_partitioning = true) GROUP BY year ORDER BY year"
    ).fetchall()
    assert years == [(2020, 15), (2023, 15), (2024, 15)]
    before = {p: (p.stat().st_mtime_ns, p.stat().st_ino) for p in first.rglob("*")}

    # The same content again: nothing is written, on the same day or the next.
    assert write_snapshot(warehouse, snapshots, name="2026-11-28T080000Z") is None
    # New content: a new folder beside the first, which stays as it was (the same name taken: a suffix).
    extractions = truth_extractions(fixtures)
    extractions[("mfa", 2020)] = with_value(extractions[("mfa", 2020)], ("review", "litigation_direct", "upheld"), 1)
    changed = build(tmp_path / "changed", extractions)
    second = write_snapshot(changed, snapshots, name="2026-11-27T080000Z")
    assert second == snapshots / "2026-11-27T080000Z.02"
    assert snapshot_dirs(snapshots) == [first, second]
    assert {p: (p.stat().st_mtime_ns, p.stat().st_ino) for p in first.rglob("*")} == before
    assert not [p for p in snapshots.iterdir() if p.name.startswith(".")], "no temporary folder left"
    assert os.listdir(second / "review_facts") == os.listdir(first / "review_facts")


def test_a_snapshot_is_queried_like_the_warehouse_wherever_it_is(
    warehouse: Path, fixtures: Path, tmp_path: Path
) -> None:
    snapshots = tmp_path / "snapshots"
    first = write_snapshot(warehouse, snapshots)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d{6}Z", first.name)  # the UTC time it was made
    # latest is a relative symlink to the snapshot of the published warehouse.
    latest = snapshots / "latest"
    assert latest.is_symlink() and os.readlink(latest) == first.name and latest.resolve() == first
    assert snapshot_dirs(snapshots) == [first], "the link is not a snapshot of its own"
    # Names sort in time order, even with more than nine snapshots made in the same second.
    extractions = truth_extractions(fixtures)
    extractions[("mfa", 2020)] = with_value(extractions[("mfa", 2020)], ("review", "litigation_direct", "upheld"), 1)
    changed = build(tmp_path / "changed", extractions)
    made = [write_snapshot((changed, warehouse)[n % 2], snapshots, name=first.name) for n in range(11)]
    assert (
        snapshot_dirs(snapshots)
        == [first, *made]
        == sorted(p for p in snapshots.iterdir() if p.is_dir() and not p.is_symlink())
    )
    assert made[-1].name == f"{first.name}.12" and latest.resolve() == made[-1]

    moved = tmp_path / "elsewhere" / "copy"
    moved.parent.mkdir()
    first.rename(moved)
    sql = [
        "SELECT * FROM request_outcome_groups ORDER BY ALL",
        "SELECT * FROM request_facts ORDER BY ALL",
        "SELECT * FROM quality_issues ORDER BY ALL",
        "SELECT check_name, severity FROM checks ORDER BY sort_order",
        "SELECT table_name, column_name, data_type, comment FROM duckdb_columns() ORDER BY ALL",
    ]
    con = open_snapshot(moved)
    try:
        got = [con.execute(q).fetchall() for q in sql]
        with pytest.raises(duckdb.Error):
            con.execute("CREATE TABLE scratch (a INTEGER)")
    finally:
        con.close()
    assert got == [query(warehouse, q) for q in sql[:4]] + [got[4]]
    assert len(got[0]) > 0 and len(got[1]) == 3 * 23 * 7
    views = {v for (v,) in query(warehouse, "SELECT view_name FROM duckdb_views() WHERE NOT internal")}
    ours = set(TABLES) | views  # the warehouse's build records (warehouse_info, report_inputs) stay out
    comments = {(t, c): (d, comment) for t, c, d, comment in got[4] if t in ours}
    expected = {(t, c): (d, comment) for t, c, d, comment in query(warehouse, sql[4]) if t in ours}
    assert comments == expected  # same columns, types and comments as the warehouse
