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

``--dpi=200,300`` measures those resolutions only; ``--seed=N`` scans with the seeds N, N+1, N+2
(other angles, noise, seal places; default 0); ``--page=NAME,…`` reads only the reports (or real
pages) of those names (``mfa-2020``, ``pingtan-2022``…), one at a time on a busy machine.

``--pages=real`` scans real pages instead: the bundled 平潭 pages (2021-template Word-export
tables: cells of ``<p>``, left-aligned text, tall merged cells; truth in ``tests/fixtures/
realworld``) and the seed's page, printed by Chromium (``pipeline/replica/printings.py``), and the
real publishers' own PDFs in ``tests/fixtures/realworld`` (``REAL_PDFS``: WPS exports, a producer
none of our prints imitates), their pages rasterised as they are, as a county scans the paper it
printed from its own file; each figure compared with the published truth (read as published, sums
that do not add up included: the checks flag those, not the reader). ``--pages=real-unruled``: the
平潭 pages and the seed's printed with every border removed (a report printed from Word with its
borders off, then scanned), read by the reader of tables without rules from the text OCR finds.
``--pages=official``: the official format's own Word file (``tests/fixtures/word/official-template-
2021.docx``) filled with generated reports' figures (``pipeline/replica/officialtemplate.py``;
``official-0``, ``official-1``, ``official-6``: the reports of those seeds), exported to PDF by
LibreOffice as the file is (its own margins: four-digit figures wrap in its narrow columns), as a
county prints the template it typed its figures into and scans the paper; truth the figures typed.

``--faults`` scans 外交部 2020's replica (the 2019 template, four table pages: a table continued on
the next sheet) the ways real scanners store pages: bi-level (1 bit a pixel, CCITT G4), grey,
sheets turned sideways and upside down, a sheet off the glass (its margin lost, or the table's
edge too), bi-level at 150 dpi, and bi-level with the seal over one of table 四's headers (a
result's, or centred on a proceeding's)
(``--faults=bilevel,grey``: those only, by their names in ``FAULTS``). Each must read exactly, or leave NULL with a quality issue
what it cannot read, or fail with one line: never a wrong figure. With ``--pages=real`` (and
``--page=NAME,…``), or ``--pages=official``, the faults scan those pages instead of 外交部's replica.

``--layers`` makes the two forms of PDF whose text layer does not say what they print
(``pipeline/replica/textforms.py``) from every replica's table pages: its fonts without ToUnicode
maps, and a searchable scan (200 dpi, the scanner's OCR text drawn invisibly over the page images,
every 0 misread as 8). Each is read by ``extract_report`` (the whole dispatch, which must recognise
the layer and read the pages by OCR) in a process of its own; cells exact / NULL / wrong.

Each NULL cell (what OCR read, how sure), each wrong figure and each header or row label named by
its place (``pipeline/extract/inferred.py``) is printed as a ``#`` line.

``python -m bench.scans`` prints ``name: value`` lines; ``python -m bench`` (without ``--quick``)
runs it too.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium

from bench.layouts import OTHER_PAGES, REALWORLD, real_pages
from bench.peak import measure as measure_command
from pipeline.core.errors import OgiError
from pipeline.core.facts import Extraction
from pipeline.core.figures import Cell, figure_cells
from pipeline.core.settings import PROJECT_DIR
from pipeline.extract import extract_report, extract_scan
from pipeline.extract.ocr import Box, tight_box
from pipeline.extract.pageimages import render_pages
from pipeline.extract.pdftext import read_text
from pipeline.replica.officialtemplate import fill
from pipeline.replica.printings import Printing, printed
from pipeline.replica.scan import ScanStyle, write_scan
from pipeline.replica.synthetic import generate
from pipeline.replica.textforms import searchable_scan, without_tounicode
from pipeline.replica.worddoc import converted

