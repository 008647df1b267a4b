"""A report is what it says it is: the year (and agency) a document names in its own title or
opening sentence, checked before it is filed as an agency's report on a year.

Listings recycle files: last year's PDF linked again under this year's title, a page for another
year. The document's title (a PDF's first lines, a page's ``<title>`` or heading) names the year it
reports on; failing that, its opening sentence gives the period of its figures (统计期限为2020年
1月1日至…). A document that names another year is refused, naming both years. One that names no
year (a bare file) is accepted: there is nothing to contradict the listing. A title that names
another agency of the catalog is refused too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pypdfium2 as pdfium
from rapidfuzz import fuzz

from pipeline.fetch.discovery import is_report_title, normalise_title, report_year
from pipeline.fetch.failures import FetchError, InvalidPDF

_HEAD_LINES = 12  # a title sits in the first lines of a document, perhaps wrapped over two
_PERIOD = re.compile(r"((?:19|20)\d{2})年1月1日")
_TITLE_TAIL = re.compile(r"(?:(?:19|20)\d{2}|[〇零○一二三四五六七八九]{4})年.*$")
# How much of an agency's name a printed name must share (partial match, 0-100) to be the same
# body, and how closely it must match another catalog agency's name to be refused as that one's.
_SAME_AGENCY = 60.0
_OTHER_AGENCY = 90.0


class WrongReport(FetchError):
    """The document says it is another year's (or another agency's) report."""


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def stated_title(lines: list[str]) -> str | None:
    """The report title among the first lines (a line, or two consecutive lines read together)."""
    head = lines[:_HEAD_LINES]
    for index, line in enumerate(head):
        for candidate in (line, line + (head[index + 1] if index + 1 < len(head) else "")):
            if is_report_title(candidate):
                return normalise_title(candidate)
    return None


def stated(lines: list[str]) -> tuple[int | None, str]:
    """The year a document names for itself and the agency name printed before it in its title."""
    title = stated_title(lines)
    if title is not None:
        return report_year(title), _TITLE_TAIL.sub("", title)
    period = _PERIOD.search(normalise_title("".join(lines[:40])))
    return (int(period[1]), "") if period else (None, "")


def pdf_lines(data: bytes) -> list[str]:
    """The lines of a PDF's first page (where its title is)."""
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return []
    try:
        if len(document) == 0:
            return []
        page = document[0]
        textpage = page.get_textpage()
        text = textpage.get_text_range()
        textpage.close()
        page.close()
    finally:
        document.close()
    return _lines(text)


def page_lines(data: bytes, charset: str | None) -> list[str]:
    """A web page's ``<title>`` and headings (the article's title, wherever the site's chrome puts
    it), then its visible text outside the tables."""
    from pipeline.extract.htmlpage import read_page

    page = read_page(data, charset)
    return _lines(page.title) + [line for heading in page.headings for line in _lines(heading)] + _lines(page.text)


def word_lines(data: bytes, fmt: str) -> list[str]:
    """A Word file's paragraphs outside its tables (its title first), read as ``fmt`` (what
    ``report_format`` told it to be: its package is not read again); .doc, .wps, .rtf and .odt
    are converted by LibreOffice to be read. A file that cannot be read is refused as invalid."""
    from pipeline.core.facts import ReportError
    from pipeline.extract.mhtfile import html_part
    from pipeline.extract.wordconvert import to_docx
    from pipeline.extract.wordfile import read_docx, read_wordml

    try:
        if fmt == "mht":
            return page_lines(*html_part(data))
        if fmt == "xml":
            return read_wordml(data).lines
        return read_docx(data if fmt == "docx" else to_docx(data, fmt)).lines
    except ReportError as exc:
        raise InvalidPDF(str(exc)) from None


def check_identity(
    lines: list[str], *, agency_name: str, year: int, url: str, others: Mapping[str, str] | None = None
) -> None:
    """Refuse a document whose title or opening names another year, or whose title names another
    agency of the catalog (``others``: code -> Chinese name). A name the catalog does not know is
    not refused: titles name bodies in many ways (平潭综合实验区 for 平潭综合实验区管委会)."""
    said, printed = stated(lines)
    if said is not None and said != year:
        raise WrongReport(f"refused: listed as the report on {year}, but the document is the report on {said} ({url})")
    if not printed or not agency_name or fuzz.partial_ratio(printed, agency_name) >= _SAME_AGENCY:
        return
    for name in (others or {}).values():
        if name != agency_name and fuzz.partial_ratio(printed, name) >= _OTHER_AGENCY:
            raise WrongReport(f"refused: listed as {agency_name}'s report, but the document is {name}'s ({url})")
