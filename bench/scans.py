"""Scanned reports: which OCR engine reads the cells of a scan, and how well the scan reader does.

The bundled replicas (``data/samples/*.pdf``, both templates) are scanned (``pipeline/replica/
scan.py``: 200 dpi, rotation up to ±2°, a shift, noise, blur, JPEG, a red seal on a table page),
keeping only the pages that hold tables 二, 三 and 四 (and the page after them). Each scan is read
by the scan reader twice, with the same page images, rules and cell images: once with RapidOCR
(the reader's engine), once with Tesseract (``chi_sim``, Debian's ``tesseract-ocr``) reading each
cell image. Every figure cell is compared with the replica's own text layer: read exactly, NULL
(unreadable, with a quality issue), or a wrong figure. The baseline is each engine's own
command-line program run on the same page images (the scan reader's straightened pages), back to
back in the same run: seconds per page.

``python -m bench.scans`` prints ``name: value`` lines; ``python -m bench`` (without ``--quick``) runs it too.
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

from pipeline.core.facts import Extraction
from pipeline.core.settings import PROJECT_DIR
from pipeline.extract import extract_report, extract_scan
from pipeline.extract.ocr import Box, RapidRecogniser, tight_box
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


def _cli_seconds(pages: list[Path]) -> dict[str, float]:
    """Each engine's own program on the page images: seconds per page."""
    commands = {
        "tesseract": lambda p: ["tesseract", str(p), "stdout", "-l", "chi_sim"],
        "rapidocr": lambda p: [sys.executable, "-m", "rapidocr_onnxruntime.main", "-img", str(p)],
    }
    seconds = {}
    for name, command in commands.items():
        start = time.perf_counter()
        for page in pages:
            subprocess.run(command(page), capture_output=True, check=True)
        seconds[name] = (time.perf_counter() - start) / len(pages)
    return seconds


def measure(pdfs: list[Path], folder: Path, seed: int = 0) -> tuple[dict[str, Score], dict[str, float]]:
    scores = {"rapidocr": Score(), "tesseract": Score()}
    page_images: list[Path] = []
    for index, pdf in enumerate(pdfs):
        original = table_pages(pdf, folder)
        truth = extract_report(original)
        count = len(pdfium.PdfDocument(original))
        scan = write_scan(
            original, folder / f"{pdf.stem}.scan.pdf", ScanStyle(dpi=200, seed=seed + index), seal_pages={1, 2}
        )
        for page in render_pages(scan):
            image = folder / f"{pdf.stem}-{page.number}.png"
            cv2.imwrite(str(image), page.grey)
            page_images.append(image)
        for recogniser in (RapidRecogniser(), TesseractRecogniser()):
            score = scores[recogniser.name]
            start = time.perf_counter()
            try:
                read = extract_scan(scan, count, recogniser)
            except Exception as exc:  # a reader that loses a table: counted, the run goes on
                print(f"# {recogniser.name} could not read {pdf.name}: {exc}", flush=True)
                score.failed += 1
                score.cells += len(truth.facts)
                score.null += len(truth.facts)
                continue
            finally:
                score.seconds += time.perf_counter() - start
                score.pages += count
            before = (score.correct, score.null, score.wrong)
            score.add(truth, read)
            print(
                f"# {recogniser.name} {pdf.name}: {score.correct - before[0]} correct, {score.null - before[1]} "
                f"null, {score.wrong - before[2]} wrong of {len(truth.facts)} cells",
                flush=True,
            )
    return scores, _cli_seconds(page_images)


def report() -> None:
    """Scan the bundled replicas, read them with both engines, print the figures."""
    pdfs = sorted(SAMPLES.glob("*.pdf"))
    with tempfile.TemporaryDirectory() as folder:
        scores, cli = measure(pdfs, Path(folder))
    print(
        f"# scans: {len(pdfs)} bundled replicas (both templates), their table pages scanned at 200 dpi "
        "(rotation ±2°, shift, noise, blur, JPEG, red seal); the scan reader with each engine on the same "
        "cell images; figure cells read exactly / NULL (unreadable) / wrong; seconds per page; baseline: "
        "each engine's command line on the same page images",
        flush=True,
    )
    for name, score in scores.items():
        print(f"scan_cells_{name}: {score.cells}")
        print(f"scan_cell_accuracy_{name}: {score.correct / score.cells:.4f} ({score.correct}/{score.cells})")
        print(f"scan_cells_null_{name}: {score.null}")
        print(f"scan_wrong_figures_{name}: {score.wrong}")
        print(f"scan_reports_failed_{name}: {score.failed}")
        print(f"scan_seconds_per_page_{name}: {score.seconds / score.pages:.2f}")
        print(f"scan_cli_seconds_per_page_{name}: {cli[name]:.2f}")
        print(f"scan_reader_vs_cli_{name}: {score.seconds / score.pages / cli[name]:.2f}")
        for line in score.wrong_cells:
            print(f"# wrong ({name}): {line}")
    sys.stdout.flush()


if __name__ == "__main__":
    report()
