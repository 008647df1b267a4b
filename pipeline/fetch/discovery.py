"""Reading a publisher's pages: report titles, listing pagination and report attachments.

Pure functions over page text and its URL (no network), so markup changes are easy to test.
Parsing uses the standard library's HTML and JSON parsers and never depends on a CSS class: a
report link is recognised by its title (and, given the agency's names, by its publisher),
pagination by ``createPageHTML(...)`` calls, ``index_N`` links or a JSON page number, a column
per year by a link that says only a year, an attachment by its address (``.pdf``) or its text
(附件).

The listing patterns of the central departments' sites that this reads:

- a paginated HTML list (``index.shtml``, ``index_1.shtml``… announced by ``createPageHTML``, by
  a ``countPage = N`` variable alone, or linked);
- a list loaded by script from a JSON endpoint (rows with a title and an address, like TRS's
  ``doctitle``/``chnldocurl``, or HTML fragments), paged by a ``pageIndex``-style parameter, or by
  a ``pageNo`` inside a URL-encoded JSON parameter (the jpaas ``build/unit`` endpoint, whose HTML
  fragment says ``count="N"`` records);
- a list answered to a form POST (国家税务总局's ``getFileListByCodeId``: JSON rows of
  ``titleHtml`` and ``url``/``redirectUrl``, ``total`` records), paged by the form's page field
  (``form_pages``);
- a Hanweb (jpage) list, shipped inside ``<script type="text/xml"><datastore>`` as CDATA records
  and paged by its ``dataproxy.jsp?page=N`` endpoint, whose XML answer gives ``<totalpage>``;
- a column per year (links "2022年", "2022年度"), whose page lists that year's report, possibly
  with a title that does not repeat the year, or is the report itself;
- reports posted as articles, with a PDF attachment or as the article's own text.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser
from posixpath import basename
from urllib.parse import urlencode, urljoin, urlsplit, urlunsplit

from pipeline.core.catalog import PAGE_FIELDS

# Chinese numerals as written in years (二〇二〇, 二零二零); NFKC turns full-width digits to ASCII.
_NUMERALS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0", "O": "0"}
_YEAR = re.compile(r"((?:19|20)\d{2})年")
_YEAR_ZH = re.compile(r"([〇零○O一二三四五六七八九]{4})年")
_INDEX_PAGE = re.compile(r"index(?:_(\d+))?\.s?html?", re.IGNORECASE)
_PAGER_CALL = re.compile(r"createPageHTML\s*\(([^)]*)\)")
_PAGER_ARG = re.compile(r"""\s*(?:(\d+)|["']([^"']*)["']|([A-Za-z_$][\w$]*)|[^,]*)\s*(?:,|$)""")
# ``var countPage = 3`` (TRS): the numbers a page's scripts name, for pager calls that pass them.
_SCRIPT_NUMBER = re.compile(r"(?<![\w$.])([A-Za-z_$][\w$]*)\s*=\s*(\d+)\b")
_PAGE_COUNT_VARIABLE = "countPage"
_HTML_PAGE = re.compile(r"\.s?html?$", re.IGNORECASE)
_PAGE_SUFFIX = re.compile(r"s?html?", re.IGNORECASE)
MAX_LISTING_PAGES = 50
_REPORT_WORDS = ("年度报告", "年报", "工作情况", "工作报告")
# Notices, plans, guides, templates, letters and explainers about reports are not reports.
_NOT_REPORT_WORDS = (
    "通知",
    "要点",
    "指南",
    "关于做好",
    "解读",
    "图解",
    "一图",
    "读懂",
    "格式",
    "报送",
    "的函",
    "征求意见",
)
_DISCLOSURE = re.compile(r"(?:政府|政务)?信息公开")
_STATE_PREFIX = "中华人民共和国"
# A local body named after its national agency: 国家税务总局 + 北京市税务局, 上海海关.
_LOCAL_BODY = re.compile(r"省|市|自治区|自治州|地区|盟|县|旗")
_SELF = {f"{a}{b}" for a in "我本" for b in ("部", "委", "局", "署", "行", "院", "机关", "单位")}  # 我部, 本局…
_YEAR_COLUMN = re.compile(r"((?:19|20)\d{2})(?:年度?)?")
_JSON_URL = re.compile(r"""["']([^"'\s]+\.json(?:\?[^"'\s]*)?)["']""")
_DATASTORE = re.compile(r"\s*(?:<\?xml[^>]*>\s*)?<datastore", re.IGNORECASE)
_JPAGE = "/dataproxy.jsp"  # Hanweb's list endpoint, announced by a page's <nextgroup>
_TRAILING_DATE = re.compile(r"\s*[\[(（【]?(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}[\])）】]?$")
_JSONP = re.compile(r"^\s*[\w.$]+\s*\((.*)\)\s*;?\s*$", re.DOTALL)
# Keys of a JSON row that hold its title or its address, best first, compared in lower case.
# titleHtml/redirectUrl: 国家税务总局's getFileListByCodeId rows (redirectUrl, when set, wins over url).
_TITLE_KEYS = ("title", "doctitle", "titlehtml", "name", "subject", "bt")
_URL_KEYS = ("redirecturl", "url", "docurl", "chnldocurl", "docpuburl", "link", "href", "path", "fileurl", "pdfurl")
_PAGE_PARAM = re.compile(r"(?<![A-Za-z])(pageIndex|pageNo|pageNum|page|curPage|currentPage|pageindex)=(\d+)")
# The same inside a URL-encoded JSON parameter: paramJson={"pageNo":1,"pageSize":15} (jpaas).
_PAGE_PARAM_JSON = re.compile(
    r"%22(pageIndex|pageNo|pageNum|page|curPage|currentPage)%22%3A(?:\+|%20)*(\d+)", re.IGNORECASE
)
_PAGE_SIZE_JSON = re.compile(r"%22(?:pageSize|size|rows)%22%3A(?:\+|%20)*(\d+)", re.IGNORECASE)
_FRAGMENT_COUNT = re.compile(r"""\bcount\s*=\s*["'](\d+)["']""")
_PAGE_COUNT_KEYS = ("pageCount", "totalPage", "totalPages", "pagecount", "pages")
_TOTAL_KEYS = ("total", "totalCount", "totalNum", "count", "recordCount")
_PAGE_SIZE = re.compile(r"(?<![A-Za-z])(?:pageSize|pagesize|rows|size)=(\d+)")
_SIZE_FIELDS = ("pageSize", "pagesize", "size", "rows")


