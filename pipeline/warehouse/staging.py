"""Extracted facts staged per report, so reports can be extracted in parallel processes and the
warehouse is built by one writer.

Layout under the staging folder::

    <agency>/<year>.json                    the report: provenance, template, extractor version
    <agency>/<year>.<facts-sha256>.parquet  its facts (the JSON names the file it belongs with),
                                            each with the time its figure was first seen so

The record also carries every version of the report the raw store had seen when it was written
(which is loaded, which could not be extracted) and the report's revision log
(``pipeline.warehouse.revisions``): a new version's facts are compared with the previous
version's as they are staged over them.

The Parquet file is written first under its own hash, then the JSON is replaced atomically, so a
reader always sees a complete pair and a failed extraction leaves the previous pair in place.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.core.crosswalk import indicator_key
from pipeline.core.facts import Extraction
from pipeline.core.files import temp_file, write_atomic
from pipeline.fetch.published import Publication
from pipeline.warehouse.revisions import cell_changes, first_seen, revision

FACTS_SCHEMA = pa.schema(
    [
        ("table", pa.string()),
        ("row", pa.string()),
        ("column", pa.string()),
        ("value", pa.decimal128(18, 2)),
        ("page", pa.int32()),
        ("raw", pa.string()),
        ("label", pa.string()),
        ("label_score", pa.float64()),
        ("locator", pa.string()),  # a web page's cell (page is then null)
        ("confidence", pa.float64()),  # of a scan's cell read by OCR; null otherwise
        ("doubt", pa.string()),  # why an unreadable cell is NULL; null otherwise
    ]
)
# As staged: each fact with since when its figure has been published so (ISO-8601 UTC).
STAGED_FACTS = FACTS_SCHEMA.append(pa.field("first_seen", pa.string()))


# An old-style report's facts (template "legacy") also keep their unit, section and sentence.
LEGACY_FACTS_SCHEMA = pa.schema(
    [
        *FACTS_SCHEMA,
        ("unit", pa.string()),
        ("section", pa.string()),
        ("section_key", pa.string()),  # the section normalised, as the crosswalk matches it
        ("sentence", pa.string()),
    ]
)


@dataclass(frozen=True)
class StagedReport:
    """One extracted report, as the warehouse loads it."""

    agency: str
    year: int
    kind: str
    source_url: str | None
    final_url: str | None
    sha256: str
    size: int
    fetched_at: str
    template: str
    pages: int
    extractor_version: str
    extracted_at: str
    facts_file: str
    facts_sha256: str
    fact_count: int
    table_pages: dict[str, list[int]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    # A second witness of the report (its web page, when the PDF is the one loaded): its sha256 and
    # every cell where the two disagree (``pipeline.extract.compare.disagreements``).
    witness_sha256: str | None = None
    disagreements: list[dict[str, Any]] = field(default_factory=list)
    # When the report was published, where that was read and how sure it is
    # (``pipeline.fetch.published``); None when nothing says (a replica).
    published_on: str | None = None
    published_on_source: str | None = None
    published_on_confidence: str | None = None
    # Every version of the report seen when the record was written (``RawStore.versions`` records,
    # the loaded one among them) and the revision log, oldest first (``revisions.revision``).
    versions: list[dict[str, Any]] = field(default_factory=list)
    revisions: list[dict[str, Any]] = field(default_factory=list)

    @property
    def version(self) -> dict[str, Any]:
        """The loaded version (a record staged before versions were kept: its file, seen once)."""
        for v in self.versions:
            if v["sha256"] == self.sha256:
                return v
        return {"sha256": self.sha256, "first_seen": self.fetched_at, "last_seen": self.fetched_at}

    @property
    def revised_cells(self) -> int:
        """How many cells this version changed from the version loaded before it."""
        last = self.revisions[-1] if self.revisions else None
        return len(last["cells"]) if last is not None and last["new_sha256"] == self.sha256 else 0

    def facts_path(self, staging_dir: Path) -> Path:
        return staging_dir / self.agency / self.facts_file


def _report_path(staging_dir: Path, agency: str, year: int) -> Path:
    return staging_dir / agency / f"{year}.json"


def facts_table(extraction: Extraction) -> pa.Table:
    if extraction.template == "legacy":
        records = [
            f.as_record() | {"section_key": indicator_key(f.section) if f.section else None} for f in extraction.facts
        ]
        return pa.Table.from_pylist(records, schema=LEGACY_FACTS_SCHEMA)
    return pa.Table.from_pylist([f.as_record() for f in extraction.facts], schema=FACTS_SCHEMA)


def _version_records(raw: Any, versions: Sequence[Any] | None) -> list[dict[str, Any]]:
    """The versions as recorded (``Version`` records), with the staged one among them."""
    records = [v.record() for v in versions or ()]
    if not any(v["sha256"] == raw.sha256 for v in records):
        records.append(
            {
                "sha256": raw.sha256,
                "size": raw.size,
                "kind": raw.kind,
                "format": getattr(raw, "format", "pdf"),
                "source_url": raw.source_url,
                "final_url": raw.final_url,
                "headers": dict(raw.headers),
                "first_seen": raw.fetched_at,
                "last_seen": raw.fetched_at,
                "failure": None,
            }
        )
    return records


def _with_history(
    staging_dir: Path, previous: StagedReport | None, raw: Any, facts: pa.Table, versions: list[dict[str, Any]]
) -> tuple[pa.Table, list[dict[str, Any]]]:
    """The facts with their ``first_seen``, and the revision log with this version's entry when it
    replaces another version whose figures differ."""
    loaded = next(v for v in versions if v["sha256"] == raw.sha256)
    old = None
    if previous is not None and previous.facts_path(staging_dir).is_file():
        old = pq.read_table(previous.facts_path(staging_dir))
    if previous is None or old is None:  # nothing to compare with: the log goes on as it was
        log = list(previous.revisions) if previous is not None else []
        return facts.append_column("first_seen", pa.array(first_seen(facts, loaded["first_seen"]), pa.string())), log
    same = previous.sha256 == raw.sha256
    before = next((v for v in versions if v["sha256"] == previous.sha256), previous.version)
    since = first_seen(facts, loaded["first_seen"], old, before["first_seen"], same_bytes=same)
    log = list(previous.revisions)
    changes = [] if same else cell_changes(old, facts)
    if changes:
        log.append(revision(before, loaded, changes))
    return facts.append_column("first_seen", pa.array(since, pa.string())), log


def stage_report(
    staging_dir: Path,
    raw: Any,
    extraction: Extraction,
    extractor_version: str,
    witness_sha256: str | None = None,
    disagreements: list[dict[str, Any]] | None = None,
    published: Publication | None = None,
    versions: Sequence[Any] | None = None,
) -> StagedReport:
    """Stage the facts of one report; ``raw`` is the accepted raw file (``RawReport``), the
    witness its web page read beside it, if any; ``published`` when it was published; ``versions``
    every version the raw store has seen of the report (``RawStore.versions``)."""
    folder = staging_dir / raw.agency
    folder.mkdir(parents=True, exist_ok=True)
    previous = staged_report(staging_dir, raw.agency, raw.year)
    records = _version_records(raw, versions)
    table, log = _with_history(staging_dir, previous, raw, facts_table(extraction), records)
    fd, tmp = temp_file(folder, prefix=f".{raw.year}.", suffix=".parquet")
    os.close(fd)
    try:
        pq.write_table(table, tmp)
        digest = hashlib.sha256(Path(tmp).read_bytes()).hexdigest()
        facts_file = f"{raw.year}.{digest}.parquet"
        os.replace(tmp, folder / facts_file)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    report = StagedReport(
        agency=raw.agency,
        year=raw.year,
        kind=raw.kind,
        source_url=raw.source_url,
        final_url=raw.final_url,
        sha256=raw.sha256,
        size=raw.size,
        fetched_at=raw.fetched_at,
        template=extraction.template,
        pages=extraction.pages,
        extractor_version=extractor_version,
        extracted_at=datetime.now(UTC).isoformat(timespec="seconds"),
        facts_file=facts_file,
        facts_sha256=digest,
        fact_count=len(extraction.facts),
        table_pages={k: list(v) for k, v in extraction.table_pages.items()},
        notes=list(extraction.notes),
        witness_sha256=witness_sha256,
        disagreements=list(disagreements or []),
        published_on=published.on if published else None,
        published_on_source=published.source if published else None,
        published_on_confidence=published.confidence if published else None,
        versions=records,
        revisions=log,
    )
    _write(staging_dir, report)
    if previous is not None and previous.facts_file != facts_file:
        previous.facts_path(staging_dir).unlink(missing_ok=True)
    return report


def _write(staging_dir: Path, report: StagedReport) -> None:
    text = json.dumps(asdict(report), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    write_atomic(_report_path(staging_dir, report.agency, report.year), text.encode("utf-8"))


def record_versions(staging_dir: Path, agency: str, year: int, versions: Sequence[Any]) -> StagedReport | None:
    """Write the report's versions (``RawStore.versions``) into its staged record, its facts as
    they were: a version that could not be extracted is recorded while the previous stays loaded.
    None when nothing is staged for the report yet."""
    staged = staged_report(staging_dir, agency, year)
    if staged is None:
        return None
    records = [v.record() for v in versions]
    if not any(v["sha256"] == staged.sha256 for v in records):
        records.insert(0, staged.version)
    staged = replace(staged, versions=records)
    _write(staging_dir, staged)
    return staged


def staged_report(staging_dir: Path, agency: str, year: int) -> StagedReport | None:
    path = _report_path(staging_dir, agency, year)
    if not path.is_file():
        return None
    return parse_staged(path.read_bytes())


def parse_staged(record: bytes) -> StagedReport:
    """A staged report from the bytes of its record (``<agency>/<year>.json``)."""
    return StagedReport(**json.loads(record))


def staged_reports(staging_dir: Path) -> list[StagedReport]:
    """Every staged report, by agency and year."""
    found = [
        StagedReport(**json.loads(path.read_text(encoding="utf-8")))
        for path in staging_dir.glob("*/*.json")
        if path.stem.isdigit()
    ]
    return sorted(found, key=lambda r: (r.agency, r.year))


def is_current(
    staged: StagedReport | None, sha256: str, extractor_version: str, witness_sha256: str | None = None
) -> bool:
    """True when the staged facts already come from these bytes (and this witness) and this extractor."""
    return (
        staged is not None
        and staged.sha256 == sha256
        and staged.extractor_version == extractor_version
        and staged.witness_sha256 == witness_sha256
    )


def same_source(staged: StagedReport | None, raw: Any) -> bool:
    """True when the staged report records where the raw file (``RawReport``) came from: the same
    bytes downloaded from the publisher after a bundled sample must not keep the sample's provenance."""
    return staged is not None and (staged.kind, staged.source_url, staged.final_url) == (
        raw.kind,
        raw.source_url,
        raw.final_url,
    )
