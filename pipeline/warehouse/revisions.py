"""Revisions: what changed, cell by cell, when a report's loaded version changed.

They are computed once, when a new version's facts are staged over the previous version's (the
only moment both sets of facts are at hand), and kept as a log in the staged record, which carries
it forward from version to version. The warehouse loads the log like the facts, so a full build
and an incremental build load the same revisions: re-deriving them in a full build would mean
extracting every old version again, with today's extractor (slow, and a change of the extractor
would then pass for a change of the publisher's, or hide one).

The same step gives each fact the time its figure was first seen as it is now (``first_seen``):
an unchanged cell keeps the time of the version that first published it so.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

import pyarrow as pa

Key = tuple[str, str, str]  # table, row code, column code
REVISED_CHECK = "revised"


def _cells(facts: pa.Table) -> dict[Key, tuple[Decimal | None, str]]:
    rows = facts.select(["table", "row", "column", "value", "raw"]).to_pylist()
    return {(r["table"], r["row"], r["column"]): (r["value"], r["raw"]) for r in rows}


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def cell_changes(old: pa.Table, new: pa.Table) -> list[dict[str, Any]]:
    """Every cell whose figure differs between two versions' facts (a blank is a figure: NULL), or
    that one of them publishes and the other does not, in table, row and column order."""
    before, after = _cells(old), _cells(new)
    changes = []
    for key in sorted(before.keys() | after.keys()):
        if key in before and key in after and before[key][0] == after[key][0]:
            continue
        (old_value, old_raw), (new_value, new_raw) = before.get(key, (None, None)), after.get(key, (None, None))
        change = "added" if key not in before else "removed" if key not in after else "changed"
        changes.append(
            {
                "table": key[0],
                "row": key[1],
                "column": key[2],
                "change": change,
                "old_value": _text(old_value),
                "new_value": _text(new_value),
                "old_raw": old_raw,
                "new_raw": new_raw,
            }
        )
    return changes


def first_seen(
    new: pa.Table, seen_at: str, old: pa.Table | None = None, old_seen_at: str = "", same_bytes: bool = False
) -> list[str]:
    """Per fact of ``new`` (first seen at ``seen_at``), since when its figure has been published so:
    a cell the previous facts ``old`` published alike keeps its time (theirs, or ``old_seen_at``
    for facts staged before times were kept). From the same bytes read again, every cell they had
    keeps its time: the publisher changed nothing."""
    if old is None:
        return [seen_at] * new.num_rows
    kept = _cells(old)
    times = old.column("first_seen").to_pylist() if "first_seen" in old.column_names else [old_seen_at] * old.num_rows
    since = {
        (t, r, c): when or old_seen_at
        for t, r, c, when in zip(
            old.column("table").to_pylist(), old.column("row").to_pylist(), old.column("column").to_pylist(), times
        )
    }
    result = []
    for row in new.select(["table", "row", "column", "value"]).to_pylist():
        key = (row["table"], row["row"], row["column"])
        alike = key in kept and (same_bytes or kept[key][0] == row["value"])
        result.append(since[key] if alike else seen_at)
    return result


def revision(old_version: dict[str, Any], new_version: dict[str, Any], changes: list[dict[str, Any]]) -> dict[str, Any]:
    """One entry of a report's revision log: the two versions (sha256 and dates) and the cells."""
    return {
        "old_sha256": old_version["sha256"],
        "old_first_seen": old_version["first_seen"],
        "old_last_seen": old_version["last_seen"],
        "new_sha256": new_version["sha256"],
        "new_first_seen": new_version["first_seen"],
        "cells": changes,
    }


REVISIONS = pa.schema(
    [
        ("agency", pa.string()),
        ("year", pa.int32()),
        ("table_name", pa.string()),
        ("row_code", pa.string()),
        ("column_code", pa.string()),
        ("change", pa.string()),
        ("old_value", pa.decimal128(18, 2)),
        ("new_value", pa.decimal128(18, 2)),
        ("old_raw", pa.string()),
        ("new_raw", pa.string()),
        ("old_sha256", pa.string()),
        ("new_sha256", pa.string()),
        ("old_first_seen", pa.string()),
        ("old_last_seen", pa.string()),
        ("new_first_seen", pa.string()),
    ]
)
VERSIONS = pa.schema(
    [
        ("agency", pa.string()),
        ("year", pa.int32()),
        ("sha256", pa.string()),
        ("kind", pa.string()),
        ("format", pa.string()),
        ("size", pa.int64()),
        ("source_url", pa.string()),
        ("final_url", pa.string()),
        ("first_seen", pa.string()),
        ("last_seen", pa.string()),
        ("loaded", pa.bool_()),
        ("failure", pa.string()),
    ]
)


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def revision_rows(reports: Iterable[Any]) -> pa.Table:
    """Every changed cell of the staged reports' revision logs, as rows of ``revisions``."""
    rows = [
        {
            "agency": report.agency,
            "year": report.year,
            "table_name": cell["table"],
            "row_code": cell["row"],
            "column_code": cell["column"],
            "change": cell["change"],
            "old_value": _decimal(cell["old_value"]),
            "new_value": _decimal(cell["new_value"]),
            "old_raw": cell["old_raw"],
            "new_raw": cell["new_raw"],
            **{k: entry[k] for k in ("old_sha256", "new_sha256", "old_first_seen", "old_last_seen", "new_first_seen")},
        }
        for report in reports
        for entry in report.revisions
        for cell in entry["cells"]
    ]
    return pa.Table.from_pylist(rows, schema=REVISIONS)


def version_rows(reports: Iterable[Any]) -> pa.Table:
    """Every version of the staged reports, as rows of ``report_versions``."""
    rows = [
        {
            "agency": report.agency,
            "year": report.year,
            **{k: v.get(k) for k in ("sha256", "kind", "format", "size", "source_url", "final_url")},
            "first_seen": v["first_seen"],
            "last_seen": v["last_seen"],
            "loaded": v["sha256"] == report.sha256,
            "failure": None if v["sha256"] == report.sha256 else v.get("failure"),
        }
        for report in reports
        for v in report.versions
    ]
    return pa.Table.from_pylist(rows, schema=VERSIONS)


def revised_issues(reports: Iterable[Any], schema: pa.Schema) -> pa.Table:
    """One ``revised`` WARN row of ``quality_issues`` per revision of the staged reports, naming
    the versions and the cells (the rows of ``revisions`` say each old and new figure)."""
    rows = []
    for report in reports:
        for entry in report.revisions:
            cells: Sequence[dict[str, Any]] = entry["cells"]
            rows.append(
                {
                    "agency": report.agency,
                    "year": report.year,
                    "check_name": REVISED_CHECK,
                    "severity": "WARN",
                    "subject": f"version {entry['new_sha256'][:12]}",
                    "published": None,
                    "computed": None,
                    "message": f"the publisher replaced the report: {len(cells)} cells differ between version "
                    f"{entry['old_sha256'][:12]} (first seen {entry['old_first_seen']}) and version "
                    f"{entry['new_sha256'][:12]} (first seen {entry['new_first_seen']}); see revisions",
                    # As the other checks name cells (value and raw: the new version's), with the old figure.
                    "cells": json.dumps(
                        [
                            {
                                "table": c["table"],
                                "row": c["row"],
                                "column": c["column"],
                                "value": c["new_value"],
                                "raw": c["new_raw"],
                                "old_value": c["old_value"],
                                "old_raw": c["old_raw"],
                            }
                            for c in cells
                        ],
                        ensure_ascii=False,
                    ),
                }
            )
    return pa.Table.from_pylist(rows, schema=schema)
