"""Per report: the raw file, then its extracted facts staged for the warehouse."""

from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import dagster as dg

from pipeline.catalog import Catalog
from pipeline.defs.catalog import catalog_or_failure, report_catalog
from pipeline.extract.charset import header_charset
from pipeline.defs.partitions import report_of, report_partitions
from pipeline.defs.resources import PipelineSettings, ReportSource
from pipeline.facts import ReportError
from pipeline.fetch import FetchError, RawReport, RawStore, witness_store
from pipeline.fetch.live import fetch_live
from pipeline.versions import extractor_version
from pipeline.warehouse.staging import is_current, same_source, stage_report, staged_report


@dg.asset(partitions_def=report_partitions, deps=[report_catalog], output_required=False, kinds={"pdf", "html"})
def raw_reports(
    context: dg.AssetExecutionContext, pipeline: PipelineSettings, report_source: ReportSource
) -> Iterator[dg.MaterializeResult]:
    """The report file of one agency and year (its PDF, or the web page that publishes it), kept
    in the content-addressed raw store with its provenance. Emitted only when its bytes (or the extractor) changed since it was last staged,
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
    witness = _witness(store, raw)
    witness_sha = witness.sha256 if witness is not None else None
    staged = staged_report(settings.staging_dir, agency, year)
    if is_current(staged, raw.sha256, extractor_version(), witness_sha) and same_source(staged, raw):
        context.log.info(f"{agency} {year}: unchanged (sha256 {raw.sha256[:12]}), not extracted again")
        return
    yield dg.MaterializeResult(
        data_version=dg.DataVersion(raw.sha256),
        metadata={
            "sha256": raw.sha256,
            "size": raw.size,
            "kind": raw.kind,
            "format": raw.format,
            "source_url": raw.source_url or "",
            "path": dg.MetadataValue.path(str(raw.path)),
        },
    )


def _witness(store: RawStore, raw: RawReport) -> RawReport | None:
    """The web page kept beside a downloaded PDF that it publishes the tables of, if any."""
    if raw.kind != "original" or raw.format != "pdf":
        return None
    return witness_store(store).current(raw.agency, raw.year)


def _charset(raw: RawReport) -> str | None:
    return header_charset(raw.headers.get("Content-Type"))


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
        agencies = _catalog(catalog).agencies
        others = {code: known.name_zh for code, known in agencies.items()}
        outcome = fetch_live(store, agencies[agency], year, listing_urls, others)
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
    provenance (page, or a web page's table, row and column; raw cell text; label as published and
    how well it matched), staged as Parquet
    for the warehouse. A report that cannot be read keeps its previously staged facts."""
    from pipeline.extract import extract_report  # camelot is slow to import; only extraction needs it
    from pipeline.extract.compare import disagreements

    settings = pipeline.settings()
    agency, year = report_of(context)
    store = RawStore(settings.raw_dir)
    raw = store.current(agency, year)
    if raw is None:
        raise dg.Failure(description=f"{agency} {year}: no raw report in the store", allow_retries=False)
    try:
        extraction = extract_report(raw.path, charset=_charset(raw))
    except ReportError as exc:
        raise dg.Failure(description=f"{agency} {year}: {exc}", allow_retries=False) from None
    witness, differences = _witness(store, raw), []
    if witness is not None:
        try:
            differences = disagreements(extraction, extract_report(witness.path, charset=_charset(witness)))
        except ReportError as exc:
            extraction.notes.append(f"the report page {witness.source_url} could not be compared with the PDF: {exc}")
        else:
            context.log.info(f"{agency} {year}: PDF and page compared, {len(differences)} cells differ")
    staged = stage_report(settings.staging_dir, raw, extraction, extractor_version(),
                          witness.sha256 if witness is not None else None, differences)
    return dg.MaterializeResult(
        data_version=dg.DataVersion(staged.facts_sha256),
        metadata={
            "facts": staged.fact_count,
            "blank_cells": sum(f.value is None for f in extraction.facts),
            "template": staged.template,
            "pages": staged.pages,
            "format": raw.format,
            "table_pages": dg.MetadataValue.json(staged.table_pages),
            "notes": dg.MetadataValue.json(staged.notes),
            "engine": extraction.engine,
            "report_sha256": raw.sha256,
            "path": dg.MetadataValue.path(str(staged.facts_path(settings.staging_dir))),
        },
    )
