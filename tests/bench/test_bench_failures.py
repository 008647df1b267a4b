"""The benchmarks go on past a report that cannot be read: they count it and name it."""

from __future__ import annotations

import sys

import pytest

from bench.builds import REPORTS_FAILED, failed_reports
from bench.corpus import Report
from bench.extraction import accuracy, extract
from bench.extraction import measure as measure_extraction
from bench.peak import measure
from bench.wordfiles import accuracy as word_accuracy
from bench.wordfiles import extraction_seconds as word_seconds
from pipeline.replica.printings import Printing, printed
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


def test_a_pdf_without_the_tables_is_measured_and_named(tmp_path):
    """Every reader of the extraction benchmark is timed on it; ours names why it was not read."""
    page = "<!DOCTYPE html><html><head><meta charset='utf-8'></head><body><p>本年度未收取信息处理费。</p></body></html>"
    pdf = printed(page, tmp_path / "prose.pdf", Printing("chromium", "A5", "default", True))
    figures = measure_extraction([Report("prose", pdf, generate(0, "2021"))], runs=1)
    assert figures.cells_correct == 0 and figures.cells > 0
    assert figures.failures == ["prose: table 三 (requests) not found"]


def test_a_word_file_that_cannot_be_read_is_counted_and_named(tmp_path):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not a zip archive")
    report = Report("broken", broken, generate(0, "2021"))
    word_seconds([(broken, report)])  # timed like any other file, without stopping the run
    correct, total, failures = word_accuracy([(broken, report)])
    assert correct == 0 and total > 0
    assert len(failures) == 1 and failures[0].startswith("broken.docx: ")
