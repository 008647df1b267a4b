"""A header or row label that a seal left unreadable on a scan is named by its place among the
others, only when every other one matched the template and exactly one code is left there; two or
more only when with the rest they are exactly the template's, their figures then published only
where a sum proves them; never in a text layer, never when the order does not fit."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from segment_support import grid_segment

from pipeline.core.codes import codes
from pipeline.core.facts import ReportError
from pipeline.extract.cells import header_end
from pipeline.extract.classify import Table
from pipeline.extract.completeness import check_mapped
from pipeline.extract.inferred import in_place
from pipeline.extract.proactive_table import map_proactive
from pipeline.extract.requests_table import map_requests
from pipeline.extract.review_table import map_review
from pipeline.extract.segments import Segment
from pipeline.extract.templates import GROUP_LABELS, SUBGROUPS, labels

LABEL, FIRST, SECOND, THIRD = (0.0, 200.0), (200.0, 300.0), (300.0, 400.0), (400.0, 500.0)


def _row(*texts: str) -> list[tuple[str, float, float]]:
    return [(text, x0, x1) for text, (x0, x1) in zip(texts, (LABEL, FIRST, SECOND, THIRD))]


def _section(article: str) -> list[tuple[str, float, float]]:
    return [(article, 0.0, 500.0)]


def _read_by_ocr(segment: Segment, confidence: dict[str, float] | None = None) -> Segment:
    """The same grid as a scan gives it: every cell with the confidence OCR read it with (0.99,
    or as ``confidence`` says by its text)."""
    scanned: dict[int, object] = {}
    for row in segment.at:
        for region in row:
            if id(region) not in scanned:
                scanned[id(region)] = replace(region, confidence=(confidence or {}).get(region.text, 0.99))
    at = [[scanned[id(region)] for region in row] for row in segment.at]
    return replace(segment, at=at)  # type: ignore[arg-type]


def _licensing_and_fees(licensing_header: tuple[str, str, str], fees_header: tuple[str, str]) -> Segment:
    """Table 二 of the 2019 template from its section (三) on: items under a header of three
    measures, then 行政事业性收费 under a header of two."""
    return grid_segment(
        1,
        [
            _section("第二十条第（五）项"),
            _row("信息内容", *licensing_header),
            _row("行政许可", "12", "3", "150"),
            _row("其他对外管理服务事项", "4", "0", "20"),
            _section("第二十条第（八）项"),
            # Two measures over three columns: the second spans the last two.
            [*_row("信息内容", fees_header[0]), (fees_header[1], SECOND[0], THIRD[1])],
            [*_row("行政事业性收费", "7"), ("-1", SECOND[0], THIRD[1])],
        ],
        columns=[LABEL, FIRST, SECOND, THIRD],
    )


def _facts(segment: Segment) -> dict[tuple[str, str], Decimal | None]:
    return {(f.row, f.column): f.value for f in map_proactive(Table("proactive", [segment])).facts}


WHOLE = ("上一年项目数量", "本年增/减", "处理决定数量")


def test_a_header_a_seal_damaged_on_a_scan_is_the_templates_one_column_left() -> None:
    """本年增/减 under a one-bit seal's ring read 本年地: the other header of the row matched, so
    the one column left at its place is 本年增/减; its figure keeps its own confidence."""
    scan = _read_by_ocr(_licensing_and_fees(WHOLE, ("上一年项目数量", "本年地")))
    mapped = map_proactive(Table("proactive", [scan]))
    facts = {(f.row, f.column): f for f in mapped.facts}
    assert facts["administrative_fees", "change"].value == Decimal(-1)
    assert facts["administrative_fees", "change"].confidence == 0.99
    assert facts["administrative_fees", "previous_year_items"].value == Decimal(7)
    assert any("'本年地'" in note and "change" in note for note in mapped.notes)

    # A figure the seal crossed stays NULL: the header's place names the column, not the figure.
    unsure = _read_by_ocr(_licensing_and_fees(WHOLE, ("上一年项目数量", "本年地")), {"-1": 0.5})
    assert _facts(unsure)["administrative_fees", "change"] is None


def test_a_header_is_not_inferred_from_a_text_layer() -> None:
    """A PDF's text layer (or a web page) prints its header as published: an unknown header there
    is what the publisher printed, so its column is not named (the report fails on the cells)."""
    typed = _licensing_and_fees(WHOLE, ("上一年项目数量", "本年地"))
    assert ("administrative_fees", "change") not in _facts(typed)


def test_no_header_is_inferred_when_the_order_does_not_fit() -> None:
    """The matched headers fit no header row of the template: the unreadable one is not named."""
    header = ("本年新制作数量", "本年地", "处理决定数量")
    scan = _read_by_ocr(_licensing_and_fees(header, ("上一年项目数量", "本年增/减")))
    columns = {column for row, column in _facts(scan) if row == "administrative_license"}
    assert "change" not in columns


def test_two_unreadable_headers_are_named_by_their_places_and_publish_no_figure() -> None:
    """Two headers of a row of three unreadable (a one-bit scan that lost a face's hairline
    strokes): with the one matched they are exactly the template's row, so each is the one column
    left at its place. Table 二 publishes no sum that could prove the figures under them: NULL,
    never published; the column matched keeps its figure."""
    header = ("上一年项目数量", "本年地", "处理决地")
    mapped = map_proactive(
        Table("proactive", [_read_by_ocr(_licensing_and_fees(header, ("上一年项目数量", "本年增/减")))])
    )
    facts = {(f.row, f.column): f for f in mapped.facts}
    for column in ("change", "decisions"):
        assert facts["administrative_license", column].value is None
        assert facts["administrative_license", column].unreadable
    assert facts["administrative_license", "previous_year_items"].value == Decimal(12)
    assert [region.text for region in mapped.headers] == ["本年地", "处理决地"]
    # A text layer prints its headers as published: nothing is named there.
    typed = _licensing_and_fees(header, ("上一年项目数量", "本年增/减"))
    assert ("administrative_license", "change") not in _facts(typed)


def test_a_row_label_a_seal_damaged_is_the_templates_one_row_left() -> None:
    """The label 其他对外管理服务事项 read as noise between 行政许可 and 行政处罚: the one item the
    template prints there."""
    segment = grid_segment(
        1,
        [
            _row("信息内容", *WHOLE),
            _row("行政许可", "12", "3", "150"),
            _row("其他对外地理", "4", "0", "20"),
            _row("行政处罚", "9", "1", "80"),
        ],
        columns=[LABEL, FIRST, SECOND, THIRD],
    )
    mapped = map_proactive(Table("proactive", [_read_by_ocr(segment)]))
    facts = {(f.row, f.column): f.value for f in mapped.facts}
    assert facts["other_external_services", "decisions"] == Decimal(20)
    assert any("其他对外地理" in note and "other_external_services" in note for note in mapped.notes)
    with pytest.raises(ReportError, match="rows not recognised: '其他对外地理'"):
        map_proactive(Table("proactive", [segment]))  # the same label in a text layer


def test_the_place_names_a_code_only_when_exactly_one_fits() -> None:
    order = ["a", "b", "c", "d"]
    assert in_place(["a", None, "c", "d"], [order], whole=True) == "b"
    assert in_place([None, "b", "c", "d"], [order], whole=True) == "a"
    assert in_place(["a", None, "d"], [order], whole=False) is None  # b or c
    assert in_place(["a", None, "b"], [order], whole=False) is None  # nothing left between them
    assert in_place(["b", None, "a", "d"], [order], whole=True) is None  # out of order
    assert in_place(["a", None, None, "d"], [order], whole=True) is None  # two unknown
    assert in_place(["a", None, "c"], [order, ["a", "x", "c"]], whole=False) is None  # b or x


def test_an_applicant_header_a_seal_damaged_is_named_under_its_group_header() -> None:
    """Table 三's applicants under 法人或其他组织 (a header over five of them, matching none): one
    of the five unreadable is the one applicant left at its place; the headers over several
    columns, and the corner over the labels, are not taken for it."""
    edges = [(0.0, 200.0)] + [(200.0 + 40 * k, 240.0 + 40 * k) for k in range(7)]
    names = ["自然人", "商业企业", "科一", "社会公益组织", "法律服务机构", "其他", "总计"]
    segment = grid_segment(
        1,
        [
            [("", 0.0, 200.0), ("申请人情况", 200.0, 480.0)],
            [("", 0.0, 200.0), ("", 200.0, 240.0), ("法人或其他组织", 240.0, 440.0), ("", 440.0, 480.0)],
            [("", 0.0, 200.0), *((name, x0, x1) for name, (x0, x1) in zip(names, edges[1:]))],
            [
                ("一、本年新收政府信息公开申请数量", 0.0, 200.0),
                *((str(k), x0, x1) for k, (x0, x1) in enumerate(edges[1:])),
            ],
        ],
        columns=edges,
    )
    applicants = labels("requests", "applicant")
    _, columns = header_end(_read_by_ocr(segment), applicants)
    assert sorted(column.code for column in columns) == sorted(applicants)
    assert [column.damaged.text for column in columns if column.damaged] == ["科一"]
    _, typed = header_end(segment, applicants)
    assert "research_institution" not in [column.code for column in typed]


def _requests_table(damaged: dict[str, str]) -> Segment:
    """Table 三 of the 2019 template, one figure row per outcome, with the labels in ``damaged``
    (code → text) printed otherwise."""
    label, leaf = (0.0, 100.0), (100.0, 200.0)
    edges = [(200.0 + 40 * k, 240.0 + 40 * k) for k in range(7)]
    names = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    rows = [[("", 0.0, 200.0), *((name, x0, x1) for name, (x0, x1) in zip(names, edges))]]
    for outcome in codes("requests", "outcome", "2019"):
        text = damaged.get(outcome.code, outcome.label_zh)
        if outcome.parent in SUBGROUPS:
            side = [(GROUP_LABELS[outcome.parent][0], *label), (text, *leaf)]
        else:
            side = [(text, 0.0, 200.0)]
        rows.append([*side, *(("1", x0, x1) for x0, x1 in edges)])
    return grid_segment(1, rows, columns=[label, leaf, *edges])


def test_an_outcome_label_a_seal_damaged_is_the_templates_one_row_left() -> None:
    """保护第三方合法权益 read as noise between its group's rows 3 and 5: row 4 is the one left."""
    scan = _read_by_ocr(_requests_table({"denied.third_party_rights": "4.保地一"}))
    mapped = map_requests(Table("requests", [scan]))
    rows = {fact.row for fact in mapped.facts}
    assert "denied.third_party_rights" in rows
    assert any("保地一" in note and "denied.third_party_rights" in note for note in mapped.notes)
    with pytest.raises(ReportError, match="rows not recognised: '4.保地一'"):  # a text layer's label
        map_requests(Table("requests", [_requests_table({"denied.third_party_rights": "4.保地一"})]))
    with pytest.raises(ReportError, match="rows not recognised"):  # two labels unreadable: not told
        map_requests(
            Table(
                "requests",
                [
                    _read_by_ocr(
                        _requests_table({"denied.third_party_rights": "4.保地一", "unable.not_held": "1.本地一"})
                    )
                ],
            )
        )


