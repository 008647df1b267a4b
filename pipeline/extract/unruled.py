"""Tables set without rules (Word borders off, ``<table border="0">`` printed by a browser, WPS
exports), read from the positions of their text in pdfium's text layer.

The structure is taken from what the page shows:

- **Where a table is**: runs of lines other than running text. A line of running text is one
  piece of text set in a size of the document's full lines (lines of one piece that fill most of
  the text width: a heading, a paragraph's last line too, and a line that ends a sentence with
  。, however short); a table set in that same size as one-piece lines is beyond this reader. A
  page number at the top or bottom of a page is no part of a table; a section's heading ends one,
  whatever its size.
- **Cells**: characters of one baseline that touch are one piece of text; pieces stacked at the
  pitch of a wrapped line (the smallest line distance of the table, if it is one) and overlapping
  horizontally are the lines of one cell: a wrapped label, a multi-line header, a vertical title.
- **Columns**: each column of figures (figures are centred in their column) is one value column,
  bounded halfway to its neighbours; the text left of the first is the label area, whose columns
  start where its cells' text starts. A header over the figures covers the value column under
  its centre and grows to both sides as far as the headers beside it allow (a header is centred
  over the columns it names: 行政复议 over five, 行政诉讼 over ten); a row of headers set from their
  cells' left edge (each starting where a header of another row starts) covers the columns from
  each to the next (``headerruns``).
- **Rows**: a row is a label of the label column (a label with no other label to its right; a
  wrapped label is one) with the figures beside it, or a line of headers. A label beside several
  rows (a group label, a vertical block title, a note beside the header rows) is centred on its
  rows, which end at the rows of the labels of its column around it or at the table's edge.
- **Pages**: a table at the top of a page whose figures stand in the columns of the table that
  ended the page before continues it, in its columns (a page of rows published blank too); a run
  without figures that ends a page, before a table at the top of the next, is that table's header
  cut by the page end (texts under its lowest cells too: the last lines of cells the page end cut
  short of the others'), read in the columns of the next page's table as its first part sets its
  figures.
- **Tables published blank** (table 三 or 四 with no figure: no request, or no review or suit,
  that year): a run without figures whose header's lowest cells stand right of every text under
  it has a value column under each of them (``headercolumns``); with nothing under the header
  (table 四), one row of blank cells.

The result is a ``segments.Segment`` like the ruled readers', so the same mapping reads it. Text that
falls in a cell already taken is an error naming both texts; nothing is ever guessed.
"""

from __future__ import annotations

import re
from pathlib import Path
from statistics import median

import pypdfium2 as pdfium

from pipeline.extract.classify import kind_of
from pipeline.extract.figurecolumns import alignment, clusters, set_tight
from pipeline.extract.glyphs import Glyph, ideograph, lines_of
from pipeline.extract.gridmeasures import COLUMN, TOUCH
from pipeline.extract.headercolumns import blank_header
from pipeline.extract.paddedfigures import start_at, under_starts
from pipeline.extract.runningheads import content_glyphs, in_figure_column, page_number
from pipeline.extract.segments import Segment
from pipeline.extract.textcells import Block, anchor, em_of, overlap, pieces
from pipeline.extract.textgrid import segment
from pipeline.extract.texttable import TextTable, realign, text_table
from pipeline.extract.verticallabels import label_lines

# A line of running text fills at least this share of the text width (unless it ends a paragraph).
_FULL = 0.6
# ... set from the text's left edge, or indented by at most this many ems (a paragraph's first line).
_INDENT = 2.5
# The headings of the template's sections (二、主动公开政府信息情况 … 六、其他需要报告的事项, and
# 五、存在的主要问题及改进措施 as many reports word it): never a table's text, though set like a
# table's label (a line of one piece in the size of running text).
_SECTION = re.compile(r"[一二三四五六七八]、\S{2,30}(情况|事项|措施)")
# Texts of two lines at the same place are this close (PDF points).
_SAME = 2.0
# A paragraph's lines start this many ems apart at most (but for a first line's indent).
_START = 0.5
# Chinese characters of a justified line stand at gaps equal to this share of an em.
_EVEN = 0.02
# A year opening a justified line stands at most this many ems before its next character.
_YEAR_GAP = 0.5


