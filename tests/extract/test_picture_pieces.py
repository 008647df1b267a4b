"""The pieces of text of a picture without rules: boxes of ink merged while two of them join."""

from __future__ import annotations

import random

from pipeline.extract.picturetext import _merge, _union


def _pairwise(boxes, joins):
    """The plain definition: the first pair that joins (in the boxes' order) merged, then again
    from the start, until no pair joins."""
    boxes = sorted(boxes)
    while True:
        pair = next(
            ((i, j) for i in range(len(boxes)) for j in range(i + 1, len(boxes)) if joins(boxes[i], boxes[j])), None
        )
        if pair is None:
            return boxes
        i, j = pair
        boxes[i] = _union(boxes[i], boxes[j])
        del boxes[j]


EM, GAP = 20, 10


def _stacked(a, b) -> bool:  # as pieces' parts of one character: overlapping across, an em tall
    return min(a[2], b[2]) - max(a[0], b[0]) > 0 and max(a[3], b[3]) - min(a[1], b[1]) <= 1.2 * EM


def _level(a, b) -> bool:  # as pieces of one line: level, less than a gap apart
    level = min(a[3], b[3]) - max(a[1], b[1]) >= 0.5 * min(a[3] - a[1], b[3] - b[1])
    return level and max(a[0], b[0]) - min(a[2], b[2]) < GAP


def test_merging_boxes_gives_what_merging_pair_by_pair_from_the_start_gives() -> None:
    """The merge that tries again only the pairs of the box a merge changed makes the same merges,
    in the same order, as trying every pair from the start after each merge (a box grown by a
    merge may join a box neither of its parts joined, or no longer join one: order matters)."""
    rng = random.Random(7)
    merged = 0
    for _ in range(500):
        size = rng.choice([100, 200, 400])
        boxes = []
        for _ in range(rng.randint(0, 50)):
            x, y = rng.randint(0, size), rng.randint(0, size)
            boxes.append((x, y, x + rng.randint(1, 40), y + rng.randint(1, 30)))
        for joins in (_stacked, _level):
            expected = _pairwise(boxes, joins)
            assert _merge(boxes, joins, GAP) == expected, boxes
            merged += len(boxes) - len(expected)
    assert merged > 3_000  # the boxes did merge, many times
