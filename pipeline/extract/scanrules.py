"""The rules drawn on a scanned page, and the ruled tables they make (``ruled_tables``).

Among a page's long strokes (``strokemasks.py``) a vertical stroke counts as a rule only where it
runs from one horizontal rule to another (or a page break cut it open), and a horizontal one
where its ends meet vertical rules, so the strokes of characters that blur joined are not taken
for rules; a horizontal rule a seal or noise broke inside a cell is carried on over the break.
The rules, in PDF points, build the grid the way the reader of vector rules does (``rules.py``).
"""

from __future__ import annotations

import cv2
import numpy as np

from pipeline.extract.pageimages import PageImage
from pipeline.extract.rules import Line, RuledTable, closed, grid, merge, tables_of
from pipeline.extract.seals import dark_strokes, find_seals
from pipeline.extract.strokemasks import stroke_masks, under_light_seals

# A vertical stroke is a rule when both its ends are this close (pixels) to horizontal rules; a
# horizontal one when its ends are this close to vertical rules (rules cross: no padding between).
_MEET = 14
_END = 8
# A vertical rule a page break cut open (no rule drawn there) is at least this long (pixels: over
# twice a character's height), and ends with at least _CUT - 1 others.
_OPEN_RULE = 100
_CUT = 3
# A piece of a horizontal rule lies on the line of the rule it continues within a rule's
# thickness (pixels: a few at 300 dpi, the page straightened to a few hundredths of a degree).
_LEVEL_PX = 4
# Pixels above and below a horizontal rule's lost stretch that ink must span to be text crossing
# where the rule would run (a rule's own remnants are a few pixels thick).
_ACROSS = 6


