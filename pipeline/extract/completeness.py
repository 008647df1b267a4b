"""The completeness guard: every figure printed inside tables 二, 三 and 四 is a fact, or the report
fails with one line naming the figure, its page and where it was seen.

Every reader's tables pass through ``check_complete`` (called by ``pipeline.extract._facts``), so
no reader can lose a figure silently. It compares:

1. **The text layer against the grid** (a PDF read by a reader that places its rows: camelot, the
   rules reader). The characters of pdfium's text layer whose centres lie in a cell are the cell
   as printed; when they print a figure, the cell's text must hold the same figure. A cell that
   reads blank or another figure means the reader dropped characters (camelot drops the end of a
   line of text that runs from a ruled cell into a merged one: 行政事业性收费 18651.06). Where a
   table runs over a page break, the text between its last row and the page's foot, and above its
   first row on the next page, is checked too: a row there that no grid holds (its closing rule
   missing) must print no figure. A page number there is not a figure.
2. **The grid against the facts** (every reader, web pages too). Each cell whose text is a figure,
   or a label ending in one (行政事业性收费 18651.06 in one cell), is the raw text of a fact on its
   page (a web page's cell: of the fact at its locator). A figure no mapper turned into a fact
   is lost. A header cell a mapper named by its place (``inferred.py``: OCR could not read it)
   holds no figure: what OCR made of the seal-damaged text there (本年增/减 read ``本年堆7``) is
   a header's, and the template prints no header with a figure.

A failure is a ``ReportError``: ``_read`` then tries the next engine, and the report fails only
when no engine reads every figure. Digits in labels (``1.重复申请``) are not figures: a figure is
a cell's whole text, or the text after its label.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import pypdfium2 as pdfium

from pipeline.core.facts import Fact, ReportError
from pipeline.extract.glyphs import Glyph, lines_of, text_of
from pipeline.extract.numbers import clean, is_cut, looks_numeric, split_trailing_figure
from pipeline.extract.pdftext import TABLE_NAMES
from pipeline.extract.runningheads import content_glyphs, in_figure_column, page_number
from pipeline.extract.segments import Region, Segment
from pipeline.extract.textcells import Block, figures_apart, pieces, placed, texts_meet
from pipeline.extract.verticallabels import label_lines

# How far (PDF points) a character's centre may lie outside its cell's rules and still be its
# cell's: rules are drawn with a width, and a cell's edges are the rules' centre lines.
_EDGE = 0.5
# Cells of two segments of one table whose edges are this close (PDF points) are one column.
_SAME = 2.0


def figure_in(text: str) -> str | None:
    """The figure a cell prints, in the form of ``numbers.clean``: the whole text when it is a
    figure, the text after the label when a label ends in one, else ``None``."""
    if is_cut(text):
        return None  # "3，": the rest of the figure is printed elsewhere (``segments.continue_row``)
    if looks_numeric(text):
        return clean(text)
    split = split_trailing_figure(text)
    return clean(split[1]) if split else None


def _upright(glyph: Glyph, rotation: int, width: float, height: float) -> Glyph:
    """A character's box on the page as shown (``/Rotate``, clockwise), where the readers place
    their cells; pdfium gives it in the page's own space (``width`` × ``height``)."""
    if rotation == 90:
        x0, x1, y0, y1 = glyph.y0, glyph.y1, width - glyph.x1, width - glyph.x0
    elif rotation == 180:
        x0, x1, y0, y1 = width - glyph.x1, width - glyph.x0, height - glyph.y1, height - glyph.y0
    elif rotation == 270:
        x0, x1, y0, y1 = height - glyph.y1, height - glyph.y0, glyph.x0, glyph.x1
    else:
        return glyph
    return replace(glyph, x0=x0, x1=x1, y0=y0, y1=y1)


