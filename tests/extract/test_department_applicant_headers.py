"""Table 三's applicant header of department pages of 平潭 in their prints: its labels set one or two
characters a line in cells about 30pt wide, underlined by LibreOffice, cut by a page end (a line
printed under the table's last rule by Chromium), or without rules, set from the left of their
cells over centred one-digit figures."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pipeline.core.codes import codes
from pipeline.core.facts import ReportError
from pipeline.extract.classify import assemble
from pipeline.extract.engines import read_segments
from pipeline.extract.requests_table import map_requests
from pipeline.extract.unruled import read_unruled

APPLICANTS = [column.code for column in codes("requests", "applicant")]


def _new_requests(path, pages: list[int], engine: str = "rules") -> list[Decimal | None]:
    tables, _ = assemble(read_segments(path, pages, engine))
    facts = {fact.column: fact.value for fact in map_requests(tables["requests"]).facts if fact.row == "new_requests"}
    return [facts.get(code) for code in APPLICANTS]


def test_underlined_header_lines_are_one_cell(fixtures):
    """自然资源与生态环境局 2022 by LibreOffice (pages 2-4): every cell's text is underlined, each
    line of 商业 / 企业, 科研 / 机构, 社会 / 公益 (组织 on the next page) with a stroke of its own as
    thin as a rule and reaching within 2pt of the cell's side rules. Taken for rules they cut each
    header cell in two (商业 in one, 企业 in another: "applicant columns not found")."""
    path = fixtures / "printed" / "pingtan-resources-2022-libreoffice-a4-pages2-4.pdf"
    assert _new_requests(path, [1, 2, 3]) == [Decimal(n) for n in (29, 1, 0, 0, 0, 0, 30)]


def test_header_line_under_the_last_rule_of_a_page(fixtures):
    """自然资源与生态环境局 2020 by Chromium (pages 2-3): the page end cuts the header row of 自然人
    and 总计; 自 and 总 stand in the table, 然 and 计 a line lower under its last rule (the rest, 人,
    opens the next page). 自's character box is 11pt wide where 然's is 16: measured by it, the
    line below was too far down to go on from it, and 总计 was not found."""
    path = fixtures / "printed" / "pingtan-resources-2020-chromium-a4-pages2-3.pdf"
    assert _new_requests(path, [1, 2]) == [Decimal(n) for n in (9, 0, 0, 0, 0, 0, 9)]


def test_two_characters_a_line_over_one_digit_figures(fixtures):
    """市场监督管理局 2021 by Chromium without rules (pages 3-7): the headers set from the left of
    their cells, one character a line (法律服务机构 two), over figures of one digit centred in
    theirs, which line up as well by their right ends; 法律 then reached past the right edge of
    its column and was taken for a header over several columns, which cut 总 from 计 and 商 from 业企业."""
    path = fixtures / "printed" / "pingtan-market-2021-chromium-a4-unruled-pages3-7.pdf"
    header = [segment for segment in read_unruled(path, [1]) if segment.page == 1][-1]
    texts = {region.text.replace("\n", "") for region in header.regions()}
    assert {"自然人", "商业企业", "科研机构", "法律服务机构", "其他", "总计"} <= texts


# Prints of 市场监督管理局 2021 without rules whose page end falls inside （六）其他处理, and their pages.
OTHER_HANDLING_CUT = {
    # Chromium, A4: the figures beside sub-row 1 at the foot of page 4, its label's rest and
    # sub-rows 2 and 3 beside nothing on page 5.
    "first-label-cut": ("pingtan-market-2021-chromium-a4-unruled-pages3-7.pdf", 5),
    # WeasyPrint (which draws none of the page's rules), Letter: the figures beside sub-row 1's
    # first line on page 5, sub-row 2's label cut by the page end, sub-row 3 on page 6.
    "later-label-cut": ("pingtan-market-2021-weasyprint-letter-pages3-8.pdf", 6),
}


@pytest.mark.parametrize("case", OTHER_HANDLING_CUT)
def test_figures_of_other_handling_cut_without_rules_fail(fixtures, case):
    """（六）其他处理's figures (one cell over its three sub-rows) beside sub-row 1, the page end
    below them inside the group. Without rules a blank cell of their own and the cell's blank rest
    print alike: whose the figures are cannot be told, and the table fails rather than read
    sub-rows 2 and 3 as published blank."""
    name, pages = OTHER_HANDLING_CUT[case]
    path = fixtures / "printed" / name
    tables, _ = assemble(read_segments(path, list(range(1, pages + 1)), "text"))
    with pytest.raises(ReportError, match="first sub-row's or the group's cannot be told"):
        map_requests(tables["requests"])


def test_header_ending_a_page_over_a_column_set_two_ways(fixtures):
    """自然资源与生态环境局 2022 by Chromium without rules (pages 2-3): the header's upper rows end
    page 2 (自 / 然, 总 / 计), the applicants open page 3 over the figures; 总计's cells publish 0
    from their left and 2 and 30 centred, so no figure stands on its column's anchor, and the
    columns page 2's header heads lacked it ("applicant columns not found: total")."""
    path = fixtures / "printed" / "pingtan-resources-2022-chromium-a4-unruled-pages2-3.pdf"
    assert _new_requests(path, [1, 2], "text") == [Decimal(n) for n in (29, 1, 0, 0, 0, 0, 30)]
