"""Reports of other publishers posted on the same site: the departments of 平潭 (their own
columns of the zone's government-information site), read to the cell from their article pages."""

from __future__ import annotations

import json

import pytest

from pipeline.core.codes import codes
from pipeline.core.facts import ReportError
from pipeline.core.figures import figure_cells, mismatches
from pipeline.extract import extract_report, required_cells
from pipeline.extract.classify import assemble
from pipeline.extract.engines import read_segments
from pipeline.extract.htmlpage import read_page
from pipeline.extract.proactive_table import map_proactive
from pipeline.extract.requests_table import map_requests
from pipeline.extract.review_table import map_review
from pipeline.extract.unruled import read_unruled

DEPARTMENTS = [
    "pingtan-agriculture-2025",
    "pingtan-approval-2020",
    "pingtan-approval-2021",
    "pingtan-assets-2019",
    "pingtan-economy-2021",
    "pingtan-enforcement-2020",
    "pingtan-finance-2019",
    "pingtan-finance-2020",
    "pingtan-haitan-2024",
    "pingtan-junshan-2021",
    "pingtan-market-2021",
    "pingtan-office-2023",
    "pingtan-police-2019",
    "pingtan-police-2024",
    "pingtan-resources-2020",
    "pingtan-resources-2022",
    "pingtan-social-2019",
    "pingtan-social-2022",
    "pingtan-suping-2024",
    "pingtan-tourism-2020",
    "pingtan-transport-2022",
]
# The outcome rows of table 三, whose sum is its （七）总计 (the groups' headings publish no figures).
APPLICANTS = [column.code for column in codes("requests", "applicant")]
OUTCOMES = ("granted", "partially_granted", "denied.", "unable.", "not_processed.", "other_handling")


@pytest.mark.parametrize("name", DEPARTMENTS)
def test_department_page_matches_truth_cell_by_cell(fixtures, name):
    truth = json.loads((fixtures / "realworld" / f"{name}.truth.json").read_text(encoding="utf-8"))
    path = fixtures / "realworld" / f"{name}.html"
    extraction = extract_report(path)
    assert extraction.template == truth["report"]["template"]
    expected = figure_cells(truth, truth["columns"])
    assert mismatches(extraction, expected) == []
    assert len(extraction.facts) == len(expected)
    assert read_page(path.read_bytes()).title.startswith(truth["report"]["agency"])


@pytest.mark.parametrize("name", DEPARTMENTS)
def test_published_sums_hold_or_are_flagged(fixtures, name):
    """Table 三's 一 + 二 = （七） + 四 and （七）总计 = the sum of the outcome rows, per applicant, and
    table 四's totals: checked on the published figures (blank cells left out), each failure listed
    in the truth's published_inconsistencies, never corrected."""
    truth = json.loads((fixtures / "realworld" / f"{name}.truth.json").read_text(encoding="utf-8"))
    failures = []
    for column, applicant in enumerate(truth["columns"]["requests"]):
        value = {row: values[column] or 0 for row, values in truth["requests"].items()}
        received, handled = (
            value["new_requests"] + value["carried_over"],
            value["total_processed"] + value["carried_forward"],
        )
        if received != handled:
            failures.append(f"requests: new_requests + carried_over {applicant} ({received}) != {handled}")
        outcomes = sum(v for row, v in value.items() if row.startswith(OUTCOMES))
        if outcomes != value["total_processed"]:
            failures.append(
                f"requests: total_processed {applicant} ({value['total_processed']}) != sum of outcomes ({outcomes})"
            )
    failures += [
        f"review: {proceeding} total ({values[-1]}) != sum ({sum(values[:-1])})"
        for proceeding, values in truth["review"].items()
        if sum(values[:-1]) != values[-1]
    ]
    assert failures == truth["published_inconsistencies"]


def test_blank_cell_of_a_department_page_is_read_blank(fixtures):
    """公安局's page on 2019 publishes one cell as an empty paragraph holding &nbsp; (一、本年新收 under
    商业企业; the rest of the row is 0): that cell is read blank, never 0, and the row keeps its columns."""
    extraction = extract_report(fixtures / "realworld" / "pingtan-police-2019.html")
    by_cell = {(f.table, f.row, f.column): f for f in extraction.facts}
    blank = [f for f in extraction.facts if f.value is None]
    assert [(f.table, f.row, f.column) for f in blank] == [("requests", "new_requests", "commercial_enterprise")]
    assert blank[0].raw == "" and blank[0].locator == "table 2, row 4, column 5"
    assert by_cell[("requests", "new_requests", "research_institution")].value == 0
    keys = {(f.table, f.row, f.column) for f in extraction.facts}
    assert keys == required_cells("2019", other_handling_split=False)


