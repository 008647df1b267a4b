"""Table 二 (proactive disclosure): sections of 第二十条, each with its own header row of
measures; every item row is read under the header row above it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from pipeline.core.codes import codes
from pipeline.core.facts import OCR_MIN_CONFIDENCE, Fact, ReportError
from pipeline.extract.cells import EDGE, Column, cells_under, column_at, from_above, over_rows, publish, two_rows
from pipeline.extract.classify import Table
from pipeline.extract.inferred import header_in_place, headers_in_place, in_place, ocr_read, place_note
from pipeline.extract.labels import best_match, compact, normalise, similarity
from pipeline.extract.numbers import header_scale, is_blank, label_scale, looks_numeric, split_trailing_figure
from pipeline.extract.segments import Region, Segment, continue_header, repeated_rows
from pipeline.extract.sums import NOT_PROVEN
from pipeline.extract.templates import PROACTIVE_CELLS, TEMPLATES, labels

TABLE = "proactive"
NAME = "table 二"
# The header rows the templates print: the measures of each section, in order.
_HEADERS = sorted({measures for template in PROACTIVE_CELLS.values() for measures in template.values()})
# The items each template prints, in order.
_ITEMS = [[c.code for c in codes(TABLE, "item", template)] for template in TEMPLATES]
_ARTICLE = re.compile(r"第二十条第\(?([一二三四五六七八九十]+)\)?项")


@dataclass
class Proactive:
    facts: list[Fact]
    codes: set[str] = field(default_factory=set)  # item and measure codes found
    sections: list[str] = field(default_factory=list)  # 第二十条 items named, e.g. "九"
    ignored: list[str] = field(default_factory=list)  # rows without figures whose label matches no item
    notes: list[str] = field(default_factory=list)  # figures read from a label cell
    headers: list[Region] = field(default_factory=list)  # the header cells named by their place


def _label_and_figure(row: list[Region], columns: list[Column], left: float) -> tuple[str, Region, str] | None:
    """A row without figure cells whose label cell runs over exactly one figure column and ends in
    a figure (the rule between them missing or too faint): the label, the figure (placed under
    its column) and the cell's text, its raw text. Anything else (a label ending in digits inside
    the label column, a cell over several columns) is not split: a figure is never invented."""
    labels = [region for region in row if region.x0 < left and region.text.strip()]
    if not labels:
        return None
    cell = labels[-1]
    under = [column for column in columns if cell.x0 < column.xc < cell.x1]
    split = split_trailing_figure(cell.text)
    if len(under) != 1 or split is None:
        return None
    text, figure = split
    label = "".join(region.text for region in labels[:-1]) + text
    return label, replace(cell, text=figure, x0=under[0].x0, x1=under[0].x1), cell.text


def _across_break(
    label: str,
    starting: list[Region],
    following: tuple[Segment, int],
    left: float,
    items: dict[str, list[str]],
    measures: dict[str, list[str]],
) -> tuple[str, list[Region], int] | None:
    """A row cut by a page end: its label goes on at the top of the next page with its figures on
    one side of the break only (行政规范性文件's figures at the foot of a page, its label on the
    next; or the label above the break and the figures below). The joined label, the figure cells
    and their page, when the label read across the break names an item better than the part
    beside the figures does; ``None`` otherwise (a row of its own, a section or header row)."""
    segment, r = following
    below = [region for region in segment.starting(r) if region.text.strip()]
    text = normalise("".join(region.text for region in below))
    if _ARTICLE.search(text) or any(best_match(region.text, measures) for region in below):
        return None
    rest = "".join(region.text for region in segment.row(r) if region.x0 < left and region.text.strip())

    def figures(regions: list[Region]) -> bool:
        return any(region.x0 >= left and not is_blank(region.text) for region in regions)

    def score(text: str) -> float:
        match = best_match(text, items)
        return match.score if match else 0.0

    joined = score(label + rest)
    if rest and figures(starting) and not figures(below) and joined > score(label):
        return label + rest, starting, starting[0].page
    if label and not figures(starting) and figures(below) and joined > score(rest):
        return label + rest, segment.starting(r), segment.page
    return None


def _starting(segment: Segment, r: int, left: float) -> list[Region]:
    """The cells starting at grid row ``r``, a scan's figure cell that also covers a row below
    with a label of its own NULL (``cells.over_rows``): both rows' ink, which line was whose
    never guessed."""
    return [two_rows(region) if over_rows(segment, region, left) else region for region in segment.starting(r)]


def _is_article(regions: list[Region]) -> bool:
    return _ARTICLE.search(normalise("".join(region.text for region in regions))) is not None


def _header_row(regions: list[Region]) -> bool:
    """Whether a row is one of measure headers (信息内容 | 本年制发件数 | …): several texts, no
    figure or blank mark, no 第二十条 item."""
    texts = [region for region in regions if region.text.strip()]
    return (
        len(texts) > 1 and not _is_article(texts) and not any(is_blank(r.text) or looks_numeric(r.text) for r in texts)
    )


def _continued(segments: list[Segment]) -> list[tuple[Segment, int]]:
    """The table's segments, each with the rows at its top that print the table's first rows again
    (a header repeated on every page: passed over), a header row cut by a page end completed
    with the rest of its cells at the top of the next page (上一年项 | 目数量)."""
    result: list[tuple[Segment, int]] = []
    for segment in segments:
        skip = repeated_rows(segments[0], segment) if result and segment.first_on_page else 0
        if result and segment.page > result[-1][0].page:
            before = result[-1][0]
            last = before.row(before.nrows - 1)
            end = next((r for r in range(skip, segment.nrows) if _is_article(segment.starting(r))), segment.nrows)
            if _header_row(last):
                # The label column (信息内容) is left out: a row label beside the rest is no header.
                left = min(region.x0 for region in last[1:]) - EDGE
                joined = continue_header(before, segment, left, range(skip, end))
                if joined is not None:
                    result[-1] = (joined[0], result[-1][1])
                    segment = joined[1]
        result.append((segment, skip))
    return result


def map_proactive(table: Table) -> Proactive:
    items = labels(TABLE, "item")
    measures = labels(TABLE, "measure")
    result = Proactive(facts=[])
    columns: list[Column] | None = None
    unproven: set[str] = set()  # the columns of the header row whose figures cannot be trusted
    seen: dict[str, str] = {}
    unmatched: list[str] = []
    printed: list[str | None] = []  # the item of each row with figures, in order (None: not recognised)
    unknown: tuple[str, list[Column], list[Region], list[Region], int] | None = None  # such a row whose label OCR read
    rows = [
        (segment, r)
        for segment, skip in _continued(table.segments)
        for r in range(skip, segment.nrows)
        if any(region.text.strip() for region in segment.starting(r))
    ]
    carried_over = False  # the row was read with the one above it, across a page break
    header_above: tuple[Segment | None, list[Region]] = (None, [])  # the row above, when a header row
    for index, (segment, r) in enumerate(rows):
        if carried_over:
            carried_over = False
            continue
        regions = [region for region in segment.starting(r) if region.text.strip()]
        figures = [region for region in regions if looks_numeric(region.text) or is_blank(region.text)]
        (above_segment, above_header), header_above = header_above, (None, [])
        if not figures:
            article = _ARTICLE.search(normalise("".join(region.text for region in regions)))
            if article:
                result.sections.append(article[1])
                continue
            if above_segment is segment:  # on one page: a header row ending a page is complete
                regions = _header_lines_joined(above_header, regions, measures)
            header = [(region, best_match(region.text, measures)) for region in regions]
            header_above = (segment, regions)
            if any(match for _, match in header):
                columns = [
                    Column(region.x0, region.x1, match.key, header_scale(region.text))
                    for region, match in header
                    if match
                ]
                keys = [(region, m.key if m else None) for region, m in header]
                guess = header_in_place(segment, keys, _HEADERS)
                named = [guess] if guess is not None else headers_in_place(segment, keys, _HEADERS, measures)
                # Several headers named by their place: the scan lost strokes over this header
                # row, and table 二 publishes no sum to prove the figures under them (``sums.py``).
                unproven = {code for _, code in named} if len(named) > 1 else set()
                for region, code in named:
                    columns = sorted([*columns, Column(region.x0, region.x1, code)], key=lambda c: c.x0)
                    result.notes.append(place_note(NAME, "header", region.text, region.page, code))
                    result.headers.append(region)
                result.codes.update(column.code for column in columns)
                continue
        if columns is None:
            continue  # text above the first header row (a caption)
        left = min(column.x0 for column in columns) - EDGE
        page, starting = segment.page, _starting(segment, r, left)
        above = from_above(segment, r, left)
        figures = figures or [region for region in above if not is_blank(region.text)]
        joined = None if figures else _label_and_figure(segment.row(r), columns, left)
        if joined is not None:
            label, figure, _ = joined
            result.notes.append(
                f"{NAME}: the figure {figure.text!r} read from the label cell {compact(label)!r} (page {page})"
            )
        else:
            label = "".join(region.text for region in segment.row(r) if region.x0 < left and region.text.strip())
            following = rows[index + 1] if index + 1 < len(rows) else None
            if following is not None and following[0].page > page:
                carried = _across_break(label, starting, following, left, items, measures)
                if carried is not None:
                    (label, starting, page), carried_over, above = carried, True, []
                    figures = figures or [region for region in starting if region.x0 >= left]
        match = best_match(label, items)
        if match is None:
            if figures:
                unmatched.append(f"{compact(label) or '(no label)'!r} (page {page})")
                printed.append(None)
                side = [region for region in segment.row(r) if region.x0 < left and region.text.strip()]
                # Not at a page break, where a row's label may go on across it: its place must be its own.
                pages = {rows[i][0].page for i in (index - 1, index + 1) if 0 <= i < len(rows)}
                if joined is None and ocr_read(side) and pages <= {page}:
                    unknown = (label, columns, starting, above, page)
            else:
                result.ignored.append(f"{compact(label)!r} (page {page})")
            continue
        if match.key in seen:
            raise ReportError(f"{NAME}: two rows read as {match.key}: {seen[match.key]!r} and {compact(label)!r}")
        seen[match.key] = compact(label)
        printed.append(match.key)
        _publish_row(result, match.key, match.score, label, columns, (starting, above), page, joined, unproven)
    if unmatched:
        code = in_place(printed, _ITEMS, whole=False) if unknown is not None else None
        if code is None:
            raise ReportError(f"{NAME}: rows not recognised: {', '.join(unmatched)}")
        label, columns, starting, above, page = unknown  # type: ignore[misc]
        score = round(max(similarity(label, text) for text in items[code]), 1)
        result.notes.append(place_note(NAME, "row label", label, page, code))
        _publish_row(result, code, score, label, columns, (starting, above), page, None, unproven)
    return result


def _header_lines_joined(
    above: list[Region], regions: list[Region], measures: dict[str, tuple[str, ...]]
) -> list[Region]:
    """A header row under another: each cell's text after the first lines above it, where they
    name a measure better together. Without rules a header cell whose lines stand wider apart than
    its neighbours' (本年新 / 公开数 / 量 beside 本年新制作 / 数量, 财政金融局 2019 as a Word
    document on Letter) starts a row above theirs, its first line there and its rest below."""
    joined = []
    for region in regions:
        over = [cell for cell in above if region.x0 <= cell.xc <= region.x1 and cell.x0 >= region.x0 - EDGE]
        if len(over) == 1:
            text = over[0].text + region.text
            together, alone = best_match(text, measures), best_match(region.text, measures)
            if together is not None and (alone is None or together.score > alone.score):
                region = replace(region, text=text)
        joined.append(region)
    return joined


def _publish_row(
    result: Proactive,
    item: str,
    score: float,
    label: str,
    columns: list[Column],
    regions: tuple[list[Region], list[Region]],
    page: int,
    joined: tuple[str, Region, str] | None,
    unproven: set[str],
) -> None:
    """The facts of one item row: a figure under each column of its header row, NULL under the
    columns of ``unproven``. ``regions``: the cells starting in its row, and the figure cells a
    scan read over the row above and this one (``cells.from_above``), NULL under each column
    where the row has no cell of its own."""
    result.codes.add(item)
    left = min(column.x0 for column in columns) - EDGE
    scales = {column.code: _amount_scale(column, label) for column in columns}
    starting, above = regions
    cells = {code: (region, scales[code]) for code, region in cells_under(columns, starting, left, NAME).items()}
    for region in above:
        column = column_at(columns, region)
        if column is not None and column.code not in cells:
            cells[column.code] = (two_rows(region), scales[column.code])
    raws: dict[str, str] = {}
    if joined is not None:
        column = column_at(columns, joined[1])
        cells[column.code] = (joined[1], scales[column.code])  # type: ignore[union-attr]
        raws[column.code] = joined[2]  # type: ignore[union-attr]
    for column in columns:
        region, scale = cells.get(column.code, (None, scales[column.code]))
        if column.code in unproven and region is not None and (region.confidence or 0.0) >= OCR_MIN_CONFIDENCE:
            region = replace(region, confidence=0.0, doubt=NOT_PROVEN)  # a figure read with confidence
        result.facts.append(
            publish(TABLE, item, column.code, region, page, compact(label), score, NAME, scale, raws.get(column.code))
        )


def _amount_scale(column: Column, label: str) -> int:
    """The multiplier of a column's figures in a row: the unit its head states, else for an amount
    (yuan) the unit the row label states (政府集中采购（万元）), else 1. A label and a head stating
    different units fail the reading: which one the figure is in cannot be told."""
    stated = label_scale(label) if column.code.endswith("_yuan") else None
    if column.scale is None:
        return stated or 1
    if stated is not None and stated != column.scale:
        raise ReportError(f"{NAME}: the row {compact(label)!r} and the head of {column.code} state different units")
    return column.scale
