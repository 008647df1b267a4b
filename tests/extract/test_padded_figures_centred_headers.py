"""Figures padded inside cells set from the left under headers centred in theirs, printed without
rules: 平潭综合实验区社会事业局's page on 2019 by WeasyPrint on A4 (its borders drawn in
``windowtext``, which WeasyPrint does not draw: its print with rules is the same). Table 二's
figures are typed after runs of ``&nbsp;`` of different lengths (□□□□□□□0 under 本年新 / 制作数量,
□□□□□0 under 本年新 / 公开数量), so a column's figures line up neither by their left ends nor by
their middles, 3 points apart either way, and stand up to 14 points off their headers' middles."""

from __future__ import annotations

from truth import table_cells

from pipeline.extract.classify import assemble
from pipeline.extract.proactive_table import map_proactive
from pipeline.extract.unruled import read_unruled


def test_table_two_figures_padded_under_centred_headers(fixtures):
    """Pages 2 and 3 of the print. Their left ends spread 0.3 points less than their middles, which
    made the table read as set from the left: each header, starting left of its figures, stood
    over the column before, and 对外公开总数量 over two ("two figures under the header
    total_published on page 2: '0' and '0'"). Read by their middles, each header's middle is in
    its column. Page 2 ends with 第二十条第（八）项's header, its 0 | 0 opening page 3 under
    上一年项目数量 | 本年增/减, 14 points right of and 3 points left of their middles: page 3 goes on
    table 二, and 政府集中采购's 2 | 45.82万元 stand under 采购项目数量 | 采购总金额 (before, page 3 was a
    table of its own, 采购项目数量 a label: "the figure '2' printed on page 3 in the row '政府集中采购'
    is not among the facts")."""
    path = fixtures / "printed" / "pingtan-social-2019-weasyprint-a4-unruled-pages2-3.pdf"
    tables, _ = assemble(read_unruled(path, [1, 2]))
    facts = {(fact.row, fact.column): fact.value for fact in map_proactive(tables["proactive"]).facts}
    expected = table_cells(fixtures / "realworld" / "pingtan-social-2019.truth.json", "proactive")
    assert facts == expected