def test_padded_figures_of_a_department_page(fixtures):
    """公安局's page on 2024 pads figures with &nbsp; runs and splits them over spans ('&nbsp;' + '1',
    '&nbsp;&nbsp;0', '0&nbsp;'): each is its figure, the raw text kept without the padding."""
    extraction = extract_report(fixtures / "realworld" / "pingtan-police-2024.html")
    by_cell = {(f.table, f.row, f.column): f for f in extraction.facts}
    partly = by_cell[("requests", "partially_granted", "natural_person")]
    assert (partly.value, partly.raw, partly.locator) == (1, "1", "table 2, row 7, column 4")
    assert by_cell[("requests", "new_requests", "research_institution")].raw == "0"


def test_word_table_with_a_zero_width_column(fixtures):
    """财政金融局's page on 2019: table 二 is one Word table whose third grid column is 0 wide, so the
    heads of (五) and (六) span columns 2 | 3-4 | 5 and their figures 2-3 | 4 | 5, and it ends in
    Word's row of empty cells; each figure is read under its head and the empty row adds nothing."""
    extraction = extract_report(fixtures / "realworld" / "pingtan-finance-2019.html")
    by_cell = {(f.table, f.row, f.column): f for f in extraction.facts}
    license_ = [
        by_cell[("proactive", "administrative_license", m)] for m in ("previous_year_items", "change", "decisions")
    ]
    assert [(f.value, f.locator) for f in license_] == [
        (3, "table 1, row 7, column 2"),
        (0, "table 1, row 7, column 4"),
        (0, "table 1, row 7, column 5"),
    ]
    amount = by_cell[("proactive", "centralized_procurement", "procurement_amount_yuan")]
    assert (amount.value, amount.raw) == (832995, "832995元")
    assert extraction.table_pages == {"proactive": [1], "requests": [2], "review": [3]}


def test_count_with_its_counting_word(fixtures):
    """财政金融局's page on 2020 prints its procurements as '2笔' (笔, the counting word of
    transactions) beside '984361元': the count is 2, its raw text kept; before, the report failed
    ('not a number')."""
    extraction = extract_report(fixtures / "realworld" / "pingtan-finance-2020.html")
    by_cell = {(f.table, f.row, f.column): f for f in extraction.facts}
    items = by_cell[("proactive", "centralized_procurement", "procurement_items")]
    amount = by_cell[("proactive", "centralized_procurement", "procurement_amount_yuan")]
    assert (items.value, items.raw) == (2, "2笔")
    assert (amount.value, amount.raw) == (984361, "984361元")


def test_word_export_with_empty_office_runs(fixtures):
    """行政审批局's page on 2020 is a full Word 'MsoNormal' export: each cell's text run is followed by an
    empty run holding <o:p></o:p>, figures of table 三 padded with &nbsp; runs, and the two figures of
    行政许可 retyped in the CMS as runs of their own; each is read under its head."""
    extraction = extract_report(fixtures / "realworld" / "pingtan-approval-2020.html")
    by_cell = {(f.table, f.row, f.column): f for f in extraction.facts}
    license_ = [
        by_cell[("proactive", "administrative_license", m)] for m in ("previous_year_items", "change", "decisions")
    ]
    assert [(f.value, f.raw, f.locator) for f in license_] == [
        (0, "0", "table 1, row 7, column 2"),
        (494, "494", "table 1, row 7, column 3"),
        (246, "246", "table 1, row 7, column 4"),
    ]
    new = by_cell[("requests", "new_requests", "natural_person")]
    assert (new.value, new.raw) == (1, "1")
    assert extraction.table_pages == {"proactive": [1], "requests": [2], "review": [3]}


def test_fee_in_ten_thousands_of_a_department_page(fixtures):
    """行政审批局's page on 2021 publishes its fees as 16220.85 under 本年收费金额（单位：万元）, the figure a
    Calibri run inside the cell's run: 162208500 yuan; its one request denied as an administrative query
    is read in row 8.属于行政查询事项."""
    extraction = extract_report(fixtures / "realworld" / "pingtan-approval-2021.html")
    by_cell = {(f.table, f.row, f.column): f for f in extraction.facts}
    fee = by_cell[("proactive", "administrative_fees", "fee_amount_yuan")]
    assert (fee.value, fee.raw) == (162208500, "16220.85")
    query = by_cell[("requests", "denied.administrative_query", "natural_person")]
    assert query.value == 1


