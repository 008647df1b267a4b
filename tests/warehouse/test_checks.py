"""Each warehouse check, passing on the published figures and failing on purpose."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from warehouse_support import build, plus, query, truth_extractions, with_value, without

from pipeline.core.facts import Fact
from pipeline.extract.templates import required_cells as template_cells
from pipeline.fetch.live import ListingCheck
from pipeline.warehouse.quality import (
    blank_total_issues,
    consistency_issues,
    continuity_issues,
    integrity_problems,
    overdue_in_warehouse,
)

MFA, HZ23, HZ24 = ("mfa", 2020), ("huaian-hongze", 2023), ("huaian-hongze", 2024)


def required(template: str, present: set) -> set:
    return template_cells(template, False)


def issues_of(path: Path) -> list:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return consistency_issues(con) + continuity_issues(con)
    finally:
        con.close()


def problems_of(path: Path, previous=(), removed=()) -> list:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return integrity_problems(con, required, previous, removed)
    finally:
        con.close()


@pytest.fixture(scope="module")
def truths(fixtures: Path) -> dict:
    return truth_extractions(fixtures)


def test_published_figures_pass_except_the_2023_review_totals(tmp_path: Path, truths: dict) -> None:
    issues = issues_of(build(tmp_path, truths))
    found = {(i.agency, i.year, i.check_name, i.subject, i.published, i.computed) for i in issues}
    assert found == {
        ("huaian-hongze", 2023, "review_total", "administrative_review", Decimal(0), Decimal(11)),
        ("huaian-hongze", 2023, "review_total", "litigation_after_review", Decimal(0), Decimal(5)),
    }
    assert problems_of(build(tmp_path / "again", truths)) == []


@pytest.mark.parametrize(
    ("cell", "value", "check", "subject"),
    [
        # 一 changes: 一+二 no longer equals (七)总计+四 in the natural-person column.
        (("requests", "new_requests", "natural_person"), 999, "requests_balance", "natural_person"),
        # An outcome row changes: (七)总计 is no longer its sum (and the 总计 column is off too).
        (("requests", "granted", "commercial_enterprise"), 7, "requests_outcome_total", "commercial_enterprise"),
        # A 总计 cell changes: the applicant columns no longer add up to it.
        (("requests", "carried_forward", "total"), 3, "requests_applicant_total", "carried_forward"),
        # A review total changes.
        (("review", "administrative_review", "total"), 9, "review_total", "administrative_review"),
    ],
)
def test_each_consistency_check_fails_on_purpose(tmp_path, truths, cell, value, check, subject) -> None:
    broken = dict(truths) | {MFA: with_value(truths[MFA], cell, value)}
    issues = [i for i in issues_of(build(tmp_path, broken)) if (i.agency, i.year) == MFA]
    assert (check, subject) in {(i.check_name, i.subject) for i in issues}
    issue = next(i for i in issues if (i.check_name, i.subject) == (check, subject))
    assert any(c["value"] == value for c in json.loads(issue.cells)), "the changed cell is named"


def _blank_total_column(extraction):
    """Table 三 with its 总计 column published blank in every row (the applicant columns filled)."""
    for fact in [f for f in extraction.facts if f.table == "requests" and f.column == "total"]:
        extraction = with_value(extraction, ("requests", fact.row, "total"), None)
    return extraction


def _blank_issues(path: Path) -> list:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return blank_total_issues(con)
    finally:
        con.close()


def test_a_total_published_blank_is_not_an_inconsistency_nor_a_zero(tmp_path, truths) -> None:
    """A report leaving table 三's 总计 column blank in all its rows: no published_consistency issue
    shows the blank as 0; the blank totals are recorded once, with nothing shown as a figure."""
    blanked = _blank_total_column(truths[MFA])
    rows = sorted(f.row for f in blanked.facts if f.table == "requests" and f.column == "total")
    assert len(rows) > 10 and all(
        f.value is None for f in blanked.facts if f.column == "total" and f.table == "requests"
    )
    warehouse = build(tmp_path, dict(truths) | {MFA: blanked})
    assert [i for i in issues_of(warehouse) if (i.agency, i.year) == MFA] == []
    [issue] = [i for i in _blank_issues(warehouse) if (i.agency, i.year) == MFA]
    assert (issue.check_name, issue.severity, issue.subject) == ("total_not_published", "WARN", "requests.total")
    assert issue.published is None and issue.computed is None
    cells = json.loads(issue.cells)
    assert sorted(c["row"] for c in cells) == rows
    assert all(c["column"] == "total" and c["value"] is None and c["raw"] == "" for c in cells)
    assert issue.message.startswith(f"{len(rows)} totals published blank")
    # The other reports keep their findings: only the district's 2023 table 四 (printed 0 totals).
    others = {(i.agency, i.year, i.check_name) for i in issues_of(warehouse) if (i.agency, i.year) != MFA}
    assert others == {("huaian-hongze", 2023, "review_total")}
    assert [i for i in _blank_issues(warehouse) if (i.agency, i.year) != MFA] == []


def test_blank_totals_of_both_tables_are_one_issue_per_report(tmp_path, truths) -> None:
    broken = with_value(truths[MFA], ("review", "administrative_review", "total"), None)
    broken = with_value(broken, ("requests", "total_processed", "natural_person"), None)
    warehouse = build(tmp_path, dict(truths) | {MFA: broken})
    found = [i for i in issues_of(warehouse) if (i.agency, i.year) == MFA]
    # (七)总计 of the natural-person column is blank: neither the outcome total nor the balance of
    # that column is compared; but the 总计 column of the (七)总计 row no longer adds up.
    assert {(i.check_name, i.subject) for i in found} == {("requests_applicant_total", "total_processed")}
    assert all(i.published is not None and i.computed is not None for i in found)
    [issue] = [i for i in _blank_issues(warehouse) if (i.agency, i.year) == MFA]
    assert issue.subject == "requests.total_processed, review.total"
    assert {(c["table"], c["row"], c["column"]) for c in json.loads(issue.cells)} == {
        ("requests", "total_processed", "natural_person"),
        ("review", "administrative_review", "total"),
    }


def test_carryover_across_years(tmp_path: Path, truths: dict) -> None:
    assert not [i for i in issues_of(build(tmp_path / "ok", truths)) if i.check_name == "carryover"]
    broken = dict(truths) | {HZ24: with_value(truths[HZ24], ("requests", "carried_over", "natural_person"), 4)}
    issues = [i for i in issues_of(build(tmp_path / "bad", broken)) if i.check_name == "carryover"]
    assert [(i.agency, i.year, i.subject, i.published, i.computed) for i in issues] == [
        ("huaian-hongze", 2024, "natural_person", Decimal(4), Decimal(0))
    ]


def test_carryover_leaves_out_a_cell_published_blank(tmp_path: Path, truths: dict) -> None:
    """2024's 二 published blank against 3 carried forward out of 2023, and 2023's 四 blank against
    2024's printed figure: not compared, never taken for 0 (the sum checks leave blanks out too)."""
    before = with_value(truths[HZ23], ("requests", "carried_forward", "natural_person"), 3)
    blank = with_value(truths[HZ24], ("requests", "carried_over", "natural_person"), None)
    issues = issues_of(build(tmp_path / "a", dict(truths) | {HZ23: before, HZ24: blank}))
    assert [i for i in issues if i.check_name == "carryover"] == []
    blank_before = with_value(truths[HZ23], ("requests", "carried_forward", "legal_service_org"), None)
    printed = with_value(truths[HZ24], ("requests", "carried_over", "legal_service_org"), 2)
    issues = issues_of(build(tmp_path / "b", dict(truths) | {HZ23: blank_before, HZ24: printed}))
    assert [i for i in issues if i.check_name == "carryover"] == []


