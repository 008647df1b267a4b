"""``ogi run`` as an operator runs it: progress, a summary, exit status 2 and one clear line per
failed report, the other reports loaded."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
from pipeline_support import write_catalog


def test_ogi_run_reports_a_bad_report_in_one_line_and_loads_the_others(fixtures: Path, tmp_path: Path) -> None:
    broken = tmp_path / "hongze-2024.pdf"
    broken.write_bytes(b"%PDF-1.7\n" + b"0" * 2000)  # a truncated download: no %%EOF
    catalog = write_catalog(tmp_path / "catalog.yaml", fixtures, {("huaian-hongze", 2024): broken})
    env = {k: v for k, v in os.environ.items() if k not in ("DAGSTER_HOME", "OGI_DATA_DIR", "OGI_CATALOG")}
    command = [
        sys.executable,
        "-m",
        "pipeline.cli",
        "run",
        "--data-dir",
        str(tmp_path / "data"),
        "--catalog",
        str(catalog),
        "--jobs",
        "2",
    ]
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 2, done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("ogi: error:")]
    assert len(errors) == 1 and errors[0].startswith("ogi: error: huaian-hongze 2024: "), done.stderr
    assert "Traceback" not in done.stderr
    assert "+ mfa 2020: extracted" in done.stdout and "! huaian-hongze 2024: " in done.stdout
    assert "reports loaded: 2" in done.stdout and "snapshot (new)" in done.stdout
    con = duckdb.connect(str(tmp_path / "data" / "warehouse.duckdb"), read_only=True)
    try:
        assert con.execute("SELECT agency, year FROM reports ORDER BY ALL").fetchall() == [
            ("huaian-hongze", 2023),
            ("mfa", 2020),
        ]
    finally:
        con.close()


def test_ogi_run_help_explains_itself() -> None:
    done = subprocess.run([sys.executable, "-m", "pipeline.cli", "run", "--help"], capture_output=True, text=True)
    assert done.returncode == 0
    for option in ("--data-dir", "--catalog", "--jobs"):
        assert option in done.stdout
