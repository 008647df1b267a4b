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


def test_rows_set_single_spaced_are_rows_of_their_own(fixtures):
    """Page 2 of the 2021 report: table 二's rows set 15.6 points apart for 10pt text, as close as a
    wrapped label's lines. 信息内容 beside the header 本年处理决定数量 and 行政处罚 beside its 0 under
    it are two rows, as 行政处罚 and 行政强制 are, each beside a figure of its own; before, the three
    were read as one label, 信息内容行政处罚行政强制."""
    segment = read_unruled(fixtures / "printed" / "pingtan-approval-2021-word-a4-page2.pdf", [1])[0]
    assert _row(segment, "信息内容")[:2] == ["信息内容", "本年处理决定数量"]
    assert _row(segment, "行政处罚") == ["行政处罚", "0"]
    assert _row(segment, "行政强制") == ["行政强制", "0"]
    assert _row(segment, "行政事业性收费") == ["行政事业性收费", "16220.85"]


def test_a_header_ending_a_page_heads_the_columns_of_its_part(fixtures):
    """Pages 1 and 2 of the 2020 report: 第二十条第（一）项's header ends page 1, its lines set 30
    points apart (本年新公开数 / 量), its rows open page 2, where later parts have a column of their
    own (本年增/减 of 第二十条第（八）项, between two of its columns). The header is read in the
    three columns of the part it heads: 本年新公开数 / 量 is one header beside the others; before,
    the columns of the later part cut it in two and 本年新公开数量 was not found."""
    header, rows = read_unruled(fixtures / "printed" / "pingtan-approval-2020-word-a4-pages1-2.pdf", [1, 2])[:2]
    assert _row(header, "信息内容") == ["信息内容", "本年新制作数量", "本年新公开数\n量", "对外公开总数量"]
    assert _row(rows, "规章") == ["规章", "0", "0", "0"]


def test_a_part_going_on_over_a_page_end_keeps_its_own_columns(fixtures):
    """Pages 1 and 2 of the 2020 report printed with narrow margins, the header rows repeated: page
    1 holds 第二十条第（一）项 whole and （五）'s title, whose rows go on on page 2, where （八）'s
    column 本年增/减 stands between two of （一）'s. Page 1 is read in the columns of its own parts and
    of the part going on: （一）'s header is one row of four cells; before, （八）'s column cut
    本年新公开数 / 量 in two there too."""
    pages = read_unruled(fixtures / "printed" / "pingtan-approval-2020-word-a4-narrow-repeat-pages1-2.pdf", [1, 2])
    assert _row(pages[0], "信息内容") == ["信息内容", "本年新制作数量", "本年新公开数\n量", "对外公开总数量"]
    assert _row(pages[0], "规范性文件") == ["规范性文件", "0", "0", "6"]
