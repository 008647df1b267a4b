"""Pieces of text on a page and the cells they form, for the reader of tables without rules
(``unruled.py``): characters of one baseline that touch are one piece; pieces stacked at the
pitch of a wrapped line and overlapping are the lines of one cell, unless the lower one opens
with an enumerator of the template's labels (not the rest of one the line above began)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from statistics import median

from pipeline.extract.glyphs import OCR_BEARING, Box, Glyph, ideograph, lines_of, text_of
from pipeline.extract.numbers import BLANK_MARKS, HANGING, looks_numeric

# Characters of one line further apart than this share of an em, with no space set between
# them, are separate pieces (the characters of a word touch; cells keep a margin).
_APART = 0.25
# A justified line spreads its characters by equal gaps under this share of an em (a cell's
# margin is wider), equal to this share of an em.
_JUSTIFIED = 0.5
_EVEN_JUSTIFIED = 0.02
# A space set between two texts this many ems apart is a cell's padding, not a word space (Word
# exports pad a cell's text with no-break spaces up to the next cell's).
_PADDED = 1.0
# The lines of a wrapped cell are at most this many ems apart, and lines of one
# cell at most this much further apart than the table's closest lines.
_WRAP = 1.6
_PITCH = 1.15
# A label's lines may stand up to this many ems apart, wider than the table's closest lines: a Word
# export's exact line spacing (30pt lines of 12pt text), or a run set smaller than its paragraph
# (10pt text in a 12pt paragraph, whose lines are the paragraph's height).
_LOOSE_WRAP = 3.0
# ... and a label's two paragraphs up to this many, its row's figures centred between them: Word
# sets a paragraph's spacing after it between them (LibreOffice's 0.5 cm under a web page's <p>
# over exact 22pt lines of 12pt text: 3.0 ems), as far apart as the table's rows.
_PARAGRAPHS = 4.0
# The rest of a wrapped line is at most one character wider than the line: a closing mark hung past
# its end, or a character taken down with the mark after it (为：第一项加第二项之 / 和，等于第三项加第四项).
_HUNG = 1.0
# Opening marks: never the last character of a line.
_OPENING = "“‘（《「『〔【"
# The characters of a figure are at most this share of an em apart (letter-spaced digits too),
# and evenly: their gaps differ by at most this share of an em.
_TOUCH = 0.25
_EVEN = 0.1
# A rule crosses a character when it lies this share of the character's width inside its box,
# on both sides (not where the loose boxes of neighbouring characters merely reach it).
_CROSSED = 0.25
# A figure centred on its cell has its middle this share of an em from the cell's centre at most.
_CENTRED = 0.25
# The enumerators of the template's labels (（三）, 四、, 1.): such a text begins a label.
ENUMERATED = re.compile(
    r"\s*(（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、|\d+\s*[.．、])"
)
# Two figures of neighbouring columns set close are further apart than the characters within
# either by this share of an em.
_APART_FIGURES = 0.1
# Lines of one cell start, end or are centred this many ems apart at most.
_ALIKE = 0.5
# A wrapped line is at most this many ems wider than the line above (a line breaks early to keep
# a closing mark or a word together), and texts of one line have centres this share of an em apart.
_WIDER = 2.0
_LINE = 0.25
# Texts whose ends are this close (PDF points) touch rather than overlap.
_ENDS_TOUCH = 1.0
# A cell's first line is indented this many ems at most (two characters, as Word sets a report's
# paragraphs, a label's in its cell too), its next lines set from the cell's left edge.
_INDENT = 2.0


@dataclass
class Block(Box):
    """A piece of text, or the lines of one cell."""

    glyphs: list[Glyph]

    @property
    def text(self) -> str:
        return text_of(self.glyphs)

    @property
    def x0(self) -> float:
        return min(g.x0 for g in self.glyphs)

    @property
    def x1(self) -> float:
        return max(g.x1 for g in self.glyphs)

    @property
    def y0(self) -> float:
        return min(g.y0 for g in self.glyphs)

    @property
    def y1(self) -> float:
        return max(g.y1 for g in self.glyphs)

    @property
    def em(self) -> float:
        return em_of(self.glyphs)

    @property
    def first_line(self) -> Block:
        """The text's first line (a wrapped cell's, where cells set from their top align)."""
        return Block(lines_of(self.glyphs)[0])

    @property
    def confidence(self) -> float | None:
        """OCR's confidence in the text (its least certain character's); None when not OCR'd."""
        read = [g.confidence for g in self.glyphs if g.confidence is not None]
        return min(read) if read else None

    @property
    def figure(self) -> bool:
        if any(g.in_label for g in self.glyphs):
            return False
        text = "".join(self.text.split())
        if text[:1] in HANGING:  # the rest of a wrapped label: （四 / ）无 / 法提 / 供 is no 无 (0)
            return False
        return looks_numeric(text) or (bool(text) and not text.strip(BLANK_MARKS))  # a figure or a dash


def anchor(block: Block, align: str) -> float:
    """Where a text stands in its column: its centre, or its left or right end."""
    return {"left": block.x0, "right": block.x1}.get(align, block.xc)


def em_of(glyphs: list[Glyph]) -> float:
    """The size of the text: the width of its CJK characters (each one em wide), else the
    height of its characters (producers' character boxes differ in height, not in width)."""
    widths = [width for g, width in _advances(glyphs) if g.text >= "\u3000"]
    return median(widths) if widths else median(g.height for g in glyphs)


