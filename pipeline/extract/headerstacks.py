"""The header cells of a table without rules and their rows: header texts set one above the other
as the paragraphs or wrapped lines of one cell, and where a header stands in the header rows (its
centre, or the first line it shares with the texts of its row)."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

from pipeline.extract.glyphs import lines_of
from pipeline.extract.gridmeasures import ALIGNED, LEVEL, PADDED_STACK, STACKED, TOUCH, share_height, share_width
from pipeline.extract.textcells import Block, overlap


def header_stacks(
    headers: list[Block],
    figures: list[Block],
    columns: list[tuple[float, float]],
    em: float,
    align: str,
    anchors: list[float],
) -> tuple[list[Block], set[int]]:
    """Header texts set one above the other within one value column, no figure between them, as
    one cell: a Word cell's paragraphs are further apart than the lines of a wrapped text (商业 and
    企业, 社会/公益/组织; at most ``PADDED_STACK`` ems apart: padding may wrap into blank lines
    between them), and a header wider than its column (法人或其他组织) is a cell of its own, unless
    centred on it beside its neighbour's header and over no other column's text (自然人); with
    the ``id`` of each header over several columns whose lines were joined (one paragraph, a
    wrapped line set with wide line spacing)."""

    strictly: dict[int, tuple[Block, int | None]] = {}  # by id: the block (kept alive) and its column

    def within(block: Block) -> int | None:
        if id(block) not in strictly:
            found = (j for j, (x0, x1) in enumerate(columns) if x0 - TOUCH <= block.x0 and block.x1 <= x1 + TOUCH)
            strictly[id(block)] = (block, next(found, None))
        return strictly[id(block)][1]

    def centres(j: int) -> float | None:
        found = [f.xc for f in figures if within(f) == j]
        return sum(found) / len(found) if found else None

    def between_centres(block: Block, j: int) -> bool:
        # Within the halves between the centres of its column's figures and its neighbours', as
        # centred columns are bounded: one-digit figures centred in their cells under headers set
        # from the cells' left cannot be told from figures set from their right, and a header two
        # characters wide (法律 / 服务 / 机构) then reaches past the right edge of such a column.
        middle = centres(j)
        if middle is None:
            return False
        bounds = [columns[j][0], columns[j][1]]
        for side, k in ((0, j - 1), (1, j + 1)):
            other = centres(k) if 0 <= k < len(columns) else None
            if other is not None:
                bounds[side] = (middle + other) / 2
        return bounds[0] - TOUCH <= block.x0 and block.x1 <= bounds[1] + TOUCH

    def centred_on(block: Block, j: int) -> bool:
        # Centred on the column as its figures are (or within the halves between their centres,
        # where they are set from an edge), wider than it but over no text of another column
        # (touching one, 法律服务 set edge to edge with 社会 beside it, is over none),
        # and beside a header of the column beside it (自然人 over the first column, beside 商业:
        # cells are not as wide as the halves between the figures' centres): level with one of
        # its lines, or between two of them, touching both (a cell centred in its row beside one
        # of another number of lines: LibreOffice sets 法律服务 / 机构 half a line off 社会 / 公益
        # / 组织). A header over several columns has theirs below it, not beside it.
        if align == "centre" and abs(block.xc - anchors[j]) > ALIGNED * em:
            return False
        if align != "centre" and not between_centres(block, j):
            return False
        others = [o for o in headers + figures if o is not block and within(o) not in (None, j)]
        beside = [o for o in others if not o.figure and within(o) in (j - 1, j + 1)]
        return not any(share_width(o, block) for o in others) and (
            any(share_height(o, block) for o in beside)
            or any(
                within(a) == within(b)
                and b.y1 >= block.y0 - TOUCH
                and block.y1 + TOUCH >= a.y0
                and b.yc < block.yc < a.yc
                and a.y0 - b.y1 <= STACKED * em
                for a in beside
                for b in beside
            )
        )

    def column_of(block: Block) -> int | None:
        # Within the column, or, set from its edge as the figures are, short of the next column's
        # figures (a left-aligned column is bounded just before the next one's text).
        for j, (x0, x1) in enumerate(columns):
            if x0 - TOUCH <= block.x0 and block.x1 <= x1 + TOUCH or centred_on(block, j):
                return j
            if align == "left" and abs(block.x0 - anchors[j]) <= TOUCH:
                return j if j + 1 == len(anchors) or block.x1 < anchors[j + 1] + TOUCH else None
            if align == "right" and abs(block.x1 - anchors[j]) <= TOUCH:
                return j if j == 0 or block.x0 > anchors[j - 1] - TOUCH else None
        if not figures and align != "centre":
            # A header ending a page, its figures (set from an edge) on the next: one centred in
            # its cell stands over the column holding its middle, no wider than that column (商业 /
            # 企业 over one-digit figures set centred, their 总计 some from the left, 自然资源与生态
            # 环境局 2022 as a Word document).
            return next(
                (
                    j
                    for j, (x0, x1) in enumerate(columns)
                    if x0 <= block.xc <= x1 and block.x1 - block.x0 <= x1 - x0 + TOUCH
                ),
                None,
            )
        return None

    def beside_both(other: Block, upper: Block, lower: Block) -> bool:
        # A header wider than its column between two lines of another column may stand beside
        # both, as one header row's cells do (本年增/减 beside 上一年项目 / 数量, wider than its column
        # where another 第二十条 item of table 二 adds one): it heads figures of its own, or, with
        # nothing under it (its figures on the next page), it is one line level with their middle;
        # so it is, whatever stands under it, beside a header wrapped level with both lines.
        middle = "\n" not in other.text and abs(other.yc - (upper.yc + lower.yc) / 2) <= LEVEL * em
        under = [o for o in headers + figures if o is not other and overlap(o, other) and o.y1 <= other.y0 + TOUCH]
        if under and not (middle and _rows_of_wrapped(upper, lower, wide, other, em)):
            return max(under, key=lambda o: o.y1).figure
        return middle

    def between(upper: Block, lower: Block) -> list[Block]:
        # A header over several columns begins between them (its first line: 未经复议 / 直接起诉
        # set double beside 结 / 果 / 维 / 持 begins level with 结). A text that only touches the
        # upper one stands beside it (益 of 社会 / 公益 set edge to edge with 法律服务 / 机构).
        return [
            other
            for other in headers + figures
            if other is not upper
            and other is not lower
            and (
                share_width(other, upper)
                and lower.y1 <= other.yc <= upper.y0
                or other in wide
                and lower.y1 <= other.first_line.yc <= upper.y0
                and not beside_both(other, upper, lower)
            )
        ]

    def rows_apart(upper: Block, lower: Block) -> bool:
        # A header over several columns whose first line is level with the lower text, under a
        # header level with the upper one (行政诉讼 over 未经复议直接起诉, beside 行政复议 over 结果维持
        # set from the top of its cell, as a page end cutting the header rows leaves them): two
        # header rows beside them. Its later lines are no row of their own (未经复议 / 直接起诉 set
        # double beside 结 / 果 / 维 / 持).
        return any(
            w.y1 <= upper.y0
            and lower.y0 <= w.first_line.yc <= lower.y1
            and any(
                x is not upper
                and (overlap(x, w) or not overlap(x, upper))
                and x.y0 >= w.y1
                and x.y0 < upper.y1 - TOUCH
                and upper.y0 < x.y1 - TOUCH
                for x in headers
            )
            for w in wide
        )

    # A header over several columns between two texts of a column (未经复议直接起诉 between 行政复议
    # and 结果维持): a header row ends between them. The lines of such a header set with wide line
    # spacing (法人或 / 其他组织, 未经复议 / 直接起诉, 复议 / 后起诉 set double: its first line may
    # fit in one column) are one header first: centred on each other, one right under the other,
    # nothing between them.
    def opens_row(upper: Block, lower: Block) -> bool:
        # Under a text alone on its line, a header of another column level with the lower text, with
        # nothing of its column level with the upper one, opens a header row there (上一年项目数量
        # beside 本年增/减, under a section's title 第二十条第（八）项): the lower text is that row's,
        # not the upper one's next paragraph. Beside a cell's paragraphs stand other cells' (社会 /
        # 公益 / 组织 beside 法律 / 服务 / 机构 and 其他 centred in its cell). A header of one line
        # centred between the two is beside both, as a row's one-line cell beside its wrapped one
        # (本年增/减 beside 上一年项目 / 数量, Word's 16pt text boxes taller than its 13.9pt lines:
        # it shares a sliver of the lower line's height).
        if any(p is not upper and share_height(p, upper) for p in headers) or amid_paragraphs(upper):
            return False  # the upper text is no title alone on its line
        return any(
            o is not upper
            and o is not lower
            and not overlap(o, lower)
            and share_height(o, lower)
            and not ("\n" not in o.text and abs(o.yc - (upper.yc + lower.yc) / 2) <= LEVEL * em)
            and not any(share_height(p, upper) and overlap(p, o) for p in headers)
            for o in headers
        )

    def amid_paragraphs(block: Block) -> bool:
        # Between two paragraphs of another column's cell, one right under the other: a cell centred
        # in its rows beside paragraphs set a line each, level with none of them (总 / 计 centred in
        # the header rows beside 自 / 然 / 人, 总 between 自 and 然).
        return any(
            a is not b
            and overlap(a, b)
            and not overlap(a, block)
            and a.y0 >= block.y1 - TOUCH
            and b.y1 <= block.y0 + TOUCH
            and a.y0 - b.y1 <= STACKED * em
            and not any(o is not a and o is not b and overlap(o, a) and b.y1 <= o.yc <= a.y0 for o in headers + figures)
            for a in headers
            for b in headers
        )

    def in_spanning_row(cell: Block, lower: Block, after: Block | None) -> bool:
        # A text of one column level with a header over several columns, the texts of the columns
        # beside it level with the text under it and none with it, and further from that text than
        # the lines of either are from each other (or the text ``after`` it in its column): a
        # header over columns too, narrow enough for one (复议 / 后起诉 beside 未经复议 / 直接起诉, over
        # 其 / 他 / 结 / 果 beside 结果纠正 and 尚未审结; 后起诉 alone where the page end cut it). A
        # cell's paragraphs stand a line's distance apart, beside the paragraphs of the cells beside.
        j = column_of(lower)
        beside = [o for o in headers if j is not None and column_of(o) in (j - 1, j + 1)]
        pitches = [a.y0 - b.y1 for block in (cell, lower) for a, b in pairwise(_lines(block))]
        if after is not None and after.y1 <= lower.y0 + TOUCH:
            pitches.append(lower.y0 - after.y1)
        return (
            any(share_height(w, cell) and not share_height(w, lower) for w in wide)
            and any(share_height(o, lower) for o in beside)
            and not any(share_height(o, cell) for o in beside)
            and bool(pitches)
            and cell.y0 - lower.y1 > max(pitches) + TOUCH
        )

    def over_headers(block: Block) -> bool:
        # A header over several columns has their headers under it, not figures (上一年项目数量
        # right under a section's title 第二十条第（八）项 centred alike heads a column of figures).
        under = [o for o in headers + figures if o is not block and overlap(o, block) and o.y1 <= block.y0 + TOUCH]
        if not under:
            # Narrower than the space between its columns' texts (行政 / 诉讼 centred on the edge
            # between 总计 and 结果维持 of its fifth and sixth of ten columns): what stands under it
            # is in the columns it reaches into.
            reached = {j for j, (x0, x1) in enumerate(columns) if x0 + TOUCH < block.x1 and block.x0 < x1 - TOUCH}
            under = [
                o
                for o in headers + figures
                if o is not block and within(o) in reached and o.y1 <= block.y0 + TOUCH and len(reached) > 1
            ]
        if not under:
            # Nothing under it: a header cut by the page end, the rest on the next page; not the
            # header of a column published blank, beside which rows of figures go on.
            return not any(o.y1 <= block.y0 + TOUCH for o in figures)
        return not max(under, key=lambda o: o.y1).figure

    def centred_between(cell: Block, lower: Block, j: int) -> bool:
        # Word's exact line spacing sets a wrapped header's lines as far apart as its rows (30pt
        # for 12pt text: 本年新公开数 / 量, 2.5 ems): the one-line headers of the columns beside it,
        # centred in their row, stand level with the middle of the two lines.
        middle = (Block(lines_of(cell.glyphs)[-1]).yc + lower.yc) / 2
        return any(
            "\n" not in o.text and column_of(o) in (j - 1, j + 1) and abs(o.yc - middle) <= LEVEL * em for o in headers
        )

    def last_line(cell: Block, lower: Block) -> bool:
        # A header wider than its column, its last line in the column: one line a leading below
        # it, no header of a column beside level with it and no other text under the header above
        # its figures (处理决定数 / 量 over the column of its figures, made narrower by a column of
        # another 第二十条 item of table 二): one header over one column. A header over several
        # columns has their headers under it or beside the one centred under it (法人或其他组织
        # over 社会公 beside 科研机, 行政复议 over 其他结果 beside 结果纠正).
        j = column_of(lower)
        if column_of(cell) is not None or j is None or "\n" in lower.text:
            return False
        if _a_line_apart(Block(lines_of(cell.glyphs)[-1]), lower) and not centred_between(cell, lower, j):
            return False  # a title over a header, further apart
        top = max((f.y1 for f in figures if overlap(f, cell) and f.y1 <= lower.y0 + TOUCH), default=float("-inf"))
        return not any(
            o is not lower
            and (
                overlap(o, cell)
                and o.y1 <= cell.y0 + TOUCH
                and o.y0 >= top - TOUCH
                or column_of(o) in (j - 1, j + 1)
                and min(abs(o.yc - lower.yc), abs(o.first_line.yc - lower.first_line.yc)) <= LEVEL * em
            )
            for o in headers
        )

    def wrapped_beside(cell: Block, lower: Block) -> bool:
        # The rest of a header over several columns, wrapped (未经复议直接起 / 诉 by WeasyPrint on A5,
        # 未经复议直 / 接起诉 as a Word document, its lines a page's wide line spacing apart; 上一年 /
        # 项目数量 as a Word document, two paragraphs a paragraph's spacing apart, as far as rows):
        # a header over several columns of one line beside both, level with their middle
        # (复议后起诉, centred in the row), puts them in one header row, whatever stands under the
        # header or beside it.
        last = Block(lines_of(cell.glyphs)[-1])
        if column_of(cell) is not None or "\n" in lower.text:
            return False
        if abs(last.xc - lower.xc) > ALIGNED * em:
            return False
        if any(o is not lower and overlap(o, cell) and lower.y1 <= o.yc <= last.y0 for o in headers + figures):
            return False
        middle = (last.yc + lower.yc) / 2
        return any(
            "\n" not in o.text
            and column_of(o) is None
            and not overlap(o, cell)
            and not overlap(o, lower)
            and abs(o.yc - middle) <= LEVEL * em
            for o in headers
        )

    def set_alike(upper: Block, lower: Block) -> bool:
        # Centred alike, or set from one left edge, the lower line no wider: the rest of a wrapped
        # line (上一年项目数 / 量 from its cell's left edge, centred beside 本年增/减).
        return abs(upper.xc - lower.xc) <= TOUCH or (abs(upper.x0 - lower.x0) <= TOUCH and lower.x1 <= upper.x1 + TOUCH)

    def rest_within(cell: Block, lower: Block) -> bool:
        # The rest of a header wider than its column's bounds but centred on it (法律服 / 务机构 set
        # from the cell's left edge, its first line spread over the cell up to 其 of the column
        # beside, a narrow neighbour's figures bounding the column): within the first line's width,
        # starting where it starts, it is that cell's line, in no column of its own.
        return (
            column_of(cell) is not None
            and column_of(lower) is None
            and "\n" not in lower.text
            and abs(cell.x0 - lower.x0) <= TOUCH
            and lower.x1 <= cell.x1 + TOUCH
        )

    def level_with(line: Block) -> list[Block]:
        return [o for o in headers if abs(o.yc - line.yc) <= LEVEL * em]

    def lines_alike(upper: Block, lower: Block) -> bool:
        # Two lines of texts that start at the same places, two or more each, one a leading under
        # the other, some wider than their column: the lines of cells set from their left edge
        # (本年新 / 制作数量 | 本年 / 公开数量 | 对外公开总数 / 量, a Word export's line breaks), not a
        # header over those below it, which starts where the first of them starts only (行政诉讼
        # over 未经复议直接起诉 | 复议后起诉). Headers set one character a line within their columns
        # are stacked by column (below). Centred at the same places, they are the paragraphs of
        # centred cells (本年新 / 制作数量 | 本年新 / 公开数量 | 对外公开 / 总数量, each cell two
        # paragraphs set a paragraph's spacing apart).
        above, below = level_with(Block(lines_of(upper.glyphs)[-1])), level_with(lower)

        def alike(place: Callable[[Block], float]) -> bool:
            return abs(place(upper) - place(lower)) <= TOUCH and all(
                abs(a - b) <= TOUCH for a, b in zip(sorted(map(place, above)), sorted(map(place, below)))
            )

        return (
            len(above) > 1
            and len(above) == len(below)
            and any(column_of(o) is None for o in above)
            and (alike(lambda o: o.x0) or alike(lambda o: o.xc))
        )

    wide = [header for header in headers if column_of(header) is None]
    joined: list[Block] = []
    for header in sorted(headers, key=lambda block: -block.yc):
        upper = next(
            (
                cell
                for cell in joined
                if 0 < cell.y0 - header.y1 <= STACKED * em
                and (
                    not between(cell, header)
                    and (
                        set_alike(cell, header)
                        and (
                            column_of(header) is None
                            and over_headers(header)
                            or last_line(cell, header)
                            or rest_within(cell, header)
                        )
                        or lines_alike(cell, header)
                    )
                    or wrapped_beside(cell, header)
                )
            ),
            None,
        )
        if upper is None:
            joined.append(header)
        else:
            joined[joined.index(upper)] = Block(upper.glyphs + header.glyphs)
    lines = {id(header) for header in joined if not any(header is h for h in headers)}
    headers = joined
    wide = [header for header in headers if column_of(header) is None]
    stacked: list[Block] = list(wide)
    by_column: dict[int, list[Block]] = {}
    for header in headers:
        j = column_of(header)
        if j is not None:
            by_column.setdefault(j, []).append(header)
    for group in by_column.values():
        group.sort(key=lambda block: -block.yc)
        cell = last = group[0]
        for k, lower in enumerate(group[1:], 2):
            if (
                cell.y0 - lower.y1 <= PADDED_STACK * em
                and not between(cell, lower)
                and not rows_apart(last, lower)
                and not opens_row(last, lower)
                and not in_spanning_row(cell, lower, group[k] if k < len(group) else None)
                and not any(lower.y1 <= f.yc <= cell.y0 for f in figures)
            ):
                cell = Block(cell.glyphs + lower.glyphs)
            else:
                stacked.append(cell)
                cell = lower
            last = lower
        stacked.append(cell)
    return stacked, lines


def header_level(header: Block, headers: list[Block], em: float, cut: bool = False) -> tuple[float, float]:
    """Where a header stands in the header rows: its centre, or, for a wrapped header level with no
    other header's text by its centre but by its first line (cells set from their top: 社会 / 公益
    beside 商业, 科研), that line: the row of those texts, which it then reaches down from
    (``textgrid.segment``). A wrapped header centred in its cell is level with its row's texts by its
    centre (社会公益 / 组织 beside 商业企业, Chromium), and stays there.

    In a header cut by the page end (``cut``: no figure below it on its page) every cell of a row
    may wrap (商 / 业, 科 / 研, 社 / 会 / 公 on A5, its rest on the next page), so no text of one
    line marks the row. Cells set from their top put their first lines on one baseline whatever
    their number of lines: wrapped headers whose first lines share a baseline while their centres
    differ are one row, by that line. Cells centred in their row share their centres (结 / 果 / 维
    / 持 beside 结 / 果 / 纠 / 正), and a centred cell of fewer lines puts its first line elsewhere."""
    first = header.first_line

    def level(y: float) -> bool:
        return any(o is not header and "\n" not in o.text and abs(o.yc - y) <= LEVEL * em for o in headers)

    if first.y0 > header.y0 and not level(header.yc) and level(first.yc):
        return first.yc + LEVEL * em, first.yc - LEVEL * em
    if cut and first.y0 > header.y0 and not _centred_beside(header, headers, em):
        on_baseline = [o for o in headers if abs(o.first_line.yc - first.yc) <= TOUCH]
        if max(o.yc for o in on_baseline) - min(o.yc for o in on_baseline) > LEVEL * em:
            return first.yc + LEVEL * em, first.yc - LEVEL * em
    return header.yc + LEVEL * em, header.yc - LEVEL * em


def _a_line_apart(upper: Block, lower: Block) -> bool:
    """Whether a line stands a line's height or more under the one above (a title over a header,
    not a wrapped line's rest). A text layer's boxes are its characters' ems; OCR gives their ink,
    lower than the em and further apart (13.9 points of 对外公开总数's 15.8-point em, 14.2 apart
    where the em boxes of the same print are 13.4), so an OCR'd line is measured by its middle
    and its em, as tall as its characters are wide."""
    if upper.confidence is None or lower.confidence is None:
        return upper.y0 - lower.y1 >= lower.y1 - lower.y0
    return upper.yc - lower.yc >= upper.em / 2 + 1.5 * lower.em


def _lines(block: Block) -> list[Block]:
    return [Block(line) for line in lines_of(block.glyphs)]


def _centred_beside(header: Block, headers: list[Block], em: float) -> bool:
    """Whether another wrapped header shares the centre of ``header`` but not its first line: cells
    of a row set from their top share their first line whatever their number of lines, so two of
    another number of lines centred alike are centred in their row (总 / 计 beside 结 / 果 / 维 /
    持 under 未经复议直接起诉, a line lower than the first lines of the row above it, whose 总 / 计
    happens to start on the same baseline as these)."""
    first = header.first_line
    return any(
        o is not header
        and "\n" in o.text
        and abs(o.yc - header.yc) <= LEVEL * em
        and abs(o.first_line.yc - first.yc) > TOUCH
        for o in headers
    )


def _rows_of_wrapped(upper: Block, lower: Block, wide: list[Block], other: Block, em: float) -> bool:
    """Whether a header over several columns beside ``other`` wraps in two lines level with
    ``upper`` and ``lower`` (未经复议直接起 / 诉 at the page's wide line spacing, beside 复议后起诉
    centred in their row, on A5): ``upper`` and ``lower`` are lines of one header row, the cells
    of one column set one character a line (结 / 果 / 维 / 持), whatever heads columns under
    ``other``."""
    return any(
        w is not other
        and len(lines := _lines(w)) == 2
        and abs(lines[0].yc - upper.yc) <= LEVEL * em
        and abs(lines[1].yc - lower.yc) <= LEVEL * em
        for w in wide
    )
