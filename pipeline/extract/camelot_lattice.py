"""The one place that reaches into camelot's internals: its lattice parser, keeping sparse grids.

camelot drops a ruled grid whose cells are 90 % or more empty as detection noise (the private
hook ``Lattice._reject_table``), and offers no option to keep it. But the piece of table 三 that
a page break leaves alone on a page is exactly that: a label fragment or a row of blank cells.
Such a piece is only used where it continues a table, so noise does no harm.

camelot also loses text: with ``split_text`` it cuts a line of text that crosses a column rule
at the ruled right edges of the columns it overlaps (``camelot.utils._process_horizontal_cut``),
and drops the characters past the last such edge. A label whose line runs on into a merged cell
without a rule of its own (行政事业性收费 18651.06, a Chromium print of a web page) loses its
figure. ``SparseLattice.compute_parse_errors`` puts those characters into the cells under them.

camelot draws every outer edge of a grid (``Table.set_border``), so the foot of a cell a page end
cut, which browsers leave without a rule where the cells beside it have theirs, reads as ruled.
``SparseLattice._generate_table`` keeps which cells of the last row had a rule under them
(``drawn_bottoms``) before it does.

``PDFHandler.parse`` looks its parser up by name in the module-level ``camelot.handlers.PARSERS``,
so the subclass is registered there while a parse is under way and removed afterwards.
``tests/extract/test_camelot_lattice.py`` fails if camelot changes either of these internals.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

FLAVOR = "lattice-sparse"
_LOCK = threading.Lock()


def _dropped(table, line) -> list[tuple[int, int, str]]:
    """``(row, column, text)`` of the characters of a horizontal line that camelot's cut at the
    column rules leaves in no cell: past the last ruled right edge among the columns it overlaps."""
    from playa.miner import LTChar

    x0, y0, x1, y1 = line.bbox
    overlap = [c for c, (left, right) in enumerate(table.cols) if left <= x1 and x0 <= right]
    rows = [r for r, (top, bottom) in enumerate(table.rows) if bottom <= (y0 + y1) / 2 <= top]
    if not overlap or not rows:
        return []
    r = rows[0]
    cuts = [table.cells[r][c].x2 for c in overlap if table.cells[r][c].right]
    if not cuts:
        return []  # camelot then cuts at the table's right edge: nothing is lost
    top, bottom = table.rows[r]
    found: list[tuple[int, int, str]] = []
    for char in line._objs:
        if not isinstance(char, LTChar):
            continue  # the spaces and line ends pdfminer infers
        xc, yc = (char.x0 + char.x1) / 2, (char.y0 + char.y1) / 2
        if xc <= max(cuts) or not bottom <= yc <= top:
            continue
        columns = [c for c, (left, right) in enumerate(table.cols) if left <= xc <= right]
        if not columns:
            continue
        if found and found[-1][:2] == (r, columns[0]):
            found[-1] = (r, columns[0], found[-1][2] + char.get_text())
        else:
            found.append((r, columns[0], char.get_text()))
    return found


def sparse_lattice_class() -> type:
    from camelot.parsers import Lattice

    class SparseLattice(Lattice):
        def _reject_table(self, table) -> bool:
            return table.whitespace >= 100  # only a grid with no text at all

        def compute_parse_errors(self, table):
            errors = super().compute_parse_errors(table)
            if self.split_text:
                for line in self.t_bbox["horizontal"]:
                    for r, c, text in _dropped(table, line):
                        table.cells[r][c].text = text  # camelot's setter appends
            return errors

        def _generate_table(self, table_idx, bbox, cols, rows, **kwargs):
            table = self._initialize_new_table(table_idx, bbox, cols, rows)
            table = table.set_edges(kwargs["v_s"], kwargs["h_s"], joint_tol=self.joint_tol)
            table.drawn_bottoms = [cell.bottom for cell in table.cells[-1]] if table.cells else []
            table = table.set_border()
            self.record_parse_metadata(table)
            return table

    return SparseLattice


_users = 0  # parses under way (threads may read reports side by side)


@contextmanager
def sparse_lattice() -> Iterator[str]:
    """The flavor name to pass to ``PDFHandler.parse`` while the sparse lattice is registered."""
    global _users
    from camelot.handlers import PARSERS

    with _LOCK:
        if _users == 0:
            PARSERS[FLAVOR] = sparse_lattice_class()
        _users += 1
    try:
        yield FLAVOR
    finally:
        with _LOCK:
            _users -= 1
            if _users == 0:
                del PARSERS[FLAVOR]
