"""Word documents exported to PDF (``pipeline/replica/printings.py``, producer ``word``): rows
allowed to break across pages, header rows repeated on each page or not. A slice of
``python -m bench.layouts --producer word``: each case is a print that once failed, and the
readers' rules behind them on small grids."""

from __future__ import annotations

import pytest
from segment_support import grid_segment
from truth import truth_cells

from pipeline.core.facts import ReportError
from pipeline.core.figures import figure_cells, mismatches
from pipeline.core.settings import PROJECT_DIR
from pipeline.extract import extract_report
from pipeline.extract.classify import Table, assemble
from pipeline.extract.figurewrap import join_wrapped
from pipeline.extract.glyphs import Glyph
from pipeline.extract.proactive_table import map_proactive
from pipeline.extract.segments import Segment
from pipeline.extract.textcells import Block
from pipeline.extract.unruled import read_unruled
from pipeline.replica.content import load_content
from pipeline.replica.htmlprint import report_html
from pipeline.replica.printings import Printing, printed, word_layout
from pipeline.replica.synthetic import generate
from pipeline.replica.worddoc import draw_word_style, render_docx

SEED = PROJECT_DIR / "data" / "samples" / "mfa-2020.yaml"


def _segment(page: int, rows: list[list[tuple[str, float, float]]], first: bool = False) -> Segment:
    """A segment over the edges of its widest row, the first on its page or else the last."""
    return grid_segment(page, rows, first=first, last=not first)


WIDE = [(60.0, 360.0)]
COLUMNS = [(60.0, 140.0), (140.0, 220.0), (220.0, 290.0), (290.0, 360.0)]


def _row(*texts: str) -> list[tuple[str, float, float]]:
    return [(text, x0, x1) for text, (x0, x1) in zip(texts, COLUMNS)]


def _article(text: str) -> list[tuple[str, float, float]]:
    return [(text, *WIDE[0])]


def _facts(table: Table) -> dict[tuple[str, str], str]:
    return {(fact.row, fact.column): fact.raw for fact in map_proactive(table).facts}


def test_table2_header_row_cut_by_the_page_end_is_joined():
    """A row of measure headers at the foot of a page, the rest of its cells at the top of the
    next (上一年项 | 目数量): each header is read whole over its figures."""
    before = _segment(
        4,
        [
            _article("第二十条第（六）项"),
            _row("信息内容", "上一年项", "本年增/减", "处理决定"),
        ],
    )
    after = _segment(
        5, [_row("", "目数量", "", "数量"), _row("行政处罚", "1", "2", "3"), _row("行政强制", "4", "5", "6")], True
    )
    facts = _facts(Table("proactive", [before, after]))
    assert facts[("administrative_penalty", "previous_year_items")] == "1"
    assert facts[("administrative_coercion", "decisions")] == "6"


def test_table2_header_repeated_on_the_next_page_is_passed_over():
    """Word repeats a table's first rows (第二十条第（一）项 and its headers) at the top of each
    page: the rows below stay in the part they belong to (（九）, its own measures)."""
    first = [_article("第二十条第（一）项"), _row("信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量")]
    before = _segment(
        2,
        [
            *first,
            _row("规章", "0", "0", "3"),
            _article("第二十条第（九）项"),
            _row("信息内容", "采购项目数量", "采购总金额", ""),
        ],
    )
    after = _segment(3, [*first, _row("政府集中采购", "38", "12808万元", "")], True)
    facts = _facts(Table("proactive", [before, after]))
    assert facts[("centralized_procurement", "procurement_items")] == "38"
    assert facts[("rules", "total_published")] == "3"


