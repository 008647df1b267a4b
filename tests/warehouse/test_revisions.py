"""Which cells a new version changes, and since when each figure has been published so."""

from __future__ import annotations

from decimal import Decimal

import pyarrow as pa

from pipeline.warehouse.revisions import cell_changes, first_seen
from pipeline.warehouse.staging import FACTS_SCHEMA, STAGED_FACTS


def facts(cells: dict[tuple[str, str, str], str | None], since: list[str] | None = None) -> pa.Table:
    rows = [
        {
            "table": t,
            "row": r,
            "column": c,
            "value": None if raw in (None, "") else Decimal(raw.replace(",", "")),
            "page": 1,
            "raw": raw or "",
            "label": r,
            "label_score": 100.0,
            "locator": None,
            "confidence": None,
        }
        for (t, r, c), raw in cells.items()
    ]
    if since is None:
        return pa.Table.from_pylist(rows, schema=FACTS_SCHEMA)
    return pa.Table.from_pylist([row | {"first_seen": s} for row, s in zip(rows, since)], schema=STAGED_FACTS)


GRANTED, DENIED, FEES, UPHELD = (
    ("requests", "granted", "total"),
    ("requests", "denied", "total"),
    ("proactive", "administrative_fees", "previous_year_items"),
    ("review", "administrative_review", "upheld"),
)


def test_a_cell_changes_when_its_figure_differs_or_only_one_version_has_it() -> None:
    old = facts({GRANTED: "1,234", DENIED: "3", FEES: "2", UPHELD: "1"})
    new = facts({GRANTED: "1234", DENIED: "", FEES: "5", ("review", "administrative_review", "pending"): "0"})
    assert [(c["table"], c["row"], c["column"], c["change"]) for c in cell_changes(old, new)] == [
        ("proactive", "administrative_fees", "previous_year_items", "changed"),
        ("requests", "denied", "total", "changed"),  # printed blank now: NULL, a change
        ("review", "administrative_review", "pending", "added"),
        ("review", "administrative_review", "upheld", "removed"),
    ]  # 1,234 and 1234 are the same figure
    denied = next(c for c in cell_changes(old, new) if c["row"] == "denied")
    assert (denied["old_value"], denied["new_value"], denied["old_raw"], denied["new_raw"]) == ("3.00", None, "3", "")
    upheld = next(c for c in cell_changes(old, new) if c["change"] == "removed")
    assert (upheld["old_value"], upheld["new_value"], upheld["new_raw"]) == ("1.00", None, None)
    assert cell_changes(old, old) == []


def test_a_figure_keeps_the_time_it_was_first_published_so() -> None:
    old = facts({GRANTED: "1", DENIED: "3", FEES: "2"}, ["2024-01-01", "2024-06-01", None])
    new = facts({DENIED: "4", GRANTED: "1", FEES: "2", UPHELD: "0"})
    assert first_seen(new, "2025-01-01", old, "2023-12-01") == ["2025-01-01", "2024-01-01", "2023-12-01", "2025-01-01"]
    # The same bytes read again (a new extractor): the publisher changed nothing.
    assert first_seen(new, "2025-01-01", old, "2023-12-01", same_bytes=True) == [
        "2024-06-01",
        "2024-01-01",
        "2023-12-01",
        "2025-01-01",
    ]
    assert first_seen(new, "2025-01-01") == ["2025-01-01"] * 4
