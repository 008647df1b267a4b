"""An incremental build copies nothing: it takes over the spare build (the one published before,
or a copy of a build made in full) and brings it up to date in place. A spare some session has
open is left alone, and a build that fails its checks is removed, spare or not."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from test_incremental import assert_equals_full_rebuild, catalog_of, refresh, truths  # noqa: F401 (a fixture)
from warehouse_support import query, stage, with_value, without

from pipeline.warehouse.publish import builds_dir, spare_build
from pipeline.warehouse.update import IntegrityFailure

READER = """
import sys, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
print(con.execute("SELECT count(*) FROM reports").fetchone()[0], flush=True)
sys.stdin.readline()
print(con.execute("SELECT count(*) FROM reports").fetchone()[0], flush=True)
"""


def test_an_incremental_build_takes_over_the_spare(tmp_path: Path, truths: dict) -> None:
    data = tmp_path / "data"
    warehouse = data / "warehouse.duckdb"
    for key in [("mfa", 2020), ("huaian-hongze", 2023)]:
        stage(data / "staging", *key, truths[key])
    catalog = catalog_of({"mfa": [2020], "huaian-hongze": [2023, 2024]})
    first = refresh(data, catalog)
    spare = spare_build(warehouse)
    assert first.mode == "full" and spare is not None and spare != warehouse.resolve()
    inode = spare.stat().st_ino

    stage(data / "staging", "huaian-hongze", 2024, truths[("huaian-hongze", 2024)])
    added = refresh(data, catalog)
    assert (added.mode, added.build.loaded) == ("incremental", [("huaian-hongze", 2024)])
    assert warehouse.resolve().stat().st_ino == inode, "the spare itself was brought up to date and published"
    assert spare_build(warehouse) is not None and spare_build(warehouse).stat().st_ino != inode
    assert_equals_full_rebuild(data, catalog, tmp_path)

    # The spare is now a night older: it takes both nights' changes, and says only tonight's.
    hz23 = truths[("huaian-hongze", 2023)]
    stage(data / "staging", "huaian-hongze", 2023, with_value(hz23, ("requests", "carried_forward", "total"), 5))
    changed = refresh(data, catalog)
    assert (changed.mode, changed.build.loaded) == ("incremental", [("huaian-hongze", 2023)])
    assert {("huaian-hongze", 2023), ("huaian-hongze", 2024)} <= set(changed.build.scope)
    assert_equals_full_rebuild(data, catalog, tmp_path)


def test_a_spare_open_in_a_session_is_left_alone(tmp_path: Path, truths: dict) -> None:
    data = tmp_path / "data"
    warehouse = data / "warehouse.duckdb"
    stage(data / "staging", "mfa", 2020, truths[("mfa", 2020)])
    catalog = catalog_of({"mfa": [2020], "huaian-hongze": [2023, 2024]})
    refresh(data, catalog)
    spare = spare_build(warehouse)
    inode = spare.stat().st_ino
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(spare)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert reader.stdout.readline().strip() == "1"
        stage(data / "staging", "huaian-hongze", 2023, truths[("huaian-hongze", 2023)])
        outcome = refresh(data, catalog)
        assert (outcome.mode, outcome.counts["reports"]) == ("incremental", 2)
        assert warehouse.resolve().stat().st_ino != inode, "a copy was built; the open spare was left alone"
        reader.stdin.write("\n")
        reader.stdin.flush()
        assert reader.stdout.readline().strip() == "1", "the session still reads what it opened"
    finally:
        reader.stdin.close()
        reader.wait(timeout=30)
    assert query(warehouse, "SELECT count(*) FROM reports") == [(2,)]
    assert_equals_full_rebuild(data, catalog, tmp_path)


def test_a_spare_that_fails_its_checks_is_removed(tmp_path: Path, truths: dict) -> None:
    data = tmp_path / "data"
    warehouse = data / "warehouse.duckdb"
    mfa = truths[("mfa", 2020)]
    stage(data / "staging", "mfa", 2020, mfa)
    catalog = catalog_of({"mfa": [2020]})
    refresh(data, catalog)
    published, spare = warehouse.resolve(), spare_build(warehouse)
    stage(data / "staging", "mfa", 2020, without(mfa, ("review", "litigation_direct", "total")))
    with pytest.raises(IntegrityFailure):
        refresh(data, catalog)
    assert warehouse.resolve() == published and not spare.exists()
    assert sorted(p.name for p in builds_dir(warehouse).iterdir()) == [published.name, published.name + ".sealed"]
    stage(data / "staging", "mfa", 2020, with_value(mfa, ("requests", "granted", "total"), 5))
    again = refresh(data, catalog)  # no spare: from a copy of the published build
    assert (again.status, again.mode) == ("published", "incremental")
    assert spare_build(warehouse) == published, "the build published before is the spare"
