"""The years a report can cover: from the first national template to last year."""

from __future__ import annotations

from datetime import date

FIRST_YEAR = 2019  # the revised regulations and the first national template


def report_year_range(today: date | None = None) -> range:
    """2019 up to last year: a year's report is due early in the next one (31 January or 31 March)."""
    return range(FIRST_YEAR, (today or date.today()).year)
