"""The value columns of a table without rules, from its figures: how the figures stand in their
columns (centred, or from the left or right), where the columns are and how far each reaches,
figures of neighbouring columns run into one piece and where to cut them, and columns published
blank that only a header names."""

from __future__ import annotations

from statistics import median

from pipeline.extract.gridmeasures import ALIGNED, COLUMN, LEVEL, TOUCH
from pipeline.extract.textcells import Block, anchor, overlap, texts_meet


def _groups(values: list[float], em: float) -> list[list[float]]:
    """Positions closer than ``COLUMN`` ems in a chain, left to right."""
    groups: list[list[float]] = []
    for value in sorted(values):
        if groups and value - groups[-1][-1] <= COLUMN * em:
            groups[-1].append(value)
        else:
            groups.append([value])
    return groups


def clusters(values: list[float], em: float) -> list[float]:
    """The means of the chains of positions (``_groups``)."""
    return [sum(g) / len(g) for g in _groups(values, em)]


def alignment(figures: list[Block], texts: list[Block]) -> str:
    """How the figures stand in their columns: an alignment whose columns keep apart (the figures
    of one cell never reach over those of another: a wide figure centred in its column, 4164 over
    a 0 of the same column, is no column of its own), then lines them up in tight columns
    (centred figures of different widths differ in their ends, left-aligned ones in their
    centres, and their chains spread wide); of those, the one that also lines up most other
    texts (headers) with them, the more closely the better; still equal, centred, as most tables
    are. A text counts for the alignments that line it up most closely: one-digit figures under
    headers set from the left line up with the headers' centres too, a little off, and a header
    centred over several columns may happen to stand near one column's centre (行政复议 over
    five narrow columns on A5): it does not outweigh the headers set exactly from the left. A
    figure wider than its cell is set from the cell's left edge while the others of its column are
    centred (4271 over 0 in a narrow total column): its column is then not tight, but its columns
    still keep apart, while lining the figures up by an end would not."""
    em = median(f.em for f in figures)

    def columns_of(align: str) -> tuple[list[Block], list[list[float]], list[float]]:
        kept = in_columns(figures, texts, align)
        groups = _groups([anchor(f, align) for f in kept], em)
        return kept, groups, [sum(g) / len(g) for g in groups]

    found = {align: columns_of(align) for align in ("centre", "left", "right")}
    off = {
        align: [min(abs(anchor(t, align) - c) for c in columns) for t in texts]
        for align, (_, _, columns) in found.items()
    }
    nearest = [min(offs) for offs in zip(*off.values())]
    spreads = {align: max(group[-1] - group[0] for group in groups) for align, (_, groups, _) in found.items()}
    # OCR gives a digit its ink, not its advance: a 1 is narrower than a 0 by a few points, so one-
    # digit figures spread alike by their ends and their centres, to within a point, whatever
    # their alignment (a text layer gives every digit one width). So do figures that no alignment
    # lines up in tight columns (typed after runs of no-break spaces of different lengths in cells
    # set from the left, 社会事业局 2019's □□□□□□□0 and □□□□□0: their left ends 0.3 points less
    # spread than their middles): the spreads tell nothing, the headers do.
    lined = any(spread <= 0.25 * em for spread in spreads.values())
    alike = TOUCH if any(f.confidence is not None for f in figures) or not lined else 0.0

    def score(align: str) -> tuple[bool, bool, float, int, float]:
        kept, groups, _ = found[align]
        spread = spreads[align]
        tight = spread <= 0.25 * em
        wide = 0.0 if tight or spread <= min(spreads.values()) + alike else -spread
        lined_up = [d for d, best in zip(off[align], nearest) if d <= 0.25 * em and d <= best + TOUCH]
        return _apart(kept, groups, align), tight, wide, len(lined_up), -sum(lined_up)

    return max(("centre", "left", "right"), key=score)


def set_tight(figures: list[Block], align: str) -> bool:
    """Whether figures stand in tight columns by ``align``: the anchors of each column's figures
    within a quarter of an em of each other (centred figures of different widths differ in their
    ends, figures set from an edge in their centres)."""
    em = median(f.em for f in figures)
    groups = _groups([anchor(f, align) for f in figures], em)
    return max(group[-1] - group[0] for group in groups) <= ALIGNED * em


