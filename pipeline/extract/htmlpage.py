"""Report web pages: every data ``<table>`` of the page as a grid of merged cells (a ``Segment``),
the same structure the PDF path builds from camelot, so the row and column mapping is shared.

The parser is lxml (``lxml.html``, libxml2's HTML parser): it reads the broken markup of Word
exports and site templates the way browsers do for tables (implied ``<tbody>``, unclosed ``<p>``
and ``<td>``), it is fast (a page in milliseconds, where html5lib is pure Python and many times
slower), and its wheels are self-contained. selectolax would be as fast, but lxml's tree API and
XPath make the table walk short and it is the better-known, longer-kept library.

Geometry: a grid column is ``COLUMN_WIDTH`` units wide, so a cell's x extent is its first grid
column times that width to the end of its last one (``colspan`` expanded); ``rowspan`` and
``colspan`` are expanded the way a browser lays out a table. A fact's locator says where its cell
is: ``table T, row R, column C`` — the T-th ``<table>`` element of the page in document order,
its R-th ``<tr>``, and the grid column C where the cell starts once spans are expanded (all 1-based).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from pipeline.core.facts import LimitError, ReportError
from pipeline.core.settings import Limits
from pipeline.extract.charset import decode_page
from pipeline.extract.numbers import looks_numeric
from pipeline.extract.segments import Region, Segment

# Wide enough that the mapping's tolerances (cells.EDGE, 2 units) stay inside one grid column.
COLUMN_WIDTH = 10.0
# Elements whose content starts on a new line in a browser: a label split over several <p>.
_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table"}
_INVISIBLE = ("script", "style", "noscript", "template", "head")
_SPACES = re.compile(r"[ \t\r\n\f\xa0\u2002\u2003\u2009\u200b]+")
# Where a table or image stood in the page's text: a private-use character no page prints alone.
_PLACE = "\ue000"
_MAX_SPAN = 200  # a colspan/rowspan beyond any real table: a broken attribute, not a layout
# Where a lazily loaded picture keeps its real address (its ``src`` is then a placeholder), in the
# order the common lazy-loading scripts read them.
LAZY_SOURCES = ("data-src", "data-original", "data-lazy-src", "data-echo", "data-url", "lazy-src")
# Elements an HTML document holds near its start (after a doctype, comments, scripts or styles).
_MARKUP = re.compile(rb"<(?:!doctype\s+html|html|head|body|meta|title|table|div|p)\b", re.IGNORECASE)


def is_web_page(head: bytes) -> bool:
    """Whether the first bytes of a file are an HTML document (sniffed, never the file name)."""
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if head.startswith(bom):
            head = head[len(bom) :]
            if bom != b"\xef\xbb\xbf":
                head = head.replace(b"\x00", b"")
    head = head[:2048].lstrip()
    return head.startswith(b"<") and _MARKUP.search(head) is not None


@dataclass
class WebPage:
    """A report page: its text and its data tables, each as one segment."""

    codec: str
    title: str  # the document's <title>
    headings: list[str]  # its <h1>–<h3> and elements whose class names a title, in document order
    text: str  # the visible text, tables left out, for the year and agency check
    segments: list[Segment]
    table_count: int  # every <table> element of the page, layout tables included
    images: list[str] = field(default_factory=list)  # the source of each <img> in its body, in order
    base: str = ""  # the page's <base href>, when it names one
    # Where each data table (by its number) and each image (by its index in ``images``) stands
    # among the page's tables and images, in document order: a page may post table 二 as HTML
    # and table 三 as a picture.
    table_places: dict[int, int] = field(default_factory=dict)
    image_places: list[int] = field(default_factory=list)
    # The lines of ``text`` with ``None`` where a data table or an image stands, in document
    # order: what a section's heading is followed by (``standins.py``).
    flow: list[str | None] = field(default_factory=list)


def _span(cell: etree._Element, name: str) -> int:
    try:
        value = int(str(cell.get(name, "1")).strip() or 1)
    except ValueError:
        return 1
    return min(max(value, 0), _MAX_SPAN)


def cell_text(element: etree._Element) -> str:
    """A cell's text as a browser shows it: whitespace runs (and ``&nbsp;``) collapsed, one line per
    paragraph or line break, blank lines dropped."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if not isinstance(node.tag, str) or node.tag in _INVISIBLE:
            return
        block = node.tag in _BLOCKS
        if block:
            parts.append("\n")
        if node.text:
            parts.append(_SPACES.sub(" ", node.text))
        for child in node:
            walk(child)
            if child.tail:
                parts.append(_SPACES.sub(" ", child.tail))
        if block:
            parts.append("\n")

    walk(element)  # its own tail is not part of it
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _rows(table: etree._Element) -> list[etree._Element]:
    return table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr")


