"""The Dagster pipeline end to end on the real reports: definitions, a full materialisation into a
temporary folder, a quiet second run, and a failing report that does not stop the others."""

from __future__ import annotations

import shutil
from pathlib import Path

import dagster as dg
import pytest
from pipeline_support import environment, file_state, materialized, run_all, write_catalog
from truth import TRUTHS, truth_cells
from warehouse_support import loaded_cells, query

from pipeline.site import write_site
from pipeline.site.coverage import FAILED, LOADED, STATES
from pipeline.warehouse.snapshot import snapshot_dirs


@pytest.fixture(scope="module")
def first_run(fixtures: Path, tmp_path_factory: pytest.TempPathFactory):
    """One full run on the real PDFs (and the replica where no real PDF is stored)."""
    folder = tmp_path_factory.mktemp("pipeline")
    catalog = write_catalog(folder / "catalog.yaml", fixtures)
    data = folder / "data"
    instance = dg.DagsterInstance.ephemeral()
    with environment(data, catalog):
        results = run_all(instance)
    return data, catalog, instance, results


def test_definitions_load_and_are_documented() -> None:
    from pipeline.definitions import defs

    dg.Definitions.validate_loadable(defs)
    assets = {spec.key.to_user_string(): spec for spec in defs.resolve_all_asset_specs()}
    assert set(assets) == {"report_catalog", "raw_reports", "report_facts", "warehouse", "warehouse_snapshot"}
    assert all(spec.description for spec in assets.values())
    checks = defs.resolve_asset_graph().asset_check_keys
    assert {c.name for c in checks} == {
        "published_consistency",
        "carryover_continuity",
        "warehouse_integrity",
        "report_freshness",
    }
    assert defs.resolve_job_def("report_job") and defs.resolve_job_def("warehouse_job")
    assert defs.resolve_schedule_def("nightly_reports") and defs.resolve_sensor_def("warehouse_automation")
    assert defs.resolve_sensor_def("agency_partitions")


def test_everything_materialises_and_equals_the_published_figures(first_run, fixtures: Path) -> None:
    data, _, _, results = first_run
    assert all(r.success for r in results.values())
    assert materialized(results["warehouse"]) == {"report_catalog", "warehouse", "warehouse_snapshot"}
    warehouse = data / "warehouse.duckdb"
    for (agency, year), (truth, _) in TRUTHS.items():
        assert loaded_cells(warehouse, agency, year) == truth_cells(fixtures / truth), (agency, year)
    provenance = query(warehouse, "SELECT count(*) FROM request_facts WHERE page < 1 OR raw IS NULL OR label = ''")
    assert provenance == [(0,)]
    issues = query(warehouse, "SELECT agency, year, check_name, subject FROM quality_issues ORDER BY subject")
    assert issues == [
        ("huaian-hongze", 2023, "review_total", "administrative_review"),
        ("huaian-hongze", 2023, "review_total", "litigation_after_review"),
    ]
    checks = {e.check_name: e.passed for e in results["warehouse"].get_asset_check_evaluations()}
    assert checks["warehouse_integrity"] and checks["carryover_continuity"]
    assert not checks["published_consistency"]
    [snapshot] = snapshot_dirs(data / "snapshots")
    assert (snapshot / "manifest.json").is_file()
    page = (snapshot / "index.html").read_text(encoding="utf-8")  # the dataset page, beside the data
    assert "外交部" in page and (snapshot / "assets" / "charts" / "mfa-requests.svg").is_file()
    # The first snapshot: its README, and changes that say it has no predecessor (the page too).
    assert (snapshot / "README.md").is_file() and (snapshot / "changes" / "facts.parquet").is_file()
    assert "first snapshot" in (snapshot / "CHANGES.md").read_text(encoding="utf-8")
    assert "This snapshot (made" in page and "is the first" in page
    [event] = [
        e for e in results["warehouse"].get_asset_materialization_events() if e.asset_key.path == ["warehouse_snapshot"]
    ]
    metadata = event.materialization.metadata
    assert metadata["previous"].value == "" and metadata["changes"].value["facts"] == {
        "added": 0,
        "changed": 0,
        "removed": 0,
    }


def test_a_second_run_with_nothing_new_changes_nothing(first_run) -> None:
    data, catalog, instance, _ = first_run
    warehouse = data / "warehouse.duckdb"
    before, snapshots = file_state(warehouse), snapshot_dirs(data / "snapshots")
    with environment(data, catalog):
        results = run_all(instance)
    assert all(r.success for r in results.values())
    for key, result in results.items():
        if key != "warehouse":
            assert materialized(result) == set(), f"{key} was extracted again"
    assert materialized(results["warehouse"]) == {"report_catalog"}
    assert file_state(warehouse) == before
    assert snapshot_dirs(data / "snapshots") == snapshots


def test_a_failing_report_does_not_stop_the_others_nor_lose_its_data(first_run, fixtures, tmp_path: Path) -> None:
    data, _, _, _ = first_run
    mine = tmp_path / "data"
    shutil.copytree(data, mine, symlinks=True)  # the link to the published build stays a link
    # The district re-issues its 2024 report as a PDF with no tables in it.
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Annual report 2024: the tables are published separately.")
    broken = tmp_path / "hongze-2024-reissued.pdf"
    pdf.output(str(broken))
    catalog = write_catalog(tmp_path / "catalog.yaml", fixtures, {("huaian-hongze", 2024): broken})
    instance = dg.DagsterInstance.ephemeral()
    with environment(mine, catalog):
        results = run_all(instance)
    assert not results["huaian-hongze|2024"].success
    failure = next(e for e in results["huaian-hongze|2024"].all_events if e.is_step_failure)
    assert failure.step_failure_data.user_failure_data.description.startswith("huaian-hongze 2024: ")
    assert results["warehouse"].success
    warehouse = mine / "warehouse.duckdb"
    assert query(warehouse, "SELECT count(*) FROM review_facts WHERE agency = 'huaian-hongze' AND year = 2024") == [
        (15,)
    ]
    assert query(warehouse, "SELECT count(DISTINCT (agency, year)) FROM request_facts") == [(3,)]
    # The dataset page tells the report that could not be loaded from the ones that were.
    page = write_site(warehouse, tmp_path / "site", raw_dir=mine / "raw").index.read_text(encoding="utf-8")
    assert f'title="huaian-hongze 2024: {STATES[FAILED][1]}"' in page
    assert f'title="huaian-hongze 2023: {STATES[LOADED][1]}"' in page