def test_integrity_duplicate_key(tmp_path: Path, truths: dict) -> None:
    dup = Fact("review", "litigation_direct", "upheld", Decimal(1), 3, "1", "未经复议直接起诉")
    problems = problems_of(build(tmp_path, dict(truths) | {MFA: plus(truths[MFA], dup)}))
    assert [str(p) for p in problems] == ["mfa 2020: review_facts: litigation_direct / upheld appears 2 times"]


def test_integrity_unknown_code(tmp_path: Path, truths: dict) -> None:
    odd = Fact("requests", "denied", "total", Decimal(6), 3, "6", "（三）不予公开")  # a group, not a row
    problems = problems_of(build(tmp_path, dict(truths) | {MFA: plus(truths[MFA], odd)}))
    assert [str(p) for p in problems] == ["mfa 2020: request_facts: unknown code denied / total"]


def test_integrity_required_cell_missing(tmp_path: Path, truths: dict) -> None:
    cell = ("proactive", "administrative_fees", "fee_amount_yuan")
    problems = problems_of(build(tmp_path, dict(truths) | {HZ24: without(truths[HZ24], cell)}))
    assert [str(p) for p in problems] == [
        "huaian-hongze 2024: 1 required cells missing: proactive/administrative_fees/fee_amount_yuan"
    ]


def test_integrity_report_disappeared(tmp_path: Path, truths: dict) -> None:
    path = build(tmp_path, {k: v for k, v in truths.items() if k != HZ23})
    assert problems_of(path, previous=[MFA, HZ24]) == []
    assert [str(p) for p in problems_of(path, previous=[MFA, HZ23, HZ24])] == [
        "huaian-hongze 2023: the report was in the previous warehouse and has disappeared "
        "(its agency and year are still in the catalog)"
    ]
    # Removed from the catalog on purpose: not a problem.
    assert problems_of(path, previous=[MFA, HZ23, HZ24], removed=[HZ23]) == []


