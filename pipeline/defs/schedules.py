"""Every night: the reports in runs of many each; the warehouse follows when they are done (see sensors)."""

from collections.abc import Iterator

import dagster as dg

from pipeline.core.catalog import load_catalog
from pipeline.defs.jobs import report_job
from pipeline.defs.partitions import agencies, partition_range_tags, report_years
from pipeline.defs.report_assets import REPORTS_PER_RUN
from pipeline.defs.resources import PipelineSettings, ReportSource
from pipeline.runs.batches import batches


@dg.schedule(
    cron_schedule="0 2 * * *",
    job=report_job,
    execution_timezone="Asia/Shanghai",
    default_status=dg.DefaultScheduleStatus.RUNNING,
)
def nightly_reports(
    context: dg.ScheduleEvaluationContext, pipeline: PipelineSettings, report_source: ReportSource
) -> Iterator[dg.RunRequest]:
    """At 02:00 Beijing time, request the runs of the night's reports, many reports per run over a
    partition range (once per night: the run key names the range and the date). Which reports is
    the source's to say: offline, those of the catalog whose sample is not staged yet; live
    (``OGI_SOURCE=live``), every year of every agency with a listing page or pinned address, so a
    newly published report is found the night after it appears, and unchanged reports finish at
    once without extraction. An agency the ``agency_partitions`` sensor has not made a partition
    yet (a catalog edited in the last minute) waits for the next night."""
    settings = pipeline.settings()
    catalog = load_catalog(settings.catalog_path)
    night = context.scheduled_execution_time.date().isoformat()
    order = list(context.instance.get_dynamic_partitions(agencies.name))
    reports = report_source.nightly_reports(settings, catalog, report_years())
    waiting = sorted({agency for agency, _ in reports} - set(order))
    if waiting:
        context.log.warning(f"not partitions yet, next night: {', '.join(waiting)}")
    reports = [report for report in reports if report[0] not in waiting]
    for batch in batches(reports, order, runs=1, per_run=REPORTS_PER_RUN):
        yield dg.RunRequest(
            run_key=f"{batch.first}..{batch.last}@{night}", tags=partition_range_tags(batch.first, batch.last)
        )