def test_table_whose_first_row_alone_ends_a_page_keeps_it():
    """Table 四's first row cut by the page end (行政 | 行政 at the foot of a page, 复议 | 诉讼 on
    the next): too little to recognise alone, it opens the table whose columns go on."""
    edges = [(60.0, 200.0), (200.0, 500.0)]
    opening = _segment(4, [[("行政", *edges[0]), ("行政", *edges[1])]])
    results = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    xs = [(60.0 + 440 * j / 15, 60.0 + 440 * (j + 1) / 15) for j in range(15)]
    review = _segment(
        5,
        [
            [("复议", 60.0, 200.0), ("诉讼", 200.0, 500.0)],
            [(results[j % 5], x0, x1) for j, (x0, x1) in enumerate(xs)],
            [(str(j), x0, x1) for j, (x0, x1) in enumerate(xs)],
        ],
        True,
    )
    review.cols = xs
    tables, _ = assemble([opening, review])
    assert tables["review"].segments[0] is opening


def test_seed_page_as_a_word_document_reads_every_cell(tmp_path):
    """The seed's page saved as a Word document and printed on A5: table 二's header row 信息内容 |
    上一年项目数量 … cut by the page end, table 四's lower header row cut in every cell (结果 |
    维持), rows of table 三 breaking across pages."""
    how = Printing("word", "A5", "default", True)
    seed = load_content(SEED)
    extraction = extract_report(printed(report_html(seed, double_rules=False), tmp_path / "report.pdf", how))
    assert mismatches(extraction, figure_cells(seed.figures)) == []


def test_generated_word_document_reads_every_cell(tmp_path):
    """A generated 2021 report's own Word document (narrow figure columns whose figures wrap) on A4:
    a row of table 三 breaks between the lines of its figures (17 | 6), and table 四's first row
    alone ends a page (行政 | 复议)."""
    content = generate(1, "2021")
    style, _ = draw_word_style(1)
    style.tracked = style.controls = False
    document = render_docx(content, 1, style).data
    pdf = printed("", tmp_path / "report.pdf", Printing("word", "A4", "default", True), document)
    assert mismatches(extract_report(pdf), figure_cells(content.figures)) == []


@pytest.mark.parametrize(
    "template, how",
    [
        # Table 三's figures wrapped one digit a line (1 / 7 / 6), centred in rows whose labels are
        # set from the top (2.重复申请 a line above its figures); 三、本年度办理结果 set one
        # character a line, its 度 beside a wrapped figure's last line; table 四's headers set
        # double (结 / 果 / 维 / 持 beside 未经复议 / 直接起诉, 复议 / 后起诉).
        ("2021", Printing("word", "A5", "default", False)),
        # With a header and footer: table 三's header cut by the page end (法人或 / 其他组织 set
        # double above the break, 商业企业 … under it), a wrapped figure opening a page under no
        # label (2 / 4 of （七）总计), table 二's section titles centred over a column's header.
        ("2019", Printing("word", "A5", "default", False, heads=True)),
    ],
    ids=["2021", "2019-heads"],
)
def test_generated_word_document_without_rules_on_a5_reads_every_cell(tmp_path, template, how):
    """A generated report's own Word document printed on A5 without rules, its narrow cells
    wrapping figures and headers: read exactly."""
    content = generate(1, template)
    style, _ = draw_word_style(1)
    style.tracked = style.controls = False
    document = render_docx(content, 1, style).data
    pdf = printed("", tmp_path / "report.pdf", how, document)
    assert mismatches(extract_report(pdf), figure_cells(content.figures)) == []


def test_a_print_without_rules_that_fails_says_why_its_tables_were_not_read(tmp_path):
    """A Word document whose running heads draw a rule under them: the ruled engines try its pages
    too and find no table at all. The line a failing print gives is the reader of tables without
    rules' own (where its reading broke), not "not found among the ruled tables". The generated
    report of seed 2 on A5 is one such print (its figures of successive rows wrap into one run,
    docs/layouts.md)."""
    content = generate(2, "2019")
    style, _ = draw_word_style(2)
    style.tracked = style.controls = False
    document = render_docx(content, 2, style).data
    how = Printing("word", "A5", "default", False, heads=True, odd_even=True)
    pdf = printed("", tmp_path / "report.pdf", how, document)
    with pytest.raises(ReportError) as failed:
        extract_report(pdf)
    assert "ruled tables" not in str(failed.value)
    assert "without rules" in str(failed.value)


