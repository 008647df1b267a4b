"""Edge runs of ``ogi run``: a catalog copied to another folder finds the bundled samples; a run
in which no report could be loaded publishes nothing and exits 2; hostile files fail alone with one
line; a snapshot of a warehouse with empty tables works."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import yaml
from warehouse_support import build

from pipeline.core.catalog import load_catalog
from pipeline.core.settings import PROJECT_DIR
from pipeline.replica.hostile import deeply_nested, flate_bomb
from pipeline.warehouse.snapshot import TABLES, open_snapshot, write_snapshot

CATALOG = PROJECT_DIR / "data" / "catalog.yaml"


def _ogi_run(catalog: Path, data_dir: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DAGSTER_HOME", "OGI_DATA_DIR", "OGI_CATALOG")}
    command = [Path(sys.executable).with_name("ogi"), "run", "--catalog", catalog, "--data-dir", data_dir]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)


def _errors(done: subprocess.CompletedProcess) -> list[str]:
    return [line for line in done.stderr.splitlines() if line.startswith("ogi: error:")]


def _with_samples(path: Path, samples: list[dict]) -> Path:
    doc = yaml.safe_load(CATALOG.read_text(encoding="utf-8"))
    doc["samples"] = samples
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return path


def test_a_copied_catalog_loads_the_eighteen_bundled_reports(tmp_path: Path) -> None:
    copied = tmp_path / "c" / "ok.yaml"
    copied.parent.mkdir()
    shutil.copy(CATALOG, copied)
    done = _ogi_run(copied, tmp_path / "d")
    assert done.returncode == 0, done.stderr
    assert "reports loaded: 18;" in done.stdout and "snapshot (new)" in done.stdout
    assert "Traceback" not in done.stderr


def test_a_sample_file_beside_the_catalog_is_read_first_and_a_missing_one_names_where_it_was_looked_for(
    tmp_path: Path,
) -> None:
    copied = tmp_path / "c" / "ok.yaml"
    (copied.parent / "samples").mkdir(parents=True)
    shutil.copy(CATALOG, copied)
    beside = shutil.copy(PROJECT_DIR / "data" / "samples" / "mfa-2020.pdf", copied.parent / "samples")
    catalog = load_catalog(copied)
    assert catalog.sample("mfa", 2020).file == Path(beside).resolve()
    assert catalog.sample("pingtan", 2024).file == PROJECT_DIR / "data" / "samples" / "pingtan-2024.html"
    missing = _with_samples(
        tmp_path / "m" / "catalog.yaml", [{"agency": "mfa", "year": 2020, "file": "samples/nowhere.pdf"}]
    )
    sample = load_catalog(missing).sample("mfa", 2020)
    assert not sample.file.exists()
    assert load_catalog(missing).looked_for(sample) == [
        (missing.parent / "samples" / "nowhere.pdf").resolve(),
        PROJECT_DIR / "data" / "samples" / "nowhere.pdf",
    ]


def test_a_run_that_loads_no_report_publishes_nothing_and_exits_2(tmp_path: Path) -> None:
    """Two reports, each a hostile file: each fails alone with one line naming what it reached, and
    no warehouse or snapshot is published from nothing; a sample missing everywhere says where it was
    looked for."""
    (tmp_path / "bomb.pdf").write_bytes(flate_bomb())
    (tmp_path / "nested.pdf").write_bytes(deeply_nested())
    catalog = _with_samples(
        tmp_path / "catalog.yaml",
        [
            {"agency": "mfa", "year": 2020, "file": str(tmp_path / "bomb.pdf")},
            {"agency": "huaian-hongze", "year": 2023, "file": str(tmp_path / "nested.pdf")},
            {"agency": "huaian-hongze", "year": 2024, "file": "samples/nowhere.pdf"},
        ],
    )
    done = _ogi_run(catalog, tmp_path / "data")
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    errors = _errors(done)
    assert len(errors) == 4, done.stderr
    assert any("mfa 2020: " in e and "inflated stream limit (512 MiB, OGI_LIMIT_INFLATED_MB)" in e for e in errors)
    looked = f"not at {tmp_path / 'samples' / 'nowhere.pdf'} nor {PROJECT_DIR / 'data' / 'samples' / 'nowhere.pdf'}"
    assert any(e.startswith("ogi: error: huaian-hongze 2024: sample file not found: ") and looked in e for e in errors)
    assert errors[-1] == (
        "ogi: error: warehouse: no report could be loaded (none of the catalog's reports is staged): "
        "no warehouse and no snapshot published"
    )
    assert "no warehouse was published" in done.stdout
    assert not (tmp_path / "data" / "warehouse.duckdb").exists()
    assert not list((tmp_path / "data").glob("snapshots/*"))


def test_a_catalog_of_nothing_publishes_nothing_and_exits_2(tmp_path: Path) -> None:
    done = _ogi_run(_with_samples(tmp_path / "catalog.yaml", []), tmp_path / "data")
    assert done.returncode == 2, done.stderr
    assert _errors(done) == [
        "ogi: error: warehouse: no report could be loaded (none of the catalog's reports is staged): "
        "no warehouse and no snapshot published"
    ]
    assert "reports: 0 in" in done.stdout
    assert not (tmp_path / "data" / "warehouse.duckdb").exists()


def test_a_snapshot_of_empty_tables_is_queried_like_any_other(tmp_path: Path) -> None:
    warehouse = build(tmp_path, {})
    snapshot = write_snapshot(warehouse, tmp_path / "snapshots", name="empty")
    assert snapshot is not None
    con = open_snapshot(snapshot)
    try:
        for table in TABLES:
            expected = duckdb.connect(str(warehouse), read_only=True).table(table).count("*").fetchall()
            assert con.table(table).count("*").fetchall() == expected, table
        assert con.execute("SELECT count(*) FROM request_facts WHERE year = 2024").fetchall() == [(0,)]
    finally:
        con.close()
