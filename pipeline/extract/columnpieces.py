"""A table's pieces of text (without rules) cut and joined at its value columns: texts of two
columns read as one piece cut where the second begins (two header cells set close, ideographs
run over a narrow cell's edge, a label touching its figure, figures of neighbouring columns set
close, header cells of one character each read as one justified line), header texts of
neighbouring cells as narrow as their text cut apart, and a header line justified to its cell's
width joined into one text."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import cache

from pipeline.core.codes import all_codes
from pipeline.extract.glyphs import Glyph, ideograph, lines_of
from pipeline.extract.gridmeasures import ALIGNED, EVEN_PITCH, LEVEL, TOUCH
from pipeline.extract.textcells import Block, anchor, em_of, figures_apart

# Characters of one word stand at most this share of an em apart (the cells of a wrapped header
# that touch keep a margin wider than that).
_KERN = 0.1
# A line justified over its cell spreads its characters by gaps up to this share of an em; two
# characters over a cell hardly wider, up to an em.
_SPREAD = 0.5
_SPREAD_AT_EDGE = 1.0
# The headers over the column headers of tables 三 and 四.
_GROUP_HEADERS = (("申请人情况", "法人或其他组织"), ("行政复议", "行政诉讼"))
# Header cells set as narrow as their text keep at least this share of an em between their texts
# (their margins), where the characters of one text follow each other at one advance: 1.5 points,
# 0.125 em of 12pt text, 0.095 of 15.75pt (公安局 2024's 结果|结果 on Letter with narrow margins).
_CELL_MARGIN = 0.08
# The ideographs of one text start an em apart, give or take this share of an em (rounding; a
# box reaching over the next character's, 0.49 points of 12pt in 上海 2019 by WeasyPrint).
_OVER = 0.05


def split_at_columns(
    pieces: list[Block], columns: list[tuple[float, float]], align: str, anchors: list[float]
) -> list[Block]:
    """Texts of two value columns joined into one piece cut where the second begins: two header
    cells set a space apart (社会 法律), or a wrapped cell's line touching the next cell's text
    where that column's figures start (社会公|法律服务, LibreOffice in a narrow column)."""

    def column(glyphs: list[Glyph]) -> int | None:
        at = anchor(Block(glyphs), align)
        return next((j for j, (x0, x1) in enumerate(columns) if x0 <= at <= x1), None)

    def figure_at_column(glyphs: list[Glyph], k: int) -> bool:
        # A label touching the figure beside it (处理的，只计这一情|8: a label as wide as its cell):
        # the rest, from a character that is no digit's neighbour, is a figure standing where its
        # column's figures stand.
        rest = Block(glyphs[k:])
        return (
            rest.figure
            and not Block(glyphs[:k]).figure
            and not glyphs[k - 1].text.isdigit()
            and any(abs(anchor(rest, align) - a) <= ALIGNED * rest.em for a in anchors)
        )

    # Above the first row of figures, a note's line runs into the first column's header (…第一项加
    # 第二|自, 自 / 然 / 人 set one character a line over the natural-person figures, the note's
    # characters squeezed against it): set from the left, the note ends with its last character
    # that ends before that column's figures start; centred (or from the right), where the rest
    # stands in that column as its figures do (…第四项之|自然, OCR reading both as one piece).
    top = max((piece.y1 for piece in pieces if piece.figure), default=float("inf"))

    def past_first(glyphs: list[Glyph], k: int) -> bool:
        if min(g.y0 for g in glyphs) <= top:
            return False
        if align == "left":
            return glyphs[k - 1].x1 <= anchors[0] + TOUCH < glyphs[k].x1 and glyphs[0].x1 <= anchors[0] + TOUCH
        # Only where OCR read the piece: a text layer's line is cut by its own gaps, and a label
        # wrapped over a table 二 item's columns (第二十条第（六）|项) may end inside the first.
        if any(g.confidence is None for g in glyphs):
            return False
        rest, (x0, x1) = Block(glyphs[k:]), columns[0]
        return (
            glyphs[0].x1 <= x0 + TOUCH
            and x0 - TOUCH <= rest.x0
            and rest.x1 <= x1 + TOUCH
            and abs(anchor(rest, align) - anchors[0]) <= ALIGNED * rest.em
        )

    # The header: above the first row of figures (all of a header ending a page, its figures on
    # the next).
    first_row = max((piece.y1 for piece in pieces if piece.figure), default=float("-inf"))

    before_on_line: dict[int, Glyph] = {}  # a character -> the character before it on its line
    for line in lines_of([g for piece in pieces for g in piece.glyphs]):
        before_on_line |= {id(b): a for a, b in zip(line, line[1:])}
    advance = em_of([g for piece in pieces for g in piece.glyphs])
    edges = [x1 for _, x1 in columns[:-1]] if align == "centre" else []
    split: list[Block] = []
    for piece in pieces:
        glyphs = sorted(piece.glyphs, key=lambda g: g.x0)
        cuts = [0]
        figure = piece.figure
        one_a_column = _one_a_column(glyphs, columns, anchors, advance)
        above = min(g.y0 for g in glyphs) > first_row
        for k in range(1, len(glyphs)):
            if not figure and figure_at_column(glyphs, k):
                cuts.append(k)
                figure = True  # the rest is a figure, or figures of neighbouring columns
                continue
            # At a space, or (text set from the left, touching its neighbour) where a column's
            # figures start.
            starts = align == "left" and any(abs(glyphs[k].x0 - a) <= TOUCH for a in anchors)
            starts = starts or _spread_end(glyphs, k, before_on_line, advance, edges)
            starts = starts or _centred_cells(glyphs, cuts[-1], k, columns, anchors, advance, above)
            starts = starts or one_a_column
            apart = _set_over(glyphs[k - 1], glyphs[k]) or _set_past(glyphs, k, advance)
            starts = starts or (not figure and (past_first(glyphs, k) or apart))
            # Figures of neighbouring columns set close (71|3, each from its cell's left edge;
            # 191件|0, a written figure wider than its centred cell): the second stands where its
            # column's figures stand.
            first, rest = glyphs[cuts[-1] : k], glyphs[k:]
            if figure or Block(first).figure:
                at = anchor(Block(rest), align)
                aligned = starts or any(abs(at - a) <= ALIGNED * Block(rest).em for a in anchors)
                if aligned and column(first) != column(rest) and figures_apart(first, rest):
                    cuts.append(k)
                    figure = True
                    continue
            if figure:
                continue
            if not glyphs[k].spaced and not starts:
                continue
            # Characters that touch are one word, unless they stand where a column's figures start
            # and no header label of the template holds them side by side (会|法: 社会公益组织 set
            # against 法律服务机构 with no gap, in cells narrower than their text).
            touching = glyphs[k].x0 - glyphs[k - 1].x1 <= _KERN * piece.em
            if touching and not (starts and glyphs[k - 1].text + glyphs[k].text not in _header_pairs()):
                continue
            before, after = column(glyphs[cuts[-1] : k]), column(glyphs[k:])
            # A label's line touching the header beside it (…第四项之|然商业): the label ends
            # where the first column's figures start.
            label = before is None and anchor(Block(glyphs[cuts[-1] : k]), align) < columns[0][0]
            if after is not None and (label or before is not None and before != after):
                cuts.append(k)
        # A character run over its cell's edge ends, for its cell, where the next cell's text
        # begins: under the other's cell, it would join no text of its own column.
        glyphs = [
            replace(g, x1=glyphs[k + 1].x0) if k + 1 in cuts and _set_over(g, glyphs[k + 1]) else g
            for k, g in enumerate(glyphs)
        ]
        split += [Block(glyphs[a:b]) for a, b in zip(cuts, cuts[1:] + [len(glyphs)])]
    return _spread_joined(split, column, advance)


