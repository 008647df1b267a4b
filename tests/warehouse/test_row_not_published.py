"""A report whose table 二 prints 第二十条第（一）项 without the row 规章 (农业农村局's page on 2025, read
by the extractor) loads: the row's cells NULL (never 0), one row_not_published issue naming the row,
and the warehouse's integrity holds."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
from warehouse_support import build, loaded_cells, query

from pipeline.extract import extract_report
from pipeline.extract.templates import required_cells as template_cells
from pipeline.warehouse.quality import integrity_problems

KEY = ("pingtan", 2025)


def test_a_row_not_printed_loads_as_null_cells_with_one_issue(tmp_path, fixtures: Path) -> None:
    extraction = extract_report(fixtures / "realworld" / "pingtan-agriculture-2025.html")

    warehouse = build(tmp_path, {KEY: extraction})

    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        assert integrity_problems(con, lambda template, _: template_cells(template, template == "2021")) == []
    finally:
        con.close()
    cells = loaded_cells(warehouse, *KEY)
    assert [cells[("proactive", "rules", m)] for m in ("issued", "repealed", "in_force")] == [None] * 3
    assert cells[("proactive", "normative_documents", "in_force")] == 28
    issues = query(
        warehouse,
        "SELECT check_name, subject, message, cells FROM quality_issues WHERE check_name = 'row_not_published'",
    )
    assert [issue[:2] for issue in issues] == [("row_not_published", "rules")]
    [(_, _, message, listed)] = issues
    assert "table 1" in message and "3 cells are NULL" in message
    assert [(c["row"], c["column"], c["value"], c["raw"]) for c in json.loads(listed)] == [
        ("rules", "in_force", None, ""),
        ("rules", "issued", None, ""),
        ("rules", "repealed", None, ""),
    ]
