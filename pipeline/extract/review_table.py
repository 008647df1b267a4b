"""Table 四 (administrative review and litigation): each figure by the proceeding and result
named in the headers above it and the labels beside it, so either orientation reads. On a scan,
one header OCR could not read (a proceeding, or a result under its proceeding) is named by its
place among the others (``inferred.nested_in_place``); several, at one level
(``inferred.headers_in_place``) or at both where the grid proves them
(``inferred.spans_in_place``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from pipeline.core.facts import Fact, ReportError
from pipeline.extract.cells import EDGE, first_figure_row, from_above, over_rows, publish, two_rows
from pipeline.extract.classify import Table
from pipeline.extract.inferred import headers_in_place, nested_in_place, place_note, spans_in_place
from pipeline.extract.labels import Match, best_match, compact, similarity
from pipeline.extract.numbers import is_blank, looks_numeric
from pipeline.extract.segments import Region, Segment, continue_header
from pipeline.extract.sums import confirmed, proven_only, review_sums
from pipeline.extract.templates import labels

TABLE = "review"
NAME = "table 四"

HeaderPaths = list[tuple[float, float, list[str]]]  # per grid column: x extent, header texts top-down
Named = dict[str, str]  # the text of a header named by its place → its code


@dataclass
class Review:
    facts: list[Fact]
    notes: list[str] = field(default_factory=list)  # headers named by their place
    headers: list[Region] = field(default_factory=list)  # the header cells named by their place


def _named(
    segment: Segment, limit: int, proceedings: Mapping[str, Sequence[str]], results: Mapping[str, Sequence[str]]
) -> list[tuple[Region, str]]:
    """The header cells above ``limit`` that OCR could not read, named by their place: one, a
    proceeding among the proceedings or a result among the results under its proceeding
    (``inferred.nested_in_place``); else two or more at either level, where with the cells
    matched they are exactly the template's (``inferred.headers_in_place``); else at both levels
    together, where each proceeding spans exactly the template's results
    (``inferred.spans_in_place``; also where each level leaves one). None when the grid does not
    prove both levels there, or when two cells of one text would be named apart."""
    cells = [region for region in segment.regions() if region.r0 < limit and region.text.strip()]
    level: dict[int, tuple[str, str]] = {}  # a cell matched: its dimension and code
    for region in cells:
        proceeding, result = best_match(region.text, proceedings), best_match(region.text, results)
        if proceeding is not None and (result is None or proceeding.score >= result.score):
            level[id(region)] = ("proceeding", proceeding.key)
        elif result is not None:
            level[id(region)] = ("result", result.key)

    def at(dimension: str) -> list[tuple[Region, str | None]]:
        """The cells not matched at the other level, with their code at this one."""
        return [
            (region, level[id(region)][1] if id(region) in level else None)
            for region in cells
            if level.get(id(region), (dimension,))[0] == dimension
        ]

    heads = [region for region, code in at("proceeding") if code is not None]
    found = [
        guess
        for guess in (
            nested_in_place(segment, at("proceeding"), [list(proceedings)]),
            nested_in_place(segment, at("result"), [list(results)], over=heads),
        )
        if guess is not None
    ]
    if len(found) == 1:
        return found
    if not found:
        found = [
            *headers_in_place(segment, at("proceeding"), [list(proceedings)], proceedings),
            *headers_in_place(segment, at("result"), [list(results)], results, over=heads),
        ]
    if not found:  # cells unread at both levels, each telling the other's place: the grid must prove both
        header = [(region, level[id(region)][1] if id(region) in level else None) for region in cells]
        found = spans_in_place(segment, limit, header, proceedings, results)
    # A cell named at both levels names nothing; nor does one text named two ways (named cells
    # are looked up by their text).
    once = len({id(region) for region, _ in found}) == len(found)
    texts = {region.text for region, _ in found}
    return found if once and len({(region.text, code) for region, code in found}) == len(texts) else []


def _match(text: str, candidates: Mapping[str, Sequence[str]], named: Named) -> Match | None:
    """The code a header's text names: its label's, or the one its place names (with the text's
    own similarity to that code's label)."""
    if named.get(text) in candidates:
        code = named[text]
        return Match(code, round(max(similarity(text, label) for label in candidates[code]), 1))
    return best_match(text, candidates)


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


def _figures_left(segment: Segment, limit: int) -> float:
    """Where the figures below the header begin (less ``EDGE``): the cells left of it are the
    rows' labels when proceedings or results are printed as rows; none in a table printed with
    its figures in one row under the header."""
    figures = [
        region.x0
        for region in segment.regions()
        if region.r0 >= limit and (looks_numeric(region.text) or (region.text.strip() and is_blank(region.text)))
    ]
    return min(figures, default=float("inf")) - EDGE


def _blank_body(segment: Segment, limit: int, results: Mapping[str, Sequence[str]], continued: bool = False) -> int:
    """Where the header of a segment printing no figure ends: under its lowest result header when
    the cells below are blank (table 四 published blank: no review or suit that year), but for
    texts that start no further right than the first blank (row labels, a 注：… note across the
    table); its first row when the segment ``continued`` a header that ended the page before and
    holds nothing but blank cells; else ``limit`` (a header at the foot of a page, its figures on
    the next)."""
    if limit < segment.nrows:
        return limit
    if continued and all(is_blank(region.text) for region in segment.regions()):
        return 0  # the blank rows of a table whose header ended the page before
    heads = [region.r1 for region in segment.regions() if region.text.strip() and best_match(region.text, results)]
    body = max(heads, default=segment.nrows) + 1
    below = [region for region in segment.regions() if region.r0 >= body]
    left = min((region.x0 for region in below if is_blank(region.text)), default=None)
    if left is None or any(not is_blank(region.text) and region.x0 > left + EDGE for region in below):
        return limit
    return body


def map_review(table: Table) -> Review:
    proceedings = labels(TABLE, "proceeding")
    results = labels(TABLE, "result")
    review = Review(facts=[])
    named: Named = {}
    several = False  # two or more headers named by their place: the figures must be proven
    cells: dict[tuple[str, str], Fact] = {}
    paths: HeaderPaths | None = None
    header_only: Segment | None = None  # a header at the foot of a page, its figures on the next
    for segment in table.segments:
        limit = _blank_body(segment, first_figure_row(segment), results, header_only is not None)
        if limit > 0 and header_only is not None:
            # The header goes on at the top of this page: the rest of cut cells, or rows of its own.
            joined = continue_header(header_only, segment)
            if joined is not None:
                header_only, segment, _ = joined
            paths = _continued(_header_paths(header_only, header_only.nrows), _header_paths(segment, limit))
        elif limit > 0:  # a header; when it fills the segment, the figures follow on the next page
            paths = _header_paths(segment, limit)
            found = _named(segment, limit, proceedings, results)
            several = several or len(found) > 1
            for region, code in found:
                if any(region is cell for cell in review.headers):
                    continue
                named[region.text] = code
                review.headers.append(region)
                review.notes.append(place_note(NAME, "header", region.text, region.page, code))
        header_only = segment if limit == segment.nrows else None
        if paths is None:
            raise ReportError(f"{NAME}: the header rows are missing")
        left = _figures_left(segment, limit)
        for r in range(limit, segment.nrows):
            regions = [
                two_rows(region) if over_rows(segment, region, left) else region for region in segment.starting(r)
            ]
            regions += [two_rows(region) for region in from_above(segment, r, left)]
            side = [region.text for region in segment.row(r) if region.text.strip() and not looks_numeric(region.text)]
            for region in regions:
                if region.text.strip() and not looks_numeric(region.text) and not is_blank(region.text):
                    continue  # a row label, not a figure
                context = _path_at(paths, region) + side
                result = max(
                    (m for m in (_match(text, results, named) for text in context) if m),
                    key=lambda m: m.score,
                    default=None,
                )
                if result is None:
                    continue
                proceeding_text, proceeding = max(
                    ((text, m) for text in context if (m := _match(text, proceedings, named))),
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
    facts = confirmed(list(cells.values()), review_sums())
    review.facts = proven_only(facts, review_sums()) if several else facts
    return review
