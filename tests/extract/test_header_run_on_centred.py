"""Table 四's header cut by a page end, printed by WeasyPrint: the lines of the header row that do
not fit above the page's last rule are set on below it, in the page's margin (社会事业局 2022 on A4
with rules, pages 3 and 4 of the print)."""

from __future__ import annotations

from decimal import Decimal

from pipeline.core.codes import codes
from pipeline.extract.classify import assemble
from pipeline.extract.engines import read_segments
from pipeline.extract.review_table import map_review

RESULTS = [column.code for column in codes("review", "result")]


def test_a_header_centred_lower_than_its_neighbours_goes_on_below_the_rule(fixtures):
    """Under 行政复议, 结果维持, 结果纠正, 其他结果 and 尚未审结 are set one character a line from
    their cells' tops, 总计 centred: the end of page 1 here leaves 结 结 其 尚 above the table's
    last rule and 果 果 他 未 总 / 维 纠 结 审 计 / 持 正 果 结 below it. 总 begins its cell there,
    blank above the rule, on a line the others' text goes on in: it is the row's, and 总计 names
    its column (before: "table 四 (review and litigation): cells not found: administrative_review
    × corrected, …", the lines under the rule left out and the figures of 行政复议 under no header)."""
    path = fixtures / "printed" / "pingtan-social-2022-weasyprint-a4-pages3-4.pdf"
    tables, _ = assemble(read_segments(path, [1, 2], "rules"))
    review = {(fact.row, fact.column): fact.value for fact in map_review(tables["review"]).facts}
    assert [review[("administrative_review", column)] for column in RESULTS] == [Decimal(0)] * 5
    assert len(review) == 15