def test_word_layout_lets_rows_break_and_repeats_the_header(tmp_path):
    """The document printed: its rows may break across pages, the rows above the first figure
    repeat, a table wider than the text is fitted to it."""
    import io

    import docx

    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(1, 0).text, table.cell(1, 1).text = "自然人", "一、本年新收", "5"
    table.rows[1]._tr.get_or_add_trPr().append(docx.oxml.OxmlElement("w:cantSplit"))
    buffer = io.BytesIO()
    document.save(buffer)
    laid = docx.Document(io.BytesIO(word_layout(buffer.getvalue(), Printing("word", "A5", "narrow", True, True))))
    rows = laid.tables[0].rows
    assert [
        row._tr.trPr is not None and row._tr.trPr.find(docx.oxml.ns.qn("w:tblHeader")) is not None for row in rows
    ] == [True, False]
    assert not list(laid.element.body.iter(docx.oxml.ns.qn("w:cantSplit")))
    section = laid.sections[0]
    assert round(section.page_width.mm) == 148 and round(section.left_margin.mm) == 8
    width = sum(int(c.get(docx.oxml.ns.qn("w:w"))) for c in laid.tables[0]._tbl.iter(docx.oxml.ns.qn("w:gridCol")))
    assert width <= (section.page_width - 2 * section.left_margin) // 635


def test_word_layout_repeats_no_layout_row():
    """A page whose whole article is one cell of a layout table (经济发展局's page on 2021), saved
    as a Word document: that row holds the figures of the tables nested in it and is no header to
    repeat (LibreOffice loops on a repeated row taller than a page, "did not convert within 120 s");
    the nested table's rows above its first figure repeat."""
    import io

    import docx
    from docx.oxml.ns import qn

    document = docx.Document()
    cell = document.add_table(rows=1, cols=1).cell(0, 0)
    nested = cell.add_table(rows=2, cols=2)
    nested.cell(0, 1).text, nested.cell(1, 0).text, nested.cell(1, 1).text = "自然人", "一、本年新收", "5"
    buffer = io.BytesIO()
    document.save(buffer)
    laid = docx.Document(io.BytesIO(word_layout(buffer.getvalue(), Printing("word", "A4", "default", True, True))))
    outer = laid.tables[0]._tbl
    inner = next(table for table in outer.iter(qn("w:tbl")) if table is not outer)
    repeated = [row.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None for row in outer.iter(qn("w:tr"))]
    assert [row.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None for row in inner.iter(qn("w:tr"))] == [
        True,
        False,
    ]
    assert repeated == [False, True, False]  # the layout row, then the nested table's rows


def test_a_table_the_page_floats_is_set_in_the_text():
    """A page's table floated beside its text (``<table align="left">``, 经济发展局's table 二) saved
    as a Word document: LibreOffice keeps it in a frame (a text box, twice: drawn and as VML), which
    it lays over the text below where the layout cell holding it breaks across pages (table 二 over
    table 三: "the applicant header row is missing"). The document has it once, in the text, before
    the paragraph the frame was anchored to, as Word opens such a page."""
    import io

    import docx
    from docx.oxml.ns import qn

    from pipeline.replica.printings import word_document

    page = (
        "<html><body><table border='0'><tr><td><p>二、主动公开政府信息情况</p>"
        "<table align='left' border='1'><tr><td>信息内容</td><td>本年制发件数</td></tr>"
        "<tr><td>规章</td><td>7</td></tr></table><p>三、收到和处理政府信息公开申请情况</p>"
        "</td></tr></table></body></html>"
    )
    body = docx.Document(io.BytesIO(word_document(page))).element.body
    assert not list(body.iter(qn("w:txbxContent")))
    tables = [table for table in body.iter(qn("w:tbl")) if table.getparent().tag == qn("w:tc")]
    assert len(tables) == 1
    cell = tables[0].getparent()
    texts = ["".join(t.text for t in child.iter(qn("w:t"))) for child in cell if child.tag in (qn("w:p"), qn("w:tbl"))]
    assert texts[0] == "二、主动公开政府信息情况"
    assert texts.index("信息内容本年制发件数规章7") < texts.index("三、收到和处理政府信息公开申请情况")


