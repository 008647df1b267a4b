"""Ruled tables read from the vector rules of a page, double rules taken as one.

A web page table with ``border="1" cellspacing="1"`` printed by a browser (or a Word table with
spacing between cells) draws every cell as its own box, with a gap to its neighbours inside the
table's outer box: each border of the table is two parallel rules about a point apart, and each
rule stops short of the crossing one. camelot's lattice takes such pairs for two rules (or none
at all, for the thin filled rectangles Chromium draws), so this reader collects the rules the
producers draw (stroked lines and rectangles, thin filled rectangles, and the filled frames
WeasyPrint draws), merges rules that lie within ``DOUBLE`` points of each other into one, and
builds the grid of each table from the merged rules. Each grid cell's text is read from the
characters of pdfium's text layer whose centres fall in the cell, line by line (``glyphs.py``).

The result has the shape of a camelot lattice table (cells with ``right``/``bottom`` edges and
text, ``cols``), so ``segments.Segment`` is built from it the same way.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from pipeline.extract.glyphs import Glyph, lines_of, text_of
from pipeline.extract.numbers import looks_numeric
from pipeline.extract.pageedge import printed_left
from pipeline.extract.runningheads import content_glyphs
from pipeline.extract.segments import spans
from pipeline.extract.textcells import em_of, placed
from pipeline.extract.underlines import without_underlines

# Rules closer than this (PDF points) are one border drawn twice (a double rule), and a rule
# that stops this short of another still meets it.
DOUBLE = 3.0
# A filled shape thinner than this is a rule, not a shaded cell.
THIN = 2.0
# How far (PDF points) text may stand from where it is expected (a cell's edge, the line above).
_INSIDE = 1.0
# The lines of a cell stand at most this many ems apart: a Word export's exact line spacing (30pt
# lines of 12pt text, the department pages of 平潭), a character's box set a little lower too.
_CELL_PITCH = 3.0


@dataclass
class Line:
    at: float  # y of a horizontal rule, x of a vertical one
    start: float
    end: float


@dataclass
class Cell:
    """A grid cell, with the attributes of camelot's cells that ``segments.segment_of`` reads."""

    x1: float
    x2: float
    right: bool
    bottom: bool
    text: str = ""


@dataclass
class RuledTable:
    """A table found by its rules, shaped like a camelot table for ``segments.segment_of``."""

    page: int
    cols: list[tuple[float, float]]
    rows: list[tuple[float, float]]  # top, bottom (PDF y grows upwards)
    cells: list[list[Cell]] = field(default_factory=list)
    order: int = 0


def _transform(matrix: pdfium.PdfMatrix, x: float, y: float) -> tuple[float, float]:
    return matrix.a * x + matrix.c * y + matrix.e, matrix.b * x + matrix.d * y + matrix.f


def _compose(inner: pdfium.PdfMatrix, outer: pdfium.PdfMatrix) -> pdfium.PdfMatrix:
    return pdfium.PdfMatrix(
        inner.a * outer.a + inner.b * outer.c,
        inner.a * outer.b + inner.b * outer.d,
        inner.c * outer.a + inner.d * outer.c,
        inner.c * outer.b + inner.d * outer.d,
        inner.e * outer.a + inner.f * outer.c + outer.e,
        inner.e * outer.b + inner.f * outer.d + outer.f,
    )


def _subpaths(obj, matrix: pdfium.PdfMatrix) -> list[list[tuple[float, float]]]:
    """The path's points in page space, one list per sub-path (closed ones end at their start)."""
    paths: list[list[tuple[float, float]]] = []
    for index in range(raw.FPDFPath_CountSegments(obj)):
        segment = raw.FPDFPath_GetPathSegment(obj, index)
        x, y = raw.FS_FLOAT(), raw.FS_FLOAT()
        raw.FPDFPathSegment_GetPoint(segment, x, y)
        point = _transform(matrix, x.value, y.value)
        if raw.FPDFPathSegment_GetType(segment) == raw.FPDF_SEGMENT_MOVETO or not paths:
            paths.append([point])
        else:
            paths[-1].append(point)
        if raw.FPDFPathSegment_GetClose(segment):
            paths[-1].append(paths[-1][0])
    return paths


