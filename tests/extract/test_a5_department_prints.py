"""平潭's department pages printed on A5 paper: narrow columns, headers wrapped at the pages' own
wide line spacing (a Word export's ``line-height:37px``)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from segment_support import REVIEW_CELLS

from pipeline.core.facts import ReportError
from pipeline.extract.classify import assemble
from pipeline.extract.review_table import map_review
from pipeline.extract.unruled import read_unruled


@pytest.mark.parametrize(
    ("name", "wrapped"),
    [
        ("pingtan-police-2024-weasyprint-a5-narrow-unruled-page12.pdf", "未经复议直接起\n诉"),
        ("pingtan-finance-2019-word-a5-unruled-page13.pdf", "未经复议直\n接起诉"),
    ],
)
def test_a_header_over_columns_wrapped_at_wide_spacing_is_one_cell(fixtures, name, wrapped):
    """Table 四 on A5 without rules: 未经复议直接起诉 wraps at the page's wide line spacing (1.9
    ems; 公安局 2024 by WeasyPrint with narrow margins: 未经复议直接起 / 诉, its 诉 centred over the
    column of 其他结果; 财政金融局 2019 as a Word document: 未经复议直 / 接起诉), 复议后起诉 beside both
    lines, level with their middle. The two lines are one header over five columns; before, the
    second was a header of its own over 其他结果 ("the text '其\\n他\\n结\\n果' falls in the cell of
    '诉'", "… of '接起诉'")."""
    tables, _ = assemble(read_unruled(fixtures / "printed" / name, [1]))
    header = [region.text for region in tables["review"].segments[0].at[1][5:]]
    assert header == [wrapped] * 5 + ["复议后起诉"] * 5
    review = map_review(tables["review"])
    assert {(fact.row, fact.column) for fact in review.facts} == REVIEW_CELLS
    assert {fact.value for fact in review.facts} == {Decimal(0)}


@pytest.mark.parametrize(
    ("name", "pages"),
    [
        ("pingtan-police-2024-chromium-a5-unruled-pages13-14.pdf", [1, 2]),
        ("pingtan-police-2024-word-a5-unruled-page14.pdf", [1]),
    ],
)
def test_result_headers_one_character_a_column_side_by_side_are_cells_apart(fixtures, name, pages):
    """公安局's page on 2024 on A5 without rules (default margins) by Chromium, pages 13-14 (table
    四's header cut by the end of page 13, 维 / 持 of 行政诉讼's results and the figures on page 14),
    and as a Word document, page 14: each result header wrapped one character a line in cells a
    character and a half wide, the characters of one line (结 结 其 尚 总) each centred over its
    column's figures, a third of an em apart at one pitch, as a line justified over one cell is
    set. Each character is its column's; before, each line was one text (结结其尚总 in the cell of
    行政复议's first column, 'table 四 … not found' and its cells not found)."""
    tables, _ = assemble(read_unruled(fixtures / "printed" / name, pages))
    segments = tables["review"].segments
    headers = {region.text.replace("\n", "") for segment in segments for region in segment.regions()}
    assert {"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"} <= headers
    review = map_review(tables["review"])
    assert {(fact.row, fact.column) for fact in review.facts} == REVIEW_CELLS
    assert {fact.value for fact in review.facts} == {Decimal(0)}


def test_a_label_two_characters_a_line_justified_is_one_cell(fixtures):
    """自然资源与生态环境局's page on 2020 by Chromium on A5 without rules (default margins), page 4:
    table 三's labels of （三）不予公开 set two characters a line in their column, each line justified
    to both edges ("3.   危", "安   全"), a line of one piece under the first (及“三) spanning it
    from end to end. The enumerator and its character are one line of one label; before, 3. and
    危 began two columns of labels and 及“三 fell in both ("the text '3.\\n及“三\\n安全\\n一稳\\n定”'
    falls in the cell of '危'")."""
    segments = read_unruled(fixtures / "printed" / "pingtan-resources-2020-chromium-a5-unruled-page4.pdf", [1])
    rows = {row[2].text.replace("\n", ""): [region.text for region in row[-7:]] for row in segments[-1].at}
    assert rows["1.属于国家秘密"] == ["0"] * 7
    assert rows["2.其他法律行政法规禁止公开"] == ["0"] * 7
    assert rows["3.危及“三安全一稳定”"] == ["0"] * 7


def test_figures_on_the_middle_of_a_group_label_half_a_line_off_a_sub_row(fixtures):
    """市场监督管理局's page on 2021 by Chromium on A5 without rules (its own margins), page 7:
    （六）其他处理 set in three lines, its 0s level with their middle, half a line under the first
    line of sub-row 2's label (2.申请人 / 逾期未按 / … in nine lines), beside no line of it; no
    figure beside sub-rows 1 and 3. Each 0 is one cell over the three sub-rows (the page's
    rowspan="3"); before, they were within an em of sub-row 2's first line and read as its own,
    sub-rows 1 and 3 as published blank (28 cells wrong)."""
    name = "pingtan-market-2021-chromium-a5-browser-unruled-page7.pdf"
    segment = read_unruled(fixtures / "printed" / name, [1])[-1]
    rows = {region.text.split("\n")[0]: region.r0 for region in segment.regions() if region.x1 <= segment.cols[2][0]}
    first, last = rows["1.申请人"], rows["3.其他"]
    figures = [region for region in segment.regions() if region.text == "0" and region.r0 <= last]
    assert len(figures) == 7
    assert all((region.r0, region.r1) == (first, last) for region in figures)


def test_a_sentence_opening_with_a_year_justified_is_running_text(fixtures):
    """经济发展局's page on 2021 as a Word document on A5 without rules, page 6: the sentence over
    table 三, 2021年我局未收到政府信息公开申 / 请。, its first line justified by Word, the Chinese
    text spread at one even gap and 2021 further off before it (Word's space between Latin and Asian
    text). The line is running text, not a table's row; before, 2021 stood apart as a figure
    ("the text '2021' falls in the cell of '年我局未收到政府信息公开申'")."""
    segments = read_unruled(fixtures / "printed" / "pingtan-economy-2021-word-a5-unruled-page6.pdf", [1])
    texts = {region.text for segment in segments for region in segment.regions()}
    assert not any("2021" in text or "年我局" in text for text in texts)
    header = segments[-1].at[0][-1].text
    assert header.startswith("申请人情况")


def test_result_headers_one_character_a_line_beside_a_header_centred_between_lines(fixtures):
    """财政金融局's page on 2019 by Chromium on A5 without rules (narrow margins), pages 9-10: table
    四's header at the foot of page 9, 未经复议直接起 / 诉 wrapped at the page's wide line spacing,
    复议后起诉 level with the middle of its two lines, and 行政复议's results set one character a
    line (结 / 果 / 维 / 持, 总 / 计), their first two lines level with those two; its figures on
    page 10. 复议后起诉 stands between 结 and 果 but in their header row: 总 / 计 is one header;
    before, 总 and 计 were two, and 行政复议's 总计 was not found."""
    name = "pingtan-finance-2019-chromium-a5-narrow-unruled-pages9-10.pdf"
    tables, _ = assemble(read_unruled(fixtures / "printed" / name, [1, 2]))
    review = map_review(tables["review"])
    assert {(fact.row, fact.column) for fact in review.facts} == REVIEW_CELLS
    assert {fact.value for fact in review.facts} == {Decimal(0)}


def test_a_signature_left_of_a_table_without_labels_fails_with_one_line(fixtures):
    """自然资源与生态环境局's page on 2020 by LibreOffice on A5 without rules (default margins), pages
    9-10: table 四's one row of figures, no label beside it, then the report's signature wrapped
    over the page end (平潭综合实验区自然 / 资源与生态环境局) and its date, 2021 年 1 月 21 日, read as
    figures: the signature's second line stands left of a table with no label column. The reading
    fails with one line; before, with a crash ("max() arg is an empty sequence"), which hid the
    report's own line (its table 三 past the page's edges)."""
    name = "pingtan-resources-2020-libreoffice-a5-unruled-pages9-10.pdf"
    with pytest.raises(ReportError, match="'资源与生态环境局' stands left of every label column"):
        read_unruled(fixtures / "printed" / name, [1, 2])


def test_a_note_over_the_header_rows_cut_by_the_page_end_spans_the_header_rows(fixtures):
    """旅游与文化体育局's page on 2020 as a Word document on A5 without rules (default margins),
    pages 4-5: table 三's header cut by the end of page 4, Word letting the row break; the note
    beside it, （本列数据的勾稽关系为：第一 / 项加第二项之, goes on at the top of page 5 (和，等于第三项 /
    加第四项之和）) beside the header's lower lines (然 / 人, 商业 / 企业 …), between the rows their
    first lines place. It is a note over those header rows; before, it stood beside no row ("the
    text '和，等于第三项\\n加第四项之和）' stands beside no row of its table")."""
    name = "pingtan-tourism-2020-word-a5-unruled-pages4-5.pdf"
    table = read_unruled(fixtures / "printed" / name, [1, 2])[-1]
    rows = {row[1].text.replace("\n", ""): row for row in table.at}
    note = rows["和，等于第三项加第四项之和）"][1]
    first = rows["一、本年新收政府信息公开申请数量"]
    assert note.r1 < first[1].r0
    assert [region.text for region in first[-7:]] == ["0"] * 7
    assert [region.text for region in rows["二、上年结转政府信息公开申请数量"][-7:]] == ["0"] * 7


def test_row_labels_that_left_room_for_a_character_are_two_rows(fixtures):
    """社会事业局's page on 2022 as a Word document on A5 without rules (default margins), page 3:
    第二十条第（六）项's rows 行政处罚 and 行政强制, each centred in a label column five characters
    wide (行政规范性 fills it), at Word's line spacing, a line's pitch apart, each level with its
    figure (3, 0). 行政处罚 left room for 行 on its line, so 行政强制 is no wrapped line of it;
    before, the room asked for was two characters and the two were one label ("the text '0' falls
    in the cell of '3'")."""
    table = read_unruled(fixtures / "printed" / "pingtan-social-2022-word-a5-unruled-page3.pdf", [1])[-1]
    rows = {
        row[0].text: [region.text for region in table.starting(r)[1:] if region.text] for r, row in enumerate(table.at)
    }
    assert rows["行政处罚"] == ["3"]
    assert rows["行政强制"] == ["0"]
    assert rows["行政许可"] == ["1970"]