class TextLayer:
    """The characters of a PDF's pages as shown, each page read once (pdfium); a context manager
    that closes the document."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._document: pdfium.PdfDocument | None = None
        self._pages: dict[int, list[Glyph]] = {}

    def __enter__(self) -> TextLayer:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._document is not None:
            self._document.close()
            self._document = None

    def glyphs(self, page: int) -> list[Glyph]:
        if page not in self._pages:
            if self._document is None:
                self._document = pdfium.PdfDocument(self.path)
            shown = self._document[page - 1]
            try:
                left, bottom, right, top = shown.get_mediabox()
                rotation = shown.get_rotation()
                self._pages[page] = [
                    _upright(glyph, rotation, right - left, top - bottom)
                    for glyph in content_glyphs(self.path, page, shown)
                ]
            finally:
                shown.close()
        return self._pages[page]


@dataclass(frozen=True)
class _Cell:
    """A cell of one of the tables, with what is needed to name it."""

    table: str
    segment: Segment
    region: Region

    def where(self) -> str:
        """``on page P in the row '…'`` (a web page: at its locator)."""
        place = f"at {self.region.locator}" if self.region.locator else f"on page {self.region.page}"
        label = _row_label(self.segment, self.region)
        return f"{place} in the row {label!r}" if label else place


def _row_label(segment: Segment, region: Region) -> str:
    """The text of the nearest label left of a cell in its first grid row."""
    label = ""
    for other in segment.row(region.r0):
        if other.x0 >= region.x0:
            break
        if other.text.strip() and not looks_numeric(other.text):
            label = _shown(other.text)
    return label


def _shown(text: str) -> str:
    """A cell's text for a message: on one line, CJK radicals some fonts map as their ideographs."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _cells(tables: Mapping[str, Iterable[Segment]]) -> Iterator[_Cell]:
    for kind, segments in tables.items():
        for segment in segments:
            for region in segment.regions():
                yield _Cell(kind, segment, region)


def _printed(segment: Segment, glyphs: list[Glyph]) -> dict[int, str]:
    """The text the text layer prints inside each cell of a segment, by ``id`` of its region."""
    starts = [left for left, _ in segment.cols]
    tops = [-top for top, _ in segment.rows]  # ascending, for bisect
    left, right = segment.cols[0][0] - _EDGE, segment.cols[-1][1] + _EDGE
    top, bottom = segment.rows[0][0] + _EDGE, segment.rows[-1][1] - _EDGE
    inside: dict[int, list[Glyph]] = {}
    # A figure printed across a rule is its middle's cell's, as the rules reader places it.
    rows = [glyph for glyph in glyphs if bottom <= glyph.yc <= top]
    for x, run in placed(rows, [*starts, segment.cols[-1][1]]):
        if not left <= x <= right:
            continue
        c = min(max(bisect.bisect_right(starts, x) - 1, 0), len(starts) - 1)
        for glyph in run:
            r = min(max(bisect.bisect_right(tops, -glyph.yc) - 1, 0), segment.nrows - 1)
            inside.setdefault(id(segment.at[r][c]), []).append(glyph)
    return {key: text_of(found) for key, found in inside.items()}


def _band_figures(segment: Segment, glyphs: list[Glyph]) -> dict[int, list[Block]]:
    """The figures the text layer prints in each row of a table without rules, across the page:
    its lines are the table's, and a long figure may reach past the bound of its column."""
    tops = [-top for top, _ in segment.rows]
    top, bottom = segment.rows[0][0] + _EDGE, segment.rows[-1][1] - _EDGE
    band = [glyph for glyph in glyphs if bottom <= glyph.yc <= top]
    # A label set one character a line holds no figure (无 of （ / 四 / ） / 无 / 法), as the reader
    # tells: its lines stand in rows of their own.
    marked = label_lines([piece for line in lines_of(band) for piece in pieces(line)])
    inside: dict[int, list[Glyph]] = {}
    for glyph in (glyph for piece in marked for glyph in piece.glyphs):
        r = min(max(bisect.bisect_right(tops, -glyph.yc) - 1, 0), segment.nrows - 1)
        inside.setdefault(r, []).append(glyph)
    # Cut into pieces as the reader cuts its lines (digits set apart by justified spacing join; two
    # figures set close, each in a column of its own, part).
    starts = [left for left, _ in segment.cols]
    return {
        r: [
            piece
            for line in lines_of(found)
            for whole in pieces(line)
            for piece in by_columns(whole, starts)
            if _band_figure(piece) is not None
        ]
        for r, found in inside.items()
    }


