"""A figure wrapped inside its narrow cell, in a table without rules: Writer sets a figure wider than
its column on two or more lines of one cell (217 as ``21`` / ``7``, 218 as ``2`` / ``1`` / ``8``).

Without rules nothing but the text's own setting tells the lines of one figure from the figures of
two rows, so texts of one value column are joined only when they are set as the lines of one
paragraph are, and stand in one row:

- each line is digits only (no space, no separator, no unit);
- each line stands where the one above stands in the column (its left end, centre or right end,
  as the table aligns its figures), one line's leading below it: no overlap, no more than a
  wrapped line's distance (``_WRAP`` ems), every step alike;
- every line but the last fills the column: it is as wide as the widest text of figures in that
  column (a line breaks only where the next digit does not fit), and the last is no wider;
- the lines stand beside one row's own label only (each row's label stands level with its
  figures: lines beside two labels are two rows' figures), set as a cell of that row: centred on
  the label, or the first line level with the label's first line (a cell set from the row's top,
  or cut by the page end).
- every figure of another column beside a later line stands beside a line above, or the row's
  label, or is itself a later line of a figure wrapped in its cell: a row of figures beside none of
  them is the next row's (its label may be on another page).

Figures of successive rows may run on at one line's distance (Writer wraps 1561 over four lines of a
column one digit wide, right above the next row's 870), down to a row the page end cuts at the foot:
the run is parted into figures only where the page proves it (``_parted``), else it stays as above.

Anything else stays apart: two texts in one cell, which the reader refuses with its one line.
"""

from __future__ import annotations

import re

from pipeline.extract.textcells import Block, anchor

# Digits only: a line of a wrapped figure.
_DIGITS = re.compile(r"\d+")
# The lines of a wrapped figure are at most this many ems apart (centre to centre), as a wrapped
# label's are (``textcells._WRAP``).
_WRAP = 1.6
# Lines stand at the same place, steps are alike, widths are equal to this many PDF points.
_SAME = 1.0
# A run that can be cut more ways than this is left whole (too many rows' centres along it).
_WAYS = 16
# Texts whose centres are this share of an em apart stand on one line.
_LINE = 0.25


def _width(block: Block) -> float:
    return block.x1 - block.x0


def _level(a: Block, b: Block) -> bool:
    """Whether two texts share some height (more than touching)."""
    return a.y0 < b.y1 - _SAME and b.y0 < a.y1 - _SAME


def _goes_on(stack: list[Block], lower: Block, widest: float, align: str) -> bool:
    """Whether ``lower`` can be the next line of the figure whose lines so far are ``stack``."""
    upper = stack[-1]
    if not _DIGITS.fullmatch("".join(lower.text.split())) or abs(anchor(lower, align) - anchor(upper, align)) > _SAME:
        return False
    step = upper.yc - lower.yc
    if lower.y1 > upper.y0 + _SAME or step > _WRAP * upper.em:
        return False  # texts of one line, or lines further apart than a paragraph's
    if len(stack) > 1 and abs(step - (stack[-2].yc - upper.yc)) > _SAME:
        return False
    # A line breaks only where the next digit does not fit: the line above fills the column.
    if abs(_width(upper) - _width(stack[0])) > _SAME or _width(upper) < widest - _SAME:
        return False
    return _width(lower) <= _width(upper) + _SAME


def _joined(stack: list[Block]) -> Block:
    return Block([glyph for line in stack for glyph in line.glyphs])


def _beside(figure: Block, labels: list[Block]) -> list[Block]:
    """The rows' labels level with ``figure``, but for a group label's (one ending left of where
    another beside it starts: a column further left)."""
    beside = [label for label in labels if _level(label, figure)]
    return [label for label in beside if not any(other.x0 >= label.x1 - _SAME for other in beside)]


def _row_label(stack: list[Block], labels: list[Block], figures: list[Block], column_of) -> tuple[bool, Block | None]:
    """Whether the lines stand in one row, and its label: beside one row's own label only (each
    row's label stands level with its figures: lines beside two labels are two rows' figures; a
    label ending left of where another beside them starts is a group label's, a column further
    left: 度 of a vertical 三、本年度办理结果 beside a wrapped figure's last line), set as that row
    sets its cells: centred on the label (a cell centred in its row), its first line level with the
    label's first line (set from the row's top), or centred where a figure of another column is
    centred (figures centred in a row whose label is set from its top: the row's figures share
    their centre, which two rows' figures stacked one above the other do not). Beside no label,
    the lines stand in one row when they are the first row of the table on the page (a row a page
    end cut, its label on the page before: nothing above it) and centred so."""
    figure = _joined(stack)
    near = _LINE * stack[0].em
    centred = any(column_of(other) != column_of(stack[0]) and abs(other.yc - figure.yc) <= near for other in figures)
    beside = _beside(figure, labels)
    if not beside:
        return _first_row(figure, labels, figures) and centred, None
    if len(beside) != 1:
        return False, None
    label = beside[0]
    first = label.first_line
    aligned = abs(label.yc - figure.yc) <= near or abs(first.yc - stack[0].yc) <= near
    return aligned or centred, label


