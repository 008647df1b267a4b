"""Per report: the raw file, then its extracted facts staged for the warehouse."""

from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import dagster as dg

from pipeline.catalog import Catalog
from pipeline.defs.catalog import catalog_or_failure, report_catalog
from pipeline.defs.partitions import report_of, report_partitions
from pipeline.defs.resources import PipelineSettings, ReportSource
from pipeline.facts import ReportError
from pipeline.fetch import FetchError, RawReport, RawStore
from pipeline.fetch.live import fetch_live
from pipeline.versions import extractor_version
from pipeline.warehouse.staging import is_current, same_source, stage_report, staged_report


@dg.asset(partitions_def=report_partitions, deps=[report_catalog], output_required=False, kinds={"pdf"})
def raw_reports(
    context: dg.AssetExecutionContext, pipeline: PipelineSettings, report_source: ReportSource
) -> Iterator[dg.MaterializeResult]:
    """The report PDF of one agency and year, kept in the content-addressed raw store with its
    provenance. Emitted only when its bytes (or the extractor) changed since it was last staged,
    so an unchanged report is not extracted again."""
    settings = pipeline.settings()
    agency, year = report_of(context)
    store = RawStore(settings.raw_dir)
    if report_source.mode == "offline":
        raw = _sample_report(context, store, settings.catalog_path, agency, year)
    elif report_source.mode == "live":
        raw = _live_report(context, store, settings.catalog_path, agency, year, report_source.listing_urls)
    else:
        raise dg.Failure(description=f"unknown report source mode {report_source.mode!r}", allow_retries=False)
    if raw is None:
        return
    staged = staged_report(settings.staging_dir, agency, year)
    if is_current(staged, raw.sha256, extractor_version()) and same_source(staged, raw):
        context.log.info(f"{agency} {year}: unchanged (sha256 {raw.sha256[:12]}), not extracted again")
        return
    yield dg.MaterializeResult(
        data_version=dg.DataVersion(raw.sha256),
        metadata={
            "sha256": raw.sha256,
            "size": raw.size,
            "kind": raw.kind,
            "source_url": raw.source_url or "",
            "path": dg.MetadataValue.path(str(raw.path)),
        },
    )


def _catalog(path: Path) -> Catalog:
    """The catalog, read once per process while its file stays the same: a worker process runs
    report after report, and reading the whole catalog for each would grow with its size."""
    try:
        stat = path.stat()
    except OSError:
        return catalog_or_failure(path)  # says what is wrong with the file
    return _read_catalog(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=1)
def _read_catalog(path: Path, mtime_ns: int, size: int) -> Catalog:
    return catalog_or_failure(path)


def _sample_report(
    context: dg.AssetExecutionContext, store: RawStore, catalog: Path, agency: str, year: int
) -> RawReport | None:
    """Offline: the catalog's bundled sample file of this report, put into the raw store."""
    sample = _catalog(catalog).sample(agency, year)
    if sample is None:
        context.log.info(f"{agency} {year}: not in the bundled sample")
        return None
    try:
        return store.put_file(sample.file, agency=agency, year=year, kind=sample.kind, source_url=sample.original_url)
    except (OSError, FetchError) as exc:
        raise dg.Failure(description=f"{agency} {year}: {sample.file.name}: {exc}", allow_retries=False) from None


def _live_report(
    context: dg.AssetExecutionContext, store: RawStore, catalog: Path, agency: str, year: int, listing_urls: list[str]
) -> RawReport | None:
    """Live: the publisher's file, downloaded unless unchanged (conditional GET). A failed or
    invalid download fails this report only; the store keeps the version it had."""
    try:
        outcome = fetch_live(store, _catalog(catalog).agencies[agency], year, listing_urls)
    except FetchError as exc:
        raise dg.Failure(description=f"{agency} {year}: discovery failed: {exc}", allow_retries=False) from None
    if outcome is None:
        context.log.info(f"{agency} {year}: not listed on the publisher's site")
        return None
    if outcome.error:
        raise dg.Failure(description=outcome.error, allow_retries=False)
    context.log.info(f"{agency} {year}: {outcome.state} from {outcome.raw.final_url}")
    return outcome.raw


@dg.asset(partitions_def=report_partitions, deps=[raw_reports], kinds={"parquet"})
def report_facts(context: dg.AssetExecutionContext, pipeline: PipelineSettings) -> dg.MaterializeResult:
    """The published figures of tables 二, 三 and 四 of one report, one fact per cell with its
    provenance (page, raw cell text, label as published and how well it matched), staged as Parquet
    for the warehouse. A report that cannot be read keeps its previously staged facts."""
    from pipeline.extract import extract_report  # camelot is slow to import; only extraction needs it

    settings = pipeline.settings()
    agency, year = report_of(context)
    raw = RawStore(settings.raw_dir).current(agency, year)
    if raw is None:
        raise dg.Failure(description=f"{agency} {year}: no raw report in the store", allow_retries=False)
    try:
        extraction = extract_report(raw.path)
    except ReportError as exc:
        raise dg.Failure(description=f"{agency} {year}: {exc}", allow_retries=False) from None
    staged = stage_report(settings.staging_dir, raw, extraction, extractor_version())
    return dg.MaterializeResult(
        data_version=dg.DataVersion(staged.facts_sha256),
        metadata={
            "facts": staged.fact_count,
            "blank_cells": sum(f.value is None for f in extraction.facts),
            "template": staged.template,
            "pages": staged.pages,
            "table_pages": dg.MetadataValue.json(staged.table_pages),
            "notes": dg.MetadataValue.json(staged.notes),
            "report_sha256": raw.sha256,
            "path": dg.MetadataValue.path(str(staged.facts_path(settings.staging_dir))),
        },
    )
