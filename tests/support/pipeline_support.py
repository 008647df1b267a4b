"""Run the Dagster jobs in-process against a temporary data folder and catalog."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import yaml
from truth import TRUTHS

from pipeline.core.catalog import partition_key
from pipeline.core.settings import PROJECT_DIR


def write_catalog(path: Path, fixtures: Path, overrides: dict[tuple[str, int], Path] | None = None) -> Path:
    """The project's catalog, with the real PDFs where there are some and the bundled replica otherwise."""
    doc = yaml.safe_load((PROJECT_DIR / "data" / "catalog.yaml").read_text(encoding="utf-8"))
    samples = []
    for (agency, year), (_, pdf) in TRUTHS.items():
        file = (overrides or {}).get((agency, year)) or (
            fixtures / pdf if pdf else PROJECT_DIR / "data" / "samples" / f"{agency}-{year}.pdf"
        )
        samples.append(
            {
                "agency": agency,
                "year": year,
                "kind": "original" if pdf else "replica",
                "publisher": agency,
                "file": str(file),
                "content": None,
                "original_url": None,
            }
        )
    doc["samples"] = samples
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return path


@contextmanager
def environment(data_dir: Path, catalog: Path) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in ("OGI_DATA_DIR", "OGI_CATALOG")}
    os.environ["OGI_DATA_DIR"], os.environ["OGI_CATALOG"] = str(data_dir), str(catalog)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def run_all(instance: dg.DagsterInstance, reports=tuple(TRUTHS)) -> dict[str, dg.ExecuteInProcessResult]:
    """Every report's run, then the warehouse run, as the schedule and sensor would."""
    from pipeline.definitions import defs
    from pipeline.defs.partitions import new_agencies

    if request := new_agencies(instance, sorted({a for a, _ in reports})):  # as the agency_partitions sensor would
        instance.add_dynamic_partitions(request.partitions_def_name, request.partition_keys)
    results = {}
    for agency, year in reports:
        key = partition_key(agency, year)
        results[key] = defs.resolve_job_def("report_job").execute_in_process(
            instance=instance, partition_key=key, raise_on_error=False
        )
    results["warehouse"] = defs.resolve_job_def("warehouse_job").execute_in_process(
        instance=instance, raise_on_error=False
    )
    return results


def materialized(result: dg.ExecuteInProcessResult) -> set[str]:
    return {e.asset_key.to_user_string() for e in result.get_asset_materialization_events()}


def file_state(path: Path) -> tuple[int, int, int]:
    st = path.stat()
    return st.st_ino, st.st_mtime_ns, st.st_size
