"""Real published reports: every figure of tables 二, 三 and 四 equals the published one."""

from __future__ import annotations

import json

import pytest

from pipeline.core.figures import figure_cells, mismatches
from pipeline.extract import extract_report, required_cells

REAL = ["hongze-2023", "hongze-2024", "huaian-2024"]
HONGZE = ["hongze-2023", "hongze-2024"]


@pytest.mark.parametrize("name", REAL)
def test_real_report_matches_truth_cell_by_cell(fixtures, name):
    truth = json.loads((fixtures / "realworld" / f"{name}.truth.json").read_text(encoding="utf-8"))
    extraction = extract_report(fixtures / "realworld" / f"{name}.pdf")
    assert extraction.template == truth["report"]["template"]
    expected = figure_cells(truth, truth["columns"])
    assert mismatches(extraction, expected) == []
    assert len(extraction.facts) == len(expected)


@pytest.mark.parametrize("name", HONGZE)
def test_real_report_provenance(fixtures, name):
    extraction = extract_report(fixtures / "realworld" / f"{name}.pdf")
    assert extraction.engine == "vector"  # drawn rules: camelot's lattice, never the text engine
    assert extraction.table_pages == {"proactive": [2, 3], "requests": [3, 4], "review": [4]}
    keys = {(f.table, f.row, f.column) for f in extraction.facts}
    assert keys == required_cells("2021", other_handling_split=False)
    by_cell = {(f.table, f.row, f.column): f for f in extraction.facts}
    # The fee column states its unit in the header: the cell keeps the printed figure.
    fee = by_cell[("proactive", "administrative_fees", "fee_amount_yuan")]
    assert fee.page == 3 and fee.raw in {"7730.28", "7545"}
    # Table 三 continues on page 4 without repeating （四）无法提供 in the group column.
    still_unclear = by_cell[("requests", "unable.still_unclear", "natural_person")]
    assert still_unclear.page == 4
    # "2.其他法律行政止公开" is a typo in both reports: matched, with a score below 100.
    typo = by_cell[("requests", "denied.prohibited_by_law", "total")]
    assert typo.label == "2.其他法律行政止公开"
    assert 75 <= typo.label_score < 100
    assert any("'2.其他法律行政止公开' read as denied.prohibited_by_law" in note for note in extraction.notes)


def test_city_report_provenance(fixtures):
    """淮安市's own WPS export: tables one page later than 洪泽's, （六）其他处理 as its three sub-rows
    numbered 1、2、3、 (ideographic comma), the fee in 万元 with a decimal."""
    extraction = extract_report(fixtures / "realworld" / "huaian-2024.pdf")
    assert extraction.engine == "vector"
    assert extraction.table_pages == {"proactive": [3, 4], "requests": [4, 5], "review": [5]}
    assert extraction.other_handling_split
    keys = {(f.table, f.row, f.column) for f in extraction.facts}
    assert keys == required_cells("2021", other_handling_split=True)
    by_cell = {(f.table, f.row, f.column): f for f in extraction.facts}
    fee = by_cell[("proactive", "administrative_fees", "fee_amount_yuan")]
    assert (fee.page, fee.raw) == (4, "96171.6")
    fee_unpaid = by_cell[("requests", "other_handling.fee_unpaid", "total")]
    assert fee_unpaid.page == 5 and fee_unpaid.label.startswith("2、申请人逾期未按收费通知")
