"""Build the warehouse into a new DuckDB file, in one transaction: in full from every staged
report, or from an earlier build (a copy of the published one, or the spare) by replacing only
the reports that changed.

Loads are bulk: one statement per table over all the staged Parquet files at once, the reports
from one Arrow table; the checks run in SQL over the reports loaded (all, or the changed ones and
the years after them).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from pipeline.core.catalog import Catalog
from pipeline.core.codes import all_codes
from pipeline.core.crosswalk import crosswalk, measures
from pipeline.fetch.live import ListingCheck
from pipeline.warehouse.checks import all_checks
from pipeline.warehouse.inputs import AGENCY_COLUMNS, ReportKey, StagedInput, agency_row
from pipeline.warehouse.quality import ISSUES, record_issues, witness_issues
from pipeline.warehouse.revisions import revised_issues, revision_rows, version_rows
from pipeline.warehouse.sql import comments, definitions, folder, statement
from pipeline.warehouse.staging import StagedReport

# Groups that codes.csv refers to as parents but that are not published rows or columns.
GROUPS: dict[tuple[str, str], list[tuple[str, str | None, str, str]]] = {
    ("requests", "applicant"): [("legal_person", None, "法人或其他组织", "Legal person or other organization")],
    ("requests", "outcome"): [
        ("processed", None, "三、本年度办理结果", "Handled this year"),
        ("denied", "processed", "（三）不予公开", "Denied"),
        ("unable", "processed", "（四）无法提供", "Unable to provide"),
        ("not_processed", "processed", "（五）不予处理", "Not processed"),
    ],
    ("review", "proceeding"): [("litigation", None, "行政诉讼", "Administrative litigation")],
}
DIMENSION_TABLES = {
    ("requests", "applicant"): "applicant_types",
    ("requests", "outcome"): "outcomes",
    ("review", "proceeding"): "proceedings",
    ("review", "result"): "results",
    ("proactive", "item"): "proactive_items",
    ("proactive", "measure"): "proactive_measures",
}
FACT_TABLES = ("request_facts", "review_facts", "proactive_facts")
# Facts of old-style reports (2008–2018), loaded from their own staged files.
LEGACY_FACT_TABLE = "legacy_facts"


def _dimension_rows(table: str, dimension: str) -> list[dict[str, object]]:
    """The codes of one dimension in published order, each group just before its first member."""
    groups = {
        c: {"code": c, "parent": p, "label_zh": zh, "label_en": en, "is_group": True, "templates": None}
        for c, p, zh, en in GROUPS.get((table, dimension), [])
    }
    rows: list[dict[str, object]] = []
    for c in all_codes():
        if (c.table, c.dimension) != (table, dimension):
            continue
        heads, parent = [], c.parent
        while parent in groups and groups[parent] not in rows and groups[parent] not in heads:
            heads.append(groups[parent])
            parent = groups[parent]["parent"]
        rows += reversed(heads)
        rows.append(
            {
                "code": c.code,
                "parent": c.parent,
                "label_zh": c.label_zh,
                "label_en": c.label_en,
                "is_group": False,
                "templates": ";".join(sorted(c.templates)),
            }
        )
    rows += [g for g in groups.values() if g not in rows]
    return [row | {"sort_order": n} for n, row in enumerate(rows)]


def _table(rows: list[dict[str, object]], schema: pa.Schema) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=schema)


AGENCIES = pa.schema([("agency", pa.string())] + [(name, pa.string()) for name in AGENCY_COLUMNS])
DIMENSION = pa.schema(
    [
        ("code", pa.string()),
        ("parent", pa.string()),
        ("label_zh", pa.string()),
        ("label_en", pa.string()),
        ("is_group", pa.bool_()),
        ("templates", pa.string()),
        ("sort_order", pa.int32()),
    ]
)
STAGED = pa.schema(
    [
        ("agency", pa.string()),
        ("year", pa.int32()),
        ("kind", pa.string()),
        ("source_url", pa.string()),
        ("final_url", pa.string()),
        ("sha256", pa.string()),
        ("size", pa.int64()),
        ("fetched_at", pa.string()),
        ("template", pa.string()),
        ("pages", pa.int32()),
        ("table_pages", pa.string()),
        ("notes", pa.string()),
        ("extractor_version", pa.string()),
        ("extracted_at", pa.string()),
        ("published_on", pa.string()),
        ("published_on_source", pa.string()),
        ("published_on_confidence", pa.string()),
        ("facts_path", pa.string()),
        ("staged_digest", pa.string()),
        ("staged_stat", pa.string()),
        ("first_seen", pa.string()),
        ("last_seen", pa.string()),
    ]
)
KEYS = pa.schema([("agency", pa.string()), ("year", pa.int32())])


def _staged_table(staging_dir: Path, reports: list[StagedReport], inputs: dict[ReportKey, StagedInput]) -> pa.Table:
    rows, staging = [], str(staging_dir)
    for r in reports:
        staged = inputs[(r.agency, r.year)]
        rows.append(
            {
                "agency": r.agency,
                "year": r.year,
                "kind": r.kind,
                "source_url": r.source_url,
                "final_url": r.final_url,
                "sha256": r.sha256,
                "size": r.size,
                "fetched_at": r.fetched_at,
                "template": r.template,
                "pages": r.pages,
                "table_pages": json.dumps(r.table_pages),
                "notes": json.dumps(r.notes, ensure_ascii=False),
                "extractor_version": r.extractor_version,
                "extracted_at": r.extracted_at,
                "published_on": r.published_on,
                "published_on_source": r.published_on_source,
                "published_on_confidence": r.published_on_confidence,
                "facts_path": os.path.join(staging, r.agency, r.facts_file),
                "staged_digest": staged.digest,
                "staged_stat": staged.stat,
                "first_seen": r.version["first_seen"],
                "last_seen": r.version["last_seen"],
            }
        )
    return _table(rows, STAGED)


def _keys_table(keys: Iterable[ReportKey]) -> pa.Table:
    keys = sorted(keys)
    return pa.table({"agency": [a for a, _ in keys], "year": [y for _, y in keys]}, schema=KEYS)


def _load_agencies(con: duckdb.DuckDBPyConnection, catalog: Catalog) -> None:
    con.register(
        "catalog_agencies",
        _table(
            [dict(zip(AGENCIES.names, agency_row(a))) for a in catalog.agencies.values()],
            AGENCIES,
        ),
    )
    con.execute(statement("load/insert_agencies"))
    con.unregister("catalog_agencies")


LISTING_CHECKS = pa.schema(
    [
        ("agency", pa.string()),
        ("checked_at", pa.string()),
        ("listing_urls", pa.list_(pa.string())),
        ("years_found", pa.list_(pa.int32())),
    ]
)


def _load_listing_checks(con: duckdb.DuckDBPyConnection, listings: Sequence[ListingCheck]) -> None:
    """The latest reading of each catalog agency's listing (the raw store's discovery records)."""
    rows = [
        asdict(check) | {"listing_urls": list(check.listing_urls), "years_found": list(check.years_found)}
        for check in listings
    ]
    con.register("catalog_listing_checks", pa.Table.from_pylist(rows, schema=LISTING_CHECKS))
    con.execute(statement("load/insert_listing_checks"))
    con.unregister("catalog_listing_checks")


def _load_crosswalk(con: duckdb.DuckDBPyConnection) -> None:
    """The harmonised measures of the long series and the reviewed crosswalk onto them."""
    con.executemany(
        statement("load/insert_harmonised_measures"),
        [asdict(m) | {"sort_order": n} for n, m in enumerate(measures())],
    )
    con.executemany(
        statement("load/insert_crosswalk"),
        [
            asdict(m) | {"indicator": m.key, "section_key": m.within_key, "sort_order": n}
            for n, m in enumerate(crosswalk())
        ],
    )


# Staged reports read per batch: their facts are held once in a temporary table, so each Parquet
# file is read once for the three fact tables, and memory stays bounded whatever the number of reports.
BATCH = 10_000


def _load_reports(
    con: duckdb.DuckDBPyConnection, staging_dir: Path, reports: list[StagedReport], inputs: dict[ReportKey, StagedInput]
) -> None:
    """Every report and its facts: a few statements per batch of staged reports, never one per report."""
    for start in range(0, len(reports), BATCH):
        staged = _staged_table(staging_dir, reports[start : start + BATCH], inputs)
        con.register("staged_reports", staged)
        try:
            con.execute(statement("load/insert_reports"))
            con.execute(statement("load/insert_report_inputs"))
            batch = reports[start : start + BATCH]
            # What the staged records say beside the facts: page/PDF differences, versions, revisions.
            for name, rows, insert in (
                ("witness_issues", witness_issues(batch), "insert_witness_issues"),
                ("staged_versions", version_rows(batch), "insert_report_versions"),
                ("staged_revisions", revision_rows(batch), "insert_revisions"),
                ("revised_issues", revised_issues(batch, ISSUES), "insert_revised_issues"),
            ):
                con.register(name, rows)
                con.execute(statement(f"load/{insert}"))
                con.unregister(name)
            con.execute(statement("load/create_staged_facts"), {"paths": staged.column("facts_path").to_pylist()})
            for fact_table in FACT_TABLES:
                con.execute(statement(f"load/insert_{fact_table}"))
            con.execute(statement("load/drop_staged_facts"))
            legacy = [
                path
                for path, template in zip(staged["facts_path"].to_pylist(), staged["template"].to_pylist())
                if template == "legacy"
            ]
            if legacy:
                con.execute(statement("load/insert_legacy_facts"), {"paths": legacy})
        finally:
            con.unregister("staged_reports")


def _finish(
    con: duckdb.DuckDBPyConnection, code_version: str, fingerprint: str, schema: str, mode: str, stamp: str | None
) -> None:
    info = {
        "fingerprint": fingerprint,
        "schema": schema,
        "code_version": code_version,
        "build": mode,
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "inputs_stamp": stamp or "",
    }
    con.execute(statement("load/delete_warehouse_info"))
    con.executemany(statement("load/insert_warehouse_info"), [{"key": k, "value": v} for k, v in info.items()])


# DuckDB spills to disk beyond this, so a national-scale build fits beside other work.
MEMORY_LIMIT = "1GB"


def connect(path: Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection for building or checking: bounded memory; rows of a table carry no meaning in
    their order, and not keeping it lets DuckDB stream big loads."""
    return duckdb.connect(
        str(path), read_only=read_only, config={"memory_limit": MEMORY_LIMIT, "preserve_insertion_order": False}
    )


