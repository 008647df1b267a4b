"""The label texts of a table without rules set apart or together: the words of one label's line
set a space apart joined into one text, and a group label touching the label to its right cut
where the second begins."""

from __future__ import annotations

from statistics import median

from pipeline.extract.glyphs import Glyph, text_of
from pipeline.extract.gridmeasures import EVEN_PITCH, LEVEL, TOUCH
from pipeline.extract.textcells import ENUMERATED, Block, text_right_above

# A word space in a label is narrower than this share of an em; the texts of two label cells stand
# their cells' margins apart, wider.
_WORD_SPACE = 0.5


def spaced_labels(pieces: list[Block], left: float) -> list[Block]:
    """The words of one label's line set a space apart as one text (反复 申请: a stray space in a
    label, as published reports have, which the PDF sets as a gap with no space character). A
    word space is narrower than half an em, while the texts of two label cells stand their cells'
    margins apart, and a label column's texts start where the others of its column start: a text
    left of the figures, closer than that to the text before it on its line, starting where no
    other label starts, opening with no enumerator of the template's labels and no figure, is the
    rest of that text."""
    pieces = _spread_lines(pieces, left)
    labels = [piece for piece in pieces if piece.x1 <= left and not piece.figure]
    ids = {id(label) for label in labels}

    def rest_of(before: Block, piece: Block) -> bool:
        return (
            abs(piece.yc - before.yc) <= LEVEL * piece.em
            and 0 < piece.x0 - before.x1 <= _WORD_SPACE * piece.em
            and ENUMERATED.match(piece.text) is None
            and not any(other is not piece and abs(other.x0 - piece.x0) <= TOUCH for other in labels)
        )

    joined: dict[int, Block] = {}  # a label's index -> the label with the rest of its line
    for i, piece in sorted(enumerate(pieces), key=lambda item: item[1].x0):
        if id(piece) not in ids:
            continue
        into = next((j for j, before in joined.items() if rest_of(before, piece)), None)
        if into is None:
            joined[i] = piece
        else:
            joined[into] = Block(joined[into].glyphs + piece.glyphs)
    return [joined.get(i, piece) for i, piece in enumerate(pieces) if id(piece) not in ids or i in joined]


def _spread_lines(pieces: list[Block], left: float) -> list[Block]:
    """The lines of labels justified over a cell a few characters wide as one piece each (8.   属 /
    于   行 / 政   查: Chromium on A5; 于   国 / 家   秘 / 分   公   开 under 1.属: Word): their
    characters far apart, the last where the cell ends. The last characters of such lines line up
    as a column of their own, far from the text before them; but that column holds only such
    characters: each one character, opening no label, its line's last, after a text of its line
    with no label starting between them, and some after an enumerator alone (3.   危), whose label goes on there. A label column of its own has labels that
    open there (1.属于 beside （三）). A line runs back from its last character to its first, where
    a label of more than one character, or one opening with an enumerator, starts."""
    labels = [piece for piece in pieces if piece.x1 <= left and not piece.figure]
    em = median(label.em for label in labels) if labels else 0.0
    starts = [o.x0 for o in labels if len(o.glyphs) > 1 or ENUMERATED.match(o.text)]

    def level(piece: Block) -> list[Block]:
        return sorted(
            (o for o in labels if abs(o.yc - piece.yc) <= LEVEL * em and o.x1 <= piece.x0), key=lambda o: -o.x1
        )

    def after(piece: Block) -> bool:
        # The last text of its line, after a text of its line in the same column: no label starts
        # between them (开 of （一）予以公开 centred under 予以 is after 三、 of the column left of
        # （一）'s; 危 of 3.   危   及 spread over its cell is not its line's last).
        before = level(piece)
        beyond = [o for o in pieces if not o.figure and abs(o.yc - piece.yc) <= LEVEL * em and piece.x1 <= o.x0 < left]
        return bool(before) and not beyond and not any(before[0].x1 < x < piece.x0 - TOUCH for x in starts)

    lines: list[list[Block]] = []
    for piece in labels:
        column = [o for o in labels if abs(o.x0 - piece.x0) <= TOUCH]
        if not all(len(o.glyphs) == 1 and ENUMERATED.match(o.text) is None and after(o) for o in column):
            continue
        if not any(ENUMERATED.fullmatch(level(o)[0].text) for o in column):
            continue
        line = [piece]
        for before in level(piece):
            line.insert(0, before)
            if any(abs(before.x0 - x) <= TOUCH for x in starts):
                break
            if len(before.glyphs) > 1:
                line = []
                break
        if len(line) > 1 and any(abs(line[0].x0 - x) <= TOUCH for x in starts):
            lines.append(line)
    within = {id(p): line for line in lines for p in line}
    joined: list[Block] = []
    for piece in pieces:
        line = within.get(id(piece))
        if line is None:
            joined.append(piece)
        elif piece is line[0]:
            joined.append(Block([g for p in line for g in p.glyphs]))
    return joined


