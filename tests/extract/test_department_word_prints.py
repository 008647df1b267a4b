"""Table 三 of 平潭's department pages saved as Word documents and printed without rules (LibreOffice's
PDF export): a group label set one character a line whose 无 reads as a figure, and an applicant
header wider than the half-way bounds of its column."""

from __future__ import annotations

import json

from segment_support import APPLICANT_HEADERS, figures_by_label
from truth import table_cells

from pipeline.extract.cells import header_end
from pipeline.extract.classify import assemble
from pipeline.extract.completeness import TextLayer, check_read
from pipeline.extract.pageedge import cut_off
from pipeline.extract.requests_table import map_requests
from pipeline.extract.templates import labels
from pipeline.extract.unruled import read_unruled


def _flat(text: str) -> str:
    return text.replace("\n", "")


def _cells(row: list) -> list[str]:
    """A row's cells left to right, a merged cell once."""
    return [_flat(region.text) for k, region in enumerate(row) if k == 0 or region is not row[k - 1]]


def test_a_label_set_one_character_a_line_holds_no_figure(fixtures):
    """公安局's page on 2019, page 5: （四）无法提供 set one character a line beside its three rows, its 无
    a line of its own between ） and 法. It is the label's, not a figure (无 written for 0) in a
    column of its own left of the labels; before, that column put every row label of the page in
    one cell ("the text '0' falls in the cell of '项\\n1.本机关…'"). The completeness guard reads it
    as the reader does."""
    path = fixtures / "printed" / "pingtan-police-2019-word-a4-page5.pdf"
    segments = read_unruled(path, [1])
    rows = [_cells(row) for row in segments[0].at[1:]]
    assert [row[:2] for row in rows] == [
        ["（四）无法提供", "1.本机关不掌握相关政府信息"],
        ["（四）无法提供", "2.没有现成信息需要另行制作"],
        ["（四）无法提供", "3.补正后申请内容仍不明确"],
        ["（五）不予处理", "1.信访举报投诉类申请"],
        ["（五）不予处理", "2.重复申请"],
        ["（五）不予处理", "3.要求提供公开出版物"],
        ["（五）不予处理", "4.无正当"],
    ]
    assert all(row[2:] == ["0"] * 7 for row in rows)
    with TextLayer(path) as layer:
        check_read({"requests": segments}, layer)


def test_an_applicant_header_wider_than_its_column_is_its_column(fixtures):
    """公安局's page on 2024, page 3: 自然人 is centred on the first column's figures but wider than
    half the distance to the next column's, reaching into the labels' side. It is that column's
    header, beside 商业 of the next, not a header over several columns: 总 / 计 beside it, set a
    Word line's pitch apart (1.7 ems), are one cell. Before, 自然人 stood between the two lines of
    总计 as a header over columns does, and the row of applicant headers was not found."""
    path = fixtures / "printed" / "pingtan-police-2024-word-a4-page3.pdf"
    requests = read_unruled(path, [1])[-1]
    assert [_flat(region.text) for region in requests.at[3][-7:]] == APPLICANT_HEADERS
    rows = figures_by_label(requests)
    assert rows["一、本年新收政府信息公开申请数量"] == ["8", "0", "0", "0", "0", "0", "8"]


def test_a_header_over_columns_centred_on_one_stays_over_them(fixtures):
    """行政审批局's page on 2020, header rows repeated, page 6: 复议后起诉 is centred on the column of
    其他结果 and reaches over none of the other columns' centres, but over the texts of 结果纠正 and
    尚未审结 beside it: it heads the five columns, and 其他 / 结果 under it is a cell of its own."""
    path = fixtures / "printed" / "pingtan-approval-2020-word-a4-repeat-page6.pdf"
    review = next(s for s in read_unruled(path, [1]) if s.at[0][0].text == "行政复议")
    assert [region.text for region in review.at[1][-5:]] == ["复议后起诉"] * 5
    assert [_flat(region.text) for region in review.at[-2][-5:]] == [
        "结果维持",
        "结果纠正",
        "其他结果",
        "尚未审结",
        "总计",
    ]
    assert [region.text for region in review.at[-1]] == ["0"] * 15


