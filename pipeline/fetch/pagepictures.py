"""The pictures of a report page whose tables are pictures (all of them, or table 三 while 二 and
四 are HTML): fetched with the page, through the same client (the agency's hosts only, size caps,
pacing, retries, conditional requests), and kept with it as one single-file web page (MHTML,
``mhtfile.write_archive``): the page and every picture exactly as served, each under its address.
The archive is the report's file in the raw store, so its sha256 names the page *and* its
pictures: a picture changed on the site is a new version of the report, as a changed page is.
Each picture's provenance (address, final address, sha256, size, when fetched, headers) is a
``parts`` entry of the report's record; a picture not fetched (another host, an HTTP error, over
the cap, not an image) is an entry that says why.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from pipeline.core.errors import OgiError
from pipeline.extract.classify import has_report_tables
from pipeline.extract.htmlpage import read_page
from pipeline.extract.imagesources import is_image
from pipeline.extract.mhtfile import read_archive, write_archive
from pipeline.fetch.client import HttpClient, Response
from pipeline.fetch.failures import FetchError
from pipeline.fetch.store import RawReport, kept_headers, utc_now

# A report page shows its tables in a few pictures; a site's template adds a logo, icons, a QR
# code. Beyond this many, the rest are not fetched (and the parts record says so).
MAX_PICTURES = 30
MAX_PICTURE_BYTES = 10 * 1024 * 1024


def picture_sources(body: bytes, charset: str | None, page_url: str) -> list[str]:
    """The absolute http(s) addresses of a page's pictures, in page order, each once, when the
    page does not hold tables 二, 三 and 四 as HTML (else none: its pictures are not its tables)."""
    try:
        page = read_page(body, charset)
    except OgiError:
        return []
    if not page.images or has_report_tables(page.segments):
        return []
    base = urljoin(page_url, page.base) if page.base else page_url
    found: list[str] = []
    for source in page.images:
        address = urljoin(base, source).split("#", 1)[0]
        if urlsplit(address).scheme in ("http", "https") and address not in found:
            found.append(address)
    return found


def allowed_pictures(body: bytes, charset: str | None, page_url: str, client: HttpClient) -> list[str]:
    """The pictures of ``picture_sources`` on the hosts the client may ask."""
    return [address for address in picture_sources(body, charset, page_url) if client.allows(address)]


@dataclass(frozen=True)
class Picture:
    """One picture fetched (or not: ``error``) for a report page."""

    url: str
    final_url: str
    body: bytes
    fetched_at: str
    headers: dict[str, str]
    error: str | None = None

    def record(self) -> dict[str, object]:
        """The provenance kept in the report's record."""
        if self.error is not None:
            return {"url": self.url, "error": self.error}
        return {
            "url": self.url,
            "final_url": self.final_url,
            "sha256": hashlib.sha256(self.body).hexdigest(),
            "size": len(self.body),
            "fetched_at": self.fetched_at,
            "headers": self.headers,
        }


def page_of(raw: RawReport) -> bytes:
    """The report page's own bytes: the file, or the page inside a page-and-pictures archive."""
    data = raw.path.read_bytes()
    return read_archive(data).page if raw.format == "mht" and raw.parts else data


def fetch_pictures(
    client: HttpClient, page: Response, charset: str | None, known: RawReport | None
) -> tuple[list[Picture], bool]:
    """The pictures of ``page`` (see ``picture_sources``), each asked for conditionally when
    ``known`` (the stored version of the same page) holds it: (the pictures, whether any was
    downloaded rather than found unchanged)."""
    sources = picture_sources(page.body, charset, page.final_url)
    held = {str(part["url"]): part for part in (known.parts if known is not None else []) if "sha256" in part}
    kept = read_archive(known.path.read_bytes()).parts if held and known is not None and known.path.is_file() else {}
    pictures, downloaded = [], False
    for number, url in enumerate(sources, start=1):
        if number > MAX_PICTURES:
            pictures.append(Picture(url, url, b"", "", {}, f"not fetched: more than {MAX_PICTURES} pictures"))
            continue
        if not client.allows(url):
            pictures.append(Picture(url, url, b"", "", {}, "not fetched: not on the agency's hosts"))
            continue
        before = held.get(url)
        try:
            answer = client.get(
                url, max_bytes=MAX_PICTURE_BYTES, held=before["headers"] if before and url in kept else None
            )
        except FetchError as exc:
            pictures.append(Picture(url, url, b"", "", {}, str(exc)))
            continue
        if answer.status == 304 and before is not None:  # a 304 may renew the validators, nothing else
            renewed = {k: v for k, v in kept_headers(answer.headers).items() if k in ("ETag", "Last-Modified")}
            headers = dict(before["headers"]) | renewed
            pictures.append(Picture(url, str(before["final_url"]), kept[url], str(before["fetched_at"]), headers))
            continue
        downloaded = True
        if answer.status != 200 or not is_image(answer.body):
            pictures.append(Picture(url, answer.final_url, b"", "", {}, "not an image"))
            continue
        pictures.append(Picture(url, answer.final_url, answer.body, utc_now(), kept_headers(answer.headers)))
    return pictures, downloaded


def archive_of(page: Response, pictures: list[Picture]) -> bytes:
    """The page and its pictures as one single-file web page (each picture under its address)."""
    content_type = page.headers.get("content-type", "text/html")
    parts = [
        (p.url, p.headers.get("Content-Type", "application/octet-stream"), p.body) for p in pictures if p.error is None
    ]
    return write_archive(page.body, content_type, page.final_url, parts)
