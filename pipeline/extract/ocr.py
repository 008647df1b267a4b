"""Offline text recognition of table cells in a page image: RapidOCR (PP-OCRv4 Chinese models run
by onnxruntime; the models ship inside the wheel, nothing is downloaded).

A recogniser gets the cleaned page (grey levels, rules erased), its ink mask and the inside of each
merged cell, and returns each cell's text with a confidence (0-1). ``RapidRecogniser`` finds the
text lines of the whole page once (the detector), cuts each line at the cells it crosses (a
detected line may run over an erased rule: "0 0 0" across three cells), and recognises all the
pieces in batches. Lines of a cell are joined with newlines, top to bottom; the cell's confidence
is that of its least certain piece.
"""

from __future__ import annotations

import math
from functools import cache
from typing import Protocol

import cv2
import numpy as np

from pipeline.core.facts import OCR_MIN_CONFIDENCE

Box = tuple[int, int, int, int]  # left, top, right, bottom (pixels)

# The detector sees the page at half the rendering's resolution (fast, and as good for finding lines).
_DETECT_SCALE = 0.5
# A piece of a line is recognised only if it holds this much ink (pixels).
_PIECE_INK = 12
_PAD = 4
# Ink outside every recognised piece of a cell above which the cell is not read in full.
_LEFT_OUT = 40
# The most a cell read partly from the detector's lines, partly from ink it missed, is trusted.
_MIXED = 0.5
# Rows without ink narrower than this (pixels at 300 dpi) lie inside one line of text.
_LINE_GAP = 13
# Orientation: the detector sees the page at a quarter of the rendering's resolution (lines of
# characters are found as well as at half of it); lines at least this many times as long as they
# are thick hold several characters; this many of the longest are read turned each way; upright
# is kept at once when OCR reads them at this confidence on average.
_ORIENT_SCALE = 0.25
_LONG_LINE = 3.0
_ORIENT_LINES = 12
_UPRIGHT = 0.9
# Pixels around the ink kept when the page is shown to the detector and recogniser (the strokes'
# soft edges); everything further is paper.
_NEAR_INK = 5


class Recogniser(Protocol):
    name: str

    def read(self, page: np.ndarray, ink: np.ndarray, cells: list[Box]) -> list[tuple[str, float]]:
        """Each cell's text and confidence, in the order of ``cells``."""
        ...


@cache
def _engine():
    from rapidocr_onnxruntime import RapidOCR  # loads three onnx models: only when a scan is read

    # One thread per model: the machine's cores are better spent on other reports.
    return RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1)


def tight_box(ink: np.ndarray, box: Box) -> Box | None:
    """``box`` shrunk to the ink inside it (with a margin), or None if it holds too little ink."""
    left, top, right, bottom = box
    part = ink[top:bottom, left:right]
    if np.count_nonzero(part) < _PIECE_INK:
        return None
    ys, xs = np.nonzero(part)
    return (
        max(left, left + int(xs.min()) - _PAD),
        max(top, top + int(ys.min()) - _PAD),
        min(right, left + int(xs.max()) + 1 + _PAD),
        min(bottom, top + int(ys.max()) + 1 + _PAD),
    )


