"""Immutable Parquet snapshots of the published warehouse.

``<snapshots>/<name>/<table>/year=<Y>/data_0.parquet`` for the fact tables (Hive-partitioned;
a year whose reports did not change since the previous snapshot is hard-linked from it),
``<snapshots>/<name>/<table>/data_0.parquet`` for the others (each column REQUIRED or OPTIONAL as
sql/schema says), ``snapshot.duckdb`` (the same tables with the warehouse's views and comments, in
one file that opens from anywhere: the snapshot queried like the warehouse) and ``manifest.json``.
Names are UTC times, ``2026-11-29T080512Z``, so they sort in time order. A snapshot is written
into a temporary folder and renamed into place; an existing snapshot is never touched, and when
the content equals the latest snapshot nothing is written. ``<snapshots>/latest`` is a symlink to
the snapshot of the published warehouse; ``latest.json`` also names the warehouse fingerprint it
was checked against.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from pipeline.core.files import write_atomic
from pipeline.warehouse.build import DIMENSION_TABLES, FACT_TABLES, LEGACY_FACT_TABLE, MEMORY_LIMIT
from pipeline.warehouse.snapshot_changes import Previous, write_changes
from pipeline.warehouse.snapshot_readme import write_readme
from pipeline.warehouse.sql import comments, definitions, statement

KEYS = {
    "request_facts": ["agency", "year", "outcome", "applicant"],
    "review_facts": ["agency", "year", "proceeding", "result"],
    "proactive_facts": ["agency", "year", "item", "measure"],
    "legacy_facts": ["agency", "year", "source", "indicator", "period", "page", "locator", "raw"],
    "reports": ["agency", "year"],
    "quality_issues": ["agency", "year", "check_name", "subject"],
    "agencies": ["agency"],
    "listing_checks": ["agency"],
    "report_versions": ["agency", "year", "first_seen", "sha256"],
    "revisions": ["agency", "year", "new_first_seen", "table_name", "row_code", "column_code"],
}
# Tables partitioned by year: the facts of the national template's tables and of old-style reports.
PARTITIONED = (*FACT_TABLES, LEGACY_FACT_TABLE)
TABLES = (
    *PARTITIONED,
    "reports",
    "report_versions",
    "revisions",
    "quality_issues",
    "agencies",
    "listing_checks",
    "checks",
    *DIMENSION_TABLES.values(),
    "harmonised_measures",
    "crosswalk",
)
LATEST = "latest.json"
LATEST_LINK = "latest"
DATABASE = "snapshot.duckdb"
# What a snapshot's files are like: another format, no file is taken over from an earlier snapshot.
# 2: the Parquet columns' nullability as sql/schema says, snapshot.duckdb holding its tables.
FORMAT = 2
STORAGE = "v1.0.0"  # the oldest DuckDB that can open snapshot.duckdb


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _columns(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[str, bool]]]:
    """Every table's columns in order, each with whether the schema allows NULL in it."""
    columns: dict[str, list[tuple[str, bool]]] = {}
    for table, column, nullable in con.execute(
        "SELECT table_name, column_name, is_nullable FROM duckdb_columns() "
        "WHERE database_name = current_database() ORDER BY column_index"
    ).fetchall():
        columns.setdefault(table, []).append((column, nullable))
    return columns


def _as_schema(table: str, columns: list[tuple[str, bool]], exclude: str | None = None) -> str:
    """A SELECT of ``table`` whose Parquet file says what sql/schema says: DuckDB writes a column
    REQUIRED when it can tell the column holds no NULL, and OPTIONAL otherwise, whatever the table's
    constraints. So a NOT NULL column is filtered on IS NOT NULL (every row passes; it is then
    REQUIRED even in a table of no rows) and a nullable one goes through a CASE that can give NULL
    (it is then OPTIONAL even when no row holds NULL: ``value`` of a report without a blank cell)."""
    required = [c for c, nullable in columns if not nullable]
    guard = required[0]  # every table has a NOT NULL column: its key
    picked = [
        f'"{c}"' if not nullable else f'CASE WHEN "{guard}" IS NULL THEN NULL ELSE "{c}" END AS "{c}"'
        for c, nullable in columns
        if c != exclude
    ]
    where = " AND ".join(f'"{c}" IS NOT NULL' for c in required)
    # Identifiers from the warehouse's own catalog, not values.
    return f'SELECT {", ".join(picked)} FROM "{table}" WHERE {where}'


