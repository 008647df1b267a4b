"""Extraction from Word files next to the same reports as web pages (the baseline): the synthetic
reports written as .docx (``pipeline/replica/worddoc.py``), as .doc (LibreOffice saves the .docx;
reading it converts it back with LibreOffice headless), in the other forms publishers post
(``pipeline/replica/wordforms.py``: tables in text boxes, WPS Office's marks, a web page imported
as the body, table 四 pasted as a scanned picture and read by OCR) and as plain article pages,
timed back to back in one process, and the peak memory of each form read in a process of its own
(LibreOffice's processes included)."""

from __future__ import annotations

import statistics
import sys
import time
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from bench.corpus import Report
from bench.peak import measure as measure_command
from pipeline.core.facts import ReportError
from pipeline.core.figures import figure_cells
from pipeline.core.settings import PROJECT_DIR
from pipeline.extract import extract_report
from pipeline.replica import wordforms
from pipeline.replica.scan import ScanStyle
from pipeline.replica.webpage import Style, render_page
from pipeline.replica.worddoc import converted, draw_word_style, render_docx

FORMS = ("html", "docx", "doc", "textbox", "wps", "chunk", "picture")


@dataclass
class WordFigures:
    seconds_per_file: dict[str, float]  # form -> median seconds per file
    vs_html: dict[str, float]  # form -> median of (seconds / the web pages' seconds) per run
    peak_mib: dict[str, float]  # form -> peak resident memory of the largest process
    cells: dict[str, tuple[int, int]]  # form -> (correct, total)
    failures: list[str] = field(default_factory=list)  # "file: cause" of each file not read


def write(reports: list[Report], folder: Path) -> dict[str, list[tuple[Path, Report]]]:
    """Each report as a web page and in each Word form, with the habits of its seed."""
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, list[tuple[Path, Report]]] = {form: [] for form in FORMS}
    for seed, report in enumerate(reports):
        # LibreOffice 7.4 mixes up the text of cells that content controls wrap: none in its copy.
        style, _ = draw_word_style(seed)
        style.controls = False
        docx = render_docx(report.content, seed).data
        page = render_page(report.content, seed, Style(chrome=True)).data
        doc = converted(render_docx(report.content, seed, style).data, "docx", "doc")
        style.split = False  # table 四 is the third table of the body
        picture = wordforms.table_picture(report.content, "四", ScanStyle(dpi=200, seed=seed))
        data = {
            "html": page,
            "docx": docx,
            "doc": doc,
            "textbox": wordforms.in_text_boxes(docx),
            "wps": wordforms.with_wps_marks(docx),
            "chunk": wordforms.as_chunk(report.content.full_title(), page),
            "picture": wordforms.with_pictures(render_docx(report.content, seed, style).data, {3: picture}),
        }
        for form in FORMS:
            path = folder / f"{report.name}.{form}"
            path.write_bytes(data[form])
            files[form].append((path, report))
    return files


def extraction_seconds(files: list[tuple[Path, Report]]) -> float:
    start = time.perf_counter()
    for path, _ in files:
        with suppress(ReportError):  # a file that cannot be read costs what it took; counted below
            extract_report(path)
    return time.perf_counter() - start


def accuracy(files: list[tuple[Path, Report]]) -> tuple[int, int, list[str]]:
    """(cells read exactly, cells published, ``"file: cause"`` of each file not read): a file that
    cannot be read is counted and named, and the benchmark goes on."""
    correct = total = 0
    failures = []
    for path, report in files:
        expected = figure_cells(report.figures)
        total += len(expected)
        try:
            got = {(f.table, f.row, f.column): f.value for f in extract_report(path).facts}
        except ReportError as exc:
            failures.append(f"{path.name}: {exc}")
            continue
        correct += sum(1 for cell, value in expected.items() if cell in got and got[cell] == value)
    return correct, total, failures


def measure(reports: list[Report], folder: Path, runs: int) -> WordFigures:
    """Per run: the web pages, the .docx files, the .doc files; medians over the runs."""
    files = write(reports, folder)
    seconds: dict[str, list[float]] = {form: [] for form in FORMS}
    for _ in range(runs):
        for form in FORMS:
            seconds[form].append(extraction_seconds(files[form]))
    cells = {}
    failures = []
    for form in FORMS:
        correct, total, failed = accuracy(files[form])
        cells[form] = (correct, total)
        failures += failed
    peaks = {
        form: measure_command(
            [sys.executable, "-m", "bench.peak", "extract", *(str(path) for path, _ in files[form])], cwd=PROJECT_DIR
        ).peak_mib
        for form in FORMS
    }
    return WordFigures(
        seconds_per_file={form: statistics.median(values) / len(reports) for form, values in seconds.items()},
        vs_html={form: statistics.median(s / h for s, h in zip(seconds[form], seconds["html"])) for form in FORMS[1:]},
        peak_mib=peaks,
        cells=cells,
        failures=failures,
    )