def test_a_header_named_by_its_place_holds_no_figure_for_the_guard() -> None:
    """本年增/减 cut by a one-bit seal's erased ring read 本年堆7 (its slash and what the ring left
    of 减 read as 7; here 9, a figure the table holds nowhere): named by its place, the cell is a header, not a label ending in a figure;
    the same text in a header not named by its place is still a figure no fact holds."""
    scan = _read_by_ocr(_licensing_and_fees(WHOLE, ("上一年项目数量", "本年堆9")))
    mapped = map_proactive(Table("proactive", [scan]))
    assert [region.text for region in mapped.headers] == ["本年堆9"]
    check_mapped({"proactive": [scan]}, mapped.facts, None, mapped.headers)
    with pytest.raises(ReportError, match="the figure .本年堆9. printed on page 1 .* is not among the facts"):
        check_mapped({"proactive": [scan]}, mapped.facts)


def _review_table(proceedings: list[str], results: list[str], printed: list[str] | None = None) -> Segment:
    """Table 四 on one page: 行政复议 and 行政诉讼 over the two proceedings of litigation, the five
    results under each proceeding (``results``: all fifteen, left to right), one figure row
    (``printed``, or each column's number)."""
    xs = [(100.0 + 30 * j, 130.0 + 30 * j) for j in range(15)]
    top = [(proceedings[0], xs[0][0], xs[4][1]), ("行政诉讼", xs[5][0], xs[14][1])]
    litigation = [
        ("", xs[0][0], xs[4][1]),
        (proceedings[1], xs[5][0], xs[9][1]),
        (proceedings[2], xs[10][0], xs[14][1]),
    ]
    heads = [(text, x0, x1) for text, (x0, x1) in zip(results, xs)]
    figures = [(text, x0, x1) for text, (x0, x1) in zip(printed or [str(j) for j in range(15)], xs)]
    return grid_segment(1, [top, litigation, heads, figures], xs)


