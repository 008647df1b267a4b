"""Real report pages printed the ways publishers print them, read back to the cell: the 平潭 pages
(Word-export HTML, 2021 template) and the MFA 2020 seed's layout written as a page (2019 template),
through Chromium, WeasyPrint and LibreOffice, on A4, Letter and A5, with and without rules.

A slice of ``python -m bench.layouts`` (which sweeps every combination): each case is a print
that once failed, named by what it exercises."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from segment_support import grid_segment
from truth import truth_cells

from pipeline.core.facts import ReportError
from pipeline.core.figures import figure_cells, mismatches
from pipeline.core.settings import PROJECT_DIR
from pipeline.extract import extract_report
from pipeline.extract.cells import Column, cells_under
from pipeline.extract.classify import Table
from pipeline.extract.completeness import by_columns
from pipeline.extract.engines import read_segments
from pipeline.extract.glyphs import Glyph
from pipeline.extract.numbers import NumberError, parse_number
from pipeline.extract.proactive_table import map_proactive
from pipeline.extract.review_table import map_review
from pipeline.extract.rules import Line, past_the_page, read_ruled
from pipeline.extract.segments import Region, Segment, continue_header, continue_row
from pipeline.extract.textcells import Block, pieces, placed
from pipeline.extract.textgrid import segment
from pipeline.extract.texttable import text_table
from pipeline.replica.content import load_content
from pipeline.replica.htmlprint import report_html
from pipeline.replica.printings import Printing, printed, restyled
from pipeline.replica.render import render_pdf
from pipeline.replica.synthetic import PREFACE, generate

# (page, print): what the print does to the page.
REAL = {
    # 商业/企业 cut by the page end between its two lines: "商 业" above, "企 业" below.
    "cell-cut-weasyprint": ("pingtan-2023", Printing("weasyprint", "A4", "default", True)),
    # LibreOffice splits a row over two pages and cuts the header's lower row off to the next page.
    "header-row-cut-libreoffice": ("pingtan-2025", Printing("libreoffice", "A4", "default", True)),
    # LibreOffice draws no rule under the rest of table 三's note cell on the next page: the first
    # row's label runs into the note above it unless the missing rule is put back.
    "header-rule-missing-libreoffice": ("pingtan-2025", Printing("libreoffice", "Letter", "default", True)),
    # Table 二's 行政规范性文件 row cut by the page end: its figures at the foot of page 4, its label
    # on page 5.
    "table2-label-continued-weasyprint": ("pingtan-2022", Printing("weasyprint", "A5", "default", True)),
    # A Word-export table without rules: header cells of several paragraphs (商业 / 企业, 社会 / 公益 /
    # 组织) padded with spaces, left-aligned headers over several columns (行政诉讼), and a row of
    # figures opening a page (0 0 0 0 0 0 0, once taken for a page number).
    "word-export-unruled-chromium": ("pingtan-2024", Printing("chromium", "A4", "default", False)),
    # The same table printed by WeasyPrint: its header ends page 2 (no figure under it) and goes on
    # at the top of page 3 (组 / 织, 机 / 构 under 社会公益, 法律服务).
    "header-cut-unruled-weasyprint": ("pingtan-2024", Printing("weasyprint", "A4", "default", False)),
    # A Word-export table without rules set in the size of running text (LibreOffice): each label a
    # line of one piece of its own; group labels of numbered items set at the top of their rows,
    # not centred on them ((六)其他处理).
    "numbered-groups-unruled-libreoffice": ("pingtan-2023", Printing("libreoffice", "A4", "default", False)),
    # Table 四's header ends a page, its one row of figures opens the next (one digit each: they line
    # up every way); 行政复议 centred over five columns of a left-aligned table.
    "table4-header-cut-unruled-chromium": ("pingtan-2023", Printing("chromium", "A4", "default", False)),
    # Two header cells a space apart read as one piece (社会 法律, 组织 机构): cut at the space.
    "header-cells-spaced-unruled-weasyprint": ("pingtan-2025", Printing("weasyprint", "A4", "default", False)),
    # Rows cut by the page end, drawn open (no rule at the cut): the parts on each page are rows.
    "rows-cut-open-chromium": ("pingtan-2022", Printing("chromium", "A5", "narrow", True)),
    # Table 三 set wider than the page: LibreOffice draws its right border at the page's edge, the
    # 总计 column's text (总计, 74) runs on past it, in the file but off the page.
    "table-past-the-page-libreoffice": ("pingtan-2022", Printing("libreoffice", "A5", "narrow", True)),
    # Table 四's header cut by the page end: WeasyPrint sets the second line of each result (维持,
    # 纠正, …) below the table's last rule, in the page margin.
    "header-below-the-last-rule-weasyprint": ("pingtan-2022", Printing("weasyprint", "Letter", "narrow", True)),
    # 二、上年结转… opens a page with the label cell beside it blank (no rules: every label column is a
    # cell): a numbered label of its own, not the rest of the row above.
    # Table 三's header cut by the page end without rules (LibreOffice, Letter): 商业 / 科研 / 社会公益
    # at the foot of a page, 社会 / 公益 wrapped beside them, 企业 / 机构 / 组织 at the top of the next.
    "header-cut-beside-a-wrapped-header-unruled-libreoffice": (
        "pingtan-2022",
        Printing("libreoffice", "Letter", "default", False),
    ),
    # A figure opening a page beside its label on a slightly lower baseline (2629 | 行政许可,
    # LibreOffice on A5): no page number. And a group label wrapped in a narrow cell: （四 / ）无 /
    # 法提 / 供, whose second line is no 无 (the figure 0) but the rest of the label.
    "figure-opens-a-page-unruled-libreoffice": ("pingtan-2023", Printing("libreoffice", "A5", "default", False)),
    "numbered-label-opens-a-page-unruled-weasyprint": (
        "pingtan-2024",
        Printing("weasyprint", "Letter", "narrow", False),
    ),
    # Cells narrower than their text, no rules (平潭 2022's header at 18.7 pt): group labels
    # justified to their cell ("（ 三 ）"), touching the label beside them (三、本年度|（一）予以公开,
    # 其他处|理由逾期不补), a label touching its figure (只计这一情|8), header cells touching (会|法),
    # and headers over several cells at the pitch of their wrapped lines (行政诉讼 / 未经复议直接起诉
    # / 结果).
    "cells-narrower-than-their-text-unruled-chromium": ("pingtan-2022", Printing("chromium", "A4", "default", False)),
    # Table 四 on A5 without rules: one-digit figures line up every way; its headers are set from
    # the left (未经复议直接起诉 starts where its first column's figures start), so the columns
    # are anchored at the figures' left ends, not their centres.
    "table4-one-digit-figures-headers-from-the-left-unruled-chromium": (
        "pingtan-2023",
        Printing("chromium", "A5", "default", False),
    ),
    # Table 二's 行政许可 row opens an A5 page, its figure 4529 in another size, on a baseline of
    # its own: once dropped as a page number ("the figure '4529' … is in no cell read").
    "figure-opening-a-page-beside-its-label-unruled-chromium": (
        "pingtan-2024",
        Printing("chromium", "A5", "default", False),
    ),
    # The same page by WeasyPrint: header cells touching with no gap (然商业科研, 社会法律), a
    # centred header over three columns ending where the cell below it ends (法人或其他组织 over
    # 社会 / 公益 / 组织), and the figures 2 and 1 of neighbouring columns a space apart (not 21).
    "cells-narrower-than-their-text-unruled-weasyprint": (
        "pingtan-2022",
        Printing("weasyprint", "A4", "default", False),
    ),
    # The same page on A5 by Chromium, squeezed further: the note's lines run into 自 / 然 / 人 set
    # one character a line over the first column (…第一项加第二|自); figures of neighbouring columns
    # touch (71|3, a label's 握相关37|0); the continued parts of table 三 are cut in the columns of
    # the part they continue (rows of one-digit figures line up every way); a label line justified
    # after its enumerator ("3. 危 及") or over its cell with two characters ("一      稳"); table 四's
    # wrapped 未经复议直接起 / 诉 over 结 | 结 | 其 | 尚; table 二's touching headers over its figures
    # (本年制发件本年废止件现行有效件: no running text, however wide).
    "cells-narrower-than-their-text-unruled-chromium-a5": (
        "pingtan-2022",
        Printing("chromium", "A5", "default", False),
    ),
    # On narrow margins: a group label's justified line touching its item's wrapped rest (不予公|秘密).
    "justified-group-label-touching-the-item-unruled-chromium-a5": (
        "pingtan-2022",
        Printing("chromium", "A5", "narrow", False),
    ),
    # WeasyPrint on A5: a group label's lines touching the item labels beside them with a gap a
    # little wider than the characters' own (理结果 | （区分处理的), neither line justified.
    "group-label-touching-the-item-unruled-weasyprint-a5": (
        "pingtan-2022",
        Printing("weasyprint", "A5", "default", False),
    ),
    # Chromium's header and footer lines, as its print dialog sets them by default: the foot's
    # "2/5" under a table running over the page break (2024), the date and title over table 四's
    # continuation (2021).
    "browser-heads-chromium": ("pingtan-2024", Printing("chromium", "A4", "browser", True, heads=True)),
    "browser-heads-over-a-continued-table-chromium": (
        "pingtan-2021",
        Printing("chromium", "A4", "browser", True, heads=True),
    ),
    # Chromium's own margins, no rules: table 四's header cut by the page end after 未经复议直接起诉 |
    # 复议后起诉, level with 结果维 / 持 set from the top of its cell under 行政复议, which is no
    # wider than that column: two header rows, not one cell 行政复议 / 结果维持.
    "table4-header-cut-after-its-second-row-unruled-chromium": (
        "pingtan-2025",
        Printing("chromium", "A4", "browser", False),
    ),
    # The same margins on A5: one-digit figures under headers set from the left, and 行政复议
    # centred over five narrow columns close to one column's centre: the columns are anchored at
    # the figures' left ends, as every header but that one says.
    "table4-group-header-near-a-column-centre-unruled-chromium-a5": (
        "pingtan-2023",
        Printing("chromium", "A5", "browser", False),
    ),
    # 上海 2019 without rules (another publisher, 2019 template): most cells published blank, so
    # table 三's 科研机构 and 社会公益组织 and ten of table 四's fifteen columns hold no figure, and
    # only their headers say where they are; table 三's header cells as narrow as their text
    # (nowrap), 商业企业科研机构… set 1.5 points apart; table 四's headers wrapped two characters a
    # line (结果 / 维持) in cells narrower than a figure's column would be.
    "blank-columns-named-by-their-headers-unruled-chromium": (
        "shanghai-2019",
        Printing("chromium", "A4", "narrow", False),
    ),
    # The same page on Letter: table 二's part (八) ends page 1 with its header, its row on page 2
    # under it, in two columns of its own (上一年项目数量, 本年增/减), not the columns of the parts
    # above: the row continues the table by standing under that header.
    "part-header-cut-from-its-row-unruled-chromium": (
        "shanghai-2019",
        Printing("chromium", "Letter", "narrow", False),
    ),
}


def _page(fixtures: Path, name: str) -> str:
    return (fixtures / "realworld" / f"{name}.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("case", sorted(REAL))
def test_real_page_printed_reads_every_cell(tmp_path, fixtures, case):
    name, how = REAL[case]
    extraction = extract_report(printed(_page(fixtures, name), tmp_path / "report.pdf", how))
    assert mismatches(extraction, truth_cells(fixtures / "realworld" / f"{name}.truth.json")) == []


def test_a_table_cut_by_the_printed_area_says_so(tmp_path, fixtures):
    """上海 2019 printed by Chromium on A4 with 20 mm margins: table 三 (nowrap cells) is wider than
    the paper and Chromium leaves its last columns out of the PDF. Not read, and the one line says
    why: the header's text drawn across the edge of the printed area."""
    how = Printing("chromium", "A4", "default", True)
    with pytest.raises(ReportError) as failure:
        extract_report(printed(_page(fixtures, "shanghai-2019"), tmp_path / "report.pdf", how))
    assert "applicant columns not found" in str(failure.value)
    assert "page 2: text is cut by the edge of the printed area at x 539" in str(failure.value)


