"""A table without rules as a grid of merged cells (``segments.Segment``), from its pieces of text:
value columns around the centres of the figures, label columns where labels start, rows from the
labels of the label column and the figures beside them, headers and labels over several columns
or rows by where they are centred (``unruled.py`` says how and why)."""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

from pipeline.core.facts import ReportError
from pipeline.extract.segments import Region, Segment
from pipeline.extract.textcells import Block, cells, overlap

# Header texts whose centres are closer than this share of an em share a row.
_LEVEL = 0.25
# Texts of two rows may touch (or overlap by this much, PDF points): a row's texts overlap more.
_TOUCH = 1.0
# The paragraphs of one header cell are at most this many ems apart.
_STACKED = 3.0
# A header centred this close to a column boundary (share of the column) spans both columns.
_ON_BOUNDARY = 0.15


def anchor(block: Block, align: str) -> float:
    """Where a text stands in its column: its centre, or its left or right end."""
    return {"left": block.x0, "right": block.x1}.get(align, block.xc)


def _groups(values: list[float], em: float) -> list[list[float]]:
    """Positions closer than 0.6 em in a chain, left to right."""
    groups: list[list[float]] = []
    for value in sorted(values):
        if groups and value - groups[-1][-1] <= 0.6 * em:
            groups[-1].append(value)
        else:
            groups.append([value])
    return groups


def _clusters(values: list[float], em: float) -> list[float]:
    """The means of the chains of positions (``_groups``)."""
    return [sum(g) / len(g) for g in _groups(values, em)]


def _alignment(figures: list[Block], texts: list[Block]) -> str:
    """How the figures stand in their columns: an alignment that lines them up in tight columns
    (centred figures of different widths differ in their ends, left-aligned ones in their
    centres, and their chains spread wide); of those, the one that also lines up most other
    texts (headers) with them; still equal, centred, as most tables are."""
    em = median(f.em for f in figures)

    def score(align: str) -> tuple[bool, float, int]:
        groups = _groups([anchor(f, align) for f in figures], em)
        spread = max(group[-1] - group[0] for group in groups)
        columns = [sum(g) / len(g) for g in groups]
        lined_up = sum(any(abs(anchor(t, align) - c) <= 0.25 * em for c in columns) for t in texts)
        return spread <= 0.25 * em, -spread if spread > 0.25 * em else 0.0, lined_up

    return max(("centre", "left", "right"), key=score)


def _value_columns(
    anchors: list[float], em: float, align: str, extent: tuple[float, float]
) -> list[tuple[float, float]]:
    """Columns around their anchors: centred ones bounded halfway to their neighbours; left- or
    right-aligned ones from just before one anchor to just before the next (``extent``: where the
    texts of the first and last column reach)."""
    if align == "left":
        edges = [a - 0.5 * em for a in anchors] + [max(extent[1], anchors[-1]) + 0.5 * em]
    elif align == "right":
        edges = [min(extent[0], anchors[0]) - 0.5 * em] + [a + 0.5 * em for a in anchors]
    else:
        first = (anchors[1] - anchors[0]) / 2 if len(anchors) > 1 else em
        last = (anchors[-1] - anchors[-2]) / 2 if len(anchors) > 1 else em
        edges = [anchors[0] - first] + [(a + b) / 2 for a, b in zip(anchors, anchors[1:])] + [anchors[-1] + last]
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


def _reach(rows: list[tuple[float, float]], label: Block, blocked: list[bool]) -> float:
    """How far a label over several rows reaches: such a label is centred on its rows, which end
    where a row of another label of its column begins (``blocked``) or the table ends, as far on
    both sides."""
    # Rows are the extents of their text: a cell ends halfway between the texts of two rows, and
    # at the table's edge (a page cuts a cell: its text is centred on the part on the page).
    above = [
        (rows[i][1] + rows[i + 1][0]) / 2 - label.yc
        for i in range(len(rows) - 1)
        if blocked[i] and rows[i][1] >= label.yc
    ]
    below = [
        label.yc - (rows[i][0] + rows[i - 1][1]) / 2
        for i in range(1, len(rows))
        if blocked[i] and rows[i][0] <= label.yc
    ]
    return min(above + below + [rows[0][0] - label.yc, label.yc - rows[-1][1]])


def _row_span(rows: list[tuple[float, float]], label: Block, reach: float) -> tuple[int, int]:
    """The rows within ``reach`` of a label's centre, and those beside it."""
    inside = [i for i, (top, bottom) in enumerate(rows) if abs((top + bottom) / 2 - label.yc) < reach]
    inside += [i for i, (top, bottom) in enumerate(rows) if label.y0 < top and bottom < label.y1]
    if not inside:
        raise ReportError(f"the text {label.text!r} stands beside no row of its table")
    return min(inside), max(inside)


