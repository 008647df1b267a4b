"""The published figures of the ground-truth reports, as facts (for warehouse tests that do not
need the extractor) and as cells (to compare what was loaded, cell by cell)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from pipeline.core.facts import Extraction, Fact
from pipeline.core.figures import figure_cells

# (agency code, year) -> truth file under the fixtures folder, and the real PDF when there is one.
TRUTHS = {
    ("mfa", 2020): ("spec/truth-mfa-2020.json", None),
    ("huaian-hongze", 2023): ("realworld/hongze-2023.truth.json", "realworld/hongze-2023.pdf"),
    ("huaian-hongze", 2024): ("realworld/hongze-2024.truth.json", "realworld/hongze-2024.pdf"),
}


def truth_cells(path: Path) -> dict[tuple[str, str, str], Decimal | None]:
    truth = json.loads(path.read_text(encoding="utf-8"))
    return figure_cells(truth, truth["columns"])


def table_cells(path: Path, table: str) -> dict[tuple[str, str], Decimal | None]:
    """One table's published cells (``requests``, ``review`` or ``proactive``), keyed by row and
    column as the facts of that table read alone are."""
    return {(row, column): value for (kind, row, column), value in truth_cells(path).items() if kind == table}


def truth_extraction(path: Path) -> Extraction:
    truth = json.loads(path.read_text(encoding="utf-8"))
    facts = [
        Fact(table=t, row=r, column=c, value=v, page=1, raw="" if v is None else str(v), label=r)
        for (t, r, c), v in truth_cells(path).items()
    ]
    return Extraction(
        template=truth["report"]["template"],
        pages=1,
        facts=facts,
        table_pages={"requests": [1], "review": [1], "proactive": [1]},
        notes=[],
    )