def _advances(glyphs: list[Glyph]) -> list[tuple[Glyph, float]]:
    """Each character with its advance: its box's width, but for a text OCR read, whose
    characters share its width evenly (``picturetext``), a digit, Latin letter or ASCII mark
    taking a CJK character's share: there a CJK character is an em of the text's width counted
    by advances, a half-width character half of one (1.信访举报: 9.8 points a character, 11.7 an
    em)."""
    found: list[tuple[Glyph, float]] = []
    run: list[Glyph] = []

    def flush() -> None:
        ems = sum(1.0 if g.text >= "\u3000" else 0.5 for g in run)
        span = run[-1].x1 - run[0].x0
        found.extend((g, span / ems if g.text >= "\u3000" else span / ems / 2) for g in run)

    for g in glyphs:
        if g.confidence is None:
            found.append((g, g.x1 - g.x0))
            continue
        if run and not (
            g.confidence == run[-1].confidence and g.base == run[-1].base and abs(g.x0 - run[-1].x1) < 0.01
        ):
            flush()
            run = []
        run.append(g)
    if run:
        flush()
    return found


def _crosses(glyph: Glyph, edges: list[float]) -> bool:
    margin = _CROSSED * (glyph.x1 - glyph.x0)
    return any(glyph.x0 + margin < edge < glyph.x1 - margin for edge in edges)


def _across(run: list[Glyph], edges: list[float]) -> float | None:
    """Where a run of characters goes when it is one figure printed across a rule, else ``None``.

    Its text is a figure, its characters are evenly set, and either it is centred on a cell and
    one of its characters crosses that cell's rule (3144件 over both rules of a narrow cell), or it
    starts in the first or last column of the table and runs out of the table (4271 past the right
    rule): nothing outside a table is a cell's. Two figures of neighbouring cells that touch stay
    apart: each on its side of the rule (2187|2096), or set from their cells' left edges, their
    middle on no cell's centre (2223870: 2223 run over the rule up to 870, in the next cell)."""
    if not looks_numeric(text_of(run)):
        return None
    em = em_of(run)
    gaps = [glyph.x0 - before.x1 for before, glyph in zip(run, run[1:])]
    if gaps and max(gaps) - min(gaps) > _EVEN * em:
        return None
    middle = (run[0].x0 + run[-1].x1) / 2
    inside = [glyph.xc for glyph in run if edges[0] < glyph.xc < edges[-1]]
    if inside and len(inside) < len(run):
        cells = {bisect.bisect_right(edges, x) for x in inside}
        if cells in ({1}, {len(edges) - 1}):
            return min(max(middle, edges[0] + _TOUCH * em), edges[-1] - _TOUCH * em)
        return None
    c = bisect.bisect_right(edges, middle) - 1
    if not 0 <= c < len(edges) - 1 or abs(middle - (edges[c] + edges[c + 1]) / 2) > _CENTRED * em:
        return None
    if not any(_crosses(glyph, edges[c : c + 2]) for glyph in run):
        return None
    return middle


def placed(chars: list[Glyph], edges: list[float]) -> list[tuple[float, list[Glyph]]]:
    """Where characters go in a grid whose column edges are ``edges`` (ascending): each character
    at its centre, except a figure printed across a rule (``_across``): all of it at one place.
    Both the rules reader and the completeness guard place text so."""
    result: list[tuple[float, list[Glyph]]] = []
    for line in lines_of(chars):
        em = em_of(line)
        runs = [[line[0]]]
        for before, glyph in zip(line, line[1:]):
            if glyph.x0 - before.x1 > _TOUCH * em:
                runs.append([glyph])
            else:
                runs[-1].append(glyph)
        for run in runs:
            at = _across(run, edges) if len(run) > 1 and len(edges) > 1 else None
            if at is not None:
                result.append((at, run))
            else:
                result += [(glyph.xc, [glyph]) for glyph in run]
    return result


def _justified(line: list[Glyph], gaps: list[float], i: int, em: float) -> bool:
    """Whether the gap after ``line[i]`` is the spacing of a justified line of CJK text (Word's
    distributed text in a narrow cell: "（ 三 ）", "不 予 公"): a spacing under half an em, the
    characters' centres as far apart as those of the pair before or after, none a digit (figures
    of neighbouring columns stay apart)."""

    def cjk(k: int) -> bool:
        return line[k].text >= "\u3000" and not line[k].text.isdigit()

    def spread(k: int) -> bool:
        # Between CJK characters, or after an enumerator's mark before one ("3. 危 及": the
        # spacing is added after the enumerator 3., never between its digit and its mark).
        return cjk(k + 1) and (cjk(k) or not line[k].text.isalnum())

    def pitch(k: int) -> float:
        return line[k + 1].xc - line[k].xc

    def even(j: int) -> bool:
        if cjk(j) and cjk(i):
            return abs(pitch(j) - pitch(i)) <= _EVEN_JUSTIFIED * em
        return abs(gaps[j] - gaps[i]) <= _EVEN_JUSTIFIED * em  # a half-width mark: equal gaps

    def solid(side: range) -> bool:
        # Justified text spreads every two CJK characters of its line: a text set solid from the
        # gap to the line's end (or from its start), each character at the advance of the one
        # before, is another cell's line, not justified (秘密 of 1.属于国家 / 秘密 beside ）不, set two
        # characters a line at a pitch its cell's margins happen to match). Two cells' texts
        # touching (其他处|理由逾期不补) go on spread beyond.
        return (
            bool(side) and cjk(side[0]) and cjk(side[0] + 1) and all(abs(gaps[k]) <= _EVEN_JUSTIFIED * em for k in side)
        )

    # Between two ideographs, the spacing added is their pitch less their advance (an em): the ink
    # of 一 fills less of its em than 全's, so its box stands further off (安   全   一   稳 at one pitch).
    added = pitch(i) - em if cjk(i) and cjk(i + 1) else gaps[i]
    if not (added <= _JUSTIFIED * em and spread(i)) or solid(range(i + 1, len(gaps))) or solid(range(i - 1, -1, -1)):
        return False
    return any(0 <= j < len(gaps) and spread(j) and even(j) for j in (i - 1, i + 1))