APPLICANTS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
SIDE = (60.0, 200.0)
FIGURE_COLUMNS = [(200.0 + 30 * j, 230.0 + 30 * j) for j in range(7)]


def _requests_row(label: str, figures: list[str]) -> list[tuple[str, float, float]]:
    return [(label, *SIDE), *[(text, x0, x1) for text, (x0, x1) in zip(figures, FIGURE_COLUMNS)]]


def test_table3_figures_cut_by_the_page_end_are_read_whole():
    """A row that Word breaks across pages in narrow columns: each wrapped figure's first line at
    the foot of one page (17), the rest at the top of the next (6); the label goes on too. Each
    figure is read whole (176), and the completeness guard counts both parts as that fact's."""
    from pipeline.extract.completeness import check_complete
    from pipeline.extract.requests_table import map_requests

    header = _requests_row("", APPLICANTS)
    before = _segment(
        2,
        [
            header,
            _requests_row("一、本年新收政府信息公开申请数量", ["1", "0", "0", "0", "0", "0", "1"]),
            _requests_row("二、上年结转政府信", ["17", "0", "0", "0", "0", "0", "17"]),
        ],
    )
    after = _segment(3, [_requests_row("息公开申请数量", ["6", "", "", "", "", "", "6"])], True)
    tables = {"requests": [before, after]}
    requests = map_requests(Table("requests", tables["requests"]))
    carried = {fact.column: fact for fact in requests.facts if fact.row == "carried_over"}
    assert carried["natural_person"].value == 176 and carried["total"].value == 176
    assert carried["commercial_enterprise"].value == 0
    assert sorted((part.page, part.text) for part in requests.parts) == [(2, "17"), (2, "17"), (3, "6"), (3, "6")]
    check_complete(tables, requests.facts, parts={"requests": requests.parts})
    with pytest.raises(ReportError, match="the figure '17' is printed in 2 cells on page 2"):
        check_complete(tables, requests.facts)


def test_table3_row_cut_beside_an_outer_cell_goes_on():
    """At the top of the next page the rest of a cut row prints its figures' last lines (4) with
    its own label cell blank, beside the rest of its group's cell (（五）不 | 予处理): the row above
    goes on; the group's text is no row's label."""
    from pipeline.extract.requests_table import map_requests

    def row(group: str, label: str, figures: list[str]) -> list[tuple[str, float, float]]:
        cells = [(text, x0, x1) for text, (x0, x1) in zip(figures, FIGURE_COLUMNS)]
        return [(group, 60.0, 120.0), (label, 120.0, 200.0), *cells]

    before = _segment(
        2,
        [
            _requests_row("", APPLICANTS),
            _requests_row("一、本年新收政府信息公开申请数量", ["1", "0", "0", "0", "0", "0", "1"]),
            row("（五）不", "1.信访举报投诉类申请", ["1", "0", "0", "0", "0", "0", "1"]),
        ],
    )
    after = _segment(3, [row("予处理", "", ["4", "", "", "", "", "", "4"]), row("", "2.重复申请", ["0"] * 7)], True)
    facts = {(f.row, f.column): f.value for f in map_requests(Table("requests", [before, after])).facts}
    assert facts[("not_processed.petition_complaint", "natural_person")] == 14
    assert facts[("not_processed.duplicate", "total")] == 0


