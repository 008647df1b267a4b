"""The warehouse step, without Dagster: decide what changed, build (in full, or incrementally from
the published warehouse), check, and publish only a warehouse whose integrity checks pass.

A night that changes k reports reads k staged records and k Parquet files, takes over the spare
build (the one published before; ``publish``), replaces there the rows of the reports that differ
from it in one transaction and checks them and the years after them; with no spare, it copies the
published file first.
A full build (``full=True``, or whenever the code, SQL or codes changed, or the published file was
changed by someone else) loads every staged report in one statement per table. Both give the
same warehouse.
"""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb

from pipeline.core.catalog import Catalog
from pipeline.core.errors import OgiError
from pipeline.core.settings import Settings
from pipeline.warehouse.build import BuildResult, build_warehouse, connect, update_warehouse
from pipeline.warehouse.inputs import (
    ReportKey,
    StagedInput,
    agencies_digest,
    catalog_listings,
    covered,
    fingerprint,
    inputs_stamp,
    listings_digest,
    scan_staging,
    schema_digest,
)
from pipeline.warehouse.publish import (
    copy_build,
    discard_stale,
    held_for_writing,
    is_intact,
    keep_spare,
    new_build_path,
    publish,
    published_build,
    take_spare,
)
from pipeline.warehouse.quality import Cell, Problem, integrity_problems, issue_counts, overdue_in_warehouse
from pipeline.warehouse.snapshot import snapshot_reports
from pipeline.warehouse.sql import statement
from pipeline.warehouse.staging import StagedReport, parse_staged, staged_report

COUNTED = ("reports", "request_facts", "review_facts", "proactive_facts", "quality_issues")


@dataclass
class Published:
    """What the published warehouse holds: its build records, read once per run, and its reports
    with their staged inputs, read only when a build needs them."""

    build: Path
    info: dict[str, str]
    trusted: bool  # exactly as published: fit to be the base of an incremental build
    _contents: tuple[dict[ReportKey, tuple[str, str]], list[ReportKey]] | None = None

    @property
    def fingerprint(self) -> str | None:
        return self.info.get("fingerprint")

    @property
    def schema(self) -> str | None:
        return self.info.get("schema")

    def is_current(self, stamp: str | None) -> bool:
        """True when the warehouse was built from the inputs ``stamp`` describes (``inputs_stamp``)."""
        return self.trusted and stamp is not None and self.info.get("inputs_stamp") == stamp

    def _read(self) -> tuple[dict[ReportKey, tuple[str, str]], list[ReportKey]]:
        if self._contents is None:
            con = duckdb.connect(str(self.build), read_only=True)
            try:
                reports = [tuple(r) for r in con.execute(statement("read/loaded_reports")).fetchall()]
                try:
                    inputs = {(a, y): (d, s) for a, y, d, s in con.execute(statement("read/report_inputs")).fetchall()}
                except duckdb.CatalogException:
                    inputs = {}  # built before report_inputs existed
            finally:
                con.close()
            self._contents = inputs, reports
        return self._contents

    @property
    def inputs(self) -> dict[ReportKey, tuple[str, str]]:
        """(agency, year) -> (staged digest, stat) of every loaded report."""
        return self._read()[0]

    @property
    def reports(self) -> list[ReportKey]:
        return self._read()[1]


def read_published(target: Path) -> Published | None:
    """The published warehouse, or None when there is none or it cannot be read (held for
    writing by another session, or damaged)."""
    build = published_build(target)
    if build is None or held_for_writing(build):
        return None
    published = _read_build(build)
    if published is not None:
        published.trusted = is_intact(build)
    return published


def _read_build(build: Path) -> Published | None:
    """The build records of a build file (its reports read when needed), or None when it cannot be read."""
    try:
        con = duckdb.connect(str(build), read_only=True)
    except duckdb.Error:
        return None
    try:
        info = dict(con.execute(statement("read/warehouse_info")).fetchall())
    except duckdb.Error:
        return None
    finally:
        con.close()
    return Published(build, info, True)


@dataclass
class Plan:
    """What the next build loads (``wanted``), its fingerprint, and what it removes on purpose."""

    wanted: dict[ReportKey, StagedInput]
    fingerprint: str
    schema: str
    removed: list[ReportKey]  # loaded before, no longer in the catalog
    not_in_catalog: list[ReportKey]  # staged, but the catalog no longer covers them