def _spread_joined(pieces: list[Block], column: Callable[[list[Glyph]], int | None], advance: float) -> list[Block]:
    """A header line justified over its cell's width, read as two pieces, joined: its characters
    spread at one pitch, the piece cut from the next cell's text (``_spread_end``) going on the
    piece before it at that pitch, in its column (法律 | 服 of 法 律 服|其)."""
    joined: dict[int, Block] = {}  # a piece's index -> the piece with those joined to it
    for k, piece in sorted(enumerate(pieces), key=lambda item: item[1].x0):
        level = [i for i, p in joined.items() if abs(p.yc - piece.yc) <= LEVEL * advance and p.x1 <= piece.x0]
        i = max(level, key=lambda i: joined[i].x1, default=None)
        if (
            i is not None
            and _spread_on(joined[i], piece, advance)
            and column(piece.glyphs) is not None
            and column(joined[i].glyphs) == column(piece.glyphs)
        ):
            joined[i] = Block(joined[i].glyphs + piece.glyphs)
        else:
            joined[k] = piece
    return [joined[k] for k in sorted(joined)]


def _spread_on(before: Block, piece: Block, advance: float) -> bool:
    """Whether ``piece`` goes on the line of ``before`` at its spread pitch: level, ideographs only,
    the pitch from its last character to ``piece``'s first that of ``before``'s characters, wider
    than an em."""
    glyphs = sorted(before.glyphs, key=lambda g: g.x0) + sorted(piece.glyphs, key=lambda g: g.x0)
    if (
        before.figure
        or piece.figure
        or len(before.glyphs) < 2
        or abs(before.yc - piece.yc) > LEVEL * advance
        or not all(ideograph(g.text) for g in glyphs)
    ):
        return False
    a, b, c = glyphs[len(before.glyphs) - 2 : len(before.glyphs) + 1]
    return b.xc - a.xc > (1 + _KERN) * advance and abs((b.xc - a.xc) - (c.xc - b.xc)) <= EVEN_PITCH * advance


