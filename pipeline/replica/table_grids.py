"""The ruled tables 二, 三 and 四 of the national templates as grids of (merged) cells."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from pipeline.core.codes import code, codes
from pipeline.replica.content import APPLICANTS, RESULTS, ReportContent, cell_key

TABLE_WIDTH = 156.0  # mm, the text width of the page
PT = 25.4 / 72  # mm per point
PAD = 1.0  # mm between a cell's rules and its text

NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
BLOCK = "三、本年度办理结果"
GROUPS = {
    "denied": "（三）不予公开",
    "unable": "（四）无法提供",
    "not_processed": "（五）不予处理",
    "other_handling": "（六）其他处理",
}
APPLICANT_HEADERS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
REVIEW_HEADERS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")

ITEM_MEASURES_2019 = ("previous_year_items", "change", "decisions")
# Sub-tables of table 二: (第二十条 item, items, measures) per template.
PROACTIVE_SECTIONS = {
    "2019": (
        ("（一）", ("rules", "normative_documents"), ("newly_made", "newly_published", "total_published")),
        ("（五）", ("administrative_license", "other_external_services"), ITEM_MEASURES_2019),
        ("（六）", ("administrative_penalty", "administrative_coercion"), ITEM_MEASURES_2019),
        ("（八）", ("administrative_fees",), ("previous_year_items", "change")),
        ("（九）", ("centralized_procurement",), ("procurement_items", "procurement_amount_yuan")),
    ),
    "2021": (
        ("（一）", ("rules", "normative_documents"), ("issued", "repealed", "in_force")),
        ("（五）", ("administrative_license",), ("decisions",)),
        ("（六）", ("administrative_penalty", "administrative_coercion"), ("decisions",)),
        ("（八）", ("administrative_fees",), ("fee_amount_yuan",)),
    ),
}
# Measures published in 万元 while the dataset holds yuan.
WAN_YUAN_MEASURES = {"fee_amount_yuan"}


@dataclass
class Cell:
    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    align: str = "C"  # L | C
    stacked: bool = False  # one character per line (the vertical block header)
    bold: bool = False
    shade: bool = False
    numeric: bool = False


@dataclass
class Grid:
    widths: list[float]
    nrows: int
    size: float = 9.5  # pt, labels and headers
    figure_size: float = 11.0  # pt, figures
    keep: int = 1  # leading rows (headers and the first body row) that never part from the heading
    flex: int | None = None  # the column that narrows when figures need wider columns
    min_row: float = 7.0  # mm
    cells: list[Cell] = field(default_factory=list)
    row_codes: dict[int, str] = field(default_factory=dict)  # body row index -> outcome code

    def add(self, cell: Cell) -> None:
        self.cells.append(cell)


def _label(content: ReportContent, row_code: str, default: str) -> str:
    return content.labels.get(row_code, default)


def _zh(table: str, dimension: str, name: str, template: str) -> str:
    forms = code(table, dimension, name).labels_zh
    return forms[0] if template == "2019" else forms[-1]


def format_value(table: str, column: str, value: int | None) -> str:
    """The default printed form of a figure."""
    if value is None:
        return ""
    if table == "proactive" and column in WAN_YUAN_MEASURES:
        return format(Decimal(value) / 10000, "f").rstrip("0").rstrip(".") if value % 10000 else str(value // 10000)
    return str(value)


def printed(content: ReportContent, table: str, row: str, column: str, value: int | None) -> str:
    return content.printed.get(cell_key(table, row, column), format_value(table, column, value))


def proactive_grid(content: ReportContent) -> Grid:
    """Table 二: the 第二十条 sub-tables stacked into one ruled table, as WPS/Word exports have it."""
    units = 6  # value columns: 3 measures x 2 units, 2 x 3 or 1 x 6
    label_width = TABLE_WIDTH * 0.34
    layout = content.layout
    grid = Grid(
        widths=[label_width] + [(TABLE_WIDTH - label_width) / units] * units,
        nrows=0,
        keep=3,
        flex=0,
        min_row=layout.proactive_row or layout.min_row,
    )
    figures = content.figures.get("proactive", {})
    row = 0
    for article, items, measures in PROACTIVE_SECTIONS[content.template]:
        published = [item for item in items if item in figures]
        if not published:
            continue
        span = units // len(measures)
        grid.add(Cell(row, 0, f"第二十条第{article}项", colspan=units + 1, shade=content.layout.shaded))
        grid.add(Cell(row + 1, 0, "信息内容", bold=True))
        for i, measure in enumerate(measures):
            header = _zh("proactive", "measure", measure, content.template)
            grid.add(Cell(row + 1, 1 + i * span, header, colspan=span, bold=True))
        row += 2
        for item in published:
            label = _label(content, item, _zh("proactive", "item", item, content.template))
            if item in layout.label_figure and len(measures) == 1:
                # The label and its figure in one cell: the rule between them is missing.
                text = printed(content, "proactive", item, measures[0], figures[item].get(measures[0]))
                grid.add(Cell(row, 0, f"{label} {text}", colspan=units + 1, align="L"))
                row += 1
                continue
            grid.add(Cell(row, 0, label, align="L"))
            for i, measure in enumerate(measures):
                text = printed(content, "proactive", item, measure, figures[item].get(measure))
                grid.add(Cell(row, 1 + i * span, text, colspan=span, numeric=True))
            row += 1
    grid.nrows = row
    return grid


def _outcome_rows(content: ReportContent) -> list[str]:
    published = content.figures["requests"]
    return [c.code for c in codes("requests", "outcome") if c.code in published]


@dataclass
class _Columns:
    """Figure part-columns: their widths, each applicant's (first part, parts), parts left empty."""

    widths: list[float]
    spans: list[tuple[int, int]]
    empty: list[int] = field(default_factory=list)


