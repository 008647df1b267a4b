"""Scanned reports: how well and how fast the scan reader reads them, at 150, 200 and 300 dpi.

The bundled replicas (``data/samples/*.pdf``, both templates) are scanned (``pipeline/replica/
scan.py``: rotation up to ±2°, a shift, noise, blur, JPEG, a red seal on the first two pages),
keeping only the pages that hold tables 二, 三 and 四 (and the page after them). Each scan is read
by the scan reader (RapidOCR) in a process of its own, measured by ``bench.peak``: seconds and
peak resident memory per page. Every figure cell is compared with the replica's own text layer:
read exactly, NULL (unreadable, with a quality issue), or a wrong figure. The baseline, in the same
run, is RapidOCR's own command-line program on the same page images (the scan reader's
straightened pages), one process per page, measured the same way.

``--tesseract`` also reads the 200 dpi scans with Tesseract (``chi_sim``, Debian's
``tesseract-ocr``) on the same page images, rules and cell images: how the engine was chosen.

``--dpi=200,300`` measures those resolutions only. ``python -m bench.scans`` prints ``name: value`` lines; ``python -m bench`` (without ``--quick``) runs it too.
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium

from bench.peak import measure as measure_command
from pipeline.core.facts import Extraction
from pipeline.core.settings import PROJECT_DIR
from pipeline.extract import extract_report, extract_scan
from pipeline.extract.ocr import Box, tight_box
from pipeline.extract.pdftext import read_text
from pipeline.extract.scanned import render_pages
from pipeline.replica.scan import ScanStyle, write_scan

SAMPLES = PROJECT_DIR / "data" / "samples"


class TesseractRecogniser:
    """Tesseract (``chi_sim``) on the cell images the scan reader cuts: one run of the program per
    page, over the list of the page's cell images (``--psm 6``: a block of text), TSV output for
    each word's confidence."""

    name = "tesseract"

    def read(self, page: np.ndarray, ink: np.ndarray, cells: list[Box]) -> list[tuple[str, float]]:
        with tempfile.TemporaryDirectory() as folder:
            images = []
            for index, cell in enumerate(cells):
                left, top, right, bottom = tight_box(ink, cell) or cell
                path = Path(folder) / f"{index}.png"
                cv2.imwrite(str(path), page[top:bottom, left:right])
                images.append(str(path))
            listing = Path(folder) / "cells.txt"
            listing.write_text("\n".join(images) + "\n", encoding="utf-8")
            done = subprocess.run(
                ["tesseract", str(listing), "stdout", "-l", "chi_sim", "--psm", "6", "tsv"],
                capture_output=True,
                text=True,
                check=True,
            )
        words: dict[int, list[tuple[int, int, str, float]]] = {}
        for row in csv.DictReader(io.StringIO(done.stdout), delimiter="\t", quoting=csv.QUOTE_NONE):
            text = (row.get("text") or "").strip()
            if row["level"] == "5" and text:
                words.setdefault(int(row["page_num"]) - 1, []).append(
                    (int(row["line_num"]) + 1000 * int(row["block_num"]), int(row["left"]), text, float(row["conf"]))
                )
        result = []
        for index in range(len(cells)):
            found = sorted(words.get(index, []))
            if not found:
                result.append(("", 0.0))
                continue
            lines: dict[int, list[str]] = {}
            for line, _, text, _ in found:
                lines.setdefault(line, []).append(text)
            result.append(("\n".join("".join(parts) for parts in lines.values()), min(w[3] for w in found) / 100))
        return result


@dataclass
class Score:
    cells: int = 0
    correct: int = 0
    null: int = 0
    wrong: int = 0
    failed: int = 0  # scans whose tables could not be read at all
    seconds: float = 0.0
    pages: int = 0
    wrong_cells: list[str] = field(default_factory=list)

    def add(self, truth: Extraction, read: Extraction) -> None:
        got = {(f.table, f.row, f.column): f for f in read.facts}
        for fact in truth.facts:
            self.cells += 1
            mine = got.get((fact.table, fact.row, fact.column))
            if mine is not None and mine.value == fact.value and not mine.unreadable:
                self.correct += 1
            elif mine is None or mine.unreadable:
                self.null += 1
            else:
                self.wrong += 1
                self.wrong_cells.append(f"{fact.table} {fact.row} × {fact.column}: {mine.raw!r} for {fact.value}")


