"""Table 三 (requests received and how they were handled): rows by their labels within their
group, columns by the applicant headers."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache

from pipeline.core.codes import codes
from pipeline.core.facts import Fact, ReportError
from pipeline.extract.cells import (
    EDGE,
    Column,
    cells_under,
    column_at,
    first_figure_row,
    from_above,
    header_end,
    publish,
    two_rows,
)
from pipeline.extract.classify import Table
from pipeline.extract.inferred import in_place, in_places, no_better, ocr_read, place_note
from pipeline.extract.labels import Match, best_match, compact, similarity
from pipeline.extract.numbers import is_blank
from pipeline.extract.segments import Region, Segment, continue_header
from pipeline.extract.sums import confirmed, proven_only, request_sums
from pipeline.extract.templates import GROUP_LABELS, OTHER_HANDLING_PARTS, SUBGROUPS, labels, request_rows
from pipeline.extract.textcells import ENUMERATED

TABLE = "requests"
NAME = "table 三"
# A continued page repeats the header when it names at least this many applicant columns.
_REPEATED_HEADER = 3


@dataclass
class Row:
    """One published row: its label path (outermost first) and its cells by applicant."""

    page: int
    path: list[str]
    cells: dict[str, Region]
    opens_page: bool = False  # the first row of a segment that continues the table
    cut: bool = False  # the last row of a page, its own label cell blank
    label: str = ""
    ocr: bool = False  # its label cells were read by OCR (a scan)
    code: str | None = None
    score: float = 0.0
    leaf_rows: tuple[int, int] | None = None  # the first and last grid row of its own label cell
    # The cells of a figure a page end cut in two (its first lines at the foot of a page, the
    # rest at the top of the next), read as one: every part of it, by applicant.
    parts: dict[str, list[Region]] = field(default_factory=dict)
    # A figure cell a page end cut after its figure: its blank rest at the top of the next page,
    # by applicant (how far down that page the cell reaches).
    continued: dict[str, Region] = field(default_factory=dict)
    unruled: bool = False  # read from a table without rules: a blank cell is no cell of its own

    @property
    def has_values(self) -> bool:
        return any(not is_blank(region.text) for region in self.cells.values())


@dataclass
class Requests:
    facts: list[Fact]
    other_handling_split: bool
    ignored: list[str]  # rows without figures whose label matches no row
    parts: list[Region] = field(default_factory=list)  # the cells of figures cut by a page end
    notes: list[str] = field(default_factory=list)  # headers and labels named by their place
    headers: list[Region] = field(default_factory=list)  # the header cells named by their place


def _columns(table: Table) -> list[tuple[Segment, int, list[Column]]]:
    """Per segment: the segment, where its header ends and its applicant columns (inherited when
    it has none). A header cut by a page end is completed from the top of the next page."""
    applicants = labels(TABLE, "applicant")
    segments = list(table.segments)
    result: list[tuple[Segment, int, list[Column]]] = []
    columns: list[Column] | None = None
    pending: list[Column] = []  # a header cut by a page end: the columns named above the break
    continued = -1  # the last row of the next segment that held the rest of a header cut by a page end
    for index, segment in enumerate(segments):
        end, found = header_end(segment, applicants)
        if pending:
            found = pending + [column for column in found if column.code not in {c.code for c in pending}]
            pending = []
        elif columns is not None and len({c.code for c in found}) < _REPEATED_HEADER:
            end, found = -1, []  # a row label such as （七）总计 at the top of a continued page
        end, continued = max(end, continued), -1
        missing = [code for code in applicants if code not in {column.code for column in found}]
        header_only = index + 1 < len(segments) and first_figure_row(segment, applicants) == segment.nrows
        if header_only and (found or columns is None):
            # A header ending a page, its figures on the next: the rest of its cells may open that
            # page, even of every applicant cell (自 above the break, 然人 below).
            left = min(column.x0 for column in found) - EDGE if found else float("-inf")
            joined = continue_header(segment, segments[index + 1], left)
            if joined is not None:
                segment, segments[index + 1], continued = joined
                end, found = header_end(segment, applicants)
                missing = [code for code in applicants if code not in {column.code for column in found}]
            if found and missing:  # the header's other rows open the next page
                pending = found
                result.append((segment, end, found))
                continue
        if found:
            if missing:
                raise ReportError(f"{NAME}: applicant columns not found: {', '.join(missing)}")
            named = [column.code for column in found]
            twice = sorted({code for code in named if named.count(code) > 1})
            if twice:
                raise ReportError(f"{NAME}: applicant columns printed twice: {', '.join(twice)}")
            columns = found
        if columns is None and first_figure_row(segment, applicants) == segment.nrows and index + 1 < len(segments):
            continue  # the header's upper rows (申请人情况) end a page; the applicants open the next
        if columns is None:
            raise ReportError(f"{NAME}: the applicant header row is missing")
        result.append((segment, end, columns))
    return result


def _rows(table: Table, notes: list[str], headers: list[Region]) -> tuple[list[Row], bool]:
    """The rows under the header, and whether two or more headers of a header row were named by
    their place; ``notes`` is given a note, and ``headers`` the cell, of each header so named."""
    rows: list[Row] = []
    several = False
    for index, (segment, end, columns) in enumerate(_columns(table)):
        several = several or sum(column.damaged is not None for column in columns) > 1
        for column in columns:
            if column.damaged is not None and all(column.damaged is not cell for cell in headers):
                headers.append(column.damaged)
                notes.append(place_note(NAME, "header", column.damaged.text, column.damaged.page, column.code))
        left = min(column.x0 for column in columns)
        for r in range(end + 1, segment.nrows):
            if not any(region.text.strip() for region in segment.starting(r)):
                continue  # nothing starts here: a rule under one cell only (a browser's rowspan box)
            opens_page = index > 0 and r == end + 1
            side = [region for region in segment.row(r) if region.x0 < left - EDGE]
            outer = [region for region in side if region.text.strip()]
            path = [region.text for region in outer]
            if (
                opens_page
                and len(side) > 1
                and not side[-1].text.strip()
                and path
                and (not ENUMERATED.match(path[-1]) or outer[-1].r1 > r)
            ):
                # Its own label cell blank at the top of a page: the row above goes on, and the
                # text beside it is the rest of an outer cell (（五）不 | 予处理), not its label. A
                # text that opens with a numbering (二、上年结转…) is a label of its own: a table
                # without rules leaves the cell beside it blank, and so does a ruled one that draws
                # that cell unmerged, so the text decides, not the segment's kind (``unruled``);
                # unless it reaches down beside the rows below, a group's (三、本年度办理结果 beside
                # 二、上年结转…'s 总计, which a Word document sets lower than its row's other figures,
                # below the page end).
                path.append("")
            # The last row of a page with its own label cell printed blank: the label may go on.
            cut = r == segment.nrows - 1 and len(side) > 1 and not side[-1].text.strip()
            cells = cells_under(columns, segment.starting(r), left - EDGE, NAME)
            _from_above(segment, r, columns, left - EDGE, cells, rows)
            if path or cells:
                ocr = ocr_read(region for region in side if region.text.strip())
                leaf_rows = (side[-1].r0, side[-1].r1) if side else None
                rows.append(
                    Row(
                        segment.page,
                        path,
                        cells,
                        opens_page=opens_page,
                        cut=cut,
                        ocr=ocr,
                        leaf_rows=leaf_rows,
                        unruled=segment.unruled,
                    )
                )
    return rows, several


def _from_above(
    segment: Segment, r: int, columns: list[Column], left: float, cells: dict[str, Region], rows: list[Row]
) -> None:
    """A row with a label of its own at grid row ``r`` given, under each column where it has no
    cell, the figure cell a scan read over the row above and this one (``cells.from_above``),
    which was the row above's: both rows' figure there is NULL (``cells.two_rows``)."""
    for region in from_above(segment, r, left):
        column = column_at(columns, region)
        if column is None or column.code in cells:
            continue
        unread = two_rows(region)
        cells[column.code] = unread
        for row in rows:
            for code, held in row.cells.items():
                if held is region:
                    row.cells[code] = unread


class _Resolver:
    """Gives each row its outcome code, using the group it sits in (1. rows exist in several)."""

    def __init__(self) -> None:
        outcomes = codes(TABLE, "outcome")
        self.labels = labels(TABLE, "outcome")
        self.top = {c.code: self.labels[c.code] for c in outcomes if c.parent not in SUBGROUPS}
        self.children = {
            group: {c.code: self.labels[c.code] for c in outcomes if c.parent == group} for group in SUBGROUPS
        }
        self.groups = {group: GROUP_LABELS[group] for group in SUBGROUPS}
        self.headings = GROUP_LABELS
        self.group: str | None = None  # the group of the rows above, for rows that do not repeat it

    def explicit_group(self, context: list[str]) -> str | None:
        for text in reversed(context):
            match = best_match(text, self.groups)
            if match:
                return match.key
        return None

    def find(self, leaf: str, context: list[str]) -> Match | None:
        """The best code for a row: within the group its label cells name, else within the group
        of the rows above or at the top level, else anywhere."""
        group = self.explicit_group(context)
        if group:
            candidates = self.children[group]
        else:
            candidates = {**self.top, **(self.children[self.group] if self.group else {})}
        return best_match(leaf, candidates) or best_match(leaf, self.labels)

    def quality(self, leaf: str, context: list[str]) -> float:
        match = self.find(leaf, context)
        return match.score if match else 0.0

    def accept(self, code: str) -> None:
        self.group = next((g for g in SUBGROUPS if code in self.children[g]), None)

    def score(self, text: str, code: str) -> float:
        return round(max(similarity(text, label) for label in self.labels[code]), 1)


def _leaf(row: Row | None) -> str:
    return row.path[-1] if row is not None and row.path else ""


def _join(first: Row, second: Row) -> Row:
    """One row that a page break or wrapped cells printed as two: labels and cells continue."""
    cells, cut, continued = {}, {}, dict(first.continued)
    for column in first.cells.keys() | second.cells.keys():
        parts = [row.cells[column] for row in (first, second) if column in row.cells]
        printed = [part for part in parts if part.text.strip()]
        # A figure printed only below the break (a cell centred in a row the break split, the
        # cell above it blank) is where it is printed: its page is that of its own part.
        cells[column] = replace((printed or parts)[0], text="\n".join(part.text for part in printed))
        if len({part.page for part in printed}) > 1:
            # A figure whose lines a page end parted (17 above, 6 below): one figure, 176.
            cut[column] = [*first.parts.get(column, printed[:1]), *printed[1:]]
        below = second.cells.get(column)
        if below is not None and below.page != parts[0].page and not below.text.strip():
            continued[column] = below
    path = [*(first.path[:-1] or second.path[:-1]), _leaf(first) + _leaf(second)]
    return Row(
        page=first.page,
        path=path,
        cells=cells,
        label=first.label,
        code=first.code,
        score=first.score,
        leaf_rows=first.leaf_rows,  # on the page where its label begins
        parts=cut,
        continued=continued,
        unruled=first.unruled,
    )


def _columns_on_both(row: Row, following: Row) -> set[str] | None:
    """For ``row``, figures beside no label at all (at the foot of a page), and ``following``, a
    label beside figures: the columns where both print a figure (``None`` for other rows). Cells
    of one column on both would be two rows' figures, not one row's."""
    if any(text.strip() for text in row.path) or not row.has_values or not _leaf(following).strip():
        return None
    printed = {column for column, region in row.cells.items() if not is_blank(region.text)}
    return printed & {column for column, region in following.cells.items() if not is_blank(region.text)}


def _moved_on(row: Row, following: Row) -> bool:
    """Whether ``row``, figures at the foot of a page beside no label at all, and ``following``,
    a label opening the next page beside figures in the other columns only, are one row: the
    producer moved on the cells it could not set whole (a label of several lines, WeasyPrint
    keeping two of a paragraph's lines together; a figure centred in a tall row) and left the
    one-line figures set at the cells' tops above the page end."""
    return _columns_on_both(row, following) == set()


def _two_rows(row: Row, following: Row) -> bool:
    """Whether ``row``, figures beside no label at all, and ``following``, a label beside figures
    of the same columns, are two rows' figures, not one row whose label a page end or a wrapped
    cell set apart: a Word document sets a row's 总计 lower in its cell than its other figures,
    under its label's last line, so it may stand alone at the foot of a page over the next row
    (11 over 二、上年结转…'s 0, read as 110)."""
    return bool(_columns_on_both(row, following))


def _completes(joined: float, head: float, tail: float) -> bool:
    """Whether two label parts read together match better than either alone; a part that matches
    nothing (a lone "（一）") goes with the other even when the other matches as well alone."""
    return joined > head and (joined > tail or (head == 0 and joined >= tail))


def _in_place(resolved: list[Row], unknowns: list[tuple[int, Row]], resolver: _Resolver) -> list[str] | None:
    """The outcomes rows whose labels OCR could not read stand for, by their place among the rows
    with figures recognised, in the row orders of either template. One row: the one outcome left
    at its place (``inferred.in_place``). Several (a one-bit scan that lost a face's hairline
    strokes keeps too little of them): the rows with figures are exactly a template's rows, the
    recognised ones in its order, each unread one at the place of the one outcome left there
    (``inferred.in_places``), its text no better a match for another outcome (``no_better``)."""
    places = [at for at, _ in unknowns]
    printed: list[str | None] = []
    for at in range(len(resolved) + 1):
        printed += [None] * places.count(at)
        if at < len(resolved) and resolved[at].has_values:
            printed.append(resolved[at].code)
    if len(unknowns) == 1:
        code = in_place(printed, _orders(), whole=False)
        return None if code is None else [code]
    named = in_places(printed, _orders(), whole=True)
    if named is None or not all(
        no_better(_leaf(row), code, resolver.labels) for (_, row), code in zip(unknowns, named)
    ):
        return None
    return named


@cache
def _orders() -> tuple[tuple[str, ...], ...]:
    """The row orders of table 三 a report may print: the 2019 template's, and the 2021 one's
    with （六）其他处理 as one row or as its three sub-rows. Fixed by the templates: built once."""
    return tuple(
        request_rows(template, split) for template, split in (("2019", False), ("2021", False), ("2021", True))
    )


@cache
def _successions() -> frozenset[tuple[str, str]]:
    """Every pair of rows printed one right after the other in some template's order."""
    return frozenset((first, second) for order in _orders() for first, second in zip(order, order[1:]))


def _follows(first: str, second: str) -> bool:
    """Whether ``second`` is the row right after ``first`` in the rows of either template."""
    return (first, second) in _successions()


def _spans_label(row: Row) -> bool:
    """Whether every figure of a row read by OCR stands in a cell over all the grid rows of the
    row's own label cell: a rule lost under the label is lost under those figures too."""
    printed = [region for region in row.cells.values() if not is_blank(region.text)]
    if not row.ocr or row.leaf_rows is None or not printed:
        return False
    first, last = row.leaf_rows
    return all(region.r0 <= first and region.r1 >= last for region in printed)


def _two_labels(resolver: _Resolver, leaf: str, context: list[str]) -> list[tuple[str, Match]] | None:
    """The two rows whose labels a scan read as one cell (``1.属于国家秘密`` over ``2.其他法律行政法规
    禁止公开``: the rule between them lost to a seal or noise), where its lines part into two labels
    of rows printed one right after the other in the template; ``None`` otherwise."""
    lines = [line for line in leaf.split("\n") if line.strip()]
    for cut in range(1, len(lines)):
        head, tail = "".join(lines[:cut]), "".join(lines[cut:])
        first, second = resolver.find(head, context), resolver.find(tail, context)
        if first and second and _follows(first.key, second.key):
            return [(head, first), (tail, second)]
    return None


def _unread_rows(row: Row, pair: list[tuple[str, Match]], resolver: _Resolver) -> list[Row]:
    """The two rows of a label cell that holds both their labels, every figure NULL: the rule
    lost under the labels ran on under the figures (``_spans_label``), so each figure cell holds
    both rows' ink, and which line was whose is never guessed (a blank of one row and a figure of
    the other read as one line). A cell without ink is both rows' blank."""
    cells = {applicant: two_rows(region) for applicant, region in row.cells.items()}
    rows = []
    for label, match in pair:
        resolver.accept(match.key)
        path = [*row.path[:-1], label]
        rows.append(replace(row, path=path, cells=cells, label=label, code=match.key, score=match.score))
    return rows


def _resolve(rows: list[Row], ignored: list[str], notes: list[str]) -> tuple[list[Row], bool]:
    """Match every row; join rows that a page break or a wrapped cell split in two. A row without
    figures that matches nothing (a note) is left out and listed in ``ignored``; one whose label
    OCR could not read may be named by its place (a note in ``notes``). Also: whether two or more
    rows were named so."""
    resolver = _Resolver()
    resolved: list[Row] = []
    unmatched: list[str] = []
    # Each row with figures that nothing matched: where it stands among the rows resolved, when
    # its label was read by OCR and may be named by its place.
    unknowns: list[tuple[int, Row] | None] = []
    index = 0
    while index < len(rows):
        row = rows[index]
        following = rows[index + 1] if index + 1 < len(rows) else None
        index += 1
        if row.cut and following is not None and following.opens_page and not following.has_values:
            row.path = [*row.path, ""]  # its label printed on the next page: joined with it below
        elif row.cut and following is not None and following.opens_page and _moved_on(row, following):
            rows[index] = _join(row, following)  # its label and its other figures on the next page
            continue
        leaf, context = _leaf(row), row.path[:-1]
        alone = resolver.quality(leaf, context)
        if not row.has_values:
            heading = best_match(leaf, resolver.headings) if not context else None
            if heading and heading.key != "other_handling" and heading.score >= alone:
                # A group heading printed as a row of its own (三、本年度办理结果, （三）不予公开), not
                # a row published blank that is like one ((一)予以公开 beside no group label).
                resolver.group = heading.key if heading.key in SUBGROUPS else None
                continue
            if following is not None and following.has_values:
                tail = _leaf(following)
                if _completes(
                    resolver.quality(leaf + tail, following.path[:-1]), alone, resolver.quality(tail, context)
                ):
                    rows[index] = _join(row, following)  # the first lines of the next row's label
                    continue
        if resolved and (row.opens_page or not row.has_values):
            last = resolved[-1]  # the rest of the row above, carried over to a new page
            joined = resolver.score(last.label + leaf, last.code)  # type: ignore[arg-type]
            if joined >= last.score and joined > alone:
                merged = _join(last, row)
                merged.label, merged.score = last.label + leaf, joined
                resolved[-1] = merged
                continue
        match = resolver.find(leaf, context)
        if (
            following is not None
            and (following.opens_page or not following.has_values)
            and not _two_rows(row, following)
        ):
            tail = _leaf(following)
            joined_match = resolver.find(leaf + tail, context)
            if joined_match and _completes(joined_match.score, alone, resolver.quality(tail, following.path[:-1])):
                row, match = _join(row, following), joined_match  # its figures stayed with the first lines
                leaf = _leaf(row)
                index += 1
        if match is None and _spans_label(row) and (pair := _two_labels(resolver, leaf, context)):
            resolved.extend(_unread_rows(row, pair, resolver))
            continue
        if match is None:
            if row.has_values:
                unmatched.append(f"{compact(leaf) or '(no label)'!r} (page {row.page})")
                # Not at a page break, where rows are joined across it: its place must be its own.
                at_break = row.opens_page or row.cut or (following is not None and following.opens_page)
                unknowns.append((len(resolved), row) if leaf.strip() and row.ocr and not at_break else None)
            elif leaf:
                ignored.append(f"{compact(leaf)!r} (page {row.page})")
            continue
        resolver.accept(match.key)
        row.label, row.code, row.score = leaf, match.key, match.score
        resolved.append(row)
    placed = [unknown for unknown in unknowns if unknown is not None]
    if unmatched:
        named = _in_place(resolved, placed, resolver) if len(placed) == len(unmatched) else None
        if named is None:
            raise ReportError(f"{NAME}: rows not recognised: {', '.join(unmatched)}")
        for (_, row), code in zip(placed, named):
            row.label, row.code, row.score = _leaf(row), code, resolver.score(_leaf(row), code)
            notes.append(place_note(NAME, "row label", row.label, row.page, code))
        for at, row in reversed(placed):  # the last first, so the places of the others hold
            resolved.insert(at, row)
    if any(row.code in OTHER_HANDLING_PARTS for row in resolved):
        # A label-only （六）其他处理 row heads its three sub-rows; it publishes no figures.
        resolved = [row for row in resolved if not (row.code == "other_handling" and not row.has_values)]
        resolved = _one_figure_for_parts(resolved, resolver, notes)
    seen: dict[str, Row] = {}
    for row in resolved:
        if row.code in seen:
            raise ReportError(
                f"{NAME}: two rows read as {row.code}: {compact(seen[row.code].label)!r} and {compact(row.label)!r}"
            )
        seen[row.code] = row  # type: ignore[index]
    return resolved, len(placed) > 1


def _one_figure_for_parts(rows: list[Row], resolver: _Resolver, notes: list[str]) -> list[Row]:
    """（六）其他处理 printed as its sub-rows' labels beside one figure cell per column as high as
    all of them (a Word table's rowspan; the rows below the first hold a label cell only): each
    figure is the group's, not the first sub-row's, so the sub-rows are read as one row,
    ``other_handling`` (the group published as one row), and a note says so."""
    parts = [row for row in rows if row.code in OTHER_HANDLING_PARTS]
    first, rest = parts[0], parts[1:]
    if not rest or not first.cells:
        return rows
    if not _over_parts(first, rest):
        if _cut_unresolved(first, rest):
            raise ReportError(
                f"{NAME}: the figures of （六）其他处理 on page {first.page} stand beside its first sub-row in cells "
                "a page end cut, the other sub-rows beside none of their own: whether they are the first "
                "sub-row's or the group's cannot be told"
            )
        return rows
    label = first.path[-2] if len(first.path) > 1 else first.label
    one = replace(first, label=label, code="other_handling", score=resolver.score(label, "other_handling"))
    where = next(iter(first.cells.values())).locator or f"page {first.page}"
    after = {region.page for region in first.continued.values()} | {row.page for row in rest} - {first.page}
    if after:
        where += f", cut by the page end, their rest on page {min(after)}"
    notes.append(
        f"{NAME}: the figures of （六）其他处理 stand in cells over its {len(parts)} sub-rows "
        f"({where}): read as the group published as one row"
    )
    return [one if row is first else row for row in rows if all(row is not part for part in rest)]


def _over_parts(first: Row, rest: list[Row]) -> bool:
    """Whether every figure cell of the first sub-row of （六）其他处理 reaches down over the other
    sub-rows: on its page, from its own row over theirs. A cell a page end cut below its figure
    goes on by its blank rest at the top of the next page, known as its rest where it stands
    beside the last label lines of a row the page end cut (the first sub-row's, ``Row.continued``,
    or a later one's whose part above had no figure cell of its own): a row has one cell per
    column. Where the page end falls between sub-rows, the cell drawn open at the foot of the
    page (``Region.open_below``) says so, or one ruled off there below a later sub-row; a cell
    cut open whose rest is anything else fails the report: whether its figure is the first
    sub-row's or the group's cannot be told."""
    if any(region.open_below for region in first.cells.values()):
        if _rest_opens_page(first, rest):
            return True
        raise ReportError(
            f"{NAME}: the figures of （六）其他处理's first sub-row on page {first.page} stand in cells a page "
            "end cut open, and the next page does not go on beside the other sub-rows: whether they are the "
            "first sub-row's or the group's cannot be told"
        )
    if _rest_opens_page(first, rest):
        return True
    here = [row for row in rest if row.page == first.page]
    there = [row for row in rest if row.page != first.page]
    carried = here[-1] if here and here[-1].cells else None  # the page end cut its label
    if carried is not None and first.continued or any(row.cells for row in [*here[:-1], *there]):
        return False
    for column, region in first.cells.items():
        below = first.continued.get(column) or (carried.cells.get(column) if carried is not None else None)
        if not all(row.leaf_rows is not None and region.r0 < row.leaf_rows[0] <= region.r1 for row in here):
            return False
        if (carried is not None or there) and (below is None or below.text.strip() or below.page == region.page):
            return False
        if there and below is not None and not _beside(below, there):
            return False
    return True


def _cut_unresolved(first: Row, rest: list[Row]) -> bool:
    """Whether the first sub-row's figure cells went on past a page end (their blank rest beside
    its cut label, or beside a later sub-row's) while the other sub-rows hold no cell of their own:
    cells over pages that ``_over_parts`` could not follow (Word on A5 runs them over three)."""
    carried = any(
        row.cells and all(not region.text.strip() and region.page != row.page for region in row.cells.values())
        for row in rest
    )
    # Without rules a blank cell prints nothing: the sub-row's own cell or the rest of the
    # group's alike (市场监督管理局 2021 by Chromium: 0 beside sub-row 1 at the foot of a page, the
    # rest of its label and sub-rows 2 and 3 beside blank cells on the next).
    own = any(
        any(region.page == row.page and (region.text.strip() or not row.unruled) for region in row.cells.values())
        for row in rest
    )
    # Nor does it say where a cell ends: a page end below the first sub-row, inside or after a
    # later one's label, leaves the group's figures beside the first sub-row alone, as its own
    # would stand (市场监督管理局 2021 by WeasyPrint on Letter: 0 beside sub-row 1, sub-row 2's
    # label cut by the page end, sub-row 3 on the next page).
    # A first sub-row published blank too leaves every cell blank, whoever's it is.
    below = first.has_values and any(row.unruled and (row.page != first.page or row.continued) for row in rest)
    return (bool(first.continued) or carried or below) and not own


def _beside(rest: Region, rows: list[Row]) -> bool:
    """Whether the rest of a cut cell, opening its page, reaches over ``rows`` from above them."""
    first, last = rows[0].leaf_rows, rows[-1].leaf_rows
    return (
        all(row.page == rest.page for row in rows)
        and first is not None
        and last is not None
        and rest.r0 < first[0] <= last[1] <= rest.r1
    )


def _rest_opens_page(first: Row, rest: list[Row]) -> bool:
    """Whether the sub-rows after the first are, on its page, rows of label cells only, and on the
    next page rows whose first one opens it beside one blank cell per column of the first
    sub-row's, each as high as all those rows' labels: the rest of cells cut open, or of cells
    closed at the page end below the sub-rows there (LibreOffice rules a cut cell off), which
    were the first sub-row's own only if they did not reach over those."""
    here = [row for row in rest if row.page == first.page]
    there = [row for row in rest if row.page != first.page]
    if not there or any(row.cells for row in here) or any(row.cells for row in there[1:]):
        return False
    top, bottom = there[0].leaf_rows, there[-1].leaf_rows
    held = there[0].cells
    return (
        there[0].opens_page
        and all(row.page == there[0].page for row in there)
        and top is not None
        and bottom is not None
        and held.keys() == first.cells.keys()
        and (all(region.open_below for region in first.cells.values()) or _reach_over(first, here))
        and all(not region.text.strip() and region.r0 <= top[0] and bottom[1] <= region.r1 for region in held.values())
    )


def _reach_over(first: Row, rows: list[Row]) -> bool:
    """Whether every figure cell of the first sub-row reaches from its own row down over ``rows``."""
    return bool(rows) and all(
        row.leaf_rows is not None and region.r0 < row.leaf_rows[0] and row.leaf_rows[1] <= region.r1
        for region in first.cells.values()
        for row in rows
    )


def map_requests(table: Table) -> Requests:
    ignored: list[str] = []
    notes: list[str] = []
    headers: list[Region] = []
    found, several_headers = _rows(table, notes, headers)
    rows, several_rows = _resolve(found, ignored, notes)
    applicants = [c.code for c in codes(TABLE, "applicant")]
    facts = []
    for row in rows:
        for applicant in applicants:
            region = row.cells.get(applicant)
            facts.append(publish(TABLE, row.code, applicant, region, row.page, compact(row.label), row.score, NAME))  # type: ignore[arg-type]
    sums = request_sums(any(row.code in OTHER_HANDLING_PARTS for row in rows))
    facts = confirmed(facts, sums)
    if several_headers or several_rows:
        facts = proven_only(facts, sums)
    parts = [part for row in rows for cut in row.parts.values() for part in cut]
    return Requests(facts, any(row.code in OTHER_HANDLING_PARTS for row in rows), ignored, parts, notes, headers)
