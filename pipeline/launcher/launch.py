"""Runs launched through the Dagster instance with Dagster's public commands, followed to the end.

For the length of ``ogi run``:

- a code server for the project's code location (``dagster code-server start``, serving
  ``pipeline.launcher.run_location``) on a Unix socket in a folder of its own;
- each run created and submitted to the instance's run coordinator by ``dagster job launch``,
  with its config, tags and a run id chosen here, so the coordinator's queue and limits
  (``max_concurrent_runs``, pools) govern it as they govern runs from the UI or a schedule;
- where runs wait in the queue and no daemon of the instance is live (``dagster-daemon
  liveness-check``), the real daemon (``dagster-daemon run``), which dequeues them within those
  limits and launches them with the instance's run launcher;
- progress read from the instance: statuses with ``get_run_by_id``, events through
  ``pipeline.launcher.instance_internals`` (the one place that uses what Dagster does not publish).

The processes run under a tether (``pipeline.launcher.tether``), each in a session of its own:
Ctrl-C in the terminal reaches ``ogi`` alone, which lets started runs finish; killed outright,
``ogi`` leaves nothing running behind it. Their output goes to log files, not to the terminal.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import dagster as dg
import yaml

from pipeline.core.errors import OgiError
from pipeline.launcher import ctrl_c
from pipeline.launcher.instance_home import configured_home
from pipeline.launcher.instance_internals import cancel_queued, run_events
from pipeline.runs.runlock import lock_tags

CODE_MODULE = "pipeline.definitions"
RUN_MODULE = "pipeline.launcher.run_location"


class LaunchError(OgiError):
    """Runs cannot be launched (the code location does not load, a command fails); the message says why."""


def code_location() -> str:
    """The name of the code location runs are queued for: a daemon launches a run from its own
    code location of that name (``dagster-daemon run -m pipeline.definitions`` gives it the module's
    name; on Kubernetes it is the user deployment's name, set in ``$OGI_CODE_LOCATION``)."""
    return os.environ.get("OGI_CODE_LOCATION") or CODE_MODULE


FINISHED = {dg.DagsterRunStatus.SUCCESS, dg.DagsterRunStatus.FAILURE, dg.DagsterRunStatus.CANCELED}
UNDER_WAY = {dg.DagsterRunStatus.STARTING, dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.CANCELING}
# The events `ogi run` reports on (not the debug log).
WATCHED = {
    dg.DagsterEventType.ASSET_MATERIALIZATION,
    dg.DagsterEventType.ASSET_CHECK_EVALUATION,
    dg.DagsterEventType.STEP_FAILURE,
    dg.DagsterEventType.RUN_FAILURE,
}
POLL_SECONDS = 0.5  # often enough for progress lines; the CLI must not compete with the runs
START_SECONDS = 300  # for the code server to load the definitions, on a busy machine
STOP_SECONDS = 60  # for the daemon to stop, and the code server once its runs have finished
# A daemon counts as live when its last heartbeat (written every 30 s) is at most this much later
# than due; Dagster's default, 30 minutes, would take a daemon stopped a minute ago for a live one.
HEARTBEAT_TOLERANCE_SECONDS = 30
RECHECK_SECONDS = 60
LIVE_DAEMON = "the Dagster daemon of this instance launches the queued runs"


def _dagster() -> list[str]:
    return [sys.executable, "-m", "dagster"]


def _daemon_command() -> list[str]:
    """``dagster-daemon``: the script installed beside this interpreter (no ``python -m`` form)."""
    script = shutil.which("dagster-daemon", path=str(Path(sys.executable).parent)) or shutil.which("dagster-daemon")
    if script is None:
        raise LaunchError("dagster-daemon is not installed beside this Python; reinstall the package")
    return [script]


def _last_line(log: Path) -> str:
    """The last line a command wrote: its error, when it failed."""
    with suppress(OSError):
        lines = [line.strip() for line in log.read_text(encoding="utf-8", errors="replace").splitlines()]
        lines = [line for line in lines if line]
        if lines:
            return lines[-1]
    return "no output"


def _tethered(command: list[str], env: Mapping[str, str], log: Path) -> subprocess.Popen:
    """``command`` under a tether: it stops when the returned process's stdin is closed, or when
    ``ogi`` ends. In a session of its own, so Ctrl-C in the terminal does not reach it."""
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "pipeline.launcher.tether", *command],
            stdin=subprocess.PIPE,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=dict(env),
            start_new_session=True,
        )


def _untether(process: subprocess.Popen, *, kill_after: float | None) -> None:
    """Ask a tethered command to stop and wait for it: ``kill_after`` seconds at most, then kill
    it and its process group; None: wait ``STOP_SECONDS`` and, if it is still finishing runs,
    leave it to finish them (its tether has been told to stop it)."""
    if process.stdin is not None and not process.stdin.closed:
        with suppress(BrokenPipeError):
            process.stdin.close()
    try:
        process.wait(timeout=STOP_SECONDS if kill_after is None else kill_after)
    except subprocess.TimeoutExpired:
        if kill_after is not None:
            with suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@dataclass