def _spread_end(
    glyphs: list[Glyph], k: int, before_on_line: dict[int, Glyph], advance: float, edges: list[float]
) -> bool:
    """Whether ``glyphs[k - 1]`` ends a line justified over its cell and ``glyphs[k]``, touching it,
    begins the next cell's text: ideographs spread apart up to it, set solid after it (法 律 服|其:
    法律服 justified over its cell, 其 / 他 set one character a line in the next). Two characters
    justified over a cell hardly wider spread further: so where they touch at the edge between two
    value columns of centred figures, halfway between them (社 会|法 律 over 社会公益组织 and
    法律服务机构, cells as wide as each other). ``advance``: the table's em; ``edges``: where the
    value columns meet."""
    earlier = before_on_line.get(id(glyphs[k - 1]))
    if earlier is None or not all(ideograph(g.text) for g in (earlier, glyphs[k - 1], glyphs[k])):
        return False
    # By the characters' centres (a box may be its character's ink, narrower than its advance).
    spread = glyphs[k - 1].xc - earlier.xc - advance
    solid = glyphs[k].xc - glyphs[k - 1].xc - advance
    at_edge = any(abs(glyphs[k].x0 - edge) <= TOUCH and abs(glyphs[k - 1].x1 - edge) <= TOUCH for edge in edges)
    widest = _SPREAD_AT_EDGE if at_edge else _SPREAD
    return _KERN * advance < spread <= widest * advance and abs(solid) <= _KERN * advance


def _centred_cells(
    glyphs: list[Glyph],
    start: int,
    k: int,
    columns: list[tuple[float, float]],
    anchors: list[float],
    advance: float,
    header: bool,
) -> bool:
    """Whether the texts of two header cells as narrow as their text touch before ``glyphs[k]``,
    each centred over its column's figures, columns of centred figures side by side: at the edge
    between them (结果|结果|其他|尚未 over table 四's columns two characters wide), or, cells as
    wide as texts of different lengths, off it, in the header (``header``: above the table's
    figures; a line of running text read into a table runs on over its columns solid) and two
    characters each at least, as every header of the templates (自然人|商业|科研 set solid over
    figures centred 40 and 32 points apart, 自然人 running 4 points past the edge; 交通与建设局 2022
    by LibreOffice); ``start``: where the text before begins."""
    if len(anchors) != len(columns):
        return False

    def centred(run: list[Glyph], j: int) -> bool:
        return abs((run[0].x0 + run[-1].x1) / 2 - anchors[j]) <= ALIGNED * advance

    edge = next((j for j, (_, x1) in enumerate(columns[:-1]) if abs(glyphs[k].x0 - x1) <= TOUCH), None)
    if edge is not None and abs(glyphs[k - 1].x1 - columns[edge][1]) <= TOUCH:
        after = [g for g in glyphs[k:] if g.xc < columns[edge + 1][1]]
        return centred(glyphs[start:k], edge) and centred(after, edge + 1)
    before = next((j for j in range(len(anchors) - 1) if centred(glyphs[start:k], j)), None)
    return (
        header
        and before is not None
        and k - start >= 2
        and any(centred(glyphs[k:end], before + 1) for end in range(k + 2, len(glyphs) + 1))
    )


