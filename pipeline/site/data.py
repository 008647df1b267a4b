"""What the dataset page shows, read from the published warehouse (read-only) into plain values."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

from pipeline.warehouse.quality import overdue_in_warehouse
from pipeline.warehouse.sql import statement

# The six parts of the requests handled, in published order, with the labels the page uses.
OUTCOME_PARTS = {
    "granted": ("予以公开", "disclosed"),
    "partially_granted": ("部分公开", "partially disclosed"),
    "denied": ("不予公开", "denied"),
    "unable": ("无法提供", "unable to provide"),
    "not_processed": ("不予处理", "not processed"),
    "other_handling": ("其他处理", "other handling"),
}
PROCEEDINGS = {"administrative_review": ("行政复议", "reconsideration"), "litigation": ("行政诉讼", "litigation")}
RESULTS = {
    "upheld": ("维持", "upheld"),
    "corrected": ("纠正", "corrected"),
    "other": ("其他", "other"),
    "pending": ("尚未审结", "pending"),
}


@dataclass(frozen=True)
class Report:
    agency: str
    year: int
    kind: str  # original | replica
    source_url: str | None
    sha256: str
    template: str
    pages: int


@dataclass
class AgencyYear:
    """One loaded report's figures for the trend charts (None where the cell was published blank)."""

    new_requests: Decimal | None = None
    total_processed: Decimal | None = None
    # The first year of the national template after old-style years: what is counted changes here.
    series_break: bool = False
    outcomes: dict[str, Decimal] = field(default_factory=dict)
    review: dict[tuple[str, str], Decimal] = field(default_factory=dict)  # (proceeding, result)


@dataclass(frozen=True)
class Agency:
    code: str
    name_zh: str
    name_en: str
    level: str
    years: dict[int, AgencyYear]


@dataclass(frozen=True)
class Denial:
    reason: str
    label_zh: str
    label_en: str
    by_year: dict[int, Decimal]


@dataclass(frozen=True)
class Cell:
    year: int  # the report it is in (a carry-over compares two years)
    table: str
    row: str
    column: str
    value: Decimal | None  # None: published blank
    page: int | None
    raw: str


@dataclass(frozen=True)
class QualityIssue:
    agency: str
    year: int
    check_name: str
    subject: str
    published: Decimal | None
    computed: Decimal | None
    message: str
    cells: list[Cell]


@dataclass(frozen=True)
class Column:
    name: str
    data_type: str
    comment: str | None


@dataclass(frozen=True)
class Relation:
    name: str
    is_view: bool
    comment: str | None
    columns: list[Column]


@dataclass(frozen=True)
class Table:
    """The rows of a view as the warehouse gives them, with its column names."""

    columns: list[str]
    rows: list[tuple[Any, ...]]


@dataclass(frozen=True)
class SiteData:
    agencies: list[Agency]
    reports: dict[tuple[str, int], Report]
    denials: list[Denial]
    issues: list[QualityIssue]
    relations: list[Relation]
    info: dict[str, str]
    overdue: list[tuple[str, int]]  # (agency, year) missing after their deadline, on the page's day
    due: dict[tuple[str, int], date]  # (agency, year) -> the legal deadline of that report
    comparison: Table = field(default_factory=lambda: Table([], []))  # agency_comparison
    timeliness: Table = field(default_factory=lambda: Table([], []))  # report_timeliness

    @property
    def reporting(self) -> list[Agency]:
        """The agencies with a loaded report (the others have no charts nor section of their own)."""
        return [a for a in self.agencies if a.years]

    @property
    def years(self) -> list[int]:
        """The years some report is loaded for."""
        return sorted({year for agency in self.agencies for year in agency.years})


def _rows(con: duckdb.DuckDBPyConnection, name: str) -> list[tuple[Any, ...]]:
    return con.execute(statement(f"site/{name}")).fetchall()


def _table(con: duckdb.DuckDBPyConnection, name: str) -> Table:
    result = con.execute(statement(f"site/{name}"))
    return Table([d[0] for d in result.description], result.fetchall())


def _cells(text: str | None, year: int) -> list[Cell]:
    cells = []
    for cell in json.loads(text or "[]", parse_float=Decimal):  # exact, as the warehouse holds them
        value = cell.get("value")
        cells.append(
            Cell(
                year=int(cell.get("year") or year),
                table=str(cell.get("table", "")),
                row=str(cell.get("row", "")),
                column=str(cell.get("column", "")),
                value=None if value is None else Decimal(value),
                page=cell.get("page"),
                raw=str(cell.get("raw") or ""),
            )
        )
    return cells


def read_site_data(warehouse: Path, today: date) -> SiteData:
    """Everything the page shows on ``today``, from one read-only session on ``warehouse``."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        years: dict[str, dict[int, AgencyYear]] = defaultdict(dict)
        reports = {
            (r[0], r[1]): Report(r[0], r[1], r[2], r[3] or r[4], r[5], r[6], r[7]) for r in _rows(con, "reports")
        }
        for agency, year in reports:
            years[agency][year] = AgencyYear()
        for agency, year, outcome, value, series_break in _rows(con, "requests"):
            figures = years[agency].setdefault(year, AgencyYear())
            setattr(figures, outcome, value)
            figures.series_break = figures.series_break or series_break
        for agency, year, part, requests in _rows(con, "outcome_shares"):
            if requests is not None:
                years[agency].setdefault(year, AgencyYear()).outcomes[part] = requests
        for agency, year, proceeding, result, cases in _rows(con, "review_results"):
            if cases is not None:
                years[agency].setdefault(year, AgencyYear()).review[(proceeding, result)] = cases
        agencies = [
            Agency(code, zh, en, level, dict(sorted(years[code].items())))
            for code, zh, en, level in _rows(con, "agencies")
        ]
        denials: dict[str, Denial] = {}
        for year, reason, label_zh, label_en, _, requests in _rows(con, "denials"):
            denial = denials.setdefault(reason, Denial(reason, label_zh, label_en, {}))
            if requests is not None:
                denial.by_year[year] = requests
        issues = [
            QualityIssue(agency, year, check, subject, published, computed, message, _cells(cells, year))
            for agency, year, check, subject, published, computed, message, cells in _rows(con, "quality_issues")
        ]
        relations: dict[str, Relation] = {}
        for table, is_view, column, data_type, table_comment, column_comment in _rows(con, "columns"):
            relation = relations.setdefault(table, Relation(table, is_view, table_comment, []))
            relation.columns.append(Column(column, data_type, column_comment))
        info = dict(_rows(con, "warehouse_info"))
        overdue = overdue_in_warehouse(con, today)
        due = {
            (agency, year): on
            for agency, year, on in con.execute(statement("site/due_dates"), {"last": today.year}).fetchall()
        }
        comparison, timeliness = _table(con, "agency_comparison"), _table(con, "report_timeliness")
    finally:
        con.close()
    return SiteData(
        agencies,
        reports,
        list(denials.values()),
        issues,
        list(relations.values()),
        info,
        overdue,
        due,
        comparison,
        timeliness,
    )
