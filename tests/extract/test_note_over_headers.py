"""The note of table 三 (（本列数据的勾稽关系为：…）) set in lines 1.8 ems apart beside its header
rows, as 公安局's pages on 2019 and 2024 publish it: its first line above the header rows (the
applicants' headers set one character a line, 自 / 然 / 人 starting under 法人或其他组织, level with
its second line), a line one character wider than the line above it."""

from __future__ import annotations

from segment_support import APPLICANT_HEADERS, figures_by_label

from pipeline.extract.unruled import read_unruled


def test_note_whose_first_line_stands_over_the_header_rows_is_one_cell(fixtures):
    """Pages 2 and 3 of the print: the note's three lines, 1.8 ems apart, are one cell beside the
    header rows; before, its first line, beside no header, was a row of its own, and the rest fell
    in its cell."""
    path = fixtures / "printed" / "pingtan-police-2019-chromium-a4-pages2-3.pdf"
    requests = read_unruled(path, [1, 2])[-1]
    note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert [row[0].text.replace("\n", "") for row in requests.at[1:4]] == [note] * 3
    assert [region.text.replace("\n", "") for region in requests.at[3][-7:]] == APPLICANT_HEADERS
    rows = figures_by_label(requests)
    assert rows["一、本年新收政府信息公开申请数量"] == ["0", "", "0", "0", "0", "0", "0"]


def test_note_line_a_character_wider_than_the_line_above_is_its_rest(fixtures):
    """Page 3 of 公安局's page on 2024 printed by LibreOffice on Letter without rules: the note's
    line 为：第一项加第二项之 breaks before 和 to keep it with the comma after it, so the next line,
    和，等于第三项加第四项, is one character wider; before, it began a cell of its own, which fell in
    the note's cell."""
    path = fixtures / "printed" / "pingtan-police-2024-libreoffice-letter-page3.pdf"
    requests = read_unruled(path, [1])[-1]
    note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    rows = figures_by_label(requests)
    assert note in rows
    assert rows["一、本年新收政府信息公开申请数量"] == ["8", "0", "0", "0", "0", "0", "8"]
