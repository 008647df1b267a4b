"""A rule lost between two rows under the figures only (a seal's ring, a faint rule), the row labels
keeping theirs: a scan reads one figure cell of both rows' ink. In tables 二 and 四, as in table
三, both rows' figures there are NULL with a quality issue, never the upper row's figure read from
both lines and the lower row's published blank."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from segment_support import grid_segment, read_segments

from pipeline.extract.cells import TWO_ROWS
from pipeline.extract.classify import Table
from pipeline.extract.proactive_table import map_proactive
from pipeline.extract.review_table import map_review
from pipeline.extract.segments import Region, Segment


def _rule_lost(segment: Segment, r: int, c: int, text: str) -> Segment:
    """``segment`` with the rule under grid cell (``r``, ``c``) lost: one cell over it and the
    cell below, holding ``text``, read with the upper cell's confidence."""
    upper = segment.at[r][c]
    merged = replace(upper, r1=segment.at[r + 1][c].r1, text=text)
    at = [[merged if region in (upper, segment.at[r + 1][c]) else region for region in row] for row in segment.at]
    return replace(segment, at=at)


def test_a_table2_figure_cell_over_two_items_rows_is_null_in_both(fixtures: Path) -> None:
    """洪泽区 2023's table 二 on its second sheet, as the scan reader read it, with the rule between
    行政处罚 (4119) and 行政强制 (195) lost under the figure: before, 行政处罚 read 4119195 and
    行政强制 was published blank."""
    sheet = next(s for s in read_segments(fixtures / "scans" / "hairline-labels-hongze-2023.json") if s.page == 2)
    assert [sheet.at[r][0].text for r in (1, 2)] == ["行政处罚", "行政强制"]
    for scan in (sheet, _rule_lost(sheet, 1, 1, "4119\n195")):
        facts = {(f.row, f.column): f for f in map_proactive(Table("proactive", [scan])).facts}
        assert facts["administrative_fees", "fee_amount_yuan"].raw == "7730.28"  # the row below, as read
    lost = {(f.row, f.column): f for f in map_proactive(Table("proactive", [scan])).facts}
    for item in ("administrative_penalty", "administrative_coercion"):
        fact = lost[item, "decisions"]
        assert fact.value is None and fact.unreadable and fact.doubt == TWO_ROWS, item
        assert fact.raw == "4119\n195"


_RESULTS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
_PROCEEDINGS = ["administrative_review", "litigation_direct", "litigation_after_review"]
_RESULT_CODES = ["upheld", "corrected", "other", "pending", "total"]
_FIGURES = [["6", "2", "1", "0", "9"], ["3", "1", "0", "0", "4"], ["2", "0", "1", "1", "4"]]


def _review_by_proceedings() -> Segment:
    """Table 四 printed with its proceedings as rows (行政复议; 行政诉讼 in one cell beside its two
    proceedings) and its results as columns, as a scan reads it: every cell read by OCR at 0.99."""
    xs = [(0.0, 100.0), (100.0, 200.0), *((200.0 + 40 * k, 240.0 + 40 * k) for k in range(5))]
    figures = [[(text, *x) for text, x in zip(row, xs[2:])] for row in _FIGURES]
    segment = grid_segment(
        1,
        [
            [("", 0.0, 200.0), *((text, *x) for text, x in zip(_RESULTS, xs[2:]))],
            [("行政复议", 0.0, 200.0), *figures[0]],
            [("行政诉讼", 0.0, 100.0), ("未经复议直接起诉", 100.0, 200.0), *figures[1]],
            [("行政诉讼", 0.0, 100.0), ("复议后起诉", 100.0, 200.0), *figures[2]],
        ],
        xs,
    )
    segment.at[2][0] = segment.at[3][0] = replace(segment.at[2][0], r1=3)
    scanned: dict[int, Region] = {}
    at = [[scanned.setdefault(id(region), replace(region, confidence=0.99)) for region in row] for row in segment.at]
    return replace(segment, at=at)


def test_a_table4_figure_cell_over_two_proceedings_rows_is_null_in_both() -> None:
    """Table 四 with its proceedings as rows, the rule between 未经复议直接起诉 and 复议后起诉
    lost under 结果纠正: before, 未经复议直接起诉's read 10 from both lines (``1`` over ``0``) and
    复议后起诉's was not found. Every other figure reads as printed."""
    scan = _review_by_proceedings()
    printed = {
        (proceeding, result): Decimal(text)
        for proceeding, row in zip(_PROCEEDINGS, _FIGURES)
        for result, text in zip(_RESULT_CODES, row)
    }
    assert {(f.row, f.column): f.value for f in map_review(Table("review", [scan])).facts} == printed
    facts = {(f.row, f.column): f for f in map_review(Table("review", [_rule_lost(scan, 2, 3, "1\n0")])).facts}
    assert set(facts) == set(printed)
    for cell, value in printed.items():
        if cell in {("litigation_direct", "corrected"), ("litigation_after_review", "corrected")}:
            assert facts[cell].value is None and facts[cell].unreadable and facts[cell].doubt == TWO_ROWS, cell
            assert facts[cell].raw == "1\n0"
        else:
            assert facts[cell].value == value, cell
