"""Row and column labels: normalisation and fuzzy matching against the canonical labels.

Published labels differ from the national template in harmless ways (spaces and line breaks
inside, full-width or half-width forms, "1、"/"1."/"（1）" numbering, an omitted explanatory
parenthesis) and sometimes in small typos. Labels are compared after normalisation with the
InDel similarity of rapidfuzz (0-100); a label matches when the best score reaches
``THRESHOLD``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

# Below this similarity a published label is not taken for a canonical one. One wrong or missing
# character in a label of six or more characters scores above it; a different label scores far below.
THRESHOLD = 75.0

_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十\d]+\)[、.]?|\d+[、.]?)")
_PARENTHESIS = re.compile(r"\([^()]*\)?")
# Everything but letters, digits and parentheses is noise for comparison (quotes, commas, slashes).
_NOISE = re.compile(r"[^\w()]")


@lru_cache(maxsize=8192)
def normalise(text: str) -> str:
    """Comparable form: NFKC, no whitespace or punctuation, no leading numbering."""
    text = unicodedata.normalize("NFKC", text)
    text = _NUMBERING.sub("", "".join(text.split()), count=1)
    return _NOISE.sub("", text.replace("_", ""))


@lru_cache(maxsize=8192)
def core(text: str) -> str:
    """The normalised label without explanatory parentheses: 部分公开（区分处理的…） → 部分公开."""
    return _PARENTHESIS.sub("", normalise(text)) or normalise(text)


def compact(text: str) -> str:
    """The published text on one line with its inner whitespace removed (for reports)."""
    return "".join(text.split())


def similarity(published: str, canonical: str) -> float:
    """0-100: how well a published label matches one canonical label."""
    a, b = normalise(published), normalise(canonical)
    if not a or not b:
        return 0.0
    return max(fuzz.ratio(a, b), fuzz.ratio(core(published), core(canonical)))


@dataclass(frozen=True)
class Match:
    key: str
    score: float


def best_match(published: str, candidates: Mapping[str, Iterable[str]], threshold: float = THRESHOLD) -> Match | None:
    """The candidate (key → its labels) whose label is most similar, if similar enough."""
    best: Match | None = None
    for key, labels in candidates.items():
        score = max((similarity(published, label) for label in labels), default=0.0)
        if best is None or score > best.score:
            best = Match(key, round(score, 1))
    return best if best is not None and best.score >= threshold else None
