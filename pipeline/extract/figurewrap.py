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
    figure = Block([glyph for line in stack for glyph in line.glyphs])
    near = _LINE * stack[0].em
    centred = any(column_of(other) != column_of(stack[0]) and abs(other.yc - figure.yc) <= near for other in figures)
    beside = [label for label in labels if _level(label, figure)]
    beside = [label for label in beside if not any(other.x0 >= label.x1 - _SAME for other in beside)]
    if not beside:
        first_row = all(label.yc < figure.y0 for label in labels) and all(
            other.yc < figure.y0 or _level(other, figure) for other in figures
        )
        return first_row and centred, None
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
    centre = Block([glyph for line in stack for glyph in line.glyphs]).yc
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
    rowed = [
        (stack, found[1])
        for stack in stacks
        if len(stack) > 1 and (found := _row_label(stack, labels, figures, column_of))[0]
    ]
    rests = [line for stack, _ in rowed for line in stack[1:]]
    joined: list[Block] = []
    for stack in stacks:
        row = next((row for row in rowed if row[0] is stack), None)
        if row is not None and _alone(stack, row[1], figures, rests):
            joined.append(Block([glyph for line in stack for glyph in line.glyphs]))
        else:
            joined += stack
    return joined
