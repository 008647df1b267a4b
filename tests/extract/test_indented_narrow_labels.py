"""Table 三 of 交通与建设局 2022 printed without rules: its labels carry the page's first-line indent of
two characters (``text-indent:32pt``, 16pt text) into label columns three or four characters wide,
so that a label's first line starts two characters right of its next lines, and its header cells,
as narrow, are justified over their width against the next cell's text. Its 总计 cells are set
at their rows' tops (``valign="top"``) where the others are centred."""

from __future__ import annotations

from segment_support import row_texts

from pipeline.extract.completeness import TextLayer, check_read
from pipeline.extract.segments import Segment
from pipeline.extract.unruled import read_unruled

ZEROS = ["0"] * 7
APPLICANTS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]


def _header_rows(segment: Segment) -> list[list[str]]:
    """Each row's texts, a merged cell once."""
    return [
        [region.text.replace("\n", "") for k, region in enumerate(row) if k == 0 or region is not row[k - 1]]
        for row in segment.at
    ]


def _read(name: str, pages: list[int], fixtures) -> list[Segment]:
    path = fixtures / "printed" / name
    segments = read_unruled(path, pages)
    with TextLayer(path) as layer:
        check_read({"requests": segments}, layer)
    return segments


def test_chromium_header_lines_justified_against_the_next_cell(fixtures):
    """By Chromium on A4, pages 3 and 4 of the print: 社 会 and 法 律 (社会公益组织, 法律服务机构 in cells
    two characters wide) touch across their cells' edge, 会法 one piece, halfway between their
    columns' figures; and the first lines 1., 2. … set two characters in, the rest of each label
    under them from the cell's edge (before: "the text '会法\\n益服' falls in the cell of '社'")."""
    header, rows = _read("pingtan-transport-2022-chromium-a4-unruled-pages3-4.pdf", [1, 2], fixtures)
    assert APPLICANTS in [row[-7:] for row in _header_rows(header)]
    assert row_texts(rows, "1.属于国家秘密") == ["1.属于国家秘密", *ZEROS]
    assert row_texts(rows, "2.其他法律行政法规禁止公开") == ["2.其他法律行政法规禁止公开", *ZEROS]


def test_chromium_rest_of_a_label_as_short_as_its_indent(fixtures):
    """By Chromium on A4, page 8 of the print: 3.其他's first line holds 3. set two characters in, its
    second 其他 from the cell's edge, ending where 3. starts, under none of it; and the 总计 0 of
    2.申请人逾期未按收费通知要求… stands beside the label's fourth line, the other six figures beside
    its sixth (before: "the text '其他' falls in the cell of '3.'")."""
    [segment] = _read("pingtan-transport-2022-chromium-a4-unruled-page8.pdf", [1], fixtures)
    assert row_texts(segment, "3.其他") == ["3.其他", *ZEROS]
    label = "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
    assert row_texts(segment, label) == [label, *ZEROS]


def test_libreoffice_indented_group_labels(fixtures):
    """By LibreOffice on A4 (its print with rules, which draws none for table 三), pages 3 and 4 of
    the print: （三）不予公开's first line （   三 justified over the two characters left of its
    indent, the next ）不予公 two characters wider, from the cell's edge; 1.属于国家 over 秘密, which
    ends where the first line starts; （二）部分公开…'s 总计 0 beside its first line, the other six
    beside its second (before: "the text '）不予公\\n开' falls in the cell of '（三'")."""
    first, second = _read("pingtan-transport-2022-libreoffice-a4-pages3-4.pdf", [1, 2], fixtures)
    assert row_texts(first, "（三）不予公开") == ["（三）不予公开", "1.属于国家秘密", *ZEROS]
    assert row_texts(first, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）")[1:] == ZEROS
    assert row_texts(second, "（四）无法提供") == ["（四）无法提供", "1.本机关不掌握相关政府信息", "4", *["0"] * 5, "4"]


def test_word_header_line_justified_against_a_wider_cell(fixtures):
    """As a Word document printed on A4 without rules, pages 2 and 3 of the print: 法 律 服 justified
    over 法律服务机构's cell touches 其 of 其 / 他, set one character a line in the next; the cells
    unequal, their edge is not halfway between their figures (before: "the text '三）不\\n予公开'
    falls in the cell of '（'")."""
    segments = _read("pingtan-transport-2022-word-a4-unruled-pages2-3.pdf", [1, 2], fixtures)
    assert any(row[-3:] == ["法律服务机构", "其他", "总计"] for s in segments for row in _header_rows(s))
    rows = segments[-1]
    assert row_texts(rows, "1.属于国家秘密") == ["1.属于国家秘密", *ZEROS]


def test_weasyprint_row_figures_at_two_heights(fixtures):
    """By WeasyPrint on A4 without rules, pages 8 and 9 of the print: 2.申请人逾期未按收费通知要求… its
    总计 0 beside the label's fifth line, the other six beside its seventh; 3.其 set two characters
    in over 他 (before: "rows not recognised: '2.申请人逾期未按收费通知要求缴纳费' (page 8), '用、行政
    机关不再处理其政府信息' (page 8), '3.其' (page 9)")."""
    first, second, _ = _read("pingtan-transport-2022-weasyprint-a4-unruled-pages8-9.pdf", [1, 2], fixtures)
    label = "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息"
    assert row_texts(first, label) == [label, *ZEROS]
    assert row_texts(second, "3.其他") == ["3.其他", *ZEROS]


def test_libreoffice_justified_group_label_line_touching_the_next(fixtures):
    """By LibreOffice on A4 without rules, page 4 of the print: ）不予处 (（五）不予处理's second line,
    justified over its cell) touches 投诉类申请 (1.信访举报投诉类申请's), 处 starting where 五 of
    （   五 above starts: the cut is where the pitch of the justified line ends, after 处 (before:
    "the text '1.信访举报\\n处投诉类申请' falls in the cell of '五'")."""
    [segment] = _read("pingtan-transport-2022-libreoffice-a4-unruled-page4.pdf", [1], fixtures)
    assert row_texts(segment, "（五）不予处理") == ["（五）不予处理", "1.信访举报投诉类申请", *ZEROS]


def test_libreoffice_header_cells_set_solid(fixtures):
    """By LibreOffice on A4 without rules, pages 2 and 3 of the print: table 三's applicant header
    cells as wide as their text, 16pt, with no margin between them: 自然人商业科研 and 企业机构 one
    piece each, 自然人 three characters wide over figures 40 points apart, so that it runs 4 points
    past the edge halfway between its column's figures and the next. Each text is centred over its
    column's figures, and cut there (before: "applicant columns not found: natural_person,
    commercial_enterprise, research_institution")."""
    _, header, rows = _read("pingtan-transport-2022-libreoffice-a4-unruled-pages2-3.pdf", [1, 2], fixtures)
    assert APPLICANTS in [row[-7:] for row in _header_rows(header)]
    assert row_texts(rows, "一、本年新收政府信息公开申请数量") == [
        "一、本年新收政府信息公开申请数量",
        "11",
        *ZEROS[:5],
        "11",
    ]
