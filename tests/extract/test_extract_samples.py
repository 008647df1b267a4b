"""The bundled replicas (data/samples) read back to the published figures of their originals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.core.figures import figure_cells, mismatches
from pipeline.extract import extract_report

PROJECT = Path(__file__).resolve().parents[2]
SAMPLES = {
    "mfa-2020": "spec/truth-mfa-2020.json",
    "huaian-hongze-2023": "realworld/hongze-2023.truth.json",
    "huaian-hongze-2024": "realworld/hongze-2024.truth.json",
}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_replica_matches_truth_cell_by_cell(fixtures, name):
    pdf = PROJECT / "data" / "samples" / f"{name}.pdf"
    if not pdf.exists():
        pytest.skip(f"{pdf} is not rendered (make samples)")
    truth = json.loads((fixtures / SAMPLES[name]).read_text(encoding="utf-8"))
    extraction = extract_report(pdf)
    assert extraction.template == truth["report"]["template"]
    assert mismatches(extraction, figure_cells(truth, truth["columns"])) == []


def test_mfa_units_and_2019_sections(fixtures):
    pdf = PROJECT / "data" / "samples" / "mfa-2020.pdf"
    if not pdf.exists():
        pytest.skip(f"{pdf} is not rendered (make samples)")
    facts = {(f.table, f.row, f.column): f for f in extract_report(pdf).facts}
    services = facts[("proactive", "other_external_services", "decisions")]
    assert services.value == 320000 and "".join(services.raw.split()) == "32万"
    procurement = facts[("proactive", "centralized_procurement", "procurement_amount_yuan")]
    assert procurement.value == 128080000 and "".join(procurement.raw.split()) == "12808万元"
    assert ("proactive", "administrative_fees", "decisions") not in facts
