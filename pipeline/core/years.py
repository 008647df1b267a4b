"""The years a report can cover: by default from the first national template to last year; old-style
reports (from 2008, the first year under the 2007 regulations) when asked for."""

from __future__ import annotations

import re
from datetime import date

FIRST_YEAR = 2019  # the revised regulations and the first national template: the default range
EARLIEST_YEAR = 2008  # the regulations of 2007 in force from May 2008: the first annual reports


class YearsError(ValueError):
    """A range of years that is not ``YYYY`` or ``YYYY-YYYY`` within the years reports cover."""


def report_year_range(today: date | None = None, first: int = FIRST_YEAR) -> range:
    """``first`` (2019 by default) up to last year: a year's report is due early in the next one
    (31 January or 31 March)."""
    return range(first, (today or date.today()).year)


def all_report_years(today: date | None = None) -> range:
    """Every year a report can cover, old-style ones (2008–2018) included."""
    return report_year_range(today, EARLIEST_YEAR)


def parse_years(text: str, today: date | None = None) -> range:
    """``2015`` or ``2008-2018`` as a range of report years, within ``all_report_years``."""
    match = re.fullmatch(r"\s*(\d{4})\s*(?:[-–]\s*(\d{4}))?\s*", text)
    if not match:
        raise YearsError(f"years {text!r}: expected YYYY or YYYY-YYYY")
    first, last = int(match[1]), int(match[2] or match[1])
    years = all_report_years(today)
    if first > last or first not in years or last not in years:
        raise YearsError(f"years {text!r}: a range within {years[0]}-{years[-1]}")
    return range(first, last + 1)
