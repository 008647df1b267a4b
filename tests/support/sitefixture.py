"""A publisher's website imitated by a real HTTP server on loopback, and small real PDFs.

The site serves routes from a dict that tests change while it runs (a new PDF, a fault), so each
test describes its site in a few lines. Faults: a status for the first N requests, a delay longer
than the client's timeout, a redirect, a body cut short. A path in ``forms`` answers POSTs of a
form (its fields decide the answer) and refuses GET, as a list endpoint does. Every request is logged.
"""

from __future__ import annotations

import contextlib
import hashlib
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from fpdf import FPDF

from pipeline.core.catalog import Agency

FIXED_DATE = datetime(2021, 1, 29, 12, 0, 0)


def make_pdf(text: str = "report", pages: int = 1) -> bytes:
    """A valid PDF of ``pages`` pages; the same text always gives the same bytes."""
    pdf = FPDF()
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_font("helvetica", size=12)
    for number in range(1, pages + 1):
        pdf.add_page()
        pdf.cell(text=f"{text} - page {number}")
    return bytes(pdf.output())


@dataclass
class Route:
    """What the site answers for one path."""

    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    fail_first: int = 0  # answer the first N requests with ``fail_status``
    fail_status: int = 500
    retry_after: str | None = None  # Retry-After sent with the failures
    delay: float = 0.0  # seconds to sleep before answering the first ``delay_first`` requests
    delay_first: int = 0
    location: str | None = None  # answer with a 302 to this address
    etag: bool = True  # send an ETag and answer If-None-Match with 304
    announce_length: int | None = None  # a Content-Length larger than the body: a cut connection
    send_length: bool = True  # False: no Content-Length, the body ends when the connection closes
    drip: float = 0.0  # seconds between 100-byte pieces of the body: a server that trickles
    hits: int = 0


@dataclass
class Site:
    """The running server: its base URL, its routes and the log of requests it received."""

    base: str
    routes: dict[str, Route]
    log: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)
    # path -> the answer to a POST of the given form fields (the path answers GET with 405)
    forms: dict[str, Callable[[dict[str, str]], Route]] = field(default_factory=dict)

    def url(self, path: str) -> str:
        return self.base + path

    def html(self, path: str, text: str, **options: object) -> None:
        self.routes[path] = Route(body=text.encode("utf-8"), **options)  # type: ignore[arg-type]

    def pdf(self, path: str, data: bytes, **options: object) -> None:
        self.routes[path] = Route(body=data, content_type="application/pdf", **options)  # type: ignore[arg-type]

    def requests(self, path: str) -> list[tuple[str, str, dict[str, str]]]:
        return [entry for entry in self.log if entry[1] == path]

    def statuses(self, path: str) -> list[str]:
        return [entry[2].get("status", "") for entry in self.requests(path)]


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # keep test output clean
            pass

        def _answer(self, status: int, body: bytes, headers: dict[str, str]) -> None:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            if "Content-Length" not in headers and headers.get("Connection") != "close":
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self._write(body)

        def _write(self, body: bytes) -> None:
            route = site.routes.get(self.path)
            if route is None or not route.drip:
                self.wfile.write(body)
                return
            for start in range(0, len(body), 100):
                self.wfile.write(body[start : start + 100])
                self.wfile.flush()
                time.sleep(route.drip)

        def do_GET(self) -> None:
            path = self.path
            entry = {"user-agent": self.headers.get("User-Agent", ""), "at": f"{time.monotonic():.6f}"}
            for name in ("If-None-Match", "If-Modified-Since"):
                if self.headers.get(name):
                    entry[name.lower()] = self.headers[name]
            site.log.append((self.command, path, entry))
            route = site.routes.get(path)
            if route is None and path in site.forms:
                entry["status"] = "405"
                self._answer(405, b"<html><body>Request method 'GET' not supported</body></html>", {"Allow": "POST"})
                return
            if route is None:
                entry["status"] = "404"
                self._answer(404, b"<html><body>404 Not Found</body></html>", {"Content-Type": "text/html"})
                return
            route.hits += 1
            if route.hits <= route.delay_first:
                time.sleep(route.delay)
            if route.hits <= route.fail_first:
                entry["status"] = str(route.fail_status)
                headers = {"Content-Type": "text/html"} | (
                    {"Retry-After": route.retry_after} if route.retry_after else {}
                )
                self._answer(route.fail_status, b"<html><body>busy</body></html>", headers)
                return
            if route.location is not None:
                entry["status"] = "302"
                self._answer(302, b"", {"Location": route.location})
                return
            etag = '"' + hashlib.sha256(route.body).hexdigest()[:16] + '"'
            if route.etag and self.headers.get("If-None-Match") == etag:
                entry["status"] = "304"
                self._answer(304, b"", {"ETag": etag, "Content-Length": "0"})
                return
            headers = {"Content-Type": route.content_type}
            if route.etag:
                headers["ETag"] = etag
                headers["Last-Modified"] = "Fri, 29 Jan 2021 12:00:00 GMT"
            if route.announce_length is not None:
                headers["Content-Length"] = str(route.announce_length)
                self.close_connection = True
            if not route.send_length:
                headers["Connection"] = "close"
                self.close_connection = True
            entry["status"] = str(route.status)
            self._answer(route.status, route.body, headers)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            posted = self.rfile.read(length).decode("utf-8")
            entry = {
                "user-agent": self.headers.get("User-Agent", ""),
                "at": f"{time.monotonic():.6f}",
                "content-type": self.headers.get("Content-Type", ""),
                "form": posted,
            }
            for name in ("If-None-Match", "If-Modified-Since"):
                if self.headers.get(name):
                    entry[name.lower()] = self.headers[name]
            site.log.append((self.command, self.path, entry))
            answer = site.forms.get(self.path)
            if answer is None:
                entry["status"] = "405" if self.path in site.routes else "404"
                self._answer(int(entry["status"]), b"<html><body>not here</body></html>", {"Allow": "GET"})
                return
            route = answer(dict(parse_qsl(posted, keep_blank_values=True)))
            if route.location is not None:  # 302 unless the route names another redirect (303, 307)
                status = route.status if 300 <= route.status < 400 else 302
                entry["status"] = str(status)
                self._answer(status, b"", {"Location": route.location})
                return
            entry["status"] = str(route.status)
            self._answer(route.status, route.body, {"Content-Type": route.content_type})

    return Handler


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        # A client that gives up (a timeout, a refused redirect) closes its connection: not an error.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def serve(host: str = "127.0.0.1") -> Iterator[Site]:
    """Run a site on ``host`` at a free port until the generator is closed."""
    site = Site(base="", routes={})
    server = _Server((host, 0), _handler(site))
    site.base = f"http://{host}:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


