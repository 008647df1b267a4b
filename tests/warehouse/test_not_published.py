"""A report whose table 三 or 四 is replaced by a sentence loads: its other tables as published, the
missing table's cells NULL with the sentence (never 0), one table_not_published issue, and no
check (sums, blank totals, the carry-over across years) counting those cells. Before, the
carry-over check took the missing 二 (carried over) for 0."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import duckdb
import pytest
from warehouse_support import build, loaded_cells, query, truth_extractions, with_value

from pipeline.core.facts import NOT_PUBLISHED, Extraction, NotPublished
from pipeline.extract.templates import required_cells as template_cells
from pipeline.warehouse.quality import integrity_problems

HZ23, HZ24 = ("huaian-hongze", 2023), ("huaian-hongze", 2024)
NO_REQUESTS = "本年度未收到政府信息公开申请。"
NO_REVIEW = "本机关本年度未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。"


def not_published(extraction: Extraction, table: str, sentence: str) -> Extraction:
    """``extraction`` with ``table`` replaced by ``sentence`` on page 3, as the extractor gives it."""
    missing = NotPublished(table, sentence, 3)
    cells = [
        dataclasses.replace(f, value=None, raw=sentence, label="", page=3, doubt=NOT_PUBLISHED)
        for f in extraction.facts
        if f.table == table
    ]
    others = [f for f in extraction.facts if f.table != table]
    return dataclasses.replace(extraction, facts=others + cells, not_published=[missing])


@pytest.fixture(scope="module")
def truths(fixtures: Path) -> dict:
    return truth_extractions(fixtures)


def test_a_table_not_published_loads_as_null_cells_with_one_issue(tmp_path, truths) -> None:
    # 2023 carried 3 requests forward; 2024 publishes no table 三 to say how many it carried over.
    before = truths[HZ23]
    for column in ("natural_person", "total"):
        new = next(f.value for f in before.facts if (f.row, f.column) == ("new_requests", column))
        before = with_value(before, ("requests", "new_requests", column), int(new) + 3)
        before = with_value(before, ("requests", "carried_forward", column), 3)
    reports = {
        HZ23: not_published(before, "review", NO_REVIEW),
        HZ24: not_published(truths[HZ24], "requests", NO_REQUESTS),
    }

    warehouse = build(tmp_path, reports)

    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        assert integrity_problems(con, lambda template, _: template_cells(template, False)) == []
    finally:
        con.close()
    issues = query(warehouse, "SELECT agency, year, check_name, subject, message, cells FROM quality_issues")
    # Before: the 2023 review totals (as printed) and a carry-over of 3 against the missing 二 as 0.
    assert {issue[:4] for issue in issues} == {
        (*HZ23, "table_not_published", "review"),
        (*HZ24, "table_not_published", "requests"),
    }
    [(*_, message, cells)] = [issue for issue in issues if issue[:2] == HZ24]
    assert NO_REQUESTS in message and "page 3" in message
    assert json.loads(cells) == [
        {
            "table": "requests",
            "row": None,
            "column": None,
            "value": None,
            "page": 3,
            "locator": None,
            "raw": NO_REQUESTS,
        }
    ]
    for (agency, year), table in ((HZ23, "review"), (HZ24, "requests")):
        cells = loaded_cells(warehouse, agency, year)
        assert {v for (t, _, _), v in cells.items() if t == table} == {None}
        printed = {(f.table, f.row, f.column): f.value for f in reports[agency, year].facts if f.table != table}
        assert {cell: v for cell, v in cells.items() if cell[0] != table} == printed
    rows = query(warehouse, "SELECT DISTINCT raw, doubt FROM request_facts WHERE agency = ? AND year = ?", list(HZ24))
    assert rows == [(NO_REQUESTS, NOT_PUBLISHED)]
    comparison = query(
        warehouse,
        "SELECT new_requests, handled, reconsiderations FROM agency_comparison WHERE agency = ? AND year = ?",
        list(HZ24),
    )
    assert comparison[0][:2] == (None, None)