def _export(con: duckdb.DuckDBPyConnection, table: str, columns: list[tuple[str, bool]], target: Path) -> None:
    target.mkdir(parents=True)
    rows = con.sql(_as_schema(table, columns)).order(", ".join(KEYS.get(table, ["sort_order"])))
    rows.to_parquet(str(target / "data_0.parquet"))


def _export_facts(
    con: duckdb.DuckDBPyConnection, table: str, columns: list[tuple[str, bool]], target: Path, reuse: dict[int, Path]
) -> set[Path]:
    """One Hive partition per year (``year=<Y>/data_0.parquet``, without the year column). A year
    in ``reuse`` holds the same rows as that folder of the previous snapshot: its files are
    hard-linked rather than written again."""
    keys = ", ".join(k for k in KEYS[table] if k != "year")
    years = [y for (y,) in con.table(table).select("year").distinct().order("year").fetchall()]
    if not years:
        # No rows, no partition: one file of no rows keeps the table's columns for its view.
        _export(con, table, columns, target)
        return set()
    linked = set()
    for year in years:
        folder = target / f"year={year}"
        folder.mkdir(parents=True)
        if year in reuse:
            for old in sorted(reuse[year].iterdir()):
                os.link(old, folder / old.name)
                linked.add(folder / old.name)
            continue
        rows = con.sql(_as_schema(table, columns, exclude="year") + " AND year = ?", params=[year])
        rows.order(keys).to_parquet(str(folder / "data_0.parquet"))
    return linked


def _unchanged_years(previous: dict | None, reports: list[dict], schema: str | None) -> set[int]:
    """The years whose reports are those of the previous snapshot, staged from the same records,
    built by the same warehouse code and written in the same format: their fact partitions are the
    same."""
    if previous is None or schema is None:
        return set()
    if (previous.get("warehouse_schema"), previous.get("format")) != (schema, FORMAT):
        return set()

    def by_year(entries: list[dict]) -> dict[int, set[tuple[str, str | None]]]:
        found: dict[int, set[tuple[str, str | None]]] = {}
        for r in entries:
            found.setdefault(r["year"], set()).add((r["agency"], r.get("staged_digest")))
        return found

    old, new = by_year(previous["reports"]), by_year(reports)
    return {year for year, entries in new.items() if old.get(year) == entries and None not in {d for _, d in entries}}


def _parquet(target: Path, table: str) -> tuple[str, str]:
    """The files of ``table`` in the snapshot folder ``target`` and the options to read them with."""
    # A fact table is partitioned by year, unless it has no rows (``_export_facts``).
    if table in PARTITIONED and not (target / table / "data_0.parquet").exists():
        return str(target / table / "*" / "*.parquet"), ", hive_partitioning = true, hive_types = {'year': INTEGER}"
    return str(target / table / "*.parquet"), ""


@dataclass(frozen=True)
class _Schema:
    """What shapes ``snapshot.duckdb``: the warehouse's tables (their CREATE statements and columns)
    and the macros, views and comments created over them."""

    tables: list[str]
    after: list[str]
    columns: dict[str, list[tuple[str, bool]]]

    def sql(self) -> str:
        return "\n;\n".join(self.tables + self.after)


def _create(con: duckdb.DuckDBPyConnection, table: str) -> str:
    """``CREATE TABLE`` for ``table`` with the warehouse's column types and NOT NULL constraints.
    Not its primary key: a snapshot is only read, and DuckDB 1.0 cannot open a file whose
    tables have an index written by DuckDB 2."""
    columns = con.execute(
        "SELECT column_name, data_type, is_nullable FROM duckdb_columns() "
        "WHERE database_name = current_database() AND table_name = ? ORDER BY column_index",
        [table],
    ).fetchall()
    # Identifiers and types from the warehouse's own catalog: DDL takes no parameters.
    listed = ", ".join(f'"{c}" {t}{"" if nullable else " NOT NULL"}' for c, t, nullable in columns)
    return f'CREATE TABLE "{table}" ({listed})'


