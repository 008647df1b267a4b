"""Overdue means looked for and not found: a live run reads an imitation listing that lacks one
year after its deadline, and exactly that year is overdue, with the deadline of the body's kind
(31 January for a department, 31 March for a government); a year never looked for is not."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest
from sitefixture import LISTING, Site, publish, site  # noqa: F401 (site is a fixture)

from pipeline.cli import main

PROJECT = Path(__file__).resolve().parents[2]
FAST = ["--delay", "0", "--timeout", "2", "--retries", "1", "--jobs", "1"]


@pytest.fixture(autouse=True)
def throwaway_instance(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DAGSTER_HOME", raising=False)


def overdue_on(warehouse: Path, day: date) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(
            "SELECT agency, year, due_date FROM overdue_reports_on(?) ORDER BY agency, year", [day]
        ).fetchall()
    finally:
        con.close()


def live_run(site: Site, agency: str, data: Path, capsys: pytest.CaptureFixture[str]) -> str:
    code = main(
        ["run", "--live", "--listing-url", site.url(LISTING), "--agency", agency, "--data-dir", str(data), *FAST]
    )
    out = capsys.readouterr().out
    assert code == 0, out
    return out


def test_a_department_missing_one_year_from_its_listing_is_overdue_that_year_from_1_february(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The 2020 report, and every other year up to 2025 listed (as pages without a report), but 2023.
    listed = {2020: (PROJECT / "data" / "samples" / "mfa-2020.pdf").read_bytes()}
    listed |= {year: None for year in (2019, 2021, 2022, 2024, 2025)}
    publish(site, listed)
    warehouse = tmp_path / "data" / "warehouse.duckdb"
    live_run(site, "mfa", tmp_path / "data", capsys)
    assert overdue_on(warehouse, date.today()) == [("mfa", 2023, date(2024, 1, 31))]
    # On the deadline the report is not late yet; the day after it is.
    assert overdue_on(warehouse, date(2024, 1, 31)) == []
    assert overdue_on(warehouse, date(2024, 2, 1)) == [("mfa", 2023, date(2024, 1, 31))]


def test_a_government_missing_one_year_is_overdue_only_after_31_march(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    titles = {year: f"淮安市洪泽区人民政府{year}年政府信息公开工作年度报告" for year in range(2019, 2026)}
    listed = {2023: (PROJECT / "data" / "samples" / "huaian-hongze-2023.pdf").read_bytes()}
    listed |= {year: None for year in (2022, 2025)}
    publish(site, listed, titles=titles)
    warehouse = tmp_path / "data" / "warehouse.duckdb"
    live_run(site, "huaian-hongze", tmp_path / "data", capsys)
    # The listing starts at 2022; 2024 is missing from it.
    assert overdue_on(warehouse, date.today()) == [("huaian-hongze", 2024, date(2025, 3, 31))]
    assert overdue_on(warehouse, date(2025, 2, 15)) == []  # a department's deadline has passed, not a government's
    assert overdue_on(warehouse, date(2025, 4, 1)) == [("huaian-hongze", 2024, date(2025, 3, 31))]


def test_an_offline_run_calls_nobody_overdue(bundled: tuple[Path, str]) -> None:
    """The bundled sample lacks most years of its three publishers; nobody looked for them."""
    data, _ = bundled
    assert overdue_on(data / "warehouse.duckdb", date.today()) == []