def columns_run_together(figure: Block, figures: list[Block], texts: list[Block], align: str) -> list[float]:
    """Where the figures of the row above or below a figure stand that its text reaches over, when
    it is two texts (``textcells.texts_meet``) and they are two or more of different columns
    (2223|870 under 77 | 1561, no header between them): figures of neighbouring columns run into
    one piece, each wider than its narrow cell. Else nothing: a figure of one text in a cell over
    several columns (713 letter-spaced over the columns of two figures above it) is one figure."""
    glyphs = sorted(figure.glyphs, key=lambda g: g.x0)
    if not any(
        texts_meet(glyphs, k) and Block(glyphs[:k]).figure and Block(glyphs[k:]).figure for k in range(1, len(glyphs))
    ):
        return []
    em = figure.em
    for side in (1, -1):
        lines = [f.yc for f in figures if side * (f.yc - figure.yc) > LEVEL * em]
        if not lines:
            continue
        near = min(lines, key=lambda y: abs(y - figure.yc))
        low, high = sorted((near, figure.yc))
        if any(low < t.yc < high for t in texts):
            continue  # a header between: another part of the table, maybe in columns of its own
        inside = [anchor(f, align) for f in figures if abs(f.yc - near) <= LEVEL * em]
        inside = sorted(a for a in inside if figure.x0 + TOUCH < a < figure.x1 - TOUCH)
        if len(clusters(inside, em)) > 1:
            return clusters(inside, em)
    return []


def in_columns(figures: list[Block], texts: list[Block], align: str) -> list[Block]:
    """The figures that stand in a column: not those that run figures of neighbouring columns
    together (``columns_run_together``), which are no column of their own."""
    right = min(f.x0 for f in figures)  # headers: texts right of the labels
    headers = [t for t in texts if t.xc >= right]
    kept = [f for f in figures if not columns_run_together(f, figures, headers, align)]
    return kept or figures


def split_run(figure: Block, anchors: list[float], align: str) -> list[Block] | None:
    """Two figures run into one piece, cut where one text ends and the next begins
    (``textcells.texts_meet``), each part then standing at the anchor of one of two neighbouring
    columns (2223 | 870 at the columns of 77 and 1561 above them), if exactly one place does:
    else the text layer does not say which digit is whose (``None``)."""
    glyphs = sorted(figure.glyphs, key=lambda g: g.x0)
    near = ALIGNED * figure.em

    def cut(k: int) -> bool:
        first, rest = Block(glyphs[:k]), Block(glyphs[k:])
        return (
            first.figure
            and rest.figure
            and texts_meet(glyphs, k)
            and any(
                abs(anchor(first, align) - a) <= near and abs(anchor(rest, align) - b) <= near
                for a, b in zip(anchors, anchors[1:])
            )
        )

    found = [k for k in range(1, len(glyphs)) if cut(k)]
    return [Block(glyphs[: found[0]]), Block(glyphs[found[0] :])] if len(found) == 1 else None


def _apart(figures: list[Block], groups: list[list[float]], align: str) -> bool:
    """Whether the columns of figures chained into ``groups`` by ``align`` keep apart: the texts
    of no column reach into those of the next (by more than touching ends)."""
    spans = []
    for group in groups:
        members = [f for f in figures if group[0] <= anchor(f, align) <= group[-1]]
        spans.append((min(f.x0 for f in members), max(f.x1 for f in members)))
    return all(a[1] - b[0] <= TOUCH for a, b in zip(spans, spans[1:]))


def columns_around(
    anchors: list[float], em: float, align: str, extent: tuple[float, float]
) -> list[tuple[float, float]]:
    """Columns around their anchors: centred ones bounded halfway to their neighbours, the last
    at least as far out as its texts; left- or right-aligned ones from just before one
    anchor to just before the next (``extent``: where the texts of the first and last column
    reach)."""
    if align == "left":
        edges = [a - 0.5 * em for a in anchors] + [max(extent[1], anchors[-1]) + 0.5 * em]
    elif align == "right":
        edges = [min(extent[0], anchors[0]) - 0.5 * em] + [a + 0.5 * em for a in anchors]
    else:
        first = (anchors[1] - anchors[0]) / 2 if len(anchors) > 1 else em
        last = (anchors[-1] - anchors[-2]) / 2 if len(anchors) > 1 else em
        # The last column reaches as far as its texts: a narrow total column's figures of two
        # digits and its header (总 / 计) run past half a column beyond its centre. (Left of the
        # first are the labels, into which a header centred on it may reach.)
        edges = (
            [anchors[0] - first]
            + [(a + b) / 2 for a, b in zip(anchors, anchors[1:])]
            + [max(anchors[-1] + last, extent[1])]
        )
    return list(zip(edges, edges[1:]))


