"""The cells of a scanned page's ruled tables, read by OCR (``read_page``).

A page that holds a table is turned so that its text reads upright, its rules are erased (a
dark seal's rings and star too) and each merged cell's ink is read by a recogniser (``ocr.py``),
which gives the cell's text and a confidence. A cell holding ink that the recogniser reads as
nothing gets confidence 0, and so does a cell whose strokes a scanner's threshold took: whoever
publishes the figure reports it unreadable (NULL with a quality issue), never blank. A cell a
seal crossed is read but not trusted as a figure, unless a light seal's figure reads the same on
the page as scanned.
"""

from __future__ import annotations

from dataclasses import replace

import cv2
import numpy as np

from pipeline.core.facts import OCR_MIN_CONFIDENCE, UNDER_SEAL
from pipeline.extract.numbers import looks_numeric
from pipeline.extract.ocr import Box, Recogniser, upright_turns
from pipeline.extract.pageimages import PageImage, ink_of, text_ink
from pipeline.extract.rules import Cell, RuledTable
from pipeline.extract.scannedtable import ScannedTable, split_spanning
from pipeline.extract.scanrules import ruled_tables
from pipeline.extract.segments import spans

# Pixels of the cell's edge left out when its ink is read (what remains of the erased rules).
_INSET = 5
# Ink pixels in a cell above which it is not blank (noise and JPEG specks stay under it).
_INK = 30
# Pixels of ink joined in one piece that make a stroke of a figure, not a speck: a digit's stroke
# at 10.5-12 pt is 20-30 pixels long at 300 dpi, while a speck of noise or of a JPEG's blocks is a
# few pixels (a one-bit scanner's lone pixel at 200 dpi is 4 at 300).
_STROKE = 15
_STROKES_LOST = "strokes lost: too little ink to read"
# A cell that a dark seal's erased ring or star crosses (this many of their ink pixels inside it),
# or where this much ink went with a light seal taken out, is not trusted as a figure: part of a
# digit may have gone with them (a thin stroke scanned grey is as light as the seal's ink).
_CROSSED = 10
_UNSURE = 0.5
# Pixels around a figure's ink within which ink a light seal took may have been part of it: a
# digit's strokes join one another, and the digits of a figure stand a few pixels apart (a digit
# at 10.5-12 pt is 20-25 pixels wide at 300 dpi).
_NEAR_FIGURE = 15
_NEAR_KERNEL = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * _NEAR_FIGURE + 1,) * 2)
# Pixels above and below a table's last line where its rule, if drawn, is looked for.
_FOOT_BAND = 4
# Pixels under a table a page break cut open within which the last line of its cells' text lies
# (a line of 10.5-12 pt text and the gap above it: under 100 pixels at 300 dpi).
_BELOW = 100


