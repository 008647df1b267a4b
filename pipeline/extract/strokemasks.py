"""The long strokes of a scanned page, as masks: where its rules may run (``stroke_masks``).

A morphological opening keeps the strokes of ink longer than any character's, broken rules closed
over short gaps. A seal breaks the rules under it: a dark seal's rings and star are left out and
the rules' pieces carried on through them, a red seal's faint breaks are bridged where its red
was taken out, and a light seal's rules are found on the page as scanned
(``under_light_seals``). Which of these strokes are rules ``scanrules.py`` judges.
"""

from __future__ import annotations

from dataclasses import replace

import cv2
import numpy as np

from pipeline.extract.pageimages import ink_of
from pipeline.extract.seals import dark_strokes, find_seals

# Strokes at least this long (pixels at DPI) may be rules: longer than any character's stroke.
_HORIZONTAL_KERNEL = 60
_VERTICAL_KERNEL = 45
# Where a seal's red was taken out, a faint rule under it (a thin grey line: WPS draws them so)
# is left broken, its luminance lifted towards paper with the seal's: breaks up to this long
# (pixels, across a ring's stroke and its pale edges) are bridged there before strokes are found.
_BRIDGE = 15
# Pixels around a crossing stroke where a stroke is not carried on (the crossing rule ends it).
_NEAR = np.ones((3, 3), np.uint8)
# Pixels beyond a light seal's outer ring that ``seals.lighten`` stretched away with it.
_EDGE_OF_SEAL = 8
# Gaps along a rule (pixels at 300 dpi) closed in any scan (noise, a light scan), and across which
# a one-bit page's long strokes are carried on along their lines.
_GAP = 15


def _runs_through(mask: np.ndarray, allowed: np.ndarray) -> np.ndarray:
    """``mask`` grown along each row through ``allowed``: every run of ``allowed`` pixels in a row
    that holds a pixel of ``mask`` (a rule's piece carried on through ink under a seal)."""
    grown = mask > 0
    for y in np.nonzero((allowed & grown).any(axis=1) & allowed.any(axis=1))[0]:
        row = allowed[y] | grown[y]
        edges = np.flatnonzero(np.diff(np.concatenate(([0], row.astype(np.int8), [0]))))
        for start, end in zip(edges[::2], edges[1::2]):
            if grown[y, start:end].any():
                grown[y, start:end] = True
    return grown.astype(np.uint8) * 255


def _mended(mask: np.ndarray, erased: np.ndarray, ink: np.ndarray, horizontal: bool) -> np.ndarray:
    """A mask of long strokes with the pieces a seal's erased strokes cut out of them put back:
    each piece carried on along its line through the ink in or near (a rule's piece between two
    rings is too short to be kept) ``erased``, up to where the ink ends (a crossing rule's far
    side)."""
    if not erased.any():
        return mask
    near = cv2.dilate(erased.astype(np.uint8), np.ones((_HORIZONTAL_KERNEL + 1,) * 2, np.uint8)) > 0
    allowed = near & (ink > 0)
    if horizontal:
        return _runs_through(mask, allowed)
    return np.ascontiguousarray(_runs_through(mask.T, allowed.T).T)


def _bridged(ink: np.ndarray, taken: np.ndarray | None, horizontal: bool) -> np.ndarray:
    """``ink`` with its breaks along one direction, up to ``_BRIDGE`` pixels, filled where a
    seal's red was taken out (``taken``): what was left of a faint rule under the seal, joined up.
    A rule a few pixels thick is broken in different places on each line of pixels: the breaks
    are found on the rule as a whole (its lines of pixels together)."""
    if taken is None or not taken.any():
        return ink
    thick, along = ((3, 1), (1, _BRIDGE)) if horizontal else ((1, 3), (_BRIDGE, 1))
    joined = cv2.morphologyEx(cv2.dilate(ink, np.ones(thick, np.uint8)), cv2.MORPH_CLOSE, np.ones(along, np.uint8))
    return np.where(taken & (joined > 0), 255, ink).astype(np.uint8)


def _opened(ink: np.ndarray, taken: np.ndarray | None, kernel: tuple[int, int], horizontal: bool) -> np.ndarray:
    """The strokes of ``ink`` along one direction at least ``kernel`` long, those under a seal's
    taken-out red found on the ink bridged there (``_bridged``), each kept only where it holds a
    stroke found on the ink as it is: a rule under a seal runs on unbroken for a stroke's length
    somewhere (beyond the seal, or between its rings), while characters' strokes over a ring whose
    side runs along them (组织 on a ring's foot) are joined into a line by the bridges alone."""
    unbridged = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones(kernel, np.uint8))
    bridged = _bridged(ink, taken, horizontal)
    if bridged is ink:
        return unbridged
    opened = cv2.morphologyEx(bridged, cv2.MORPH_OPEN, np.ones(kernel, np.uint8))
    _, labels = cv2.connectedComponents(opened, connectivity=8)
    seeded = np.unique(labels[unbridged > 0])
    return np.where(np.isin(labels, seeded[seeded > 0]), 255, 0).astype(np.uint8)


