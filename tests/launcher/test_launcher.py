"""The parts of ``ogi run``'s launcher on their own: the tether that stops Dagster's processes when
``ogi`` ends however it ends, the code location served for its runs (no schedules, no sensors), and
the throwaway instance the Dagster commands find through ``DAGSTER_HOME``."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
from pipeline_support import write_catalog
from truth import TRUTHS

from pipeline.launcher.instance_home import DEQUEUE_INTERVAL_SECONDS, throwaway_home
from pipeline.runs.runlock import HELD, LOCK_TAG, lock_path

# A command that notes SIGTERM and stops, as Dagster's servers and daemon do.
STOPPABLE = (
    "import signal, sys, time\n"
    "signal.signal(signal.SIGTERM, lambda *_: (print('stopping', flush=True), sys.exit(3)))\n"
    "print('up', flush=True)\n"
    "time.sleep(120)\n"
)
# A parent that starts the tether (its stdin a pipe from the parent) and then hangs, to be killed.
PARENT = (
    "import subprocess, sys, time\n"
    "child = subprocess.Popen([sys.executable, '-m', 'pipeline.launcher.tether', sys.executable, '-c', sys.argv[1]],\n"
    "                         stdin=subprocess.PIPE, start_new_session=True)\n"
    "print(child.pid, flush=True)\n"
    "time.sleep(120)\n"
)


def _gone(pid: int, within: float = 30) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


def test_the_tethered_command_stops_when_its_stdin_closes() -> None:
    tether = subprocess.Popen(
        [sys.executable, "-m", "pipeline.launcher.tether", sys.executable, "-c", STOPPABLE],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert tether.stdout.readline() == "up\n"
    tether.stdin.close()
    assert tether.wait(timeout=30) == 3, "the command was sent SIGTERM and its status passed on"
    assert tether.stdout.read() == "stopping\n"


def test_the_tethered_command_stops_when_its_starter_is_killed_outright() -> None:
    parent = subprocess.Popen([sys.executable, "-c", PARENT, STOPPABLE], stdout=subprocess.PIPE, text=True)
    tether_pid = int(parent.stdout.readline())
    time.sleep(1)  # the command is up
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    assert _gone(tether_pid), "the tether ended with its command once the starter was gone"


def test_a_tether_whose_command_ends_ends_with_its_status() -> None:
    tether = subprocess.Popen(
        [sys.executable, "-m", "pipeline.launcher.tether", sys.executable, "-c", "raise SystemExit(5)"],
        stdin=subprocess.PIPE,  # kept open: the command ends on its own
    )
    assert tether.wait(timeout=60) == 5
    tether.stdin.close()


def test_the_run_location_has_the_projects_jobs_and_assets_and_no_schedules_or_sensors() -> None:
    import dagster as dg

    from pipeline.definitions import defs as project
    from pipeline.launcher.run_location import defs

    # Resolving definitions reads the current instance: one of this test's own, not one an earlier
    # test closed.
    with dg.instance_for_test():
        runs_only = defs.get_repository_def()
        full = project.get_repository_def()
    assert full.schedule_defs and full.sensor_defs, "the project has a schedule and a sensor to leave out"
    assert runs_only.schedule_defs == []
    # One sensor, the automation's, stopped: nothing the daemon of ogi run would tick.
    assert [s.default_status for s in runs_only.sensor_defs] == [dg.DefaultSensorStatus.STOPPED]
    assert {job.name for job in runs_only.get_all_jobs()} == {job.name for job in full.get_all_jobs()}
    assert runs_only.asset_graph.get_all_asset_keys() == full.asset_graph.get_all_asset_keys()
    for name in ("report_job", "warehouse_job"):
        assert runs_only.get_job(name).get_job_snapshot_id() == full.get_job(name).get_job_snapshot_id()


def test_a_throwaway_home_queues_runs_within_its_limit(tmp_path: Path) -> None:
    home = throwaway_home(tmp_path / "home", 3)
    assert (home / "dagster.yaml").is_file()
    with dg.DagsterInstance.local_temp(str(home)) as instance:
        assert isinstance(instance.run_coordinator, dg.QueuedRunCoordinator)
        assert instance.run_coordinator.dequeue_interval_seconds == DEQUEUE_INTERVAL_SECONDS
        assert instance.get_concurrency_config().run_queue_config.max_concurrent_runs == 3


def test_without_a_daemon_ogi_run_starts_one_for_its_queued_runs_and_leaves_no_heartbeat(
    fixtures: Path, tmp_path: Path
) -> None:
    catalog, data, home = write_catalog(tmp_path / "catalog.yaml", fixtures), tmp_path / "data", tmp_path / "home"
    home.mkdir()
    (home / "dagster.yaml").write_text("")  # Dagster's defaults, whose run coordinator queues runs
    env = {**{k: v for k, v in os.environ.items() if k != HELD}, "DAGSTER_HOME": str(home)}
    command = [sys.executable, "-m", "pipeline.cli", "run", "--catalog", str(catalog), "--data-dir", str(data)]
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
    assert (done.returncode, done.stderr) == (0, ""), done.stderr
    assert "runs: queued" not in done.stdout, "no daemon was live: ogi run had its own"
    assert done.stdout.count(": extracted (") == len(TRUTHS) and "warehouse published" in done.stdout

    with dg.DagsterInstance.local_temp(str(home)) as instance:
        runs = instance.get_run_records()
        assert sorted(r.dagster_run.job_name for r in runs)[-1] == "warehouse_job"
        assert {r.dagster_run.status for r in runs} == {dg.DagsterRunStatus.SUCCESS}
        enqueued = instance.fetch_run_status_changes(dg.DagsterEventType.RUN_ENQUEUED, limit=100).records
        assert {e.event_log_entry.run_id for e in enqueued} == {r.dagster_run.run_id for r in runs}, "all queued"
        for record in runs:
            tags = record.dagster_run.tags
            assert tags[LOCK_TAG].startswith(f"{lock_path(data)}\t"), "the run carries ogi run's lock"
    # The daemon is gone and so are its heartbeats, even with Dagster's own 30-minute tolerance.
    live = subprocess.run(
        [str(Path(sys.executable).parent / "dagster-daemon"), "liveness-check"], env=env, capture_output=True
    )
    assert live.returncode == 1, live.stdout