@dataclass(frozen=True)
class Anchor:
    url: str  # absolute
    text: str  # the link text, or its title attribute when that says more
    listed: str = ""  # the date printed beside the link in its listing row (2024-01-25), if any


@dataclass
class _Row:
    """A listing row (li, tr, dd, p, div): its links and its text outside them."""

    tag: str
    links: int = 0
    text: str = ""


@dataclass
class _Link:
    href: str
    title: str = ""
    text: str = ""
    rows: tuple[_Row, ...] = ()  # the rows around it, outermost first
    listed: str = ""  # a JSON row's date


# The elements a listing puts one entry in: a date beside a link is read from the rows around it,
# innermost first, as long as the row holds no other link.
_ROW_TAGS = ("li", "tr", "dd", "p", "div")
# Keys of a JSON row that hold its publication date, best first, compared in lower case.
_DATE_KEYS = (
    "pubdate",
    "publishdate",
    "publishtime",
    "publishedtimestr",  # 国家税务总局's getFileListByCodeId rows
    "pubtime",
    "releasetime",
    "docreltime",
    "docpubtime",
    "fbrq",
    "fbsj",
    "date",
    "time",
)
_LISTED_DATE = re.compile(r"(?:19|20)\d{2}\s*(?:[-/.]|年)\s*\d{1,2}\s*(?:[-/.]|月)\s*\d{1,2}(?!\d)(?:\s*日)?")


