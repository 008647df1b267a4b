"""Department pages of 平潭 saved as Word documents and printed by LibreOffice on A4 without rules:
running text Word sets apart where Latin text meets Chinese or justifies over the whole line (as
Chromium does too), and table cells whose lines are set closer than their characters are tall, some
cells of a row at another line height than the rest."""

from __future__ import annotations

import json

from segment_support import figures_by_label, row_texts

from pipeline.extract.completeness import TextLayer, check_read
from pipeline.extract.unruled import read_unruled


def test_running_text_set_apart_where_latin_meets_chinese_is_no_table(fixtures):
    """农业农村局 2025, page 1 of the print: Word's space between Asian and Latin text sets each
    figure of 所列数据统计期限自 2025 年 / 1 月 1 日起至 2025 年 12 月 31 日止 a quarter of an em from
    the Chinese around it. Such a line is running text, not a table's row of figures (before: "page
    1: the text '1' falls in the cell of '月'"); the page's one table is table 二's first items."""
    path = fixtures / "printed" / "pingtan-agriculture-2025-word-a4-unruled-page1.pdf"
    segments = read_unruled(path, [1])
    assert len(segments) == 1
    assert row_texts(segments[0], "行政规范性文件") == ["行政规范性文件", "8", "0", "28"]
    assert row_texts(segments[0], "行政许可")[:2] == ["行政许可", "599"]
    with TextLayer(path) as layer:
        check_read({"proactive": segments}, layer)


def test_cells_set_closer_than_their_characters_are_tall(fixtures):
    """管委会办公室 2023, page 2 of the print: the page's cells set their text at an exact line height
    of 6 points, under its 10.5-point size (some cells at the paragraph's 33px). A cell's lines
    stand one baseline pitch apart, their boxes' centres not (（ and ） reach lower than 和), and a
    row's figures centred on its label's two lines stand inside both lines' boxes: the note
    （本列数据的勾稽关系为：…之 / 和，等于第三项加第四项之和） and （二）部分公开（区分处理的，只 / 计这一情形，
    不计其他情形） are one cell each (before: "the text '和，等于第三项加第四项之和）' falls in the
    cell of '（本列数据的勾稽关系为：第一项加第二项之'"). In the row 一、本年新收政府信息公开申请数量, 21 | 0 |
    21 (cells at the paragraph's line height) stand a third of a line under the row's other 0s:
    they are that row's, not a row without a label."""
    truth = json.loads((fixtures / "realworld" / "pingtan-office-2023.truth.json").read_text(encoding="utf-8"))
    path = fixtures / "printed" / "pingtan-office-2023-word-a4-unruled-page2.pdf"
    table = read_unruled(path, [1])[-1]
    note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert row_texts(table, note)[0] == note
    rows = figures_by_label(table)
    assert rows["一、本年新收政府信息公开申请数量"] == [str(v) for v in truth["requests"]["new_requests"]]
    partial = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    assert row_texts(table, partial) == [partial, *(str(v) for v in truth["requests"]["partially_granted"])]
    with TextLayer(path) as layer:
        check_read({"requests": [table]}, layer)


def test_running_text_justified_a_gap_between_every_two_characters_is_no_table(fixtures):
    """农业农村局 2025 on A4 with narrow margins, page 1 as a Word document and by Chromium: the
    opening paragraph's line 12 月 31 日止。本报告电子版可在“…”政府门户网站 is justified over the whole
    line, （www.pingtan.gov.cn） wrapped whole to the next: 0.28 em between every two characters in
    Word's print; in Chromium's the characters stand at one pitch (1.35 em), their boxes' gaps 0.35
    to 0.57 em, and 0.53 em where 月 meets 31 and 31 日. Such a line is running text, not a row of
    one-character cells (before: "page 1: the text '日止。本报告电子版可在' falls in the cell of '月'";
    Chromium's: '止。本报告电子版可在' in that of '日')."""
    for producer in ("word", "chromium"):
        path = fixtures / "printed" / f"pingtan-agriculture-2025-{producer}-a4-narrow-unruled-page1.pdf"
        table = read_unruled(path, [1])[-1]
        assert row_texts(table, "行政规范性文件") == ["行政规范性文件", "8", "0", "28"]
        assert row_texts(table, "行政许可")[:2] == ["行政许可", "599"]
        assert row_texts(table, "行政处罚")[:2] == ["行政处罚", "67"]
        with TextLayer(path) as layer:
            check_read({"proactive": [table]}, layer)


def test_label_justified_in_its_narrow_cell_is_no_running_text(fixtures):
    """自然资源与生态环境局 2020 as a Word document on A4 with narrow margins, page 3 of the print:
    the group labels （三）不予公开 and （四）无法提供 are justified two characters a line in their narrow
    cell (予 公, 法 提), at one pitch as a justified line of running text is, but no full line: they
    are a cell's text, each character where the reader places it (read as running text: "page 1:
    the text '三 / 不' falls in the cell of '（ / ） / 予公 / 开'")."""
    path = fixtures / "printed" / "pingtan-resources-2020-word-a4-narrow-unruled-page3.pdf"
    table = read_unruled(path, [1])[-1]
    assert row_texts(table, "1.属于国家秘密") == ["1.属于国家秘密", *["0"] * 7]
    assert row_texts(table, "1.本机关不掌握相关政府信息") == [
        "1.本机关不掌握相关政府信息",
        "1",
        "0",
        "0",
        "0",
        "1",
        "0",
        "2",
    ]
    with TextLayer(path) as layer:
        check_read({"requests": [table]}, layer)
