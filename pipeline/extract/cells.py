"""Reading a table's header block and turning its cells into facts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from pipeline.core.facts import OCR_MIN_CONFIDENCE, OCR_UNSURE, Fact, ReportError
from pipeline.extract.inferred import header_in_place, headers_in_place
from pipeline.extract.labels import best_match
from pipeline.extract.numbers import NumberError, clean, is_blank, looks_numeric, parse_number
from pipeline.extract.segments import Region, Segment, missing_cell

# Tolerance (PDF points) when comparing a cell's left edge with the first figure column's: a cell
# that starts left of the figures is a label, even one spanning the whole table (a note).
EDGE = 2.0
# Why a figure OCR read in a count is NULL: a count holds no point, so one read there is a
# thousands separator misread (a one-bit scan leaves the comma of 2,854 a speck, read 2.854).
POINT_IN_COUNT = "OCR read a point in a count"


@dataclass(frozen=True)
class Column:
    """A column the header names: its extent on the page and its code."""

    x0: float
    x1: float
    code: str
    scale: int | None = None  # the multiplier the header states ("（单位：万元）"); None: it states none
    # The header cell when OCR could not read it and the column was named by its place
    # (``inferred.header_in_place``); None when the header matched its label.
    damaged: Region | None = None

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2


def first_figure_row(segment: Segment, columns: Mapping[str, Sequence[str]] | None = None) -> int:
    """The first grid row with a figure in it (the header block lies above). Given the header's
    ``columns`` (code → labels), the row after the first rows that name every one of them when
    that comes first: a row's label below them that names one (3.其他 or （七）总计) is no header,
    whether its figures are blank (a table published with every figure cell blank, no requests
    that year) or lie in a cell above (the rest of （六）其他处理's sub-rows under a header repeated
    on a continued page). Without a figure, the segment's end when they name fewer (a header cut
    at the foot of a page)."""
    figure = next(
        (r for r in range(segment.nrows) if any(looks_numeric(region.text) for region in segment.starting(r))),
        segment.nrows,
    )
    if not columns:
        return figure
    named: set[str] = set()
    for region in sorted(segment.regions(), key=lambda region: region.r0):
        if region.r0 >= figure:
            break
        match = best_match(region.text, columns) if region.text.strip() else None
        named |= {match.key} if match else set()
        if named >= set(columns):
            return min(
                figure, max(above.r1 for above in segment.regions() if above.r0 <= region.r0 and above.text.strip()) + 1
            )
    return figure


# The doubt of a scan's figure cell over two rows' figures (``two_rows``).
TWO_ROWS = "a rule lost: two rows' figures in one cell"


def own_label(segment: Segment, r: int, left: float) -> bool:
    """Whether grid row ``r`` is a row of its own: text starts there, and so does the label cell
    nearest the figures (the last cell left of ``left``)."""
    side = [region for region in segment.row(r) if region.x0 < left]
    return bool(side) and side[-1].r0 == r and any(region.text.strip() for region in segment.starting(r))


def over_rows(segment: Segment, region: Region, left: float) -> bool:
    """Whether a scan read the figure cell ``region`` (right of ``left``) over its own row and a
    row below with a label of its own: a rule lost under the figures only (a seal's ring, a faint
    rule) leaves one cell of both rows' ink. A table's rows are ruled across the whole table, so
    a label cell of its own below says the figures had their own cells too. Vector PDFs and web
    pages, whose merged cells were printed so, are left as they read."""
    if region.confidence is None or region.x0 < left:
        return False
    return any(own_label(segment, r, left) for r in range(region.r0 + 1, region.r1 + 1))


def from_above(segment: Segment, r: int, left: float) -> list[Region]:
    """The figure cells (right of ``left``) a scan read over the row above and grid row ``r``,
    when ``r`` has a label of its own (``over_rows``): as read, for the caller to find them
    among the row above's."""
    if not own_label(segment, r, left):
        return []
    return [
        region for region in segment.row(r) if region.r0 < r and region.x0 >= left and region.confidence is not None
    ]


def two_rows(region: Region) -> Region:
    """A scan's figure cell over two rows, as each row's cell: NULL (confidence 0, ``TWO_ROWS``),
    since which line was whose is never guessed (a blank of one row and the other's figure read
    as one line); a cell without ink is both rows' blank."""
    return region if is_blank(region.text) else replace(region, confidence=0.0, doubt=TWO_ROWS)


def header_end(segment: Segment, candidates: Mapping[str, Sequence[str]]) -> tuple[int, list[Column]]:
    """The last header row of a segment and the columns its headers name (none: no header). On a
    scan, one header OCR could not read is named by its place among the others when the rest
    name every other column of ``candidates`` (in their order: ``inferred.header_in_place``);
    several, when with the rest they are exactly those columns (``inferred.headers_in_place``).
    The header ends above the first figure, or after the rows naming every column (``first_figure_row``)."""
    limit = first_figure_row(segment, candidates)
    header: list[tuple[Region, str | None]] = []
    for region in segment.regions():
        if region.r0 >= limit or not region.text.strip():
            continue
        match = best_match(region.text, candidates)
        header.append((region, match.key if match else None))
    header = [(region, None if _over_headers(region, header) else key) for region, key in header]
    found = [(region, key) for region, key in header if key is not None]
    if not found:
        return -1, []
    columns = [Column(region.x0, region.x1, key) for region, key in found]
    guess = header_in_place(segment, header, [list(candidates)])
    named = [guess] if guess is not None else headers_in_place(segment, header, [list(candidates)], candidates)
    if named:
        damaged = [Column(region.x0, region.x1, key, damaged=region) for region, key in named]
        columns = sorted([*columns, *damaged], key=lambda c: c.x0)
    return max(region.r1 for region, _ in found), columns