def _segment(table: etree._Element, number: int, max_cells: int) -> Segment | None:
    """The grid of one table; a header row printed again further down is passed over. A table
    whose grid would hold more than ``max_cells`` cells raises ``LimitError``."""
    cells_seen = 0
    grid: list[list[Region | None]] = []
    seen_rows: set[tuple] = set()
    numbers: list[int] = []  # the <tr> number of each grid row
    pending: dict[int, tuple[Region, int]] = {}  # grid column -> (region, last grid row it covers)
    rows = _rows(table)
    if len(rows) > max_cells:  # every row is at least one cell of the grid
        raise _too_large(number, max_cells)
    for index, tr in enumerate(rows, start=1):
        cells = [(cell, cell_text(cell)) for cell in tr.xpath("./td | ./th")]
        signature = tuple((text, _span(cell, "colspan"), _span(cell, "rowspan")) for cell, text in cells)
        if any(text for _, text in cells) and not any(looks_numeric(text) for _, text in cells):
            if signature in seen_rows:
                continue  # the same header (or label) row printed twice
            seen_rows.add(signature)
        r = len(grid)
        row: list[Region | None] = []
        c = 0

        def fill_pending(row: list[Region | None] = row, r: int = r) -> None:
            nonlocal c
            while c in pending:
                region, last = pending[c]
                row.append(region)
                if last <= r:
                    del pending[c]
                c += 1

        for cell, text in cells:
            fill_pending()
            colspan = max(_span(cell, "colspan"), 1)
            rowspan = _span(cell, "rowspan")
            region = Region(
                text=text,
                page=number,
                r0=r,
                r1=r,  # widened below once the table's height is known
                x0=c * COLUMN_WIDTH,
                x1=(c + colspan) * COLUMN_WIDTH,
                locator=f"table {number}, row {index}, column {c + 1}",
            )
            for offset in range(colspan):
                row.append(region)
                if rowspan != 1:
                    # rowspan="0" runs to the end of the table section
                    pending[c + offset] = (region, r + (rowspan - 1 if rowspan else 10**6))
            c += colspan
        fill_pending()
        for column in sorted(col for col in pending if col >= c):
            row.extend([None] * (column - len(row)))
            c = column
            fill_pending()
        grid.append(row)
        numbers.append(index)
        cells_seen += len(row)
        if cells_seen > max_cells:
            raise _too_large(number, max_cells)
    if not grid:
        return None
    nrows, ncols = len(grid), max(len(row) for row in grid)
    if ncols == 0:
        return None
    if nrows * ncols > max_cells:
        raise _too_large(number, max_cells)
    # A region's last row: the last grid row it covers (rowspans past the end are cut there).
    last_row: dict[int, int] = {}
    for r, row in enumerate(grid):
        for region in row:
            if region is not None:
                last_row[id(region)] = r
    widened: dict[int, Region] = {}
    at: list[list[Region]] = []
    for r, row in enumerate(grid):
        row = row + [None] * (ncols - len(row))
        out: list[Region] = []
        for c, region in enumerate(row):
            if region is None:  # a ragged row: the browser leaves the place empty
                region = Region(
                    "",
                    number,
                    r,
                    r,
                    c * COLUMN_WIDTH,
                    (c + 1) * COLUMN_WIDTH,
                    locator=f"table {number}, row {numbers[r]}, column {c + 1}",
                    absent=True,
                )
            else:
                key = id(region)
                if key not in widened:
                    widened[key] = Region(
                        region.text, region.page, region.r0, last_row[key], region.x0, region.x1, region.locator
                    )
                region = widened[key]
            out.append(region)
        at.append(out)
    return Segment(
        page=number,
        nrows=nrows,
        at=at,
        cols=[(c * COLUMN_WIDTH, (c + 1) * COLUMN_WIDTH) for c in range(ncols)],
        first_on_page=True,
        last_on_page=True,
    )


