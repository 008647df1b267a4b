"""Round seals on a page scanned without colour (grey, or one bit a pixel), found by their shape.

In colour a seal is told from the text by its red (``pageimages.without_seal``). A grey or bi-level
scanner keeps no colour, but a seal keeps its shape: a ring (or two, one inside the other) far
larger than any character, drawn all the way round. A circle is taken for a seal's ring only when
ink covers nearly all of it (``_COVERED``): the rules of a table, text or a character's round
strokes cover a few points of any circle that large, never most of it.

What is done with a seal depends on how dark its ink came out:

- **lighter than text** (a grey scan: red ink about 120 of 255, black text under 60): inside the
  seal, luminance is stretched as for a red seal, so that seal ink becomes paper and the text
  under it stays ink;
- **as dark as text** (bi-level: both are black): nothing tells the strokes apart but the rings'
  shape, so the rings (and ink inside too thick for a character: a solid star) are erased before
  the cells are read, and a cell whose ink they crossed is not trusted as a figure (part of its
  text may have gone with them).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

# The detector sees the page at this scale (a seal stays a large circle; fast).
_SCALE = 0.25
# A seal's outer ring, in pixels at 300 dpi: 1–5.4 cm across (an official round seal is 3.8–4.5
# cm, a department's smaller; a character is under 0.6 cm). Larger circles, drawn by a table's
# many crossing rules, would crowd the seals out of the detector's answer.
_MIN_RADIUS = 60
_MAX_RADIUS = 320
# Share of a circle ink must cover for it to be a seal's ring (measured: seals 1.0 in grey,
# 0.59–0.93 in one bit, where a seal's ink near the threshold comes out speckled; other circles,
# through tables and text, at most 0.33).
_COVERED = 0.5
# Share of a ring's circle covered by ink for a radius to belong to a ring's band.
_BAND = 0.35
_SAMPLES = 720
_CANDIDATES = 60
# Strokes this long (pixels at 300 dpi) are a table's rules, not a seal's: longer than any
# character's stroke.
_LONG = 60
_APART = 160  # pixels at least between the centres of two seals
_LIKELY = 0.3  # coverage near the detector's circle worth fitting
# A seal's ink this light (grey level of its rings' ink, 0–255) or lighter is told from text by
# its luminance; darker is as dark as text.
_LIGHT = 85
# Under a seal, red or light, luminance below this is ink, above twice this paper (seal ink is
# about 120).
_SEAL_INK = 60.0
# Pixels around a ring's band erased with it (its ragged edge).
_EDGE = 4
# A seal's solid star: ink this thick (pixels at 300 dpi) everywhere across once specks are
# closed, over this many pixels (more than a whole character's square; the strokes of a bold
# character closed together make under 900), near the seal's centre (within this share of its
# radius).
_SOLID = 25
_STAR = 2500
_CENTRE = 0.35
_SPECKS = 5  # a seal's ink thresholded near its own grey level comes out speckled


@dataclass(frozen=True)
class Seal:
    """A round seal on a page: its centre and outer radius (pixels), its rings' bands (inner and
    outer radius each), and the grey level of its rings' ink."""

    x: float
    y: float
    radius: float
    rings: tuple[tuple[float, float], ...]
    level: float

    @property
    def light(self) -> bool:
        return self.level >= _LIGHT

    def disc(self, shape: tuple[int, ...], margin: float = 0.0) -> np.ndarray:
        """A mask (bool) of the seal's disc, ``margin`` pixels beyond its outer ring."""
        ys, xs = np.ogrid[: shape[0], : shape[1]]
        return (xs - self.x) ** 2 + (ys - self.y) ** 2 <= (self.radius + margin) ** 2

    def ring_mask(self, shape: tuple[int, ...]) -> np.ndarray:
        """A mask (bool) of the bands of the seal's rings."""
        ys, xs = np.ogrid[: shape[0], : shape[1]]
        distance = np.sqrt((xs - self.x) ** 2 + (ys - self.y) ** 2)
        mask = np.zeros(shape[:2], bool)
        for inner, outer in self.rings:
            mask |= (distance >= inner - _EDGE) & (distance <= outer + _EDGE)
        return mask


def _ink(grey: np.ndarray) -> np.ndarray:
    _, ink = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return ink


def _coverage(ink: np.ndarray, x: float, y: float, radius: float) -> float:
    """Share of the circle's points (those on the page) that are ink; 0 when most of it lies
    off the page."""
    angles = np.linspace(0, 2 * np.pi, _SAMPLES, endpoint=False)
    xs = np.round(x + radius * np.cos(angles)).astype(int)
    ys = np.round(y + radius * np.sin(angles)).astype(int)
    on = (xs >= 0) & (ys >= 0) & (xs < ink.shape[1]) & (ys < ink.shape[0])
    if on.sum() < _SAMPLES // 2:
        return 0.0
    return float(np.mean(ink[ys[on], xs[on]] > 0))


def _fitted(ink: np.ndarray, x: float, y: float, radius: float) -> tuple[float, float, float, float]:
    """The circle near (x, y, radius) that ink covers most: (coverage, x, y, radius)."""
    step = 1 / _SCALE
    return max(
        (_coverage(ink, x + dx, y + dy, r), x + dx, y + dy, r)
        for r in np.arange(radius * 0.85, radius * 1.15, 2.0)
        for dx in (-step, 0.0, step)
        for dy in (-step, 0.0, step)
    )


