"""The sums tables 三 and 四 publish (each total the sum of its parts): a confirmation of figures
a scan read below ``OCR_MIN_CONFIDENCE``, and a proof of figures read where a table's labels had
to be named by their place.

A figure OCR read below the threshold, or that a seal crosses, is NULL (``OCR_UNSURE``,
``UNDER_SEAL``), unless a published sum confirms it (``confirmed``): the sum holds with it, every other part and total read with confidence (or
confirmed), and its reading a plain number. The sum's other parts are readings independent of it: an unsure
reading that agrees exactly with them is confirmed, not guessed (a misread figure agrees only by
coincidence). A sum that fails confirms nothing (a publisher's totals may not add up), and a
blank is never confirmed as 0.

Two or more labels of a table named by their place mean the scan lost strokes across that table
(a Song face's hairline horizontals under a one-bit scanner's threshold). Its figures lost them
too, and OCR may read what is left as another figure with confidence: a 4 without its bar reads 1
(0.94 on 淮安市 2024's one-bit scan). So a figure of such a table is kept only where a sum it is
part of holds with every part read (``proven_only``): a lost stroke changes a figure's value, and
the sum with it, and a sum that holds also proves the rows and columns its figures were published
under. Any other figure is NULL (``NOT_PROVEN``): never a guess. A sum that fails proves nothing
either way (the publisher's own totals may not add up)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from pipeline.core.codes import codes
from pipeline.core.facts import OCR_UNSURE, UNDER_SEAL, Fact
from pipeline.extract.templates import OTHER_HANDLING_PARTS

NOT_PROVEN = "labels named by their place, and no sum holds over the figure"

Key = tuple[str, str]  # (row, column)

# A reading confirmed only as it stands: digits, nothing OCR had to leave out or take for a digit.
_PLAIN = re.compile(r"0|[1-9][0-9]*")


@dataclass(frozen=True)
class Sum:
    """Two sides a table publishes equal (a total and its parts), and where, in words."""

    left: list[Key]
    right: list[Key]
    name: str

    @property
    def keys(self) -> list[Key]:
        return [*self.left, *self.right]


# Table 三's rows outside the outcomes (一)…(六) its (七)总计 adds up.
_NOT_OUTCOMES = ("new_requests", "carried_over", "total_processed", "carried_forward")


def request_sums(split: bool) -> list[Sum]:
    """Table 三's sums: per row, 总计 the sum of the applicants; per column, (七)总计 the sum of
    the outcomes (（六）其他处理 as one row, or as its three when ``split``), and 一 + 二 (received,
    carried over) = (七)总计 + 四 (carried forward)."""
    applicants = [c.code for c in codes("requests", "applicant") if c.code != "total"]
    left_out = ("other_handling",) if split else OTHER_HANDLING_PARTS
    rows = [c.code for c in codes("requests", "outcome") if c.code not in left_out]
    outcomes = [row for row in rows if row not in _NOT_OUTCOMES]
    sums = [Sum([(row, "total")], [(row, column) for column in applicants], "the row's 总计") for row in rows]
    for column in [*applicants, "total"]:
        sums.append(Sum([("total_processed", column)], [(row, column) for row in outcomes], "the column's (七)总计"))
        sums.append(
            Sum(
                [("new_requests", column), ("carried_over", column)],
                [("total_processed", column), ("carried_forward", column)],
                "the column's 一 + 二 = (七)总计 + 四",
            )
        )
    return sums


def review_sums() -> list[Sum]:
    """Table 四's sums: per proceeding, 总计 the sum of the results."""
    results = [c.code for c in codes("review", "result") if c.code != "total"]
    return [
        Sum([(p.code, "total")], [(p.code, r) for r in results], "the proceeding's 总计")
        for p in codes("review", "proceeding")
    ]


def _holds(values: dict[Key, Decimal | None], total: Sum) -> bool:
    """Whether a sum holds with every part read (a blank part is not zero: the sum is not checked)."""
    sides = [[values.get(key) for key in side] for side in (total.left, total.right)]
    if any(value is None for side in sides for value in side):
        return False
    return sum(sides[0]) == sum(sides[1])  # type: ignore[arg-type]


