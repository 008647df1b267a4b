"""Reports grouped into runs: each run covers a range of partitions, as a backfill's runs do.

A range of the report partitions (agency × year) from ``a|y1`` to ``b|y2`` is every agency from
``a`` to ``b`` (in the order the agencies were added) × every year from ``y1`` to ``y2``. A batch is
therefore a block of consecutive agencies over one span of years, or one agency over part of its
years. Partitions of a block that are not wanted (a year without a report) cost nothing: their
run finds no file for them."""

from __future__ import annotations

from dataclasses import dataclass
from math import ceil

from pipeline.core.catalog import partition_key


@dataclass(frozen=True)
class Batch:
    agencies: tuple[str, ...]  # consecutive in the partition order
    first_year: int
    last_year: int
    reports: tuple[tuple[str, int], ...]  # the wanted reports it covers

    @property
    def first(self) -> str:
        return partition_key(self.agencies[0], self.first_year)

    @property
    def last(self) -> str:
        return partition_key(self.agencies[-1], self.last_year)


def batches(wanted: list[tuple[str, int]], agency_order: list[str], runs: int, per_run: int) -> list[Batch]:
    """``wanted`` split into at least ``runs`` batches (when there are enough reports) of about the
    same number of reports, none above ``per_run``."""
    if not wanted:
        return []
    size = max(1, min(per_run, ceil(len(wanted) / max(1, runs))))
    rank = {code: i for i, code in enumerate(agency_order)}
    by_agency: dict[str, list[int]] = {}
    for agency, year in sorted(set(wanted), key=lambda r: (rank[r[0]], r[1])):
        by_agency.setdefault(agency, []).append(year)
    found: list[Batch] = []
    group: list[tuple[str, list[int]]] = []

    def close() -> None:
        if group:
            years = [y for _, ys in group for y in ys]
            found.append(
                Batch(tuple(a for a, _ in group), min(years), max(years), tuple((a, y) for a, ys in group for y in ys))
            )
            group.clear()

    previous = None
    for agency, years in by_agency.items():
        if previous is not None and rank[agency] != rank[previous] + 1:
            close()  # a range would take in the agencies between them
        previous = agency
        while len(years) > size:  # an agency with more reports than a batch: its own batches
            close()
            group.append((agency, years[:size]))
            close()
            years = years[size:]
        if sum(len(ys) for _, ys in group) + len(years) > size:
            close()
        group.append((agency, years))
    close()
    return found
