"""A polite, bounded HTTP client for one publisher's hosts.

Every request: only to the allowed hosts (redirects are followed by hand so that each hop is
checked), an honest User-Agent, a minimum interval per host, a timeout, bounded retries with
exponential backoff on timeouts, connection failures, 429 and 5xx, and caps on the body's size
and time (streamed, aborted as soon as a cap is passed). A GET may be conditional; a form POST
(a listing some sites build only from a form) follows the same rules and never is.
"""

from __future__ import annotations

import fcntl
import os
import re
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx

from pipeline import __version__
from pipeline.fetch.failures import FetchError, HostNotAllowed

PROJECT_URL = "https://github.com/ogi-reports/ogi-reports"
# Who runs the fetcher: site operators can reach them at $OGI_CONTACT (a URL or an e-mail address).
USER_AGENT = f"ogi-reports/{__version__} (+{os.environ.get('OGI_CONTACT') or PROJECT_URL})"
REDIRECTS = (301, 302, 303, 307, 308)
MAX_PAGE_BYTES = 5 * 1024 * 1024
MAX_RETRY_AFTER = 60.0  # seconds: a longer wait is the next night's business


# Response header -> the request header that sends it back.
VALIDATORS = {"etag": "If-None-Match", "last-modified": "If-Modified-Since"}


@dataclass(frozen=True)
class Policy:
    """How hard and how fast to ask. The defaults are for a publisher's production site."""

    timeout: float = 30.0  # seconds, per connect/read
    retries: int = 3  # further attempts after the first, on timeouts, connection errors, 429 and 5xx
    backoff: float = 2.0  # seconds before the first retry, doubled for each further one
    min_interval: float = 1.0  # seconds between two requests to the same host
    deadline: float = 600.0  # seconds for a whole body: a server dripping bytes is not waited on forever
    max_redirects: int = 5
    max_page_bytes: int = MAX_PAGE_BYTES
    user_agent: str = USER_AGENT


@dataclass(frozen=True)
class Response:
    """A complete answer: 200 with its body, or 304 (not modified) with none."""

    url: str
    final_url: str
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""

    def text(self) -> str:
        """The body as text: a BOM, valid UTF-8, then the charset the server or the page declares
        when the bytes decode with it (gb2312 read as gb18030), else detection."""
        from pipeline.core.facts import ReportError
        from pipeline.extract.charset import decode_page, header_charset

        try:
            return decode_page(self.body, header_charset(self.headers.get("content-type")))[0]
        except ReportError:
            return self.body.decode("utf-8", errors="replace")


def _retry_after(value: str) -> float:
    """A server's Retry-After in seconds (only the delta form), at most MAX_RETRY_AFTER."""
    return min(float(value), MAX_RETRY_AFTER) if value.strip().isdigit() else 0.0


def _method_hint(status: int, form: dict[str, str] | None) -> str:
    """What a 405 means for the catalog: the address takes the other method."""
    if status != 405:
        return ""
    if form is None:
        return " (the address does not answer GET: a list read by posting a form needs its listing_forms entry)"
    return " (the address does not answer a POST: a list read with GET needs no listing_forms entry)"


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


