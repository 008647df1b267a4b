"""Table 二 of 平潭综合实验区行政审批局's pages as Word documents printed without rules (LibreOffice's
export of the page saved as .docx, A4, default margins): each 第二十条 item a part with a header
row of its own, 信息内容 beside its measures."""

from __future__ import annotations

from pipeline.extract.segments import Segment
from pipeline.extract.unruled import read_unruled


def _row(segment: Segment, text: str) -> list[str]:
    """The texts of the cells starting in the row where a cell holding ``text`` starts, left to right."""
    row = next(r for r, cells in enumerate(segment.at) if any(c.text == text and c.r0 == r for c in cells))
    starting = {id(c): c for c in segment.at[row] if c.text and c.r0 == row}
    return [c.text for c in starting.values()]


def test_a_header_ending_a_page_heads_the_columns_of_its_part(fixtures):
    """Pages 1 and 2 of the 2020 report: 第二十条第（一）项's header ends page 1, its lines set 30
    points apart (本年新公开数 / 量), its rows open page 2, where later parts have a column of their
    own (本年增/减 of 第二十条第（八）项, between two of its columns). The header is read in the
    three columns of the part it heads: 本年新公开数 / 量 is one header beside the others; before,
    the columns of the later part cut it in two and 本年新公开数量 was not found."""
    header, rows = read_unruled(fixtures / "printed" / "pingtan-approval-2020-word-a4-pages1-2.pdf", [1, 2])[:2]
    assert _row(header, "信息内容") == ["信息内容", "本年新制作数量", "本年新公开数\n量", "对外公开总数量"]
    assert _row(rows, "规章") == ["规章", "0", "0", "0"]


def test_rows_set_at_the_pitch_of_a_wrapped_line_stay_rows(fixtures):
    """Pages 1 and 2 of the 2021 report: Word sets every line of table 二 at its exact spacing,
    15.6 points for 10-point text, the rows as close as a wrapped label's lines. 信息内容 beside
    its part's headers and the row labels under it (规章, 行政许可; 行政处罚 over 行政强制, each
    beside a figure of its own) are rows of their own: each line above left room for the text
    below it. Before, each part's 信息内容 and its labels were read as one cell
    ("rows not recognised: '信息内容规章'", '信息内容行政处罚行政强制')."""
    first, second = read_unruled(fixtures / "printed" / "pingtan-approval-2021-word-a4-pages1-2.pdf", [1, 2])[:2]
    assert _row(first, "信息内容") == ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    assert _row(first, "规章") == ["规章", "0", "0", "0"]
    assert _row(first, "行政规范性文件") == ["行政规范性文件", "2", "0", "23"]
    assert _row(first, "行政许可") == ["行政许可", "3"]
    assert _row(second, "行政处罚") == ["行政处罚", "0"]
    assert _row(second, "行政强制") == ["行政强制", "0"]
    assert _row(second, "行政事业性收费") == ["行政事业性收费", "16220.85"]


def _rows(segment: Segment) -> list[list[str]]:
    """The texts of the cells starting in each row, left to right."""
    return [
        [c.text for c in {id(c): c for c in cells if c.text and c.r0 == r}.values()]
        for r, cells in enumerate(segment.at)
    ]


FINANCE_REPEATED = "pingtan-finance-2019-word-a4-repeat-pages1-2.pdf"


def test_a_title_under_a_line_of_another_size_heads_its_table(fixtures):
    """财政金融局's page on 2019, header rows repeated, pages 1 and 2: the Word export's HTML comment
    <!--[if !supportMisalignedColumns]--> prints as a full line of 12-point text over table 二's
    title 第二十条第（一）项, set in the 16 points of the report's paragraphs. A paragraph's last line
    is set in its paragraph's size: the title is the table's first line, as in the header Word repeats
    at the top of page 2, which is then passed over. Before, the title was read as running text on
    page 1 only, the repeated header was not recognised and its rows stood beside none of the
    table's ("the text '信息内容' stands beside no row of its table")."""
    first, second = read_unruled(fixtures / "printed" / FINANCE_REPEATED, [1, 2])[:2]
    assert _rows(first)[:2] == [
        ["第二十条第（一）项"],
        ["信息内容", "本年新制作\n数量", "本年新\n公开数\n量", "对外公开总\n数量"],
    ]
    assert _rows(second)[:2] == [
        ["信息内容", "上一年项目\n数量", "本年增/\n减", "处理决定数\n量"],
        ["行政许可", "3", "0", "0"],
    ]


