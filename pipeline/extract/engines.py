"""The engines that find a PDF's tables, chosen by name: camelot's line detectors (``vector``,
``combined``), this package's rules reader (``rules``) and its reader of tables without rules
(``text``). Each returns ``Segment`` grids (``segments.py``)."""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pypdfium2 as pdfium

from pipeline.core.facts import LimitError, ReportError
from pipeline.core.settings import Limits
from pipeline.extract.bounded import out_of_memory, peak_resident
from pipeline.extract.camelot_lattice import sparse_lattice
from pipeline.extract.rendering import check_rendering
from pipeline.extract.segments import Segment, in_order

# Loggers of the PDF stack that report recoverable oddities of a file; the caller reports failures.
_QUIET_LOGGERS = ("camelot", "playa", "pdfminer", "pypdfium2")
# camelot's ``combined`` engine renders a page at 300 dpi (its pdfium backend's in-memory
# rendering takes no resolution) and holds pdfium's image, its RGB array, the BGR and grey arrays
# OpenCV reads and the masks of its rules. Measured (``bench/rendering.py``): a ruled page peaked
# at 314, 663 and 1245 MiB at 8.7, 34.8 and 78.3 million pixels, 13.4 bytes a pixel, and 197 MiB
# whatever the page (camelot and OpenCV, imported by the worker's server before).
_RENDERED_DPI = 300
_RENDERED_COST = (14, 200 * 2**20)


@contextmanager
def quiet() -> Iterator[None]:
    """Keep the PDF stack's warnings and log lines off stderr while a report is read."""
    loggers = [logging.getLogger(name) for name in _QUIET_LOGGERS]
    levels = [logger.level for logger in loggers]
    try:
        for logger in loggers:
            logger.setLevel(logging.CRITICAL)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for logger, level in zip(loggers, levels):
            logger.setLevel(level)


def read_segments(path: Path, pages: list[int], engine: str, limits: Limits | None = None) -> list[Segment]:
    """Ruled tables on ``pages`` (1-based), in reading order.

    ``engine`` is camelot's line detector: ``vector`` reads the rules drawn in the PDF without
    rendering the page (fast); ``combined`` also finds them in a rendering of the page. ``rules``
    is this package's own reader of the drawn rules (``rules.py``), which takes double rules
    (browser-printed ``cellspacing`` tables) for one; ``text`` reads tables drawn without any
    rules from the positions of their text (``unruled.py``). Text that
    runs over a rule is split at the rule (``split_text``), as narrow header cells need. A page
    ``combined`` cannot render within the memory limit of ``limits`` (default: from the
    environment) raises ``LimitError`` before any page is rendered; an allocation camelot cannot
    make raises it too, in the line of the memory limit (``bounded.out_of_memory``).
    """
    limits = limits or Limits.from_env()
    if engine == "rules":
        from pipeline.extract.rules import read_ruled

        return in_order(read_ruled(path, pages))
    if engine == "text":
        from pipeline.extract.unruled import read_unruled

        return read_unruled(path, pages)
    if engine == "combined":
        _check_renderings(path, pages, limits)
    from camelot.handlers import PDFHandler  # slow import (OpenCV); only extraction needs it

    spec = ",".join(str(page) for page in sorted(set(pages)))
    try:
        with quiet(), sparse_lattice() as flavor, PDFHandler(str(path), pages=spec) as handler:
            tables = handler.parse(flavor=flavor, suppress_stdout=True, engine=engine, split_text=True)
    except MemoryError as exc:
        # An array camelot could not make (a page's rendering, the masks of its rules) says the
        # memory ran out, not that the file is damaged. A LimitError, as when a rendering is
        # refused beforehand: a reader that renders nothing may still read the page.
        raise LimitError(out_of_memory(exc, limits, peak_resident())) from None
    except Exception as exc:
        if type(exc).__name__ == "PDFTextExtractionNotAllowed":
            raise ReportError("encrypted PDF: its permissions forbid text extraction") from None
        raise ReportError(f"cannot read the tables: {type(exc).__name__}: {exc}") from None
    return in_order(list(tables))


def _check_renderings(path: Path, pages: list[int], limits: Limits) -> None:
    document = pdfium.PdfDocument(path)
    try:
        for number in sorted(set(pages)):
            size = document[number - 1].get_size()
            check_rendering(number, size, _RENDERED_DPI, _RENDERED_COST, "to find its rules", limits)
    finally:
        document.close()
