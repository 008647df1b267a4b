"""Running heads: the lines a browser or a word processor prints at the top and foot of every page.

A report saved from a browser's print dialog carries, by default, the date and the page's title at
the top of each page and its address and page number ("2/5") at the foot; a Word or WPS export
may carry the document's title or "第 2 页 共 5 页" there. They are no part of the report, yet
a reader of the page's text sees them beside a table running over a page break (the "2" of "2/5"
as a figure below the table's last row).

A running head is told by repetition, not by its words: a line at the very top or foot of a page,
set apart from the rest of the page's text, whose text (its digits aside) stands at the same place
on every page of a document of two pages or more; or, as a word processor sets heads, on every
page after a title page left without them (Word's "different first page", LibreOffice's "First
Page" style), or on odd and even pages apart (the title over odd pages, the agency's name over
even ones). A page without such a line leaves its place empty or prints a head of its own there.
A first page without a top line the others print must leave its place empty and lack a foot
line they print too (a title page does both), so a table's header row that a word processor
repeats at the top of each page it runs onto stays: it stands where the first page's text starts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pypdfium2 as pdfium

from pipeline.extract.glyphs import Glyph, lines_of, page_glyphs

# The same head on two pages stands within this many points of the same place.
_PLACE = 1.5
# A head is set apart from the page's text by a quarter of its height at least (a browser sets
# its head in the page's margin, the text below the margin: 5 points under a head 9 points high).
_APART = 0.25
_DIGITS = re.compile(r"\d+")
# pdfium gives a hyphen it takes for a word broken at a line's end as U+FFFE, on some pages only.
_HYPHENS = str.maketrans({"\ufffe": "-", "\u00ad": "-"})
Bounds = tuple[float, float, float, float]  # left, bottom, right, top
# A line that is only a page number: 3, - 3 -, 第 3 页, 3 / 5, 第3页 共5页, 第3页/共5页, Page 3 of 5.
_PAGE_NUMBER = re.compile(
    r"[-—–\s]*(?:第\s*|page\s*)?\d+(?:\s*页)?(?:\s*(?:/\s*共?|of|[，,]?\s*共)\s*\d+(?:\s*页)?)?[-—–\s]*", re.IGNORECASE
)


def page_number(text: str) -> bool:
    """Whether a line's text is only a page number (a page's top or foot prints it alone)."""
    return _PAGE_NUMBER.fullmatch(text) is not None


def in_figure_column(line: list[Glyph], others: list[list[Glyph]]) -> bool:
    """Whether a line that looks like a page number stands centred on a figure of the nearest of
    the ``others`` lines (nearest first) that holds figures (to ``_PLACE``), as a column of figures
    sets it: the rest of a figure wrapped in its cell, cut by a page end (7 of 4 / 7 at the top of
    a page, a row's gap over the next row's 4 / 4 / 6 in its column; a Word document's row cut by
    the page end, its 总计 set a line lower than its other figures, whose next row's label is set
    a little higher than its figures), not a number set in the page's margin."""
    centre = (min(g.x0 for g in line) + max(g.x1 for g in line)) / 2
    figures = ([word for word in _words(other) if word[0].text.isdigit()] for other in others)
    nearest = next((words for words in figures if words), [])
    return any(abs((word[0].x0 + word[-1].x1) / 2 - centre) <= _PLACE for word in nearest)


def _words(line: list[Glyph]) -> list[list[Glyph]]:
    """A line's characters cut at gaps wider than half a character."""
    words: list[list[Glyph]] = []
    for glyph in sorted(line, key=lambda g: g.x0):
        if words and glyph.x0 - words[-1][-1].x1 <= 0.5 * max(glyph.height, words[-1][-1].height):
            words[-1].append(glyph)
        else:
            words.append([glyph])
    return words


def content_glyphs(path: Path, number: int, page: pdfium.PdfPage) -> list[Glyph]:
    """The characters of page ``number`` (``page``, of the PDF at ``path``) without the running
    heads of its document."""
    glyphs = page_glyphs(page)
    stat = Path(path).stat()
    heads = _heads(str(path), stat.st_mtime_ns, stat.st_size).get(number)
    if not heads:
        return glyphs
    return [glyph for glyph in glyphs if not any(_within(glyph, bounds) for bounds in heads)]


@lru_cache(maxsize=8)
def _heads(path: str, _mtime: int, _size: int) -> dict[int, list[Bounds]]:
    """The bounds of the running heads on each page of a PDF (read once for all its readers)."""
    document = pdfium.PdfDocument(path)
    try:
        pages: dict[int, tuple[list[Glyph], float]] = {}
        for index in range(len(document)):
            page = document[index]
            try:
                pages[index + 1] = (page_glyphs(page), page.get_height())
            finally:
                page.close()
    finally:
        document.close()
    return running_heads(pages)


