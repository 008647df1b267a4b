"""Live fetching: discover reports on a publisher's website and download them safely.

``discover_reports`` walks an agency's listing pages (with their pagination) and follows each
report link to its PDF attachment; ``fetch_report`` downloads one report (conditionally, so an
unchanged file is not downloaded again) and hands the bytes to the RawStore, which accepts only
complete PDFs within the caps. Expected failures come back as one line naming the report and the
cause; the store keeps its previous version.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from pipeline.fetch.client import HttpClient, Policy, host_of
from pipeline.fetch.discovery import (
    MAX_LISTING_PAGES,
    attachment,
    is_pdf_url,
    is_report_title,
    json_sources,
    listing_key,
    pagination,
    parse_listing,
    parse_page,
    report_links,
    title_year,
    year_columns,
)
from pipeline.fetch.errors import FetchError, HostNotAllowed, InvalidPDF
from pipeline.fetch.store import RawReport, RawStore

__all__ = [
    "FetchError",
    "FetchOutcome",
    "HostNotAllowed",
    "HttpClient",
    "InvalidPDF",
    "Policy",
    "RawReport",
    "RawStore",
    "ReportLink",
    "client_for",
    "discover_reports",
    "fetch_report",
]


class Publisher(Protocol):
    """What fetching needs of a catalog agency (pipeline.catalog.Agency)."""

    code: str
    name_zh: str
    aliases: Sequence[str]
    listing_urls: Sequence[str]
    hosts: Sequence[str]
    reports: dict[int, str]


@dataclass(frozen=True)
class ReportLink:
    """One report found on the publisher's site. ``pdf_url`` is None when the page has no PDF
    attachment (or could not be read: ``problem`` says why)."""

    agency: str
    year: int
    title: str
    page_url: str
    pdf_url: str | None
    problem: str | None = None

    @property
    def name(self) -> str:
        return f"{self.agency} {self.year}"

    @property
    def html_only(self) -> bool:
        """The report page was read and has no PDF: the report is published as the page itself."""
        return self.pdf_url is None and self.problem == no_attachment(self.page_url)


@dataclass(frozen=True)
class FetchOutcome:
    """What fetching one report did. ``raw`` is the accepted version afterwards (on failure: the
    previous one, untouched, or None); ``changed`` means a new version was accepted."""

    link: ReportLink
    raw: RawReport | None
    downloaded: bool
    changed: bool
    error: str | None

    @property
    def state(self) -> str:
        """One word for progress lines: downloaded, unchanged or failed."""
        if self.error:
            return "failed"
        return "downloaded" if self.changed else "unchanged"


def client_for(agency: Publisher, listing_urls: Sequence[str] | None = None, policy: Policy = Policy()) -> HttpClient:
    """A client for one agency: its listed hosts, or only the hosts of explicit listing URLs."""
    hosts = {host_of(u) for u in listing_urls} if listing_urls else set(agency.hosts)
    return HttpClient(hosts, policy)


def discover_reports(
    agency: Publisher,
    listing_urls: Sequence[str] | None = None,
    *,
    client: HttpClient | None = None,
) -> list[ReportLink]:
    """The reports listed on the agency's site, newest listing entry first, one per year.

    Reads every listing page (following pagination, the JSON endpoints its scripts load and its
    columns per year), keeps the links titled as the agency's own annual report, then reads each
    report page for its PDF. The catalog's explicit ``reports: {year: url}`` win over what is
    discovered for that year. Raises FetchError when a listing page cannot be read.
    """
    urls = list(listing_urls) if listing_urls else list(agency.listing_urls)
    if client is None:
        with client_for(agency, listing_urls) as own:
            return discover_reports(agency, urls, client=own)
    names = (agency.name_zh, *agency.aliases)
    found: dict[int, tuple[str, str]] = {}
    # (address, the year of the column it belongs to, whether it may fail: the endpoint a script
    # names and a link that says only a year are guesses, and a wrong guess must not stop discovery)
    queue: list[tuple[str, int | None, bool]] = [(url, None, False) for url in urls]
    seen: set[str] = set()
    while queue and len(seen) < MAX_LISTING_PAGES * max(1, len(urls)):
        url, column, optional = queue.pop(0)
        if listing_key(url) in seen:
            continue
        seen.add(listing_key(url))
        try:
            response = client.page(url)
        except FetchError as exc:
            if optional:
                continue
            raise type(exc)(f"{agency.code}: cannot read the listing page: {exc}") from None
        page = parse_listing(response.text(), response.final_url, response.headers.get("content-type", ""))
        listed = report_links(page, column=column)
        for anchor in report_links(page, names, column):
            year = title_year(anchor.text, column)
            if year is not None:
                found.setdefault(year, (anchor.text, anchor.url))
        more = pagination(page)
        queue.extend((u, column, optional) for u in more)
        if column is None:
            queue.extend((u, None, True) for u in json_sources(page))
            queue.extend((u, year, True) for year, u in year_columns(page))
        elif not listed and not more and is_report_title(page.title, column):
            found.setdefault(column, (page.title, response.final_url))  # the year's column is the report
    for year, url in agency.reports.items():
        found[int(year)] = (f"{agency.name_zh}{year}年政府信息公开工作年度报告", url)
    return [_resolve(agency.code, year, title, url, client) for year, (title, url) in found.items()]


def _resolve(agency: str, year: int, title: str, page_url: str, client: HttpClient) -> ReportLink:
    """Follow a report link to its PDF (a link straight to a PDF is its own attachment)."""
    if is_pdf_url(page_url):
        return ReportLink(agency, year, title, page_url, page_url)
    try:
        pdf_url = find_attachment(page_url, year, client)
    except FetchError as exc:
        return ReportLink(agency, year, title, page_url, None, problem=str(exc))
    problem = None if pdf_url else no_attachment(page_url)
    return ReportLink(agency, year, title, page_url, pdf_url, problem)


def find_attachment(page_url: str, year: int, client: HttpClient) -> str | None:
    response = client.page(page_url)
    if response.body.lstrip().startswith(b"%PDF-"):
        return response.final_url
    return attachment(parse_page(response.text(), response.final_url), year)


def no_attachment(page_url: str) -> str:
    return f"no PDF attachment: the report is published as an HTML page ({page_url})"


def fetch_report(link: ReportLink, store: RawStore, *, client: HttpClient | None = None) -> FetchOutcome:
    """Download one report into the store unless it is unchanged (conditional GET).

    Never raises for expected failures: the outcome's ``error`` names the report and the cause,
    and the store keeps the version it had.
    """
    if client is None:
        with HttpClient({host_of(link.page_url)}) as own:
            return fetch_report(link, store, client=own)
    previous = store.current(link.agency, link.year)
    try:
        pdf_url = link.pdf_url or find_attachment(link.page_url, link.year, client)
        if pdf_url is None:
            raise FetchError(no_attachment(link.page_url))
        known = previous if previous and previous.kind == "original" and previous.source_url == pdf_url else None
        response = client.get(
            pdf_url,
            max_bytes=store.limits.max_bytes,
            etag=known.headers.get("ETag") if known else None,
            last_modified=known.headers.get("Last-Modified") if known else None,
        )
        if response.status == 304 and known is not None:
            return FetchOutcome(link, previous, downloaded=False, changed=False, error=None)
        if response.status == 304:
            raise FetchError(f"HTTP 304 from {pdf_url} to an unconditional request")
        try:
            raw = store.put_bytes(
                response.body,
                agency=link.agency,
                year=link.year,
                kind="original",
                source_url=pdf_url,
                final_url=response.final_url,
                status=response.status,
                headers=response.headers,
            )
        except InvalidPDF as exc:
            raise InvalidPDF(f"{response.final_url}: {exc}") from None
    except FetchError as exc:
        return FetchOutcome(link, previous, downloaded=False, changed=False, error=f"{link.name}: {exc}")
    changed = previous is None or previous.sha256 != raw.sha256
    return FetchOutcome(link, raw, downloaded=True, changed=changed, error=None)
