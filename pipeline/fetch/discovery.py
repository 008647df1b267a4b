"""Reading a publisher's pages: report titles, listing pagination and report attachments.

Pure functions over HTML text and its URL (no network), so markup changes are easy to test.
Parsing uses the standard library's HTML parser and never depends on a CSS class: a report link
is recognised by its title, pagination by ``createPageHTML(...)`` calls or ``index_N`` links, an
attachment by its address (``.pdf``) or its text (附件).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from posixpath import basename
from urllib.parse import urljoin, urlsplit, urlunsplit

# Chinese numerals as written in years (二〇二〇, 二零二零); NFKC turns full-width digits to ASCII.
_NUMERALS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0", "O": "0"}
_YEAR = re.compile(r"((?:19|20)\d{2})年")
_YEAR_ZH = re.compile(r"([〇零○O一二三四五六七八九]{4})年")
_INDEX_PAGE = re.compile(r"index(?:_(\d+))?\.s?html?", re.IGNORECASE)
_PAGER_CALL = re.compile(r"createPageHTML\s*\(([^)]*)\)")
_PAGER_ARG = re.compile(r"""\s*(?:(\d+)|["']([^"']*)["']|[^,]*)\s*(?:,|$)""")
_HTML_PAGE = re.compile(r"\.s?html?$", re.IGNORECASE)
_PAGE_SUFFIX = re.compile(r"s?html?", re.IGNORECASE)
MAX_LISTING_PAGES = 50
_REPORT_WORDS = ("年度报告", "年报", "工作情况", "工作报告")
_NOT_REPORT_WORDS = ("通知", "要点", "指南", "关于做好")


@dataclass(frozen=True)
class Anchor:
    url: str  # absolute
    text: str  # the link text, or its title attribute when that says more


@dataclass
class _Link:
    href: str
    title: str = ""
    text: str = ""


class _Collector(HTMLParser):
    """Collects links (a, and the sources of iframe/embed/object) and script text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[_Link] = []
        self.scripts: list[str] = []
        self.base: str | None = None
        self._open: _Link | None = None
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        source = {"a": "href", "iframe": "src", "embed": "src", "object": "data"}.get(tag)
        if tag == "base" and values.get("href") and self.base is None:
            self.base = values["href"]
        elif source and values.get(source):
            link = _Link(values[source], values.get("title", ""))
            self.links.append(link)
            self._open = link if tag == "a" else self._open
        elif tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._open = None
        elif tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data
        elif self._open is not None:
            self._open.text += data


@dataclass(frozen=True)
class Page:
    """The links and scripts of one HTML page, with URLs made absolute."""

    url: str
    anchors: list[Anchor]
    scripts: list[str]


def parse_page(html: str, url: str) -> Page:
    collector = _Collector()
    collector.feed(html)
    collector.close()
    base = urljoin(url, collector.base) if collector.base else url
    anchors = []
    for link in collector.links:
        href = link.href.strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        text = " ".join(link.text.split())
        title = " ".join(link.title.split())
        # Listings often cut long titles in the text and keep the whole one in the title attribute.
        label = title if len(title) > len(text) else text
        anchors.append(Anchor(url=urljoin(base, href), text=label))
    return Page(url=url, anchors=anchors, scripts=collector.scripts)


def normalise_title(title: str) -> str:
    """Full-width forms folded (NFKC) and all whitespace removed."""
    return "".join(unicodedata.normalize("NFKC", title).split())


def report_year(title: str) -> int | None:
    """The year a report is about, from its title (2020, ２０２０ or 二〇二〇), or None."""
    text = normalise_title(title)
    match = _YEAR.search(text)
    if match:
        return int(match.group(1))
    match = _YEAR_ZH.search(text)
    if match:
        year = int("".join(_NUMERALS[c] for c in match.group(1)))
        return year if 1990 <= year <= 2100 else None
    return None


