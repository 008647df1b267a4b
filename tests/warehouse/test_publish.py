"""Publishing: an analyst's open read-only session neither blocks a run nor sees a half-built
warehouse, and a run that fails while building or checking leaves the previous one exactly as it was."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import dagster as dg
import pyarrow.parquet as pq
import pytest
from pipeline_support import environment, file_state, materialized, run_all, write_catalog
from warehouse_support import query, truth_extractions, without

from pipeline.core.files import write_atomic
from pipeline.warehouse.snapshot import snapshot_dirs
from pipeline.warehouse.staging import stage_report, staged_report

READER = """
import sys, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
sql = "SELECT count(*), sum(value) FROM request_facts"
print(con.execute(sql).fetchall(), flush=True)
sys.stdin.readline()  # hold the session open until told to look again
print(con.execute(sql).fetchall(), flush=True)
"""


@pytest.fixture(scope="module")
def loaded(fixtures: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A data folder after one full run (catalog, data)."""
    folder = tmp_path_factory.mktemp("publish")
    catalog = write_catalog(folder / "catalog.yaml", fixtures)
    with environment(folder / "data", catalog):
        assert all(r.success for r in run_all(dg.DagsterInstance.ephemeral()).values())
    return catalog, folder / "data"


def copy_of(loaded: tuple[Path, Path], tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(loaded[1], data, symlinks=True)  # the link to the published build stays a link
    return data


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def restage(data: Path, agency: str, year: int, extraction) -> None:
    """Stage new facts for a report, as a re-extraction of a corrected file would."""
    raw = staged_report(data / "staging", agency, year)
    from pipeline.fetch import RawStore

    stage_report(data / "staging", RawStore(data / "raw").current(agency, year), extraction, raw.extractor_version)


def refetched(data: Path, agency: str, year: int) -> None:
    """Record a new download of the same bytes (new provenance, so the warehouse is rebuilt),
    replacing the record as staging does: a rename, which moves its folder's times (a write in
    place would not, and a build that stamped the folders would rightly see nothing new)."""
    path = data / "staging" / agency / f"{year}.json"
    record = json.loads(path.read_text(encoding="utf-8"))
    record["fetched_at"] = "2026-11-28T00:00:00+00:00"
    write_atomic(path, json.dumps(record).encode())


def test_an_open_reader_does_not_block_a_run_and_keeps_its_consistent_view(loaded, fixtures, tmp_path) -> None:
    data = copy_of(loaded, tmp_path)
    warehouse = data / "warehouse.duckdb"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(warehouse)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        before = reader.stdout.readline().strip()
        # The district withdraws its 2024 table 三 row 一 from the published figures: fewer facts.
        cell = ("requests", "new_requests", "natural_person")
        extraction = truth_extractions(fixtures)[("huaian-hongze", 2024)]
        restage(data, "huaian-hongze", 2024, without(extraction, cell))
        # The new warehouse fails integrity (a required cell is missing) — then a good one publishes.
        with environment(data, loaded[0]):
            instance = dg.DagsterInstance.ephemeral()
            from pipeline.definitions import defs

            failed = defs.resolve_job_def("warehouse_job").execute_in_process(instance=instance, raise_on_error=False)
            assert not failed.success
            restage(data, "huaian-hongze", 2024, extraction)
            refetched(data, "huaian-hongze", 2024)
            ok = defs.resolve_job_def("warehouse_job").execute_in_process(instance=instance, raise_on_error=False)
            assert ok.success and "warehouse" in materialized(ok)
        reader.stdin.write("\n")
        reader.stdin.flush()
        after = reader.stdout.readline().strip()
    finally:
        reader.stdin.close()
        reader.wait(timeout=30)
    assert before == after, "the open session kept reading the warehouse it opened"
    assert reader.returncode == 0
    assert query(warehouse, "SELECT fetched_at FROM reports WHERE year = 2024") == [("2026-11-28T00:00:00+00:00",)]


def test_an_integrity_failure_leaves_the_previous_warehouse_and_snapshot(loaded, fixtures, tmp_path) -> None:
    data = copy_of(loaded, tmp_path)
    warehouse = data / "warehouse.duckdb"
    before, content, snapshots = file_state(warehouse), digest(warehouse), snapshot_dirs(data / "snapshots")
    extraction = truth_extractions(fixtures)[("mfa", 2020)]
    restage(data, "mfa", 2020, without(extraction, ("review", "litigation_direct", "total")))
    with environment(data, loaded[0]):
        from pipeline.definitions import defs

        result = defs.resolve_job_def("warehouse_job").execute_in_process(
            instance=dg.DagsterInstance.ephemeral(), raise_on_error=False
        )
    assert not result.success
    checks = {e.check_name: (e.passed, e.severity) for e in result.get_asset_check_evaluations()}
    assert checks["warehouse_integrity"] == (False, dg.AssetCheckSeverity.ERROR)
    assert "warehouse_snapshot" not in materialized(result)
    assert (file_state(warehouse), digest(warehouse)) == (before, content)
    assert snapshot_dirs(data / "snapshots") == snapshots
    assert sorted(p.name for p in data.iterdir()) == [
        ".ogi-run.lock",
        "raw",
        "snapshots",
        "staging",
        "warehouse.duckdb",
        "warehouses",
    ]
    build = warehouse.resolve()
    assert sorted(p.name for p in (data / "warehouses").iterdir()) == [build.name, build.name + ".sealed"], (
        "the failed build is removed"
    )


def test_a_build_that_dies_midway_leaves_the_previous_warehouse(loaded, tmp_path) -> None:
    data = copy_of(loaded, tmp_path)
    warehouse = data / "warehouse.duckdb"
    before, content = file_state(warehouse), digest(warehouse)
    # The staged facts of one report are damaged on disk (a full disk, a killed writer…).
    staged = staged_report(data / "staging", "huaian-hongze", 2023)
    facts = staged.facts_path(data / "staging")
    pq.read_table(facts)  # readable before
    facts.write_bytes(facts.read_bytes()[:200])
    refetched(data, "huaian-hongze", 2023)
    with environment(data, loaded[0]):
        from pipeline.definitions import defs

        result = defs.resolve_job_def("warehouse_job").execute_in_process(
            instance=dg.DagsterInstance.ephemeral(), raise_on_error=False
        )
    assert not result.success
    assert (file_state(warehouse), digest(warehouse)) == (before, content)
    assert not list(data.glob(".warehouse.duckdb.*")), "the half-built file is removed"


WRITER = """
import sys, duckdb
con = duckdb.connect(sys.argv[1])  # read-write: holds the file's lock
con.execute("SELECT count(*) FROM reports").fetchall()
print("open", flush=True)
sys.stdin.readline()
"""


def test_a_session_holding_the_warehouse_for_writing_does_not_block_a_run(loaded, tmp_path) -> None:
    data = copy_of(loaded, tmp_path)
    warehouse = data / "warehouse.duckdb"
    before, snapshots = file_state(warehouse), snapshot_dirs(data / "snapshots")
    holder = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(warehouse)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        with environment(data, loaded[0]):
            from pipeline.definitions import defs

            result = defs.resolve_job_def("warehouse_job").execute_in_process(
                instance=dg.DagsterInstance.ephemeral(), raise_on_error=False
            )
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    assert result.success
    assert file_state(warehouse) != before, "a new file was published beside the open one"
    assert query(warehouse, "SELECT count(*) FROM reports") == [(3,)]
    assert snapshot_dirs(data / "snapshots") == snapshots, "same content: no new snapshot"


ANALYST = """
import sys, duckdb
con = duckdb.connect(sys.argv[1])  # read-write, as an analyst might
con.execute("SET checkpoint_threshold = '1TB'")  # committed changes stay in the WAL
con.execute("CREATE TABLE my_notes AS SELECT 'draft' AS note")
con.execute("DELETE FROM request_facts WHERE agency = 'mfa'")  # committed
con.execute("BEGIN TRANSACTION")
con.execute("UPDATE review_facts SET value = 0")  # uncommitted
print("changed", flush=True)
sys.stdin.readline()
"""
FIGURES = "SELECT count(*), sum(value) FROM request_facts"


def analyst(warehouse: Path) -> subprocess.Popen:
    session = subprocess.Popen(
        [sys.executable, "-c", ANALYST, str(warehouse)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert session.stdout.readline().strip() == "changed"
    return session


def warehouse_run(data: Path, catalog: Path) -> dg.ExecuteInProcessResult:
    with environment(data, catalog):
        from pipeline.definitions import defs

        return defs.resolve_job_def("warehouse_job").execute_in_process(
            instance=dg.DagsterInstance.ephemeral(), raise_on_error=False
        )


def test_a_writer_session_killed_while_a_run_publishes_loses_no_published_figure(loaded, tmp_path) -> None:
    data = copy_of(loaded, tmp_path)
    warehouse = data / "warehouse.duckdb"
    figures, old = query(warehouse, FIGURES), warehouse.resolve()
    session = analyst(warehouse)
    try:
        refetched(data, "mfa", 2020)  # something to publish
        result = warehouse_run(data, loaded[0])
        assert result.success and "warehouse" in materialized(result)
        assert warehouse.resolve() != old, "published as a new build; the session keeps the one it opened"
        assert query(warehouse, FIGURES) == figures, "new readers see every published figure"
        assert (old.parent / (old.name + ".wal")).exists(), "the session's WAL is beside its own build"
        first = warehouse.resolve()
    finally:
        session.kill()  # SIGKILL: its WAL stays behind
        session.wait(timeout=30)
    assert session.returncode == -9
    refetched(data, "huaian-hongze", 2023)
    again = warehouse_run(data, loaded[0])
    assert again.success and "warehouse" in materialized(again)
    assert query(warehouse, FIGURES) == figures
    assert query(warehouse, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'my_notes'") == [(0,)]
    left = sorted(p.name for p in (data / "warehouses").iterdir())
    kept = sorted(name for build in (first, warehouse.resolve()) for name in (build.name, build.name + ".sealed"))
    assert left == kept, "old build and stale WAL removed; the build published before kept as the spare"


def test_a_stale_wal_beside_the_published_build_is_rebuilt_away(loaded, tmp_path) -> None:
    data = copy_of(loaded, tmp_path)
    warehouse = data / "warehouse.duckdb"
    figures, published = query(warehouse, FIGURES), warehouse.resolve()
    session = analyst(warehouse)
    session.kill()  # killed with committed changes in the WAL of the published build
    session.wait(timeout=30)
    assert (published.parent / (published.name + ".wal")).exists()
    # Nothing the warehouse depends on changed, but the published build is no longer as published.
    result = warehouse_run(data, loaded[0])
    assert result.success and "warehouse" in materialized(result)
    assert warehouse.resolve() != published
    assert query(warehouse, FIGURES) == figures, "every published figure is back, from the staged reports"
    assert not published.exists() and not (published.parent / (published.name + ".wal")).exists()
    second = warehouse_run(data, loaded[0])
    assert second.success and "warehouse" not in materialized(second), "then nothing to do"