def table_pages(pdf: Path, folder: Path) -> Path:
    """The pages of ``pdf`` that hold its tables (and the page after), as a PDF of their own."""
    found = read_text(pdf).table_pages()
    numbers = sorted({page for pages in found.values() for page in pages})
    document = pdfium.PdfDocument(pdf)
    numbers = list(range(numbers[0], min(numbers[-1] + 1, len(document)) + 1))
    copy = pdfium.PdfDocument.new()
    copy.import_pages(document, [n - 1 for n in numbers])
    out = folder / f"{pdf.stem}.tables.pdf"
    copy.save(out)
    return out


DPIS = (150, 200, 300)


def score(original: Path, scan: Path, recogniser: object | None = None) -> Score:
    """``scan`` read by the scan reader, each figure cell compared with ``original``'s."""
    truth = extract_report(original)
    result = Score(pages=len(pdfium.PdfDocument(original)))
    try:
        read = extract_scan(scan, result.pages, recogniser)
    except Exception as exc:  # a reader that loses a table: counted, the run goes on
        print(f"# could not read {scan.name}: {exc}", flush=True)
        result.failed = 1
        result.cells = result.null = len(truth.facts)
        return result
    result.add(truth, read)
    return result


def _scored(line: str) -> Score:
    cells, correct, null, wrong, failed, pages = (int(n) for n in line.split()[1:7])
    return Score(cells, correct, null, wrong, failed, pages=pages)


def _cli(pages: list[Path]) -> tuple[float, float]:
    """RapidOCR's own program on each page image, a process each: seconds and peak MiB per page."""
    seconds, peak = 0.0, 0.0
    for page in pages:
        timing = measure_command([sys.executable, "-m", "rapidocr_onnxruntime.main", "-img", str(page)])
        seconds, peak = seconds + timing.seconds, max(peak, timing.peak_mib)
    return seconds / len(pages), peak


def measure_dpi(pdfs: list[Path], folder: Path, dpi: int, seed: int = 0) -> tuple[Score, float, float, float]:
    """Every replica's table pages scanned at ``dpi`` and read in a process of its own: the
    cells' score (its ``seconds`` and ``pages``), the peak MiB, and the baseline (seconds and
    peak MiB per page of RapidOCR's command line on the same page images)."""
    total, peak, images = Score(), 0.0, []
    for index, pdf in enumerate(pdfs):
        original = table_pages(pdf, folder)
        scan = write_scan(
            original, folder / f"{pdf.stem}.{dpi}.scan.pdf", ScanStyle(dpi=dpi, seed=seed + index), seal_pages={1, 2}
        )
        for page in render_pages(scan):
            image = folder / f"{pdf.stem}-{dpi}-{page.number}.png"
            cv2.imwrite(str(image), page.grey)
            images.append(image)
        timing = measure_command(
            [sys.executable, "-m", "bench.scans", "score", str(original), str(scan)], cwd=PROJECT_DIR
        )
        found = _scored(next(line for _, line in timing.lines if line.startswith("score ")))
        for _, line in timing.lines:
            if line.startswith("# "):
                print(line, flush=True)
        print(
            f"# {pdf.stem} at {dpi} dpi: {found.correct} exactly, {found.null} NULL, {found.wrong} wrong of "
            f"{found.cells} cells; {timing.seconds / found.pages:.1f} s a page, peak {timing.peak_mib:.0f} MiB",
            flush=True,
        )
        for name in ("cells", "correct", "null", "wrong", "failed", "pages"):
            setattr(total, name, getattr(total, name) + getattr(found, name))
        total.seconds += timing.seconds
        peak = max(peak, timing.peak_mib)
    cli_seconds, cli_peak = _cli(images)
    return total, peak, cli_seconds, cli_peak


