"""``ogi run``: the whole pipeline through a Dagster instance — every report in its own run (in
parallel), then the warehouse run — with one line of progress per report."""

from __future__ import annotations

from collections.abc import Callable
import multiprocessing
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import dagster as dg

from pipeline.catalog import load_catalog, partition_key
from pipeline.settings import Settings


def report_job() -> dg.JobDefinition:
    from pipeline.definitions import defs

    return defs.resolve_job_def("report_job")


def warehouse_job() -> dg.JobDefinition:
    from pipeline.definitions import defs

    return defs.resolve_job_def("warehouse_job")


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
    checks: dict[str, tuple[bool, str, str]] = field(default_factory=dict)  # name -> (passed, severity, description)
    snapshot: Path | None = None

    @property
    def failures(self) -> list[str]:
        lines = [r.line for r in self.reports if r.status == "failed"]
        if self.warehouse == "failed":
            lines.append(f"warehouse: {self.warehouse_error}")
        return lines


def _run_config(settings: Settings, source: dict[str, Any] | None, executor: str) -> dict[str, Any]:
    resources: dict[str, Any] = {
        "pipeline": {"config": {"data_dir": str(settings.data_dir), "catalog": str(settings.catalog_path)}}
    }
    if source:
        resources["report_source"] = {"config": source}
    # Progress is printed per report; the full event log stays in the Dagster instance.
    return {
        "resources": resources,
        "execution": {"config": {executor: {}}},
        "loggers": {"console": {"config": {"log_level": "CRITICAL"}}},
    }


def _failure(result: dg.ExecutionResult) -> str:
    for event in result.all_events:
        if event.is_step_failure:
            data = event.step_failure_data
            if data.user_failure_data and data.user_failure_data.description:
                return data.user_failure_data.description
            error = data.error
            while error is not None and error.cause is not None:
                error = error.cause  # the user code's exception, not Dagster's wrapper
            return error.message.strip() if error else "the step failed"
    run_failure = next((e.message for e in result.all_events if e.event_type == dg.DagsterEventType.RUN_FAILURE), None)
    return run_failure or "the run failed"


def _report(agency: str, year: int, result: dg.ExecutionResult) -> ReportOutcome:
    if not result.success:
        return ReportOutcome(agency, year, "failed", _failure(result))
    for event in result.all_events:
        if event.is_step_materialization and event.asset_key == dg.AssetKey("report_facts"):
            meta = event.materialization.metadata
            return ReportOutcome(agency, year, "extracted",
                                 f"{meta['facts'].value} facts, template {meta['template'].value}, {meta['pages'].value} pages")
    return ReportOutcome(agency, year, "unchanged", "bytes unchanged, not extracted again")


def _run_report(ref: Any, agency: str, year: int, run_config: dict[str, Any]) -> ReportOutcome:
    with dg.DagsterInstance.from_ref(ref) as instance:
        result = dg.execute_job(
            dg.reconstructable(report_job),
            instance,
            run_config=run_config,
            tags={"dagster/partition": partition_key(agency, year)},
        )
        return _report(agency, year, result)


def run_pipeline(
    settings: Settings,
    instance: dg.DagsterInstance,
    *,
    parallel: int = 2,
    source: dict[str, Any] | None = None,
    reports: list[tuple[str, int]] | None = None,
    echo: Callable[[str], None] = print,
) -> RunSummary:
    """Run every report of the catalog (or ``reports``), then the warehouse and its snapshot."""
    from pipeline.defs.partitions import register_agencies

    catalog = load_catalog(settings.catalog_path)
    register_agencies(instance, list(catalog.agencies))
    summary = RunSummary()
    wanted = reports if reports is not None else catalog.known_reports()

    echo(f"reports: {len(wanted)} in {settings.catalog_path}, {parallel} at a time")
    # Each report runs in its own worker process (Dagster runs are not thread-safe in one process).
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=max(1, min(parallel, len(wanted) or 1)), mp_context=context) as pool:
        run_config = _run_config(settings, source, "in_process")
        futures = [pool.submit(_run_report, instance.get_ref(), agency, year, run_config) for agency, year in wanted]
        for future in as_completed(futures):
            outcome = future.result()
            summary.reports.append(outcome)
            mark = {"extracted": "+", "unchanged": "=", "failed": "!"}[outcome.status]
            echo(f"  {mark} {outcome.line}" if outcome.status == "failed"
                 else f"  {mark} {outcome.agency} {outcome.year}: {outcome.status} ({outcome.detail})")
    summary.reports.sort(key=lambda r: (r.agency, r.year))
    echo("warehouse: rebuilding if anything changed, then checking")
    result = dg.execute_job(
        dg.reconstructable(warehouse_job), instance, run_config=_run_config(settings, source, "in_process")
    )
    published = False
    for event in result.all_events:
        if event.event_type == dg.DagsterEventType.ASSET_CHECK_EVALUATION:
            data = event.event_specific_data
            summary.checks[data.check_name] = (data.passed, data.severity.value, data.description or "")
        if event.is_step_materialization and event.asset_key == dg.AssetKey("warehouse"):
            published = True
        if event.is_step_materialization and event.asset_key == dg.AssetKey("warehouse_snapshot"):
            summary.snapshot = Path(event.materialization.metadata["path"].value)
    if not result.success:
        summary.warehouse, summary.warehouse_error = "failed", _failure(result)
    else:
        summary.warehouse = "published" if published else "unchanged"
    return summary


EXAMPLE_QUERY = "example/outcome_shares"


def print_summary(summary: RunSummary, settings: Settings, echo: Callable[[str], None] = print) -> None:
    """What was loaded, how the checks went, where the results are, and one query to try."""
    import duckdb

    from pipeline.snapshot import snapshot_dirs
    from pipeline.warehouse.sql import statement

    echo("")
    target = settings.warehouse_path
    if not target.is_file():
        echo("no warehouse was published")
        return
    con = duckdb.connect(str(target), read_only=True)
    try:
        counts = {t: con.table(t).count("*").fetchall()[0][0]
                  for t in ("reports", "request_facts", "review_facts", "proactive_facts", "quality_issues")}
        echo(f"warehouse {summary.warehouse}: {target}")
        echo(f"  reports loaded: {counts['reports']}; facts: {counts['request_facts']} request, "
             f"{counts['review_facts']} review, {counts['proactive_facts']} proactive; "
             f"quality issues: {counts['quality_issues']}")
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
        snapshots = snapshot_dirs(settings.snapshots_dir)
        latest = summary.snapshot or (snapshots[-1] if snapshots else None)
        state = "new" if summary.snapshot else "unchanged, latest"
        echo(f"snapshot ({state}): {latest}" if latest else "snapshot: none")
        sql = statement(EXAMPLE_QUERY)
        echo("")
        shown = target.relative_to(Path.cwd()) if target.is_relative_to(Path.cwd()) else target
        echo(f"example query (duckdb -readonly {shown}):")
        echo("  " + "\n  ".join(sql.strip().splitlines()))
        echo(str(con.sql(sql)))
    finally:
        con.close()