PROCEEDINGS = ["行政复议", "未经复议直接起诉", "复议后起诉"]
RESULTS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3
PROCEEDING_CODES = list(labels("review", "proceeding"))


def _review(segment: Segment) -> dict[tuple[str, str], Decimal | None]:
    return {(f.row, f.column): f.value for f in map_review(Table("review", [segment])).facts}


@pytest.mark.parametrize(
    ("proceedings", "results", "cell", "code"),
    [
        (PROCEEDINGS, [*RESULTS[:11], "结地一", *RESULTS[12:]], ("litigation_after_review", "corrected"), "corrected"),
        (PROCEEDINGS, ["地果一", *RESULTS[1:]], ("administrative_review", "upheld"), "upheld"),
        (
            ["行政复议", "未经复议直接起诉", "复地后"],
            RESULTS,
            ("litigation_after_review", "total"),
            "litigation_after_review",
        ),
    ],
    ids=["result", "first-result", "proceeding"],
)
def test_a_table4_header_a_seal_damaged_is_the_templates_one_left_at_its_place(proceedings, results, cell, code):
    """One result header (under its proceeding) or one proceeding unreadable on a scan: every
    figure of the table is still read, the damaged one's by its place, and a note says so."""
    scan = _read_by_ocr(_review_table(proceedings, results))
    mapped = map_review(Table("review", [scan]))
    facts = {(f.row, f.column): f.value for f in mapped.facts}
    assert len(facts) == 15
    assert facts[cell] == Decimal(list(facts).index(cell))
    [damaged] = [text for text in [*proceedings, *results] if text not in PROCEEDINGS + RESULTS]
    assert [region.text for region in mapped.headers] == [damaged]
    assert len(mapped.notes) == 1 and damaged in mapped.notes[0] and f"read as {code}," in mapped.notes[0]
    # A text layer's header is what was published: not named (a proceeding left unknown fails).
    typed = _review_table(proceedings, results)
    if code in PROCEEDING_CODES:
        with pytest.raises(ReportError, match="no proceeding for the figure"):
            _review(typed)
    else:
        assert cell not in _review(typed)