def _horizontal(mask: np.ndarray, ink: np.ndarray, erased: np.ndarray, taken: np.ndarray | None) -> np.ndarray:
    """The long horizontal strokes of ``mask``, closed over short gaps and mended where a seal's
    strokes were erased."""
    opened = _opened(mask, taken, (1, _HORIZONTAL_KERNEL), True)
    return _mended(cv2.morphologyEx(opened, cv2.MORPH_CLOSE, np.ones((1, _GAP), np.uint8)), erased, ink, True)


def _carried_on(mask: np.ndarray, ink: np.ndarray, horizontal: bool, crossing: np.ndarray) -> np.ndarray:
    """A one-bit page's long strokes carried on along their lines through ``ink`` broken by gaps
    up to ``_GAP`` pixels: a thin rule the threshold broke into dashes (the official template's
    0.5 pt rules at 150 dpi: gaps of 2–6 pixels every few dozen) keeps pieces longer than a
    character's stroke only here and there, and those by the crossings are shorter; each piece
    found is carried on where ink continues on its line across such gaps, up to the crossing rule
    (a stroke is only grown from a piece already found: text alone makes no rule)."""
    along = np.ones((1, _GAP) if horizontal else (_GAP, 1), np.uint8)
    allowed = (cv2.morphologyEx(ink, cv2.MORPH_CLOSE, along) > 0) & ~(cv2.dilate(crossing, _NEAR) > 0)
    if horizontal:
        return _runs_through(mask, allowed)
    return np.ascontiguousarray(_runs_through(mask.T, allowed.T).T)


def stroke_masks(
    grey: np.ndarray, seal: np.ndarray | None, taken: np.ndarray | None, bilevel: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The masks of a page's long strokes (``scanrules.find_rules``): horizontal (the places, the ink) and
    vertical, and the page's ink with a dark seal's strokes left out.

    A page scanned in one bit (``bilevel``) has its horizontal strokes found on the ink thickened a
    pixel above and below: a rule one or two pixels thick (WPS's thin rules), turned straight by a
    fraction of a degree, steps from one line of pixels to the next and, thresholded by the
    scanner, breaks in different places on each, so no single line of pixels holds it for a
    stroke's length though together they hold it whole. Nothing is added along a stroke and the
    kernel is longer than any character, so no text becomes a rule. Its ink (erased before the
    cells are read) is what each line of pixels holds alone: erasing the ink on the strokes found
    together also took strokes of characters set close to a rule, and changed how OCR reads them
    (外交部 2020's header 本年增/减 cut by a seal in one bit at 150 dpi read as a header with a
    figure 7 in it). A grey or colour scan keeps a rule's levels between ink and paper, and is
    read as it is."""
    ink = ink_of(grey)
    erased = seal if seal is not None else np.zeros(ink.shape, bool)
    strokes_ink = np.where(erased, 0, ink).astype(np.uint8)
    vertical_mask = _opened(strokes_ink, taken, (_VERTICAL_KERNEL, 1), False)
    vertical_mask = cv2.morphologyEx(vertical_mask, cv2.MORPH_CLOSE, np.ones((_GAP, 1), np.uint8))
    horizontal_ink = _horizontal(strokes_ink, ink, erased, taken)
    horizontal_mask = horizontal_ink
    if bilevel:
        thick = cv2.dilate(strokes_ink, np.ones((1, 3), np.uint8))
        vertical_mask = _carried_on(vertical_mask, thick, False, horizontal_ink)
        together = cv2.dilate(strokes_ink, np.ones((3, 1), np.uint8))
        horizontal_mask = _carried_on(_horizontal(together, ink, erased, taken), together, True, vertical_mask)
    return horizontal_mask, horizontal_ink, _mended(vertical_mask, erased, ink, False), strokes_ink


def _continued(mask: np.ndarray, found: np.ndarray, within: np.ndarray) -> np.ndarray:
    """``mask`` with the strokes of ``found`` inside ``within`` added where they belong to a
    stroke (of ``found``, 8-connected) that holds a stroke of ``mask``."""
    _, labels = cv2.connectedComponents(found, connectivity=8)
    seeded = np.unique(labels[mask > 0])
    continued = np.isin(labels, seeded[seeded > 0]) & within
    return np.where(continued, 255, mask).astype(np.uint8)


def under_light_seals(
    unlit: np.ndarray, horizontal_mask: np.ndarray, vertical_mask: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The masks of the horizontal and vertical strokes of a page whose light seal was taken out,
    with the rules under the seal found on the page as scanned (``unlit``).

    A seal lighter than text is stretched away over its whole disc, and a faint rule under it
    (WPS's thin grey rules are as light as the seal's ink) goes with it, broken too long to bridge.
    On the page as scanned, its rings and star left out and carried through as a dark seal's are,
    the rule runs on; only its strokes inside the seal's disc that continue a stroke found without
    the seal are added (a rule under a seal runs on beyond it), so the seal's own characters make
    no rules and nothing outside its disc changes. They place the rules only: the cells are read
    on the page without the seal, where such a rule went with it, so no more ink is erased."""
    seals = [replace(seal, level=0.0) for seal in find_seals(unlit) if seal.light]
    if not seals:
        return horizontal_mask, vertical_mask
    within = np.zeros(unlit.shape, bool)
    for seal in seals:
        within |= seal.disc(unlit.shape, _EDGE_OF_SEAL)
    horizontal, _, vertical, _ = stroke_masks(unlit, dark_strokes(unlit, seals), None, False)
    return _continued(horizontal_mask, horizontal, within), _continued(vertical_mask, vertical, within)
