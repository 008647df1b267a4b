"""Report (PDF, web page or Word file) → canonical facts of tables 二, 三 and 四.

``extract_report(path)`` reads a report or raises ``ReportError`` with the cause. What the file
is comes from its content (``%PDF-``, HTML markup, a .docx's zip, an OLE2 .doc/.wps, ``{\\rtf``,
an .odt's zip, Word 2003 XML, an MHTML "single file web page"), never its name; .doc, .wps, .rtf and .odt are converted to .docx by LibreOffice
(``wordconvert.py``). Every reader ends in the
same place: the tables they find are ``Segment`` grids of merged cells (``segments.py``), which
``_facts`` groups into tables 二, 三 and 四, maps row by row and checks for completeness: every
required cell is there, and every figure printed in the tables (in a PDF, in its text layer too)
is a fact (``completeness.py``); a reading that loses one fails, and the next engine is tried.
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
only one tried when those pages draw no rule at all. A PDF without any text (a scan) is read by
OCR from its page images (``scanned.py``); a figure OCR cannot read with confidence is a fact with
``value=None``, a ``confidence`` below ``OCR_MIN_CONFIDENCE`` and why (``doubt``), named in the
notes. A PDF that mixes typed pages with page images, and a web page whose tables are pictures,
are read the same way, each page (or picture) by its kind. A page whose text layer does not say what it prints (a
scanner's invisible OCR text over the page image; fonts without a ToUnicode map: ``printedtext.py``)
counts as a page image: read by OCR, never from that layer; where OCR cannot read it either, the
report fails in one line saying so.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from pipeline.core.codes import code
from pipeline.core.facts import NOT_PUBLISHED, OCR_UNSURE, Extraction, Fact, LimitError, NotPublished, ReportError
from pipeline.core.settings import Limits
from pipeline.extract.classify import KINDS, Table, assemble, classify, has_report_tables
from pipeline.extract.completeness import TextLayer, check_complete
from pipeline.extract.engines import read_segments
from pipeline.extract.htmlpage import WebPage, is_web_page, read_page
from pipeline.extract.imagesources import page_images
from pipeline.extract.legacy_prose import read_prose
from pipeline.extract.mhtfile import Archive, is_mhtml, read_archive
from pipeline.extract.oldstyle import is_old_style, prints_modern_tables, read_old_style
from pipeline.extract.omittedrows import rows_not_printed
from pipeline.extract.pageedge import cut_off
from pipeline.extract.pdftext import MARKERS, TABLE_NAMES, PdfText, read_text
from pipeline.extract.proactive_table import map_proactive
from pipeline.extract.requests_table import map_requests
from pipeline.extract.review_table import map_review
from pipeline.extract.rules import draws_rules, pages_with_pictures
from pipeline.extract.segments import Region, Segment, repaged
from pipeline.extract.standins import stand_ins
from pipeline.extract.templates import detect_template, required_cells
from pipeline.extract.wordconvert import to_docx
from pipeline.extract.wordfile import OLE2, Picture, WordFile, read_docx, read_wordml, word_format

if TYPE_CHECKING:
    from pipeline.extract.ocr import Recogniser

__all__ = ["extract_report", "extract_scan", "required_cells"]

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
    """camelot segments per page for one engine, each page read once (by the reader of tables
    without rules, again with the pages added)."""

    def __init__(self, path: Path, engine: str, limits: Limits | None = None) -> None:
        self.path, self.engine, self.limits = path, engine, limits
        self.read: dict[int, list[Segment]] = {}

    def segments(self, pages: list[int]) -> list[Segment]:
        missing = [page for page in pages if page not in self.read]
        if missing and self.engine == "text":
            # Tables without rules are read across pages (a header cut by the page end, a table
            # going on in the columns of the page before): a page is read with its neighbours.
            missing = sorted(set(pages) | set(self.read))
        if missing:
            found = read_segments(self.path, missing, self.engine, self.limits)
            for page in missing:
                self.read[page] = [segment for segment in found if segment.page == page]
        return [segment for page in sorted(pages) for segment in self.read[page]]


def _facts(
    segments: list[Segment],
    where: str,
    layer: TextLayer | None = None,
    steps: list[str] | None = None,
    stand_ins: Mapping[str, NotPublished] | None = None,
) -> Extraction:
    """Tables 二, 三 and 四 among the tables found (``where`` says where they were looked for);
    every figure printed in them is a fact (``completeness.py``; ``layer``: a PDF's text layer).
    ``steps`` is given the steps done (tables found; 三, 四 and 二 mapped; every cell found), so a
    failure says how far the reading got. A table not found whose heading the document prints
    with text and no table under it (``stand_ins``) is not published: its cells are NULL facts
    holding that text (``_not_published``)."""
    steps = [] if steps is None else steps
    tables, notes = assemble(segments)
    absent = _absent(tables, stand_ins or {}, where)
    steps.append("tables")
    requests = map_requests(tables["requests"]) if "requests" in tables else None
    steps.append("requests")
    review = map_review(tables["review"]) if "review" in tables else None
    steps.append("review")
    proactive = map_proactive(tables["proactive"]) if "proactive" in tables else None
    steps.append("proactive")
    split = requests is not None and requests.other_handling_split
    try:
        template = detect_template(
            proactive.codes if proactive else (), split, proactive is not None and "九" in proactive.sections
        )
    except ReportError as exc:
        if proactive is not None:
            raise
        raise ReportError(f"{TABLE_NAMES['proactive']} not published, and {exc}") from None
    required = required_cells(template, split)
    mapped = [
        *(proactive.facts if proactive else ()),
        *(requests.facts if requests else ()),
        *(review.facts if review else ()),
    ]
    facts: list[Fact] = _not_published(absent, required)
    for fact in mapped:
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
        f"{TABLE_NAMES[kind]}: rows without figures not recognised: {', '.join(mapping.ignored)}"
        for kind, mapping in (("proactive", proactive), ("requests", requests))
        if mapping is not None and mapping.ignored
    ]
    missing = required - {(fact.table, fact.row, fact.column) for fact in facts}
    if missing and proactive is not None and not proactive.ignored:  # no row of 二 left unread
        omitted = rows_not_printed(tables["proactive"], missing, facts)
        facts += omitted
        missing -= {(fact.table, fact.row, fact.column) for fact in omitted}
        notes += [
            f"{TABLE_NAMES['proactive']}: the row {row} is not printed (its part is): its cells are NULL, none taken for 0"
            for row in sorted({fact.row for fact in omitted})
        ]
    if missing:
        by_table: dict[str, set[str]] = {}
        for table, row, column in missing:
            by_table.setdefault(table, set()).add(f"{row} × {column}" if table != "requests" else row)
        problems = [f"{TABLE_NAMES[t]}: cells not found: {', '.join(sorted(cells))}" for t, cells in by_table.items()]
        raise ReportError("; ".join(problems + ignored))
    printed = [mapping for mapping in (proactive, requests, review) if mapping is not None]
    notes += ignored + [note for mapping in printed for note in mapping.notes]
    notes += [
        f"{TABLE_NAMES[missing.table]}: not published, "
        + (f"in its place {' '.join(missing.text.split())!r}" if missing.text else "its heading followed by the next")
        + f" ({f'page {missing.page}' if missing.page else missing.locator}); its cells are NULL, none taken for 0"
        for missing in absent
    ]
    steps.append("cells")
    check_complete(
        {kind: tables[kind].segments for kind in KINDS if kind in tables},
        facts,
        layer,
        {"requests": requests.parts if requests else []},
        [header for mapping in printed for header in mapping.headers],
    )
    return Extraction(
        template=template,
        pages=0,
        facts=facts,
        table_pages={kind: tables[kind].pages if kind in tables else [] for kind in KINDS},
        notes=notes,
        other_handling_split=split,
        not_published=absent,
    )


def _absent(tables: Mapping[str, Table], stand_ins: Mapping[str, NotPublished], where: str) -> list[NotPublished]:
    """The tables not found that the document replaced by text (``stand_ins``); a table not
    found otherwise fails the reading, as do tables 三 and 四 both not published (nothing to load)."""
    for kind in ("requests", "proactive", "review"):
        if kind not in tables and kind not in stand_ins:
            raise ReportError(f"{TABLE_NAMES[kind]} not found among the {where}")
    absent = [stand_ins[kind] for kind in KINDS if kind not in tables]
    if {"requests", "review"} <= {missing.table for missing in absent}:
        said = ", ".join(repr(" ".join(m.text.split())) for m in absent if m.table != "proactive")
        raise ReportError(f"tables 三 and 四 not published (in their place: {said}): nothing to load")
    return absent


def _not_published(absent: list[NotPublished], required: set[tuple[str, str, str]]) -> list[Fact]:
    """Every required cell of the tables not published: NULL, its text the one printed in the
    table's place, where it is printed, and why it is NULL (``NOT_PUBLISHED``); no 0 invented."""
    return [
        Fact(
            table,
            row,
            column,
            None,
            missing.page,
            missing.text,
            locator=missing.locator,
            doubt=NOT_PUBLISHED,
        )
        for missing in absent
        for table, row, column in sorted(required)
        if table == missing.table
    ]


def _candidate_pages(text: PdfText, absent: Mapping[str, NotPublished] | None = None) -> list[int]:
    """The pages from the first to the last that name a table (``absent``: tables not published,
    table 三 among them need not be named)."""
    found = text.table_pages()
    pages = [page for kind in KINDS for page in found[kind]]
    if not found["requests"] and "requests" not in (absent or {}) or not pages:
        raise ReportError(f"{TABLE_NAMES['requests']} not found")
    return list(range(min(pages), max(pages) + 1))


def _pdf_stand_ins(path: Path, text: PdfText) -> dict[str, NotPublished]:
    """The tables a PDF's text layer shows replaced by text (``standins.py``), but where the page of
    the heading or the page after is an image or holds a picture as wide as a table: the table
    may be there, which the text layer does not hold."""
    lines: list[str | None] = []
    numbers: list[int] = []
    for number, page in enumerate(text.pages, start=1):
        for line in page.splitlines():
            if line.strip():
                lines.append(line)
                numbers.append(number)
    found = stand_ins(lines, numbers)
    if not found:
        return found
    near = {
        p for missing in found.values() for p in (missing.page or 0, (missing.page or 0) + 1) if p <= len(text.pages)
    }
    unseen = {p for p in near if not text.pages[p - 1].strip()} | set(pages_with_pictures(path, sorted(near)))
    return {kind: m for kind, m in found.items() if not {m.page, (m.page or 0) + 1} & unseen}


def extract_report(
    path: Path | str,
    charset: str | None = None,
    limits: Limits | None = None,
    progress: Callable[[str], None] | None = None,
) -> Extraction:
    """Read tables 二, 三 and 四 of a report, a PDF, a web page or a Word file (recognised by its
    content); ``charset`` is the one a web page's HTTP header named; ``progress`` hears of each page
    of a scan as OCR reads it (slow). ``ReportError`` says why a report cannot be read;
    ``LimitError`` that it reached one of ``limits`` (pages, inflated streams, table size, a scan's
    page too large to render within the memory limit; time and memory are bounded by
    ``bounded.extract_bounded``, which runs this in a worker process; a conversion by LibreOffice
    has its share of the time limit either way)."""
    limits = limits or Limits.from_env()
    path = Path(path)
    try:
        with path.open("rb") as file:
            head = file.read(2048)
    except OSError as exc:
        raise ReportError(f"cannot read the file: {exc.strerror or exc}") from None
    if is_web_page(head):
        return _extract_page(path.read_bytes(), charset, limits, path.parent, progress)
    if is_mhtml(head):  # a single-file web page (Word's, often posted as .doc; a browser's; a live run's)
        archive = read_archive(path.read_bytes())
        return _extract_page(archive.page, archive.charset, limits, None, progress, archive)
    if head.startswith((b"PK\x03\x04", OLE2)) or head.lstrip(b"\xef\xbb\xbf\r\n\t ").startswith((b"{\\rtf", b"<?xml")):
        data = path.read_bytes()
        fmt = word_format(data, limits)  # a zip not read as a Word file: its line
        if fmt is not None:
            return _extract_word(data, fmt, limits, progress)
    return _extract_pdf(path, limits, progress)


def _by_table(exc: ReportError, names: dict[int, str] | None = None) -> ReportError:
    """The mapping names a cell's page; a web page's or Word file's "page" is the number of its
    table (``names``: what each page is, when not ``table N``)."""

    def table(match: re.Match) -> str:
        page = int(match[2])
        name = (names or {}).get(page, f"table {page}")
        return name if match[1] == "page" else f"on {name}"

    return ReportError(_PAGE_REFERENCE.sub(table, str(exc)))


def _extract_word(data: bytes, fmt: str, limits: Limits, progress: Callable[[str], None] | None) -> Extraction:
    """A Word file: a .docx read from its XML, other formats converted to .docx first."""
    # Word 2003 XML is the table XML of a .docx in one file; other formats become a .docx.
    if fmt == "xml":
        document = read_wordml(data, limits)
    else:
        document = read_docx(data if fmt == "docx" else to_docx(data, fmt, limits=limits), limits)
    text = "\n".join(document.lines)
    if _typed_as_text(document, text):
        raise ReportError(
            f"a Word file ({fmt}) whose tables 二, 三, 四 are typed as text (tabs or spaces, no Word table): "
            "their rows and columns cannot be told apart exactly, so it is not read"
        )
    absent = stand_ins(document.flow)  # tables replaced by text under their headings
    if is_old_style(document.segments, [text]):
        where = f"{document.table_count} tables of the Word file"
        extraction = read_old_style(document.segments, [(text, None)], where)
        extraction.engine = "docx"
    elif document.pictures and not has_report_tables(document.segments, absent):
        # Tables pasted as pictures (a scan or screenshot of the signed table): read by OCR, in
        # their places among the tables typed in the file; the engine says OCR's.
        extraction = _word_pictures(document, fmt, limits, progress, absent)
    elif not document.segments:
        raise ReportError(f"a Word file ({fmt}) without tables: not a report{_unread_pictures(document)}")
    else:
        extraction = _word_tables(document, absent)
        extraction.engine = "docx"
    # Like a web page, a Word file has no fixed pages: its cells are found by their locator.
    extraction.facts = [replace(fact, page=None) for fact in extraction.facts]
    extraction.pages = 1
    if fmt not in ("docx", "xml"):
        extraction.notes.append(f"converted from {fmt} to docx by LibreOffice")
    return extraction


def _typed_as_text(document: WordFile, text: str) -> bool:
    """Whether the tables of a 2019+ report are typed as lines of text: none of them is a Word
    table, the text names table 三 by two of its phrases, and lines type figures apart."""
    if has_report_tables(document.segments) or document.typed_rows < 3:
        return False
    flat = "".join(text.split())
    return sum(phrase in flat for phrase in MARKERS["requests"]) >= 2


def _word_tables(document: WordFile, absent: Mapping[str, NotPublished]) -> Extraction:
    try:
        where = f"{document.table_count} tables of the Word file"
        return _facts(document.segments, where, stand_ins=absent)
    except ReportError as exc:
        raise ReportError(f"{_by_table(exc, document.names)}{_unread_pictures(document)}") from None


def _upright(picture: Picture) -> bytes:
    """A picture's bytes as the document shows it: turned by the quarter turns the document gives it."""
    if not picture.turned:
        return picture.data
    from PIL import Image, UnidentifiedImageError  # only for Word files with turned pictures

    from pipeline.extract.pictures import open_picture

    try:
        image = open_picture(picture.data)
        if image is None:
            return picture.data  # too large: left out by the scan reader, undecoded
        with image:
            dpi = image.info.get("dpi")
            turned = image.convert("RGB").rotate(-picture.turned, expand=True)
    except (OSError, ValueError, UnidentifiedImageError, Image.DecompressionBombError):
        return picture.data  # the scan reader leaves out what it cannot decode
    buffer = io.BytesIO()
    turned.save(buffer, "PNG", **({"dpi": dpi} if dpi else {}))
    return buffer.getvalue()


def _unread_pictures(document: WordFile) -> str:
    """What to add to the line of a Word file whose tables are missing and that holds pictures it
    does not read: vector ones (a table pasted from Excel "as a picture" is an EMF), and ones
    linked to a file outside the document."""
    unread = []
    if document.metafiles:
        unread.append(f"{document.metafiles} EMF/WMF pictures, which are not read")
    if document.linked:
        unread.append(f"{document.linked} pictures linked to files outside it, which it does not hold")
    return f" (it has {' and '.join(unread)}: a table pasted as one?)" if unread else ""


def _word_pictures(
    document: WordFile,
    fmt: str,
    limits: Limits,
    progress: Callable[[str], None] | None,
    absent: Mapping[str, NotPublished],
) -> Extraction:
    """A Word file whose tables (some or all) are pictures: each picture read by the scan reader,
    its tables placed where the picture is among the file's own tables (``absent``: those replaced
    by text)."""
    from pipeline.extract.ocr import RapidRecogniser  # onnxruntime and OpenCV: only for scans
    from pipeline.extract.pictures import read_pictures

    pictures = document.pictures
    _scan_limit(len(pictures), limits, "a Word file of {} pictures")
    recogniser = RapidRecogniser()
    read = read_pictures([_upright(picture) for picture in pictures], recogniser, progress)
    by_picture: dict[int, list[Segment]] = {}
    for segment in read:
        by_picture.setdefault(segment.page, []).append(segment)
    if not by_picture and not document.segments:
        raise ReportError(f"a Word file ({fmt}) without tables, and no table in its {len(pictures)} pictures")
    segments: list[Segment] = []
    names: dict[int, str] = {}
    typed = iter(document.segments)
    for place in range(len(document.segments) + 1):
        for picture in (p for p in pictures if p.after == place and p.number in by_picture):
            page = (segments[-1].page + 1) if segments else 1
            for segment in by_picture[picture.number]:
                segments.append(repaged(segment, page, f"picture {picture.number} of the Word file"))
            names[page] = f"picture {picture.number}"
        if place < len(document.segments):
            segment = next(typed)
            page = (segments[-1].page + 1) if segments else 1
            names[page] = document.names.get(segment.page, f"table {segment.page}")
            segments.append(repaged(segment, page))
    try:
        where = f"tables of the Word file and of its {len(pictures)} pictures"
        extraction = _facts(segments, where, stand_ins=absent)
    except ReportError as exc:
        raise _by_table(exc, names) from None
    extraction.engine = f"docx+ocr-{recogniser.name}" if document.segments else f"ocr-{recogniser.name}"
    extraction.notes.append(
        f"tables read by OCR from {len(by_picture)} of the {len(pictures)} pictures in the Word file "
        f"(engine {recogniser.name})"
    )
    _name_unreadable(extraction, names)
    return extraction


def _extract_page(
    data: bytes,
    charset: str | None,
    limits: Limits,
    folder: Path | None = None,
    progress: Callable[[str], None] | None = None,
    archive: Archive | None = None,
) -> Extraction:
    page = read_page(data, charset, limits)
    absent = stand_ins(page.flow)
    if page.images and not has_report_tables(page.segments, absent):
        if archive is not None:  # the pictures are parts of the archive, by their address
            images = page_images(page.images, None, archive.parts, urljoin(archive.location, page.base))
        else:
            images = page_images(page.images, folder)
        if images:  # tables posted as pictures in the article: read by OCR like a scan's pages
            return _extract_pictures(page, images, limits, progress, absent)
    if is_old_style(page.segments, [page.text]):
        extraction = read_old_style(page.segments, [(page.text, None)], f"{page.table_count} tables of the web page")
        # As below: a web page has no pages, its cells are found by their locator.
        extraction.facts = [replace(fact, page=None) for fact in extraction.facts]
        extraction.pages, extraction.engine = 1, "html"
        return extraction
    if not page.segments:
        titled = f" titled {page.title!r}" if page.title else ""
        raise ReportError(f"an HTML page{titled} without tables: not a report (an error page?)")
    try:
        extraction = _facts(page.segments, f"{page.table_count} tables of the web page", stand_ins=absent)
    except ReportError as exc:
        raise _by_table(exc) from None
    # A web page has no pages: its cells are found by their locator; "pages" of tables are <table> numbers.
    extraction.facts = [replace(fact, page=None) for fact in extraction.facts]
    extraction.pages = 1
    extraction.engine = "html"
    return extraction


def _extract_pictures(
    page: WebPage,
    images: list[tuple[int, bytes]],
    limits: Limits,
    progress: Callable[[str], None] | None,
    absent: Mapping[str, NotPublished],
) -> Extraction:
    """A web page whose tables are pictures (``imagesources.page_images``: each with its index
    among the page's images), all or some of them (table 二 as HTML, table 三 as a picture): the
    pictures read by the scan reader, the page's own tables as HTML, in the order they stand on
    the page. A picture's fact has the number of its picture as its page; an HTML table's, none."""
    from pipeline.extract.ocr import RapidRecogniser  # onnxruntime and OpenCV: only for scans
    from pipeline.extract.pictures import read_pictures

    _scan_limit(len(images), limits)
    recogniser = RapidRecogniser()
    pictures = read_pictures([data for _, data in images], recogniser, progress)
    html = page.segments
    if not pictures and not any(classify(segment) for segment in html):
        raise ReportError(f"a web page without tables, and no table in its {len(images)} images")
    # One reading order for both kinds: where each table and picture stands on the page, numbered
    # 1, 2, … (a table continued from one picture to the next is found on the "page" after).
    places = {("table", s.page): page.table_places[s.page] for s in html}
    places |= {("image", s.page): page.image_places[images[s.page - 1][0]] for s in pictures}
    rank = {key: number for number, key in enumerate(sorted(places, key=places.__getitem__), start=1)}
    which = {number: key for key, number in rank.items()}
    segments = [_renumbered(segment, rank["table", segment.page]) for segment in html]
    segments += [_renumbered(segment, rank["image", segment.page]) for segment in pictures]
    segments.sort(key=lambda segment: segment.page)  # stable: a picture's tables stay in order
    shown = f"{len(images)} images of the web page"
    where = f"tables of the {shown}" if not html else f"{page.table_count} tables and the {shown}"
    try:
        extraction = _facts(segments, where, stand_ins=absent)
    except ReportError as exc:

        def named(match: re.Match) -> str:
            kind, number = which.get(int(match[2]), ("image", int(match[2])))
            return f"{match[1].replace('page', kind)} {number}"

        raise ReportError(_PAGE_REFERENCE.sub(named, str(exc))) from None
    extraction.facts = [
        replace(fact, page=which[fact.page][1], locator=f"image {which[fact.page][1]} of the web page")
        if fact.page is not None and which[fact.page][0] == "image"
        else replace(fact, page=None)
        for fact in extraction.facts
    ]
    from_html = any(fact.page is None for fact in extraction.facts)
    extraction.pages = 1
    extraction.engine = f"html+ocr-{recogniser.name}" if from_html else f"ocr-{recogniser.name}"
    extraction.notes.append(
        f"tables read by OCR from {len(images)} images of the web page (engine {recogniser.name})"
        + (", the others from its HTML" if from_html else "")
        + "; a page number is the number of the image"
    )
    _name_unreadable(extraction)
    return extraction


def _renumbered(segment: Segment, page: int) -> Segment:
    """``segment`` and its cells on ``page`` (a web page's table put in the page's reading order)."""
    new: dict[int, Region] = {}
    at = [[new.setdefault(id(r), replace(r, page=page)) for r in row] for row in segment.at]
    return replace(segment, page=page, at=at)


def _read(
    path: Path,
    text: PdfText,
    pages: list[int],
    engine: str,
    errors: list[_Failure],
    layer: TextLayer,
    limits: Limits | None = None,
    absent: Mapping[str, NotPublished] | None = None,
) -> Extraction | None:
    """The tables read by one engine, or ``None`` (the cause added to ``errors``, with how far the
    reading got); ``absent``: the tables the text layer shows replaced by text."""
    reader = _Pages(path, engine, limits)
    # A table may end at the top of the page after the last page that names it.
    for extended in (False, True):
        attempt = [*pages, pages[-1] + 1] if extended else pages
        if attempt[-1] > len(text.pages):
            continue
        steps: list[str] = []
        segments: list[Segment] | None = None
        try:
            where = f"{_WHERE.get(engine, 'ruled tables')} of pages {attempt[0]}-{attempt[-1]}"
            segments = reader.segments(attempt)
            extraction = _facts(segments, where, layer, steps, absent)
        except ReportError as exc:
            if not extended:
                # An engine that found no table at all says least: a rule under a page's running
                # head makes the ruled engines try pages whose tables are set without rules.
                errors.append(_Failure(engine, -1 if segments == [] else len(steps), exc))
            continue
        extraction.pages = len(text.pages)
        extraction.engine = engine
        if engine != ENGINES[0]:
            extraction.notes.append(f"tables read {_ENGINE_NOTES[engine]} (engine {engine})")
        return extraction
    return None


@dataclass(frozen=True)
class _Failure:
    """One engine's failed reading: how many steps of ``_facts`` it did, and why it failed (a file
    an engine cannot open and tables not found alike: none; no table found at all: -1)."""

    engine: str
    reached: int
    error: ReportError


def _most_telling(failures: list[_Failure]) -> ReportError:
    """The failure that says best why no engine read the tables: that of the reading that got
    furthest (the tables found and a cell missing, rather than a header not found); of readings
    that got as far, camelot's on page renderings (the most thorough ruled reading), then the first."""
    # max keeps the first of equals.
    return max(failures, key=lambda f: (f.reached, f.engine == "combined")).error


def _glyphs_apart(extraction: Extraction) -> bool:
    """Whether a figure was read one glyph per line: its digits were set apart (justified or
    letter-spaced text), and camelot may have put a glyph in the neighbouring cell."""
    for fact in extraction.facts:
        lines = [line.strip() for line in fact.raw.splitlines() if line.strip()]
        if len(lines) > 1 and all(len(line) == 1 for line in lines):
            return True
    return False


def extract_scan(
    path: Path,
    pages: int,
    recogniser: Recogniser | None = None,
    progress: Callable[[str], None] | None = None,
    limits: Limits | None = None,
) -> Extraction:
    """A PDF of ``pages`` page images only (a scan): its tables read by OCR (``scanned.py``) with
    ``recogniser`` (RapidOCR by default; the benchmark passes others), within ``limits``."""
    from pipeline.extract.ocr import RapidRecogniser  # onnxruntime and OpenCV: only for scans
    from pipeline.extract.scanned import read_scanned

    recogniser = recogniser if recogniser is not None else RapidRecogniser()
    segments = read_scanned(path, recogniser, progress, limits=limits)
    if not segments:
        raise ReportError("a scan (no text layer): no table found in its page images (ruled, or set without rules)")
    extraction = _facts(segments, "tables of the page images")
    extraction.pages = pages
    extraction.engine = f"ocr-{recogniser.name}"
    extraction.notes.append(f"tables read by OCR from the page images (engine {recogniser.name})")
    _name_unreadable(extraction)
    return extraction


def _scan_limit(pages: int, limits: Limits, what: str = "a scan of {} pages") -> None:
    if pages > limits.scan_pages:
        raise LimitError(f"{what.format(pages)}, over {limits.describe('scan_pages')}: not read by OCR")


def extract_mixed(
    path: Path,
    text: PdfText,
    scanned: list[int],
    progress: Callable[[str], None] | None = None,
    pictures: dict[int, list[tuple[float, float, float, float]]] | None = None,
    limits: Limits | None = None,
) -> Extraction:
    """A PDF whose pages ``scanned`` are page images only and whose others have a text layer (the
    report typed, its tables scanned): each page read by its kind, the text pages that name a
    table or lie among the scanned ones by their drawn rules (camelot), the scanned ones by OCR.
    ``pictures``: the pages ``scanned`` have text, and pictures of tables pasted at these bounds
    (by page): the pictures are read by OCR and the rest of those pages by their drawn rules, each
    page's tables then in their order top to bottom."""
    from pipeline.extract.ocr import RapidRecogniser  # onnxruntime and OpenCV: only for scans
    from pipeline.extract.scanned import read_scanned

    named = [page for pages in text.table_pages().values() for page in pages]
    first, last = min(named + scanned), max(named + scanned)
    in_range = range(first, min(last + 1, len(text.pages)) + 1)
    typed = [page for page in in_range if page not in scanned or pictures is not None]
    recogniser = RapidRecogniser()
    segments = _Pages(path, ENGINES[0]).segments(typed) if typed else []
    segments += read_scanned(path, recogniser, progress, scanned, pictures, limits)
    if pictures is not None:
        segments = _top_to_bottom(segments)
    segments.sort(key=lambda segment: segment.page)  # stable: each page's tables stay in order
    how = "with pictures of tables" if pictures is not None else "scanned"
    extraction = _facts(segments, f"tables of pages {first}-{last} (pages {_pages(scanned)} {how})")
    extraction.pages = len(text.pages)
    extraction.engine = f"{ENGINES[0]}+ocr-{recogniser.name}"
    if pictures is not None:
        note = f"the pictures of tables on pages {_pages(scanned)} read by OCR (engine {recogniser.name}), "
        note += "the rest from the text layer"
    else:
        note = f"pages {_pages(scanned)} are page images only: their tables read by OCR (engine {recogniser.name}), "
        note += "those of the other pages from their text layer"
    extraction.notes.append(note)
    _name_unreadable(extraction)
    return extraction


def _top_to_bottom(segments: list[Segment]) -> list[Segment]:
    """Each page's tables (drawn ones and pictures of them) in their order down the page, the
    first and last of each page marked as such (where a table may go on from the page before)."""
    by_page: dict[int, list[Segment]] = {}
    for segment in segments:
        by_page.setdefault(segment.page, []).append(segment)
    ordered = []
    for page in sorted(by_page):
        found = sorted(by_page[page], key=lambda s: -s.rows[0][0] if s.rows else 0.0)
        for index, segment in enumerate(found):
            ordered.append(replace(segment, first_on_page=index == 0, last_on_page=index == len(found) - 1))
    return ordered


def _pages(numbers: list[int]) -> str:
    return ", ".join(map(str, numbers))


def _name_unreadable(extraction: Extraction, names: dict[int, str] | None = None) -> None:
    """A note for each figure OCR could not read, saying why, and for each it read below the
    threshold and a published sum confirms; ``names``: what a page is, when not a page."""
    extraction.notes += [
        f"{TABLE_NAMES[fact.table]}: cell {fact.row} × {fact.column} on "
        f"{(names or {}).get(fact.page or 0, f'page {fact.page}')} could not be read: {_why(fact)}; left NULL"
        if fact.unreadable
        else f"{TABLE_NAMES[fact.table]}: cell {fact.row} × {fact.column} on "
        f"{(names or {}).get(fact.page or 0, f'page {fact.page}')}: {fact.raw!r} {fact.doubt}; kept"
        for fact in extraction.facts
        if fact.unreadable or fact.confirmed
    ]


def _why(fact: Fact) -> str:
    """Why an unreadable cell is NULL. OCR's confidence is told only when it is the cause: a cell
    made NULL by a lost rule or a seal has confidence 0 whatever OCR thought of its ink."""
    doubt = fact.doubt or OCR_UNSURE
    if doubt == OCR_UNSURE:
        return f"{doubt} (OCR read {fact.raw!r}, confidence {fact.confidence:.2f})"
    return f"{doubt} (OCR read {fact.raw!r})"


def _extract_pdf(path: Path, limits: Limits, progress: Callable[[str], None] | None = None) -> Extraction:
    text = read_text(path, limits)
    if not text.unsaid:
        return _extract_text_pdf(path, text, limits, progress)
    # Pages whose text layer does not say what they print are read as images, like a scan's.
    why = _unsaid(text.unsaid)
    try:
        extraction = _extract_text_pdf(path, text, limits, progress)
    except LimitError:
        raise
    except ReportError as exc:
        cause = str(exc).removeprefix("a scan (no text layer): ")
        raise ReportError(
            f"the text layer does not say what it prints ({why}), so OCR read the pages: {cause}"
        ) from None
    extraction.notes.append(f"the text layer does not say what it prints ({why}): those pages read as images")
    return extraction


def _unsaid(unsaid: dict[int, str]) -> str:
    """Which pages' text layer says nothing of what they print, and why (``printedtext.py``)."""
    by_cause: dict[str, list[int]] = {}
    for page, cause in sorted(unsaid.items()):
        by_cause.setdefault(cause, []).append(page)
    return "; ".join(f"{'page' if len(p) == 1 else 'pages'} {_pages(p)}: {cause}" for cause, p in by_cause.items())


def _extract_text_pdf(
    path: Path, text: PdfText, limits: Limits, progress: Callable[[str], None] | None = None
) -> Extraction:
    """A PDF by its text layer (``text``, pages without text read as images)."""
    if not text.has_text:
        _scan_limit(len(text.pages), limits)
        return extract_scan(path, len(text.pages), progress=progress, limits=limits)
    old_table = bool(_old_statistics_pages(text))
    scanned = [number for number, page in enumerate(text.pages, start=1) if not page.strip()]
    absent = _pdf_stand_ins(path, text) if not text.unsaid else {}
    found = text.table_pages()
    if scanned and not all(found[kind] for kind in KINDS if kind not in absent) and not old_table:
        # Some tables are not in the text layer, and some pages are images only: a mixed PDF (before
        # the old-style test: the typed pages of a scanned 2019+ report state figures in prose too).
        _scan_limit(len(scanned), limits)
        return extract_mixed(path, text, scanned, progress, limits=limits)
    # No phrase of tables 二, 三, 四 anywhere: an old-style report, if it prints a statistics
    # table or states a figure.
    if not any(found.values()) and (old_table or any(read_prose(page) for page in text.pages)):
        return _extract_old_pdf(path, text)
    pages = _candidate_pages(text, absent)
    # Pages that draw no rules (and hold no image) give the ruled engines nothing to read.
    ruled = draws_rules(path, [*pages, pages[-1] + 1])
    errors: list[_Failure] = []
    with TextLayer(path) as layer:
        for engine in ENGINES if ruled else ENGINES[-1:]:
            extraction = _read(path, text, pages, engine, errors, layer, limits, absent)
            if extraction is None:
                continue
            if engine == "vector" and _glyphs_apart(extraction):
                # Our reader places each glyph by its own position; keep camelot's reading if it fails.
                return _read(path, text, pages, "rules", [], layer, limits, absent) or extraction
            return extraction
    # A table not in the text layer may be a picture pasted under its typed heading: the pages
    # that hold a picture as wide as a table are read by OCR, the others from their text layer.
    pictured = pages_with_pictures(path, [*pages, pages[-1] + 1])
    if pictured:
        _scan_limit(len(pictured), limits)
        return extract_mixed(path, text, sorted(pictured), progress, pictured, limits)
    failure = _most_telling(errors)
    # A table wider than the paper: its last columns cut off by the producer, the cause said.
    edge = cut_off(path, [*pages, pages[-1] + 1])
    raise failure if edge is None else ReportError(f"{failure} ({edge})")


_STATISTICS_TITLE = re.compile(r"统\s*计\s*表|统\s*计\s*指\s*标")


def _old_statistics_pages(text: PdfText) -> list[int]:
    """The pages of a PDF that name an old statistics table (政府信息公开情况统计表, 统计指标)."""
    return [number for number, page in enumerate(text.pages, start=1) if _STATISTICS_TITLE.search(page)]


def _extract_old_pdf(path: Path, text: PdfText) -> Extraction:
    """An old-style report in a PDF: the statistics table from the pages that name it (and the
    page after, where it may go on), and the figures its text states. The text layer holds the
    table's cells too: the text read for figures ends where the table's title is printed (the
    table is the report's appendix), and a sentence may run over lines and pages."""
    found = _old_statistics_pages(text)
    pages = sorted({p for page in found for p in (page, page + 1) if p <= len(text.pages)})
    segments: list[Segment] = []
    engine = "text"
    if pages:
        engine = "vector" if draws_rules(path, pages) else "text"
        segments = read_segments(path, pages, engine)
    if segments and prints_modern_tables(segments):
        raise ReportError(f"{TABLE_NAMES['requests']} not found, but tables of the national template are")
    prose: list[tuple[str, int | None]] = []
    for number, page in enumerate(text.pages, start=1):
        title = _STATISTICS_TITLE.search(page) if number in found else None
        prose.append((page[: _line_start(page, title.start())] if title else page, number))
        if title:
            break
    extraction = read_old_style(segments, prose, f"pages {pages or 'none'}", joined=True)
    extraction.pages = len(text.pages)
    extraction.engine = engine
    return extraction


def _line_start(text: str, at: int) -> int:
    """Where the line holding ``at`` starts (a table's title begins its line: 附表：…统计表)."""
    return text.rfind("\n", 0, at) + 1
