"""What changed in a snapshot since the one before, as the dataset page shows it: read from the
snapshot's ``manifest.json`` and ``changes/*.parquet`` (pipeline.warehouse.snapshot_changes)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import duckdb

from pipeline.warehouse.snapshot_changes import FACTS, REPORTS
from pipeline.warehouse.sql import statement

SHOWN = 20  # changed facts the page lists; CHANGES.md and changes/facts.parquet have them all


@dataclass(frozen=True)
class ReportChange:
    change: str  # added | revised | removed
    agency: str
    year: int
    facts_added: int
    facts_changed: int
    facts_removed: int


@dataclass(frozen=True)
class FactChange:
    fact_table: str
    agency: str
    year: int
    row_code: str
    column_code: str
    old_value: Decimal | None
    new_value: Decimal | None
    old_raw: str | None
    new_raw: str | None


@dataclass(frozen=True)
class Changes:
    """A snapshot's changes: ``previous`` is None for the first snapshot (nothing compared);
    ``recorded`` is False for a snapshot written before snapshots carried their changes."""

    created_at: str
    previous: dict | None
    facts: dict[str, int]
    reports: dict[str, int]
    report_rows: list[ReportChange]
    fact_rows: list[FactChange]
    recorded: bool = True


def read_changes(snapshot: Path) -> Changes | None:
    """The changes of the snapshot in ``snapshot``, or None when there is no snapshot there."""
    try:
        manifest = json.loads((snapshot / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if "changes" not in manifest or not (snapshot / FACTS).is_file() or not (snapshot / REPORTS).is_file():
        return Changes(manifest.get("created_at", "?"), None, {}, {}, [], [], recorded=False)
    con = duckdb.connect()
    try:
        reports = con.execute(statement("site/changed_reports"), [str(snapshot / REPORTS)]).fetchall()
        facts = con.execute(statement("site/changed_facts"), [str(snapshot / FACTS), SHOWN]).fetchall()
    finally:
        con.close()
    return Changes(
        created_at=manifest["created_at"],
        previous=manifest.get("previous"),
        facts=manifest["changes"]["facts"],
        reports=manifest["changes"]["reports"],
        report_rows=[ReportChange(*r) for r in reports],
        fact_rows=[FactChange(*f) for f in facts],
    )