def _lines_of(page: np.ndarray, scale: float = _DETECT_SCALE) -> list[Box]:
    """Text lines the detector finds on the page (seen at ``scale``), as boxes in the page's pixels."""
    small = cv2.resize(page, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    found, _ = _engine().text_det(cv2.cvtColor(small, cv2.COLOR_GRAY2BGR))
    if found is None:
        return []
    boxes = []
    for quad in found:
        xs, ys = quad[:, 0] / scale, quad[:, 1] / scale
        boxes.append((int(xs.min()), int(ys.min()), math.ceil(xs.max()), math.ceil(ys.max())))
    return boxes


def _left_out(ink: np.ndarray, cell: Box, pieces: list[Box]) -> np.ndarray:
    """The ink of ``cell`` outside ``pieces`` (a mask of the cell's size)."""
    left, top, right, bottom = cell
    rest = ink[top:bottom, left:right].copy()
    for x0, y0, x1, y1 in pieces:
        rest[max(0, y0 - top) : max(0, y1 - top), max(0, x0 - left) : max(0, x1 - left)] = 0
    return rest


def _ink_lines(rest: np.ndarray, cell: Box) -> list[Box]:
    """Boxes of the lines of ink in ``rest`` (a cell's mask): rows with ink, gaps narrower than
    ``_LINE_GAP`` closed (the strokes of one character), each with its ink's extent across."""
    left, top = cell[0], cell[1]
    rows = np.any(rest > 0, axis=1).astype(np.uint8)
    rows = cv2.morphologyEx(rows.reshape(-1, 1), cv2.MORPH_CLOSE, np.ones((_LINE_GAP, 1), np.uint8)).ravel()
    boxes = []
    start = None
    for y, on in enumerate([*rows.tolist(), 0]):
        if on and start is None:
            start = y
        elif not on and start is not None:
            ys, xs = np.nonzero(rest[start:y])
            if len(ys) >= _PIECE_INK:
                boxes.append(
                    (
                        max(left, left + int(xs.min()) - _PAD),
                        max(top, top + start + int(ys.min()) - _PAD),
                        min(cell[2], left + int(xs.max()) + 1 + _PAD),
                        min(cell[3], top + start + int(ys.max()) + 1 + _PAD),
                    )
                )
            start = None
    return boxes


def _joined(parts: list[tuple[Box, str, float]]) -> str:
    """Pieces of one cell as its text: pieces beside each other are one line (left to right),
    lines are joined with newlines (top to bottom)."""
    lines: list[list[tuple[Box, str, float]]] = []
    for part in sorted(parts, key=lambda p: (p[0][1] + p[0][3]) / 2):
        middle = (part[0][1] + part[0][3]) / 2
        last = lines[-1][-1][0] if lines else None
        # One line when each piece's middle lies within the other (a piece two lines tall is not
        # on the line of a piece beside its second line).
        if last is not None and last[1] <= middle <= last[3] and part[0][1] <= (last[1] + last[3]) / 2 <= part[0][3]:
            lines[-1].append(part)
        else:
            lines.append([part])
    return "\n".join("".join(p[1] for p in sorted(line, key=lambda p: p[0][0])) for line in lines)


def only_ink(page: np.ndarray, ink: np.ndarray) -> np.ndarray:
    """The page with paper where there is no ink nearby: what show-through, a seal's faint remnant
    or the scanner's grain drew lighter than the ink is not seen as text."""
    near = cv2.dilate(ink, np.ones((_NEAR_INK, _NEAR_INK), np.uint8)) > 0
    shown = np.full_like(page, 255)
    shown[near] = page[near]
    return shown


def _recognised(page: np.ndarray, boxes: list[Box]) -> list[tuple[str, float]]:
    """Each box of ``page`` recognised as it would be alone (``_recognised_at``)."""
    return [(text, score) for text, score, _ in _recognised_at(page, boxes)]


def _recognised_at(page: np.ndarray, boxes: list[Box]) -> list[tuple[str, float, list[float]]]:
    """Each box of ``page`` recognised as it would be alone, with where each character of its text
    stands across (its middle, page pixels: where the recogniser's reading of it peaks). The
    recogniser pads every image of a batch (with grey) to the batch's widest, at least ``width``
    (its input's width for ``height`` rows): a lone 0 read in a batch with a long label is a
    speck in a wide grey field, and was read at 0.64–0.79 where alone it reads at 0.88–0.94. So
    boxes are batched only with boxes padded to the same width."""
    engine = _engine().text_rec
    _, height, width = engine.rec_image_shape
    crops = [cv2.cvtColor(page[t:b, lf:r], cv2.COLOR_GRAY2BGR) for lf, t, r, b in boxes]
    batches: dict[int, list[int]] = {}
    for index, crop in enumerate(crops):
        # The width the recogniser pads the crop to when it is read alone (its own formula).
        batches.setdefault(int(height * max(width / height, crop.shape[1] / crop.shape[0])), []).append(index)
    result: list[tuple[str, float, list[float]]] = [("", 0.0, [])] * len(crops)
    for indices in batches.values():
        read, _ = engine([crops[index] for index in indices], return_word_box=True)
        for index, (text, score, (steps, _, columns, _, _)) in zip(indices, read):
            # The recogniser's steps across the crop (its padding beyond them), each character at
            # the step where its reading peaks (RapidOCR's own word boxes put it so).
            step = (boxes[index][2] - boxes[index][0]) / steps if steps else 0.0
            at = [boxes[index][0] + (column + 0.5) * step for word in columns for column in word]
            kept = [x for character, x in zip(text, at) if not character.isspace()]
            result[index] = (text.strip(), float(score), kept)
    return result


def upright_turns(page: np.ndarray) -> int:
    """How many quarter turns anticlockwise (``np.rot90``) make the page's text read upright: a
    sheet put on the glass sideways (a landscape table on a portrait scan) or upside down.

    The detector finds text lines in any orientation; the longest lines (several characters: lying
    along the page when it is upright or upside down, standing when it is sideways) are recognised
    turned each way, and the turn whose readings OCR is surest of, summed over the lines that lie
    along the page once turned, wins. Upright is tried first and kept when OCR reads its lines
    with confidence."""
    lines = _lines_of(page, _ORIENT_SCALE)
    long = [
        box
        for box in lines
        if max(box[2] - box[0], box[3] - box[1]) >= _LONG_LINE * min(box[2] - box[0], box[3] - box[1])
    ]
    if not long:
        return 0
    long.sort(key=lambda box: -max(box[2] - box[0], box[3] - box[1]))
    along = [box for box in long if box[2] - box[0] > box[3] - box[1]][:_ORIENT_LINES]
    across = [box for box in long if box[2] - box[0] <= box[3] - box[1]][:_ORIENT_LINES]

    def sureness(boxes: list[Box], turns: int) -> float:
        crops = [np.ascontiguousarray(np.rot90(page[t:b, lf:r], turns)) for lf, t, r, b in boxes]
        read, _ = _engine().text_rec([cv2.cvtColor(crop, cv2.COLOR_GRAY2BGR) for crop in crops]) if crops else ([], 0)
        return sum(float(score) for text, score in read if text.strip())

    upright = sureness(along, 0)
    if len(along) >= len(across) and upright >= _UPRIGHT * len(along):
        return 0
    scores = {0: upright, 2: sureness(along, 2), 1: sureness(across, 1), 3: sureness(across, 3)}
    return max(scores, key=lambda turns: (scores[turns], turns == 0))


class RapidRecogniser:
    """RapidOCR: the page's text lines found once, cut at the cells, recognised in batches."""

    name = "rapidocr"

    def read(self, page: np.ndarray, ink: np.ndarray, cells: list[Box]) -> list[tuple[str, float]]:
        page = only_ink(page, ink)
        lines = _lines_of(page)
        pieces: list[tuple[int, Box]] = []
        mixed: set[int] = set()
        # Ink the detector missed is read on a page that shows only that ink: a line of it beside
        # a line already read (a seal's strokes left of a header) spans that line too, which would
        # otherwise be read a second time (本年增 read 本年增本年增).
        leftover = page.copy()
        extras: list[tuple[int, Box]] = []
        for index, cell in enumerate(cells):
            left, top, right, bottom = cell
            mine: list[Box] = []
            for x0, y0, x1, y1 in lines:
                box = (max(left, x0), max(top, y0), min(right, x1), min(bottom, y1))
                if box[2] - box[0] < 4 or box[3] - box[1] < 4:
                    continue
                tight = tight_box(ink, box)
                if tight is not None:
                    mine.append(tight)
            # Ink the detector missed (a lone "0", the first line of a header cell) is read by
            # the lines of ink it forms.
            rest = _left_out(ink, cell, mine)
            if np.count_nonzero(rest) >= _LEFT_OUT:
                extra = _ink_lines(rest, cell)
                if mine and extra:
                    # Ink beside a line the detector found may be a seal's remnant, not text: the
                    # cell's text is kept (a header's first line), but not as a confident figure.
                    mixed.add(index)
                    leftover[top:bottom, left:right][rest == 0] = 255
                extras += [(index, box) for box in extra]
            pieces += [(index, box) for box in mine]
        read = _recognised(page, [box for _, box in pieces]) + _recognised(leftover, [box for _, box in extras])
        found: dict[int, list[tuple[Box, str, float]]] = {}
        for (index, box), (text, score) in zip(pieces + extras, read):
            found.setdefault(index, []).append((box, text, score))
        result = []
        for index, (left, top, right, bottom) in enumerate(cells):
            parts = [part for part in found.get(index, []) if part[1]]
            # Ink outside every piece read: part of the cell would go unread.
            rest = _left_out(ink, (left, top, right, bottom), [part[0] for part in found.get(index, [])])
            if not parts or np.count_nonzero(rest) >= _LEFT_OUT:
                result.append((_joined(parts), 0.0))
                continue
            confidence = min(part[2] for part in parts)
            result.append((_joined(parts), min(confidence, _MIXED) if index in mixed else confidence))
        return self._again(page, ink, cells, result)

    def placed(self, page: np.ndarray, ink: np.ndarray, boxes: list[Box]) -> list[tuple[str, list[float]]]:
        """Each box's ink read whole, and where each of its characters (spaces left out) stands
        across (page pixels): a piece of text without rules read as a text layer gives it."""
        read = _recognised_at(only_ink(page, ink), boxes)
        return [(text, at) for text, _, at in read]

    def _again(
        self, page: np.ndarray, ink: np.ndarray, cells: list[Box], result: list[tuple[str, float]]
    ) -> list[tuple[str, float]]:
        """Cells not read with confidence whose ink is one line (every figure cell) read again as
        a whole: the line's own crop, not the detector's pieces of it (which may cut a figure or
        read one twice). The second reading is kept only if OCR is surer of it."""
        again: list[tuple[int, Box]] = []
        for index, cell in enumerate(cells):
            if result[index][1] >= OCR_MIN_CONFIDENCE:
                continue
            left, top, right, bottom = cell
            lines = _ink_lines(ink[top:bottom, left:right], cell)
            if len(lines) == 1:
                again.append((index, lines[0]))
        for (index, _), (text, score) in zip(again, _recognised(page, [box for _, box in again])):
            if text and score > result[index][1]:
                result[index] = (text, score)
        return result