def test_figures_over_the_sub_rows_of_other_handling(fixtures):
    """市场监督管理局's page on 2021 prints the labels of （六）其他处理's three sub-rows beside one figure
    cell per column, each rowspan="3" (the <tr> of sub-rows 2 and 3 hold a label cell only): each
    figure is the group's, read as （六）其他处理 published as one row, never as sub-row 1's, and the
    two short rows are never taken for cells published blank."""
    extraction = extract_report(fixtures / "realworld" / "pingtan-market-2021.html")
    rows = {f.row for f in extraction.facts if f.table == "requests"}
    assert "other_handling" in rows and not rows & {"other_handling.no_correction", "other_handling.fee_unpaid"}
    by_cell = {(f.table, f.row, f.column): f for f in extraction.facts}
    group = by_cell[("requests", "other_handling", "natural_person")]
    assert (group.value, group.locator) == (0, "table 2, row 24, column 4")
    assert any("（六）其他处理" in note and "3 sub-rows" in note for note in extraction.notes)
    keys = {(f.table, f.row, f.column) for f in extraction.facts}
    assert keys == required_cells("2021", other_handling_split=False)


def test_blank_totals_of_a_department_page(fixtures):
    """经济发展局's page on 2021 publishes the 总计 of （一）予以公开 and （二）部分公开 blank (a run holding
    &nbsp;) beside six 0 figures, its whole article in a one-cell layout table around its three
    tables: those two totals are read blank, never 0, and every other cell keeps its column."""
    extraction = extract_report(fixtures / "realworld" / "pingtan-economy-2021.html")
    blank = sorted((f.row, f.column) for f in extraction.facts if f.value is None)
    assert blank == [("granted", "total"), ("partially_granted", "total")]
    by_cell = {(f.table, f.row, f.column): f for f in extraction.facts}
    assert by_cell[("requests", "granted", "other_org")].locator == "table 3, row 6, column 9"
    assert by_cell[("proactive", "normative_documents", "in_force")].value == 5


def test_padded_figures_and_tab_runs_of_a_department_page(fixtures):
    """自然资源与生态环境局's page on 2022: table 三's 总计 figures follow a run holding a TAB, table 四's
    are padded with &nbsp; every way ('1' + '&nbsp;&nbsp;', '&nbsp;1', '&nbsp; 0' in a bare <span>
    with no paragraph): each is its figure, its raw text without the padding."""
    extraction = extract_report(fixtures / "realworld" / "pingtan-resources-2022.html")
    by_cell = {(f.table, f.row, f.column): f for f in extraction.facts}
    review = [
        by_cell[("review", "administrative_review", c)] for c in ("upheld", "corrected", "other", "pending", "total")
    ]
    assert [(f.value, f.raw) for f in review] == [(0, "0"), (1, "1"), (0, "0"), (1, "1"), (2, "2")]
    held = by_cell[("requests", "unable.not_held", "total")]
    assert (held.value, held.raw) == (26, "26")
    assert by_cell[("review", "litigation_direct", "total")].raw == "0"


def test_a_procurement_amount_in_ten_thousands_in_its_cell(fixtures):
    """自然资源与生态环境局's page on 2020 prints its procurement amount with its unit in the cell,
    '1690.9913万元' under 采购总金额 (whose head names no unit): 16909913 yuan, its raw text kept."""
    extraction = extract_report(fixtures / "realworld" / "pingtan-resources-2020.html")
    by_cell = {(f.table, f.row, f.column): f for f in extraction.facts}
    amount = by_cell[("proactive", "centralized_procurement", "procurement_amount_yuan")]
    assert (amount.value, amount.raw) == (16909913, "1690.9913万元")
    assert by_cell[("requests", "unable.not_held", "legal_service_org")].value == 1


def test_table_four_under_a_heading_with_a_typo(fixtures):
    """社会事业局's page on 2022 heads table 四 四、政府信息公开行政法复议、行政诉讼情况 (行政法复议 for 行政复议)
    where its own head reads 行政复议: the table is read as table 四, its 15 figures in its one row, and the
    typo adds no row or column."""
    path = fixtures / "realworld" / "pingtan-social-2022.html"
    assert "四、政府信息公开行政法复议、行政诉讼情况" in read_page(path.read_bytes()).text
    extraction = extract_report(path)
    review = [f for f in extraction.facts if f.table == "review"]
    assert len(review) == 15 and {f.locator.rsplit(",", 1)[0] for f in review} == {"table 3, row 4"}
    keys = {(f.table, f.row, f.column) for f in extraction.facts}
    assert keys == required_cells("2021", other_handling_split=True)
    by_cell = {(f.table, f.row, f.column): f for f in extraction.facts}
    assert by_cell[("proactive", "administrative_license", "decisions")].value == 1970