def tesseract(pdfs: list[Path], folder: Path, seed: int = 0) -> Score:
    """The 200 dpi scans read with Tesseract on the scan reader's cell images."""
    total = Score()
    for index, pdf in enumerate(pdfs):
        original = table_pages(pdf, folder)
        scan = write_scan(
            original, folder / f"{pdf.stem}.tess.scan.pdf", ScanStyle(dpi=200, seed=seed + index), seal_pages={1, 2}
        )
        start = time.perf_counter()
        found = score(original, scan, TesseractRecogniser())
        total.seconds += time.perf_counter() - start
        for name in ("cells", "correct", "null", "wrong", "failed", "pages"):
            setattr(total, name, getattr(total, name) + getattr(found, name))
    return total


def report(with_tesseract: bool = False, dpis: tuple[int, ...] = DPIS) -> None:
    """Scan the bundled replicas at each resolution, read them, print the figures."""
    pdfs = sorted(SAMPLES.glob("*.pdf"))
    print(
        f"# scans: {len(pdfs)} bundled replicas (both templates), their table pages scanned at 150, 200 and "
        "300 dpi (rotation ±2°, shift, noise, blur, JPEG, red seal); figure cells read exactly / NULL "
        "(unreadable) / wrong; seconds and peak memory per page, each report read in a process of its own; "
        "baseline: RapidOCR's command line on the same page images, a process per page",
        flush=True,
    )
    with tempfile.TemporaryDirectory() as folder:
        for dpi in dpis:
            found, peak, cli_seconds, cli_peak = measure_dpi(pdfs, Path(folder), dpi)
            print(f"scan_cells_{dpi}dpi: {found.cells}")
            print(f"scan_cell_accuracy_{dpi}dpi: {found.correct / found.cells:.4f} ({found.correct}/{found.cells})")
            print(f"scan_cells_null_{dpi}dpi: {found.null}")
            print(f"scan_wrong_figures_{dpi}dpi: {found.wrong}")
            print(f"scan_reports_failed_{dpi}dpi: {found.failed}")
            print(f"scan_seconds_per_page_{dpi}dpi: {found.seconds / found.pages:.2f}")
            print(f"scan_peak_mib_{dpi}dpi: {peak:.0f}")
            print(f"scan_cli_seconds_per_page_{dpi}dpi: {cli_seconds:.2f}")
            print(f"scan_cli_peak_mib_{dpi}dpi: {cli_peak:.0f}")
            print(f"scan_reader_vs_cli_seconds_{dpi}dpi: {found.seconds / found.pages / cli_seconds:.2f}")
            print(f"scan_reader_vs_cli_peak_{dpi}dpi: {peak / cli_peak:.2f}")
            for line in found.wrong_cells:
                print(f"# wrong at {dpi} dpi: {line}")
            sys.stdout.flush()
        if with_tesseract:
            found = tesseract(pdfs, Path(folder))
            print(
                f"scan_cell_accuracy_tesseract_200dpi: {found.correct / found.cells:.4f} ({found.correct}/{found.cells})"
            )
            print(f"scan_wrong_figures_tesseract_200dpi: {found.wrong}")
            print(f"scan_reports_failed_tesseract_200dpi: {found.failed}")
            print(f"scan_seconds_per_page_tesseract_200dpi: {found.seconds / found.pages:.2f}")
    sys.stdout.flush()


def main(argv: list[str]) -> int:
    if argv[:1] == ["score"]:  # one scan read, in the process bench.peak measures
        found = score(Path(argv[1]), Path(argv[2]))
        print(f"score {found.cells} {found.correct} {found.null} {found.wrong} {found.failed} {found.pages}")
        for line in found.wrong_cells:
            print(f"# wrong: {line}")
        return 0
    dpis = next((arg.split("=", 1)[1] for arg in argv if arg.startswith("--dpi=")), None)
    report("--tesseract" in argv, tuple(int(n) for n in dpis.split(",")) if dpis else DPIS)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
