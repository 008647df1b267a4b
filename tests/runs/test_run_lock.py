"""One run at a time per data folder: two ``ogi run`` started together, ``--wait``, a lock whose
holder was killed, and the warehouse asset (as the nightly schedule's runs build it) waiting for a
manual run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import dagster as dg
import duckdb
import pytest
from pipeline_support import write_catalog
from truth import TRUTHS, truth_cells
from warehouse_support import loaded_cells

from pipeline.runs.runlock import HELD, RunLocked, lock_path, run_lock

HOLD = (
    "import sys, time\nfrom pathlib import Path\nfrom pipeline.runs.runlock import run_lock\n"
    "with run_lock(Path(sys.argv[1]), 'a test holder'):\n    print('held', flush=True)\n    time.sleep(600)\n"
)


def env() -> dict[str, str]:
    """A child's environment: a throwaway Dagster instance, and no lock inherited from this process."""
    return {k: v for k, v in os.environ.items() if k not in ("DAGSTER_HOME", HELD)}


def ogi_run(catalog: Path, data: Path, *extra: str) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "pipeline.cli",
        "run",
        "--catalog",
        str(catalog),
        "--data-dir",
        str(data),
        "--jobs",
        "1",
        *extra,
    ]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env())


def holder(data: Path) -> subprocess.Popen:
    """Another process holding the data folder's lock until it is killed."""
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(data)], stdout=subprocess.PIPE, text=True, env=env())
    assert proc.stdout.readline() == "held\n"
    return proc


def assert_correct(warehouse: Path, fixtures: Path) -> None:
    for (agency, year), (truth, _) in TRUTHS.items():
        assert loaded_cells(warehouse, agency, year) == truth_cells(fixtures / truth), (agency, year)


def test_two_runs_started_together_one_builds_the_other_says_why(fixtures: Path, tmp_path: Path) -> None:
    catalog, data = write_catalog(tmp_path / "catalog.yaml", fixtures), tmp_path / "data"
    runs = [ogi_run(catalog, data), ogi_run(catalog, data)]
    done = [(proc.wait(timeout=300), *proc.communicate()) for proc in runs]
    built = [d for d in done if d[0] == 0]
    refused = [d for d in done if d[0] != 0]
    assert len(built) == 1 and len(refused) == 1, done
    assert "warehouse published" in built[0][1] and built[0][2] == ""
    code, out, err = refused[0]
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith(f"ogi: error: {data} is in use by another run (pid "), err
    assert ", ogi run, since " in err and "add --wait to wait for it" in err
    assert_correct(data / "warehouse.duckdb", fixtures)
    # Nothing was left behind by the refused run: no half-built file, no unfinished snapshot.
    assert not list(data.glob(".warehouse.duckdb.*")) and not list((data / "snapshots").glob(".tmp-*"))
    assert (data / ".ogi-run.lock").read_text() == "", "the lock file is emptied when its holder ends"


def test_wait_waits_for_the_holder_even_one_that_was_killed(fixtures: Path, tmp_path: Path) -> None:
    catalog, data = write_catalog(tmp_path / "catalog.yaml", fixtures), tmp_path / "data"
    held = holder(data)
    run = ogi_run(catalog, data, "--wait")
    time.sleep(3)
    assert run.poll() is None, "it waits while the folder is in use"
    assert not (data / "warehouse.duckdb").exists()
    held.send_signal(signal.SIGKILL)  # no clean exit: the kernel drops the lock with the process
    held.wait()
    out, err = run.communicate(timeout=300)
    assert run.returncode == 0, err
    assert out.startswith(f"waiting: {data} is in use by another run (pid {held.pid}, a test holder, since ")
    assert "warehouse published" in out
    assert_correct(data / "warehouse.duckdb", fixtures)


def test_wait_with_seconds_gives_up_when_the_folder_stays_in_use(fixtures: Path, tmp_path: Path) -> None:
    catalog, data = write_catalog(tmp_path / "catalog.yaml", fixtures), tmp_path / "data"
    held = holder(data)
    try:
        out, err = ogi_run(catalog, data, "--wait", "1.5").communicate(timeout=120)
    finally:
        held.kill()
        held.wait()
    assert out.startswith(f"waiting: {data} is in use by another run (pid {held.pid}, a test holder, since ")
    assert err.count("\n") == 1 and err.startswith(
        f"ogi: error: {data} is still in use after 1.5 s (pid {held.pid}, "
    ), err
    assert not (data / "warehouse.duckdb").exists()


