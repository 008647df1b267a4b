"""Two witnesses of one report: the facts read from its PDF and from the web page that publishes
the same tables, compared cell by cell."""

from __future__ import annotations

from typing import Any

from pipeline.core.facts import Extraction, Fact


def _side(fact: Fact | None) -> dict[str, Any]:
    if fact is None:
        return {"value": None, "page": None, "locator": None, "raw": None}
    value = None if fact.value is None else str(fact.value)
    return {"value": value, "page": fact.page, "locator": fact.locator, "raw": fact.raw}


def disagreements(loaded: Extraction, witness: Extraction) -> list[dict[str, Any]]:
    """Every cell whose value differs between the two (a cell only one of them publishes too),
    with the provenance of both sides: ``{"table", "row", "column", "loaded", "witness"}``. Only
    the cells of tables are compared: an old-style report's figures stated in its text are not
    cells, and a page's text need not be its PDF's."""
    ours = {(f.table, f.row, f.column): f for f in loaded.facts if f.sentence is None}
    theirs = {(f.table, f.row, f.column): f for f in witness.facts if f.sentence is None}
    found = []
    for cell in sorted(ours.keys() | theirs.keys()):
        a, b = ours.get(cell), theirs.get(cell)
        if a is None or b is None or a.value != b.value:
            table, row, column = cell
            found.append({"table": table, "row": row, "column": column, "loaded": _side(a), "witness": _side(b)})
    return found