def _rings(ink: np.ndarray, x: float, y: float, radius: float) -> tuple[tuple[float, float], ...]:
    """The bands of radius, from the centre out to beyond ``radius`` (the circle found may be the
    inner of two rings), whose circles ink
    nearly covers: the seal's rings."""
    radii = np.arange(radius * 0.5, radius * 1.3, 1.0)
    covered = [_coverage(ink, x, y, r) >= _BAND for r in radii]
    bands, start = [], None
    for r, on in zip([*radii, radii[-1] + 1], [*covered, False]):
        if on and start is None:
            start = r
        elif not on and start is not None:
            bands.append((float(start), float(r - 1)))
            start = None
    return tuple(bands)


def _circles(grey: np.ndarray) -> list[tuple[float, float, float]]:
    """The circles of a seal's size the detector finds on ``grey`` (pixels of ``grey``), the
    likeliest first, at most ``_CANDIDATES``."""
    small = cv2.resize(grey, None, fx=_SCALE, fy=_SCALE, interpolation=cv2.INTER_AREA)
    small = cv2.GaussianBlur(small, (5, 5), 1.5)
    circles = cv2.HoughCircles(
        small,
        cv2.HOUGH_GRADIENT,
        dp=1,
        minDist=_APART * _SCALE,
        param1=100,
        param2=40,
        minRadius=int(_MIN_RADIUS * _SCALE),
        maxRadius=int(_MAX_RADIUS * _SCALE),
    )
    if circles is None:
        return []
    return [(float(x), float(y), float(r)) for x, y, r in circles[0][:_CANDIDATES] / _SCALE]


def _without_long_strokes(grey: np.ndarray, ink: np.ndarray) -> np.ndarray:
    """``grey`` with its strokes longer than a character's (a table's rules) made paper. The
    circles a table's crossing rules make crowd the detector's answer, and a seal over the table
    may be placed among them too far off to fit (official-6's grey seal over table 三: found 46
    pixels off its centre, its rings 0.41 covered); without the rules it is the likeliest circle."""
    long = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, _LONG), np.uint8))
    long |= cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((_LONG, 1), np.uint8))
    cleaned = grey.copy()
    cleaned[cv2.dilate(long, np.ones((3, 3), np.uint8)) > 0] = 255
    return cleaned


def find_seals(grey: np.ndarray) -> list[Seal]:
    """The round seals on a page (grey levels, 0 ink, 255 paper, about 300 dpi): the circles the
    detector finds on the page, then on the page without its rules (``_without_long_strokes``),
    each kept where ink covers it as a seal's ring."""
    if min(grey.shape[:2]) < 2 * _MIN_RADIUS:
        return []  # a picture smaller than any seal
    ink = _ink(grey)
    candidates = [*_circles(grey), *_circles(_without_long_strokes(grey, ink))]
    seals: list[Seal] = []
    for x, y, radius in candidates:
        if any((x - s.x) ** 2 + (y - s.y) ** 2 <= s.radius**2 for s in seals):
            continue  # a ring inside a seal already found
        if max(_coverage(ink, x, y, r) for r in np.arange(radius * 0.9, radius * 1.1, 4.0)) < _LIKELY:
            continue
        covered, x, y, radius = _fitted(ink, float(x), float(y), float(radius))
        if covered < _COVERED:
            continue
        rings = _rings(ink, x, y, radius)
        if not rings:
            continue
        outer = max(band[1] for band in rings)
        seal = Seal(x, y, outer, rings, 0.0)
        stroke = seal.ring_mask(grey.shape) & (ink > 0)
        seals.append(Seal(x, y, outer, rings, float(np.median(grey[stroke])) if stroke.any() else 0.0))
    return seals


def dark_strokes(grey: np.ndarray, seals: list[Seal]) -> np.ndarray:
    """A mask (bool) of the strokes of the seals as dark as text that their shape tells apart:
    their rings, and inside them ink too thick for a character (a solid star)."""
    mask = np.zeros(grey.shape, bool)
    dark = [seal for seal in seals if not seal.light]
    if not dark:
        return mask
    ink = cv2.morphologyEx(_ink(grey), cv2.MORPH_CLOSE, np.ones((_SPECKS, _SPECKS), np.uint8))
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (_SOLID, _SOLID))
    count, labels, stats, centres = cv2.connectedComponentsWithStats(cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel))
    for seal in dark:
        mask |= seal.ring_mask(grey.shape)
        for label in range(1, count):
            x, y = centres[label]
            near = (x - seal.x) ** 2 + (y - seal.y) ** 2 <= (_CENTRE * seal.radius) ** 2
            if near and stats[label, cv2.CC_STAT_AREA] >= _STAR:
                star = (labels == label).astype(np.uint8)
                mask |= cv2.dilate(star, np.ones((4 * _EDGE + 1,) * 2, np.uint8)) > 0
    return mask


def lighten(grey: np.ndarray, seals: list[Seal]) -> np.ndarray:
    """``grey`` with the ink of its light seals made paper: inside each, luminance stretched so
    that the seal's ink (lighter than text) becomes paper and the text under it stays ink."""
    light = [seal for seal in seals if seal.light]
    if not light:
        return grey
    inside = np.zeros(grey.shape, bool)
    for seal in light:
        inside |= seal.disc(grey.shape, _EDGE * 2)
    return seal_ink_lifted(grey, inside)


def seal_ink_lifted(grey: np.ndarray, where: np.ndarray) -> np.ndarray:
    """``grey`` with its luminance stretched at ``where`` (a seal's pixels): seal ink, lighter
    than text, becomes paper and the text under it stays ink."""
    stretched = np.clip((grey.astype(np.float32) - _SEAL_INK) * (255.0 / _SEAL_INK), 0, 255).astype(np.uint8)
    cleaned = grey.copy()
    cleaned[where] = stretched[where]
    return cleaned
