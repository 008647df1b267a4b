"""Published figures in the shape of the ground-truth files, cell by cell.

``{"requests": {outcome: [7 values]}, "review": {proceeding: [5 values]}, "proactive": {item:
{measure: value}}}``, list positions in the column order of ``codes.csv``; used to check an
extraction against figures known in advance (truth files, replica content).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pipeline.core.codes import codes
from pipeline.core.facts import Extraction

Cell = tuple[str, str, str]
COLUMNS = {
    "requests": [c.code for c in codes("requests", "applicant")],
    "review": [c.code for c in codes("review", "result")],
}


def figure_cells(figures: dict[str, Any], columns: dict[str, list[str]] | None = None) -> dict[Cell, Decimal | None]:
    """One entry per published cell; ``None`` for a cell published blank. ``columns`` names the
    list positions of requests and review (default: the order of ``codes.csv``)."""
    cells: dict[Cell, Decimal | None] = {}
    for table, names in (columns or COLUMNS).items():
        for row, values in figures[table].items():
            for column, value in zip(names, values, strict=True):
                cells[(table, row, column)] = None if value is None else Decimal(str(value))
    for item, measures in figures["proactive"].items():
        for measure, value in measures.items():
            cells[("proactive", item, measure)] = None if value is None else Decimal(str(value))
    return cells


def mismatches(extraction: Extraction, expected: dict[Cell, Decimal | None]) -> list[str]:
    """Every cell where the extraction differs from the expected figures (missing, extra, wrong)."""
    got = {(f.table, f.row, f.column): f for f in extraction.facts}
    problems = []
    for cell, value in sorted(expected.items()):
        fact = got.get(cell)
        if fact is None:
            problems.append(f"{cell}: missing (expected {value})")
        elif fact.value != value:
            problems.append(f"{cell}: got {fact.value} from {fact.raw!r} on page {fact.page}, expected {value}")
    problems += [f"{cell}: not published, got {got[cell].value}" for cell in sorted(set(got) - set(expected))]
    return problems
