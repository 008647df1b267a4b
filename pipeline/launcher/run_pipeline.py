"""``ogi run``: the whole pipeline through the Dagster instance — the reports in runs of many
partitions each, then the warehouse run — with one line of progress per report.

Runs are submitted to the instance's run coordinator and started by its run launcher, so the
instance's limits (``max_concurrent_runs``, pools) govern them. What cannot have changed is decided
before any run is launched by ``pipeline.runs.unchanged`` (the rule the assets apply too), so a night
with nothing new costs no more than reading the catalog, hashing the samples and opening the
warehouse (Dagster is not even imported)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.core.catalog import load_catalog, partition_key
from pipeline.core.settings import Settings
from pipeline.launcher import ctrl_c
from pipeline.runs.batches import Batch, batches
from pipeline.runs.unchanged import sample_is_current, warehouse_is_current

if TYPE_CHECKING:
    import dagster as dg

    from pipeline.launcher.launch import FollowedRun, Launcher


@dataclass
class ReportOutcome:
    agency: str
    year: int
    status: str  # extracted | unchanged | failed
    detail: str = ""

    @property
    def line(self) -> str:
        """The detail, naming the report once (failure descriptions already start with it)."""
        name = f"{self.agency} {self.year}"
        return self.detail if self.detail.startswith(name) else f"{name}: {self.detail}"


@dataclass
class RunSummary:
    reports: list[ReportOutcome] = field(default_factory=list)
    warehouse: str = ""  # published | unchanged | failed
    warehouse_error: str = ""
    snapshot_error: str = ""  # the warehouse was published, its snapshot could not be written
    checks: dict[str, tuple[bool, str, str]] = field(default_factory=dict)  # name -> (passed, severity, description)
    snapshot: Path | None = None
    removed: list[str] = field(default_factory=list)  # "<agency> <year>" no longer in the catalog

    @property
    def failures(self) -> list[str]:
        lines = [r.line for r in self.reports if r.status == "failed"]
        if self.warehouse == "failed":
            lines.append(f"warehouse: {self.warehouse_error}")
        if self.snapshot_error:
            lines.append(f"snapshot: {self.snapshot_error}")
        return lines


def _source_name(source: dict[str, Any] | None) -> str:
    """The name of the source ``ogi run`` reads reports from (``$OGI_SOURCE`` is for scheduled runs)."""
    return (source or {}).get("mode") or "offline"


def _run_config(settings: Settings, source: dict[str, Any] | None) -> dict[str, Any]:
    """The run config of a run: the data folder and catalog, and the fields given of the report
    source (``source`` is ``{"mode": <its name>, <field>: <value>, ...}``; its class is the one
    the code location binds, see ``_source_environment``)."""
    resources: dict[str, Any] = {
        "pipeline": {"config": {"data_dir": str(settings.data_dir), "catalog": str(settings.catalog_path)}}
    }
    fields = {name: value for name, value in (source or {}).items() if name != "mode" and value}
    if fields:
        resources["report_source"] = {"config": fields}
    # One step per run (the reports, or the warehouse and its snapshot, one after the other): in the
    # run's own process, rather than a further process per step.
    # Progress is printed per report; the full event log stays in the Dagster instance.
    return {
        "resources": resources,
        "execution": {"config": {"in_process": {}}},
        "loggers": {"console": {"config": {"log_level": "CRITICAL"}}},
    }


@contextmanager
def _source_environment(name: str) -> Iterator[None]:
    """``$OGI_SOURCE`` set to ``name`` while runs are launched: the code server ``ogi run`` starts,
    and the run processes it starts, inherit it, so the definitions bind that source. (A daemon
    launches queued runs from its own code location: the report step refuses a run whose source,
    named in its tags, is not the one bound there.)"""
    saved = os.environ.get("OGI_SOURCE")
    os.environ["OGI_SOURCE"] = name
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("OGI_SOURCE", None)
        else:
            os.environ["OGI_SOURCE"] = saved


def _failure(events: list[dg.EventLogEntry]) -> str:
    """The cause of a failed run: the user's failure description, else the innermost error."""
    import dagster as dg

    for entry in events:
        event = entry.dagster_event
        if event is not None and event.is_step_failure:
            data = event.step_failure_data
            if data.user_failure_data and data.user_failure_data.description:
                return data.user_failure_data.description
            error = data.error
            while error is not None and error.cause is not None:
                error = error.cause  # the user code's exception, not Dagster's wrapper
            return error.message.strip() if error else "the step failed"
    for entry in events:
        event = entry.dagster_event
        if event is not None and event.event_type == dg.DagsterEventType.RUN_FAILURE:
            return entry.message or "the run failed"
    return "the run failed"