def _lifted(page: PageImage) -> np.ndarray | None:
    """Where taking out a light seal made ink paper (bool; by the scan's own threshold between ink
    and paper): the seal's ink, and any of the text's as light (thin strokes scanned grey)."""
    if page.unlit is None:
        return None
    level, _ = cv2.threshold(page.unlit, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return (page.unlit <= level) & (page.grey > level)


def _interior(page: PageImage, table: RuledTable, r: int, c: int, r1: int, c1: int) -> Box:
    """A merged cell's inside in pixels (left, top, right, bottom), short of its rules."""
    height, px = page.height_pt, page.px
    left, right = table.cols[c][0] / px, table.cols[c1][1] / px
    top, bottom = (height - table.rows[r][0]) / px, (height - table.rows[r1][1]) / px
    return int(left) + _INSET, int(top) + _INSET, int(right) - _INSET, int(bottom) - _INSET


def _open_foot(page: PageImage, table: RuledTable, rules_ink: np.ndarray) -> int | None:
    """The pixel row where ``table`` ends when a page break cut it open (no rule drawn under its
    last row: ``rules.closed`` closed it where its vertical rules end), else None."""
    px = page.px
    y = int(round((page.height_pt - table.rows[-1][1]) / px))
    left, right = int(table.cols[0][0] / px), int(table.cols[-1][1] / px)
    band = rules_ink[max(y - _FOOT_BAND, 0) : y + _FOOT_BAND + 1, left:right]
    drawn = np.count_nonzero(band.any(axis=0)) if band.size else 0
    return y if drawn < (right - left) / 2 else None


def _with_line_below(ink: np.ndarray, box: Box, foot: int) -> Box:
    """A cell of a row a page break cut open, taking in the line of its text set below where the
    vertical rules end (Chromium ends a cut row's rules above its last line: 然 of 自 / 然 / 人,
    计 of 总 / 计): the first run of ink rows under the cell that starts within ``_BELOW`` pixels
    of the foot. Only the last table on a sheet is cut by its end: one above another table ends
    open where no rule is drawn under its last row (a Word export), and the line under it is
    the next table's title."""
    left, top, right, bottom = box
    rows = ink[foot : foot + _BELOW, left:right].any(axis=1)
    start = int(np.argmax(rows)) if rows.any() else None
    if start is None:
        return box
    end = start
    while end < len(rows) and rows[end]:
        end += 1
    if end == len(rows):
        return box  # no line that ends: running text or another table, not this cell's
    return left, top, right, foot + end + _INSET


def read_page(page: PageImage, recogniser: Recogniser) -> list[ScannedTable]:
    """The ruled tables of one page image, each cell's text read by ``recogniser``. A page that
    holds a table is first turned so that its text reads upright (a sheet scanned sideways or
    upside down: its rules alone do not say which way up it is)."""
    return read_page_and_rules(page, recogniser)[0]


def read_page_and_rules(page: PageImage, recogniser: Recogniser) -> tuple[list[ScannedTable], bool]:
    """``read_page``'s tables, and whether the page draws any rule of a table (a page without
    one may hold a table without rules; a grid found but not closed, a table cut off the glass,
    is not read as one)."""
    found, rules_ink, rings = ruled_tables(page)
    if not found:
        return [], bool(rules_ink.any())
    turns = upright_turns(page.grey)
    if turns:
        taken = None if page.taken is None else np.ascontiguousarray(np.rot90(page.taken, turns))
        unlit = None if page.unlit is None else np.ascontiguousarray(np.rot90(page.unlit, turns))
        grey = np.ascontiguousarray(np.rot90(page.grey, turns))
        page = replace(page, grey=grey, taken=taken, unlit=unlit)
        found, rules_ink, rings = ruled_tables(page)
        if not found:
            return [], True
    clean = _rules_erased(page.grey, rules_ink)
    # A seal as dark as the text (bi-level): its rings and star are erased too, and what they
    # crossed is remembered.
    crossed = rings & (ink_of(clean) > 0) if rings.any() else None
    clean[rings] = 255
    ink = text_ink(clean)
    specks_in = ink_of(clean)  # the ink before specks are opened away: what a thin stroke left
    lifted = _lifted(page)
    boxes: list[Box] = []
    owners: list[tuple[int, int, int]] = []
    unsure: set[tuple[int, int, int]] = set()
    faint: set[tuple[int, int, int]] = set()
    under_light: set[tuple[int, int, int]] = set()
    for index, table in enumerate(found):
        foot = _open_foot(page, table, rules_ink)
        for r, c, r1, c1 in spans(table.cells):
            box = _interior(page, table, r, c, r1, c1)
            # Under a table above another, the line set below is the next one's title.
            if foot is not None and r1 == len(table.rows) - 1 and index == len(found) - 1:
                box = _with_line_below(ink, box, foot)
            left, top, right, bottom = box
            if right <= left or bottom <= top:
                continue
            if crossed is not None and np.count_nonzero(crossed[top:bottom, left:right]) >= _CROSSED:
                unsure.add((index, r, c))  # a ring or the star crosses it: read, not trusted as a figure
            elif lifted is not None and np.count_nonzero(lifted[top:bottom, left:right]) >= _CROSSED:
                unsure.add((index, r, c))  # a light seal's ink went here, and a stroke as light with it
                under_light.add((index, r, c))
            elif np.count_nonzero(ink[top:bottom, left:right]) < _INK:
                if _stroke_inside(specks_in[top:bottom, left:right]):
                    faint.add((index, r, c))
                continue
            boxes.append(box)
            owners.append((index, r, c))
    texts = recogniser.read(clean, ink, boxes)
    if lifted is not None and under_light:
        held = {owner: (box, read) for owner, box, read in zip(owners, boxes, texts) if owner in under_light}
        place = {owner: i for i, owner in enumerate(owners)}
        for owner, confidence in _whole_under_light_seal(page, rules_ink, recogniser, ink, lifted, held).items():
            unsure.discard(owner)
            texts[place[owner]] = (texts[place[owner]][0], confidence)
    tables = [ScannedTable(t.page, t.cols, t.rows, t.cells) for t in found]
    for order, table in enumerate(tables, start=1):
        table.order = order
        for r, c, _, _ in spans(table.cells):
            table.ocr_confidence[(r, c)] = 1.0  # no ink: printed blank
    for index, r, c in faint:
        tables[index].ocr_confidence[(r, c)] = 0.0
        tables[index].ocr_doubt[(r, c)] = _STROKES_LOST
    for (index, r, c), (text, confidence) in zip(owners, texts):
        cell: Cell = tables[index].cells[r][c]
        cell.text = text
        # Ink that reads as nothing is a cell that could not be read, not a blank one.
        confidence = confidence if text.strip() else 0.0
        if (index, r, c) in unsure:
            confidence = min(confidence, _UNSURE)
            tables[index].ocr_doubt[(r, c)] = UNDER_SEAL
        tables[index].ocr_confidence[(r, c)] = confidence
    for table in tables:
        split_spanning(table)
    return tables, True


def _stroke_inside(ink: np.ndarray) -> bool:
    """Whether the ink of a cell's inside (255 on 0, specks not opened away) that holds too little
    to read holds a piece of a stroke all the same: ink joined over at least ``_STROKE`` pixels,
    touching none of its sides.

    A figure whose thin strokes a scanner's threshold took (a one-bit scan: 淮安市 2024's 11, 1
    and 2 kept 17-28 pixels once specks are opened away) is not a blank: it is unreadable. What a
    printed blank cell holds is specks (a few pixels each) and what is left of its erased rules,
    which runs along its sides; a figure stands inside its cell, away from the rules."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    height, width = ink.shape
    return any(
        area >= _STROKE and x > 0 and y > 0 and x + w < width and y + h < height for x, y, w, h, area in stats[1:count]
    )


def _whole_under_light_seal(
    page: PageImage,
    rules_ink: np.ndarray,
    recogniser: Recogniser,
    ink: np.ndarray,
    lifted: np.ndarray,
    held: dict[tuple[int, int, int], tuple[Box, tuple[str, float]]],
) -> dict[tuple[int, int, int], float]:
    """The figures of the cells ``held`` (a light seal's ink went there: each cell's inside and
    its reading) that are trusted after all, with their confidence: those the seal took nothing
    near (``_near_figure``), and those read the same, with confidence, on the page as scanned.

    The stretch that takes a light seal out cannot tell its ink from a figure's stroke scanned as
    light, so a figure it lifted ink near may have lost a stroke (a 4 read as 1). On the page as
    scanned nothing of the figure is lost, only the seal's strokes are added: a stroke lost in one
    reading is there in the other, so two confident readings that agree did not lose one."""
    figures = {owner: cell for owner, cell in held.items() if looks_numeric(cell[1][0])}
    whole = {owner: cell[1][1] for owner, cell in figures.items() if not _near_figure(lifted, ink, cell[0])}
    rest = [owner for owner in figures if owner not in whole]
    if not rest:
        return whole
    for owner, (text, confidence) in zip(
        rest, _read_as_scanned(page, rules_ink, recogniser, [held[o][0] for o in rest])
    ):
        first, sure = held[owner][1]
        if text == first and min(confidence, sure) >= OCR_MIN_CONFIDENCE:
            whole[owner] = min(confidence, sure)
    return whole


def _near_figure(lifted: np.ndarray, ink: np.ndarray, box: Box) -> bool:
    """Whether ink a light seal took lies within ``_NEAR_FIGURE`` pixels of the ink left in the
    cell ``box`` (where a stroke or a digit of its figure would be)."""
    left, top, right, bottom = box
    near = cv2.dilate(ink[top:bottom, left:right], _NEAR_KERNEL) > 0
    return np.count_nonzero(lifted[top:bottom, left:right] & near) >= _CROSSED


def _read_as_scanned(
    page: PageImage, rules_ink: np.ndarray, recogniser: Recogniser, boxes: list[Box]
) -> list[tuple[str, float]]:
    """The cells ``boxes`` read on the page as scanned (``PageImage.unlit``: the light seal's ink
    left in), its rules erased as on the page read."""
    assert page.unlit is not None
    clean = _rules_erased(page.unlit, rules_ink)
    return recogniser.read(clean, text_ink(clean), boxes)


def _rules_erased(grey: np.ndarray, rules_ink: np.ndarray) -> np.ndarray:
    """A copy of ``grey`` with its rules' ink (and the pale edges around it) made paper."""
    clean = grey.copy()
    clean[cv2.dilate(rules_ink, np.ones((5, 5), np.uint8)) > 0] = 255
    return clean