def test_table3_numbered_label_beside_an_unmerged_blank_cell_opens_its_own_row():
    """A ruled table that draws the label column beside 二、上年结转… as a cell of its own (not
    merged) prints it blank: at the top of a page the numbered label is a row of its own, as in a
    table without rules, not the rest of the row above (whose figures would take its own)."""
    from pipeline.extract.requests_table import map_requests

    def row(label: str, figures: list[str]) -> list[tuple[str, float, float]]:
        cells = [(text, x0, x1) for text, (x0, x1) in zip(figures, FIGURE_COLUMNS)]
        return [(label, 60.0, 120.0), ("", 120.0, 200.0), *cells]

    before = _segment(2, [_requests_row("", APPLICANTS), row("一、本年新收政府信息公开申请数量", ["1"] * 6 + ["6"])])
    after = _segment(3, [row("二、上年结转政府信息公开申请数量", ["2"] * 6 + ["12"])], True)
    facts = {(f.row, f.column): f.value for f in map_requests(Table("requests", [before, after])).facts}
    assert (facts[("new_requests", "natural_person")], facts[("new_requests", "total")]) == (1, 6)
    assert (facts[("carried_over", "natural_person")], facts[("carried_over", "total")]) == (2, 12)


def test_table3_header_cut_in_every_applicant_cell_is_joined():
    """Table 三's header at the foot of a page names no applicant whole (自 | 法人或 | 总), the rest
    of each cell opens the next page (然人 | 其他组织 | 计) above the lower header row: every
    column is found."""
    from pipeline.extract.requests_table import map_requests

    wide, legal = (200.0, 410.0), (230.0, 380.0)
    columns = dict(zip(APPLICANTS, FIGURE_COLUMNS))
    before = _segment(
        2,
        [
            [("（本列数据的勾稽关系为：第一项加第二项之和）", *SIDE), ("申请人情况", *wide)],
            [("", *SIDE), ("自", *columns["自然人"]), ("法人或", *legal), ("总", *columns["总计"])],
        ],
    )
    lower = [("", *SIDE), ("", *columns["自然人"]), *[(name, *columns[name]) for name in APPLICANTS[1:6]]]
    after = _segment(
        3,
        [
            [("", *SIDE), ("然人", *columns["自然人"]), ("其他组织", *legal), ("计", *columns["总计"])],
            [*lower, ("", *columns["总计"])],
            _requests_row("一、本年新收政府信息公开申请数量", ["1", "2", "3", "4", "5", "6", "21"]),
        ],
        True,
    )
    before.cols = after.cols = [SIDE, *FIGURE_COLUMNS]
    facts = {f.column: f.raw for f in map_requests(Table("requests", [before, after])).facts if f.row == "new_requests"}
    assert facts["natural_person"] == "1" and facts["other_org"] == "6" and facts["total"] == "21"


