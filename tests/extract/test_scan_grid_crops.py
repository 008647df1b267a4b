"""The grid of a ruled table found in crops of real publishers' scanned pages (WPS exports of
淮安市洪泽区's and 淮安市's reports, scanned by ``bench.scans --pages=real``)."""

from __future__ import annotations

from pathlib import Path

from pipeline.extract.rules import RuledTable
from pipeline.extract.scanned import image_page, ruled_tables
from pipeline.extract.segments import spans


def _grid(fixtures: Path, name: str) -> RuledTable:
    """The one ruled table found in the crop ``tests/fixtures/scans/NAME``."""
    page = image_page(1, (fixtures / "scans" / name).read_bytes())
    assert page is not None
    [table], _, _ = ruled_tables(page)
    return table


def test_faint_rules_under_a_red_seal_keep_the_grid_whole(fixtures: Path) -> None:
    """A red seal over a table drawn with faint rules (WPS's thin grey lines): where the seal's red
    is taken out, what is left of the rules under it is broken in places, and those breaks are
    bridged, so the grid stays whole. Before, the rules under the seal were lost and 淮安市洪泽区's
    own PDF, scanned with a seal over table 三, failed (its cells merged, its columns not found)."""
    # Six columns by seven rows of table 三 cut from the scan, the seal's ring and star over them.
    table = _grid(fixtures, "faint-rules-under-seal.jpg")
    assert (len(table.rows), len(table.cols)) == (7, 6)
    assert all(r == r1 and c == c1 for r, c, r1, c1 in spans(table.cells)), "no cell merged with another"


def test_a_rule_a_title_touches_is_kept(fixtures: Path) -> None:
    """A title set just above a table (WPS: 四、政府信息公开行政复议、行政诉讼情况 a few points over
    table 四): in a scan a stroke of its last characters joins the top of the rule under it, and a
    horizontal stroke of the same character ended the cut that parts the two. The rule is cut
    again at the horizontal rules it crosses and kept: before, 淮安市's table 四 lost the rule
    between 行政复议 and 行政诉讼 and its first 总计 merged with 结果维持 (the report failed in one
    line)."""
    table = _grid(fixtures, "title-over-table.jpg")
    # Five columns under 行政复议, five under each of 行政诉讼's two proceedings.
    assert (len(table.rows), len(table.cols)) == (4, 15)


def test_a_rule_cut_open_by_the_page_keeps_its_last_row(fixtures: Path) -> None:
    """Table 三 run on past the page's end (WPS draws no rule where the page cuts it), the seal
    over its header: the rule between 自然人 and 商业企业 runs from a header rule the seal broke
    down to the cut. Its top meets no rule, so it is cut back to the rules it crosses; its open
    bottom end is kept. Before, both ends were cut back, the last row lost that rule, and 淮安市
    洪泽区 2023's scan at 150 dpi read its figures 3 and 0 as one cell: 30 under 自然人 and 0 as
    published blank, wrong figures."""
    table = _grid(fixtures, "open-rules-under-seal.jpg")
    # The label column, 自然人, five 法人或其他组织 columns and 总计; the last row as printed.
    assert len(table.cols) == 8
    last = len(table.rows) - 1
    assert [(c, c1) for r, c, r1, c1 in spans(table.cells) if r == last] == [(c, c) for c in range(8)]


def test_characters_along_a_seal_ring_make_no_rules(fixtures: Path) -> None:
    """A red seal whose ring's foot runs along a header's last line (组织 of 社会公益组织): where
    the seal's red is taken out, breaks are bridged for faint rules under it, and the bridges
    joined that line's strokes into short rules of their own, which cut the header into rows and
    columns that are not printed. A rule under a seal runs on unbroken somewhere; those strokes
    joined only by bridges are not rules. Before, 平潭 2022 printed with rules and scanned in
    colour at 200 dpi failed (table 三's figure 1 found in more cells than facts)."""
    page = image_page(1, (fixtures / "scans" / "seal-ring-under-text.jpg").read_bytes())
    assert page is not None
    tables, _, _ = ruled_tables(page)
    table = max(tables, key=lambda table: len(table.rows) * len(table.cols))
    # Three rows of headers (申请人情况, 法人或其他组织, 商业企业…) and three of figures.
    assert len(table.rows) == 6


# Table 二's first part as 淮安市洪泽区 2024 prints it (WPS): 第二十条第（一）项 across, four
# columns of 规章 and 行政规范性文件, 第二十条第（五）项 across, and 行政许可 beside one wide cell.
_TABLE_TWO_TOP = [(0, 0, 0, 3), *((r, c, r, c) for r in (1, 2, 3) for c in range(4)), (4, 0, 4, 3)]
_TABLE_TWO_TOP += [(r, c, r, c1) for r in (5, 6) for c, c1 in ((0, 0), (1, 3))]


def test_thin_rules_scanned_in_one_bit_keep_the_grid_whole(fixtures: Path) -> None:
    """WPS's thin rules scanned in one bit (1–2 pixels, stepping between lines of pixels once
    the page is turned straight, broken in different places on each) are found with their lines of
    pixels taken together. Before, the table's top rule stopped short of its left rule, was
    dropped, and 第二十条第（一）项 was lost (the report failed: rows not recognised)."""
    page = image_page(1, (fixtures / "scans" / "thin-rules-bilevel.png").read_bytes())
    assert page is not None and page.bilevel, "only black and white: scanned in one bit"
    [table], _, _ = ruled_tables(page)
    assert (len(table.rows), len(table.cols)) == (7, 4)
    assert sorted(spans(table.cells)) == sorted(_TABLE_TWO_TOP)