def pieces(line: list[Glyph], justified: bool = True) -> list[Block]:
    """A line cut where its characters stand apart; a figure and its unit ("12 万元") stay one;
    a line justified to its cell's width is one piece, unless ``justified`` is false."""
    pieces = [[line[0]]]
    em = em_of(line)
    gaps = [glyph.x0 - before.x1 for before, glyph in zip(line, line[1:])]
    for i, glyph in enumerate(line[1:]):
        gap = gaps[i]
        # A space between two digits parts two figures (2 and 1 of neighbouring columns, not 21).
        padded = not glyph.spaced or gap > _PADDED * em or (glyph.text.isdigit() and line[i].text.isdigit())
        if gap > _APART * em and padded and not (justified and _justified(line, gaps, i, em)):
            pieces.append([glyph])
        else:
            pieces[-1].append(glyph)
    blocks = [Block(pieces[0])]
    for piece in pieces[1:]:
        joined = Block(blocks[-1].glyphs + piece)
        if joined.figure and not Block(piece).figure:
            blocks[-1] = joined
        else:
            blocks.append(Block(piece))
    return blocks


def texts_meet(glyphs: list[Glyph], k: int) -> bool:
    """Whether one text ends and another begins before ``glyphs[k]`` (a run read left to right):
    the characters of one text follow each other at their advance, the same gap between each two
    (none, or a letter-spacing), while two texts set from their own cells' positions meet at a gap
    of their own (2223|870: 0.36 points apart, the digits of each touching; 2216|2350: 0.45
    points over each other). Each text of two characters at least, so that its own gap is seen."""
    if k < 2 or len(glyphs) - k < 2:
        return False
    gaps = [b.x0 - a.x1 for a, b in zip(glyphs, glyphs[1:])]
    even = _EVEN_JUSTIFIED * em_of(glyphs)
    inner = gaps[: k - 1] + gaps[k:]
    return max(inner) - min(inner) <= even and all(abs(gaps[k - 1] - gap) > even for gap in inner)


def figures_apart(first: list[Glyph], rest: list[Glyph]) -> bool:
    """Whether two runs of characters of one piece that reads as a figure are two figures, when
    the second stands in another column than the first (the caller's test): cells narrower than
    their figures set them close (71|3, 191件|0), but further apart than the characters within
    either. The reader and the completeness guard cut figures so."""
    inner = [b.x0 - a.x1 for part in (first, rest) for a, b in zip(part, part[1:])]
    gap = rest[0].x0 - first[-1].x1
    # A written figure ends with its unit (191件): digits after it are another figure, however set.
    unit = first[-1].text >= "\u3000" and rest[0].text.isdigit()
    return (
        Block(first).figure
        and Block(rest).figure
        and (unit or gap > max(inner, default=0.0) + _APART_FIGURES * em_of(first + rest))
    )


def overlap(a: Block, b: Block) -> bool:
    """Whether two texts share some width."""
    return a.x0 < b.x1 and b.x0 < a.x1


def _stacked(a: Block, b: Block, inked: bool = False) -> bool:
    """Whether two texts share more width than touching ends (a note whose lines end where the
    next column's text starts, 自然人 beside 本列数据的勾稽关系…, is not that column's). ``inked``:
    texts OCR read by their ink, each box a bearing wider than it (其他 ending where 总计 starts,
    half a line higher, in the next narrow column)."""
    touch = _ENDS_TOUCH
    if inked and a.confidence is not None and b.confidence is not None:
        touch += 2 * OCR_BEARING * min(a.em, b.em)
    return a.x0 < b.x1 - touch and b.x0 < a.x1 - touch


def _set_alike(upper: Block, lower: Block) -> bool:
    """Whether a line can be the next line of the cell of the line above: lines of one cell start
    alike, end together or are centred alike, or the next starts further left (a first line
    indented). A header set over several columns (法人或其他组织) and the cell of one column below it
    (社会 / 公益 / 组织) are set at the pitch of a wrapped line too, but start, end and centre apart."""
    near = _ALIKE * upper.em
    # Set from the right, a cell's lines end together (within the touch of two texts' ends).
    ends = abs(lower.x1 - upper.x1) <= _ENDS_TOUCH
    return lower.x0 <= upper.x0 + near or ends or abs(lower.xc - upper.xc) <= near


def _unlike(upper: Block, lower: Block) -> float:
    """How far two lines are from being set alike: the least of how far apart they start, end and
    are centred."""
    return min(abs(lower.x0 - upper.x0), abs(lower.x1 - upper.x1), abs(lower.xc - upper.xc))