def by_columns(piece: Block, starts: list[float]) -> list[Block]:
    """A piece read as one figure, or a label's figure at its end (握相关37|0), cut where a figure
    of another column begins (71|3)."""
    glyphs = sorted(piece.glyphs, key=lambda g: g.x0)
    if piece.figure:
        tail: int | None = 0
    else:  # a number ending a label's text, as the reader cuts it off (its first character a digit)
        tail = next(
            (
                k
                for k in range(1, len(glyphs))
                if glyphs[k].text.isdigit() and not glyphs[k - 1].text.isdigit() and Block(glyphs[k:]).figure
            ),
            None,
        )
    if tail is None:
        return [piece]
    cuts = [0, tail] if tail else [0]
    for k in range(tail + 1, len(glyphs)):
        first, rest = glyphs[cuts[-1] : k], glyphs[k:]
        columns = {bisect.bisect_right(starts, part[0].x0) for part in (first, rest)}
        if len(columns) == 2 and figures_apart(first, rest):
            cuts.append(k)
    return [Block(glyphs[a:b]) for a, b in zip(cuts, cuts[1:] + [len(glyphs)])]


def _band_figure(piece: Block) -> str | None:
    """The figure a piece of a table without rules prints, as the reader tells figures: a piece
    that opens with closing punctuation is the rest of a wrapped label (（四 / ）无 / 法提 / 供), not 无."""
    if not piece.figure and looks_numeric(piece.text):
        return None
    return figure_in(piece.text)


def _check_rows(kind: str, segment: Segment, layer: TextLayer) -> None:
    """Every figure printed in a row of a table without rules is a figure of a cell of that row."""
    starts = [left for left, _ in segment.cols]
    for r, printed in _band_figures(segment, layer.glyphs(segment.page)).items():
        read = Counter(figure_in(region.text) for region in segment.starting(r))
        # A figure cell over a group's rows (its figure level with the group label's middle, beside
        # a later row's label) prints its figure in a band below its first.
        read.update(figure_in(region.text) for region in segment.row(r) if region.r0 < r and looks_numeric(region.text))
        # A figure read from the lines of its cell (21 / 7 wrapped in a narrow cell: 217) holds the
        # figures its lines print.
        read.update(
            figure_in(line)
            for region in segment.starting(r)
            if "\n" in region.text and looks_numeric(region.text)
            for line in region.text.split("\n")
        )
        for piece in printed:
            figure = _band_figure(piece)
            if read[figure] > 0:
                read[figure] -= 1
                continue
            parts = _run_together(piece, starts, read)
            if parts:
                read.subtract(parts)
                continue
            cell = next((c for c in segment.row(r) if not looks_numeric(c.text) and c.text.strip()), None)
            where = f" in the row {_shown(cell.text)!r}" if cell is not None else ""
            raise ReportError(
                f"{TABLE_NAMES[kind]}: the figure {figure!r} printed on page {segment.page}{where} is in no cell read"
            )


def _run_together(piece: Block, starts: list[float], read: Counter) -> list[str]:
    """The two figures of neighbouring columns a piece runs together, as the reader cut it: where
    one text ends and the next begins (``textcells.texts_meet``), in two columns, both read in the
    row (2223870: 2223 and 870). Nothing when no such cut is read."""
    glyphs = sorted(piece.glyphs, key=lambda g: g.x0)
    for k in range(1, len(glyphs)):
        first, rest = glyphs[:k], glyphs[k:]
        columns = {bisect.bisect_right(starts, part[0].x0) for part in (first, rest)}
        parts = [_band_figure(Block(part)) for part in (first, rest)]
        # Both read, in two cells (the same figure twice: read twice).
        found = all(p is not None and read[p] > (p == parts[1 - i]) for i, p in enumerate(parts))
        if len(columns) == 2 and texts_meet(glyphs, k) and found:
            return [p for p in parts if p is not None]
    return []