class _Collector(HTMLParser):
    """Collects links (a, and the sources of iframe/embed/object), the rows they are in, and
    script text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[_Link] = []
        self.scripts: list[str] = []
        self.base: str | None = None
        self.title = ""
        self._open: _Link | None = None
        self._in_script = False
        self._in_title = False
        self._rows: list[_Row] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        source = {"a": "href", "iframe": "src", "embed": "src", "object": "data"}.get(tag)
        if tag in _ROW_TAGS:
            if self._rows and self._rows[-1].tag == tag and tag != "div":
                self._rows.pop()  # an unclosed <li> (or <p>, <tr>) ends where the next begins
            self._rows.append(_Row(tag))
        if tag == "base" and values.get("href") and self.base is None:
            self.base = values["href"]
        elif source and values.get(source):
            link = _Link(values[source], values.get("title", ""), rows=tuple(self._rows))
            for row in self._rows:
                row.links += 1
            self.links.append(link)
            self._open = link if tag == "a" else self._open
        elif tag == "script":
            self._in_script = True
            self.scripts.append("")
        elif tag == "title":
            self._in_title = True

    def handle_endtag(self, tag: str) -> None:
        if tag in _ROW_TAGS and any(row.tag == tag for row in self._rows):
            while self._rows.pop().tag != tag:
                pass
        if tag == "a":
            self._open = None
        elif tag == "script":
            self._in_script = False
        elif tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data
        elif self._open is not None:
            self._open.text += data
        elif self._in_title:
            self.title += data
        else:
            for row in self._rows:  # a row's text holds the text of the rows inside it
                row.text += data


def _listed(link: _Link) -> str:
    """The date printed beside a link: in the text of a row around it, outside the link, the
    innermost row first, while the row holds only this link (in a row of several links a date
    belongs to none in particular)."""
    if link.listed:
        return link.listed
    for row in reversed(link.rows):
        if row.links != 1:
            break
        found = _LISTED_DATE.search(row.text)
        if found:
            return " ".join(found.group(0).split())
    return ""


@dataclass(frozen=True)
class Page:
    """The links and scripts of one listing or report page, with URLs made absolute.

    ``more`` are further pages of the same listing that the page itself announces (the next
    pages of a JSON listing)."""

    url: str
    anchors: list[Anchor]
    scripts: list[str]
    title: str = ""
    more: tuple[str, ...] = ()


def parse_page(html: str, url: str) -> Page:
    collector = _Collector()
    collector.feed(html)
    collector.close()
    base = urljoin(url, collector.base) if collector.base else url
    links = list(collector.links)
    for script in collector.scripts:
        # Hanweb (jpage) pages ship their list inside <script type="text/xml"><datastore>…
        # <record><![CDATA[<li><a …>]]></record>: invisible as markup until unwrapped.
        if "<record" in script or "<nextgroup" in script:
            links += _fragment_links(script)
    return Page(
        url=url, anchors=_anchors(links, base), scripts=collector.scripts, title=" ".join(collector.title.split())
    )


def _fragment_links(text: str) -> list[_Link]:
    """The links of an HTML fragment, with CDATA markers (XML records) removed first."""
    collector = _Collector()
    collector.feed(text.replace("<![CDATA[", "").replace("]]>", ""))
    collector.close()
    return collector.links


def _anchors(links: list[_Link], base: str) -> list[Anchor]:
    anchors = []
    for link in links:
        href = link.href.strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        # A listing's date printed inside the link (…年度报告2024-01-30) is not part of the title,
        # but it is the date the report was listed on.
        text = " ".join(link.text.split())
        inside = _TRAILING_DATE.search(text)
        text = text[: inside.start()] if inside else text
        listed = _listed(link) or (_LISTED_DATE.search(inside.group(0)).group(0) if inside else "")
        title = " ".join(link.title.split())
        # Listings often cut long titles in the text and keep the whole one in the title attribute.
        label = title if len(title) > len(text) else text
        anchors.append(Anchor(url=urljoin(base, href), text=label, listed=listed))
    return anchors


def is_json(text: str, content_type: str = "") -> bool:
    """A JSON (or JSONP) answer rather than an HTML page."""
    if "json" in content_type.lower():
        return True
    start = text.lstrip()[:1]
    return start in ("{", "[") or bool(_JSONP.match(text) and text.lstrip()[:1] != "<")


def parse_listing(text: str, url: str, content_type: str = "") -> Page:
    """A listing page, HTML, a JSON endpoint's answer or a jpage XML datastore, as links to follow."""
    if is_json(text, content_type):
        return parse_json_listing(text, url)
    if _DATASTORE.match(text):
        return parse_datastore(text, url)
    return parse_page(text, url)


