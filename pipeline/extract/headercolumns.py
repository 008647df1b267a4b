"""The value columns of a table without rules published with no figure (no request, or no review
or suit, that year: its cells print nothing), from its header alone: with no figure to stand in
them, each lowest header cell (an applicant's, a result's) is one column."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.extract.columnpieces import header_cells_set_close
from pipeline.extract.gridmeasures import TOUCH
from pipeline.extract.textcells import Block, cells, overlap

# A header names at least this many columns (table 三's seven applicants, table 四's fifteen
# results): fewer lowest cells are no header (a title, a page's head or foot lines).
_COLUMNS = 3


@dataclass(frozen=True)
class BlankHeader:
    """The pieces of text of a table without figures (header cells set close cut apart), the
    centres of its value columns, and whether rows stand under its header (table 三's labels;
    table 四's one row of blank cells prints nothing)."""

    pieces: list[Block]
    anchors: list[float]
    rows: bool


def _lowest(pieces: list[Block]) -> list[Block]:
    """The header's lowest cells (none below them), taken from the right while nothing under the
    header reaches into them: the rows' labels stand left of the value columns."""
    found = cells(pieces)
    lowest = [c for c in found if not any(o is not c and overlap(o, c) and o.y1 < c.y0 + TOUCH for o in found)]
    chosen: list[Block] = []
    for leaf in sorted(lowest, key=lambda c: -c.x1):
        if chosen and leaf.y1 < min(c.y0 for c in chosen) - TOUCH:
            break  # below the header's lowest cells: a row's label
        bottom = min(c.y0 for c in [*chosen, leaf])
        if any(c.y1 < bottom + TOUCH and c.x1 > leaf.x0 + TOUCH for c in found):
            break  # a text under the header reaches into it: it stands in a label's column
        chosen.append(leaf)
    return chosen


def blank_header(pieces: list[Block]) -> BlankHeader | None:
    """The columns of a table without figures by its header's lowest cells; header cells set close
    (商业企科研机社会公法律服 over the columns, Chromium's ``nowrap`` cells) are cut apart first,
    in the header found so (right of the first column, down to the lowest cells). ``None`` when
    fewer than ``_COLUMNS`` columns are found."""
    chosen = _lowest(pieces)
    if len(chosen) < _COLUMNS:
        return None
    pieces = header_cells_set_close(pieces, (min(c.y0 for c in chosen), min(c.x0 for c in chosen)))
    chosen = _lowest(pieces)
    if len(chosen) < _COLUMNS:
        return None
    bottom = min(c.y0 for c in chosen)
    return BlankHeader(pieces, sorted(c.xc for c in chosen), any(c.y1 < bottom + TOUCH for c in cells(pieces)))
