"""What changed between a snapshot and the one before it, written into the new snapshot's folder:
``changes/facts.parquet`` (each fact added, changed or removed, with its old and new value, printed
text and page), ``changes/reports.parquet`` (each report added, revised or removed) and a short
``CHANGES.md``. Computed by DuckDB over the two snapshots' Parquet files, within bounded memory
(it spills to disk beyond the warehouse's limit). The first snapshot has no predecessor: its
changes hold no row and ``CHANGES.md`` says so."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import duckdb

from pipeline.warehouse.build import FACT_TABLES, MEMORY_LIMIT
from pipeline.warehouse.sql import statement

FOLDER = "changes"
FACTS = f"{FOLDER}/facts.parquet"
REPORTS = f"{FOLDER}/reports.parquet"
CHANGES = "CHANGES.md"
FACT_KINDS = ("added", "changed", "removed")
REPORT_KINDS = ("added", "revised", "removed")
LISTED = 50  # changed facts CHANGES.md lists; the Parquet file has them all


@dataclass(frozen=True)
class Previous:
    """The snapshot compared with: its folder and what its manifest says of it."""

    folder: Path
    created_at: str | None
    warehouse_fingerprint: str | None

    @classmethod
    def of(cls, folder: Path) -> Previous:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        return cls(folder, manifest.get("created_at"), manifest.get("warehouse_fingerprint"))

    def record(self) -> dict:
        return {
            "snapshot": self.folder.name,
            "created_at": self.created_at,
            "warehouse_fingerprint": self.warehouse_fingerprint,
        }


def _files(folder: Path, table: str) -> str:
    # A fact table is Hive-partitioned by year, or one file with its year column when it has no row.
    return str(folder / table / "**" / "*.parquet")


def write_changes(previous: Previous | None, folder: Path, spill: Path) -> dict:
    """Write the changes of the snapshot in ``folder`` since ``previous`` (None: the first) and
    return what its manifest records of them. ``spill``: a folder DuckDB may write to when the
    comparison does not fit in memory (removed by the caller)."""
    (folder / FOLDER).mkdir()
    old = previous.folder if previous else folder

    def written(relation: duckdb.DuckDBPyRelation, path: Path) -> None:
        # The first snapshot: no row, with the columns of any other (nothing is compared).
        (relation if previous else relation.limit(0)).to_parquet(str(path))

    con = duckdb.connect(config={"memory_limit": MEMORY_LIMIT, "temp_directory": str(spill)})
    try:
        paths = {f"old_{t}": _files(old, t) for t in FACT_TABLES} | {f"new_{t}": _files(folder, t) for t in FACT_TABLES}
        con.execute(statement("snapshot/snapshot_facts"))
        written(con.sql(statement("snapshot/fact_changes"), params=paths), folder / FACTS)
        written(
            con.sql(
                statement("snapshot/report_changes"),
                params={
                    "old_reports": str(old / "reports" / "*.parquet"),
                    "new_reports": str(folder / "reports" / "*.parquet"),
                    "facts": str(folder / FACTS),
                },
            ),
            folder / REPORTS,
        )
        facts = _counts(con, folder / FACTS, FACT_KINDS)
        reports = _counts(con, folder / REPORTS, REPORT_KINDS)
        text = _markdown(con, folder, previous, facts, reports)
    finally:
        con.close()
    (folder / CHANGES).write_text(text, encoding="utf-8")
    return {
        "previous": previous.record() if previous else None,
        "facts": facts,
        "reports": reports,
        "files": [FACTS, REPORTS, CHANGES],
    }


def _counts(con: duckdb.DuckDBPyConnection, path: Path, kinds: tuple[str, ...]) -> dict[str, int]:
    found = dict(con.sql("SELECT change, count(*) FROM read_parquet(?) GROUP BY change", params=[str(path)]).fetchall())
    return {kind: found.get(kind, 0) for kind in kinds}


def figure(value: Decimal | None) -> str:
    """A value as CHANGES.md prints it: as published, ``blank`` for a cell published blank."""
    if value is None:
        return "blank"
    return f"{value:f}".removesuffix(".00")


def _cell(text: object) -> str:
    """Text inside a Markdown table cell: one line, no column break."""
    return " ".join(str(text).split()).replace("|", "\\|") if text is not None else ""


def _markdown(
    con: duckdb.DuckDBPyConnection,
    folder: Path,
    previous: Previous | None,
    facts: dict[str, int],
    reports: dict[str, int],
) -> str:
    if previous is None:
        return (
            "# Changes\n\n"
            "This is the first snapshot: it has no predecessor, so nothing is compared "
            f"(`{FACTS}` and `{REPORTS}` hold no row).\n"
        )
    lines = [
        f"# Changes since snapshot {previous.folder.name}",
        "",
        f"Compared with the previous snapshot, `{previous.folder.name}` (made {previous.created_at}).",
        "",
        "- reports: "
        + ", ".join(f"{reports[k]} {k}" for k in REPORT_KINDS)
        + " (revised: the publisher's file changed)",
        "- facts: " + ", ".join(f"{facts[k]} {k}" for k in FACT_KINDS) + " (changed: another value or printed text)",
        "",
        f"Every change is in `{FACTS}` and `{REPORTS}` (README.md describes their columns).",
    ]
    rows = con.sql(
        "SELECT change, agency, year, old_sha256, new_sha256, facts_added, facts_changed, facts_removed "
        "FROM read_parquet(?) ORDER BY agency, year",
        params=[str(folder / REPORTS)],
    ).fetchall()
    if rows:
        lines += [
            "",
            "## Reports",
            "",
            "| change | agency | year | old sha256 | new sha256 | facts added | changed | removed |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        for change, agency, year, old, new, added, changed, removed in rows:
            lines.append(
                f"| {change} | {_cell(agency)} | {year} | {(old or '')[:12]} | {(new or '')[:12]} "
                f"| {added} | {changed} | {removed} |"
            )
    changed = con.sql(
        "SELECT fact_table, agency, year, row_code, column_code, old_value, new_value, old_raw, new_raw "
        "FROM read_parquet(?) WHERE change = 'changed' ORDER BY agency, year, fact_table, row_code, column_code "
        "LIMIT ?",
        params=[str(folder / FACTS), LISTED],
    ).fetchall()
    if changed:
        shown = f"the first {LISTED} of {facts['changed']}" if facts["changed"] > LISTED else "all"
        lines += [
            "",
            f"## Changed facts ({shown})",
            "",
            "| table | agency | year | row | column | old | new | old printed | new printed |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        for table, agency, year, row, column, old_value, new_value, old_raw, new_raw in changed:
            lines.append(
                f"| {table} | {_cell(agency)} | {year} | {_cell(row)} | {_cell(column)} | {figure(old_value)} "
                f"| {figure(new_value)} | {_cell(old_raw)} | {_cell(new_raw)} |"
            )
    return "\n".join(lines) + "\n"