def _too_large(number: int, max_cells: int) -> LimitError:
    limit = Limits(table_cells=max_cells).describe("table_cells")
    return LimitError(f"web page: table {number} is larger than {limit}")


def read_page(data: bytes, declared_charset: str | None = None, limits: Limits | None = None) -> WebPage:
    """Parse a report page; ``declared_charset`` is the one its HTTP header named, if known.
    A table larger than ``limits.table_cells`` raises ``LimitError``."""
    max_cells = (limits or Limits.from_env()).table_cells
    text, codec = decode_page(data, declared_charset)
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)  # lxml refuses a str that declares an encoding
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise ReportError(f"web page: cannot parse its markup: {exc}") from None
    for element in root.xpath("//script | //style | //noscript | //template"):
        element.drop_tree()
    title = " ".join(root.xpath("string(//title)").split())
    headings = [
        " ".join(element.text_content().split())
        for element in root.xpath("//body//*[self::h1 or self::h2 or self::h3 or contains(@class, 'title')]")
    ]
    tables = root.xpath("//table")
    images, table_places, image_places = _places(root, tables)
    base = next((str(href).strip() for href in root.xpath("//base/@href") if str(href).strip()), "")
    segments = []
    for number, table in enumerate(tables, start=1):
        if table.xpath(".//table"):
            continue  # a layout table around the content: its data tables are read themselves
        segment = _segment(table, number, max_cells)
        if segment is not None:
            segments.append(segment)
    body = root.find("body")
    flow = _flow(body) if body is not None else []
    for table in reversed(tables):
        if not table.xpath(".//table"):
            table.drop_tree()  # the figures; the text around them says which report this is
    visible = cell_text(body) if body is not None else ""
    return WebPage(
        codec=codec,
        title=title,
        headings=[h for h in headings if h],
        text=visible,
        segments=segments,
        table_count=len(tables),
        images=images,
        base=base,
        table_places=table_places,
        image_places=image_places,
        flow=flow,
    )


def _flow(body: etree._Element) -> list[str | None]:
    """The lines of the body's text, ``None`` where a data table or an image stands (a line's
    text before and after it apart); read from a copy, in which each is replaced by ``_PLACE``."""
    body = copy.deepcopy(body)
    for element in [t for t in body.iter("table") if not t.xpath(".//table")] + list(body.iter("img")):
        mark = etree.Element("span")
        mark.text, mark.tail = _PLACE, element.tail
        element.getparent().replace(element, mark)
    flow: list[str | None] = []
    for line in cell_text(body).split("\n"):
        for index, piece in enumerate(line.split(_PLACE)):
            if index:
                flow.append(None)
            if piece := _SPACES.sub(" ", piece).strip():
                flow.append(piece)
    return flow


def image_source(img: etree._Element) -> str:
    """The address a browser shows an ``<img>`` from: a lazy-loading attribute's (its ``src`` is a
    placeholder until a script swaps it in), else its ``src``; empty when it names none."""
    for name in (*LAZY_SOURCES, "src"):
        value = str(img.get(name) or "").strip()
        if value:
            return value
    return ""


def _places(root: etree._Element, tables: list) -> tuple[list[str], dict[int, int], list[int]]:
    """The body's image sources, and the place of each table and image in document order."""
    numbers = {table: number for number, table in enumerate(tables, start=1)}
    images: list[str] = []
    table_places: dict[int, int] = {}
    image_places: list[int] = []
    for place, element in enumerate(root.xpath("//table | //body//img")):
        if element.tag == "table":
            table_places[numbers[element]] = place
        elif source := image_source(element):
            images.append(source)
            image_places.append(place)
    return images, table_places, image_places