def _failed_reports(events: list[dg.EventLogEntry]) -> dict[str, str]:
    """Partition key -> cause, for the reports a batch's step failure names."""
    for entry in events:
        event = entry.dagster_event
        if event is not None and event.is_step_failure and event.step_failure_data.user_failure_data:
            failed = event.step_failure_data.user_failure_data.metadata.get("failed")
            if failed is not None:
                return dict(failed.value)
    return {}


def _failed_steps(events: list[dg.EventLogEntry]) -> set[str]:
    return {e.dagster_event.step_key for e in events if e.dagster_event is not None and e.dagster_event.is_step_failure}


def _materialized(entry: dg.EventLogEntry, asset: str) -> tuple[str, dict[str, Any]] | None:
    """(partition, metadata values) when the entry is a materialization of ``asset``."""
    event = entry.dagster_event
    if event is None or not event.is_step_materialization or event.asset_key.to_user_string() != asset:
        return None
    materialization = event.step_materialization_data.materialization
    return materialization.partition or "", {k: v.value for k, v in materialization.metadata.items()}


def _form(meta: dict[str, Any]) -> str:
    """What a report was read from, for its progress line: a web page, a Word file, or N pages."""
    if meta.get("format") == "html":
        return "web page"
    if meta.get("format") in ("docx", "doc", "rtf", "odt", "xml", "mht"):
        return f"Word file ({meta['format']})"
    return f"{meta['pages']} pages"


def _revised(meta: dict[str, Any]) -> str:
    """The figures a new version of the report changed, for its progress line (``ogi history``)."""
    cells = meta.get("revised_cells") or 0
    return f"; {cells} figures changed from the previous version" if cells else ""


def run_pipeline(
    settings: Settings,
    dagster_home: Path,
    *,
    parallel: int = 2,
    source: dict[str, Any] | None = None,
    reports: list[tuple[str, int]] | None = None,
    echo: Callable[[str], None] = print,
) -> RunSummary:
    """Run every report of the catalog (or ``reports``), then the warehouse and its snapshot, in
    the Dagster instance of ``dagster_home`` (opened, with a code server, when the first run is
    launched)."""
    from contextlib import ExitStack

    catalog = load_catalog(settings.catalog_path)
    summary = RunSummary()
    wanted = reports if reports is not None else catalog.sample_reports()
    echo(f"reports: {len(wanted)} in {settings.catalog_path}, {parallel} at a time")

    def record(outcome: ReportOutcome) -> None:
        summary.reports.append(outcome)
        mark = {"extracted": "+", "unchanged": "=", "failed": "!"}[outcome.status]
        echo(
            f"  {mark} {outcome.line}"
            if outcome.status == "failed"
            else f"  {mark} {outcome.agency} {outcome.year}: {outcome.status} ({outcome.detail})"
        )

    # Offline, a report whose run would do nothing is not launched (its assets would skip the same
    # way). Live, every report is launched: only its conditional request can tell what changed.
    offline = _source_name(source) == "offline"
    launched = []
    for agency, year in wanted:
        if offline and sample_is_current(settings, catalog, agency, year):
            record(ReportOutcome(agency, year, "unchanged", "bytes unchanged, not extracted again"))
        else:
            launched.append((agency, year))

    with ctrl_c.deferred(), ExitStack() as stack:

        @cache
        def launcher() -> Launcher:
            from pipeline.defs.partitions import new_agencies
            from pipeline.launcher.launch import launcher as open_launcher

            stack.enter_context(_source_environment(_source_name(source)))
            opened = stack.enter_context(open_launcher(dagster_home))
            # No daemon need be running: add the agencies the sensor would add.
            if request := new_agencies(opened.instance, catalog.agencies):
                opened.instance.add_dynamic_partitions(request.partitions_def_name, request.partition_keys)
            if waiting := opened.waiting_for():
                echo(f"runs: queued; {waiting}")
            return opened

        if launched:
            _run_reports(launcher(), settings, source, launched, parallel, record)
        summary.reports.sort(key=lambda r: (r.agency, r.year))
        if warehouse_is_current(settings, catalog):
            echo("warehouse: built from these very reports already; not run again")
            summary.warehouse = "unchanged"
            return summary
        echo("warehouse: rebuilding if anything changed, then checking")
        _run_warehouse(launcher(), settings, summary)
    return summary


