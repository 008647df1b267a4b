"""Extraction from web pages next to extraction from PDFs: the same synthetic reports written
both ways (``pipeline/replica/webpage.py`` and the PDF replica renderer), timed back to back, plus
the bundled 平潭 article pages (real reports published as pages)."""

from __future__ import annotations

import statistics
import time
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from bench.corpus import Report
from pipeline.core.catalog import load_catalog
from pipeline.core.facts import ReportError
from pipeline.core.figures import figure_cells
from pipeline.core.settings import Settings
from pipeline.extract import extract_report
from pipeline.extract.charset import header_charset
from pipeline.replica.webpage import render_page


@dataclass(frozen=True)
class Page:
    path: Path
    charset: str | None
    report: Report | None  # the figures it was written from (None: a real page)


@dataclass
class PageFigures:
    html_seconds_per_report: float
    pdf_seconds_per_report: float
    html_vs_pdf: float
    real_pages: int
    real_seconds_per_report: float
    cells: int
    cells_correct: int
    failures: list[str]  # "name: cause" of each page or PDF not read


def pages(reports: list[Report], folder: Path) -> list[Page]:
    """Each synthetic report as a web page with the habits of its seed (chrome, charset, spans…)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for seed, report in enumerate(reports):
        page = render_page(report.content, seed)
        path = folder / f"{report.name}.html"
        path.write_bytes(page.data)
        written.append(Page(path, header_charset(page.content_type), report))
    return written


def real_pages() -> list[Page]:
    catalog = load_catalog(Settings.from_env().catalog_path)
    return [Page(s.file, None, None) for s in catalog.samples if s.file.suffix == ".html"]


def _seconds(items: list, read) -> float:
    """Seconds to read every item; an item that cannot be read costs what it took."""
    start = time.perf_counter()
    for item in items:
        with suppress(ReportError):
            read(item)
    return time.perf_counter() - start


def measure(reports: list[Report], folder: Path, runs: int) -> PageFigures:
    """Per run: the pages, then the PDFs of the same reports, then the real pages; medians."""
    written, real = pages(reports, folder), real_pages()
    html, pdf, bundled = [], [], []
    for _ in range(runs):
        html.append(_seconds(written, lambda p: extract_report(p.path, charset=p.charset)))
        pdf.append(_seconds(reports, lambda r: extract_report(r.pdf)))
        bundled.append(_seconds(real, lambda p: extract_report(p.path)))
    total = correct = 0
    failures = []
    for page in written:
        expected = figure_cells(page.report.figures)
        total += len(expected)
        try:
            facts = extract_report(page.path, charset=page.charset).facts
        except ReportError as exc:
            failures.append(f"{page.path.name}: {exc}")
            continue
        got = {(f.table, f.row, f.column): f.value for f in facts}
        correct += sum(1 for cell, value in expected.items() if cell in got and got[cell] == value)
    return PageFigures(
        html_seconds_per_report=statistics.median(html) / len(written),
        pdf_seconds_per_report=statistics.median(pdf) / len(reports),
        html_vs_pdf=statistics.median(h / p for h, p in zip(html, pdf)),
        real_pages=len(real),
        real_seconds_per_report=statistics.median(bundled) / max(1, len(real)),
        cells=total,
        cells_correct=correct,
        failures=failures,
    )
