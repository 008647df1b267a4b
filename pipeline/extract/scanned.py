"""Scanned reports: the tables of an image-only PDF read from its page images with offline OCR.

A county office often posts the signed and stamped paper scanned: JPEG pages in a PDF, no text
layer. Each page is rendered at ``DPI`` and cleaned the way a reader's eye does it: the red ink
of a seal is taken out (where it covers black text the text stays dark), the page is turned
straight again (the angle of its long rules), and the table grid is found from the rules drawn in
the image: a morphological opening keeps only long strokes, and a vertical stroke counts as a
rule only where it runs from one horizontal rule to another, so the strokes of characters are not
taken for rules. The rules, in PDF points, build the grid the way the reader of vector rules does
(``rules.py``); the rules are then erased and each merged cell's ink is read by a recogniser
(``ocr.py``), which gives the cell's text and a confidence. The result is the same ``RuledTable``
shape as ``rules.py``'s, so ``segments.Segment``, ``classify.py`` and the table mappers are shared.

A cell holding ink that the recogniser reads as nothing gets confidence 0: whoever publishes the
figure reports it unreadable (NULL with a quality issue), never blank.
"""

from __future__ import annotations

import io
import math
import warnings
from collections.abc import Callable
from contextlib import suppress
from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium
from PIL import Image

from pipeline.core.facts import OCR_MIN_CONFIDENCE, UNDER_SEAL, ReportError
from pipeline.core.settings import Limits
from pipeline.extract.glyphs import Glyph, lines_of
from pipeline.extract.numbers import looks_numeric
from pipeline.extract.ocr import Box, Recogniser, upright_turns
from pipeline.extract.pageimages import (
    DPI,
    LEAST_DPI,
    MOST_PAGE_PIXELS,
    Bounds,
    PageImage,
    ink_of,
    page_dpi,
    render_pages,
    straight_page,
    straighten,
    text_ink,
)
from pipeline.extract.rendering import check_rendering
from pipeline.extract.rules import Cell, RuledTable
from pipeline.extract.scannedtable import ScannedTable, split_spanning
from pipeline.extract.scanrules import ruled_tables
from pipeline.extract.segments import Segment, in_order, spans

# What reading a scanned page costs its worker: bytes a pixel (its RGB array, each channel as
# 16-bit numbers as its seal's red ink is looked for, the grey page straightened, the masks of its
# rules, the crops OCR reads), and bytes whatever the page (the worker's libraries and OCR's
# models). OCR holds more as a page's text is larger in pixels, so this is not a fit but a bound
# above every reading measured (``bench/rendering.py``): a table page scanned at 200 dpi peaked at
# 764 MiB on A4 at 300 dpi (8.7 million pixels), 1307 MiB on A2 at 300 dpi (34.8 million), 1067
# MiB on A2 at 215 dpi (17.9 million) and 1317 MiB three times A4's width at 150 dpi (19.6
# million); three such A2 pages, read together, 1331 MiB. A page that would cost more than the
# memory limit is refused before it is rendered (``rendering.py``); one that passes is read
# within it.
_PAGE_COST = (32, 800 * 2**20)
# Pixels of the cell's edge left out when its ink is read (what remains of the erased rules).
_INSET = 5
# Points a sheet may lie off the glass, across, relative to the sheet before.
_SHIFT = 24.0
# Column edges of a continued table this close (points) after the move are one edge (a rule found
# in a scan is placed to about a pixel, the page straightened to a few hundredths of a degree).
_ON_EDGE = 2.0
# Edges that must match for a table to continue the one on the page before (its columns: at least
# a label and a few figures).
_MATCHED = 4
# Lines at the foot of a sheet and at the top of the next whose texts line the two sheets up.
_BREAK_LINES = 6
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


