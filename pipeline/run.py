"""``ogi run``: the whole pipeline through a Dagster instance — every report in its own run (in
parallel), then the warehouse run — with one line of progress per report.

What cannot have changed is decided before any run is launched, from files alone, so a night with
nothing new costs no more than reading the catalog, hashing the samples and opening the warehouse
(Dagster is not even imported)."""

from __future__ import annotations

from collections.abc import Callable
import hashlib
import multiprocessing
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.catalog import Catalog, load_catalog, partition_key
from pipeline.interrupts import children_ignore_ctrl_c, noticing_ctrl_c
from pipeline.settings import Settings

if TYPE_CHECKING:
    import dagster as dg


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
    import dagster as dg

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


def _failed_steps(result: dg.ExecutionResult) -> set[str]:
    return {event.step_key for event in result.all_events if event.is_step_failure}


def _report(agency: str, year: int, result: dg.ExecutionResult) -> ReportOutcome:
    import dagster as dg

    if not result.success:
        return ReportOutcome(agency, year, "failed", _failure(result))
    for event in result.all_events:
        if event.is_step_materialization and event.asset_key == dg.AssetKey("report_facts"):
            meta = event.materialization.metadata
            form = "web page" if "format" in meta and meta["format"].value == "html" else f"{meta['pages'].value} pages"
            return ReportOutcome(agency, year, "extracted",
                                 f"{meta['facts'].value} facts, template {meta['template'].value}, {form}")
    return ReportOutcome(agency, year, "unchanged", "bytes unchanged, not extracted again")


_worker_instance: dg.DagsterInstance | None = None


def _open_instance(ref: Any) -> None:
    """Once per worker process: it runs many reports, one after the other."""
    import dagster as dg

    global _worker_instance
    _worker_instance = dg.DagsterInstance.from_ref(ref)


def _run_report(agency: str, year: int, run_config: dict[str, Any]) -> ReportOutcome:
    import dagster as dg

    assert _worker_instance is not None, "the pool's initializer opens the instance"
    result = dg.execute_job(
        dg.reconstructable(report_job),
        _worker_instance,
        run_config=run_config,
        tags={"dagster/partition": partition_key(agency, year)},
    )
    return _report(agency, year, result)


def sample_is_staged(settings: Settings, catalog: Catalog, agency: str, year: int) -> bool:
    """True when the report's offline run would do nothing: its bundled sample is the file the raw
    store holds, with the same provenance, and its facts are staged from it by this extractor."""
    from pipeline.fetch import RawStore
    from pipeline.versions import extractor_version
    from pipeline.warehouse.staging import is_current, staged_report

    sample = catalog.sample(agency, year)
    stored = RawStore(settings.raw_dir).current(agency, year)
    if sample is None or stored is None:
        return False
    # What the store records of a sample; anything else and the run would record it anew.
    if (stored.kind, stored.source_url, stored.final_url, stored.status, stored.headers) != (
        sample.kind, sample.original_url, None, None, {}
    ):
        return False
    try:
        sha256 = hashlib.sha256(sample.file.read_bytes()).hexdigest()
    except OSError:
        return False  # the run says what is wrong with the file
    staged = staged_report(settings.staging_dir, agency, year)
    return stored.sha256 == sha256 and is_current(staged, sha256, extractor_version())


def warehouse_is_current(settings: Settings, catalog: Catalog) -> bool:
    """True when the warehouse run would publish nothing new: the published warehouse was built
    from exactly the staged reports, catalog and code of now (the fingerprint it records), and its
    snapshot exists."""
    from pipeline.snapshot import snapshot_is_current
    from pipeline.versions import warehouse_version
    from pipeline.warehouse.stage import current_fingerprint

    fingerprint = current_fingerprint(settings, catalog, warehouse_version())
    return fingerprint is not None and snapshot_is_current(settings.snapshots_dir, fingerprint)


