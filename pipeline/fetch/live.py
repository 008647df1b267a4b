"""A live run: which publishers to read, what discovery found, and fetching one report of it.

Discovery runs once per agency and its result is kept beside the raw files
(``<raw>/links/<agency>.json``: the listing pages read, the hosts allowed, the client policy and
the report links), so each report's run downloads its own file without walking the listing again.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pipeline.core.catalog import Agency, Catalog
from pipeline.core.files import write_atomic
from pipeline.extract.charset import header_charset
from pipeline.fetch import FetchOutcome, ReportLink, client_for, discover_reports, fetch_report, witness_store
from pipeline.fetch.client import HttpClient, Policy, host_of
from pipeline.fetch.failures import FetchError
from pipeline.fetch.pagepictures import page_of
from pipeline.fetch.published import Publication, page_date_line, publication
from pipeline.fetch.store import RawReport, RawStore, check_agency, utc_now

# A nightly run rediscovers; within a run (and a few hours after) every report uses the same result.
FRESH_FOR = timedelta(hours=6)


def live_agencies(catalog: Catalog, *, agency: str | None = None, listing_url: str | None = None) -> list[Agency]:
    """The agencies to discover, each with the listing URLs and hosts to use.

    With ``listing_url`` the agency (``agency``, else the catalog agency serving that host) is read
    from that one page and only that page's host may be contacted; its pinned report addresses are
    dropped, since they belong to the catalog's site.
    """
    if agency is not None and agency not in catalog.agencies:
        known = ", ".join(sorted(catalog.agencies))
        raise FetchError(f"unknown agency {agency!r} (the catalog has: {known})")
    if listing_url is None:
        chosen = [catalog.agencies[agency]] if agency else list(catalog.agencies.values())
        return [a for a in chosen if a.listing_urls or a.reports]
    host = host_of(listing_url)
    if not host or not listing_url.startswith(("http://", "https://")):
        raise FetchError(f"not an http(s) address: {listing_url}")
    if agency is None:
        agency = next((a.code for a in catalog.agencies.values() if host in a.hosts), None)
        if agency is None:
            raise FetchError(f"no catalog agency serves {host}; name one with --agency")
    return [replace(catalog.agencies[agency], listing_urls=(listing_url,), hosts=(host,), reports={})]


@dataclass(frozen=True)
class Discovery:
    """What one discovery of an agency's site found, and how it was allowed to ask."""

    agency: str
    listing_urls: tuple[str, ...]
    hosts: tuple[str, ...]
    policy: Policy
    links: tuple[ReportLink, ...]
    discovered_at: str
    # The forms posted to listing pages (method and fields, as JSON): a changed form is a new discovery.
    forms: str = ""

    def link(self, year: int) -> ReportLink | None:
        return next((link for link in self.links if link.year == year), None)

    def client(self, pace_dir: Path | None = None) -> HttpClient:
        return HttpClient(self.hosts, self.policy, pace_dir=pace_dir)


def _path(store: RawStore, agency: str) -> Path:
    check_agency(agency)
    return store.root / "links" / f"{agency}.json"


def discover(store: RawStore, agency: Agency, policy: Policy = Policy()) -> Discovery:
    """Discover the agency's reports now and keep the result for the report runs."""
    with client_for(agency, policy=policy) as client:
        links = discover_reports(agency, client=client, store=store)
    found = Discovery(
        agency=agency.code,
        listing_urls=tuple(agency.listing_urls),
        hosts=tuple(sorted(client.hosts)),
        policy=policy,
        links=tuple(sorted(links, key=lambda link: link.year)),
        discovered_at=utc_now(),
        forms=_forms(agency),
    )
    record = asdict(found)
    write_atomic(_path(store, agency.code), json.dumps(record, ensure_ascii=False, indent=1).encode("utf-8"))
    return found


@dataclass(frozen=True)
class ListingCheck:
    """The latest reading of an agency's listing pages: when, which pages, and the report years it
    showed. It is what tells a report that is overdue (looked for after its deadline and not
    found) from one never looked for."""

    agency: str
    checked_at: str  # ISO-8601 UTC
    listing_urls: tuple[str, ...]
    years_found: tuple[int, ...]


