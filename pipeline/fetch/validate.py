"""Acceptance checks for downloaded bytes: only complete PDFs, web pages that hold tables and Word
files (.docx, .doc/.wps, .rtf, .odt, recognised by their bytes) within the caps are ever stored."""

from __future__ import annotations

from dataclasses import dataclass

import pypdfium2 as pdfium

from pipeline.core.facts import ReportError
from pipeline.extract.htmlpage import is_web_page
from pipeline.extract.mhtfile import is_mhtml
from pipeline.extract.wordfile import word_format
from pipeline.fetch.failures import InvalidPDF, NotAReport

# Real reports are a few MB and a few dozen pages; anything far beyond is not a report.
MAX_BYTES = 50 * 1024 * 1024
MAX_PAGES = 300
# The PDF spec allows junk after %%EOF; producers add at most a newline or a little padding.
TRAILER_WINDOW = 1024
HEADER_WINDOW = 1024


@dataclass(frozen=True)
class Limits:
    """The caps a PDF must respect to be accepted."""

    max_bytes: int = MAX_BYTES
    max_pages: int = MAX_PAGES


def describe_body(data: bytes) -> str:
    """A short human description of what a non-PDF body looks like, for error messages."""
    head = data[:512].lstrip().lower()
    if not data:
        return "an empty body"
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
        return "an HTML page"
    return f"{len(data)} bytes starting {data[:8]!r}"


def validate_pdf(data: bytes, limits: Limits = Limits()) -> int:
    """Check that ``data`` is a whole PDF within the caps; return its page count.

    Raises InvalidPDF naming the cause (not a PDF, truncated, too large, too many pages, unreadable).
    """
    if len(data) > limits.max_bytes:
        raise InvalidPDF(f"{len(data)} bytes exceeds the size cap of {limits.max_bytes} bytes")
    # Some producers put a BOM or whitespace before the header; readers accept it within 1 KiB.
    if b"%PDF-" not in data[:HEADER_WINDOW]:
        raise InvalidPDF(f"not a PDF: the body is {describe_body(data)}")
    if b"%%EOF" not in data[-TRAILER_WINDOW:]:
        raise InvalidPDF("truncated PDF: no %%EOF trailer at the end of the file")
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise InvalidPDF(f"unreadable PDF: {exc}") from exc
    try:
        pages = len(document)
    finally:
        document.close()
    if pages == 0:
        raise InvalidPDF("the PDF has no pages")
    if pages > limits.max_pages:
        raise InvalidPDF(f"{pages} pages exceeds the page cap of {limits.max_pages}")
    return pages


def validate_page(data: bytes, limits: Limits = Limits()) -> None:
    """Check that ``data`` is a web page within the size cap that holds at least one table (a report
    published as its article page); raises InvalidPDF naming the cause."""
    if len(data) > limits.max_bytes:
        raise InvalidPDF(f"{len(data)} bytes exceeds the size cap of {limits.max_bytes} bytes")
    if not is_web_page(data[:2048]):
        raise InvalidPDF(f"not a web page: the body is {describe_body(data)}")
    if b"<table" not in data.lower():
        raise NotAReport("not a PDF: the body is an HTML page without tables, not a report page")


def report_format(data: bytes) -> str:
    """``pdf``, ``html`` or a Word format (``docx``, ``doc``, ``rtf``, ``odt``), by content: what a
    report's bytes are read as."""
    if b"%PDF-" in data[:HEADER_WINDOW]:
        return "pdf"
    if is_web_page(data[:2048]):
        return "html"
    if is_mhtml(data[:2048]):
        return "mht"  # Word's single-file web page
    return _word_format(data) or "pdf"


def _word_format(data: bytes) -> str | None:
    """The Word format of the bytes, or None: a zip that is not read as a Word file (of something
    else, damaged, or its parts inflating past the limit) is no Word file to store, and the body
    is then refused as what it is not."""
    try:
        return word_format(data)
    except ReportError:
        return None


@dataclass(frozen=True)
class Accepted:
    """Bytes checked as a report (``validate_report``), what they are, and the caps they were
    checked within: told and checked once, then read and stored as such."""

    data: bytes
    format: str
    limits: Limits


def validate_as(data: bytes, fmt: str, limits: Limits = Limits()) -> Accepted:
    """Check a report's bytes as ``fmt``, what ``report_format`` told them to be. A Word format
    was told by reading the file's package, so only the size cap is left to check for one."""
    if fmt == "html":
        validate_page(data, limits)
    elif fmt == "pdf":
        validate_pdf(data, limits)
    elif len(data) > limits.max_bytes:
        raise InvalidPDF(f"{len(data)} bytes exceeds the size cap of {limits.max_bytes} bytes")
    return Accepted(data, fmt, limits)


def validate_report(data: bytes, limits: Limits = Limits()) -> Accepted:
    """Check a report's bytes as what they are (PDF, web page or Word file)."""
    return validate_as(data, report_format(data), limits)
