"""Table 三 (requests received and how they were handled): rows by their labels within their
group, columns by the applicant headers."""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.codes import codes
from pipeline.extract.cells import Column, body_rows, column_at, header_end, publish
from pipeline.extract.grid import Region, Segment
from pipeline.extract.labels import best_match, compact, similarity
from pipeline.extract.numbers import is_blank
from pipeline.extract.tables import Table
from pipeline.extract.templates import GROUP_LABELS, OTHER_HANDLING_PARTS, SUBGROUPS, labels
from pipeline.facts import Fact, ReportError

TABLE = "requests"
NAME = "table 三"


@dataclass
class Row:
    """One published row: its label path (outermost first) and its cells by applicant."""

    page: int
    path: list[str]
    cells: dict[str, Region]
    label: str = ""
    code: str | None = None
    score: float = 0.0
    pages: set[int] = field(default_factory=set)

    @property
    def has_values(self) -> bool:
        return any(not is_blank(region.text) for region in self.cells.values())


@dataclass
class Requests:
    facts: list[Fact]
    other_handling_split: bool


def _columns(table: Table) -> dict[int, tuple[int, list[Column]]]:
    """Per segment: where its header ends and its applicant columns (inherited when it has none)."""
    applicants = labels(TABLE, "applicant")
    result: dict[int, tuple[int, list[Column]]] = {}
    columns: list[Column] | None = None
    for index, segment in enumerate(table.segments):
        end, found = header_end(segment, applicants)
        if found:
            missing = [code for code in applicants if code not in {c.code for c in found}]
            if missing:
                raise ReportError(f"{NAME}: applicant columns not found: {', '.join(missing)}")
            columns = found
        if columns is None:
            raise ReportError(f"{NAME}: the applicant header row is missing")
        result[index] = (end, columns)
    return result


def _rows(table: Table) -> list[Row]:
    rows: list[Row] = []
    for index, (end, columns) in _columns(table).items():
        segment: Segment = table.segments[index]
        left = min(column.x0 for column in columns)
        for r in body_rows(segment, end):
            path = [region.text for region in segment.row(r) if region.xc < left and region.text.strip()]
            cells = {}
            for region in segment.starting(r):
                column = column_at(columns, region)
                if column is not None:
                    cells[column.code] = region
            if path or cells:
                rows.append(Row(page=segment.page, path=path, cells=cells, pages={segment.page}))
    return rows


class _Resolver:
    """Gives each row its outcome code, using the group it sits in (1. rows exist in several)."""

    def __init__(self) -> None:
        outcomes = codes(TABLE, "outcome")
        self.labels = {c.code: c.labels_zh for c in outcomes}
        self.top = {c.code: c.labels_zh for c in outcomes if c.parent not in SUBGROUPS}
        self.children = {
            group: {c.code: c.labels_zh for c in outcomes if c.parent == group} for group in SUBGROUPS
        }
        self.groups = {group: GROUP_LABELS[group] for group in SUBGROUPS}
        self.group: str | None = None  # the group of the rows above, for rows that do not repeat it

    def explicit_group(self, context: list[str]) -> str | None:
        for text in reversed(context):
            match = best_match(text, self.groups)
            if match:
                return match.key
        return None

    def match(self, leaf: str, context: list[str]) -> tuple[str | None, float]:
        group = self.explicit_group(context)
        if group:
            self.group = group
            candidates = self.children[group]
        else:
            candidates = {**self.top, **(self.children[self.group] if self.group else {})}
        match = best_match(leaf, candidates) or best_match(leaf, self.labels)
        if match is None:
            return None, 0.0
        parent = next((g for g in SUBGROUPS if match.key in self.children[g]), None)
        self.group = parent
        return match.key, match.score

    def score(self, text: str, code: str) -> float:
        return max(similarity(text, label) for label in self.labels[code])


def _resolve(rows: list[Row]) -> list[Row]:
    """Match every row; join labels that a page break or a wrapped cell split over two rows."""
    resolver = _Resolver()
    resolved: list[Row] = []
    unmatched: list[str] = []
    prefix = ""
    for index, row in enumerate(rows):
        leaf = prefix + (row.path[-1] if row.path else "")
        context = row.path[:-1]
        prefix = ""
        if not row.has_values:
            if not context and best_match(leaf, resolver.groups) and not best_match(leaf, resolver.top, 90):
                resolver.group = best_match(leaf, resolver.groups).key  # type: ignore[union-attr]
                continue
            following = rows[index + 1] if index + 1 < len(rows) else None
            if following is not None and following.has_values:
                tail = following.path[-1] if following.path else ""
                if not best_match(tail, resolver.labels) and best_match(leaf + tail, resolver.labels):
                    prefix = leaf
                    continue
            if resolved:
                last = resolved[-1]
                joined = last.label + leaf
                if resolver.score(joined, last.code) > last.score:  # type: ignore[arg-type]
                    last.label, last.score = joined, round(resolver.score(joined, last.code), 1)  # type: ignore[arg-type]
                    last.pages.add(row.page)
                    continue
        code, score = resolver.match(leaf, context)
        if code is None:
            if leaf or row.has_values:
                unmatched.append(f"{compact(leaf) or '(no label)'!r} (page {row.page})")
            continue
        row.label, row.code, row.score = leaf, code, score
        resolved.append(row)
    if prefix:
        unmatched.append(f"{compact(prefix)!r}")
    if unmatched:
        raise ReportError(f"{NAME}: rows not recognised: {', '.join(unmatched)}")
    split = any(row.code in OTHER_HANDLING_PARTS for row in resolved)
    if split:
        # A label-only （六）其他处理 row heads its three sub-rows; it publishes no figures.
        resolved = [row for row in resolved if not (row.code == "other_handling" and not row.has_values)]
    seen: dict[str, Row] = {}
    for row in resolved:
        if row.code in seen:
            raise ReportError(
                f"{NAME}: two rows read as {row.code}: {compact(seen[row.code].label)!r} and {compact(row.label)!r}"
            )
        seen[row.code] = row  # type: ignore[index]
    return resolved


def map_requests(table: Table) -> Requests:
    rows = _resolve(_rows(table))
    applicants = [c.code for c in codes(TABLE, "applicant")]
    facts = []
    for row in rows:
        for applicant in applicants:
            region = row.cells.get(applicant)
            facts.append(publish(TABLE, row.code, applicant, region, row.page, compact(row.label), row.score, NAME))  # type: ignore[arg-type]
    return Requests(facts, any(row.code in OTHER_HANDLING_PARTS for row in rows))

