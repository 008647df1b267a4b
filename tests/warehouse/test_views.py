"""The analysis views on reports of every form: both templates, and （六）其他处理 printed as one row
or as its three 2021 sub-rows. Synthetic reports are rendered to PDF and extracted for real."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from warehouse_support import build, query

from pipeline.core.figures import COLUMNS
from pipeline.extract import extract_report
from pipeline.replica.render import render_pdf
from pipeline.replica.synthetic import generate, inconsistencies

# (seed, template) -> the (agency, year) it is loaded as; generate() says which form each one prints.
REPORTS = {
    (0, "2019"): ("mfa", 2019),
    (4, "2019"): ("mfa", 2020),  # blank cells in （六）
    (2, "2021"): ("mfa", 2021),  # （六） as one row
    (3, "2021"): ("mfa", 2022),
    (0, "2021"): ("huaian-hongze", 2021),  # （六） as three sub-rows
    (6, "2021"): ("huaian-hongze", 2022),
    (101, "2021"): ("huaian-hongze", 2023),  # a report whose sums do not hold
}
GROUPS = ["granted", "partially_granted", "denied", "unable", "not_processed", "other_handling"]


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[tuple[str, int], dict]]:
    folder = tmp_path_factory.mktemp("views")
    extractions, figures = {}, {}
    for (seed, template), key in REPORTS.items():
        content = generate(seed, template, consistent=seed < 100)
        render_pdf(content, folder / f"{seed}-{template}.pdf")
        extractions[key] = extract_report(folder / f"{seed}-{template}.pdf")
        figures[key] = content.figures["requests"]
    return build(folder, extractions), figures


def _split(figures: dict) -> bool:
    return "other_handling.other" in figures


def _other_handling(figures: dict, column: int) -> Decimal | None:
    """（六） as published: its one row, or its three sub-rows added up (None when all are blank)."""
    rows = (
        ["other_handling.no_correction", "other_handling.fee_unpaid", "other_handling.other"]
        if _split(figures)
        else ["other_handling"]
    )
    values = [figures[row][column] for row in rows if figures[row][column] is not None]
    return Decimal(sum(values)) if values else None


def test_every_form_is_covered(loaded) -> None:
    _, figures = loaded
    assert {_split(f) for k, f in figures.items() if k[1] >= 2021} == {True, False}
    assert {key for key, f in figures.items() if inconsistencies({"requests": f, "review": {}})} == {
        ("huaian-hongze", 2023)
    }


def test_outcome_shares_add_up_to_one_in_every_consistent_report(loaded) -> None:
    warehouse, figures = loaded
    for (agency, year), published in figures.items():
        rows = query(
            warehouse,
            "SELECT outcome, outcome_group, requests, share FROM request_outcomes "
            "WHERE agency = ? AND year = ? ORDER BY sort_order",
            [agency, year],
        )
        total = Decimal(published["total_processed"][6])
        # Every published outcome row under (一)…(六), once.
        expected = [
            r for r in published if r not in ("new_requests", "carried_over", "total_processed", "carried_forward")
        ]
        assert [r[0] for r in rows] == expected, (agency, year)
        assert {r[1] for r in rows} == set(GROUPS)
        if inconsistencies({"requests": published, "review": {}}):
            assert sum(r[2] or 0 for r in rows) != total  # the view shows what was published
            continue
        assert sum(r[2] or 0 for r in rows) == total, (agency, year)
        assert sum(r[3] or 0 for r in rows) == pytest.approx(1.0, abs=0.001), (agency, year)


def test_outcome_groups_account_for_every_group_including_other_handling(loaded) -> None:
    warehouse, figures = loaded
    for (agency, year), published in figures.items():
        for j, applicant in enumerate(COLUMNS["requests"]):
            groups = dict(
                query(
                    warehouse,
                    "SELECT outcome_group, requests FROM request_outcome_groups "
                    "WHERE agency = ? AND year = ? AND applicant = ?",
                    [agency, year, applicant],
                )
            )
            assert sorted(groups, key=GROUPS.index) == GROUPS, (agency, year, applicant)
            assert groups["other_handling"] == _other_handling(published, j), (agency, year, applicant)
            assert groups["granted"] == published["granted"][j]
            if not inconsistencies({"requests": published, "review": {}}):
                assert sum(v or 0 for v in groups.values()) == published["total_processed"][j], (
                    agency,
                    year,
                    applicant,
                )
    shares = query(
        warehouse,
        "SELECT agency, year, applicant, sum(share) FROM request_outcome_groups "
        "WHERE NOT (agency = 'huaian-hongze' AND year = 2023) GROUP BY ALL HAVING sum(share) IS NOT NULL",
    )
    assert shares and all(s == pytest.approx(1.0, abs=0.001) for *_, s in shares)


def test_published_reports_of_both_forms(fixtures: Path, tmp_path: Path) -> None:
    """The published figures of 外交部 2020 (（六） as one row, 2 requests) and 平潭 2022-2025 (its three
    sub-rows): every group is there and the shares of each report add up to 1."""
    from truth import truth_extraction

    truths = {("mfa", 2020): "spec/truth-mfa-2020.json"}
    truths |= {("pingtan", year): f"realworld/pingtan-{year}.truth.json" for year in range(2022, 2026)}
    warehouse = build(tmp_path, {key: truth_extraction(fixtures / path) for key, path in truths.items()})
    for (agency, year), path in truths.items():
        published = json.loads((fixtures / path).read_text(encoding="utf-8"))["requests"]
        groups = dict(
            query(
                warehouse,
                "SELECT outcome_group, requests FROM request_outcome_groups "
                "WHERE agency = ? AND year = ? AND applicant = 'total'",
                [agency, year],
            )
        )
        assert sorted(groups, key=GROUPS.index) == GROUPS
        assert groups["other_handling"] == _other_handling(published, 6), (agency, year)
        assert sum(groups.values()) == published["total_processed"][6]
        [(shares,)] = query(
            warehouse, "SELECT sum(share) FROM request_outcomes WHERE agency = ? AND year = ?", [agency, year]
        )
        assert shares == pytest.approx(1.0, abs=0.001), (agency, year)
    assert query(
        warehouse,
        "SELECT requests FROM request_outcome_groups WHERE agency = 'mfa' "
        "AND applicant = 'total' AND outcome_group = 'other_handling'",
    ) == [(Decimal(2),)]