def _run_reports(
    launcher: Launcher,
    settings: Settings,
    source: dict[str, Any] | None,
    launched: list[tuple[str, int]],
    parallel: int,
    record: Callable[[ReportOutcome], None],
) -> None:
    """The launched reports in runs of many partitions each; a line per report as its facts land."""
    from pipeline.defs.partitions import agencies, partition_range_tags
    from pipeline.defs.report_assets import REPORT_FACTS_KEY, REPORTS_PER_RUN
    from pipeline.defs.resources import SOURCE_TAG

    order = list(launcher.instance.get_dynamic_partitions(agencies.name))
    planned = batches(launched, order, runs=parallel, per_run=REPORTS_PER_RUN)
    runs: dict[str, tuple[FollowedRun, Batch]] = {}
    done: set[str] = set()
    config = _run_config(settings, source)
    for batch in planned:
        tags = {**partition_range_tags(batch.first, batch.last), SOURCE_TAG: _source_name(source)}
        run = launcher.submit("report_job", config, tags)
        runs[run.run_id] = (run, batch)

    def on_event(run: FollowedRun, entry: dg.EventLogEntry) -> None:
        found = _materialized(entry, REPORT_FACTS_KEY.to_user_string())
        if found is None:
            return
        key, meta = found
        agency, _, year = key.partition("|")
        if (agency, int(year)) in runs[run.run_id][1].reports and key not in done:
            done.add(key)
            record(
                ReportOutcome(
                    agency,
                    int(year),
                    "extracted",
                    f"{meta['facts']} facts, template {meta['template']}, " + _form(meta) + _revised(meta),
                )
            )

    launcher.follow([run for run, _ in runs.values()], on_event)
    for run, batch in runs.values():
        failed = _failed_reports(run.events)
        cause = "" if run.succeeded else _failure(run.events)
        for agency, year in batch.reports:
            key = partition_key(agency, year)
            if key in done:
                continue
            if key in failed:
                record(ReportOutcome(agency, year, "failed", failed[key]))
            elif cause and not failed:
                record(ReportOutcome(agency, year, "failed", f"{agency} {year}: {cause}"))
            else:
                record(ReportOutcome(agency, year, "unchanged", "bytes unchanged, not extracted again"))


