"""``ogi extract``: the installed command prints every fact as CSV or JSON."""

from __future__ import annotations

import csv
import fcntl
import io
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from pipeline.core.codes import codes
from pipeline.replica.render import render_pdf
from pipeline.replica.synthetic import generate

COLUMNS = {
    "requests": [c.code for c in codes("requests", "applicant")],
    "review": [c.code for c in codes("review", "result")],
}


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> tuple[Path, dict]:
    content = generate(11, "2019")
    path = tmp_path_factory.mktemp("cli") / "report.pdf"
    render_pdf(content, path)
    return path, content.figures


def _ogi(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "extract", *args], capture_output=True, text=True, timeout=120
    )


def _published(figures: dict, table: str, row: str, column: str):
    if table == "proactive":
        return figures[table][row][column]
    return figures[table][row][COLUMNS[table].index(column)]


def test_csv(report):
    path, figures = report
    result = _ogi(str(path))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    records = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {"table", "row", "column", "value", "page", "raw"} <= set(records[0])
    assert {r["table"] for r in records} == {"requests", "review", "proactive"}
    for record in records:
        value = _published(figures, record["table"], record["row"], record["column"])
        assert record["value"] == ("" if value is None else str(value))
        assert int(record["page"]) >= 1
    expected = sum(len(v) for v in figures["requests"].values()) + sum(len(v) for v in figures["review"].values())
    expected += sum(len(v) for v in figures["proactive"].values())
    assert len(records) == expected


def test_json(report):
    path, figures = report
    result = _ogi(str(path), "--format", "json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["template"] == "2019"
    assert set(document["table_pages"]) == {"requests", "review", "proactive"}
    for fact in document["facts"]:
        value = _published(figures, fact["table"], fact["row"], fact["column"])
        assert (None if fact["value"] is None else Decimal(fact["value"])) == value
        assert isinstance(fact["raw"], str) and fact["label"]


def test_real_report_amount_in_yuan(fixtures):
    """The 2021 fee column is printed in 万元 (its header says so); the dataset holds yuan."""
    result = _ogi(str(fixtures / "realworld" / "hongze-2023.pdf"))
    assert result.returncode == 0, result.stderr
    records = {(r["table"], r["row"], r["column"]): r for r in csv.DictReader(io.StringIO(result.stdout))}
    fee = records[("proactive", "administrative_fees", "fee_amount_yuan")]
    assert (fee["value"], fee["raw"], fee["page"]) == ("77302800", "7730.28", "3")


def test_installed_console_script(report):
    ogi = Path(sys.executable).with_name("ogi")
    if not ogi.exists():
        pytest.skip("the console script is not installed in this environment")
    path, _ = report
    result = subprocess.run([str(ogi), "extract", str(path)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and result.stdout.startswith("table,row,column,value,page,raw")


def test_a_reader_that_stops_early_ends_the_command_quietly(report: tuple[Path, dict]) -> None:
    # `ogi extract report.pdf | head -1`: the reader closes the pipe after a line, while the
    # command still has more to write than the (smallest) pipe buffer holds.
    read, write = os.pipe()
    fcntl.fcntl(write, fcntl.F_SETPIPE_SZ, 4096)
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipeline.cli", "extract", str(report[0])], stdout=write, stderr=subprocess.PIPE
    )
    os.close(write)
    with open(read, "rb") as out:
        assert out.readline().startswith(b"table,row,column,")
    err = proc.stderr.read().decode()
    assert (proc.wait(timeout=120), err) == (141, "")