def _indented(line: Block, lower: Block, cell: Block, pieces: list[Block], left: float) -> Block:
    """A cell's first line as the lines under it stand, when it is indented: a paragraph's first
    line set two characters in (``text-indent: 2em``, as the report sets every paragraph, a label's
    in its narrow cell too) starts right of its next lines, so that a line under it is wider by the
    indent (（三 / ）不予公, justified to the cell's edges) or, as short as the indent, under none of
    it (1.属于国家 / 秘密, 3. / 其他). The line from where ``lower`` starts, when ``line`` is the
    cell's only line and ``lower`` starts left of it by the indent at most, and, under none of it,
    stands beside no label to its right or the column shows that indent elsewhere (another text
    starts where ``line`` starts, with a text under it starting where ``lower`` starts): it is no
    line of a group label's column beside the label; ``line`` itself otherwise."""
    em = line.em
    indent = line.x0 - lower.x0
    if line.xc >= left or lower.xc >= left:  # a label's, not a header's (centred lines)
        return line
    if len(cell.glyphs) != len(line.glyphs) or not _ENDS_TOUCH < indent <= _INDENT * em + _ENDS_TOUCH:
        return line
    # The next line reaches past the first's end by less than the indent (both justified to the
    # cell's right edge; or the first short by a character that did not fit, 1. over 属于国): a line
    # as far out on both sides is a label of its own centred under it (行政许可 over 其他对外管理).
    if lower.x1 - line.x1 > indent - _ALIKE * lower.em:
        return line

    def alike(a: float, b: float) -> bool:
        return abs(a - b) <= _ENDS_TOUCH

    def seen() -> bool:
        return any(
            other is not line
            and alike(other.x0, line.x0)
            and any(
                alike(p.x0, lower.x0) and _stacked(other, p) and 0 < other.yc - p.yc <= _LOOSE_WRAP * em
                for p in pieces
                if p is not lower
            )
            for other in pieces
        )

    if not (_stacked(line, lower) or not _beside_labels(lower, pieces, left) or seen()):
        return line
    first = min(line.glyphs, key=lambda g: g.x0)
    return Block([replace(first, text=" ", x0=lower.x0, x1=lower.x0), *line.glyphs])


def _wraps(upper: Block, lower: Block, pieces: list[Block], cell: Block) -> bool:
    """Whether ``lower`` can be the rest of ``upper`` (the last line of ``cell``) wrapped: not
    wider than it by more than the characters a line may leave for the next (未经复议直接起诉 under
    行政诉讼 is a cell of its own), and the only text of its line under the cell (a header over
    several cells, 未经复议直接起诉 over 结果 | 结果 | 其他 | 尚未, is no cell's first line, nor is
    结 under its wrapped 诉 when 结 | 其 | 尚 stand beside it under 未经复议直接起)."""
    if lower.x1 - lower.x0 > upper.x1 - upper.x0 + _WIDER * upper.em:
        return False
    return not any(
        other is not lower
        and abs(other.yc - lower.yc) <= _LINE * lower.em
        and (_stacked(upper, other) or _stacked(Block(unhung(cell.glyphs)), other))
        for other in pieces
    )


def unhung(glyphs: list[Glyph]) -> list[Glyph]:
    """A text's characters without the punctuation hung past its lines' ends: a closing mark stays
    on the line of the character before it, past the cell's edge when the cell is too narrow for
    both (三、 over a vertical group label's column one character wide), so it says nothing of
    how far the cell reaches."""
    kept: list[Glyph] = []
    for line in lines_of(glyphs):
        line = sorted(line, key=lambda g: g.x0)
        while len(line) > 1 and line[-1].text in HANGING:
            line.pop()
        kept += line
    return kept


def _spread_lines(pieces: list[Block], limit: float, left: float) -> list[Block]:
    """A label's line of a few characters justified over its cell's width ("一      稳" under
    "“三安全": the first character where the line above starts, the last where it ends, far apart)
    as one piece: pieces of one line under a label, within it, spanning it from end to end."""
    joined = sorted(pieces, key=lambda p: -p.yc)
    i = 0
    while i < len(joined):  # top to bottom: a joined line is the line above the next one
        upper = joined[i]
        i += 1
        # An indented first line of two characters over a line that spans them (``_first_line``) is
        # looked for as far as a label's lines may stand apart, in a table whose lines all stand apart.
        below = [p for p in joined if 0 < upper.yc - p.yc <= (limit or _LOOSE_WRAP * upper.em) and _stacked(upper, p)]
        if upper.xc >= left or not below:
            continue
        top = max(p.yc for p in below)
        line = sorted((p for p in joined if abs(p.yc - top) <= _LINE * p.em and overlap(upper, p)), key=lambda p: p.x0)
        # Further than the table's lines, only a first line indented (the line under it starts left of it).
        first = _first_line(joined, upper, top, indented=upper.yc - top > limit)
        if not first and upper.yc - top > limit:
            continue
        if first:
            # Joined, it is the line above the next: visited next.
            block = Block([g for p in first for g in p.glyphs])
            joined = sorted([p for p in joined if p not in first] + [block], key=lambda p: -p.yc)
            i = joined.index(block)
            continue
        if (
            len(line) > 1
            and not any(p.figure for p in line)
            and abs(line[0].x0 - upper.x0) <= _ENDS_TOUCH
            and abs(line[-1].x1 - upper.x1) <= _ENDS_TOUCH
        ):
            rest = [p for p in joined if p not in line] + [Block([g for p in line for g in p.glyphs])]
            joined = sorted(rest, key=lambda p: -p.yc)
    if not joined:
        return joined
    return _spread_over_next(joined, limit or _LOOSE_WRAP * em_of([g for p in joined for g in p.glyphs]), left)