@pytest.mark.parametrize("producer", ["chromium", "weasyprint", "libreoffice"])
def test_seed_page_without_rules_reads_every_cell(tmp_path, producer):
    """The 2019 template's layout as a page, all borders off: read from the text's positions."""
    seed = load_content(PROJECT_DIR / "data" / "samples" / "mfa-2020.yaml")
    how = Printing(producer, "A5", "narrow", rules=False)
    extraction = extract_report(printed(report_html(seed, double_rules=False), tmp_path / "report.pdf", how))
    assert extraction.engine == "text"
    assert mismatches(extraction, figure_cells(seed.figures)) == []


@pytest.mark.parametrize(
    "how",
    [Printing("libreoffice", "A5", "default", rules=False), Printing("chromium", "A4", "narrow", rules=False)],
    ids=["table2-continued-in-the-columns-of-both-pages", "wrapped-header-centred-in-its-row"],
)
def test_seed_page_without_rules_in_more_prints(tmp_path, how):
    """The seed page without rules. LibreOffice on A5: table 二 goes on at the top of a page and
    its later items ((八), (九)) set their figures in columns of their own; the continued part is
    known by its first item's figures and read in the columns of both pages. Chromium: 社会公益 /
    组织 wraps, centred beside 商业企业, level with 自然人 and 总计 by its first line: it stays in
    the row of 商业企业 (set from its top, it would take that row's figures one column off)."""
    seed = load_content(PROJECT_DIR / "data" / "samples" / "mfa-2020.yaml")
    extraction = extract_report(printed(report_html(seed, double_rules=False), tmp_path / "report.pdf", how))
    assert mismatches(extraction, figure_cells(seed.figures)) == []