def _header_runs(headers: list[Block], columns: list[tuple[float, float]], align: str) -> list[tuple[int, int]]:
    """The value columns each header of one row covers: those under its anchor, grown one column
    at a time while the headers beside it leave them free (to each side for a centred header, to
    the right for a left-aligned one: it starts in its first column)."""
    runs = []
    slack = _ON_BOUNDARY if align == "centre" else 0.0  # a header set from a column's edge is in it
    for header in headers:
        under = [
            j
            for j, (x0, x1) in enumerate(columns)
            if x0 - slack * (x1 - x0) <= anchor(header, align) <= x1 + slack * (x1 - x0)
        ]
        if not under:
            at = anchor(header, align)
            under = [min(range(len(columns)), key=lambda j: abs((columns[j][0] + columns[j][1]) / 2 - at))]
        runs.append([under[0], under[-1]])
    growing = set(range(len(runs)))
    while growing:
        # A centred header grows to both sides; one set from a column's edge, away from that edge.
        proposals = {i: (runs[i][0] - (align != "left"), runs[i][1] + (align != "right")) for i in growing}
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


def _stacks(headers: list[Block], figures: list[Block], columns: list[tuple[float, float]], em: float) -> list[Block]:
    """Header texts set one above the other within one value column, no figure between them, as
    one cell: a Word cell's paragraphs are further apart than the lines of a wrapped text (商业 and
    企业, 社会/公益/组织), and a header wider than its column (法人或其他组织) is a cell of its own."""

    def column_of(block: Block) -> int | None:
        return next(
            (j for j, (x0, x1) in enumerate(columns) if x0 - _TOUCH <= block.x0 and block.x1 <= x1 + _TOUCH), None
        )

    def between(upper: Block, lower: Block) -> list[Block]:
        return [
            other
            for other in headers + figures
            if other is not upper and other is not lower and lower.y1 <= other.yc <= upper.y0 and overlap(other, upper)
        ]

    stacked: list[Block] = []
    by_column: dict[int, list[Block]] = {}
    for header in headers:
        j = column_of(header)
        if j is None:
            stacked.append(header)
        else:
            by_column.setdefault(j, []).append(header)
    for group in by_column.values():
        group.sort(key=lambda block: -block.yc)
        cell = group[0]
        for lower in group[1:]:
            if (
                cell.y0 - lower.y1 <= _STACKED * em
                and not between(cell, lower)
                and not any(lower.y1 <= f.yc <= cell.y0 for f in figures)
            ):
                cell = Block(cell.glyphs + lower.glyphs)
            else:
                stacked.append(cell)
                cell = lower
        stacked.append(cell)
    return stacked


def _leaves(labels: list[Block], figures: list[Block], headers: list[Block]) -> list[Block]:
    """The labels that are a row's own: not a group label (one with labels to its right beside
    it, or, standing between two rows with no figure beside it, right of it above and below),
    not a label beside headers (a note over the header rows)."""

    def group_label(label: Block) -> bool:
        if any(other.x0 >= label.x1 - 1 and other.y0 < label.y1 and label.y0 < other.y1 for other in labels):
            return True
        if any(label.y0 < figure.yc < label.y1 for figure in figures):
            return False
        others = [other for other in labels if other.x1 > label.x0 + 1]  # not a block title to its left
        above = [other for other in others if other.y0 >= label.y1]
        below = [other for other in others if other.y1 <= label.y0]
        nearest = [min(above, key=lambda o: o.y0, default=None), max(below, key=lambda o: o.y1, default=None)]
        return all(other is not None and other.x0 >= label.x1 - 1 for other in nearest)

    return [
        label for label in labels if not group_label(label) and not any(label.y0 < h.yc < label.y1 for h in headers)
    ]


def _label_rows(
    rows: list[tuple[float, float]], labels: list[Block], leaves: list[Block], continued: bool, row_of
) -> dict[int, tuple[int, int]]:
    """The rows of each label (by ``id``): a row's own label its row; labels over several rows,
    the most hemmed in first, up to a row whose own label is not to their right or a row of
    another such label of their column placed before. A label that opens a continued table is
    the rest of a cell begun on the page before, set from its top: it covers the rows down to
    those of the next label of its column, placed last."""
    spans: dict[int, tuple[int, int]] = {id(label): (row_of(label),) * 2 for label in leaves}

    def blocked(label: Block) -> list[bool]:
        mates = [o for o in labels if id(o) in spans and (o in leaves and o.x0 < label.x1 - 1 or overlap(o, label))]
        return [any(spans[id(m)][0] <= r <= spans[id(m)][1] for m in mates) for r in range(len(rows))]

    waiting = [label for label in labels if label not in leaves]
    rest = [label for label in waiting if continued and label.y1 >= rows[0][0] - 1]
    waiting = [label for label in waiting if label not in rest]
    while waiting:
        reach, label = min(
            ((_reach(rows, label, blocked(label)), label) for label in waiting), key=lambda pair: pair[0]
        )
        spans[id(label)] = _row_span(rows, label, reach)
        waiting.remove(label)
    for label in rest:
        below = [r for r, is_blocked in enumerate(blocked(label)) if is_blocked and rows[r][0] <= label.y0]
        own = max((i for i, (top, _) in enumerate(rows) if top > label.y0), default=None)
        if own is None:
            raise ReportError(f"the text {label.text!r} stands beside no row of its table")
        spans[id(label)] = (0, max(own, min(below, default=len(rows)) - 1))
    return spans


