"""The data dictionary, read from a warehouse's own comments (``COMMENT ON``, ``sql/comments/``) and
its ``checks`` table, rendered as Markdown: ``docs/data-dictionary.md`` and the table overview of
``docs/warehouse.md``. Written once, in the SQL; ``python -m pipeline.warehouse.dictionary`` renders both again.
"""

from __future__ import annotations

import argparse
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipeline.core.settings import PROJECT_DIR

DOC = PROJECT_DIR / "docs" / "data-dictionary.md"
OVERVIEW_PAGE = PROJECT_DIR / "docs" / "warehouse.md"
OVERVIEW = re.compile(r"(<!-- dictionary:start -->\n).*?(<!-- dictionary:end -->)", re.S)
# The order analysts meet them in; anything else follows alphabetically.
ORDER = (
    "request_facts",
    "review_facts",
    "proactive_facts",
    "legacy_facts",
    "reports",
    "report_versions",
    "revisions",
    "quality_issues",
    "checks",
    "agencies",
    "applicant_types",
    "outcomes",
    "proceedings",
    "results",
    "proactive_items",
    "proactive_measures",
    "report_inputs",
    "warehouse_info",
    "request_outcomes",
    "request_outcome_groups",
    "denials_by_reason",
    "applicant_mix",
    "agency_comparison",
    "level_comparison",
    "region_comparison",
    "denial_comparison",
    "report_timeliness",
    "overdue_reports",
    "request_series",
    "legacy_measures",
    "harmonised_measures",
    "crosswalk",
)


@dataclass(frozen=True)
class Relation:
    name: str
    kind: str  # table | view
    comment: str | None
    columns: list[tuple[str, str, str | None]]  # name, type, comment


def relations(con: duckdb.DuckDBPyConnection) -> list[Relation]:
    """Every table and view of the warehouse with its comment and its columns' comments."""
    found = con.execute(
        "SELECT table_name, 'table', comment FROM duckdb_tables() WHERE database_name = current_database() "
        "UNION ALL SELECT view_name, 'view', comment FROM duckdb_views() "
        "WHERE database_name = current_database() AND NOT internal"
    ).fetchall()
    columns: dict[str, list[tuple[str, str, str | None]]] = {}
    for table, column, data_type, comment in con.execute(
        "SELECT table_name, column_name, data_type, comment FROM duckdb_columns() "
        "WHERE database_name = current_database() ORDER BY table_name, column_index"
    ).fetchall():
        columns.setdefault(table, []).append((column, data_type, comment))

    def order(row: tuple) -> tuple[int, str]:
        return (ORDER.index(row[0]) if row[0] in ORDER else len(ORDER), row[0])

    return [Relation(name, kind, comment, columns.get(name, [])) for name, kind, comment in sorted(found, key=order)]


def _cell(text: str | None) -> str:
    return (text or "").replace("|", "\\|").replace("\n", " ")


def overview(con: duckdb.DuckDBPyConnection) -> str:
    """The warehouse page's table of tables and views."""
    lines = ["| table / view | what it holds |", "|---|---|"]
    lines += [f"| {'view ' if r.kind == 'view' else ''}`{r.name}` | {_cell(r.comment)} |" for r in relations(con)]
    return "\n".join(lines) + "\n"


def markdown(con: duckdb.DuckDBPyConnection) -> str:
    """``docs/data-dictionary.md``: every table, view and column, then every check."""
    out = [
        "# Data dictionary",
        "",
        "Every table and view of `data/warehouse.duckdb` (and of each snapshot's `snapshot.duckdb`), with",
        "its columns, and every check. Generated from the warehouse's own comments by",
        "`python -m pipeline.warehouse.dictionary`; the descriptions live in `sql/comments/` and `pipeline/warehouse/checks.csv`.",
        "In the warehouse they are in `duckdb_tables()`, `duckdb_views()`, `duckdb_columns()` (column",
        "`comment`) and the `checks` table.",
        "",
        overview(con).rstrip("\n"),
    ]
    for r in relations(con):
        out += [
            "",
            f"## `{r.name}` ({r.kind})",
            "",
            _cell(r.comment),
            "",
            "| column | type | description |",
            "|---|---|---|",
        ]
        out += [f"| `{name}` | {data_type} | {_cell(comment)} |" for name, data_type, comment in r.columns]
    macros = con.execute(
        "SELECT function_name, comment FROM duckdb_functions() WHERE function_type = 'table_macro' "
        "AND database_name = current_database() AND NOT internal ORDER BY 1"
    ).fetchall()
    if macros:
        out += ["", "## Table macros", ""] + [f"- `{name}`: {_cell(comment)}" for name, comment in macros]
    out += ["", "## Checks", "", "| check | part of | severity | failures are in | meaning |", "|---|---|---|---|---|"]
    out += [
        f"| `{name}` | {f'`{parent}`' if parent else 'asset check'} | {severity} | {recorded} | {_cell(text)} |"
        for name, parent, severity, recorded, text in con.execute(
            "SELECT check_name, parent, severity, recorded_in, description FROM checks ORDER BY sort_order"
        ).fetchall()
    ]
    return "\n".join(out) + "\n"


def empty_warehouse(folder: Path) -> Path:
    """A warehouse with the current schema, views and comments and no report in it."""
    from pipeline.core.catalog import load_catalog
    from pipeline.warehouse.build import build_warehouse

    path = folder / "warehouse.duckdb"
    build_warehouse(
        path,
        folder,
        [],
        load_catalog(PROJECT_DIR / "data" / "catalog.yaml"),
        code_version="dictionary",
        fingerprint="dictionary",
        schema="dictionary",
        inputs={},
    )
    return path


def rendered() -> tuple[str, str]:
    """The dictionary page and the warehouse page as they should read now."""
    with tempfile.TemporaryDirectory(prefix="ogi-dictionary-") as scratch:
        con = duckdb.connect(str(empty_warehouse(Path(scratch))), read_only=True)
        try:
            doc, table = markdown(con), overview(con)
        finally:
            con.close()
    page = OVERVIEW_PAGE.read_text(encoding="utf-8")
    if not OVERVIEW.search(page):
        raise ValueError(
            f"{OVERVIEW_PAGE}: no <!-- dictionary:start --> … <!-- dictionary:end --> to write the overview in"
        )
    return doc, OVERVIEW.sub(lambda m: m.group(1) + table + m.group(2), page)


def main() -> None:
    parser = argparse.ArgumentParser(
        prog="python -m pipeline.warehouse.dictionary",
        description=(
            f"Write {DOC.relative_to(PROJECT_DIR)} and the table overview of {OVERVIEW_PAGE.relative_to(PROJECT_DIR)} from the comments of a "
            "freshly built (empty) warehouse."
        ),
    )
    parser.parse_args()
    doc, page = rendered()
    DOC.parent.mkdir(exist_ok=True)
    DOC.write_text(doc, encoding="utf-8")
    OVERVIEW_PAGE.write_text(page, encoding="utf-8")
    print(f"wrote {DOC.relative_to(PROJECT_DIR)} and the overview in {OVERVIEW_PAGE.relative_to(PROJECT_DIR)}")


if __name__ == "__main__":
    main()