def _run_warehouse(launcher: Launcher, settings: Settings, summary: RunSummary) -> None:
    import dagster as dg

    run = launcher.submit("warehouse_job", _run_config(settings, None), {})
    launcher.follow([run], lambda _run, _entry: None)
    published = False
    for entry in run.events:
        event = entry.dagster_event
        if event is None:
            continue
        if event.event_type == dg.DagsterEventType.ASSET_CHECK_EVALUATION:
            data = event.event_specific_data
            summary.checks[data.check_name] = (data.passed, data.severity.value, data.description or "")
        if found := _materialized(entry, "warehouse"):
            published = True
            summary.removed = list(found[1].get("removed") or [])
        if found := _materialized(entry, "warehouse_snapshot"):
            summary.snapshot = Path(found[1]["path"])
    if not run.succeeded and published and _failed_steps(run.events) == {"warehouse_snapshot"}:
        summary.warehouse, summary.snapshot_error = "published", _failure(run.events)
    elif not run.succeeded:
        summary.warehouse, summary.warehouse_error = "failed", _failure(run.events)
    else:
        summary.warehouse = "published" if published else "unchanged"


EXAMPLE_QUERY = "example/outcome_shares"


def print_summary(summary: RunSummary, settings: Settings, echo: Callable[[str], None] = print) -> None:
    """What was loaded, how the checks went, where the results are, and one query to try."""
    import shlex

    import duckdb

    from pipeline.warehouse.query import table
    from pipeline.warehouse.snapshot import snapshot_dirs
    from pipeline.warehouse.sql import statement

    echo("")
    target = settings.warehouse_path
    if not target.is_file():
        echo("no warehouse was published")
        return
    con = duckdb.connect(str(target), read_only=True)
    try:
        counts = {
            t: con.table(t).count("*").fetchall()[0][0]
            for t in ("reports", "request_facts", "review_facts", "proactive_facts", "legacy_facts", "quality_issues")
        }
        # Old-style reports' figures are counted when there are any (most warehouses hold none).
        legacy = f", {counts['legacy_facts']} legacy" if counts["legacy_facts"] else ""
        echo(f"warehouse {summary.warehouse}: {target}")
        echo(
            f"  reports loaded: {counts['reports']}; facts: {counts['request_facts']} request, "
            f"{counts['review_facts']} review, {counts['proactive_facts']} proactive{legacy}; "
            f"quality issues: {counts['quality_issues']}"
        )
        for report in summary.removed:
            echo(f"  removed: {report} (no longer in the catalog)")
        if summary.checks:
            passed = [n for n, (ok, _, _) in summary.checks.items() if ok]
            warned = [f"{n} ({d})" for n, (ok, sev, d) in summary.checks.items() if not ok and sev == "WARN"]
            failed = [f"{n} ({d})" for n, (ok, sev, d) in summary.checks.items() if not ok and sev == "ERROR"]
            echo(f"  checks passed: {len(passed)} ({', '.join(passed) or '-'})")
            echo(f"  checks warned: {len(warned)} ({', '.join(warned) or '-'})")
            if failed:
                echo(f"  checks failed: {len(failed)} ({', '.join(failed)})")
        else:
            echo("  checks: not run (nothing changed since the last build)")
        if summary.snapshot_error:
            echo(f"snapshot: {summary.snapshot_error}")
        else:
            snapshots = snapshot_dirs(settings.snapshots_dir)
            latest = summary.snapshot or (snapshots[-1] if snapshots else None)
            state = "new" if summary.snapshot else "unchanged, latest"
            echo(f"snapshot ({state}): {latest}" if latest else "snapshot: none")
        sql = " ".join(statement(EXAMPLE_QUERY).split())
        data_dir = (
            ""
            if settings.data_dir == Settings.from_env().data_dir
            else f" --data-dir {shlex.quote(str(settings.data_dir))}"
        )
        echo("")
        echo(
            "query it with ogi sql (on the PATH after `source .venv/bin/activate`; docs/data-dictionary.md "
            "describes every table), for example:"
        )
        # Double quotes read better around SQL's single quotes; shlex when the shell would expand something.
        quoted = f'"{sql}"' if not any(ch in sql for ch in '"$`\\!') else shlex.quote(sql)
        echo(f"  ogi sql{data_dir} {quoted}")
        echo(table(con.sql(sql)).rstrip("\n"))
    finally:
        con.close()
