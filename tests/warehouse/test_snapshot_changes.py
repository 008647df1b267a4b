"""Every snapshot carries its changes since the one before: facts added, changed and removed, reports
added, revised and removed, as Parquet and as CHANGES.md; its manifest names that snapshot. Real
builds of the published figures, real snapshots, the delta read back with DuckDB."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from test_incremental import catalog_of, refresh
from warehouse_support import stage, truth_extractions, with_value

from pipeline.site import publish_site, write_site
from pipeline.warehouse.snapshot import write_snapshot

HZ23 = ("huaian-hongze", 2023)
# Three figures of 洪泽区's 2023 report corrected in a new file: two values, one cell now blank.
CORRECTED = {
    ("requests", "new_requests", "total"): 96,
    ("review", "administrative_review", "total"): 11,
    ("proactive", "normative_documents", "repealed"): None,
}
TABLE_OF = {"requests": "request_facts", "review": "review_facts", "proactive": "proactive_facts"}


def changes(folder: Path, name: str) -> list[dict]:
    rel = duckdb.sql(f"SELECT * FROM read_parquet('{folder / 'changes' / name}')")
    return [dict(zip(rel.columns, row)) for row in rel.fetchall()]


def changed_on_page(page: str) -> str:
    """The "what changed" section of a dataset page."""
    return re.search(r'<section id="changes">(.*?)</section>', page, flags=re.S).group(1)


def manifest(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def truths(fixtures: Path) -> dict:
    return truth_extractions(fixtures)


def test_a_snapshot_lists_what_changed_since_the_one_before(tmp_path: Path, truths: dict) -> None:
    data, snapshots = tmp_path / "data", tmp_path / "data" / "snapshots"
    for key in (("mfa", 2020), HZ23):
        stage(data / "staging", *key, truths[key])
    refresh(data, catalog_of({"mfa": [2020], "huaian-hongze": [2023, 2024]}))
    first = write_snapshot(data / "warehouse.duckdb", snapshots, name="2026-11-28T020000Z")
    assert first is not None
    assert manifest(first)["previous"] is None
    assert changes(first, "facts.parquet") == [] and changes(first, "reports.parquet") == []
    assert "first snapshot: it has no predecessor" in (first / "CHANGES.md").read_text(encoding="utf-8")

    # A new file of the 2023 report with three figures corrected, and the 2024 report added.
    old = {(f.table, f.row, f.column): f for f in truths[HZ23].facts}
    corrected = truths[HZ23]
    for cell, value in CORRECTED.items():
        assert old[cell].value != value
        corrected = with_value(corrected, cell, value)
    stage(data / "staging", *HZ23, corrected, version=2)
    stage(data / "staging", "huaian-hongze", 2024, truths[("huaian-hongze", 2024)])
    refresh(data, catalog_of({"mfa": [2020], "huaian-hongze": [2023, 2024]}))
    second = write_snapshot(
        data / "warehouse.duckdb",
        snapshots,
        name="2026-11-29T020000Z",
        page=lambda folder: write_site(data / "warehouse.duckdb", folder, in_snapshot=True, snapshot=folder),
    )
    assert second is not None
    assert manifest(second)["previous"]["snapshot"] == first.name
    for name in ("facts.parquet", "reports.parquet"):  # the first's files have the same columns, no row
        described = [duckdb.sql(f"DESCRIBE FROM '{s / 'changes' / name}'").fetchall() for s in (first, second)]
        assert described[0] == described[1], name

    facts = changes(second, "facts.parquet")
    changed = [f for f in facts if f["change"] == "changed"]
    assert sorted(
        (f["fact_table"], f["agency"], f["year"], f["row_code"], f["column_code"]) for f in changed
    ) == sorted((TABLE_OF[t], *HZ23, row, column) for t, row, column in CORRECTED)
    for f in changed:
        cell = next(
            c for c in CORRECTED if (TABLE_OF[c[0]], c[1], c[2]) == (f["fact_table"], f["row_code"], f["column_code"])
        )
        assert (f["old_value"], f["old_raw"]) == (old[cell].value, old[cell].raw)
        new = CORRECTED[cell]
        assert (f["new_value"], f["new_raw"]) == (
            None if new is None else Decimal(new),
            "" if new is None else str(new),
        )
    added = [f for f in facts if f["change"] == "added"]
    assert {(f["agency"], f["year"]) for f in added} == {("huaian-hongze", 2024)}
    assert len(added) == len(truths[("huaian-hongze", 2024)].facts)
    assert not [f for f in facts if f["change"] == "removed"]

    reports = changes(second, "reports.parquet")
    assert [(r["change"], r["agency"], r["year"], r["facts_changed"]) for r in reports] == [
        ("revised", *HZ23, 3),
        ("added", "huaian-hongze", 2024, 0),
    ]
    revised = reports[0]
    assert revised["old_sha256"] != revised["new_sha256"] and None not in (revised["old_sha256"], revised["new_sha256"])
    assert manifest(second)["changes"]["facts"] == {"added": len(added), "changed": 3, "removed": 0}
    assert manifest(second)["changes"]["reports"] == {"added": 1, "revised": 1, "removed": 0}
    text = (second / "CHANGES.md").read_text(encoding="utf-8")
    assert f"# Changes since snapshot {first.name}" in text
    assert "- facts: " + f"{len(added)} added, 3 changed, 0 removed" in text
    assert "| request_facts | huaian-hongze | 2023 | new_requests | total |" in text
    assert "| blank |" in text  # the cell now printed blank

    # The dataset page, in the snapshot and as `ogi report` writes it, shows what changed.
    site = publish_site(data / "warehouse.duckdb", tmp_path / "site", snapshot=snapshots / "latest")
    for page in (second / "index.html", site.index):
        shown = changed_on_page(page.read_text(encoding="utf-8"))
        assert f"Since the previous snapshot, <code>{first.name}</code>" in shown
        assert f"facts: {len(added)} added, 3 changed, 0 removed" in shown
        assert "reports: 1 added, 1 revised (the publisher's file changed), 0 removed" in shown
        rows = re.findall(r"<td><code>(\w+)</code></td><td><code>(\w+)</code></td><td><code>(\w+)</code></td>", shown)
        assert sorted(rows) == sorted((TABLE_OF[t], row, column) for t, row, column in CORRECTED)
        assert 'blank <span class="raw">printed “”</span>' in shown
    nothing = publish_site(data / "warehouse.duckdb", tmp_path / "other", snapshot=tmp_path / "no-snapshots" / "latest")
    assert "No snapshot of the data has been made yet" in changed_on_page(nothing.index.read_text(encoding="utf-8"))
    older = tmp_path / "older-snapshot"  # as a snapshot written before they carried their changes
    older.mkdir()
    (older / "manifest.json").write_text(json.dumps({"created_at": "2026-11-01T00:00:00+00:00"}), encoding="utf-8")
    before = publish_site(data / "warehouse.duckdb", tmp_path / "before", snapshot=older)
    assert "was written before snapshots recorded what changed" in changed_on_page(
        before.index.read_text(encoding="utf-8")
    )

    # No change: no snapshot, and latest stays the second.
    refresh(data, catalog_of({"mfa": [2020], "huaian-hongze": [2023, 2024]}))
    assert write_snapshot(data / "warehouse.duckdb", snapshots, name="2026-11-30T020000Z") is None
    assert (snapshots / "latest").resolve() == second

    # A report removed from the catalog: it and its facts are removed in the next snapshot.
    refresh(data, catalog_of({"huaian-hongze": [2023, 2024]}))
    third = write_snapshot(data / "warehouse.duckdb", snapshots, name="2026-12-01T020000Z")
    assert third is not None and manifest(third)["previous"]["snapshot"] == second.name
    assert [(r["change"], r["agency"], r["year"]) for r in changes(third, "reports.parquet")] == [
        ("removed", "mfa", 2020)
    ]
    removed = changes(third, "facts.parquet")
    assert {(f["change"], f["agency"]) for f in removed} == {("removed", "mfa")}
    assert len(removed) == len(truths[("mfa", 2020)].facts)