def test_underlines_clipped_piece_by_piece_cut_no_table(fixtures):
    """市场监督管理局's page on 2021, the last page of its Word print on A4: the underlined 印发 line
    under table 四, each piece of its underline clipped to its own run by LibreOffice (a clip box a
    few points wide ending at x 408). No printed area: nothing is said cut by it. Before, a failure
    on this print ended "(page 9: its rules are cut by the edge of the printed area at x 408: a
    table wider than the paper …)" of a table that fits the paper."""
    assert cut_off(fixtures / "printed" / "pingtan-market-2021-word-a4-repeat-page9.pdf", [1]) is None


def test_a_sentence_under_a_heading_is_no_row_of_the_table_below(fixtures):
    """经济发展局's page on 2021, pages 3 and 4 of its Word print on A4 without rules (header rows
    repeated): 2021年我局未收到政府信息公开申请。, a paragraph of one line under the heading
    三、收到和处理政府信息公开申请情况, narrower than a full line, right above table 三. It ends a sentence: running text, not the table's
    first row (before, "the figure '202' stands left of the columns of figures"). Table 三 reads
    whole, its 总计 of （一） and （二） published blank."""
    segments = read_unruled(fixtures / "printed" / "pingtan-economy-2021-word-a4-unruled-repeat-pages3-4.pdf", [1, 2])
    tables, _ = assemble(segments)
    read = {(fact.row, fact.column): fact.value for fact in map_requests(tables["requests"]).facts}
    expected = table_cells(fixtures / "realworld" / "pingtan-economy-2021.truth.json", "requests")
    assert read == expected


def test_a_group_label_two_characters_a_line_beside_a_label_column_spaced_alike(fixtures):
    """自然资源与生态环境局's page on 2020 on Letter, page 3: （三）不予公开 set two characters a line,
    （   三 / ）不 / 予公 / 开, beside 1.属于国家 / 秘密, Word spreading （ and 三 over the column as far
    apart as the cells' margins part 不 from 秘. The group label's lines are one cell, and 秘密 the
    rest of 1.属于国家: justified text spreads every two characters of its line, and 秘密 touch.
    Before, ）不秘密 was one justified line, and the row's label fell in the group's cell."""
    path = fixtures / "printed" / "pingtan-resources-2020-word-letter-unruled-page3.pdf"
    segments = read_unruled(path, [1])
    rows = [_cells(row) for row in segments[-1].at if "（三）不予公开" in _cells(row)]
    assert [row[-8:] for row in rows] == [
        [label] + ["0"] * 7
        for label in ("1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益")
    ]
    with TextLayer(path) as layer:
        check_read({"requests": segments}, layer)


def test_a_header_s_next_line_under_a_first_line_spread_over_its_cell_is_its_own(fixtures):
    """交通与建设局's page on 2022, header rows repeated, page 3: 法律服 / 务机构 is set from its cell's
    left edge, its first line spread over the cell up to 其 of the next column, centred on the
    column's figures but wider than its bounds (halfway to the narrow columns beside it); 务机构,
    narrower, starts where it starts, off the column's centre, reaching past its left bound. It is
    that cell's next line, not a header over several columns (before: "the text '务机构' falls in
    the cell of '益\\n组\\n织'"). The applicant columns are found, and the rows read as published."""
    truth = json.loads((fixtures / "realworld" / "pingtan-transport-2022.truth.json").read_text(encoding="utf-8"))
    path = fixtures / "printed" / "pingtan-transport-2022-word-a4-unruled-repeat-page3.pdf"
    tables, _ = assemble(read_unruled(path, [1]))
    header = tables["requests"].segments[0]
    _, columns = header_end(header, labels("requests", "applicant"))
    assert [column.code for column in sorted(columns, key=lambda c: c.x0)] == truth["columns"]["requests"]
    assert "法律服务机构" in [_flat(region.text) for region in header.at[3]]
    read = {(fact.row, fact.column): fact.value for fact in map_requests(tables["requests"]).facts}
    columns = truth["columns"]["requests"]
    expected = {
        (row, column): value for row, values in truth["requests"].items() for column, value in zip(columns, values)
    }
    assert {row for row, _ in read} >= {"new_requests", "carried_over", "granted"}
    assert {key: expected[key] for key in read} == read
