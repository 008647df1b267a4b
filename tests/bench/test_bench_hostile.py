"""The hostile sweep's accounting: a hang is a reading that went on past the time it was allowed,
the time each page OCR read adds counted; a slow reading by OCR that ends within it is not one."""

from bench.hostile import _ending
from pipeline.core.facts import ReportError
from pipeline.core.settings import Limits
from pipeline.extract.bounded import Outcome


def test_a_slow_reading_by_ocr_that_ends_in_a_line_is_no_hang() -> None:
    limits = Limits()  # 55 s, and 60 s a page OCR reads
    slow = Outcome(None, ReportError("table 三 (requests) not found"), peak_mb=300.0, seconds=110.0)
    assert _ending(slow, limits, scanned=3) == "line"
    assert _ending(slow, limits, scanned=0) == "hang"  # the same time without OCR: past its limit
    past = Outcome(None, ReportError("table 三 (requests) not found"), peak_mb=300.0, seconds=300.0)
    assert _ending(past, limits, scanned=3) == "hang"  # 55 + 3 × 60 s allowed, and 2 s of grace