def plan(
    settings: Settings, catalog: Catalog, code_version: str, published: Published | None, listings: str = ""
) -> Plan:
    staged = scan_staging(settings.staging_dir, published.inputs if published else None)
    previous = set(published.reports if published else [])
    kept = covered(catalog, set(staged) | previous)
    keep = set(staged) & kept
    wanted = {key: staged[key] for key in keep}
    schema = schema_digest(code_version)
    gone = previous - kept
    return Plan(
        wanted=wanted,
        fingerprint=fingerprint(schema, agencies_digest(catalog) + listings, list(wanted.values())),
        schema=schema,
        removed=sorted(gone),
        not_in_catalog=sorted(set(staged) - keep - gone),
    )


def current_fingerprint(settings: Settings, catalog: Catalog, code_version: str) -> str | None:
    """The published warehouse's fingerprint when a run would publish nothing new (it is exactly
    as published and was built from the staged reports, catalog and code of now), else None."""
    published = read_published(settings.warehouse_path)
    if published is None or not published.trusted:
        return None
    listings = listings_digest(catalog_listings(catalog, settings.raw_dir))
    if published.is_current(inputs_stamp(schema_digest(code_version), catalog, settings.staging_dir, listings)):
        return published.fingerprint
    wanted = plan(settings, catalog, code_version, published, listings).fingerprint
    return wanted if published.fingerprint == wanted else None


class NothingLoaded(OgiError):
    """No report of the catalog could be loaded: a warehouse of nothing is not published."""


class IntegrityFailure(OgiError):
    """The new warehouse failed its integrity checks and was not published."""

    def __init__(self, outcome: Outcome) -> None:
        super().__init__(
            "the new warehouse failed its integrity checks and was not published: "
            + "; ".join(map(str, outcome.problems[:10]))
        )
        self.outcome = outcome


@dataclass
class Outcome:
    status: str  # published | unchanged | failed
    fingerprint: str
    mode: str = ""  # full | incremental (when built)
    build: BuildResult | None = None
    removed: list[ReportKey] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    issues: dict[str, tuple[int, list[str]]] = field(default_factory=dict)
    overdue: list[ReportKey] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def _evaluate(path: Path, outcome: Outcome, today: date) -> None:
    con = connect(path, read_only=True)
    try:
        outcome.issues = issue_counts(con)
        outcome.overdue = overdue_in_warehouse(con, today)
        outcome.counts = {t: con.table(t).count("*").fetchall()[0][0] for t in COUNTED}
    finally:
        con.close()


def _unchanged(published: Published, today: date, notes: list[str]) -> Outcome:
    outcome = Outcome("unchanged", published.fingerprint or "", notes=notes)
    _evaluate(published.build, outcome, today)
    return outcome


# A hook for tests that interrupt a build: the file this names is created when a build starts, and
# the build waits while it exists, so an interruption surely lands in the middle of a build.
HOLD_VARIABLE = "OGI_HOLD_BUILD"


def _hold_if_asked() -> None:
    marker = os.environ.get(HOLD_VARIABLE)
    if not marker:
        return
    Path(marker).touch()
    while Path(marker).exists():
        time.sleep(0.05)


