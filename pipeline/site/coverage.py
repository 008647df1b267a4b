"""The coverage matrix: for each agency and year, whether its report is loaded, failed, overdue,
not due yet, or not in this data set (never looked for after its deadline)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from pipeline.core.years import FIRST_YEAR

LOADED, FAILED, OVERDUE, NOT_DUE, ABSENT = "loaded", "failed", "overdue", "not-due", "not-in-dataset"
STATES = {
    LOADED: ("已入库", "loaded"),
    FAILED: ("未能读取", "the latest file could not be loaded (a version loaded before stays)"),
    OVERDUE: ("逾期未见", "overdue: not found after the deadline"),
    NOT_DUE: ("尚未到期", "not published yet: the deadline has not passed"),
    ABSENT: ("—", "not in this data set: not loaded, and not looked for after its deadline"),
}


@dataclass(frozen=True)
class Coverage:
    years: list[int]
    states: dict[tuple[str, int], str]  # (agency, year) -> one of STATES

    def with_data(self, agency: str) -> bool:
        """Whether anything is known of the agency's reports: one loaded, failed or overdue."""
        return any(self.states[(agency, year)] in (LOADED, FAILED, OVERDUE) for year in self.years)

    def counts(self) -> dict[str, int]:
        counted = {state: 0 for state in STATES}
        for state in self.states.values():
            counted[state] += 1
        return counted


def coverage(
    agencies: Iterable[str],
    loaded: Iterable[tuple[str, int]],
    fetched: dict[tuple[str, int], str],
    loaded_sha: dict[tuple[str, int], str],
    overdue: Iterable[tuple[str, int]],
    due: Mapping[tuple[str, int], date],
    today: date,
) -> Coverage:
    """``fetched``: the sha256 of each report file in the raw store. A fetched report that is not
    loaded, or whose loaded bytes differ, failed: its extraction did not make it into the warehouse
    (the warehouse keeps the version loaded before, if any). ``overdue``: the warehouse's
    ``overdue_reports_on(today)``, the rule of the freshness check; ``due``: each report's legal
    deadline, the warehouse's ``report_due_date``."""
    agencies = sorted(agencies)
    loaded = set(loaded)
    overdue = set(overdue)
    known = loaded | set(fetched)
    first = min((year for _, year in known), default=today.year - 1)
    last = max([*(year for _, year in known), today.year - 1])
    years = list(range(max(FIRST_YEAR, first), last + 1))
    states = {}
    for agency in agencies:
        for year in years:
            key = (agency, year)
            if key in fetched and fetched[key] != loaded_sha.get(key):
                states[key] = FAILED
            elif key in loaded:
                states[key] = LOADED
            elif key in overdue:
                states[key] = OVERDUE
            elif key in due and today <= due[key]:
                states[key] = NOT_DUE
            else:
                states[key] = ABSENT
    return Coverage(years, states)
