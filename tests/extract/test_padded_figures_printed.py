"""Figures padded inside cells set from the left, printed without rules: 平潭综合实验区综合执法与应急管理局's
page on 2020 by Chromium on A4, its borders removed. Its cells carry no alignment but the figures of
政府集中采购 (centred); many figures are typed after one or two full-width spaces (table 二's
□□0, □28) or a no-break space (table 四's &nbsp;0, or 0&nbsp;), so a column's figures start
0, 4, 12 or 24 points right of where its header starts, and their middles and right ends line up
with nothing either. Each figure is read under the header it stands under."""

from __future__ import annotations

from decimal import Decimal

import pytest
from segment_support import REVIEW_CELLS
from truth import table_cells

from pipeline.extract.classify import assemble
from pipeline.extract.proactive_table import map_proactive
from pipeline.extract.requests_table import map_requests
from pipeline.extract.review_table import map_review
from pipeline.extract.unruled import read_unruled

PRINT = "pingtan-enforcement-2020-chromium-a4-unruled-pages1-3-5.pdf"


def test_table_two_figures_padded_with_full_width_spaces(fixtures):
    """Pages 1-3 of the print: 本年新 / 制作数量's 0s both 24 points right of their header (□□0),
    上一年项目数量's 0, 1121 and □0 starting 0 and 12 points right of theirs, 本年增/减's 784, &nbsp;0
    and □28; 政府集中采购's 6 and 675809 centred in their cells at the top of page 3, under the
    headers of 第二十条第（九）项 at the foot of page 2. Before, 本年新 was taken for a label over
    figures right of it ("two figures under the header previous_year_items on page 2: '0' and
    '0'"; page 1 alone: "rows not recognised: '规章00'")."""
    tables, _ = assemble(read_unruled(fixtures / "printed" / PRINT, [1, 2, 3]))
    facts = {(fact.row, fact.column): fact.value for fact in map_proactive(tables["proactive"]).facts}
    expected = table_cells(fixtures / "realworld" / "pingtan-enforcement-2020.truth.json", "proactive")
    assert {cell: value for cell, value in facts.items() if cell in expected} == expected


def test_table_four_figures_padded_with_no_break_spaces(fixtures):
    """Page 5 of the print (4 here): table 四's 0s one to a column, eleven typed &nbsp;0 and four
    0&nbsp;, under 行政复议 | 行政诉讼 and 未经复议直接起诉 | 复议后起诉 set from the left of their cells. Before,
    the padded 0s' right ends, level with their one-character headers', made the table read as set
    from the right, and 行政诉讼 as centred over the columns around its middle ("two figures for
    litigation_direct × pending")."""
    tables, _ = assemble(read_unruled(fixtures / "printed" / PRINT, [4]))
    review = map_review(tables["review"])
    assert {(fact.row, fact.column) for fact in review.facts} == REVIEW_CELLS
    assert {fact.value for fact in review.facts} == {Decimal(0)}


@pytest.mark.parametrize(
    "name",
    [
        "pingtan-enforcement-2020-chromium-letter-unruled-pages2-3.pdf",
        "pingtan-enforcement-2020-word-letter-unruled-repeat-pages2-3.pdf",
    ],
)
def test_a_part_whose_header_opens_the_next_page(fixtures, name):
    """The same page on Letter without rules, pages 2-3, by Chromium and as a Word document (header
    repeated): the page ends under 第二十条第（九）项's title, its header 采购项目数量 | 采购总金额 (set
    from the left edges of the cells of 上一年项目数量 | 本年增/减 above) and 政府集中采购's 6 and
    675809, centred in their cells, open page 3 (the Word document after table 二's first rows
    repeated). The part goes on the padded table of page 2, in its columns; before, page 3 was a
    table of its own, centred by its figures ("page 2: the text '采购总金额' falls in the cell of
    '采购项目数量'"), or 675809 fell in no column ("the figure '675809' … is not among the facts")."""
    tables, _ = assemble(read_unruled(fixtures / "printed" / name, [1, 2]))
    facts = {(fact.row, fact.column): fact.value for fact in map_proactive(tables["proactive"]).facts}
    published = table_cells(fixtures / "realworld" / "pingtan-enforcement-2020.truth.json", "proactive")
    # 第二十条第（一）项 is on page 1.
    expected = {
        (row, column): v for (row, column), v in published.items() if row not in ("rules", "normative_documents")
    }
    assert facts == expected


def test_table_four_header_set_from_the_left_cut_by_the_page_end(fixtures):
    """The same page on Letter without rules by Chromium, pages 5-6: page 5 ends under table 四's
    first header row, 行政复议 | 行政诉讼 set from their cells' left edges; page 6 opens with the
    rest (未经复议直接起诉 | 复议后起诉, the results one character a line) over the padded 0s. The
    header heads the columns of the padded rows, as set from the left: 行政复议 over five,
    行政诉讼 over ten. Before, the figures' right ends (&nbsp;0, 0&nbsp;) realigned the table as
    set from the right, and the two headers were centred over three and seven columns ("no
    proceeding for the figure '0' on page 6 (headers: 行政诉讼, 尚未审结)")."""
    name = "pingtan-enforcement-2020-chromium-letter-unruled-pages5-6.pdf"
    tables, _ = assemble(read_unruled(fixtures / "printed" / name, [1, 2]))
    review = map_review(tables["review"])
    assert {(fact.row, fact.column) for fact in review.facts} == REVIEW_CELLS
    assert {fact.value for fact in review.facts} == {Decimal(0)}


def test_padded_rows_under_a_centred_header_ending_the_page_before_are_aligned_by_it(fixtures):
    """国有资产管理局's page on 2019 as a Word document on A5 without rules (default margins): table
    三's applicant header (自 / 然 / 人, 商业 / 企业 …, centred in their cells) ends page 5, its rows
    go on from page 6, their 0s typed with a no-break space before or after them (&nbsp;0, 0&nbsp;),
    so they stand padded in cells set from the left. The header's texts do not start where those
    columns start: the rows are aligned anew by their figures and that header, and table 三 reads
    as published. Kept in the padded columns, as a header set from the left keeps them (the test
    above), two 0s stood under 自然人 ("two figures under the header natural_person on page 6")."""
    path = fixtures / "printed" / "pingtan-assets-2019-word-a5-unruled.pdf"
    tables, _ = assemble(read_unruled(path, [4, 5, 6, 7, 8, 9, 10]))
    read = {(fact.row, fact.column): fact.value for fact in map_requests(tables["requests"]).facts}
    expected = table_cells(fixtures / "realworld" / "pingtan-assets-2019.truth.json", "requests")
    assert read == expected
