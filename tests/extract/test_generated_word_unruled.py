"""The generated reports' own Word documents printed by LibreOffice without rules: table 四's
headers over several columns narrow enough to stand between their columns' texts, or within one
column."""

from __future__ import annotations

from decimal import Decimal

from pipeline.core.figures import figure_cells
from pipeline.extract.classify import Table
from pipeline.extract.completeness import TextLayer, check_read
from pipeline.extract.review_table import map_review
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
