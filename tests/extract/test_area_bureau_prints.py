"""Table 三 and 四 of 平潭's area bureaus' pages (片区管理局) printed without rules on A4: cells of a
few characters whose paragraphs the producer centres in their rows, level with none of the
paragraphs beside them, and headers and labels a page end cuts."""

from __future__ import annotations

from segment_support import APPLICANT_HEADERS, figures_by_label
from truth import table_cells

from pipeline.extract.classify import assemble
from pipeline.extract.completeness import TextLayer, check_read
from pipeline.extract.proactive_table import map_proactive
from pipeline.extract.unruled import read_unruled


def _flat(text: str) -> str:
    return text.replace("\n", "")


def _cells(row: list) -> list[str]:
    """A row's cells left to right, a merged cell once."""
    return [_flat(region.text) for k, region in enumerate(row) if k == 0 or region is not row[k - 1]]


def test_a_header_centred_between_the_paragraphs_beside_it_is_one_cell(fixtures):
    """君山片区管理局's page on 2021 as a Word document without rules, page 2: 总 / 计, two paragraphs
    centred in the header rows, stand between 自 and 然 and between 然 and 人 of 自 / 然 / 人 set a
    paragraph a line from the top, level with none of them. 总 is no title alone on its line over
    a row 计 opens: the two are one cell. Before, 计 opened a header row of its own and the
    applicant columns were not found ("applicant columns not found: total")."""
    path = fixtures / "printed" / "pingtan-junshan-2021-word-a4-unruled-page2.pdf"
    requests = read_unruled(path, [1])[-1]
    assert [_flat(region.text) for region in requests.at[1][-7:]] == APPLICANT_HEADERS
    rows = figures_by_label(requests)
    assert rows["一、本年新收政府信息公开申请数量"] == ["5", "0", "0", "0", "0", "3", "8"]


def test_a_group_label_centred_paragraph_by_paragraph_is_one_cell(fixtures):
    """君山片区管理局's page on 2021 by Chromium without rules, page 4: the group label （四） / 无法 /
    提供, three paragraphs centred in their cell, sets （四） between the rows of its items 1 and 2,
    beside no label, and starts 无法 half a character right of where （四） starts. The paragraphs
    centred alike are one cell over its three items. Before, （四） stood alone between two rows
    ("the text '（四）' stands beside no row of its table")."""
    path = fixtures / "printed" / "pingtan-junshan-2021-chromium-a4-unruled-page4.pdf"
    requests = read_unruled(path, [1])[-1]
    rows = [_cells(row) for row in requests.at]
    assert [row[0] for row in rows[1:4]] == ["（四）无法提供"] * 3
    assert rows[1][1:] == ["1.本机关不掌握相关政府信息", "3", "0", "0", "0", "0", "2", "5"]
    assert [row[0] for row in rows[4:9]] == ["（五）不予处理"] * 5


def test_a_label_one_character_a_line_cut_at_its_none_by_the_page_end(fixtures):
    """苏平片区管理局's page on 2024 as a Word document without rules, header rows repeated, pages 5
    and 6: the group label （ / 四 / ） / 无 / 法 / 提 / 供, one character a line, is cut by the page
    end right under 无, 法 / 提 / 供 opening the next page. That 无 is the label's, not a figure (无
    written for 0) in a column of its own: two lines of the label above it at its pitch, nothing
    below it, no figure level with it. Before, that column put page 6's labels of （五） and their
    group label in one cell ("page 6: the text '3.补正后…' falls in the cell of '（\\n五…'"). The
    completeness guard reads it as the reader does."""
    path = fixtures / "printed" / "pingtan-suping-2024-word-a4-unruled-repeat-pages5-6.pdf"
    segments = read_unruled(path, [1, 2])
    assert [_cells(row)[:3] for row in segments[0].at[-1:]] == [["", "（四）无", "1.本机关不掌握相关政府信息"]]
    rows = [_cells(row) for row in segments[1].at]
    assert [row[1:3] for row in rows] == [
        ["法提供", "2.没有现成信息需要另行制作"],
        ["法提供", "3.补正后申请内容仍不明确"],
        ["（五）不予处", "1.信访举报投诉类申请"],
        ["（五）不予处", "2.重复申请"],
        ["（五）不予处", "3.要求提"],
    ]
    assert all(row[3:] == ["0"] * 7 for row in rows)
    with TextLayer(path) as layer:
        check_read({"requests": segments}, layer)


def test_the_heading_of_section_five_worded_measures_ends_table_four(fixtures):
    """海坛片区管理局's page on 2024 as a Word document without rules, pages 5 and 6: table 四's header
    rows are cut by the page end, 行政复议's 结 / 果 / 维 / 持 … centred in both rows leaving 维 / 持
    … for page 6, and under its one row of figures stands the next section's heading, worded
    五、存在的主要问题及改进措施 (the template's 改进情况). It is a section's heading, no text of the
    table: 审 / 结, the rest of 尚未审结, stays over its own column. Before, the heading was taken in
    with the table, cut at a column's edge, its piece under 行政复议's 总计 left that column open to
    审 / 结, which took both, and 尚未审结 was not found ("table 四 … not found")."""
    path = fixtures / "printed" / "pingtan-haitan-2024-word-a4-unruled-pages5-6.pdf"
    review = read_unruled(path, [1, 2])[-1]
    assert [_flat(region.text) for region in review.at[1][:5]] == ["维持", "纠正", "结果", "审结", ""]
    assert [region.text for region in review.at[-1]] == ["0", "0", "1", "0", "1"] + ["0"] * 10


def test_an_item_title_wrapped_into_the_first_column_is_not_cut_there(fixtures):
    """君山片区管理局's page on 2021 by Chromium without rules, pages 1 and 2: table 二's title
    第二十条第（六）项 wraps, its 项 ending inside the first column, centred as that column's
    figures are. Only a piece OCR read may be cut there (a note's line read with the header beside
    it); a text layer's line is cut by its own gaps. Cut, 项 stood apart ("page 2: the text '项'
    falls in the cell of '第二十条第（六）'"). Table 二 reads as published."""
    path = fixtures / "printed" / "pingtan-junshan-2021-chromium-a4-unruled-pages1-2.pdf"
    tables, _ = assemble(read_unruled(path, [1, 2]))
    facts = {(fact.row, fact.column): fact.value for fact in map_proactive(tables["proactive"]).facts}
    assert facts == table_cells(fixtures / "realworld" / "pingtan-junshan-2021.truth.json", "proactive")