def _spread_over_next(pieces: list[Block], limit: float, left: float) -> list[Block]:
    """A label's first line justified over its cell's width, spanning the label's next line from
    end to end, as one piece: a line broken early to keep an opening mark with the text after it
    is spread (3.   危   及 over “三安全, of 3.危及“三安全一稳定” in a column four characters wide).
    Pieces of one line left of the figures, three or more at one pitch, the first starting where
    the text right under them starts and the last ending where it ends."""
    joined = sorted(pieces, key=lambda p: -p.yc)
    for piece in list(joined):
        if piece not in joined or piece.xc >= left or piece.figure:
            continue
        line = sorted(
            (p for p in joined if abs(p.yc - piece.yc) <= _LINE * p.em and p.xc < left and not p.figure),
            key=lambda p: p.x0,
        )
        span = Block([g for p in line for g in p.glyphs])
        under = _right_below([p for p in joined if p not in line], span)
        if (
            len(line) < 3
            or line[0] is not piece
            or under is None
            or not 0 < span.yc - under.yc <= limit
            or abs(line[0].x0 - under.x0) > _ENDS_TOUCH
            or abs(line[-1].x1 - under.x1) > _ENDS_TOUCH
            or any(p is not under and abs(p.yc - under.yc) <= _LINE * p.em and _stacked(p, span) for p in joined)
        ):
            continue
        pitches = [b.xc - a.xc for a, b in zip(line, line[1:])]
        if max(pitches) - min(pitches) > _EVEN * span.em:
            continue
        joined = sorted([p for p in joined if p not in line] + [span], key=lambda p: -p.yc)
    return joined


def _right_below(pieces: list[Block], block: Block) -> Block | None:
    """The text right below ``block`` that shares some of its width."""
    return max((p for p in pieces if p.yc < block.yc and _stacked(p, block)), key=lambda p: p.yc, default=None)


def _first_line(joined: list[Block], upper: Block, top: float, indented: bool = False) -> list[Block]:
    """The pieces of a label's first line justified over its cell's width, an enumerator and one
    character ("3.   危", "4.   保": Chromium on A5, a label column two characters wide; ``upper``
    the character), or two characters (（   三 over ）不, Word's label set two characters a line,
    the enumerator's closing mark on the next line), when the line under it (at ``top``) spans them
    from end to end, as one piece or justified too (及“三, 护   第), or, the first line indented,
    from the indent's start to its end (（   三 over ）不予公); ``indented``: only so. Else none. Its
    lines below are then joined under it, as above."""
    level = sorted((p for p in joined if abs(p.yc - upper.yc) <= _LINE * p.em), key=lambda p: p.x0)
    k = next(k for k, p in enumerate(level) if p is upper)
    if k == 0 or upper.figure or len(upper.text) != 1:
        return []
    before = level[k - 1]
    character = len(before.text) == 1 and not before.figure and upper.x0 - before.x1 <= _JUSTIFIED * upper.em
    if not (ENUMERATED.fullmatch(before.text) or character):
        return []
    line = level[k - 1 : k + 1]
    # The line may be indented (``_indented``): the line under it then starts left of it by the indent.
    start = line[0].x0 - _INDENT * upper.em - _ENDS_TOUCH
    under = sorted(
        (p for p in joined if abs(p.yc - top) <= _LINE * p.em and start <= p.x0 and p.x1 <= upper.x1 + _ENDS_TOUCH),
        key=lambda p: p.x0,
    )
    if not under or any(p.figure for p in under):
        return []
    if under[0].x0 > line[0].x0 + _ENDS_TOUCH or abs(under[-1].x1 - upper.x1) > _ENDS_TOUCH:
        return []
    if indented and under[0].x0 >= line[0].x0 - _ENDS_TOUCH:
        return []
    return line


def _taken_down(line: Block) -> float:
    """How much wider than the line above a wrapped line may be for the characters a line break
    took down with it: an opening mark never ends a line, and the character before it goes down
    with it (3.危 / 及“三安 / 全一稳 / 定”: the first line two characters short)."""
    glyphs = sorted(line.glyphs, key=lambda g: g.x0)
    return glyphs[1].x1 - glyphs[0].x0 if len(glyphs) > 1 and glyphs[1].text in _OPENING else 0.0