SAMPLES = PROJECT_DIR / "data" / "samples"
OFFICIAL_TEMPLATE = PROJECT_DIR / "tests" / "fixtures" / "word" / "official-template-2021.docx"
# The generated reports typed into it by ``--pages=official``: 2021-format reports publishing
# （六）其他处理 as its three sub-rows, as the template does.
OFFICIAL_SEEDS = (0, 1, 6)


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
    null_cells: list[str] = field(default_factory=list)  # each NULL cell: what OCR read, how sure
    inferred: list[str] = field(default_factory=list)  # headers and labels named by their place

    def add(self, expected: dict[Cell, Decimal | None], read: Extraction) -> None:
        """Each published cell compared with the fact read for it; a figure read where nothing
        was published is wrong too."""
        got = {(f.table, f.row, f.column): f for f in read.facts}
        for cell, value in expected.items():
            self.cells += 1
            mine = got.get(cell)
            if mine is not None and mine.value == value and not mine.unreadable:
                self.correct += 1
            elif mine is None or mine.unreadable:
                self.null += 1
                if mine is not None:
                    self.null_cells.append(
                        f"{' × '.join(cell)} (page {mine.page}): read {mine.raw!r}, confidence {mine.confidence}"
                    )
            else:
                self.wrong += 1
                self.wrong_cells.append(f"{' × '.join(cell)}: {mine.raw!r} for {value}")
        for cell in sorted(set(got) - set(expected)):
            if got[cell].value is not None:
                self.wrong += 1
                self.wrong_cells.append(f"{' × '.join(cell)}: {got[cell].raw!r}, not published")
        self.inferred += [note for note in read.notes if "OCR could not read it" in note]

    def plus(self, other: Score) -> None:
        for name in ("cells", "correct", "null", "wrong", "failed", "pages"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.seconds += other.seconds
        self.wrong_cells += other.wrong_cells


def text_layer_cells(original: Path) -> dict[Cell, Decimal | None]:
    """The cells a PDF with a text layer publishes, as its reader reads them."""
    return {(f.table, f.row, f.column): f.value for f in extract_report(original).facts}


@dataclass(frozen=True)
class Original:
    """A report to scan: the PDF of its table pages and the truth file of its published cells."""

    name: str
    pdf: Path
    truth: Path
    number: int = 0  # its place among all the reports: its scan's seed is the run's seed plus this


def _write_truth(cells: dict[Cell, Decimal | None], folder: Path, name: str, source: str) -> Path:
    """The cells as a file of the scan's folder, named by the report and by its ``source`` (a
    replica, a print, the publisher's PDF): two sources of one report keep a file each."""
    rows = [[*cell, None if value is None else str(value)] for cell, value in sorted(cells.items())]
    path = folder / f"{name}.{source}.truth"
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    return path


def _read_truth(path: Path) -> dict[Cell, Decimal | None]:
    rows = json.loads(path.read_text(encoding="utf-8"))
    return {(table, row, column): None if value is None else Decimal(value) for table, row, column, value in rows}


def replicas(folder: Path, only: list[str] | None = None) -> list[Original]:
    """The table pages of the bundled replicas (or those named in ``only``), their truth their own
    text layer."""
    pdfs = sorted(SAMPLES.glob("*.pdf"))
    unknown = [name for name in only or [] if name not in {pdf.stem for pdf in pdfs}]
    if unknown:
        raise SystemExit(f"--page={','.join(unknown)}: expected some of {','.join(pdf.stem for pdf in pdfs)}")
    found = []
    for number, pdf in enumerate(pdfs):
        if only and pdf.stem not in only:
            continue
        pages = table_pages(pdf, folder)
        truth = _write_truth(text_layer_cells(pages), folder, pdf.stem, "replica")
        found.append(Original(pdf.stem, pages, truth, number))
    return found


# The real publishers' own PDFs scanned by ``--pages=real``: tests/fixtures/realworld/NAME.pdf
# and NAME.truth.json.
REAL_PDFS = ("hongze-2023", "hongze-2024", "huaian-2024")


def printed_pages(folder: Path, rules: bool = True, only: list[str] | None = None) -> list[Original]:
    """The real pages of ``bench.layouts`` printed by Chromium (A4, with their rules or with every
    border removed) and, with their rules, the real publishers' PDFs of ``REAL_PDFS`` as
    they are (or those named in ``only``), table pages only; their truth the published figures."""
    pages = real_pages()
    publishers = REAL_PDFS if rules else ()
    names = [page.name for page in pages] + list(publishers)
    unknown = [name for name in only or [] if name not in names]
    if unknown:
        raise SystemExit(f"--page={','.join(unknown)}: expected some of {','.join(names)}")
    # Each page's seed is its place in this order, other publishers' pages last, so that adding
    # one leaves the seeds (and the faults drawn) of the others as they were.
    order = [n for n in names if n not in OTHER_PAGES] + [n for n in names if n in OTHER_PAGES]
    found = []
    for page in pages:
        if only and page.name not in only:
            continue
        pdf = printed(page.html, folder / f"{page.name}.print.pdf", Printing(rules=rules))
        truth = _write_truth(page.cells, folder, page.name, "print")
        found.append(Original(page.name, table_pages(pdf, folder), truth, order.index(page.name)))
    for name in publishers:
        if only and name not in only:
            continue
        number = order.index(name)
        published = json.loads((REALWORLD / f"{name}.truth.json").read_text(encoding="utf-8"))
        truth = _write_truth(figure_cells(published, published["columns"]), folder, name, "publisher")
        found.append(Original(name, table_pages(REALWORLD / f"{name}.pdf", folder), truth, number))
    return found


def official_pages(folder: Path, only: list[str] | None = None) -> list[Original]:
    """The official template filled with the reports of ``OFFICIAL_SEEDS`` (or those named in
    ``only``, ``official-N``), exported to PDF by LibreOffice as the file is: table pages only,
    their truth the figures typed."""
    names = [f"official-{seed}" for seed in OFFICIAL_SEEDS]
    unknown = [name for name in only or [] if name not in names]
    if unknown:
        raise SystemExit(f"--page={','.join(unknown)}: expected some of {','.join(names)}")
    found = []
    for number, (name, seed) in enumerate(zip(names, OFFICIAL_SEEDS)):
        if only and name not in only:
            continue
        content = generate(seed, "2021")
        pdf = folder / f"{name}.pdf"
        pdf.write_bytes(converted(fill(OFFICIAL_TEMPLATE.read_bytes(), content), "docx", "pdf"))
        truth = _write_truth(figure_cells(content.figures), folder, name, "template")
        found.append(Original(name, table_pages(pdf, folder), truth, number))
    return found


def chosen_pages(pages: str, folder: Path, only: list[str] | None) -> list[Original]:
    """The originals ``--pages`` names (or those of them named in ``only``)."""
    if pages == "official":
        return official_pages(folder, only)
    if pages == "replicas":
        return replicas(folder, only)
    return printed_pages(folder, pages == "real", only)


PREFIXES = {"replicas": "", "real": "real_", "real-unruled": "real_unruled_", "official": "official_"}


def table_pages(pdf: Path, folder: Path) -> Path:
    """The pages of ``pdf`` that hold its tables (and the page after), as a PDF of their own
    (named by ``pdf``'s name: a print's ends in ``.print``)."""
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


def score(
    original: Path, scan: Path, recogniser: object | None = None, truth: Path | None = None, whole: bool = False
) -> Score:
    """``scan`` read by the scan reader (``whole``: by ``extract_report``, which decides how to read
    it), each figure cell compared with ``original``'s (or with the cells of the ``truth`` file)."""
    expected = _read_truth(truth) if truth is not None else text_layer_cells(original)
    result = Score(pages=len(pdfium.PdfDocument(original)))
    try:
        read = extract_report(scan) if whole else extract_scan(scan, result.pages, recogniser)
    except OgiError as exc:  # a report that fails with one line: counted, the run goes on
        print(f"# could not read {scan.name}: {exc}", flush=True)
        result.failed = 1
        result.cells = result.null = len(expected)
        return result
    except Exception as exc:  # a reader's bug: counted as nothing read, and shown
        print(f"# CRASH reading {scan.name}: {type(exc).__name__}: {exc}", flush=True)
        result.failed = 1
        result.cells = result.null = len(expected)
        return result
    result.add(expected, read)
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


def _in_process(step: str, original: Original, pdf: Path, label: str) -> tuple[Score, float]:
    """``pdf`` (made from ``original``) read by this module's ``step`` in a process of its own,
    its lines printed: the cells' score (with its ``seconds``) and the peak MiB."""
    timing = measure_command(
        [sys.executable, "-m", "bench.scans", step, str(original.pdf), str(pdf), str(original.truth)],
        cwd=PROJECT_DIR,
    )
    found = _scored(next(line for _, line in timing.lines if line.startswith("score ")))
    for _, line in timing.lines:
        if line.startswith("# "):
            print(line, flush=True)
    print(
        f"# {original.name} ({label}): {found.correct} exactly, {found.null} NULL, {found.wrong} wrong of "
        f"{found.cells} cells; {timing.seconds / found.pages:.1f} s a page, peak {timing.peak_mib:.0f} MiB",
        flush=True,
    )
    found.seconds = timing.seconds
    return found, timing.peak_mib


def measure(
    originals: list[Original], folder: Path, styles: list[ScanStyle], label: str
) -> tuple[Score, float, list[Path]]:
    """Each original scanned with its style and read in a process of its own: the cells' score (its
    ``seconds`` and ``pages``), the peak MiB, and the scan reader's page images (the baseline's)."""
    total, peak, images = Score(), 0.0, []
    for original, style in zip(originals, styles):
        scan = write_scan(original.pdf, folder / f"{original.name}.{label}.scan.pdf", style, seal_pages={1, 2})
        for page in render_pages(scan):
            image = folder / f"{original.name}-{label}-{page.number}.png"
            cv2.imwrite(str(image), page.grey)
            images.append(image)
        found, mib = _in_process("score", original, scan, label)
        total.plus(found)
        peak = max(peak, mib)
    return total, peak, images


def measure_dpi(originals: list[Original], folder: Path, dpi: int, seed: int = 0) -> tuple[Score, float, float, float]:
    """Every original's table pages scanned at ``dpi`` (seeds ``seed``, ``seed`` + 1…) and read in
    a process of its own: the cells' score, the peak MiB, and the baseline (seconds and peak MiB
    per page of RapidOCR's command line on the same page images)."""
    styles = [ScanStyle(dpi=dpi, seed=seed + original.number) for original in originals]
    total, peak, images = measure(originals, folder, styles, f"{dpi}")
    cli_seconds, cli_peak = _cli(images)
    return total, peak, cli_seconds, cli_peak


# How real scanners store pages: (name, what differs from the 200 dpi colour scan).
FAULTS: list[tuple[str, dict[str, object]]] = [
    ("bilevel", {"mode": "bilevel"}),
    ("grey", {"mode": "grey"}),
    ("sideways", {"turns": (90, 180, 270, 90)}),  # page by page: sideways either way, upside down
    ("off_glass", {"cut": 0.09}),  # the right margin beyond the glass
    ("off_glass_table", {"cut": 0.16}),  # the table's right edge beyond it too
    ("bilevel_150dpi", {"mode": "bilevel", "dpi": 150}),
    # The seal over table 四's header (its fourth 总计, the last result of 复议后起诉), its centre
    # beyond the table's right edge: its ring crosses that one header and the figure under it.
    ("bilevel_seal_table4", {"mode": "bilevel", "seal_on": "总计", "seal_occurrence": 3, "seal_shift": (0.35, 0.0)}),
    # The seal centred on table 四's proceeding 复议后起诉: its ring crosses that header and the
    # results under it.
    ("bilevel_seal_proceeding", {"mode": "bilevel", "seal_on": "复议后起诉"}),
]
FAULT_REPORTS = ("mfa-2020",)


def faults(
    folder: Path,
    seed: int = 0,
    only: list[str] | None = None,
    originals: list[Original] | None = None,
    prefix: str = "",
) -> None:
    """The scanner conditions of ``FAULTS`` (or those named in ``only``) on ``originals`` (default:
    the replicas of ``FAULT_REPORTS``): one line each, named after ``prefix``."""
    known = [name for name, _ in FAULTS]
    unknown = [name for name in only or [] if name not in known]
    if unknown:
        raise SystemExit(f"--faults={','.join(unknown)}: expected some of {','.join(known)}")
    if originals is None:
        originals = [original for original in replicas(folder) if original.name in FAULT_REPORTS]
    for name, changes in FAULTS:
        if only and name not in only:
            continue
        styles = [replace(ScanStyle(seed=seed + index), **changes) for index in range(len(originals))]
        found, peak, _ = measure(originals, folder, styles, name)
        _print_score(f"{prefix}fault_{name}", found, peak)
        sys.stdout.flush()


def _print_score(name: str, found: Score, peak: float) -> None:
    print(f"scan_cell_accuracy_{name}: {found.correct / found.cells:.4f} ({found.correct}/{found.cells})")
    print(f"scan_cells_null_{name}: {found.null}")
    print(f"scan_wrong_figures_{name}: {found.wrong}")
    print(f"scan_reports_failed_{name}: {found.failed}")
    print(f"scan_seconds_per_page_{name}: {found.seconds / found.pages:.2f}")
    print(f"scan_peak_mib_{name}: {peak:.0f}")
    for line in found.wrong_cells:
        print(f"# wrong ({name}): {line}")


def tesseract(originals: list[Original], folder: Path, seed: int = 0) -> Score:
    """The 200 dpi scans read with Tesseract on the scan reader's cell images."""
    total = Score()
    for index, original in enumerate(originals):
        scan = write_scan(
            original.pdf,
            folder / f"{original.name}.tess.scan.pdf",
            ScanStyle(dpi=200, seed=seed + index),
            seal_pages={1, 2},
        )
        start = time.perf_counter()
        found = score(original.pdf, scan, TesseractRecogniser(), original.truth)
        found.seconds = time.perf_counter() - start
        total.plus(found)
    return total


def report(
    with_tesseract: bool = False,
    dpis: tuple[int, ...] = DPIS,
    seed: int = 0,
    pages: str = "replicas",
    only: list[str] | None = None,
) -> None:
    """Scan the bundled replicas (or the real pages printed, with or without their rules) at each
    resolution, read them, print the figures. ``only``: the reports or pages of these names only."""
    what = {
        "real-unruled": "the bundled 平潭 pages and the seed's page printed by Chromium without rules",
        "real": "the bundled 平潭 pages and the seed's page printed by Chromium, and the real publishers' own PDFs",
        "official": "the official template filled with generated reports, exported to PDF by LibreOffice",
        "replicas": "the bundled replicas (both templates)",
    }[pages]
    print(
        f"# scans: {what}, their table pages scanned at {', '.join(map(str, dpis))} dpi with the seeds "
        f"{seed}… (rotation ±2°, shift, noise, blur, JPEG, red seal); figure cells read exactly / NULL "
        "(unreadable) / wrong; seconds and peak memory per page, each report read in a process of its own; "
        "baseline: RapidOCR's command line on the same page images, a process per page",
        flush=True,
    )
    prefix = PREFIXES[pages]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        originals = chosen_pages(pages, folder, only)
        for dpi in dpis:
            found, peak, cli_seconds, cli_peak = measure_dpi(originals, folder, dpi, seed)
            name = f"{prefix}{dpi}dpi"
            print(f"scan_cells_{name}: {found.cells}")
            _print_score(name, found, peak)
            print(f"scan_cli_seconds_per_page_{name}: {cli_seconds:.2f}")
            print(f"scan_cli_peak_mib_{name}: {cli_peak:.0f}")
            print(f"scan_reader_vs_cli_seconds_{name}: {found.seconds / found.pages / cli_seconds:.2f}")
            print(f"scan_reader_vs_cli_peak_{name}: {peak / cli_peak:.2f}")
            sys.stdout.flush()
        if with_tesseract:
            found = tesseract(originals, folder, seed)
            print(
                f"scan_cell_accuracy_tesseract_200dpi: {found.correct / found.cells:.4f} ({found.correct}/{found.cells})"
            )
            print(f"scan_wrong_figures_tesseract_200dpi: {found.wrong}")
            print(f"scan_reports_failed_tesseract_200dpi: {found.failed}")
            print(f"scan_seconds_per_page_tesseract_200dpi: {found.seconds / found.pages:.2f}")
    sys.stdout.flush()


# The forms of PDF whose text layer does not say what they print, and how each is made.
LAYER_FORMS: dict[str, Callable[[Path, Path, int], Path]] = {
    "glyph_codes": lambda pdf, out, seed: without_tounicode(pdf, out),
    "hidden_ocr": lambda pdf, out, seed: searchable_scan(pdf, out, ScanStyle(dpi=200, seed=seed)),
}


def layers(folder: Path, seed: int = 0) -> None:
    """Every replica's table pages in each form of ``LAYER_FORMS``, read by ``extract_report`` in a
    process of its own: one set of lines per form."""
    originals = replicas(folder)
    for form, make in LAYER_FORMS.items():
        total, peak = Score(), 0.0
        for index, original in enumerate(originals):
            pdf = make(original.pdf, folder / f"{original.name}.{form}.pdf", seed + index)
            found, mib = _in_process("read", original, pdf, form)
            total.plus(found)
            peak = max(peak, mib)
        _print_score(f"layer_{form}", total, peak)
        sys.stdout.flush()


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.scans",
        description=__doc__.split("\n\n")[0],
        epilog="Without --faults or --layers: every page scanned at each resolution, read against its truth, "
        "beside RapidOCR's own program on the same page images.",
    )
    parser.add_argument("--dpi", help="resolutions, comma-separated (default: 150,200,300)")
    parser.add_argument("--seed", type=int, default=0, help="scan with the seeds N, N+1, N+2 (default 0)")
    parser.add_argument(
        "--pages",
        choices=tuple(PREFIXES),
        default="replicas",
        help="the bundled replicas; the real pages printed by Chromium and the real publishers' PDFs;"
        " the real pages printed without rules; or the official template filled and exported by LibreOffice",
    )
    parser.add_argument(
        "--page", help="only the reports or real pages of these names, comma-separated (pingtan-2022,…)"
    )
    parser.add_argument(
        "--faults",
        nargs="?",
        const="",
        help="scan the ways real scanners store pages instead (every fault, or these of FAULTS, comma-separated)",
    )
    parser.add_argument("--layers", action="store_true", help="PDFs whose text layer does not say what they print")
    parser.add_argument("--tesseract", action="store_true", help="also read the 200 dpi scans with Tesseract")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    if argv[:1] in (["score"], ["read"]):  # one scan read, in the process bench.peak measures
        truth = Path(argv[3]) if len(argv) > 3 else None
        found = score(Path(argv[1]), Path(argv[2]), truth=truth, whole=argv[0] == "read")
        print(f"score {found.cells} {found.correct} {found.null} {found.wrong} {found.failed} {found.pages}")
        for line in found.wrong_cells:
            print(f"# wrong: {line}")
        for line in found.null_cells:
            print(f"# NULL: {line}")
        for line in found.inferred:
            print(f"# inferred: {line}")
        return 0
    args = _arguments(argv)
    if args.layers:
        with tempfile.TemporaryDirectory() as tmp:
            layers(Path(tmp), args.seed)
        return 0
    only = args.page.split(",") if args.page else None
    if args.faults is not None:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            chosen_faults = args.faults.split(",") if args.faults else None
            if args.pages == "replicas":
                faults(folder, args.seed, chosen_faults)
            else:
                pages = chosen_pages(args.pages, folder, only)
                faults(folder, args.seed, chosen_faults, pages, PREFIXES[args.pages])
        return 0
    dpis = tuple(int(n) for n in args.dpi.split(",")) if args.dpi else DPIS
    report(args.tesseract, dpis, args.seed, args.pages, only)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
