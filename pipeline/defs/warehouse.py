"""The DuckDB warehouse analysts query, built from the staged reports (only those that changed, when it
can), checked, then published as a new build."""

from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import dagster as dg

from pipeline.defs.catalog import catalog_or_failure, report_catalog
from pipeline.defs.reports import report_facts
from pipeline.defs.resources import PipelineSettings
from pipeline.quality import CONSISTENCY_CHECKS, CONTINUITY_CHECKS, WITNESS_CHECK, required_cells
from pipeline.runlock import run_lock
from pipeline.settings import Settings
from pipeline.snapshot import snapshot_is_current
from pipeline.versions import warehouse_version
from pipeline.warehouse.stage import IntegrityFailure, Outcome, refresh_warehouse

CONSISTENCY, CONTINUITY, INTEGRITY, FRESHNESS = (
    "published_consistency", "carryover_continuity", "warehouse_integrity", "report_freshness",
)
CHECKS = [
    dg.AssetCheckSpec(CONSISTENCY, asset="warehouse", description=(
        "WARN: in every report, 一+二 = (七)总计+四 per applicant column, (七)总计 = the sum of the outcome "
        "rows, the 总计 column = the sum of the applicant columns, and review and litigation totals = "
        "the sum of their results; where a report's web page and its PDF both publish the tables, every "
        "cell equal in both (pdf_page_mismatch). Failures are kept as published and recorded in quality_issues.")),
    dg.AssetCheckSpec(CONTINUITY, asset="warehouse", description=(
        "WARN: requests carried over into year Y equal those carried forward out of Y-1 (same agency).")),
    dg.AssetCheckSpec(INTEGRITY, asset="warehouse", blocking=True, description=(
        "ERROR, checked before publishing: unique keys, known codes, every cell the report's template "
        "requires, and no report of the previous warehouse lost (reports the catalog no longer covers are "
        "removed on purpose). A failing warehouse is not published.")),
    dg.AssetCheckSpec(FRESHNESS, asset="warehouse", description=(
        "WARN: a report is missing after 31 January of the year after the year it covers.")),
]


class WarehouseConfig(dg.Config):
    full_rebuild: bool = False  # load every staged report again rather than only those that changed


def _warnings(name: str, counts: list[tuple[int, list[str]]], what: str) -> dg.AssetCheckResult:
    total = sum(n for n, _ in counts)
    return dg.AssetCheckResult(
        check_name=name,
        passed=not total,
        severity=dg.AssetCheckSeverity.WARN,
        description=f"{total} {what}" if total else None,
        metadata={"issues": total, "first": [line for _, shown in counts for line in shown][:20]},
    )


def _consistency(outcome: Outcome) -> dg.AssetCheckResult:
    """Published totals that do not add up, and cells a report's PDF and web page publish differently."""
    totals = [outcome.issues.get(name, (0, [])) for name in CONSISTENCY_CHECKS]
    differ = outcome.issues.get(WITNESS_CHECK, (0, []))
    result = _warnings(CONSISTENCY, [*totals, differ], "")
    if result.passed:
        return result
    parts = [f"{sum(n for n, _ in totals)} published totals do not add up"] if any(n for n, _ in totals) else []
    if differ[0]:
        parts.append(f"{differ[0]} cells differ between a report's PDF and its web page")
    return dg.AssetCheckResult(check_name=CONSISTENCY, passed=False, severity=dg.AssetCheckSeverity.WARN,
                               description=", ".join(parts), metadata=result.metadata)


def _check_results(outcome: Outcome) -> list[dg.AssetCheckResult]:
    continuity = [outcome.issues.get(name, (0, [])) for name in CONTINUITY_CHECKS]
    problems = [str(p) for p in outcome.problems]
    return [
        _consistency(outcome),
        _warnings(CONTINUITY, continuity, "carry-overs differ"),
        dg.AssetCheckResult(
            check_name=INTEGRITY, passed=not problems, severity=dg.AssetCheckSeverity.ERROR,
            description="; ".join(problems[:10]) or None,
            metadata={"problems": problems[:100], "count": len(problems),
                      "removed": [f"{a} {y}" for a, y in outcome.removed][:100]},
        ),
        dg.AssetCheckResult(
            check_name=FRESHNESS, passed=not outcome.overdue, severity=dg.AssetCheckSeverity.WARN,
            description=f"{len(outcome.overdue)} reports overdue" if outcome.overdue else None,
            metadata={"overdue": [f"{agency} {year}" for agency, year in outcome.overdue][:100],
                      "count": len(outcome.overdue)},
        ),
    ]


@dg.asset(
    deps=[report_catalog, report_facts], output_required=False, check_specs=CHECKS, kinds={"duckdb"}, pool="warehouse"
)
def warehouse(
    context: dg.AssetExecutionContext, config: WarehouseConfig, pipeline: PipelineSettings
) -> Iterator[dg.MaterializeResult]:
    """``data/warehouse.duckdb``: fact tables ``request_facts``, ``review_facts`` and
    ``proactive_facts`` (one row per published cell, value DECIMAL, NULL when blank, with page (a
    web page: locator) and raw text), the ``reports`` they come from, bilingual dimension tables, ``quality_issues`` and
    analysis views. Each build is a new file (incremental: the published one with the changed
    reports replaced; or in full), published by pointing the link at it only when its integrity
    checks pass; left untouched (its checks reported again) when nothing it depends on changed.
    Reports no longer in the catalog leave it, listed in the metadata as removed. Builds under the
    data folder's run lock: one build at a time, waiting for any other."""
    settings = pipeline.settings()
    with run_lock(settings.data_dir, f"warehouse run {context.run.run_id}", wait=True, on_wait=context.log.warning):
        yield from _build(context, config, settings)


def _build(context: dg.AssetExecutionContext, config: WarehouseConfig, settings: Settings) -> Iterator[dg.MaterializeResult]:
    catalog = catalog_or_failure(settings.catalog_path)
    try:
        outcome = refresh_warehouse(settings, catalog, code_version=warehouse_version(), required_cells=required_cells,
                                    today=datetime.now(ZoneInfo("Asia/Shanghai")).date(), full=config.full_rebuild)
    except IntegrityFailure as failure:
        yield from _check_results(failure.outcome)
        raise dg.Failure(description=str(failure), allow_retries=False) from None
    for note in outcome.notes:
        context.log.warning(note)
    target = settings.warehouse_path
    metadata = {"path": dg.MetadataValue.path(str(target)), "fingerprint": outcome.fingerprint}
    if outcome.status == "unchanged":
        context.log.info(f"{target} is up to date; not rebuilt")
        if not snapshot_is_current(settings.snapshots_dir, outcome.fingerprint):
            # Its snapshot is missing (deleted, or the snapshot step failed): let it be written again.
            yield dg.MaterializeResult(data_version=dg.DataVersion(outcome.fingerprint), metadata=metadata)
        yield from _check_results(outcome)
        return
    counts = outcome.counts
    assert outcome.build is not None
    yield dg.MaterializeResult(
        check_results=_check_results(outcome),
        data_version=dg.DataVersion(outcome.fingerprint),
        metadata={**counts, **metadata, "build": outcome.mode, "reports_loaded": len(outcome.build.loaded),
                  "removed": dg.MetadataValue.json([f"{a} {y}" for a, y in outcome.removed]),
                  "dagster/row_count": counts["request_facts"] + counts["review_facts"] + counts["proactive_facts"]},
    )