def _one_a_column(
    glyphs: list[Glyph], columns: list[tuple[float, float]], anchors: list[float], advance: float
) -> bool:
    """Whether a line's ideographs are the texts of neighbouring header cells, one character
    each: each in the column after the one before it, at the pitch of those columns' figures,
    none touching the next (结 结 其 尚 总 over table 四's five columns, each header wrapped one
    character a line in cells a character and a half wide, Chromium on A5). Read alone, such a
    line looks justified over one cell, its characters a third of an em apart at one pitch; a
    line justified over several columns spreads its characters at a pitch of its own."""
    if len(glyphs) < 2 or len(anchors) != len(columns) or not all(ideograph(g.text) for g in glyphs):
        return False
    if any(b.x0 - a.x1 <= _KERN * advance for a, b in zip(glyphs, glyphs[1:])):
        return False
    at = [next((j for j, (x0, x1) in enumerate(columns) if x0 <= g.xc <= x1), None) for g in glyphs]
    if None in at:
        return False
    return all(
        j == i + 1 and abs((b.xc - a.xc) - (anchors[j] - anchors[i])) <= ALIGNED * advance
        for (a, i), (b, j) in zip(zip(glyphs, at), zip(glyphs[1:], at[1:]))
    )


def _set_over(before: Glyph, glyph: Glyph) -> bool:
    """Whether an ideograph starts less than an em after the one before it: the ideographs of one
    text follow each other at their advance, an em (or more, letter-spaced), so these are the texts
    of two cells narrower than a character, each run over its cell's edge into the next (其 of 其他
    and 计 of 总计, each cell 0.9 em wide). Their boxes say nothing (a box reaches as far as its
    character's ink, past its advance: 其 0.04 em over the 他 after it). A text layer's only: a
    character OCR read starts where its ink does, not at its origin."""
    ideographs = all(ideograph(g.text) and g.confidence is None for g in (before, glyph))
    em = min(before.x1 - before.x0, glyph.x1 - glyph.x0)  # a box is its advance, or its ink if wider
    return ideographs and glyph.x0 - before.x0 < (1 - _OVER) * em


def _set_past(glyphs: list[Glyph], k: int, advance: float) -> bool:
    """Whether an ideograph starts further than an em after the one before it, at a pitch no other
    two characters of the piece keep: the texts of two cells hardly wider than a character, each
    set from its cell's left edge (其 of 其他 and 计 of 总计 on A5 with narrow margins, 1.1 em
    apart, 0.06 em between their boxes). A letter-spaced text keeps its pitch between all its
    characters; the templates' headers over two columns or more are four characters at least, so
    two alone at a pitch of their own are not one spread over two columns. ``advance``: the
    table's em, its ideographs' most usual width. Only boxes that wide start at their character's
    origin: a box drawn round a narrower ink starts past it (Chromium's 一 of 上一年, 0.04 em in),
    and says nothing of the pitch."""
    before, glyph = glyphs[k - 1], glyphs[k]
    if not all(ideograph(g.text) and g.confidence is None for g in (before, glyph)):
        return False
    if min(before.x1 - before.x0, glyph.x1 - glyph.x0) < (1 - _OVER) * advance:
        return False
    pitch = glyph.x0 - before.x0
    others = [b.x0 - a.x0 for j, (a, b) in enumerate(zip(glyphs, glyphs[1:]), start=1) if j != k]
    return pitch > (1 + _OVER) * advance and all(abs(pitch - other) > EVEN_PITCH * advance for other in others)


