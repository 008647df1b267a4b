"""A page too large to render within the memory limit is refused before it is rendered.

Readers that render a page (OCR of a scan's pages, camelot finding rules in a rendering) hold a
few arrays of its pixels at once, whatever the page shows: a page of 14400 points (the largest
a PDF may have) is 60000 × 60000 pixels at 300 dpi, and its rendering alone would cost tens of
GiB. Only what a reader always holds is counted, so a page refused could never be read within
the limit; a page not refused may still reach it as it is read.
"""

from __future__ import annotations

import math

from pipeline.core.facts import LimitError
from pipeline.core.settings import Limits


def check_rendering(
    number: int, size: tuple[float, float], dpi: int, pixel_bytes: int, purpose: str, limits: Limits
) -> None:
    """Refuse page ``number`` (its ``size`` in points) when rendering it at ``dpi`` ``purpose``
    (``for OCR``) costs more than the memory limit at ``pixel_bytes`` a pixel."""
    width, height = (math.ceil(side * dpi / 72) for side in size)
    needed = width * height * pixel_bytes
    if needed > limits.memory_mb * 2**20:
        raise LimitError(
            f"page {number} is {size[0]:g} × {size[1]:g} points: rendered at {dpi} dpi {purpose}, it would be "
            f"{width} × {height} pixels, {needed / 2**30:.1f} GiB, more than {limits.describe('memory_mb')}: "
            "not read"
        )
