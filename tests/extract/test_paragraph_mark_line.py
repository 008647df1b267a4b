"""Labels whose last line stands further down than their others: 行政审批局's page on 2021, a Word
export, ends each cell's 10pt text with an empty 16pt run (Word's paragraph mark), which makes the
last line of a wrapped cell taller; printed by Chromium without rules."""

from __future__ import annotations

from segment_support import figures_by_label

from pipeline.extract.unruled import read_unruled


def test_labels_whose_last_line_stands_lower_are_one_cell(fixtures):
    """Page 2 of the print: 三、本 / 年度办 / 理结果, （三）不予 / 公开 (1.8 ems apart, where the table's
    closest lines are 1.4) and （二）部分公开（区分处理的，只计这一 / 情形，不计其他情形） (its figures
    between its two lines) are each one label; before, 公开 fell in the cell of （三）不予."""
    segment = read_unruled(fixtures / "printed" / "pingtan-approval-2021-chromium-a4-page2.pdf", [1])[-1]
    labels = {region.text.replace("\n", "") for row in segment.at for region in row[:-7]}
    assert {
        "三、本年度办理结果",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "（三）不予公开",
        "（四）无法提供",
        "（五）不予处理",
    } <= labels
    rows = figures_by_label(segment, -8)
    assert rows["（一）予以公开"] == ["5", "0", "0", "0", "0", "0", "5"]
    assert rows["8.属于行政查询事项"] == ["1", "0", "0", "0", "0", "0", "1"]
