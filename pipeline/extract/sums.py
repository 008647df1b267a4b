"""The sums tables 三 and 四 publish (each total the sum of its parts), as a proof of figures a scan
read where its labels had to be named by their place.

Two or more labels of a table named by their place mean the scan lost strokes across that table
(a Song face's hairline horizontals under a one-bit scanner's threshold). Its figures lost them
too, and OCR may read what is left as another figure with confidence: a 4 without its bar reads 1
(0.94 on 淮安市 2024's one-bit scan). So a figure of such a table is kept only where a sum it is
part of holds with every part read: a lost stroke changes a figure's value, and the sum with it,
and a sum that holds also proves the rows and columns its figures were published under. Any other
figure is NULL (``NOT_PROVEN``): never a guess. A sum that fails proves nothing either way (the
publisher's own totals may not add up)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from decimal import Decimal

from pipeline.core.codes import codes
from pipeline.core.facts import Fact
from pipeline.extract.templates import OTHER_HANDLING_PARTS

NOT_PROVEN = "labels named by their place, and no sum holds over the figure"

Key = tuple[str, str]  # (row, column)
Sum = tuple[list[Key], list[Key]]  # two sides published equal: a total and its parts

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
    sums: list[Sum] = [([(row, "total")], [(row, column) for column in applicants]) for row in rows]
    for column in [*applicants, "total"]:
        sums.append(([("total_processed", column)], [(row, column) for row in outcomes]))
        sums.append(
            (
                [("new_requests", column), ("carried_over", column)],
                [("total_processed", column), ("carried_forward", column)],
            )
        )
    return sums


def review_sums() -> list[Sum]:
    """Table 四's sums: per proceeding, 总计 the sum of the results."""
    results = [c.code for c in codes("review", "result") if c.code != "total"]
    return [([(p.code, "total")], [(p.code, r) for r in results]) for p in codes("review", "proceeding")]


def proven_only(facts: Sequence[Fact], sums: Iterable[Sum]) -> list[Fact]:
    """``facts`` with every figure that no sum holding with every part read proves made NULL
    (confidence 0, ``NOT_PROVEN``), a blank too (a sum with a blank part is not checked: blank
    is not zero); a cell already unreadable keeps its own reason."""
    values: dict[Key, Decimal | None] = {(fact.row, fact.column): fact.value for fact in facts}
    proven: set[Key] = set()
    for left, right in sums:
        sides = [[values.get(key) for key in side] for side in (left, right)]
        read = all(value is not None for side in sides for value in side)
        if read and sum(sides[0]) == sum(sides[1]):  # type: ignore[arg-type]
            proven.update([*left, *right])
    # A blank is not kept either: a figure whose every stroke fell under the threshold reads as
    # blank (淮安市 2024's one-bit scan: 11, 1 and 2 read blank at confidence 1.0, until the reader
    # took a stroke's piece left inside a cell as unreadable; one that left no piece still does).
    return [
        fact
        if fact.unreadable or (fact.row, fact.column) in proven
        else replace(fact, value=None, confidence=0.0, doubt=NOT_PROVEN)
        for fact in facts
    ]
