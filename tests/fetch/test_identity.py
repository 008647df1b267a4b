"""What a document says it is: the year (and agency) in its title or opening, read from a real
PDF's first page and a page's title, and the refusal when it contradicts the listing."""

from __future__ import annotations

import pytest

from pipeline.fetch.identity import WrongReport, check_identity, page_lines, pdf_lines, stated


def test_a_pdf_names_its_year_in_its_title(fixtures):
    lines = pdf_lines((fixtures / "realworld" / "hongze-2023.pdf").read_bytes())
    year, printed = stated(lines)
    assert year == 2023 and "洪泽" in printed
    check_identity(lines, agency_name="淮安市洪泽区人民政府", year=2023, url="u")
    with pytest.raises(
        WrongReport, match="listed as the report on 2024, but the document is the report on 2023 \\(u\\)"
    ):
        check_identity(lines, agency_name="淮安市洪泽区人民政府", year=2024, url="u")


def test_a_page_names_its_year_in_its_title(fixtures):
    lines = page_lines((fixtures / "realworld" / "pingtan-2024.html").read_bytes(), None)
    assert stated(lines)[0] == 2024
    catalog = {"mfa": "外交部", "pingtan": "平潭综合实验区管委会"}
    check_identity(lines, agency_name="平潭综合实验区管委会", year=2024, url="u", others=catalog)
    # Another agency of the catalog: refused; a name the catalog does not know: accepted.
    with pytest.raises(WrongReport, match="listed as 外交部's report, but the document is 平潭综合实验区管委会's"):
        check_identity(lines, agency_name="外交部", year=2024, url="u", others=catalog)
    check_identity(lines, agency_name="外交部", year=2024, url="u", others={"mfa": "外交部"})


@pytest.mark.parametrize(
    ("lines", "year"),
    [
        (["外交部政府信息公开工作", "2020年度报告", "本报告……"], 2020),  # a title wrapped over two lines
        (["二〇二一年政府信息公开工作年度报告"], 2021),
        (
            ["发布日期：2023-01-20", "本报告所列数据的统计期限为2022年1月1日至2022年12月31日。"],
            2022,
        ),  # the opening sentence
        (["report - page 1"], None),  # nothing to contradict the listing
    ],
)
def test_stated_year(lines, year):
    assert stated(lines)[0] == year