def _over_headers(region: Region, header: Sequence[tuple[Region, str | None]]) -> bool:
    """Whether a header cell OCR read stands over two or more header cells of its own columns: a
    group's header (法人或其他组织 over the five kinds of organisation), never a column's, whatever
    a damaged reading of it matched (a one-bit seal over it left ``+」成其他组织``, taken for
    其他组织, other_org, over the cells of the five). A group's cells fill its width: a column's
    header that a grid from the text's places made wider, over the lower headers of the next
    columns only (科研 / 机构 over 社会 / 公益 / 组织 and 法律 / 服务 / 机构, wrapped a line lower), is
    no group. A text layer prints what was published."""
    if region.confidence is None:
        return False
    below = sorted(
        (other.x0, other.x1)
        for other, _ in header
        if other.r0 > region.r1 and region.x0 - _WHOLE <= other.x0 and other.x1 <= region.x1 + _WHOLE
    )
    reach = region.x0
    for x0, x1 in below:
        if x0 > reach + _WHOLE:
            return False  # part of its width has no cell under it
        reach = max(reach, x1)
    return len(below) >= 2 and reach >= region.x1 - _WHOLE


def column_at(columns: Sequence[Column], region: Region) -> Column | None:
    """The header column a cell lies under: the one it shares most of its width with (a value
    cell of a ragged grid reaches under the next header too)."""
    best, most = None, 0.0
    for column in sorted(columns, key=lambda c: c.x0):  # a tie goes left: a cell shifts right
        shared = min(column.x1, region.x1) - max(column.x0, region.x0)
        if shared > most:
            best, most = column, shared
    return best


# A cell holds a header column whole when it reaches this close (points) to both its edges.
_WHOLE = 1.0


def cells_under(columns: Sequence[Column], regions: Sequence[Region], left: float, name: str) -> dict[str, Region]:
    """The figure cell of a row under each header column. Where a header spans two value cells
    (a ragged grid), the one holding a figure is the column's. Two figures under one header are
    read by position when the row has one cell per column (a header set off the figure grid), and
    are an error otherwise."""
    placed = [(region, column) for region in regions if region.x0 >= left and (column := column_at(columns, region))]
    found: dict[str, Region] = {}
    for region, column in placed:
        spanned = [c.code for c in columns if region.x0 - _WHOLE <= c.x0 and c.x1 <= region.x1 + _WHOLE]
        if len(spanned) > 1 and not is_blank(region.text):
            # The rules between its cells are not drawn (Chromium leaves some of a Word page's
            # cell borders out): its text runs their figures together (0 0 0 277 as 000277).
            raise ReportError(
                f"{name}: the text {region.text!r} on page {region.page} fills the cells of "
                f"{', '.join(spanned)} (cells whose rules between them are not drawn)"
            )
        held = found.get(column.code)
        if held is not None and not is_blank(held.text):
            if not is_blank(region.text):
                if len(placed) == len(columns):
                    # A header set off the figure grid (自然人 over its narrow figure cell and part
                    # of the next): one cell per column, so the figures are read by position.
                    ordered = sorted(columns, key=lambda c: c.x0)
                    return {c.code: cell for c, (cell, _) in zip(ordered, sorted(placed, key=lambda p: p[0].x0))}
                raise ReportError(
                    f"{name}: two figures under the header {column.code} on page {region.page}: "
                    f"{held.text!r} and {region.text!r}"
                )
            continue
        found[column.code] = region
    return found


def publish(
    table: str,
    row: str,
    column: str,
    region: Region | None,
    page: int,
    label: str,
    score: float,
    name: str,
    scale: int = 1,
    raw: str | None = None,
) -> Fact:
    """The fact of one published cell; a missing cell counts as published blank. ``raw``: the
    cell's text when the figure is only part of it (a label and its figure in one cell)."""
    if region is not None and region.absent:
        raise missing_cell(name, row, column, region)
    text = region.text if region is not None else ""
    raw = text if raw is None else raw
    confidence = region.confidence if region is not None else None
    doubt = region.doubt if region is not None else None
    try:
        value = parse_number(text, scale)
    except NumberError as exc:
        if confidence is None:
            raise ReportError(f"{name}: cell {row} × {column} on page {page}: {exc}") from None
        value, confidence = None, 0.0  # OCR read something that is not a figure: never guessed at
        doubt = doubt or "OCR read no figure"
    if confidence is not None and value is not None and not column.endswith("_yuan") and "." in clean(text):
        value, confidence, doubt = None, 0.0, doubt or POINT_IN_COUNT
    if confidence is not None and confidence < OCR_MIN_CONFIDENCE:
        value, doubt = None, doubt or OCR_UNSURE
    else:
        doubt = None  # a cell read with confidence is not in doubt
    return Fact(
        table=table,
        row=row,
        column=column,
        value=value,
        page=region.page if region is not None else page,
        raw=raw,
        label=label,
        label_score=score,
        locator=region.locator or None if region is not None else None,
        confidence=confidence,
        doubt=doubt,
    )
