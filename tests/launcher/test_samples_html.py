"""The bundled sample as ``make run`` loads it: the 平潭 article pages (reconstructions of the
publisher's pages) next to the PDF replicas: its reports on 2019 and 2020 (the 2019 template) and
on 2021–2025 (the 2021 template), seven consecutive years whose carry-over is checked."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from build_dump import differences, dump, snapshot_dump
from truth import truth_cells
from warehouse_support import loaded_cells, query

from pipeline.core.catalog import load_catalog
from pipeline.core.settings import PROJECT_DIR

YEARS = (2021, 2022, 2023, 2024, 2025)
PAGES = {2019: "198 facts, template 2019", 2020: "198 facts, template 2019"}
PAGES |= {year: "200 facts, template 2021" for year in YEARS}


@pytest.fixture(scope="module")
def bundled_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess]:
    """``ogi run`` on the project's own catalog, offline, into an empty data folder."""
    data = tmp_path_factory.mktemp("bundled") / "data"
    env = {k: v for k, v in os.environ.items() if k not in ("DAGSTER_HOME", "OGI_DATA_DIR", "OGI_CATALOG")}
    command = [
        sys.executable,
        "-m",
        "pipeline.cli",
        "run",
        "--data-dir",
        str(data),
        "--catalog",
        str(PROJECT_DIR / "data" / "catalog.yaml"),
        "--jobs",
        "2",
    ]
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600, cwd=PROJECT_DIR)
    return data, done


def test_the_catalog_bundles_the_pages_as_reconstructions(fixtures: Path) -> None:
    catalog = load_catalog(PROJECT_DIR / "data" / "catalog.yaml")
    assert catalog.agencies["pingtan"].name_zh == "平潭综合实验区管委会"
    for year in PAGES:
        sample = catalog.sample("pingtan", year)
        assert sample is not None and sample.kind == "reconstruction"
        assert sample.file.read_bytes() == (fixtures / "realworld" / f"pingtan-{year}.html").read_bytes()


def test_make_run_loads_the_pages_to_the_cell(bundled_run, fixtures: Path) -> None:
    data, done = bundled_run
    assert done.returncode == 0, done.stderr
    for year, facts in PAGES.items():
        assert f"+ pingtan {year}: extracted ({facts}, web page)" in done.stdout
    warehouse = data / "warehouse.duckdb"
    for year in PAGES:
        truth = fixtures / "realworld" / f"pingtan-{year}.truth.json"
        assert loaded_cells(warehouse, "pingtan", year) == truth_cells(truth), year
    # Provenance of a web page: no page, a locator, the cell text as published.
    assert query(
        warehouse,
        "SELECT count(*) FROM request_facts WHERE agency = 'pingtan' "
        "AND (page IS NOT NULL OR locator NOT LIKE 'table _, row %, column %')",
    ) == [(0,)]
    assert query(
        warehouse,
        "SELECT count(*) FROM request_facts WHERE agency <> 'pingtan' AND (page IS NULL OR locator IS NOT NULL)",
    ) == [(0,)]
    assert query(
        warehouse,
        "SELECT kind, template, count(*) FROM reports WHERE agency = 'pingtan' GROUP BY kind, template ORDER BY 2",
    ) == [("reconstruction", "2019", 2), ("reconstruction", "2021", 5), ("reconstruction", "legacy", 8)]


def test_the_carryover_check_compares_real_years(bundled_run, fixtures: Path) -> None:
    data, done = bundled_run
    assert "checks passed: 3 (carryover_continuity, warehouse_integrity, report_freshness)" in done.stdout
    warehouse = data / "warehouse.duckdb"
    # Six pairs of consecutive years (2019 to 2025), seven columns each, all equal, so no carry-over
    # issue is recorded.
    pairs = query(
        warehouse,
        """
        SELECT count(*) FROM request_facts AS cur JOIN request_facts AS prev
          ON prev.agency = cur.agency AND prev.year = cur.year - 1 AND prev.applicant = cur.applicant
         AND prev.outcome = 'carried_forward'
        WHERE cur.outcome = 'carried_over' AND cur.agency = 'pingtan' AND cur.value = prev.value""",
    )
    assert pairs == [(42,)]
    # The only issues of the publisher are the totals its report on 2020 publishes that do not add up.
    issues = query(
        warehouse,
        "SELECT year, check_name, subject, published, computed FROM quality_issues WHERE agency = 'pingtan' "
        "AND check_name <> 'legacy_text_table' ORDER BY year, subject",
    )
    assert [(y, c, s, int(p), int(v)) for y, c, s, p, v in issues] == [
        (2020, "requests_outcome_total", "natural_person", 20, 26),
        (2020, "requests_outcome_total", "total", 21, 27),
    ]
    published = json.loads((fixtures / "realworld" / "pingtan-2020.truth.json").read_text(encoding="utf-8"))
    assert len(published["published_inconsistencies"]) == len(issues)
    # And those of its old reports whose table and text disagree (2012, 2013).
    assert query(
        warehouse,
        "SELECT DISTINCT check_name, year FROM quality_issues WHERE check_name = 'legacy_text_table' ORDER BY year",
    ) == [("legacy_text_table", 2012), ("legacy_text_table", 2013)]


