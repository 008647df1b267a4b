"""Every night: the reports in runs of many each; the warehouse follows when they are done (see sensors)."""

from collections.abc import Iterator

import dagster as dg

from pipeline.core.catalog import load_catalog
from pipeline.core.settings import Settings, source_mode
from pipeline.defs.jobs import report_job
from pipeline.defs.partitions import agencies, partition_range_tags, register_agencies, report_years
from pipeline.defs.report_assets import REPORTS_PER_RUN
from pipeline.runs.batches import batches
from pipeline.runs.unchanged import sample_is_current


@dg.schedule(
    cron_schedule="0 2 * * *",
    job=report_job,
    execution_timezone="Asia/Shanghai",
    default_status=dg.DefaultScheduleStatus.RUNNING,
)
def nightly_reports(context: dg.ScheduleEvaluationContext) -> Iterator[dg.RunRequest]:
    """At 02:00 Beijing time, request the runs of the night's reports, many reports per run over a
    partition range (once per night: the run key names the range and the date). Offline, the
    reports of the catalog whose sample is not staged yet; live (``OGI_SOURCE=live``), every year
    of every agency with a listing page or pinned address, so a newly published report is found
    the night after it appears, and unchanged reports finish at once without extraction."""
    settings = Settings.from_env()
    catalog = load_catalog(settings.catalog_path)
    register_agencies(context.instance, list(catalog.agencies))
    night = context.scheduled_execution_time.date().isoformat()
    if source_mode() == "live":
        reports = [
            (a.code, year) for a in catalog.agencies.values() if a.listing_urls or a.reports for year in report_years()
        ]
    else:
        # A sample already staged needs no run (the same rule `ogi run` and the assets apply).
        reports = [r for r in catalog.sample_reports() if not sample_is_current(settings, catalog, *r)]
    order = list(context.instance.get_dynamic_partitions(agencies.name))
    for batch in batches(reports, order, runs=1, per_run=REPORTS_PER_RUN):
        yield dg.RunRequest(
            run_key=f"{batch.first}..{batch.last}@{night}", tags=partition_range_tags(batch.first, batch.last)
        )