def _spread_over(pieces: list[Block]) -> list[Block]:
    """A line Word spreads over its cell's width as one piece: a justified paragraph's line ending
    in a line break (本年新<br>制作数量) sets its characters from the cell's left edge to its right,
    far apart (本 / 年 / 新 1.5 ems apart, 本 / 年 of 本年<br>公开数量 3). Characters alone on their
    line at one pitch, the first where the text right under it starts, the last ending before the
    next text of that line begins: a header of one character a column (结 / 结 / 其 over 果 / 果 /
    他) has a text of its own under each."""
    lines: list[list[Block]] = []
    for piece in sorted(pieces, key=lambda p: -p.yc):
        if len(piece.glyphs) == 1 and piece.text >= "\u3000" and not piece.figure:
            if lines and abs(lines[-1][0].yc - piece.yc) <= _LINE * piece.em:
                lines[-1].append(piece)
            else:
                lines.append([piece])
    chars = [piece for line in lines for piece in sorted(line, key=lambda p: p.x0)]
    runs: list[list[Block]] = []
    for piece in chars:
        run = runs[-1] if runs else []
        level = run and abs(run[-1].yc - piece.yc) <= _LINE * piece.em
        pitch = len(run) < 2 or abs((piece.xc - run[-1].xc) - (run[1].xc - run[0].xc)) <= _EVEN * piece.em
        between = level and any(run[-1].x1 <= p.xc <= piece.x0 and abs(p.yc - piece.yc) <= _LINE * p.em for p in pieces)
        if level and pitch and not between and piece.x0 - run[-1].x1 > _JUSTIFIED * piece.em:
            run.append(piece)
        else:
            runs.append([piece])
    joined = list(pieces)
    for run in runs:
        if len(run) < 2:
            continue
        under = [
            p for p in pieces if 0 < run[0].yc - p.yc <= _LOOSE_WRAP * run[0].em and p.y1 <= run[0].y0 + _ENDS_TOUCH
        ]
        top = max((p.yc for p in under if overlap(p, run[0])), default=None)
        line = sorted((p for p in under if top is not None and abs(p.yc - top) <= _LINE * p.em), key=lambda p: p.x0)
        first = next((p for p in line if abs(p.x0 - run[0].x0) <= _ENDS_TOUCH), None)
        after = [p for p in line if first is not None and p.x0 > first.x1 - _ENDS_TOUCH]
        if first is None or len(first.glyphs) < 2 or (after and run[-1].x1 > after[0].x0):
            continue
        joined = [p for p in joined if not any(p is c for c in run)] + [Block([c.glyphs[0] for c in run])]
    return joined


def text_right_above(pieces: list[Block], piece: Block) -> Block | None:
    """The text right above ``piece`` that shares some of its width."""
    return min((p for p in pieces if p.yc > piece.yc and _stacked(p, piece)), key=lambda p: p.yc, default=None)


def _beside_labels(block: Block, pieces: list[Block], left: float) -> bool:
    """Whether a label has a label right beside it: it is a group label's line."""
    return any(p.xc < left and p.x0 >= block.x1 - 1 and p.y0 < block.y1 and block.y0 < p.y1 for p in pieces)


def _group_lines(upper: Block, lower: Block, pieces: list[Block], left: float) -> bool:
    """Whether two lines are both beside labels: a group label's lines."""
    return _beside_labels(upper, pieces, left) and _beside_labels(lower, pieces, left)


def _figures_between(upper: Block, lower: Block, figures: list[Block]) -> bool:
    """Whether figures stand between two lines, centred on the two lines of one label
    (（二）部分公开（区分处理的，只计这一 / 情形，不计其他情形）): beside neither (Chromium), or level
    with the lower line but well above its middle, below the upper's (WeasyPrint sets the taller
    last line's box lower), where a row's own figures stand level with its label."""

    def beside(block: Block) -> bool:
        return any(block.y0 < f.yc < block.y1 for f in figures)

    if not beside(upper) and not beside(lower) and any(lower.y1 <= f.yc <= upper.y0 for f in figures):
        return True
    level = [f for f in figures if lower.y0 < f.yc < lower.y1]
    return bool(level) and all(lower.yc + _LINE * lower.em < f.yc < upper.yc for f in level)


def _centred_between(upper: Block, lower: Block, pieces: list[Block], left: float, figures: list[Block]) -> bool:
    """Whether two labels have figures between them, beside neither, level with their middle and
    beside no label of their own: a row centred on a label's two paragraphs (四、结转下年度继续 /
    办理), however far apart. (The figures of a row between two labels stand beside its label.)"""
    middle = (upper.yc + lower.yc) / 2
    centred = [f for f in figures if abs(f.yc - middle) <= _LINE * lower.em]
    return (
        upper.xc < left
        and bool(centred)
        and not any(block.y0 < f.yc < block.y1 for f in figures for block in (upper, lower))
        and not any(p.xc < left and p.y0 < f.yc < p.y1 for f in centred for p in pieces)
    )


def _two_rows(
    upper: Block, lower: Block, pieces: list[Block], left: float, figures: list[Block], pitch: float | None = None
) -> bool:
    """Whether two labels, the lower right under the upper, are two rows' rather than the lines of
    one: a line beside figures (the last label of its line) continues only a line beside none (a
    label whose figures are centred on its second line), and one beside headers only a line beside
    headers or among them (a note over the header rows); 信息内容 under 第二十条第（一）项, 行政强制
    under 行政处罚 are two rows. A group label's lines stand beside its rows' labels, beside nothing of their own.
    ``pitch``: the baseline pitch of lines set closer than their characters are tall, whose boxes
    overlap: a text is beside a line whose baseline is within a quarter of that pitch of its own
    (figures centred on a label's two lines stand half a pitch from each, inside both boxes)."""

    def beside(block: Block, other: Block) -> bool:
        if pitch is not None:
            base = median(g.base for g in other.glyphs)
            return any(abs(line[0].base - base) <= pitch / 4 for line in lines_of(block.glyphs))
        return block.y0 < other.yc < block.y1

    def kind(block: Block) -> str | None:
        if _beside_labels(block, pieces, left):
            return None
        if any(beside(block, f) for f in figures):
            return "figures"
        headers = [p for p in pieces if p.xc >= left and abs(p.yc - block.yc) <= _LOOSE_WRAP * block.em]
        # Centred between a header's lines, beside neither (信息内容 between 本年新 and 制作数量, in
        # 16pt lines 28pt apart), a label is beside the header rows all the same.
        between = any(
            p.yc > block.yc > q.yc and not any(q.yc < f.yc < p.yc for f in figures) for p in headers for q in headers
        )
        return "headers" if between or any(beside(block, p) for p in headers) else None

    def among_headers(block: Block) -> bool:
        # Under a header with no figure between: a note's first line above the header rows beside
        # it (（本列数据的勾稽关系为： under 法人或其他组织, over 自然人 set one character a line).
        return any(
            p.xc >= left and p.yc > block.y1 and not any(block.yc < f.yc < p.yc for f in figures) for p in pieces
        )

    below, above = kind(lower), kind(upper)
    if below == "headers":
        return above != "headers" and not (above is None and among_headers(upper))
    return below == "figures" and above is not None


