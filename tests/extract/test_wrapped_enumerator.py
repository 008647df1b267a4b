"""A group label whose enumerator a narrow column breaks: 财政金融局's page on 2019 publishes table
三's group label as 三三、本年度办理结果 in a column two characters wide, which Chromium sets
三 / 三、 / 本年 / 度办 / 理结 / 果 (a closing mark never opens a line, so 三、 goes down whole)."""

from __future__ import annotations

from pipeline.extract.unruled import read_unruled


def test_enumerator_broken_over_two_lines_is_one_label(fixtures):
    """Pages 3 and 4 of the print without rules: the group label beside every row of table 三 on
    page 4 is one cell; before, 三、… began a cell of its own under 三, and fell in its rows."""
    path = fixtures / "printed" / "pingtan-finance-2019-chromium-a4-pages3-4.pdf"
    segment = read_unruled(path, [1, 2])[-1]
    assert {row[0].text.replace("\n", "") for row in segment.at} == {"三三、本年度办理结果"}
    # Each row: its label (the last text left of its figures), its figures.
    rows = {
        [r.text for r in row if r.text and not r.text.isdigit()][-1].replace("\n", ""): [
            r.text for r in row if r.text.isdigit()
        ]
        for row in segment.at
    }
    assert rows["（一）予以公开"] == ["0"] * 7
    assert rows["1.属于国家秘密"] == ["0"] * 7