def parse_datastore(text: str, url: str) -> Page:
    """A Hanweb jpage answer (``dataproxy.jsp?page=N…``): XML records holding list items, and
    ``<totalpage>`` for the further pages."""
    links = _fragment_links(re.sub(r"</?(?:datastore|recordset|record|totalrecord|totalpage)[^>]*>", " ", text))
    total = re.search(r"<totalpage>\s*(\d+)\s*</totalpage>", text)
    match = _PAGE_PARAM.search(url)
    more: tuple[str, ...] = ()
    if match and total:
        number = int(match.group(2))
        last = min(int(total.group(1)), number + MAX_LISTING_PAGES)
        more = tuple(url[: match.start(2)] + str(n) + url[match.end(2) :] for n in range(number + 1, last + 1))
    return Page(url=url, anchors=_anchors(links, url), scripts=[], more=more)


def parse_json_listing(text: str, url: str) -> Page:
    """The rows of a JSON listing as links: each object with a title and an address, and the
    links inside any HTML fragment. Its further pages come from the page number in the URL and
    the page count (or total and page size) in the answer, else the next page while rows come."""
    wrapped = _JSONP.match(text)
    try:
        data = json.loads(wrapped.group(1) if wrapped and not text.lstrip().startswith(("{", "[")) else text)
    except ValueError:
        return Page(url=url, anchors=[], scripts=[])
    links: list[_Link] = []
    rows = _walk_json(data, links)
    return Page(url=url, anchors=_anchors(links, url), scripts=[], more=_json_pages(data, url, rows))


def _walk_json(value: object, links: list[_Link]) -> int:
    """Collect links from a JSON value; the number of rows (objects with a title) seen."""
    rows = 0
    if isinstance(value, dict):
        fields = {str(k).lower(): v for k, v in value.items() if isinstance(v, str) and v.strip()}
        title = next((fields[k] for k in _TITLE_KEYS if k in fields), None)
        address = next((fields[k] for k in _URL_KEYS if k in fields), None)
        if title is not None:
            rows += 1
            if address is not None:
                dates = (_LISTED_DATE.search(fields[k]) for k in _DATE_KEYS if k in fields)
                listed = next((found.group(0) for found in dates if found), "")
                links.append(_Link(href=address, text=_strip_tags(title), listed=listed))
        for item in value.values():
            rows += _walk_json(item, links)
    elif isinstance(value, list):
        for item in value:
            rows += _walk_json(item, links)
    elif isinstance(value, str) and "<a" in value.lower():
        found = _fragment_links(value)
        links.extend(found)
        rows += len(found)
    return rows


