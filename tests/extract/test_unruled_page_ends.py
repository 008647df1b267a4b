"""Tables without rules that a page end cuts, in Chromium's and WeasyPrint's prints of department
pages of 平潭: a column set two ways over three pages, a 第二十条 item set another way than the rest of
table 二 under a header ending the page, table 四's header cut short of its lowest lines, and an
item set from the left opening a page after centred ones."""

from __future__ import annotations

from decimal import Decimal

from truth import table_cells

from pipeline.extract.classify import assemble
from pipeline.extract.engines import read_segments
from pipeline.extract.proactive_table import map_proactive
from pipeline.extract.requests_table import map_requests
from pipeline.extract.review_table import map_review


def _published(fixtures, name: str, table: str) -> dict[tuple[str, str], Decimal | None]:
    return table_cells(fixtures / "realworld" / f"{name}.truth.json", table)


def test_column_set_two_ways_over_three_pages(fixtures):
    """自然资源与生态环境局 2022 by Chromium without rules (pages 2-5): 总计's cells publish 0 from
    their left, 2 and 30 centred. Page 4 holds only 0 and 26 set from the left there, so the next
    page's 30 stood off every place of that page's columns: page 5 was read as a table of its own,
    a point off, its 29 taken for a label ("rows not recognised: '0' (page 5), … '29'")."""
    path = fixtures / "printed" / "pingtan-resources-2022-chromium-a4-unruled-pages2-5.pdf"
    tables, _ = assemble(read_segments(path, [1, 2, 3, 4], "text"))
    read = {(fact.row, fact.column): fact.value for fact in map_requests(tables["requests"]).facts}
    assert read == _published(fixtures, "pingtan-resources-2022", "requests")


def test_header_ending_a_page_over_an_item_set_another_way(fixtures):
    """自然资源与生态环境局 2020 by Chromium without rules (pages 1-2): 第二十条第（一）项's header,
    set from its cells' left edge, ends page 1; its figures open page 2 centred (0 | 9 | 21), the
    later items' figures set from the left as their headers are. In the columns the left ends of
    those centred figures make, the header's texts stood a column left of them ("cells not found:
    normative_documents × newly_made, …")."""
    path = fixtures / "printed" / "pingtan-resources-2020-chromium-a4-unruled-pages1-2-5-6.pdf"
    tables, _ = assemble(read_segments(path, [1, 2], "text"))
    read = {(fact.row, fact.column): fact.value for fact in map_proactive(tables["proactive"]).facts}
    assert read == _published(fixtures, "pingtan-resources-2020", "proactive")


def test_review_header_cut_short_of_its_lowest_lines(fixtures):
    """The same print (pages 5-6): table 四's header ends page 5, 行政复议's cells in all four of
    their lines (结 / 果 / 维 / 持), 行政诉讼's in two, their last two (维 / 持) and the figures
    opening page 6. The lines of 行政复议's cells under the others' were taken for rows of a table
    published blank, and page 6 for a table of its own ("cells not found: administrative_review ×
    corrected, …")."""
    path = fixtures / "printed" / "pingtan-resources-2020-chromium-a4-unruled-pages1-2-5-6.pdf"
    tables, _ = assemble(read_segments(path, [3, 4], "text"))
    read = {(fact.row, fact.column): fact.value for fact in map_review(tables["review"]).facts}
    assert read == _published(fixtures, "pingtan-resources-2020", "review")


def test_item_set_from_the_left_opening_a_page_after_centred_items(fixtures):
    """自然资源与生态环境局 2020 by WeasyPrint on Letter (pages 1-3; the page's rules not drawn,
    `windowtext`): 第二十条第（一）项's header ends page 1, its figures open page 2 centred, so page 2
    is read in centred columns; 第二十条第（九）项's header ends page 2 and its row, 19 | 1690.9913万元
    set from the left as the items above are, opens page 3. By their middles those stand in no
    column of page 2 (1690.9913万元 is wider than 18 above it), by their left ends where its
    figures start: the table goes on. Before, page 3's row was read as a table of its own and left
    out ("cells not found: centralized_procurement × procurement_amount_yuan, …")."""
    path = fixtures / "printed" / "pingtan-resources-2020-weasyprint-letter-pages1-3.pdf"
    tables, _ = assemble(read_segments(path, [1, 2, 3], "text"))
    read = {(fact.row, fact.column): fact.value for fact in map_proactive(tables["proactive"]).facts}
    assert read == _published(fixtures, "pingtan-resources-2020", "proactive")


def test_item_set_from_the_left_under_its_header_ending_a_page(fixtures):
    """自然资源与生态环境局 2020 as a Word document on Letter without rules, narrow margins (pages 1-2):
    第二十条第（一）项's figures centred on page 1, 第二十条第（五）项's header (上一年项目数 / 量 |
    本年增/减 | 处理决定数量) ending it, its rows opening page 2 set from the left, each figure starting
    where its header starts. By their middles they stand under none of those headers (20 is
    narrower than 上一年项目数), so page 2 was read as a table of its own ("cells not found:
    administrative_license × change, …")."""
    path = fixtures / "printed" / "pingtan-resources-2020-word-letter-narrow-unruled-pages1-2.pdf"
    tables, _ = assemble(read_segments(path, [1, 2], "text"))
    read = {(fact.row, fact.column): fact.value for fact in map_proactive(tables["proactive"]).facts}
    assert read == _published(fixtures, "pingtan-resources-2020", "proactive")


def test_figures_padded_a_space_either_side_over_four_pages(fixtures):
    """国有资产管理局 2019 by WeasyPrint on A4 (pages 3-6; its ``windowtext`` borders not drawn, the
    ruled print read as one without rules): table 三's figures centred in cells that pad them with
    a no-break space before or after (``&nbsp;0``, ``0&nbsp;``), so a column's 0s stand a space
    (3.8 points) apart from row to row. Page 3's one row of figures under the header set some
    columns' anchors a space off where page 4's figures stand: page 4 was read as a table of its
    own, its first column of figures taken for labels ("rows not recognised: '0' (page 4), …")."""
    path = fixtures / "printed" / "pingtan-assets-2019-weasyprint-a4-pages3-6.pdf"
    tables, _ = assemble(read_segments(path, [1, 2, 3, 4], "text"))
    read = {(fact.row, fact.column): fact.value for fact in map_requests(tables["requests"]).facts}
    assert read == _published(fixtures, "pingtan-assets-2019", "requests")


def test_review_header_row_alone_ending_a_page_over_right_set_figures(fixtures):
    """自然资源与生态环境局 2022 by Chromium on A4 without rules, narrow margins (pages 4-5): page 4
    ends under table 四's first header row, 行政复议 | 行政诉讼 alone; page 5 opens with the rest
    of the header (未经复议直接起诉 | 复议后起诉, the results one character a line) and its row of
    one-digit figures, read as set from the right. Each result's header, wider than its 0, ends
    half an em past it, on its column's right edge, and was taken for the next column's: 结果维持
    of 未经复议直接起诉 seemed to have no header of its own, so the cut 未经复议直接起诉 was kept off
    it ("no proceeding for the figure '0' on page 5 (headers: 行政诉讼, 结果维持)")."""
    path = fixtures / "printed" / "pingtan-resources-2022-chromium-a4-narrow-unruled-pages4-5.pdf"
    tables, _ = assemble(read_segments(path, [1, 2], "text"))
    read = {(fact.row, fact.column): fact.value for fact in map_review(tables["review"]).facts}
    assert read == _published(fixtures, "pingtan-resources-2022", "review")
