"""Header cells of 综合执法与应急管理局's page on 2020 saved as a Word document and printed by
LibreOffice on A4 (default margins): a header line set under its row's rule by a page end, a header
set one character a line beside the headers of the next row, and a header wrapped in a cell set from
its left edge over figures centred in theirs."""

from __future__ import annotations

from decimal import Decimal

from segment_support import APPLICANT_HEADERS, REVIEW_CELLS, figures_by_label

from pipeline.extract.classify import assemble
from pipeline.extract.engines import read_segments
from pipeline.extract.review_table import map_review
from pipeline.extract.unruled import read_unruled


def _review(path, engine: str) -> dict[tuple[str, str], Decimal | None]:
    tables, _ = assemble(read_segments(path, [1, 2], engine))
    return {(fact.row, fact.column): fact.value for fact in map_review(tables["review"]).facts}


def test_a_header_line_set_under_its_rule_is_its_cells(fixtures):
    """Pages 4 and 5, ruled, header rows not repeated: the page end cuts table 四's header row after
    结 / 果 of 结果维持, and LibreOffice sets the rest, 维 / 持, on page 5 in a row too low for it: 持
    stands under the row's bottom rule, in the cell of the 0 below, drawn over it. It goes on from
    维 at the cell's line pitch: 结果维持's, not the figure cell's (before: that cell read '持\\n0',
    "table 四 (review and litigation): cells not found")."""
    review = _review(fixtures / "printed" / "pingtan-enforcement-2020-word-a4-pages4-5.pdf", "rules")
    assert review == {cell: Decimal(0) for cell in REVIEW_CELLS}


def test_a_header_one_character_a_line_beside_the_next_row_heads_one_column(fixtures):
    """Pages 4 and 5 without rules: 结 / 果 / 维 / 持 is set from its cell's top, level with
    未经复议直接起诉 and 复议后起诉, and reaches down beside 结果 / 纠正, 其他 / 结果, 尚未 / 审结 and
    总计 of the next header row. Cells set from the left start their texts where the cells start, but
    a header over several columns stands above their headers, not beside them: it heads its own
    column alone (before, it was taken for a header over the five columns of 行政复议, and table 四
    was not found)."""
    review = _review(fixtures / "printed" / "pingtan-enforcement-2020-word-a4-unruled-pages4-5.pdf", "text")
    assert review == {cell: Decimal(0) for cell in REVIEW_CELLS}


def test_a_header_wrapped_in_a_cell_set_from_the_left_names_no_column(fixtures):
    """Page 3 without rules, header rows repeated: 商业企 / 业 is set from its cell's left edge, the
    figures centred under it; 业 stands over no figure, between the figures of 自然人 and 商业企业.
    It is the rest of the header above it (which starts where it starts and stands over one
    column's figures), not the header of a column published blank (before: a column of its own,
    "table 三: applicant columns not found: commercial_enterprise")."""
    requests = read_unruled(fixtures / "printed" / "pingtan-enforcement-2020-word-a4-unruled-repeat-page3.pdf", [1])[-1]
    rows = figures_by_label(requests)
    assert rows["一、本年新收政府信息公开申请数量"] == ["0"] * 7
    headers = [region.text.replace("\n", "") for region in requests.at[3]]
    assert headers[-7:] == APPLICANT_HEADERS
    assert headers[-8].startswith("（本列数据的勾稽关系为")  # the labels' side: no column between


def test_the_rest_of_a_wrapped_header_on_the_next_page_names_no_column(fixtures):
    """Pages 2 and 3 without rules, header rows not repeated: the page end cuts table 三's header
    after 商业企 (and 科研, 社会公, 法律服); 业 opens page 3 over no figure. It is the rest of 商业企
    printed on the page before, not a column published blank (before: "table 三: applicant columns
    not found")."""
    segments = read_unruled(fixtures / "printed" / "pingtan-enforcement-2020-word-a4-unruled-pages2-3.pdf", [1, 2])
    tables, _ = assemble(segments)
    page3 = [segment for segment in tables["requests"].segments if segment.page == 2][0]
    rows = figures_by_label(page3)
    assert rows["一、本年新收政府信息公开申请数量"] == ["0"] * 7
    assert rows["二、上年结转政府信息公开申请数量"] == ["0"] * 7