def is_report_title(title: str) -> bool:
    """A title of an annual information-disclosure report (not a notice, plan or guide about one).

    Besides 年度报告 and 年报, early reports were titled 工作情况 (外交部2014年政府信息公开工作情况).
    """
    text = normalise_title(title)
    return (
        ("政府信息公开" in text or "政务信息公开" in text)
        and any(word in text for word in _REPORT_WORDS)
        and not any(word in text for word in _NOT_REPORT_WORDS)
        and report_year(text) is not None
    )


def is_pdf_url(url: str) -> bool:
    return urlsplit(url).path.lower().endswith(".pdf")


def report_links(page: Page) -> list[Anchor]:
    """The links of a listing page that lead to an annual report, in page order, without repeats."""
    seen: set[str] = set()
    found = []
    for anchor in page.anchors:
        if is_report_title(anchor.text) and anchor.url not in seen:
            seen.add(anchor.url)
            found.append(anchor)
    return found


def _pager_pages(script: str, url: str) -> list[str]:
    """The pages named by ``createPageHTML(total, current, "index", "shtml")``-style calls.

    Sites differ in argument order (some pass an element id first, or a record count last), so
    the first two numbers are taken as (page count, current page), the string that looks like a
    page suffix as the suffix and the string before it as the name.
    """
    pages = []
    for call in _PAGER_CALL.finditer(script):
        args = [m for m in _PAGER_ARG.finditer(call.group(1)) if m.group(0).strip()]
        numbers = [int(m.group(1)) for m in args if m.group(1)]
        strings = [m.group(2) for m in args if m.group(2) is not None]
        suffixes = [i for i, s in enumerate(strings) if _PAGE_SUFFIX.fullmatch(s) and i > 0]
        if not numbers or not suffixes:
            continue
        total = min(numbers[0], MAX_LISTING_PAGES)
        name, suffix = strings[suffixes[0] - 1], strings[suffixes[0]]
        for number in range(total):
            page = f"{name}.{suffix}" if number == 0 else f"{name}_{number}.{suffix}"
            pages.append(urljoin(url, page))
    return pages


def listing_key(url: str) -> str:
    """One key for the different addresses of a listing's first page (``…/`` and ``…/index.shtml``)."""
    parts = urlsplit(url)
    path = parts.path
    if re.fullmatch(r"index\.s?html?", basename(path), re.IGNORECASE):
        path = path[: -len(basename(path))]
    return urlunsplit((parts.scheme, parts.netloc.lower(), path, parts.query, ""))


def pagination(page: Page) -> list[str]:
    """The other pages of the same listing: from pager scripts and from ``index_N`` links."""
    folder = urljoin(page.url, "./")
    found = []
    for script in page.scripts:
        found.extend(_pager_pages(script, page.url))
    for anchor in page.anchors:
        parts = urlsplit(anchor.url)
        if urljoin(anchor.url, "./") == folder and _INDEX_PAGE.fullmatch(basename(parts.path)):
            found.append(anchor.url.split("#")[0])
    unique: dict[str, str] = {}
    for url in found:
        unique.setdefault(listing_key(url), url)
    return list(unique.values())


def attachment(page: Page, year: int | None = None) -> str | None:
    """The report PDF linked from a report page, or None when the page itself is the report.

    Candidates are links to ``.pdf`` files and links whose text says 附件 (attachment); a PDF
    link whose text names the report or its year is preferred over, say, a form in the sidebar.
    """
    candidates = []
    for anchor in page.anchors:
        text = normalise_title(anchor.text)
        if is_pdf_url(anchor.url):
            named = "年度报告" in text or "年报" in text or (year is not None and str(year) in text)
            rank = 0 if named else 1 if "附件" in text or not text else 2
        elif "附件" in text and not _HTML_PAGE.search(urlsplit(anchor.url).path):
            rank = 3  # a download address without an extension (download.jsp?id=…)
        else:
            continue
        candidates.append((rank, len(candidates), anchor.url))
    return min(candidates)[2] if candidates else None
