"""The columns of a table whose cells are set from their left edge, headers and figures alike (a
Word export pasted into a CMS), some figures pushed right inside their cells by the spaces typed
before them (``&nbsp;0``, ``\u3000\u30000``): no line of figures stands where its column's
figures stand, nor of its header's, so the figures' ends and middles make columns of their own.
A cell's text still starts at or right of where its header starts, and ends before the next
header starts: each figure belongs to the header it stands under."""

from __future__ import annotations

from statistics import median

from pipeline.extract.gridmeasures import LEVEL, TOUCH
from pipeline.extract.textcells import Block


def _starts(figures: list[Block], texts: list[Block]) -> list[float]:
    """Where the headers start: the texts above a figure that reach over it, their left ends
    chained within ``TOUCH`` (the lines of one header, a header over several columns set from the
    left as its first column's header is)."""
    over = sorted(t.x0 for t in texts if any(t.y0 > f.y1 - TOUCH and t.x0 < f.x1 and f.x0 < t.x1 for f in figures))
    starts: list[float] = []
    for x0 in over:
        if not starts or x0 - starts[-1] > TOUCH:
            starts.append(x0)
    return starts


def start_at(xs: list[float], starts: list[float]) -> bool:
    """Whether texts starting at ``xs`` (at least one) each start at one of ``starts``, the left
    edges of cells set from the left."""
    return bool(xs) and all(any(abs(x - s) <= TOUCH for s in starts) for x in xs)


def under_starts(figure: Block, starts: list[float]) -> int | None:
    """The header (of those starting at ``starts``, left to right) a figure stands under in cells
    set from the left: the last to start at or left of it, the figure ending before the next
    starts; ``None`` when none does."""
    at = [j for j, s in enumerate(starts) if s - TOUCH <= figure.x0]
    if not at or (at[-1] + 1 < len(starts) and figure.x1 >= starts[at[-1] + 1]):
        return None
    return at[-1]


def padded_columns(figures: list[Block], texts: list[Block]) -> list[float] | None:
    """The left ends of the columns of figures set from their cells' left edge under headers set
    so, some padded: each figure starts at or right of a header's start (at it, for one at least:
    a figure not padded) and ends before the next header starts; at least one starts right of its
    header (padded: else the figures' own left ends are the columns); every column holds a figure,
    none two level with each other. ``None`` when any of that fails: a centred table, a header
    centred over several columns (its start inside a column), a figure wider than its column."""
    starts = _starts(figures, texts)
    if len(starts) < 2:
        return None
    em = median(f.em for f in figures)
    held: dict[int, list[Block]] = {}
    for figure in figures:
        j = under_starts(figure, starts)
        if j is None:
            return None
        held.setdefault(j, []).append(figure)
    if len(held) != len(starts):
        return None
    offsets = [figure.x0 - starts[j] for j, column in held.items() for figure in column]
    if not any(abs(d) <= TOUCH for d in offsets) or not any(d > TOUCH for d in offsets):
        return None
    for column in held.values():
        ys = sorted(figure.yc for figure in column)
        if any(b - a <= LEVEL * em for a, b in zip(ys, ys[1:])):
            return None
    return starts