@dataclass
class TextTable:
    """One table's pieces of text, the anchors of its value columns (where their figures stand:
    centres, or left or right ends, by ``align``), where its label columns start."""

    pieces: list[Block]
    anchors: list[float]
    starts: list[float]
    align: str = "centre"
    continued: bool = False  # it continues the table that ended the page before

    @property
    def value_columns(self) -> list[tuple[float, float]]:
        em = median(p.em for p in self.pieces)
        ends = [p for p in self.pieces if abs(anchor(p, self.align) - self.anchors[-1]) <= 0.6 * em]
        starts = [p for p in self.pieces if abs(anchor(p, self.align) - self.anchors[0]) <= 0.6 * em]
        extent = (
            min((p.x0 for p in starts), default=self.anchors[0]),
            max((p.x1 for p in ends), default=self.anchors[-1]),
        )
        return _value_columns(self.anchors, em, self.align, extent)

    @property
    def left(self) -> float:
        return self.value_columns[0][0]


def text_table(pieces: list[Block], columns: tuple[list[float], str] | None = None) -> TextTable:
    """A table of its pieces of text; ``columns``: the anchors and alignment of the table it
    continues."""
    if columns is None:
        figures = [p for p in pieces if p.figure]
        align = _alignment(figures, [p for p in pieces if not p.figure])
        columns = _clusters([anchor(f, align) for f in figures], median(f.em for f in figures)), align
    table = TextTable(pieces, columns[0], [], columns[1])
    em = median(p.em for p in pieces)
    for x0 in sorted(p.x0 for p in pieces if p.xc < table.left):
        if not table.starts or x0 - table.starts[-1] > 0.5 * em:
            table.starts.append(x0)
    return table


def segment(page: int, table: TextTable) -> Segment:
    """The grid of merged cells of one table on ``page``."""
    pieces, value_columns, left = table.pieces, table.value_columns, table.left
    for piece in pieces:
        if piece.figure and piece.xc < left:
            raise ReportError(f"page {page}: the figure {piece.text!r} stands left of the columns of figures")
    figures = [p for p in pieces if p.figure]
    texts = cells([p for p in pieces if not p.figure])
    labels = [b for b in texts if b.xc < left]
    headers = [b for b in texts if b.xc >= left]
    em = median(p.em for p in pieces)

    leaves = _leaves(labels, figures, headers)
    single = {id(h) for h in headers}
    headers = _stacks(headers, figures, value_columns, em)
    # A cell of several paragraphs stands over the header rows it spans (others: their centre's).
    anchors = [(b.y1, b.y0) for b in figures + leaves] + [
        (h.yc + _LEVEL * em, h.yc - _LEVEL * em) if id(h) in single else (h.y1, h.y0) for h in headers
    ]
    rows = _rows(anchors)

    def row_of(block: Block) -> int:
        return next(i for i, (top, bottom) in enumerate(rows) if bottom <= block.yc <= top)

    starts = table.starts
    label_columns = [(x0 - 1, x1 - 1) for x0, x1 in zip(starts, starts[1:])] + (
        [(starts[-1] - 1, left)] if starts else []
    )
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

    spans = _label_rows(rows, labels, leaves, table.continued, row_of)
    for label in labels:
        c0 = max(i for i, (x0, _) in enumerate(label_columns) if x0 <= label.x0)
        c1 = max(i for i, (x0, _) in enumerate(label_columns) if x0 < label.x1 - 1)
        r0, r1 = spans[id(label)]
        place(label.text, r0, r1, c0, max(c0, c1))
    by_row: dict[int, list[Block]] = {}
    for header in headers:
        by_row.setdefault(row_of(header), []).append(header)
    for r, row_headers in by_row.items():
        row_headers.sort(key=lambda h: h.xc)
        for header, (a, b) in zip(row_headers, _header_runs(row_headers, value_columns, table.align)):
            place(header.text, r, r, first_value + a, first_value + b)
    for figure in figures:  # each on its own: two in one cell are an error, never one number
        where = anchor(figure, table.align)
        c = next(j for j, (x0, x1) in enumerate(value_columns) if x0 <= where <= x1 or j == len(value_columns) - 1)
        place(figure.text, row_of(figure), row_of(figure), first_value + c, first_value + c)
    for r, row in enumerate(at):
        for c, region in enumerate(row):
            if region is None:
                row[c] = Region("", page, r, r, columns[c][0], columns[c][1])
    # The rows' extents let the completeness guard read the text layer against the grid, as it
    # does for ruled tables: a figure the grid lost is named.
    return Segment(page=page, nrows=len(rows), at=at, cols=columns, rows=rows, unruled=True)  # type: ignore[arg-type]
