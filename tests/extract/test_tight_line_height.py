"""Table 三 of 社会事业局 2022 printed by WeasyPrint on A4 without rules (page 2 of the print): the
page sets its cells' lines closer than its characters' boxes are tall, so that every two lines of
one cell overlap by 3.3 points, and the rows, set at that pitch with no room between them, overlap
as well."""

from __future__ import annotations

from segment_support import row_texts

from pipeline.extract.completeness import TextLayer, check_read
from pipeline.extract.unruled import read_unruled


def test_rows_overlapping_less_than_a_cells_lines_are_two_rows(fixtures):
    """1.属于国家秘密 and 2.其他法律行政 / 法规禁止公开 overlap by 2.4 points, less than two lines of
    either cell: each is a row with its own figures (before: "the text '2.其他法律行政\\n法规禁止公开'
    falls in the cell of '1.属于国家秘密'")."""
    path = fixtures / "printed" / "pingtan-social-2022-weasyprint-a4-unruled-page2.pdf"
    segments = read_unruled(path, [1])
    assert row_texts(segments[-1], "1.属于国家秘密") == ["1.属于国家秘密", *["0"] * 7]
    assert row_texts(segments[-1], "2.其他法律行政法规禁止公开") == ["2.其他法律行政法规禁止公开", *["0"] * 7]
    assert row_texts(segments[-1], "（二）部分公开（区分处理的，只计这一情形，不计其他情形）")[1:] == [
        "1",
        *["0"] * 5,
        "1",
    ]
    with TextLayer(path) as layer:
        check_read({"requests": segments[-1:]}, layer)