def _lifted(page: PageImage) -> np.ndarray | None:
    """Where taking out a light seal made ink paper (bool; by the scan's own threshold between ink
    and paper): the seal's ink, and any of the text's as light (thin strokes scanned grey)."""
    if page.unlit is None:
        return None
    level, _ = cv2.threshold(page.unlit, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return (page.unlit <= level) & (page.grey > level)


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
    ``MOST_PAGE_PIXELS`` (as a scanned page is rendered, ``page_dpi``), never below ``LEAST_DPI`` where
    its resolution is stated. A picture scanned finer than ``DPI`` (a sheet scanned at 600 dpi and
    pasted into a Word file) is read at ``DPI`` too, as a scanned page is: its extra pixels only
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
            texts.append((number, _text_glyphs(page, recogniser)))
    for segment in _without_rules(texts):
        by_page.setdefault(segment.page, []).append(segment)
    return [segment for number in sorted(by_page) for segment in by_page[number]]


def _text_glyphs(page: PageImage, recogniser: Recogniser, tables_only: bool = False) -> list[Glyph]:
    """The characters OCR reads on a page image that draws no rules (``picturetext.py``), turned
    straight by its rows of text. ``tables_only``: none on a page whose text stands in no columns
    (running text, a cover, a signature: not worth reading)."""
    from pipeline.extract.picturetext import in_columns, picture_glyphs, text_angle

    grey = straighten(page.grey, text_angle(ink_of(page.grey)))
    ink = text_ink(grey)
    if tables_only and not in_columns(ink):
        return []
    return picture_glyphs(grey, ink, recogniser, page.px)


def _without_rules(texts: list[tuple[int, list[Glyph]]]) -> list[Segment]:
    """The tables without rules of pages of OCR'd characters: each run of pages one after the
    other read together (``unruled.tables_of_pages``), so a table continued from one page to the
    next is joined. Text that sets in no grid (a photo of a typed page, a poster) is no table: it
    adds nothing, and a table missing for it is named by the mapping; a run that does not read as
    a whole is read page by page."""
    from pipeline.extract.unruled import tables_of_pages

    runs: list[list[tuple[int, list[Glyph]]]] = []
    for number, glyphs in texts:
        if not glyphs:
            continue
        if runs and runs[-1][-1][0] == number - 1:
            dx = _sheet_moved(runs[-1][-1][1], glyphs)
            runs[-1].append((number, [replace(g, x0=g.x0 + dx, x1=g.x1 + dx) for g in glyphs] if dx else glyphs))
        else:
            runs.append([(number, glyphs)])
    segments: list[Segment] = []
    for run in runs:
        try:
            segments += tables_of_pages(run, sized=False)
        except ReportError:
            for page in run:
                with suppress(ReportError):
                    segments += tables_of_pages([page], sized=False)
    return segments


def _places(lines: list[list[Glyph]]) -> list[list[float]]:
    """Where the texts of ``lines`` stand across: their left edges, right edges and centres (each
    place shared by texts of several lines counted once)."""
    from pipeline.extract.textcells import pieces

    texts = [piece for line in lines for piece in pieces(line)]
    places = []
    for at in ([p.x0 for p in texts], [p.x1 for p in texts], [(p.x0 + p.x1) / 2 for p in texts]):
        kept: list[float] = []
        for x in sorted(at):
            if not kept or x - kept[-1] > _ON_EDGE:
                kept.append(x)
        places.append(kept)
    return places


def _rows(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """The lines of a page that hold texts side by side (a table's rows; not running text)."""
    from pipeline.extract.textcells import pieces

    return [line for line in lines_of(glyphs) if len(pieces(line)) > 1]


def _sheet_moved(before: list[Glyph], after: list[Glyph]) -> float:
    """How far (points) to move a sheet's characters across so that the texts at its top stand
    where those at the foot of the sheet before stand (each sheet lies a little differently on the
    glass, and a table without rules continued on the next sheet is matched to its columns by
    position, to a point or so): the one distance within ``_SHIFT`` that puts at least half of
    the places of its first rows (lines of texts side by side), and ``_MATCHED`` or more, on places
    of the last ``_BREAK_LINES`` rows before (the same columns go on; another table's, or running
    text, fit a few by chance, not most); 0 when none does. Its first ``_BREAK_LINES`` rows are
    tried, then fewer, down to two: a table continued for a few rows may be followed on the sheet
    by the next table, whose columns are its own (table 三's last rows, then table 四's header).
    Left edges, right edges and centres are each matched with their kind (a column's texts are
    set to one of them)."""
    rows, theirs = _rows(after), _places(_rows(before)[-_BREAK_LINES:])
    for count in range(min(_BREAK_LINES, len(rows)), 1, -1):
        dx = _moved_by(_places(rows[:count]), theirs)
        if dx is not None:
            return dx
    return 0.0


def _moved_by(mine: list[list[float]], theirs: list[list[float]]) -> float | None:
    """The distance of ``_sheet_moved`` for the places ``mine`` against ``theirs``, if one."""
    candidates = {b - a for mine_at, their_at in zip(mine, theirs) for a in mine_at for b in their_at}
    best: tuple[int, float, float] | None = None  # (places matched, -|dx|, dx)
    for dx in (dx for dx in candidates if abs(dx) <= _SHIFT):
        moved = [
            min((b - a for b in their_at if abs(a + dx - b) <= _ON_EDGE / 2), key=abs, default=None)
            for mine_at, their_at in zip(mine, theirs)
            for a in mine_at
        ]
        matched = [d for d in moved if d is not None]
        if matched:
            candidate = (len(matched), -abs(dx), sum(matched) / len(matched))
            if best is None or candidate[:2] > best[:2]:
                best = candidate
    if best is None or best[0] < max(_MATCHED, sum(map(len, mine)) / 2):
        return None
    return best[2]


def _report_tables(segments: list[Segment]) -> list[Segment]:
    """The segments of the pages that hold a part of table 二, 三 or 四 (recognised by its headers
    and labels, or continuing one from the page before): a scanned page of running text, a cover
    or a signature page adds nothing, whatever its figures."""
    from pipeline.extract.classify import assemble

    try:
        tables, _ = assemble(segments)
    except ReportError:
        return segments  # the report's own reading fails the same way, in one line
    pages = {segment.page for table in tables.values() for segment in table.segments}
    return [segment for segment in segments if segment.page in pages]


def _interior(page: PageImage, table: RuledTable, r: int, c: int, r1: int, c1: int) -> Box:
    """A merged cell's inside in pixels (left, top, right, bottom), short of its rules."""
    height, px = page.height_pt, page.px
    left, right = table.cols[c][0] / px, table.cols[c1][1] / px
    top, bottom = (height - table.rows[r][0]) / px, (height - table.rows[r1][1]) / px
    return int(left) + _INSET, int(top) + _INSET, int(right) - _INSET, int(bottom) - _INSET


def read_page(page: PageImage, recogniser: Recogniser) -> list[ScannedTable]:
    """The ruled tables of one page image, each cell's text read by ``recogniser``. A page that
    holds a table is first turned so that its text reads upright (a sheet scanned sideways or
    upside down: its rules alone do not say which way up it is)."""
    return _read_page(page, recogniser)[0]


def _read_page(page: PageImage, recogniser: Recogniser) -> tuple[list[ScannedTable], bool]:
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
        page = replace(page, grey=grey, turned=turns * 90, taken=taken, unlit=unlit)
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
        for r, c, r1, c1 in spans(table.cells):
            box = _interior(page, table, r, c, r1, c1)
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


def read_scanned(
    path: Path,
    recogniser: Recogniser,
    progress: Callable[[str], None] | None = None,
    pages: list[int] | None = None,
    pictures: dict[int, list[Bounds]] | None = None,
    limits: Limits | None = None,
) -> list[Segment]:
    """The tables of the page images of a PDF, in reading order: every page of an image-only
    PDF, or ``pages`` (1-based) of one that mixes text pages and scanned ones. A page's ruled
    tables are read cell by cell; a page that draws no rules is read as a table without rules
    (``picturetext.py``, then ``unruled.py``, the pages one after the other together, so a table
    continued on the next sheet is joined), kept only where it holds a part of table 二, 三 or 四.
    ``pictures``: only the pictures (their bounds, by page) pasted on typed pages are read; they
    lie where the page puts them (no sheet off the glass to align). A page too large to render
    within the memory limit of ``limits`` (default: from the environment) raises ``LimitError``
    before any page is read."""
    document = pdfium.PdfDocument(path)
    count = len(document)
    numbers = pages if pages is not None else list(range(1, count + 1))
    limits = limits or Limits.from_env()
    try:
        for number in numbers:
            size = document[number - 1].get_size()
            check_rendering(number, size, page_dpi(size), _PAGE_COST, "for OCR", limits)
    finally:
        document.close()
    by_page: list[list[ScannedTable]] = []
    texts: list[tuple[int, list[Glyph]]] = []
    for done, number in enumerate(numbers, start=1):
        if progress is not None:
            progress(
                f"OCR: page {number} of {count}"
                if pages is None
                else f"OCR: page {number} ({done} of {len(numbers)} scanned)"
            )
        [page] = render_pages(path, [number], pictures.get(number, []) if pictures is not None else None)
        ruled, drawn = _read_page(page, recogniser)
        by_page.append(ruled)
        if not ruled and not drawn:
            texts.append((number, _text_glyphs(page, recogniser, tables_only=True)))
    # Pictures pasted on typed pages lie where the page put them: no sheet to line up.
    if pictures is None:
        align_sheets(by_page)
    segments = in_order([table for found in by_page for table in found]) + _report_tables(_without_rules(texts))
    return sorted(segments, key=lambda segment: segment.page)  # stable: each page's tables stay in order


def align_sheets(by_page: list[list[ScannedTable]]) -> None:
    """Move each page's tables across to where the sheet before lay on the glass (each sheet lies
    a little differently), so that a table continued on the next page is matched to its header's
    columns by position, as in a PDF.

    A page whose first table continues the last table of the page before (its column edges, all
    but one, are those of that table moved by one distance) is moved by that distance; otherwise
    its tables' left border is moved to that of the first table read, when it is near (tables of
    one width), else left where it is."""
    anchor: float | None = None  # the left border of the first table read
    before: ScannedTable | None = None  # the last table of the page before
    for found in by_page:
        if not found:
            before = None
            continue
        left = min(table.cols[0][0] for table in found)
        dx = _continued_by(before, found[0]) if before is not None else None
        if dx is None and anchor is not None and abs(anchor - left) <= _SHIFT:
            dx = anchor - left
        anchor = left if anchor is None else anchor
        if dx:
            for table in found:
                _shift(table, dx)
        before = found[-1]


def _edges(table: RuledTable) -> list[float]:
    return [x0 for x0, _ in table.cols] + [table.cols[-1][1]]


def _continued_by(before: RuledTable, after: RuledTable) -> float | None:
    """How far (points) ``after`` lies across from ``before`` when it continues it: every column
    edge of the table with fewer of them but one (an outer rule the page break left out) falls on
    an edge of the other, moved by one distance within ``_SHIFT``, and at least ``_MATCHED``
    do; ``None`` when no distance does that."""
    mine, theirs = _edges(after), _edges(before)
    fewer = min(len(mine), len(theirs))
    best: tuple[int, float, float] | None = None  # (edges matched, -|dx|, dx)
    for dx in {b - a for a in mine for b in theirs if abs(b - a) <= _SHIFT}:
        matched = [b - a for a in mine for b in theirs if abs(a + dx - b) <= _ON_EDGE]
        candidate = (len(matched), -abs(dx), sum(matched) / len(matched))
        if best is None or candidate[:2] > best[:2]:
            best = candidate
    if best is None or best[0] < max(_MATCHED, fewer - 1):
        return None
    return best[2]


def _shift(table: RuledTable, dx: float) -> None:
    """Move a table ``dx`` points across."""
    table.cols = [(x0 + dx, x1 + dx) for x0, x1 in table.cols]
    for row in table.cells:
        for cell in row:
            cell.x1, cell.x2 = cell.x1 + dx, cell.x2 + dx