def run_pipeline(
    settings: Settings,
    open_instance: Callable[[], dg.DagsterInstance],
    *,
    parallel: int = 2,
    source: dict[str, Any] | None = None,
    reports: list[tuple[str, int]] | None = None,
    echo: Callable[[str], None] = print,
) -> RunSummary:
    """Run every report of the catalog (or ``reports``), then the warehouse and its snapshot.
    ``open_instance`` is called once, when the first run is launched."""
    catalog = load_catalog(settings.catalog_path)

    @cache
    def instance() -> dg.DagsterInstance:
        from pipeline.defs.partitions import register_agencies

        opened = open_instance()
        register_agencies(opened, list(catalog.agencies))
        return opened

    summary = RunSummary()
    wanted = reports if reports is not None else catalog.sample_reports()

    echo(f"reports: {len(wanted)} in {settings.catalog_path}, {parallel} at a time")

    def record(outcome: ReportOutcome) -> None:
        summary.reports.append(outcome)
        mark = {"extracted": "+", "unchanged": "=", "failed": "!"}[outcome.status]
        echo(f"  {mark} {outcome.line}" if outcome.status == "failed"
             else f"  {mark} {outcome.agency} {outcome.year}: {outcome.status} ({outcome.detail})")

    # Offline, a report whose run would do nothing is not launched (its assets would skip the same
    # way). Live, every report is launched: only its conditional request can tell what changed.
    offline = not source or source.get("mode", "offline") == "offline"
    launched = []
    for agency, year in wanted:
        if offline and sample_is_staged(settings, catalog, agency, year):
            record(ReportOutcome(agency, year, "unchanged", "bytes unchanged, not extracted again"))
        else:
            launched.append((agency, year))
    if launched:
        # Dagster runs are not thread-safe in one process: each runs in a worker process, and each
        # worker (Dagster imported, instance opened once) runs one report after another.
        workers = max(1, min(parallel, len(launched)))
        context = multiprocessing.get_context("spawn")
        ref, run_config = instance().get_ref(), _run_config(settings, source, "in_process")
        with children_ignore_ctrl_c():
            pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_open_instance, initargs=(ref,))
            futures = [pool.submit(_run_report, agency, year, run_config) for agency, year in launched]
        try:
            for future in as_completed(futures):
                record(future.result())
        finally:
            pool.shutdown(cancel_futures=True)  # on Ctrl-C: the reports under way finish, no others start
    summary.reports.sort(key=lambda r: (r.agency, r.year))
    if warehouse_is_current(settings, catalog):
        echo("warehouse: built from these very reports already; not run again")
        summary.warehouse = "unchanged"
        return summary
    echo("warehouse: rebuilding if anything changed, then checking")
    import dagster as dg

    with noticing_ctrl_c() as pressed:
        result = dg.execute_job(
            dg.reconstructable(warehouse_job), instance(), run_config=_run_config(settings, source, "in_process")
        )
        if pressed():
            raise KeyboardInterrupt  # Dagster's handler took it; the run may even have finished
    published = False
    for event in result.all_events:
        if event.event_type == dg.DagsterEventType.ASSET_CHECK_EVALUATION:
            data = event.event_specific_data
            summary.checks[data.check_name] = (data.passed, data.severity.value, data.description or "")
        if event.is_step_materialization and event.asset_key == dg.AssetKey("warehouse"):
            published = True
            removed = event.materialization.metadata.get("removed")
            summary.removed = list(removed.value) if removed is not None else []
        if event.is_step_materialization and event.asset_key == dg.AssetKey("warehouse_snapshot"):
            summary.snapshot = Path(event.materialization.metadata["path"].value)
    if not result.success and published and _failed_steps(result) == {"warehouse_snapshot"}:
        summary.warehouse, summary.snapshot_error = "published", _failure(result)
    elif not result.success:
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
        sql = statement(EXAMPLE_QUERY)
        echo("")
        shown = target.relative_to(Path.cwd()) if target.is_relative_to(Path.cwd()) else target
        echo(f"example query (duckdb -readonly {shown}):")
        echo("  " + "\n  ".join(sql.strip().splitlines()))
        echo(str(con.sql(sql)))
    finally:
        con.close()
