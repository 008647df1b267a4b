"""Small faults of real use: an interrupted snapshot, file permissions, a snapshot that cannot be
written, Ctrl-C, a live download of the very bytes of a bundled sample, and ``--jobs 0``."""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
import yaml
from pipeline_support import write_catalog
from sitefixture import LISTING, Site, publish, site  # noqa: F401 (site is a fixture)
from truth import TRUTHS, truth_cells, truth_extraction
from warehouse_support import loaded_cells

from pipeline.cli import main
from pipeline.core.settings import PROJECT_DIR
from pipeline.fetch import RawStore
from pipeline.runs.runlock import HELD
from pipeline.warehouse.snapshot import snapshot_dirs
from pipeline.warehouse.staging import stage_report, staged_report
from pipeline.warehouse.update import HOLD_VARIABLE

SAMPLE = PROJECT_DIR / "data" / "samples" / "mfa-2020.pdf"


def env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("DAGSTER_HOME", HELD)}


def ogi_run(catalog: Path, data: Path, umask: int = 0o022, **variables: str) -> subprocess.Popen:
    """``ogi run`` in its own process group, as a terminal runs it (Ctrl-C reaches the whole group);
    ``variables`` are added to its environment."""
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pipeline.cli",
            "run",
            "--catalog",
            str(catalog),
            "--data-dir",
            str(data),
            "--jobs",
            "2",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**env(), **variables},
        start_new_session=True,
        preexec_fn=lambda: os.umask(umask),
    )


def finished(proc: subprocess.Popen) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=300)
    return proc.returncode, out, err


