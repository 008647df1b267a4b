"""The reports a benchmark reads: the bundled sample and replicas from the synthetic generator."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.core.catalog import load_catalog
from pipeline.core.settings import Settings
from pipeline.replica.content import ReportContent, dump_content, load_content
from pipeline.replica.htmlprint import PRODUCERS, print_pdf, report_html
from pipeline.replica.render import render_pdf
from pipeline.replica.synthetic import LAYOUT_CLASSES, PREFACE, generate


@dataclass(frozen=True)
class Report:
    name: str
    pdf: Path
    content: ReportContent

    @property
    def figures(self) -> dict[str, Any]:
        return self.content.figures


def bundled() -> list[Report]:
    catalog = load_catalog(Settings.from_env().catalog_path)
    return [
        Report(f"{s.agency}-{s.year}", s.file, load_content(s.content))
        for s in catalog.samples
        if s.content is not None
    ]


@dataclass(frozen=True)
class CatalogReport:
    agency: str
    year: int
    publisher: str
    pdf: Path


def synthetic_reports(count: int, folder: Path, agencies: list[str], years: list[int]) -> list[CatalogReport]:
    """``count`` generated reports for a catalog, agency by agency, one per year (the template the
    year calls for), rendered with their content files into ``folder`` (kept between runs)."""
    folder.mkdir(parents=True, exist_ok=True)
    reports = []
    for n in range(count):
        agency, year = agencies[n // len(years)], years[n % len(years)]
        content = generate(n, "2019" if year < 2021 else "2021")
        content.agency, content.year = f"示范市第{n // len(years)}局", year
        content.body["preface"] = [PREFACE.format(agency=content.agency, year=year)]
        pdf = folder / f"{agency}-{year}.pdf"
        if not pdf.exists():
            dump_content(content, pdf.with_suffix(".yaml"))
            render_pdf(content, pdf)
        reports.append(CatalogReport(agency, year, content.agency, pdf))
    return reports


def synthetic(count: int, folder: Path) -> list[Report]:
    """``count`` generated reports, alternating templates, rendered into ``folder`` (kept between runs)."""
    folder.mkdir(parents=True, exist_ok=True)
    reports = []
    for seed in range(count):
        template = ("2019", "2021")[seed % 2]
        content = generate(seed, template)
        pdf = folder / f"synthetic-{template}-{seed:04d}.pdf"
        if not pdf.exists():
            render_pdf(content, pdf)
        reports.append(Report(pdf.stem, pdf, content))
    return reports


def layouts(folder: Path, quick: bool = False) -> list[Report]:
    """One generated report per layout class and template (fpdf2), and double-ruled report pages
    and pages without rules printed by each browser engine, per template, rendered into
    ``folder`` (kept between runs).
    ``quick``: the 2021 template only."""
    folder.mkdir(parents=True, exist_ok=True)
    reports = []
    for template in ("2021",) if quick else ("2019", "2021"):
        for index, name in enumerate(LAYOUT_CLASSES):
            content = generate(300 + index, template, classes=(name,))
            if f"layout class: {name}" not in content.quirks:
                continue  # the class does not apply to this template
            pdf = folder / f"{name}-{template}.pdf"
            if not pdf.exists():
                render_pdf(content, pdf)
            reports.append(Report(pdf.stem, pdf, content))
        for index, producer in enumerate(PRODUCERS):
            for classes in ((), ("no_rules",)):
                content = generate(400 + index, template, classes=classes)
                pdf = folder / f"printed-{producer}{''.join('-' + c for c in classes)}-{template}.pdf"
                if not pdf.exists():
                    print_pdf(report_html(content, double_rules=True), pdf, producer)
                reports.append(Report(pdf.stem, pdf, content))
    return reports
