"""The grid every reader produces: a table on one page as merged cells (regions) over grid rows
and columns. camelot's tables, this package's rules and text readers and web pages all end as
``Segment``s, so one mapping reads them all."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from pipeline.core.facts import ReportError
from pipeline.extract.numbers import is_cut, looks_numeric

# Cells of two segments of one table whose edges are this close (PDF points) are one column.
_SAME = 2.0


@dataclass(frozen=True)
class Region:
    """A cell of the published table: one or more grid cells merged, with its text."""

    text: str
    page: int
    r0: int  # first and last grid row it covers
    r1: int
    x0: float  # extent on the page, PDF points
    x1: float
    locator: str = ""  # where a web page's cell is (``table 3, row 7, column 4``); empty in a PDF
    confidence: float | None = None  # of the text read by OCR from a scan (0-1); None when not OCR'd
    doubt: str | None = None  # why a scan's cell is not trusted when OCR's confidence is not the cause
    # No cell of the markup is here: a web page's row ended before the table's last column. Its
    # place is only where the row's cells ran out, so a mapping must not read a figure there.
    absent: bool = False
    # No rule under it at the foot of its segment, where the segment's last rule runs under other
    # cells: a cell a page end cut (browsers draw no rule there), going on at the top of the next.
    open_below: bool = False

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2


def missing_cell(table: str, row: str, column: str, region: Region) -> ReportError:
    """The failure of a row with no cell under a column (``Region.absent``): a web page's cell
    swallowed by broken markup (an unclosed attribute) or never printed. Which one is missing
    cannot be told, so the row's figures cannot be placed by position: read left-aligned, each
    would land one column off."""
    return ReportError(
        f"{table}: row {row} has no cell under {column} ({region.locator}): "
        "the row has fewer cells than the header has columns, so its figures cannot be placed"
    )


@dataclass
class Segment:
    """One table on one page, as an engine found it (camelot, or this package's readers)."""

    page: int
    nrows: int
    at: list[list[Region]] = field(repr=False)  # the region covering each grid cell
    cols: list[tuple[float, float]] = field(repr=False, default_factory=list)  # x extent of each grid column
    last_on_page: bool = False
    first_on_page: bool = False
    # (top, bottom) of each grid row on the PDF page (y grows upwards); empty where a reader does
    # not place its rows (a web page, the reader of tables without rules).
    rows: list[tuple[float, float]] = field(repr=False, default_factory=list)
    # The reader of tables without rules: its rows are the extents of their texts and its columns
    # are not drawn, so a long text may reach into the next column (the guard reads it by row).
    unruled: bool = False

    def row(self, r: int) -> list[Region]:
        """The regions covering grid row ``r``, left to right, each once."""
        seen: list[Region] = []
        for region in self.at[r]:
            if not seen or seen[-1] is not region:
                seen.append(region)
        return seen

    def starting(self, r: int) -> list[Region]:
        """The regions whose first grid row is ``r`` (where a cell's figure is read)."""
        return [region for region in self.row(r) if region.r0 == r]

    def regions(self) -> Iterator[Region]:
        seen: set[int] = set()
        for r in range(self.nrows):
            for region in self.row(r):
                if id(region) not in seen:
                    seen.add(id(region))
                    yield region


def spans(cells) -> Iterator[tuple[int, int, int, int]]:
    """The merged cells of a grid of camelot-style cells (``right``/``bottom`` rules), as
    ``(first row, first column, last row, last column)``, in reading order."""
    nrows, ncols = len(cells), len(cells[0]) if cells else 0
    taken = [[False] * ncols for _ in range(nrows)]
    for r in range(nrows):
        for c in range(ncols):
            if taken[r][c]:
                continue
            c1 = c
            while c1 < ncols - 1 and not cells[r][c1].right and not taken[r][c1 + 1]:
                c1 += 1
            r1 = r
            # Down until a rule under any of its columns: a box that a page break cut open on
            # one side (browsers draw no rule there) must not swallow the boxes beside it.
            while r1 < nrows - 1 and not any(cells[r1][j].bottom for j in range(c, c1 + 1)) and not taken[r1 + 1][c]:
                r1 += 1
            for i in range(r, r1 + 1):
                for j in range(c, c1 + 1):
                    taken[i][j] = True
            yield r, c, r1, c1


def segment_of(table, first: bool, last: bool) -> Segment:
    """Merge camelot's grid cells into regions along the missing rules."""
    cells = table.cells
    confidence = getattr(table, "ocr_confidence", None)  # a table read by OCR (``scanned.py``)
    doubts = getattr(table, "ocr_doubt", {})
    nrows, ncols = len(cells), len(cells[0]) if cells else 0
    # The rules under the last row as drawn (camelot rules every outer edge: ``camelot_lattice``).
    bottoms = getattr(table, "drawn_bottoms", None) or [cell.bottom for cell in cells[-1]] if cells else []
    at: list[list[Region | None]] = [[None] * ncols for _ in range(nrows)]
    for r, c, r1, c1 in spans(cells):
        texts = [
            cells[i][j].text.strip() for i in range(r, r1 + 1) for j in range(c, c1 + 1) if cells[i][j].text.strip()
        ]
        region = Region(
            text="\n".join(texts),
            page=int(table.page),
            r0=r,
            r1=r1,
            x0=float(cells[r][c].x1),
            x1=float(cells[r][c1].x2),
            confidence=confidence.get((r, c)) if confidence is not None else None,
            doubt=doubts.get((r, c)),
            open_below=r1 == nrows - 1 and not any(bottoms[c : c1 + 1]) and any(bottoms),
        )
        for i in range(r, r1 + 1):
            for j in range(c, c1 + 1):
                if at[i][j] is None:
                    at[i][j] = region
    return Segment(
        page=int(table.page),
        nrows=nrows,
        at=at,  # type: ignore[arg-type]
        cols=[(float(x0), float(x1)) for x0, x1 in table.cols],
        first_on_page=first,
        last_on_page=last,
        rows=[(float(top), float(bottom)) for top, bottom in table.rows],
    )


def repaged(segment: Segment, page: int, prefix: str = "") -> Segment:
    """A copy of ``segment`` on ``page`` (a Word file's tables, pictures and imported chunks are
    numbered in one sequence), its regions' locators after ``prefix`` (merged regions stay one)."""
    new: dict[int, Region] = {}
    at = [
        [new.setdefault(id(region), replace(region, page=page, locator=prefix + region.locator)) for region in row]
        for row in segment.at
    ]
    return replace(segment, page=page, at=at)


def in_order(tables: list) -> list[Segment]:
    """camelot-style tables as segments, in reading order (page, then position on the page)."""
    ordered = sorted((t for t in tables if t.cells and t.cells[0]), key=lambda t: (int(t.page), int(t.order or 0)))
    segments = []
    for index, table in enumerate(ordered):
        first = index == 0 or int(ordered[index - 1].page) != int(table.page)
        last = index == len(ordered) - 1 or int(ordered[index + 1].page) != int(table.page)
        segments.append(segment_of(table, first, last))
    return segments


def _texts_replaced(segment: Segment, texts: dict[int, str]) -> Segment:
    """A copy of ``segment`` whose regions (by ``id``) in ``texts`` have that text instead."""
    new: dict[int, Region] = {}
    at = [
        [
            new.setdefault(id(region), replace(region, text=texts[id(region)])) if id(region) in texts else region
            for region in row
        ]
        for row in segment.at
    ]
    return replace(segment, at=at)


def _compact(text: str) -> str:
    return "".join(text.split())


def repeated_rows(first: Segment, segment: Segment) -> int:
    """How many rows at the top of ``segment`` print the first rows of the table (``first``, its
    first segment) again: a header repeated at the top of each page (Word's "repeat as header
    row"). Rows of text without a figure only, compared cell by cell: the same texts in cells of
    the same extent (a row that reads alike over other columns is no repeat)."""
    count = 0
    while count < min(first.nrows, segment.nrows):
        rows = [s.row(count) for s in (first, segment)]
        texts = [[_compact(region.text) for region in row] for row in rows]
        if texts[0] != texts[1] or not any(texts[0]) or any(looks_numeric(text) for text in texts[0]):
            break
        if any(abs(a.x0 - b.x0) > _SAME or abs(a.x1 - b.x1) > _SAME for a, b in zip(*rows)):
            break
        count += 1
    return count


def continue_header(
    before: Segment, after: Segment, left: float = float("-inf"), rows: range | None = None
) -> tuple[Segment, Segment, int] | None:
    """A header cell cut by the end of a page: ``before`` (the header, no figure, at the foot of a
    page) and ``after`` (the rest at the top of the next: "自然" above the break, "人" below, or
    结/果 above and 维/持 below).

    A text of ``after``'s rows above its first figure, right of ``left`` (the header's part; a row
    label beside them is left alone), that stands under a cell of ``before``'s last row of the same
    width is the rest of that cell's text: appended to it, and emptied in ``after``; the last of those
    rows is returned with both segments. So is each text of the first of those rows when its texts,
    two or more, stand each inside a cell of its own of that last row, one to one: the columns of a
    page without figures are the header's own, not those the figures of the next page set (本年新 /
    制作数量, 本年新 / 公开数量 of a part of table 二 whose other parts' figures cut its columns on the
    next page). Texts under a wider cell, several under one, stay where they are: header rows of their
    own, printed on the next page. ``None``
    when nothing continues, or when a cell of ``after`` repeats the text of the cell above it (a
    header repeated on the next page, complete in itself). ``rows``: the rows of ``after`` to look
    at (not a header repeated above them, nor a new part of the table below)."""
    last = before.row(before.nrows - 1)
    appended: dict[int, list[str]] = {}
    emptied: dict[int, str] = {}
    end = -1
    rows = range(after.nrows) if rows is None else rows
    for r in rows:
        if any(looks_numeric(region.text) for region in after.row(r)):
            break
        printed = [region for region in after.starting(r) if region.text.strip() and region.x0 >= left]
        over = {
            id(region): next((cell for cell in last if cell.x0 <= region.xc <= cell.x1), None) for region in printed
        }
        one_to_one = (
            r == rows[0]
            and len({id(cell) for cell in over.values()}) == len(printed) > 1
            and all(
                cell is not None and cell.text.strip() and cell.x0 - _SAME <= region.x0 and region.x1 <= cell.x1 + _SAME
                for region, cell in zip(printed, over.values())
            )
        )
        for region in printed:
            above = over[id(region)]
            if above is not None and (
                one_to_one or abs(above.x0 - region.x0) <= _SAME and abs(above.x1 - region.x1) <= _SAME
            ):
                if _compact(region.text) == _compact(above.text):
                    return None
                appended.setdefault(id(above), []).append(region.text)
                emptied[id(region)] = ""
                end = r
    if not emptied:
        return None
    by_id = {id(region): region for region in last}
    texts = {key: "\n".join([by_id[key].text, *parts]) for key, parts in appended.items()}
    return _texts_replaced(before, texts), _texts_replaced(after, emptied), end


def continue_row(before: Segment, after: Segment) -> tuple[Segment, Segment] | None:
    """A figure cut by the end of a page after its thousands separator: "3，" in the last row of
    ``before``, "880" in the cell of the same column in the first row of ``after`` (LibreOffice
    splits a row over two pages). The rest is appended to the figure ("3，\n880") and emptied
    where it was; ``None`` when no figure of the last row is cut so."""
    if not before.nrows or not after.nrows:
        return None
    appended: dict[int, str] = {}
    emptied: dict[int, str] = {}
    for region in before.row(before.nrows - 1):
        if not is_cut(region.text):
            continue
        rest = next(
            (
                cell
                for cell in after.starting(0)
                if abs(cell.x0 - region.x0) <= _SAME and abs(cell.x1 - region.x1) <= _SAME and cell.text.strip()
            ),
            None,
        )
        if rest is not None:
            appended[id(region)] = f"{region.text}\n{rest.text}"
            emptied[id(rest)] = ""
    if not appended:
        return None
    return _texts_replaced(before, appended), _texts_replaced(after, emptied)