def _rest_of_cut(region: Region, text: str, before: Segment | None) -> bool:
    """Whether ``text``, printed in a cell of the first row of a segment, is the rest of a figure
    cut at the foot of the page before (``before``: the table's segment there), which holds it."""
    if before is None or region.r0 != 0 or before.page != region.page - 1:
        return False
    return any(
        is_cut(above.text.split("\n", 1)[0]) and above.text.endswith(f"\n{text}")
        for above in before.row(before.nrows - 1)
        if abs(above.x0 - region.x0) <= _SAME and abs(above.x1 - region.x1) <= _SAME
    )


def check_read(tables: Mapping[str, Iterable[Segment]], layer: TextLayer) -> None:
    """Every figure the text layer prints in a cell of the tables is the figure its cell reads."""
    for kind, segments in tables.items():
        before: Segment | None = None
        for segment in segments:
            if not segment.rows:
                continue
            if segment.unruled:
                _check_rows(kind, segment, layer)
                continue
            printed = _printed(segment, layer.glyphs(segment.page))
            previous, before = before, segment
            for region in segment.regions():
                text = printed.get(id(region), "")
                figure = figure_in(text)
                if figure is None or figure == figure_in(region.text) or _rest_of_cut(region, text, previous):
                    continue
                cell = _Cell(kind, segment, region)
                raise ReportError(
                    f"{TABLE_NAMES[kind]}: the figure {figure!r} printed {cell.where()} is not read "
                    f"(its cell reads {_shown(region.text)!r})"
                )


def _words(glyphs: list[Glyph], edge: float, page: list[Glyph]) -> Iterator[str]:
    """The words of some characters, line by line: a line cut at gaps wider than half a character.
    A line that is only a page number has none: one set apart from the table's ``edge`` (by half
    its height at least; a line right at the edge is a wrapped figure's rest: 1 of 2 / 1 / 8),
    and not centred on a figure of the ``page``'s line nearest it on the table's side (7 of 4 / 7
    a row's gap over the next row's 4 / 4 / 6)."""
    lines = lines_of(page)
    for line in lines_of(glyphs):
        top, bottom = max(g.y1 for g in line), min(g.y0 for g in line)
        apart = min(abs(edge - top), abs(edge - bottom)) >= 0.5 * (top - bottom)
        toward = [other for other in lines if (max(g.y1 for g in other) < bottom) == (edge < bottom)]
        toward = [other for other in toward if not any(g in line for g in other)]
        toward.sort(key=lambda other: abs(_middle(other) - (top + bottom) / 2))
        apart = apart and not in_figure_column(line, toward)
        words, word = [], line[0].text
        for before, glyph in zip(line, line[1:]):
            if glyph.x0 - before.x1 > 0.5 * max(glyph.height, before.height):
                words.append(word)
                word = ""
            word += glyph.text
        words.append(word)
        if not (apart and page_number(" ".join(words))):
            yield from words


def _held(line: list[Glyph], segment: Segment) -> bool:
    """Whether a line is a line of a cell of the grid over or under it, in that cell's columns: a
    label whose lines reach past its row's figures, cut by the page end (（四 / ）无 of （四）无法提供
    set two characters a line below 1.本机关不掌握相's row), is read, its 无 no figure. A line with a
    digit is never taken for another cell's line."""
    text = "".join(g.text for g in line).strip()
    left, right = min(g.x0 for g in line), max(g.x1 for g in line)
    return not any(c.isdigit() for c in text) and any(
        region.x0 - _EDGE <= left and right <= region.x1 + _EDGE and text in region.text.split("\n")
        for region in segment.regions()
    )


def _middle(line: list[Glyph]) -> float:
    return (max(g.y1 for g in line) + min(g.y0 for g in line)) / 2