def test_freshness_counts_only_years_looked_for_after_their_deadline(tmp_path: Path, truths: dict) -> None:
    def overdue(path: Path, today: date) -> list:
        con = duckdb.connect(str(path), read_only=True)
        try:
            return overdue_in_warehouse(con, today)
        finally:
            con.close()

    # mfa 2020 (a department) and huaian-hongze 2023 and 2024 (a government) loaded; nobody looked
    # for the other years: nobody is overdue, however late it is.
    assert overdue(build(tmp_path / "unread", truths), date(2030, 1, 1)) == []
    read = "2026-02-10T09:00:00+00:00"
    listings = [
        ListingCheck("mfa", read, ("https://example.org/mfa/",), (2019, 2020, 2021, 2023)),
        ListingCheck("huaian-hongze", read, ("https://example.org/hz/",), (2023, 2024)),
    ]
    path = build(tmp_path / "read", truths, listings=listings)
    # mfa: the years from 2019 (its listing's first) not shown nor loaded, once due (31 January).
    assert overdue(path, date(2025, 1, 31)) == [("mfa", 2022)]
    assert overdue(path, date(2025, 2, 1)) == [("mfa", 2022), ("mfa", 2024)]
    # 2025 was due on 31 January 2026 and the listing, read on 10 February, did not show it; the
    # government's 2025 report is due on 31 March 2026, after that reading: not known to be late.
    assert overdue(path, date(2026, 4, 1)) == [("mfa", 2022), ("mfa", 2024), ("mfa", 2025)]
    # The view answers for today (China Standard Time), with due date and days late.
    rows = (
        duckdb.connect(str(path), read_only=True)
        .execute(
            "SELECT agency, year, due_date, days_late FROM overdue_reports_on(DATE '2026-03-02') WHERE year = 2025"
        )
        .fetchall()
    )
    assert rows == [("mfa", 2025, date(2026, 1, 31), 30)]


