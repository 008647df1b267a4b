"""A header or row label that OCR could not read, named by its place among the others.

On a scan a seal stamped over a header cell (or a row label) may leave its text unreadable
(本年增/减 read ``本年地`` under a one-bit seal's erased ring): the column or row is then not
recognised and the report fails. When every other header of the row (every other label) matched
the template, the one cell left can only be the template's one code left at its place: it is
read as that code, and a note says so. Table 四 prints its headers on two levels (the
proceedings; the results, once under each proceeding): one cell of either level is named among
the cells of its level (``nested_in_place``). Nothing is inferred when two or more cells are unmatched,
when the matched ones do not stand in the template's order, when more than one code could stand
there, or when the text was not read by OCR (a text layer or a web page prints its labels as
they are: an unknown label there is what was published).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pipeline.extract.labels import compact
from pipeline.extract.numbers import is_blank, looks_numeric
from pipeline.extract.segments import Region, Segment


def ocr_read(regions: Iterable[Region]) -> bool:
    """Whether text was read by OCR (a scan or a picture), where a seal may have damaged it."""
    regions = list(regions)
    return bool(regions) and all(region.confidence is not None for region in regions)


def in_place(printed: Sequence[str | None], orders: Iterable[Sequence[str]], whole: bool) -> str | None:
    """The code the one unknown entry (``None``) of ``printed`` stands for: ``printed`` holds the
    codes matched, in the order they are printed (left to right, or top to bottom), and ``None``
    where the one cell that matched nothing stands. ``orders`` are the template's sequences the
    printed ones may follow (the headers of table 二 differ by section); in each, the matched codes
    must stand in order, and exactly one code of it lie unmatched between the neighbours of the
    unknown cell (an order with none there is not the report's; one with two leaves it open). ``whole``: the printed cells are all of the sequence (a header row), so the code
    is the one remaining. ``None`` unless exactly one code fits, in every order that fits."""
    if printed.count(None) != 1:
        return None
    at = printed.index(None)
    known = [code for code in printed if code is not None]
    if len(set(known)) != len(known):
        return None
    answers: set[str] = set()
    for order in orders:
        if any(code not in order for code in known) or (whole and len(order) != len(printed)):
            continue
        places = [order.index(code) for code in known]
        if places != sorted(places):
            continue
        start = places[at - 1] + 1 if at > 0 else 0
        end = places[at] if at < len(places) else len(order)
        gap = [code for code in order[start:end] if code not in known]
        if len(gap) == 1:
            answers.add(gap[0])
        elif gap:
            return None  # an order the matched codes follow leaves the place open: not told
        # No code left there: the report does not follow that order (a row stands where it has none).
    return answers.pop() if len(answers) == 1 else None


def over_figures(segment: Segment, region: Region) -> bool:
    """Whether a figure (or a blank mark) stands under a header cell in its segment: a header of
    a figure column, not of the labels' column."""
    for c, (x0, x1) in enumerate(segment.cols):
        if not region.x0 <= (x0 + x1) / 2 <= region.x1:
            continue
        for r in range(region.r1 + 1, segment.nrows):
            cell = segment.at[r][c]
            if cell.r0 == r and cell.text.strip() and (looks_numeric(cell.text) or is_blank(cell.text)):
                return True
    return False


# What a named cell is, and what the template has one of left at its place.
_LEFT = {"header": "column", "row label": "row"}


def place_note(name: str, kind: str, text: str, page: int, code: str) -> str:
    """The note that says a ``kind`` of cell ("header" or "row label") OCR could not read was named
    ``code`` by its place."""
    return (
        f"{name}: the {kind} {compact(text)!r} on page {page} (OCR could not read it) "
        f"read as {code}, the template's one {_LEFT[kind]} left at its place"
    )


def _unread(segment: Segment, header: Sequence[tuple[Region, str | None]]) -> Region | None:
    """The one cell of ``header`` (cells and the code each matched, ``None`` for none) that
    matched nothing where one may be named by its place: the cells read by OCR, some matched, and
    exactly one unmatched cell over figures, beside (not over) the cells matched."""
    matched = [region for region, code in header if code is not None]
    if not matched or not ocr_read(region for region, _ in header if region.text.strip()):
        return None
    unknown = [
        region
        for region, code in header
        if code is None
        and region.text.strip()
        and not any(min(region.x1, m.x1) - max(region.x0, m.x0) > 0 for m in matched)
        and over_figures(segment, region)
    ]
    return unknown[0] if len(unknown) == 1 else None


def header_in_place(
    segment: Segment, header: Sequence[tuple[Region, str | None]], orders: Iterable[Sequence[str]]
) -> tuple[Region, str] | None:
    """The one header cell of a header row (its cells and the code each matched, ``None`` for
    none) that matched nothing, and the code it stands for: a cell read by OCR, over figures,
    beside (not over) the columns matched, where exactly one column of the template is left (see
    ``in_place``). An amount's header (a code in ``_yuan``) states its unit (元, 万元), which a
    damaged header may have lost: it is never inferred."""
    found = nested_in_place(segment, header, orders)
    return None if found is None or found[1].endswith("_yuan") else found


def nested_in_place(
    segment: Segment,
    header: Sequence[tuple[Region, str | None]],
    orders: Iterable[Sequence[str]],
    over: Sequence[Region] = (),
) -> tuple[Region, str] | None:
    """The one cell of one level of a header block that matched nothing, and the code it stands
    for (a header row; table 四: its proceedings, printed once each, or its results, printed once
    under each proceeding). ``header``: the block's cells with the code of ``orders`` each matched
    (``None`` for none; cells matched at another level left out). The cell: read by OCR, over
    figures, beside (not over) the cells matched; where the codes are printed once under each cell
    of ``over`` (the results under their proceeding), the one cell of ``over`` above it decides
    which matched cells are its neighbours. It is the one code left at its place among them, in
    every order of ``orders`` they follow (``in_place``)."""
    cell = _unread(segment, header)
    if cell is None:
        return None
    matched = [(region, code) for region, code in header if code is not None]
    if over:
        above = [parent for parent in over if parent.x0 <= cell.xc <= parent.x1]
        if len(above) != 1:
            return None
        matched = [(region, code) for region, code in matched if above[0].x0 <= region.xc <= above[0].x1]
    cells = sorted([*matched, (cell, None)], key=lambda pair: pair[0].xc)
    code = in_place([code for _, code in cells], orders, whole=True)
    return None if code is None else (cell, code)