def _aligned_columns(widths: list[float]) -> tuple[_Columns, _Columns]:
    columns = _Columns(list(widths), [(j, 1) for j in range(len(widths))])
    return columns, columns


def _ragged_columns(widths: list[float]) -> tuple[_Columns, _Columns]:
    """Value cells that do not share the header's column boundaries, as Word exports have them:
    自然人's header spans two value cells (the figure in the right one, the left one empty,
    the right one reaching a quarter under the next header), and every other value cell is
    shifted a quarter of a column right, under two headers."""
    w = widths
    parts = [w[0] / 2, w[0] / 2]
    for width in w[1:]:
        parts += [width / 4, width * 3 / 4]
    header = _Columns(parts, [(0, 2)] + [(2 * j, 2) for j in range(1, len(w))])
    value = _Columns(
        parts, [(1, 2)] + [(2 * j + 1, 2) for j in range(1, len(w) - 1)] + [(2 * len(w) - 1, 1)], empty=[0]
    )
    return header, value


def requests_grid(content: ReportContent) -> Grid:
    """Table 三: three header rows, the vertical 办理结果 block and its (三)-(六) groups."""
    if content.layout.narrow:
        # 2019-format reports: labels wrap at 15, 3 and 8 characters, headers at 2 or 3.
        size = 10.5
        em = size * PT
        label_widths = [12.2, 13.8, 32.5]
        figure_widths = [n * em + 2 * PAD + 0.3 for n in (2, 2, 2, 2, 3, 2, 1)]
    else:
        size = 9.5
        label_widths = [7.5, 26.0, 50.0]
        figure_widths = [(TABLE_WIDTH - sum(label_widths)) / 7] * 7
    ragged = content.layout.ragged
    if ragged:
        figure_widths = [(TABLE_WIDTH - sum(label_widths)) / 7] * 7  # room for figures in part-columns
    header, value = _ragged_columns(figure_widths) if ragged else _aligned_columns(figure_widths)
    grid = Grid(
        widths=label_widths + value.widths,
        nrows=0,
        size=size,
        figure_size=size + 1.5,
        keep=4,
        flex=2,
        min_row=content.layout.min_row,
    )

    def span(j: int, spans: list[tuple[int, int]] = header.spans) -> tuple[int, int]:
        return 3 + spans[j][0], spans[j][1]

    grid.add(Cell(0, 0, NOTE, rowspan=3, colspan=3, align="L"))
    grid.add(Cell(0, 3, "申请人情况", colspan=len(value.widths)))
    col, colspan = span(0)
    grid.add(Cell(1, col, APPLICANT_HEADERS[0], rowspan=2, colspan=colspan))
    first_legal, last_legal = span(1), span(5)
    grid.add(Cell(1, first_legal[0], "法人或其他组织", colspan=last_legal[0] + last_legal[1] - first_legal[0]))
    col, colspan = span(6)
    grid.add(Cell(1, col, APPLICANT_HEADERS[6], rowspan=2, colspan=colspan))
    for i, text in enumerate(APPLICANT_HEADERS[1:6], start=1):
        col, colspan = span(i)
        grid.add(Cell(2, col, text, colspan=colspan))

    rows = _outcome_rows(content)
    first = 3
    block = [r for r in rows if r not in ("new_requests", "carried_over", "carried_forward")]
    for index, row_code in enumerate(rows, start=first):
        grid.row_codes[index] = row_code
        values = content.figures["requests"][row_code]
        # Ragged rows alternate which of 自然人's two value cells holds the figure (the narrow
        # left one only a short figure).
        natural = printed(content, "requests", row_code, APPLICANTS[0], values[0])
        swap = ragged and index % 2 == 1 and len(natural) <= 2
        for j, applicant in enumerate(APPLICANTS):
            text = printed(content, "requests", row_code, applicant, values[j])
            col, colspan = span(j, value.spans)
            grid.add(Cell(index, col, "" if swap and j == 0 else text, colspan=colspan, numeric=True))
        for col in value.empty:
            grid.add(Cell(index, 3 + col, natural if swap else "", numeric=True))
        default = code("requests", "outcome", row_code).labels_zh[0]
        label = _label(content, row_code, default)
        if row_code not in block:
            grid.add(Cell(index, 0, label, colspan=3, align="L", bold=True))
        elif "." in row_code:
            grid.add(Cell(index, 2, label, align="L"))
        else:
            grid.add(Cell(index, 1, label, colspan=2, align="L"))
    if block:
        start = first + rows.index(block[0])
        grid.add(Cell(start, 0, BLOCK, rowspan=len(block), stacked=True, bold=True))
    for group, text in GROUPS.items():
        members = [i for i, r in enumerate(rows) if r.startswith(group + ".")]
        if members:
            grid.add(Cell(first + members[0], 1, _label(content, group, text), rowspan=len(members), align="L"))
    grid.nrows = first + len(rows)
    return grid