def test_left_aligned_table_without_rules(tmp_path, fixtures):
    """Word-export cells set their text from the left: figures line up by their left ends, and
    each header stands over the figures that start where it starts (table 二 of 平潭 2024)."""
    how = Printing("chromium", "A4", "default", rules=False)
    pdf = printed(_page(fixtures, "pingtan-2024"), tmp_path / "report.pdf", how)
    table = next(s for s in read_segments(pdf, [2], "text") if any("本年制发件数" in r.text for r in s.regions()))
    header = next(r for r in range(table.nrows) if any(region.text == "本年制发件数" for region in table.row(r)))
    rules = next(r for r in range(table.nrows) if any(region.text == "行政规范性文件" for region in table.row(r)))
    # Each figure under its own header: 62 制发, 33 废止, 440 现行有效.
    assert [region.text for region in table.row(header)][1:] == ["本年制发件数", "本年废止件数", "现行有效件数"]
    assert [region.text for region in table.row(rules)][1:] == ["62", "33", "440"]


def _segment(page: int, rows: list[list[tuple[str, float, float]]]) -> Segment:
    """A segment of one grid column per cell, each row's cells given as (text, x0, x1)."""
    at = [[Region(text, page, r, r, x0, x1) for text, x0, x1 in row] for r, row in enumerate(rows)]
    return Segment(page=page, nrows=len(rows), at=at, cols=[(x0, x1) for _, x0, x1 in rows[0]])


