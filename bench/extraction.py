"""Our extraction against camelot on every page (the baseline) and a text-only pass (the floor)."""

from __future__ import annotations

import statistics
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass

import camelot
import pypdfium2

from bench.corpus import Report
from pipeline.core.facts import ReportError
from pipeline.core.figures import figure_cells
from pipeline.extract import extract_report


def camelot_every_page(report: Report) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        camelot.read_pdf(str(report.pdf), pages="all", flavor="lattice")


def text_floor(report: Report) -> None:
    pdf = pypdfium2.PdfDocument(report.pdf)
    try:
        for page in pdf:
            page.get_textpage().get_text_range()
    finally:
        pdf.close()


def _seconds(fn: Callable[[Report], object], reports: list[Report]) -> float:
    start = time.perf_counter()
    for report in reports:
        fn(report)
    return time.perf_counter() - start


@dataclass
class ExtractionFigures:
    extract_vs_camelot: float
    text_floor_vs_camelot: float
    extract_vs_text_floor: float
    extract_seconds_per_report: float
    camelot_seconds_per_report: float
    cells: int
    cells_correct: int


def accuracy(reports: list[Report]) -> tuple[int, int]:
    """(cells published, cells extracted exactly) over the reports."""
    total = correct = 0
    for report in reports:
        expected = figure_cells(report.figures)
        total += len(expected)
        try:
            got = {(f.table, f.row, f.column): f.value for f in extract_report(report.pdf).facts}
        except ReportError:
            continue
        correct += sum(1 for cell, value in expected.items() if cell in got and got[cell] == value)
    return total, correct


def measure(reports: list[Report], runs: int) -> ExtractionFigures:
    """Each run times the three readers over the same files back to back; ratios are per run,
    the medians are reported."""
    ours, baseline, floor = [], [], []
    for _ in range(runs):
        ours.append(_seconds(lambda r: extract_report(r.pdf), reports))
        baseline.append(_seconds(camelot_every_page, reports))
        floor.append(_seconds(text_floor, reports))
    total, correct = accuracy(reports)
    return ExtractionFigures(
        extract_vs_camelot=statistics.median(o / b for o, b in zip(ours, baseline)),
        text_floor_vs_camelot=statistics.median(f / b for f, b in zip(floor, baseline)),
        extract_vs_text_floor=statistics.median(o / f for o, f in zip(ours, floor)),
        extract_seconds_per_report=statistics.median(ours) / len(reports),
        camelot_seconds_per_report=statistics.median(baseline) / len(reports),
        cells=total,
        cells_correct=correct,
    )