def test_a_row_of_table_two_not_printed(fixtures):
    """农业农村局's page on 2025 prints 第二十条第（一）项 with 行政规范性文件 alone, no row 规章 (a
    department makes no rules): its three cells are NULL, said not published, never 0, and the report
    is read; before, it failed ('cells not found: rules × in_force, …')."""
    extraction = extract_report(fixtures / "realworld" / "pingtan-agriculture-2025.html")
    rules = [f for f in extraction.facts if f.row == "rules"]
    assert [(f.column, f.value, f.raw, f.doubt) for f in rules] == [
        ("in_force", None, "", "row not published"),
        ("issued", None, "", "row not published"),
        ("repealed", None, "", "row not published"),
    ]
    assert {f.locator for f in rules} == {"table 1"}
    assert any("the row rules is not printed" in note for note in extraction.notes)
    by_cell = {(f.table, f.row, f.column): f for f in extraction.facts}
    assert by_cell[("proactive", "normative_documents", "in_force")].value == 28
    assert by_cell[("requests", "granted", "total")].value == 6


def test_a_row_lost_is_not_taken_for_one_not_printed(fixtures, tmp_path):
    """A row of table 二 whose label is printed but whose cells a reader did not find still fails the
    reading: only a row printed nowhere in the table is not published."""
    page = (fixtures / "realworld" / "pingtan-agriculture-2025.html").read_text(encoding="utf-8")
    with_label = page.replace("<p>第二十条第（五）项</p>", "<p>第二十条第（五）项</p><p>规章</p>", 1)
    assert with_label != page
    path = tmp_path / "pingtan-agriculture-2025-label.html"
    path.write_text(with_label, encoding="utf-8")
    with pytest.raises(ReportError, match="cells not found: rules"):
        extract_report(path)


def test_a_lost_row_of_another_item_fails_the_reading(fixtures, tmp_path):
    """Only 规章 is a row a report may rightly leave out: 行政强制, taken out whole (label and figure,
    as a reader losing a row at a page end would) beside 行政处罚 whose column it shares, fails the
    reading rather than passing as not published."""
    page = (fixtures / "realworld" / "pingtan-agriculture-2025.html").read_text(encoding="utf-8")
    start = page.index("<tr>", page.rindex("<tr>", 0, page.index("<p>行政强制</p>")))
    end = page.index("</tr>", start) + len("</tr>")
    path = tmp_path / "pingtan-agriculture-2025-row-lost.html"
    path.write_text(page[:start] + page[end:], encoding="utf-8")
    with pytest.raises(ReportError, match="cells not found: administrative_coercion"):
        extract_report(path)


def test_cells_styled_by_a_browser_and_heads_split_over_paragraphs(fixtures):
    """管委会办公室's page on 2023: tables 三 and 四 pasted with a browser's computed styles on every run,
    table 四's heads broken by <br/> and by a paragraph (结果<br/>纠 / 正) and its figures padded
    '&nbsp;0&nbsp;'; table 二's 21 | 59 | 165, which the archive's text runs together ('2159165')."""
    extraction = extract_report(fixtures / "realworld" / "pingtan-office-2023.html")
    by_cell = {(f.table, f.row, f.column): f for f in extraction.facts}
    documents = [by_cell[("proactive", "normative_documents", m)] for m in ("issued", "repealed", "in_force")]
    assert [(f.value, f.locator) for f in documents] == [
        (21, "table 1, row 4, column 2"),
        (59, "table 1, row 4, column 3"),
        (165, "table 1, row 4, column 4"),
    ]
    review = [f for f in extraction.facts if f.table == "review"]
    assert len(review) == 15 and {(f.value, f.raw) for f in review} == {(0, "0")}
    assert by_cell[("review", "litigation_direct", "total")].locator == "table 3, row 4, column 10"
    assert by_cell[("requests", "denied.process_information", "natural_person")].value == 1


