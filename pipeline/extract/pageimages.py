"""The page images of a scan, as the readers of its tables take them: each page rendered at
``page_dpi`` (``DPI``, less for a page larger than A3), the red ink of its seal taken out (a seal
scanned without colour found by its rings, ``seals.py``), and turned straight by the angle of its
long rules; and a page's ink told from its paper.

Every other part of the scan reader works on these images: the rules (``scanrules.py``), the
cells (``scancells.py``) and the text of pages without rules (``unruledscan.py``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipeline.extract.seals import find_seals, lighten, seal_ink_lifted

DPI = 300
# The most pixels a scanned page is rendered to: an A3 page at DPI (4961 × 3508, 17.4 million),
# the largest a report is printed on. A scanned page is a picture, and a page larger than that is
# a picture placed larger than its sheet (a scanner stating 72 dpi for a 200 dpi scan makes an A4
# sheet a page 1.2 m tall) or a sheet of larger print: its text is larger than a report's, so
# pixels beyond A3's at DPI only cost memory (``scanned._PAGE_COST``). Such a page is rendered at the
# resolution that keeps it within this many pixels, never below ``LEAST_DPI``.
MOST_PAGE_PIXELS = 18_000_000
# The least resolution OCR reads a report's text at: 10.5 pt characters about 22 pixels tall, as
# in a scan stored at 150 dpi (the lowest ``bench.scans`` measures, and reads).
LEAST_DPI = 150
# Degrees under which a page is taken as level and not turned. A page whose rules Hough finds
# level may still lie a few tenths of a degree askew: a rule a few pixels thick (a blurred scan)
# holds a level segment across the whole table at such a tilt. Only then is the angle fitted
# through the rules' ink; a tilt Hough finds is kept as it is.
_LEVEL = 0.02
# Pixels above and below a segment Hough found where its rule's ink is looked for (a rule at 300
# dpi is a few pixels thick, and Hough's segment lies within it).
_FIT_BAND = 6
# Red above green and blue by this much is a seal's ink: the pale pink edges of its strokes too
# (blurred, JPEG's halved colour), which left grey would join rules and figures. Grey paper and
# black ink differ between channels by a few levels only.
_RED = 24
_RED_EDGE = 7  # pixels around red ink that belong to its stroke


@dataclass
class PageImage:
    """A page rendered, without its seal, turned straight: grey levels (0 ink, 255 paper)."""

    number: int
    grey: np.ndarray
    angle: float  # degrees the scan was turned back by
    taken: np.ndarray | None = None  # (bool) where a seal's red ink was taken out, turned with the page
    # Scanned in one bit a pixel (every pixel of the picture ink or paper): ``scanrules.find_rules``.
    bilevel: bool = False
    # The page as scanned, turned straight, where a seal lighter than text was taken out (a grey
    # scan): what its rules hold under the seal (``scanrules.find_rules``), what ink went with it
    # (``scancells.py``).
    unlit: np.ndarray | None = None
    dpi: int = DPI  # a page larger than A3 is rendered at less (``page_dpi``)

    @property
    def px(self) -> float:
        """PDF points per pixel."""
        return 72 / self.dpi

    @property
    def height_pt(self) -> float:
        return self.grey.shape[0] * self.px


def without_seal(rgb: np.ndarray, red: np.ndarray) -> np.ndarray:
    """Grey levels of a page with its red ink (``red``, from ``red_ink``) taken out.

    Red seal ink over paper is far lighter than black text (luminance about 120 against under
    60), and black text under the seal stays that dark. So where the page is red, and a few pixels
    around (a JPEG keeps colour at half the resolution: the edges of a stroke lose their red but
    not their darkness), luminance is stretched so that seal ink becomes paper and text stays ink.
    A page without red (scanned in grey) has its seals found by their rings (``seals.py``).
    """
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    if not red.any():
        return lighten(grey, find_seals(grey))
    return seal_ink_lifted(grey, red)


def red_ink(rgb: np.ndarray) -> np.ndarray:
    """Where a page is red (a seal's ink), and the few pixels around that belong to its strokes
    (bool)."""
    r, g, b = (rgb[..., k].astype(np.int16) for k in range(3))
    red = ((r - np.maximum(g, b)) > _RED).astype(np.uint8)
    if not red.any():
        return red > 0
    return cv2.dilate(red, np.ones((_RED_EDGE, _RED_EDGE), np.uint8)) > 0


def straight_page(number: int, rgb: np.ndarray, bilevel: bool = False, dpi: int = DPI) -> PageImage:
    """A rendered page without its seal, turned straight, knowing where the seal's red was and
    whether it was scanned in one bit (``bilevel``)."""
    red = red_ink(rgb)
    grey = without_seal(rgb, red)
    angle = skew(grey)
    taken = straighten(np.where(red, 0, 255).astype(np.uint8), angle) < 128 if red.any() else None
    scanned = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    unlit = straighten(scanned, angle) if not red.any() and not np.array_equal(grey, scanned) else None
    return PageImage(number, straighten(grey, angle), angle, taken=taken, bilevel=bilevel, unlit=unlit, dpi=dpi)


def _one_bit(page: pdfium.PdfPage) -> bool:
    """Whether a PDF page shows nothing but pictures of one bit a pixel (a bi-level scan; an
    invisible OCR text layer aside). Its rendering cannot say: scaled to ``DPI`` it is smoothed
    into grey at the edges of the ink."""
    shown = [
        found for found in page.get_objects() if found.type in (pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_PATH)
    ]
    return bool(shown) and all(
        found.type == pdfium_c.FPDF_PAGEOBJ_IMAGE and found.get_metadata().bits_per_pixel == 1 for found in shown
    )


def ink_of(grey: np.ndarray) -> np.ndarray:
    """Ink as 255 on 0, thresholded against the page's own paper (Otsu)."""
    _, ink = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return ink


def skew(grey: np.ndarray) -> float:
    """The angle (degrees) of the page's long horizontal rules; 0 when it draws none. Where Hough
    finds them level, their angle is fitted through their ink (``_fitted_angle``)."""
    ink = ink_of(grey)
    width = grey.shape[1]
    found = cv2.HoughLinesP(ink, 1, math.pi / 1800, threshold=200, minLineLength=width // 4, maxLineGap=8)
    if found is None:
        return 0.0
    segments = [
        (x0, y0, x1, y1)
        for x0, y0, x1, y1 in found.reshape(-1, 4)
        if abs(math.degrees(math.atan2(y1 - y0, x1 - x0))) <= 5
    ]
    if not segments:
        return 0.0
    weights = [math.hypot(x1 - x0, y1 - y0) for x0, y0, x1, y1 in segments]
    angle = _weighted_median([math.degrees(math.atan2(y1 - y0, x1 - x0)) for x0, y0, x1, y1 in segments], weights)
    if abs(angle) >= _LEVEL:
        return angle
    return _weighted_median([_fitted_angle(ink, *segment) for segment in segments], weights)


def _weighted_median(values: list[float], weights: list[float]) -> float:
    order = np.argsort(values)
    cumulative = np.cumsum(np.asarray(weights)[order])
    return float(np.asarray(values)[order][np.searchsorted(cumulative, cumulative[-1] / 2)])


def _fitted_angle(ink: np.ndarray, x0: int, y0: int, x1: int, y1: int) -> float:
    """The angle (degrees) of the rule along a segment Hough found, fitted through the middle of
    its ink in each column (outliers dropped: a character touching the rule).

    A segment's own ends say little: a rule a few pixels thick (a blurred scan) holds a perfectly
    level segment across the page while it is tilted by a tenth of a degree or so, and Hough then
    finds the page level. Left so, a long vertical rule drifts across by a few pixels from its top
    to its bottom, and a horizontal rule's end no longer meets the place found for the vertical
    one (平潭 2024's header under 法人或其他组织 lost, at 150 dpi with a tilt of 0.12°)."""
    xs = np.arange(min(x0, x1), max(x0, x1) + 1, 2)
    middle = np.rint(y0 + (xs - x0) * (y1 - y0) / (x1 - x0)).astype(int)
    offsets = np.arange(-_FIT_BAND, _FIT_BAND + 1)
    rows = np.clip(middle[None, :] + offsets[:, None], 0, ink.shape[0] - 1)
    held = ink[rows, xs[None, :]] > 0
    count = held.sum(axis=0)
    # A column the band's ink fills is a crossing rule's or a character's: it says nothing.
    keep = (count > 0) & (count < len(offsets))
    fallback = math.degrees(math.atan2(y1 - y0, x1 - x0))
    if keep.sum() < 2:
        return fallback
    xs, ys = xs[keep], middle[keep] + (offsets[:, None] * held[:, keep]).sum(axis=0) / count[keep]
    slope, intercept = np.polyfit(xs, ys, 1)
    close = np.abs(ys - (slope * xs + intercept)) <= 1.5
    if close.sum() >= 2:
        slope, _ = np.polyfit(xs[close], ys[close], 1)
    return math.degrees(math.atan(slope))


def straighten(grey: np.ndarray, angle: float) -> np.ndarray:
    if abs(angle) < _LEVEL:
        return grey
    height, width = grey.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    return cv2.warpAffine(grey, matrix, (width, height), flags=cv2.INTER_CUBIC, borderValue=255)


Bounds = tuple[float, float, float, float]  # left, bottom, right, top in PDF points


def page_dpi(size: tuple[float, float]) -> int:
    """The resolution a page of ``size`` points is rendered at for OCR: ``DPI``, or less for a page
    larger than A3 (``MOST_PAGE_PIXELS``), never below ``LEAST_DPI``."""
    square_inches = size[0] * size[1] / 72**2
    return max(min(DPI, math.floor(math.sqrt(MOST_PAGE_PIXELS / square_inches))), LEAST_DPI)


def render_pages(path: Path, pages: list[int] | None = None, only: list[Bounds] | None = None) -> list[PageImage]:
    """``pages`` (1-based; all by default) rendered at ``page_dpi``, without seal, straightened.
    ``only``: the page is paper outside these bounds (the pictures pasted on a typed page)."""
    document = pdfium.PdfDocument(path)
    try:
        numbers = pages if pages is not None else list(range(1, len(document) + 1))
        images = []
        for number in numbers:
            page = document[number - 1]
            dpi = page_dpi(page.get_size())
            rgb = np.asarray(page.render(scale=dpi / 72).to_pil().convert("RGB"))
            bilevel = only is None and _one_bit(page)
            page.close()
            if only is not None:
                rgb = _only(rgb, only, 72 / dpi)
            images.append(straight_page(number, rgb, bilevel, dpi))
        return images
    finally:
        document.close()


def _only(rgb: np.ndarray, bounds: list[Bounds], px: float) -> np.ndarray:
    """A rendered page (``px`` points a pixel) with paper everywhere but inside ``bounds`` (PDF
    points, y upwards)."""
    height = rgb.shape[0] * px
    kept = np.full_like(rgb, 255)
    for left, bottom, right, top in bounds:
        x0, x1 = max(int(left / px), 0), int(math.ceil(right / px))
        y0, y1 = max(int((height - top) / px), 0), int(math.ceil((height - bottom) / px))
        kept[y0:y1, x0:x1] = rgb[y0:y1, x0:x1]
    return kept


def text_ink(clean: np.ndarray) -> np.ndarray:
    """The ink of a page's text (its rules erased, or none drawn), specks of noise opened away."""
    return cv2.morphologyEx(ink_of(clean), cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))