def _first_column(figures: list[Block]) -> float:
    """Where the first value column starts: half the pitch of the figures' columns left of the
    first figure's middle. A header text of that column starts left of its figure where the figure
    is centred and the text fills the cell (table 四, no label column before it: 结果 over 0 in a
    cell two characters wide)."""
    first = min(figures, key=lambda f: f.xc)
    level = sorted(f.xc for f in figures if abs(f.yc - first.yc) <= LEVEL * first.em)
    pitch = min((b - a for a, b in zip(level, level[1:]) if b - a > first.x1 - first.x0), default=0.0)
    return min(first.x0, first.xc - pitch / 2)


@cache
def _header_pairs() -> frozenset[str]:
    """Every two characters side by side in a label of the templates (codes.csv's, and the
    headers over table 三's applicants and table 四's proceedings)."""
    texts = [label for c in all_codes() for label in c.labels_zh]
    texts += [text for extra in _GROUP_HEADERS for text in extra]
    return frozenset(text[i : i + 2] for text in texts for i in range(len(text) - 1))


def join_in_columns(pieces: list[Block], left: float, anchors: list[float]) -> list[Block]:
    """Header texts on one line that start within one column of a table set from the left, and end
    before the next column's figures, as one piece: a header line justified to its cell's width
    ("社 会" over the social welfare column) is that column's, however far apart its characters."""
    edges = [a - TOUCH for a in anchors] + [float("inf")]

    def column(piece: Block) -> int | None:
        j = next((j for j in range(len(anchors)) if edges[j] <= piece.x0 < edges[j + 1]), None)
        return j if j is not None and piece.x1 <= edges[j + 1] + 2 * TOUCH else None

    def header(piece: Block) -> bool:
        return piece.xc >= left and not piece.figure and column(piece) is not None

    joined: list[Block] = []
    for piece in sorted(pieces, key=lambda p: p.x0):
        into = next(
            (
                i
                for i, other in enumerate(joined)
                if header(piece)
                and header(other)
                and abs(piece.yc - other.yc) <= LEVEL * piece.em
                and column(piece) == column(other)
            ),
            None,
        )
        if into is None:
            joined.append(piece)
        else:
            joined[into] = Block(joined[into].glyphs + piece.glyphs)
    return joined


def header_cells_set_close(pieces: list[Block], header: tuple[float, float] | None = None) -> list[Block]:
    """Header texts of neighbouring cells read as one piece, cut apart: cells as narrow as their
    text (``nowrap``) keep only their margins between their texts (商业企业|科研机构|社会公益组织,
    1.5 points apart), less than the space that parts pieces, while the characters of each text
    follow one another at one advance. A header line (above the figures, right of the labels)
    whose characters are so set, a wider gap between some of them, is cut at those gaps, each
    part a text of two characters at least. ``header``: where the header's lowest cells end and
    its first column starts (bottom, left), for a table without figures."""
    figures = [p for p in pieces if p.figure]
    if header is None and not figures:
        return pieces
    top, start = header if header is not None else (max(f.y1 for f in figures), _first_column(figures))
    split: list[Block] = []
    for piece in pieces:
        glyphs = sorted(piece.glyphs, key=lambda g: g.x0)
        if piece.figure or piece.y0 < top - TOUCH or piece.x0 < start - TOUCH or len(glyphs) < 4:
            split.append(piece)
            continue
        gaps = [b.x0 - a.x1 for a, b in zip(glyphs, glyphs[1:])]
        em = piece.em
        least = min(gaps)
        wide = [k + 1 for k, gap in enumerate(gaps) if gap - least > _CELL_MARGIN * em]
        inner = [gap for k, gap in enumerate(gaps) if k + 1 not in wide]
        cuts = [0, *wide, len(glyphs)]
        if (
            not wide
            or max(inner) - least > _OVER * em
            or min(gaps[k - 1] for k in wide) - max(inner) <= _CELL_MARGIN * em
            or any(b - a < 2 for a, b in zip(cuts, cuts[1:]))
            or not all(glyphs[k - 1].text >= "\u3000" and glyphs[k].text >= "\u3000" for k in wide)
        ):
            split.append(piece)
            continue
        split += [Block(glyphs[a:b]) for a, b in zip(cuts, cuts[1:])]
    return split