@pytest.fixture(scope="module")
def catalog(fixtures: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_catalog(tmp_path_factory.mktemp("catalog") / "catalog.yaml", fixtures)


@pytest.fixture(scope="module")
def published(catalog: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder after one good run, made with umask 022."""
    data = tmp_path_factory.mktemp("published") / "data"
    code, out, err = finished(ogi_run(catalog, data))
    assert code == 0 and "snapshot (new)" in out, err
    return data


@pytest.fixture
def data(published: Path, tmp_path: Path) -> Iterator[Path]:
    copy = tmp_path / "data"
    shutil.copytree(published, copy)
    yield copy


def assert_correct(warehouse: Path, fixtures: Path) -> None:
    for (agency, year), (truth, _) in TRUTHS.items():
        assert loaded_cells(warehouse, agency, year) == truth_cells(fixtures / truth), (agency, year)


def leftovers(data: Path) -> list[Path]:
    return [*data.glob(".warehouse.duckdb.*"), *(data / "snapshots").glob(".tmp-*")]


def test_raw_and_staged_files_follow_the_umask(published: Path, tmp_path: Path, fixtures: Path) -> None:
    modes = {
        p.relative_to(published): stat.S_IMODE(p.stat().st_mode)
        for folder in ("raw", "staging")
        for p in (published / folder).rglob("*")
        if p.is_file()
    }
    assert modes and set(modes.values()) == {0o644}, modes
    saved = os.umask(0o027)
    try:
        raw = RawStore(tmp_path / "raw").put_file(SAMPLE, agency="mfa", year=2020, kind="replica")
        stage_report(tmp_path / "staging", raw, truth_extraction(fixtures / TRUTHS[("mfa", 2020)][0]), "test")
    finally:
        os.umask(saved)
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    # The object, the report's provenance, its history and its versions; the staged facts and record.
    assert len(written) == 6 and {stat.S_IMODE(p.stat().st_mode) for p in written} == {0o640}


def test_an_interrupted_snapshot_is_cleared_by_the_next_run(data: Path, catalog: Path) -> None:
    # What a run killed while writing its snapshot leaves: a temporary folder, no snapshot of the
    # published warehouse.
    (snapshot,) = snapshot_dirs(data / "snapshots")
    unfinished = data / "snapshots" / ".tmp-0123456789abcdef"
    shutil.copytree(snapshot, unfinished)
    (unfinished / "manifest.json").unlink()
    shutil.rmtree(snapshot)
    (data / "snapshots" / "latest.json").unlink()
    code, out, err = finished(ogi_run(catalog, data))
    assert (code, err) == (0, "") and "snapshot (new)" in out
    (again,) = snapshot_dirs(data / "snapshots")  # written again, under the time of this run
    assert not leftovers(data) and (again / "manifest.json").is_file()


def test_a_snapshot_that_cannot_be_written_is_a_snapshot_failure(data: Path, catalog: Path, fixtures: Path) -> None:
    doc = yaml.safe_load(catalog.read_text(encoding="utf-8"))
    doc["agencies"][0]["name_en"] = "Ministry of Foreign Affairs of the People's Republic of China"
    renamed = data.parent / "renamed.yaml"
    renamed.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    shutil.move(data / "snapshots", data.parent / "kept-snapshots")
    (data / "snapshots").write_text("not a folder: writing a snapshot here fails with a real OSError\n")
    code, out, err = finished(ogi_run(renamed, data))
    assert code == 2
    assert f"warehouse published: {data / 'warehouse.duckdb'}" in out
    assert f"snapshot: not written to {data / 'snapshots'}: [Errno 17] File exists" in out
    assert (
        err
        == f"ogi: error: snapshot: not written to {data / 'snapshots'}: [Errno 17] File exists: '{data / 'snapshots'}'\n"
    )
    con = duckdb.connect(str(data / "warehouse.duckdb"), read_only=True)
    try:
        assert con.execute("SELECT name_en FROM agencies WHERE agency = 'mfa'").fetchall() == [
            (doc["agencies"][0]["name_en"],)
        ]
    finally:
        con.close()
    assert_correct(data / "warehouse.duckdb", fixtures)


def interrupt_after(proc: subprocess.Popen, line_start: str, delay: float) -> None:
    for line in proc.stdout:
        if line.startswith(line_start):
            break
    time.sleep(delay)
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does


def interrupt_when_held(proc: subprocess.Popen, marker: Path) -> None:
    """Ctrl-C once the build has started and is held there (``$OGI_HOLD_BUILD``), then let it go on:
    however fast or slow the machine, the interruption lands in the middle of the build."""
    deadline = time.monotonic() + 240
    while not marker.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert marker.exists(), "the build did not start"
    os.killpg(proc.pid, signal.SIGINT)
    marker.unlink()  # the build goes on, interrupted: it must not be published


@pytest.mark.parametrize("stage", ["reports:", "warehouse:"], ids=["extracting", "building"])
def test_ctrl_c_is_one_line_and_exit_130(
    stage: str, catalog: Path, published: Path, tmp_path: Path, fixtures: Path
) -> None:
    data = tmp_path / "data"
    if stage == "warehouse:":  # staged reports, no warehouse yet: the run goes straight to building it
        shutil.copytree(published, data)
        (data / "warehouse.duckdb").unlink()
        marker = tmp_path / "building"
        proc = ogi_run(catalog, data, **{HOLD_VARIABLE: str(marker)})
        interrupt_when_held(proc, marker)
    else:
        proc = ogi_run(catalog, data)
        interrupt_after(proc, stage, 2.0)
    code, out, err = finished(proc)
    assert (code, err) == (130, "ogi: interrupted; nothing half-built was published\n")
    assert "Traceback" not in out and not leftovers(data)
    code, out, err = finished(ogi_run(catalog, data))  # and the next run completes the work
    assert (code, err) == (0, "")
    assert_correct(data / "warehouse.duckdb", fixtures)


def test_a_live_download_of_the_samples_bytes_records_the_publisher(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DAGSTER_HOME", raising=False)
    doc = yaml.safe_load((PROJECT_DIR / "data" / "catalog.yaml").read_text(encoding="utf-8"))
    doc["samples"] = [{"agency": "mfa", "year": 2020, "kind": "replica", "publisher": "外交部", "file": str(SAMPLE)}]
    catalog, data = tmp_path / "catalog.yaml", tmp_path / "data"
    catalog.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    assert main(["run", "--catalog", str(catalog), "--data-dir", str(data), "--jobs", "1"]) == 0
    (posted,) = publish(site, {2020: SAMPLE.read_bytes()})  # the publisher serves the very same bytes
    fast = ["--delay", "0", "--timeout", "2", "--retries", "1", "--jobs", "1"]
    code = main(
        [
            "run",
            "--live",
            "--listing-url",
            site.url(LISTING),
            "--agency",
            "mfa",
            "--catalog",
            str(catalog),
            "--data-dir",
            str(data),
            *fast,
        ]
    )
    captured = capsys.readouterr()
    assert (code, captured.err) == (0, "")
    con = duckdb.connect(str(data / "warehouse.duckdb"), read_only=True)
    try:
        reports = con.execute("SELECT kind, source_url FROM reports WHERE agency = 'mfa' AND year = 2020").fetchall()
    finally:
        con.close()
    assert reports == [("original", site.url(posted.pdf))]
    assert staged_report(data / "staging", "mfa", 2020).source_url == site.url(posted.pdf)


@pytest.mark.parametrize("jobs", ["0", "-2", "two"])
def test_jobs_must_be_at_least_one(jobs: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["run", "--jobs", jobs])
    err = capsys.readouterr().err
    assert exited.value.code == 2
    assert (
        err.splitlines()[-1] == f"ogi run: error: argument --jobs: expected a whole number of at least 1, got '{jobs}'"
    )