def test_figures_padded_with_ideographic_spaces_and_a_unit_in_the_row_label(fixtures):
    """综合执法与应急管理局's page on 2020 pads figures of table 二 with runs of ideographic spaces
    ('　　' + '0', '　' + '28') and prints 第二十条第（九）项's unit in its row label, 政府集中采购（元）, beside
    6 and 675809: each figure is read without its padding, the amount in yuan."""
    extraction = extract_report(fixtures / "realworld" / "pingtan-enforcement-2020.html")
    by_cell = {(f.table, f.row, f.column): f for f in extraction.facts}
    license_ = by_cell[("proactive", "administrative_license", "change")]
    assert (license_.value, license_.raw, license_.locator) == (28, "28", "table 1, row 7, column 3")
    penalty = [
        by_cell[("proactive", "administrative_penalty", m)] for m in ("previous_year_items", "change", "decisions")
    ]
    assert [f.value for f in penalty] == [1121, 784, 784]
    items = by_cell[("proactive", "centralized_procurement", "procurement_items")]
    amount = by_cell[("proactive", "centralized_procurement", "procurement_amount_yuan")]
    assert (items.value, amount.value, amount.raw) == (6, 675809, "675809")
    assert amount.label == "政府集中采购（元）"


def test_a_unit_in_the_row_label_scales_the_amount(fixtures, tmp_path):
    """A procurement row that names its unit in its label scales its amount as a head naming it
    would: 综合执法与应急管理局's page on 2020 with 政府集中采购（万元） reads 675809 as 6758090000 yuan
    (before, 675809 yuan: the label's unit was not read), and a head naming another unit
    (采购总金额（单位：元）) fails the reading rather than choosing one."""
    page = (fixtures / "realworld" / "pingtan-enforcement-2020.html").read_text(encoding="utf-8")
    in_ten_thousands = page.replace("政府集中采购（元）", "政府集中采购（万元）")
    assert in_ten_thousands != page
    path = tmp_path / "pingtan-enforcement-2020-wan.html"
    path.write_text(in_ten_thousands, encoding="utf-8")
    by_cell = {(f.table, f.row, f.column): f for f in extract_report(path).facts}
    amount = by_cell[("proactive", "centralized_procurement", "procurement_amount_yuan")]
    assert (amount.value, amount.raw) == (6758090000, "675809")
    assert by_cell[("proactive", "centralized_procurement", "procurement_items")].value == 6
    both = tmp_path / "pingtan-enforcement-2020-both.html"
    both.write_text(in_ten_thousands.replace("采购总金额<", "采购总金额（单位：元）<"), encoding="utf-8")
    with pytest.raises(ReportError, match="state different units"):
        extract_report(both)


def test_totals_padded_with_paragraphs_of_their_own(fixtures):
    """交通与建设局's page on 2022 pads figures of table 三's 总计 column with paragraphs of their own: rows
    一 and 二 are &nbsp; / figure / &nbsp;, （六）1 is &nbsp; / <br> / <br> / 0 and （六）2 three &nbsp; paragraphs
    then '&nbsp;' + '0' in two runs: each is its figure, read in its own row."""
    extraction = extract_report(fixtures / "realworld" / "pingtan-transport-2022.html")
    by_cell = {(f.table, f.row, f.column): f for f in extraction.facts}
    new = by_cell[("requests", "new_requests", "total")]
    assert (new.value, new.raw, new.locator) == (11, "11", "table 2, row 4, column 10")
    fee = by_cell[("requests", "other_handling.fee_unpaid", "total")]
    assert (fee.value, fee.raw) == (0, "0")
    assert by_cell[("requests", "unable.not_held", "natural_person")].value == 4


# Prints of 市场监督管理局 2021 with rules whose page end falls inside the cells of
# （六）其他处理's figures (one per column over its three sub-rows): the fixture, its pages, and the
# page its figures' cells go on to, and the engines that read it (camelot's ``vector`` cannot tell
# the Word print's row labels apart; the extraction reads it by its drawn rules).
CUT_OVER_SUB_ROWS = {
    # A4: the end of page 4 of the fixture cuts sub-row 1's label, the rest of which opens page 5
    # beside the cells' blank rest, over sub-rows 2 and 3 as well.
    "label-cut": ("pingtan-market-2021-chromium-a4-pages3-7.pdf", 5, ("rules", "vector")),
    # Letter: the end of page 5 falls between sub-rows 2 and 3, no rule under the cells of the
    # figures where the labels beside them have theirs; sub-row 3 opens page 6 beside their rest.
    "between-sub-rows": ("pingtan-market-2021-chromium-letter-pages3-8.pdf", 6, ("rules", "vector")),
    # Word, Letter: the end of page 4 cuts sub-row 2's label, the rest of which opens page 5
    # beside the cells' blank rest, over sub-row 3 as well (sub-row 2 has no cell of its own above).
    "second-label-cut": ("pingtan-market-2021-word-letter-pages3-7.pdf", 5, ("rules",)),
    # Word, A4, header rows repeated: the end of page 1 cuts sub-row 2's label; page 2 opens with
    # the repeated header over the rest of it and 3.其他, a label naming the column 其他 (no header).
    "under-a-repeated-header": ("pingtan-market-2021-word-a4-repeat-pages7-8.pdf", 2, ("rules",)),
    # LibreOffice, Letter, narrow margins: the cells reach over sub-row 2 down to the end of page
    # 4, ruled off there; sub-row 3 opens page 5 beside their blank rest, ruled as its own would be.
    "closed-at-the-page-end": ("pingtan-market-2021-libreoffice-letter-narrow-pages2-6.pdf", 5, ("rules",)),
}