def review_grid(content: ReportContent) -> Grid:
    """Table 四: 行政复议 and the two kinds of 行政诉讼, five result columns each."""
    grid = Grid(widths=[TABLE_WIDTH / 15] * 15, nrows=4, keep=4, min_row=content.layout.min_row)
    stacked = content.layout.narrow
    grid.add(Cell(0, 0, "行政复议", colspan=5))
    grid.add(Cell(0, 5, "行政诉讼", colspan=10))
    for j, header in enumerate(REVIEW_HEADERS):
        grid.add(Cell(1, j, header, rowspan=2, stacked=stacked))
    grid.add(Cell(1, 5, "未经复议直接起诉", colspan=5))
    grid.add(Cell(1, 10, "复议后起诉", colspan=5))
    for block in range(2):
        for j, header in enumerate(REVIEW_HEADERS):
            grid.add(Cell(2, 5 + block * 5 + j, header, stacked=stacked))
    review = content.figures.get("review", {})
    proceedings = [c.code for c in codes("review", "proceeding")]
    for p, proceeding in enumerate(proceedings):
        values = review.get(proceeding, [None] * 5)
        for j, result in enumerate(RESULTS):
            text = printed(content, "review", proceeding, result, values[j])
            grid.add(Cell(3, p * 5 + j, text, numeric=True))
    return grid
