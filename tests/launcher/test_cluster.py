"""The instance on PostgreSQL, as on a cluster: a real PostgreSQL server (Debian's binaries, a
temporary cluster on the loopback), a Dagster code server and the Dagster daemon. ``ogi run``,
unchanged, queues the runs of a generated catalog; the daemon launches them with the default run
launcher through the code server; the runs are recorded in PostgreSQL and the warehouse holds
every published figure."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from warehouse_support import loaded_cells

from pipeline.core.figures import figure_cells
from pipeline.core.settings import PROJECT_DIR
from pipeline.replica.content import load_content

pytestmark = pytest.mark.cluster

REPORTS = 21  # three agencies × 2019–2025
LOCATION = "pipeline.definitions"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def postgres_bin() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]))
    assert found, "PostgreSQL server binaries are missing: make system-deps installs them"
    return found[-1].parent


def as_postgres(*command: str | Path) -> list[str]:
    """initdb refuses to run as root: the server runs as the postgres user."""
    command = [str(c) for c in command]
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@pytest.fixture
def postgres() -> Iterator[dict[str, str]]:
    """A PostgreSQL server of its own, listening on 127.0.0.1 only; the DAGSTER_PG_* variables."""
    folder = Path(tempfile.mkdtemp(prefix="ogi-pg-"))  # not under pytest's 0700 folder: postgres must reach it
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    data, port, bin_dir = folder / "data", free_port(), postgres_bin()
    subprocess.run(
        as_postgres(bin_dir / "initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8"),
        check=True,
        capture_output=True,
    )
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {folder}"
    subprocess.run(
        as_postgres(bin_dir / "pg_ctl", "-D", data, "-o", options, "-l", folder / "server.log", "-w", "start"),
        check=True,
        capture_output=True,
    )
    try:
        subprocess.run(
            as_postgres(bin_dir / "createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "dagster"),
            check=True,
            capture_output=True,
        )
        yield {
            "DAGSTER_PG_HOST": "127.0.0.1",
            "DAGSTER_PG_PORT": str(port),
            "DAGSTER_PG_USER": "postgres",
            "DAGSTER_PG_PASSWORD": "",
            "DAGSTER_PG_DB": "dagster",
        }
    finally:
        subprocess.run(as_postgres(bin_dir / "pg_ctl", "-D", data, "-m", "fast", "-w", "stop"), capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


def start(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    with log.open("wb") as out:
        return subprocess.Popen(
            command, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=PROJECT_DIR, start_new_session=True
        )


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def wait_for_daemon(env: dict[str, str], seconds: float = 120) -> None:
    """Until the daemon that dequeues runs reports itself healthy in the instance."""
    probe = (
        "import dagster as dg, sys\n"
        "with dg.DagsterInstance.get() as i:\n"
        "    s = i.get_daemon_statuses(['QUEUED_RUN_COORDINATOR'])['QUEUED_RUN_COORDINATOR']\n"
        "    sys.exit(0 if s.healthy else 1)\n"
    )
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True).returncode == 0:
            return
        time.sleep(2)
    raise AssertionError("the Dagster daemon did not report healthy")


def stop_sensor(env: dict[str, str], workspace: Path, name: str, seconds: float = 120) -> None:
    """Stop one of the daemon's sensors (``dagster sensor stop``), once the code server answers.

    The test is about the runs ``ogi run`` queues. Left running, ``warehouse_automation``
    requests a warehouse run of its own once the report runs are over, while ``ogi run`` builds
    the warehouse, if its minute comes round then; that run has none of the test's settings (it
    builds in the repository's data folder) and is cut short when the test stops the daemon."""
    command = [str(Path(sys.executable).parent / "dagster"), "sensor", "stop", name, "-w", str(workspace)]
    deadline = time.monotonic() + seconds
    while subprocess.run(command, env=env, capture_output=True).returncode != 0:
        if time.monotonic() > deadline:
            raise AssertionError(f"could not stop the sensor {name}")
        time.sleep(2)


def test_runs_queued_in_postgres_are_launched_by_the_daemon(postgres: dict[str, str], tmp_path: Path) -> None:
    from bench.builds import synthetic_catalog

    catalog = synthetic_catalog(tmp_path / "corpus", REPORTS)
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copy(PROJECT_DIR / "deploy" / "dagster-postgres.yaml", home / "dagster.yaml")
    grpc_port = free_port()
    workspace = tmp_path / "workspace.yaml"
    workspace.write_text(
        yaml.safe_dump(
            {"load_from": [{"grpc_server": {"host": "127.0.0.1", "port": grpc_port, "location_name": LOCATION}}]}
        ),
        encoding="utf-8",
    )
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("OGI_", "DAGSTER_"))},
        **postgres,
        "DAGSTER_HOME": str(home),
    }
    bin_dir = Path(sys.executable).parent
    server = start(
        [
            str(bin_dir / "dagster"),
            "code-server",
            "start",
            "-m",
            LOCATION,
            "-h",
            "127.0.0.1",
            "-p",
            str(grpc_port),
            "--location-name",
            LOCATION,
        ],
        env,
        tmp_path / "code-server.log",
    )
    daemon = start([str(bin_dir / "dagster-daemon"), "run", "-w", str(workspace)], env, tmp_path / "daemon.log")
    try:
        wait_for_daemon(env)
        stop_sensor(env, workspace, "warehouse_automation")
        data = tmp_path / "data"
        done = subprocess.run(
            [sys.executable, "-m", "pipeline.cli", "run", "--catalog", str(catalog), "--data-dir", str(data)],
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )
    finally:
        stop(daemon)
        stop(server)
    logs = "".join(p.read_text(errors="replace")[-3000:] for p in tmp_path.glob("*.log"))
    assert done.returncode == 0, done.stderr + logs
    assert "the Dagster daemon of this instance launches the queued runs" in done.stdout
    assert done.stdout.count(": extracted (") == REPORTS, done.stdout
    assert "warehouse published" in done.stdout and f"reports loaded: {REPORTS}" in done.stdout

    # Every published figure of every report, as generated, in the warehouse.
    samples = yaml.safe_load(catalog.read_text(encoding="utf-8"))["samples"]
    for sample in samples:
        expected = figure_cells(load_content(Path(sample["content"])).figures)
        assert loaded_cells(data / "warehouse.duckdb", sample["agency"], sample["year"]) == expected

    # The runs are PostgreSQL's: queued, then launched by the daemon with the default launcher.
    import dagster as dg
    import psycopg2

    os.environ.update(postgres)
    try:
        with dg.DagsterInstance.from_config(str(home)) as instance:
            assert type(instance.run_launcher).__name__ == "DefaultRunLauncher"
            runs = instance.get_runs()
            assert {r.status for r in runs} == {dg.DagsterRunStatus.SUCCESS}
            assert sorted({r.job_name for r in runs}) == ["report_job", "warehouse_job"]
            assert 2 <= len([r for r in runs if r.job_name == "report_job"]) < REPORTS, "several reports per run"
            for run in runs:
                queued = instance.get_records_for_run(run.run_id, of_type=dg.DagsterEventType.RUN_ENQUEUED).records
                assert queued, f"run {run.run_id} did not go through the queue"
    finally:
        for key in postgres:
            os.environ.pop(key, None)
    with (
        psycopg2.connect(
            host="127.0.0.1", port=int(postgres["DAGSTER_PG_PORT"]), user="postgres", dbname="dagster"
        ) as con,
        con.cursor() as cursor,
    ):
        cursor.execute("SELECT count(*) FROM runs")
        assert cursor.fetchone()[0] == len(runs)
