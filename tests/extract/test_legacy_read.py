"""平潭's old-style reports on 2011–2018 (and the former 平潭县's, the local tax bureau's), read as the
pipeline reads them: every figure of the statistics table and every figure of the text their truth
lists, exactly as published (tests/fixtures/realworld/*.truth.json, "template": "legacy")."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from pipeline.core.crosswalk import mappings
from pipeline.extract import extract_report
from pipeline.extract.htmlpage import read_page

FIXTURES = Path(__file__).parents[1] / "fixtures" / "realworld"
NAMES = [
    *(f"pingtan-{year}" for year in range(2011, 2019)),
    *(f"pingtan-county-{year}" for year in range(2011, 2014)),
    "pingtan-localtax-2013",
]


def _truth(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.truth.json").read_text(encoding="utf-8"))


def _decimal(value: float | int | None) -> Decimal | None:
    return None if value is None else Decimal(str(value))


@pytest.fixture(scope="module", params=NAMES)
def report(request) -> tuple[str, dict, object]:
    return request.param, _truth(request.param), extract_report(FIXTURES / f"{request.param}.html")


def test_the_report_is_told_old_style(report) -> None:
    _, _, extraction = report
    assert extraction.template == "legacy" and extraction.engine == "html"
    assert {f.table for f in extraction.facts} == {"legacy"}


def test_every_table_figure_is_read_as_published(report) -> None:
    name, truth, extraction = report
    read = sorted((f.label, f.unit or "", f.column, f.raw, f.value) for f in extraction.facts if f.sentence is None)
    published = sorted(
        (g["label"], g["unit"], g["period"], g["text"], _decimal(g["value"]))
        for g in truth["figures"]
        if g["source"] == "table"
    )
    assert read == published, name
    # Each cell is found again by its locator: table 1, the row of its label, the column of its period.
    columns = {"year": 3, "cumulative": 4}
    rows = {g["label"]: g["row"] for g in truth["figures"] if g["source"] == "table"}
    for fact in extraction.facts:
        assert fact.page is None  # a web page has no pages
        if fact.sentence is None:
            assert fact.locator == f"table 1, row {rows[fact.label] + 1}, column {columns[fact.column]}"


def test_every_text_figure_of_the_truth_is_read_in_its_sentence(report) -> None:
    name, truth, extraction = report
    read = {(f.label, f.raw, f.value, f.sentence) for f in extraction.facts if f.sentence is not None}
    for g in truth["figures"]:
        # 地税局 2013 prints "2.04%占" (figure and word swapped): no words name that figure.
        if g["source"] == "text" and g["label"]:
            assert (g["label"], g["text"], _decimal(g["value"]), g["sentence"]) in read, (name, g)


def test_a_text_figure_read_is_published_and_its_measure_agrees_with_the_truth(report) -> None:
    """Beyond the truth's figures the text states many in passing (访问量 11460人次); each one read
    is in its sentence, its sentence in the page; one the crosswalk maps into the long series is
    in the truth, or says again what the truth's figures of its measure say ("因未发生政府信息公开
    申请" after "未收到政府信息公开申请")."""
    name, truth, extraction = report
    page = read_page((FIXTURES / f"{name}.html").read_bytes())
    texts = [g for g in truth["figures"] if g["source"] == "text"]
    listed = {(g["label"], g["text"], g["sentence"]) for g in texts}
    by_measure: dict[str, set[Decimal | None]] = {}
    for g in texts:
        for m in mappings(g["label"]):
            by_measure.setdefault(m.measure, set()).add(_decimal(g["value"]))
    for fact in extraction.facts:
        if fact.sentence is None:
            continue
        assert fact.raw in fact.sentence and fact.sentence in page.text
        if (fact.label, fact.raw, fact.sentence) not in listed:
            for m in mappings(fact.label):
                assert by_measure.get(m.measure) == {fact.value}, (name, fact)


def test_the_notes_name_the_indicators_left_unmapped(report) -> None:
    _, truth, extraction = report
    labels = {g["label"] for g in truth["figures"] if g["source"] == "table"}
    unmapped = sorted(label for label in labels if not mappings(label))
    notes = [n for n in extraction.notes if n.startswith("indicators the crosswalk does not map")]
    if unmapped:
        assert len(notes) == 1 and all(label in notes[0] for label in unmapped)
    else:
        assert notes == []
