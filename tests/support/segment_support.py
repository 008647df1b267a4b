"""Segments built by hand, for the tests of the readers' rules on small grids."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.extract.segments import Region, Segment

# Table 三's applicant headers as the 2021 template prints them, left to right.
APPLICANT_HEADERS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
# Table 四's cells: each proceeding by each result.
REVIEW_CELLS = {
    (proceeding, result)
    for proceeding in ("administrative_review", "litigation_direct", "litigation_after_review")
    for result in ("upheld", "corrected", "other", "pending", "total")
}


def figures_by_label(segment: Segment, label: int = 0) -> dict[str, list[str]]:
    """The texts of each row's last seven cells (table 三's applicant columns) by the text of the
    row's cell at ``label``, its lines joined."""
    return {row[label].text.replace("\n", ""): [region.text for region in row[-7:]] for row in segment.at}


def row_texts(segment: Segment, label: str) -> list[str]:
    """The texts of the row whose cells hold ``label`` (its lines joined), a merged cell once, from
    that cell on."""
    for row in segment.at:
        cells = [region.text.replace("\n", "") for k, region in enumerate(row) if k == 0 or region is not row[k - 1]]
        if label in cells:
            return cells[cells.index(label) :]
    raise AssertionError(f"no row labelled {label!r}")


def grid_segment(
    page: int,
    rows: list[list[tuple[str, float, float]]],
    columns: list[tuple[float, float]] | None = None,
    *,
    first: bool = False,
    last: bool = False,
) -> Segment:
    """A segment over ``columns`` (by default the edges of its widest row) whose rows give their
    cells as (text, x0, x1): a cell wider than a column spans the columns under it, one region."""
    if columns is None:
        columns = [(x0, x1) for _, x0, x1 in max(rows, key=len)]
    at = [
        [
            next(Region(text, page, r, r, x0, x1) for text, x0, x1 in row if x0 <= (c0 + c1) / 2 <= x1)
            for c0, c1 in columns
        ]
        for r, row in enumerate(rows)
    ]
    for row in at:  # one region per cell, shared by the grid columns it spans
        for c in range(1, len(row)):
            if (row[c].x0, row[c].x1) == (row[c - 1].x0, row[c - 1].x1):
                row[c] = row[c - 1]
    return Segment(page=page, nrows=len(rows), at=at, cols=columns, first_on_page=first, last_on_page=last)


def read_segments(path: Path) -> list[Segment]:
    """The tables of a scan as ``scanned.read_scanned`` read them, kept in a JSON file: each
    table's grid and its cells (grid rows and columns, text, OCR's confidence, and why a cell is
    not trusted)."""
    segments = []
    for found in json.loads(path.read_text(encoding="utf-8")):
        cols = [(x0, x1) for x0, x1 in found["cols"]]
        at: list[list[Region | None]] = [[None] * len(cols) for _ in range(found["nrows"])]
        for r0, r1, c0, c1, text, confidence, doubt in found["cells"]:
            region = Region(text, found["page"], r0, r1, cols[c0][0], cols[c1][1], confidence=confidence, doubt=doubt)
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    at[r][c] = region
        rows = [(top, bottom) for top, bottom in found["rows"]]
        segments.append(
            Segment(found["page"], found["nrows"], at, cols, found["last_on_page"], found["first_on_page"], rows)  # type: ignore[arg-type]
        )
    return segments
