"""Scans of a report, as a county office makes them: the printed and stamped paper put on the
glass, read at 150–300 dpi, saved as JPEG pages of an image-only PDF.

Every scan is made from a report PDF (a replica, or a page printed by a browser) by rasterising
each page and then spoiling it the way paper and scanners do: a small rotation (the sheet set
slightly askew), a shift (off the glass, or hanging off its edge), sensor noise, blur, JPEG
artefacts, and a red seal stamped over part of a page; stored in colour, grey or bi-level (1 bit a
pixel, thresholded: most office scanners' PDFs), the sheet turned sideways or upside down if
asked. The figures stay those of the original, so a scan's extraction can be
compared cell by cell with the original's published figures.
"""

from __future__ import annotations

import io
import math
import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFilter

SEAL_INCHES = 1.6  # a seal about 4 cm across
_THRESHOLD = 128  # grey level at or above which a bi-level scanner stores paper


@dataclass(frozen=True)
class ScanStyle:
    """How a scan is spoiled; ``seed`` draws what is random (angle, noise, where the seal falls)."""

    dpi: int = 200
    max_rotation: float = 2.0  # degrees, either way
    shift: float = 0.01  # of the page's width and height, at most
    noise: float = 6.0  # standard deviation of the grey-level noise (0-255)
    blur: float = 0.6  # Gaussian radius in pixels at 200 dpi
    jpeg_quality: int = 70
    seal: bool = True
    seed: int = 0
    # How the scanner stores the page: "colour" (JPEG), "grey" (JPEG) or "bilevel" (1 bit a pixel,
    # thresholded, as most office scanners' PDFs: CCITT G4, no JPEG).
    mode: str = "colour"
    # Degrees each sheet lies turned on the glass, anticlockwise (0, 90, 180 or 270), page by page
    # (pages beyond: 0): a landscape table put on a portrait glass, a sheet upside down.
    turns: tuple[int, ...] = ()
    cut: float = 0.0  # of the page's width hanging off the glass at its right edge (lost)
    # Where the seal is stamped instead of a random place: centred on the ``seal_occurrence``-th
    # (from 0; -1 the last) place a page prints this text, on each page that prints it that often
    # (a seal over one of table 四's headers), then moved by ``seal_shift``.
    seal_on: str = ""
    seal_occurrence: int = 0
    seal_shift: tuple[float, float] = (0.0, 0.0)  # the seal moved from there, in its sizes (right, down)