def blank_columns(
    pieces: list[Block], anchors: list[float], align: str, header: list[Block] | None = None
) -> list[float]:
    """The columns of figures published blank in every row (a blank cell prints no text): named by
    a header of the lowest header row over them (no header below it) that stands over no figure
    of the table and right of the first column of figures, at that header's anchor. A header over
    figures names their column; one over several columns has the headers of its columns below.
    ``header``: the table's header printed apart from it (ending the page before), its own.

    A header names a column only if that column, bounded as every value column is, holds it: a
    header over an even number of columns is centred on the edge between two of them, and may be
    narrow enough to stand between their texts (行政 / 诉讼 over ten columns, between 总计 and 结果维持
    of its fifth and sixth); a column there would be half as wide as theirs, narrower than its
    header, where a word processor wraps a header inside its cell."""
    figures = [p for p in pieces if p.figure]
    if not figures or not anchors:
        return []
    em = median(p.em for p in pieces)
    top = max(f.y1 for f in figures)
    start = min(f.x0 for f in figures)
    texts = [p for p in pieces if not p.figure and p.y0 >= top - TOUCH and p.x0 >= start - TOUCH]
    before = [p for p in header or [] if not p.figure and p.x0 >= start - TOUCH]
    found: list[float] = []
    for group, printed in ((texts, before), (before, [])):
        centred = _centred_over_edged(group, anchors, align)
        for leaf in group:
            at = anchor(leaf, align)
            above = [p for p in group if p.y0 >= leaf.y1 - TOUCH] + printed
            if (
                not any(other is not leaf and overlap(other, leaf) and other.yc < leaf.y0 for other in group)
                and not any(overlap(leaf, figure) for figure in figures)
                and not _wrapped_rest(leaf, above, figures, anchors, align, em)
                and all(abs(at - a) > TOUCH for a in anchors + found)
                and not (centred and _set_as_another(leaf, group, anchors, align))
                and _holds(leaf, at, anchors + found, align, em)
            ):
                found.append(at)
    return found


def _wrapped_rest(
    leaf: Block, above: list[Block], figures: list[Block], anchors: list[float], align: str, em: float
) -> bool:
    """Whether a header's line is the rest of a column's header wrapped in a cell set from its left
    edge over figures set otherwise (商业企 / 业 over centred figures: 业 stands over none, between the
    columns of 自然人 and 商业企业): a wider text above it (``above``: on its page, or in the header
    the page before printed) starts where it starts and stands over the figures of one column only,
    in whose bounds both lie. That column's header, not a column published blank."""
    columns = columns_around(anchors, em, align, (min(f.x0 for f in figures), max(f.x1 for f in figures)))

    def column_of(block: Block) -> int:
        return min(range(len(anchors)), key=lambda j: abs(anchor(block, align) - anchors[j]))

    for upper in above:
        over = {column_of(f) for f in figures if overlap(upper, f)}
        if abs(upper.x0 - leaf.x0) > TOUCH or upper.x1 <= leaf.x1 + TOUCH or len(over) != 1:
            continue
        x0, x1 = columns[over.pop()]
        if all(x0 - TOUCH <= block.x0 and block.x1 <= x1 + TOUCH for block in (upper, leaf)):
            return True
    return False


def _holds(header: Block, at: float, anchors: list[float], align: str, em: float) -> bool:
    """Whether a column at ``at`` among the columns at ``anchors`` holds ``header`` (to touching),
    or stands where a column is missing: between two columns further apart than one and a half
    times the usual distance of two (a header wider than its bounds, 社会公益组织 on one line, may
    name a column published blank there)."""
    columns = columns_around(sorted([*anchors, at]), em, align, (header.x0, header.x1))
    x0, x1 = next(column for column, a in zip(columns, sorted([*anchors, at])) if a == at)
    if x0 - TOUCH <= header.x0 and header.x1 <= x1 + TOUCH:
        return True
    before, after = [a for a in anchors if a < at], [a for a in anchors if a > at]
    steps = [b - a for a, b in zip(sorted(anchors), sorted(anchors)[1:])]
    return not before or not after or not steps or min(after) - max(before) > 1.5 * median(steps)


def _centred_over_edged(headers: list[Block], anchors: list[float], align: str) -> bool:
    """Whether a table's figures are set from an edge of their cells and its headers are not (the
    official format's Word file: the cells typed into keep the template's left-set paragraphs,
    its headers are centred): no header stands at a column's edge."""
    return (
        align in ("left", "right")
        and bool(headers)
        and all(abs(anchor(h, align) - a) > TOUCH for h in headers for a in anchors)
    )


def _offset(header: Block, anchors: list[float], align: str) -> float | None:
    """How far a header's centre stands from the edge of the column it is in: the nearest anchor
    on the side its figures are set from."""
    if align == "left":
        return min((header.xc - a for a in anchors if a <= header.xc), default=None)
    return min((a - header.xc for a in anchors if a >= header.xc), default=None)


def _set_as_another(header: Block, headers: list[Block], anchors: list[float], align: str) -> bool:
    """Whether a header stands as far from its column's edge as another header of the table from
    its own: centred over a cell of the same width as that one, whose figures are set from that
    edge (本年废止件数 and 现行有效件数 as 本年制发件数 is), not over a column published blank."""
    at = _offset(header, anchors, align)
    return at is not None and any(
        other is not header and (theirs := _offset(other, anchors, align)) is not None and abs(theirs - at) <= TOUCH
        for other in headers
    )