def test_checks_run_a_chunk_of_reports_at_a_time_with_the_same_findings(
    tmp_path: Path, truths: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At national scale the checks look at a chunk of reports per statement; a chunk of one report
    finds what one chunk of all finds, across years (carry-over) and reports (integrity) alike."""
    from pipeline.warehouse import quality

    dup = Fact("review", "litigation_direct", "upheld", Decimal(1), 3, "1", "未经复议直接起诉")
    broken = dict(truths) | {
        MFA: plus(truths[MFA], dup),
        HZ23: without(truths[HZ23], ("proactive", "administrative_fees", "fee_amount_yuan")),
        HZ24: with_value(truths[HZ24], ("requests", "carried_over", "natural_person"), 4),
    }
    whole = build(tmp_path / "whole", broken)
    monkeypatch.setattr(quality, "SCOPE_CHUNK", 1)
    chunked = build(tmp_path / "chunked", broken)
    assert sorted(map(str, problems_of(chunked))) == sorted(map(str, problems_of(whole))) != []
    found = [
        sorted((i.agency, i.year, i.check_name, i.subject, i.cells) for i in issues_of(p)) for p in (whole, chunked)
    ]
    assert found[0] == found[1] and any(i[2] == "carryover" for i in found[0])


_LOST_RULE = "a rule lost: one cell over 2 figure columns"


def test_a_figure_read_below_the_threshold_that_a_sum_confirms_is_loaded_and_checked(
    tmp_path: Path, truths: dict
) -> None:
    """A figure kept below the threshold because a published sum confirms it (``sums.confirmed``)
    is loaded with its value, its confidence and why it was kept; it is no unreadable cell, and
    the checks count it as any figure read."""
    why = "read at 0.60, confirmed by the proceeding's 总计"
    cell = ("review", "administrative_review", "upheld")

    def scan(facts: list[Fact]) -> list[Fact]:
        return [
            dataclasses.replace(f, confidence=0.6, doubt=why)
            if (f.table, f.row, f.column) == cell
            else dataclasses.replace(f, confidence=0.99)
            for f in facts
        ]

    path = build(tmp_path, dict(truths) | {MFA: dataclasses.replace(truths[MFA], facts=scan(truths[MFA].facts))})
    loaded = query(
        path,
        "SELECT value, confidence, doubt FROM review_facts WHERE agency = 'mfa' AND year = 2020 "
        "AND proceeding = 'administrative_review' AND result = 'upheld'",
    )
    [unreadable] = query(path, "SELECT count(*) FROM quality_issues WHERE check_name = 'unreadable_cell'")
    value = next(f.value for f in truths[MFA].facts if (f.table, f.row, f.column) == cell)
    assert loaded == [(value, 0.6, why)] and unreadable == (0,)
    assert [i for i in issues_of(path) if (i.agency, i.year) == MFA] == []
    off = with_value(truths[MFA], cell, value + 1)
    found = issues_of(build(tmp_path / "off", dict(truths) | {MFA: dataclasses.replace(off, facts=scan(off.facts))}))
    assert ("review_total", "administrative_review") in {
        (i.check_name, i.subject) for i in found if (i.agency, i.year) == MFA
    }


def test_an_unreadable_cell_of_a_scan_is_null_and_named_with_its_page(tmp_path: Path, truths: dict) -> None:
    """A scan's figure OCR could not read is loaded NULL with its confidence, and quality_issues
    names the cell, its page, why it is NULL and what OCR read; confidently read cells raise nothing. A sum with an
    unreadable part is not checked (NULL is not 0), and an unreadable total is not a blank one."""
    cell = ("review", "administrative_review", "upheld")
    total = ("requests", "total_processed", "natural_person")
    scanned = dataclasses.replace(
        truths[MFA],
        facts=[
            dataclasses.replace(f, value=None, raw="8?", confidence=0.0, doubt=_LOST_RULE)
            if (f.table, f.row, f.column) == cell
            else dataclasses.replace(f, value=None, raw="1?", confidence=0.3)
            if (f.table, f.row, f.column) == total
            else dataclasses.replace(f, confidence=0.99)
            for f in truths[MFA].facts
        ],
    )
    path = build(tmp_path, dict(truths) | {MFA: scanned})
    con = duckdb.connect(str(path), read_only=True)
    try:
        loaded = con.execute(
            "SELECT value, raw, confidence, doubt FROM review_facts WHERE agency = 'mfa' AND year = 2020 "
            "AND proceeding = 'administrative_review' AND result = 'upheld'"
        ).fetchall()
        rows = con.execute(
            "SELECT agency, year, subject, message, cells FROM quality_issues WHERE check_name = 'unreadable_cell'"
        ).fetchall()
        texts = con.execute("SELECT count(*) FROM request_facts WHERE confidence IS NULL").fetchone()
    finally:
        con.close()
    assert loaded == [(None, "8?", 0.0, _LOST_RULE)]
    page = next(f.page for f in truths[MFA].facts if (f.table, f.row, f.column) == cell)
    assert sorted((a, y, s) for a, y, s, _, _ in rows) == [
        ("mfa", 2020, "requests.total_processed.natural_person"),
        ("mfa", 2020, "review.administrative_review.upheld"),
    ]
    upheld = next(row for row in rows if row[2] == "review.administrative_review.upheld")
    assert f"on page {page}" in upheld[3] and "'8?'" in upheld[3] and "not checked" in upheld[3]
    # The issue says why the cell is NULL: a lost rule, not OCR's confidence (0 set by that rule).
    assert f"could not be read: {_LOST_RULE} (OCR read '8?')" in upheld[3] and "confidence" not in upheld[3]
    # A cell only OCR doubted says so, with its confidence.
    [total_issue] = [row[3] for row in rows if row[2] == "requests.total_processed.natural_person"]
    assert "could not be read: OCR not sure (OCR read '1?', confidence 0.3)" in total_issue
    assert json.loads(upheld[4])[0]["page"] == page
    # Each issue's cell carries the same why, for whoever reads the cells rather than the message.
    assert {row[2]: json.loads(row[4])[0]["doubt"] for row in rows} == {
        "review.administrative_review.upheld": _LOST_RULE,
        "requests.total_processed.natural_person": "OCR not sure",
    }
    assert texts[0] > 0  # the other reports were not OCR'd: no confidence
    # Read as 0, the unreadable cells would fail table 四's administrative-review total, table 三's
    # balance, outcome total and 总计 column, and the total would be taken for one published blank.
    assert [i for i in issues_of(path) + _blank_issues(path) if (i.agency, i.year) == MFA] == []
    # The same cells read with confidence as 0 are inconsistencies: the checks do look at them.
    zeros = dataclasses.replace(
        scanned,
        facts=[
            dataclasses.replace(f, value=Decimal(0), raw="0", confidence=0.95) if f.confidence < 0.9 else f
            for f in scanned.facts
        ],
    )
    found = {(i.check_name, i.subject) for i in issues_of(build(tmp_path / "zeros", dict(truths) | {MFA: zeros}))}
    assert {
        ("review_total", "administrative_review"),
        ("requests_balance", "natural_person"),
        ("requests_outcome_total", "natural_person"),
        ("requests_applicant_total", "total_processed"),
    } <= found
