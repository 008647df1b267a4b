"""Scanned reports: the tables of an image-only PDF read from its page images with offline OCR.

A county office often posts the signed and stamped paper scanned: JPEG pages in a PDF, no text
layer. Each page is rendered at ``DPI`` and cleaned the way a reader's eye does it: the red ink
of a seal is taken out (where it covers black text the text stays dark), the page is turned
straight again (the angle of its long rules), and the table grid is found from the rules drawn in
the image: a morphological opening keeps only long strokes, and a vertical stroke counts as a
rule only where it runs from one horizontal rule to another, so the strokes of characters are not
taken for rules. The rules, in PDF points, build the grid the way the reader of vector rules does
(``rules.py``); the rules are then erased and each merged cell's ink is read by a recogniser
(``ocr.py``), which gives the cell's text and a confidence. The result is the same ``RuledTable``
shape as ``rules.py``'s, so ``segments.Segment``, ``classify.py`` and the table mappers are shared.

A cell holding ink that the recogniser reads as nothing gets confidence 0: whoever publishes the
figure reports it unreadable (NULL with a quality issue), never blank.
"""

from __future__ import annotations

import io
import math
import warnings
from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium
from PIL import Image

from pipeline.core.settings import Limits
from pipeline.extract.glyphs import Glyph
from pipeline.extract.ocr import Recogniser
from pipeline.extract.pageimages import (
    DPI,
    LEAST_DPI,
    MOST_PAGE_PIXELS,
    Bounds,
    PageImage,
    page_dpi,
    render_pages,
    straight_page,
)
from pipeline.extract.rendering import check_rendering
from pipeline.extract.scancells import read_page, read_page_and_rules
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


# A web page's picture without a resolution of its own is scaled to the width of an A4 page at
# DPI (a picture of the page, or of a table a little wider than the page's text), within bounds.
_PAGE_WIDTH = 2480
_MOST_SCALE = 4.0
# Resolutions a picture may state that are a scan's (others are a program's defaults: 72, 96).
_SCAN_DPI = (100, 600)


# The most pixels a picture may have to be read: Pillow's own bound, which it only warns of below
# twice as many. A page scanned at 600 dpi has 35 million (A4) to 70 million (A3); more is a
# decompression bomb (a few KiB stating 100000 × 100000), and decoded, would cost GiBs.
MOST_PIXELS = Image.MAX_IMAGE_PIXELS or 89_478_485


def open_picture(data: bytes) -> Image.Image | None:
    """A picture opened, not yet decoded; None when it has more than ``MOST_PIXELS`` pixels
    (refused here, so Pillow's warning of a large picture is not shown)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        picture = Image.open(io.BytesIO(data))
    if picture.width * picture.height > MOST_PIXELS:
        picture.close()
        return None
    return picture


def image_page(number: int, data: bytes) -> PageImage | None:
    """A picture (PNG, JPEG…) as page image ``number``: without seal, straightened, scaled to
    about ``DPI`` (by the resolution it states, else by its width); None when it is not an image
    Pillow reads, or has more than ``MOST_PIXELS`` (left out like a broken ``<img>``)."""
    try:
        picture = open_picture(data)
        if picture is None:
            return None
        with picture:
            stated = picture.info.get("dpi", (0, 0))[0]
            dpi, scale = _picture_scale(picture.size, stated)
            full = picture.width
            if scale < 0.5:
                # A JPEG decoded at a half, a quarter or an eighth of its size costs that much less.
                picture.draft("RGB", (math.ceil(picture.width * scale), math.ceil(picture.height * scale)))
            picture.load()
            rgb = np.asarray(picture.convert("RGB"))
    except (OSError, ValueError, Image.DecompressionBombError):
        return None
    scale *= full / rgb.shape[1]  # what the draft left to scale
    # Only black and white before any scaling: a bi-level scan (a JPEG's noise never is).
    bilevel = bool(((rgb == 0) | (rgb == 255)).all())
    if scale != 1.0:
        shrink = cv2.INTER_AREA if scale < 1.0 else cv2.INTER_CUBIC
        rgb = cv2.resize(rgb, None, fx=scale, fy=scale, interpolation=shrink)
    return straight_page(number, rgb, bilevel, dpi)


def _picture_scale(size: tuple[int, int], stated: float) -> tuple[int, float]:
    """The resolution a picture of ``size`` pixels is read at, and the scale that makes it: ``DPI``
    by the resolution it states, else by taking its width for an A4 page's at ``DPI``; within
    ``MOST_PAGE_PIXELS`` (as a scanned page is rendered, ``page_dpi``), never below ``LEAST_DPI`` where
    its resolution is stated. A picture scanned finer than ``DPI`` (a sheet scanned at 600 dpi and
    pasted into a Word file) is read at ``DPI`` too, as a scanned page is: its extra pixels only
    cost memory, at 600 dpi four times a page's, past the memory limit."""
    width, height = size
    fitted = math.sqrt(MOST_PAGE_PIXELS / (width * height))
    if stated and _SCAN_DPI[0] <= stated <= _SCAN_DPI[1]:
        scale = max(min(DPI / stated, _MOST_SCALE, fitted), LEAST_DPI / stated)
        return round(stated * scale), scale
    wanted = min(max(_PAGE_WIDTH / width, 1.0), _MOST_SCALE)
    scale = min(wanted, fitted)
    return round(DPI * scale / wanted), scale


def read_pictures(
    images: list[bytes], recogniser: Recogniser, progress: Callable[[str], None] | None = None
) -> list[Segment]:
    """The tables of pictures (a Word file's, a web page's), each picture a page numbered from 1,
    in order: a picture's ruled tables read cell by cell, and a picture that holds no ruled table
    read as a table without rules (``picturetext.py``: its text OCR'd piece by piece, its grid
    from the positions of the text, as ``unruled.py`` reads a text layer); pictures without rules
    one after the other are read together, so a table continued from one to the next is joined.
    ``progress`` hears of each picture before it is prepared and read (slow)."""
    by_page: dict[int, list[Segment]] = {}
    texts: list[tuple[int, list[Glyph]]] = []
    for number, data in enumerate(images, start=1):
        if progress is not None:
            progress(f"OCR: image {number} of {len(images)}")
        page = image_page(number, data)
        if page is None:
            continue
        ruled = read_page(page, recogniser)
        if ruled:
            by_page[number] = in_order(ruled)
        else:
            texts.append((number, text_glyphs(page, recogniser)))
    for segment in tables_without_rules(texts):
        by_page.setdefault(segment.page, []).append(segment)
    return [segment for number in sorted(by_page) for segment in by_page[number]]


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