class FollowedRun:
    """A launched run and what it has said so far."""

    run_id: str
    job_name: str = ""
    cursor: str | None = None
    status: dg.DagsterRunStatus = dg.DagsterRunStatus.NOT_STARTED
    events: list[dg.EventLogEntry] = field(default_factory=list)
    launching: subprocess.Popen | None = None  # ``dagster job launch``, until it has submitted the run

    @property
    def done(self) -> bool:
        return self.status in FINISHED

    @property
    def succeeded(self) -> bool:
        return self.status == dg.DagsterRunStatus.SUCCESS


class Launcher:
    """The instance and a code server for the project's code location; submits and follows runs."""

    def __init__(
        self, instance: dg.DagsterInstance, env: Mapping[str, str], folder: Path, liveness: subprocess.Popen | None
    ) -> None:
        self.instance = instance
        self._env = dict(env)
        self._folder = folder
        self._workspace = folder / "workspace.yaml"
        self._liveness = liveness
        self._live: bool | None = None if liveness else False
        self._live_at = 0.0
        self._daemon: subprocess.Popen | None = None
        self._started_daemon = False

    def waiting_for(self) -> str | None:
        """What queued runs wait for when a daemon of the instance (not ``ogi run``) launches them;
        None when ``ogi run`` sees to it itself."""
        return LIVE_DAEMON if self._daemon_live() else None

    def _daemon_live(self) -> bool:
        """Whether a daemon of the instance (not this command's) is live. Asked again every
        ``RECHECK_SECONDS`` while the runs count on it, so that one that stops meanwhile (or the
        heartbeat of one killed a moment ago) does not leave them queued for ever."""
        if self._liveness is not None and (self._live is None or self._liveness.poll() is not None):
            self._live = self._liveness.wait() == 0
            self._liveness, self._live_at = None, time.monotonic()
        elif self._live and self._liveness is None and time.monotonic() - self._live_at > RECHECK_SECONDS:
            self._liveness = _liveness_check(self._env)  # its answer is read on a later call
        return bool(self._live)

    def submit(self, job_name: str, run_config: Mapping[str, Any], tags: Mapping[str, str]) -> FollowedRun:
        """Create a run of the job in the instance and hand it to the run coordinator
        (``dagster job launch``, started here and awaited by ``follow``, so runs launch together)."""
        run_id = str(uuid.uuid4())
        command = [
            *_dagster(),
            "job",
            "launch",
            "--workspace",
            str(self._workspace),
            "--job",
            job_name,
            "--config-json",
            json.dumps(dict(run_config)),
            "--tags",
            json.dumps({**tags, **lock_tags()}),
            "--run-id",
            run_id,
        ]
        with (self._folder / f"launch-{run_id}.log").open("wb") as out:
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                env=self._env,
                start_new_session=True,
            )
        return FollowedRun(run_id, job_name, launching=process)

    def follow(self, runs: list[FollowedRun], on_event: Callable[[FollowedRun, dg.EventLogEntry], None]) -> None:
        """Until every run has finished: see the launches through, have the queue worked, read new
        events, poll status. On Ctrl-C (or a launch that failed) the runs not started yet are taken
        out of the queue and those under way finish (their processes ignore it), so nothing is left
        half-built."""
        try:
            self._follow(runs, on_event)
        except BaseException:
            self._wind_down(runs)
            raise

    def _follow(self, runs: list[FollowedRun], on_event: Callable[[FollowedRun, dg.EventLogEntry], None]) -> None:
        while not all(run.done for run in runs):
            ctrl_c.check()
            self._launched(runs)
            if any(run.status == dg.DagsterRunStatus.QUEUED for run in runs):
                self._have_queue_worked()
            for run in runs:
                if run.done or run.launching is not None:
                    continue
                status = self._status(run)
                self._read(run, on_event)
                if status in FINISHED:
                    self._read(run, on_event)  # the last events were written before the status
                run.status = status
            if not all(run.done for run in runs):
                time.sleep(POLL_SECONDS)

    def _launched(self, runs: list[FollowedRun]) -> None:
        """Collect the ``dagster job launch`` commands that have ended; one that failed fails the lot."""
        for run in runs:
            if run.launching is None or run.launching.poll() is None:
                continue
            code, run.launching = run.launching.returncode, None
            run.status = self._status(run)
            if code != 0:
                run.status = dg.DagsterRunStatus.FAILURE
                log = self._folder / f"launch-{run.run_id}.log"
                raise LaunchError(f"{run.job_name} could not be launched: {_last_line(log)}")

    def _status(self, run: FollowedRun) -> dg.DagsterRunStatus:
        record = self.instance.get_run_by_id(run.run_id)
        return record.status if record is not None else dg.DagsterRunStatus.FAILURE

    def _have_queue_worked(self) -> None:
        """Queued runs need a daemon: the instance's own when one is live, else one for this command."""
        if self._daemon_live():
            return
        if self._daemon is None and not self._started_daemon:
            command = [*_daemon_command(), "run", "--workspace", str(self._workspace), "--log-level", "warning"]
            self._daemon = _tethered(command, self._env, self._folder / "daemon.log")
            self._started_daemon = True
        elif self._daemon is not None and self._daemon.poll() is not None:
            self._daemon = None
            raise LaunchError(f"the Dagster daemon stopped: {_last_line(self._folder / 'daemon.log')}")

    def _read(self, run: FollowedRun, on_event: Callable[[FollowedRun, dg.EventLogEntry], None]) -> None:
        more = True
        while more:
            entries, run.cursor, more = run_events(self.instance, run.run_id, run.cursor, WATCHED)
            for entry in entries:
                run.events.append(entry)
                on_event(run, entry)

    def _wind_down(self, runs: list[FollowedRun]) -> None:
        """After Ctrl-C or a failure: no run is started any more, those under way are let finish."""
        for run in runs:
            if run.launching is not None:
                code = run.launching.wait()  # a moment: it only creates and submits the run
                run.launching = None
                run.status = self._status(run) if code == 0 else dg.DagsterRunStatus.FAILURE
        self._stop_daemon()
        for run in runs:
            if not run.done and cancel_queued(self.instance, run.run_id):
                run.status = dg.DagsterRunStatus.CANCELED
        while True:
            for run in runs:
                if not run.done:
                    run.status = self._status(run)
            if not any(run.status in UNDER_WAY for run in runs):
                return
            time.sleep(POLL_SECONDS)

    def _stop_daemon(self) -> None:
        if self._daemon is not None:
            _untether(self._daemon, kill_after=STOP_SECONDS)
            self._daemon = None

    def close(self) -> None:
        """Stop the daemon started for this command, and forget its heartbeats: in an instance that
        outlives the command, the next ``ogi run`` must not take it for a live one."""
        self._stop_daemon()
        if self._liveness is not None:
            self._liveness.wait()  # a check started last: it ends by itself in a moment
        if self._started_daemon and configured_home() == Path(self._env["DAGSTER_HOME"]):
            subprocess.run(
                [*_daemon_command(), "wipe"],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=self._env,
                start_new_session=True,
                check=False,
            )


