"""Table 三's applicant headers wrapped in narrow columns (商业 / 企业, 科研 / 机构, 社会 / 公益 / 组织,
法律服务 / 机构) in prints of 交通与建设局's page on 2022 on A4 with narrow margins, and the rows
under them where a page end cuts the table."""

from __future__ import annotations

import pytest
from truth import table_cells

from pipeline.core.facts import ReportError
from pipeline.extract.cells import header_end
from pipeline.extract.classify import assemble
from pipeline.extract.requests_table import map_requests
from pipeline.extract.templates import labels
from pipeline.extract.unruled import read_unruled

HEADERS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]


def _headers(path) -> list[str]:
    """The applicant headers of table 三 on page 2, left to right: its last header row, which every
    header reaches down to."""
    requests = read_unruled(path, [2])[-1]
    end, _ = header_end(requests, labels("requests", "applicant"))
    return [region.text.replace("\n", "") for region in requests.at[end][-len(HEADERS) :]]


@pytest.mark.parametrize("rules", ["unruled", "ruled"])
def test_a_header_centred_half_a_line_off_the_lines_beside_it_is_its_column_s(fixtures, rules):
    """LibreOffice centres each header cell in its row: 法律服务 / 机构 (two lines, set from the
    cell's left edge) stands half a line off 社会 / 公益 / 组织 (three) beside it, level with none
    of their lines, and its left edge lies left of the half between its figures' middles and
    社会公益's. It is centred on its figures and over no other column's text (touching 会 and 益
    edge to edge, by a tenth of a point on the print with rules, whose table 三 has none), so it
    heads their column. Before, it was taken for a header over several columns: without rules
    商业 / 企业 and 科研 / 机构 were cut apart ("applicant columns not found: commercial_enterprise,
    research_institution"), with rules "the text '机构' falls in the cell of '企业'"."""
    path = fixtures / "printed" / f"pingtan-transport-2022-libreoffice-a4-narrow-{rules}.pdf"
    assert _headers(path) == HEADERS


def _expected(fixtures) -> dict[tuple[str, str], object]:
    return table_cells(fixtures / "realworld" / "pingtan-transport-2022.truth.json", "requests")


def test_a_total_set_below_its_row_past_the_page_end_is_its_row_s(fixtures):
    """As a Word document (header rows not repeated), the page end falls in 二、上年结转政府信息公开申请数量:
    its figures at the foot of page 2 but its 总计, which Word sets lower in its cell, alone at the
    top of page 3 over （一）予以公开's 7, beside 三、本年度办理结果 (a group label over the rows
    below; its own label cell blank). It is no page number (it stands over the 7 of its column,
    in the first line of figures under it, not the line of labels set a little higher), and it is
    the rest of the row above. Before, it was dropped as a page number and carried_over's total
    read as published blank."""
    path = fixtures / "printed" / "pingtan-transport-2022-word-a4-narrow-unruled.pdf"
    tables, _ = assemble(read_unruled(path, [2, 3, 4, 5]))
    read = {(fact.row, fact.column): fact.value for fact in map_requests(tables["requests"]).facts}
    assert read[("carried_over", "total")] == 0
    assert read == _expected(fixtures)


def test_a_total_alone_at_a_page_foot_over_the_next_row_s_fails(fixtures):
    """The same page as a Word document with header rows repeated: the page end falls under
    一、本年新收政府信息公开申请数量, whose 总计 11, set lower than its other figures, stands alone
    at the foot of page 2, and page 3 opens with 二、上年结转… beside 0 in every column. A row of
    figures beside no label and the next page's first row, both with a figure in 总计, are two
    rows' figures: the table fails with one line. Before, 11 and 0 were read as one figure cut by
    the page end, 110, carried_over's total."""
    path = fixtures / "printed" / "pingtan-transport-2022-word-a4-narrow-unruled-repeat.pdf"
    tables, _ = assemble(read_unruled(path, [2, 3]))
    with pytest.raises(ReportError, match=r"rows not recognised: '\(no label\)' \(page 2\)"):
        map_requests(tables["requests"])