@pytest.mark.parametrize(
    ("case", "engine"), [(case, engine) for case, (*_, engines) in CUT_OVER_SUB_ROWS.items() for engine in engines]
)
def test_figures_over_sub_rows_cut_by_a_page_end(fixtures, case, engine):
    """The figures of （六）其他处理 in cells over its three sub-rows that a page end cuts are the
    group's, as the page reads them, not sub-row 1's with 2 and 3 published blank."""
    name, rest, _ = CUT_OVER_SUB_ROWS[case]
    path = fixtures / "printed" / name
    tables, _ = assemble(read_segments(path, list(range(1, rest + 1)), engine))
    requests = map_requests(tables["requests"])
    other = {fact.column: fact.value for fact in requests.facts if fact.row.startswith("other_handling")}
    assert other == {column: 0 for column in APPLICANTS}
    assert not requests.other_handling_split
    assert any(f"cut by the page end, their rest on page {rest}" in note for note in requests.notes)


def test_a_table_printed_over_another_fails_with_its_line(fixtures):
    """经济发展局 2021 by LibreOffice on Letter with narrow margins (pages 2-3): its table 二, a
    floated table, printed over table 三's first rows (本年收费金额（单位：万元） right above
    一、本年新收政府信息公开申请数量). Read without rules, the line above a label was no label of
    its column, which has none set alike with it: the report fails with its one line, no crash."""
    path = fixtures / "printed" / "pingtan-economy-2021-libreoffice-letter-narrow-pages2-3.pdf"
    with pytest.raises(ReportError, match="cannot be told apart"):
        read_unruled(path, [1, 2])


def test_a_header_line_30pt_under_the_last_rule_of_a_page(fixtures):
    """行政审批局 2020 by Chromium on Letter with narrow margins (pages 5-6): the page end cuts table
    四's second header row, 结 / 结 / 其 / 尚 / 总 in the table and their second lines 果 / 果 / 他 /
    未 / 计 under its last rule, 30pt lower (Word's exact spacing of 12pt text, 2.5 ems), the rest
    (维持 …) on page 6 over the figures. 总 alone named no column of 行政复议: its total not found."""
    path = fixtures / "printed" / "pingtan-approval-2020-chromium-letter-narrow-pages5-6.pdf"
    tables, _ = assemble(read_segments(path, [1, 2], "rules"))
    review = {(fact.row, fact.column): fact.value for fact in map_review(tables["review"]).facts}
    assert len(review) == 15 and set(review.values()) == {0}


@pytest.mark.parametrize("producer", ["chromium", "weasyprint"])
def test_result_headers_filling_their_cells_are_cut_apart(fixtures, producer):
    """公安局 2024 by Chromium and WeasyPrint on Letter with narrow margins, without rules (page 7):
    table 四's results set two characters a line in cells as wide as two (结果 / 维 / 持), the first
    lines of neighbouring cells 1.5 points apart (0.095 em of these 15.75pt characters) and read as one piece,
    结果结果其他尚未; 行政复议's, the table's first columns, start left of their centred figures."""
    path = fixtures / "printed" / f"pingtan-police-2024-{producer}-letter-narrow-unruled-page7.pdf"
    tables, _ = assemble(read_segments(path, [1], "text"))
    review = {(fact.row, fact.column): fact.value for fact in map_review(tables["review"]).facts}
    assert len(review) == 15 and set(review.values()) == {0}


def test_a_header_cell_whose_lines_stand_wider_apart_than_its_neighbours(fixtures):
    """财政金融局 2019 as a Word document on Letter without rules (pages 1-2): table 二's header
    本年新 / 公开数 / 量, its lines 28 points apart, beside 本年新制作 / 数量 and 对外公开总 / 数量 a
    line lower: 本年新 starts a row of its own above theirs, and 公开数量 alone named no measure."""
    path = fixtures / "printed" / "pingtan-finance-2019-word-letter-unruled-pages1-2.pdf"
    tables, _ = assemble(read_segments(path, [1, 2], "text"))
    facts = {(f.row, f.column): f.value for f in map_proactive(tables["proactive"]).facts}
    measures = ("newly_made", "newly_published", "total_published")
    assert [facts.get(("rules", m)) for m in measures] == [0, 0, 0]
    assert [facts.get(("normative_documents", m)) for m in measures] == [10, 7, 7]