def refresh_warehouse(
    settings: Settings,
    catalog: Catalog,
    *,
    code_version: str,
    required_cells: Callable[[str, set[Cell]], set[Cell]],
    today: date,
    full: bool = False,
) -> Outcome:
    """Bring the published warehouse up to date with the staged reports and the catalog.
    Raises ``IntegrityFailure`` (nothing published) when the new warehouse fails integrity."""
    target = settings.warehouse_path
    target.parent.mkdir(parents=True, exist_ok=True)
    notes = discard_stale(target)
    published = read_published(target)
    if published is None and published_build(target) is not None:
        notes.append(
            f"{target} is held open for writing by another session (or unreadable): building in full "
            "beside it; the reports it held are taken from the latest snapshot"
        )
    # Taken before the staged records are read: whatever is staged meanwhile changes the next stamp.
    listings = catalog_listings(catalog, settings.raw_dir)
    digest = listings_digest(listings)
    stamp = inputs_stamp(schema_digest(code_version), catalog, settings.staging_dir, digest)
    if not full and published is not None and published.is_current(stamp):
        return _unchanged(published, today, notes)
    the_plan = plan(settings, catalog, code_version, published, digest)
    if not the_plan.wanted:
        raise NothingLoaded(
            "no report could be loaded (none of the catalog's reports is staged): "
            "no warehouse and no snapshot published"
        )
    if the_plan.not_in_catalog:
        notes.append(f"{len(the_plan.not_in_catalog)} staged reports are not in the catalog and not loaded")
    if published is not None and published.trusted and published.fingerprint == the_plan.fingerprint and not full:
        return _unchanged(published, today, notes)
    previous = published.reports if published else snapshot_reports(settings.snapshots_dir)
    removed = the_plan.removed if published else sorted(set(previous) - covered(catalog, set(previous)))
    incremental = not full and published is not None and published.trusted and published.schema == the_plan.schema
    if published is not None and not published.trusted:
        notes.append(
            f"{published.build.name} was changed after it was published (a session wrote to it): "
            "building in full from the staged reports"
        )
    _hold_if_asked()
    built: Path | None = None
    try:
        if incremental:
            assert published is not None
            base = _base(target, published, the_plan.schema)
            built = base.build
            changed_keys = sorted(k for k, v in the_plan.wanted.items() if base.inputs.get(k, ("", ""))[0] != v.digest)
            changed = _read_staged(settings, the_plan.wanted, changed_keys)
            result = update_warehouse(
                built,
                settings.staging_dir,
                changed,
                sorted(set(base.reports) - set(the_plan.wanted)),
                catalog,
                code_version=code_version,
                fingerprint=the_plan.fingerprint,
                schema=the_plan.schema,
                inputs=the_plan.wanted,
                stamp=stamp,
                listings=listings,
            )
            # Said of what changed since the published warehouse (a spare a night older replaced more).
            result.loaded = sorted(
                k for k, v in the_plan.wanted.items() if published.inputs.get(k, ("", ""))[0] != v.digest
            )
            result.removed = sorted(set(published.reports) - set(the_plan.wanted))
        else:
            built = new_build_path(target)
            reports = _read_staged(settings, the_plan.wanted, sorted(the_plan.wanted))
            result = build_warehouse(
                built,
                settings.staging_dir,
                reports,
                catalog,
                code_version=code_version,
                fingerprint=the_plan.fingerprint,
                schema=the_plan.schema,
                inputs=the_plan.wanted,
                stamp=stamp,
                listings=listings,
            )
        outcome = Outcome(
            "published", the_plan.fingerprint, mode=result.mode, build=result, removed=removed, notes=notes
        )
        con = connect(built, read_only=True)
        try:
            outcome.problems = integrity_problems(con, required_cells, previous, removed, scope=result.scope)
        finally:
            con.close()
        _evaluate(built, outcome, today)
        if outcome.problems:
            outcome.status = "failed"
            raise IntegrityFailure(outcome)
        publish(built, target)
    finally:
        if built is not None:
            built.unlink(missing_ok=True)
    if result.mode == "full":
        try:
            keep_spare(target)
        except OSError as exc:  # published all the same; the next incremental build copies
            outcome.notes.append(f"no spare build kept beside {target.name}: {exc}")
    outcome.notes += discard_stale(target)
    return outcome


def _base(target: Path, published: Published, schema: str) -> Published:
    """The file an incremental build brings up to date: the spare build, taken over when it was
    built with the same code (no copy), else a copy of the published build."""
    spare = take_spare(target)
    if spare is not None:
        base = _read_build(spare)
        if base is not None and base.schema == schema:
            return base
        spare.unlink()
    built = new_build_path(target)
    copy_build(published.build, built)
    return Published(built, published.info, True, published._read())


def _read_staged(settings: Settings, wanted: dict[ReportKey, StagedInput], keys: list[ReportKey]) -> list[StagedReport]:
    """The staged reports of ``keys``, from the bytes the scan kept where it read them (let go
    once parsed: at national scale they are hundreds of megabytes)."""
    reports = []
    for key in keys:
        staged = wanted[key]
        report = parse_staged(staged.record) if staged.record is not None else staged_report(settings.staging_dir, *key)
        if report is None:
            raise FileNotFoundError(f"{key[0]} {key[1]}: its staged record disappeared during the build")
        wanted[key] = dataclasses.replace(staged, record=None)
        reports.append(report)
    return reports