# Word documents without rules (every border removed), printed by LibreOffice: (page, print).
UNRULED = {
    # A5: figure columns too narrow for their figures: Writer wraps them inside the cell (217 as
    # 21 / 7, 218 as 2 / 1 / 8, centred in the row), and the page end cuts one between its lines
    # (2 / 1 at the foot of a page, the 1 right under the 2, once taken for a page number; 8 on the
    # next); table 三's header repeated on each page.
    "figures-wrapped-in-their-cells": ("pingtan-2024", Printing("word", "A5", "default", False, True)),
    # Letter: table 三's header repeated at the top of a page (passed over, as table 二's: the
    # MFA seed's page on Letter), under it the rest of a group label cut by the page end (供 of
    # （四）无法提 / 供) set a line below the label of the row it goes on beside.
    "group-label-rest-under-a-repeated-header": ("pingtan-2025", Printing("word", "Letter", "default", False, True)),
    # A5: table 三's header cut by the page end, every header cell wrapped one or two characters
    # a line (商 / 业, 科 / 研, 社 / 会 / 公, its rest on the next page) and set from its top: the
    # cells whose first lines share a baseline are one row (社会公 was read as a row of its own).
    "header-cut-with-every-cell-wrapped": ("pingtan-2023", Printing("word", "A5", "default", False)),
    # A5, narrow margins: table 四's 行政诉讼, centred over ten narrow columns, starts where the
    # ninth column's figures start; beside it 行政复议 stands at no column's edge, so the row is
    # centred and 行政诉讼 covers its ten columns (not five, leaving 未经复议直接起诉's total under
    # no proceeding).
    "litigation-centred-over-ten-narrow-columns": ("pingtan-2023", Printing("word", "A5", "narrow", False)),
    # 上海 2019 (another publisher, nowrap cells) on A5: table 三's 其他 and 总计 columns narrower
    # than a character, each written one character a line (其 / 他, 总 / 计) from the cell's left,
    # so 其 runs 1.2 points under 计 beside it: set over each other, they were read as one text.
    "headers-set-over-each-other-in-cells-narrower-than-a-character": (
        "shanghai-2019",
        Printing("word", "A5", "default", False),
    ),
    # The same with the header repeated: table 三 begins on page 4 under the heading 三、收到和处理
    # 政府信息公开申请情况, as wide as most of a line on A5, which made 申请人情况 under it a
    # paragraph's last line (running text): the header lost its top row.
    "table-under-a-section-heading-as-wide-as-a-line": (
        "shanghai-2019",
        Printing("word", "A5", "default", False, True),
    ),
    # The same on Letter with the header repeated: on page 3, 于第三项加第四项之和） (the note's rest)
    # and 总 of 总 / 计 beside it stand on baselines a tenth of a point apart, one line on page 2
    # and two on page 3; compared line by line, the repeat ended there, and the note's rest was
    # read as a row of table 三.
    "header-repeated-whose-texts-fall-into-other-lines": (
        "shanghai-2019",
        Printing("word", "Letter", "default", False, True),
    ),
    # The same on A5 with narrow margins: 其 of 其他 and 计 of 总计 stand 1.1 em apart, 0.06 em
    # between their boxes, read as one text 其计; table 四's header ends page 5, its one row of
    # figures on page 6, its cells centred in rows of two heights: 总 / 计 beside 结 / 果 / 维 / 持
    # under 未经复议直接起诉, a line below the first lines of the row above, was read as a row of
    # its own by its first line.
    "headers-side-by-side-in-cells-hardly-wider-than-a-character": (
        "shanghai-2019",
        Printing("word", "A5", "narrow", False),
    ),
    # The same with the header repeated: on page 4 其计 is one text, on page 3 其 and 计 are two
    # (baselines a tenth of a point apart); compared text by text, the repeat ended there.
    "header-repeated-whose-characters-fall-into-other-texts": (
        "shanghai-2019",
        Printing("word", "A5", "narrow", False, True),
    ),
    # A4: the report's title in every page's header, 第 2 页 共 5 页 in its footer (running heads:
    # the footer's 2 was read into table 二's cells, "the text '2' falls in the cell of '页共'").
    "title-header-and-page-footer": ("pingtan-2023", Printing("word", "A4", "default", False, heads=True)),
    # A4, heads as official documents set them: none on the title page, the title over odd pages
    # and the agency's name over even ones, "— 2 —" on the outer side (the title over page 5 was
    # read as a row of table 三: "rows not recognised: '平潭综合实验区2023年度…'").
    "title-page-without-heads-odd-and-even-pages-apart": (
        "pingtan-2023",
        Printing("word", "A4", "default", False, heads=True, title_page=True, odd_even=True),
    ),
}


@pytest.mark.parametrize("case", sorted(UNRULED))
def test_word_document_without_rules_reads_every_cell(tmp_path, fixtures, case):
    name, how = UNRULED[case]
    page = (fixtures / "realworld" / f"{name}.html").read_text(encoding="utf-8")
    extraction = extract_report(printed(page, tmp_path / "report.pdf", how))
    assert extraction.engine == "text"
    assert mismatches(extraction, truth_cells(fixtures / "realworld" / f"{name}.truth.json")) == []


def _text(text: str, x0: float, y0: float, width: float = 7.6, height: float = 11.0) -> Block:
    return Block(
        [Glyph(ch, x0 + i * width, x0 + (i + 1) * width, y0, y0 + height, base=y0) for i, ch in enumerate(text)]
    )