def _alone(stack: list[Block], label: Block | None, figures: list[Block], rests: list[Block]) -> bool:
    """Whether every figure of another column beside a later line of the stack is of its row:
    beside a line above, or its row's ``label``, or centred where the stack is (a row's figures
    centred in it, its label set from its top), or itself the next line of a figure wrapped in its
    own cell (7 of 21 / 7 beside 8 of 2 / 1 / 8). A row of figures beside none of them is the next
    row's, whose label may be on another page."""
    centre = _joined(stack).yc
    for k, line in enumerate(stack[1:], start=1):
        for figure in figures:
            if any(figure is other for other in stack) or not _level(figure, line):
                continue
            if not (
                any(_level(figure, above) for above in stack[:k])
                or (label is not None and _level(figure, label))
                or abs(figure.yc - centre) <= _LINE * figure.em
                or any(figure is r for r in rests)
            ):
                return False
    return True


def _rowed(
    stacks: list[list[Block]], labels: list[Block], figures: list[Block], column_of, cut: list[Block]
) -> list[list[Block]]:
    """The stacks of several lines that are one figure each: in one row, alone there. ``cut``: the
    figures a run was cut into (``_parted``), whose centres a row's figures share as a figure's."""
    rowed = [
        (stack, found[1])
        for stack in stacks
        if len(stack) > 1 and (found := _row_label(stack, labels, figures + cut, column_of))[0]
    ]
    rests = [line for stack, _ in rowed for line in stack[1:]]
    return [stack for stack, label in rowed if _alone(stack, label, figures, rests)]


def _parts(fits, apart, a: int, stack: list[Block], above: list[Block] | None = None) -> list[list[list[Block]]]:
    """The ways (``_WAYS`` at most) to cut ``stack[a:]`` into parts that each ``fits`` (whether the
    lines from a to b are a figure set in its row) and stand ``apart`` from the part above."""
    ways: list[list[list[Block]]] = []
    for b in range(a, len(stack)):
        part = stack[a : b + 1]
        if fits(a, b) and (above is None or apart(above, part)):
            rests = [[]] if b == len(stack) - 1 else _parts(fits, apart, b + 1, stack, part)
            ways += [[part, *rest] for rest in rests]
        if len(ways) >= _WAYS:
            break
    return ways[:_WAYS]


def _first_row(part: Block, labels: list[Block], figures: list[Block]) -> bool:
    """Whether ``part`` is the first row of the table on its page, beside no label: the rest of a
    row the page end cut, its label on the page before."""
    return all(label.yc < part.y0 for label in labels) and all(
        other.yc < part.y0 or _level(other, part) for other in figures
    )


def _foot_row(lines: list[Block], labels: list[Block], texts: list[Block], centres: list[float]) -> bool:
    """Whether the last ``lines`` of a run, below a part proven to be a row's figure, are the lines
    of the table's last row on its page, cut by the page end at its foot: a cut row's cells go on
    on the next page, so they fill this page's part of the row from its top, level with its
    label's first line, and are centred on nothing. Its label is the only row label beside them
    and the lowest of the table (below it no row begins), no text of the table stands below them
    (a row the page end cuts is the last on its page), and a figure of one line of another column
    stands within them: the row's own, the only one there (``_cut_holds``). Two rows set one
    under the other leave no figure of one line there, the next row's under each (WeasyPrint's
    平潭 2022 on A5: a row of zeros under （七）总计, its label 四、结转下年度继续办理 on the next page)."""
    part = _joined(lines)
    beside = _beside(part, labels)
    if len(beside) != 1:
        return False
    label = beside[0]
    return (
        abs(label.first_line.yc - lines[0].yc) <= _LINE * lines[0].em
        and all(other.yc >= label.y0 for other in labels)
        and all(text.yc >= part.y0 for text in texts)
        and any(part.y0 <= c <= part.y1 for c in centres)
    )


def _on(part: Block, centre: float, near: float) -> bool:
    return abs(part.yc - centre) <= near


def _cut_holds(way: list[list[Block]], within: list[float], near: float) -> bool:
    """Whether every row's centre ``within`` the run falls on a part of ``way``: on its centre, or
    within its first or last part when that part is a row the page end cut (centred on none:
    where that row's figures of one line stand on this page does not tell its centre; they stand
    in one row still, one centre), and the part beside it is centred (it proves the cut)."""
    parts = [_joined(part) for part in way]
    pinned = [any(_on(part, c, near) for c in within) for part in parts]
    if any(not upper and not lower for upper, lower in zip(pinned, pinned[1:])):
        return False
    loose = [part for part, held in zip(parts, pinned) if not held]
    if not all(any(_on(part, c, near) for part in parts) or any(p.y0 <= c <= p.y1 for p in loose) for c in within):
        return False
    inside = [[c for c in within if part.y0 <= c <= part.y1] for part in loose]
    return all(not held or max(held) - min(held) <= near for held in inside)


