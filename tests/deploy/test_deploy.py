"""The deployment files are checked against the schemas of what reads them: Kubernetes objects
against the Kubernetes API models, the run launcher's and run coordinator's settings against the
config schemas of dagster-k8s and Dagster (the Helm chart renders them into the instance's
dagster.yaml), and the PostgreSQL instance file against Dagster's instance schema. No cluster
here: `helm` is not installable on these machines, so nothing is rendered or applied."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from pipeline.core.settings import PROJECT_DIR

DEPLOY = PROJECT_DIR / "deploy"


def load(name: str) -> Any:
    return yaml.safe_load((DEPLOY / name).read_text(encoding="utf-8"))


def kubernetes_object(data: Any, model: str) -> Any:
    """``data`` read as the Kubernetes API model ``model``; a misspelt or misplaced field is lost on
    the way, so the object is written back and compared with what was read."""
    from kubernetes.client import ApiClient

    client = ApiClient()
    obj = client._ApiClient__deserialize(data, model)
    assert client.sanitize_for_serialization(obj) == data, f"not a valid {model}: {data}"
    return obj


def snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def dagster_config(schema: Any, value: dict[str, Any]) -> None:
    from dagster._config import process_config

    result = process_config(schema, value)
    assert result.success, [error.message for error in result.errors]


@pytest.fixture(scope="module")
def values() -> dict[str, Any]:
    return load("helm-values.yaml")


def test_the_data_volume_is_a_read_write_many_claim() -> None:
    claim = kubernetes_object(load("data-volume.yaml"), "V1PersistentVolumeClaim")
    assert claim.kind == "PersistentVolumeClaim" and claim.spec.access_modes == ["ReadWriteMany"]


def test_the_code_server_and_the_run_pods_mount_the_data_root(values: dict[str, Any]) -> None:
    claim = load("data-volume.yaml")["metadata"]["name"]
    (deployment,) = values["dagster-user-deployments"]["deployments"]
    launcher = values["runLauncher"]["config"]["k8sRunLauncher"]
    assert values["runLauncher"]["type"] == "K8sRunLauncher"
    for where in (deployment, launcher):
        volumes = [kubernetes_object(v, "V1Volume") for v in where["volumes"]]
        mounts = [kubernetes_object(m, "V1VolumeMount") for m in where["volumeMounts"]]
        (data,) = [v for v in volumes if v.persistent_volume_claim and v.persistent_volume_claim.claim_name == claim]
        assert [m.mount_path for m in mounts if m.name == data.name] == ["/data/ogi"]
    env = {e.name: e.value for e in (kubernetes_object(e, "V1EnvVar") for e in deployment["env"])}
    assert env["OGI_DATA_DIR"] == "/data/ogi" and "OGI_DATA_DIR=/data/ogi" in launcher["envVars"]
    assert env["OGI_CODE_LOCATION"] == deployment["name"], "`ogi run` queues runs for this code location"
    kubernetes_object(deployment["resources"], "V1ResourceRequirements")
    assert deployment["codeServerArgs"] == ["-m", "pipeline.definitions"]


def test_the_launcher_and_the_queue_are_valid_for_dagster(values: dict[str, Any]) -> None:
    from dagster._core.run_coordinator import QueuedRunCoordinator
    from dagster_k8s import K8sRunLauncher

    launcher = values["runLauncher"]["config"]["k8sRunLauncher"]
    # What the chart adds of its own when it renders the launcher into dagster.yaml.
    chart = {
        "instance_config_map": "dagster-instance",
        "service_account_name": "dagster",
        "dagster_home": "/opt/dagster/dagster_home",
        "postgres_password_secret": "dagster-postgresql-secret",
    }
    dagster_config(K8sRunLauncher.config_type(), {**chart, **{snake(k): v for k, v in launcher.items()}})
    coordinator = values["dagsterDaemon"]["runCoordinator"]
    assert coordinator["type"] == "QueuedRunCoordinator" and coordinator["enabled"]
    queued = coordinator["config"]["queuedRunCoordinator"]
    dagster_config(QueuedRunCoordinator.config_type(), {snake(k): v for k, v in queued.items()})
    assert values["concurrency"] == {"enabled": True, "pools": {"defaultLimit": 1}}, "one warehouse writer"


def test_the_postgres_instance_file_is_a_valid_instance(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from dagster._core.instance.config import dagster_instance_config

    for name, value in {
        "DAGSTER_PG_HOST": "db",
        "DAGSTER_PG_PORT": "5432",
        "DAGSTER_PG_USER": "dagster",
        "DAGSTER_PG_PASSWORD": "secret",
        "DAGSTER_PG_DB": "dagster",
    }.items():
        monkeypatch.setenv(name, value)
    (tmp_path / "dagster.yaml").write_text((DEPLOY / "dagster-postgres.yaml").read_text(encoding="utf-8"))
    config, _ = dagster_instance_config(str(tmp_path))
    assert config["storage"]["postgres"]["postgres_db"]["scheme"] == "postgresql+psycopg2"
    assert config["run_coordinator"]["class"] == "QueuedRunCoordinator"


def test_the_image_is_built_from_the_package() -> None:
    dockerfile = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    assert "pip wheel --no-deps" in dockerfile and "[cluster]" in dockerfile
    assert "-c /tmp/constraints.txt" in dockerfile, "the pinned versions"