def test_a_row_label_under_the_header_at_a_page_end(fixtures):
    """行政审批局 2021 as a Word document on Letter without rules (pages 1-2): table 二's 信息内容
    over 规章 at Word's exact line spacing, the pitch of a wrapped line, at the foot of page 1;
    行政规范性文件, the label that showed the column's room, is on page 2. 规章 beside its figures
    is a row of its own under a line beside the headers, not the rest of 信息内容."""
    path = fixtures / "printed" / "pingtan-approval-2021-word-letter-unruled-pages1-2.pdf"
    tables, _ = assemble(read_segments(path, [1, 2], "text"))
    facts = {(f.row, f.column): f.value for f in map_proactive(tables["proactive"]).facts}
    measures = ("issued", "repealed", "in_force")
    assert [facts.get(("rules", m)) for m in measures] == [0, 0, 0]
    assert [facts.get(("normative_documents", m)) for m in measures] == [2, 0, 23]


def test_header_cells_set_close_whose_marks_overlap_are_cut_apart(fixtures):
    """上海 2019 by WeasyPrint on A4 without rules (page 3): 商业企业|科研机构|社会公益组织|法律服务机构|其他
    in cells as narrow as their text, 2.25 points apart, some characters' boxes 0.49 points over
    the next: one text's characters stand within 0.05 em of one advance however wide the margin
    told between cells."""
    path = fixtures / "printed" / "shanghai-2019-weasyprint-a4-unruled-page3.pdf"
    texts = {region.text.replace("\n", "") for segment in read_unruled(path, [1]) for region in segment.regions()}
    assert {"商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"} <= texts


def test_the_result_group_printed_twice_down_table_three(fixtures):
    """旅游与文化体育局's page on 2020 prints 三、本年度办理结果 twice, two cells ten rows tall in one table
    (beside （一）–（三） and beside （四）–（七）), 第二十条第（五）项 holding 行政处罚 and 行政强制 (no （六）), and
    its procurement as '3个' and '3443000元' under heads two grid columns wide: each figure in its own row."""
    extraction = extract_report(fixtures / "realworld" / "pingtan-tourism-2020.html")
    by_cell = {(f.table, f.row, f.column): f for f in extraction.facts}
    query, not_held = (
        by_cell[("requests", "denied.administrative_query", "natural_person")],
        by_cell[("requests", "unable.not_held", "natural_person")],
    )
    assert (query.locator, not_held.locator) == ("table 2, row 15, column 4", "table 2, row 16, column 4")
    assert by_cell[("requests", "carried_forward", "total")].label == "四、结转下年度继续办理"
    penalty = [
        by_cell[("proactive", "administrative_penalty", m)].value
        for m in ("previous_year_items", "change", "decisions")
    ]
    assert penalty == [30, 0, 0]
    items = by_cell[("proactive", "centralized_procurement", "procurement_items")]
    amount = by_cell[("proactive", "centralized_procurement", "procurement_amount_yuan")]
    assert (items.value, items.raw, amount.value, amount.raw) == (3, "3个", 3443000, "3443000元")
    keys = {(f.table, f.row, f.column) for f in extraction.facts}
    assert keys == required_cells("2019", other_handling_split=False)


def test_rules_made_but_not_published_and_the_note_in_the_header_cell(fixtures):
    """国有资产管理局's page on 2019 prints 规章 14 | 1 | 1 (the archive's text: '规章1411') and the template's
    note （本列数据的勾稽关系为：…） in table 三's top-left header cell: each rule figure under its head, the
    note naming no row."""
    extraction = extract_report(fixtures / "realworld" / "pingtan-assets-2019.html")
    by_cell = {(f.table, f.row, f.column): f for f in extraction.facts}
    rules = [by_cell[("proactive", "rules", m)] for m in ("newly_made", "newly_published", "total_published")]
    assert [(f.value, f.locator) for f in rules] == [
        (14, "table 1, row 3, column 2"),
        (1, "table 1, row 3, column 3"),
        (1, "table 1, row 3, column 4"),
    ]
    assert by_cell[("requests", "new_requests", "natural_person")].locator == "table 2, row 4, column 4"
    keys = {(f.table, f.row, f.column) for f in extraction.facts}
    assert keys == required_cells("2019", other_handling_split=False)


