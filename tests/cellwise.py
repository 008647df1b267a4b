"""Comparing an extraction with figures in the ground-truth shape, cell by cell."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pipeline.facts import Extraction

Cell = tuple[str, str, str]


def truth_cells(figures: dict[str, Any], columns: dict[str, list[str]]) -> dict[Cell, Decimal | None]:
    """``{"requests": {row: [values]}, "review": {row: [values]}, "proactive": {item: {measure: value}}}``
    → one entry per cell; ``columns`` names the list positions of requests and review."""
    cells: dict[Cell, Decimal | None] = {}
    for table in ("requests", "review"):
        for row, values in figures[table].items():
            for column, value in zip(columns[table], values, strict=True):
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
