"""Table 三's labels in a label column a few characters wide (自然资源与生态环境局's page on 2020 on A5,
and on A4 with narrow margins): each line justified over the cell, its characters far apart."""

from __future__ import annotations

from pipeline.extract.unruled import read_unruled


def _rows(segment, column: int) -> dict[str, list[str]]:
    return {row[column].text.replace("\n", ""): [region.text for region in row[-7:]] for row in segment.at}


def test_a_line_justified_over_a_narrow_cell_whose_ink_leaves_its_em_is_one_text(fixtures):
    """By Chromium on A4 with narrow margins without rules, page 3: 3.危及“三安全一稳定” in a label
    column four characters wide, its line 安   全   一   稳 justified at one pitch (23.4 points, 16-point
    characters); the box of 一 is narrower than its em, so its gaps measure 8.1 and 8.0 points, a
    hair over and under half an em. The spacing added is the pitch less an em (7.4 points): one
    line; before, 稳 was a text of its own ("table 三: rows not recognised: '稳'")."""
    [segment] = read_unruled(fixtures / "printed" / "pingtan-resources-2020-chromium-a4-narrow-unruled-page3.pdf", [1])
    rows = _rows(segment, 3)
    assert rows["3.危及“三安全一稳定”"] == ["0"] * 7
    assert rows["2.其他法律行政法规禁止公开"] == ["0"] * 7


def test_lines_justified_over_a_cell_two_or_three_characters_wide_are_one_text_each(fixtures):
    """As a Word document on A5 without rules (default margins), pages 5 and 6: the cells of
    （二）部分公开… and of （三）不予公开's items are a few characters wide, and Word spreads each full
    line over the cell (分   公   开, 其   他   情 under （二）部; 于   国 / 家   秘 under 1.属 at the top of
    page 6, 2.   其 / 他   法): the last character of each line stands where the cell ends, in a
    column of such characters of its own. Each line is one text; before, the last characters were
    a label column of their own ("the text '他\\n形）\\n（' falls in the cell of '其'", then "… '3.\\n及\\n
    “\\n安\\n一稳\\n定”' falls in the cell of '危'")."""
    first, second = read_unruled(fixtures / "printed" / "pingtan-resources-2020-word-a5-unruled-pages5-6.pdf", [1, 2])
    assert _rows(first, 1)["（二）部分公开（区分处理的，只计这一情形，不计其他情形）"] == [
        "4",
        "0",
        "0",
        "0",
        "0",
        "0",
        "4",
    ]
    assert _rows(second, 2)["2.其他法律行政法规禁止公开"] == ["0"] * 7


def test_a_character_that_reads_as_a_figure_in_a_label_two_characters_a_line_is_the_labels(fixtures):
    """By Chromium on A5 without rules (default margins), pages 6 and 7: 4.无正当理由大量反复申请
    set two characters a line (4.   无 / 正   当 / …), 无 (written for 0) alone in its piece, the
    lines above and below it (版物, 正   当) at one pitch. 无 is a line of the label, not a figure;
    before, it made a column of figures of its own, left of the others, which cut the label column
    in two (the whole print: "the text '8.\\n于' stands beside no row of its table"; these two pages:
    "the text '供' falls in the cell of '3.\\n求'")."""
    first, second = read_unruled(
        fixtures / "printed" / "pingtan-resources-2020-chromium-a5-unruled-pages6-7.pdf", [1, 2]
    )
    assert _rows(first, 1)["8.属于行政查询事项"] == ["0"] * 7
    assert _rows(first, 1)["1.本机关不掌握相关政府信息"] == ["1", "0", "0", "0", "1", "0", "2"]
    assert _rows(second, 1)["4.无正当理由大量反复申请"] == ["0"] * 7


def test_a_line_centred_in_the_next_label_column_is_no_line_end_of_the_column_before(fixtures):
    """财政金融局's page on 2019 by Chromium on A5 without rules (default margins), page 4: 开, the
    last line of （一）予以公开 centred under 予以, stands alone on the line of 三、, the one character of
    its column, after 三、 but in the column of （一）, where labels start between them. It is no
    justified line's last character; before, 三、开 was one text ("the text '三、 开\\n本年\\n度办\\n理结\\n果'
    falls in the cell of '三'")."""
    [segment] = read_unruled(fixtures / "printed" / "pingtan-finance-2019-chromium-a5-unruled-page4.pdf", [1])
    assert _rows(segment, 2)["（一）予以公开"] == ["0"] * 7
