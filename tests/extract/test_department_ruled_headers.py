"""Table 三's applicant header of two department pages of 平潭 printed with rules: its labels set one
or two characters a line in cells about 30pt wide, underlined by LibreOffice, or cut by a page
end with a line printed under the table's last rule (Chromium)."""

from __future__ import annotations

from decimal import Decimal

from pipeline.core.codes import codes
from pipeline.extract.classify import assemble
from pipeline.extract.engines import read_segments
from pipeline.extract.requests_table import map_requests

APPLICANTS = [column.code for column in codes("requests", "applicant")]


def _new_requests(path, pages: list[int]) -> list[Decimal | None]:
    tables, _ = assemble(read_segments(path, pages, "rules"))
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
