"""A page too large to render within the memory limit is refused before it is rendered.

Readers that render a page (OCR of a scan's pages, camelot finding rules in a rendering) hold a
few arrays of its pixels at once, whatever the page shows: a page of 14400 points (the largest
a PDF may have) is 60000 × 60000 pixels at 300 dpi, and its rendering alone would cost tens of
GiB. What a reading costs was measured page size by page size (``bench/rendering.py``): the
bytes a pixel it adds, and what its worker holds whatever the page (its libraries, OCR's
models). A page that passes this check is read within the limit.
"""

from __future__ import annotations

import math

from pipeline.core.facts import LimitError
from pipeline.core.settings import Limits


def check_rendering(
    number: int,
    size: tuple[float, float],
    dpi: int,
    cost: tuple[int, int],
    purpose: str,
    limits: Limits,
) -> None:
    """Refuse page ``number`` (its ``size`` in points) when rendering it at ``dpi`` ``purpose``
    (``for OCR``) and reading it costs more than the memory limit, at ``cost``: bytes a pixel,
    and bytes whatever the page."""
    width, height = (math.ceil(side * dpi / 72) for side in size)
    pixel_bytes, reader_bytes = cost
    needed = width * height * pixel_bytes + reader_bytes
    if needed > limits.memory_mb * 2**20:
        raise LimitError(
            f"page {number} is {size[0]:g} × {size[1]:g} points: rendered at {dpi} dpi {purpose}, it would be "
            f"{width} × {height} pixels, {needed / 2**30:.1f} GiB to read, more than {limits.describe('memory_mb')}: "
            "not read"
        )
