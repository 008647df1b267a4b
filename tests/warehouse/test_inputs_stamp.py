"""A night with nothing new is decided from one stamp of the code, the catalog and the staging
folders, taken without reading a staged record: a staged report added, changed or removed and a
change to what the catalog covers each change it, and a folder that has just changed gives none."""

from __future__ import annotations

import dataclasses
import shutil
import time
from pathlib import Path

import pytest
from test_incremental import catalog_of, refresh, truths  # noqa: F401 (a fixture)
from warehouse_support import query, stage, with_value

from pipeline.warehouse import inputs
from pipeline.warehouse.inputs import RECENT_NS, inputs_stamp, schema_digest

SCHEMA = schema_digest("test")
# Longer than a tick of the file system's coarse clock (10 ms at most): the next change is stamped later.
TICK = 0.1


class Clock:
    """The clock a stamp judges the staging folder by, set from the folder's last change rather
    than read from the wall: just after it (``changed``, too recent to trust however slow the
    machine) or past the window a stamp distrusts (``settle``, without waiting two seconds)."""

    def __init__(self, staging: Path) -> None:
        self.staging, self.offset = staging, 0

    def __call__(self) -> int:
        folders = [self.staging, *(p for p in self.staging.iterdir() if p.is_dir())] if self.staging.is_dir() else []
        if not folders:
            return time.time_ns()
        return max(max(f.stat().st_mtime_ns, f.stat().st_ctime_ns) for f in folders) + self.offset

    def changed(self) -> None:
        self.offset = 0

    def settle(self) -> None:
        self.offset = RECENT_NS + 1
        time.sleep(TICK)


@pytest.fixture
def clock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Clock:
    """The clock of the staging folder ``tmp_path/staging`` (a test may point it elsewhere)."""
    found = Clock(tmp_path / "staging")
    monkeypatch.setattr(inputs, "time_ns", found)
    return found


def test_the_stamp_changes_with_every_staged_report_and_the_catalog(tmp_path: Path, truths: dict, clock: Clock) -> None:
    staging = tmp_path / "staging"
    catalog = catalog_of({"mfa": [2020], "huaian-hongze": [2023, 2024, 2025]})
    for key in [("mfa", 2020), ("huaian-hongze", 2023)]:
        stage(staging, *key, truths[key])
    clock.settle()
    stamps = [inputs_stamp(SCHEMA, catalog, staging)]
    assert stamps[0] is not None and inputs_stamp(SCHEMA, catalog, staging) == stamps[0]

    hz24 = truths[("huaian-hongze", 2024)]
    changes = {
        "added": lambda: stage(staging, "huaian-hongze", 2024, hz24),
        "changed": lambda: stage(staging, "huaian-hongze", 2024, with_value(hz24, ("requests", "granted", "total"), 5)),
        "removed": lambda: (staging / "mfa" / "2020.json").unlink(),
    }
    for what, change in changes.items():
        change()
        clock.changed()
        assert inputs_stamp(SCHEMA, catalog, staging) is None, f"{what}: just changed, the folder cannot tell"
        clock.settle()
        stamps.append(inputs_stamp(SCHEMA, catalog, staging))
        assert stamps[-1] is not None and stamps[-1] not in stamps[:-1], what

    unpinned = catalog_of({"mfa": [2020], "huaian-hongze": [2023, 2024]})
    renamed = dataclasses.replace(
        catalog,
        agencies={
            **catalog.agencies,
            "mfa": dataclasses.replace(catalog.agencies["mfa"], name_en="Ministry of Foreign Affairs"),
        },
    )
    for other in (unpinned, renamed):
        assert inputs_stamp(SCHEMA, other, staging) not in stamps
    assert inputs_stamp(schema_digest("other code"), catalog, staging) not in stamps


def test_a_night_with_nothing_new_is_decided_from_the_stamp(tmp_path: Path, truths: dict, clock: Clock) -> None:
    data = tmp_path / "data"
    clock.staging = data / "staging"
    for key in [("mfa", 2020), ("huaian-hongze", 2023)]:
        stage(data / "staging", *key, truths[key])
    catalog = catalog_of({"mfa": [2020], "huaian-hongze": [2023, 2024]})
    clock.settle()
    built = refresh(data, catalog)
    recorded = query(data / "warehouse.duckdb", "SELECT value FROM warehouse_info WHERE key = 'inputs_stamp'")
    assert recorded == [(inputs_stamp(schema_digest("test"), catalog, data / "staging"),)]
    again = refresh(data, catalog)
    assert (again.status, again.fingerprint, again.counts["reports"]) == ("unchanged", built.fingerprint, 2)

    stage(data / "staging", "huaian-hongze", 2024, truths[("huaian-hongze", 2024)])
    clock.changed()
    added = refresh(data, catalog)  # the folder has just changed: the records are read
    assert (added.mode, added.build.loaded) == ("incremental", [("huaian-hongze", 2024)])
    assert query(data / "warehouse.duckdb", "SELECT value FROM warehouse_info WHERE key = 'inputs_stamp'") == [("",)]
    assert refresh(data, catalog).status == "unchanged"


@pytest.mark.parametrize("full", [False, True])
def test_a_full_build_is_never_skipped_for_its_stamp(tmp_path: Path, truths: dict, full: bool, clock: Clock) -> None:
    data = tmp_path / "data"
    clock.staging = data / "staging"
    stage(data / "staging", "mfa", 2020, truths[("mfa", 2020)])
    catalog = catalog_of({"mfa": [2020]})
    clock.settle()
    refresh(data, catalog)
    outcome = refresh(data, catalog, full=full)
    assert (outcome.status, outcome.mode) == (("published", "full") if full else ("unchanged", ""))


def test_the_schema_digest_counts_the_sql_a_build_runs_and_no_other(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline.warehouse import inputs

    sql = tmp_path / "sql"
    shutil.copytree(inputs.SQL_DIR, sql)
    monkeypatch.setattr(inputs, "SQL_DIR", sql)
    assert schema_digest("test") == SCHEMA
    for page_query in (sql / "site").glob("*.sql"):  # the dataset page's queries
        page_query.write_text(page_query.read_text(encoding="utf-8") + "\n-- edited\n", encoding="utf-8")
    assert schema_digest("test") == SCHEMA
    view = next((sql / "views").glob("*.sql"))
    view.write_text(view.read_text(encoding="utf-8") + "\n-- edited\n", encoding="utf-8")
    assert schema_digest("test") != SCHEMA