def test_figure_lines_are_joined_only_within_one_row():
    """Lines of one figure wrapped in its cell (21 / 7 centred on the row's label, or set from its
    top) are one figure; the same texts beside two rows' labels, stacked beside one label that is
    level with the lower line alone (the rest of a figure cut by the page end, then the next
    row's), or with a figure of the next row beside the lower line, stay apart."""

    def column(_: Block) -> int:
        return 0

    upper, lower = _text("21", 200, 100), _text("7", 200, 86)
    assert [b.text for b in join_wrapped([upper, lower], [_text("一二三", 50, 93, 12, 12)], column, "left")] == [
        "21\n7"
    ]
    two_rows = [_text("一二三", 50, 100, 12, 12), _text("四五六", 50, 86, 12, 12)]
    assert [b.text for b in join_wrapped([upper, lower], two_rows, column, "left")] == ["21", "7"]
    # A label of two lines centred on the lower figure: level with both, centred on neither.
    rest, below = _text("8", 200, 100), _text("0", 200, 86)
    label = Block(_text("一二三", 50, 94, 12, 12).glyphs + _text("四五", 50, 77, 12, 12).glyphs)
    assert [b.text for b in join_wrapped([rest, below], [label], column, "left")] == ["8", "0"]
    # Set from the row's top beside one label, but the figure beside the lower line in the next
    # column stands beside neither the line above nor the label: the next row's (its label on
    # another page), and so is the lower line.
    total = _text("一二三", 50, 100, 12, 12)
    next_row = _text("0", 220, 86)
    assert [b.text for b in join_wrapped([upper, lower], [total], column, "left")] == ["21\n7"]
    assert sorted(
        b.text for b in join_wrapped([upper, lower, next_row], [total], lambda b: int(b.x0 > 210), "left")
    ) == ["0", "21", "7"]
    # Not filling its column (a wider figure printed on one line in it): no line of a wrapped figure.
    assert (
        len(join_wrapped([upper, lower, _text("123", 200, 40)], [_text("一二三", 50, 93, 12, 12)], column, "left")) == 3
    )


def test_figures_of_successive_rows_run_on_are_cut_only_where_the_page_proves_it():
    """1561 wrapped over four lines right above the next row's 8 at one pitch (Writer on A5): cut
    where a one-line figure of another column centres each row and each part stands beside a row
    label of its own. Without such centres, or beside one label only, the lines stay apart."""

    def column(block: Block) -> int:
        return int(block.x0 > 210)

    run = [_text(digit, 200, y) for digit, y in zip("15618", (120, 107.2, 94.4, 81.6, 68.8))]
    first = Block(_text("一二三", 50, 113, 12, 10).glyphs + _text("四", 50, 102, 12, 10).glyphs)
    second = _text("五六七", 50, 69, 12, 10)
    centres = [_text("0", 220, 100.8), _text("0", 220, 68.8)]
    read = [b.text for b in join_wrapped(run + centres, [first, second], column, "centre")]
    assert sorted(read) == ["0", "0", "1\n5\n6\n1", "8"]
    # No row's centre along the run: which lines are whose, the page does not say.
    assert len(join_wrapped(run, [first, second], column, "centre")) == 5
    # The lower row's centre alone: the upper part is centred on none.
    assert len(join_wrapped([*run, centres[1]], [first, second], column, "centre")) == 6
    # One label beside both parts: one row, not two.
    assert len(join_wrapped(run + centres, [Block(first.glyphs + second.glyphs)], column, "centre")) == 7


def test_a_run_ending_in_a_row_the_page_end_cuts_is_cut_only_where_the_page_proves_it():
    """15 centred on its row's centre, then 6 / 1 at one pitch: the first lines of the table's last
    row on the page (its rest on the next), level with its label's first line, its zero beside it,
    nothing below. With a label below, the lines not level with the label's first line, or a
    figure under the zero (a row below, its label on the next page), the run stays whole."""

    def column(block: Block) -> int:
        return int(block.x0 > 210)

    run = [_text(digit, 200, y) for digit, y in zip("1561", (120, 107.2, 94.4, 81.6))]
    first = _text("一二三", 50, 113.6, 12, 11)
    last = _text("五六七", 50, 94.4, 12, 11)
    zeros = [_text("0", 220, 113.6), _text("0", 220, 94.4)]
    read = [b.text for b in join_wrapped(run + zeros, [first, last], column, "centre")]
    assert sorted(read) == ["0", "0", "1\n5", "6\n1"]
    below = _text("八九十", 50, 60, 12, 11)
    assert len(join_wrapped(run + zeros, [first, last, below], column, "centre")) == 6
    lower = _text("五六七", 50, 88, 12, 11)
    assert len(join_wrapped(run + zeros, [first, lower], column, "centre")) == 6
    read = [b.text for b in join_wrapped([*run, *zeros, _text("0", 220, 81.6)], [first, last], column, "centre")]
    assert len(read) == 7 and "6\n1" not in read


