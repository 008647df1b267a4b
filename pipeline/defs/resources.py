"""Resources and the executor of every job: where the pipeline reads and writes, and where reports
come from (the source, chosen once per code location from ``$OGI_SOURCE``)."""

import os
from abc import abstractmethod
from typing import ClassVar

import dagster as dg

from pipeline.core.catalog import Catalog
from pipeline.core.errors import OgiError
from pipeline.core.settings import Settings
from pipeline.fetch import FetchError, RawReport, RawStore
from pipeline.fetch.live import fetch_live
from pipeline.runs.unchanged import sample_is_current

SOURCE_TAG = "ogi/source"  # the source a run was launched for (``ogi run`` sets it)


class PipelineSettings(dg.ConfigurableResource):
    """Where the pipeline reads and writes; empty fields fall back to $OGI_DATA_DIR and $OGI_CATALOG."""

    data_dir: str = ""
    catalog: str = ""

    def settings(self) -> Settings:
        return Settings.from_env(data_dir=self.data_dir, catalog=self.catalog)


class ReportFailure(OgiError):
    """One report failed; the message names it and the cause."""


class SourceError(OgiError):
    """``$OGI_SOURCE`` names no source; the message lists those there are."""


class ReportSource(dg.ConfigurableResource):
    """Where raw reports come from: one subclass per source, named by ``name`` (the value of
    ``$OGI_SOURCE`` that chooses it)."""

    name: ClassVar[str]

    @abstractmethod
    def raw_report(
        self, store: RawStore, catalog: Catalog, agency: str, year: int, log: dg.DagsterLogManager
    ) -> RawReport | None:
        """The report's file, put into the raw store; None when this source has no such report.
        Raises ReportFailure when it cannot be had (the store keeps the version it had)."""

    @abstractmethod
    def nightly_reports(self, settings: Settings, catalog: Catalog, years: list[int]) -> list[tuple[str, int]]:
        """The (agency, year) reports a nightly run asks this source for."""


class BundledSamples(ReportSource):
    """The catalog's bundled sample files (offline, the default)."""

    name: ClassVar[str] = "offline"

    def raw_report(
        self, store: RawStore, catalog: Catalog, agency: str, year: int, log: dg.DagsterLogManager
    ) -> RawReport | None:
        sample = catalog.sample(agency, year)
        if sample is None:
            log.info(f"{agency} {year}: not in the bundled sample")
            return None
        if not sample.file.is_file():
            where = " nor ".join(str(path) for path in catalog.looked_for(sample))
            raise ReportFailure(
                f"{agency} {year}: sample file not found: not at {where} "
                "(sample paths are read relative to the catalog's folder, then to the project's data folder)"
            )
        try:
            return store.put_file(
                sample.file, agency=agency, year=year, kind=sample.kind, source_url=sample.original_url
            )
        except (OSError, FetchError) as exc:
            raise ReportFailure(f"{agency} {year}: {sample.file.name}: {exc}") from None

    def nightly_reports(self, settings: Settings, catalog: Catalog, years: list[int]) -> list[tuple[str, int]]:
        """The samples not staged yet (a sample already staged needs no run: the rule ``ogi run``
        and the assets apply too)."""
        return [r for r in catalog.sample_reports() if not sample_is_current(settings, catalog, *r)]


class PublisherSites(ReportSource):
    """The publishers' sites (live): each report discovered on its agency's listing pages and
    downloaded unless unchanged (a conditional GET). ``agency`` narrows the source to one agency;
    ``listing_urls`` replace the catalog's listing pages."""

    name: ClassVar[str] = "live"

    listing_urls: list[str] = []
    agency: str = ""

    def raw_report(
        self, store: RawStore, catalog: Catalog, agency: str, year: int, log: dg.DagsterLogManager
    ) -> RawReport | None:
        if self.agency and agency != self.agency:
            log.info(f"{agency} {year}: not read (this source is narrowed to {self.agency})")
            return None
        others = {code: known.name_zh for code, known in catalog.agencies.items()}
        try:
            outcome = fetch_live(store, catalog.agencies[agency], year, self.listing_urls, others)
        except FetchError as exc:
            raise ReportFailure(f"{agency} {year}: discovery failed: {exc}") from None
        if outcome is None:
            log.info(f"{agency} {year}: not listed on the publisher's site")
            return None
        if outcome.error:
            raise ReportFailure(outcome.error)
        log.info(f"{agency} {year}: {outcome.state} from {outcome.raw.final_url}")
        return outcome.raw

    def nightly_reports(self, settings: Settings, catalog: Catalog, years: list[int]) -> list[tuple[str, int]]:
        """Every year of every agency with a listing page or a pinned address, so a newly published
        report is found the night after it appears (unchanged ones finish at once)."""
        return [
            (a.code, year)
            for a in catalog.agencies.values()
            if (a.listing_urls or a.reports) and self.agency in ("", a.code)
            for year in years
        ]


SOURCES: dict[str, type[ReportSource]] = {source.name: source for source in (BundledSamples, PublisherSites)}


def report_source() -> ReportSource:
    """The source ``$OGI_SOURCE`` names (``offline`` when unset)."""
    name = os.environ.get("OGI_SOURCE") or BundledSamples.name
    if name not in SOURCES:
        raise SourceError(f"OGI_SOURCE={name!r}: expected one of {', '.join(SOURCES)}")
    return SOURCES[name]()


@dg.definitions
def resources() -> dg.Definitions:
    return dg.Definitions(
        resources={"pipeline": PipelineSettings(), "report_source": report_source()},
        # Each step in its own process by default; `ogi run` runs each report in a worker process
        # and asks for in-process execution there.
        executor=dg.multi_or_in_process_executor,
    )
