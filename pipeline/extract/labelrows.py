"""The labels of a table without rules and the rows they cover: a group label's paragraphs as one
cell, the labels that are a row's own, how far down a row's label reaches, and the rows of labels
over several rows (a group of numbered items, a label centred on its rows, the rest of a cell
begun on the page before)."""

from __future__ import annotations

import re

from pipeline.core.facts import ReportError
from pipeline.extract.gridmeasures import PADDED_STACK, STACKED, TOUCH, share_height
from pipeline.extract.textcells import ENUMERATED, Block, overlap

# The numbered items of a group (table 三's 1.属于国家秘密 …): a group's rows begin with its item 1.
_ITEM = re.compile(r"\s*\d+\s*[.．、]")
_FIRST_ITEM = re.compile(r"\s*1\s*[.．、]")


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


def _row_span(rows: list[tuple[float, float]], label: Block, reach: float, headed: set[int]) -> tuple[int, int]:
    """The rows within ``reach`` of a label's centre, and those beside it; else the rows of the
    headers beside it (``headed``, for a label above every row's own): a note over the header rows
    whose last lines a page end set beside the rest of the header (…第三项加第四 / 项之和） beside
    公益组织's lower lines), between the rows those headers' first lines place."""
    inside = [i for i, (top, bottom) in enumerate(rows) if abs((top + bottom) / 2 - label.yc) < reach]
    inside += [i for i, (top, bottom) in enumerate(rows) if label.y0 < top and bottom < label.y1]
    inside = inside or sorted(headed)
    if not inside:
        raise ReportError(f"the text {label.text!r} stands beside no row of its table")
    return min(inside), max(inside)


def _between_rows(label: Block, others: list[Block]) -> bool:
    """Whether a label stands between two rows as a group label does: of the texts reaching right
    of its start, those nearest above and below it both stand right of it."""
    reaching = [other for other in others if other.x1 > label.x0 + 1]
    above = [other for other in reaching if other.y0 >= label.y1]
    below = [other for other in reaching if other.y1 <= label.y0]
    nearest = [min(above, key=lambda o: o.y0, default=None), max(below, key=lambda o: o.y1, default=None)]
    return all(other is not None and other.x0 >= label.x1 - 1 for other in nearest)


def label_stacks(labels: list[Block], figures: list[Block], em: float) -> list[Block]:
    """A group label's paragraphs as one cell: a Word cell's paragraphs (三、本 / 年度办 / 理结果)
    are set further apart than a wrapped text's lines. The text of a group label stands beside
    labels to its right, or, centred in its cell with its other paragraphs, may stand between two
    rows, beside no label, labels right of it above and below (（四） over 无法 / 提供, Chromium
    centring a cell's paragraphs): a text below it that starts where it starts or is centred where
    it is centred, with no figure beside it (or itself beside labels to its right, the text above
    then beside no figure), no other text of that column between them and at most ``STACKED`` ems
    away, is its next paragraph; at most ``PADDED_STACK`` ems if it opens with no enumerator of the
    template's (（三）, 四、, 1.): a cell padded with spaces that wrap leaves blank lines.
    A text that opens with one begins a label of its own below a label that does too (（四）无法 /
    提供 over （五）不予 / 处理, 1.2 ems apart where a cell's last line stands taller)."""

    def beside(a: Block, b: Block) -> bool:
        return a.y0 < b.y1 and b.y0 < a.y1

    def grouping(label: Block) -> bool:
        return any(other.x0 >= label.x1 - 1 and beside(other, label) for other in labels)

    def own_row(label: Block) -> bool:
        return any(label.y0 < figure.yc < label.y1 for figure in figures)

    stacked: list[Block] = []
    for label in sorted(labels, key=lambda block: -block.yc):
        upper = next(
            (
                cell
                for cell in reversed(stacked)
                if (abs(cell.x0 - label.x0) <= 1 or abs(cell.xc - label.xc) <= 1)
                and (grouping(cell) or _between_rows(cell, labels) and grouping(label) and not own_row(cell))
                and (grouping(label) or not own_row(label))
                and 0 <= cell.y0 - label.y1 <= (STACKED if ENUMERATED.match(label.text) else PADDED_STACK) * em
                and not (ENUMERATED.match(label.text) and ENUMERATED.match(cell.text))
            ),
            None,
        )
        if upper is not None and not any(
            other is not upper and abs(other.x0 - label.x0) <= 1 and label.y1 <= other.yc <= upper.y0
            for other in stacked
        ):
            stacked[stacked.index(upper)] = Block(upper.glyphs + label.glyphs)
        else:
            stacked.append(label)
    return stacked


def row_labels(labels: list[Block], figures: list[Block], headers: list[Block]) -> list[Block]:
    """The labels that are a row's own: not a group label (one with labels to its right beside
    it, or, standing between two rows with no figure beside it, right of it above and below),
    not a label beside headers (a note over the header rows)."""

    def group_label(label: Block) -> bool:
        if any(other.x0 >= label.x1 - 1 and other.y0 < label.y1 and label.y0 < other.y1 for other in labels):
            return True
        if any(label.y0 < figure.yc < label.y1 for figure in figures):
            return False
        # Not a block title to its left, nor the label column's header, level with the headers over
        # the figures (信息内容 beside 本年处理决定数量 over and under 行政许可, the one row of a
        # 第二十条 item, its figure a line below it).
        return _between_rows(label, [o for o in labels if not any(share_height(o, header) for header in headers)])

    # Above the first row of figures, a label beside any header's text is a note over the header
    # rows (本列数据的勾稽关系…), even when it ends a little short of a header's middle.
    top = max((figure.y1 for figure in figures), default=float("-inf"))

    def note(label: Block) -> bool:
        return any(
            label.y0 < h.yc < label.y1 or label.y0 > top and label.y0 < h.y1 and h.y0 < label.y1 for h in headers
        )

    return [label for label in labels if not group_label(label) and not note(label)]


