"""The nightly schedule and the sensors: the catalog's agencies made partitions, the warehouse
rebuilt after the report runs."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import dagster as dg
from pipeline_support import environment, run_all, write_catalog

from pipeline.core.catalog import load_catalog
from pipeline.defs.partitions import partition_range_tags, report_years
from pipeline.defs.resources import BundledSamples, PipelineSettings, PublisherSites, ReportSource
from pipeline.defs.schedules import nightly_reports
from pipeline.defs.sensors import agency_partitions


def test_the_schedule_runs_every_report_at_two_in_beijing() -> None:
    assert nightly_reports.cron_schedule == "0 2 * * *"
    assert nightly_reports.execution_timezone == "Asia/Shanghai"
    assert nightly_reports.default_status == dg.DefaultScheduleStatus.RUNNING
    assert nightly_reports.job_name == "report_job"


def covered(request: dg.RunRequest, instance: dg.DagsterInstance) -> set[str]:
    """The partition keys a request's range covers (agencies in partition order × years)."""
    from pipeline.defs.partitions import report_partitions

    first, last = request.tags["dagster/asset_partition_range_start"], request.tags["dagster/asset_partition_range_end"]
    return set(report_partitions.get_partition_keys_in_range(dg.PartitionKeyRange(first, last), instance))


