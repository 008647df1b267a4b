"""A build's content in a form two builds can be compared by: every table analysts read, rows
sorted, with what legitimately differs between two builds of the same inputs left out (when the
report was fetched and extracted, the code's version, where the data folder is).

``python tests/support/build_dump.py DATA_DIR > tests/fixtures/build-sample.json`` records the build of
the bundled sample that ``tests/test_same_build.py`` compares a new build with."""

from __future__ import annotations

import json
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

# When a version was seen: differs between builds of the same inputs.
SEEN = ("first_seen", "last_seen")
# table -> columns that differ between builds of the same inputs
TABLES = {
    "agencies": (),
    "reports": ("fetched_at", "extracted_at", "extractor_version", "final_url", "source_url"),
    "report_versions": (*SEEN, "final_url", "source_url"),
    "request_facts": SEEN,
    "review_facts": SEEN,
    "proactive_facts": SEEN,
    "legacy_facts": (),
    "quality_issues": (),
    "revisions": ("old_first_seen", "old_last_seen", "new_first_seen"),
}
SNAPSHOT_TABLES = ("request_facts", "review_facts", "proactive_facts", "legacy_facts", "quality_issues")


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()  # as JSON holds it
    return value


def _rows(con: duckdb.DuckDBPyConnection, relation: str, left_out: tuple[str, ...]) -> list[list[Any]]:
    described = con.execute(f"SELECT * FROM {relation} LIMIT 0").description
    columns = sorted(d[0] for d in described if d[0] not in left_out)  # a Hive partition column comes last
    select = ", ".join(f'"{c}"' for c in columns)
    rows = con.execute(f"SELECT {select} FROM {relation}").fetchall()
    return [columns] + sorted(([_plain(v) for v in row] for row in rows), key=lambda r: json.dumps(r, default=str))


def dump(data_dir: Path) -> dict[str, Any]:
    """The published warehouse's tables."""
    with duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True) as con:
        return {table: _rows(con, table, left_out) for table, left_out in TABLES.items()}


def snapshot_dump(data_dir: Path) -> dict[str, Any]:
    """The fact tables of the newest snapshot, as its Parquet files hold them."""
    snapshot = sorted(p for p in (data_dir / "snapshots").iterdir() if p.is_dir() and not p.is_symlink())[-1]
    out = {}
    with duckdb.connect() as con:
        for table in SNAPSHOT_TABLES:
            files = sorted((snapshot / table).rglob("*.parquet"))
            relation = "read_parquet(" + repr([str(f) for f in files]) + ", hive_partitioning = true)"
            out[table] = _rows(con, relation, SEEN)
    return out


def differences(new: dict[str, Any], old: dict[str, Any], limit: int = 5) -> list[str]:
    """What differs, table by table: the first rows only one side has."""
    lines = []
    for table in sorted(set(new) | set(old)):
        a, b = new.get(table, []), old.get(table, [])
        if a == b:
            continue
        if a[:1] != b[:1]:
            lines.append(f"{table}: columns {a[:1]} != {b[:1]}")
            continue
        only_new = [r for r in a[1:] if r not in b[1:]]
        only_old = [r for r in b[1:] if r not in a[1:]]
        lines.append(f"{table}: {len(a) - 1} rows now, {len(b) - 1} before")
        lines += [f"  now only:    {r}" for r in only_new[:limit]]
        lines += [f"  before only: {r}" for r in only_old[:limit]]
    return lines


def write(content: dict[str, Any], stream) -> None:
    """One table row per line, so a change to the record reads as a small diff."""
    stream.write("{\n")
    for index, (table, rows) in enumerate(content.items()):
        stream.write(f"{json.dumps(table)}: [\n")
        stream.write(",\n".join(json.dumps(row, ensure_ascii=False, default=str) for row in rows))
        stream.write("\n]" + ("," if index < len(content) - 1 else "") + "\n")
    stream.write("}\n")


if __name__ == "__main__":
    write(dump(Path(sys.argv[1])), sys.stdout)