def test_a_row_under_the_last_row_of_a_page_is_not_its_cut_rest(fixtures):
    """WeasyPrint's 平潭 2022 on A5, page 9: the row of zeros under （七）总计 is the next row's, its
    label (四、结转下年度继续办理) on the next page: no zero is a further line of 72, 3 or 75."""
    rows = [
        [region.text for region in row]
        for segment in read_unruled(fixtures / "printed" / "pingtan-2022-weasyprint-a5-page9.pdf", [1])
        for row in segment.at
    ]
    assert ["72", "3", "0", "0", "0", "0", "75"] in [row[-7:] for row in rows]


@pytest.mark.parametrize(
    ("name", "rows"),
    [
        # Table 三's first rows: 1561 over the next row's 8 (870, cut by the page end), 1717 over 3.
        (
            "rows-run-on-a5",
            {
                "一、本年新收政府信息公开申请数量": "77 1561 0 0 79 0 1717",
                "二、上年结转政府信息公开申请数量": "2 8 0 0 7 0 3",
            },
        ),
        # A dozen rows' totals run on as one column of digits, under the rest of a row the page
        # end cut (223 of 2223, 100 of 3100, beside no label at the top of the page).
        (
            "rows-run-on-a5-page3",
            {
                "": "223 70     100",  # its label and zeros on the page before
                "（一）予以公开": "363 73 0 0 10 0 446",
                "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": "193 168 0 0 3 0 364",
                "1.属于国家秘密": "0 91 0 0 11 0 102",
                "3.危及“三安全一稳定”": "0 228 0 0 3 0 231",
                "7.属于行政执法案卷": "0 368 0 0 9 0 377",
            },
        ),
        # A label's second line set as two words a space apart (反复 申请): one text, not a label
        # column of its own beside the item labels.
        (
            "rows-run-on-a5-page4",
            {
                "4.无正当理由大量反复申请": "330 314 0 0 5 0 649",
                "5.要求行政机关确认或重新出具已获取信息": "170 0 0 0 2 0 172",
            },
        ),
        # With narrow margins the totals of five rows run on down to the foot of the page, into
        # the first lines of a row the page end cuts (11 of 112, its 2 on the next page).
        (
            "rows-run-on-a5-foot",
            {
                "2.重复申请": "41 0 0 0 9 0 50",
                "4.无正当理由大量反复申请": "330 314 0 0 5 0 649",
                "5.要求行政机关确认或重新出具已获取信息": "170 0 0 0 2 0 172",
                "（六）其他处理": "11 0 0 0 0 0 11",
            },
        ),
    ],
)
def test_figures_of_successive_rows_run_on_are_read_apart(fixtures, name, rows):
    """A page of a generated report's Word document printed on A5 without rules (``bench.layouts
    --producer word --rules unruled --paper A5 --generated 2 --page gen``), where Writer wraps the
    figures of successive rows into one run of digits a column: each row reads its own."""
    read = {}
    for segment in read_unruled(fixtures / "word" / f"{name}.pdf", [1]):
        for row in segment.at:
            texts = [region.text.replace("\n", "") for region in row]
            if len(texts) >= 8:  # table 三: the row's label, then its seven figures
                read[texts[-8]] = " ".join(texts[-7:])
    assert {label: read.get(label) for label in rows} == rows