def _inside(glyph: Glyph, segment: Segment) -> bool:
    return (
        segment.cols[0][0] - _EDGE <= glyph.xc <= segment.cols[-1][1] + _EDGE
        and segment.rows[-1][1] - _EDGE <= glyph.yc <= segment.rows[0][0] + _EDGE
    )


def check_page_breaks(tables: Mapping[str, Iterable[Segment]], layer: TextLayer) -> None:
    """No figure is printed beside a page break of a table, outside its grids: below the last
    grid of the page the table leaves, or above the first grid of the page it goes on to."""
    placed = [segment for segments in tables.values() for segment in segments if segment.rows]
    for kind, segments in tables.items():
        ruled = [segment for segment in segments if segment.rows]
        for before, after in zip(ruled, ruled[1:]):
            if after.page != before.page + 1:
                continue
            for segment, below in ((before, True), (after, False)):
                edge = segment.rows[-1][1] if below else segment.rows[0][0]
                left, right = segment.cols[0][0], segment.cols[-1][1]
                loose = [
                    glyph
                    for glyph in layer.glyphs(segment.page)
                    if left <= glyph.xc <= right
                    and (glyph.yc < edge if below else glyph.yc > edge)
                    and not any(other.page == segment.page and _inside(glyph, other) for other in placed)
                ]
                loose = [glyph for line in lines_of(loose) if not _held(line, segment) for glyph in line]
                for word in _words(loose, edge, layer.glyphs(segment.page)):
                    if looks_numeric(word):
                        side = "below its last row" if below else "above its first row"
                        raise ReportError(
                            f"{TABLE_NAMES[kind]}: the figure {clean(word)!r} printed on page {segment.page} "
                            f"{side}, where the table breaks across pages, is in no cell read"
                        )


def check_mapped(
    tables: Mapping[str, Iterable[Segment]],
    facts: Iterable[Fact],
    parts: Mapping[str, Iterable[Region]] | None = None,
    headers: Iterable[Region] = (),
) -> None:
    """Every figure in a cell of a table is a fact's raw text, of that table, on its page (at its
    locator), or one of the ``parts`` of a figure a page end cut in two that a fact holds whole
    (by table: its first lines at the foot of a page, the rest at the top of the next). The
    ``headers`` named by their place hold none."""
    named = {id(region) for region in headers}
    available = Counter((fact.table, fact.page, fact.locator or None, figure_in(fact.raw)) for fact in facts)
    for table, regions in (parts or {}).items():
        available.update((table, region.page, region.locator or None, figure_in(region.text)) for region in regions)
    cells: dict[tuple[str, int, str | None, str], list[_Cell]] = {}
    for cell in _cells(tables):
        figure = figure_in(cell.region.text)
        if figure is not None and id(cell.region) not in named:
            key = (cell.table, cell.region.page, cell.region.locator or None, figure)
            cells.setdefault(key, []).append(cell)
    for key, printed in cells.items():
        if available[key] >= len(printed):
            continue
        first, figure = printed[0], _shown(printed[0].region.text)
        if len(printed) == 1:
            raise ReportError(
                f"{TABLE_NAMES[first.table]}: the figure {figure!r} printed {first.where()} is not among the facts"
            )
        # Equal figures on one page cannot be told apart: say how many there are.
        raise ReportError(
            f"{TABLE_NAMES[first.table]}: the figure {figure!r} is printed in {len(printed)} cells on page "
            f"{first.region.page} but only {available[key]} facts hold it"
        )


def check_complete(
    tables: Mapping[str, Iterable[Segment]],
    facts: Iterable[Fact],
    layer: TextLayer | None = None,
    parts: Mapping[str, Iterable[Region]] | None = None,
    headers: Iterable[Region] = (),
) -> None:
    """Raise ``ReportError`` naming the first printed figure of the tables that is not a fact
    (``parts``: cells of figures cut by a page end, each held whole by a fact; ``headers``: the
    header cells named by their place, which hold none)."""
    if layer is not None:
        check_read(tables, layer)
        check_page_breaks(tables, layer)
    check_mapped(tables, facts, parts, headers)
