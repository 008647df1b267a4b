"""Scanned reports: the tables of an image-only PDF read from its page images with offline OCR
(``read_scanned``), page by page, the modules named below doing each step.

A county office often posts the signed and stamped paper scanned: JPEG pages in a PDF, no text
layer. Each page is rendered at ``pageimages.DPI`` and cleaned the way a reader's eye does it: the
red ink of a seal is taken out (where it covers black text the text stays dark), and the page is
turned straight again by the angle of its long rules (``pageimages.py``). The table grid is found
from the rules drawn in the image: a morphological opening keeps only long strokes
(``strokemasks.py``), and a vertical stroke counts as a rule only where it runs from one horizontal
rule to another, so the strokes of characters are not taken for rules (``scanrules.py``). The
rules, in PDF points, build the grid the way the reader of vector rules does (``rules.py``); the
rules are then erased and each merged cell's ink is read by a recogniser (``ocr.py``,
``scancells.py``), which gives the cell's text and a confidence. The result is the same
``RuledTable`` shape as ``rules.py``'s (``scannedtable.ScannedTable``), so ``segments.Segment``,
``classify.py`` and the table mappers are shared. A page that draws no rules is read from the
positions of the text OCR finds on it (``unruledscan.py``), and each sheet is lined up with the one
before, where it lay on the glass (``sheetalign.py``). Pictures of tables in Word files and web
pages are read as pages are (``pictures.py``).

A cell holding ink that the recogniser reads as nothing gets confidence 0: whoever publishes the
figure reports it unreadable (NULL with a quality issue), never blank.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium

from pipeline.core.settings import Limits
from pipeline.extract.glyphs import Glyph
from pipeline.extract.ocr import Recogniser
from pipeline.extract.pageimages import Bounds, page_dpi, render_pages
from pipeline.extract.rendering import check_rendering
from pipeline.extract.scancells import read_page_and_rules
from pipeline.extract.scannedtable import ScannedTable
from pipeline.extract.segments import Segment, in_order
from pipeline.extract.sheetalign import align_sheets
from pipeline.extract.unruledscan import report_tables, tables_without_rules, text_glyphs

# What reading a scanned page costs its worker: bytes a pixel (its RGB array, each channel as
# 16-bit numbers as its seal's red ink is looked for, the grey page straightened, the masks of its
# rules, the crops OCR reads), and bytes whatever the page (the worker's libraries and OCR's
# models). OCR holds more as a page's text is larger in pixels, so this is not a fit but a bound
# above every reading measured (``bench/rendering.py``): a table page scanned at 200 dpi peaked at
# 764 MiB on A4 at 300 dpi (8.7 million pixels), 1307 MiB on A2 at 300 dpi (34.8 million), 1067
# MiB on A2 at 215 dpi (17.9 million) and 1317 MiB three times A4's width at 150 dpi (19.6
# million); three such A2 pages, read together, 1331 MiB. A page that would cost more than the
# memory limit is refused before it is rendered (``rendering.py``); one that passes is read
# within it.
_PAGE_COST = (32, 800 * 2**20)


def read_scanned(
    path: Path,
    recogniser: Recogniser,
    progress: Callable[[str], None] | None = None,
    pages: list[int] | None = None,
    pictures: dict[int, list[Bounds]] | None = None,
    limits: Limits | None = None,
) -> list[Segment]:
    """The tables of the page images of a PDF, in reading order: every page of an image-only
    PDF, or ``pages`` (1-based) of one that mixes text pages and scanned ones. A page's ruled
    tables are read cell by cell; a page that draws no rules is read as a table without rules
    (``picturetext.py``, then ``unruled.py``, the pages one after the other together, so a table
    continued on the next sheet is joined), kept only where it holds a part of table 二, 三 or 四.
    ``pictures``: only the pictures (their bounds, by page) pasted on typed pages are read; they
    lie where the page puts them (no sheet off the glass to align). A page too large to render
    within the memory limit of ``limits`` (default: from the environment) raises ``LimitError``
    before any page is read."""
    document = pdfium.PdfDocument(path)
    count = len(document)
    numbers = pages if pages is not None else list(range(1, count + 1))
    limits = limits or Limits.from_env()
    try:
        for number in numbers:
            size = document[number - 1].get_size()
            check_rendering(number, size, page_dpi(size), _PAGE_COST, "for OCR", limits)
    finally:
        document.close()
    by_page: list[list[ScannedTable]] = []
    texts: list[tuple[int, list[Glyph]]] = []
    for done, number in enumerate(numbers, start=1):
        if progress is not None:
            progress(
                f"OCR: page {number} of {count}"
                if pages is None
                else f"OCR: page {number} ({done} of {len(numbers)} scanned)"
            )
        [page] = render_pages(path, [number], pictures.get(number, []) if pictures is not None else None)
        ruled, drawn = read_page_and_rules(page, recogniser)
        by_page.append(ruled)
        if not ruled and not drawn:
            texts.append((number, text_glyphs(page, recogniser, tables_only=True)))
    # Pictures pasted on typed pages lie where the page put them: no sheet to line up.
    if pictures is None:
        align_sheets(by_page)
    segments = in_order([table for found in by_page for table in found]) + report_tables(tables_without_rules(texts))
    return sorted(segments, key=lambda segment: segment.page)  # stable: each page's tables stay in order
