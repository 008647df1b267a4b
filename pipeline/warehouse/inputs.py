"""What a warehouse is built from, and how to tell cheaply what changed since the last build.

Every staged report (``<agency>/<year>.json``) has a digest, the sha256 of its record, which names
its facts file by their own sha256: equal digests, equal facts and provenance. The published
warehouse keeps each loaded report's digest with the file's stat (``report_inputs``), so a night
that changes k reports stats the staged records and reads k of them.

A night with nothing new does not even stat the records: the warehouse also records one stamp of
the code, the catalog and the staging folders' times (``inputs_stamp``), taken before the records
were read; staging, replacing or removing a record renames or unlinks a file in its agency's
folder, which moves that folder's times, so an equal stamp now means nothing to load.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from time import time_ns

from pipeline.core.catalog import Agency, Catalog
from pipeline.core.codes import all_codes
from pipeline.fetch.live import ListingCheck, listing_checks
from pipeline.warehouse.sql import SQL_DIR

ReportKey = tuple[str, int]


@dataclass(frozen=True)
class StagedInput:
    """One staged report record as the warehouse sees it."""

    agency: str
    year: int
    digest: str  # sha256 of the record
    stat: str  # inode, size and mtime of the record, to skip reading it when unchanged
    # The record's bytes when the scan read them (to digest them), so a build does not read them again.
    record: bytes | None = field(default=None, compare=False, repr=False)

    @property
    def key(self) -> ReportKey:
        return self.agency, self.year


def _stat_key(stat: os.stat_result) -> str:
    return f"{stat.st_ino}:{stat.st_size}:{stat.st_mtime_ns}"


def scan_staging(
    staging_dir: Path, known: dict[ReportKey, tuple[str, str]] | None = None
) -> dict[ReportKey, StagedInput]:
    """Every staged report record; ``known`` maps (agency, year) to the (digest, stat) recorded by
    the last build, and a record whose stat is unchanged is not read again."""
    known = known or {}
    found: dict[ReportKey, StagedInput] = {}
    if not staging_dir.is_dir():
        return found
    for folder in os.scandir(staging_dir):
        if not folder.is_dir() or folder.name.startswith("."):
            continue
        for entry in os.scandir(folder.path):
            stem, dot, suffix = entry.name.partition(".")
            if suffix != "json" or not stem.isdigit():
                continue
            key = (folder.name, int(stem))
            stat = _stat_key(entry.stat())
            previous = known.get(key)
            if previous is not None and previous[1] == stat:
                found[key] = StagedInput(folder.name, int(stem), previous[0], stat)
            else:
                with open(entry.path, "rb") as handle:
                    record = handle.read()
                found[key] = StagedInput(folder.name, int(stem), hashlib.sha256(record).hexdigest(), stat, record)
    return found


def covered(catalog: Catalog, keys: set[ReportKey] | list[ReportKey]) -> set[ReportKey]:
    """The reports among ``keys`` that the catalog still covers: the agency is listed, and the
    report is named (a sample or a pinned address) or the agency's reports are discovered from its
    listing pages."""
    named = {(s.agency, s.year) for s in catalog.samples}
    named |= {(a.code, year) for a in catalog.agencies.values() for year in a.reports}
    listing = {a.code for a in catalog.agencies.values() if a.listing_urls}
    return {
        (agency, year)
        for agency, year in keys
        if agency in catalog.agencies and (agency in listing or (agency, year) in named)
    }


READ_ONLY_SQL = {"site", "example", "snapshot"}  # folders of sql/ no build runs


def schema_digest(code_version: str) -> str:
    """The code, SQL and codes a warehouse is built with: when it changes, only a full build will do.
    The queries of the dataset page and the examples of the docs only read a warehouse: not counted."""
    digest = hashlib.sha256(code_version.encode())
    for path in sorted(SQL_DIR.rglob("*.sql")):
        if path.relative_to(SQL_DIR).parts[0] in READ_ONLY_SQL:
            continue
        digest.update(path.relative_to(SQL_DIR).as_posix().encode() + path.read_bytes())
    for c in all_codes():
        digest.update(
            json.dumps(
                [c.table, c.dimension, c.code, c.parent, c.label_zh, c.label_en, sorted(c.templates)],
                ensure_ascii=False,
            ).encode()
        )
    return digest.hexdigest()


# The catalog's fields of an agency that the agencies table holds, beside its code.
AGENCY_COLUMNS = ("name_zh", "name_en", "level", "kind", "region", "parent", "attributes_source")


def agency_row(agency: Agency) -> list:
    """An agency as the agencies table holds it: its code, then ``AGENCY_COLUMNS``."""
    return [agency.code, *(getattr(agency, name) for name in AGENCY_COLUMNS)]


def agencies_digest(catalog: Catalog) -> str:
    digest = hashlib.sha256()
    for agency in sorted(catalog.agencies.values(), key=lambda a: a.code):
        digest.update(json.dumps(agency_row(agency), ensure_ascii=False).encode())
    return digest.hexdigest()


def fingerprint(schema: str, agencies: str, inputs: list[StagedInput]) -> str:
    """Everything the warehouse content depends on: equal fingerprints, equal warehouses."""
    digest = hashlib.sha256(f"{schema}\n{agencies}\n".encode())
    digest.update("\n".join(f"{i.agency}\t{i.year}\t{i.digest}" for i in sorted(inputs, key=lambda i: i.key)).encode())
    return digest.hexdigest()


# A folder's times move with the file system's clock, which ticks coarsely: a folder changed this
# recently could change again without its times moving, so no stamp is taken of it (the next run
# reads the records' stats instead).
RECENT_NS = 2_000_000_000


def staging_stamp(staging_dir: Path) -> str | None:
    """One digest of the staging folder and each agency folder in it (inode, mtime and ctime), or
    None when one of them changed too recently to tell, or changed while being read."""
    now = time_ns()  # a module name, so tests can set the clock the folder's times are judged by
    try:
        entries = [(".", os.stat(staging_dir))]
        with os.scandir(staging_dir) as found:
            entries += [(e.name, e.stat()) for e in found if e.is_dir() and not e.name.startswith(".")]
    except FileNotFoundError:
        return None if staging_dir.exists() else "nothing staged"
    digest = hashlib.sha256()
    for name, stat in sorted(entries):
        if max(stat.st_mtime_ns, stat.st_ctime_ns) > now - RECENT_NS:
            return None
        digest.update(f"{name}\t{stat.st_ino}\t{stat.st_mtime_ns}\t{stat.st_ctime_ns}\n".encode())
    return digest.hexdigest()


def catalog_digest(catalog: Catalog) -> str:
    """The agencies' names and which reports the catalog covers (see ``covered``)."""
    agencies = sorted(
        (json.dumps(agency_row(a), ensure_ascii=False), bool(a.listing_urls), sorted(a.reports))
        for a in catalog.agencies.values()
    )
    samples = sorted((s.agency, s.year) for s in catalog.samples)
    return hashlib.sha256(json.dumps([agencies, samples], ensure_ascii=False).encode()).hexdigest()


