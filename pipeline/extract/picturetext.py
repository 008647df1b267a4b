"""A table picture drawn without rules (a table whose borders are off, scanned or grabbed and
pasted into a Word file or a web page): its text found by the positions of its ink, read by OCR
piece by piece, and given to the reader of tables without rules (``unruled.py``) as characters
with boxes, as a PDF's text layer gives them.

What is taken from the picture is only geometry any such picture has:

- **Straight**: no rule says how the sheet lay on the glass, so the page is turned by the angle
  at which its rows of text are sharpest (the profile of its ink along the page: lines of text
  turned straight leave blank rows between them).
- **The size of its text** (an em): the height of its runs of ink that are wider than tall (a
  word or a header line), the median of them.
- **Pieces**: ink joined across gaps narrower than half an em (the characters of a word, the
  digits of a figure), and the parts of one character stacked within an em's height (三, 总);
  two lines of a wrapped cell stand further apart than that, and stay two pieces. Pieces of one
  line (their bottoms within a quarter of an em) share a baseline.
- Each piece is read by the recogniser, which gives its text and a confidence; its characters
  share the piece's width evenly (the reader of tables without rules places a piece by its edges
  and centre, a figure as one piece). A piece read as nothing is a character ``□`` no figure
  and no label of the template holds, with confidence 0: never a blank.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from statistics import median

import cv2
import numpy as np

from pipeline.extract.glyphs import OCR_BEARING, Glyph, ideograph
from pipeline.extract.ocr import Box, Recogniser

# Angles (degrees) tried when a picture without rules is turned straight, and the step between them.
_MOST_SKEW = 3.0
_SKEW_STEP = 0.05
_SKEW_SCALE = 0.25  # the ink profile is taken at this share of the picture's resolution
# Ink joins into one piece across gaps narrower than this share of an em; the parts of one
# character stack within this share of an em's height.
_JOIN = 0.5
_CHARACTER = 1.2
# Inside a piece taller than a line: a character's parts lie over each other (the narrower at
# least this share of its width under or over the other), and the characters of one line each
# lie at least this share of the lower one's height level with the other (texts half a line
# apart share about half).
_OVER = 0.5
_LEVEL = 0.75
_LINE = 0.25  # bottoms of pieces of one line lie this share of an em apart at most
_FLAT = 0.5  # a piece less tall than this share of an em has no bottom on the baseline (一, —)
_ROWS = 2  # lines in a row a blank channel runs down between the columns of a table
_SPECK = 12  # ink components smaller than this (pixels) are noise
_PAD = 4
UNREAD = "□"
# Luminance under which the darkest tenth of a character's ink lies (text is about 20-60; what a
# seal leaves, 110-210).
_TEXT_INK = 100.0
# The blank half of a bracket's em (a share of it): punctuation whose ink fills one side of its
# em, or its middle (：；), the rest blank (OCR may give a full-width bracket, comma, colon or
# semicolon as ASCII).
_HALF = 0.6
# OCR reads the flat stroke 一 as a dash (or two): in the template's enumerators, （一） and 一、,
# which the reader of tables without rules goes by (where a label begins), a dash is 一.
_DASHES = "-—–―‐‑﹣－_"
_ENUMERATOR_DASH = re.compile(rf"(?<=[（(])[{_DASHES}]+(?=[）)])|^[{_DASHES}]+(?=、)")
# A figure's digits beside other characters (申请数1, 0没有): where two cells' texts may meet.
_FIGURE_EDGE = re.compile(r"\d(?=[^\d\s.,])|(?<=[^\d\s.,])\d")
# Two characters of one text leave a little paper between their inks (their bearings: a tenth of
# an em, up to a third beside a narrow character, 复); so do the characters of a line justified
# across its cell, all alike. Two cells' texts set close leave more where one meets the other
# than between the characters of either (会法|律: 社会 ending one narrow header cell, 法律 justified
# across the next), while the gap that joins ink into a piece (``_JOIN``) still bridges it. A
# blank between two ideographs at least ``_APART`` em wide, and ``_WIDER`` em wider than every
# other blank between the piece's ideographs, parts their texts.
_APART = 0.4
_WIDER = 0.25
_OPENING = "（〔【《「([：；:;"
_CLOSING = "）〕】》」、，。：；)],;:"


def text_angle(ink: np.ndarray) -> float:
    """The angle (degrees, as ``pageimages.straighten`` takes it) that makes the rows of text level:
    the one whose ink profile down the page changes most sharply."""
    small = cv2.resize(ink, None, fx=_SKEW_SCALE, fy=_SKEW_SCALE, interpolation=cv2.INTER_AREA)
    height, width = small.shape
    best, best_score = 0.0, -1.0
    for angle in np.arange(-_MOST_SKEW, _MOST_SKEW + _SKEW_STEP / 2, _SKEW_STEP):
        matrix = cv2.getRotationMatrix2D((width / 2, height / 2), float(angle), 1.0)
        turned = cv2.warpAffine(small, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=0)
        profile = turned.sum(axis=1, dtype=np.float64)
        score = float(np.square(np.diff(profile)).sum())
        if score > best_score + 1e-9 * abs(best_score) or (abs(score - best_score) <= 1e-9 and abs(angle) < abs(best)):
            best, best_score = float(angle), score
    return best


def _components(mask: np.ndarray) -> list[Box]:
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    return [(int(x), int(y), int(x + w), int(y + h)) for x, y, w, h, area in stats[1:count] if area >= _SPECK]


def text_size(ink: np.ndarray) -> float | None:
    """The height of the picture's text (pixels): the median height of its runs of ink wider
    than tall, characters joined across the gaps of a word; None when it has no such run."""
    joined = cv2.dilate(ink, np.ones((1, 9), np.uint8))
    boxes = _components(joined)
    wide = [b[3] - b[1] for b in boxes if b[2] - b[0] >= 2 * (b[3] - b[1]) and b[3] - b[1] >= 8]
    return float(median(wide)) if wide else None


def _union(a: Box, b: Box) -> Box:
    return min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])


def _merge(boxes: list[Box], joins: Callable[[Box, Box], bool], reach: int) -> list[Box]:
    """Boxes merged pairwise while ``joins(a, b)`` holds for some pair, always the first such pair
    in the order of the boxes (sorted); boxes ``reach`` pixels or more apart across never join.

    A merge changes one box only, so only that box's pairs are tried again (every other pair
    before it was tried already) instead of every pair from the start: the same merges, in the
    same order. The boxes stay in order of their left edges (a union keeps the left edge of the
    box before), so the boxes after one that can join it start within ``reach`` of its right edge.
    """
    boxes = sorted(boxes)
    at = 0  # the boxes before ``at`` join no box, except where one has grown since
    while at < len(boxes):
        i, grown = at, False
        while True:
            if grown:
                box = boxes[i]
                k = next((k for k in range(i) if boxes[k][2] + reach > box[0] and joins(boxes[k], box)), None)
                if k is not None:
                    boxes[k] = _union(boxes[k], box)
                    del boxes[i]
                    if i < at:
                        at -= 1
                    i = k
                    continue
            j = _first_after(boxes, i, joins, reach)
            if j is None:
                break
            boxes[i] = _union(boxes[i], boxes[j])
            del boxes[j]
            if j < at:
                at -= 1
            grown = True
        if i == at:
            at += 1
    return boxes


def _first_after(boxes: list[Box], i: int, joins: Callable[[Box, Box], bool], reach: int) -> int | None:
    """The first box after box ``i`` that joins it (boxes in order of their left edges)."""
    box = boxes[i]
    for j in range(i + 1, len(boxes)):
        if boxes[j][0] >= box[2] + reach:
            return None
        if joins(box, boxes[j]):
            return j
    return None


def pieces(ink: np.ndarray, em: float) -> list[Box]:
    """The pieces of text of a straightened picture (pixels): one line each, a word or a figure."""
    gap = max(2, round(_JOIN * em))
    boxes = _components(cv2.dilate(ink, np.ones((1, gap), np.uint8)))
    boxes = [(x0 + gap // 2, y0, max(x0 + gap // 2 + 1, x1 - (gap - 1) // 2), y1) for x0, y0, x1, y1 in boxes]

    def one_character(a: Box, b: Box) -> bool:  # parts of one character, stacked
        overlap = min(a[2], b[2]) - max(a[0], b[0])
        return overlap > 0 and max(a[3], b[3]) - min(a[1], b[1]) <= _CHARACTER * em

    def one_line(a: Box, b: Box) -> bool:  # pieces of one line that the parts above joined
        level = min(a[3], b[3]) - max(a[1], b[1]) >= 0.5 * min(a[3] - a[1], b[3] - b[1])
        return level and max(a[0], b[0]) - min(a[2], b[2]) < gap

    joined = _merge(_merge(boxes, one_character, gap), one_line, gap)
    if not any(_tall(box, em) for box in joined):
        return joined
    # A character's parts left apart beside a piece taller than a line (然's dots under a note's
    # line) join its line once the piece is cut into lines.
    lines = [part for box in joined for part in (_lines_apart(ink, box, em, gap) if _tall(box, em) else [box])]
    return _merge(lines, one_character, gap)


def _tall(box: Box, em: float) -> bool:
    """Whether a piece is taller than one line of text (or one character's stacked parts)."""
    return box[3] - box[1] > _CHARACTER * em


def _lines_apart(ink: np.ndarray, box: Box, em: float, gap: int) -> list[Box]:
    """A piece taller than a line cut into its lines: texts of two cells whose ink the joining
    gap bridged where they stand a little apart in height (a label, and the figure of the next
    cell set lower beside its last line; a note and the header beside it, each a line of its
    own), as a text layer gives each its own baseline. The piece's characters (its ink's parts,
    stacked ones joined) are joined across the gap only when they stand level, each mostly within
    the other's height (``_LEVEL``): characters of one line do, texts set half a line apart do
    not. Ink that forms no two such lines is left as it was."""
    x0, y0, x1, y1 = box
    # Its own ink only: the parts of characters the box cuts (the tops of the next line's) are
    # another piece's.
    top, bottom = max(0, y0 - round(em)), min(ink.shape[0], y1 + round(em))
    parts = [
        (a + x0, b + top, c + x0, d + top)
        for a, b, c, d in _components(ink[top:bottom, x0:x1])
        if b + top >= y0 and d + top <= y1
    ]

    def one_character(a: Box, b: Box) -> bool:  # parts of one character, one over the other
        overlap = min(a[2], b[2]) - max(a[0], b[0])
        narrower = min(a[2] - a[0], b[2] - b[0])
        return overlap >= _OVER * narrower and max(a[3], b[3]) - min(a[1], b[1]) <= _CHARACTER * em

    def level(a: Box, b: Box) -> bool:
        shared = min(a[3], b[3]) - max(a[1], b[1])
        return shared >= _LEVEL * min(a[3] - a[1], b[3] - b[1]) and max(a[0], b[0]) - min(a[2], b[2]) < gap

    lines = _merge(_merge(parts, one_character, gap), level, gap)
    return lines if len(lines) > 1 and not any(_tall(line, em) for line in lines) else [box]


def _light(grey: np.ndarray, ink: np.ndarray, box: Box) -> bool:
    """Whether a piece's ink is lighter than any printed text's: what is left of a seal's red
    after it was taken out (``pageimages.without_seal`` turns seal ink to paper, leaving its edges
    grey), never a character (text is printed dark: its darkest tenth under ``_TEXT_INK``)."""
    x0, y0, x1, y1 = box
    part = grey[y0:y1, x0:x1][ink[y0:y1, x0:x1] > 0]
    return part.size == 0 or float(np.percentile(part, 10)) > _TEXT_INK


def picture_glyphs(grey: np.ndarray, ink: np.ndarray, recogniser: Recogniser, px: float) -> list[Glyph]:
    """The characters of a straightened picture without rules, in PDF points (``px`` points a
    pixel, y upwards), each piece read by ``recogniser`` and its confidence kept."""
    em = text_size(ink)
    if em is None:
        return []
    height, width = ink.shape
    found = [box for box in pieces(ink, em) if not _light(grey, ink, box)]
    boxes = [
        (max(0, x0 - _PAD), max(0, y0 - _PAD), min(width, x1 + _PAD), min(height, y1 + _PAD))
        for x0, y0, x1, y1 in found
    ]
    read = recogniser.read(grey, ink, boxes)
    # Ink read as nothing above or below all the text read is no part of the table: what is left
    # of a seal stamped under it, a speck of the glass. Within the table it stays, unread.
    texts = [box for box, (text, _) in zip(found, read) if text.strip()]
    if not texts:
        return []
    top, bottom = min(b[1] for b in texts), max(b[3] for b in texts)
    kept = [
        i for i, (box, (text, _)) in enumerate(zip(found, read)) if text.strip() or (box[3] > top and box[1] < bottom)
    ]
    found, boxes, read = [found[i] for i in kept], [boxes[i] for i in kept], [read[i] for i in kept]
    runs = _placed_runs(recogniser, grey, ink, found, boxes, read, em)
    # Pieces of one line share a baseline: the median bottom of the pieces whose bottoms lie close.
    # A flat piece (一, —, a lone 、) has no bottom on the baseline: it joins the line it lies level
    # with, and takes that line's height, as a text layer gives a character its em, not its ink.
    flat = {i for i, box in enumerate(found) if box[3] - box[1] < _FLAT * em}
    order = sorted((i for i in range(len(boxes)) if i not in flat), key=lambda i: boxes[i][3])
    base: dict[int, float] = {}
    span: dict[int, tuple[float, float]] = {}
    lines: list[tuple[float, float, float]] = []  # top, bottom, baseline of each line
    line: list[int] = []
    for i in [*order, None]:
        if line and (i is None or boxes[i][3] - boxes[line[0]][3] > _LINE * em):
            bottom = median(boxes[k][3] for k in line)
            base.update({k: bottom for k in line})
            lines.append((median(found[k][1] for k in line), median(found[k][3] for k in line), bottom))
            line = []
        if i is not None:
            line.append(i)
    for i in flat:
        centre = (found[i][1] + found[i][3]) / 2
        level = [entry for entry in lines if entry[0] <= centre <= entry[1]]
        if level:
            top, bottom, base[i] = min(level, key=lambda entry: abs((entry[0] + entry[1]) / 2 - centre))
            span[i] = (top, bottom)
        else:
            base[i] = boxes[i][3]
    glyphs = []
    page_height = height * px
    for i, ((left_edge, y0, right_edge, y1), (text, confidence)) in enumerate(zip(found, read)):
        y0, y1 = span.get(i, (y0, y1))
        # A space OCR reads stays a gap between characters: two figures of neighbouring columns
        # read as one piece (2 1) stay two pieces, never one number.
        characters = _ENUMERATOR_DASH.sub("一", " ".join(text.split())) or UNREAD
        if characters == UNREAD:
            confidence = 0.0
        for run_left, run_right, run in runs[i] or [(left_edge, right_edge, characters)]:
            # A character's box in a text layer is its advance, a little wider than its ink (its
            # bearings); a bracket or a stop fills only half its em with ink, its other half
            # blank. So the piece's characters take their whole ems, and 第（八）项 is one text, as
            # a text layer sets it.
            x0 = run_left - OCR_BEARING * em - (_HALF * em if run[0] in _OPENING else 0)
            x1 = run_right + OCR_BEARING * em + (_HALF * em if run[-1] in _CLOSING else 0)
            step = (x1 - x0) / len(run)
            for k, character in enumerate(run):
                if character == " ":
                    continue
                left = x0 + k * step
                glyphs.append(
                    Glyph(
                        character,
                        left * px,
                        (left + step) * px,
                        page_height - y1 * px,
                        page_height - y0 * px,
                        base=page_height - base[i] * px,
                        confidence=confidence,
                    )
                )
    return glyphs


Run = tuple[int, int, str]  # the left and right ends of a run of characters' ink (pixels), its text


def _placed_runs(
    recogniser: Recogniser,
    grey: np.ndarray,
    ink: np.ndarray,
    found: list[Box],
    boxes: list[Box],
    read: list[tuple[str, float]],
    em: float,
) -> list[list[Run] | None]:
    """For each piece of one line whose text holds a space or a figure beside other characters,
    or whose ink holds a blank wide enough to part two texts (``_APART``), its runs (``_runs``)
    where the recogniser says where each character stands (its ``placed`` reading of the piece,
    when that reads the same characters); None for the others, whose characters share the
    piece's width evenly."""
    placing = getattr(recogniser, "placed", None)
    mixed = [
        i
        for i, (text, _) in enumerate(read)
        if "\n" not in text
        and (len(text.split()) > 1 or _FIGURE_EDGE.search(text) or _blank_inside(ink, found[i], _APART * em))
    ]
    runs: list[list[Run] | None] = [None] * len(found)
    if placing is None or not mixed:
        return runs
    for i, (text, at) in zip(mixed, placing(grey, ink, [boxes[i] for i in mixed])):
        if "".join(text.split()) == "".join(read[i][0].split()):
            runs[i] = _runs(ink, found[i], read[i][0], at, em)
    return runs


def _blank_inside(ink: np.ndarray, box: Box, width: float) -> bool:
    """Whether a piece's ink leaves a blank at least ``width`` pixels wide between its ends."""
    x0, y0, x1, y1 = box
    inked = np.flatnonzero(np.count_nonzero(ink[y0:y1, x0:x1], axis=0))
    return inked.size > 1 and bool(np.diff(inked).max() > width)


def _runs(ink: np.ndarray, box: Box, text: str, at: list[float], em: float) -> list[Run] | None:
    """A line's characters cut into runs where OCR read a space, or a figure begins or ends
    beside other characters, or two ideographs stand apart (``_APART``, ``_WIDER``): between the
    two characters there (where the recogniser read them), at the least ink (a blank, or where
    they touch); each run over its own ink. A label and the figure of the next cell read as one
    line (申请数1), two figures (2 1), or a header cell's text and the next one's (会法|律) so stand
    where they are printed, as a text layer places each character. None when OCR did not say
    where each character is."""
    characters = _ENUMERATOR_DASH.sub("一", " ".join(text.split()))
    if not characters or len(at) != len(characters.replace(" ", "")):
        return None
    x0, y0, x1, y1 = box
    counts = np.count_nonzero(ink[y0:y1, x0:x1], axis=0)
    places: list[tuple[int, int, int]] = []  # (index in ``characters``, where a cut may go, its blank)
    forced: set[int] = set()  # places cut whatever their blank: a space read, a figure's edge
    k = 0  # characters other than spaces before position ``i``
    for i, character in enumerate(characters):
        if character == " " or k == 0:
            k += character != " "
            continue
        pair = characters[i - 1] + character
        left, right = max(0, int(at[k - 1]) - x0), min(len(counts), int(at[k]) - x0)
        k += 1
        if right - left <= 1:
            continue
        # The least ink between them (a blank, or where a figure touches a label): the middle of
        # the widest run of it.
        between = counts[left:right]
        least = np.flatnonzero(between == between.min())
        groups = np.split(least, np.flatnonzero(np.diff(least) > 1) + 1)
        widest = max(groups, key=len)
        if characters[i - 1] == " " or _FIGURE_EDGE.search(pair):
            forced.add(i)
        elif not all(ideograph(character) for character in pair):
            continue
        places.append((i, x0 + left + int(widest[len(widest) // 2]), len(widest) if between.min() == 0 else 0))
    blanks = {i: blank for i, _, blank in places if i not in forced}

    def apart(i: int) -> bool:
        wider = all(blanks[i] - blank >= _WIDER * em for j, blank in blanks.items() if j != i)
        return blanks[i] >= _APART * em and wider

    chosen = [(i, cut) for i, cut, _ in places if i in forced or apart(i)]
    if not chosen:
        return None
    edges = [x0, *(cut for _, cut in chosen), x1]
    bounds = [0, *(i for i, _ in chosen), len(characters)]
    runs: list[Run] = []
    for (a, b), (s, e) in zip(zip(edges, edges[1:]), zip(bounds, bounds[1:])):
        run = characters[s:e].strip()
        inked = np.flatnonzero(counts[a - x0 : b - x0])
        if not run or not inked.size:
            return None
        runs.append((a + int(inked[0]), a + int(inked[-1]) + 1, run))
    return runs


def in_columns(ink: np.ndarray) -> bool:
    """Whether a straightened page's text stands in columns, as a table's does: a blank channel
    at least an em wide runs down between the pieces of two lines in a row (the gutter between a
    label and its figure, or between two columns of figures). In running text a line's pieces
    are parted only by punctuation, under an em, and the full lines around cover any gap; a
    title or a signature is a piece a line. A page of them is not worth reading as a table."""
    em = text_size(ink)
    if em is None:
        return False
    width = ink.shape[1]
    run, most = np.zeros(width, int), np.zeros(width, int)
    for line in _lines(pieces(ink, em), em):
        covered, inside = np.zeros(width, bool), np.zeros(width, bool)
        for x0, _, x1, _ in line:
            covered[x0:x1] = True
        inside[min(box[0] for box in line) : max(box[2] for box in line)] = True
        # Blank inside the line adds to the channel, text ends it; beyond the line's ends (a
        # wrapped label's short line) it goes on.
        run = np.where(covered, 0, np.where(inside, run + 1, run))
        most = np.maximum(most, run)
    channel = np.flatnonzero(np.diff(np.concatenate(([0], (most >= _ROWS).astype(np.int8), [0]))))
    return any(end - start >= em for start, end in zip(channel[::2], channel[1::2]))


def _lines(boxes: list[Box], em: float) -> list[list[Box]]:
    """Pieces in lines, top to bottom: a line's bottoms lie within ``_LINE`` em of its first."""
    lines: list[list[Box]] = []
    for box in sorted(boxes, key=lambda box: box[3]):
        if lines and box[3] - lines[-1][0][3] <= _LINE * em:
            lines[-1].append(box)
        else:
            lines.append([box])
    return lines