def night_of(instance: dg.DagsterInstance, source: ReportSource) -> dg.ScheduleEvaluationContext:
    night = datetime(2026, 11, 28, 2, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    resources = {"pipeline": PipelineSettings(), "report_source": source}
    return dg.build_schedule_context(instance=instance, scheduled_execution_time=night, resources=resources)


def add_agencies(instance: dg.DagsterInstance) -> dg.SensorResult | dg.SkipReason:
    """One tick of the agency sensor, its partition requests applied as the daemon applies them."""
    result = agency_partitions(dg.build_sensor_context(instance=instance, resources={"pipeline": PipelineSettings()}))
    if isinstance(result, dg.SensorResult):
        for request in result.dynamic_partitions_requests:
            instance.add_dynamic_partitions(request.partitions_def_name, request.partition_keys)
    return result


def test_the_sensor_makes_the_catalogs_agencies_partitions_once(fixtures: Path, tmp_path: Path) -> None:
    catalog = write_catalog(tmp_path / "catalog.yaml", fixtures)
    with dg.instance_for_test() as instance, environment(tmp_path / "data", catalog):
        instance.add_dynamic_partitions("agency", ["mfa"])  # one is already
        first = add_agencies(instance)
        assert isinstance(first, dg.SensorResult)
        (request,) = first.dynamic_partitions_requests
        assert sorted(request.partition_keys) == sorted(set(load_catalog(catalog).agencies) - {"mfa"})
        assert sorted(instance.get_dynamic_partitions("agency")) == sorted(load_catalog(catalog).agencies)
        assert isinstance(add_agencies(instance), dg.SkipReason), "nothing new"


def test_the_schedule_evaluation_requests_the_reports_in_ranges(fixtures: Path, tmp_path: Path) -> None:
    catalog = write_catalog(tmp_path / "catalog.yaml", fixtures)
    with dg.instance_for_test() as instance, environment(tmp_path / "data", catalog):
        context = night_of(instance, BundledSamples())
        # Before the sensor made the agencies partitions, no range can name them: nothing yet.
        assert list(nightly_reports(context)) == []
        add_agencies(instance)
        (request,) = list(nightly_reports(context))  # three reports: one run
        assert {"huaian-hongze|2023", "huaian-hongze|2024", "mfa|2020"} <= covered(request, instance)
        assert request.run_key.endswith("@2026-11-28")

        # Once the reports are staged, the same night asks for nothing (the rule ogi run applies).
        run_all(instance)
        assert list(nightly_reports(context)) == []


FOLLOWERS = {"warehouse", "warehouse_snapshot"}  # what the automation sensor targets


def requested(instance: dg.DagsterInstance, cursor=None) -> tuple[set[str], object]:
    """One tick of the automation sensor: the assets it would request, and its cursor after."""
    from pipeline.definitions import defs

    result = dg.evaluate_automation_conditions(defs=defs, instance=instance, cursor=cursor)
    return {key for key in FOLLOWERS if result.get_num_requested(dg.AssetKey(key))}, result.cursor


def stage_report(instance: dg.DagsterInstance, key: str) -> None:
    """One report run, as the schedule would launch it (the warehouse is left to the automation)."""
    from pipeline.definitions import defs

    assert defs.resolve_job_def("report_job").execute_in_process(instance=instance, partition_key=key).success


def test_the_automation_sensor_targets_the_warehouse_and_its_snapshot() -> None:
    from pipeline.definitions import defs

    sensor = defs.resolve_sensor_def("warehouse_automation")
    assert sensor.default_status == dg.DefaultSensorStatus.RUNNING
    graph = defs.resolve_asset_graph()
    automated = {key.to_user_string() for key in graph.get_all_asset_keys() if graph.get(key).automation_condition}
    assert automated == FOLLOWERS


def test_the_warehouse_follows_new_facts_once(fixtures: Path, tmp_path: Path) -> None:
    catalog = write_catalog(tmp_path / "catalog.yaml", fixtures)
    with dg.instance_for_test() as instance, environment(tmp_path / "data", catalog):
        add_agencies(instance)
        wanted, cursor = requested(instance)
        assert wanted == set(), "nothing staged yet"
        stage_report(instance, "mfa|2020")
        wanted, cursor = requested(instance, cursor)
        assert wanted == FOLLOWERS, "the warehouse, and its snapshot with it"
        wanted, cursor = requested(instance, cursor)
        assert wanted == set(), "requested once"


def test_the_warehouse_waits_while_a_report_run_is_in_flight(fixtures: Path, tmp_path: Path) -> None:
    catalog = write_catalog(tmp_path / "catalog.yaml", fixtures)
    with dg.instance_for_test() as instance, environment(tmp_path / "data", catalog):
        add_agencies(instance)
        _, cursor = requested(instance)
        stage_report(instance, "mfa|2020")
        from pipeline.definitions import defs

        job = defs.resolve_job_def("report_job")
        # Over a range of partitions, as the schedule and ogi run request them.
        tags = partition_range_tags("huaian-hongze|2023", "huaian-hongze|2024")
        flight = instance.create_run_for_job(job, run_config={}, status=dg.DagsterRunStatus.STARTED, tags=tags)
        wanted, cursor = requested(instance, cursor)
        assert wanted == set(), "a report run is under way"
        instance.report_run_failed(flight)
        wanted, cursor = requested(instance, cursor)
        assert wanted == FOLLOWERS, "the facts staged before it are loaded once it is over"


def test_a_warehouse_run_of_its_own_is_not_followed_again(fixtures: Path, tmp_path: Path) -> None:
    """``ogi run`` builds the warehouse itself after its report runs: no second build follows."""
    catalog = write_catalog(tmp_path / "catalog.yaml", fixtures)
    with dg.instance_for_test() as instance, environment(tmp_path / "data", catalog):
        _, cursor = requested(instance)
        results = run_all(instance, reports=[("mfa", 2020)])
        assert results["warehouse"].success
        wanted, cursor = requested(instance, cursor)
        assert wanted == set()


def test_a_live_schedule_asks_every_year_of_every_listed_agency(fixtures: Path, tmp_path: Path) -> None:
    catalog = write_catalog(tmp_path / "catalog.yaml", fixtures)
    with dg.instance_for_test() as instance, environment(tmp_path / "data", catalog):
        add_agencies(instance)
        requests = list(nightly_reports(night_of(instance, PublisherSites())))
        keys = set().union(*(covered(r, instance) for r in requests))
    # mfa has a listing page; huaian-hongze and mps have none and no pinned address: nothing to discover.
    addressed = [a.code for a in load_catalog(catalog).agencies.values() if a.listing_urls or a.reports]
    assert keys == {f"{code}|{year}" for code in addressed for year in report_years()}
    assert "mfa|2019" in keys and not any(key.startswith(("huaian-hongze|", "mps|")) for key in keys)
