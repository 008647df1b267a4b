"""Per report: the raw file, then its extracted facts staged for the warehouse.

Both assets are computed by one step that handles every partition of its run, so a run can carry
many reports (``BackfillPolicy.multi_run``) and the cost of a run is shared between them. Each
report is materialised on its own (one event per partition); one that fails does not stop the
others, and the step fails at the end naming every failed report."""

import time
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import dagster as dg

from pipeline.core.catalog import Catalog
from pipeline.core.facts import ReportError
from pipeline.core.settings import Limits, Settings
from pipeline.core.versions import extractor_version
from pipeline.defs.catalog_asset import catalog_or_failure, report_catalog
from pipeline.defs.partitions import report_of_key, report_partitions
from pipeline.defs.resources import SOURCE_TAG, PipelineSettings, ReportFailure, ReportSource
from pipeline.extract.charset import header_charset
from pipeline.fetch import RawReport, RawStore, witness_store
from pipeline.fetch.live import report_publication
from pipeline.runs.unchanged import report_is_current
from pipeline.warehouse.staging import record_versions, stage_report

# Reports per run when runs are batched (a backfill, or `ogi run`): enough to share a run's fixed
# cost (process start, imports, run record), few enough that the runs spread over the workers.
REPORTS_PER_RUN = 100
DATA_VERSION_TAG = "dagster/data_version"  # how a logged materialization carries its data version

RAW_REPORTS_KEY, REPORT_FACTS_KEY = dg.AssetKey("raw_reports"), dg.AssetKey("report_facts")


def _specs() -> list[dg.AssetSpec]:
    """The two assets (specs at module level would be collected as assets of their own)."""
    return [
        dg.AssetSpec(
            RAW_REPORTS_KEY,
            deps=[report_catalog],
            partitions_def=report_partitions,
            skippable=True,
            kinds={"pdf", "html"},
            description="The report file of one agency and year (its PDF, or the web page that publishes it), kept "
            "in the content-addressed raw store "
            "with its provenance. Materialised only when its bytes (or the extractor) changed since it was "
            "last staged, so an unchanged report is not extracted again.",
        ),
        dg.AssetSpec(
            REPORT_FACTS_KEY,
            deps=[RAW_REPORTS_KEY],
            partitions_def=report_partitions,
            skippable=True,
            kinds={"parquet"},
            description="The published figures of tables 二, 三 and 四 of one report, one fact per cell "
            "with its provenance (page, or a web page's table, row and column; raw cell text; label as published and how well it matched), staged "
            "as Parquet for the warehouse. A report that cannot be read keeps its previously staged facts.",
        ),
    ]


@dg.multi_asset(
    specs=_specs(),
    backfill_policy=dg.BackfillPolicy.multi_run(max_partitions_per_run=REPORTS_PER_RUN),
)
def reports(
    context: dg.AssetExecutionContext, pipeline: PipelineSettings, report_source: ReportSource
) -> Iterator[dg.MaterializeResult]:
    """Every report of the run's partitions: its raw file put into the store, then, when its bytes
    or the extractor changed, its facts extracted and staged."""
    wanted = context.run.tags.get(SOURCE_TAG)
    if wanted and wanted != report_source.name:
        # A daemon launches queued runs from its own code location, whose $OGI_SOURCE may differ.
        raise dg.Failure(
            description=f"the run asks for the {wanted} source but this code location reads reports from "
            f"{report_source.name} (its OGI_SOURCE)",
            allow_retries=False,
        )
    settings = pipeline.settings()
    store = RawStore(settings.raw_dir)
    limits = Limits.from_env()
    failed: dict[str, str] = {}
    for key in context.partition_keys:
        agency, year = report_of_key(key)
        try:
            _report(context, settings, limits, store, report_source, key, agency, year)
        except ReportFailure as exc:
            context.log.error(str(exc))
            failed[key] = str(exc)
    if failed:
        raise dg.Failure(
            description="; ".join(failed.values()),
            metadata={"failed": dg.MetadataValue.json(failed)},
            allow_retries=False,
        )
    yield from ()  # everything is logged per partition above


def _report(
    context: dg.AssetExecutionContext,
    settings: Settings,
    limits: Limits,
    store: RawStore,
    source: ReportSource,
    key: str,
    agency: str,
    year: int,
) -> None:
    raw = source.raw_report(store, _catalog(settings.catalog_path), agency, year, context.log)
    if raw is None:
        return
    witness = _witness(store, raw)
    if report_is_current(settings, agency, year, raw, witness.sha256 if witness is not None else None):
        context.log.info(f"{agency} {year}: unchanged (sha256 {raw.sha256[:12]}), not extracted again")
        return
    context.log_event(
        dg.AssetMaterialization(
            RAW_REPORTS_KEY,
            partition=key,
            tags={DATA_VERSION_TAG: raw.sha256},
            metadata={
                "sha256": raw.sha256,
                "size": raw.size,
                "kind": raw.kind,
                "format": raw.format,
                "source_url": raw.source_url or "",
                "path": dg.MetadataValue.path(str(raw.path)),
            },
        )
    )
    from pipeline.extract.bounded import extract_bounded  # each report read in a worker, within limits
    from pipeline.extract.compare import disagreements

    started = time.perf_counter()
    try:
        extraction = extract_bounded(raw.path, _charset(raw), limits)
    except ReportError as exc:
        # Recorded once per version: the previous version's facts stay staged, and loaded.
        if store.record_failure(agency, year, raw.sha256, str(exc)):
            record_versions(settings.staging_dir, agency, year, store.versions(agency, year))
        raise ReportFailure(f"{agency} {year}: {exc}") from None
    store.record_failure(agency, year, raw.sha256, None)  # read now, whatever an older extractor said
    seconds = time.perf_counter() - started
    differences = []
    if witness is not None:
        try:
            differences = disagreements(extraction, extract_bounded(witness.path, _charset(witness), limits))
        except ReportError as exc:
            extraction.notes.append(f"the report page {witness.source_url} could not be compared with the PDF: {exc}")
        else:
            context.log.info(f"{agency} {year}: PDF and page compared, {len(differences)} cells differ")
    staged = stage_report(
        settings.staging_dir,
        raw,
        extraction,
        extractor_version(),
        witness.sha256 if witness is not None else None,
        differences,
        report_publication(store, raw),
        store.versions(agency, year),
    )
    context.log_event(
        dg.AssetMaterialization(
            REPORT_FACTS_KEY,
            partition=key,
            tags={DATA_VERSION_TAG: staged.facts_sha256},
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
                # Figures this version changed from the version loaded before it (rows of revisions).
                "revised_cells": staged.revised_cells,
                "extract_seconds": round(seconds, 3),
                "path": dg.MetadataValue.path(str(staged.facts_path(settings.staging_dir))),
            },
        )
    )


def _witness(store: RawStore, raw: RawReport) -> RawReport | None:
    """The web page kept beside a downloaded PDF that it publishes the tables of, if any."""
    if raw.kind != "original" or raw.format != "pdf":
        return None
    return witness_store(store).current(raw.agency, raw.year)


def _charset(raw: RawReport) -> str | None:
    return header_charset(raw.headers.get("Content-Type"))


def _catalog(path: Path) -> Catalog:
    """The catalog, read once per process while its file stays the same: a run handles report
    after report, and reading the whole catalog for each would grow with its size."""
    try:
        stat = path.stat()
    except OSError:
        return catalog_or_failure(path)  # says what is wrong with the file
    return _read_catalog(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=1)
def _read_catalog(path: Path, mtime_ns: int, size: int) -> Catalog:
    return catalog_or_failure(path)
