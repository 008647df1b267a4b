"""The catalog (``data/catalog.yaml``): the publishers the dataset covers and the bundled sample."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml


class CatalogError(Exception):
    """The catalog file is missing or malformed; the message names the file and the entry."""


@dataclass(frozen=True)
class Agency:
    code: str
    name_zh: str
    name_en: str
    listing_urls: tuple[str, ...] = ()
    hosts: tuple[str, ...] = ()
    # Year -> address of that year's report, for years discovery cannot find.
    reports: dict[int, str] = field(default_factory=dict)
    # Other names the agency signs its reports with (国家发展改革委 for 国家发展和改革委员会).
    aliases: tuple[str, ...] = ()
    # Where the listing and report addresses were seen, and when (every address has a source).
    source: str | None = None
    seen: str | None = None


@dataclass(frozen=True)
class Sample:
    """One bundled offline report; ``file`` and ``content`` are resolved against the catalog's folder."""

    agency: str
    year: int
    kind: str
    publisher: str
    file: Path
    content: Path | None
    original_url: str | None

    @property
    def key(self) -> str:
        return partition_key(self.agency, self.year)


@dataclass(frozen=True)
class Catalog:
    path: Path
    agencies: dict[str, Agency]
    samples: list[Sample]

    def sample(self, agency: str, year: int) -> Sample | None:
        return next((s for s in self.samples if s.agency == agency and s.year == year), None)

    def sample_reports(self) -> list[tuple[str, int]]:
        """(agency, year) of the bundled sample: what an offline run builds. Agencies without a
        sample (most of the catalog) and pinned addresses belong to live runs."""
        return sorted({(s.agency, s.year) for s in self.samples})


def partition_key(agency: str, year: int) -> str:
    """The Dagster partition key of one report (the agency code, then the year)."""
    return f"{agency}|{year}"


def load_catalog(path: Path) -> Catalog:
    path = Path(path)
    try:
        # libyaml's loader when present: a national catalog has tens of thousands of entries.
        doc = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise CatalogError(f"{path}: cannot read the catalog: {exc}") from exc
    base = path.parent
    agencies: dict[str, Agency] = {}
    for entry in doc.get("agencies") or []:
        try:
            code = str(entry["code"])
            agencies[code] = Agency(
                code=code,
                name_zh=str(entry["name_zh"]),
                name_en=str(entry["name_en"]),
                listing_urls=tuple(entry.get("listing_urls") or ()),
                hosts=tuple(entry.get("hosts") or ()),
                reports={int(y): str(u) for y, u in (entry.get("reports") or {}).items()},
                aliases=tuple(str(a) for a in entry.get("aliases") or ()),
                source=str(entry["source"]) if entry.get("source") else None,
                seen=str(entry["seen"]) if entry.get("seen") else None,  # YAML reads a bare date as a date
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise CatalogError(f"{path}: malformed agency entry {entry!r}: {exc}") from exc
    samples: list[Sample] = []
    for entry in doc.get("samples") or []:
        try:
            sample = Sample(
                agency=str(entry["agency"]),
                year=int(entry["year"]),
                kind=str(entry.get("kind") or "replica"),
                publisher=str(entry.get("publisher") or ""),
                file=(base / entry["file"]).resolve(),
                content=(base / entry["content"]).resolve() if entry.get("content") else None,
                original_url=entry.get("original_url"),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise CatalogError(f"{path}: malformed sample entry {entry!r}: {exc}") from exc
        if sample.agency not in agencies:
            raise CatalogError(f"{path}: sample {sample.key} names unknown agency {sample.agency!r}")
        samples.append(sample)
    return Catalog(path=path, agencies=agencies, samples=samples)