def _box(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def _rules_of(obj, matrix: pdfium.PdfMatrix, horizontal: list[Line], vertical: list[Line]) -> None:
    mode, stroke = raw.c_int(), raw.FPDF_BOOL()
    raw.FPDFPath_GetDrawMode(obj, mode, stroke)
    subpaths = _subpaths(obj, matrix)
    if stroke.value:
        for points in subpaths:
            for (xa, ya), (xb, yb) in zip(points, points[1:]):
                if abs(ya - yb) < 0.1 and abs(xa - xb) > THIN:
                    horizontal.append(Line((ya + yb) / 2, min(xa, xb), max(xa, xb)))
                elif abs(xa - xb) < 0.1 and abs(ya - yb) > THIN:
                    vertical.append(Line((xa + xb) / 2, min(ya, yb), max(ya, yb)))
        return
    if not mode.value:
        return
    boxes = [_box(points) for points in subpaths if len(points) > 1]
    for index, (x0, y0, x1, y1) in enumerate(boxes):
        inner = next(
            (b for b in boxes if b != boxes[index] and x0 <= b[0] and b[2] <= x1 and y0 <= b[1] and b[3] <= y1), None
        )
        if inner is not None and max(inner[0] - x0, x1 - inner[2], inner[1] - y0, y1 - inner[3]) <= THIN:
            # A frame (outer and inner rectangle, filled even-odd): a box border of that thickness.
            ix0, iy0, ix1, iy1 = inner
            horizontal += [Line((y0 + iy0) / 2, x0, x1), Line((iy1 + y1) / 2, x0, x1)]
            vertical += [Line((x0 + ix0) / 2, y0, y1), Line((ix1 + x1) / 2, y0, y1)]
        elif y1 - y0 <= THIN < x1 - x0:
            horizontal.append(Line((y0 + y1) / 2, x0, x1))
        elif x1 - x0 <= THIN < y1 - y0:
            vertical.append(Line((x0 + x1) / 2, y0, y1))


def _collect(
    page: pdfium.PdfPage, form, matrix: pdfium.PdfMatrix, horizontal: list[Line], vertical: list[Line]
) -> None:
    """The rules drawn on a page or inside a form XObject of it, in page space."""
    for obj in page.get_objects(max_depth=1, form=form):
        here = _compose(obj.get_matrix(), matrix)
        if obj.type == raw.FPDF_PAGEOBJ_PATH:
            _rules_of(obj.raw, here, horizontal, vertical)
        elif obj.type == raw.FPDF_PAGEOBJ_FORM:
            _collect(page, obj, here, horizontal, vertical)


def merge(lines: list[Line]) -> list[Line]:
    """Rules within ``DOUBLE`` of each other become one at their mean position; collinear pieces
    that meet (within ``DOUBLE``) become one rule."""
    merged: list[Line] = []
    groups: list[list[Line]] = []
    for line in sorted(lines, key=lambda ln: ln.at):
        if groups and line.at - groups[-1][-1].at <= DOUBLE:
            groups[-1].append(line)
        else:
            groups.append([line])
    for group in groups:
        at = sum(line.at for line in group) / len(group)
        pieces = sorted(group, key=lambda ln: ln.start)
        current = Line(at, pieces[0].start, pieces[0].end)
        for piece in pieces[1:]:
            if piece.start <= current.end + DOUBLE:
                current.end = max(current.end, piece.end)
            else:
                merged.append(current)
                current = Line(at, piece.start, piece.end)
        merged.append(current)
    return merged


def tables_of(horizontal: list[Line], vertical: list[Line]) -> list[tuple[list[Line], list[Line]]]:
    """Rules that cross or meet, grouped into tables (connected components)."""
    lines = [("h", line) for line in horizontal] + [("v", line) for line in vertical]
    parent = list(range(len(lines)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (kind_i, a) in enumerate(lines):
        if kind_i != "h":
            continue
        for j, (kind_j, b) in enumerate(lines):
            if (
                kind_j == "v"
                and a.start - DOUBLE <= b.at <= a.end + DOUBLE
                and b.start - DOUBLE <= a.at <= b.end + DOUBLE
            ):
                parent[find(i)] = find(j)
    groups: dict[int, tuple[list[Line], list[Line]]] = {}
    for i, (kind, line) in enumerate(lines):
        group = groups.setdefault(find(i), ([], []))
        group[0 if kind == "h" else 1].append(line)
    return [(h, v) for h, v in groups.values() if len(h) >= 2 and len(v) >= 2]


def _positions(values: list[float]) -> list[float]:
    result: list[float] = []
    for value in sorted(values):
        if not result or value - result[-1] > DOUBLE:
            result.append(value)
    return result


def _covers(lines: list[Line], at: float, middle: float) -> bool:
    return any(abs(line.at - at) <= DOUBLE and line.start - DOUBLE <= middle <= line.end + DOUBLE for line in lines)


def closed(horizontal: list[Line], vertical: list[Line]) -> tuple[list[Line], list[Line]]:
    """A table cut open by the end of a page (browsers draw no rule where a page cuts a row):
    closed where its vertical rules end, so that the part of the row on this page is a row."""
    left, right = min(line.at for line in vertical), max(line.at for line in vertical)
    top, bottom = max(line.end for line in vertical), min(line.start for line in vertical)
    ys = [line.at for line in horizontal]
    closing = [
        Line(y, left, right)
        for y, open_ in ((top, top > max(ys) + DOUBLE), (bottom, bottom < min(ys) - DOUBLE))
        if open_
    ]
    return horizontal + closing, vertical


def grid(page: int, horizontal: list[Line], vertical: list[Line]) -> RuledTable:
    xs = _positions([line.at for line in vertical])
    ys = _positions([line.at for line in horizontal])[::-1]  # top first
    table = RuledTable(page, cols=list(zip(xs, xs[1:])), rows=list(zip(ys, ys[1:])))
    for top, bottom in table.rows:
        middle_y = (top + bottom) / 2
        table.cells.append(
            [
                Cell(
                    x1=x0,
                    x2=x1,
                    right=_covers(vertical, x1, middle_y),
                    bottom=_covers(horizontal, bottom, (x0 + x1) / 2),
                )
                for x0, x1 in table.cols
            ]
        )
    return table


def _close_header(table: RuledTable, texts: dict[tuple[int, int], str]) -> None:
    """Draw the rule missing under a header cell that runs on into the first row of figures and
    holds text on both sides (``texts``: each grid cell's). A header cell never holds a row's
    label: LibreOffice draws no rule under the rest of a cell that a page break split, and the
    first row's label would run into the note above it (…之和） 一、本年新收…)."""
    figures = [
        r
        for r, _ in enumerate(table.rows)
        if any(looks_numeric(texts.get((r, c), "")) for c, _ in enumerate(table.cols))
    ]
    if not figures or figures[0] == 0:
        return
    first = figures[0]
    for r, c, r1, c1 in list(spans(table.cells)):
        above = any(texts.get((i, j)) for i in range(r, first) for j in range(c, c1 + 1))
        below = any(texts.get((i, j)) for i in range(first, r1 + 1) for j in range(c, c1 + 1))
        if r < first <= r1 and above and below:
            for j in range(c, c1 + 1):
                table.cells[first - 1][j].bottom = True


def _overflowed(table: RuledTable, found: dict[tuple[int, int], list[Glyph]]) -> None:
    """A header cell's last line set below its bottom rule, in the cell of the first row of figures
    under it (LibreOffice: 持 of 结果 / 维 / 持, a header row a page end cut, drawn over the 0 under
    it): the lines of a figure cell above its figure that go on from the text of the cell above
    (``_continues_cell``), in a row without figures, are that cell's (``found``: each grid cell's
    characters, moved so)."""

    def numeric(members: list[Glyph]) -> bool:
        return looks_numeric(text_of(members))

    for r in range(1, len(table.rows)):
        above = {c: lines_of(found.get((r - 1, c), [])) for c in range(len(table.cols))}
        if any(numeric([g for line in lines for g in line]) for lines in above.values() if lines):
            continue
        for c, (x0, x1) in enumerate(table.cols):
            lines = lines_of(found.get((r, c), []))
            if len(lines) < 2 or not numeric(lines[-1]):
                continue
            moved: list[Glyph] = []
            for line in lines[:-1]:
                if numeric(line) or not _continues_cell(above[c], line, x0, x1):
                    break
                above[c].append(line)
                moved += line
            if moved:
                found[(r - 1, c)] = found.get((r - 1, c), []) + moved
                gone = {id(g) for g in moved}
                found[(r, c)] = [g for g in found[(r, c)] if id(g) not in gone]


def _fill(table: RuledTable, chars: list[Glyph]) -> None:
    xs = [x0 for x0, _ in table.cols] + [table.cols[-1][1]]
    ys = [-top for top, _ in table.rows] + [-table.rows[-1][1]]  # ascending
    found: dict[tuple[int, int], list[Glyph]] = {}
    # Each character goes to the cell under its centre, a figure printed across a rule to the cell
    # under its middle (``textcells.placed``).
    for x, run in placed(chars, xs):
        c = bisect.bisect_right(xs, x) - 1
        for char in run:
            r = bisect.bisect_right(ys, -char.yc) - 1
            if 0 <= c < len(table.cols) and 0 <= r < len(table.rows):
                found.setdefault((r, c), []).append(char)
    _overflowed(table, found)
    _close_header(table, {key: text_of(members) for key, members in found.items()})
    # Text is set per merged cell, so that its lines keep their order across the grid columns
    # it covers; it goes to the merged cell's first grid cell.
    for r, c, r1, c1 in spans(table.cells):
        members = [char for i in range(r, r1 + 1) for j in range(c, c1 + 1) for char in found.get((i, j), [])]
        table.cells[r][c].text = text_of(members) if members else ""


def _pages_with_rules(path: Path, pages: list[int]) -> Iterator[tuple[int, pdfium.PdfPage, list[Line], list[Line]]]:
    """Each of ``pages`` (1-based) the document has, with the horizontal and vertical rules it draws."""
    document = pdfium.PdfDocument(path)
    try:
        for number in sorted(set(pages)):
            if number > len(document):
                continue
            page = document[number - 1]
            horizontal: list[Line] = []
            vertical: list[Line] = []
            _collect(page, None, pdfium.PdfMatrix(), horizontal, vertical)
            try:
                yield number, page, horizontal, vertical
            finally:
                page.close()
    finally:
        document.close()


def draws_rules(path: Path, pages: list[int]) -> bool:
    """Whether any of ``pages`` draws a rule, or holds an image (where a rendering may show one)."""
    for _, page, horizontal, vertical in _pages_with_rules(path, pages):
        if horizontal or vertical or any(obj.type == raw.FPDF_PAGEOBJ_IMAGE for obj in page.get_objects(max_depth=2)):
            return True
    return False


def past_the_page(horizontal: list[Line], vertical: list[Line], chars: list[Glyph], edge: float) -> None:
    """A table set wider than its page (LibreOffice on A5): the producer draws its right border at
    the page's edge (``edge``), but the text of the columns past it is still in the page's
    content, where a viewer does not show it. That text is the last column's, which then reaches
    past the page, as far as another page's width (every page of the table alike, so that its
    parts still line up); unless the text of a line past the last rule is more than one piece
    (columns beyond the page whose rules were not drawn): the table is then left as drawn, and
    its cells there are not found."""
    right = max(line.at for line in vertical)
    xs = _positions([line.at for line in vertical])
    if right < edge - DOUBLE or len(xs) < 2:
        return
    top, bottom = max(line.at for line in horizontal), min(line.at for line in horizontal)
    last = [char for char in chars if bottom < char.yc < top and char.xc > xs[-2]]
    for line in lines_of(last):
        em = em_of(line)
        if any(glyph.x0 - before.x1 > em and glyph.xc > right for before, glyph in zip(line, line[1:])):
            return
    wider = 2 * edge
    for line in vertical:
        if line.at >= right - DOUBLE:
            line.at = wider
    for line in horizontal:
        if line.end >= right - DOUBLE:
            line.end = wider


def clipped_left(horizontal: list[Line], vertical: list[Line], left: float | None) -> None:
    """A table set past the left edge of the printed area (a negative margin, Chromium): the
    producer leaves out the drawings wholly outside the area, its left border among them, and
    keeps the rules that cross the edge, drawn from the table's true left. Those rules still start
    at the border's place, left of the edge and of every vertical rule drawn: the border is put
    back there, from the highest of them to the lowest, so that the first column is a column."""
    if left is None:
        return
    first = min(line.at for line in vertical)
    starting = [line for line in horizontal if line.start < left - DOUBLE and line.start < first - DOUBLE]
    if len(starting) < 2 or first < left:
        return
    at = min(line.start for line in starting)
    starting = [line for line in starting if line.start - at <= DOUBLE]
    if len(starting) >= 2:
        vertical.append(Line(at, min(line.at for line in starting), max(line.at for line in starting)))


def _last_lines(chars: list[Glyph], x0: float, x1: float, top: float, bottom: float) -> list[list[Glyph]]:
    return lines_of([char for char in chars if x0 < char.xc < x1 and bottom < char.yc < top])


def _continues_cell(lines: list[list[Glyph]], line: list[Glyph], x0: float, x1: float) -> bool:
    """Whether ``line`` is the next line of a cell (``x0``-``x1``) whose text is ``lines``: inside
    the cell, one line pitch below its last line (the pitch of its lines, or one to three ems), and
    set as that line is (starting where it starts, or centred where it is centred)."""
    if not lines or line[0].x0 < x0 - _INSIDE or line[-1].x1 > x1 + _INSIDE:
        return False
    last = lines[-1]
    # The wider measure of the two lines: a character's box may be narrower than its em (自 beside
    # 然 in the same 16pt font, 11 points wide), never wider.
    em = max(em_of(last), em_of(line))
    drop = last[0].base - line[0].base
    if len(lines) > 1:
        pitch = lines[-2][0].base - last[0].base
        if abs(drop - pitch) > 0.2 * pitch:
            return False
    elif not em <= drop <= _CELL_PITCH * em:
        return False
    left = abs(line[0].x0 - last[0].x0) <= _INSIDE
    centred = abs((line[0].x0 + line[-1].x1) - (last[0].x0 + last[-1].x1)) <= 2 * _INSIDE
    return left or centred


def _inside(line: list[Glyph], x0: float, x1: float) -> bool:
    return line[0].x0 >= x0 - _INSIDE and line[-1].x1 <= x1 + _INSIDE


def _run_on(horizontal: list[Line], vertical: list[Line], chars: list[Glyph], floor: float) -> None:
    """A header row cut by the end of a page, whose text the producer sets on past the table's
    last rule (WeasyPrint: the second line of 结果 / 维持 below the rule, in the page margin): the
    lines under a cell of the last row that go on from its text (``_continues_cell``) are that
    cell's, and the row reaches down to them. Only a row without figures (a header), and only
    text above ``floor`` (the next rule drawn below the table)."""
    ys = _positions([line.at for line in horizontal])
    if len(ys) < 2:
        return
    bottom, above = ys[0], ys[1]
    middle = (bottom + above) / 2
    xs = [x for x in _positions([line.at for line in vertical]) if _covers(vertical, x, middle)]
    if len(xs) < 2:
        return
    cells = list(zip(xs, xs[1:]))
    texts = {cell: _last_lines(chars, *cell, above, bottom) for cell in cells}
    if any(looks_numeric(text_of([g for line in lines for g in line])) for lines in texts.values() if lines):
        return
    below = [c for c in chars if floor < c.yc < bottom and xs[0] <= c.xc <= xs[-1]]
    lowest = bottom
    for line in lines_of(below):
        parts: dict[tuple[float, float], list[Glyph]] = {}
        for glyph in line:
            cell = next((cell for cell in cells if cell[0] < glyph.xc < cell[1]), None)
            if cell is None:
                return
            parts.setdefault(cell, []).append(glyph)
        going_on = [cell for cell, part in parts.items() if _continues_cell(texts[cell], part, *cell)]
        # A cell blank above the rule begins here (its text centred lower in the row), when the
        # line goes on from the others' text: the line is the row's, not a line under the table.
        if not going_on or any(
            cell not in going_on and (texts[cell] or not _inside(part, *cell)) for cell, part in parts.items()
        ):
            break
        for cell, part in parts.items():
            texts[cell].append(part)
        lowest = min(glyph.y0 for glyph in line)
    if lowest >= bottom:
        return
    reach = lowest - _INSIDE
    for line in horizontal:
        if abs(line.at - bottom) <= DOUBLE:
            line.at = reach
    for line in vertical:
        if abs(line.start - bottom) <= DOUBLE:
            line.start = reach


def _floor(horizontal: list[Line], left: float, right: float, bottom: float) -> float:
    """The nearest rule drawn under ``bottom`` between ``left`` and ``right`` (another table)."""
    under = [line.at for line in horizontal if line.at < bottom - DOUBLE and line.start < right and left < line.end]
    return max(under, default=float("-inf"))


# An image this share of its page's width and height at least: a picture of a table (a logo, a
# seal or a signature is far smaller; a table's picture spans the text's width and a few rows).
_PICTURE_WIDTH = 0.4
_PICTURE_HEIGHT = 0.05


def pages_with_pictures(path: Path, pages: list[int]) -> dict[int, list[tuple[float, float, float, float]]]:
    """Those of ``pages`` that hold an image as wide as a table (a picture of one pasted under
    its typed heading, which the text layer does not hold), with the bounds of each such image
    (left, bottom, right, top, in PDF points)."""
    found: dict[int, list[tuple[float, float, float, float]]] = {}
    for number, page, _, _ in _pages_with_rules(path, pages):
        width, height = page.get_width(), page.get_height()
        for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=2):
            left, bottom, right, top = obj.get_bounds()
            if right - left >= _PICTURE_WIDTH * width and top - bottom >= _PICTURE_HEIGHT * height:
                found.setdefault(number, []).append((left, bottom, right, top))
    return found


def read_ruled(path: Path, pages: list[int]) -> list[RuledTable]:
    """The ruled tables on ``pages`` (1-based), top to bottom on each page."""
    tables = []
    for number, page, horizontal, vertical in _pages_with_rules(path, pages):
        chars = content_glyphs(path, number, page) if horizontal and vertical else []
        horizontal, vertical = merge(without_underlines(horizontal, chars)), merge(vertical)
        groups = [closed(h, v) for h, v in tables_of(horizontal, vertical)]
        edge = min(page.get_cropbox()[2], page.get_mediabox()[2])
        left = printed_left(page)
        for h, v in groups:
            clipped_left(h, v, left)
            floor = _floor(
                horizontal, min(line.at for line in v), max(line.at for line in v), min(line.at for line in h)
            )
            past_the_page(h, v, chars, edge)
            _run_on(h, v, chars, floor)
        found = [grid(number, h, v) for h, v in groups]
        found = [table for table in found if table.cols and table.rows]
        found.sort(key=lambda t: -t.rows[0][0])
        for order, table in enumerate(found, start=1):
            table.order = order
            _fill(table, chars)
        tables += found
    return tables