def _proven(values: dict[Key, Decimal | None], sums: Sequence[Sum]) -> set[Key]:
    """The cells of every sum that holds with every part read."""
    return {key for total in sums if _holds(values, total) for key in total.keys}


def _unsure(fact: Fact) -> Decimal | None:
    """What OCR read of a figure it was not sure of, or that a seal crosses, where that is a plain
    number. A seal may take a stroke of a digit, as a one-bit scan takes a hairline: the value the
    figure reads changes, and a sum holding with it shows it did not. A cell NULL for a lost rule
    or a row two labels share stays NULL: its figure may be another cell's, and a row's sum holds
    with two figures swapped."""
    if not fact.unreadable or fact.doubt not in (OCR_UNSURE, UNDER_SEAL) or not _PLAIN.fullmatch(fact.raw.strip()):
        return None
    return Decimal(fact.raw.strip())


def _why(fact: Fact, total: Sum) -> str:
    read = "read under a seal" if fact.doubt == UNDER_SEAL else f"read at {fact.confidence:.2f}"
    return f"{read}, confirmed by {total.name}"


def confirmed(facts: Sequence[Fact], sums: Sequence[Sum]) -> list[Fact]:
    """``facts`` with each figure read below the threshold kept where a sum holds with its reading,
    every other part of the sum read with confidence: the kept figure keeps OCR's confidence, and
    its ``doubt`` says which sum confirmed it.

    Only ever OCR's own reading is kept, never a figure worked out from a sum, so every figure is
    still a reading made apart from the others. That is why a confirmed figure may confirm the
    next (the next unsure reading agrees with readings, one of them confirmed, exactly as with a
    sum of readings at the threshold), and why, in a table whose labels were named by their place,
    ``proven_only`` may count it as read: its proof rests on a sum holding with every figure as OCR
    read it, not on OCR's confidence (a lost stroke changes a reading, and the sum with it,
    whatever OCR thought of the ink), and the unsure reading is one more figure the sum checks."""
    facts = list(facts)
    at = {(fact.row, fact.column): n for n, fact in enumerate(facts)}
    values: dict[Key, Decimal | None] = {(fact.row, fact.column): fact.value for fact in facts}
    readings = {key: reading for key, n in at.items() if (reading := _unsure(facts[n])) is not None}
    if any(fact.value is None and not fact.unreadable for fact in facts):
        # A sum cannot tell 0 from a blank: in a table that prints blank cells, a 0 read unsure
        # (a speck, a seal's leftover ink) may stand in one, so only a table of figures confirms it.
        readings = {key: reading for key, reading in readings.items() if reading != 0}
    found = True
    while found:
        found = False
        for total in sums:
            unsure = [key for key in total.keys if key in readings and values[key] is None]
            if len(unsure) != 1:
                continue
            (key,) = unsure
            if _holds({**values, key: readings[key]}, total):  # every other part read, none blank
                values[key] = readings[key]
                fact = facts[at[key]]
                facts[at[key]] = replace(fact, value=readings[key], doubt=_why(fact, total))
                found = True
    return facts


def proven_only(facts: Sequence[Fact], sums: Sequence[Sum]) -> list[Fact]:
    """``facts`` with every figure that no sum holding with every part read proves made NULL
    (confidence 0, ``NOT_PROVEN``), a blank too (a sum with a blank part is not checked: blank
    is not zero); a cell already unreadable keeps its own reason."""
    proven = _proven({(fact.row, fact.column): fact.value for fact in facts}, sums)
    # A blank is not kept either: a figure whose every stroke fell under the threshold reads as
    # blank (淮安市 2024's one-bit scan: 11, 1 and 2 read blank at confidence 1.0, until the reader
    # took a stroke's piece left inside a cell as unreadable; one that left no piece still does).
    return [
        fact
        if fact.unreadable or (fact.row, fact.column) in proven
        else replace(fact, value=None, confidence=0.0, doubt=NOT_PROVEN)
        for fact in facts
    ]