def _schema(con: duckdb.DuckDBPyConnection) -> _Schema:
    columns = _columns(con)
    views = {v for (v,) in con.execute("SELECT view_name FROM duckdb_views()").fetchall()}
    left_out = set(columns) - set(TABLES) - views
    described = [name for name in comments() if name.split("/")[1] not in left_out]  # e.g. warehouse_info
    after = [statement(name) for name in definitions() + described]
    return _Schema([_create(con, table) for table in TABLES], after, {t: columns[t] for t in TABLES})


def _database(schema: _Schema, target: Path) -> None:
    """Write ``target/snapshot.duckdb``: every exported table as a table of its own, with the
    warehouse's column types and NOT NULL constraints, filled from the snapshot's Parquet
    files, then the warehouse's macros, views and comments. It holds its data, so it opens from any
    folder and wherever the snapshot is copied; it is written readable by DuckDB 1.0 and later."""
    db = duckdb.connect(
        str(target / DATABASE), config={"storage_compatibility_version": STORAGE, "memory_limit": MEMORY_LIMIT}
    )
    try:
        db.execute("SET threads = 1")
        for sql in schema.tables:
            db.execute(sql)
        for table in TABLES:
            files, options = _parquet(target, table)
            # Identifiers from the warehouse's own catalog; the path is bound.
            select = ", ".join(f'"{c}"' for c, _ in schema.columns[table])
            db.execute(f'INSERT INTO "{table}" SELECT {select} FROM read_parquet(?{options})', [files])
        for sql in schema.after:
            db.execute(sql)
        db.execute("CHECKPOINT")
    finally:
        db.close()


