"""A data folder staged by an older version: facts files without the columns added since
(first_seen, confidence, doubt) still build, reading those columns as NULL."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pyarrow.parquet as pq
from warehouse_support import build_staged, query, stage, truth_extractions

from pipeline.core.facts import Extraction, Fact

ADDED = ("first_seen", "confidence", "doubt")
# An old-style report (legacy_facts are read by a statement of their own).
LEGACY = Extraction(
    "legacy", 1, [Fact("legacy", "applications", "year", Decimal(12), 1, "12", "收到申请", unit="件")], {}, []
)


def test_facts_staged_before_first_seen_and_confidence_build(tmp_path: Path, fixtures: Path) -> None:
    staging = tmp_path / "staging"
    extractions = truth_extractions(fixtures)
    for (agency, year), extraction in extractions.items():
        stage(staging, agency, year, extraction)
    stage(staging, "mfa", 2012, LEGACY)
    for path in staging.rglob("*.parquet"):
        table = pq.read_table(path)
        pq.write_table(table.drop_columns([c for c in ADDED if c in table.column_names]), path)
        assert not set(ADDED) & set(pq.read_schema(path).names)

    warehouse = build_staged(staging, tmp_path / "warehouse.duckdb")

    loaded = query(
        warehouse,
        "SELECT agency, year, count(*), count(confidence), min(first_seen) = max(first_seen), "
        "strftime(min(first_seen), '%Y-%m-%d') FROM request_facts GROUP BY ALL ORDER BY ALL",
    )
    staged = {(a, y): sum(f.table == "requests" for f in e.facts) for (a, y), e in extractions.items()}
    # Every fact loaded, none read by OCR, each first seen when its version was (the stage date).
    assert loaded == [(a, y, n, 0, True, "2026-01-01") for (a, y), n in sorted(staged.items())]
    assert query(warehouse, "SELECT year, indicator, value, unit, confidence FROM legacy_facts") == [
        (2012, "applications", Decimal(12), "件", None)
    ]
