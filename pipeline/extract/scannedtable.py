"""A ruled table read by OCR (``ScannedTable``: each cell's confidence, and why a cell is not
trusted), and its figure cells that run over a lost rule split back into their columns
(``split_spanning``).

A rule lost to a seal, a faint line or noise merges two figure cells into one, and OCR reads the
ink of both as one figure: such a cell is split at the figure column's edge and each figure is
left unreadable (NULL with a quality issue), never read as one figure or published blank.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.extract.glyphs import ideograph
from pipeline.extract.numbers import looks_numeric
from pipeline.extract.rules import RuledTable
from pipeline.extract.segments import spans

# A merged figure cell is split at a figure column's edge only where at least this much of it
# (points) lies on each side: a rule a few points off the header's (a ragged grid) is no lost rule,
# while two figure columns each hold a digit and its padding (about 10 points at 10.5 pt).
_PART = 8.0
# ... and where the part on each side covers at least this share of the header's column there: a
# cell lost its rule over whole columns, while a Word export sets each row's cells to widths of
# their own (财政金融局 2019: 3 under 上一年项目数量 in a cell reaching 13 points under the
# 87-point 本年增/减 beside it) and the header's rule may stand well inside a figure's cell.
_SHARE = 0.5
# A figure at the end of a cell's text (its digits, spaces and separators between them).
_ENDS_WITH_FIGURE = re.compile(r"\d[\d\s,，.]*$")


@dataclass
class ScannedTable(RuledTable):
    """A ``RuledTable`` read by OCR: each cell keeps the confidence of its text (0-1), and a cell
    not trusted for a cause other than OCR's own doubt says why (``Fact.doubt``)."""

    ocr_confidence: dict[tuple[int, int], float] = field(default_factory=dict)
    ocr_doubt: dict[tuple[int, int], str] = field(default_factory=dict)


def _figure_rows(table: ScannedTable) -> set[int]:
    """The grid rows that a merged cell holding a figure covers."""
    return {i for r, c, r1, _ in spans(table.cells) if looks_numeric(table.cells[r][c].text) for i in range(r, r1 + 1)}


def _figure_like(text: str) -> bool:
    """Whether a cell's text is a figure, or what OCR made of one (``1O``): a label always holds
    a Chinese character, a figure none but its unit or counting word (``无``, ``5件``)."""
    return looks_numeric(text) or (bool(text.strip()) and not any(ideograph(ch) for ch in text))


def _held(table: ScannedTable, r: int, figures: set[int]) -> set[int]:
    """The grid column edges (``j``: right of column ``j``) that the figure columns over row
    ``r`` have: those the nearest row above without a figure draws (the header of its figures:
    table 三's applicants, table 二's header of each of its parts, which may span several of the
    grid's columns), or on a page that opens with figures (a table continued), those most of the
    other figure rows above the first header draw."""
    ncols = len(table.cols)
    header = next((h for h in range(r - 1, -1, -1) if h not in figures), None)
    if header is not None:
        return {j for j in range(ncols - 1) if table.cells[header][j].right}
    first = next((h for h in range(len(table.rows)) if h not in figures), len(table.rows))
    others = [i for i in figures if i < first and i != r]
    return {j for j in range(ncols - 1) if 2 * sum(table.cells[i][j].right for i in others) > len(others)}


def _figure_columns(table: ScannedTable) -> set[int]:
    """The grid columns where a cell of one column holds a figure."""
    return {c for r, c, _, c1 in spans(table.cells) if c == c1 and looks_numeric(table.cells[r][c].text)}


def _label_and_figure(text: str) -> bool:
    """Whether a cell's text is a label with a figure after it (``1.属于国家秘密1``): the ink of a
    label cell and of the figure beside it, read as one text. No label of the templates ends with
    a digit."""
    return bool(_ENDS_WITH_FIGURE.search(text)) and any(ideograph(ch) for ch in text)


def split_spanning(table: ScannedTable) -> None:
    """Split each merged cell of a figure row that spans the edge of a figure column (a rule lost
    to a seal, a faint rule or noise) at that edge, every figure part unreadable (confidence 0).

    OCR reads the ink of two columns as one text: a ``3`` and a ``0`` printed side by side become
    the figure ``30``, and the column beside it would be published blank. Which part of the ink was
    whose cannot be told for sure, so every figure the cell covers is NULL with a quality issue,
    its text what OCR read over the whole cell; the rule is put back so that each column keeps its
    own cell. A label cell run into the first figure column (``1.属于国家秘密1``) keeps its label,
    and the figure columns it covers are NULL the same way: left merged, that figure would be
    published blank."""
    figures = _figure_rows(table)
    columns = _figure_columns(table)
    for r, c, r1, c1 in list(spans(table.cells)):
        text = table.cells[r][c].text
        if c1 == c or r not in figures:
            continue
        labelled = c not in columns and _label_and_figure(text)
        if not labelled and not _figure_like(text):
            continue
        left, right = table.cols[c][0], table.cols[c1][1]
        held = _held(table, r, figures)
        bounds = sorted({table.cols[0][0], table.cols[-1][1], *(table.cols[j][1] for j in held)})
        edges = sorted(
            j
            for j in held
            if c <= j < c1
            and min(table.cols[j][1] - left, right - table.cols[j][1]) >= _PART
            and _whole_parts(table.cols[j][1], left, right, bounds)
            and (not labelled or j + 1 in columns)
        )
        if not edges:
            continue
        for i in range(r, r1 + 1):
            for j in edges:
                table.cells[i][j].right = True
        doubt = (
            "a rule lost: a label run into its figure"
            if labelled
            else f"a rule lost: one cell over {len(edges) + 1} figure columns"
        )
        for start in (c, *(j + 1 for j in edges)):
            if labelled and start == c:
                continue  # the label's part: read as a label, as before
            table.cells[r][start].text = text
            table.ocr_confidence[(r, start)] = 0.0
            table.ocr_doubt[(r, start)] = doubt


def _whole_parts(edge: float, left: float, right: float, bounds: list[float]) -> bool:
    """Whether a merged cell from ``left`` to ``right`` covers at least ``_SHARE`` of the header's
    column on each side of its ``edge`` (``bounds``: the header's column edges and the table's)."""
    before = max(x for x in bounds if x < edge)
    after = min(x for x in bounds if x > edge)
    return edge - max(left, before) >= _SHARE * (edge - before) and min(right, after) - edge >= _SHARE * (after - edge)