def _lines(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """The lines of a page, without a page number at its top or bottom (one piece of text alone
    at its height, set apart from the text: a row of figures at the top of a page, 0 0 0, is no
    page number, nor a figure beside its label set on a slightly different baseline, 2629 |
    行政许可, nor the line of a wrapped figure right under its first, nor one centred on a figure
    of the lines beside it: the rest of a figure wrapped in its cell, a row's gap from the next
    row's wrapped figure in its column (7 of 4 / 7 at the top of a page, over 4 / 4 / 6))."""
    lines = lines_of(glyphs)
    for end, beside in ((0, 1), (-1, -2)):
        if (
            lines
            and len(pieces(lines[end])) == 1
            and page_number("".join(g.text for g in lines[end]))
            and not (len(lines) > 1 and _near(lines[end], lines[beside]))
            and not in_figure_column(lines[end], lines[1:] if end == 0 else lines[-2::-1])
        ):
            lines.pop(end)
    return lines


def _near(a: list[Glyph], b: list[Glyph]) -> bool:
    """Whether two lines are closer than half the height of ``a``: a page number is set apart from
    the text, in the page's margin; a line a line's leading below a figure is the rest of that figure,
    wrapped in its cell (2 / 1 of 218 at the foot of a page, its 8 on the next)."""
    height = max(g.y1 for g in a) - min(g.y0 for g in a)
    gap = max(min(g.y0 for g in b) - max(g.y1 for g in a), min(g.y0 for g in a) - max(g.y1 for g in b))
    return gap < 0.5 * height


def _text_width(pages: list[list[Glyph]]) -> float:
    """The width of the text of the widest page."""
    return max((max(g.x1 for g in glyphs) - min(g.x0 for g in glyphs) for glyphs in pages if glyphs), default=0.0)


def _body_sizes(pages: list[list[Glyph]], width: float) -> set[float]:
    """The sizes of running text: of the lines of one piece that fill most of the text width."""
    sizes: set[float] = set()
    for glyphs in pages:
        for line in _lines(glyphs):
            found = pieces(line)
            if len(found) == 1 and _full(found[0], glyphs, width):
                sizes.update(g.size for g in line)
    return sizes


def _full(piece: Block, glyphs: list[Glyph], width: float) -> bool:
    """Whether a piece of text is a full line of running text: it fills most of the text width,
    from the text's left edge or a first line's indent (a table's header cells that touch, 本年制发件
    本年废止件现行有效件 over the columns right of the labels, start further in)."""
    return piece.x1 - piece.x0 >= _FULL * width and piece.x0 - min(g.x0 for g in glyphs) <= _INDENT * piece.em


def _last_line(line: list[Glyph], full: list[Glyph], edge: float) -> bool:
    """Whether ``line`` may be the last line of the paragraph whose full line is ``full`` (none:
    empty): set in a size of it, starting where it starts or at the text's left edge ``edge`` (to
    half an em: a first line is indented by two)."""
    starts = {full[0].x0, edge} if full else set()
    near = _START * em_of(line)
    return bool({g.size for g in line} & {g.size for g in full}) and any(abs(line[0].x0 - x) <= near for x in starts)


def _year_justified(found: list[Block]) -> bool:
    """Whether a line is a sentence's first line opening with a year, justified by Word (2021年我局
    未收到政府信息公开申 / 请。 over table 三): its Chinese text spread at one even gap, the year
    before it further off by Word's space between Latin and Asian text, within half an em; a
    table's figure stands further from a text beside it, or not before text spread so."""
    if len(found) != 2 or not found[0].text.isdigit() or len(found[0].text) != 4:
        return False
    text = found[1].glyphs
    if len(text) < 3 or not all(g.text >= "\u3000" and not g.text.isdigit() for g in text):
        return False
    gaps = [b.x0 - a.x1 for a, b in zip(text, text[1:])]
    em = found[1].em
    gap = text[0].x0 - found[0].x1
    return min(gaps) > 0 and max(gaps) - min(gaps) <= _EVEN * em and min(gaps) < gap <= _YEAR_GAP * em


def _autospaced(line: list[Glyph], glyphs: list[Glyph], width: float) -> bool:
    """Whether a line is one text that Word sets apart only where Latin text meets Chinese (its
    "space between Asian and Latin text": 1 月 1 日起至 2025 年 12 月 31 日止。本报告…, a quarter of an
    em at each change), or one justified over the whole line, a gap between every two of its
    characters (月 31 日止。本报告…, spread when the text after it wraps whole to the next line:
    0.28 em in Word's print, 0.35 em in Chromium's): every cut between its pieces has a digit or
    Latin letter on one side and a Chinese character on the other, within half an em beyond the
    justified spacing, or is that spacing (two Chinese characters at the line's one pitch, a mark
    beside one at its gap). Figures of a table's neighbouring columns meet digit to digit, and a
    cell's margins set its text further from the next cell's. A justified line is a full line of
    the page's ``glyphs`` (of text ``width``): a label justified in its narrow cell (予 公, 予 处
    of 不予公开, 不予处理) is a cell's text, however evenly spread."""
    found = pieces(line, justified=False)
    if len(found) < 2:
        return False

    def asian(g: Glyph) -> bool:
        return g.text >= "\u3000" and not g.text.isdigit()

    def latin(g: Glyph) -> bool:
        return g.text.isascii() and g.text.isalnum()

    em = em_of(line)
    cuts = [(a.glyphs[-1], b.glyphs[0]) for a, b in zip(found, found[1:])]
    pitches = [b.xc - a.xc for a, b in cuts if ideograph(a.text) and ideograph(b.text)]
    spread = 0.0
    if pitches:
        pitch = median(pitches)
        spread = pitch - em
        if not _full(Block(line), glyphs, width):
            return False
        # Justified text is cut between every two characters but a Latin run's (set solid).
        if any(len(p.glyphs) > 1 and not all(latin(g) for g in p.glyphs) for p in found):
            return False
        if not 0 < spread <= _YEAR_GAP * em or max(abs(x - pitch) for x in pitches) > _EVEN * em:
            return False
    for end, start in cuts:
        if latin(end) or latin(start):
            if not ((asian(end) and latin(start)) or (latin(end) and asian(start))):
                return False
            if start.x0 - end.x1 > spread + _YEAR_GAP * em:
                return False
        elif not pitches or (
            abs(start.xc - end.xc - pitch) > _EVEN * em and abs(start.x0 - end.x1 - spread) > _EVEN * em
        ):
            return False
    return True


def _extents(glyphs: list[Glyph], body: set[float], width: float) -> list[list[list[Block]]]:
    """The lines (each its pieces of text) of each table on a page, top to bottom: runs of lines
    other than running text (a line of one piece set in a size of running text: ``body``). Only a
    run with figures is a table, or one that continues a table on the next page, or a table
    published blank (``_published_blank``)."""
    extents: list[list[list[Block]]] = [[]]
    # The line before when it is a full line of running text. A paragraph's last line is set in a
    # size of its full lines and starts where they do, or at the text's left edge under a first
    # line indented: a table's title 第二十条第（一）项, set in from the left edge under a paragraph
    # (自然资源与生态环境局's page on 2020) or in 16pt under a 12pt line of the Word export's HTML
    # comment <!--[if !supportMisalignedColumns]--> (财政金融局's on 2019), is the table's line.
    before: list[Glyph] = []
    edge = min((g.x0 for g in glyphs), default=0.0)
    for line in _lines(glyphs):
        found = pieces(line)
        running = full = False
        # One piece without justified spacing: a header of one character a column at an even pitch
        # (结 结 其 尚 … over table 四's narrow columns) is spread as a justified line is, but a line
        # of running text is set close, or justified from a year (``_year_justified``).
        close = len(pieces(line, justified=False)) == 1
        if _year_justified(found) or _autospaced(line, glyphs, width):
            found, close = [Block(line)], True
        # A section's heading ends a table whatever its size (三、收到和处理政府信息公开申请情况 set
        # smaller than the tables, 公安局's page on 2024 by LibreOffice: table 三 under the end of
        # table 二 is a table of its own, in columns of its own).
        section = close and bool(_SECTION.fullmatch("".join(g.text for g in line)))
        if close and not found[0].figure and sum(g.size in body for g in line) * 2 >= len(line):
            # A table set in the size of running text has labels of one piece on lines of their own
            # too: running text is a full line, a paragraph's last line, or a section's heading.
            # A section's heading is a paragraph of its own, however wide (三、收到和处理政府信息公开
            # 申请情况 fills most of an A5 page): the line after it is no paragraph's last line.
            full = _full(found[0], glyphs, width) and not section
            # A line that ends a sentence is a paragraph's last, however short, even right under a
            # heading (2021年我局未收到政府信息公开申请。 over table 三): no cell's text ends so.
            running = (
                full
                or _last_line(line, before, edge)
                or section
                or "".join(g.text for g in line).rstrip().endswith("。")
            )
        running = running or section
        before = line if full else []
        if not running:
            extents[-1].append(found)
        elif extents[-1]:
            extents.append([])
    return [extent for extent in extents if extent]


def _repeated(top: list[list[Block]], firsts: list[list[list[Block]]]) -> int:
    """How many lines at the top of a page print the first lines of a table begun on a page before
    (``firsts``: the tables found so far) again, at the same places and the same distances apart: a
    header Word repeats on each page ("repeat as header row"). Lines of text without a figure only
    (a repeated header is the table's first rows, above its figures). Texts are compared, not
    lines: texts of one header row whose baselines differ by a tenth of a point are one line on
    one page and two on another (于第三项加第四项之和） beside 总 of 总 / 计). Characters are compared,
    not texts: two cells' characters whose baselines differ by a tenth of a point are two texts on
    one page, one on another (其 of 其他 and 计 of 总计 set side by side, 其计)."""

    def height(line: list[Block]) -> float:
        return max(p.y1 for p in line)

    def same(g: Glyph, h: Glyph, down: float) -> bool:
        return (
            g.text == h.text
            and abs(g.x0 - h.x0) <= _SAME
            and abs(g.x1 - h.x1) <= _SAME
            and abs(height(top[0]) - g.y1 - down) <= _SAME
        )

    def printed(line: list[Block]) -> list[Glyph]:
        return [g for p in line for g in p.glyphs if g.text.strip()]

    best = 0
    for first in firsts:
        figures = next((i for i, line in enumerate(first) if any(p.figure for p in line)), len(first))
        texts = [(h, height(first[0]) - h.y1) for line in first[:figures] for h in printed(line)]
        count = 0
        while count < len(top) and all(any(same(g, h, down) for h, down in texts) for g in printed(top[count])):
            count += 1
        best = max(best, count)
    return best


def _first_part(table: TextTable) -> list[Block]:
    """The figures of a table above the first header set below its first figure: a part of the
    table with headers of its own (table 二's next 第二十条 item) may have columns of its own."""
    figures = [piece for piece in table.pieces if piece.figure]
    top = max((figure.yc for figure in figures), default=0.0)
    headers = [p.y1 for p in table.pieces if not p.figure and p.xc >= table.left and p.yc < top]
    return [figure for figure in figures if figure.yc > max(headers, default=float("-inf"))]


def _part_columns(table: TextTable) -> list[float]:
    """The anchors of the columns of a table's first part (``_first_part``), and of its columns
    published blank: the columns a header ending the page before heads. A later part of table 二
    may have a column of its own between them (上一年项目数量 | 本年增/减 under the three columns of
    第二十条第（一）项), which cuts none of that header's texts."""
    figures = [anchor(figure, table.align) for figure in _first_part(table)]
    if not figures:
        return table.anchors
    # Each figure's own column is the one nearest it: a column whose cells a publisher set some
    # from the left, some centred (总计's 0 and 30 of 自然资源与生态环境局 2022) has its anchor
    # between its figures, none of them on it.
    own = {min(table.anchors, key=lambda a: abs(x - a)) for x in figures}
    return [a for a in table.anchors if a in table.blank or a in own]


def _header_columns(table: TextTable) -> tuple[list[float], str]:
    """The columns a header ending the page before heads (``_part_columns``) and how they are set:
    as the next page's first part sets its figures. A part may set them another way than the rest
    of its table (自然资源与生态环境局 2020 by Chromium: table 二's 第二十条第（一）项 centred, the later
    items from the left, as their headers are): a header set from its cells' left edge over
    centred figures then heads the columns they stand centred in, not those their left ends make."""
    figures = _first_part(table)
    if not figures or table.blank or set_tight(figures, table.align):
        return _part_columns(table), table.align
    own = alignment(figures, [])
    if not set_tight(figures, own):
        return _part_columns(table), table.align
    return clusters([anchor(figure, own) for figure in figures], median(f.em for f in figures)), own


def _continues(before: TextTable, table: TextTable, earlier: list[Block]) -> bool:
    """Whether a table at the top of a page continues the one at the bottom of the page before:
    the figures of its first part stand in columns of that table, aligned as that table's are (a
    table broken by a page keeps its columns; a row or two alone may look aligned any way), or
    under the headers below its last figure (``_cut_header``). A column's anchor is where most of
    its figures stand; one of its figures may stand a few points off (table 二's 第二十条 items set
    as tables of their own: 行政许可's 0 under its own item's header, 7 points right of the 0s of
    the item above), and the rows going on under it on the next page stand where it does; so may
    one of the table's ``earlier`` pages (figures), in the same columns."""
    figures = _first_part(table)
    if figures:
        at = [anchor(figure, before.align) for figure in figures]
    else:  # rows published blank, already read in the columns of the table before
        at = table.anchors if table.align == before.align else [float("inf")]
    # Only a figure off every anchor adds a place: one on an anchor already is it, and would move
    # the 2-point tolerance by its own rounding (财政金融局 2019's next item 2 points right).
    off = [
        x
        for p in [*earlier, *before.pieces]
        if p.figure and all(abs((x := anchor(p, before.align)) - a) > 1 for a in before.anchors)
    ]
    own = before.anchors + off
    if any(all(any(abs(x - c) <= 2 for c in columns) for x in at) for columns in (own, _cut_header(before))):
        return True
    # One row of figures ending the page shows one place of each column only; more rows show the
    # others (``off``), and a header alone heads the next page's columns already.
    printed = [p.yc for p in [*earlier, *before.pieces] if p.figure]
    em = median(f.em for f in figures) if figures else 0.0
    if figures and printed and max(printed) - min(printed) <= 0.5 * em and _column_for_column(before.anchors, at, em):
        return True
    # Figures padded inside cells set from the left under headers centred in theirs: each under
    # its own of the headers below the last figure (``_under_lowest``).
    if figures and _under_lowest(figures, _cut_texts(before)):
        return True
    # A part set from its cells' left edge under its own header ending the page, in a table whose
    # first part centres its figures (table 二's 第二十条 items set two ways): its figures start
    # where the headers below the last figure start.
    cut = _cut_header(before, "left")
    if before.padded:
        # Its cells set from the left, figures padded or centred in them (政府集中采购's 6 and 675809
        # under 采购项目数量 | 采购总金额): each starts under a header and ends before the next starts.
        # A page ending under the part's title leaves its header to the next page, its texts set
        # from the edges of the table's cells, where the columns of the padded table start.
        starts = cut or _heads_at(table, figures, before.anchors)
        return bool(figures) and all(under_starts(f, sorted(starts)) is not None for f in figures)
    return bool(figures) and all(any(abs(f.x0 - x) <= 2 for x in cut) for f in figures)


def _heads_at(table: TextTable, figures: list[Block], starts: list[float]) -> list[float]:
    """Where the header texts over a table's first ``figures`` start, if each starts at one of
    ``starts`` (the left edges of a padded table's cells); else none."""
    top = max(f.y1 for f in figures)
    heads = [p.x0 for p in table.pieces if not p.figure and p.xc >= table.left and p.y0 >= top - TOUCH]
    return heads if start_at(heads, starts) else []


def _column_for_column(anchors: list[float], at: list[float], em: float) -> bool:
    """Whether figures at ``at`` stand in as many columns as ``anchors``, each as near its own as
    the figures of one column stand (``COLUMN``), the table as a whole where it stood (the middle
    of its columns' offsets within ``_SAME``): cells that pad their figure with a no-break space
    before or after it (``&nbsp;0``, ``0&nbsp;``, 国有资产管理局 2019's table 三 by WeasyPrint) set a
    column's figures a space apart (3.8 points at 12pt) from row to row, and a page of one row
    under the header holds one of its two places only. A scanned sheet moved sets every column
    a few points off alike (财政金融局 2020 scanned: 5 points): a table of its own columns."""
    found = clusters(at, em)
    if len(found) != len(anchors):
        return False
    offsets = [b - a for a, b in zip(anchors, found)]
    return abs(median(offsets)) <= _SAME and all(abs(d) <= COLUMN * em for d in offsets)


def _cut_header(table: TextTable, align: str | None = None) -> list[float]:
    """Where the headers below a table's last figure stand (as the table aligns them): a part of
    the table (table 二's next 第二十条 item) whose header ends the page, its rows on the next.
    Such a part may have columns of its own, which on its page only its header marks, set over
    them as its figures are (centred, or from an edge); ``align``: where they stand set so, if not
    as the table's."""
    set_as = align or table.align
    return [anchor(p, set_as) for p in _cut_texts(table)]


def _cut_texts(table: TextTable) -> list[Block]:
    """The header texts below a table's last figure (``_cut_header``)."""
    figures = [piece for piece in table.pieces if piece.figure]
    bottom = min((figure.y0 for figure in figures), default=float("-inf"))
    return [p for p in table.pieces if not p.figure and p.xc >= table.left and p.y1 < bottom]


def _under_lowest(figures: list[Block], header: list[Block]) -> bool:
    """Whether each figure starts under one of the lowest texts of a header (those with no text of
    it below them), each under its own: figures set from their cells' left after spaces of
    different numbers, under headers centred in those cells, stand off every header's anchor but
    within its text (社会事业局 2019 by WeasyPrint: 第二十条第（八）项's 上一年项目数量 | 本年增/减 ending
    page 2, the 0 | 0 of 行政事业性收费 opening page 3 14 points right of and 3 points left of
    their middles)."""
    lowest = [h for h in header if not any(o is not h and overlap(o, h) and o.yc < h.y0 for o in header)]
    held = [[j for j, h in enumerate(lowest) if h.x0 <= f.x0 <= h.x1] for f in figures]
    return all(len(j) == 1 for j in held) and len({j[0] for j in held}) == len(figures)


def _new_columns(anchors: list[float], positions: list[float], em: float) -> list[float]:
    """The columns that figures at ``positions`` line up in beyond the columns at ``anchors``: a
    figure as near a column as the figures of one column stand (``COLUMN``) is in it, as on one
    page (table 二's 第二十条 items each set as a table of its own, a column's figures a few points
    apart: a page end within one item joins its rows to the next items')."""
    return clusters([x for x in positions if all(abs(x - a) > COLUMN * em for a in anchors)], em)


def _published_blank(extent: list[Block]) -> TextTable | None:
    """A table 三 or 四 published with no figure (every cell blank prints nothing), in the
    columns its header's lowest cells set (``headercolumns.blank_header``); with ``blank_row`` when nothing
    stands under the header (table 四's one row of cells). ``None`` for any other run of text."""
    header = blank_header(extent)
    if header is None or kind_of(p.text for p in header.pieces) not in ("requests", "review"):
        return None
    table = text_table(header.pieces, (header.anchors, "centre"))
    table.blank_row = not header.rows
    return table


def read_unruled(path: Path, pages: list[int]) -> list[Segment]:
    """The tables set without rules on ``pages`` (1-based), in reading order."""
    document = pdfium.PdfDocument(path)
    try:
        read: list[tuple[int, list[Glyph]]] = []
        for number in sorted(set(pages)):
            if number > len(document):
                continue
            page = document[number - 1]
            read.append((number, content_glyphs(path, number, page)))
            page.close()
    finally:
        document.close()
    return tables_of_pages(read)


def tables_of_pages(read: list[tuple[int, list[Glyph]]], sized: bool = True) -> list[Segment]:
    """The tables set without rules on pages of characters (number, characters), in reading
    order: a PDF's text layer, or the text OCR read from a table picture or a scanned page
    (``picturetext.py``). ``sized``: the characters have the sizes their fonts set; OCR's have
    none, and all are taken for the size of running text (a line is then running text by its
    place alone: a full line, a paragraph's last line, a section's heading), as a table set in the
    size of running text is read."""
    width = _text_width([glyphs for _, glyphs in read])
    pages = [glyphs for _, glyphs in read]
    body = _body_sizes(pages, width) if sized else {g.size for glyphs in pages for g in glyphs}
    tables: list[tuple[int, list[TextTable]]] = []
    headers: dict[int, list[Block]] = {}  # a run without figures ending a page: a header, maybe
    first: dict[int, list[Block]] = {}  # the pieces of text of a page's first table, if it has figures
    opens: set[int] = set()  # the pages whose first table with figures is their first text
    alone: dict[int, TextTable] = {}  # a header alone ending a page: a table published blank if no table opens the next
    firsts: list[list[list[Block]]] = []  # the lines of each table begun so far, from its first
    ended_in_table = False  # the page before ends in a table (its last line is no running text)
    for number, glyphs in read:
        found = []
        extents = _extents(glyphs, body, width)
        lines = _lines(glyphs)
        at_top = bool(extents and lines and max(g.y1 for g in lines[0]) == max(p.y1 for p in extents[0][0]))
        at_bottom = bool(extents and lines and min(g.y0 for g in lines[-1]) == min(p.y0 for p in extents[-1][-1]))
        if at_top and tables:
            # A header Word repeats at the top of the page is passed over: the rows below it go on
            # the table of the page before, as where the header is not repeated.
            extents[0] = extents[0][_repeated(extents[0], firsts) :]
        # A run at the top of a page after one that ended in a table goes on that table (a part of
        # table 二 cut from its 第二十条 line): it begins none.
        firsts += extents[1:] if at_top and ended_in_table else extents
        ended_in_table = at_bottom
        extents = [lines for lines in extents if lines]
        for index, lines in enumerate(extents):
            # A 无 set as a line of a label one character a line is the label's: an extent whose only
            # "figure" it is has none.
            extent = label_lines([piece for line in lines for piece in line])
            figures = any(piece.figure for piece in extent)
            blank = None if figures else _published_blank(extent)
            if figures:
                found.append(text_table(extent))
                if len(found) == 1:
                    first[number] = extent
                    if index == 0 and at_top:
                        opens.add(number)
            elif blank is not None and (index < len(extents) - 1 or not at_bottom):
                found.append(blank)
            elif blank is not None:
                # A header alone ending the page: its figures may open the next page. Texts under
                # its lowest cells may be rows published blank (going on at the top of the next
                # page, in its columns), or the last lines of its cells a page end cut short of the
                # others' (table 四's 持 正 果 结 under 行政复议's 结果维持 …, 自然资源与生态环境局 2020 by
                # Chromium: 维持 of 行政诉讼's, and the figures, on the next).
                headers[number], alone[number] = extent, blank
                if not blank.blank_row:
                    found.append(blank)
            elif index == 0 and tables and tables[-1][0] == number - 1 and tables[-1][1]:
                # Rows published blank that continue the table of the page before, in its columns.
                before = tables[-1][1][-1]
                found.append(text_table(extent, (before.anchors, before.align)))
            elif index == len(extents) - 1:
                headers[number] = extent
        tables.append((number, found))
    for (number, found), (following, after) in zip(tables, tables[1:]):
        if number in headers and after and following == number + 1 and (number not in alone or following in opens):
            # A header ending a page, its figures on the next: a table in the columns of the next.
            found[:] = [table for table in found if table is not alone.get(number)]
            realign(after[0], headers[number])
            found.append(text_table(headers[number], _header_columns(after[0])))
        elif number in alone and alone[number].blank_row and following == number + 1:
            # No table opens the next page: a table published blank. Ending the last page read, it
            # is none: its figures may open a page not read.
            found.append(alone[number])
    # The figures of the earlier pages of the table that ends a page, and its part there: a column
    # set two ways (总计's 0 from the left, 30 centred, 自然资源与生态环境局 2022) may show a figure
    # set the other way on none of the page before but on one before it.
    earlier: list[Block] = []
    carried: TextTable | None = None
    for (number, found), (following, after) in zip(tables, tables[1:]):
        if not found or found[-1] is not carried:
            earlier = []  # a table begun on this page
        if found and after and following == number + 1 and _continues(found[-1], after[0], earlier):
            earlier = [*earlier, *(p for p in found[-1].pieces if p.figure)]
            # Both parts get the columns of both (a later part of the second may have columns of
            # its own) and the label columns of both.
            # A part under a padded table's headers stands in its columns: its figures make none.
            own = [] if found[-1].padded else [anchor(p, found[-1].align) for p in after[0].pieces if p.figure]
            em = median(p.em for p in after[0].pieces)
            anchors = sorted(found[-1].anchors + _new_columns(found[-1].anchors, own, em))
            # Its texts are cut in those columns when its own rows suggested another alignment
            # (rows of one-digit figures beside labels that touch them line up every way).
            if following in first and after[0].align != found[-1].align:
                after[0] = text_table(first[following], (anchors, found[-1].align))
            if any(p.figure for p in found[-1].pieces):  # a header alone keeps the columns it heads
                found[-1].anchors = anchors
            after[0].anchors = list(anchors)
            after[0].align, after[0].continued = found[-1].align, True
            (a0, a1), (b0, b1) = found[-1].extent, after[0].extent
            found[-1].shared = after[0].shared = (min(a0, b0), max(a1, b1))  # the same column edges
            # A text its own page took for a label, left of its only column of figures, may head
            # columns of the table it continues (本年处理决定数量 set from its cell's left edge): no
            # label column starts in the value columns.
            starts = sorted(x for x in set(found[-1].starts + after[0].starts) if x - 1 < after[0].left)
            found[-1].starts = after[0].starts = [x for i, x in enumerate(starts) if i == 0 or x - starts[i - 1] > 1]
            carried = after[0]
    segments: list[Segment] = []
    for number, found in tables:
        built = [segment(number, table) for table in found]
        if built:
            built[0].first_on_page = built[-1].last_on_page = True
        segments += built
    return segments
