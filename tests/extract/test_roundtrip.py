"""Round trip: synthetic reports (both templates, random figures and printing quirks) are
rendered to PDF and extracted again; every figure comes back exactly, with its printed text."""

from __future__ import annotations

import pytest
from roundtrip_support import assert_round_trip

from pipeline.extract import extract_report
from pipeline.replica.render import render_pdf
from pipeline.replica.synthetic import generate, inconsistencies

CASES = [(seed, template, True) for seed in range(25) for template in ("2019", "2021")]
CASES += [(seed, template, False) for seed in range(100, 103) for template in ("2019", "2021")]


@pytest.mark.parametrize(("seed", "template", "consistent"), CASES, ids=lambda v: str(v))
def test_roundtrip(tmp_path, seed, template, consistent):
    content = generate(seed, template, consistent=consistent)
    path = tmp_path / "report.pdf"
    render_pdf(content, path)

    extraction = extract_report(path)

    assert_round_trip(content, extraction)
    if not consistent:
        assert inconsistencies(content.figures), "the generator was asked for a report whose sums do not hold"


def test_a_typo_is_matched_with_its_score(tmp_path):
    """A label printed with characters missing is matched, and its score says it was not exact."""
    quirk = "label typo: denied.prohibited_by_law"
    seed = next(s for s in range(200) if any(q.startswith(quirk) for q in generate(s, "2021").quirks))
    render_pdf(generate(seed, "2021"), tmp_path / "report.pdf")
    extraction = extract_report(tmp_path / "report.pdf")
    facts = [f for f in extraction.facts if f.row == "denied.prohibited_by_law"]
    assert len(facts) == 7
    assert all(f.label == "2.其他法律行政止公开" and 75 <= f.label_score < 100 for f in facts)
    exact = [f for f in extraction.facts if f.row == "denied.state_secret"]
    assert all(f.label_score == 100 for f in exact)