def label_extents(leaves: list[Block], figures: list[Block], texts: list[Block]) -> list[tuple[float, float]]:
    """The heights of the rows' own labels, a label beside no figure reaching down to the figures
    right under it that stand beside no label, closer to it than to the next label, no other text
    between them (``texts``: the table's labels and headers; a group label's to its left aside): a
    row whose label is set from its top and figures centred in it, taller than both (2.重复申请,
    its figures a line below it, beside nothing). A label of a row published blank has the next
    row's label between it and that row's figures."""

    extents = []
    for leaf in leaves:
        extent = (leaf.y1, leaf.y0)
        below = [f for f in figures if f.y1 <= leaf.y0 + TOUCH]
        if below and not any(share_height(f, leaf) for f in figures):
            near = max(below, key=lambda f: f.y1)
            under = [o for o in leaves if o.y1 <= leaf.y0 + TOUCH and o is not leaf]
            following = max((o.y1 for o in under), default=float("-inf"))
            if (
                not any(share_height(near, o) for o in leaves)
                and not any(t is not leaf and t.x1 > leaf.x0 and near.y1 < t.yc < leaf.y0 for t in texts)
                and following < near.y0
                and leaf.y0 - near.y1 < near.y0 - following
                and leaf.y0 - near.y1 <= STACKED * leaf.em
            ):
                extent = (leaf.y1, near.y0)
        extents.append(extent)
    return extents


def label_rows(
    rows: list[tuple[float, float]],
    labels: list[Block],
    leaves: list[Block],
    headers: list[Block],
    continued: bool,
    row_of,
) -> dict[int, tuple[int, int]]:
    """The rows of each label (by ``id``): a row's own label its row; labels over several rows,
    the most hemmed in first, up to a row whose own label is not to their right or a row of
    another such label of their column placed before. A label that opens a continued table is
    the rest of a cell begun on the page before, set from its top (or a line below it: the first
    text of its column, above the second row): it covers the rows down to those of the next label
    of its column, placed last."""
    spans: dict[int, tuple[int, int]] = {id(label): (row_of(label),) * 2 for label in leaves}

    def blocked(label: Block) -> list[bool]:
        mates = [o for o in labels if id(o) in spans and (o in leaves and o.x0 < label.x1 - 1 or overlap(o, label))]
        return [any(spans[id(m)][0] <= r <= spans[id(m)][1] for m in mates) for r in range(len(rows))]

    def opens(label: Block) -> bool:
        # The first text of its column, begun above the second row (LibreOffice may set the rest of
        # a cell a line below the top of the row it goes on in: 供 of （四）无法提 / 供 under the first
        # row's label), opening with no enumerator (a group of its own begins with one).
        return (
            len(rows) > 1
            and label.y1 > rows[1][0]
            and not ENUMERATED.match(label.text)
            and not any(other is not label and overlap(other, label) and other.y0 > label.y1 for other in labels)
        )

    waiting = [label for label in labels if label not in leaves]
    rest = [label for label in waiting if continued and (label.y1 >= rows[0][0] - 1 or opens(label))]
    waiting = [label for label in waiting if label not in rest]
    numbered = {row_of(leaf): bool(_ITEM.match(leaf.text)) for leaf in leaves}
    firsts = {row_of(leaf) for leaf in leaves if _FIRST_ITEM.match(leaf.text)}
    for label in list(waiting):
        beside = [r for r, (top, bottom) in enumerate(rows) if bottom < label.y1 and label.y0 < top]
        if beside and all(numbered.get(r) for r in beside):
            # A group of numbered items (1. … 8.) is the rows from its item 1 to the next item 1:
            # its label may be set at its top, its middle or anywhere beside it.
            r0 = max((r for r in firsts if r <= beside[0]), default=None)
            if r0 is None or not all(numbered.get(r) for r in range(r0, beside[0])):
                continue
            r1 = beside[-1]
            while numbered.get(r1 + 1) and r1 + 1 not in firsts:
                r1 += 1
            spans[id(label)] = (r0, r1)
            waiting.remove(label)
    while waiting:
        reach, label = min(
            ((_reach(rows, label, blocked(label)), label) for label in waiting), key=lambda pair: pair[0]
        )
        above = all(label.y0 >= leaf.y1 for leaf in leaves)
        headed = {row_of(header) for header in headers if above and share_height(header, label)}
        spans[id(label)] = _row_span(rows, label, reach, headed)
        waiting.remove(label)
    for label in rest:
        below = [r for r, is_blocked in enumerate(blocked(label)) if is_blocked and rows[r][0] <= label.y0]
        own = max((i for i, (top, _) in enumerate(rows) if top > label.y0), default=None)
        if own is None:
            raise ReportError(f"the text {label.text!r} stands beside no row of its table")
        spans[id(label)] = (0, max(own, min(below, default=len(rows)) - 1))
    return spans
