"""The grid of merged cells (``segments.Segment``) of a table without rules, from its pieces of
text and columns (``texttable.TextTable``): rows from the labels of the label column and the
figures beside them, headers and labels over several columns or rows by where they are centred
(``unruled.py`` says how and why)."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from statistics import median

from pipeline.core.facts import ReportError
from pipeline.extract.figurewrap import join_wrapped
from pipeline.extract.glyphs import lines_of
from pipeline.extract.gridmeasures import LEVEL, TOUCH
from pipeline.extract.headerruns import header_runs
from pipeline.extract.headerstacks import header_level, header_stacks
from pipeline.extract.labelrows import label_extents, label_rows, label_stacks, row_labels
from pipeline.extract.segments import Region, Segment
from pipeline.extract.textcells import Block, anchor, cells, unhung
from pipeline.extract.texttable import TextTable


def _rows(anchors: list[tuple[float, float]], touch: float = TOUCH) -> list[tuple[float, float]]:
    """Overlapping vertical extents joined, top to bottom (PDF y grows upwards): (top, bottom);
    extents that overlap by ``touch`` or less are two rows."""
    rows: list[list[float]] = []
    for top, bottom in sorted(anchors, key=lambda a: -a[0]):
        if rows and top > rows[-1][1] + touch:
            rows[-1][1] = min(rows[-1][1], bottom)
        else:
            rows.append([top, bottom])
    return [(top, bottom) for top, bottom in rows]


def _row_touch(texts: list[Block]) -> float:
    """How far the texts of two rows may overlap: ``TOUCH``, or more in a table whose characters'
    boxes are taller than its lines' pitch (WeasyPrint under a tight line height), where every two
    lines of one cell overlap by at least as much, and so do two rows set at that pitch."""
    overlaps = [
        max(g.y1 for g in lower) - min(g.y0 for g in upper)
        for block in texts
        for upper, lower in pairwise(lines_of(block.glyphs))
    ]
    return TOUCH + max(0.0, min(overlaps)) if overlaps else TOUCH


def _column(value_columns: list[tuple[float, float]], where: float) -> int:
    """The value column at ``where`` (the last one, past it)."""
    return next(j for j, (x0, x1) in enumerate(value_columns) if x0 <= where <= x1 or j == len(value_columns) - 1)


def _one_text(a: Block, b: Block) -> Block | None:
    """Two texts OCR read in one cell, on one line, as one text (left to right): ``None`` unless
    neither is a figure, both were OCR'd, and they stand level and close."""
    if a.figure or b.figure or a.confidence is None or b.confidence is None:
        return None
    left, right = sorted((a, b), key=lambda block: block.x0)
    first, other = left.first_line, right.first_line
    gap = other.x0 - first.x1
    if abs(first.yc - other.yc) > LEVEL * first.em or not -0.5 * first.em <= gap <= first.em:
        return None
    return Block(left.glyphs + right.glyphs)


def _over_group(
    figures: list[Block],
    labels: list[Block],
    leaves: list[Block],
    spans: dict[int, tuple[int, int]],
    row_of: Callable[[Block], int],
    em: float,
) -> dict[int, tuple[int, int]]:
    """The rows of figure cells over a group's rows (a Word cell's rowspan: （六）其他处理's one figure
    per column beside its three sub-rows' labels), by the row the figures stand in: figures are
    centred in their cells, so such figures stand level with the middle of the group's label,
    well off the middle of the row label beside them (2.申请人逾期未按… / … / 公开申请 in nine
    lines, the figures beside its third), and no other row of the group holds a figure. A row's
    own figures stand level with its label's middle, or its first line's where cells are set from
    their top."""
    over: dict[int, tuple[int, int]] = {}
    rows_with_figures = {row_of(figure) for figure in figures}
    for r in rows_with_figures:
        line = [figure for figure in figures if row_of(figure) == r]
        level = median(figure.yc for figure in line)
        own = [leaf for leaf in leaves if spans[id(leaf)][0] <= r <= spans[id(leaf)][1]]
        if len(own) != 1:
            continue
        groups = [
            label
            for label in labels
            if label not in leaves
            and label.x1 <= own[0].x0 + TOUCH
            and spans[id(label)][0] <= r <= spans[id(label)][1]
            and spans[id(label)][0] < spans[id(label)][1]
            and abs(label.yc - level) <= 0.5 * em
        ]
        # Within an em of the row label's first line, the figures are its own (cells set from their
        # top), unless they stand level with the group label's middle and half a line off that first
        # line (（六）其他处理 in three lines beside 2.申请人 / 逾期未按 / … on A5: the figures between
        # the sub-row label's first two lines, on the group's middle).
        apart = min(abs(own[0].yc - level), abs(own[0].first_line.yc - level))
        centred = apart > 0.5 * em and any(abs(label.yc - level) <= LEVEL * em for label in groups)
        if apart <= em and not centred:
            continue
        if len(groups) == 1:
            r0, r1 = spans[id(groups[0])]
            if not rows_with_figures & (set(range(r0, r1 + 1)) - {r}):
                over[r] = (r0, r1)
    return over


