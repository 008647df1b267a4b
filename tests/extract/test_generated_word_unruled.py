"""The generated reports' own Word documents printed by LibreOffice without rules: table 四's
headers over several columns narrow enough to stand between their columns' texts, or within one
column, and a figure wrapped in its cell whose last line opens the next page."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pipeline.core.facts import ReportError
from pipeline.core.figures import figure_cells
from pipeline.extract.classify import Table
from pipeline.extract.completeness import TextLayer, check_page_breaks, check_read
from pipeline.extract.review_table import map_review
from pipeline.extract.segments import Segment
from pipeline.extract.unruled import read_unruled
from pipeline.replica.synthetic import generate


def _flat(text: str) -> str:
    return text.replace("\n", "")


def _cells(row: list) -> list[str]:
    """A row's cells left to right, a merged cell once."""
    return [_flat(region.text) for k, region in enumerate(row) if k == 0 or region is not row[k - 1]]


def test_headers_over_columns_narrower_than_their_columns_head_them(fixtures):
    """``gen-2021-1`` on A4, narrow margins, page 4: 行政 / 诉讼, over ten columns, is centred on the
    edge between 总计 and 结果维持 of its fifth and sixth and stands between their texts; a column
    of its own there would be narrower than it, so it names no column published blank, and it heads
    the ten columns whose headers stand under it. 复议 / 后起诉, beside 未经复议 / 直接起诉, fits in the
    column of 其他结果 under it, twice a line's distance above it, where 结果纠正 and 尚未审结 beside
    其他结果 have nothing level with it: it heads its five columns, and 其他结果 is a cell of its own.
    Before, 行政诉讼 stood for a blank column, 行政 / 复议 read as two header rows and 复议后起诉 as
    其他结果's first paragraph ("no proceeding for the figure '0'")."""
    path = fixtures / "word" / "gen-2021-1-word-a4-narrow-unruled-page4.pdf"
    review = read_unruled(path, [1])[-1]
    assert [_cells(row) for row in review.at[:3]] == [
        ["行政复议", "行政诉讼"],
        ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"],
        ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3,
    ]
    published = {
        (row, column): value
        for (table, row, column), value in figure_cells(generate(1, "2021").figures).items()
        if table == "review"
    }
    assert {(f.row, f.column): f.value for f in map_review(Table("review", [review])).facts} == published
    assert published[("litigation_after_review", "total")] == Decimal(1)
    with TextLayer(path) as layer:
        check_read({"review": [review]}, layer)


def _without_first_row(segment: Segment) -> Segment:
    return Segment(
        page=segment.page,
        nrows=segment.nrows - 1,
        at=segment.at[1:],
        cols=segment.cols,
        rows=segment.rows[1:],
        unruled=True,
    )


def test_a_wrapped_figure_s_last_line_opening_a_page_is_no_page_number(fixtures):
    """``gen-2019-1`` on Letter, default margins, pages 4 and 5: （六）其他处理's total 47 is
    wrapped 4 / 7 in its narrow cell, the page end between its lines: the 7 opens page 5 alone,
    a row's gap over the next row's 4 / 4 / 6, and looked like a page number (the total read 4).
    Centred on that column's figures, it is the rest of the figure: the first row of the page's
    table. Read without it, the completeness guard names it."""
    path = fixtures / "word" / "gen-2019-1-word-letter-unruled-pages4-5.pdf"
    segments = read_unruled(path, [1, 2])
    requests = [segment for segment in segments if segment.page == 1] + [segments[-2]]
    assert _cells(requests[-2].at[-1])[-8:] == ["（六）其他处理", "47", "0", "0", "0", "0", "0", "4"]
    assert _cells(requests[-1].at[0])[-1] == "7"
    assert _cells(requests[-1].at[1])[-8:] == ["（七）总计", "424", "0", "22", "0", "0", "0", "446"]
    with TextLayer(path) as layer:
        check_page_breaks({"requests": requests}, layer)
        lost = [*requests[:-1], _without_first_row(requests[-1])]
        with pytest.raises(ReportError, match="the figure '7' printed on page 2 above its first row"):
            check_page_breaks({"requests": lost}, layer)


def test_a_group_label_s_line_below_its_row_at_a_page_end_is_no_lost_figure(fixtures):
    """``gen-2019-1`` on A4, default margins, pages 3 and 4: （四）无法提供, set two characters a line,
    begins beside 1.本机关不掌握相's row at the foot of page 3; its line ）无 reaches below that row's
    figures. The grid reads it in the label's cell, so the completeness guard takes its 无 for no
    figure lost at the page break (before: "the figure '无' printed on page 3 below its last row …
    is in no cell read")."""
    path = fixtures / "word" / "gen-2019-1-word-a4-unruled-pages3-4.pdf"
    requests = [segment for segment in read_unruled(path, [1, 2]) if segment.nrows > 1]
    assert _cells(requests[0].at[-1])[2:5] == ["（四）无", "1.本机关不掌握相", "30"]
    assert _cells(requests[1].at[0])[2:4] == ["法提供", "关政府信息"]
    with TextLayer(path) as layer:
        check_page_breaks({"requests": requests}, layer)


def test_the_label_column_s_header_between_an_item_s_rows_stands_over_none(fixtures):
    """``gen-2021-1`` on A4, default margins, page 1: table 二's figures stand a line below their
    labels, and 行政许可, the one row of 第二十条第（五）项, has beside it no figure, the header 信息内容
    of its item above and of the next item below, both right of it. Level with the headers over
    the figures, they are the label column's headers, not labels of rows it would be the group
    label of ("rows not recognised: '行政许可信息内容'"): it is its row's own label."""
    path = fixtures / "word" / "gen-2021-1-word-a4-unruled-page1.pdf"
    proactive = read_unruled(path, [1])[0]
    rows = [_cells(row) for row in proactive.at]
    assert ["行政许可", "", "", "0", ""] in rows
    assert ["", "信息内容", "第二十条第（五）项", "本年处理决定数量", ""] in rows
    assert ["行政处罚", "", "", "7万", ""] in rows


def test_a_header_over_columns_cut_by_the_page_end_heads_them_on_the_next(fixtures):
    """``gen-2021-1`` on Letter, narrow margins, pages 4 and 5: the page end cuts table 四's second
    header row after the first lines of its cells (结, 其, 未经复议, 复议); on the next page 后起诉 is
    one line, over 其 / 他 / 结 / 果 twice a line's distance below it, where the lines of 其他结果 stand
    a line apart: it heads the five columns of 复议 there too (before: "no proceeding for the
    figure '0' (headers: 行政诉讼, 复议后起诉其他结果, 结果维持)")."""
    path = fixtures / "word" / "gen-2021-1-word-letter-narrow-unruled-pages4-5.pdf"
    review = read_unruled(path, [1, 2])[-2:]
    assert _cells(review[1].at[0])[-2:] == ["直接起诉", "后起诉"]
    assert _cells(review[1].at[1])[-5:] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    published = {
        (row, column): value
        for (table, row, column), value in figure_cells(generate(1, "2021").figures).items()
        if table == "review"
    }
    assert {(f.row, f.column): f.value for f in map_review(Table("review", review)).facts} == published