def test_no_table4_header_is_named_when_the_order_does_not_fit():
    results = [*RESULTS[:10], "结果纠正", "结地一", *RESULTS[12:]]  # the results out of order
    mapped = map_review(Table("review", [_read_by_ocr(_review_table(PROCEEDINGS, results))]))
    assert mapped.headers == [] and mapped.notes == []
    assert len(mapped.facts) < 15


def test_two_unreadable_table4_headers_are_named_and_publish_only_figures_a_sum_proves():
    """Two results under 复议后起诉 unreadable: with the three matched they are exactly the
    template's five, so each is named by its place. Its figures are published only where the
    proceeding's 总计 adds up with every part read: the sum proves the figures and the names."""
    results = [*RESULTS[:11], "结地一", "其地一", *RESULTS[13:]]
    scan = _read_by_ocr(_review_table(PROCEEDINGS, results))
    mapped = map_review(Table("review", [scan]))
    assert [region.text for region in mapped.headers] == ["结地一", "其地一"]
    # The figures are their columns' numbers (0…14): no 总计 adds up, so none is published.
    assert len(mapped.facts) == 15 and all(f.value is None and f.unreadable for f in mapped.facts)
    # Figures that add up under 复议后起诉 (1 + 2 + 3 + 4 = 10) are published; the others not.
    adding = [*(str(j) for j in range(10)), "1", "2", "3", "4", "10"]
    facts = _review(_read_by_ocr(_review_table(PROCEEDINGS, results, adding)))
    assert [facts["litigation_after_review", c] for c in ("upheld", "corrected", "other", "pending", "total")] == [
        Decimal(n) for n in (1, 2, 3, 4, 10)
    ]
    assert facts["administrative_review", "upheld"] is None


