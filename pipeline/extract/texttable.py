"""One table without rules as its pieces of text and its columns (``TextTable``): value columns
around the figures (their centres, or their left or right ends), label columns where labels
start, its pieces cut and joined so that each is the text of one cell."""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import median

from pipeline.extract.columnpieces import header_cells_set_close, join_in_columns, split_at_columns
from pipeline.extract.figurecolumns import (
    alignment,
    blank_columns,
    clusters,
    columns_around,
    columns_run_together,
    in_columns,
    split_run,
)
from pipeline.extract.labelpieces import spaced_labels, split_labels
from pipeline.extract.paddedfigures import padded_columns, start_at
from pipeline.extract.textcells import Block, anchor


def _runs_split(table: TextTable) -> list[Block]:
    """The table's pieces, figures run together cut in two (``figurecolumns.split_run``); those
    that cannot be cut are kept whole and listed in ``table.run_together``."""
    figures = [p for p in table.pieces if p.figure]
    texts = [p for p in table.pieces if not p.figure and p.xc >= table.left]
    split: list[Block] = []
    for piece in table.pieces:
        if piece.figure and (under := columns_run_together(piece, figures, texts, table.align)):
            parts = split_run(piece, under, table.align)
            if parts is None:
                table.run_together.append(piece)
            split += parts or [piece]
        else:
            split.append(piece)
    return split


@dataclass
class TextTable:
    """One table's pieces of text, the anchors of its value columns (where their figures stand:
    centres, or left or right ends, by ``align``), where its label columns start."""

    pieces: list[Block]
    anchors: list[float]
    starts: list[float]
    align: str = "centre"
    continued: bool = False  # it continues the table that ended the page before
    shared: tuple[float, float] | None = None  # the extent of both parts of a table a page break cuts
    run_together: list[Block] = field(default_factory=list)  # figures run together, not to be cut
    blank: list[float] = field(default_factory=list)  # anchors of columns published blank, named by a header
    # Its columns are where its headers start, its figures padded inside cells set from the left
    # (``paddedfigures``).
    padded: bool = False
    # Published with no figure and nothing under its header: one row of blank cells, printed as nothing.
    blank_row: bool = False

    @property
    def extent(self) -> tuple[float, float]:
        """Where the texts of the first and last value column reach."""
        em = median(p.em for p in self.pieces)
        ends = [p for p in self.pieces if abs(anchor(p, self.align) - self.anchors[-1]) <= 0.6 * em]
        starts = [p for p in self.pieces if abs(anchor(p, self.align) - self.anchors[0]) <= 0.6 * em]
        own = (
            min((p.x0 for p in starts), default=self.anchors[0]),
            max((p.x1 for p in ends), default=self.anchors[-1]),
        )
        return own if self.shared is None else (min(own[0], self.shared[0]), max(own[1], self.shared[1]))

    @property
    def value_columns(self) -> list[tuple[float, float]]:
        return columns_around(self.anchors, median(p.em for p in self.pieces), self.align, self.extent)

    @property
    def left(self) -> float:
        return self.value_columns[0][0]


def realign(table: TextTable, header: list[Block]) -> None:
    """Align ``table``'s columns by its figures and a header printed apart from them (on the page
    before): a row or two of figures alone may line up every way (one digit each), its header's
    texts do not (未经复议直接起诉 starts where its first column's figures start)."""
    figures = [p for p in table.pieces if p.figure]
    # Rows published blank, in the columns of the table before, are kept; so are the columns of
    # figures padded in cells set from the left when the header's texts over them each start
    # where a column starts (the rest of a header the page end cut: 结 / 果 / 维 / 持 under
    # 行政复议 set from its cell's left edge); a header set otherwise aligns them anew.
    if not figures or (
        table.padded and start_at([p.x0 for p in header if not p.figure and p.xc >= table.left], table.anchors)
    ):
        return
    table.align = alignment(figures, [p for p in table.pieces + header if not p.figure])
    kept = in_columns(figures, [p for p in table.pieces if not p.figure], table.align)
    anchors = clusters([anchor(f, table.align) for f in kept], median(f.em for f in figures))
    table.blank = blank_columns(table.pieces, anchors, table.align, header)
    table.anchors = sorted(anchors + table.blank)


def text_table(pieces: list[Block], columns: tuple[list[float], str] | None = None) -> TextTable:
    """A table of its pieces of text; ``columns``: the anchors and alignment of the table it
    continues."""
    pieces = header_cells_set_close(pieces)
    blank: list[float] = []
    padded = None
    if columns is None:
        figures = [p for p in pieces if p.figure]
        align = alignment(figures, [p for p in pieces if not p.figure])
        kept = in_columns(figures, [p for p in pieces if not p.figure], align)
        anchors = clusters([anchor(f, align) for f in kept], median(f.em for f in figures))
        padded = padded_columns(figures, [p for p in pieces if not p.figure])
        if padded is not None:  # figures pushed right inside cells set from the left: their headers' columns
            align, anchors = "left", padded
        blank = blank_columns(pieces, anchors, align)
        columns = sorted(anchors + blank), align
    table = TextTable(pieces, columns[0], [], columns[1], blank=blank, padded=padded is not None)
    table.pieces = split_at_columns(pieces, table.value_columns, table.align, table.anchors)
    table.pieces = _runs_split(table)
    if table.align == "left":
        table.pieces = join_in_columns(table.pieces, table.left, table.anchors)
    table.pieces = split_labels(spaced_labels(table.pieces, table.left), table.left)
    em = median(p.em for p in pieces)
    for x0 in sorted(p.x0 for p in table.pieces if p.xc < table.left):
        if not table.starts or x0 - table.starts[-1] > 0.5 * em:
            table.starts.append(x0)
    return table
