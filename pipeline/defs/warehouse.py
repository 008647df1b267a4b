"""The DuckDB warehouse analysts query, built from every staged report, checked, then published."""

from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import dagster as dg
import duckdb

from pipeline.catalog import load_catalog
from pipeline.defs.catalog import report_catalog
from pipeline.defs.reports import report_facts
from pipeline.defs.resources import PipelineSettings
from pipeline.quality import (
    Cell,
    Issue,
    Problem,
    consistency_issues,
    continuity_issues,
    integrity_problems,
    overdue_reports,
)
from pipeline.snapshot import snapshot_is_current, snapshot_reports
from pipeline.versions import warehouse_version
from pipeline.warehouse.build import build_warehouse, fingerprint
from pipeline.warehouse.publish import discard_stale_builds, new_build_path, publish, read_published
from pipeline.warehouse.sql import statement
from pipeline.warehouse.staging import staged_reports

CONSISTENCY, CONTINUITY, INTEGRITY, FRESHNESS = (
    "published_consistency", "carryover_continuity", "warehouse_integrity", "report_freshness",
)
CHECKS = [
    dg.AssetCheckSpec(CONSISTENCY, asset="warehouse", description=(
        "WARN: in every report, 一+二 = (七)总计+四 per applicant column, (七)总计 = the sum of the outcome "
        "rows, the 总计 column = the sum of the applicant columns, and review and litigation totals = "
        "the sum of their results. Failures are kept as published and recorded in quality_issues.")),
    dg.AssetCheckSpec(CONTINUITY, asset="warehouse", description=(
        "WARN: requests carried over into year Y equal those carried forward out of Y-1 (same agency).")),
    dg.AssetCheckSpec(INTEGRITY, asset="warehouse", blocking=True, description=(
        "ERROR, checked before publishing: unique keys, known codes, every cell the report's template "
        "requires, and no report of the previous warehouse lost. A failing warehouse is not published.")),
    dg.AssetCheckSpec(FRESHNESS, asset="warehouse", description=(
        "WARN: a report is missing after 31 January of the year after the year it covers.")),
]


def required_cells(template: str, present: set[Cell]) -> set[Cell]:
    from pipeline.extract.templates import OTHER_HANDLING_PARTS
    from pipeline.extract.templates import required_cells as template_cells

    split = template == "2021" and any(("requests", part, "total") in present for part in OTHER_HANDLING_PARTS)
    return template_cells(template, split)


def _warnings(name: str, issues: list[Issue], what: str) -> dg.AssetCheckResult:
    return dg.AssetCheckResult(
        check_name=name,
        passed=not issues,
        severity=dg.AssetCheckSeverity.WARN,
        description=f"{len(issues)} {what}" if issues else None,
        metadata={"issues": len(issues), "details": [f"{i.agency} {i.year}: {i.message}" for i in issues]},
    )


def _check_results(
    con: duckdb.DuckDBPyConnection, issues: list[Issue], previous: list[tuple[str, int]], agencies: list[str]
) -> tuple[list[dg.AssetCheckResult], list[Problem]]:
    problems = integrity_problems(con, required_cells, previous)
    loaded = [(agency, year) for agency, year, _, _ in con.execute(statement("read/report_keys")).fetchall()]
    overdue = overdue_reports(loaded, agencies, datetime.now(ZoneInfo("Asia/Shanghai")).date())
    return [
        _warnings(CONSISTENCY, [i for i in issues if i.check_name != "carryover"], "published totals do not add up"),
        _warnings(CONTINUITY, [i for i in issues if i.check_name == "carryover"], "carry-overs differ"),
        dg.AssetCheckResult(
            check_name=INTEGRITY, passed=not problems, severity=dg.AssetCheckSeverity.ERROR,
            description="; ".join(map(str, problems[:10])) or None,
            metadata={"problems": [str(p) for p in problems]},
        ),
        dg.AssetCheckResult(
            check_name=FRESHNESS, passed=not overdue, severity=dg.AssetCheckSeverity.WARN,
            description=f"{len(overdue)} reports overdue" if overdue else None,
            metadata={"overdue": [f"{agency} {year}" for agency, year in overdue],
                      # agencies with nothing loaded are not counted as overdue (see overdue_reports)
                      "not_covered": sorted(set(agencies) - {agency for agency, _ in loaded})},
        ),
    ], problems


@dg.asset(
    deps=[report_catalog, report_facts], output_required=False, check_specs=CHECKS, kinds={"duckdb"}, pool="warehouse"
)
def warehouse(context: dg.AssetExecutionContext, pipeline: PipelineSettings) -> Iterator[dg.MaterializeResult]:
    """``data/warehouse.duckdb``: fact tables ``request_facts``, ``review_facts`` and
    ``proactive_facts`` (one row per published cell, value DECIMAL, NULL when blank, with page and
    raw text), the ``reports`` they come from, bilingual dimension tables, ``quality_issues`` and
    analysis views. Built into a new file and published by an atomic rename only when its integrity
    checks pass; left untouched (its checks evaluated again) when nothing it depends on changed."""
    settings = pipeline.settings()
    catalog = load_catalog(settings.catalog_path)
    reports = staged_reports(settings.staging_dir)
    target = settings.warehouse_path
    wanted = fingerprint(reports, catalog, warehouse_version())
    try:
        published, previous = read_published(target)
    except duckdb.IOException as exc:
        # Someone holds the file open for writing: rebuild and publish beside them (they keep the
        # old inode) and take the previous reports from the latest snapshot.
        context.log.warning(f"{target} is locked ({exc}); rebuilding, previous reports from the latest snapshot")
        published, previous = None, snapshot_reports(settings.snapshots_dir)
    if published == wanted:
        context.log.info(f"{target} is up to date; not rebuilt")
        con = duckdb.connect(str(target), read_only=True)
        try:
            checks, _ = _check_results(con, consistency_issues(con) + continuity_issues(con), previous,
                                       list(catalog.agencies))
        finally:
            con.close()
        if not snapshot_is_current(settings.snapshots_dir, published):
            # Its snapshot is missing (deleted, or the snapshot step failed): let it be written again.
            yield dg.MaterializeResult(data_version=dg.DataVersion(wanted),
                                       metadata={"path": dg.MetadataValue.path(str(target)), "fingerprint": wanted})
        yield from checks
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    discard_stale_builds(target)
    built = new_build_path(target)
    try:
        issues = build_warehouse(built, settings.staging_dir, reports, catalog,
                                 code_version=warehouse_version(), fingerprint=wanted)
        con = duckdb.connect(str(built), read_only=True)
        try:
            checks, problems = _check_results(con, issues, previous, list(catalog.agencies))
            counts = {t: con.table(t).count("*").fetchall()[0][0]
                      for t in ("reports", "request_facts", "review_facts", "proactive_facts", "quality_issues")}
        finally:
            con.close()
        if problems:
            yield from checks
            raise dg.Failure(
                description="the new warehouse failed its integrity checks and was not published: "
                + "; ".join(map(str, problems[:10])),
                allow_retries=False,
            )
        publish(built, target)
    finally:
        built.unlink(missing_ok=True)
    yield dg.MaterializeResult(
        check_results=checks,
        data_version=dg.DataVersion(wanted),
        metadata={**counts, "path": dg.MetadataValue.path(str(target)), "fingerprint": wanted,
                  "dagster/row_count": counts["request_facts"] + counts["review_facts"] + counts["proactive_facts"]},
    )
