"""What the report says is missing — a table replaced by a sentence, a row printed without — is counted in
the published_consistency check's metadata and never fails it."""

from __future__ import annotations

from pipeline.defs.warehouse_asset import _check_results
from pipeline.warehouse.quality import NOT_PUBLISHED_CHECK, ROW_NOT_PUBLISHED_CHECK
from pipeline.warehouse.update import Outcome


def _consistency(issues: dict[str, tuple[int, list[str]]]):
    [result] = [
        r for r in _check_results(Outcome("published", "f", issues=issues)) if r.check_name == "published_consistency"
    ]
    return result


def test_tables_and_rows_not_published_are_counted_and_pass() -> None:
    result = _consistency(
        {
            NOT_PUBLISHED_CHECK: (2, ["pingtan 2019: table 四 not published"]),
            ROW_NOT_PUBLISHED_CHECK: (1, ["pingtan 2025: rules not published"]),
        }
    )

    assert result.passed
    assert result.metadata["tables_not_published"].value == 2
    assert result.metadata["rows_not_published"].value == 1


def test_the_counts_stand_beside_a_failure_of_the_sums() -> None:
    result = _consistency(
        {"requests_balance": (3, ["a", "b", "c"]), ROW_NOT_PUBLISHED_CHECK: (1, ["pingtan 2025: rules not published"])}
    )

    assert not result.passed
    assert "3 published totals do not add up" in result.description
    assert result.metadata["rows_not_published"].value == 1 and result.metadata["tables_not_published"].value == 0
