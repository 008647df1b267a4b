"""When a report was published, read from what the fetch already holds, best evidence first.

How sure a date is (``confidence``), best first:

- ``stated``: the date line of the publisher's page that posts the report (发布时间：2024-01-25,
  发布日期, 时间：…), the report page itself or the article its file is attached to;
- ``listed``: the date printed beside the report's link in the publisher's listing;
- ``metadata``: the PDF's own ModDate (else CreationDate): when the file was last saved, before it
  was posted, so a day or more early at worst;
- ``header``: the HTTP ``Last-Modified`` of the file: when the server last changed it, which a
  site migration moves later.

A date that cannot be a publication date of the report (before the year it covers ended, or
after the file was fetched) is not used, and the next evidence is tried. A bundled replica was
rendered by the project: it has no publication date (None), never its rendering date.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from html import unescape

import pypdfium2 as pdfium

CONFIDENCES = ("stated", "listed", "metadata", "header")
CHINA = timezone(timedelta(hours=8))  # China Standard Time, the publishers' clock

# A date as Chinese sites print it: 2024-01-25, 2024/1/25, 2024.01.25, 2024年1月25日.
_DATE = re.compile(r"((?:19|20)\d{2})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})(?!\d)(?:\s*日)?")
# A page's publication line: 发布时间, 发布日期, 发布于, 公开日期, or a bare 时间 or 日期 followed by
# a colon, the article header's line on many sites (时间：2024-03-08). 成文日期 (the day it was
# signed), 印发日期 and 更新时间 are other days.
_LABEL = re.compile(
    r"(?:发布时间|发布日期|发布于|公开日期)\s*[:：]?\s*|(?<!成文)(?<!印发)(?<!更新)(?<!修改)(?:时间|日期)\s*[:：]\s*"
)
_TAG = re.compile(r"<(script|style)\b.*?</\1\s*>|<[^>]+>", re.IGNORECASE | re.DOTALL)
_PDF_DATE = re.compile(r"D:((?:19|20)\d{2})(\d{2})(\d{2})")


@dataclass(frozen=True)
class Publication:
    """A report's publication date, the text it was read from and how sure it is (``CONFIDENCES``)."""

    on: str  # ISO date
    source: str
    confidence: str


def parse_date(text: str) -> date | None:
    """The first whole date in ``text`` (2024-01-25, 2024/1/25, 2024年1月25日), or None."""
    for match in _DATE.finditer(text):
        try:
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            continue
    return None


def date_line(text: str) -> str | None:
    """The publication line of a page's text (发布时间：2024-01-25 10:00), as printed, or None."""
    for label in _LABEL.finditer(text):
        found = _DATE.match(text, label.end())
        if found and parse_date(found.group(0)) is not None:
            return text[label.start() : found.end()].strip()
    return None


def page_date_line(body: bytes, charset: str | None = None) -> str | None:
    """The publication line of a web page (its markup and scripts left out)."""
    try:
        html = body.decode(charset or "utf-8", errors="replace")
    except LookupError:
        html = body.decode("utf-8", errors="replace")
    text = " ".join(unescape(_TAG.sub(" ", html)).split())
    return date_line(text)


def pdf_date(data: bytes) -> tuple[str, str] | None:
    """(key, value) of the PDF's ModDate, else its CreationDate, when one holds a date."""
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return None
    try:
        metadata = document.get_metadata_dict()
    finally:
        document.close()
    for key in ("ModDate", "CreationDate"):
        value = (metadata.get(key) or "").strip()
        if _PDF_DATE.match(value):
            return key, value
    return None


def _pdf_day(value: str) -> date | None:
    match = _PDF_DATE.match(value)
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3))) if match else None
    except ValueError:
        return None


def http_day(value: str) -> date | None:
    """The day (China Standard Time) of an HTTP date such as ``Last-Modified``."""
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(CHINA).date()


def possible(day: date | None, year: int, fetched_at: str) -> bool:
    """A day a report on ``year`` can have been published: after the year ended, not after it was
    fetched (China Standard Time)."""
    if day is None:
        return False
    try:
        fetched = datetime.fromisoformat(fetched_at).astimezone(CHINA).date()
    except ValueError:
        fetched = date.max
    return date(year + 1, 1, 1) <= day <= fetched


def publication(
    *,
    year: int,
    kind: str,
    fetched_at: str,
    page_lines: tuple[tuple[str, str | None], ...] = (),
    listed: str | None = None,
    pdf: bytes | None = None,
    headers: Mapping[str, str] | None = None,
) -> Publication | None:
    """The best evidence of when a report on ``year`` was published, or None.

    ``page_lines``: (which page, its publication line) of the pages that post the report;
    ``listed``: the date beside its link in the listing; ``pdf``: the report's PDF; ``headers``:
    the response headers of the report's file. ``kind`` is the raw file's (replica: None)."""
    if kind == "replica":
        return None
    candidates: list[tuple[date | None, str, str]] = []
    for where, line in page_lines:
        if line:
            candidates.append((parse_date(line), f"{where}: {line}", "stated"))
    if listed:
        candidates.append((parse_date(listed), f"listing: {listed}", "listed"))
    if pdf is not None and kind == "original":
        found = pdf_date(pdf)
        if found is not None:
            candidates.append((_pdf_day(found[1]), f"PDF {found[0]}: {found[1]}", "metadata"))
    modified = (headers or {}).get("Last-Modified")
    if modified and kind == "original":
        candidates.append((http_day(modified), f"HTTP Last-Modified: {modified}", "header"))
    for day, source, confidence in candidates:
        if possible(day, year, fetched_at):
            return Publication(day.isoformat(), source, confidence)
    return None