def test_header_cell_cut_by_the_page_end_is_joined():
    """ "商 业" at the foot of one page, "企 业" at the top of the next, under the same cell."""
    before = _segment(2, [[("自然人", 330, 360), ("商 业", 360, 380), ("总计", 380, 400)]])
    after = _segment(
        3, [[("", 330, 360), ("企 业", 360, 380), ("", 380, 400)], [("5", 330, 360), ("1", 360, 380), ("6", 380, 400)]]
    )
    joined = continue_header(before, after)
    assert joined is not None
    header, rest, end = joined
    assert [region.text for region in header.row(0)] == ["自然人", "商 业\n企 业", "总计"]
    assert [region.text for region in rest.row(0)] == ["", "", ""] and end == 0
    assert [region.text for region in rest.row(1)] == ["5", "1", "6"]


def test_repeated_header_is_not_joined():
    """A header repeated on the next page is complete in itself: nothing is carried over."""
    before = _segment(2, [[("自然人", 330, 360), ("商业企业", 360, 380)]])
    after = _segment(3, [[("自然人", 330, 360), ("商业企业", 360, 380)], [("5", 330, 360), ("1", 360, 380)]])
    assert continue_header(before, after) is None


def test_header_row_of_its_own_on_the_next_page_stays():
    """Under a wider cell (法人或其他组织 over five columns) the next page's texts are a header row
    of their own, not the rest of that cell."""
    before = _segment(2, [[("法人或其他组织", 330, 400)]])
    after = _segment(3, [[("商业企业", 330, 365), ("科研机构", 365, 400)], [("1", 330, 365), ("0", 365, 400)]])
    assert continue_header(before, after) is None


def _proactive(before: list[list[tuple[str, float, float]]], after: list[list[tuple[str, float, float]]]) -> Table:
    header = [
        [("第二十条第（一）项", 60, 360)],
        [("信息内容", 60, 140), ("本年制发件数", 140, 220), ("本年废止件数", 220, 290), ("现行有效件数", 290, 360)],
    ]
    return Table("proactive", [_segment(4, [*header, *before]), _segment(5, after)])


FIGURES = [("88", 140, 220), ("55", 220, 290), ("698", 290, 360)]
BLANKS = [("", 140, 220), ("", 220, 290), ("", 290, 360)]


@pytest.mark.parametrize(
    ("before", "after", "page"),
    [
        ([("", 60, 140), *FIGURES], [("行政规范性文件", 60, 140), *BLANKS], 4),  # the label on the next page
        ([("行政", 60, 140), *FIGURES], [("规范性文件", 60, 140), *BLANKS], 4),  # the label's last line
        ([("行政规范性文件", 60, 140), *BLANKS], [("", 60, 140), *FIGURES], 5),  # the figures on the next page
    ],
    ids=["label-below", "label-split", "figures-below"],
)
def test_table2_row_cut_by_the_page_end_is_one_row(before, after, page):
    """A row of table 二 whose label and figures a page end parted is read as one row, its
    figures on the page they are printed on."""
    rows = [[("规章", 60, 140), ("0", 140, 220), ("0", 220, 290), ("0", 290, 360)], before]
    facts = {(f.row, f.column): f for f in map_proactive(_proactive(rows, [after])).facts}
    measures = ("issued", "repealed", "in_force")
    cells = [facts[("normative_documents", measure)] for measure in measures]
    assert [(fact.raw, fact.page) for fact in cells] == [("88", page), ("55", page), ("698", page)]


