"""Tables without rules whose cells' lines stand wider apart than a wrapped line usually does: a
Word export's exact line spacing (平潭综合实验区公安局's page on 2024, ``line-height:37px`` on its
12pt paragraphs) printed by Chromium without rules."""

from __future__ import annotations

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
