"""``ogi run`` decides from files alone what cannot have changed: a night with nothing new launches
no Dagster run at all, and a changed sample is still extracted and published."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import dagster as dg
import yaml

from pipeline.core.settings import PROJECT_DIR
from pipeline.warehouse.snapshot import snapshot_dirs

SAMPLES = PROJECT_DIR / "data" / "samples"


def write_catalog(path: Path, files: dict[int, Path]) -> Path:
    """The bundled catalog with the district's reports only, each year's sample file given."""
    doc = yaml.safe_load((PROJECT_DIR / "data" / "catalog.yaml").read_text(encoding="utf-8"))
    doc["samples"] = [
        {
            "agency": "huaian-hongze",
            "year": year,
            "kind": "replica",
            "publisher": "淮安市洪泽区人民政府",
            "file": str(file),
            "content": None,
            "original_url": None,
        }
        for year, file in files.items()
    ]
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return path


def ogi_run(catalog: Path, data: Path, home: Path) -> str:
    env = {**os.environ, "DAGSTER_HOME": str(home)}
    command = [sys.executable, "-m", "pipeline.cli", "run", "--catalog", str(catalog), "--data-dir", str(data)]
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


def runs(home: Path) -> list[str]:
    """The jobs of the runs recorded in the Dagster instance, oldest first."""
    with dg.DagsterInstance.from_config(str(home)) as instance:
        return [run.job_name for run in reversed(instance.get_runs())]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_nothing_new_launches_no_run_and_a_changed_sample_is_extracted(tmp_path: Path) -> None:
    files = {2023: SAMPLES / "huaian-hongze-2023.pdf", 2024: SAMPLES / "huaian-hongze-2024.pdf"}
    catalog = write_catalog(tmp_path / "catalog.yaml", files)
    data, home = tmp_path / "data", tmp_path / "dagster_home"
    home.mkdir()
    out = ogi_run(catalog, data, home)
    assert "+ huaian-hongze 2023: extracted" in out and "+ huaian-hongze 2024: extracted" in out
    assert sorted(runs(home)) == ["report_job", "report_job", "warehouse_job"]
    warehouse = data / "warehouse.duckdb"
    built = digest(warehouse)

    out = ogi_run(catalog, data, home)
    assert "= huaian-hongze 2023: unchanged" in out and "= huaian-hongze 2024: unchanged" in out
    assert "warehouse: built from these very reports already; not run again" in out
    assert "warehouse unchanged" in out
    assert len(runs(home)) == 3, "nothing new: no run launched"
    assert digest(warehouse) == built

    # The 2024 file is replaced by other bytes (here, the 2023 replica's): its run is launched,
    # it is extracted again and the warehouse is rebuilt; 2023 is still not launched.
    changed = tmp_path / "hongze-2024-corrected.pdf"
    shutil.copy(files[2023], changed)
    write_catalog(catalog, {**files, 2024: changed})
    out = ogi_run(catalog, data, home)
    assert "= huaian-hongze 2023: unchanged" in out and "+ huaian-hongze 2024: extracted" in out
    assert "warehouse published" in out
    assert runs(home)[3:] == ["report_job", "warehouse_job"]
    assert digest(warehouse) != built


def test_a_lost_snapshot_is_written_again_without_rebuilding_the_warehouse(tmp_path: Path) -> None:
    catalog = write_catalog(tmp_path / "catalog.yaml", {2023: SAMPLES / "huaian-hongze-2023.pdf"})
    data, home = tmp_path / "data", tmp_path / "dagster_home"
    home.mkdir()
    ogi_run(catalog, data, home)
    assert sorted(runs(home)) == ["report_job", "warehouse_job"]
    warehouse = data / "warehouse.duckdb"
    built = digest(warehouse)
    (first,) = snapshot_dirs(data / "snapshots")
    manifest = (first / "manifest.json").read_text(encoding="utf-8")
    shutil.rmtree(first)

    out = ogi_run(catalog, data, home)
    assert "snapshot (new)" in out
    assert runs(home)[2:] == ["warehouse_job"], "the report is unchanged; only the warehouse job runs"
    assert digest(warehouse) == built, "the warehouse itself is not rebuilt"
    (again,) = snapshot_dirs(data / "snapshots")
    written = json.loads((again / "manifest.json").read_text(encoding="utf-8"))
    assert written["tables"] == json.loads(manifest)["tables"]

    out = ogi_run(catalog, data, home)
    assert len(runs(home)) == 3 and "snapshot (unchanged, latest)" in out


def test_a_report_removed_from_the_catalog_leaves_the_warehouse_and_is_listed(tmp_path: Path) -> None:
    files = {2023: SAMPLES / "huaian-hongze-2023.pdf", 2024: SAMPLES / "huaian-hongze-2024.pdf"}
    catalog = write_catalog(tmp_path / "catalog.yaml", files)
    data, home = tmp_path / "data", tmp_path / "dagster_home"
    home.mkdir()
    ogi_run(catalog, data, home)
    write_catalog(catalog, {2024: files[2024]})  # the district has no listing page: 2023 is no longer covered
    out = ogi_run(catalog, data, home)
    assert "  removed: huaian-hongze 2023 (no longer in the catalog)" in out
    assert "reports loaded: 1;" in out and "warehouse published" in out
    assert "checks failed" not in out
    assert (data / "staging" / "huaian-hongze" / "2023.json").is_file(), "its staged facts are kept"
    out = ogi_run(catalog, data, home)
    assert "warehouse: built from these very reports already; not run again" in out