def test_table2_row_of_its_own_on_the_next_page_is_not_joined():
    """A complete row at the top of the next page, printed blank, stays a row of its own."""
    rows = [[("规章", 60, 140), *FIGURES]]
    facts = {
        (f.row, f.column): f for f in map_proactive(_proactive(rows, [[("行政规范性文件", 60, 140), *BLANKS]])).facts
    }
    assert facts[("rules", "issued")].raw == "88" and facts[("normative_documents", "issued")].raw == ""


def test_restyled_page_keeps_its_tables():
    page = '<html><head></head><body><table border="1" cellspacing="0"><tr><td>1</td></tr></table></body></html>'
    unruled = restyled(page, Printing("chromium", "A5", "narrow", rules=False))
    assert 'border="0"' in unruled and "size: 148mm 210mm" in unruled and "<td>1</td>" in unruled


def test_a_figure_printed_across_a_rule_is_read_whole(tmp_path):
    """A ragged 2021 table whose figure runs over the rule into the empty cell beside it (3144件,
    bench/corpus.py's synthetic report 47): its characters cross the rules on both sides, so it is
    one figure, read whole in the cell under its middle (camelot's lattice cuts it at the rules,
    '3' and '144件', and the completeness guard refuses that reading)."""
    content = generate(47, "2021")
    content.agency, content.year = "示范市第6局", 2024
    content.body["preface"] = [PREFACE.format(agency=content.agency, year=2024)]
    assert content.layout.ragged and content.layout.double_rules
    pdf = tmp_path / "report.pdf"
    render_pdf(content, pdf)
    cells = [cell.text for table in read_ruled(pdf, [3]) for row in table.cells for cell in row]
    assert "3144件" in cells and "144件" not in cells
    extraction = extract_report(pdf)
    assert extraction.engine == "rules"
    assert mismatches(extraction, figure_cells(content.figures)) == []


def _digits(text: str, x0: float, advance: float = 6.0, width: float = 5.0) -> list[Glyph]:
    """Characters of one line at y 100, each ``width`` wide, one every ``advance`` points."""
    return [Glyph(ch, x0 + i * advance, x0 + i * advance + width, 100, 110, base=100) for i, ch in enumerate(text)]


def _placed(glyphs: list[Glyph], edges: list[float]) -> list[tuple[str, float]]:
    return [("".join(g.text for g in run), round(x, 1)) for x, run in placed(glyphs, edges)]


def test_figures_of_neighbouring_cells_that_touch_stay_apart():
    """2187 ends at the rule, 2096 starts after it (letter-spaced digits of two narrow cells): no
    character crosses the rule, so each stays in its cell."""
    glyphs = _digits("2187", 70.0) + _digits("2096", 95.0)
    assert [text for text, _ in _placed(glyphs, [50.0, 94.5, 130.0])] == list("21872096")


def test_a_figure_across_a_rule_goes_where_its_middle_is():
    """3144 centred on the cell from 63 to 80, its 3 across the rule at 63: placed whole."""
    assert _placed(_digits("3144", 60.0), [40.0, 63.0, 80.0, 120.0]) == [("3144", 71.5)]


def test_left_aligned_figures_that_touch_across_a_rule_stay_apart():
    """2223 set from its cell's left edge runs over the rule up to 870, set from the next cell's
    left edge (a generated page on A5): evenly set digits, one crossing the rule, but centred on
    neither cell, so not one figure (it was read 2223870)."""
    glyphs = _digits("2223870", 222.6, advance=5.0)
    assert [text for text, _ in _placed(glyphs, [220.9, 240.4, 259.9])] == list("2223870")


def test_a_figure_run_past_the_table_goes_in_its_last_column():
    """460 in the last column, its 0 past the table's right rule: read whole, inside the table."""
    [(text, x)] = _placed(_digits("460", 100.0), [40.0, 80.0, 113.0])
    assert text == "460" and 80.0 < x < 113.0


def test_characters_set_unevenly_across_a_rule_are_not_one_figure():
    """Two figures that meet at a rule, the gap where they meet wider than between their digits:
    not one figure, even though a character crosses the rule of the cell they are centred on."""
    edges = [50.0, 73.0, 90.0, 130.0]
    glyphs = _digits("21", 70.0) + _digits("96", 83.4)  # digits 1 point apart, 2.4 where they meet
    assert [text for text, _ in _placed(glyphs, edges)] == list("2196")
    assert _placed(_digits("2196", 70.0), edges) == [("2196", 81.5)]  # evenly set: one figure


def _cut_table(texts: list[tuple[str, float]]) -> tuple[list[Line], list[Line]]:
    """A one-row table from x 300 to the page's edge at 420 (a rule at 390), a row's texts past it
    at the given x; its rules after ``rules.past_the_page``."""
    horizontal = [Line(100.0, 300.0, 420.0), Line(120.0, 300.0, 420.0)]
    vertical = [Line(x, 100.0, 120.0) for x in (300.0, 390.0, 420.0)]
    chars = [g for text, x in texts for g in _digits(text, x)]
    for glyph in chars:
        glyph.y0, glyph.y1, glyph.base = 105.0, 115.0, 105.0
    past_the_page(horizontal, vertical, chars, 420.0)
    return horizontal, vertical


