"""Headers and row labels that OCR could not read, named by their place among the others.

On a scan a seal stamped over a header cell (or a row label) may leave its text unreadable
(本年增/减 read ``本年地`` under a one-bit seal's erased ring): the column or row is then not
recognised and the report fails. When every other header of the row (every other label) matched
the template, the one cell left can only be the template's one code left at its place: it is
read as that code, and a note says so. Table 四 prints its headers on two levels (the
proceedings; the results, once under each proceeding): one cell of either level is named among
the cells of its level (``nested_in_place``).

A one-bit scan of a face whose horizontal strokes are hairlines (WPS's Song) loses them under the
scanner's threshold across the whole table, and OCR reads many labels as other characters (其他
as 具他). Two or more unmatched cells are named only where the page proves every one
(``in_places``, ``headers_in_place``): with the cells matched they are exactly the template's
rows or columns, the matched ones stand in its order, so each unmatched one stands at the place of
the one code left there, and its text is no better a match for any other code. The figures of
such a table lost strokes too, so they are kept only where a published sum proves them
(``sums.py``). Where table 四's proceeding and the results under it are unread together, the grid
proves both levels at once (``spans_in_place``): each proceeding spans exactly the template's
results.

Nothing is inferred when the matched cells do not stand in the template's order, when more than
one code could stand at a place, or when the text was not read by OCR (a text layer or a web page
prints its labels as they are: an unknown label there is what was published).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from pipeline.extract.labels import compact, similarity
from pipeline.extract.numbers import is_blank, looks_numeric
from pipeline.extract.segments import Region, Segment


def ocr_read(regions: Iterable[Region]) -> bool:
    """Whether text was read by OCR (a scan or a picture), where a seal may have damaged it."""
    regions = list(regions)
    return bool(regions) and all(region.confidence is not None for region in regions)


def in_place(printed: Sequence[str | None], orders: Iterable[Sequence[str]], whole: bool) -> str | None:
    """The code the one unknown entry (``None``) of ``printed`` stands for (``in_places``), or
    ``None`` unless exactly one entry is unknown and exactly one code fits there."""
    if printed.count(None) != 1:
        return None
    named = in_places(printed, orders, whole)
    return named[0] if named is not None else None


def in_places(printed: Sequence[str | None], orders: Iterable[Sequence[str]], whole: bool) -> list[str] | None:
    """The codes the unknown entries (``None``) of ``printed`` stand for, in their order:
    ``printed`` holds the codes matched, in the order they are printed (left to right, or top to
    bottom), and ``None`` where a cell that matched nothing stands. ``orders`` are the template's
    sequences the printed ones may follow (the headers of table 二 differ by section); in each,
    the matched codes must stand in order, and each run of unknown cells between two matched
    neighbours must have exactly as many codes of the order left between those neighbours (an
    order with fewer there is not the report's; one with more leaves a place open). ``whole``:
    the printed cells are all of the sequence (a header row). ``None`` unless one answer fits, the
    same in every order that fits."""
    known = [code for code in printed if code is not None]
    if None not in printed or len(set(known)) != len(known):
        return None
    answers: set[tuple[str, ...]] = set()
    for order in orders:
        if any(code not in order for code in known) or (whole and len(order) != len(printed)):
            continue
        places = [order.index(code) for code in known]
        if places != sorted(places):
            continue
        named: list[str] = []
        for before, run in _runs(printed):
            start = places[before - 1] + 1 if before > 0 else 0
            end = places[before] if before < len(places) else len(order)
            gap = list(order[start:end])
            if len(gap) > run:
                return None  # an order the matched codes follow leaves a place open: not told
            if len(gap) < run:
                break  # fewer codes left there than cells: the report does not follow that order
            named += gap
        else:
            answers.add(tuple(named))
    return list(answers.pop()) if len(answers) == 1 else None


def _runs(printed: Sequence[str | None]) -> list[tuple[int, int]]:
    """Each run of unknown entries of ``printed``: how many matched entries stand before it, and
    how many unknown entries it holds."""
    runs: list[tuple[int, int]] = []
    before = 0
    for index, code in enumerate(printed):
        if code is not None:
            before += 1
        elif index > 0 and printed[index - 1] is None:
            runs[-1] = (before, runs[-1][1] + 1)
        else:
            runs.append((before, 1))
    return runs


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


def _unread(segment: Segment, header: Sequence[tuple[Region, str | None]]) -> list[Region]:
    """The cells of ``header`` (cells and the code each matched, ``None`` for none) that matched
    nothing where they may be named by their place: the cells read by OCR, some matched, and the
    unmatched cells over figures, beside (not over) the cells matched."""
    matched = [region for region, code in header if code is not None]
    if not matched or not ocr_read(region for region, _ in header if region.text.strip()):
        return []
    return [
        region
        for region, code in header
        if code is None
        and region.text.strip()
        and not any(min(region.x1, m.x1) - max(region.x0, m.x0) > 0 for m in matched)
        and over_figures(segment, region)
    ]


def no_better(text: str, code: str, candidates: Mapping[str, Iterable[str]]) -> bool:
    """Whether ``text`` is no better a match for any other code of ``candidates`` than for
    ``code``: what OCR kept of a label does not name another one."""
    score = max(similarity(text, label) for label in candidates[code])
    return all(
        similarity(text, label) <= score for key, labels in candidates.items() if key != code for label in labels
    )


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
    unread = _unread(segment, header)
    if len(unread) != 1:
        return None
    cell = unread[0]
    matched = [(region, code) for region, code in header if code is not None]
    if over:
        above = [parent for parent in over if parent.x0 <= cell.xc <= parent.x1]
        if len(above) != 1:
            return None
        matched = [(region, code) for region, code in matched if above[0].x0 <= region.xc <= above[0].x1]
    cells = sorted([*matched, (cell, None)], key=lambda pair: pair[0].xc)
    code = in_place([code for _, code in cells], orders, whole=True)
    return None if code is None else (cell, code)


def headers_in_place(
    segment: Segment,
    header: Sequence[tuple[Region, str | None]],
    orders: Iterable[Sequence[str]],
    candidates: Mapping[str, Iterable[str]],
    over: Sequence[Region] = (),
) -> list[tuple[Region, str]]:
    """Two or more header cells of one level of a header block that matched nothing (a one-bit
    scan that lost a face's hairline strokes keeps too little of them), each with the code it
    stands for; none unless the page proves every one. The cells: read by OCR, over figures,
    beside (not over) the cells matched; with the matched ones they are exactly the template's
    columns (under each cell of ``over`` they stand under, where the codes are printed once under
    each: table 四's results under their proceeding), the matched ones in its order, so each
    unmatched cell stands at the place of the one code left there (``in_places``), and its text
    is no better a match for another code (``no_better``). An amount's header (a code in
    ``_yuan``) is never named (its unit may be lost)."""
    unread = _unread(segment, header)
    if len(unread) < 2:
        return []
    orders = list(orders)
    matched = [(region, code) for region, code in header if code is not None]
    groups: list[tuple[list[tuple[Region, str | None]], list[Region]]] = []
    for parent in over or [None]:

        def under(region: Region, parent: Region | None = parent) -> bool:
            return parent is None or parent.x0 <= region.xc <= parent.x1

        cells = [region for region in unread if under(region)]
        if cells:
            groups.append(([pair for pair in matched if under(pair[0])], cells))
    if sum(len(cells) for _, cells in groups) != len(unread):
        return []  # a cell under no cell of ``over``, or under two
    named: list[tuple[Region, str]] = []
    for known, cells in groups:
        printed = sorted([*known, *((region, None) for region in cells)], key=lambda pair: pair[0].xc)
        codes = in_places([code for _, code in printed], orders, whole=True)
        if codes is None:
            return []
        named += zip([region for region, code in printed if code is None], codes)
    if any(code.endswith("_yuan") or not no_better(region.text, code, candidates) for region, code in named):
        return []
    return named


def spans_in_place(
    segment: Segment,
    limit: int,
    header: Sequence[tuple[Region, str | None]],
    outer: Mapping[str, Sequence[str]],
    inner: Mapping[str, Sequence[str]],
) -> list[tuple[Region, str]]:
    """The cells of a two-level header block above grid row ``limit`` that matched nothing, each
    with the code it stands for, named at both levels together (table 四: a proceeding and the
    results under it unread at once); none unless the page proves every one. ``header``: the
    block's cells with the code each matched (of ``outer`` or ``inner``, ``None`` for none).

    The grid proves the levels: a cell of the outer level spans columns the cells directly under
    it fill exactly, ``len(inner)`` of them, each down to the figures; a block printed as the
    template prints it has each inner code once under each outer cell, so the outer cells are
    exactly the template's outer codes and the cells under each exactly its inner ones. The matched
    cells must stand in the template's order at both levels, every matched cell in that structure,
    every column's header over figures under an outer cell; then each unmatched cell stands at the
    place of the one code left there (``in_places``), and its text must be no better a match for
    another code of either level (``no_better``)."""
    cells = [region for region, _ in header]
    if not cells or not ocr_read(cells):
        return []
    code = {id(region): key for region, key in header}
    spans = {id(cell): under for cell in cells if (under := _spanned(segment, cell, limit, len(inner)))}
    parents = sorted((cell for cell in cells if id(cell) in spans), key=lambda region: region.xc)
    placed = {id(region) for region in [*parents, *(child for parent in parents for child in spans[id(parent)])]}
    if any(
        id(region) not in placed and (code[id(region)] is not None or _over_all(segment, region, limit))
        for region in cells
    ):
        return []  # a cell matched, or a column's header, outside the two levels: not the template's block
    levels = [(parents, outer), *((spans[id(parent)], inner) for parent in parents)]
    named: list[tuple[Region, str]] = []
    for level, candidates in levels:
        found = _level(segment, level, code, candidates, {**outer, **inner})
        if found is None:
            return []
        named += found
    return named


def _columns(segment: Segment, region: Region) -> set[int]:
    return {c for c, (x0, x1) in enumerate(segment.cols) if region.x0 <= (x0 + x1) / 2 <= region.x1}


def _spanned(segment: Segment, cell: Region, limit: int, count: int) -> list[Region]:
    """The ``count`` cells directly under ``cell`` that fill its columns, each down to grid row
    ``limit - 1`` (the header's last), left to right; empty unless there are exactly so many."""
    if cell.r1 + 1 >= limit:
        return []
    columns = _columns(segment, cell)
    under: list[Region] = []
    for c in sorted(columns):
        region = segment.at[cell.r1 + 1][c]
        if region is not None and not any(region is seen for seen in under):
            under.append(region)
    fits = all(
        region.r0 == cell.r1 + 1
        and region.r1 == limit - 1
        and region.text.strip()
        and _columns(segment, region) <= columns
        for region in under
    )
    return under if fits and len(under) == count else []


def _over_all(segment: Segment, region: Region, limit: int) -> bool:
    """Whether ``region`` is a column's header: down to the header's last row, over figures."""
    return region.r1 == limit - 1 and over_figures(segment, region)


def _level(
    segment: Segment,
    level: Sequence[Region],
    code: Mapping[int, str | None],
    candidates: Mapping[str, Sequence[str]],
    every: Mapping[str, Sequence[str]],
) -> list[tuple[Region, str]] | None:
    """The cells of ``level`` (left to right) that matched nothing, each with the code of
    ``candidates`` its place names; ``None`` unless the cells are exactly the template's codes in
    its order and each unmatched one is over figures and no better a match for another code of
    ``every`` (either level)."""
    printed = [code[id(region)] for region in level]
    if any(key is not None and key not in candidates for key in printed):
        return None  # a cell of this level matched the other level
    if None not in printed:
        return [] if printed == list(candidates) else None
    keys = in_places(printed, [list(candidates)], whole=True)
    if keys is None:
        return None
    named = list(zip([region for region in level if code[id(region)] is None], keys, strict=True))
    if all(over_figures(segment, region) and no_better(region.text, key, every) for region, key in named):
        return named
    return None
