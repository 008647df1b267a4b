"""The data dictionary lives in the warehouse: a comment on every table, view and column, a checks
table naming every check, and the Markdown pages generated from them kept current."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from warehouse_support import build, query, truth_extractions

from pipeline.warehouse.dictionary import DOC, OVERVIEW_PAGE, relations, rendered
from pipeline.warehouse.quality import (
    BLANK_TOTALS_CHECK,
    CONSISTENCY_CHECKS,
    CONTINUITY_CHECKS,
    INTEGRITY_CHECKS,
    LEGACY_CHECK,
    NOT_PUBLISHED_CHECK,
    ROW_NOT_PUBLISHED_CHECK,
    UNREADABLE_CHECK,
)
from pipeline.warehouse.sql import SQL_DIR

CONTRACT = ("request_facts", "review_facts", "proactive_facts", "reports", "quality_issues")


@pytest.fixture(scope="module")
def warehouse(fixtures: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("dictionary"), truth_extractions(fixtures))


def test_every_table_view_and_column_has_a_comment(warehouse: Path) -> None:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        found = relations(con)
    finally:
        con.close()
    names = {r.name for r in found}
    assert set(CONTRACT) | {"checks", "overdue_reports", "request_outcomes", "request_outcome_groups"} <= names
    assert [r.name for r in found if not (r.comment or "").strip()] == []
    assert [f"{r.name}.{c}" for r in found for c, _, comment in r.columns if not (comment or "").strip()] == []
    # The same, as an analyst would ask it, for the tables of the contract.
    blank = query(
        warehouse,
        "SELECT table_name, column_name FROM duckdb_columns() WHERE table_name IN "
        f"({', '.join('?' * len(CONTRACT))}) AND coalesce(trim(comment), '') = ''",
        list(CONTRACT),
    )
    assert blank == []
    assert query(warehouse, "SELECT count(*) FROM duckdb_columns() WHERE table_name = 'request_facts'")[0][0] >= 9


def test_every_comment_file_names_a_column_that_exists(warehouse: Path) -> None:
    columns = set(query(warehouse, "SELECT table_name, column_name FROM duckdb_columns()"))
    for path in sorted((SQL_DIR / "comments").glob("*/*.sql")):
        if not path.stem.startswith("_"):
            assert (path.parent.name, path.stem) in columns, path


def test_the_checks_table_names_every_check(warehouse: Path) -> None:
    from pipeline.defs.warehouse_asset import CHECKS

    rows = {
        name: (parent, severity)
        for name, parent, severity in query(warehouse, "SELECT check_name, parent, severity FROM checks")
    }
    asset_checks = {spec.name for spec in CHECKS}
    assert {name for name, (parent, _) in rows.items() if parent is None} == asset_checks
    assert all(parent in asset_checks for parent, _ in rows.values() if parent)
    sql_checks = {path.stem for path in (SQL_DIR / "checks").glob("*.sql")}
    assert sql_checks == set(CONSISTENCY_CHECKS) | set(CONTINUITY_CHECKS) | {
        BLANK_TOTALS_CHECK,
        UNREADABLE_CHECK,
        LEGACY_CHECK,
        NOT_PUBLISHED_CHECK,
        ROW_NOT_PUBLISHED_CHECK,
    }
    assert sql_checks | set(INTEGRITY_CHECKS) <= set(rows)
    recorded = {name for (name,) in query(warehouse, "SELECT DISTINCT check_name FROM quality_issues")}
    assert recorded == {"review_total"}  # the district's 2023 table 四
    assert recorded <= set(rows)
    assert {severity for parent, severity in rows.values()} == {"WARN", "ERROR"}


def test_the_committed_dictionary_is_current() -> None:
    doc, page = rendered()
    assert DOC.read_text(encoding="utf-8") == doc, (
        "docs/data-dictionary.md is stale: run python -m pipeline.warehouse.dictionary"
    )
    assert OVERVIEW_PAGE.read_text(encoding="utf-8") == page, (
        "the table overview of docs/warehouse.md is stale: run python -m pipeline.warehouse.dictionary"
    )