@dataclass
class BuildResult:
    """What a build did: ``mode`` full or incremental, the reports it (re)loaded or removed, and the
    reports the checks must look at (``scope``: every report, or the changed ones and the years after)."""

    mode: str
    loaded: list[ReportKey] = field(default_factory=list)
    removed: list[ReportKey] = field(default_factory=list)
    scope: list[ReportKey] | None = None


def build_warehouse(
    path: Path,
    staging_dir: Path,
    reports: list[StagedReport],
    catalog: Catalog,
    *,
    code_version: str,
    fingerprint: str,
    schema: str,
    inputs: dict[ReportKey, StagedInput],
    stamp: str | None = None,
    listings: Sequence[ListingCheck] = (),
) -> BuildResult:
    """Create the warehouse at ``path`` (a new file) from ``reports``, with their quality issues;
    ``stamp`` is the ``inputs_stamp`` the build was decided from (None: unknown)."""
    con = connect(path)
    try:
        con.execute("BEGIN TRANSACTION")
        for name in folder("schema"):
            con.execute(statement(name))
        _load_agencies(con, catalog)
        _load_listing_checks(con, listings)
        for (table, dimension), dim_table in DIMENSION_TABLES.items():
            con.register("dimension_rows", _table(_dimension_rows(table, dimension), DIMENSION))
            con.execute(statement(f"load/insert_{dim_table}"))
            con.unregister("dimension_rows")
        con.executemany(
            statement("load/insert_checks"), [asdict(c) | {"sort_order": n} for n, c in enumerate(all_checks())]
        )
        _load_crosswalk(con)
        _load_reports(con, staging_dir, reports, inputs)
        # Before the checks: legacy_text_table reads the legacy_measures view.
        for name in definitions():
            con.execute(statement(name))
        record_issues(con)
        for name in comments():
            con.execute(statement(name))
        _finish(con, code_version, fingerprint, schema, "full", stamp)
        con.execute("COMMIT")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return BuildResult("full", loaded=[(r.agency, r.year) for r in reports])


