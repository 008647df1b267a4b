"""``bench.layouts`` counts a print its producer could not make as a print not read, and goes on;
it reads prints kept by an earlier sweep again without printing."""

from __future__ import annotations

import shutil
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


def test_kept_prints_are_read_again_and_only_those(fixtures: Path, tmp_path: Path, capsys) -> None:
    """``--reread DIR`` reads each print kept as ``{page}-{print}.pdf`` with the current readers,
    counting only the prints kept (here one of the page's four Word prints on A5), printing none;
    a kept print that does not read is a print not read, with its line."""
    kept = fixtures / "printed" / "pingtan-assets-2019-word-a5-unruled.pdf"
    shutil.copy(kept, tmp_path / "pingtan-assets-2019-word-A5-default-unruled.pdf")
    options = ["--reread", str(tmp_path), "--page", "pingtan-assets", "--producer", "word", "--paper", "A5"]
    assert layouts.main([*options, "--margins", "default"]) == 0
    out = capsys.readouterr().out
    assert "all: 198/198 cells (100.00%); prints not read exactly: 0; cells read wrong: 0" in out
    (tmp_path / "pingtan-assets-2019-word-A5-default-unruled-repeat.pdf").write_bytes(b"%PDF-1.4 cut short")
    assert layouts.main([*options, "--margins", "default"]) == 1
    out = capsys.readouterr().out
    assert "# pingtan-assets-2019 word-A5-default-unruled-repeat: 0/198 failed: " in out
    assert "all: 198/396 cells" in out and "prints not read exactly: 1;" in out
