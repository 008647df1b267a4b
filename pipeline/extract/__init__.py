"""Report (PDF or web page) → canonical facts of tables 二, 三 and 四.

``extract_report(path)`` reads a report or raises ``ReportError`` with the cause. What the file
is comes from its content (``%PDF-``, or HTML markup), never its name. Both readers end in the
same place: the tables they find are ``Segment`` grids of merged cells (``segments.py``), which
``_facts`` groups into tables 二, 三 and 四, maps row by row and checks for completeness.
``required_cells(template, other_handling_split)`` is the set of ``(table, row, column)`` cells
a complete report of a template publishes; a successful extraction holds every one of them
(``Extraction.other_handling_split`` says which form of （六）其他处理 the report prints).

A cell published blank (or with only a dash) is a fact with ``value=None`` and ``raw`` as
printed (usually ``""``); a figure is a ``Decimal`` in the units of ``codes.csv`` (counts, yuan).
Every fact keeps the page (a web page: the cell's ``locator`` instead) and the raw text of its cell, the row label as printed and how well it
matched (``label_score``). ``Extraction.notes`` lists what a reader should know: rows read from an
approximate label, rows without figures left out, figures outside the template.

A PDF's text layer is read first (pdfium, fast) to validate the file and find the pages that hold
the tables; only those pages are read, by the engines of ``ENGINES`` in turn until one yields
complete tables: camelot on the rules drawn in the PDF, the reader of double rules, camelot on
renderings of the pages, and last the reader of tables drawn without rules (``unruled.py``), the
only one tried when those pages draw no rule at all.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from pipeline.core.codes import code
from pipeline.core.facts import Extraction, Fact, ReportError
from pipeline.core.settings import Limits
from pipeline.extract.classify import KINDS, assemble
from pipeline.extract.engines import read_segments
from pipeline.extract.htmlpage import is_web_page, read_page
from pipeline.extract.pdftext import TABLE_NAMES, PdfText, read_text
from pipeline.extract.proactive_table import map_proactive
from pipeline.extract.requests_table import map_requests
from pipeline.extract.review_table import map_review
from pipeline.extract.rules import draws_rules
from pipeline.extract.segments import Segment
from pipeline.extract.templates import detect_template, required_cells

__all__ = ["extract_report", "required_cells"]

# camelot on the drawn rules, our reader of double rules, camelot on page renderings, our reader
# of tables drawn without rules.
ENGINES = ("vector", "rules", "combined", "text")
_ENGINE_NOTES = {
    "rules": "from the drawn rules, double rules taken as one",
    "combined": "from page renderings",
    "text": "from the positions of their text, no rules drawn",
}
_WHERE = {"text": "tables set without rules"}
_PAGE_REFERENCE = re.compile(r"\b(on page|page) (\d+)")


class _Pages:
    """camelot segments per page for one engine, each page read once."""

    def __init__(self, path: Path, engine: str) -> None:
        self.path, self.engine = path, engine
        self.read: dict[int, list[Segment]] = {}

    def segments(self, pages: list[int]) -> list[Segment]:
        missing = [page for page in pages if page not in self.read]
        if missing:
            found = read_segments(self.path, missing, self.engine)
            for page in missing:
                self.read[page] = [segment for segment in found if segment.page == page]
        return [segment for page in sorted(pages) for segment in self.read[page]]


def _facts(segments: list[Segment], where: str) -> Extraction:
    """Tables 二, 三 and 四 among the tables found (``where`` says where they were looked for)."""
    tables, notes = assemble(segments)
    for kind in ("requests", "proactive", "review"):
        if kind not in tables:
            raise ReportError(f"{TABLE_NAMES[kind]} not found among the {where}")
    requests = map_requests(tables["requests"])
    review = map_review(tables["review"])
    proactive = map_proactive(tables["proactive"])
    template = detect_template(proactive.codes, requests.other_handling_split, "九" in proactive.sections)
    required = required_cells(template, requests.other_handling_split)
    facts: list[Fact] = []
    for fact in proactive.facts + requests.facts + review:
        key = (fact.table, fact.row, fact.column)
        if key in required:
            facts.append(fact)
        elif fact.value is not None:
            # A figure in a cell the template leaves empty: kept, if its codes exist in the template.
            for dimension, name in (("item", fact.row), ("measure", fact.column)) if fact.table == "proactive" else ():
                if template not in code("proactive", dimension, name).templates:
                    raise ReportError(f"{TABLE_NAMES['proactive']}: {name} is not part of the {template} template")
            facts.append(fact)
            notes.append(
                f"{TABLE_NAMES[fact.table]}: a figure outside the {template} template: "
                f"{fact.row} × {fact.column} = {fact.raw!r}"
            )
    approximate = {(f.table, f.row): f for f in facts if f.label_score < 100}
    notes += [
        f"{TABLE_NAMES[table]}: the row {f.label!r} read as {row} (label similarity {f.label_score})"
        for (table, row), f in approximate.items()
    ]
    ignored = [
        f"{TABLE_NAMES[kind]}: rows without figures not recognised: {', '.join(rows)}"
        for kind, rows in (("proactive", proactive.ignored), ("requests", requests.ignored))
        if rows
    ]
    missing = required - {(fact.table, fact.row, fact.column) for fact in facts}
    if missing:
        by_table: dict[str, set[str]] = {}
        for table, row, column in missing:
            by_table.setdefault(table, set()).add(f"{row} × {column}" if table != "requests" else row)
        problems = [f"{TABLE_NAMES[t]}: cells not found: {', '.join(sorted(cells))}" for t, cells in by_table.items()]
        raise ReportError("; ".join(problems + ignored))
    notes += ignored + proactive.notes
    return Extraction(
        template=template,
        pages=0,
        facts=facts,
        table_pages={kind: tables[kind].pages for kind in KINDS},
        notes=notes,
        other_handling_split=requests.other_handling_split,
    )


def _candidate_pages(text: PdfText) -> list[int]:
    found = text.table_pages()
    if not found["requests"]:
        raise ReportError(f"{TABLE_NAMES['requests']} not found")
    pages = [page for kind in KINDS for page in found[kind]]
    return list(range(min(pages), max(pages) + 1))


def extract_report(path: Path | str, charset: str | None = None, limits: Limits | None = None) -> Extraction:
    """Read tables 二, 三 and 四 of a report, a PDF or a web page (recognised by its content);
    ``charset`` is the one a web page's HTTP header named. ``ReportError`` says why a report
    cannot be read; ``LimitError`` that it reached one of ``limits`` (pages, inflated streams,
    table size; time and memory are bounded by ``bounded.extract_bounded``, which runs this in a
    worker process)."""
    limits = limits or Limits.from_env()
    path = Path(path)
    try:
        with path.open("rb") as file:
            head = file.read(2048)
    except OSError as exc:
        raise ReportError(f"cannot read the file: {exc.strerror or exc}") from None
    if is_web_page(head):
        return _extract_page(path.read_bytes(), charset, limits)
    return _extract_pdf(path, limits)


def _extract_page(data: bytes, charset: str | None, limits: Limits) -> Extraction:
    page = read_page(data, charset, limits)
    if not page.segments:
        titled = f" titled {page.title!r}" if page.title else ""
        raise ReportError(f"an HTML page{titled} without tables: not a report (an error page?)")
    try:
        extraction = _facts(page.segments, f"{page.table_count} tables of the web page")
    except ReportError as exc:
        # The mapping names a cell's page; a web page's "page" is the number of its <table>.
        raise ReportError(_PAGE_REFERENCE.sub(lambda m: f"{m[1].replace('page', 'table')} {m[2]}", str(exc))) from None
    # A web page has no pages: its cells are found by their locator; "pages" of tables are <table> numbers.
    extraction.facts = [replace(fact, page=None) for fact in extraction.facts]
    extraction.pages = 1
    extraction.engine = "html"
    return extraction


def _read(path: Path, text: PdfText, pages: list[int], engine: str, errors: list[ReportError]) -> Extraction | None:
    """The tables read by one engine, or ``None`` (the cause added to ``errors``)."""
    reader = _Pages(path, engine)
    # A table may end at the top of the page after the last page that names it.
    for extended in (False, True):
        attempt = [*pages, pages[-1] + 1] if extended else pages
        if attempt[-1] > len(text.pages):
            continue
        try:
            where = f"{_WHERE.get(engine, 'ruled tables')} of pages {attempt[0]}-{attempt[-1]}"
            extraction = _facts(reader.segments(attempt), where)
        except ReportError as exc:
            if not extended:
                errors.append(exc)
            continue
        extraction.pages = len(text.pages)
        extraction.engine = engine
        if engine != ENGINES[0]:
            extraction.notes.append(f"tables read {_ENGINE_NOTES[engine]} (engine {engine})")
        return extraction
    return None


def _glyphs_apart(extraction: Extraction) -> bool:
    """Whether a figure was read one glyph per line: its digits were set apart (justified or
    letter-spaced text), and camelot may have put a glyph in the neighbouring cell."""
    for fact in extraction.facts:
        lines = [line.strip() for line in fact.raw.splitlines() if line.strip()]
        if len(lines) > 1 and all(len(line) == 1 for line in lines):
            return True
    return False


def _extract_pdf(path: Path, limits: Limits) -> Extraction:
    text = read_text(path, limits)
    pages = _candidate_pages(text)
    # Pages that draw no rules (and hold no image) give the ruled engines nothing to read.
    ruled = draws_rules(path, [*pages, pages[-1] + 1])
    errors: list[ReportError] = []
    for engine in ENGINES if ruled else ENGINES[-1:]:
        extraction = _read(path, text, pages, engine, errors)
        if extraction is None:
            continue
        if engine == "vector" and _glyphs_apart(extraction):
            # Our reader places each glyph by its own position; keep camelot's reading if it fails.
            return _read(path, text, pages, "rules", []) or extraction
        return extraction
    # The most thorough reading of the pages that name the tables says best what is wrong: of
    # ruled pages, the last ruled engine's.
    raise errors[ENGINES.index("combined")] if ruled else errors[0]