def test_the_lock_is_reentrant_for_the_process_that_holds_it(tmp_path: Path) -> None:
    with run_lock(tmp_path, "ogi run"):
        with run_lock(tmp_path, "warehouse run"):  # the runs an ogi run launches in its own process
            pass
        probe = subprocess.run(
            [sys.executable, "-c", HOLD.replace("time.sleep(600)", "pass"), str(tmp_path)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert probe.returncode == 0, "a child of the holder builds under its lock"
        assert lock_path(tmp_path).read_text().startswith(f"pid {os.getpid()}, ogi run, since ")
        other = subprocess.run(
            [sys.executable, "-c", HOLD, str(tmp_path)], capture_output=True, text=True, timeout=60, env=env()
        )
        assert other.returncode == 1 and "RunLocked" in other.stderr, "an unrelated process is refused"
    assert os.environ.get(HELD) is None
    with run_lock(tmp_path, "next"):
        pass


def test_the_warehouse_asset_waits_for_a_run_holding_the_folder(fixtures: Path, tmp_path: Path) -> None:
    from pipeline.definitions import defs

    catalog, data = write_catalog(tmp_path / "catalog.yaml", fixtures), tmp_path / "data"
    first = ogi_run(catalog, data)
    assert first.wait(timeout=300) == 0, first.communicate()
    (data / "warehouse.duckdb").unlink()  # so the scheduled warehouse run has something to build
    held = holder(data)
    config = {"resources": {"pipeline": {"config": {"data_dir": str(data), "catalog": str(catalog)}}}}
    results: list[dg.ExecuteInProcessResult] = []
    with dg.instance_for_test() as instance:
        job = threading.Thread(
            target=lambda: results.append(
                defs.resolve_job_def("warehouse_job").execute_in_process(
                    instance=instance, run_config=config, raise_on_error=False
                )
            )
        )
        job.start()
        time.sleep(5)
        assert job.is_alive() and not (data / "warehouse.duckdb").exists(), "it waits while the folder is in use"
        held.send_signal(signal.SIGKILL)
        held.wait()
        job.join(timeout=300)
        waited = [e.message for e in instance.all_logs(results[0].run_id) if e.message and "is in use" in e.message]
    assert results[0].success
    assert waited and "a test holder" in waited[0]
    assert_correct(data / "warehouse.duckdb", fixtures)
    duckdb.connect(str(data / "warehouse.duckdb"), read_only=True).close()


def test_a_refused_lock_says_who_holds_it(tmp_path: Path) -> None:
    held = holder(tmp_path)
    try:
        saved = os.environ.pop(HELD, None)
        with pytest.raises(RunLocked) as raised, run_lock(tmp_path, "ogi run"):
            pass
    finally:
        held.kill()
        held.wait()
        if saved is not None:
            os.environ[HELD] = saved
    assert str(raised.value).startswith(
        f"{tmp_path.resolve()} is in use by another run (pid {held.pid}, a test holder, since "
    )


def test_a_run_refused_in_the_instant_the_holder_starts_still_names_it(tmp_path: Path) -> None:
    # The holder has taken the lock and not yet written who it is (as between flock and its line).
    starting = (
        "import fcntl, os, sys, time\nfd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)\n"
        "fcntl.flock(fd, fcntl.LOCK_EX)\nprint('locked', flush=True)\ntime.sleep(0.5)\n"
        "os.pwrite(fd, f'pid {os.getpid()}, ogi run, since now\\n'.encode(), 0)\ntime.sleep(600)\n"
    )
    path = lock_path(tmp_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    proc = subprocess.Popen([sys.executable, "-c", starting, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline() == "locked\n"
        with (
            pytest.raises(RunLocked, match=rf"in use by another run \(pid {proc.pid}, ogi run, since now\)"),
            run_lock(tmp_path, "ogi run"),
        ):
            pass
    finally:
        proc.kill()
        proc.wait()
