"""A Word export's cells printed without rules by WeasyPrint: 平潭综合实验区自然资源与生态环境局's page on
2020 on A4, its borders removed. Header cells set from their left edge with their own line breaks
(本年新 / 制作数量), figures centred where their cell is wide enough and from its left edge where
it is not, a label broken early before an opening mark."""

from __future__ import annotations

from decimal import Decimal

from segment_support import REVIEW_CELLS

from pipeline.extract.classify import assemble
from pipeline.extract.proactive_table import map_proactive
from pipeline.extract.review_table import map_review
from pipeline.extract.unruled import read_unruled

PRINT = "pingtan-resources-2020-weasyprint-a4-pages2-4-6.pdf"


def test_header_lines_set_from_the_left(fixtures):
    """Page 2 of the print (1 here): table 二's header 本年新 / 制作数量 | 本年 / 公开数量 | 对外公开总数 /
    量, each cell's two lines starting where it starts, and 上一年项目数 / 量 centred beside 本年增/减:
    one header each. Before, each line was a header of its own row, 量 under 对外公开总数 and
    公开数量 under 本年 in none of their columns ("rows not recognised: '规章00'")."""
    tables, _ = assemble(read_unruled(fixtures / "printed" / PRINT, [1]))
    facts = {(fact.row, fact.column): fact.value for fact in map_proactive(tables["proactive"]).facts}
    assert facts[("normative_documents", "newly_made")] == Decimal(9)
    assert facts[("normative_documents", "total_published")] == Decimal(21)
    assert facts[("administrative_license", "previous_year_items")] == Decimal(20)
    assert facts[("administrative_penalty", "change")] == Decimal(143)
    assert facts[("administrative_coercion", "decisions")] == Decimal(4)
    assert facts[("centralized_procurement", "procurement_items")] == Decimal(19)


def test_label_broken_before_an_opening_mark(fixtures):
    """Pages 3-4 of the print (2-3 here): 3.危及“三安全一稳定” set 3.危 / 及“三安 / 全一稳 / 定” at the top of
    page 4, its figures left at the foot of page 3: 及 goes down with “, so the first line is two
    characters short of the next. One label; before, 3.危 was a row of its own and the figures
    a row without a label ("rows not recognised: '(no label)' (page 3)")."""
    segments = read_unruled(fixtures / "printed" / PRINT, [2, 3])
    labels = [region.text for segment in segments for region in segment.regions()]
    assert "3.危\n及“三安\n全一稳\n定”" in labels
    assert "3.危" not in labels


def test_review_headers_set_from_the_left_over_figures_set_either_way(fixtures):
    """Page 6 of the print (4 here): table 四, 行政复议 | 行政诉讼 and 未经复议直接起诉 | 复议后起诉 set from
    the left of their cells, over figures centred in the wider columns and set from the left of
    the narrower ones (the table read as set from the left). Every figure is named by its
    proceeding and result; before, 行政诉讼 was read as centred ("no proceeding for the figure '0'
    on page 6 (headers: 行政诉讼, 尚未审结)")."""
    tables, _ = assemble(read_unruled(fixtures / "printed" / PRINT, [4]))
    review = map_review(tables["review"])
    assert {(fact.row, fact.column) for fact in review.facts} == REVIEW_CELLS
    assert {fact.value for fact in review.facts} == {Decimal(0)}
