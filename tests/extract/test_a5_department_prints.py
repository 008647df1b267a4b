"""平潭's department pages printed on A5 paper: narrow columns, headers wrapped at the pages' own
wide line spacing (a Word export's ``line-height:37px``)."""

from __future__ import annotations

from decimal import Decimal

from segment_support import REVIEW_CELLS

from pipeline.extract.classify import assemble
from pipeline.extract.review_table import map_review
from pipeline.extract.unruled import read_unruled


def test_a_header_over_columns_wrapped_into_one_of_them_is_one_cell(fixtures):
    """公安局's page on 2024 by WeasyPrint on A5 without rules (narrow margins), page 12: table 四's
    未经复议直接起诉 wraps 未经复议直接起 / 诉, its 诉 centred over the column of 其他结果 a line's pitch
    (1.9 ems) lower, 复议后起诉 beside both, level with their middle. The two lines are one header
    over five columns; before, 诉 was a header of its own over 其他结果 ("the text '其\\n他\\n结\\n果'
    falls in the cell of '诉'")."""
    segments = read_unruled(fixtures / "printed" / "pingtan-police-2024-weasyprint-a5-narrow-unruled-page12.pdf", [1])
    tables, _ = assemble(segments)
    assert [region.text for region in tables["review"].segments[0].at[1][5:]] == ["未经复议直接起\n诉"] * 5 + [
        "复议后起诉"
    ] * 5
    review = map_review(tables["review"])
    assert {(fact.row, fact.column) for fact in review.facts} == REVIEW_CELLS
    assert {fact.value for fact in review.facts} == {Decimal(0)}
