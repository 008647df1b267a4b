"""The crosswalk from the indicators of the old statistics tables (2008–2018) to the harmonised
measures of the long series (``crosswalk.csv``, ``measures.csv``).

Before the 2019 national template each province set its own "政府信息公开情况统计表", so the same
figure is printed under different labels ("受理依申请公开信息总数", "受理申请总数") and one label
can mean different things in different sections ("其他类型" is a kind of reply only under
"对申请的答复总数"). A published indicator is matched by its normalised label (``indicator_key``)
and, where the crosswalk says so, the normalised label of the section it is printed in. Each
mapping says how comparable it is with the 2019+ figure (``same``, ``close``, ``partial``, or
``legacy only`` where the 2019 template has no counterpart) and why. An indicator the crosswalk
does not name stays unmapped: it is kept in ``legacy_facts`` and listed, never forced onto a measure.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

COMPARABILITY = ("same", "close", "partial", "legacy only")

# "其中：", "1.", "1、", "（一）", "(1)", "①": the marks of a sub-row, not part of the indicator.
_LEADING = re.compile(
    r"^(?:其中[:：]?|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）][、.．]?|\d+[、.．]|[①-⑳])+"
)
# A unit printed after the label: "(件)", "（条）".
_UNIT_SUFFIX = re.compile(r"[（(](?:件|条|个|项|次|人次|份|元|万元)[)）]$")
_NOISE = re.compile(r"[^\w]")


@cache
def indicator_key(label: str) -> str:
    """An old table's indicator label in comparable form: NFKC, without whitespace, sub-row marks
    (其中, numbering), a trailing unit or punctuation: "其中：1.信函、传真申请数" → "信函传真申请数"."""
    text = "".join(unicodedata.normalize("NFKC", label).split())
    previous = None
    while previous != text:
        previous = text
        text = _LEADING.sub("", text)
        text = _UNIT_SUFFIX.sub("", text)
    return _NOISE.sub("", text.replace("_", ""))


@dataclass(frozen=True)
class Mapping:
    """One reviewed mapping: an indicator (in ``within`` when set) is the measure."""

    label: str
    within: str
    measure: str
    comparability: str
    note: str
    citation: str

    @property
    def key(self) -> str:
        return indicator_key(self.label)

    @property
    def within_key(self) -> str:
        return indicator_key(self.within) if self.within else ""


@dataclass(frozen=True)
class Measure:
    measure: str
    label_zh: str
    label_en: str
    since_2019: str  # how the 2019+ facts give it; empty: no counterpart after 2018


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("pipeline.core").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


@cache
def measures() -> tuple[Measure, ...]:
    return tuple(Measure(**row) for row in _rows("measures.csv"))


@cache
def crosswalk() -> tuple[Mapping, ...]:
    """Every mapping of ``crosswalk.csv``; a measure or comparability it does not know is an error
    of the file, found when it is read."""
    known = {m.measure for m in measures()}
    mappings = tuple(Mapping(**row) for row in _rows("crosswalk.csv"))
    for m in mappings:
        if m.measure not in known or m.comparability not in COMPARABILITY:
            raise ValueError(f"crosswalk.csv: {m.label}: unknown measure {m.measure!r} or comparability")
    return mappings


def mappings(label: str, section: str = "") -> list[Mapping]:
    """The mappings of an indicator printed as ``label`` in the section headed ``section``, one
    per measure (a phrase may state two: "行政复议、提起行政诉讼的申请"): for each, one that names
    the section before one for any section; empty when unmapped."""
    key, within = indicator_key(label), indicator_key(section) if section else ""
    candidates = [m for m in crosswalk() if m.key == key and m.within_key in ("", within)]
    candidates.sort(key=lambda m: m.within_key == "")
    chosen: dict[str, Mapping] = {}
    for m in candidates:
        chosen.setdefault(m.measure, m)
    return list(chosen.values())