LISTING = "/web/wjb_673085/zfxxgk_674865/zfxxgknb/"
FAST = dict(timeout=0.5, retries=2, backoff=0.01, min_interval=0.0)  # Policy for tests


def department(
    listing: str, code: str = "mfa", name_zh: str = "外交部", name_en: str = "Ministry", **fields: Any
) -> Agency:
    """A central department listing its reports at ``listing``, whose host alone it may contact."""
    return Agency(
        code,
        name_zh,
        name_en,
        (listing,),
        (urlsplit(listing).hostname,),
        level="central",
        kind="department",
        parent="国务院",
        **fields,
    )


@dataclass(frozen=True)
class Posted:
    """One report as the imitated ministry site publishes it."""

    year: int
    title: str
    page: str  # path of the report page
    pdf: str | None  # path of the attachment, None for a report published as HTML


def publish(
    site: Site, reports: dict[int, bytes | None], *, per_page: int = 2, titles: dict[int, str] | None = None
) -> list[Posted]:
    """Lay out a listing like the ministry's: newest first, ``per_page`` entries a page, pages
    ``index.shtml``, ``index_1.shtml``… announced by ``createPageHTML``; each report page links its
    PDF by a relative address (or has the report text and no PDF)."""
    posted = []
    for number, (year, data) in enumerate(sorted(reports.items(), reverse=True)):
        month = f"{year + 1}01"
        page = f"{LISTING}{month}/t{month}{29 - number:02d}_{10000000 + year}.shtml"
        title = (titles or {}).get(year, f"外交部{year}年政府信息公开工作年度报告")
        pdf = f"{LISTING}{month}/P0{month}29{year}.pdf" if data is not None else None
        if data is not None and pdf is not None:
            site.pdf(pdf, data)
            body = f'<div class="news-main"><h1>{title}</h1><p><a href="./{pdf.rsplit("/", 1)[1]}">附件：{title}.pdf</a></p></div>'
        else:
            body = f"<div class='content'><h1>{title}</h1><p>一、总体情况</p><p>本年度……</p></div>"
        site.html(page, f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>{body}</body></html>")
        posted.append(Posted(year, title, page, pdf))
    pages = [posted[i : i + per_page] for i in range(0, len(posted), per_page)] or [[]]
    for index, entries in enumerate(pages):
        items = "".join(
            f'<li><a href="./{p.page[len(LISTING) :]}" target="_blank" title="{p.title}">{p.title[:14]}…</a><span>{p.page[-23:-15]}</span></li>'
            for p in entries
        )
        html = (
            "<html><head><meta charset='utf-8'></head><body>"
            '<ul class="nav"><li><a href="/web/">首页</a></li><li><a href="../zcwj/">政策文件</a></li></ul>'
            f'<ul class="list1">{items}</ul>'
            f'<div id="pages"><script>createPageHTML({len(pages)}, {index}, "index", "shtml");</script></div>'
            "</body></html>"
        )
        name = "index.shtml" if index == 0 else f"index_{index}.shtml"
        site.html(LISTING + name, html)
        if index == 0:
            site.html(LISTING, html)
    return posted


@pytest.fixture
def site() -> Iterator[Site]:
    """A fresh imitation of the publisher's site on 127.0.0.1."""
    yield from serve()


def html_page(title: str, body: str, *, scripts: str = "") -> str:
    """A page as a ministry's CMS renders it: a title, site navigation, the body, scripts."""
    return (
        f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>"
        '<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zfxxgk/zn/">政府信息公开指南</a></li>'
        '<li><a href="/zfxxgk/ml/">政府信息公开目录</a></li></ul>'
        f"{body}{scripts}</body></html>"
    )


def article(site: Site, path: str, title: str, pdf: bytes | None = None) -> str | None:
    """A report posted as an article at ``path``: with its PDF attached beside it (the PDF's path
    is returned), or with the report as the article's own text (None)."""
    if pdf is None:
        site.html(path, html_page(title, f"<h1>{title}</h1><p>一、总体情况</p><p>本年度……</p>"))
        return None
    attached = path.rsplit("/", 1)[0] + "/P020" + hashlib.sha256(path.encode()).hexdigest()[:10] + ".pdf"
    site.pdf(attached, pdf)
    name = attached.rsplit("/", 1)[1]
    site.html(path, html_page(title, f'<h1>{title}</h1><p>附件：<a href="./{name}">{title}.pdf</a></p>'))
    return attached
