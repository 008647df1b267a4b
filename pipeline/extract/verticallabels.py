"""Labels set one character a line (a group label in a column one character wide, （ / 四 / ） / 无
/ 法 / 提 / 供, as Word sets （四）无法提供 in a narrow cell), or a few (4.   无 / 正   当 / 理   由,
Chromium on A5, a column two characters wide): a line or a piece of a line of such a label that
alone reads as a figure (无, written for 0) is the label's, never a figure of the table."""

from __future__ import annotations

from dataclasses import replace

from pipeline.extract.gridmeasures import STACKED, TOUCH
from pipeline.extract.textcells import Block

# The lines of a label set one character a line stand at one pitch, to this share of an em.
_EVEN = 0.1
# A label set a few characters a line: at most this many (a figure's column has its header above
# it, wider, or figures, and figures or nothing below).
_FEW = 3


def _nearest(piece: Block, pieces: list[Block], side: int) -> Block | None:
    """The text right above (``side`` 1) or below (-1) ``piece`` that shares its width."""
    stacked = [
        p
        for p in pieces
        if p is not piece and side * (p.yc - piece.yc) > 0 and p.x0 < piece.x1 - TOUCH and piece.x0 < p.x1 - TOUCH
    ]
    return min(stacked, key=lambda p: abs(p.yc - piece.yc), default=None)


def _base(block: Block) -> float:
    return min(g.base for g in block.glyphs)


def _one_pitch(lines: list[Block], em: float) -> bool:
    """Whether lines of a few characters each (``_FEW``) stand at one pitch (their baselines), at
    most ``STACKED`` ems apart."""
    steps = [_base(upper) - _base(lower) for upper, lower in zip(lines, lines[1:])]
    return (
        all(len(line.glyphs) <= _FEW for line in lines)
        and max(steps) - min(steps) <= _EVEN * em
        and steps[0] <= STACKED * em
    )


def label_lines(pieces: list[Block]) -> list[Block]:
    """``pieces`` with each figure of one character that is a line of a label set one character a
    line, or a few, marked as the label's (``Glyph.in_label``): right above and right below it a
    line of a few characters (the text sharing its width: 版物 over 4.   无, 当 of 正   当 under it)
    that is no figure, at one pitch (their baselines), at most ``STACKED`` ems apart. A
    figure of a column has a header or a figure above it and a figure or nothing below it. A label
    a page end cuts right under such a character (（ / 四 / ） / 无 ending a page, 法 / 提 / 供 opening
    the next) has two such lines above it and nothing below; a figure there has the figures of its
    row level with it, a label's character none."""
    marked: list[Block] = []
    for piece in pieces:
        if piece.figure and len(piece.glyphs) == 1:
            above, below = _nearest(piece, pieces, 1), _nearest(piece, pieces, -1)
            if below is not None:
                lines = [above, piece, below]
            else:
                level = any(p is not piece and p.figure and p.y0 < piece.yc < p.y1 for p in pieces)
                lines = [None if above is None or level else _nearest(above, pieces, 1), above, piece]
            if all(line is piece or line is not None and not line.figure for line in lines) and _one_pitch(
                lines, piece.em
            ):
                piece = Block([replace(g, in_label=True) for g in piece.glyphs])
        marked.append(piece)
    return marked
