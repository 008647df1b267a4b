"""``ogi sql`` on the warehouse ``ogi run`` built from the bundled sample (the session's ``bundled``
folder; test_docs.py runs the pages' examples on it): the ``make run`` summary's example works as
printed, snapshots answer the same, nothing can be written, and bad input is one clear line."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shlex
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from doc_examples import ENV, ogi

from pipeline.core.catalog import load_catalog
from pipeline.core.settings import PROJECT_DIR


def rows(data: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(data / "warehouse.duckdb"), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_the_run_summary_example_works_as_printed(bundled) -> None:
    data, printed = bundled
    lines = printed.splitlines()
    [command] = [n for n, line in enumerate(lines) if line.startswith("  ogi sql ")]
    argv = shlex.split(lines[command])
    assert argv[:3] == ["ogi", "sql", "--data-dir"] and Path(argv[3]) == data
    done = subprocess.run([sys.executable, "-m", "pipeline.cli", *argv[1:]], capture_output=True, text=True, env=ENV)
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout.splitlines() == lines[command + 1 :]
    assert "source .venv/bin/activate" in lines[command - 1]


def test_outcome_shares_add_up_in_every_consistent_bundled_report(bundled) -> None:
    data, _ = bundled
    consistent = rows(
        data,
        # Table 三's outcomes: the reports of the national template (old-style ones have none).
        "SELECT agency, year FROM reports ANTI JOIN (SELECT DISTINCT agency, year FROM quality_issues "
        "WHERE check_name = 'requests_outcome_total') USING (agency, year) WHERE template <> 'legacy'",
    )
    assert consistent
    for agency, year in consistent:
        [(share,)] = rows(data, f"SELECT sum(share) FROM request_outcomes WHERE agency = '{agency}' AND year = {year}")
        assert share == pytest.approx(1.0, abs=0.001), (agency, year)
        groups = rows(
            data,
            "SELECT outcome_group FROM request_outcome_groups WHERE applicant = 'total' "
            f"AND agency = '{agency}' AND year = {year} ORDER BY sort_order",
        )
        assert [g for (g,) in groups] == [
            "granted",
            "partially_granted",
            "denied",
            "unable",
            "not_processed",
            "other_handling",
        ]
    # 外交部 2020 prints （六）其他处理 as one row: its 2 requests are in the groups.
    assert rows(
        data,
        "SELECT requests FROM request_outcome_groups WHERE agency = 'mfa' AND year = 2020 "
        "AND applicant = 'total' AND outcome_group = 'other_handling'",
    ) == [(Decimal(2),)]


def test_csv_and_json_carry_the_exact_figures(bundled) -> None:
    data, _ = bundled
    sql = "SELECT agency, year, outcome, applicant, value, raw FROM request_facts ORDER BY ALL"
    expected = rows(data, sql)
    status, out, _ = ogi(["sql", "--format", "csv", sql], data)
    assert status == 0
    parsed = list(csv.reader(io.StringIO(out)))
    assert parsed[0] == ["agency", "year", "outcome", "applicant", "value", "raw"]
    assert [(a, int(y), o, c, Decimal(v) if v else None, r) for a, y, o, c, v, r in parsed[1:]] == expected
    status, out, _ = ogi(["sql", "--format", "json", sql], data)
    assert status == 0
    records = json.loads(out, parse_float=Decimal)
    assert [(r["agency"], r["year"], r["outcome"], r["applicant"], r["value"], r["raw"]) for r in records] == expected


def test_a_snapshot_answers_like_the_warehouse(bundled) -> None:
    data, _ = bundled
    sql = "SELECT * FROM request_outcome_groups ORDER BY ALL"
    warehouse = ogi(["sql", "--format", "csv", sql], data)
    assert ogi(["sql", "--snapshot", "latest", "--format", "csv", sql], data) == warehouse
    name = os.readlink(data / "snapshots" / "latest")
    assert ogi(["sql", "--snapshot", name, "--format", "csv", sql], data) == warehouse


def test_nothing_can_be_written_and_bad_input_is_one_line(bundled, tmp_path: Path) -> None:
    data, _ = bundled
    before = hashlib.sha256((data / "warehouse.duckdb").read_bytes()).hexdigest()
    cases = [
        (["sql", "DELETE FROM request_facts"], "read-only"),
        (["sql", "CREATE TABLE mine AS SELECT 1"], "read-only"),
        (["sql", "--snapshot", "latest", "DROP VIEW request_facts"], "read-only"),
        (["sql", "SELEC 1"], "syntax error"),
        (["sql", "SELECT * FROM no_such_table"], "no_such_table"),
        (["sql", "--snapshot", "2001-01-01T000000Z", "SELECT 1"], "not a snapshot"),
    ]
    for argv, cause in cases:
        status, out, err = ogi(argv, data)
        assert status == 2 and out == "", argv
        first, *hints = err.splitlines()
        assert first.startswith("ogi: error: ") and cause in first, err
        assert all(line.startswith("  ") for line in hints) and "Traceback" not in err, err
    status, _, err = ogi(["sql", "SELECT 1"], tmp_path / "nothing-here")
    assert status == 2 and err.startswith("ogi: error: ") and "no warehouse" in err and err.count("\n") == 1
    assert hashlib.sha256((data / "warehouse.duckdb").read_bytes()).hexdigest() == before


def test_the_interactive_prompt_reads_statements_until_quit(bundled) -> None:
    data, _ = bundled
    script = ".tables\nSELECT count(*) AS reports\n  FROM reports;\nSELEC 1;\nSELECT 'still here' AS s;\n.quit\nSELECT 'not run';\n"
    done = interactive(data, script)
    assert "request_outcome_groups" in done.stdout and "checks" in done.stdout  # .tables
    bundled = len(load_catalog(PROJECT_DIR / "data" / "catalog.yaml").samples)
    assert f"│ {bundled:7d} │" in done.stdout and "still here" in done.stdout and "not run" not in done.stdout
    assert done.stderr.startswith("ogi: error: Parser Error: syntax error")
    assert done.stderr.splitlines()[1:] == ["  LINE 1: SELEC 1;", "          ^^^^^"]
    assert done.returncode == 2, "a statement was refused"


def test_a_refused_query_keeps_duckdbs_hints(bundled) -> None:
    """DuckDB's own suggestions and the caret under the faulty word come through, indented under
    the error line, with no traceback."""
    data, _ = bundled
    status, out, err = ogi(["sql", "SELECT * FROM report"], data)
    assert status == 2 and out == ""
    assert err.splitlines() == [
        f"ogi: error: {data / 'warehouse.duckdb'}: Catalog Error: Table with name report does not exist!",
        '  Did you mean "reports"?',
    ]
    status, _, err = ogi(["sql", "SELECT agency, yeer FROM reports"], data)
    assert status == 2 and "not found in FROM clause" in err and '"year"' in err.splitlines()[1]
    status, _, err = ogi(["sql", "SELECT agency FROM reports WHERE year >"], data)
    first, context, caret = err.splitlines()
    assert first.endswith('Parser Error: syntax error at or near ">"'), err
    assert context == "  LINE 1: SELECT agency FROM reports WHERE year >"
    assert caret.strip() == "^" and caret.index("^") == context.index(">"), "the caret stays under the fault"


def interactive(data: Path, script: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "sql", "--data-dir", str(data)],
        input=script,
        capture_output=True,
        text=True,
        env=ENV,
        timeout=60,
    )


def test_schema_shows_a_tables_columns_with_their_types_and_comments(bundled) -> None:
    data, _ = bundled
    columns = rows(
        data,
        "SELECT column_name, data_type, comment FROM duckdb_columns() "
        "WHERE table_name = 'request_outcomes' ORDER BY column_index",
    )
    [(comment,)] = rows(data, "SELECT comment FROM duckdb_views() WHERE view_name = 'request_outcomes'")
    done = interactive(data, ".schema request_outcomes\n.schema REPORTS;\n")
    assert done.returncode == 0 and done.stderr == ""
    lines = done.stdout.splitlines()
    assert lines[0] == f"request_outcomes (view): {comment}"
    assert [line.split(None, 2) for line in lines[1 : 1 + len(columns)]] == [list(c) for c in columns]
    assert lines[1 + len(columns)].startswith("reports (table): One row per loaded report")
    assert all(c is not None for _, _, c in columns), "every column of the view is documented"


def test_a_dot_command_runs_as_the_query_too(bundled) -> None:
    data, _ = bundled
    status, out, err = ogi(["sql", ".schema request_outcomes"], data)
    assert status == 0 and err == ""
    assert out == interactive(data, ".schema request_outcomes\n").stdout
    status, out, err = ogi(["sql", ".schema nothing_like_it"], data)
    assert status == 2 and out == "" and err.startswith("ogi: error: ") and "no table or view named" in err


def test_schema_alone_lists_the_tables_and_views_and_unknown_commands_say_what_exists(bundled) -> None:
    data, _ = bundled
    names = {
        name
        for (name,) in rows(
            data, "SELECT table_name FROM duckdb_tables() UNION SELECT view_name FROM duckdb_views() WHERE NOT internal"
        )
    }
    done = interactive(data, ".schema\n.schema reportz\n.scheme reports\n.help\nSELECT 'after' AS s;\n")
    listed = done.stdout.split("Type SQL")[0].splitlines()
    assert {line.split()[0] for line in listed} == names
    assert [line.split()[1] for line in listed] == sorted(line.split()[1] for line in listed), "tables, then views"
    assert done.stderr.splitlines() == [
        "ogi: error: no table or view named reportz; did you mean reports, report_inputs? (.tables lists them)",
        "ogi: error: unknown command .scheme reports; the commands are .tables, .schema [NAME], .help, .quit "
        "(.help says what each does)",
    ]
    assert ".schema NAME" in done.stdout and "after" in done.stdout, "the prompt goes on"
    assert done.returncode == 2, "two commands were refused"
