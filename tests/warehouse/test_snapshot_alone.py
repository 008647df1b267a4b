"""A snapshot folder stands alone: a new user with only the folder opens ``snapshot.duckdb`` from any
working directory, wherever the folder was copied; its Parquet files say what the schema says; its
page suggests only files that are there; its manifest names the warehouse's code version."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from warehouse_support import build, query, truth_extractions

from pipeline.site import write_site
from pipeline.warehouse.build import FACT_TABLES
from pipeline.warehouse.snapshot import TABLES, write_snapshot

# What a user types, in a process of its own: nothing set beforehand.
USER_QUERY = """
import sys, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
print(con.sql("SELECT count(*) FROM request_facts").fetchall()[0][0])
print(con.sql("SELECT count(*) FROM request_outcome_groups").fetchall()[0][0])
print(con.sql("SELECT count(*) FROM quality_issues").fetchall()[0][0])
"""


@pytest.fixture(scope="module")
def warehouse(fixtures: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("warehouse"), truth_extractions(fixtures))


@pytest.fixture(scope="module")
def snapshot(warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = write_snapshot(
        warehouse,
        tmp_path_factory.mktemp("data") / "snapshots",
        page=lambda target: write_site(warehouse, target, in_snapshot=True, snapshot=target),
    )
    assert folder is not None
    return folder


def _as_a_user(database: Path, cwd: Path) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", USER_QUERY, str(database)], cwd=cwd, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_snapshot_duckdb_opens_from_any_folder_and_after_a_copy_or_move(
    warehouse: Path, snapshot: Path, tmp_path: Path
) -> None:
    expected = [
        str(query(warehouse, f"SELECT count(*) FROM {t}")[0][0])
        for t in ("request_facts", "request_outcome_groups", "quality_issues")
    ]
    assert int(expected[0]) == 3 * 23 * 7 and int(expected[2]) == 2
    elsewhere = tmp_path / "somewhere" / "else"
    elsewhere.mkdir(parents=True)
    assert _as_a_user(snapshot / "snapshot.duckdb", elsewhere) == expected
    # A copy of the folder, the original gone: the copy still answers, from its own folder or another.
    copy = tmp_path / "downloads" / "ogi-snapshot"
    shutil.copytree(snapshot, copy)
    moved = tmp_path / "moved"
    shutil.move(snapshot, moved)
    try:
        assert _as_a_user(copy / "snapshot.duckdb", copy) == expected
        assert _as_a_user(copy / "snapshot.duckdb", elsewhere) == expected
        assert _as_a_user(Path("..") / "moved" / "snapshot.duckdb", elsewhere.parent) == expected
    finally:
        shutil.move(moved, snapshot)


def test_snapshot_duckdb_holds_the_warehouse_tables_with_their_constraints(warehouse: Path, snapshot: Path) -> None:
    sql = (
        "SELECT table_name, column_name, data_type, is_nullable, comment FROM duckdb_columns() "
        "WHERE database_name = current_database() AND table_name IN ({}) ORDER BY ALL"
    ).format(", ".join(f"'{t}'" for t in TABLES))
    assert query(snapshot / "snapshot.duckdb", sql) == query(warehouse, sql)
    for table in TABLES:
        rows = f"SELECT * FROM {table} ORDER BY ALL"
        assert query(snapshot / "snapshot.duckdb", rows) == query(warehouse, rows), table


def test_the_parquet_schema_says_what_the_data_contract_says(warehouse: Path, snapshot: Path) -> None:
    nullable = {
        (t, c): n
        for t, c, n in query(
            warehouse,
            "SELECT table_name, column_name, is_nullable FROM duckdb_columns() WHERE database_name = current_database()",
        )
    }
    assert nullable[("request_facts", "value")] and not nullable[("request_facts", "raw")]
    # No cell of these reports was published blank, and listing_checks has no row: the files' schema
    # must not follow what the rows happen to hold.
    assert query(warehouse, "SELECT count(*) FROM request_facts WHERE value IS NULL") == [(0,)]
    assert query(warehouse, "SELECT count(*) FROM listing_checks") == [(0,)]
    for table in TABLES:
        for path in sorted((snapshot / table).rglob("*.parquet")):
            schema = duckdb.sql(
                "SELECT name, repetition_type FROM parquet_schema(?) WHERE name NOT IN ('duckdb_schema', 'list', "
                "'element')",
                params=[str(path)],
            ).fetchall()
            expected = [
                (c, "OPTIONAL" if n else "REQUIRED")
                for (t, c), n in nullable.items()
                if t == table and not (table in FACT_TABLES and c == "year" and path.parent.name.startswith("year="))
            ]
            assert sorted(schema) == sorted(expected), path


def test_the_manifest_names_the_warehouse_code_version(warehouse: Path, snapshot: Path) -> None:
    manifest = json.loads((snapshot / "manifest.json").read_text(encoding="utf-8"))
    [(version,)] = query(warehouse, "SELECT value FROM warehouse_info WHERE key = 'code_version'")
    assert manifest["code_version"] == version
    # The page of the snapshot says the same.
    assert f"(code {version})" in (snapshot / "index.html").read_text(encoding="utf-8")


def _named_files(text: str) -> set[str]:
    """The files and folders a text tells its reader to open."""
    named = set(re.findall(r"(?:[\w./*=-]|<Y>)+\.(?:duckdb|parquet|json|md|css|svg)\b", text))
    return named | set(re.findall(r'(?:read_parquet|open_dataset)\("([^"]+)"\)', text))


def _exists(folder: Path, name: str) -> bool:
    pattern = name.replace("<Y>", "*")
    return bool(list(folder.glob(pattern))) or (folder / pattern).exists()


def test_the_page_of_a_snapshot_suggests_only_files_in_the_folder(snapshot: Path) -> None:
    page = (snapshot / "index.html").read_text(encoding="utf-8")
    named = _named_files(page)
    assert {"snapshot.duckdb", "manifest.json", "README.md", "CHANGES.md"} <= named
    for name in named:
        assert _exists(snapshot, name), name
    assert "data/warehouse.duckdb" not in page


def test_the_readme_says_what_is_inside_and_its_examples_work(snapshot: Path, tmp_path: Path) -> None:
    """The README's Python and SQL examples are run as a user would, from a copy of the folder (its R
    and shell lines need R and the DuckDB command line, which this machine does not have)."""
    readme = (snapshot / "README.md").read_text(encoding="utf-8")
    manifest = json.loads((snapshot / "manifest.json").read_text(encoding="utf-8"))
    for table, info in manifest["tables"].items():
        assert re.search(rf"\| `{table}/(year=<Y>/)?data_0\.parquet` \| {info['rows']} \| \S", readme), table
    for name in _named_files(readme):
        assert _exists(snapshot, name), name
    blocks = re.findall(r"```(\w+)\n(.*?)```", readme, flags=re.S)
    assert {language for language, _ in blocks} == {"sh", "sql", "python", "r"}
    copy = tmp_path / "copy"
    shutil.copytree(snapshot, copy)
    for language, code in blocks:
        if language == "python":
            done = subprocess.run([sys.executable, "-c", code], cwd=copy, capture_output=True, text=True, check=False)
            assert done.returncode == 0 and ("print(" not in code or done.stdout.strip()), (code, done.stderr)
        elif language == "sql":
            assert query(copy / "snapshot.duckdb", code), code
    assert (copy / "request_facts.csv").read_text(encoding="utf-8-sig").startswith("agency,outcome,applicant,value")