def _room_left(upper: Block, lower: Block, pieces: list[Block], left: float) -> bool:
    """Whether ``upper`` left room on its line for the first characters of ``lower``: a line
    breaks only where the next text does not fit, so a line that short is no wrapped line's first
    (行政处罚 over 行政强制, each a row's label, beside labels as wide as 行政规范性文件 set alike).
    The room is the widest label of the column, set alike with ``upper``; ``upper``'s own width
    where it is none (a line of another table printed over this one's labels: 经济发展局 2021's
    floated table 二 over table 三 by LibreOffice on Letter with narrow margins). A line may break
    between any two ideographs, so room for one is enough when ``lower`` opens with two (on A5 a
    column five characters wide holds 行政处罚 and 行政规范性); else two (a character taken down
    with the closing mark after it, a word kept whole)."""
    widest = max(
        (p.x1 - p.x0 for p in pieces if p.xc < left and _set_alike(upper, p) and _set_alike(p, upper)),
        default=upper.x1 - upper.x0,
    )
    opening = "".join(lower.first_line.text.split())[:2]
    room = 1 if len(opening) == 2 and all(ideograph(c) for c in opening) else 2
    return upper.x1 - upper.x0 + room * lower.em <= widest + _ENDS_TOUCH


def _enumerator_wrapped(cell: Block, line: Block) -> bool:
    """Whether ``line`` opens with the rest of an enumerator that ``cell``'s text so far begins: a
    column narrower than the enumerator breaks it before its last numeral, which a closing mark
    never leaves (三三、本年度办理结果, as 财政金融局's page on 2019 publishes it, set two characters a
    line: 三 / 三、 / 本年 / …)."""
    before = "".join(cell.text.split())
    enumerator = ENUMERATED.match(before + "".join(line.text.split()))
    return enumerator is not None and enumerator.end() > len(before)


def _columns_of(figures: list[Block]) -> int:
    """How many columns figures stand in: runs of figures sharing some width."""
    ends: list[float] = []
    for figure in sorted(figures, key=lambda f: f.x0):
        if ends and figure.x0 < ends[-1]:
            ends[-1] = max(ends[-1], figure.x1)
        else:
            ends.append(figure.x1)
    return len(ends)


