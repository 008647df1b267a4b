"""Runs launched through the Dagster instance and followed to the end, as ``ogi run`` needs them.

Runs are created in the instance and submitted to its run coordinator, which starts them with its
run launcher (the default launcher: a process per run, started by the code server). With a
``QueuedRunCoordinator`` the Dagster daemon dequeues them; when no daemon is running, the queue is
worked through here with the daemon's own dequeuing step, so the instance's limits still apply.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass, field
from typing import Any

import dagster as dg
from dagster._core.errors import DagsterUserCodeUnreachableError
from dagster._core.remote_representation.code_location import CodeLocation
from dagster._core.run_coordinator import QueuedRunCoordinator
from dagster._core.workspace.context import WorkspaceProcessContext
from dagster._core.workspace.load_target import GrpcServerTarget
from dagster._daemon.run_coordinator.queued_run_coordinator_daemon import QueuedRunCoordinatorDaemon
from dagster._grpc.client import DagsterGrpcClient
from dagster._grpc.server import wait_for_grpc_server
from dagster._serdes import serialize_value

from pipeline.core.errors import OgiError
from pipeline.launcher import ctrl_c
from pipeline.runs.runlock import lock_tags

CODE_MODULE = "pipeline.definitions"


class LaunchError(OgiError):
    """Runs cannot be launched (the code location does not load); the message says why."""


def code_location() -> str:
    """The name of the code location runs are queued for: a daemon launches a run from its own
    code location of that name (``dagster-daemon run -m pipeline.definitions`` gives it the module's
    name; on Kubernetes it is the user deployment's name, set in ``$OGI_CODE_LOCATION``)."""
    return os.environ.get("OGI_CODE_LOCATION") or CODE_MODULE


FINISHED = {dg.DagsterRunStatus.SUCCESS, dg.DagsterRunStatus.FAILURE, dg.DagsterRunStatus.CANCELED}
# The events `ogi run` reports on (not the debug log).
WATCHED = {
    dg.DagsterEventType.ASSET_MATERIALIZATION,
    dg.DagsterEventType.ASSET_CHECK_EVALUATION,
    dg.DagsterEventType.STEP_FAILURE,
    dg.DagsterEventType.RUN_FAILURE,
}
POLL_SECONDS = 0.5  # often enough for progress lines; the CLI must not compete with the runs


@dataclass
class FollowedRun:
    """A launched run and what it has said so far."""

    run_id: str
    cursor: str | None = None
    status: dg.DagsterRunStatus = dg.DagsterRunStatus.QUEUED
    events: list[dg.EventLogEntry] = field(default_factory=list)

    @property
    def done(self) -> bool:
        return self.status in FINISHED

    @property
    def succeeded(self) -> bool:
        return self.status == dg.DagsterRunStatus.SUCCESS


class Launcher:
    """One code location (a code server process) and the instance; creates, submits and follows runs."""

    def __init__(self, instance: dg.DagsterInstance, workspace: WorkspaceProcessContext, location: str) -> None:
        self.instance = instance
        self._process = workspace
        self._name = location
        self._dequeuer: QueuedRunCoordinatorDaemon | None = None

    @property
    def _location(self) -> CodeLocation:
        return self._process.create_request_context().get_code_location(self._name)

    def submit(self, job_name: str, run_config: Mapping[str, Any], tags: Mapping[str, str]) -> FollowedRun:
        """Create a run of the job in the instance and hand it to the run coordinator."""
        location = self._location
        repository = next(iter(location.get_repositories().values()))
        job = repository.get_full_job(job_name)
        plan = location.get_execution_plan(
            job, dict(run_config), step_keys_to_execute=None, known_state=None, instance=self.instance
        )
        run = self.instance.create_run(
            job_name=job_name,
            run_id=None,
            run_config=dict(run_config),
            resolved_op_selection=None,
            step_keys_to_execute=None,
            op_selection=None,
            status=None,
            root_run_id=None,
            parent_run_id=None,
            tags={**job.tags, **tags, **lock_tags()},
            job_snapshot=job.job_snapshot,
            execution_plan_snapshot=plan.execution_plan_snapshot,
            parent_job_snapshot=job.parent_job_snapshot,
            remote_job_origin=job.get_remote_origin(),
            job_code_origin=job.get_python_origin(),
            asset_selection=None,
            asset_check_selection=None,
            asset_graph=repository.asset_graph,
        )
        submitted = self.instance.submit_run(run.run_id, self._process.create_request_context())
        return FollowedRun(run.run_id, status=submitted.status)

    def waiting_for(self) -> str | None:
        """What queued runs wait for, when someone else (the daemon) launches them; None when
        ``ogi run`` launches them itself."""
        if not isinstance(self.instance.run_coordinator, QueuedRunCoordinator):
            return None
        kind = QueuedRunCoordinatorDaemon.daemon_type()
        if self.instance.get_daemon_statuses([kind])[kind].healthy:
            return "the Dagster daemon of this instance launches the queued runs"
        return None

    def follow(self, runs: list[FollowedRun], on_event: Callable[[FollowedRun, dg.EventLogEntry], None]) -> None:
        """Until every run has finished: dequeue (when no daemon does), read new events, poll status.
        On Ctrl-C the runs not started yet are canceled and those under way finish (their processes
        ignore it), so nothing is left half-built."""
        try:
            self._follow(runs, on_event)
        except KeyboardInterrupt:
            for run in runs:
                if run.status in (dg.DagsterRunStatus.QUEUED, dg.DagsterRunStatus.NOT_STARTED):
                    self.instance.run_coordinator.cancel_run(run.run_id)
            while not all(run.done for run in runs):
                for run in runs:
                    run.status = self.instance.get_run_by_id(run.run_id).status
                time.sleep(POLL_SECONDS)
            raise

    def _follow(self, runs: list[FollowedRun], on_event: Callable[[FollowedRun, dg.EventLogEntry], None]) -> None:
        daemon = self.waiting_for() is not None
        while not all(run.done for run in runs):
            ctrl_c.check()
            queued = any(run.status == dg.DagsterRunStatus.QUEUED for run in runs)
            if queued and not daemon and isinstance(self.instance.run_coordinator, QueuedRunCoordinator):
                self._dequeue()
            for run in runs:
                if run.done:
                    continue
                status = self.instance.get_run_by_id(run.run_id).status
                self._read(run, on_event)
                if status in FINISHED:
                    self._read(run, on_event)  # the last events were written before the status
                run.status = status
            if not all(run.done for run in runs):
                time.sleep(POLL_SECONDS)

    def _read(self, run: FollowedRun, on_event: Callable[[FollowedRun, dg.EventLogEntry], None]) -> None:
        while True:
            page = self.instance.get_records_for_run(run.run_id, cursor=run.cursor, of_type=WATCHED, limit=1000)
            for record in page.records:
                run.events.append(record.event_log_entry)
                on_event(run, record.event_log_entry)
            run.cursor = page.cursor
            if not page.has_more:
                return

    def _dequeue(self) -> None:
        """One pass of the daemon's dequeuing step: launch what the instance's limits allow."""
        if self._dequeuer is None:
            self._dequeuer = QueuedRunCoordinatorDaemon(interval_seconds=POLL_SECONDS)
        for _ in self._dequeuer.run_iteration(self._process):
            pass

    def close(self) -> None:
        if self._dequeuer is not None:
            self._dequeuer.__exit__(None, None, None)


HEARTBEAT_SECONDS = 5
HEARTBEAT_TIMEOUT = 60  # without a heartbeat this long, the code server stops (once its runs end)


@contextmanager
def code_server(instance: dg.DagsterInstance, name: str) -> Iterator[str]:
    """A code server for the project's code location, on a Unix socket (yielded), in a session of
    its own: Ctrl-C in the terminal reaches ``ogi`` alone, not the server nor the run processes it
    starts, which ``ogi`` lets finish. Killed outright, ``ogi`` stops its heartbeats and the server
    shuts itself down."""
    with tempfile.TemporaryDirectory(prefix="ogi-code-server-") as folder:
        socket = os.path.join(folder, "grpc.sock")
        command = [
            sys.executable,
            "-m",
            "dagster",
            "api",
            "grpc",
            "--socket",
            socket,
            "--lazy-load-user-code",
            "--heartbeat",
            "--heartbeat-timeout",
            str(HEARTBEAT_TIMEOUT),
            "--log-level",
            "warning",
            "--location-name",
            name,
            "--instance-ref",
            serialize_value(instance.get_ref()),
            "--module-name",
            CODE_MODULE,
        ]
        server = subprocess.Popen(command, start_new_session=True)
        client = DagsterGrpcClient(socket=socket)
        stop = threading.Event()
        try:
            wait_for_grpc_server(server, client, command)
            threading.Thread(target=_heartbeats, args=(client, stop), name="ogi-heartbeat", daemon=True).start()
            yield socket
        finally:
            stop.set()
            with suppress(DagsterUserCodeUnreachableError):
                client.shutdown_server()
            try:
                server.wait(timeout=HEARTBEAT_TIMEOUT)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def _heartbeats(client: DagsterGrpcClient, stop: threading.Event) -> None:
    while not stop.wait(HEARTBEAT_SECONDS):
        with suppress(DagsterUserCodeUnreachableError):
            client.heartbeat("ogi")


@contextmanager
def launcher(instance: dg.DagsterInstance) -> Iterator[Launcher]:
    """The project's code location, served by a code server process for the length of ``ogi run``."""
    name = code_location()
    with ExitStack() as stack:
        socket = stack.enter_context(code_server(instance, name))
        target = GrpcServerTarget(host="localhost", port=None, socket=socket, location_name=name)
        workspace = stack.enter_context(WorkspaceProcessContext(instance, target))
        ctrl_c.check()
        errors = workspace.create_request_context().get_code_location_error(name)
        if errors:
            raise LaunchError(f"the code location {name} does not load: {errors.message.strip().splitlines()[-1]}")
        opened = Launcher(instance, workspace, name)
        try:
            yield opened
        finally:
            opened.close()
