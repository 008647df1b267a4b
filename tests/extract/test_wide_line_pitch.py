"""Tables without rules whose cells' lines stand wider apart than a wrapped line usually does: a
Word export's exact line spacing (平潭综合实验区公安局's page on 2024, ``line-height:37px`` on its
12pt paragraphs) printed by Chromium without rules; a cell's last line set lower than its others
(平潭综合实验区行政审批局's page on 2021, an empty 16pt run after each cell's 10pt text) printed by
WeasyPrint, which draws none of its ``windowtext`` borders."""

from __future__ import annotations

from segment_support import figures_by_label

from pipeline.extract.unruled import read_unruled


def test_label_lines_set_wide_apart_are_one_label(fixtures):
    """Page 4 of the print: 一、本年新收政府信息公开申请数 / 量 and the three lines of （二）部分公开…, 1.8
    ems apart (no two texts of the table closer): each label is one cell beside its row of figures,
    its figures centred on its middle line too; before, '量' fell in the cell of the line above."""
    segment = read_unruled(fixtures / "printed" / "pingtan-police-2024-chromium-a4-page4.pdf", [1])[0]
    rows = {row[0].text.replace("\n", ""): [region.text for region in row[-7:]] for row in segment.at if row[0]}
    assert rows["一、本年新收政府信息公开申请数量"] == ["8", "0", "0", "0", "0", "0", "8"]
    assert rows["二、上年结转政府信息公开申请数量"] == ["0"] * 7
    labels = {region.text.replace("\n", "") for row in segment.at for region in row if region}
    assert "（二）部分公开（区分处理的，只计这一情形，不计其他情形）" in labels
    assert "2.其他法律行政法规禁止公开" in labels


def test_a_cells_last_line_set_lower_is_its_own(fixtures):
    """Pages 2-3 of the print, table 三 from its header on page 2: a wrapped cell's last line stands 1.8 ems below the line above, its
    other lines 1.4 ems apart, its rows 1.9 ems apart. （二）部分公开（区分处理的，只计这一 / 情形，
    不计其他情形）, its figures centred between the two lines, and the group labels （三）不予 / 公开,
    （四）无法 / 提供, （五）不予 / 处理, beside their rows' labels, are one cell each; before, '情形，
    不计其他情形）' fell in the cell of the line above. The next group label's enumerator begins a
    label of its own: （五）不予 / 处理 is not read on with （四）无法 / 提供 1.2 ems above it."""
    segments = read_unruled(fixtures / "printed" / "pingtan-approval-2021-weasyprint-a4-pages2-3.pdf", [1, 2])
    segment = [segment for segment in segments if segment.page == 1][-1]
    labels = {region.text.replace("\n", "") for row in segment.at for region in row if region}
    assert {
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "（三）不予公开",
        "（四）无法提供",
        "（五）不予处理",
    } <= labels
    rows = figures_by_label(segment, -8)
    assert rows["（二）部分公开（区分处理的，只计这一情形，不计其他情形）"] == ["0"] * 7
    assert rows["8.属于行政查询事项"] == ["1", "0", "0", "0", "0", "0", "1"]