def _set_lower(
    figures: list[Block], labels: list[Block], column_of: Callable[[Block], int], em: float
) -> dict[int, tuple[float, float]]:
    """The extent of the row of figures a Word cell set at another line height than its row's
    others (exact spacing under its text's size in some cells, the paragraph's in others: 21 | 0 |
    21 a third of a line under the 0s of their row's other columns): a line of one-line figures
    beside no label, its boxes overlapping those of one line of figures beside a label, in other
    columns than that line's, is that row's. By the id of each of its figures: the extent of both
    lines, which the row then covers whole."""

    def line_of(figure: Block) -> list[Block]:
        return [f for f in figures if abs(f.yc - figure.yc) <= LEVEL * em]

    def labelled(line: list[Block]) -> bool:
        return any(label.y0 < line[0].yc < label.y1 for label in labels)

    moved: dict[int, tuple[float, float]] = {}
    for figure in figures:
        line = line_of(figure)
        if id(figure) in moved or labelled(line) or any(len(lines_of(f.glyphs)) > 1 for f in line):
            continue
        top, bottom = max(f.y1 for f in line), min(f.y0 for f in line)
        others = {id(f): f for f in figures if f not in line and f.y0 < top and bottom < f.y1 and labelled(line_of(f))}
        lines = {round(f.yc, 1) for f in others.values()}
        own = {column_of(f) for f in line}
        if len(lines) != 1 or len(own) != len(line) or own & {column_of(f) for f in others.values()}:
            continue
        extent = (max(top, *(f.y1 for f in others.values())), min(bottom, *(f.y0 for f in others.values())))
        moved |= {id(f): extent for f in line}
    return moved