def test_make_run_gives_pingtans_long_series_from_2011_to_2025(bundled_run, fixtures: Path) -> None:
    """The old reports (2011–2018) are read as old-style, each figure of their tables as published,
    and request_series runs from 2011 to 2025 without a gap, its break in 2019 (the first year of the
    national template)."""
    data, done = bundled_run
    for year in range(2011, 2019):
        assert f"+ pingtan {year}: extracted (" in done.stdout and "template legacy, web page)" in done.stdout
    warehouse = data / "warehouse.duckdb"
    for year in range(2011, 2019):
        truth = json.loads((fixtures / "realworld" / f"pingtan-{year}.truth.json").read_text(encoding="utf-8"))
        published = sorted((g["label"], g["period"], g["text"]) for g in truth["figures"] if g["source"] == "table")
        loaded = query(
            warehouse,
            "SELECT label, period, raw FROM legacy_facts WHERE agency = 'pingtan' AND year = ? AND source = 'table'",
            [year],
        )
        assert sorted(loaded) == published, year
    series = query(
        warehouse,
        "SELECT year, template, series_break FROM request_series WHERE agency = 'pingtan' "
        "AND measure = 'requests_received' ORDER BY year",
    )
    assert [y for y, _, _ in series] == list(range(2011, 2026))
    assert [y for y, _, b in series if b] == [2019] and {t for y, t, _ in series if y < 2019} == {"legacy"}


def test_the_sample_builds_the_same_warehouse_and_snapshot_as_before(bundled_run, fixtures: Path) -> None:
    """The bundled sample gives, table by table, the build recorded in ``fixtures/build-sample.json``
    (written by ``tests/support/build_dump.py`` from a build of the code before its packages were moved;
    regenerate it only for a change meant to alter the data, and say so in the commit)."""
    data, done = bundled_run
    assert done.returncode == 0, done.stderr
    recorded = json.loads((fixtures / "build-sample.json").read_text(encoding="utf-8"))
    built = dump(data)
    assert built == recorded, "\n".join(differences(built, recorded))
    snapshot = snapshot_dump(data)
    assert snapshot == {table: built[table] for table in snapshot}, "\n".join(differences(snapshot, built))


def test_the_sample_dates_only_what_the_publisher_dated(bundled_run) -> None:
    """The 平潭 reconstructions keep the article header's 时间 line: their reports are dated as stated
    against a government's deadline, 31 March; the replicas were rendered by the project and
    have no date, so their timeliness is unknown, not guessed."""
    data, done = bundled_run
    assert done.returncode == 0, done.stderr
    rows = query(
        data / "warehouse.duckdb",
        "SELECT agency, year, published_on::VARCHAR, published_on_confidence, days_after_due "
        "FROM report_timeliness ORDER BY agency, year",
    )
    stated = {  # the article's 时间 line; a report on 2011 was posted after its deadline
        2011: ("2012-04-11", 11),
        2012: ("2013-02-25", -34),
        2013: ("2014-01-10", -80),
        2014: ("2015-01-02", -88),
        2015: ("2016-01-12", -79),
        2016: ("2017-01-18", -72),
        2017: ("2018-01-23", -67),
        2018: ("2019-01-10", -80),
        2019: ("2020-01-20", -71),
        2020: ("2021-03-05", -26),
        2021: ("2022-02-08", -51),
        2022: ("2023-02-20", -39),
        2023: ("2024-03-08", -23),
        2024: ("2025-03-10", -21),
        2025: ("2026-03-10", -21),
    }
    assert rows == [
        ("huaian-hongze", 2023, None, None, None),
        ("huaian-hongze", 2024, None, None, None),
        ("mfa", 2020, None, None, None),
        *(("pingtan", year, on, "stated", days) for year, (on, days) in stated.items()),
    ]
