"""Whether a page's text runs past what the page prints: a table set wider than the paper (cells
that do not wrap, ``nowrap``) is cut by the producer, and the figures of its last columns are not
in the PDF, or lie off the page. Said beside a failure, so that its one line names the cause.

Two kinds of evidence, both from the file, never from a table's words:

- **Text past the page's edge**: characters whose boxes lie beyond the page's media box
  (LibreOffice and WeasyPrint set an overflowing table on past both edges, or the right one).
- **Text cut by the printed area**: Chromium clips the page's content to the area inside its
  margins and leaves out what lies beyond; a character drawn across that clip's edge, half in and
  half out, is text the clip cut through.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipeline.extract.glyphs import Glyph
from pipeline.extract.runningheads import content_glyphs

# Points a text or rule must reach past the page's edge (loose character boxes reach a little
# further), and the share of a character's box past the printed area's edge (a line justified to
# that edge reaches a point or two past it).
_PAST = 1.0
_CUT = 0.25


def cut_off(path: Path, pages: list[int]) -> str | None:
    """Where text on ``pages`` (1-based) runs past the page or its printed area, said as a
    clause, or ``None``."""
    document = pdfium.PdfDocument(path)
    try:
        for number in pages:
            if not 0 < number <= len(document):
                continue
            page = document[number - 1]
            try:
                said = _cut_on(page, content_glyphs(path, number, page), number)
            finally:
                page.close()
            if said is not None:
                return said
    finally:
        document.close()
    return None


def _cut_on(page: pdfium.PdfPage, glyphs: list[Glyph], number: int) -> str | None:
    """What runs past page ``number`` (``page``, its characters without running heads)."""
    width = page.get_width()
    past = [g for g in glyphs if g.x1 > width + _PAST or g.x0 < -_PAST]
    if past:
        low, high = min(g.x0 for g in glyphs), max(g.x1 for g in glyphs)
        return (
            f"page {number}: text runs past the page's edge (from x {low:.0f} to {high:.0f} on a page "
            f"{width:.0f} points wide): a table wider than the paper, whose columns past the edge are not printed"
        )
    edge, drawn = _printed_area(page, width)
    if edge is None:
        return None
    # A line's last character drawn across the edge, well past it (a line may end right at the
    # edge, its loose box a point or two past it; a clip across a line is no edge of the area).
    crossed = [
        g
        for g in glyphs
        if g.text.isalnum()  # not a closing mark hung past the line's end
        and g.x0 < edge < g.x1
        and g.x1 - edge > _CUT * (g.x1 - g.x0)
        and not any(o.x0 >= g.x1 - _PAST and o.y0 < g.yc < o.y1 for o in glyphs)
    ]
    if crossed:
        return (
            f"page {number}: text is cut by the edge of the printed area at x {edge:.0f} "
            f"({_text(crossed)!r} drawn across it): a table wider than the paper, whose columns past "
            f"the edge are not in the file"
        )
    if any(x0 < edge - _PAST and x1 > edge + _PAST for x0, x1 in drawn):  # a rule run past it
        return (
            f"page {number}: its rules are cut by the edge of the printed area at x {edge:.0f}: a table "
            f"wider than the paper, whose columns past the edge are not in the file"
        )
    return None


def _text(glyphs: list[Glyph]) -> str:
    return "".join(g.text for g in sorted(glyphs, key=lambda g: (-g.yc, g.x0)))


def _clip_xs(obj: pdfium.PdfObject) -> Iterator[list[float]]:
    """The x of the points of each path of a page object's clip (none where it has no clip)."""
    clip = pdfium_c.FPDFPageObj_GetClipPath(obj.raw)
    if not clip:
        return
    for i in range(pdfium_c.FPDFClipPath_CountPaths(clip)):
        xs = []
        for j in range(pdfium_c.FPDFClipPath_CountPathSegments(clip, i)):
            segment = pdfium_c.FPDFClipPath_GetPathSegment(clip, i, j)
            x, y = ctypes.c_float(), ctypes.c_float()
            if pdfium_c.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y)):
                xs.append(x.value)
        yield xs


def _printed_area(page: pdfium.PdfPage, width: float) -> tuple[float | None, list[tuple[float, float]]]:
    """The right edge of the printed area (of the clip paths of the page's text and drawings, the
    one reaching furthest right inside the page, past its middle, wider than half the page), and
    the horizontal extents of the drawings (a table's rules) it clips."""
    edges: set[float] = set()  # right edges
    drawn: list[tuple[float, float, float]] = []
    for obj in page.get_objects(max_depth=5):
        if obj.type not in (pdfium_c.FPDF_PAGEOBJ_TEXT, pdfium_c.FPDF_PAGEOBJ_PATH):
            continue
        right = float("inf")  # the object's clip's right edge
        for xs in _clip_xs(obj):
            # The printed area spans more than half the page; a narrower clip is a run's own
            # (LibreOffice clips each piece of an underline to it).
            if xs and width / 2 < max(xs) < width and max(xs) - min(xs) > width / 2:
                right = min(right, round(max(xs), 1))
        if right < width:
            edges.add(right)
            if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH:
                x0, _, x1, _ = obj.get_bounds()
                drawn.append((x0, x1, right))
    edge = max(edges, default=None)
    # Only drawings the printed area clips.
    return edge, [(x0, x1) for x0, x1, right in drawn if right == edge]


def printed_left(page: pdfium.PdfPage) -> float | None:
    """The left edge of the area Chromium prints (the clip path of the page's drawings, wider than
    half the page, starting inside its left half), or ``None`` where no drawing is clipped so."""
    width = page.get_width()
    lefts: set[float] = set()
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=5):
        for xs in _clip_xs(obj):
            if xs and 0 < min(xs) < width / 2 and max(xs) - min(xs) > width / 2:
                lefts.add(round(min(xs), 1))
    return min(lefts, default=None)
