"""Tables set without rules (Word borders off, ``<table border="0">`` printed by a browser, WPS
exports), read from the positions of their text in pdfium's text layer.

The structure is taken from what the page shows:

- **Where a table is**: runs of lines other than running text. A line of running text is one
  piece of text set in the size of the page's full lines (a heading, a paragraph's last line
  too); tables set in that same size as one-piece lines are beyond this reader. A page number
  at the top or bottom of the page is no part of a table.
- **Cells**: the characters of a line that stand together are one piece of text; pieces stacked
  at the pitch of a wrapped line (the smallest line distance of the table, if it is one) and
  overlapping horizontally are the lines of one cell: a wrapped label, a multi-line header.
- **Columns**: each column of figures (figures are centred in their column) is one value column,
  bounded halfway to its neighbours; the text left of the first is the label area, whose columns
  start where its cells' text starts. A header over the figures covers the value column under
  its centre and grows to both sides as far as the headers beside it allow (a header names the
  columns it is centred over: 行政复议 over five, 行政诉讼 over ten).
- **Rows**: a row is where a label of the label column (a label with no other label to its right;
  a wrapped label is one) and the figures beside it lie; a header line is a row of its own; a
  label beside several rows (a group label, a vertical block title) spans the rows it lies beside.

The result is a ``grid.Segment`` like the ruled readers', so the same mapping reads it. Text that
falls in a cell already taken is an error naming both texts; nothing is ever guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from statistics import median

import pypdfium2 as pdfium

from pipeline.extract.glyphs import Glyph, lines_of, page_glyphs, text_of
from pipeline.extract.grid import Region, Segment
from pipeline.extract.numbers import BLANK_MARKS, looks_numeric
from pipeline.facts import ReportError

# Characters of one line further apart than this share of an em, with no space set between
# them, are separate pieces (the characters of a word touch; cells keep a margin).
_APART = 0.25
# The lines of a wrapped cell are at most this many ems apart, and lines of one
# cell at most this much further apart than the table's closest lines.
_WRAP = 1.6
_PITCH = 1.15
# Header texts whose centres are closer than this share of an em share a row.
_LEVEL = 0.25
# Texts of two rows may touch (or overlap by this much, PDF points): a row's texts overlap more.
_TOUCH = 1.0
# A header centred this close to a column boundary (share of the column) spans both columns.
_ON_BOUNDARY = 0.15
# A line of running text fills at least this share of the text width (unless it ends a paragraph).
_FULL = 0.6
_PAGE_NUMBER = re.compile(r"[-—–\s]*(第\s*)?\d+(\s*页)?(\s*/\s*\d+)?[-—–\s]*")


@dataclass
class _Block:
    """A piece of text, or the lines of one cell."""

    glyphs: list[Glyph]

    @property
    def text(self) -> str:
        return text_of(self.glyphs)

    @property
    def x0(self) -> float:
        return min(g.x0 for g in self.glyphs)

    @property
    def x1(self) -> float:
        return max(g.x1 for g in self.glyphs)

    @property
    def y0(self) -> float:
        return min(g.y0 for g in self.glyphs)

    @property
    def y1(self) -> float:
        return max(g.y1 for g in self.glyphs)

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def yc(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def em(self) -> float:
        return _em(self.glyphs)

    @property
    def figure(self) -> bool:
        text = "".join(self.text.split())
        return looks_numeric(text) or (bool(text) and not text.strip(BLANK_MARKS))  # a figure or a dash


def _em(glyphs: list[Glyph]) -> float:
    """The size of the text: the width of its CJK characters (each one em wide), else the
    height of its characters (producers' character boxes differ in height, not in width)."""
    widths = [g.x1 - g.x0 for g in glyphs if g.text >= "\u3000"]
    return median(widths) if widths else median(g.height for g in glyphs)


def _pieces(line: list[Glyph]) -> list[_Block]:
    """A line cut where its characters stand apart; a figure and its unit ("12 万元") stay one."""
    pieces = [[line[0]]]
    em = _em(line)
    for before, glyph in zip(line, line[1:]):
        apart = glyph.x0 - before.x1 > _APART * em
        if apart and not glyph.spaced:
            pieces.append([glyph])
        else:
            pieces[-1].append(glyph)
    blocks = [_Block(pieces[0])]
    for piece in pieces[1:]:
        joined = _Block(blocks[-1].glyphs + piece)
        if joined.figure and not _Block(piece).figure:
            blocks[-1] = joined
        else:
            blocks.append(_Block(piece))
    return blocks


def _lines(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """The lines of a page, without a page number at its top or bottom."""
    lines = lines_of(glyphs)
    for end in (0, -1):
        if lines and _PAGE_NUMBER.fullmatch("".join(g.text for g in lines[end])):
            lines.pop(end)
    return lines


def _body_sizes(pages: list[list[Glyph]]) -> set[float]:
    """The sizes of running text: of the lines of one piece that fill most of the text width."""
    sizes: set[float] = set()
    width = max((max(g.x1 for g in glyphs) - min(g.x0 for g in glyphs) for glyphs in pages if glyphs), default=0.0)
    for glyphs in pages:
        for line in _lines(glyphs):
            found = _pieces(line)
            if len(found) == 1 and found[0].x1 - found[0].x0 >= _FULL * width:
                sizes.update(g.size for g in line)
    return sizes


def _extents(glyphs: list[Glyph], body: set[float]) -> list[list[_Block]]:
    """The pieces of text of each table on a page, top to bottom: runs of lines other than
    running text (a line of one piece set in a size of running text: ``body``). Only a run with
    figures is a table, or one that continues a table on the next page."""
    extents: list[list[_Block]] = [[]]
    for line in _lines(glyphs):
        found = _pieces(line)
        if len(found) > 1 or sum(g.size in body for g in line) * 2 < len(line):
            extents[-1] += found
        elif extents[-1]:
            extents.append([])
    return [extent for extent in extents if extent]


def _overlap(a: _Block, b: _Block) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1


def _cells(pieces: list[_Block]) -> list[_Block]:
    """Pieces of text stacked at the pitch of a wrapped line, overlapping, as one cell each."""
    pieces = sorted(pieces, key=lambda p: -p.yc)
    distances = [
        upper.yc - lower.yc
        for i, upper in enumerate(pieces)
        for lower in pieces[i + 1 :]
        if _overlap(upper, lower) and 0 < upper.yc - lower.yc <= _WRAP * upper.em
    ]
    limit = min(distances) * _PITCH if distances else 0.0
    cells: list[_Block] = []
    last_line: dict[int, _Block] = {}  # cell index -> its lowest line
    for piece in pieces:
        into = next(
            (
                index
                for index, line in last_line.items()
                if _overlap(line, piece) and 0 < line.yc - piece.yc <= limit
            ),
            None,
        )
        if into is None:
            cells.append(_Block(list(piece.glyphs)))
            into = len(cells) - 1
        else:
            cells[into].glyphs += piece.glyphs
        last_line[into] = piece
    return cells


def _centres(figures: list[_Block]) -> list[float]:
    """The centres of the columns of figures (figures are centred in their column)."""
    em = median(f.em for f in figures)
    centres: list[list[float]] = []
    for xc in sorted(f.xc for f in figures):
        if centres and xc - centres[-1][-1] <= 0.6 * em:
            centres[-1].append(xc)
        else:
            centres.append([xc])
    return [sum(c) / len(c) for c in centres]


def _value_columns(centres: list[float], em: float) -> list[tuple[float, float]]:
    """Columns around their centres, each bounded halfway to its neighbours."""
    first = (centres[1] - centres[0]) / 2 if len(centres) > 1 else em
    last = (centres[-1] - centres[-2]) / 2 if len(centres) > 1 else em
    edges = [centres[0] - first] + [(a + b) / 2 for a, b in zip(centres, centres[1:])] + [centres[-1] + last]
    return list(zip(edges, edges[1:]))


def _rows(anchors: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Overlapping vertical extents joined, top to bottom (PDF y grows upwards): (top, bottom)."""
    rows: list[list[float]] = []
    for top, bottom in sorted(anchors, key=lambda a: -a[0]):
        if rows and top > rows[-1][1] + _TOUCH:
            rows[-1][1] = min(rows[-1][1], bottom)
        else:
            rows.append([top, bottom])
    return [(top, bottom) for top, bottom in rows]


def _reach(rows: list[tuple[float, float]], label: _Block, blocked: list[bool]) -> float:
    """How far a label over several rows reaches: such a label is centred on its rows, which end
    where a row of another label of its column begins (``blocked``) or the table ends, as far on
    both sides."""
    # Rows are the extents of their text: a cell ends halfway between the texts of two rows, and
    # at the table's edge (a page cuts a cell: its text is centred on the part on the page).
    above = [(rows[i][1] + rows[i + 1][0]) / 2 - label.yc for i in range(len(rows) - 1) if blocked[i] and rows[i][1] >= label.yc]
    below = [label.yc - (rows[i][0] + rows[i - 1][1]) / 2 for i in range(1, len(rows)) if blocked[i] and rows[i][0] <= label.yc]
    return min(above + below + [rows[0][0] - label.yc, label.yc - rows[-1][1]])


def _row_span(rows: list[tuple[float, float]], label: _Block, reach: float) -> tuple[int, int]:
    """The rows within ``reach`` of a label's centre, and those beside it."""
    inside = [i for i, (top, bottom) in enumerate(rows) if abs((top + bottom) / 2 - label.yc) < reach]
    inside += [i for i, (top, bottom) in enumerate(rows) if label.y0 < top and bottom < label.y1]
    if not inside:
        raise ReportError(f"the text {label.text!r} stands beside no row of its table")
    return min(inside), max(inside)


def _header_runs(headers: list[_Block], columns: list[tuple[float, float]]) -> list[tuple[int, int]]:
    """The value columns each header of one row covers: those under its centre, grown one column
    to each side at a time while the headers beside it leave them free."""
    runs = []
    for header in headers:
        under = [
            j
            for j, (x0, x1) in enumerate(columns)
            if x0 - _ON_BOUNDARY * (x1 - x0) <= header.xc <= x1 + _ON_BOUNDARY * (x1 - x0)
        ]
        if not under:
            under = [min(range(len(columns)), key=lambda j: abs((columns[j][0] + columns[j][1]) / 2 - header.xc))]
        runs.append([under[0], under[-1]])
    growing = set(range(len(runs)))
    while growing:
        proposals = {i: (runs[i][0] - 1, runs[i][1] + 1) for i in growing}
        for i, (a, b) in proposals.items():
            taken = [
                j
                for k, run in enumerate(runs)
                if k != i
                for j in (range(proposals[k][0], proposals[k][1] + 1) if k in proposals else range(run[0], run[1] + 1))
            ]
            if a < 0 or b >= len(columns) or a in taken or b in taken:
                growing.discard(i)
        for i in growing:
            runs[i] = list(proposals[i])
    return [(a, b) for a, b in runs]


@dataclass
class _Table:
    """One table's pieces of text, the centres of its value columns, where its label columns
    start."""

    pieces: list[_Block]
    centres: list[float]
    starts: list[float]
    continued: bool = False  # it continues the table that ended the page before

    @property
    def value_columns(self) -> list[tuple[float, float]]:
        return _value_columns(self.centres, median(p.em for p in self.pieces))

    @property
    def left(self) -> float:
        return self.value_columns[0][0]


def _table(pieces: list[_Block], centres: list[float] | None = None) -> _Table:
    """A table of its pieces of text; ``centres``: of the columns of the table it continues."""
    table = _Table(pieces, centres or _centres([p for p in pieces if p.figure]), [])
    em = median(p.em for p in pieces)
    for x0 in sorted(p.x0 for p in pieces if p.xc < table.left):
        if not table.starts or x0 - table.starts[-1] > 0.5 * em:
            table.starts.append(x0)
    return table


def _continues(before: _Table, table: _Table) -> bool:
    """Whether a table at the top of a page continues the one at the bottom of the page before:
    its figures stand in columns of that table (a table broken by a page keeps its columns)."""
    return all(any(abs(x - c) <= 2 for c in before.centres) for x in table.centres)


def _segment(page: int, table: _Table) -> Segment:
    pieces, value_columns, left = table.pieces, table.value_columns, table.left
    for piece in pieces:
        if piece.figure and piece.xc < left:
            raise ReportError(f"page {page}: the figure {piece.text!r} stands left of the columns of figures")
    figures = [p for p in pieces if p.figure]
    texts = _cells([p for p in pieces if not p.figure])
    labels = [b for b in texts if b.xc < left]
    headers = [b for b in texts if b.xc >= left]
    em = median(p.em for p in pieces)

    def beside(a: _Block, b: _Block) -> bool:
        return a.y0 < b.y1 and b.y0 < a.y1

    def group_label(label: _Block) -> bool:
        """A label beside several rows: labels to its right beside it, or, standing between two
        rows (no figure beside it), right of it both above and below."""
        if any(other.x0 >= label.x1 - 1 and beside(label, other) for other in labels):
            return True
        if any(label.y0 < figure.yc < label.y1 for figure in figures):
            return False
        others = [other for other in labels if other.x1 > label.x0 + 1]  # not a block title to its left
        above = [other for other in others if other.y0 >= label.y1]
        below = [other for other in others if other.y1 <= label.y0]
        nearest = [min(above, key=lambda o: o.y0, default=None), max(below, key=lambda o: o.y1, default=None)]
        return all(other is not None and other.x0 >= label.x1 - 1 for other in nearest)

    # A label is a row's own unless it is a group label or stands beside headers.
    leaves = [
        label
        for label in labels
        if not group_label(label) and not any(label.y0 < h.yc < label.y1 for h in headers)
    ]
    anchors = [(b.y1, b.y0) for b in figures + leaves] + [
        (h.yc + _LEVEL * em, h.yc - _LEVEL * em) for h in headers
    ]
    rows = _rows(anchors)

    def row_of(block: _Block) -> int:
        return next(i for i, (top, bottom) in enumerate(rows) if bottom <= block.yc <= top)

    starts = table.starts
    label_columns = [(x0 - 1, x1 - 1) for x0, x1 in zip(starts, starts[1:])] + ([(starts[-1] - 1, left)] if starts else [])
    columns = label_columns + value_columns
    first_value = len(label_columns)

    at: list[list[Region | None]] = [[None] * len(columns) for _ in rows]

    def place(text: str, r0: int, r1: int, c0: int, c1: int) -> None:
        region = Region(text, page, r0, r1, columns[c0][0], columns[c1][1])
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                held = at[r][c]
                if held is not None:
                    raise ReportError(
                        f"page {page}: the text {text!r} falls in the cell of {held.text!r} "
                        f"(a table without rules whose cells cannot be told apart)"
                    )
                at[r][c] = region

    # Rows of each label: a row's own label first, then labels over several rows, the most
    # hemmed in first. Those end at a row whose own label is not to their right, or at a row of
    # another such label of their column placed before. A label that opens a continued table is
    # the rest of a cell that began on the page before, set from its top: it covers the rows
    # down to those of the next label of its column, placed last.
    spans: dict[int, tuple[int, int]] = {id(label): (row_of(label),) * 2 for label in leaves}
    waiting = [label for label in labels if label not in leaves]
    rest = [label for label in waiting if table.continued and label.y1 >= rows[0][0] - 1]
    waiting = [label for label in waiting if label not in rest]
    while waiting:
        reaches = []
        for label in waiting:
            mates = [o for o in labels if id(o) in spans and (o in leaves and o.x0 < label.x1 - 1 or _overlap(o, label))]
            blocked = [any(spans[id(m)][0] <= r <= spans[id(m)][1] for m in mates) for r in range(len(rows))]
            reaches.append((_reach(rows, label, blocked), label))
        reach, label = min(reaches, key=lambda pair: pair[0])
        spans[id(label)] = _row_span(rows, label, reach)
        waiting.remove(label)
    for label in rest:
        mates = [o for o in labels if id(o) in spans and (o in leaves and o.x0 < label.x1 - 1 or _overlap(o, label))]
        below = [spans[id(m)][0] for m in mates if m.y1 <= label.y0]
        own = max(i for i, (top, _) in enumerate(rows) if top > label.y0)
        spans[id(label)] = (0, max(own, min(below, default=len(rows)) - 1))
    for label in labels:
        c0 = max(i for i, (x0, _) in enumerate(label_columns) if x0 <= label.x0)
        c1 = max(i for i, (x0, _) in enumerate(label_columns) if x0 < label.x1 - 1)
        r0, r1 = spans[id(label)]
        place(label.text, r0, r1, c0, max(c0, c1))
    by_row: dict[int, list[_Block]] = {}
    for header in headers:
        by_row.setdefault(row_of(header), []).append(header)
    for r, row_headers in by_row.items():
        row_headers.sort(key=lambda h: h.xc)
        for header, (a, b) in zip(row_headers, _header_runs(row_headers, value_columns)):
            place(header.text, r, r, first_value + a, first_value + b)
    cells: dict[tuple[int, int], list[Glyph]] = {}
    for figure in figures:
        c = next(j for j, (x0, x1) in enumerate(value_columns) if x0 <= figure.xc <= x1 or j == len(value_columns) - 1)
        cells.setdefault((row_of(figure), first_value + c), []).extend(figure.glyphs)
    for (r, c), glyphs in cells.items():
        place(text_of(glyphs), r, r, c, c)
    for r, row in enumerate(at):
        for c, region in enumerate(row):
            if region is None:
                row[c] = Region("", page, r, r, columns[c][0], columns[c][1])
    return Segment(page=page, nrows=len(rows), at=at, cols=columns)  # type: ignore[arg-type]


def read_unruled(path: Path, pages: list[int]) -> list[Segment]:
    """The tables set without rules on ``pages`` (1-based), in reading order."""
    document = pdfium.PdfDocument(path)
    try:
        read: list[tuple[int, list[Glyph]]] = []
        for number in sorted(set(pages)):
            if number > len(document):
                continue
            page = document[number - 1]
            read.append((number, page_glyphs(page)))
            page.close()
    finally:
        document.close()
    body = _body_sizes([glyphs for _, glyphs in read])
    tables: list[tuple[int, list[_Table]]] = []
    for number, glyphs in read:
        found = []
        for index, extent in enumerate(_extents(glyphs, body)):
            if any(piece.figure for piece in extent):
                found.append(_table(extent))
            elif index == 0 and tables and tables[-1][0] == number - 1 and tables[-1][1]:
                # Rows published blank that continue the table of the page before, in its columns.
                found.append(_table(extent, tables[-1][1][-1].centres))
        tables.append((number, found))
    for (number, found), (following, after) in zip(tables, tables[1:]):
        if found and after and following == number + 1 and _continues(found[-1], after[0]):
            # Both parts get the columns of the first and the label columns of both.
            after[0].centres, after[0].continued = found[-1].centres, True
            starts = sorted(set(found[-1].starts + after[0].starts))
            found[-1].starts = after[0].starts = [x for i, x in enumerate(starts) if i == 0 or x - starts[i - 1] > 1]
    segments: list[Segment] = []
    for number, found in tables:
        built = [_segment(number, table) for table in found]
        if built:
            built[0].first_on_page = built[-1].last_on_page = True
        segments += built
    return segments