def segment(page: int, table: TextTable) -> Segment:
    """The grid of merged cells of one table on ``page``."""
    pieces, value_columns, left = table.pieces, table.value_columns, table.left
    for piece in pieces:
        if piece.figure and piece.xc < left:
            raise ReportError(f"page {page}: the figure {piece.text!r} stands left of the columns of figures")
    for piece in table.run_together:
        # Which digit is whose, the text layer does not say.
        raise ReportError(
            f"page {page}: the figure {piece.text!r} reaches over figures of two columns "
            f"(figures of neighbouring columns run together in cells narrower than their text)"
        )
    figures = [p for p in pieces if p.figure]
    texts = cells([p for p in pieces if not p.figure], left, figures)
    em = median(p.em for p in pieces)
    headers = [b for b in texts if b.xc >= left]
    # The lines of a figure wrapped inside its narrow cell are one figure (``figurewrap``), first:
    # a group label's paragraph beside a wrapped figure's last line (度 of a vertical 三、本年度办理结果
    # beside the 1 of 6 / 1) is beside no figure of its own, and goes on the group label.
    cells_left = [b for b in texts if b.xc < left]
    figures = join_wrapped(
        figures, cells_left, lambda block: _column(value_columns, anchor(block, table.align)), table.align
    )
    labels = label_stacks(cells_left, figures, em)
    leaves = row_labels(labels, figures, headers)
    single = {id(h) for h in headers}
    headers, lines = header_stacks(headers, figures, value_columns, em, table.align, table.anchors)
    single |= lines  # a header's wrapped lines set apart stand where a line of one text would
    # A cell of several paragraphs stands over the header rows it spans (others: their centre's):
    # from the first row of texts of one line whose centre it covers (結果维持 set one character a
    # line over the rows of 未经复议 and 直接起诉 beside it: its last line may reach into the row of
    # the headers under 直接起诉, set the same way, which is not its row), else over its own extent.
    levels = {id(h): header_level(h, headers, em, not figures) for h in headers if id(h) in single}
    lower = _set_lower(figures, labels, lambda block: _column(value_columns, anchor(block, table.align)), em)
    levels |= lower
    own = (
        [(b.y1, b.y0) for b in figures if id(b) not in lower]
        + label_extents(leaves, figures, labels + headers)
        + list(levels.values())
    )
    touch = _row_touch(texts)
    lined = _rows(own, touch)
    for h in headers:
        if id(h) not in single:
            covered = [(top, bottom) for top, bottom in lined if h.y0 <= (top + bottom) / 2 <= h.y1]
            levels[id(h)] = covered[0] if covered else (h.y1, h.y0)
    rows = _rows(own + list(levels.values()), touch)

    def row_of(block: Block) -> int:
        top, bottom = levels.get(id(block), (block.yc, block.yc))
        return next(i for i, (y1, y0) in enumerate(rows) if y0 <= (top + bottom) / 2 <= y1)

    starts = table.starts
    label_columns = [(x0 - 1, x1 - 1) for x0, x1 in zip(starts, starts[1:])] + (
        [(starts[-1] - 1, left)] if starts else []
    )
    columns = label_columns + value_columns
    first_value = len(label_columns)

    at: list[list[Region | None]] = [[None] * len(columns) for _ in rows]

    placed_blocks: dict[int, Block] = {}  # id of a region placed -> the text it holds

    def one_text_over(
        placed: Block, before: Region, block: Block, span: tuple[int, int, int, int]
    ) -> tuple[Block, tuple[int, int, int, int]] | None:
        # OCR read one text in two pieces (a blank where a full-width mark leaves half its em
        # empty: 一、 | 本年新收…, 第二十条第 | （八）| 项): one text over both their cells, down as
        # far as the shorter reaches (a header reaches down while no header stands under it).
        r0, r1, c0, c1 = span
        joined = _one_text(placed, block)
        if joined is None or before.r0 != r0:
            return None
        r1 = min(r1, before.r1)
        c0 = min(c0, next(c for c, column in enumerate(columns) if column[0] == before.x0))
        c1 = max(c1, next(c for c, column in enumerate(columns) if column[1] == before.x1))
        if any(at[r][c] not in (None, before) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)):
            return None
        return joined, (r0, r1, c0, c1)

    def place(block: Block, r0: int, r1: int, c0: int, c1: int) -> None:
        held = {id(at[r][c]): at[r][c] for r in range(r0, r1 + 1) for c in range(c0, c1 + 1) if at[r][c] is not None}
        if len(held) == 1:
            [before] = held.values()
            joined = one_text_over(placed_blocks[id(before)], before, block, (r0, r1, c0, c1))
            if joined is not None:
                block, (r0, r1, c0, c1) = joined
                for row in at:
                    row[:] = [None if region is before else region for region in row]
        region = Region(block.text, page, r0, r1, columns[c0][0], columns[c1][1], confidence=block.confidence)
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                taken = at[r][c]
                if taken is not None:
                    raise ReportError(
                        f"page {page}: the text {block.text!r} falls in the cell of {taken.text!r} "
                        f"(a table without rules whose cells cannot be told apart)"
                    )
                at[r][c] = region
        placed_blocks[id(region)] = block

    spans = label_rows(rows, labels, leaves, headers, table.continued, row_of)
    for label in labels:
        if not any(x0 <= label.x0 for x0, _ in label_columns):
            # Left of the figures of a table whose label columns start right of it, or that has
            # none (a report's signature under table 四's one row of figures, its date read as figures).
            raise ReportError(f"page {page}: the text {label.text!r} stands left of every label column of its table")
        c0 = max(i for i, (x0, _) in enumerate(label_columns) if x0 <= label.x0)
        # A label touching the next label column's text (三、本年度|（一）予以公开) is not in it, nor
        # one whose closing mark alone reaches into it (三、 over a column one character wide).
        c1 = max(i for i, (x0, _) in enumerate(label_columns) if x0 + 1 < Block(unhung(label.glyphs)).x1 - TOUCH)
        r0, r1 = spans[id(label)]
        place(label, r0, r1, c0, max(c0, c1))
    by_row: dict[int, list[Block]] = {}
    for header in headers:
        by_row.setdefault(row_of(header), []).append(header)
    within = [(0, len(value_columns) - 1)] * len(value_columns)  # the columns of the header above

    def column_at(block: Block) -> int:
        return _column(value_columns, anchor(block, table.align))

    def column_over(header: Block) -> int:
        # The column holding a header's whole text is the one it heads, wherever its anchor falls:
        # a result header one character a line (结 / 果 / 维 / 持), wider than the one-digit figures
        # under it, ends half an em past their right ends, on the edge of a right-aligned column.
        held = [j for j, (x0, x1) in enumerate(value_columns) if x0 - TOUCH <= header.x0 and header.x1 <= x1 + TOUCH]
        return held[0] if held else column_at(header)

    with_figures = {column_at(figure) for figure in figures}  # none in a header cut off by the page end
    # A column published blank, named by a header of its own, is as closed to other headers as one
    # with figures.
    with_figures |= {j for j, at in enumerate(table.anchors) if any(abs(at - b) <= TOUCH for b in table.blank)}
    header_rows: dict[int, set[int]] = {}
    for r, row_headers in by_row.items():
        for header in row_headers:
            header_rows.setdefault(column_over(header), set()).add(r)
    placed_headers: list[tuple[Block, int, int, int]] = []
    figure_rows = {row_of(figure) for figure in figures}
    above = -1
    for r, row_headers in sorted(by_row.items()):
        if any(above < f < r for f in figure_rows):
            # Headers below rows of figures head a part of their own (table 二's next 第二十条
            # item: 本年处理决定数量 over the three columns its first item's headers split).
            within = [(0, len(value_columns) - 1)] * len(value_columns)
        above = r
        row_headers.sort(key=lambda h: h.xc)
        open_ = [
            j not in with_figures or any(below > r for below in header_rows.get(j, ()))
            for j in range(len(value_columns))
        ]
        others = [h for r2, held in by_row.items() if r2 != r for h in held]
        # Above the first figures of a table continued from the page before: the rest of its cut header.
        cut = table.continued and all(f > r for f in figure_rows)
        runs = header_runs(row_headers, value_columns, table.align, table.anchors, within, open_, em, others, cut)
        for header, (a, b) in zip(row_headers, runs):
            placed_headers.append((header, r, a, b))
            within[a : b + 1] = [(a, b)] * (b - a + 1)
    # A header cell reaches down the header rows as long as no header stands below it (自然人 over
    # the rows of 商业 / 企业 beside it), as a merged cell of a ruled table does: the last header row
    # then holds every column's header, and a header cut by the page end finds its rest under it.
    # The header rows end at the first row of figures or labels below them: a part's headers below
    # rows of figures (table 二's next 第二十条 item) reach down to its own rows.
    body = sorted({row_of(block) for block in figures + leaves})
    for header, r, a, b in placed_headers:
        r1 = r
        end = next((row for row in body if row > r), len(rows))
        while r1 + 1 < end and not any(r2 == r1 + 1 and a2 <= b and a <= b2 for _, r2, a2, b2 in placed_headers):
            r1 += 1
        place(header, r, r1, first_value + a, first_value + b)
    over = _over_group(figures, labels, leaves, spans, row_of, em)
    for figure in figures:  # each on its own: two in one cell are an error, never one number
        c = column_at(figure)
        r0, r1 = over.get(row_of(figure), (row_of(figure),) * 2)
        place(figure, r0, r1, first_value + c, first_value + c)
    for r, row in enumerate(at):
        for c, region in enumerate(row):
            if region is None:
                row[c] = Region("", page, r, r, columns[c][0], columns[c][1])
    if table.blank_row:  # a row of cells published blank prints nothing: its cells, under the header
        rows.append((rows[-1][1], rows[-1][1] - em))
        at.append([Region("", page, len(rows) - 1, len(rows) - 1, x0, x1) for x0, x1 in columns])
    # The rows' extents let the completeness guard read the text layer against the grid, as it
    # does for ruled tables: a figure the grid lost is named.
    return Segment(page=page, nrows=len(rows), at=at, cols=columns, rows=rows, unruled=True)  # type: ignore[arg-type]
