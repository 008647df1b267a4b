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


def test_a_row_between_a_header_and_a_title_stays_a_row(fixtures):
    """Table 二 at the top of the same page: 行政许可's 1970 stands level with the middle of the
    header 本年处理决定数量 above it and the title 第二十条第（六）项 below it, beside its own label. Those
    are a row's figures, not figures centred between a label's two paragraphs: the header and the
    title stay apart, and 行政许可 keeps its figure."""
    segments = read_unruled(fixtures / "printed" / "pingtan-social-2022-weasyprint-a4-unruled-page2.pdf", [1])
    assert row_texts(segments[0], "行政许可") == ["行政许可", "", "1970"]
    assert row_texts(segments[0], "信息内容") == ["信息内容", "", "本年处理决定数量"]


def test_a_header_over_columns_whose_headers_touch_it_covers_them(fixtures):
    """Table 三's 申请人情况 / 法人或其他组织 over the applicant columns: 商 / 业 / 企 / 业 starts under it,
    WeasyPrint's boxes (taller than the 14pt text) overlapping by 3 points, its middle below the
    header's lines. It is a header under it, not beside it: the header covers its columns."""
    segments = read_unruled(fixtures / "printed" / "pingtan-social-2022-weasyprint-a4-unruled-page2.pdf", [1])
    assert {region.text for region in segments[-1].at[0][-7:]} == {"申请人情况\n法人或其他组织"}
