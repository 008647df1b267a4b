"""What counts as unchanged, decided here only: the report assets, ``ogi run`` and the nightly
schedule all ask this module, so they cannot disagree.

- A report is unchanged when its staged facts come from the same bytes (sha256), the same source
  and the same extractor version: it is not extracted again.
- Offline, a report's bundled sample is unchanged when the raw store already holds it with the
  same provenance and the report is unchanged: no run needs to be launched for it.
- The warehouse is unchanged when the published file records the fingerprint of the staged
  reports, catalog, codes, SQL and code of now (``pipeline.warehouse.update`` computes and compares
  it, for the warehouse asset too), and a snapshot of it exists.

Everything here reads files only (no Dagster), so a night with nothing new stays cheap.
"""

from __future__ import annotations

import hashlib
from typing import Any

from pipeline.core.catalog import Catalog
from pipeline.core.settings import Settings


def report_is_current(settings: Settings, agency: str, year: int, raw: Any, witness_sha256: str | None = None) -> bool:
    """True when the facts staged for this report come from these bytes (``raw``, a ``RawReport``)
    and the same web page beside its PDF (``witness_sha256``), from the same source (the same
    bytes downloaded from the publisher after a bundled sample must not keep the sample's
    provenance) and from this extractor."""
    from pipeline.core.versions import extractor_version
    from pipeline.warehouse.staging import is_current, same_source, staged_report

    staged = staged_report(settings.staging_dir, agency, year)
    return is_current(staged, raw.sha256, extractor_version(), witness_sha256) and same_source(staged, raw)


def sample_is_current(settings: Settings, catalog: Catalog, agency: str, year: int) -> bool:
    """True when the report's offline run would do nothing: its bundled sample is the file the raw
    store holds, with the same provenance, and its facts are staged from it by this extractor."""
    from pipeline.fetch import RawStore

    sample = catalog.sample(agency, year)
    stored = RawStore(settings.raw_dir).current(agency, year)
    if sample is None or stored is None:
        return False
    # What the store records of a sample; anything else and the run would record it anew.
    if (stored.kind, stored.source_url, stored.final_url, stored.status, stored.headers) != (
        sample.kind,
        sample.original_url,
        None,
        None,
        {},
    ):
        return False
    try:
        sha256 = hashlib.sha256(sample.file.read_bytes()).hexdigest()
    except OSError:
        return False  # the run says what is wrong with the file
    return stored.sha256 == sha256 and report_is_current(settings, agency, year, stored)


def warehouse_is_current(settings: Settings, catalog: Catalog) -> bool:
    """True when the warehouse run would publish nothing new: the published warehouse was built
    from exactly the staged reports, catalog and code of now (the fingerprint it records, compared
    by ``pipeline.warehouse.update``, as the warehouse asset compares it), and its snapshot exists."""
    from pipeline.core.versions import warehouse_version
    from pipeline.warehouse.snapshot import snapshot_is_current
    from pipeline.warehouse.update import current_fingerprint

    fingerprint = current_fingerprint(settings, catalog, warehouse_version())
    return fingerprint is not None and snapshot_is_current(settings.snapshots_dir, fingerprint)
