"""A figure a scan read below the threshold, kept where a published sum confirms it, and only there."""

from __future__ import annotations

from decimal import Decimal

from pipeline.core.facts import OCR_UNSURE, UNDER_SEAL, Extraction, Fact
from pipeline.extract import _name_unreadable
from pipeline.extract.sums import confirmed, review_sums

_RESULTS = ("upheld", "corrected", "other", "pending")


def _proceeding(figures: dict[str, str], unsure: dict[str, tuple[float, str]]) -> list[Fact]:
    """Table 四's 行政复议 as a scan read it: each result's text, those in ``unsure`` read at that
    confidence, for that reason (NULL, as ``cells.publish`` makes them)."""
    facts = []
    for result in (*_RESULTS, "total"):
        raw = figures.get(result, "0")
        confidence, doubt = unsure.get(result, (0.99, None))
        value = None if doubt or not raw else Decimal(raw)
        facts.append(Fact("review", "administrative_review", result, value, 3, raw, confidence=confidence, doubt=doubt))
    return facts


def _read(facts: list[Fact]) -> dict[str, Fact]:
    return {fact.column: fact for fact in confirmed(facts, review_sums())}


def test_a_figure_read_unsure_that_the_total_confirms_is_kept_with_why() -> None:
    read = _read(_proceeding({"upheld": "7", "corrected": "3", "total": "10"}, {"corrected": (0.72, OCR_UNSURE)}))
    kept = read["corrected"]
    assert kept.value == 3 and kept.confidence == 0.72 and kept.confirmed and not kept.unreadable
    assert kept.doubt == "read at 0.72, confirmed by the proceeding's 总计"
    extraction = Extraction("2021", 1, list(read.values()), {}, [])
    _name_unreadable(extraction)
    assert extraction.notes == [
        "table 四 (review and litigation): cell administrative_review × corrected on page 3: '3' "
        + kept.doubt
        + "; kept"
    ]


def test_a_figure_under_a_seal_is_kept_where_the_total_confirms_it() -> None:
    read = _read(_proceeding({"upheld": "7", "corrected": "3", "total": "10"}, {"upheld": (0.5, UNDER_SEAL)}))
    assert read["upheld"].value == 7 and read["upheld"].doubt == "read under a seal, confirmed by the proceeding's 总计"


def test_nothing_is_confirmed_by_a_sum_that_fails_nor_by_one_with_two_unsure_parts() -> None:
    unsure = {"corrected": (0.72, OCR_UNSURE)}
    assert _read(_proceeding({"upheld": "7", "corrected": "3", "total": "11"}, unsure))["corrected"].unreadable
    two = {**unsure, "upheld": (0.8, OCR_UNSURE)}
    read = _read(_proceeding({"upheld": "7", "corrected": "3", "total": "10"}, two))
    assert read["corrected"].unreadable and read["upheld"].unreadable


def test_a_total_read_unsure_is_confirmed_by_its_parts() -> None:
    read = _read(_proceeding({"upheld": "7", "corrected": "3", "total": "10"}, {"total": (0.6, OCR_UNSURE)}))
    assert read["total"].value == 10 and read["total"].confirmed


def test_what_is_not_a_plain_figure_nor_doubted_by_ocr_alone_is_not_confirmed() -> None:
    """A blank is never 0; a reading OCR had to take a mark for a digit in is no figure; a cell
    NULL for a lost rule may hold another cell's figure."""
    for raw, doubt in (("", OCR_UNSURE), ("3.", OCR_UNSURE), ("03", OCR_UNSURE), ("3", "a rule lost")):
        figures = {"upheld": "10", "corrected": raw, "total": "13" if raw else "10"}
        assert _read(_proceeding(figures, {"corrected": (0.4, doubt)}))["corrected"].unreadable


def test_a_zero_is_not_confirmed_in_a_table_that_prints_blanks() -> None:
    """A sum cannot tell 0 from a blank: a 0 read unsure is confirmed only where every other
    cell holds a figure."""
    unsure = {"corrected": (0.6, OCR_UNSURE)}
    assert _read(_proceeding({"upheld": "7", "corrected": "0", "total": "7"}, unsure))["corrected"].value == 0
    blank = _read(_proceeding({"upheld": "7", "corrected": "0", "other": "", "total": "7"}, unsure))
    assert blank["corrected"].unreadable
