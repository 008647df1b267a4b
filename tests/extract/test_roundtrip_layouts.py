"""Round trips of the layout classes that defeat extractors, each forced on by the generator's
knob, over both templates (fpdf2 replicas; browser-printed pages are in
test_roundtrip_printed.py)."""

from __future__ import annotations

import pytest
from roundtrip_support import assert_round_trip

from pipeline.extract import extract_report
from pipeline.replica.render import render_pdf
from pipeline.replica.synthetic import LAYOUT_CLASSES, generate

# label_figure needs a row with a single figure, which only the 2021 template's table 二 has.
CASES = [
    (seed, template, name)
    for name in LAYOUT_CLASSES
    for template in ("2019", "2021")
    for seed in (1, 2)
    if not (name == "label_figure" and template == "2019")
]


@pytest.mark.parametrize(("seed", "template", "name"), CASES, ids=lambda v: str(v))
def test_layout_class_roundtrip(tmp_path, seed, template, name):
    content = generate(seed, template, classes=(name,))
    assert f"layout class: {name}" in content.quirks
    render_pdf(content, tmp_path / "report.pdf")
    extraction = extract_report(tmp_path / "report.pdf")
    assert_round_trip(content, extraction)


def test_all_classes_at_once(tmp_path):
    """Every class of a ruled table at once (a table without rules has none of them)."""
    content = generate(7, "2021", classes=tuple(c for c in LAYOUT_CLASSES if c != "no_rules"))
    render_pdf(content, tmp_path / "report.pdf")
    assert_round_trip(content, extract_report(tmp_path / "report.pdf"))


def test_a_figure_in_the_label_cell_is_noted(tmp_path):
    content = generate(1, "2021", classes=("label_figure",))
    render_pdf(content, tmp_path / "report.pdf")
    extraction = extract_report(tmp_path / "report.pdf")
    assert any("read from the label cell" in note for note in extraction.notes)
    for item in content.layout.label_figure:
        (fact,) = [f for f in extraction.facts if f.row == item]
        assert fact.label.endswith(fact.label[-2:]) and not any(ch.isdigit() for ch in fact.label)


def test_written_figures_keep_their_text(tmp_path):
    content = generate(2, "2021", classes=("written_figures",))
    render_pdf(content, tmp_path / "report.pdf")
    extraction = extract_report(tmp_path / "report.pdf")
    nones = [f for f in extraction.facts if f.raw == "无"]
    assert nones and all(f.value == 0 for f in nones)


def test_generated_corpus_draws_every_class():
    drawn = {q for seed in range(60) for t in ("2019", "2021") for q in generate(seed, t).quirks}
    assert {f"layout class: {name}" for name in LAYOUT_CLASSES} <= drawn
