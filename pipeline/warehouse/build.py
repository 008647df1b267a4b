"""Build the warehouse into a new DuckDB file from the staged reports, in one transaction."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from pipeline.catalog import Catalog
from pipeline.checks import all_checks
from pipeline.codes import all_codes
from pipeline.quality import Issue, consistency_issues, continuity_issues
from pipeline.warehouse.sql import SQL_DIR, comments, folder, statement
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


def fingerprint(reports: Iterable[StagedReport], catalog: Catalog, code_version: str) -> str:
    """Everything the warehouse content depends on: equal fingerprints, equal warehouses."""
    digest = hashlib.sha256(code_version.encode())
    for path in sorted(SQL_DIR.rglob("*.sql")):
        digest.update(path.relative_to(SQL_DIR).as_posix().encode() + path.read_bytes())
    for c in all_codes():
        digest.update(json.dumps([c.table, c.dimension, c.code, c.parent, c.label_zh, c.label_en,
                                  sorted(c.templates)], ensure_ascii=False).encode())
    for agency in sorted(catalog.agencies.values(), key=lambda a: a.code):
        digest.update(json.dumps([agency.code, agency.name_zh, agency.name_en], ensure_ascii=False).encode())
    for report in sorted(reports, key=lambda r: (r.agency, r.year)):
        digest.update(json.dumps(asdict(report), ensure_ascii=False, sort_keys=True).encode())
    return digest.hexdigest()


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
        rows.append({"code": c.code, "parent": c.parent, "label_zh": c.label_zh, "label_en": c.label_en,
                     "is_group": False, "templates": ";".join(sorted(c.templates))})
    rows += [g for g in groups.values() if g not in rows]
    return [row | {"sort_order": n} for n, row in enumerate(rows)]


def _report_row(report: StagedReport) -> dict[str, object]:
    return {
        "agency": report.agency, "year": report.year, "kind": report.kind, "source_url": report.source_url,
        "final_url": report.final_url, "sha256": report.sha256, "size": report.size,
        "fetched_at": report.fetched_at, "template": report.template, "pages": report.pages,
        "table_pages": json.dumps(report.table_pages), "notes": json.dumps(report.notes, ensure_ascii=False),
        "extractor_version": report.extractor_version, "extracted_at": report.extracted_at,
    }


def build_warehouse(
    path: Path,
    staging_dir: Path,
    reports: list[StagedReport],
    catalog: Catalog,
    *,
    code_version: str,
    fingerprint: str,
) -> list[Issue]:
    """Create the warehouse at ``path`` (a new file) and return the quality issues recorded in it."""
    con = duckdb.connect(str(path))
    try:
        con.execute("BEGIN TRANSACTION")
        for name in folder("schema"):
            con.execute(statement(name))
        con.executemany(
            statement("load/insert_agencies"),
            [{"agency": a.code, "name_zh": a.name_zh, "name_en": a.name_en} for a in catalog.agencies.values()],
        )
        for (table, dimension), dim_table in DIMENSION_TABLES.items():
            con.executemany(statement(f"load/insert_{dim_table}"), _dimension_rows(table, dimension))
        con.executemany(statement("load/insert_checks"),
                        [asdict(c) | {"sort_order": n} for n, c in enumerate(all_checks())])
        for report in reports:
            con.execute(statement("load/insert_reports"), _report_row(report))
            for fact_table in FACT_TABLES:
                con.execute(
                    statement(f"load/insert_{fact_table}"),
                    {"agency": report.agency, "year": report.year, "path": str(report.facts_path(staging_dir))},
                )
        issues = consistency_issues(con) + continuity_issues(con)
        if issues:
            con.executemany(statement("load/insert_quality_issues"), [i.record() for i in issues])
        for name in folder("macros") + folder("views") + comments():
            con.execute(statement(name))
        info = {"fingerprint": fingerprint, "code_version": code_version,
                "built_at": datetime.now(UTC).isoformat(timespec="seconds")}
        con.executemany(statement("load/insert_warehouse_info"), [{"key": k, "value": v} for k, v in info.items()])
        con.execute("COMMIT")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return issues
