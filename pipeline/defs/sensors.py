"""The sensors: the catalog's agencies made partitions; the warehouse rebuilt once the report runs
are finished and some report was extracted again."""

import dagster as dg

from pipeline.core.catalog import load_catalog
from pipeline.defs.jobs import report_job, warehouse_job
from pipeline.defs.partitions import new_agencies
from pipeline.defs.report_assets import REPORT_FACTS_KEY
from pipeline.defs.resources import PipelineSettings

IN_FLIGHT = [
    dg.DagsterRunStatus.QUEUED,
    dg.DagsterRunStatus.NOT_STARTED,
    dg.DagsterRunStatus.STARTING,
    dg.DagsterRunStatus.STARTED,
]


@dg.sensor(minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.RUNNING)
def agency_partitions(
    context: dg.SensorEvaluationContext, pipeline: PipelineSettings
) -> dg.SensorResult | dg.SkipReason:
    """Make every agency of the catalog an ``agency`` partition, within a minute of its appearing
    (the nightly schedule asks only for the reports of agencies that are partitions). A catalog
    that does not load fails the tick with its one-line error."""
    catalog = load_catalog(pipeline.settings().catalog_path)
    request = new_agencies(context.instance, catalog.agencies)
    if request is None:
        return dg.SkipReason("every agency of the catalog is a partition")
    return dg.SensorResult(dynamic_partitions_requests=[request])


@dg.sensor(job=warehouse_job, minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.RUNNING)
def warehouse_after_reports(context: dg.SensorEvaluationContext) -> dg.RunRequest | dg.SkipReason:
    """Request a warehouse run when report facts were materialised since the last request and no
    report run is still queued or running (the cursor is the last materialisation seen)."""
    if context.instance.get_runs(dg.RunsFilter(job_name=report_job.name, statuses=IN_FLIGHT), limit=1):
        return dg.SkipReason("report runs are still in progress")
    latest = context.instance.fetch_materializations(REPORT_FACTS_KEY, limit=1, ascending=False).records
    if not latest or str(latest[0].storage_id) == context.cursor:
        return dg.SkipReason("no report was extracted since the last warehouse run")
    context.update_cursor(str(latest[0].storage_id))
    return dg.RunRequest(run_key=f"report_facts@{latest[0].storage_id}")