def _liveness_check(env: Mapping[str, str]) -> subprocess.Popen:
    """``dagster-daemon liveness-check``, started: exit status 0 when the instance has a live daemon."""
    return subprocess.Popen(
        [*_daemon_command(), "liveness-check"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**env, "DAGSTER_DAEMON_HEARTBEAT_TOLERANCE": str(HEARTBEAT_TOLERANCE_SECONDS)},
        start_new_session=True,
    )


def _wait_for_socket(server: subprocess.Popen, path: Path, log: Path, name: str) -> None:
    """Until the code server accepts connections on its socket (it opens it once the code is
    loaded); a server that ends first, or never opens it, is a LaunchError."""
    deadline = time.monotonic() + START_SECONDS
    while True:
        ctrl_c.check()
        if server.poll() is not None:
            raise LaunchError(f"the code server of {name} did not start: {_last_line(log)}")
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe, suppress(OSError):
            probe.connect(str(path))
            return
        if time.monotonic() > deadline:
            raise LaunchError(f"the code server of {name} did not start within {START_SECONDS} s: {_last_line(log)}")
        time.sleep(0.1)


@contextmanager
def _instance(home: Path) -> Iterator[dg.DagsterInstance]:
    """The instance of ``home``: ``$DAGSTER_HOME``'s, or a throwaway one written in a scratch folder."""
    if configured_home() == home:
        with dg.DagsterInstance.get() as instance:
            yield instance
    else:
        with dg.DagsterInstance.local_temp(str(home)) as instance:
            yield instance


@contextmanager
def launcher(home: Path) -> Iterator[Launcher]:
    """The project's code location, served by a code server for the length of ``ogi run``, and the
    instance of ``home`` (a folder with its ``dagster.yaml``)."""
    name = code_location()
    env = {**os.environ, "DAGSTER_HOME": str(home)}
    with tempfile.TemporaryDirectory(prefix="ogi-launch-") as scratch, ExitStack() as stack:
        folder = Path(scratch)
        grpc = folder / "grpc.sock"
        grpc_server = {"socket": str(grpc), "location_name": name}
        (folder / "workspace.yaml").write_text(yaml.safe_dump({"load_from": [{"grpc_server": grpc_server}]}))
        # Opened here first: a new instance's SQLite storage is created by one process, not raced
        # for by the code server and the liveness check (Dagster 1.12 then fails on two heads).
        instance = stack.enter_context(_instance(home))
        liveness = None
        if configured_home() == home:  # a throwaway instance has no daemon of its own
            liveness = _liveness_check(env)
            stack.callback(liveness.wait)
        command = [
            *_dagster(),
            "code-server",
            "start",
            "--module-name",
            RUN_MODULE,
            "--socket",
            str(grpc),
            "--location-name",
            name,
            "--log-level",
            "warning",
        ]
        log = folder / "code-server.log"
        server = _tethered(command, env, log)
        stack.callback(_untether, server, kill_after=None)
        _wait_for_socket(server, grpc, log, name)
        opened = Launcher(instance, env, folder, liveness)
        try:
            yield opened
        finally:
            opened.close()
