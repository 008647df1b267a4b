"""Pictures of tables (a Word file's, a web page's) read as scanned pages: each picture opened
within a bound of pixels (``open_picture``), scaled to about ``pageimages.DPI`` by the resolution
it states or by its width (``image_page``), and its tables read (``read_pictures``): ruled ones
cell by cell (``scancells.py``), others from the positions of their text (``unruledscan.py``).
"""

from __future__ import annotations

import io
import math
import warnings
from collections.abc import Callable

import cv2
import numpy as np
from PIL import Image

from pipeline.extract.glyphs import Glyph
from pipeline.extract.ocr import Recogniser
from pipeline.extract.pageimages import DPI, LEAST_DPI, MOST_PAGE_PIXELS, PageImage, straight_page
from pipeline.extract.scancells import read_page
from pipeline.extract.segments import Segment, in_order
from pipeline.extract.unruledscan import tables_without_rules, text_glyphs

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
    ``MOST_PAGE_PIXELS`` (as a scanned page is rendered, ``page_dpi``), never below ``LEAST_DPI``
    where its resolution is stated. A picture scanned finer than ``DPI`` (a sheet scanned at 600 dpi
    and pasted into a Word file) is read at ``DPI`` too, as a scanned page is: its extra pixels only
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
