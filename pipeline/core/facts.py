"""Canonical facts: one published cell of table 二, 三 or 四, with its provenance."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from pipeline.core.errors import OgiError

# A figure read by OCR with less confidence than this is not taken: the cell is unreadable.
OCR_MIN_CONFIDENCE = 0.9
# Why an unreadable cell is NULL when nothing but OCR's own confidence says so.
OCR_UNSURE = "OCR not sure"
# Why a cell a seal crosses is NULL: part of a digit may have gone with the seal's ink.
UNDER_SEAL = "under a seal"
# Why every cell of a table is NULL when the report prints text (or nothing) in its place: "未发生"
# is a statement, not a printed 0.
NOT_PUBLISHED = "table not published"
# Why the cells of a row of table 二 are NULL when the report prints its part without it (规章, which
# a department does not make): nothing printed, so nothing read, never 0.
ROW_NOT_PUBLISHED = "row not published"


@dataclass(frozen=True)
class Fact:
    """One published figure.

    ``value`` is in the unit of ``codes.csv`` (counts, or yuan for amounts); ``None`` when the
    cell was published blank. ``raw`` is the cell text exactly as extracted, ``label`` the row
    label as published and ``label_score`` how well it matched the canonical label (0-100).
    """

    table: str  # requests | review | proactive | legacy (a report of 2008–2018)
    row: str  # outcome | proceeding | item code; legacy: the indicator (``crosswalk.indicator_key``)
    column: str  # applicant | result | measure code; legacy: the period (year | cumulative | previous_year)
    value: Decimal | None
    page: int | None  # page of the PDF; None for a web page
    raw: str
    label: str = ""
    label_score: float = 100.0
    # Where a web page's cell is: ``table T, row R, column C`` (1-based: the page's T-th <table>,
    # its R-th <tr>, the grid column where the cell starts once spans are expanded); None in a PDF.
    locator: str | None = None
    # How sure OCR is of the value read from a scan (0-1); None when the cell was not OCR'd. Below
    # ``OCR_MIN_CONFIDENCE`` the cell could not be read: its value is None, ``raw`` what OCR saw,
    # unless a published sum confirms the reading (``confirmed``).
    confidence: float | None = None
    # Why an unreadable cell is NULL, in a short phrase (``OCR_UNSURE``, or a rule the table lost,
    # or a seal over it): a confidence of 0 set by such a rule is not OCR's doubt; ``NOT_PUBLISHED``
    # for a cell of a table the report replaced by a sentence (``raw``: the sentence). For a figure
    # read below ``OCR_MIN_CONFIDENCE`` and kept all the same (``confirmed``), why it was kept (the
    # published sum that confirms it). None otherwise.
    doubt: str | None = None
    # Old reports only (table "legacy"): the unit printed beside the figure (件, 条, 万元), the
    # heading of the section the indicator is printed in, and for a figure stated in the text
    # rather than the table, the sentence that states it.
    unit: str | None = None
    section: str | None = None
    sentence: str | None = None

    @property
    def unreadable(self) -> bool:
        """A cell of a scan that OCR could not read with confidence (its value is None)."""
        return self.confidence is not None and self.confidence < OCR_MIN_CONFIDENCE and not self.confirmed

    @property
    def confirmed(self) -> bool:
        """A figure OCR read below ``OCR_MIN_CONFIDENCE`` that a published sum confirms
        (``extract.sums.confirmed``): kept, with its confidence, ``doubt`` saying which sum."""
        low = self.confidence is not None and self.confidence < OCR_MIN_CONFIDENCE
        return low and self.value is not None and self.doubt is not None

    def as_record(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class NotPublished:
    """A table the report does not publish: under its heading, text and no table (本年度未收到政府
    信息公开申请。), or nothing before the next section's heading."""

    table: str  # proactive | requests | review
    text: str  # what stands in its place, its lines joined ("" when the next heading follows)
    page: int | None  # the PDF page of its heading; None in a web page or Word file
    # A web page's or Word file's: ``text line N``, its heading's line among the lines of text
    # outside the document's data tables (1-based); None in a PDF.
    locator: str | None = None


@dataclass
class Extraction:
    """Everything read from one report (a PDF or a web page)."""

    template: str  # "2019" | "2021" | "legacy" (an old-style report of 2008–2018: only legacy facts)
    pages: int
    facts: list[Fact]
    table_pages: dict[str, list[int]]
    notes: list[str]
    # Table 三 prints （六）其他处理 as its three sub-rows (other_handling.*) rather than one row.
    other_handling_split: bool = False
    # How the tables were read: "vector" (camelot on the drawn rules), "rules" (double rules taken
    # as one), "combined" (camelot on page renderings), "text" (tables drawn without rules, from
    # the positions of their text), "html" (the tables of a web page), "docx" (the tables of a
    # Word file, read from its XML; other word-processor files converted to .docx first) or
    # "ocr-rapidocr" (the page images of a scan read by OCR).
    engine: str = "vector"
    # Tables the report replaced by a sentence: their cells are facts with ``value=None``, ``raw``
    # the sentence and ``doubt=NOT_PUBLISHED``, no figure invented.
    not_published: list[NotPublished] = field(default_factory=list)


class ReportError(OgiError):
    """An expected failure with one report (bad file, missing table, unmatched labels).

    The message names the cause; callers add the report's name and never show a traceback.
    """


class LimitError(ReportError):
    """A report reached one of the limits of its extraction (``settings.Limits``); the message names it."""