def _hanging(segment: Segment) -> Segment:
    """The same table with the results under 行政复议 hanging from it, two grid rows deep (no cell
    between them and their proceeding), as 淮安市 2024 prints them."""
    at = [list(row) for row in segment.at]
    for c in range(5):
        at[1][c] = at[2][c] = replace(at[2][c], r0=1)
    return replace(segment, at=at)


DAMAGED_AT_BOTH = (["行政复议", "未经复议直接起诉", "复地后"], [*RESULTS[:11], "结地一", *RESULTS[12:]])


def test_no_table4_header_is_named_when_a_result_and_a_proceeding_are_unreadable():
    """Two cells unreadable, one at each level, where the grid does not prove both levels (an
    empty cell between 行政复议 and its results): neither is named, and the figures under the
    proceeding fail the report with one line."""
    with pytest.raises(ReportError, match="no proceeding for the figure"):
        map_review(Table("review", [_read_by_ocr(_review_table(*DAMAGED_AT_BOTH))]))


@pytest.mark.parametrize(
    "results", [DAMAGED_AT_BOTH[1], ["地果一", *RESULTS[1:]]], ids=["under-the-proceeding", "under-another"]
)
def test_a_proceeding_and_a_result_are_named_where_the_grid_proves_both_levels(results):
    """A proceeding and a result unreadable where each proceeding spans exactly five results: both
    named by their places (the result under the unread proceeding, or under another); the figures
    are published only where the proceeding's 总计 adds up."""
    adding = [*(str(j) for j in range(10)), "1", "2", "3", "4", "10"]
    scan = _read_by_ocr(_hanging(_review_table(DAMAGED_AT_BOTH[0], results, adding)))
    mapped = map_review(Table("review", [scan]))
    assert sorted(region.text for region in mapped.headers) == sorted(["复地后", *set(results) - set(RESULTS)])
    facts = {(f.row, f.column): f.value for f in mapped.facts}
    assert [facts["litigation_after_review", c] for c in ("upheld", "corrected", "other", "pending", "total")] == [
        Decimal(n) for n in (1, 2, 3, 4, 10)
    ]
    assert facts["administrative_review", "upheld"] is None and len(facts) == 15


def test_no_table4_header_is_named_at_both_levels_when_a_matched_result_is_out_of_order():
    """Both levels proven by the grid, but two matched results under 未经复议直接起诉 stand
    swapped: the page is not the template's, nothing is named, the report fails in one line."""
    proceedings, results = DAMAGED_AT_BOTH
    swapped = [*results[:5], results[6], results[5], *results[7:]]
    with pytest.raises(ReportError, match="no proceeding for the figure"):
        map_review(Table("review", [_read_by_ocr(_hanging(_review_table(proceedings, swapped)))]))
