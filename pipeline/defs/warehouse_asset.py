"""The DuckDB warehouse analysts query, built from the staged reports (only those that changed, when it
can), checked, then published as a new build."""

import math
from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import dagster as dg

from pipeline.core.settings import Settings
from pipeline.core.versions import warehouse_version
from pipeline.defs.catalog_asset import catalog_or_failure, report_catalog
from pipeline.defs.report_assets import REPORT_FACTS_KEY
from pipeline.defs.resources import PipelineSettings
from pipeline.runs.runlock import LOCK_TAG, run_lock
from pipeline.warehouse.checks import check
from pipeline.warehouse.quality import (
    BLANK_TOTALS_CHECK,
    CONSISTENCY_CHECKS,
    CONTINUITY_CHECKS,
    LEGACY_CHECK,
    NOT_PUBLISHED_CHECK,
    ROW_NOT_PUBLISHED_CHECK,
    UNREADABLE_CHECK,
    WITNESS_CHECK,
    required_cells,
)
from pipeline.warehouse.revisions import REVISED_CHECK
from pipeline.warehouse.snapshot import snapshot_is_current
from pipeline.warehouse.update import IntegrityFailure, NothingLoaded, Outcome, refresh_warehouse

CONSISTENCY, CONTINUITY, INTEGRITY, FRESHNESS = (
    "published_consistency",
    "carryover_continuity",
    "warehouse_integrity",
    "report_freshness",
)
CHECKS = [
    dg.AssetCheckSpec(
        name,
        asset="warehouse",
        blocking=check(name).severity == "ERROR",
        description=f"{check(name).severity}: {check(name).description}",
    )
    for name in (CONSISTENCY, CONTINUITY, INTEGRITY, FRESHNESS)
]


# The warehouse follows the reports: once some report's facts were staged since it was last
# requested (or a run of the catalog alone changed it), and no report run is queued or under way.
# Not `eager()`: that also waits until no partition of report_facts is missing, and most
# agency × year partitions never have a report.
AFTER_REPORTS = (
    dg.AutomationCondition.any_deps_updated().since_last_handled()
    & ~dg.AutomationCondition.any_deps_in_progress()
    & ~dg.AutomationCondition.in_progress()
).with_label("after_reports")


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
    """Published totals that do not add up, cells a report's PDF and web page publish differently,
    and figures an old-style report's table and text state differently."""
    totals = [outcome.issues.get(name, (0, [])) for name in CONSISTENCY_CHECKS]
    differ = outcome.issues.get(WITNESS_CHECK, (0, []))
    blank = outcome.issues.get(BLANK_TOTALS_CHECK, (0, []))
    unreadable = outcome.issues.get(UNREADABLE_CHECK, (0, []))
    revised = outcome.issues.get(REVISED_CHECK, (0, []))
    legacy = outcome.issues.get(LEGACY_CHECK, (0, []))
    result = _warnings(CONSISTENCY, [*totals, differ, blank, unreadable, revised, legacy], "")
    # A table replaced by a sentence, or a row a report prints its part without, is what the report
    # says, not a failure: counted, never failed.
    absent = {
        "tables_not_published": outcome.issues.get(NOT_PUBLISHED_CHECK, (0, []))[0],
        "rows_not_published": outcome.issues.get(ROW_NOT_PUBLISHED_CHECK, (0, []))[0],
    }
    if result.passed:
        return dg.AssetCheckResult(
            check_name=CONSISTENCY,
            passed=True,
            severity=dg.AssetCheckSeverity.WARN,
            metadata={**result.metadata, **absent},
        )
    parts = [f"{sum(n for n, _ in totals)} published totals do not add up"] if any(n for n, _ in totals) else []
    if differ[0]:
        parts.append(f"{differ[0]} cells differ between a report's PDF and its web page")
    if blank[0]:
        parts.append(f"{blank[0]} reports publish totals blank (not compared)")
    if unreadable[0]:
        parts.append(f"{unreadable[0]} cells of scans could not be read (NULL)")
    if revised[0]:
        parts.append(f"{revised[0]} report files replaced by their publisher with figures changed (in revisions)")
    if legacy[0]:
        parts.append(f"{legacy[0]} figures of old-style reports differ between their table and their text")
    return dg.AssetCheckResult(
        check_name=CONSISTENCY,
        passed=False,
        severity=dg.AssetCheckSeverity.WARN,
        description=", ".join(parts),
        metadata={**result.metadata, **absent},
    )


def _check_results(outcome: Outcome) -> list[dg.AssetCheckResult]:
    continuity = [outcome.issues.get(name, (0, [])) for name in CONTINUITY_CHECKS]
    problems = [str(p) for p in outcome.problems]
    return [
        _consistency(outcome),
        _warnings(CONTINUITY, continuity, "carry-overs differ, in quality_issues"),
        dg.AssetCheckResult(
            check_name=INTEGRITY,
            passed=not problems,
            severity=dg.AssetCheckSeverity.ERROR,
            description="; ".join(problems[:10]) or None,
            metadata={
                "problems": problems[:100],
                "count": len(problems),
                "removed": [f"{a} {y}" for a, y in outcome.removed][:100],
            },
        ),
        dg.AssetCheckResult(
            check_name=FRESHNESS,
            passed=not outcome.overdue,
            severity=dg.AssetCheckSeverity.WARN,
            description=f"{len(outcome.overdue)} reports overdue, in overdue_reports" if outcome.overdue else None,
            metadata={
                "overdue": [f"{agency} {year}" for agency, year in outcome.overdue][:100],
                "count": len(outcome.overdue),
            },
        ),
    ]


@dg.asset(
    deps=[report_catalog, REPORT_FACTS_KEY],
    output_required=False,
    check_specs=CHECKS,
    kinds={"duckdb"},
    pool="warehouse",
    automation_condition=AFTER_REPORTS,
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
    with run_lock(
        settings.data_dir,
        f"warehouse run {context.run.run_id}",
        wait=math.inf,
        on_wait=context.log.warning,
        token=context.run.tags.get(LOCK_TAG),
    ):
        yield from _build(context, config, settings)


def _build(
    context: dg.AssetExecutionContext, config: WarehouseConfig, settings: Settings
) -> Iterator[dg.MaterializeResult]:
    catalog = catalog_or_failure(settings.catalog_path)
    try:
        outcome = refresh_warehouse(
            settings,
            catalog,
            code_version=warehouse_version(),
            required_cells=required_cells,
            today=datetime.now(ZoneInfo("Asia/Shanghai")).date(),
            full=config.full_rebuild,
        )
    except IntegrityFailure as failure:
        yield from _check_results(failure.outcome)
        raise dg.Failure(description=str(failure), allow_retries=False) from None
    except NothingLoaded as nothing:
        raise dg.Failure(description=str(nothing), allow_retries=False) from None
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
        metadata={
            **counts,
            **metadata,
            "build": outcome.mode,
            "reports_loaded": len(outcome.build.loaded),
            "removed": dg.MetadataValue.json([f"{a} {y}" for a, y in outcome.removed]),
            "dagster/row_count": counts["request_facts"] + counts["review_facts"] + counts["proactive_facts"],
        },
    )
