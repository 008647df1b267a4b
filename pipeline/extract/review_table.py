"""Table 四 (administrative review and litigation): each figure by the proceeding and result
named in the headers above it and the labels beside it, so either orientation reads."""

from __future__ import annotations

from pipeline.core.facts import Fact, ReportError
from pipeline.extract.cells import first_figure_row, publish
from pipeline.extract.classify import Table
from pipeline.extract.labels import best_match, compact
from pipeline.extract.numbers import is_blank, looks_numeric
from pipeline.extract.segments import Region, Segment, continue_header
from pipeline.extract.templates import labels

TABLE = "review"
NAME = "table 四"

HeaderPaths = list[tuple[float, float, list[str]]]  # per grid column: x extent, header texts top-down


def _header_paths(segment: Segment, limit: int) -> HeaderPaths:
    paths: HeaderPaths = []
    for c, (x0, x1) in enumerate(segment.cols):
        texts: list[str] = []
        for r in range(limit):
            region = segment.at[r][c]
            if region.text.strip() and region.text not in texts:
                texts.append(region.text)
        paths.append((x0, x1, texts))
    return paths


def _continued(above: HeaderPaths, below: HeaderPaths) -> HeaderPaths:
    """The header paths of a header printed over two pages: per column of the lower part, the
    texts above it on the page before, then its own."""
    paths: HeaderPaths = []
    for x0, x1, texts in below:
        first = next((path for a0, a1, path in above if a0 <= (x0 + x1) / 2 <= a1), [])
        paths.append((x0, x1, first + [text for text in texts if text not in first]))
    return paths


def _path_at(paths: HeaderPaths, region: Region) -> list[str]:
    for x0, x1, texts in paths:
        if x0 <= region.xc <= x1:
            return texts
    return []


def map_review(table: Table) -> list[Fact]:
    proceedings = labels(TABLE, "proceeding")
    results = labels(TABLE, "result")
    cells: dict[tuple[str, str], Fact] = {}
    paths: HeaderPaths | None = None
    header_only: Segment | None = None  # a header at the foot of a page, its figures on the next
    for segment in table.segments:
        limit = first_figure_row(segment)
        if limit > 0 and header_only is not None:
            # The header goes on at the top of this page: the rest of cut cells, or rows of its own.
            joined = continue_header(header_only, segment)
            if joined is not None:
                header_only, segment, _ = joined
            paths = _continued(_header_paths(header_only, header_only.nrows), _header_paths(segment, limit))
        elif limit > 0:  # a header; when it fills the segment, the figures follow on the next page
            paths = _header_paths(segment, limit)
        header_only = segment if limit == segment.nrows else None
        if paths is None:
            raise ReportError(f"{NAME}: the header rows are missing")
        for r in range(limit, segment.nrows):
            regions = segment.starting(r)
            side = [region.text for region in segment.row(r) if region.text.strip() and not looks_numeric(region.text)]
            for region in regions:
                if region.text.strip() and not looks_numeric(region.text) and not is_blank(region.text):
                    continue  # a row label, not a figure
                context = _path_at(paths, region) + side
                result = max(
                    (m for m in (best_match(text, results) for text in context) if m),
                    key=lambda m: m.score,
                    default=None,
                )
                if result is None:
                    continue
                proceeding_text, proceeding = max(
                    ((text, m) for text in context if (m := best_match(text, proceedings))),
                    key=lambda pair: pair[1].score,
                    default=("", None),
                )
                if proceeding is None:
                    raise ReportError(
                        f"{NAME}: no proceeding for the figure {compact(region.text)!r} on page {region.page} "
                        f"(headers: {', '.join(compact(t) for t in context)})"
                    )
                fact = publish(
                    TABLE,
                    proceeding.key,
                    result.key,
                    region,
                    region.page,
                    compact(proceeding_text),
                    proceeding.score,
                    NAME,
                )
                key = (proceeding.key, result.key)
                if key in cells:
                    if fact.value is None:
                        continue
                    if cells[key].value is not None:
                        raise ReportError(f"{NAME}: two figures for {proceeding.key} × {result.key}")
                cells[key] = fact
    return list(cells.values())