def cells(pieces: list[Block], left: float = float("-inf"), figures: list[Block] | None = None) -> list[Block]:
    """Pieces of text stacked at the pitch of a wrapped line, overlapping, as one cell each;
    ``left``: where the value columns start (labels' justified lines are joined left of it; by
    default none are, as in a header);
    ``figures``: the table's figures, with which a label's lines are joined up to ``_LOOSE_WRAP``
    ems apart in a table whose texts all stand wider apart than ``_WRAP`` ems: each on the text
    right above it, unless both are labels of rows of their own (``_two_rows``)."""
    pieces = sorted(_spread_over(pieces), key=lambda p: -p.yc)
    # The table's closest lines: of texts that share width by their ink (two headers of
    # neighbouring narrow columns set half a line apart, whose OCR boxes overlap by their
    # bearings, are no cell's lines).
    distances = [
        upper.yc - lower.yc
        for i, upper in enumerate(pieces)
        for lower in pieces[i + 1 :]
        if _stacked(upper, lower, inked=True) and 0 < upper.yc - lower.yc <= _WRAP * upper.em
    ]
    limit = min(distances) * _PITCH if distances else 0.0
    pieces = sorted(_spread_lines(pieces, limit, left), key=lambda p: -p.yc)
    # Lines set closer than their characters are tall (a Word export's exact line spacing under its
    # text's size: 6.1-point lines of 10.5-point text) are measured baseline to baseline: their
    # boxes' centres move with their characters' (（ reaches a point lower than 和, a sixth of such
    # a pitch, more than the pitch's tolerance), their baselines do not. A text layer's only: the
    # characters OCR reads share their piece's box, whose bottom moves with its ink.
    tight = (
        bool(distances)
        and min(distances) < median(p.em for p in pieces)
        and all(g.confidence is None for p in pieces for g in p.glyphs)
    )

    def apart(upper: Block, lower: Block) -> float:
        if tight:
            return median(g.base for g in upper.glyphs) - median(g.base for g in lower.glyphs)
        return upper.yc - lower.yc

    pitch = None
    if tight:
        pitch = min(
            (
                apart(upper, lower)
                for i, upper in enumerate(pieces)
                for lower in pieces[i + 1 :]
                if _stacked(upper, lower) and 0 < apart(upper, lower) <= _WRAP * upper.em
            ),
            default=None,
        )
        if pitch is None:  # no two lines wrapped at a baselines' pitch: measured by their boxes
            tight = False
        else:
            limit = pitch * _PITCH

    def beside(block: Block) -> list[Block]:
        # Level with the line, as a row's figures stand by its one-line label: not figures centred
        # between two lines of one label, on the edge of both (2.其他法律行政法规禁 / 止公开).
        return [f for f in figures or [] if abs(f.yc - block.yc) <= _LINE * block.em]

    full = _columns_of(figures or [])

    def split_row(cell: Block, piece: Block) -> bool:
        # One row's figures set at two heights, a cell aligned to its top among cells centred (总计's
        # 0 beside a label's first line, Word's valign="top", the others beside its second): the
        # figures beside the lower line stand in columns none beside the label above stands in,
        # and the two hold one figure in every column of the table. Two rows each hold a figure in
        # every column.
        above = [f for f in figures or [] if cell.y0 < f.yc < cell.y1]
        below = [f for f in figures or [] if piece.y0 < f.yc < piece.y1]
        return (
            bool(above)
            and _columns_of(above) + _columns_of(below) == full == len(above) + len(below)
            and not any(_stacked(f, g) for f in above for g in below)
        )

    def right_above(line: Block, piece: Block, upper: Block) -> bool:
        # Whether ``line`` (as ``upper``, its first line indented) is the text right above ``piece``.
        return text_right_above([upper if p is line else p for p in pieces], piece) is upper

    def rows_apart(line: Block, piece: Block, cell: Block, upper: Block) -> bool:
        # Word sets its rows at its exact line spacing (15.6pt for 10pt text), the pitch of a
        # wrapped line: a label beside figures under one beside headers or figures of its own is
        # the next row's when the line above left room for it (信息内容 over 规章, 行政处罚 over
        # 行政强制), whatever the pitch, and its figures stand under every figure of the line
        # above: a figure wrapped in its cell (4 / 2 of 42 beside 4.保护第三方合法 / 权益) puts
        # its rest under that figure alone. A line beside no figure (信息内容, beside the headers)
        # needs no room: at a page end the column's wider labels may all be on the next page.
        return (
            piece.xc < left
            and right_above(line, piece, upper)
            and bool(beside(piece))
            and all(any(_stacked(f, g) for g in beside(piece)) for f in beside(line))
            and _two_rows(cell, piece, pieces, left, figures or [], pitch)
            and not split_row(cell, piece)
            and (not beside(line) or _room_left(line, piece, pieces, left))
        )

    def reach(line: Block, piece: Block, cell: Block, upper: Block) -> float:
        # Only in a table whose texts all stand wider apart than a wrapped line's usual pitch: where
        # some are closer, that is its lines' pitch, and texts further apart are rows. A Word
        # export's paragraph mark set larger than its text (an empty 16pt run after 10pt text,
        # 行政审批局's page on 2021) makes a paragraph's last line taller than the others
        # (（三）不予 / 公开 1.8 ems apart, 三、本 / 年度办 1.4): in any table, a group label's line
        # may stand that far under the line above (both beside their rows' labels; the first line
        # of the next group, （三 / ）不 / 予公 / 开 under （二）部分公开…情形）, stands beside labels
        # below the last label beside figures), and a label's whose figures stand between its lines.
        if rows_apart(line, piece, cell, upper):
            return 0.0
        if (
            (limit and not (_group_lines(line, piece, pieces, left) or _figures_between(line, piece, figures or [])))
            or piece.xc >= left
            or not right_above(line, piece, upper)
            or piece.x1 - piece.x0 > upper.x1 - upper.x0 + _HUNG * line.em + _ENDS_TOUCH + _taken_down(piece)
        ):
            return limit
        if _two_rows(cell, piece, pieces, left, figures or [], pitch) and not split_row(cell, piece):
            return limit
        loose = _PARAGRAPHS if _centred_between(line, piece, pieces, left, figures or []) else _LOOSE_WRAP
        return max(limit, loose * line.em)

    cells: list[Block] = []
    last_line: dict[int, Block] = {}  # cell index -> its lowest line
    for piece in pieces:
        # Of two cells a line may go on (cells narrower than their characters, 其 / 他 beside 计 run
        # over from the next cell), the one whose line it is set most alike with.
        into = min(
            (
                index
                for index, line in last_line.items()
                if _stacked(upper := _indented(line, piece, cells[index], pieces, left), piece, inked=True)
                and 0 < apart(line, piece) <= reach(line, piece, cells[index], upper)
                and _set_alike(upper, piece)
                and _wraps(upper, piece, pieces, upper if upper is not line else cells[index])
            ),
            key=lambda index: _unlike(last_line[index], piece),
            default=None,
        )
        if ENUMERATED.match(piece.text) and not (into is not None and _enumerator_wrapped(cells[into], piece)):
            into = None  # a label of the template's (二、上年结转…) begins a cell, whatever its pitch
        if into is None:
            cells.append(Block(list(piece.glyphs)))
            into = len(cells) - 1
        else:
            cells[into].glyphs += piece.glyphs
        last_line[into] = piece
    return cells
