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
        assert err.count("\n") == 1 and err.startswith("ogi: error: ") and cause in err, err
    status, _, err = ogi(["sql", "SELECT 1"], tmp_path / "nothing-here")
    assert status == 2 and err.startswith("ogi: error: ") and "no warehouse" in err and err.count("\n") == 1
    assert hashlib.sha256((data / "warehouse.duckdb").read_bytes()).hexdigest() == before


def test_the_interactive_prompt_reads_statements_until_quit(bundled) -> None:
    data, _ = bundled
    script = ".tables\nSELECT count(*) AS reports\n  FROM reports;\nSELEC 1;\nSELECT 'still here' AS s;\n.quit\nSELECT 'not run';\n"
    done = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "sql", "--data-dir", str(data)],
        input=script,
        capture_output=True,
        text=True,
        env=ENV,
        timeout=60,
    )
    assert "request_outcome_groups" in done.stdout and "checks" in done.stdout  # .tables
    bundled = len(load_catalog(PROJECT_DIR / "data" / "catalog.yaml").samples)
    assert f"│ {bundled:7d} │" in done.stdout and "still here" in done.stdout and "not run" not in done.stdout
    assert done.stderr.startswith("ogi: error: Parser Error: syntax error") and done.stderr.count("\n") == 1
    assert done.returncode == 2, "a statement was refused"