def test_the_last_column_of_a_table_cut_by_the_page_edge_reaches_past_it():
    """74 starts in the last column and runs past the page's edge: the column goes on past it."""
    horizontal, vertical = _cut_table([("74", 415.0)])
    assert max(line.at for line in vertical) > 420 and all(line.end > 420 for line in horizontal)


def test_columns_past_the_page_edge_without_rules_are_not_guessed():
    """Two texts past the edge in one line: columns whose rules were not drawn; left as drawn."""
    horizontal, vertical = _cut_table([("0", 415.0), ("0", 440.0)])
    assert max(line.at for line in vertical) == 420.0


def test_a_figure_cut_after_its_separator_by_the_page_end_is_read_whole(tmp_path, fixtures):
    """平潭 2024 with one figure of table 四 written 3，880: LibreOffice on A5 splits the figure row
    over two pages, "3，" at the foot of one, "880" at the top of the next. Read as 3880, never as
    3 (the rest once went unread on the page after the tables)."""
    page = _page(fixtures, "pingtan-2024")
    figure = '<td valign="center"><p style="text-indent: 0em;">13</p></td>'
    assert page.count(figure) == 1  # 复议后起诉 × 结果维持
    page = page.replace(figure, figure.replace(">13<", ">3，880<"))
    how = Printing("libreoffice", "A5", "narrow", True)
    extraction = extract_report(printed(page, tmp_path / "report.pdf", how))
    truth = truth_cells(fixtures / "realworld" / "pingtan-2024.truth.json")
    truth[("review", "litigation_after_review", "upheld")] = Decimal(3880)
    assert mismatches(extraction, truth) == []
    fact = next(f for f in extraction.facts if (f.row, f.column) == ("litigation_after_review", "upheld"))
    assert fact.raw == "3，\n880"


def test_a_cut_figure_is_no_figure_by_itself():
    with pytest.raises(NumberError, match="cut after its separator"):
        parse_number("3，")
    assert parse_number("3，\n880") == Decimal(3880)  # its lines join to a number


def test_the_rest_of_a_cut_figure_joins_it_across_the_page_break():
    before = _segment(6, [[("2", 100, 130), ("3，", 130, 160)]])
    after = _segment(7, [[("", 100, 130), ("880", 130, 160)]])
    joined = continue_row(before, after)
    assert joined is not None
    assert [r.text for r in joined[0].row(0)] == ["2", "3，\n880"] and [r.text for r in joined[1].row(0)] == ["", ""]
    assert continue_row(_segment(6, [[("2", 100, 130), ("3", 130, 160)]]), after) is None  # a whole figure


APPLICANTS = ["natural_person", "commercial_enterprise", "research_institution", "social_welfare_org"]


def _columns() -> list[Column]:
    # 自然人's box reaches over most of the commercial figure's cell; 商业企业 is set right of it.
    edges = [(330, 395), (395, 430), (430, 465), (465, 500)]
    return [Column(x0, x1, code) for (x0, x1), code in zip(edges, APPLICANTS)]


def test_figures_set_off_the_header_grid_are_read_by_position():
    """One cell per column (a narrow natural-person cell, the commercial figure in a wider cell
    under 自然人's box): each figure goes to the column whose figures it lines up with."""
    cells = [("64", 330, 345), ("0", 345, 420), ("3", 420, 460), ("1", 460, 500)]
    regions = [Region(text, 3, 5, 5, x0, x1) for text, x0, x1 in cells]
    found = cells_under(_columns(), regions, 300, "table 三")
    assert {code: region.text for code, region in found.items()} == dict(zip(APPLICANTS, ["64", "0", "3", "1"]))


def test_two_figures_under_one_header_with_a_spare_cell_are_refused():
    """With more cells than columns the position says nothing: two figures under one header fail."""
    cells = [("64", 330, 345), ("0", 345, 420), ("", 420, 425), ("3", 425, 460), ("1", 460, 500)]
    regions = [Region(text, 3, 5, 5, x0, x1) for text, x0, x1 in cells]
    with pytest.raises(ReportError, match="two figures under the header natural_person on page 3"):
        cells_under(_columns(), regions, 300, "table 三")


RESULTS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
RESULT_CODES = ["upheld", "corrected", "other", "pending", "total"]


