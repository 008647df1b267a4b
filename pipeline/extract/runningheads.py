"""Running heads: the lines a browser or a word processor prints at the top and foot of every page.

A report saved from a browser's print dialog carries, by default, the date and the page's title at
the top of each page and its address and page number ("2/5") at the foot; a Word or WPS export
may carry the document's title or "第 2 页 共 5 页" there. They are no part of the report, yet
a reader of the page's text sees them beside a table running over a page break (the "2" of "2/5"
as a figure below the table's last row).

A running head is told by repetition, not by its words: a line at the very top or foot of a page,
set apart from the rest of the page's text, whose text (its digits aside) stands at the same place
on **every** page of a document of two pages or more. A table's header row that a word processor
repeats at the top of each page it runs onto is not on the first page, above the report's title,
so it stays.
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
    number: its characters and its height in points (a head is what every page prints)."""
    found: dict[int, list[Bounds]] = {number: [] for number in pages}
    if len(pages) < 2:
        return found
    for at_top in (True, False):
        bands = {number: _band(glyphs, height, at_top) for number, (glyphs, height) in pages.items()}
        for line in next(iter(bands.values())):
            same = [_match(line, band) for band in bands.values()]
            for number, head in zip(bands, same, strict=True):
                if all(same) and head is not None:
                    found[number].append(head.bounds)
    return found


@dataclass(frozen=True)
class _Line:
    bounds: Bounds
    text: str  # digits masked: the page number and the date differ from page to page
    offset: float  # its baseline's distance from the page's top (a head) or foot (a foot line)


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
        )
        for line in band
    ]


def _overlap(line: list[Glyph], other: list[Glyph]) -> bool:
    return min(g.y1 for g in line) > max(g.y0 for g in other) and max(g.y0 for g in line) < min(g.y1 for g in other)


def _match(line: _Line, band: list[_Line]) -> _Line | None:
    return next((o for o in band if o.text == line.text and abs(o.offset - line.offset) <= _PLACE), None)


def _within(glyph: Glyph, bounds: Bounds) -> bool:
    return bounds[0] <= glyph.xc <= bounds[2] and bounds[1] <= glyph.yc <= bounds[3]
