"""Generated reports as the facts an extraction would give (no PDF rendered, nothing extracted),
staged and built into a real warehouse: for what comes after extraction (the dataset page, its
tests and benchmark) at any number of agencies and years."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from pipeline.core.catalog import Agency, Catalog
from pipeline.core.facts import Extraction, Fact
from pipeline.core.figures import figure_cells
from pipeline.fetch import RawReport
from pipeline.replica.content import ReportContent
from pipeline.replica.synthetic import generate
from pipeline.warehouse.build import build_warehouse
from pipeline.warehouse.inputs import agencies_digest, fingerprint, scan_staging, schema_digest
from pipeline.warehouse.staging import stage_report, staged_reports

PAGES = {"proactive": 2, "requests": 3, "review": 4}  # where the replicas print each table


def content_extraction(content: ReportContent) -> Extraction:
    """The facts of a generated report, each on the page its table is printed on."""
    cells = figure_cells(content.figures)
    facts = [
        Fact(
            table=table,
            row=row,
            column=column,
            value=value,
            page=PAGES[table],
            raw="" if value is None else str(value),
            label=row,
        )
        for (table, row, column), value in cells.items()
    ]
    split = any(table == "requests" and row.startswith("other_handling.") for table, row, _ in cells)
    return Extraction(
        template=content.template,
        pages=4,
        facts=facts,
        table_pages={t: [p] for t, p in PAGES.items()},
        notes=[],
        other_handling_split=split,
    )


def generated_warehouse(
    folder: Path,
    agencies: Sequence[Agency],
    years: Sequence[int],
    *,
    count: int | None = None,
    inconsistent_every: int = 0,
) -> Path:
    """``folder/warehouse.duckdb`` with one generated report per agency and year (the first
    ``count`` of them, agency by agency), seeded by its position so the same arguments give the
    same figures; every ``inconsistent_every``-th report has a total that does not add up."""
    staging = folder / "staging"
    reports = [(a, y) for a in agencies for y in years][:count]
    for n, (agency, year) in enumerate(reports):
        consistent = not inconsistent_every or n % inconsistent_every != inconsistent_every - 1
        content = generate(n, "2019" if year < 2021 else "2021", consistent=consistent)
        sha = hashlib.sha256(f"{agency.code}|{year}|{n}".encode()).hexdigest()
        raw = RawReport(
            agency=agency.code,
            year=year,
            sha256=sha,
            path=Path("/nonexistent"),
            size=1,
            kind="replica",
            fetched_at="2026-01-01T00:00:00+00:00",
        )
        stage_report(staging, raw, content_extraction(content), "generated")
    reports, inputs, schema = staged_reports(staging), scan_staging(staging), schema_digest("generated")
    catalog = Catalog(path=folder / "catalog.yaml", agencies={a.code: a for a in agencies}, samples=[])
    path = folder / "warehouse.duckdb"
    build_warehouse(
        path,
        staging,
        reports,
        catalog,
        code_version="generated",
        schema=schema,
        inputs=inputs,
        fingerprint=fingerprint(schema, agencies_digest(catalog), list(inputs.values())),
    )
    return path
