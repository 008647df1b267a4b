"""Scanned pages and pictures that draw no rules: the characters OCR reads on them
(``text_glyphs``, ``picturetext.py``), set into tables by the positions of their text as
``unruled.py`` reads a text layer (``tables_without_rules``), the pages one after the other read
together so that a table continued on the next sheet is joined (``sheetalign.sheet_moved`` lines
the sheets up). A page of running text, a cover or a signature page adds no table
(``report_tables``).
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import replace

from pipeline.core.facts import ReportError
from pipeline.extract.glyphs import Glyph
from pipeline.extract.gridmeasures import TOUCH
from pipeline.extract.ocr import Recogniser
from pipeline.extract.pageimages import PageImage, ink_of, straighten, text_ink
from pipeline.extract.segments import Segment
from pipeline.extract.sheetalign import sheet_moved


def text_glyphs(page: PageImage, recogniser: Recogniser, tables_only: bool = False) -> list[Glyph]:
    """The characters OCR reads on a page image that draws no rules (``picturetext.py``), turned
    straight by its rows of text. ``tables_only``: none on a page whose text stands in no columns
    (running text, a cover, a signature: not worth reading)."""
    from pipeline.extract.picturetext import in_columns, picture_glyphs, text_angle

    grey = straighten(page.grey, text_angle(ink_of(page.grey)))
    ink = text_ink(grey)
    if tables_only and not in_columns(ink):
        return []
    return picture_glyphs(grey, ink, recogniser, page.px)


def tables_without_rules(texts: list[tuple[int, list[Glyph]]]) -> list[Segment]:
    """The tables without rules of pages of OCR'd characters: each run of pages one after the
    other read together (``unruled.tables_of_pages``), so a table continued from one page to the
    next is joined. Text that sets in no grid (a photo of a typed page, a poster) is no table: it
    adds nothing, and a table missing for it is named by the mapping; a run that does not read as
    a whole is read page by page."""
    from pipeline.extract.unruled import tables_of_pages

    runs: list[list[tuple[int, list[Glyph]]]] = []
    for number, glyphs in texts:
        if not glyphs:
            continue
        glyphs = _stops_on_their_lines(glyphs)
        if runs and runs[-1][-1][0] == number - 1:
            dx = sheet_moved(runs[-1][-1][1], glyphs)
            runs[-1].append((number, [replace(g, x0=g.x0 + dx, x1=g.x1 + dx) for g in glyphs] if dx else glyphs))
        else:
            runs.append([(number, glyphs)])
    segments: list[Segment] = []
    for run in runs:
        try:
            segments += tables_of_pages(run, sized=False)
        except ReportError:
            for page in run:
                with suppress(ReportError):
                    segments += tables_of_pages([page], sized=False)
    return segments


def _stops_on_their_lines(glyphs: list[Glyph]) -> list[Glyph]:
    """Punctuation OCR read as a piece of its own, between two texts of one line whose ends reach
    it and within their height, set on their line: a full-width colon's or semicolon's dots stand
    in the middle of its em, their bottom above the baseline, so that the piece can be given the
    baseline of a line level with it (为 | ： | 第一项加第二项之 of a note, the colon on the line of a
    header beside, half a line higher); the two texts then stand an em and more apart, as two
    cells' texts do, and the note's line fell in two cells."""

    def alone(stop: Glyph) -> bool:
        return stop.confidence is not None and not any(
            g is not stop and g.base == stop.base and g.x0 <= stop.x1 + TOUCH and stop.x0 - TOUCH <= g.x1
            for g in glyphs
        )

    def line_of(stop: Glyph) -> float | None:
        def holds(g: Glyph) -> bool:
            return g.base != stop.base and g.y0 - TOUCH <= stop.y0 and stop.y1 <= g.y1 + TOUCH

        before = [g for g in glyphs if holds(g) and g.x0 < stop.x0 <= g.x1 + TOUCH]
        after = [g for g in glyphs if holds(g) and g.x1 > stop.x1 >= g.x0 - TOUCH]
        return next((b.base for b in before for a in after if a.base == b.base), None)

    moved = []
    for g in glyphs:
        base = line_of(g) if not g.text.isalnum() and alone(g) else None
        moved.append(g if base is None else replace(g, base=base))
    return moved


def report_tables(segments: list[Segment]) -> list[Segment]:
    """The segments of the pages that hold a part of table 二, 三 or 四 (recognised by its headers
    and labels, or continuing one from the page before): a scanned page of running text, a cover
    or a signature page adds nothing, whatever its figures."""
    from pipeline.extract.classify import assemble

    try:
        tables, _ = assemble(segments)
    except ReportError:
        return segments  # the report's own reading fails the same way, in one line
    pages = {segment.page for table in tables.values() for segment in table.segments}
    return [segment for segment in segments if segment.page in pages]