def _strip_tags(text: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", text))


def _page_param(url: str) -> re.Match[str] | None:
    """Where a listing address gives its page number: ``pageNo=2``, or ``%22pageNo%22%3A2`` inside
    a URL-encoded JSON parameter."""
    return _PAGE_PARAM.search(url) or _PAGE_PARAM_JSON.search(url)


def _json_pages(data: object, url: str, rows: int) -> tuple[str, ...]:
    match = _page_param(url)
    if match is None:
        return ()
    number = int(match.group(2))

    def page(n: int) -> str:
        return url[: match.start(2)] + str(n) + url[match.end(2) :]

    size = _PAGE_SIZE.search(url) or _PAGE_SIZE_JSON.search(url)
    count = _page_count(data, int(size.group(1)) if size else None)
    if count is not None:
        last = count if number >= 1 else count - 1  # numbered from 1, or from 0
        return tuple(page(n) for n in range(number + 1, min(last, number + MAX_LISTING_PAGES) + 1))
    return (page(number + 1),) if rows else ()


def _page_count(data: object, size: int | None) -> int | None:
    """The number of pages a JSON listing announces, from a page count or a total and the page
    size it was asked for."""
    found = _find_number(data, _PAGE_COUNT_KEYS)
    if found is not None:
        return found
    total = _find_number(data, _TOTAL_KEYS)
    if total is None:
        total = _fragment_total(data)
    if total is not None and size:
        return -(-total // size)
    return None


def page_field(form: Mapping[str, str]) -> str | None:
    """The field of a listing's form that numbers its pages (``page``, ``pageNo``…), if any."""
    return next((name for name in PAGE_FIELDS if name in form and form[name].isdigit()), None)


def form_pages(text: str, form: Mapping[str, str], page: Page, content_type: str = "") -> list[dict[str, str]]:
    """The further pages of a listing read by posting ``form``: the form with its page field
    counted up to the pages the answer announces (a JSON page count, or a total and the form's
    page size: 国家税务总局's ``results.data.total`` and ``size``), else the next page while a page
    still lists links. None when the form has no page field."""
    field = page_field(form)
    if field is None:
        return []
    number = int(form[field])
    data: object = None
    if is_json(text, content_type):
        with suppress(ValueError):
            data = json.loads(text)
    else:
        data = text  # an HTML answer may still announce its records (count="N")
    size = next((int(form[name]) for name in _SIZE_FIELDS if form.get(name, "").isdigit()), None)
    count = _page_count(data, size)
    if count is not None:
        last = min(count if number >= 1 else count - 1, number + MAX_LISTING_PAGES)
    else:
        last = number + 1 if page.anchors else number
    return [{**form, field: str(n)} for n in range(number + 1, last + 1)]


def _fragment_total(value: object) -> int | None:
    """The record count an HTML fragment of the answer announces (jpaas: ``count="32"``)."""
    if isinstance(value, str):
        match = _FRAGMENT_COUNT.search(value) if "<" in value else None
        return int(match.group(1)) if match else None
    children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    for child in children:
        found = _fragment_total(child)
        if found is not None:
            return found
    return None


def _find_number(data: object, keys: tuple[str, ...]) -> int | None:
    if isinstance(data, dict):
        for key in keys:
            value = data.get(key)
            if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
                return int(value)
        for value in data.values():
            if isinstance(value, dict):
                found = _find_number(value, keys)
                if found is not None:
                    return found
    return None


def normalise_title(title: str) -> str:
    """Full-width forms folded (NFKC) and all whitespace removed."""
    return "".join(unicodedata.normalize("NFKC", title).split())


def _year_match(text: str) -> tuple[int, int, int] | None:
    """(year, start, end) of the first year in a normalised title."""
    match = _YEAR.search(text)
    if match:
        return int(match.group(1)), match.start(), match.end()
    match = _YEAR_ZH.search(text)
    if match:
        year = int("".join(_NUMERALS[c] for c in match.group(1)))
        return (year, match.start(), match.end()) if 1990 <= year <= 2100 else None
    return None


def report_year(title: str) -> int | None:
    """The year a report is about, from its title (2020, ２０２０ or 二〇二〇), or None."""
    found = _year_match(normalise_title(title))
    return found[0] if found else None


def is_report_title(title: str, column_year: int | None = None) -> bool:
    """A title of an annual information-disclosure report (not a notice, plan or guide about one).

    Besides 年度报告 and 年报, early reports were titled 工作情况 (外交部2014年政府信息公开工作情况).
    A title without a year counts only inside a column for one year (``column_year``).
    """
    text = normalise_title(title)
    return (
        ("政府信息公开" in text or "政务信息公开" in text)
        and any(word in text for word in _REPORT_WORDS)
        and not any(word in text for word in _NOT_REPORT_WORDS)
        and (report_year(text) is not None or column_year is not None)
    )


def publisher(title: str) -> str:
    """Who a report title says published it: the words before the year and between the year and
    政府信息公开 (外交部2020年…, 2025年财政部…), without 中华人民共和国 and bracketed qualifiers
    (（本级机关）); empty when it does not say."""
    text = normalise_title(title)
    found = _year_match(text)
    before, after = (text[: found[1]], text[found[2] :]) if found else (text, "")
    words = [before]
    if after and (disclosure := _DISCLOSURE.search(after)):
        words.append(after[: disclosure.start()].removeprefix("度"))
    name = "".join(words)
    if disclosure := _DISCLOSURE.search(name):
        name = name[: disclosure.start()]
    name = re.sub(r"\([^)]*\)?", "", name).removeprefix(_STATE_PREFIX)
    return name.strip("《》【】[]:-—_ ")


def is_own_report(title: str, names: Sequence[str]) -> bool:
    """The report is the agency's own: its title names no publisher, or one of ``names``. Listings
    also carry the reports of subordinate bodies (海关总署 lists every customs district's), some
    named after the agency (国家税务总局北京市税务局), which are theirs, not the agency's."""
    who = publisher(title)
    names = [n.removeprefix(_STATE_PREFIX) for n in names if n]
    return (
        not who
        or who in _SELF
        or not names
        or any((name in who or who in name) and not _LOCAL_BODY.search(who.partition(name)[2]) for name in names)
    )


def title_year(title: str, column_year: int | None = None) -> int | None:
    """The year of a report title, or the year of the column it is listed in."""
    return report_year(title) or column_year


def column_year(anchor: Anchor) -> int | None:
    """The year of a link that names only a year (2022, 2022年, 2022年度): a column per year."""
    match = _YEAR_COLUMN.fullmatch(normalise_title(anchor.text))
    if match is None or is_file_url(anchor.url):
        return None
    return int(match.group(1))


def year_columns(page: Page) -> list[tuple[int, str]]:
    """The columns per year a listing links to, on its own host, in page order."""
    host = urlsplit(page.url).netloc
    found: dict[str, int] = {}
    for anchor in page.anchors:
        year = column_year(anchor)
        if year is not None and urlsplit(anchor.url).netloc == host:
            found.setdefault(anchor.url.split("#")[0], year)
    return [(year, url) for url, year in found.items()]


# What a bot check answers instead of the page asked for: a script a browser runs to earn a
# cookie, then reloads (EdgeOne's ``EO_Bot_Ssid``/``__tst_status``, Ruishu's ``$_ts``).
_CHECK_MARKERS = (
    ("EO_Bot_Ssid", "EdgeOne's bot check"),
    ("__tst_status", "EdgeOne's bot check"),
    ("$_ts", "Ruishu's bot check"),
)


def browser_check(page: Page) -> str | None:
    """The name of the bot check a page is instead of a listing (a script that sets a cookie for
    the next request), or None. Ogi runs no site's scripts: such a listing cannot be read."""
    if any(anchor for anchor in page.anchors if is_report_title(anchor.text)):
        return None
    code = "\n".join(page.scripts)
    for marker, name in _CHECK_MARKERS:
        if marker in code:
            return name
    if not page.anchors and "document.cookie" in code and "location" in code:
        return "a script that sets a cookie and reloads"
    return None


def json_sources(page: Page) -> list[str]:
    """JSON endpoints a listing's scripts load, on the listing's own host."""
    host = urlsplit(page.url).netloc
    found = []
    for script in page.scripts:
        for match in _JSON_URL.finditer(script):
            url = urljoin(page.url, match.group(1))
            if urlsplit(url).netloc == host and url not in found:
                found.append(url)
    return found


def is_pdf_url(url: str) -> bool:
    return urlsplit(url).path.lower().endswith(".pdf")


WORD_EXTENSIONS = (".docx", ".doc", ".wps", ".rtf", ".odt")


def is_word_url(url: str) -> bool:
    """A link to a Word file (the bytes decide what it is once downloaded)."""
    return urlsplit(url).path.lower().endswith(WORD_EXTENSIONS)


def is_file_url(url: str) -> bool:
    """A link to a report file: a PDF or a Word file."""
    return is_pdf_url(url) or is_word_url(url)


def report_links(page: Page, names: Sequence[str] = (), column: int | None = None) -> list[Anchor]:
    """The links of a listing page that lead to an annual report, in page order, without repeats.

    With ``names`` (the agency's names), reports another body published are left out; inside a
    column for one year (``column``) a title need not repeat the year.
    """
    seen: set[str] = set()
    found = []
    for anchor in page.anchors:
        if is_report_title(anchor.text, column) and is_own_report(anchor.text, names) and anchor.url not in seen:
            seen.add(anchor.url)
            found.append(anchor)
    return found


def _pager_pages(script: str, url: str, variables: dict[str, int]) -> list[str]:
    """The pages named by ``createPageHTML(total, current, "index", "shtml")``-style calls.

    Sites differ in argument order (some pass an element id first, or a record count last), so
    the first two numbers are taken as (page count, current page), the string that looks like a
    page suffix as the suffix and the string before it as the name. A number may be passed as a
    variable the page's scripts set (``createPageHTML(countPage, currentPage, …)``).
    """
    pages = []
    for call in _PAGER_CALL.finditer(script):
        args = [m for m in _PAGER_ARG.finditer(call.group(1)) if m.group(0).strip()]
        numbers = [
            int(m.group(1)) if m.group(1) else variables[m.group(3)]
            for m in args
            if m.group(1) or (m.group(3) and m.group(3) in variables)
        ]
        strings = [m.group(2) for m in args if m.group(2) is not None]
        suffixes = [i for i, s in enumerate(strings) if _PAGE_SUFFIX.fullmatch(s) and i > 0]
        if not numbers or not suffixes:
            continue
        name, suffix = strings[suffixes[0] - 1], strings[suffixes[0]]
        pages += _numbered_pages(numbers[0], name, suffix, url)
    return pages


def _numbered_pages(count: int, name: str, suffix: str, url: str) -> list[str]:
    """``name.suffix``, ``name_1.suffix``… up to ``count`` pages (at most MAX_LISTING_PAGES)."""
    return [
        urljoin(url, f"{name}.{suffix}" if number == 0 else f"{name}_{number}.{suffix}")
        for number in range(min(count, MAX_LISTING_PAGES))
    ]


def _count_pages(page: Page, variables: dict[str, int]) -> list[str]:
    """A TRS page that only sets ``var countPage = N`` and draws its pager elsewhere: ``index``,
    ``index_1``… up to N, with the suffix of the page's own address (``html`` when it has none)."""
    count = variables.get(_PAGE_COUNT_VARIABLE)
    if count is None:
        return []
    own = _INDEX_PAGE.fullmatch(basename(urlsplit(page.url).path))
    suffix = own.group(0).rsplit(".", 1)[1] if own else "html"
    return _numbered_pages(count, "index", suffix, page.url)


def _script_numbers(scripts: Sequence[str]) -> dict[str, int]:
    """The variables the scripts set to a whole number (``var countPage = 3``), the first setting
    of each."""
    found: dict[str, int] = {}
    for script in scripts:
        for match in _SCRIPT_NUMBER.finditer(script):
            found.setdefault(match.group(1), int(match.group(2)))
    return found


def listing_key(url: str, form: Mapping[str, str] | None = None) -> str:
    """One key for the different addresses of a listing's first page (``…/`` and ``…/index.shtml``);
    for a listing read by posting a form, the address and the form's fields."""
    if form is not None:
        return f"POST {url} {urlencode(sorted(form.items()))}"
    parts = urlsplit(url)
    path = parts.path
    if re.fullmatch(r"index\.s?html?", basename(path), re.IGNORECASE):
        path = path[: -len(basename(path))]
    return urlunsplit((parts.scheme, parts.netloc.lower(), path, parts.query, ""))


def pagination(page: Page) -> list[str]:
    """The other pages of the same listing: from pager scripts (or a ``countPage`` variable alone),
    ``index_N`` links, the jpage endpoint a Hanweb page announces and the next pages a JSON or
    jpage answer announces."""
    folder = urljoin(page.url, "./")
    variables = _script_numbers(page.scripts)
    found = []
    for script in page.scripts:
        found.extend(_pager_pages(script, page.url, variables))
    if not found:
        found.extend(_count_pages(page, variables))
    for anchor in page.anchors:
        parts = urlsplit(anchor.url)
        if urljoin(anchor.url, "./") == folder and _INDEX_PAGE.fullmatch(basename(parts.path)):
            found.append(anchor.url.split("#")[0])
        elif parts.path.endswith(_JPAGE) and parts.netloc == urlsplit(page.url).netloc:
            found.append(anchor.url)
    found.extend(page.more)
    unique: dict[str, str] = {}
    for url in found:
        unique.setdefault(listing_key(url), url)
    return list(unique.values())


def attachment(page: Page, year: int | None = None) -> str | None:
    """The report file (PDF or Word) linked from a report page, or None when the page itself is
    the report.

    Candidates are links to ``.pdf`` and Word files and links whose text says 附件 (attachment); a
    link whose text names the report or its year is preferred over, say, a form in the sidebar,
    and a PDF over a Word file of the same rank (the PDF is the document as published).
    """
    candidates = []
    for anchor in page.anchors:
        text = normalise_title(anchor.text)
        if is_file_url(anchor.url):
            named = "年度报告" in text or "年报" in text or (year is not None and str(year) in text)
            rank = (0 if named else 1 if "附件" in text or not text else 2) + (0.5 if is_word_url(anchor.url) else 0)
        elif "附件" in text and not _HTML_PAGE.search(urlsplit(anchor.url).path):
            rank = 3  # a download address without an extension (download.jsp?id=…)
        else:
            continue
        candidates.append((rank, len(candidates), anchor.url))
    return min(candidates)[2] if candidates else None
