"""Rows of table 二 a report leaves out: 规章 (departmental rules), which only a government with
the power to make rules issues, is a row a department's report may not print at all, its
第二十条第（一）项 holding 行政规范性文件 alone (平潭综合实验区农业农村局 on 2025). Such a row's cells
are NULL facts (``ROW_NOT_PUBLISHED``), never 0: nothing is printed there to read."""

from __future__ import annotations

from collections.abc import Iterable

from pipeline.core.codes import code
from pipeline.core.facts import ROW_NOT_PUBLISHED, Fact
from pipeline.extract.classify import Table
from pipeline.extract.labels import compact

Cell = tuple[str, str, str]
# Only rows a report may rightly leave out: a lost row of any other item (a page end, a reader's
# slip) must fail the reading, not pass as "not published".
OMISSIBLE = frozenset({"rules"})


def rows_not_printed(table: Table, missing: set[Cell], read: Iterable[Fact]) -> list[Fact]:
    """NULL facts for each omissible item of table 二 none of whose cells was found, when its label is
    printed nowhere in the table and an item with the same measures was read (the columns the row
    would have are printed). Any other missing cell stays missing (the reading fails), as does a
    row whose label is printed, so a row a reader lost is never taken for one not printed; the
    caller leaves out tables with rows it could not recognise."""
    text = compact("".join(region.text for segment in table.segments for row in segment.at for region in row))
    by_item: dict[str, set[str]] = {}
    for kind, item, measure in missing:
        if kind == "proactive" and item in OMISSIBLE:
            by_item.setdefault(item, set()).add(measure)
    found: dict[str, set[str]] = {}
    for fact in read:
        if fact.table == "proactive" and fact.value is not None:
            found.setdefault(fact.row, set()).add(fact.column)
    first = table.segments[0]
    where = first.at[0][0].locator.split(",")[0] if first.at and first.at[0] and first.at[0][0].locator else None
    omitted = []
    for item, measures in sorted(by_item.items()):
        printed = any(compact(label) in text for label in code("proactive", "item", item).labels_zh)
        sibling = any(columns >= measures for other, columns in found.items() if other != item)
        if printed or not sibling:
            continue
        omitted += [
            Fact(
                "proactive",
                item,
                measure,
                None,
                None if where else first.page,
                "",
                locator=where,
                doubt=ROW_NOT_PUBLISHED,
            )
            for measure in sorted(measures)
        ]
    return omitted