def test_a_header_of_one_line_centred_beside_a_wrapped_one_is_beside_both_lines(fixtures):
    """The same pages: 第二十条第（八）项's 本年增/减, one line, stands centred between 上一年项目 and 数量,
    the two lines of the header beside it (Word centres a row's cells; its 16-point text boxes,
    taller than its 13.9-point lines, share a sliver of the lower line's height). It opens no header
    row there: 上一年项目 / 数量 is one header. Before, 数量 was read as a row of its own
    ("cells not found: administrative_fees × previous_year_items")."""
    second = read_unruled(fixtures / "printed" / FINANCE_REPEATED, [1, 2])[1]
    rows = _rows(second)
    fees = rows.index(["第二十条第（八）项"])
    assert rows[fees + 1 :] == [["信息内容", "上一年项目\n数量", "本年增/减"], ["行政事业性收费", "0", "0"]]


def test_a_wrapped_header_at_exact_spacing_is_one_header_over_its_column(fixtures):
    """Page 2 of the 2020 report, header rows repeated: table 二 whole on one page, so 第二十条第（一）项's
    本年新公开数 / 量 (its lines 30 points apart, Word's exact spacing for 12-point text) is wider than
    its column, which 本年增/减 of 第二十条第（八）项 narrows. 量 is its last line, in the column: the
    headers of the columns beside it stand level with the middle of the two lines, as a row's
    one-line cells do. Before, the lines were read as a title over a header
    ("cells not found: normative_documents × newly_published")."""
    table = read_unruled(fixtures / "printed" / "pingtan-approval-2020-word-a4-repeat-page2.pdf", [1])[0]
    assert _rows(table)[:4] == [
        ["第二十条第（一）项"],
        ["信息内容", "本年新制作数量", "本年新公开数\n量", "对外公开总数量"],
        ["规章", "0", "0", "0"],
        ["规范性文件", "0", "0", "6"],
    ]


RESOURCES_REPEATED = "pingtan-resources-2020-word-a4-repeat-pages1-2.pdf"


def test_a_header_line_spread_over_its_cell_is_one_text(fixtures):
    """自然资源与生态环境局's page on 2020, header rows repeated, page 1: its headers 本年新<br>制作数量
    and 本年<br>公开数量 are justified paragraphs, and a line ending in a line break is spread over
    the cell's width: 本 / 年 / 新 1.5 ems apart, 本 / 年 3, the next cell's 本 5 points after 新.
    Each spread line is one text, and with the line under it one cell (the cells' own line breaks).
    Before, each character was a header of its own ("the text '本' falls in the cell of '新'")."""
    first = read_unruled(fixtures / "printed" / RESOURCES_REPEATED, [1, 2])[0]
    rows = _rows(first)
    assert rows[1][1:] == ["本年新\n制作数量", "本 年\n公开数量", "对外公开总数\n量"]
    assert rows[2:4] == [["规章", "0", "0", "0"], ["规范性文件", "9", "9", "21"]]


def test_a_title_set_in_from_the_left_edge_under_a_paragraph_heads_its_table(fixtures):
    """The same pages: table 二's title 第二十条第（一）项, in the size of the report's paragraphs, follows
    a paragraph's full line. A paragraph's last line starts at the text's left edge (or where its
    full line starts); the title, set in from it, is the table's first line, as in the header Word
    repeats at the top of page 2, which is then passed over. Before, the title was read as the
    paragraph's last line on page 1 only, and the repeated header fell among the rows of page 2
    ("the text '信息内容' falls in the cell of '第二十条第（一）\\n信息内容'")."""
    first, second = read_unruled(fixtures / "printed" / RESOURCES_REPEATED, [1, 2])[:2]
    assert _rows(first)[0] == ["第二十条第（一）项"]
    assert _rows(second)[:2] == [
        ["信息内容", "上一年项目数\n量", "本年增/减", "处理决定数量"],
        ["行政许可", "20", "18", "0"],
    ]


def test_a_label_wrapped_beside_a_figure_wrapped_in_its_cell_stays_one_row(fixtures):
    """A generated report's Word document without rules, header rows repeated, page 3 (A4): table
    三's 4.保护第三方合法 / 权益 beside 42, which Writer wraps as 4 / 2 in the narrow total column.
    Both lines of the label stand beside figures, at the pitch of the table's rows, and the upper
    left room on its line; but the lower line's figure stands under one figure of the upper's only:
    the rest of a figure wrapped in its cell, not a row of its own."""
    table = read_unruled(fixtures / "printed" / "gen-2019-1-word-a4-repeat-page3.pdf", [1])[0]
    assert ["4.保护第三方合法\n权益", "42", "0", "0", "0", "0", "0", "4\n2"] in _rows(table)