def seal_stamp(size: int) -> Image.Image:
    """A round red seal: a double ring and a star, with the ink's uneven cover."""
    seal = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(seal)
    red = (214, 30, 38, 200)
    ring = max(2, size // 28)
    draw.ellipse((ring, ring, size - ring, size - ring), outline=red, width=ring)
    inner = size // 9
    draw.ellipse((inner, inner, size - inner, size - inner), outline=red, width=max(1, ring // 2))
    cx = cy = size / 2
    outer_r, inner_r = size * 0.16, size * 0.065
    points = []
    for k in range(10):
        r = outer_r if k % 2 == 0 else inner_r
        angle = -math.pi / 2 + k * math.pi / 5
        points.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
    draw.polygon(points, fill=red)
    # Arcs of "characters" along the ring: short strokes, as a seal's legend reads at a glance.
    for k in range(18):
        angle = math.pi * (0.85 + 1.3 * k / 17)
        r0, r1 = size * 0.30, size * 0.36
        x0, y0 = cx + r0 * math.cos(angle), cy + r0 * math.sin(angle)
        x1, y1 = cx + r1 * math.cos(angle), cy + r1 * math.sin(angle)
        draw.line((x0, y0, x1, y1), fill=red, width=max(1, ring // 2))
    return seal


def spoil(
    page: Image.Image, style: ScanStyle, rng: random.Random, seal_at: tuple[float, float] | None, turn: int = 0
) -> Image.Image:
    """One rendered page (RGB) as the scanner would give it back, the sheet turned by ``turn``."""
    width, height = page.size
    if seal_at is not None:
        size = int(style.dpi * SEAL_INCHES)
        stamp = seal_stamp(size).rotate(rng.uniform(-30, 30), resample=Image.BICUBIC)
        x, y = int(seal_at[0] * width - size / 2), int(seal_at[1] * height - size / 2)
        page = page.convert("RGBA")
        page.alpha_composite(stamp, (max(0, x), max(0, y)))
        page = page.convert("RGB")
    angle = rng.uniform(-style.max_rotation, style.max_rotation)
    page = page.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=(255, 255, 255))
    dx, dy = (int(rng.uniform(-style.shift, style.shift) * d) for d in (width, height))
    dx += int(style.cut * width)  # the sheet off the glass: its right edge beyond it
    shifted = Image.new("RGB", (width, height), (246, 246, 244))  # the scanner lid beyond the sheet
    shifted.paste(page, (dx, dy))
    page = shifted
    if style.blur:
        page = page.filter(ImageFilter.GaussianBlur(style.blur * style.dpi / 200))
    if style.noise:
        pixels = np.asarray(page, dtype=np.float32)
        noise = np.random.default_rng(rng.randrange(2**32)).normal(0.0, style.noise, pixels.shape[:2])
        pixels = np.clip(pixels + noise[..., None], 0, 255).astype(np.uint8)
        page = Image.fromarray(pixels, "RGB")
    if turn:
        page = page.rotate(turn, expand=True)
    if style.mode == "bilevel":  # a fixed threshold, as a scanner's: no JPEG, no grey
        return page.convert("L").point(lambda level: 255 if level >= _THRESHOLD else 0).convert("1")
    if style.mode == "grey":
        page = page.convert("L")
    buffer = io.BytesIO()
    page.save(buffer, "JPEG", quality=style.jpeg_quality)
    buffer.seek(0)
    return Image.open(buffer).convert("L" if style.mode == "grey" else "RGB")


def _printed_at(page: pdfium.PdfPage, text: str, occurrence: int) -> tuple[float, float] | None:
    """Where the page prints ``text`` for the ``occurrence``-th time (from 0; -1 the last): the
    centre of its characters, as shares of the page's width and height from its top left; None if
    it prints it fewer times."""
    found = page.get_textpage()
    searcher = found.search(text)
    hits = []
    while hit := searcher.get_next():
        hits.append(hit)
    if not -len(hits) <= occurrence < len(hits):
        return None
    start, count = hits[occurrence]
    boxes = [found.get_charbox(index) for index in range(start, start + count)]
    width, height = page.get_size()
    x = (min(box[0] for box in boxes) + max(box[2] for box in boxes)) / 2
    y = (min(box[1] for box in boxes) + max(box[3] for box in boxes)) / 2
    return x / width, 1 - y / height


def scan_pages(pdf: Path, style: ScanStyle, seal_pages: set[int] | None = None) -> list[Image.Image]:
    """The pages of ``pdf`` scanned; the seal goes on ``seal_pages`` (1-based; default the last
    page, where the signature is, and the page of table 三 when given), or where the page prints
    ``style.seal_on``."""
    rng = random.Random(style.seed)
    document = pdfium.PdfDocument(pdf)
    try:
        pages = []
        last = len(document)
        stamped = seal_pages if seal_pages is not None else {last}
        for number in range(1, last + 1):
            bitmap = document[number - 1].render(scale=style.dpi / 72, grayscale=False)
            image = bitmap.to_pil().convert("RGB")
            seal_at = (rng.uniform(0.35, 0.75), rng.uniform(0.25, 0.75)) if style.seal and number in stamped else None
            if style.seal and style.seal_on:
                seal_at = _printed_at(document[number - 1], style.seal_on, style.seal_occurrence)
                if seal_at is not None:
                    width, height = document[number - 1].get_size()
                    right, down = (shift * SEAL_INCHES * 72 for shift in style.seal_shift)
                    seal_at = (seal_at[0] + right / width, seal_at[1] + down / height)
            turn = style.turns[number - 1] if number <= len(style.turns) else 0
            pages.append(spoil(image, style, rng, seal_at, turn))
        return pages
    finally:
        document.close()


def write_scan(pdf: Path, out: Path, style: ScanStyle = ScanStyle(), seal_pages: set[int] | None = None) -> Path:
    """An image-only PDF of ``pdf``'s pages scanned (JPEG pages, no text layer)."""
    pages = scan_pages(pdf, style, seal_pages)
    out.parent.mkdir(parents=True, exist_ok=True)
    # Bi-level pages are stored as CCITT G4 (Pillow's TIFF encoder), which takes no JPEG quality.
    quality = {} if style.mode == "bilevel" else {"quality": 90}
    pages[0].save(out, "PDF", resolution=float(style.dpi), save_all=True, append_images=pages[1:], **quality)
    return out
