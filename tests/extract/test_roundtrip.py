"""Round trip: synthetic reports (both templates, random figures and printing quirks) are
rendered to PDF and extracted again; every figure comes back exactly, with its printed text."""

from __future__ import annotations

import pytest

from pipeline.core.figures import COLUMNS, figure_cells, mismatches
from pipeline.extract import extract_report, required_cells
from pipeline.replica.content import cell_key
from pipeline.replica.render import render_pdf
from pipeline.replica.synthetic import generate, inconsistencies
from pipeline.replica.table_grids import printed

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


def assert_round_trip(content, extraction) -> None:
    """Every figure back exactly, every required cell found, each with its printed text and page."""
    template = content.template
    assert extraction.template == template, content.quirks
    assert mismatches(extraction, figure_cells(content.figures)) == [], content.quirks
    split = any(row.startswith("other_handling.") for row in content.figures["requests"])
    assert extraction.other_handling_split == split
    assert {(f.table, f.row, f.column) for f in extraction.facts} == required_cells(template, split)
    for fact in extraction.facts:
        # Provenance: the cell text as printed (wrapped cells keep their line breaks).
        value = content.figures[fact.table][fact.row]
        value = value[fact.column] if fact.table == "proactive" else value[COLUMNS[fact.table].index(fact.column)]
        expected = printed(content, fact.table, fact.row, fact.column, value)
        if fact.table == "proactive" and fact.row in content.layout.label_figure:
            expected = fact.label + expected  # the label and its figure share the cell
        assert "".join(fact.raw.split()) == "".join(expected.split()), (
            cell_key(fact.table, fact.row, fact.column),
            content.quirks,
        )
        assert 1 <= fact.page <= extraction.pages


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
