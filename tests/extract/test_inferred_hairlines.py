"""Two real WPS reports scanned in one bit, where the scanner's threshold took the hairline
horizontal strokes of their Song face: OCR reads too little of many labels to match them (其他 as
具他, （一）予以公开 as （·）以公F). Where the page proves it (the grid holds exactly the template's
rows or columns, the labels matched stand in its order), each unmatched one is named by its place;
the figures of such a table are kept only where a published sum proves them, since they lost
strokes too (a 4 without its bar reads 1)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from segment_support import read_segments
from truth import truth_cells

from pipeline.extract import _facts
from pipeline.extract.classify import assemble
from pipeline.extract.requests_table import map_requests
from pipeline.extract.segments import Segment
from pipeline.extract.sums import NOT_PROVEN


def _segments(fixtures: Path, name: str) -> list[Segment]:
    return read_segments(fixtures / "scans" / name)


def _truth(fixtures: Path, name: str) -> dict[tuple[str, str, str], Decimal | None]:
    return truth_cells(fixtures / "realworld" / f"{name}.truth.json")


def test_labels_whose_hairlines_the_scan_lost_are_named_by_their_places(fixtures: Path) -> None:
    """洪泽区 2023 in one bit: three row labels of table 三, two headers of table 二 and two of
    table 四 match nothing (before: `rows not recognised`). Each is named by its place, and the
    report reads with no figure wrong; every cell not read is NULL with its reason."""
    extraction = _facts(_segments(fixtures, "hairline-labels-hongze-2023.json"), "the page images")
    truth = _truth(fixtures, "hongze-2023")
    read = {(f.table, f.row, f.column): f for f in extraction.facts}
    assert set(read) == set(truth)
    assert [cell for cell, fact in read.items() if fact.value is not None and fact.value != truth[cell]] == []
    assert all(
        fact.unreadable
        for fact in read.values()
        if fact.value is None and truth[fact.table, fact.row, fact.column] is not None
    )
    assert sum(fact.value is not None for fact in read.values()) >= 140
    named = [note for note in extraction.notes if "(OCR could not read it)" in note]
    for label, code in (("（·）以公F", "granted"), ("（比）总i", "total_processed"), ("总让", "total")):
        assert any(f"'{label}'" in note and f"read as {code}," in note for note in named)
    assert len(named) == 7
    # table 四: the publisher's 总计 of 行政复议 is 0 for 10 + 1: no sum proves those figures.
    assert read["review", "administrative_review", "upheld"].doubt == NOT_PROVEN
    assert read["review", "litigation_direct", "total"].value == 0  # 0 + 0 + 0 + 0: proven


def test_figures_the_scan_misread_with_confidence_are_not_published(fixtures: Path) -> None:
    """淮安市 2024 in one bit: table 三's headers 社会公益组织 and 其他 read `社会公益\\n纠穴` and
    `具他`, five row labels no better; all named by their place. Its figures lost strokes too:
    34, 447 and 4 read 31, 117 and 1 at 0.90–0.99. No sum holds over them with every part read,
    so they are NULL, never published."""
    segments = _segments(fixtures, "hairline-labels-huaian-2024.json")
    tables, _ = assemble(segments)
    mapped = map_requests(tables["requests"])
    truth = _truth(fixtures, "huaian-2024")
    read = {(f.row, f.column): f for f in mapped.facts}
    assert [cell for cell, fact in read.items() if fact.value not in (None, truth["requests", *cell])] == []
    for cell, misread in (
        (("carried_over", "natural_person"), "31"),
        (("partially_granted", "natural_person"), "117"),
        (("total_processed", "other_org"), "1"),
    ):
        assert read[cell].raw == misread and read[cell].value is None and read[cell].doubt == NOT_PROVEN
    assert any("'具他'" in note and "read as other_org," in note for note in mapped.notes)


def test_a_proceeding_and_the_results_under_it_are_named_together(fixtures: Path) -> None:
    """淮安市 2024 in one bit, table 四: 未经复议直接起诉 reads `未经复设自援起诉` and 9 of the 15
    results match nothing (`站果\\n作!`, `.:`). The grid proves both levels at once: three cells
    each spanning exactly five results, the matched ones in the template's order, so each is
    named by its place (before: `no proceeding for the figure '13'`). The report reads with no
    figure wrong. 复议后起诉's 结果纠正 reads 1 at 0.63: its 总计, the other results read with
    confidence, confirms it, and the sum then proves the proceeding's figures (before: all NULL)."""
    extraction = _facts(_segments(fixtures, "hairline-labels-huaian-2024.json"), "the page images")
    truth = _truth(fixtures, "huaian-2024")
    read = {(f.table, f.row, f.column): f for f in extraction.facts}
    assert set(read) == set(truth)
    # Every cell is its figure or NULL with a reason: table 三's 11, 1 and 2, whose every stroke
    # fell under the threshold, read blank at 1.0 and are not published blank.
    assert [cell for cell, fact in read.items() if not fact.unreadable and fact.value != truth[cell]] == []
    review = {(row, column): fact.value for (table, row, column), fact in read.items() if table == "review"}
    for proceeding in ("administrative_review", "litigation_direct"):
        assert all(value == truth["review", *cell] for cell, value in review.items() if cell[0] == proceeding)
    corrected = read["review", "litigation_after_review", "corrected"]
    assert corrected.value == 1 and corrected.confirmed and not corrected.unreadable
    assert corrected.confidence < 0.9 and corrected.doubt == "read at 0.63, confirmed by the proceeding's 总计"
    assert all(
        value == truth["review", *cell] for cell, value in review.items() if cell[0] == "litigation_after_review"
    )
    named = [note for note in extraction.notes if note.startswith("table 四") and "(OCR could not read it)" in note]
    assert len(named) == 10
    assert any("'未经复设自援起诉'" in note and "read as litigation_direct," in note for note in named)
    assert any("'.:'" in note and "read as total," in note for note in named)