def open_snapshot(folder: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to a snapshot's tables and views."""
    return duckdb.connect(str(folder / DATABASE), read_only=True)


def snapshot_dirs(snapshots_dir: Path) -> list[Path]:
    """The published snapshots, oldest first (their names sort in time order)."""
    found = [
        p
        for p in snapshots_dir.glob("*")
        if p.is_dir() and not p.is_symlink() and not p.name.startswith(".") and p.name != LATEST_LINK
    ]
    return sorted(p for p in found if (p / "manifest.json").is_file())


def _record_latest(snapshots_dir: Path, folder: Path, fingerprint: str | None) -> None:
    record = {"snapshot": folder.name, "warehouse_fingerprint": fingerprint}
    write_atomic(snapshots_dir / LATEST, (json.dumps(record) + "\n").encode("utf-8"))
    current = snapshots_dir / LATEST_LINK
    if current.is_dir() and not current.is_symlink():
        shutil.rmtree(current)  # a copy of the data folder that followed the link: a copy of a snapshot
    link = snapshots_dir / f".{LATEST_LINK}-{uuid.uuid4().hex}"
    link.symlink_to(folder.name, target_is_directory=True)  # relative: the data folder can move
    os.replace(link, current)


def snapshot_is_current(snapshots_dir: Path, fingerprint: str | None) -> bool:
    """True when a snapshot of the warehouse with this fingerprint exists (written, or found equal)."""
    try:
        latest = json.loads((snapshots_dir / LATEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    folder = snapshots_dir / str(latest.get("snapshot"))
    return latest.get("warehouse_fingerprint") == fingerprint and (folder / "manifest.json").is_file()


def snapshot_reports(snapshots_dir: Path) -> list[tuple[str, int]]:
    """The (agency, year) reports of the latest snapshot, or none."""
    snapshots = snapshot_dirs(snapshots_dir)
    if not snapshots:
        return []
    manifest = json.loads((snapshots[-1] / "manifest.json").read_text(encoding="utf-8"))
    return [(r["agency"], r["year"]) for r in manifest["reports"]]


def _content(manifest: dict) -> dict:
    files = {table: {f["path"]: f["sha256"] for f in info["files"]} for table, info in manifest["tables"].items()}
    return {"format": manifest.get("format"), "tables": files, "sql": manifest.get("sql_sha256")}


def discard_unfinished(snapshots_dir: Path) -> None:
    """Remove the temporary folders of snapshots that were interrupted before their rename (only
    one run writes snapshots at a time: see pipeline.runs.runlock)."""
    for stale in snapshots_dir.glob(".tmp-*"):
        shutil.rmtree(stale, ignore_errors=True)


def write_snapshot(
    warehouse: Path,
    snapshots_dir: Path,
    *,
    name: str | None = None,
    page: Callable[[Path], object] | None = None,
) -> Path | None:
    """Snapshot the warehouse; return the new folder, or None when the content is unchanged.
    ``name``: the folder's name (default: the UTC time, ``2026-11-29T080512Z``); ``page`` writes
    the dataset page into the folder (its manifest and changes written) before it is renamed into
    place."""
    snapshots_dir.mkdir(parents=True, exist_ok=True)
    discard_unfinished(snapshots_dir)
    tmp = snapshots_dir / f".tmp-{uuid.uuid4().hex}"
    spill = tmp.with_name(f"{tmp.name}-spill")  # DuckDB's, if a comparison outgrows memory
    tmp.mkdir()
    try:
        earlier = snapshot_dirs(snapshots_dir)
        last = json.loads((earlier[-1] / "manifest.json").read_text(encoding="utf-8")) if earlier else None
        con = duckdb.connect(str(warehouse), read_only=True)
        try:
            con.execute("SET threads = 1")  # one file per partition, written the same way every time
            names = ("agency", "year", "sha256", "kind", "source_url", "staged_digest")
            reports = [dict(zip(names, r)) for r in con.execute(statement("read/snapshot_reports")).fetchall()]
            info = dict(con.table("warehouse_info").fetchall())
            unchanged = _unchanged_years(last, reports, info.get("schema"))
            known = {
                f["path"]: f["sha256"] for info_ in (last or {}).get("tables", {}).values() for f in info_["files"]
            }
            schema = _schema(con)
            tables = {}
            for table in TABLES:
                linked = set()
                if table in PARTITIONED:
                    reuse = {
                        y: earlier[-1] / table / f"year={y}"
                        for y in unchanged
                        if (earlier[-1] / table / f"year={y}").is_dir()
                    }
                    linked = _export_facts(con, table, schema.columns[table], tmp / table, reuse)
                else:
                    _export(con, table, schema.columns[table], tmp / table)
                files = sorted(p for p in (tmp / table).rglob("*.parquet"))
                paths = [p.relative_to(tmp).as_posix() for p in files]
                tables[table] = {
                    "rows": con.table(table).count("*").fetchall()[0][0],
                    "files": [
                        {"path": path, "sha256": known[path] if p in linked else _sha256(p)}
                        for p, path in zip(files, paths)
                    ],
                }
        finally:
            con.close()
        manifest = {
            "format": FORMAT,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "code_version": info.get("code_version"),  # the warehouse's, as its warehouse_info says
            "warehouse_fingerprint": info.get("fingerprint"),
            "warehouse_schema": info.get("schema"),
            "reports": reports,
            "tables": tables,
            "sql_sha256": hashlib.sha256(schema.sql().encode()).hexdigest(),
        }
        if last is not None and _content(last) == _content(manifest):
            _record_latest(snapshots_dir, earlier[-1], manifest["warehouse_fingerprint"])
            return None
        _database(schema, tmp)
        changes = write_changes(Previous.of(earlier[-1]) if earlier else None, tmp, spill)
        manifest["previous"] = changes.pop("previous")
        changes["files"] = [{"path": path, "sha256": _sha256(tmp / path)} for path in changes["files"]]
        manifest["changes"] = changes
        write_readme(tmp, manifest, database=DATABASE, page=page is not None)
        (tmp / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        if page is not None:
            page(tmp)
        name = name or datetime.now(UTC).strftime("%Y-%m-%dT%H%M%SZ")
        for n in range(1, 100):
            target = snapshots_dir / (name if n == 1 else f"{name}.{n:02d}")
            if not target.exists():
                try:
                    tmp.rename(target)  # fails if another writer took the name first
                except OSError:
                    continue
                _record_latest(snapshots_dir, target, manifest["warehouse_fingerprint"])
                return target
        raise RuntimeError(f"too many snapshots named {name} in {snapshots_dir}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(spill, ignore_errors=True)
