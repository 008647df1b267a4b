"""The value columns each header of a table without rules covers: those under it, grown over its
neighbours as the headers beside it and above it leave them free, from a column's edge or centred
by how the header is set."""

from __future__ import annotations

from pipeline.extract.gridmeasures import TOUCH
from pipeline.extract.textcells import Block, anchor

# A header centred this close to a column boundary (share of the column) spans both columns.
_ON_BOUNDARY = 0.15


def header_runs(
    headers: list[Block],
    columns: list[tuple[float, float]],
    align: str,
    anchors: list[float],
    within: list[tuple[int, int]],
    open_: list[bool],
    em: float,
    others: list[Block] | None = None,
    cut: bool = False,
) -> list[tuple[int, int]]:
    """The value columns each header of one row covers: those under it, grown one column at a
    time while the headers beside it leave them free. A header set from the edge of a column as
    its figures are (a left- or right-aligned table whose header starts where the figures start)
    grows away from that edge; any other is centred over its columns: it grows to both sides, and
    once one side is blocked, to the other while that brings the columns' middle nearer its own
    (行政复议 over five columns, 行政诉讼 over ten). A header stays under the header above it
    (``within``: for each column, the columns of the header above it): it grows only over
    columns under the same header as its own (not under 总计 set over two header rows). A header set from a
    column's edge grows only over columns with a header of their own below it, or no figure
    (``open_``): a header right above a column's figures names that column alone.

    A header centred over an even number of equal columns may start where a column's figures
    start (行政诉讼 over ten narrow columns on A5, beside 行政复议 set at no column's edge): taken
    for one set from that edge, it would leave the columns between it and the header before it,
    which have headers below, under no header of its row. The cells of one header row are set
    alike, so when another header of the row stands at no column's edge the row is centred, and
    such a header is read as centred too. A row whose headers all start at a column's edge is set
    from that edge (未经复议直接起诉 | 复议后起诉 below a 行政诉讼 left on the page before). A header
    OCR read stands at an edge as far off as its ink may lie inside its characters' ems
    (``_ink_inset``).

    A Word export sets a header cell's text from its left edge whatever the figures' alignment
    (行政复议 | 行政诉讼 over five and ten columns, 未经复议直接起诉 | 复议后起诉 over five each, 本年处理决定数量
    over the three columns of another 第二十条 item of table 二, its figure centred): cells that
    share a left edge then start their texts at one place, however wide. A row whose headers each
    start where a header of another row starts, one at least ending elsewhere (``others``: the
    headers of the other rows), is set from the left: each header grows right up to the next, over
    columns of figures too, as ruled cells would bound it. Two centred texts that start at one place
    end at one place too (本年处理决定数量 centred alike over the columns of two items).

    A header over several columns stands above their headers: none grows over a column whose own
    header, of another row, stands beside it (its middle level with some of the header's lines). A cell set one character
    a line from its top (结 / 果 / 维 / 持, level with 未经复议直接起诉 at its top) reaches down beside
    the headers of the columns next to it (结果 / 纠正), and heads its own column alone.

    ``cut``: the row is the rest of a header a page end cut, at the top of a table that continues
    the one on the page before. A cell's rest there grows, centred or not, only over columns with a
    header of their own below it or no figure (``open_``): one over several columns has their
    headers under it, on this page too (复议 of 行政 / 复议), while the rest of one column's header
    stands right above that column's figures (织 of 社 / 会 / 公 / 益 / 组 / 织, alone on its row).
    """
    others = others or []
    ends = [[o.x1 for o in others if abs(header.x0 - o.x0) <= TOUCH] for header in headers]
    # Each header's columns it may not grow over: those whose own header stands beside it, its
    # middle level with some of the header's lines (the boxes of two rows' texts may overlap).
    blocked = [
        {
            j
            for j, (x0, x1) in enumerate(columns)
            for o in others
            if x0 - TOUCH <= o.x0 and o.x1 <= x1 + TOUCH and header.y0 < o.yc < header.y1
        }
        for header in headers
    ]
    if (
        align != "right"
        and all(ends)
        and any(abs(header.x1 - x1) > TOUCH for header, own in zip(headers, ends) for x1 in own)
    ):
        return _grown_runs(
            headers,
            columns,
            "left",
            within,
            [True] * len(columns),
            [True] * len(headers),
            blocked,
            open_ if cut else None,
        )
    edges = [_edge_of(header, align, anchors, em) for header in headers]
    edged = [edge is not None for edge in edges]
    while True:
        runs = _grown_runs(headers, columns, align, within, open_, edged, blocked, open_ if cut else None, edges)
        covered = {j for a, b in runs for j in range(a, b + 1)}
        centred = [
            i
            for i, (a, b) in enumerate(runs)
            if edged[i]
            and not all(edged)
            and 0 <= (beside := a - 1 if align == "left" else b + 1) < len(columns)
            and within[beside] == within[a]
            and beside not in covered
            and open_[beside]
        ]
        if not centred:
            return runs
        edged[centred[0]] = False


