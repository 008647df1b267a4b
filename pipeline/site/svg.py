"""SVG written directly: filled and stroked paths, and text drawn as glyph outlines.

The outlines are matplotlib's own DejaVu Sans (shipped in its wheel), taken once per character
and reused by reference, so a file looks the same on a machine without the font and the same text
gives the same bytes. Each text is preceded by a comment that spells it, as matplotlib does.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from matplotlib.font_manager import FontProperties
from matplotlib.path import Path as Outline
from matplotlib.textpath import TextPath, text_to_path

UNITS = 100.0  # glyphs are outlined at 100 pt and scaled to their size where drawn
ASCENT, DESCENT = 0.76, 0.24  # of DejaVu Sans's digits and descenders, in ems: where a text's edges are
_FONT = FontProperties(family="DejaVu Sans", size=UNITS)
_COMMANDS = {Outline.MOVETO: "M", Outline.LINETO: "L", Outline.CURVE3: "Q", Outline.CURVE4: "C"}


def _figure(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


@dataclass(frozen=True)
class Glyph:
    id: str
    outline: str  # SVG path data at UNITS pt, y up
    advance: float  # at UNITS pt


@cache
def glyph(char: str) -> Glyph:
    if char.isspace():  # no outline (matplotlib cannot path an empty one), only its advance
        return Glyph(f"g{ord(char):x}", "", text_to_path.get_text_width_height_descent(char, _FONT, ismath=False)[0])
    parts = []
    for points, code in TextPath((0, 0), char, prop=_FONT).iter_segments(curves=True, simplify=False):
        if code == Outline.CLOSEPOLY:
            parts.append("Z")
        else:
            parts.append(" ".join([_COMMANDS[code], *map(_figure, points)]))
    advance = text_to_path.get_text_width_height_descent(char, _FONT, ismath=False)[0]
    return Glyph(f"g{ord(char):x}", " ".join(parts), advance)


def text_width(text: str, size: float) -> float:
    return sum(glyph(char).advance for char in text) * size / UNITS


class Canvas:
    """One SVG image, ``width`` x ``height`` pt, y down; elements are drawn in the order added."""

    def __init__(self, width: float, height: float) -> None:
        self.width, self.height = width, height
        self._elements: list[str] = []
        self._glyphs: dict[str, Glyph] = {}

    def fill(self, d: str, color: str) -> None:
        if d:
            self._elements.append(f'<path d="{d}" fill="{color}"/>')

    def stroke(self, d: str, color: str = "#000", width: float = 0.8, dash: tuple[float, float] | None = None) -> None:
        """A line along ``d``; ``dash``: (drawn, gap) lengths of a dashed one."""
        if d:
            dashes = f' stroke-dasharray="{_figure(dash[0])} {_figure(dash[1])}"' if dash else ""
            self._elements.append(
                f'<path d="{d}" fill="none" stroke="{color}" stroke-width="{_figure(width)}"{dashes}/>'
            )

    def text(self, text: str, x: float, baseline: float, size: float, anchor: str = "middle") -> None:
        """``text`` at ``baseline``, its start, middle or end at ``x`` (``anchor``)."""
        shift = {"start": 0.0, "middle": 0.5, "end": 1.0}[anchor] * text_width(text, size)
        uses, advance = [], 0.0
        for char in text:
            drawn = glyph(char)
            self._glyphs[drawn.id] = drawn
            if drawn.outline:  # a space has none
                uses.append(f'<use xlink:href="#{drawn.id}" x="{_figure(advance)}"/>')
            advance += drawn.advance
        scale = _figure(size / UNITS)
        self._elements.append(
            f"<!-- {text.replace('--', '- -')} -->\n"
            f'<g transform="translate({_figure(x - shift)} {_figure(baseline)}) scale({scale} -{scale})">{"".join(uses)}</g>'
        )

    def svg(self) -> str:
        width, height = _figure(self.width), _figure(self.height)
        defs = "".join(f'<path id="{g.id}" d="{g.outline}"/>' for _, g in sorted(self._glyphs.items()))
        return "\n".join(
            [
                f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
                f'width="{width}pt" height="{height}pt" viewBox="0 0 {width} {height}">',
                f"<defs>{defs}</defs>",
                f'<rect width="{width}" height="{height}" fill="#fff"/>',
                *self._elements,
                "</svg>\n",
            ]
        )


def box(left: float, top: float, right: float, bottom: float) -> str:
    """Path data of a rectangle."""
    x0, y0, x1, y1 = map(_figure, (left, top, right, bottom))
    return f"M{x0} {y0}H{x1}V{y1}H{x0}Z"


def line(*points: tuple[float, float]) -> str:
    """Path data of a line through ``points``."""
    return "M" + "L".join(f"{_figure(x)} {_figure(y)}" for x, y in points)
