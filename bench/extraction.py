"""Our extraction against camelot: the baseline (camelot on every page, its default line engine)
and the fairest camelot configuration (``engine="vector"``, the rules drawn in the PDF, on the
pages that hold the tables only, found by the same text pass as ours); and a text-only pass (the
floor). A report our extraction cannot read is counted and named, and the measurement goes on."""

from __future__ import annotations

import statistics
import time
import warnings
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass

import camelot
import pypdfium2

import pipeline.extract as extractor
from bench.corpus import Report
from pipeline.core.facts import ReportError
from pipeline.core.figures import figure_cells
from pipeline.extract import _candidate_pages, extract_report
from pipeline.extract.pdftext import read_text


def camelot_every_page(report: Report) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        camelot.read_pdf(str(report.pdf), pages="all", flavor="lattice")


def camelot_vector_table_pages(report: Report) -> None:
    """camelot's lattice on the drawn rules (no page rendering) of the pages that hold the tables
    and the next (a table may end at its top), the pages found by our text pass (timed too). A
    report where that pass finds no table 三 costs the pass alone (our extraction stops there too)."""
    text = read_text(report.pdf)
    try:
        pages = _candidate_pages(text)
    except ReportError:
        return
    pages += [pages[-1] + 1] if pages[-1] < len(text.pages) else []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        camelot.read_pdf(str(report.pdf), pages=",".join(map(str, pages)), flavor="lattice", engine="vector")


def extract(report: Report) -> None:
    """Our extraction; a report it cannot read costs what it took and is counted by ``accuracy``."""
    with suppress(ReportError):
        extract_report(report.pdf)


def extract_unguarded(report: Report) -> None:
    """Our extraction without the completeness guard (``pipeline/extract/completeness.py``): what
    the guard costs. Only here: a reading the guard would reject may be kept."""
    original = extractor.check_complete
    extractor.check_complete = lambda *args, **kwargs: None
    try:
        extract(report)
    finally:
        extractor.check_complete = original


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
    extract_vs_camelot_vector_table_pages: float
    guarded_vs_unguarded: float
    text_floor_vs_camelot: float
    extract_vs_text_floor: float
    extract_seconds_per_report: float
    camelot_seconds_per_report: float
    camelot_vector_table_pages_seconds_per_report: float
    cells: int
    cells_correct: int
    failures: list[str]  # "name: cause" of each report our extraction could not read


def accuracy(reports: list[Report]) -> tuple[int, int, list[str]]:
    """(cells published, cells extracted exactly, the reports not read with their cause)."""
    total = correct = 0
    failures = []
    for report in reports:
        expected = figure_cells(report.figures)
        total += len(expected)
        try:
            got = {(f.table, f.row, f.column): f.value for f in extract_report(report.pdf).facts}
        except ReportError as exc:
            failures.append(f"{report.name}: {exc}")
            continue
        correct += sum(1 for cell, value in expected.items() if cell in got and got[cell] == value)
    return total, correct, failures


def measure(reports: list[Report], runs: int) -> ExtractionFigures:
    """Each run times the readers over the same files back to back (ours with and without the
    completeness guard, the two camelot configurations, the text floor); ratios are per run, the
    medians are reported."""
    ours, unguarded, baseline, vector, floor = [], [], [], [], []
    for _ in range(runs):
        ours.append(_seconds(extract, reports))
        unguarded.append(_seconds(extract_unguarded, reports))
        baseline.append(_seconds(camelot_every_page, reports))
        vector.append(_seconds(camelot_vector_table_pages, reports))
        floor.append(_seconds(text_floor, reports))
    total, correct, failures = accuracy(reports)
    return ExtractionFigures(
        extract_vs_camelot=statistics.median(o / b for o, b in zip(ours, baseline)),
        extract_vs_camelot_vector_table_pages=statistics.median(o / v for o, v in zip(ours, vector)),
        guarded_vs_unguarded=statistics.median(o / u for o, u in zip(ours, unguarded)),
        text_floor_vs_camelot=statistics.median(f / b for f, b in zip(floor, baseline)),
        extract_vs_text_floor=statistics.median(o / f for o, f in zip(ours, floor)),
        extract_seconds_per_report=statistics.median(ours) / len(reports),
        camelot_seconds_per_report=statistics.median(baseline) / len(reports),
        camelot_vector_table_pages_seconds_per_report=statistics.median(vector) / len(reports),
        cells=total,
        cells_correct=correct,
        failures=failures,
    )