def _review(split: int, repeated: bool) -> Table:
    """Table 四 with its results written one character per line (结/果/维/持), cut by the page end
    after ``split`` characters of every result; ``repeated``: the next page prints the whole
    header again."""
    xs = [(100.0 + 30 * j, 130.0 + 30 * j) for j in range(15)]
    proceedings = [("行政复议", xs[0][0], xs[4][1]), ("行政诉讼", xs[5][0], xs[14][1])]
    litigation = [
        ("", xs[0][0], xs[4][1]),
        ("未经复议直接起诉", xs[5][0], xs[9][1]),
        ("复议后起诉", xs[10][0], xs[14][1]),
    ]

    def results(part: slice) -> list[tuple[str, float, float]]:
        return [("\n".join(RESULTS[j % 5][part]), x0, x1) for j, (x0, x1) in enumerate(xs)]

    figures = [(str(j), x0, x1) for j, (x0, x1) in enumerate(xs)]
    before = grid_segment(4, [proceedings, litigation, results(slice(0, split))], xs)
    if repeated:
        after = grid_segment(5, [proceedings, litigation, results(slice(None)), figures], xs)
    else:
        after = grid_segment(5, [results(slice(split, None)), figures], xs)
    return Table("review", [before, after])


@pytest.mark.parametrize("split", [1, 2, 3])
@pytest.mark.parametrize("repeated", [False, True], ids=["continued", "repeated"])
def test_table4_header_cut_in_any_character_is_read(split, repeated):
    """结 | 果维持, 结果 | 维持, 结果维 | 持 at the page end, the rest on the next page or the whole
    header printed again: every figure goes to its proceeding and result."""
    facts = {(fact.row, fact.column): fact.raw for fact in map_review(_review(split, repeated)).facts}
    proceedings = ["administrative_review", "litigation_direct", "litigation_after_review"]
    expected = {(proceedings[j // 5], RESULT_CODES[j % 5]): str(j) for j in range(15)}
    assert facts == expected


def test_a_print_no_engine_reads_fails_with_the_furthest_reading(tmp_path, fixtures):
    """平潭 2022 printed ruled by LibreOffice on A5: table 四 is set wider than the page and the
    file holds nothing of its last two columns. camelot finds no 总计 header in table 三; the rules
    reader finds every table and lacks only those cells: its line is the one reported, with the
    cause: the text of page 6 runs past the page's right edge."""
    how = Printing("libreoffice", "A5", "default", True)
    with pytest.raises(ReportError) as failed:
        extract_report(printed(_page(fixtures, "pingtan-2022"), tmp_path / "report.pdf", how))
    assert str(failed.value) == (
        "table 四 (review and litigation): cells not found: "
        "litigation_after_review × pending, litigation_after_review × total "
        "(page 6: text runs past the page's edge (from x 57 to 439 on a page 420 points wide): "
        "a table wider than the paper, whose columns past the edge are not printed)"
    )


def test_a_space_between_two_figures_parts_them():
    """WeasyPrint sets a space between the figures of neighbouring columns: 2 and 1 of table 四's
    narrow columns, 11.7 points apart (closer than an em), are two figures, never 21."""
    line = [Glyph("2", 198.7, 207.6, 100, 116.3, base=100), Glyph("1", 219.3, 228.2, 100, 116.3, spaced=True, base=100)]
    assert [block.text for block in pieces(line)] == ["2", "1"]


def _figure_rows(rows: list[list[tuple[str, float]]]) -> list[Block]:
    """The pieces of lines of figures, each digit 8.9 wide, those of one figure touching."""
    found: list[Block] = []
    for r, row in enumerate(rows):
        glyphs = [
            Glyph(ch, x0 + i * 8.6, x0 + i * 8.6 + 8.9, 100 - 20 * r, 116 - 20 * r, base=100 - 20 * r)
            for text, x0 in row
            for i, ch in enumerate(text)
        ]
        found += pieces(sorted(glyphs, key=lambda g: g.x0))
    return found


def test_figures_of_neighbouring_columns_set_close_part():
    """71 and 3 of two left-aligned columns narrower than 71, 3 points apart (the digits of 71
    overlap): one piece of text, but the 3 starts where its column's figures start, so two figures;
    and the completeness guard reads the row so too."""
    rows = [[("71", 199.7), ("3", 220.2), ("0", 243.2)], [("1", 199.7), ("0", 220.2), ("0", 243.2)]]
    assert "713" in [p.text for p in _figure_rows(rows)]
    table = text_table(_figure_rows(rows), ([199.7, 220.2, 243.2], "left"))
    assert sorted(p.text for p in table.pieces if p.yc > 100) == ["0", "3", "71"]
    starts = [192.7, 213.2, 236.2, 260.0]
    [seventy_one_three] = [p for p in _figure_rows(rows) if p.text == "713"]
    assert [p.text for p in by_columns(seventy_one_three, starts)] == ["71", "3"]


def test_one_figure_is_not_cut_at_a_column_start():
    """4271 evenly set from one column's left edge across the next column's start stays whole."""
    rows = [[("4271", 203.0), ("0", 243.2)], [("1", 199.7), ("0", 220.2), ("0", 243.2)]]
    table = text_table(_figure_rows(rows), ([199.7, 220.2, 243.2], "left"))
    assert sorted(p.text for p in table.pieces if p.yc > 100) == ["0", "4271"]


A5_UNRULED = Printing("chromium", "A5", "default", rules=False)


def test_a_figure_wider_than_its_cell_set_from_its_left_edge_keeps_its_column(tmp_path):
    """A generated 2021 report without rules on A5 (Chromium): the total column is narrower than
    4271, which Chromium sets from the cell's left edge while the 0 below it is centred. Lined up
    by their right ends the figures of the table's first part (two rows at the foot of page 2)
    made columns that reach over each other (4164 over a 0 of its own column), the part on the
    next page did not continue them and its rows were not recognised; centred, the columns keep
    apart, and 4271 stays in the total column."""
    content = generate(1, "2021")
    pdf = printed(report_html(content, False, border_attribute=True), tmp_path / "report.pdf", A5_UNRULED)
    assert mismatches(extract_report(pdf), figure_cells(content.figures)) == []


def test_columns_of_figures_keep_apart():
    """Two rows of a centred table whose last figure, too wide for its cell, is set from the
    cell's left edge: centred, the table has two columns, not one per figure's end."""
    rows = [[("4164", 270.0), ("4271", 345.0)], [("0", 276.0), ("0", 349.0)]]
    pieces = [Block(_digits(text, x, advance=4.5, width=4.5)) for row in rows for text, x in row]
    for y, row in zip((100.0, 80.0), ([0, 1], [2, 3])):
        for i in row:
            for glyph in pieces[i].glyphs:
                glyph.y0, glyph.y1, glyph.base = y, y + 9.0, y
    table = text_table(pieces)
    assert table.align == "centre" and len(table.anchors) == 2


def test_a_vertical_group_label_whose_closing_mark_overhangs_its_column(tmp_path):
    """A generated 2021 report without rules on A5 (Chromium): table 三's group label 三、本年度办理结果
    is set one character a line in a column one character wide, and 三、 keeps its 、 on its line,
    past the column's edge into the item labels' column. The mark says nothing of the cell's width:
    the label stays in its column, one cell beside （一）…（七）. (Its figures 2223 | 870 and
    2216 | 2350 run together: the next test.)"""
    content = generate(2, "2021")
    pdf = printed(report_html(content, False, border_attribute=True), tmp_path / "report.pdf", A5_UNRULED)
    assert mismatches(extract_report(pdf), figure_cells(content.figures)) == []


def _run_together(junction: float) -> list[Block]:
    """77 | 1561 centred in two narrow columns (anchors 230.6 and 251.8), below them 2223 set from
    its cell's left edge into 870, the digits of each touching, ``junction`` points between them."""
    above = [Block(_digits("77", 225.6, 5.0, 5.0)), Block(_digits("1561", 241.8, 5.0, 5.0))]
    for block in above:
        for glyph in block.glyphs:
            glyph.y0, glyph.y1, glyph.base = 120.0, 130.0, 120.0
    run = _digits("2223", 222.28, 4.995, 4.995) + _digits("870", 227.28 + 3 * 4.995 + junction, 5.0, 5.0)
    return above + [Block(run)]


def test_figures_of_neighbouring_columns_run_together_are_cut_where_they_meet():
    """Two figures too wide for their cells run into one piece (2223870): the digits of each touch,
    the two meet 0.36 points apart. Cut there, each part stands at its column's anchor."""
    table = text_table(_run_together(0.36))
    assert sorted(p.text for p in table.pieces) == ["1561", "2223", "77", "870"]
    assert table.anchors == pytest.approx([230.6, 251.8], abs=0.1) and not table.run_together


def test_figures_run_together_are_not_cut_where_no_part_stands_at_its_column():
    """The digits meet where nothing stands at a column's anchor (222|3870): which digit is whose,
    the text layer does not say. Not cut, and the grid is refused with one line naming it."""
    table = text_table(
        _run_together(0.0)[:2] + [Block(_digits("222", 222.28, 4.995, 4.995) + _digits("3870", 237.6, 4.995, 4.995))]
    )
    assert [p.text for p in table.run_together] == ["2223870"]
    with pytest.raises(ReportError, match="the figure '2223870' reaches over figures of two columns"):
        segment(2, table)


def test_a_letter_spaced_figure_over_two_columns_is_one_figure():
    """713 letter-spaced in a cell over the columns of two figures above it (平潭 2022 on A5): one
    text at one pitch, one figure."""
    table = text_table(_run_together(0.0)[:2] + [Block(_digits("713", 222.0, 10.0, 5.0))])
    assert "713" in [p.text for p in table.pieces] and not table.run_together
