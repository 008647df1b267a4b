"""What is known of each catalog agency, and which of its years the warehouse holds.

``ogi catalog`` prints it as a table (or one agency in full); ``ogi discover --offline`` prints
what discovery would do for each agency without contacting any site.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import duckdb

from pipeline.core.catalog import Agency, Catalog
from pipeline.warehouse.sql import statement


@dataclass(frozen=True)
class Holdings:
    """The years the published warehouse holds per agency; ``note`` says why none could be read."""

    years: dict[str, list[int]]
    note: str | None = None


def warehouse_holdings(path: Path) -> Holdings:
    """Read the warehouse read-only (it is published by rename, so this never blocks a run)."""
    if not path.is_file():
        return Holdings({}, f"no warehouse at {path} yet")
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            rows = con.execute(statement("read/report_keys")).fetchall()
    except duckdb.Error as exc:
        return Holdings({}, f"the warehouse {path} cannot be read: {str(exc).splitlines()[0]}")
    years: dict[str, list[int]] = {}
    for agency, year, *_ in rows:
        years.setdefault(agency, []).append(int(year))
    return Holdings(years)


def year_ranges(years: Iterable[int]) -> str:
    """2019-2021, 2023 for [2019, 2020, 2021, 2023]; "-" for none."""
    ordered = sorted(set(years))
    parts: list[str] = []
    start = previous = None
    for year in [*ordered, None]:
        if start is not None and (year is None or year != previous + 1):
            parts.append(str(start) if start == previous else f"{start}-{previous}")
            start = None
        if year is not None and start is None:
            start = year
        previous = year
    return ", ".join(parts) or "-"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _table(rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  ".join(_pad(cell, w) for cell, w in zip(row, widths)).rstrip() for row in rows]


def _listing(agency: Agency) -> str:
    if not agency.listing_urls:
        return "-"
    hosts = sorted({urlsplit(u).netloc for u in agency.listing_urls})
    pages = len(agency.listing_urls)
    return f"{pages} page{'s' if pages > 1 else ''} on {', '.join(hosts)}"


def _source(agency: Agency) -> str:
    """The host of the first page the source names (a document otherwise), and when it was seen."""
    if not agency.source:
        return "-"
    page = re.search(r"https?://[^\s)]+", agency.source)
    where = urlsplit(page.group(0)).netloc if page else "a document"
    return f"{where} ({agency.seen})" if agency.seen else where


def catalog_table(catalog: Catalog, holdings: Holdings) -> list[str]:
    """One line per agency (listing, pinned years, hosts, bundled sample, source, years held),
    then totals."""
    rows = [("agency", "name", "listing", "pinned", "hosts", "sample", "warehouse", "source")]
    for agency in catalog.agencies.values():
        rows.append(
            (
                agency.code,
                agency.name_zh,
                _listing(agency),
                year_ranges(agency.reports),
                str(len(agency.hosts)) if agency.hosts else "-",
                year_ranges(s.year for s in catalog.samples if s.agency == agency.code),
                year_ranges(holdings.years.get(agency.code, ())),
                _source(agency),
            )
        )
    listed = sum(1 for a in catalog.agencies.values() if a.listing_urls)
    pinned = sum(1 for a in catalog.agencies.values() if a.reports and not a.listing_urls)
    covered = [code for code in catalog.agencies if holdings.years.get(code)]
    held = sum(len(holdings.years[code]) for code in covered)
    lines = _table(rows)
    lines.append("")
    lines.append(
        f"{len(catalog.agencies)} agencies: {listed} with a listing page, {pinned} with pinned reports only, "
        f"{len(catalog.agencies) - listed - pinned} with no address known"
    )
    lines.append(holdings.note or f"warehouse: {held} reports of {len(covered)} agencies")
    return lines


def agency_details(agency: Agency, holdings: Holdings) -> list[str]:
    """Everything the catalog and the warehouse say of one agency."""
    lines = [
        f"{agency.code}: {agency.name_zh} ({agency.name_en})",
        f"  aliases:   {', '.join(agency.aliases) or '-'}",
        f"  listing:   {agency.listing_urls[0] if agency.listing_urls else '- (no listing known)'}",
        *(f"             {url}" for url in agency.listing_urls[1:]),
        *(
            f"  form:      {listing.method} {urlencode(listing.form)} to {url}"
            for url, listing in agency.listing_forms.items()
        ),
        f"  hosts:     {', '.join(agency.hosts) or '-'}",
        *(f"  pinned:    {year} {url}" for year, url in sorted(agency.reports.items())),
        f"  source:    {agency.source or '-'}" + (f" (seen {agency.seen})" if agency.seen else ""),
        f"  warehouse: {year_ranges(holdings.years.get(agency.code, ()))}",
    ]
    return lines + ([f"  ({holdings.note})"] if holdings.note else [])


def _posted(agency: Agency, url: str) -> str:
    """A listing address, and how it is asked for when that is a form POST."""
    return f"{url}, posting its form" if url in agency.listing_forms else url


def discovery_plan(agency: Agency) -> str:
    """What ``ogi discover`` would do for the agency, in one line, without contacting anything."""
    pinned = ", ".join(str(y) for y in sorted(agency.reports))
    reports = "report" if len(agency.reports) == 1 else "reports"
    if agency.listing_urls:
        pages = len(agency.listing_urls)
        line = (
            f"{agency.code}: would read {pages} listing page{'s' if pages > 1 else ''} "
            f"({' '.join(_posted(agency, url) for url in agency.listing_urls)}), contacting only {', '.join(agency.hosts) or 'its host'}"
        )
        return line + (f"; and fetch the pinned {reports} for {pinned}" if pinned else "")
    if agency.reports:
        return f"{agency.code}: no listing known for {agency.code} ({agency.name_zh}); would fetch the pinned {reports} for {pinned}"
    return f"{agency.code}: no listing known for {agency.code} ({agency.name_zh}); nothing to fetch"
