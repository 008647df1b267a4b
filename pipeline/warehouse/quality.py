"""The checks of the warehouse, as pure functions over a DuckDB connection.

Published consistency and year-to-year continuity are warnings: the figures stay exactly as
published and every failure is recorded in ``quality_issues``. Integrity problems are errors:
a warehouse that has any is never published. Freshness says which reports are overdue.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import duckdb
import pyarrow as pa

from pipeline.core.facts import NOT_PUBLISHED, OCR_MIN_CONFIDENCE, ROW_NOT_PUBLISHED
from pipeline.warehouse.sql import statement

CONSISTENCY_CHECKS = ("requests_balance", "requests_outcome_total", "requests_applicant_total", "review_total")
# A report published twice (its PDF and the web page with the same tables) whose copies differ:
# recorded from the staged comparison (``pipeline.extract.compare``) as the report is loaded.
WITNESS_CHECK = "pdf_page_mismatch"
# A cell of a scanned report that OCR could not read with confidence: NULL, named with its page.
UNREADABLE_CHECK = "unreadable_cell"
CONTINUITY_CHECKS = ("carryover",)
# An old-style report whose statistics table and text give one measure two different figures.
LEGACY_CHECK = "legacy_text_table"
# Totals published blank while their parts are published: not compared (blank is not zero), and
# recorded once per report under this name, reported with published consistency.
BLANK_TOTALS_CHECK = "total_not_published"
# A table the report replaced by a sentence: its cells NULL (doubt ``NOT_PUBLISHED``), recorded
# once per report and table; no check compares them, and no asset check fails for it.
NOT_PUBLISHED_CHECK = "table_not_published"
# A row of table 二 the report prints its part without (规章): its cells NULL (doubt
# ``ROW_NOT_PUBLISHED``), recorded once per report and row; no check compares them.
ROW_NOT_PUBLISHED_CHECK = "row_not_published"
INTEGRITY_CHECKS = ("duplicate_keys", "unknown_codes", "orphan_facts", "required_cells")

Cell = tuple[str, str, str]  # table, row code, column code
# (template, the cells a report published) -> the cells it must publish
RequiredCells = Callable[[str, set[Cell]], Iterable[Cell]]


@dataclass(frozen=True)
class Issue:
    """A published figure that does not add up (kept as published, recorded in quality_issues)."""

    agency: str
    year: int
    check_name: str
    severity: str
    subject: str
    published: Decimal | None
    computed: Decimal | None
    message: str
    cells: str  # JSON list of the cells involved

    def record(self) -> dict[str, object]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Problem:
    """An integrity error: the warehouse holding it must not be published."""

    agency: str
    year: int
    problem: str

    def __str__(self) -> str:
        return f"{self.agency} {self.year}: {self.problem}"


# Reports checked per statement: each check's joins and groups stay small (bounded memory, and
# DuckDB skips the row groups of other reports, loaded in key order), whatever the number of reports.
SCOPE_CHUNK = 10_000


def scope_chunks(con: duckdb.DuckDBPyConnection, keys: Iterable[tuple[str, int]] | None = None) -> Iterator[None]:
    """Set ``check_scope`` to each chunk of ``keys`` (or of every loaded report) in turn, for the
    checks to run on while it is set; at least once, so a check of no report still runs."""
    if keys is None:
        keys = con.execute(statement("read/loaded_reports")).fetchall()
    keys = sorted(keys)
    for start in range(0, max(len(keys), 1), SCOPE_CHUNK):
        chunk = keys[start : start + SCOPE_CHUNK]
        con.register(
            "check_scope",
            pa.table(
                {
                    "agency": pa.array([a for a, _ in chunk], pa.string()),
                    "year": pa.array([y for _, y in chunk], pa.int32()),
                }
            ),
        )
        yield


def record_issues(con: duckdb.DuckDBPyConnection, keys: Iterable[tuple[str, int]] | None = None) -> None:
    """Insert into ``quality_issues`` every consistency and continuity failure of the reports
    ``keys`` (by default every loaded report), in SQL over a chunk of them at a time."""
    # A cell OCR could not read is not checkable: every check leaves out the sums it is part of.
    unreadable = {"min_confidence": OCR_MIN_CONFIDENCE}
    not_published = {"not_published": NOT_PUBLISHED}
    for _ in scope_chunks(con, keys):
        for name in (*CONSISTENCY_CHECKS, BLANK_TOTALS_CHECK, UNREADABLE_CHECK):
            con.execute(statement(f"checks/{name}"), unreadable)
        for name in CONTINUITY_CHECKS:  # figures printed on both sides only
            con.execute(statement(f"checks/{name}"))
        con.execute(statement(f"checks/{NOT_PUBLISHED_CHECK}"), not_published)
        con.execute(statement(f"checks/{ROW_NOT_PUBLISHED_CHECK}"), {"row_not_published": ROW_NOT_PUBLISHED})
        con.execute(statement(f"checks/{LEGACY_CHECK}"))


ISSUES = pa.schema(
    [
        ("agency", pa.string()),
        ("year", pa.int32()),
        ("check_name", pa.string()),
        ("severity", pa.string()),
        ("subject", pa.string()),
        ("published", pa.decimal128(18, 2)),
        ("computed", pa.decimal128(18, 2)),
        ("message", pa.string()),
        ("cells", pa.string()),
    ]
)


def witness_issues(reports: Iterable[Any]) -> pa.Table:
    """Every cell where a staged report's PDF (loaded) and its web page (the witness) differ, as
    rows of ``quality_issues``; ``reports`` are staged reports with their ``disagreements``."""
    rows = []
    for report in reports:
        for cell in report.disagreements:
            loaded, witness = cell["loaded"], cell["witness"]
            rows.append(
                {
                    "agency": report.agency,
                    "year": report.year,
                    "check_name": WITNESS_CHECK,
                    "severity": "WARN",
                    "subject": f"{cell['table']}.{cell['row']}.{cell['column']}",
                    "published": _decimal(loaded["value"]),
                    "computed": _decimal(witness["value"]),
                    "message": f"{cell['table']} {cell['row']} × {cell['column']}: the PDF has {loaded['raw']!r} (page "
                    f"{loaded['page']}) but the web page has {witness['raw']!r} ({witness['locator']})",
                    "cells": json.dumps(
                        [{"source": "pdf", **loaded}, {"source": "web page", **witness}], ensure_ascii=False
                    ),
                }
            )
    return pa.Table.from_pylist(rows, schema=ISSUES)


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _issues(con: duckdb.DuckDBPyConnection, names: Iterable[str]) -> list[Issue]:
    names = set(names)
    return [
        Issue(agency, year, check_name, severity, subject, published, computed, message, cells)
        for agency, year, check_name, severity, subject, published, computed, message, cells in con.execute(
            statement("read/quality_issues")
        ).fetchall()
        if check_name in names
    ]


def consistency_issues(con: duckdb.DuckDBPyConnection) -> list[Issue]:
    """Totals of tables 三 and 四 that differ from the sum of their parts, per report (as recorded)."""
    return _issues(con, CONSISTENCY_CHECKS)


def blank_total_issues(con: duckdb.DuckDBPyConnection) -> list[Issue]:
    """Per report, the totals published blank while the figures they add up are published."""
    return _issues(con, (BLANK_TOTALS_CHECK,))


def not_published_issues(con: duckdb.DuckDBPyConnection) -> list[Issue]:
    """Per report, each table it replaced by a sentence (its cells NULL)."""
    return _issues(con, (NOT_PUBLISHED_CHECK,))


def continuity_issues(con: duckdb.DuckDBPyConnection) -> list[Issue]:
    """Requests carried over into a year that differ from those carried forward out of the year
    before (as recorded)."""
    return _issues(con, CONTINUITY_CHECKS)


def issue_counts(con: duckdb.DuckDBPyConnection, shown: int = 20) -> dict[str, tuple[int, list[str]]]:
    """Per check: how many issues the warehouse records, and the first ``shown`` of them."""
    return {
        name: (count, list(first))
        for name, count, first in con.execute(statement("read/issue_counts"), {"shown": shown}).fetchall()
    }


def required_cells(template: str, present: set[Cell]) -> set[Cell]:
    """The cells a report of ``template`` must publish, given those it did (a 2021 report that
    published a sub-row of （六）其他处理 must publish all three instead of the row)."""
    from pipeline.extract.templates import OTHER_HANDLING_PARTS
    from pipeline.extract.templates import required_cells as template_cells

    split = template == "2021" and any(("requests", part, "total") in present for part in OTHER_HANDLING_PARTS)
    return template_cells(template, split)


def _register_required(con: duckdb.DuckDBPyConnection, required_cells: RequiredCells) -> None:
    from pipeline.extract.templates import OTHER_HANDLING_PARTS, TEMPLATES

    split_marker = {("requests", OTHER_HANDLING_PARTS[0], "total")}
    rows = [
        (template, split, *cell)
        for template in TEMPLATES
        for split in ((False, True) if template == "2021" else (False,))
        for cell in required_cells(template, split_marker if split else set())
    ]
    names = ("template", "split", "tbl", "row", "column")
    con.register("required_cells", pa.table({n: [r[i] for r in rows] for i, n in enumerate(names)}))


def integrity_problems(
    con: duckdb.DuckDBPyConnection,
    required_cells: RequiredCells,
    previous_reports: Iterable[tuple[str, int]] = (),
    removed: Iterable[tuple[str, int]] = (),
    scope: Iterable[tuple[str, int]] | None = None,
) -> list[Problem]:
    """Unique keys, known codes, every required cell present (for the reports in ``scope``, by
    default all), and no report of the previous warehouse lost unless ``removed`` on purpose."""
    _register_required(con, required_cells)
    try:
        problems = [
            Problem(agency, year, problem)
            for _ in scope_chunks(con, scope)
            for name in INTEGRITY_CHECKS
            for agency, year, problem in con.execute(statement(f"integrity/{name}")).fetchall()
        ]
    finally:
        con.unregister("required_cells")
    loaded = set(con.execute(statement("read/loaded_reports")).fetchall())
    for agency, year in sorted(set(previous_reports) - loaded - set(removed)):
        problems.append(
            Problem(
                agency,
                year,
                "the report was in the previous warehouse and has disappeared "
                "(its agency and year are still in the catalog)",
            )
        )
    return sorted(problems, key=lambda p: (p.agency, p.year))


def overdue_in_warehouse(con: duckdb.DuckDBPyConnection, today: date) -> list[tuple[str, int]]:
    """(agency, year) reports missing after their legal deadline (``report_due_date``) on
    ``today``, from each agency's first loaded year (an agency with nothing loaded is not covered
    yet, not late): the warehouse's ``overdue_reports_on`` macro."""
    return [
        (agency, year)
        for agency, year, _, _ in con.execute(statement("read/overdue_reports"), {"today": today}).fetchall()
    ]
