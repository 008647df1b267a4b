"""What every check of the warehouse means (``checks.csv``): the asset checks Dagster shows and the
individual checks whose failures they report, with severity and where failures are recorded.

The same rows become the warehouse's ``checks`` table, so ``quality_issues.check_name`` and the
asset checks are explained where analysts query them.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Check:
    check_name: str
    parent: str | None  # the asset check that reports it; None for an asset check itself
    severity: str  # WARN (figures kept, failure recorded) | ERROR (the warehouse is not published)
    recorded_in: str  # quality_issues | overdue_reports | not published
    description: str


@cache
def all_checks() -> tuple[Check, ...]:
    text = resources.files("pipeline.warehouse").joinpath("checks.csv").read_text(encoding="utf-8")
    return tuple(
        Check(row["check_name"], row["parent"] or None, row["severity"], row["recorded_in"], row["description"])
        for row in csv.DictReader(text.splitlines())
    )


def check(name: str) -> Check:
    """The check named ``name`` (KeyError when it is not described in checks.csv)."""
    found = {c.check_name: c for c in all_checks()}
    return found[name]
