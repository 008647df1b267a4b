"""Where each scanned sheet lay on the glass: a table continued on the next sheet lined up with
the part on the sheet before, so that its columns are matched to its header's by position, as in
a PDF.

Each sheet lies a little differently. The ruled tables of a page are moved by the distance that
puts their column edges on those of the table they continue (``align_sheets``); the characters
OCR read on a page without rules, by the distance that puts the texts of its first rows where
those of the last rows before stand (``sheet_moved``).
"""

from __future__ import annotations

from pipeline.extract.glyphs import Glyph, lines_of
from pipeline.extract.rules import RuledTable
from pipeline.extract.scannedtable import ScannedTable

# Points a sheet may lie off the glass, across, relative to the sheet before.
_SHIFT = 24.0
# Column edges of a continued table this close (points) after the move are one edge (a rule found
# in a scan is placed to about a pixel, the page straightened to a few hundredths of a degree).
_ON_EDGE = 2.0
# Edges that must match for a table to continue the one on the page before (its columns: at least
# a label and a few figures).
_MATCHED = 4
# Lines at the foot of a sheet and at the top of the next whose texts line the two sheets up.
_BREAK_LINES = 6


def _places(lines: list[list[Glyph]]) -> list[list[float]]:
    """Where the texts of ``lines`` stand across: their left edges, right edges and centres (each
    place shared by texts of several lines counted once)."""
    from pipeline.extract.textcells import pieces

    texts = [piece for line in lines for piece in pieces(line)]
    places = []
    for at in ([p.x0 for p in texts], [p.x1 for p in texts], [(p.x0 + p.x1) / 2 for p in texts]):
        kept: list[float] = []
        for x in sorted(at):
            if not kept or x - kept[-1] > _ON_EDGE:
                kept.append(x)
        places.append(kept)
    return places


def _rows(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """The lines of a page that hold texts side by side (a table's rows; not running text)."""
    from pipeline.extract.textcells import pieces

    return [line for line in lines_of(glyphs) if len(pieces(line)) > 1]


def sheet_moved(before: list[Glyph], after: list[Glyph]) -> float:
    """How far (points) to move a sheet's characters across so that the texts at its top stand
    where those at the foot of the sheet before stand (each sheet lies a little differently on the
    glass, and a table without rules continued on the next sheet is matched to its columns by
    position, to a point or so): the one distance within ``_SHIFT`` that puts at least half of
    the places of its first rows (lines of texts side by side), and ``_MATCHED`` or more, on places
    of the last ``_BREAK_LINES`` rows before (the same columns go on; another table's, or running
    text, fit a few by chance, not most); 0 when none does. Its first ``_BREAK_LINES`` rows are
    tried, then fewer, down to two: a table continued for a few rows may be followed on the sheet
    by the next table, whose columns are its own (table 三's last rows, then table 四's header).
    Left edges, right edges and centres are each matched with their kind (a column's texts are
    set to one of them)."""
    rows, theirs = _rows(after), _places(_rows(before)[-_BREAK_LINES:])
    for count in range(min(_BREAK_LINES, len(rows)), 1, -1):
        dx = _moved_by(_places(rows[:count]), theirs)
        if dx is not None:
            return dx
    return 0.0


def _moved_by(mine: list[list[float]], theirs: list[list[float]]) -> float | None:
    """The distance of ``sheet_moved`` for the places ``mine`` against ``theirs``, if one."""
    candidates = {b - a for mine_at, their_at in zip(mine, theirs) for a in mine_at for b in their_at}
    best: tuple[int, float, float] | None = None  # (places matched, -|dx|, dx)
    for dx in (dx for dx in candidates if abs(dx) <= _SHIFT):
        moved = [
            min((b - a for b in their_at if abs(a + dx - b) <= _ON_EDGE / 2), key=abs, default=None)
            for mine_at, their_at in zip(mine, theirs)
            for a in mine_at
        ]
        matched = [d for d in moved if d is not None]
        if matched:
            candidate = (len(matched), -abs(dx), sum(matched) / len(matched))
            if best is None or candidate[:2] > best[:2]:
                best = candidate
    if best is None or best[0] < max(_MATCHED, sum(map(len, mine)) / 2):
        return None
    return best[2]


def align_sheets(by_page: list[list[ScannedTable]]) -> None:
    """Move each page's tables across to where the sheet before lay on the glass (each sheet lies
    a little differently), so that a table continued on the next page is matched to its header's
    columns by position, as in a PDF.

    A page whose first table continues the last table of the page before (its column edges, all
    but one, are those of that table moved by one distance) is moved by that distance; otherwise
    its tables' left border is moved to that of the first table read, when it is near (tables of
    one width), else left where it is."""
    anchor: float | None = None  # the left border of the first table read
    before: ScannedTable | None = None  # the last table of the page before
    for found in by_page:
        if not found:
            before = None
            continue
        left = min(table.cols[0][0] for table in found)
        dx = _continued_by(before, found[0]) if before is not None else None
        if dx is None and anchor is not None and abs(anchor - left) <= _SHIFT:
            dx = anchor - left
        anchor = left if anchor is None else anchor
        if dx:
            for table in found:
                _shift(table, dx)
        before = found[-1]


def _edges(table: RuledTable) -> list[float]:
    return [x0 for x0, _ in table.cols] + [table.cols[-1][1]]


def _continued_by(before: RuledTable, after: RuledTable) -> float | None:
    """How far (points) ``after`` lies across from ``before`` when it continues it: every column
    edge of the table with fewer of them but one (an outer rule the page break left out) falls on
    an edge of the other, moved by one distance within ``_SHIFT``, and at least ``_MATCHED``
    do; ``None`` when no distance does that."""
    mine, theirs = _edges(after), _edges(before)
    fewer = min(len(mine), len(theirs))
    best: tuple[int, float, float] | None = None  # (edges matched, -|dx|, dx)
    for dx in {b - a for a in mine for b in theirs if abs(b - a) <= _SHIFT}:
        matched = [b - a for a in mine for b in theirs if abs(a + dx - b) <= _ON_EDGE]
        candidate = (len(matched), -abs(dx), sum(matched) / len(matched))
        if best is None or candidate[:2] > best[:2]:
            best = candidate
    if best is None or best[0] < max(_MATCHED, fewer - 1):
        return None
    return best[2]


def _shift(table: RuledTable, dx: float) -> None:
    """Move a table ``dx`` points across."""
    table.cols = [(x0 + dx, x1 + dx) for x0, x1 in table.cols]
    for row in table.cells:
        for cell in row:
            cell.x1, cell.x2 = cell.x1 + dx, cell.x2 + dx