def listing_checks(raw_dir: Path) -> list[ListingCheck]:
    """The latest discovery of each agency that read a listing (a discovery of pinned addresses
    alone looked at no listing), from ``<raw>/links/``."""
    checks = []
    for path in sorted((raw_dir / "links").glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            check = ListingCheck(
                agency=str(data["agency"]),
                checked_at=str(data["discovered_at"]),
                listing_urls=tuple(data["listing_urls"]),
                years_found=tuple(sorted({int(link["year"]) for link in data["links"]})),
            )
        except (OSError, ValueError, KeyError, TypeError):
            continue  # a record this code did not write: no evidence either way
        if check.listing_urls:
            checks.append(check)
    return checks


def load_discovery(store: RawStore, agency: str) -> Discovery | None:
    path = _path(store, agency)
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return Discovery(
        agency=data["agency"],
        listing_urls=tuple(data["listing_urls"]),
        hosts=tuple(data["hosts"]),
        policy=Policy(**data["policy"]),
        links=tuple(ReportLink(**link) for link in data["links"]),
        discovered_at=data["discovered_at"],
        forms=data.get("forms", ""),
    )


def fetch_live(
    store: RawStore,
    agency: Agency,
    year: int,
    listing_urls: Sequence[str] = (),
    others: Mapping[str, str] | None = None,
) -> FetchOutcome | None:
    """Fetch one report of a live run; None when discovery did not find that year.

    Uses the kept discovery when it was made from the same listing pages recently, otherwise
    discovers again (a nightly run). ``listing_urls`` replaces the catalog's pages and hosts;
    ``others`` (code -> name, the catalog's agencies) are the names a document must not bear.
    Raises FetchError only when discovery itself fails.
    """
    if listing_urls:
        agency = replace(
            agency,
            listing_urls=tuple(listing_urls),
            hosts=tuple(sorted({host_of(u) for u in listing_urls})),
            reports={},
        )
    found = load_discovery(store, agency.code)
    if found is None or not _fresh(found, agency):
        found = discover(store, agency)
    link = found.link(year)
    if link is None:
        return None
    with found.client(pace_dir=store.root / "pace") as client:
        return fetch_report(link, store, client=client, agency_name=agency.name_zh, others=others)


def _fresh(found: Discovery, agency: Agency) -> bool:
    """Made recently from the same listing pages (a run's own discovery, not last night's)."""
    age = datetime.now(UTC) - datetime.fromisoformat(found.discovered_at)
    same_pages = found.listing_urls == tuple(agency.listing_urls) and found.forms == _forms(agency)
    return same_pages and age <= FRESH_FOR


def _forms(agency: Agency) -> str:
    forms = {url: {"method": f.method, "form": dict(f.form)} for url, f in agency.listing_forms.items()}
    return json.dumps(forms, ensure_ascii=False, sort_keys=True) if forms else ""


def describe(link: ReportLink) -> str:
    """One progress line for a discovered report."""
    where = link.pdf_url or link.problem or ""
    if link.page_report:
        where = (
            f"{where} and the tables on the page {link.page_url}"
            if link.pdf_url
            else f"the tables on the page {link.page_url}"
        )
    return f"{link.agency} {link.year}: discovered ({link.title}; {where})"


def discover_all(
    store: RawStore, agencies: Sequence[Agency], policy: Policy, echo: Callable[[str], None] = print
) -> tuple[list[Discovery], list[str]]:
    """Discover every agency of a live run, one progress line per report; an agency whose listing
    cannot be read is reported (second list) and the others go on. Raises FetchError when none could."""
    found, unread = [], []
    for agency in agencies:
        try:
            discovery = discover(store, agency, policy)
        except FetchError as exc:
            echo(f"  ! {exc}")
            unread.append(str(exc))
            continue
        for link in discovery.links:
            echo("  ? " + describe(link))
        found.append(discovery)
    if unread and not found:
        raise FetchError("; ".join(unread))
    return found, unread


def downloads(
    store: RawStore, before: dict[tuple[str, int], RawReport | None], failed: set[tuple[str, int]]
) -> list[str]:
    """One line per report of a live run saying what happened to its file (failures are reported
    by the run itself)."""
    lines = []
    for (agency, year), old in sorted(before.items()):
        new = store.current(agency, year)
        if new is not None and (old is None or old.sha256 != new.sha256):
            what = "downloaded" if old is None else "downloaded a new version"
            lines.append(f"{agency} {year}: {what} ({new.size} bytes, sha256 {new.sha256[:12]}) from {new.final_url}")
        elif (agency, year) in failed or new is None:
            continue
        elif old is not None and old.fetched_at != new.fetched_at:
            lines.append(f"{agency} {year}: downloaded again, same bytes (sha256 {new.sha256[:12]})")
        else:
            lines.append(f"{agency} {year}: unchanged on the site, not downloaded (sha256 {new.sha256[:12]})")
    return lines


def report_publication(store: RawStore, raw: RawReport) -> Publication | None:
    """When the report ``raw`` was published (``pipeline.fetch.published``), from the pages that
    post it (the report page itself, the article its file is attached to, the page kept beside its
    PDF), the date beside its link in the listing (the kept discovery, when it found this file),
    the PDF's metadata and the headers the file was served with."""
    if raw.kind == "replica":
        return None  # rendered by the project: no date of its own
    found = load_discovery(store, raw.agency) if raw.kind == "original" else None
    link = found.link(raw.year) if found is not None else None
    if link is not None and raw.source_url not in (link.pdf_url, link.page_url):
        link = None  # the discovery found another file (a pinned address, an older listing)
    charset = header_charset(raw.headers.get("Content-Type"))
    pages: list[tuple[str, str | None]] = []
    if (raw.format == "html" or raw.parts) and raw.path.is_file():
        pages.append(("report page", page_date_line(page_of(raw), charset)))
    if link is not None and link.page_dated:
        pages.append((f"report page {link.page_url}", link.page_dated))
    witness = witness_store(store).current(raw.agency, raw.year) if raw.format == "pdf" else None
    if witness is not None and witness.path.is_file():
        witness_charset = header_charset(witness.headers.get("Content-Type"))
        pages.append((f"report page {witness.source_url}", page_date_line(witness.path.read_bytes(), witness_charset)))
    return publication(
        year=raw.year,
        kind=raw.kind,
        fetched_at=raw.fetched_at,
        page_lines=tuple(pages),
        listed=link.listed if link is not None else None,
        pdf=raw.path.read_bytes() if raw.format == "pdf" and raw.path.is_file() else None,
        headers=raw.headers,
    )
