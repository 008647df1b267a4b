"""A non-editable install works on its own: ``pip install .`` into a fresh virtual environment,
then ``ogi run`` from a folder far from the sources builds the bundled sample (the SQL ships inside
the package; the catalog's files are found beside the catalog)."""

from __future__ import annotations

import os
import shutil
import subprocess
import venv
from pathlib import Path

import duckdb
import pytest

from pipeline.core.catalog import load_catalog
from pipeline.core.settings import PROJECT_DIR

pytestmark = pytest.mark.cluster


def test_pip_install_then_ogi_run_from_elsewhere_builds_the_sample(tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    source = tmp_path / "source"  # a copy: the install must not depend on the working tree's state
    shutil.copytree(
        PROJECT_DIR,
        source,
        symlinks=True,
        ignore=shutil.ignore_patterns(
            ".venv", ".git", "data", ".dagster_home", "bench", "tests", "*.egg-info", "build", "__pycache__"
        ),
    )
    install = [
        str(python),
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "-c",
        str(PROJECT_DIR / "constraints.txt"),
        str(source),
    ]
    done = subprocess.run(install, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr
    shutil.rmtree(source)  # nothing may be read from it any more

    # The bundled catalog and its sample files, elsewhere; run from yet another folder.
    sample = tmp_path / "sample"
    sample.mkdir()
    shutil.copy(PROJECT_DIR / "data" / "catalog.yaml", sample / "catalog.yaml")
    shutil.copytree(PROJECT_DIR / "data" / "samples", sample / "samples")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OGI_", "DAGSTER_", "PYTHON"))}
    env["PATH"] = f"{env_dir / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    where = subprocess.run(
        [str(python), "-c", "import pipeline; print(pipeline.__file__)"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert where.startswith(str(env_dir)), where

    data = tmp_path / "out"
    done = subprocess.run(
        [str(env_dir / "bin" / "ogi"), "run", "--data-dir", str(data), "--catalog", str(sample / "catalog.yaml")],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    bundled = len(load_catalog(PROJECT_DIR / "data" / "catalog.yaml").samples)
    assert f"reports loaded: {bundled};" in done.stdout, done.stdout
    con = duckdb.connect(str(data / "warehouse.duckdb"), read_only=True)
    try:
        # table 三 of the three PDF reports (483 cells) and of the seven 平潭 web pages: 2019 and 2020 on
        # the 2019 template (2 × 161, 其他处理 one row), 2021–2025 on the 2021 one (5 × 175)
        assert con.execute("SELECT count(*) FROM request_facts").fetchone()[0] == 483 + 2 * 161 + 5 * 175
    finally:
        con.close()