def inputs_stamp(schema: str, catalog: Catalog, staging_dir: Path, listings: str = "") -> str | None:
    """What a build is decided from, without reading a staged record: the code (``schema``), the
    catalog, the staging folders and the listing checks (``listings_digest``); None when the
    folders cannot tell (``staging_stamp``)."""
    staged = staging_stamp(staging_dir)
    if staged is None:
        return None
    return hashlib.sha256(f"{schema}\n{catalog_digest(catalog)}\n{staged}\n{listings}".encode()).hexdigest()


def catalog_listings(catalog: Catalog, raw_dir: Path) -> list[ListingCheck]:
    """The listing checks of the catalog's agencies (the raw store's latest discovery of each)."""
    return [check for check in listing_checks(raw_dir) if check.agency in catalog.agencies]


def _deadline_season(checked_at: str) -> str:
    """The last legal deadline (31 January or 31 March) before the day of a listing's reading: two
    readings in one season find the same reports overdue (``report_due_date``)."""
    day = datetime.fromisoformat(checked_at).date()
    passed = [d for d in (date(day.year, 3, 31), date(day.year, 1, 31), date(day.year - 1, 3, 31)) if d < day]
    return passed[0].isoformat()


def listings_digest(listings: list[ListingCheck]) -> str:
    """What of the listing checks a build depends on: the pages read, the years they showed and the
    deadline season of the reading. A listing read again each night finding the same reports does
    not make a new warehouse (none: nothing to add to a stamp or fingerprint)."""
    if not listings:
        return ""
    kept = [(c.agency, c.listing_urls, c.years_found, _deadline_season(c.checked_at)) for c in listings]
    return hashlib.sha256(json.dumps(kept).encode()).hexdigest()
