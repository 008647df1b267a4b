"""Underlined text in a ruled table: a producer's underline is a stroke as thin as a rule, drawn
just under a text's baseline from its first character to its last (and any space after it).
LibreOffice underlines every cell's text of some Word-export pages (a report page printed or saved
as a Word document: 商业 / 企业 each underlined in one header cell). Taken for rules, the
underlines would cut such a cell in rows (商业 above one, 企业 below), so they are left out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from pipeline.extract.glyphs import Glyph, lines_of
from pipeline.extract.textcells import em_of

# An underline stands at most this share of an em under its text's baseline (fonts set it about
# a tenth of an em under; a cell's rule stands under the text's descent and the cell's padding).
_BELOW = 0.3
# Its ends stand this close (ems) to the text's first character's start and last character's end;
# past the end it may run as far as an underlined space.
_NEAR = 0.2
_SPACE = 0.5
# Pieces of one stroke: drawn end to end at the same height (points).
_TOUCH = 0.2


class _Rule(Protocol):
    """A horizontal rule (``rules.Line``): its height, where it starts and where it ends."""

    at: float
    start: float
    end: float


Rule = TypeVar("Rule", bound=_Rule)


@dataclass
class _Stroke:
    at: float
    start: float
    end: float
    pieces: list[object] = field(default_factory=list)


def without_underlines(horizontal: list[Rule], chars: list[Glyph]) -> list[Rule]:
    """The horizontal rules (``rules.Line``) of a page less those that underline its text."""
    strokes: list[_Stroke] = []
    for piece in sorted(horizontal, key=lambda p: (round(p.at, 1), p.start)):
        last = strokes[-1] if strokes else None
        if last and abs(piece.at - last.at) <= _TOUCH and piece.start <= last.end + _TOUCH:
            last.end = max(last.end, piece.end)
            last.pieces.append(piece)
        else:
            strokes.append(_Stroke(piece.at, piece.start, piece.end, [piece]))
    lines = lines_of(chars)
    under = {id(piece) for stroke in strokes if _underlines(stroke, lines) for piece in stroke.pieces}
    return [piece for piece in horizontal if id(piece) not in under]


def _underlines(stroke: _Stroke, lines: list[list[Glyph]]) -> bool:
    """Whether a text line stands right above ``stroke`` and it runs from that text's first
    character to its last: the characters over it begin where it begins and end where it ends."""
    for line in lines:
        em = em_of(line)
        if not 0 <= line[0].base - stroke.at <= _BELOW * em:
            continue
        over = [g for g in line if stroke.start - _NEAR * em <= g.xc <= stroke.end + _NEAR * em]
        if (
            over
            and abs(over[0].x0 - stroke.start) <= _NEAR * em
            and -_NEAR * em <= stroke.end - over[-1].x1 <= _SPACE * em
        ):
            return True
    return False