def update_warehouse(
    path: Path,
    staging_dir: Path,
    changed: list[StagedReport],
    removed: list[ReportKey],
    catalog: Catalog,
    *,
    code_version: str,
    fingerprint: str,
    schema: str,
    inputs: dict[ReportKey, StagedInput],
    stamp: str | None = None,
    listings: Sequence[ListingCheck] = (),
) -> BuildResult:
    """Bring the warehouse at ``path`` (an earlier build, built with the same code) up to date:
    replace the ``changed`` reports and delete the ``removed`` ones in one transaction; their
    quality issues and those of the years after them are recorded again."""
    replaced = {(r.agency, r.year) for r in changed} | set(removed)
    # Carry-over compares each year with the one before: the year after a change is checked again.
    affected = replaced | {(agency, year + 1) for agency, year in replaced}
    con = connect(path)
    try:
        con.execute("BEGIN TRANSACTION")
        con.register("replaced", _keys_table(replaced))
        con.register("affected", _keys_table(affected))
        for table in (
            "quality_issues",
            *FACT_TABLES,
            LEGACY_FACT_TABLE,
            "report_inputs",
            "report_versions",
            "revisions",
            "reports",
            "agencies",
            "listing_checks",
        ):
            con.execute(statement(f"load/delete_{table}"))
        _load_agencies(con, catalog)
        _load_listing_checks(con, listings)
        _load_reports(con, staging_dir, changed, inputs)
        scope = [tuple(row) for row in con.execute(statement("read/affected_reports")).fetchall()]
        record_issues(con, scope)
        _finish(con, code_version, fingerprint, schema, "incremental", stamp)
        con.execute("COMMIT")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return BuildResult("incremental", loaded=sorted(replaced - set(removed)), removed=sorted(removed), scope=scope)
