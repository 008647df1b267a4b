"""Every night: one run per report; the warehouse follows when they are done (see sensors)."""

from collections.abc import Iterator

import dagster as dg

from pipeline.catalog import load_catalog, partition_key
from pipeline.defs.jobs import report_job
from pipeline.defs.partitions import register_agencies, report_years
from pipeline.settings import Settings, source_mode


@dg.schedule(
    cron_schedule="0 2 * * *",
    job=report_job,
    execution_timezone="Asia/Shanghai",
    default_status=dg.DefaultScheduleStatus.RUNNING,
)
def nightly_reports(context: dg.ScheduleEvaluationContext) -> Iterator[dg.RunRequest]:
    """At 02:00 Beijing time, request one run per report (once per night: the run key names the
    report and the date). Offline, the reports of the catalog; live (``OGI_SOURCE=live``), every
    year of every agency with a listing page or pinned address, so a newly published report is
    found the night after it appears. Unchanged reports finish at once without extraction."""
    catalog = load_catalog(Settings.from_env().catalog_path)
    register_agencies(context.instance, list(catalog.agencies))
    night = context.scheduled_execution_time.date().isoformat()
    if source_mode() == "live":
        reports = [(a.code, year) for a in catalog.agencies.values() if a.listing_urls or a.reports for year in report_years()]
    else:
        reports = catalog.sample_reports()
    for agency, year in reports:
        key = partition_key(agency, year)
        yield dg.RunRequest(run_key=f"{key}@{night}", partition_key=key)
