"""Which ruled tables are tables 二, 三 and 四, and how they continue across pages."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from pipeline.core.codes import COLUMN_DIMENSION, ROW_DIMENSION
from pipeline.core.facts import ReportError
from pipeline.extract.labels import best_match, normalise
from pipeline.extract.numbers import looks_numeric
from pipeline.extract.segments import Segment, continue_row
from pipeline.extract.templates import GROUP_LABELS, labels

KINDS = ("proactive", "requests", "review")
# Stricter than row matching: a table is recognised by labels it prints almost verbatim.
_CLASSIFY_THRESHOLD = 85.0
# How far apart (PDF points) the outer rules of a table and of its continuation may be.
_SAME_EDGE = 4.0
_EXTRA = {
    "proactive": {"_content": ("信息内容",), "_article": ("第二十条第（一）项",)},
    "requests": {**GROUP_LABELS, "_applicant": ("申请人情况",), "_legal": ("法人或其他组织",)},
    "review": {"_litigation": ("行政诉讼",)},
}


@dataclass
class Table:
    """One of tables 二, 三, 四: its ruled segments in reading order, one per page it spans."""

    kind: str
    segments: list[Segment] = field(default_factory=list)

    @property
    def pages(self) -> list[int]:
        return sorted({segment.page for segment in self.segments})


@cache
def _vocabulary(kind: str) -> dict[str, tuple[str, ...]]:
    return {
        **labels(kind, ROW_DIMENSION[kind]),
        **labels(kind, COLUMN_DIMENSION[kind]),
        **_EXTRA[kind],
    }


def classify(segment: Segment) -> str | None:
    """The table a segment belongs to, by the distinct labels of each table it prints."""
    return kind_of([region.text for region in segment.regions()])


def kind_of(texts: Iterable[str]) -> str | None:
    """The table whose distinct labels the texts print: at least two of them, and more than of
    any other table's."""
    hits = {kind: set() for kind in KINDS}
    for text in texts:
        if len(normalise(text)) < 3 or looks_numeric(text):
            continue
        for kind in KINDS:
            match = best_match(text, _vocabulary(kind), _CLASSIFY_THRESHOLD)
            if match:
                hits[kind].add(match.key)
    kind = max(KINDS, key=lambda k: len(hits[k]))
    return kind if len(hits[kind]) >= 2 else None


def _continues(previous: Segment, segment: Segment) -> bool:
    """A segment at the top of a page continues the last table of the page before when it has the
    same right edge and its left edge is a column edge of that table (a table broken by the page
    keeps its columns)."""
    if not (segment.first_on_page and previous.last_on_page and segment.page == previous.page + 1):
        return False
    if abs(segment.cols[-1][1] - previous.cols[-1][1]) > _SAME_EDGE:
        return False
    # Its left edge, or the other's, is a column edge of both: a cell continued from the page before
    # (三、本年度办理结果 over many rows) may be printed without its outer rule, one column narrower.
    edges = [[x0 for x0, _ in s.cols] for s in (previous, segment)]
    return any(abs(edges[1 - i][0] - x) <= _SAME_EDGE for i in (0, 1) for x in edges[i])


def _opens(header: Segment, segment: Segment) -> bool:
    """Whether a segment without figures at the foot of a page is the top of the table that goes
    on at the top of the next (its header cut by the page end)."""
    texts = [region.text for region in header.regions() if region.text.strip()]
    return bool(texts) and not any(looks_numeric(text) for text in texts) and _continues(header, segment)


def assemble(segments: list[Segment]) -> tuple[dict[str, Table], list[str]]:
    """Group segments into tables 二, 三 and 四; an unrecognised segment that opens a page continues
    the table that closed the previous page, other unrecognised segments are passed over. Returns
    the tables and notes on what was ignored."""
    tables: dict[str, Table] = {}
    notes: list[str] = []
    current: Table | None = None
    unknown: Segment | None = None  # the segment before, when no table was recognised in it
    for segment in segments:
        kind = classify(segment)
        last = current.segments[-1] if current is not None else None
        if last is not None and (
            kind == current.kind
            and segment.page in (last.page, last.page + 1)  # type: ignore[union-attr]
            or kind is None
            and _continues(last, segment)
        ):
            joined = continue_row(last, segment) if segment.page == last.page + 1 else None  # type: ignore[union-attr]
            if joined is not None:
                current.segments[-1], segment = joined  # type: ignore[union-attr]
            current.segments.append(segment)  # type: ignore[union-attr]
        elif kind is None:
            unknown = segment
            continue
        elif kind in tables:
            notes.append(f"ignored a second table like {kind} on page {segment.page}")
            current = None
        else:
            # A table's first rows alone at the foot of a page, cut by its end (行政 above the
            # break, 复议 below): too few to be recognised, no figure, but the table's columns go on.
            opening = [unknown] if unknown is not None and _opens(unknown, segment) else []
            current = tables[kind] = Table(kind, [*opening, segment])
        unknown = None
    return tables, notes


def has_report_tables(segments: list[Segment], absent: Iterable[str] = ()) -> bool:
    """Whether tables 二, 三 and 四 are all among ``segments`` (a web page's own, not pictures of
    them), but those ``absent`` (not published: text in their place, ``standins.py``)."""
    try:
        tables, _ = assemble(segments)
    except ReportError:
        return False
    return all(kind in tables for kind in KINDS if kind not in set(absent))
