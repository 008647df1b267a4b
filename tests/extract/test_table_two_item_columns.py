"""Table 二 of 平潭综合实验区旅游与文化体育局's page on 2020 printed without rules on A4: each 第二十条
item a table of its own, with column widths of its own, so one item's column stands between two of
another's, narrower than that item's cells, and a centred header of the other reaches into it."""

from __future__ import annotations

from decimal import Decimal

from truth import table_cells

from pipeline.extract.classify import assemble
from pipeline.extract.proactive_table import map_proactive
from pipeline.extract.unruled import read_unruled

ITEMS = ("administrative_license", "other_external_services", "administrative_penalty", "administrative_coercion")


def _facts(fixtures, name: str) -> tuple[dict[tuple[str, str], Decimal], dict[tuple[str, str], Decimal]]:
    """The figures read from page 2 of a print and the published ones of the rows it holds."""
    tables, _ = assemble(read_unruled(fixtures / "printed" / name, [1]))
    facts = {(fact.row, fact.column): fact.value for fact in map_proactive(tables["proactive"]).facts}
    expected = table_cells(fixtures / "realworld" / "pingtan-tourism-2020.truth.json", "proactive")
    return facts, expected


def test_a_header_reaching_into_another_items_column(fixtures):
    """By WeasyPrint, page 2 of the print: 对外公开 / 总数量 centred over 第二十条第（一）项's 0 | 5
    reaches 5.6 points into the column of 本年增/减量's 0 of 第二十条第（八）项 below, so it was no
    header of one column and its two lines stayed rows of their own ("cells not found:
    normative_documents × total_published, rules × total_published")."""
    facts, expected = _facts(fixtures, "pingtan-tourism-2020-weasyprint-a4-unruled-page2.pdf")
    del expected[("centralized_procurement", "procurement_items")]  # on page 3
    del expected[("centralized_procurement", "procurement_amount_yuan")]
    assert facts == expected


def test_a_header_beside_a_header_of_two_paragraphs_a_line_apart(fixtures):
    """By Chromium, page 2 of the print (第二十条第（一）项's header ends page 1): 上一年 / 项目数量,
    two paragraphs 31 points apart, centred over the 15 | 0 | 30 | 0 of 第二十条第（五）项, reach
    over the column of 政府集中采购's 3个 below; in 第二十条第（八）项, 本年增/减量 stands centred
    between them, level with neither. Each was read as rows of its own ("cells not found:
    administrative_license × previous_year_items, …; rows without figures not recognised:
    '信息内容上一年量'")."""
    facts, expected = _facts(fixtures, "pingtan-tourism-2020-chromium-a4-unruled-page2.pdf")
    assert {cell: value for cell, value in facts.items() if cell[0] in ITEMS} == {
        cell: value for cell, value in expected.items() if cell[0] in ITEMS
    }
    assert facts[("administrative_fees", "previous_year_items")] == 0
    assert facts[("administrative_fees", "change")] == 0