def split_labels(pieces: list[Block], left: float) -> list[Block]:
    """A group label touching the label to its right cut where the second begins, where other
    labels of the table start: at a text opening with an enumerator of the template's labels
    (三、本年度|（一）予以公开), or where the spacing of the characters changes (其他处|理由逾期不补:
    two cells' lines, each justified to its own cell's width); in a line OCR read, whose spacing
    says nothing, where it goes on a group label and its first item's label side by side above it
    (``_under_group_and_item``). Where OCR read a character stands is as far off as its piece is
    wider or narrower than its characters' ems (``_spread_off``)."""
    labels = [piece for piece in pieces if piece.xc < left]
    em = median(label.em for label in labels) if labels else 0.0

    def pitch(glyphs: list[Glyph], k: int) -> float:
        return glyphs[k + 1].xc - glyphs[k].xc

    def cut_at(piece: Block, glyphs: list[Glyph], k: int) -> bool:
        opens, inner = _enumerator(text_of(glyphs)), _enumerator(text_of(glyphs[k:]))
        if opens is not None and inner is not None and inner != opens:
            # A label opening with one of the template's enumerators holds no other kind of
            # enumerator (三、本|（一）予以公开, alone on a page with no other label under （一）).
            return True
        near = TOUCH + _spread_off(glyphs, k, em)
        if not any(other is not piece and abs(other.x0 - glyphs[k].x0) <= near for other in labels):
            return False
        if inner is not None:
            return True
        if piece.confidence is not None:
            # OCR spreads a text's characters evenly over its ink: each side is evenly set by
            # construction, and where two texts it read meet, the pitch is off by what their end
            # characters' boxes miss of their ems (the blank half of 、，（, a bearing), a tenth
            # of an em, in one cell (分处理的，|只计这一) as between two. Its pitch parts nothing;
            # what stands above it does.
            return _under_group_and_item(labels, glyphs[:k], glyphs[k:], near, em)
        # Each side evenly set, at pitches of their own: the first over three characters at least,
        # the second over three, or two (不予公|秘密: a wrapped line's rest), or one character set
        # off from the first at a pitch of its own (年度办|开).
        even = EVEN_PITCH * piece.em
        if k < 3 or abs(pitch(glyphs, k - 3) - pitch(glyphs, k - 2)) > even:
            return False
        if k + 1 == len(glyphs):
            return abs(pitch(glyphs, k - 1) - pitch(glyphs, k - 2)) > even
        if k + 2 < len(glyphs) and abs(pitch(glyphs, k) - pitch(glyphs, k + 1)) > even:
            return False
        # Or both sides at one pitch, set apart by another (理结果 | （区分处理的: two cells' lines
        # side by side, not justified, a gap between them).
        junction = pitch(glyphs, k - 1)
        apart = abs(junction - pitch(glyphs, k - 2)) > even and abs(junction - pitch(glyphs, k)) > even
        # The character after the first side set at its pitch, wider than the second's, is that
        # side's last: a line justified over its cell ends with it (）不予处|投诉类申请, 处 starting
        # where 五 of （   五 above it starts, not a cell's edge).
        spread_on = abs(junction - pitch(glyphs, k - 2)) <= even and junction > pitch(glyphs, k) + even
        return apart or (abs(pitch(glyphs, k) - pitch(glyphs, k - 2)) > even and not spread_on)

    split: list[Block] = []
    for piece in pieces:
        glyphs = sorted(piece.glyphs, key=lambda g: g.x0)
        cut = next((k for k in range(1, len(glyphs)) if piece in labels and cut_at(piece, glyphs, k)), None)
        split += [piece] if cut is None else [Block(glyphs[:cut]), Block(glyphs[cut:])]
    # A label cut out of another is a label that others start under (年度办|开 under 三、本|（一）予以公).
    return split if len(split) == len(pieces) else split_labels(split, left)


def _enumerator(text: str) -> int | None:
    """Which kind of the template's enumerators a text opens with (四、, （三）, 1.), if any."""
    found = ENUMERATED.match(text)
    if found is None:
        return None
    mark = found.group(1)
    return 0 if mark[0] in "（(" else 1 if mark[-1] == "、" and not mark[0].isdigit() else 2


def _under_group_and_item(labels: list[Block], first: list[Glyph], rest: list[Glyph], near: float, em: float) -> bool:
    """Whether a line's two sides are the next lines of a group label and of its first item's
    label, side by side right above them, each starting where its side starts: 其他处|理由逾期不补
    under （六） and 1.申请人无正当, read by OCR as one piece where their ink touches. Two labels,
    for the item's opens with an enumerator of the template of its own kind; a text over both sides
    (分处理的，只计这一 under （二）部分公开（区), or a label's enumerator and its rest read apart
    (（二） and 部分公开), is one label's."""
    left, right = Block(first), Block(rest)
    group, item = text_right_above(labels, left), text_right_above(labels, right)
    if group is None or item is None or group is item or abs(group.yc - item.yc) > LEVEL * em:
        return False
    kind = _enumerator(item.text)
    return (
        kind is not None
        and kind != _enumerator(group.text)
        and abs(group.x0 - left.x0) <= near + _spread_off(sorted(group.glyphs, key=lambda g: g.x0), 0, em)
        and abs(item.x0 - right.x0) <= near + _spread_off(sorted(item.glyphs, key=lambda g: g.x0), 0, em)
    )


def _spread_off(glyphs: list[Glyph], k: int, em: float) -> float:
    """How far (points) the start of character ``k`` may lie from where OCR placed it: OCR spreads
    a piece's characters evenly over its ink, so a character's place is off by as much as the
    piece is wider or narrower than its characters' ems (a blank between two cells' texts in it,
    characters whose ink starts inside their ems). 0 for a text layer's characters."""
    if glyphs[k].confidence is None:
        return 0.0
    start = end = k
    while start > 0 and abs(glyphs[start - 1].x1 - glyphs[start].x0) < 0.01:
        start -= 1
    while end + 1 < len(glyphs) and abs(glyphs[end].x1 - glyphs[end + 1].x0) < 0.01:
        end += 1
    return abs((end + 1 - start) * em - (glyphs[end].x1 - glyphs[start].x0))