def running_heads(pages: dict[int, tuple[list[Glyph], float]]) -> dict[int, list[Bounds]]:
    """The bounds of the running heads of each page. ``pages``: every page of a document, by
    number: its characters and its height in points.

    A head is a line of a page's top (or foot) band that stands at the same place on every page,
    or on every page after the first (a title page without heads), or on every other page (odd
    pages among themselves, even among themselves), two pages at least. A page without it must
    print nothing at its place (its text starts below the head, as far as the head stands apart
    from the text), or there a head of its own (the agency's name over even pages, the title over
    odd ones). The first page without a top head must lack a foot head too: a word processor
    leaves both off a title page, while a table's header row it repeats at the top of the pages
    the table runs onto has no foot beside it."""
    found: dict[int, list[Bounds]] = {number: [] for number in pages}
    numbers = sorted(pages)
    if len(numbers) < 2:
        return found
    shapes = {
        frozenset(chosen)
        for chosen in (numbers, numbers[1:], numbers[0::2], numbers[1::2], numbers[2::2])
        if len(chosen) >= 2
    }
    extents = {number: _extent(glyphs) for number, (glyphs, _) in pages.items()}
    heights = {number: height for number, (_, height) in pages.items()}
    untitled = False  # a foot head the first page lacks: a title page printed without heads
    for at_top in (False, True):
        bands = {number: _band(glyphs, height, at_top) for number, (glyphs, height) in pages.items()}
        repeats: list[tuple[_Line, dict[int, _Line]]] = []  # a line, and its match on each page printing it
        for number in numbers:
            for line in bands[number]:
                on = {other: match for other in numbers if (match := _match(line, bands[other])) is not None}
                if frozenset(on) in shapes:
                    repeats.append((line, on))
        for line, on in repeats:
            missing = [number for number in numbers if number not in on]
            if not all(
                _own_head(line, on, number, repeats)
                or (
                    _clear(line, extents[number], heights[number], at_top)
                    and (number != numbers[0] or not at_top or untitled)
                )
                for number in missing
            ):
                continue
            untitled = untitled or (not at_top and numbers[0] in missing)
            for number, head in on.items():
                if head.bounds not in found[number]:
                    found[number].append(head.bounds)
    return found


def _own_head(line: _Line, on: dict[int, _Line], number: int, repeats: list[tuple[_Line, dict[int, _Line]]]) -> bool:
    """Whether page ``number`` prints at the place of ``line`` a head of its own: a line repeated
    on other pages than ``line``'s."""
    return any(
        number in others and not others.keys() & on.keys() and abs(others[number].offset - line.offset) <= _PLACE
        for _, others in repeats
    )


def _extent(glyphs: list[Glyph]) -> tuple[float, float] | None:
    """The lowest and highest point of a page's text (None for a page without text)."""
    if not glyphs:
        return None
    return min(g.y0 for g in glyphs), max(g.y1 for g in glyphs)


def _clear(line: _Line, extent: tuple[float, float] | None, height: float, at_top: bool) -> bool:
    """Whether a page prints nothing at the place of ``line`` (a head of another page): its text
    starts below it (ends above it, at the foot) as far as a head stands apart from the text."""
    if extent is None:
        return True
    _, bottom, _, top = line.bounds
    apart = _APART * (top - bottom)
    if at_top:
        return (line.page_height - bottom) + apart <= height - extent[1]
    return top + apart <= extent[0]


@dataclass(frozen=True)
class _Line:
    bounds: Bounds
    text: str  # digits masked: the page number and the date differ from page to page
    offset: float  # its baseline's distance from the page's top (a head) or foot (a foot line)
    page_height: float


def _band(glyphs: list[Glyph], height: float, at_top: bool) -> list[_Line]:
    """The lines at a page's top (or foot): the first (last) line and those sharing its height (a
    date and a title set in two fonts on slightly different baselines), when they stand apart
    from the next line of text; else none."""
    lines = lines_of(glyphs)
    if not at_top:
        lines.reverse()
    if len(lines) < 2:
        return []
    count = 1
    while count < len(lines) and _overlap(lines[count], lines[0]):
        count += 1
    if count == len(lines):  # one row of text on different baselines (a table's last row alone on its page)
        return []
    band, rest = lines[:count], lines[count]
    top = max(g.y1 for line in band for g in line)
    bottom = min(g.y0 for line in band for g in line)
    gap = bottom - max(g.y1 for g in rest) if at_top else min(g.y0 for g in rest) - top
    if gap < _APART * max(g.height for line in band for g in line):
        return []
    return [
        _Line(
            (min(g.x0 for g in line), min(g.y0 for g in line), max(g.x1 for g in line), max(g.y1 for g in line)),
            _DIGITS.sub("#", "".join(g.text for g in line).translate(_HYPHENS)),
            height - line[0].base if at_top else line[0].base,
            height,
        )
        for line in band
    ]


def _overlap(line: list[Glyph], other: list[Glyph]) -> bool:
    return min(g.y1 for g in line) > max(g.y0 for g in other) and max(g.y0 for g in line) < min(g.y1 for g in other)


def _match(line: _Line, band: list[_Line]) -> _Line | None:
    return next((o for o in band if o.text == line.text and abs(o.offset - line.offset) <= _PLACE), None)


def _within(glyph: Glyph, bounds: Bounds) -> bool:
    return bounds[0] <= glyph.xc <= bounds[2] and bounds[1] <= glyph.yc <= bounds[3]