def _edge_of(header: Block, align: str, anchors: list[float], em: float) -> float | None:
    """The anchor of the column whose edge a header is set from (a left- or right-aligned table's),
    if any: the nearest within a point, or as far as its ink may lie inside its ems (``_ink_inset``).
    The header stands in that column, wherever its ink begins: 织 of 社会公益组织's rest, its ink
    6.5 points left of the figures' under it, lies left of the column's edge (half an em before
    them) when OCR gives its ink."""
    if align not in ("left", "right"):
        return None
    at = anchor(header, align)
    near = [a for a in anchors if abs(at - a) <= TOUCH + _ink_inset(header, em)]
    return min(near, key=lambda a: abs(at - a), default=None)


def _ink_inset(text: Block, em: float) -> float:
    """How far (points) the ends of a text OCR read may lie inside the ems of its characters: a
    text layer gives each character's em, OCR its ink, which a character may start well inside
    its em (复 an eighth of one in). What its characters lack of the table's em (``em``) across
    the text is that blank, as its own box shows: 0 for a text layer's, or a text as wide as its
    ems."""
    if text.confidence is None:
        return 0.0
    wide = sum(g.text >= "\u3000" for g in text.glyphs)
    return max(0.0, wide * em - (text.x1 - text.x0)) if wide else 0.0


def _grown_runs(
    headers: list[Block],
    columns: list[tuple[float, float]],
    align: str,
    within: list[tuple[int, int]],
    open_: list[bool],
    edged: list[bool],
    blocked: list[set[int]],
    reach: list[bool] | None = None,
    edges: list[float | None] | None = None,
) -> list[tuple[int, int]]:
    """The runs of ``header_runs``, ``edged`` telling the headers set from a column's edge;
    ``reach``: the columns any header may grow over (all by default); ``edges``: the anchor of the
    column each header is set from the edge of, if known; ``blocked``: for each header, the columns
    it may not grow over."""
    slack = _ON_BOUNDARY if align == "centre" else 0.0  # a header set from a column's edge is in it
    runs = []
    for i, (header, at_edge) in enumerate(zip(headers, edged)):
        edge = edges[i] if edges is not None else None
        at = (anchor(header, align) if edge is None else edge) if at_edge else header.xc
        under = [j for j, (x0, x1) in enumerate(columns) if x0 - slack * (x1 - x0) <= at <= x1 + slack * (x1 - x0)]
        if not under:
            under = [min(range(len(columns)), key=lambda j: abs((columns[j][0] + columns[j][1]) / 2 - at))]
        runs.append([under[0], under[-1]])

    def off_centre(i: int, a: int, b: int) -> float:
        return abs((columns[a][0] + columns[b][1]) / 2 - headers[i].xc)

    bounds = [within[run[0]] for run in runs]

    def free(i: int, j: int, proposals: dict[int, tuple[int, int]]) -> bool:
        return (
            0 <= j < len(columns)
            and (reach is None or reach[j])
            and within[j] == bounds[i]
            and j not in blocked[i]
            and not any(
                a <= j <= b
                for k, (a, b) in ({k: tuple(run) for k, run in enumerate(runs)} | proposals).items()
                if k != i
            )
        )

    growing = set(range(len(runs)))
    while growing:
        proposals: dict[int, tuple[int, int]] = {}
        for i in list(growing):
            a, b = runs[i]
            if not edged[i]:
                proposals[i] = (a - 1, b + 1)
            elif 0 <= (j := b + 1 if align == "left" else a - 1) < len(columns) and not open_[j]:
                growing.discard(i)  # a column named by a header of its own, or by none
            else:
                proposals[i] = (a, b + 1) if align == "left" else (a - 1, b)
        for i in sorted(proposals):
            a, b = proposals[i]
            others = {k: v for k, v in proposals.items() if k != i}
            left_free, right_free = free(i, a, others) or a == runs[i][0], free(i, b, others) or b == runs[i][1]
            if left_free and right_free:
                continue
            if edged[i]:
                growing.discard(i)
                continue
            # Centred: one side blocked; the other only while the middle comes nearer the text's.
            one = (runs[i][0], b) if right_free else (a, runs[i][1])
            if (left_free or right_free) and off_centre(i, *one) < off_centre(i, *runs[i]):
                proposals[i] = one
            else:
                growing.discard(i)
        for i in growing:
            runs[i] = list(proposals[i])
    return [(a, b) for a, b in runs]
