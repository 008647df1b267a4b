"""camelot lattice tables as grids of merged cells (regions), one segment per table and page."""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.extract.camelot_lattice import sparse_lattice
from pipeline.facts import ReportError

# Loggers of the PDF stack that report recoverable oddities of a file; the caller reports failures.
_QUIET_LOGGERS = ("camelot", "playa", "pdfminer", "pypdfium2")


@dataclass(frozen=True)
class Region:
    """A cell of the published table: one or more grid cells merged, with its text."""

    text: str
    page: int
    r0: int  # first and last grid row it covers
    r1: int
    x0: float  # extent on the page, PDF points
    x1: float
    locator: str = ""  # where a web page's cell is (``table 3, row 7, column 4``); empty in a PDF

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class Segment:
    """One table on one page, as an engine found it (camelot, or this package's readers)."""

    page: int
    nrows: int
    at: list[list[Region]] = field(repr=False)  # the region covering each grid cell
    cols: list[tuple[float, float]] = field(repr=False, default_factory=list)  # x extent of each grid column
    last_on_page: bool = False
    first_on_page: bool = False

    def row(self, r: int) -> list[Region]:
        """The regions covering grid row ``r``, left to right, each once."""
        seen: list[Region] = []
        for region in self.at[r]:
            if not seen or seen[-1] is not region:
                seen.append(region)
        return seen

    def starting(self, r: int) -> list[Region]:
        """The regions whose first grid row is ``r`` (where a cell's figure is read)."""
        return [region for region in self.row(r) if region.r0 == r]

    def regions(self) -> Iterator[Region]:
        seen: set[int] = set()
        for r in range(self.nrows):
            for region in self.row(r):
                if id(region) not in seen:
                    seen.add(id(region))
                    yield region


def spans(cells) -> Iterator[tuple[int, int, int, int]]:
    """The merged cells of a grid of camelot-style cells (``right``/``bottom`` rules), as
    ``(first row, first column, last row, last column)``, in reading order."""
    nrows, ncols = len(cells), len(cells[0]) if cells else 0
    taken = [[False] * ncols for _ in range(nrows)]
    for r in range(nrows):
        for c in range(ncols):
            if taken[r][c]:
                continue
            c1 = c
            while c1 < ncols - 1 and not cells[r][c1].right and not taken[r][c1 + 1]:
                c1 += 1
            r1 = r
            # Down until a rule under any of its columns: a box that a page break cut open on
            # one side (browsers draw no rule there) must not swallow the boxes beside it.
            while r1 < nrows - 1 and not any(cells[r1][j].bottom for j in range(c, c1 + 1)) and not taken[r1 + 1][c]:
                r1 += 1
            for i in range(r, r1 + 1):
                for j in range(c, c1 + 1):
                    taken[i][j] = True
            yield r, c, r1, c1


def _segment(table, first: bool, last: bool) -> Segment:
    """Merge camelot's grid cells into regions along the missing rules."""
    cells = table.cells
    nrows, ncols = len(cells), len(cells[0]) if cells else 0
    at: list[list[Region | None]] = [[None] * ncols for _ in range(nrows)]
    for r, c, r1, c1 in spans(cells):
        texts = [
            cells[i][j].text.strip() for i in range(r, r1 + 1) for j in range(c, c1 + 1) if cells[i][j].text.strip()
        ]
        region = Region(
            text="\n".join(texts),
            page=int(table.page),
            r0=r,
            r1=r1,
            x0=float(cells[r][c].x1),
            x1=float(cells[r][c1].x2),
        )
        for i in range(r, r1 + 1):
            for j in range(c, c1 + 1):
                if at[i][j] is None:
                    at[i][j] = region
    return Segment(
        page=int(table.page),
        nrows=nrows,
        at=at,  # type: ignore[arg-type]
        cols=[(float(x0), float(x1)) for x0, x1 in table.cols],
        first_on_page=first,
        last_on_page=last,
    )


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


def read_segments(path: Path, pages: list[int], engine: str) -> list[Segment]:
    """Ruled tables on ``pages`` (1-based), in reading order.

    ``engine`` is camelot's line detector: ``vector`` reads the rules drawn in the PDF without
    rendering the page (fast); ``combined`` also finds them in a rendering of the page. ``rules``
    is this package's own reader of the drawn rules (``rules.py``), which takes double rules
    (browser-printed ``cellspacing`` tables) for one; ``text`` reads tables drawn without any
    rules from the positions of their text (``unruled.py``). Text that
    runs over a rule is split at the rule (``split_text``), as narrow header cells need.
    """
    if engine == "rules":
        from pipeline.extract.rules import read_ruled

        return _in_order(read_ruled(path, pages))
    if engine == "text":
        from pipeline.extract.unruled import read_unruled

        return read_unruled(path, pages)
    from camelot.handlers import PDFHandler  # slow import (OpenCV); only extraction needs it

    spec = ",".join(str(page) for page in sorted(set(pages)))
    try:
        with quiet(), sparse_lattice() as flavor, PDFHandler(str(path), pages=spec) as handler:
            tables = handler.parse(flavor=flavor, suppress_stdout=True, engine=engine, split_text=True)
    except Exception as exc:  # noqa: BLE001 - the PDF stack raises many types for a bad file
        if type(exc).__name__ == "PDFTextExtractionNotAllowed":
            raise ReportError("encrypted PDF: its permissions forbid text extraction") from None
        raise ReportError(f"cannot read the tables: {type(exc).__name__}: {exc}") from None
    return _in_order(list(tables))


def _in_order(tables: list) -> list[Segment]:
    ordered = sorted((t for t in tables if t.cells and t.cells[0]), key=lambda t: (int(t.page), int(t.order or 0)))
    segments = []
    for index, table in enumerate(ordered):
        first = index == 0 or int(ordered[index - 1].page) != int(table.page)
        last = index == len(ordered) - 1 or int(ordered[index + 1].page) != int(table.page)
        segments.append(_segment(table, first, last))
    return segments
