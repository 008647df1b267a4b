"""``bench.layouts`` counts a print its producer could not make as a print not read, and goes on."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import layouts
from pipeline.replica.printings import PRINTS, PrintError


def test_a_print_the_producer_could_not_make_is_not_read_and_the_sweep_goes_on(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def stuck(*args: object, **kwargs: object) -> Path:
        raise PrintError("LibreOffice did not convert report.docx within 120 s")

    monkeypatch.setattr(layouts, "printed", stuck)
    page = layouts.Page("pingtan-police-2019", "<html></html>", {})
    assert layouts.read_exactly(page, PRINTS[0], tmp_path) == (
        0,
        0,
        "not printed: LibreOffice did not convert report.docx within 120 s",
    )
