"""Tables without rules read from what OCR found on real scanned sheets: the characters RapidOCR
read on the 平潭 2023 and 2025 pages printed by Chromium without rules and scanned at 200 dpi
(``bench.scans --pages=real-unruled``), each with the box the reader gave it, kept in
``tests/fixtures/scans/pingtan-*-unruled-ocr.json`` (text, x0, x1, y0, y1, baseline, confidence:
PDF points). Reading them again needs no OCR: the geometry is the scans' own.

Table 四 ends one sheet with its header (2025: its figures on the next), set left in narrow
columns: 复议后起诉 starts where its column's figures start, but OCR gives its ink, and 复's ink
starts 1.5 points inside its em, further than a text layer's point allows."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from truth import truth_cells

from pipeline.core.settings import PROJECT_DIR
from pipeline.extract import _facts
from pipeline.extract.glyphs import Glyph
from pipeline.extract.sheetalign import sheet_moved
from pipeline.extract.unruled import tables_of_pages
from pipeline.extract.unruledscan import report_tables, tables_without_rules

FIXTURES = PROJECT_DIR / "tests" / "fixtures"


def _read(name: str) -> list[tuple[int, list[Glyph]]]:
    pages = json.loads((FIXTURES / "scans" / f"{name}-unruled-ocr.json").read_text(encoding="utf-8"))
    return [
        (
            page["page"],
            [
                Glyph(text, x0, x1, y0, y1, base=base, confidence=confidence)
                for text, x0, x1, y0, y1, base, confidence in page["glyphs"]
            ],
        )
        for page in pages
    ]


def _truth(name: str) -> dict[tuple[str, str, str], Decimal | None]:
    return truth_cells(FIXTURES / "realworld" / f"{name}.truth.json")


@pytest.mark.parametrize("name", ["pingtan-2023", "pingtan-2025"])
def test_a_header_read_by_ocr_stands_at_its_columns_edge_as_far_as_its_ink_may_lie_inside_its_ems(name):
    """Every published figure of tables 二, 三 and 四 read exactly from the OCR'd characters (before:
    `table 四: no proceeding for the figure '1' on page 5`, 未经复议直接起诉 and 复议后起诉 taken for
    headers centred over three columns each, one column left of their own)."""
    extraction = _facts(report_tables(tables_without_rules(_read(name))), "tables of the page images")
    got = {(f.table, f.row, f.column): f.value for f in extraction.facts}
    assert got == _truth(name)


def test_a_sheet_is_moved_by_the_rows_that_continue_the_table_before_not_by_the_next_tables():
    """平潭 2025's sheet 4 opens with table 三's last three rows, then table 四's header, whose
    columns are its own: the sheet is moved by those first rows (9 points, the figures of table 三
    in their columns again), where all six first rows together matched nothing (moved 0: table 三's
    last rows were then taken for a table of their own, its cells not found)."""
    pages = dict(_read("pingtan-2025"))
    dx = sheet_moved(pages[3], pages[4])
    assert 8.0 < dx < 10.0


def test_a_label_ocr_read_in_two_pieces_is_one_text_of_its_cell():
    """财政金融局 2020 printed without rules and scanned (``pingtan-finance-2020-unruled-ocr.json``):
    OCR read （六）其他处理 on sheet 5 as two texts, the blank its closing bracket leaves half of its
    em parting them, and they fell in one cell of the label column; the report failed (`page 5: the
    text '其他处理' falls in the cell of '(六)'`). Two texts OCR read in one cell, on one line and
    close, are that cell's one text: every published figure is read exactly, but one NULL (a lone 0
    OCR is not sure of), and none wrong."""
    extraction = _facts(report_tables(tables_without_rules(_read("pingtan-finance-2020"))), "tables of the page images")
    got = {(f.table, f.row, f.column): f for f in extraction.facts}
    truth = _truth("pingtan-finance-2020")
    assert set(got) == set(truth)
    assert {cell for cell, value in truth.items() if not got[cell].unreadable and got[cell].value != value} == set()
    assert sum(not got[cell].unreadable for cell in truth) >= len(truth) - 1


def test_a_column_header_over_the_lower_headers_of_its_neighbours_is_no_group():
    """平潭 2022 printed without rules and scanned (``pingtan-2022-unruled-ocr.json``): the grid
    from the text's places gives 科研 / 机构's header cell the width from its column to 法律服务机构's,
    over 社会 / 公益 / 组织 and 法律 / 服务 / 机构, wrapped a line lower. It was taken for a group's
    header (as 法人或其他组织 is over the five kinds of organisation) and the report failed
    ('applicant columns not found: research_institution'). A group's header stands over cells
    that fill its width; these fill only part of it. Every figure is read exactly or NULL."""
    extraction = _facts(report_tables(tables_without_rules(_read("pingtan-2022"))), "tables of the page images")
    got = {(f.table, f.row, f.column): f for f in extraction.facts}
    truth = _truth("pingtan-2022")
    assert set(got) == set(truth)
    assert {cell for cell, value in truth.items() if not got[cell].unreadable and got[cell].value != value} == set()
    assert sum(not got[cell].unreadable for cell in truth) >= len(truth) - 2


def test_a_label_line_ocr_read_in_two_pieces_is_not_cut_by_their_pitch():
    """公安局 2019 printed without rules and scanned (``pingtan-police-2019-unruled-ocr.json``),
    sheet 4: OCR read the second line of （二）部分公开（区分处理的，只计这一情形，不计其他情形） in two
    pieces, 分处理的， and 只计这一 (the comma leaves half its em blank). OCR spreads each piece's
    characters evenly over its ink, so where the two meet the pitch differs (17.1 points against
    15.6) as it does between two cells' lines; the line was cut there, where 2.其他法律… starts,
    and its first and third lines read as one row, 只计这一 as another ('table 三: two rows read
    as partially_granted'). The label is one cell of three lines."""
    pages = dict(_read("pingtan-police-2019"))
    [segment] = tables_of_pages([(4, pages[4])], sized=False)
    texts = {region.text for row in segment.at for region in row}
    assert "(二)部分公开(区\n分处理的，只计这一\n情形，不计其他情形)" in texts


@pytest.mark.parametrize(("name", "unsure"), [("pingtan-police-2019", 20), ("pingtan-resources-2020", 0)])
def test_a_header_wrapped_at_a_wide_line_spacing_is_one_cell_when_ocr_gives_its_ink(name, unsure):
    """公安局 2019 and 自然资源与生态环境局 2020 printed without rules and scanned: table 二's headers
    wrapped at Word's exact line spacing (对外公开总数 / 量, 上一年项目数 / 量) stand as far apart as a
    title over a header when measured by their ink (OCR's box: 13.9 points tall for a 15.8-point
    em, the lines 14.2 apart), not by their ems as a text layer gives them; 量 was read as a header
    of its own and the report failed ('table 二: rows not recognised: 信息内容量', 'cells not found:
    … × total_published'). Every figure read exactly, or NULL with a quality issue (公安局 2019:
    lone 0s OCR is not sure of), none wrong."""
    extraction = _facts(report_tables(tables_without_rules(_read(name))), "tables of the page images")
    got = {(f.table, f.row, f.column): f for f in extraction.facts}
    truth = _truth(name)
    assert set(got) == set(truth)
    assert {cell for cell, value in truth.items() if not got[cell].unreadable and got[cell].value != value} == set()
    assert sum(not got[cell].unreadable for cell in truth) >= len(truth) - unsure


def test_a_header_set_from_its_columns_edge_stands_in_that_column_wherever_its_ink_begins():
    """公安局 2024 printed without rules and scanned (``pingtan-police-2024-unruled-ocr.json``):
    sheet 3 opens with the rest of table 三's applicant headers a page end cut (企 / 业, 机 / 构,
    益 / 组 / 织, 务 / 机 / 构), set from their cells' left edge as the figures are. 织's ink starts
    6.5 points left of the figures under it, past the column's edge (half an em before them):
    益 / 组 / 织, taken for a header set from its column's edge, was placed in the column left of
    it, with 机 / 构 ('applicant columns not found: research_institution, social_welfare_org,
    legal_service_org'). A header set from a column's edge stands in that column. Every figure is
    read exactly."""
    extraction = _facts(report_tables(tables_without_rules(_read("pingtan-police-2024"))), "tables of the page images")
    got = {(f.table, f.row, f.column): f.value for f in extraction.facts}
    assert got == _truth("pingtan-police-2024")


def test_one_digit_figures_ocr_read_are_no_tighter_set_from_the_left_by_a_tenth_of_a_point():
    """行政审批局 2020 printed without rules and scanned (``pingtan-approval-2020-unruled-ocr.json``):
    table 三's figures on sheet 2 are lone digits centred in their columns, under headers centred
    in theirs. OCR gives a digit its ink (a 1 narrower than a 0), so their columns spread alike by
    their centres and their left ends (4.68 and 4.56 points): the table was taken for one set from
    the left by that tenth of a point, its columns bounded half an em before the figures, and the
    centred headers 社会 / 公益 / 组织 and 法律 / 服务 / 机构, wider than such a column, were not
    stacked ('applicant columns not found'). Spreads within a point of each other are alike, and
    the headers lined up decide: centred."""
    pages = dict(_read("pingtan-approval-2020"))
    segments = tables_of_pages([(2, pages[2])], sized=False)
    texts = {region.text for segment in segments for row in segment.at for region in row}
    assert {"社会\n公益\n组织", "法律\n服务\n机构"} <= texts


def test_the_em_of_a_label_ocr_read_counts_its_half_width_characters_as_half():
    """行政审批局 2020 printed without rules and scanned: table 三's labels wrap at a wide line
    spacing (1.信访举报 / 投诉类申请, 31 points apart, its figures between). OCR spreads a piece's
    characters evenly, 1 and . taking a CJK character's share, so its CJK characters were 9.8
    points wide for an em of 11.7, and the label's lines stood further apart than three such ems:
    each line a row of its own ('rows not recognised: (五)不予处理'). Every figure read exactly."""
    extraction = _facts(
        report_tables(tables_without_rules(_read("pingtan-approval-2020"))), "tables of the page images"
    )
    got = {(f.table, f.row, f.column): f.value for f in extraction.facts}
    assert got == _truth("pingtan-approval-2020")


def test_a_line_ocr_read_in_one_piece_under_a_group_label_and_its_first_item_is_cut_between_them():
    """自然资源与生态环境局 2022 printed without rules and scanned
    (``pingtan-resources-2022-unruled-ocr.json``), sheet 3: the group label （六）其他处理's second
    line 其他处 and its first sub-row's 理由逾期不补 touch, and OCR read them as one piece, its
    characters spread evenly over the ink: 理 was placed 1.6 points left of where the sub-row
    labels start, and the line was read as one label ('table 三: two rows read as
    other_handling.no_correction: 1.申请人无正当 and 其他处理由逾期不补正、…'). The line goes on
    （六） and 1.申请人无正当 side by side above it: it is cut where the second starts, each part
    the next line of the label above it."""
    pages = dict(_read("pingtan-resources-2022"))
    [segment] = tables_of_pages([(3, pages[3])], sized=False)
    texts = {region.text for row in segment.at for region in row}
    assert {"(六)\n其他处", "1.申请人无正当\n理由逾期不补"} <= texts


def test_a_colon_ocr_read_alone_stands_on_the_line_of_the_texts_it_joins():
    """财政金融局 2019 printed without rules and scanned (``pingtan-finance-2019-unruled-ocr.json``):
    the note over table 三's labels, （本列数据的勾稽关系为：第一项加第二项之…, wraps on sheet 3 with
    为 / ： / 第一项加第二项之 read as three pieces. The colon's dots stand in the middle of its em,
    their bottom above the baseline, and it was given the baseline of the header line beside it,
    half a line higher; 为 and 第一项加第二项之 then stood an em apart, as two cells' texts do, and
    the note fell in two cells ('table 三: the applicant header row is missing'). Every figure is
    read exactly."""
    extraction = _facts(report_tables(tables_without_rules(_read("pingtan-finance-2019"))), "tables of the page images")
    got = {(f.table, f.row, f.column): f.value for f in extraction.facts}
    assert got == _truth("pingtan-finance-2019")


def test_a_notes_line_ocr_read_with_the_centred_header_beside_it_is_cut_where_that_header_stands():
    """社会事业局 2022 printed without rules and scanned (``pingtan-social-2022-sheet2-unruled-ocr.json``,
    its sheet 2): the note over table 三's labels runs into 自然 / 人, centred over the first
    column's figures, and OCR read its second line and 自然 as one piece, …第四项之自然; the piece
    was not cut (only a header set from the left was looked for there), and the note fell in two
    cells. The header's 其他 ends where 总计, half a line higher in the next narrow column, starts:
    their OCR boxes, each a bearing wider than its ink, overlapped by 1.5 points, and the two were
    taken for lines of one cell half a line apart, too close for the note's lines to be one
    cell's ('table 三: the applicant header row is missing'). The note is one cell, 自然 / 人 one
    header, 其他 and 总计 two."""
    pages = _read("pingtan-social-2022-sheet2")
    segments = tables_of_pages(pages, sized=False)
    texts = {region.text for segment in segments for row in segment.at for region in row}
    assert {
        "(本列数据的勾稽关系为:第一项加\n第二项之和,等于第三项加第四项之\n和)",
        "自然\n人",
        "总计",
    } <= texts