def test_a_unit_in_the_amount_cell_of_a_department_page(fixtures):
    """社会事业局's page on 2019 prints its procurement amount as '45.82万元' after runs of &nbsp;, under
    采购总金额 (whose head names no unit): 458200 yuan, its raw text kept; its one request, granted."""
    extraction = extract_report(fixtures / "realworld" / "pingtan-social-2019.html")
    by_cell = {(f.table, f.row, f.column): f for f in extraction.facts}
    amount = by_cell[("proactive", "centralized_procurement", "procurement_amount_yuan")]
    assert (amount.value, amount.raw, amount.locator) == (458200, "45.82万元", "table 1, row 18, column 3")
    assert by_cell[("proactive", "administrative_penalty", "previous_year_items")].value == 95
    granted = by_cell[("requests", "granted", "natural_person")]
    assert (granted.value, granted.locator) == (1, "table 2, row 6, column 4")


def test_an_area_bureau_with_its_totals_left_0_and_a_typo_head(fixtures):
    """海坛片区管理局's page on 2024 prints 第二十条第（一）项 with 规范性文件 alone under 先行有效件数 (for 现行有效件数),
    table 三's 总计 column 0 in every row beside six requests, and one administrative review ended 其他结果:
    each figure as published (the totals 0, never summed), the rules NULL, the review in its own column."""
    extraction = extract_report(fixtures / "realworld" / "pingtan-haitan-2024.html")
    by_cell = {(f.table, f.row, f.column): f for f in extraction.facts}
    assert by_cell[("proactive", "normative_documents", "in_force")].locator == "table 1, row 3, column 4"
    assert [f.value for f in extraction.facts if f.row == "rules"] == [None, None, None]
    received = [by_cell[("requests", "new_requests", c)].value for c in APPLICANTS]
    assert received == [5, 1, 0, 0, 0, 0, 0]
    review = [by_cell[("review", "administrative_review", c)] for c in ("other", "total")]
    assert [(f.value, f.locator) for f in review] == [(1, "table 3, row 4, column 3"), (1, "table 3, row 4, column 5")]


def test_table_three_wholly_in_a_thead(fixtures):
    """君山片区管理局's page on 2021 is a Word export whose table 三 is one <thead> from its first row to its
    last (every row marked to repeat as a header), its heads a character a paragraph (自 / 然 / 人): its
    rows are read as rows, the figures of 法人或其他组织's 其他 in their column."""
    extraction = extract_report(fixtures / "realworld" / "pingtan-junshan-2021.html")
    by_cell = {(f.table, f.row, f.column): f for f in extraction.facts}
    other = [by_cell[("requests", row, "other_org")] for row in ("new_requests", "granted", "unable.not_held")]
    assert [(f.value, f.locator) for f in other] == [
        (3, "table 2, row 4, column 9"),
        (1, "table 2, row 6, column 9"),
        (2, "table 2, row 16, column 9"),
    ]
    assert by_cell[("requests", "other_handling.other", "natural_person")].value == 1
    keys = {(f.table, f.row, f.column) for f in extraction.facts}
    assert keys == required_cells("2021", other_handling_split=True)


def test_a_fifth_table_of_fees_after_table_four(fixtures):
    """苏平片区管理局's page on 2024 prints after table 四 a table of its own under 五、信息处理费收取情况
    (通知收取件数 | 通知收取金额（元） | 实际收取金额（元）, one row of 0s): table 四 is read from the table before
    it, and the fee table adds no cell."""
    path = fixtures / "realworld" / "pingtan-suping-2024.html"
    assert "五、信息处理费收取情况" in read_page(path.read_bytes()).text
    extraction = extract_report(path)
    review = [f for f in extraction.facts if f.table == "review"]
    assert len(review) == 15 and {f.locator.rsplit(",", 1)[0] for f in review} == {"table 3, row 4"}
    assert not [f for f in extraction.facts if f.locator.startswith("table 4")]
    keys = {(f.table, f.row, f.column) for f in extraction.facts}
    assert keys == required_cells("2021", other_handling_split=True)


def test_a_table_its_printer_left_out_at_a_page_end_fails(fixtures):
    """君山片区管理局 2021 by WeasyPrint on A4: table 三, one <thead> taller than a page, is not printed;
    its heading 三、收到和处理政府信息公开申请情况 ends page 2 above a blank half page, 四、 opens page 3.
    A heading alone as its page's last line is no table left out by the report: the print fails
    with its one line. Before, table 三 was read as not published, its 182 cells NULL."""
    path = fixtures / "printed" / "pingtan-junshan-2021-weasyprint-a4.pdf"
    with pytest.raises(ReportError, match=r"^table 三 \(requests\) not found$"):
        extract_report(path)
