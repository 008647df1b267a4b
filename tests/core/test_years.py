"""The years a report can cover: 2019 on by default, back to 2008 when asked for."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.core.years import YearsError, all_report_years, parse_years, report_year_range

TODAY = date(2026, 3, 1)


def test_the_default_range_starts_with_the_national_template() -> None:
    assert report_year_range(TODAY) == range(2019, 2026)
    assert all_report_years(TODAY) == range(2008, 2026)


@pytest.mark.parametrize(("text", "years"), [("2015", range(2015, 2016)), ("2008-2018", range(2008, 2019))])
def test_a_range_of_years_is_read(text: str, years: range) -> None:
    assert parse_years(text, TODAY) == years


@pytest.mark.parametrize("text", ["2007-2010", "2018-2015", "2026", "15", "2008-"])
def test_a_range_outside_the_reports_or_malformed_is_one_line(text: str) -> None:
    with pytest.raises(YearsError, match=f"years '{text}'"):
        parse_years(text, TODAY)