def _strokes(mask: np.ndarray, horizontal: bool) -> list[tuple[int, int, int]]:
    """Connected long strokes of a mask as (position across, start, end) in pixels."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    found = []
    for x, y, w, h, _area in stats[1:count]:
        if horizontal:
            found.append((y + h // 2, x, x + w))
        else:
            found.append((x + w // 2, y, y + h))
    return found


def _ends_meet(line: tuple[int, int, int], crossing: list[tuple[int, int, int]], near: int) -> bool:
    """Whether both ends of ``line`` lie on (within ``near`` pixels of) a rule that crosses it."""
    _, start, end = line

    def on_rule(at: int) -> bool:
        return any(
            abs(c_at - at) <= near and c_start - near <= line[0] <= c_end + near for c_at, c_start, c_end in crossing
        )

    return on_rule(start) and on_rule(end)


def _between_rules(line: tuple[int, int, int], crossing: list[tuple[int, int, int]]) -> tuple[int, int, int] | None:
    """A vertical stroke cut to the span between the first and the last horizontal stroke it
    crosses (None when it crosses fewer than two). The closing that mends a broken rule also joins
    it to a character's stroke standing just beyond its end, in the same line: the text of a cell
    spanning several columns that passes over where a rule of the row below begins."""
    at, start, end = line
    ys = [y for y, x0, x1 in crossing if x0 - _MEET <= at <= x1 + _MEET and start - _MEET <= y <= end + _MEET]
    if len(ys) < 2:
        return None
    return at, max(start, min(ys)), min(end, max(ys))


def _good_ends(
    vertical: list[tuple[int, int, int]], horizontal: list[tuple[int, int, int]], strokes: list[tuple[int, int, int]]
) -> list[tuple[bool, bool]]:
    """For each vertical stroke, whether its top and its bottom end is a rule's: it meets a
    horizontal rule, or it is cut open by a page break.

    A browser draws no rule where the end of a page cuts a table: its vertical rules run on past
    its last horizontal rule and stop together. An end counts as cut open when the stroke is
    longer than any character's stroke, at least ``_CUT`` such strokes end there together, and
    either no horizontal stroke (``strokes``: all of them, a title's too) crosses it further out,
    or every one crossing the table's last horizontal rule ends there (``_end_together``). A
    column of characters that blur joined (结/果/维/持) ends inside its cell, above the rules below
    it, where the rules beside it do not end."""
    long = [line for line in vertical if line[2] - line[1] >= _OPEN_RULE]

    def cut_open(line: tuple[int, int, int], side: int) -> bool:
        x, at = line[0], line[side]
        if line[2] - line[1] < _OPEN_RULE or sum(abs(other[side] - at) <= _MEET for other in long) < _CUT:
            return False
        crossing = [y for y, x0, x1 in strokes if x0 - _MEET <= x <= x1 + _MEET]
        clear = all(y >= at - _MEET for y in crossing) if side == 1 else all(y <= at + _MEET for y in crossing)
        return clear or _end_together(line, side, long, horizontal)

    return [
        (_meets(line, 1, horizontal) or cut_open(line, 1), _meets(line, 2, horizontal) or cut_open(line, 2))
        for line in vertical
    ]


def _end_together(
    line: tuple[int, int, int], side: int, long: list[tuple[int, int, int]], horizontal: list[tuple[int, int, int]]
) -> bool:
    """Whether a vertical stroke's end (``side`` 1: its top, 2: its bottom) is where all the
    vertical rules of its table stop: every long stroke crossing the last horizontal stroke that
    at least ``_CUT`` of them cross on the way to that end (the table's last rule) ends within
    ``_MEET`` of it. A Word export may draw no rule under a table's last row, and something set
    below it (a title, the next table) crosses where the rules would run on; the rules still stop
    together, as they do where a page break cuts a table open."""
    at = line[side]
    inward = sorted(
        (rule for rule in horizontal if rule[1] - _MEET <= line[0] <= rule[2] + _MEET and line[1] < rule[0] < line[2]),
        key=lambda rule: abs(rule[0] - at),
    )
    for y, x0, x1 in inward:
        if abs(y - at) <= _MEET:
            continue
        across = [
            other
            for other in long
            if x0 - _MEET <= other[0] <= x1 + _MEET and other[1] < y - _MEET < y + _MEET < other[2]
        ]
        if len(across) >= _CUT:
            return all(abs(other[side] - at) <= _MEET for other in across)
    return False


def _meets(line: tuple[int, int, int], side: int, horizontal: list[tuple[int, int, int]]) -> bool:
    """Whether a vertical stroke's end (``side`` 1: its top, 2: its bottom) lies on a horizontal rule."""
    return any(abs(y - line[side]) <= _MEET and x0 - _MEET <= line[0] <= x1 + _MEET for y, x0, x1 in horizontal)


def _rules_among(
    vertical: list[tuple[int, int, int]],
    horizontal: list[tuple[int, int, int]],
    strokes: list[tuple[int, int, int]] | None = None,
) -> list[tuple[int, int, int]]:
    """The vertical strokes that are rules, judged against ``horizontal`` (every horizontal stroke,
    or the horizontal rules): those whose ends meet one or are cut open by a page break
    (``_good_ends``, ``strokes`` crossing beyond an open end: default ``horizontal``), and of
    the others, those that do once an end that is neither is cut back to the first or last of
    ``horizontal`` they cross (``_between_rules``: a character's stroke joined to a rule's end).
    The end that was a rule's stays where it is: a stroke whose top ran into a header under a
    seal, cut back at both ends, lost the last row of a table a page break cut open (its figures
    then read as one merged cell: ``3`` and ``0`` as ``30``)."""
    ends = _good_ends(vertical, horizontal, horizontal if strokes is None else strokes)
    kept = [line for line, (top, bottom) in zip(vertical, ends) if top and bottom]
    cut = []
    for line, (top, bottom) in zip(vertical, ends):
        between = _between_rules(line, horizontal) if not (top and bottom) else None
        if between is None:
            continue
        at, start, end = between
        start, end = line[1] if top else start, line[2] if bottom else end
        if (top or _meets((at, start, end), 1, horizontal)) and (bottom or _meets((at, start, end), 2, horizontal)):
            cut.append((at, start, end))
    return kept + cut


def _crossed(ink: np.ndarray, y: int, gap: tuple[int, int], xs: list[int]) -> bool:
    """Whether ink runs from above to below the line ``y`` between the ends of ``gap``, away
    from the vertical rules at ``xs``: text standing where a rule would run (a cell over both rows)."""
    top = max(y - _ACROSS, 0)
    band = (ink[top : y + _ACROSS + 1, gap[0] : gap[1]] > 0).astype(np.uint8)
    for x in xs:
        band[:, max(x - _END - gap[0], 0) : max(x + _END + 1 - gap[0], 0)] = 0
    count, _, stats, _ = cv2.connectedComponentsWithStats(band, connectivity=8)
    return any(stats[label, cv2.CC_STAT_HEIGHT] == band.shape[0] for label in range(1, count))


def _rejoined(
    horizontal: list[tuple[int, int, int]],
    strokes: list[tuple[int, int, int]],
    vertical: list[tuple[int, int, int]],
    ink: np.ndarray,
) -> list[tuple[int, int, int]]:
    """The horizontal rules, each carried on over a stretch lost within one cell to a stroke on
    its line that a seal or noise broke off it.

    A rule runs from one vertical rule to another; where a seal's ring or a faint scan breaks it
    inside a cell, the piece beyond the break ends in that cell, meets a vertical rule at its
    other end only, and is dropped (洪泽区 2023's faint rule under 1.属于国家秘密, lost under the
    label and the first two figure columns: two rows read as one there). Such a piece is the rule
    when it crosses a vertical rule on its way (no character's stroke leaves its cell), a rule
    kept lies on its line beyond its loose end, the stretch between them lies within one cell (a
    break, not a rule left out under cells that span rows), and no ink runs across that stretch
    (text of a cell over both rows). A table's rows run across the whole table, so the rule and
    the piece are one row's edge."""
    rules = list(horizontal)
    for stroke in strokes:
        if stroke in horizontal:
            continue
        y, start, end = stroke
        xs = [x for x, y0, y1 in vertical if y0 - _END <= y <= y1 + _END]
        met = [any(abs(x - at) <= _END for x in xs) for at in (start, end)]
        if met[0] == met[1] or not any(start + _END < x < end - _END for x in xs):
            continue
        loose = end if met[0] else start
        beyond = [
            index
            for index, (at, x0, x1) in enumerate(rules)
            if abs(at - y) <= _LEVEL_PX and (x0 > loose - _END if met[0] else x1 < loose + _END)
        ]
        if not beyond:
            continue
        index = min(beyond, key=lambda i: abs(rules[i][1 if met[0] else 2] - loose))
        at, x0, x1 = rules[index]
        gap = (loose, x0) if met[0] else (x1, loose)
        if any(gap[0] + _END < x < gap[1] - _END for x in xs) or _crossed(ink, y, gap, xs):
            continue
        rules[index] = (at, min(x0, start), max(x1, end))
    return rules


def _left_border(
    horizontal: list[tuple[int, int, int]], vertical: list[tuple[int, int, int]]
) -> list[tuple[int, int, int]]:
    """The left border of a table the printed area cut, put back (``rules.clipped_left`` for a
    scan): a table set past the left edge of the printed area (a negative margin, Chromium) is
    printed without the drawings wholly outside the area, its left border among them, while its
    horizontal rules, drawn from the table's true left, are cut at the edge. On paper they stop
    together there, left of every vertical rule, each ending on a vertical rule on the right and
    crossing one on its way (a rule of the table, not a character's stroke or an underline). Two
    or more such strokes whose left ends lie within ``_END`` of the leftmost (as many as
    ``rules.clipped_left`` asks) make a border from the highest to the lowest. Without it no
    horizontal rule meets a vertical one at both ends and the table is not found (交通与建设局 2022's
    table 二, and the last two rows of its table 三 at the top of a sheet)."""
    if not vertical:
        return []
    first = min(x for x, _, _ in vertical)

    def crosses(y: int, start: int, end: int) -> bool:
        return any(start + _END < x < end - _END and y0 - _END <= y <= y1 + _END for x, y0, y1 in vertical)

    open_left = [
        (y, start, end)
        for y, start, end in horizontal
        if start < first - _MEET and _meets_vertical(y, end, vertical) and crosses(y, start, end)
    ]
    if not open_left:
        return []
    at = min(start for _, start, _ in open_left)
    together = [y for y, start, _ in open_left if start - at <= _END]
    return [(at, min(together), max(together))] if len(together) >= 2 else []


def _meets_vertical(y: int, x: int, vertical: list[tuple[int, int, int]]) -> bool:
    """Whether the point ``(x, y)`` (a horizontal stroke's end) lies on a vertical rule."""
    return any(abs(at - x) <= _END and y0 - _END <= y <= y1 + _END for at, y0, y1 in vertical)


def _rules(
    horizontal_strokes: list[tuple[int, int, int]],
    vertical_strokes: list[tuple[int, int, int]],
    ink: np.ndarray | None = None,
) -> tuple[list[tuple[int, int, int]], list[tuple[int, int, int]]]:
    """The horizontal and vertical rules among a page's strokes.

    A rule runs from one crossing rule to another; strokes of characters that blur and JPEG made
    touch (维持 in a row) do not. Each kind is known only by the other, so the verticals are
    judged twice: first against every horizontal stroke, so that the horizontals can be judged
    against them, then again against the horizontal rules kept, which drops a vertical whose end
    met only a character's stroke, and cuts again one that a character joined to its end crossed
    by a horizontal stroke of its own (a title set just above a table: a stroke of its last
    character joins the rule's top, and the character's horizontal stroke ends the first cut).
    An end cut open by a page break is judged against every horizontal stroke both times (a
    title's too). With the page's ``ink``, a horizontal rule a seal or noise broke inside a cell
    is carried on over the break (``_rejoined``)."""
    vertical = _rules_among(vertical_strokes, horizontal_strokes)
    vertical += _left_border(horizontal_strokes, vertical)
    horizontal = [line for line in horizontal_strokes if _ends_meet(line, vertical, _END)]
    if ink is not None:
        horizontal = _rejoined(horizontal, horizontal_strokes, vertical, ink)
    return horizontal, _rules_among(vertical, horizontal, horizontal_strokes)


def find_rules(
    grey: np.ndarray,
    seal: np.ndarray | None = None,
    taken: np.ndarray | None = None,
    bilevel: bool = False,
    unlit: np.ndarray | None = None,
) -> tuple[list[tuple[int, int, int]], list[tuple[int, int, int]], np.ndarray]:
    """Horizontal and vertical rules of a straightened page (pixels), and the mask of their ink.
    ``seal``: a mask of a dark seal's strokes (``seals.dark_strokes``), left out when strokes are
    found (a ring's side is as long and straight as a rule), then bridged where a rule runs under
    them. ``taken``: where a red seal was taken out (``PageImage.taken``), short breaks bridged.
    ``bilevel``: the page was scanned in one bit (``strokemasks.stroke_masks``). ``unlit``: the page
    as scanned where a light seal was taken out (``under_light_seals``)."""
    horizontal_mask, horizontal_ink, vertical_mask, ink = stroke_masks(grey, seal, taken, bilevel)
    vertical_ink = vertical_mask
    if unlit is not None:
        horizontal_mask, vertical_mask = under_light_seals(unlit, horizontal_mask, vertical_mask)
    horizontal, vertical = _rules(_strokes(horizontal_mask, True), _strokes(vertical_mask, False), ink)
    kept = np.zeros_like(grey)
    for y, x0, x1 in horizontal:
        cv2.line(kept, (x0, y), (x1, y), 255, 1)
    for x, y0, y1 in vertical:
        cv2.line(kept, (x, y0), (x, y1), 255, 1)
    rules_ink = cv2.bitwise_and(cv2.bitwise_or(horizontal_ink, vertical_ink), cv2.dilate(kept, np.ones((9, 9))))
    return horizontal, vertical, rules_ink


def _to_points(page: PageImage, horizontal, vertical) -> tuple[list[Line], list[Line]]:
    """Pixel rules as PDF-point ``Line``s (y grows upwards, as in a PDF)."""
    height, px = page.height_pt, page.px
    return (
        [Line(height - y * px, x0 * px, x1 * px) for y, x0, x1 in horizontal],
        [Line(x * px, height - y1 * px, height - y0 * px) for x, y0, y1 in vertical],
    )


def ruled_tables(page: PageImage) -> tuple[list[RuledTable], np.ndarray, np.ndarray]:
    """The ruled tables of a page image, top to bottom, the mask of their rules' ink and that of
    the strokes of seals as dark as the text (``seals.py``)."""
    seal = dark_strokes(page.grey, find_seals(page.grey))
    horizontal, vertical, rules_ink = find_rules(page.grey, seal, page.taken, page.bilevel, page.unlit)
    h_lines, v_lines = _to_points(page, horizontal, vertical)
    found = [grid(page.number, *closed(h, v)) for h, v in tables_of(merge(h_lines), merge(v_lines))]
    found = [table for table in found if table.cols and table.rows]
    found.sort(key=lambda t: -t.rows[0][0])
    return found, rules_ink, seal
