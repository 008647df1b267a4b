"""The checks of the warehouse, as pure functions over a DuckDB connection.

Published consistency and year-to-year continuity are warnings: the figures stay exactly as
published and every failure is recorded in ``quality_issues``. Integrity problems are errors:
a warehouse that has any is never published. Freshness says which reports are overdue.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import duckdb

from pipeline.warehouse.sql import statement

CONSISTENCY_CHECKS = ("requests_balance", "requests_outcome_total", "requests_applicant_total", "review_total")
CONTINUITY_CHECKS = ("carryover",)
INTEGRITY_CHECKS = ("duplicate_keys", "unknown_codes", "orphan_facts")

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


def _issues(con: duckdb.DuckDBPyConnection, names: Iterable[str]) -> list[Issue]:
    found = []
    for name in names:
        for row in con.execute(statement(f"checks/{name}")).fetchall():
            agency, year, check_name, subject, published, computed, message, cells = row
            found.append(Issue(agency, year, check_name, "WARN", subject, published, computed, message, cells))
    return found


def consistency_issues(con: duckdb.DuckDBPyConnection) -> list[Issue]:
    """Totals of tables 三 and 四 that differ from the sum of their parts, per report."""
    return _issues(con, CONSISTENCY_CHECKS)


def continuity_issues(con: duckdb.DuckDBPyConnection) -> list[Issue]:
    """Requests carried over into a year that differ from those carried forward out of the year before."""
    return _issues(con, CONTINUITY_CHECKS)


def integrity_problems(
    con: duckdb.DuckDBPyConnection,
    required_cells: RequiredCells,
    previous_reports: Iterable[tuple[str, int]] = (),
) -> list[Problem]:
    """Unique keys, known codes, every required cell present, no previously loaded report lost."""
    problems = [
        Problem(agency, year, problem)
        for name in INTEGRITY_CHECKS
        for agency, year, problem in con.execute(statement(f"integrity/{name}")).fetchall()
    ]
    reports = {(agency, year): template for agency, year, template, _ in con.execute(statement("read/report_keys")).fetchall()}
    present: dict[tuple[str, int], set[Cell]] = {key: set() for key in reports}
    for agency, year, table, row, column in con.execute(statement("read/fact_cells")).fetchall():
        present.setdefault((agency, year), set()).add((table, row, column))
    for (agency, year), template in sorted(reports.items()):
        missing = sorted(set(required_cells(template, present[(agency, year)])) - present[(agency, year)])
        if missing:
            shown = ", ".join("/".join(cell) for cell in missing[:5])
            more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
            problems.append(Problem(agency, year, f"{len(missing)} required cells missing: {shown}{more}"))
    for agency, year in sorted(set(previous_reports) - set(reports)):
        problems.append(Problem(agency, year, "the report was in the previous warehouse and has disappeared"))
    return problems


def deadline(year: int) -> date:
    """The legal deadline for the report on ``year``: 31 January of the next year."""
    return date(year + 1, 1, 31)


def overdue_reports(loaded: Iterable[tuple[str, int]], agencies: Iterable[str], today: date) -> list[tuple[str, int]]:
    """(agency, year) reports missing after their deadline, from each agency's first loaded year.

    An agency the warehouse holds nothing of is not covered yet rather than late: most catalog
    agencies have no listing known, and an offline run loads only the bundled sample, so counting
    them would bury the real gaps. ``ogi catalog`` shows which agencies are not covered.
    """
    loaded = set(loaded)
    latest_due = today.year - 1 if today > deadline(today.year - 1) else today.year - 2
    overdue = []
    for agency in sorted(agencies):
        years = [year for a, year in loaded if a == agency]
        if years:
            overdue += [(agency, year) for year in range(min(years), latest_due + 1) if (agency, year) not in loaded]
    return overdue
