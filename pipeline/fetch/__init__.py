"""Live fetching: discover reports on a publisher's website and download them safely.

``discover_reports`` walks an agency's listing pages (with their pagination) and follows each
report link to its report page: a page whose body holds the tables is a report itself, and a PDF
it links is one too. ``fetch_report`` downloads the report (conditionally, so an unchanged file is
not downloaded again), checks that the document names the year (and agency) it is filed under,
and hands the bytes to the RawStore, which accepts only complete PDFs and pages with tables
within the caps. Expected failures come back as one line naming the report and the cause; the
store keeps its previous version.

A page that holds the tables *and* links a PDF gives two witnesses of one report. The PDF is
loaded: it is the formal document the publisher attaches (cited by page, printed, archived) and
what runs before pages were read loaded, so a report's source does not flip. The page is kept
beside it in the witness store (``<raw>/witnesses``), extracted too, and every cell where the two
disagree becomes a quality issue.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from pipeline.core.catalog import ListingForm
from pipeline.extract.charset import header_charset
from pipeline.fetch.client import HttpClient, Policy, Response, host_of
from pipeline.fetch.discovery import (
    MAX_LISTING_PAGES,
    attachment,
    browser_check,
    form_pages,
    is_file_url,
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
from pipeline.fetch.failures import FetchError, HostNotAllowed, InvalidPDF
from pipeline.fetch.identity import WrongReport, check_identity, page_lines, pdf_lines, word_lines
from pipeline.fetch.pagepictures import Picture, allowed_pictures, archive_of, fetch_pictures, page_of
from pipeline.fetch.published import page_date_line
from pipeline.fetch.refusals import Refusals
from pipeline.fetch.store import RawReport, RawStore
from pipeline.fetch.validate import report_format, validate_as

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
    "witness_store",
]


class Publisher(Protocol):
    """What fetching needs of a catalog agency (pipeline.core.catalog.Agency)."""

    code: str
    name_zh: str
    aliases: Sequence[str]
    listing_urls: Sequence[str]
    listing_forms: Mapping[str, ListingForm]
    hosts: Sequence[str]
    reports: dict[int, str]


@dataclass(frozen=True)
class ReportLink:
    """One report found on the publisher's site. ``pdf_url`` is None when the page has no PDF
    attachment (or could not be read: ``problem`` says why); ``page_report`` says the page itself
    holds the report's tables. ``listed`` is the date printed beside the link in the listing,
    ``page_dated`` the report page's publication line (发布时间：2024-01-25), when they say.
    """

    agency: str
    year: int
    title: str
    page_url: str
    pdf_url: str | None
    problem: str | None = None
    page_report: bool = False
    listed: str | None = None
    page_dated: str | None = None

    @property
    def name(self) -> str:
        return f"{self.agency} {self.year}"

    @property
    def nothing_to_fetch(self) -> bool:
        """The report page was read and has neither a PDF nor the tables: nothing to fetch."""
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
    store: RawStore | None = None,
) -> list[ReportLink]:
    """The reports listed on the agency's site, newest listing entry first, one per year.

    Reads every listing page (following pagination, the JSON endpoints its scripts load and its
    columns per year), keeps the links titled as the agency's own annual report, then reads each
    report page for its PDF. The catalog's explicit ``reports: {year: url}`` win over what is
    discovered for that year. Raises FetchError when a listing page cannot be read. With
    ``store``, a report page already stored there (a report published as its page, or a PDF's
    witness) is asked for conditionally and read from the store when unchanged, so a rerun
    downloads nothing.
    """
    urls = list(listing_urls) if listing_urls else list(agency.listing_urls)
    if client is None:
        with client_for(agency, listing_urls) as own:
            return discover_reports(agency, urls, client=own, store=store)
    names = (agency.name_zh, *agency.aliases)
    found: dict[int, tuple[str, str, str | None]] = {}  # year: (title, address, the date beside it)
    # (address, the form it is posted with or None, the year of the column it belongs to, whether it
    # may fail: the endpoint a script names and a link that says only a year are guesses, and a
    # wrong guess must not stop discovery)
    queue: list[tuple[str, dict[str, str] | None, int | None, bool]] = [
        (url, _form_of(agency, url), None, False) for url in urls
    ]
    seen: set[str] = set()
    while queue and len(seen) < MAX_LISTING_PAGES * max(1, len(urls)):
        url, form, column, optional = queue.pop(0)
        if listing_key(url, form) in seen:
            continue
        seen.add(listing_key(url, form))
        max_bytes = client.policy.max_page_bytes
        try:
            response = client.page(url) if form is None else client.post(url, form, max_bytes=max_bytes)
        except FetchError as exc:
            if optional:
                continue
            raise type(exc)(f"{agency.code}: cannot read the listing page: {exc}") from None
        text, content_type = response.text(), response.headers.get("content-type", "")
        page = parse_listing(text, response.final_url, content_type)
        if (check := browser_check(page)) is not None:
            if optional:
                continue
            raise FetchError(
                f"{agency.code}: cannot read the listing page: {url} answered with {check}, a script for a "
                "browser to run, instead of the listing (ogi runs no site's scripts; pin the reports in the "
                "catalog's reports)"
            )
        listed = report_links(page, column=column)
        for anchor in report_links(page, names, column):
            year = title_year(anchor.text, column)
            if year is not None:
                found.setdefault(year, (anchor.text, anchor.url, anchor.listed or None))
        if form is not None:  # the further pages of a posted list are the same form, another page number
            queue.extend((url, more, column, optional) for more in form_pages(text, form, page, content_type))
            continue
        more = pagination(page)
        queue.extend((u, None, column, optional) for u in more)
        if column is None:
            queue.extend((u, None, None, True) for u in json_sources(page))
            queue.extend((u, None, year, True) for year, u in year_columns(page))
        elif not listed and not more and is_report_title(page.title, column):
            found.setdefault(column, (page.title, response.final_url, None))  # the year's column is the report
    for year, url in agency.reports.items():
        found[int(year)] = (f"{agency.name_zh}{year}年政府信息公开工作年度报告", url, None)
    return [
        _resolve(agency.code, year, title, url, client, store, listed) for year, (title, url, listed) in found.items()
    ]


def _form_of(agency: Publisher, url: str) -> dict[str, str] | None:
    """The form a listing address is posted with (its ``listing_forms`` entry), or None for a GET."""
    listing = agency.listing_forms.get(url)
    return dict(listing.form) if listing is not None else None


def _stored_page(store: RawStore | None, agency: str, year: int, page_url: str) -> RawReport | None:
    """The stored copy of a report page (as the report, or as a PDF's witness), if any."""
    if store is None:
        return None
    for kept in (store.current(agency, year), witness_store(store).current(agency, year)):
        is_page = kept is not None and (kept.format == "html" or kept.parts)
        if is_page and kept.source_url == page_url and kept.path.is_file():
            return kept
    return None


def _resolve(
    agency: str,
    year: int,
    title: str,
    page_url: str,
    client: HttpClient,
    store: RawStore | None = None,
    listed: str | None = None,
) -> ReportLink:
    """Follow a report link to its PDF or Word file (a link straight to one is its own attachment)."""
    if is_file_url(page_url):
        return ReportLink(agency, year, title, page_url, page_url, listed=listed)
    try:
        found = find_attachment(page_url, year, client, _stored_page(store, agency, year, page_url))
    except FetchError as exc:
        return ReportLink(agency, year, title, page_url, None, problem=str(exc), listed=listed)
    report_page = found.tables or found.pictures
    problem = None if found.pdf_url or report_page else no_attachment(page_url)
    return ReportLink(
        agency, year, title, page_url, found.pdf_url, problem, report_page, listed=listed, page_dated=found.dated
    )


@dataclass(frozen=True)
class Attachment:
    """What a report page says of its report: the file it links (``pdf_url``, or the page's own
    address when it serves the file), whether it holds the tables itself, whether (linking no file
    and holding not all three tables as HTML) it shows pictures that may be its tables, and its
    publication line."""

    pdf_url: str | None
    tables: bool
    dated: str | None = None
    pictures: bool = False


def find_attachment(page_url: str, year: int, client: HttpClient, known: RawReport | None = None) -> Attachment:
    """The PDF a report page links (or the page's own address when it is a PDF), whether the page
    holds the report's tables itself, and its date line. ``known``: the page as stored, asked for
    conditionally."""
    response = client.get(page_url, max_bytes=client.policy.max_page_bytes, held=known.headers if known else None)
    if response.status == 304 and known is not None:
        headers = {name.lower(): value for name, value in known.headers.items()}
        response = Response(page_url, known.final_url or page_url, 200, headers, page_of(known))
    if response.body.lstrip().startswith(b"%PDF-") or report_format(response.body) not in ("pdf", "html"):
        return Attachment(response.final_url, False)  # the address serves the report file itself
    pdf = attachment(parse_page(response.text(), response.final_url), year)
    charset = header_charset(response.headers.get("content-type"))
    tables = holds_tables(response.body, charset)
    # Tables posted as pictures: whether they are is for OCR to say when the report is read.
    pictures = pdf is None and bool(allowed_pictures(response.body, charset, response.final_url, client))
    return Attachment(pdf, tables, page_date_line(response.body, charset), pictures)


def holds_tables(body: bytes, charset: str | None = None) -> bool:
    """Whether a page's body holds table 三 (requests), the table every report publishes."""
    from pipeline.core.facts import ReportError
    from pipeline.extract.classify import assemble
    from pipeline.extract.htmlpage import read_page

    if b"<table" not in body.lower():
        return False
    try:
        tables, _ = assemble(read_page(body, charset).segments)
    except ReportError:
        return False
    return "requests" in tables


def no_attachment(page_url: str) -> str:
    return f"no PDF attachment and no tables: the page is not a report ({page_url})"


def fetch_report(
    link: ReportLink,
    store: RawStore,
    *,
    client: HttpClient | None = None,
    agency_name: str = "",
    others: Mapping[str, str] | None = None,
) -> FetchOutcome:
    """Download one report into the store unless it is unchanged (conditional GET).

    The PDF when there is one, else the page that holds the tables; a page that holds them beside
    a PDF goes to the witness store (``witness_store``). A document that names another year, or
    another catalog agency (``others``: code -> name) than ``agency_name``, is refused. Never raises for expected failures: the
    outcome's ``error`` names the report and the cause, and the store keeps the version it had.
    """
    if client is None:
        with HttpClient({host_of(link.page_url)}) as own:
            return fetch_report(link, store, client=own, agency_name=agency_name, others=others)
    previous = store.current(link.agency, link.year)
    try:
        if link.pdf_url or link.page_report:
            pdf_url, tables = link.pdf_url, link.page_report
        else:
            found = find_attachment(link.page_url, link.year, client)
            pdf_url, tables = found.pdf_url, found.tables or found.pictures
        if pdf_url is None and not tables:
            raise FetchError(no_attachment(link.page_url))
        if pdf_url is not None:
            raw, downloaded = _download(link, store, client, pdf_url, "pdf", agency_name, others)
            if tables:
                _download(link, witness_store(store), client, link.page_url, "html", agency_name, others)
        else:
            raw, downloaded = _download(link, store, client, link.page_url, "html", agency_name, others, pictures=True)
    except FetchError as exc:
        return FetchOutcome(link, previous, downloaded=False, changed=False, error=f"{link.name}: {exc}")
    changed = previous is None or previous.sha256 != raw.sha256
    return FetchOutcome(link, raw, downloaded=downloaded, changed=changed, error=None)


def _check_pictures(pictures: list[Picture], client: HttpClient) -> None:
    """Raise when a page's pictures were asked for and none could be fetched: its tables may be
    among them, so the page alone is not refused (a refusal holds while the page is unchanged) but
    the report fails this run, the store keeps what it had and the next run asks for them again."""
    asked = [p for p in pictures if client.allows(p.url)]
    if asked and all(p.error is not None for p in pictures):
        raise FetchError(
            f"none of the {len(asked)} pictures of the page could be fetched (first: {asked[0].error}); "
            "they are asked for again on the next run"
        )


def witness_store(store: RawStore) -> RawStore:
    """Where a report page is kept when its PDF is the report loaded: the second witness."""
    return RawStore(store.root / "witnesses", limits=store.limits)


def _download(
    link: ReportLink,
    store: RawStore,
    client: HttpClient,
    url: str,
    expected: str,
    agency_name: str,
    others: Mapping[str, str] | None,
    *,
    pictures: bool = False,
) -> tuple[RawReport, bool]:
    """One file of a report into ``store``: (the accepted version, whether it was downloaded).
    ``pictures``: a report page is kept with the pictures it shows when they may be its tables
    (``pagepictures``); an unchanged page's pictures are asked for again, conditionally."""
    previous = store.current(link.agency, link.year)
    known = previous if previous and previous.kind == "original" and previous.source_url == url else None
    refusals = Refusals(store.root)
    # A document refused before is asked for with its own validators: unchanged, it is refused again.
    refused = refusals.get(link.agency, link.year, url)
    if pictures and refused is not None and refused.kind == "not_a_report":
        # "Without tables" judged a page alone when none of its pictures could be fetched (before
        # such a page failed the run instead): not a verdict on the page with its pictures.
        refused = None
    held = refused.validators if refused else known.headers if known else None
    response = client.get(url, max_bytes=store.limits.max_bytes, held=held)
    if response.status == 304 and refused is not None:
        raise refused.repeated()
    page_unchanged = response.status == 304 and known is not None and pictures and bool(known.parts)
    if page_unchanged:  # the page is unchanged, its pictures may not be
        headers = {name.lower(): value for name, value in known.headers.items()}
        response = Response(url, known.final_url or url, 200, headers, page_of(known))
    if response.status == 304 and known is not None:
        store.seen(known)  # unchanged on the site: seen again, not downloaded
        return known, False
    if response.status == 304:
        raise FetchError(f"HTTP 304 from {url} to an unconditional request")
    charset = header_charset(response.headers.get("content-type"))
    try:
        fmt = report_format(response.body) if expected == "pdf" else "html"
        # A file is told and checked once, then read and stored as checked; a page is checked as it
        # is stored (with its pictures when they are archived with it), after its title is read.
        checked = None if fmt == "html" else validate_as(response.body, fmt, store.limits)
        if fmt == "pdf":
            lines = pdf_lines(response.body)
        elif fmt == "html":
            lines = page_lines(response.body, charset)
        else:
            lines = word_lines(response.body, fmt)
        check_identity(lines, agency_name=agency_name, year=link.year, url=response.final_url, others=others)
        body, parts, downloaded = response.body if checked is None else checked, [], not page_unchanged
        if fmt == "html" and pictures:
            found, fetched = fetch_pictures(client, response, charset, known)
            downloaded = downloaded or fetched
            _check_pictures(found, client)
            if any(picture.error is None for picture in found):
                body, parts = archive_of(response, found), [picture.record() for picture in found]
        raw = store.put_bytes(
            body,
            agency=link.agency,
            year=link.year,
            kind="original",
            source_url=url,
            final_url=response.final_url,
            status=response.status,
            headers=response.headers,
            parts=parts,
        )
    except InvalidPDF as exc:
        invalid = type(exc)(f"{response.final_url}: {exc}")
        refusals.remember(link.agency, link.year, url, response.headers, invalid)
        raise invalid from None
    except WrongReport as exc:
        refusals.remember(link.agency, link.year, url, response.headers, exc)
        raise
    refusals.forget(link.agency, link.year, url)
    return raw, downloaded
