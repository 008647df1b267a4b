"""Cells set as a Word export sets them, printed without rules: 平潭综合实验区市场监督管理局's page on
2021 (its header paragraphs carry no alignment, its figures ``text-align:center``; （六）其他处理's
figures one cell per column over its three sub-rows) printed by WeasyPrint on A4 with its borders
removed (its ruled print draws none of tables 二 and 四's ``windowtext`` borders either). A header
over several columns starts where the first header under it starts, not over its columns' middle;
a figure over several rows stands level with their middle, not with its row label's."""

from __future__ import annotations

from decimal import Decimal

from segment_support import REVIEW_CELLS

from pipeline.extract.classify import assemble
from pipeline.extract.proactive_table import map_proactive
from pipeline.extract.review_table import map_review
from pipeline.extract.unruled import read_unruled

PRINT = "pingtan-market-2021-weasyprint-a4-pages2-3-7-8.pdf"


def test_review_headers_set_from_the_left(fixtures):
    """Page 8 of the print (4 here): table 四, 行政复议 | 行政诉讼 and 未经复议直接起诉 | 复议后起诉 each
    starting where the first of their columns' headers starts. Every figure is named by its
    proceeding and result; before, 行政诉讼 was read as centred over the columns around its own
    middle, seven from 行政复议's 尚未审结 on ("no proceeding for the figure '0' on page 8
    (headers: 行政诉讼, 尚未审结)")."""
    tables, _ = assemble(read_unruled(fixtures / "printed" / PRINT, [4]))
    review = map_review(tables["review"])
    assert {(fact.row, fact.column) for fact in review.facts} == REVIEW_CELLS
    assert {fact.value for fact in review.facts} == {Decimal(0)}


def test_proactive_headers_set_from_the_left_across_a_page_end(fixtures):
    """Pages 2-3 of the print: table 二, each 第二十条 item set as a table of its own, 本年处理决定数量
    set from the left of its cell over the three columns of 第二十条第（一）项's, its figure centred
    under their middle; 第二十条第（六）项's rows on the next page, their figures 7 points right of
    the 0s of 规章 (the column's anchor). Before, the header named the first column alone (行政许可's
    0 in no column's cell), and the rows on page 3 were a table of their own, the header left of
    their figures taken for a label ("the figure '211' printed on page 3 in the row '行政处罚' is not
    among the facts")."""
    tables, _ = assemble(read_unruled(fixtures / "printed" / PRINT, [1, 2]))
    facts = {(fact.row, fact.column): fact.value for fact in map_proactive(tables["proactive"]).facts}
    assert facts == {
        ("rules", "issued"): Decimal(0),
        ("rules", "repealed"): Decimal(0),
        ("rules", "in_force"): Decimal(0),
        ("normative_documents", "issued"): Decimal(6),
        ("normative_documents", "repealed"): Decimal(0),
        ("normative_documents", "in_force"): Decimal(45),
        ("administrative_license", "decisions"): Decimal(0),
        ("administrative_penalty", "decisions"): Decimal(211),
        ("administrative_coercion", "decisions"): Decimal(42),
        ("administrative_fees", "fee_amount_yuan"): Decimal(0),
    }


def test_figures_over_the_sub_rows_of_their_group(fixtures):
    """Page 7 of the print (3 here): （六）其他处理's 0s stand level with the middle of its group
    label, beside the third of the nine lines of sub-row 2's label (2.申请人逾期未按…), no figure
    beside sub-rows 1 and 3: each is one cell over the three sub-rows, as the page's rowspan="3"
    sets it, which table 三 reads as the group's. Before, they were sub-row 2's, sub-rows 1 and 3 read
    as published blank."""
    segment = read_unruled(fixtures / "printed" / PRINT, [3])[-1]
    rows = {region.text.split("\n")[0]: region.r0 for region in segment.regions() if region.x1 <= segment.cols[2][0]}
    first, last = rows["1.申请人"], rows["3.其他"]
    figures = [region for region in segment.regions() if region.text == "0"]
    assert len(figures) == 7
    assert all((region.r0, region.r1) == (first, last) for region in figures)
