"""Where reports come from: one resource class per source, bound once by the definitions from
``$OGI_SOURCE``; ``ogi run`` chooses its own (offline unless ``--live``) whatever that says."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import dagster as dg
import pytest
import yaml
from pipeline_support import environment, write_catalog

from pipeline.core.catalog import load_catalog
from pipeline.core.settings import PROJECT_DIR, Settings
from pipeline.defs.report_assets import reports
from pipeline.defs.resources import (
    SOURCE_TAG,
    BundledSamples,
    PipelineSettings,
    PublisherSites,
    ReportSource,
    SourceError,
    report_source,
    resources,
)

DOC = PROJECT_DIR / "docs" / "sources-and-automation.md"


def bound_source(monkeypatch: pytest.MonkeyPatch, source: str | None) -> type[ReportSource]:
    """The class of the report source the definitions bind with ``$OGI_SOURCE`` = ``source``."""
    if source is None:
        monkeypatch.delenv("OGI_SOURCE", raising=False)
    else:
        monkeypatch.setenv("OGI_SOURCE", source)
    return type(resources().resources["report_source"])


def test_the_definitions_bind_the_source_ogi_source_names(monkeypatch: pytest.MonkeyPatch) -> None:
    assert bound_source(monkeypatch, None) is BundledSamples
    assert bound_source(monkeypatch, "offline") is BundledSamples
    assert bound_source(monkeypatch, "live") is PublisherSites
    with pytest.raises(TypeError):
        ReportSource()  # abstract: every source says how it reads a report and what a night asks


def test_an_unknown_source_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OGI_SOURCE", "online")
    with pytest.raises(SourceError) as raised:
        report_source()
    assert str(raised.value) == "OGI_SOURCE='online': expected one of offline, live"
    assert f"`{raised.value}`" in DOC.read_text(encoding="utf-8"), "the page shows the line as it is"


def test_a_live_source_narrowed_to_an_agency_reads_that_agency_only(fixtures: Path, tmp_path: Path) -> None:
    catalog = load_catalog(write_catalog(tmp_path / "catalog.yaml", fixtures))
    settings = Settings(data_dir=tmp_path / "data", catalog_path=catalog.path)
    years = [2020, 2021]
    assert PublisherSites(agency="mfa").nightly_reports(settings, catalog, years) == [("mfa", 2020), ("mfa", 2021)]
    wide = PublisherSites().nightly_reports(settings, catalog, years)
    assert ("mfa", 2020) in wide and len(wide) > 2

    from pipeline.fetch import RawStore

    log = dg.get_dagster_logger()
    store = RawStore(settings.raw_dir)
    assert PublisherSites(agency="mfa").raw_report(store, catalog, "huaian-hongze", 2023, log) is None
    assert not settings.raw_dir.exists() or not any(settings.raw_dir.rglob("*.pdf")), "nothing was fetched"


def test_a_run_asking_for_another_source_is_refused_in_one_line(fixtures: Path, tmp_path: Path) -> None:
    """A daemon launches queued runs from its own code location: a run ``ogi run`` made for the
    live source must not read the bundled samples there, nor the other way round."""
    catalog = write_catalog(tmp_path / "catalog.yaml", fixtures)
    data = tmp_path / "data"
    with dg.instance_for_test() as instance, environment(data, catalog):
        instance.add_dynamic_partitions("agency", ["huaian-hongze"])
        refused = dg.materialize(
            [reports],
            resources={"pipeline": PipelineSettings(), "report_source": BundledSamples()},
            instance=instance,
            partition_key="huaian-hongze|2023",
            tags={SOURCE_TAG: "live"},
            raise_on_error=False,
        )
    assert not refused.success
    failure = next(e for e in refused.all_events if e.is_step_failure)
    description = failure.step_failure_data.user_failure_data.description
    assert description == (
        "the run asks for the live source but this code location reads reports from offline (its OGI_SOURCE)"
    )
    # The page shows the line the other way round (an offline run, a live code location).
    shown = description.replace("live", "<a>").replace("offline", "live").replace("<a>", "offline")
    assert f"ogi: error: huaian-hongze 2023: {shown}\n" in DOC.read_text(encoding="utf-8")
    assert not (data / "raw").exists(), "nothing was read"


def test_ogi_run_reads_the_samples_whatever_ogi_source_says(fixtures: Path, tmp_path: Path) -> None:
    """``ogi run`` without ``--live`` is offline even where scheduled runs are live: the code
    server it starts binds the bundled samples."""
    catalog = write_catalog(tmp_path / "catalog.yaml", fixtures)
    doc = yaml.safe_load(catalog.read_text(encoding="utf-8"))
    doc["samples"] = [s for s in doc["samples"] if (s["agency"], s["year"]) == ("mfa", 2020)]  # one report: quick
    catalog.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("OGI_", "DAGSTER_"))},
        "OGI_SOURCE": "live",
        "DAGSTER_HOME": str(tmp_path / "home"),
    }
    (tmp_path / "home").mkdir()
    command = [str(Path(sys.executable).parent / "ogi"), "run", "--catalog", str(catalog), "--data-dir", str(tmp_path)]
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "+ mfa 2020: extracted" in done.stdout, done.stdout
    with dg.DagsterInstance.from_config(str(tmp_path / "home")) as instance:
        reports = [run for run in instance.get_runs() if run.job_name == "report_job"]
        assert reports and {run.tags[SOURCE_TAG] for run in reports} == {"offline"}
