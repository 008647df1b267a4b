"""The distances by which the readers of a table without rules (``texttable``, ``textgrid`` and
the modules they use) tell its texts apart: texts that touch, texts level with each other, the
paragraphs of one cell, a figure standing in its column, a line set at one pitch."""

from __future__ import annotations

from pipeline.extract.textcells import Block

# Header texts whose centres are closer than this share of an em share a row.
LEVEL = 0.25
# Texts of two rows may touch (or overlap by this much, PDF points): a row's texts overlap more.
TOUCH = 1.0
# The paragraphs of one header cell are at most this many ems apart.
STACKED = 3.0
# ... or this many, when the space between may be blank lines: Word pads a cell's paragraph with
# spaces, which wrap in a narrow cell (年度办 followed by a line of no-break spaces).
PADDED_STACK = 6.0
# The characters of one line of a cell are set at one pitch, to this share of an em.
EVEN_PITCH = 0.03
# Figures of one column stand this share of an em apart at most (each from the next, in a chain):
# the parts of a table set as tables of their own (table 二's 第二十条 items) put a column's
# figures a few points apart.
COLUMN = 0.6
# A figure stands in its column when its anchor is this share of an em from the column's.
ALIGNED = 0.25


def share_height(a: Block, b: Block) -> bool:
    """Whether two texts share some height (more than touching)."""
    return a.y0 < b.y1 - TOUCH and b.y0 < a.y1 - TOUCH


def share_width(a: Block, b: Block) -> bool:
    """Whether two texts share some width (more than touching: the glyph boxes of neighbouring
    cells' texts set edge to edge may overlap by a tenth of a point)."""
    return a.x0 < b.x1 - TOUCH and b.x0 < a.x1 - TOUCH
