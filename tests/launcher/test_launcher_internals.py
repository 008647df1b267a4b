"""The two non-public Dagster methods ``ogi run`` relies on (``pipeline.launcher.instance_internals``),
each against a real instance with real runs, so a Dagster upgrade that changes them fails here."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import dagster as dg
import pytest

from pipeline.launcher.instance_home import throwaway_home
from pipeline.launcher.instance_internals import cancel_queued, run_events


@dg.asset
def figure() -> int:
    return 1


@dg.asset
def broken() -> None:
    raise ValueError("the figure is missing")


@pytest.fixture
def instance(tmp_path: Path) -> dg.DagsterInstance:
    with dg.DagsterInstance.local_temp(str(throwaway_home(tmp_path / "home", 1))) as opened:
        yield opened


def test_run_events_reads_a_runs_materializations_and_failures_a_page_at_a_time(instance: dg.DagsterInstance) -> None:
    good = dg.materialize([figure], instance=instance)
    bad = dg.materialize([broken], instance=instance, raise_on_error=False)
    watched = {dg.DagsterEventType.ASSET_MATERIALIZATION, dg.DagsterEventType.STEP_FAILURE}

    entries, cursor, more = run_events(instance, good.run_id, None, watched)
    assert [e.dagster_event.event_type for e in entries] == [dg.DagsterEventType.ASSET_MATERIALIZATION]
    assert entries[0].dagster_event.asset_key == dg.AssetKey("figure") and not more
    assert run_events(instance, good.run_id, cursor, watched)[0] == []  # nothing new after the cursor

    (failure,), _, _ = run_events(instance, bad.run_id, None, watched)
    assert failure.dagster_event.is_step_failure
    assert failure.dagster_event.step_failure_data.error.cause.message.startswith("ValueError: the figure is missing")


DEFS = """
import dagster as dg

@dg.asset
def figure() -> int:
    return 1

defs = dg.Definitions(assets=[figure], jobs=[dg.define_asset_job("figure_job", selection=[figure])])
"""


def test_cancel_queued_takes_a_queued_run_out_of_the_queue_and_leaves_a_finished_one(
    instance: dg.DagsterInstance, tmp_path: Path
) -> None:
    # Queued as ``ogi run`` queues it: ``dagster job launch`` into an instance with no daemon.
    (tmp_path / "defs.py").write_text(DEFS, encoding="utf-8")
    env = {**os.environ, "DAGSTER_HOME": instance.root_directory}
    command = [sys.executable, "-m", "dagster", "job", "launch", "-f", str(tmp_path / "defs.py"), "-j", "figure_job"]
    queued = str(uuid.uuid4())
    subprocess.run([*command, "--run-id", queued], env=env, check=True, capture_output=True, timeout=300)
    assert instance.get_run_by_id(queued).status == dg.DagsterRunStatus.QUEUED
    assert cancel_queued(instance, queued)
    assert instance.get_run_by_id(queued).status == dg.DagsterRunStatus.CANCELED

    done = dg.materialize([figure], instance=instance)
    assert not cancel_queued(instance, done.run_id)  # not queued: not touched (never terminated)
    assert instance.get_run_by_id(done.run_id).status == dg.DagsterRunStatus.SUCCESS
    assert not cancel_queued(instance, str(uuid.uuid4()))  # no such run