class HttpClient:
    """Fetches pages and files from the given hosts only; use as a context manager.

    ``pace_dir``: keep the per-host interval across processes (the report runs of one live run
    download in parallel processes) through a small locked file per host in that folder.
    """

    def __init__(self, hosts: Iterable[str], policy: Policy = Policy(), *, pace_dir: Path | None = None) -> None:
        self.hosts = frozenset(h.lower() for h in hosts)
        self.policy = policy
        self.pace_dir = pace_dir
        self._http = httpx.Client(
            timeout=policy.timeout,
            follow_redirects=False,
            headers={"User-Agent": policy.user_agent},
        )
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def check(self, url: str) -> None:
        """Refuse any address that is not http(s) on an allowed host."""
        reason = self._refusal(url)
        if reason:
            raise HostNotAllowed(f"refused {url}: {reason}")

    def allows(self, url: str) -> bool:
        """Whether ``url`` may be asked for (http(s) on an allowed host)."""
        return self._refusal(url) is None

    def _refusal(self, url: str) -> str | None:
        if urlsplit(url).scheme not in ("http", "https"):
            return "only http and https addresses are fetched"
        if host_of(url) not in self.hosts:
            allowed = ", ".join(sorted(self.hosts)) or "none"
            return f"host {host_of(url) or '?'} is not listed for the agency (allowed: {allowed})"
        return None

    def page(self, url: str) -> Response:
        """An HTML page (listing or report page)."""
        return self.get(url, max_bytes=self.policy.max_page_bytes)

    def get(self, url: str, *, max_bytes: int, held: Mapping[str, str] | None = None) -> Response:
        """GET with redirects checked hop by hop. ``held``: the response headers of the version
        already stored; their validators (ETag, Last-Modified) make the request conditional, and a
        304 comes back when they still match.

        Raises HostNotAllowed, or FetchError naming the URL and the cause (HTTP status, timeout,
        connection failure, size cap).
        """
        held = {name.lower(): value for name, value in (held or {}).items()}
        conditional = {asked: held[name] for name, asked in VALIDATORS.items() if held.get(name)}
        return self._follow(url, None, conditional, max_bytes)

    def post(self, url: str, form: Mapping[str, str], *, max_bytes: int) -> Response:
        """POST a form (``application/x-www-form-urlencoded``): a listing some sites build only
        from a form. The same hosts, pace, timeouts, retries and caps as a GET; never conditional,
        since a POST's answer is not a stored version to validate (RFC 9110 §9.3.3). A 301, 302 or
        303 is followed with a GET, as browsers do; a 307 or 308 posts the form again there."""
        return self._follow(url, dict(form), {}, max_bytes)

    def _follow(self, url: str, form: dict[str, str] | None, headers: dict[str, str], max_bytes: int) -> Response:
        current = url
        for _ in range(self.policy.max_redirects + 1):
            self.check(current)
            status, answer, body = self._attempts(current, headers, max_bytes, form)
            if status in REDIRECTS:
                location = answer.get("location")
                if not location:
                    raise FetchError(f"HTTP {status} without a Location from {current}")
                target = urljoin(current, location)
                reason = self._refusal(target)
                if reason:
                    raise HostNotAllowed(f"redirect from {current} to {target} refused: {reason}")
                current = target
                form = form if status in (307, 308) else None
                continue
            if status in (200, 304):
                return Response(url=url, final_url=current, status=status, headers=answer, body=body)
            raise FetchError(f"HTTP {status} from {current}{_method_hint(status, form)}")
        raise FetchError(f"more than {self.policy.max_redirects} redirects from {url}")

    def _attempts(
        self, url: str, headers: dict[str, str], max_bytes: int, form: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        """One request (a GET, or a POST of ``form``) with bounded retries on transient failures."""
        attempts = self.policy.retries + 1
        cause, asked_wait = "", 0.0
        for attempt in range(attempts):
            if attempt:
                time.sleep(max(self.policy.backoff * 2 ** (attempt - 1), asked_wait))
            try:
                status, answer, body = self._once(url, headers, max_bytes, form)
            except httpx.TimeoutException:
                cause = f"timed out after {self.policy.timeout:g} s"
                continue
            except httpx.TransportError as exc:
                cause = f"connection failed ({exc or type(exc).__name__})"
                continue
            if status >= 500 or status == 429:
                cause = f"HTTP {status}"
                asked_wait = _retry_after(answer.get("retry-after", ""))
                continue
            return status, answer, body
        tries = "attempt" if attempts == 1 else "attempts"
        raise FetchError(f"{cause} from {url} ({attempts} {tries})")

    def _once(
        self, url: str, headers: dict[str, str], max_bytes: int, form: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        self._wait_turn(host_of(url))
        started = time.monotonic()
        method = "GET" if form is None else "POST"
        with self._http.stream(method, url, headers=headers, data=form) as response:
            answer = {k.lower(): v for k, v in response.headers.items()}
            if response.status_code != 200:
                return response.status_code, answer, b""
            announced = answer.get("content-length", "")
            if announced.isdigit() and int(announced) > max_bytes:
                raise FetchError(f"{url} announces {announced} bytes, over the cap of {max_bytes}")
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(f"{url} sent more than the cap of {max_bytes} bytes; download aborted")
                if time.monotonic() - started > self.policy.deadline:
                    raise FetchError(f"{url} took longer than {self.policy.deadline:g} s; download aborted")
                chunks.append(chunk)
            return 200, answer, b"".join(chunks)

    def _wait_turn(self, host: str) -> None:
        """Keep at least ``min_interval`` between the starts of two requests to one host."""
        with self._lock:
            if self.pace_dir is None:
                now = time.monotonic()
                start = max(now, self._last.get(host, -1e9) + self.policy.min_interval)
                self._last[host] = start
            else:
                now, start = self._shared_turn(host)
        if start > now:
            time.sleep(start - now)

    def _shared_turn(self, host: str) -> tuple[float, float]:
        """Reserve the next start time for ``host`` in its pace file (wall clock, shared by processes)."""
        self.pace_dir.mkdir(parents=True, exist_ok=True)
        path = self.pace_dir / (re.sub(r"[^a-z0-9.-]", "_", host) + ".pace")
        with open(path, "a+", encoding="ascii") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)  # released when the file is closed
            handle.seek(0)
            text = handle.read().strip()
            now = time.time()
            start = max(now, float(text) + self.policy.min_interval if text else now)
            handle.seek(0)
            handle.truncate()
            handle.write(f"{start:.3f}")
        return now, start