def _apart(upper: list[Block], lower: list[Block], labels: list[Block]) -> bool:
    """Whether ``lower`` stands in a row of its own below ``upper``: a label level with it and not
    with ``upper`` starts its row (a group label over both rows is level with both), and no row's
    label stands beside both (a label stands within its own row)."""
    level = [{id(label) for label in labels if _level(label, _joined(part))} for part in (upper, lower)]
    rows = [{id(label) for label in _beside(_joined(part), labels)} for part in (upper, lower)]
    return bool(level[1] - level[0]) and not rows[0] & rows[1]


def _parted(stack: list[Block], stacks: list[list[Block]], labels: list[Block], column_of) -> list[list[Block]]:
    """``stack`` cut into the figures of successive rows run on at one line's distance, where the
    page proves it, else whole. A table's figures stand centred in their rows: a figure of one line
    alone in another column gives its row's centre. The run is cut only into parts each centred on
    such a centre with no other centre within its lines (rows do not overlap), but for the first
    part, which may be the rest of a row the page end cut, beside no label at the top of the table
    on its page (its centre is on the page before); every centre within the run falls on a part;
    each part after the first stands in a row of its own (``_apart``): two proofs of the rows
    apart, their centres and their labels. The last part, below a part so proven, may be the
    first lines of a row the page end cuts at the foot (``_foot_row``: the table's last row on
    its page, set from its top). Of the cuts that do it, those that take no part for a cut row's
    lines where a centre places it count, and there must be one only. Two figures run on at one pitch
    in rows of one line each, or a run beside no figure of one line, stay whole, and the reader
    refuses them."""
    if len(stack) < 2:
        return [stack]
    column = column_of(stack[0])
    centres = [other[0].yc for other in stacks if len(other) == 1 and column_of(other[0]) != column]
    near = _LINE * stack[0].em
    within = [c for c in centres if stack[-1].yc - near <= c <= stack[0].yc + near]
    figures = [line for other in stacks for line in other if column_of(line) != column]

    def fits(a: int, b: int) -> bool:
        part = _joined(stack[a : b + 1])
        if any(_on(part, c, near) for c in within):
            return all(_on(part, c, near) or not stack[b].yc < c < stack[a].yc for c in within)
        if a > 0 and b == len(stack) - 1:
            return _foot_row(stack[a:], labels, figures + labels, within)
        return a == 0 and b < len(stack) - 1 and not _beside(part, labels) and _first_row(part, labels, figures)

    def loose(way: list[list[Block]]) -> int:
        return sum(not any(_on(_joined(part), c, near) for c in within) for part in way)

    ways = _parts(fits, lambda upper, lower: _apart(upper, lower, labels), 0, stack)
    ways = [way for way in ways if len(way) > 1 and _cut_holds(way, within, near)] if len(ways) < _WAYS else []
    ways = [way for way in ways if loose(way) == min(map(loose, ways))]  # a centred first part first
    return ways[0] if len(ways) == 1 else [stack]


def join_wrapped(figures: list[Block], labels: list[Block], column_of, align: str) -> list[Block]:
    """``figures`` with the lines of each figure wrapped inside its cell joined into one text
    (``21`` / ``7``: ``21\n7``, read as 217); ``labels``: the rows' own labels; ``column_of``:
    a figure's value column; ``align``: where figures stand in their column (``left``, ``right``,
    ``centre``)."""
    by_column: dict[int, list[Block]] = {}
    for figure in figures:
        by_column.setdefault(column_of(figure), []).append(figure)
    stacks: list[list[Block]] = []
    for column in by_column.values():
        column.sort(key=lambda block: -block.yc)
        widest = max(_width(figure) for figure in column)
        own: list[list[Block]] = []
        for figure in column:
            if own and _DIGITS.fullmatch("".join(own[-1][0].text.split())) and _goes_on(own[-1], figure, widest, align):
                own[-1].append(figure)
            else:
                own.append([figure])
        stacks += own
    # Runs the page proves to be several figures are cut; each is then one figure or lines apart.
    ways = [_parted(stack, stacks, labels, column_of) for stack in stacks]
    stacks = [part for way in ways for part in way]
    cut = [_joined(part) for way in ways if len(way) > 1 for part in way if len(part) > 1]
    ones = _rowed(stacks, labels, figures, column_of, cut)
    joined: list[Block] = []
    for stack in stacks:
        if any(stack is one for one in ones):
            joined.append(_joined(stack))
        else:
            joined += stack
    return joined
