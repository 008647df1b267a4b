"""The benchmarks go on past a report that cannot be read: they count it and name it."""

from __future__ import annotations

import sys

import pytest

from bench.builds import REPORTS_FAILED, failed_reports
from bench.corpus import Report
from bench.extraction import accuracy, extract
from bench.peak import measure
from pipeline.replica.synthetic import generate

FAILING_RUN = "print('  + bench-00 2023'); print('  ! bench-06 2024: table 三: the cause'); raise SystemExit(2)"


def test_a_build_with_failed_reports_is_measured_and_names_them():
    run = measure([sys.executable, "-c", FAILING_RUN], accept=(0, REPORTS_FAILED))
    assert failed_reports(run) == ["bench-06 2024: table 三: the cause"]
    with pytest.raises(RuntimeError, match="exit 2"):
        measure([sys.executable, "-c", FAILING_RUN])  # any other command must succeed


def test_an_unreadable_report_is_counted_not_raised(tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"<html><body>not found</body></html>")
    report = Report("broken", broken, generate(0, "2021"))
    extract(report)  # timed like any other, without stopping the run
    total, correct, failures = accuracy([report])
    assert total > 0 and correct == 0
    assert failures == ["broken: an HTML page without tables: not a report (an error page?)"]
