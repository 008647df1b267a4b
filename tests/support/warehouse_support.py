"""Build real warehouses from facts constructed in tests (no extractor involved)."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import duckdb
from truth import TRUTHS, truth_extraction

from pipeline.core.catalog import Catalog, load_catalog
from pipeline.core.facts import Extraction, Fact
from pipeline.core.settings import PROJECT_DIR
from pipeline.fetch import RawReport
from pipeline.fetch.live import ListingCheck
from pipeline.warehouse.build import build_warehouse
from pipeline.warehouse.inputs import agencies_digest, fingerprint, scan_staging, schema_digest
from pipeline.warehouse.staging import stage_report, staged_reports


def catalog() -> Catalog:
    return load_catalog(PROJECT_DIR / "data" / "catalog.yaml")


def truth_extractions(fixtures: Path) -> dict[tuple[str, int], Extraction]:
    return {key: truth_extraction(fixtures / truth) for key, (truth, _) in TRUTHS.items()}


def stage(staging: Path, agency: str, year: int, extraction: Extraction, version: int = 1) -> None:
    """Stage ``extraction`` as read from a file of the report (``version``: another number, another
    file, so another sha256)."""
    key = (agency, year) if version == 1 else (agency, year, version)
    sha = hashlib.sha256(repr(key).encode()).hexdigest()
    raw = RawReport(
        agency=agency,
        year=year,
        sha256=sha,
        path=Path("/nonexistent"),
        size=1,
        kind="replica",
        fetched_at="2026-01-01T00:00:00+00:00",
    )
    stage_report(staging, raw, extraction, "test")


def build(
    folder: Path,
    extractions: dict[tuple[str, int], Extraction],
    name: str = "warehouse.duckdb",
    listings: Sequence[ListingCheck] = (),
) -> Path:
    """Stage the extractions under ``folder/staging`` and build ``folder/name`` from them (and the
    listing checks ``listings``)."""
    staging = folder / "staging"
    for (agency, year), extraction in extractions.items():
        stage(staging, agency, year, extraction)
    return build_staged(staging, folder / name, listings)


def build_staged(staging: Path, path: Path, listings: Sequence[ListingCheck] = ()) -> Path:
    """Build the warehouse ``path`` from the reports staged under ``staging`` (and the listing
    checks ``listings``)."""
    reports, inputs, schema = staged_reports(staging), scan_staging(staging), schema_digest("test")
    build_warehouse(
        path,
        staging,
        reports,
        catalog(),
        code_version="test",
        schema=schema,
        inputs=inputs,
        fingerprint=fingerprint(schema, agencies_digest(catalog()), list(inputs.values())),
        listings=listings,
    )
    return path


def with_value(extraction: Extraction, cell: tuple[str, str, str], value: int | None) -> Extraction:
    """A copy of ``extraction`` with one cell changed (or removed when it is absent from the facts)."""
    facts = [
        dataclasses.replace(f, value=None if value is None else Decimal(value), raw="" if value is None else str(value))
        if (f.table, f.row, f.column) == cell
        else f
        for f in extraction.facts
    ]
    return dataclasses.replace(extraction, facts=facts)


def without(extraction: Extraction, cell: tuple[str, str, str]) -> Extraction:
    return dataclasses.replace(extraction, facts=[f for f in extraction.facts if (f.table, f.row, f.column) != cell])


def plus(extraction: Extraction, fact: Fact) -> Extraction:
    return dataclasses.replace(extraction, facts=[*extraction.facts, fact])


def query(path: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


FACT_TABLES = {
    "requests": ("request_facts", "outcome", "applicant"),
    "review": ("review_facts", "proceeding", "result"),
    "proactive": ("proactive_facts", "item", "measure"),
}


def loaded_cells(warehouse: Path, agency: str, year: int) -> dict[tuple[str, str, str], Decimal | None]:
    """Every fact of one report in the warehouse, keyed like ``truth_cells``."""
    loaded = {}
    for table, (name, row, column) in FACT_TABLES.items():
        sql = f"SELECT {row}, {column}, value FROM {name} WHERE agency = ? AND year = ?"
        loaded |= {(table, r, c): v for r, c, v in query(warehouse, sql, [agency, year])}
    return loaded
