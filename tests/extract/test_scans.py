"""Scanned reports (image-only PDFs) read by OCR: a generated scan of a bundled replica read back to
the cell, and a cell OCR cannot read is NULL with its confidence, never a guessed figure."""

from __future__ import annotations

import base64
import io
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from pipeline.core.facts import OCR_MIN_CONFIDENCE, Extraction, LimitError
from pipeline.core.settings import Limits
from pipeline.extract import extract_report
from pipeline.extract.bounded import extract_bounded
from pipeline.extract.cells import publish
from pipeline.extract.pdftext import read_text
from pipeline.extract.segments import Region
from pipeline.replica.scan import ScanStyle, scan_pages, write_scan

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"


def _table_pages(pdf: Path, out: Path) -> Path:
    """The pages of ``pdf`` holding its tables, as a PDF of their own (a shorter scan to read)."""
    found = read_text(pdf).table_pages()
    numbers = sorted({page for pages in found.values() for page in pages})
    document, copy = pdfium.PdfDocument(pdf), pdfium.PdfDocument.new()
    copy.import_pages(document, [n - 1 for n in range(numbers[0], numbers[-1] + 1)])
    copy.save(out)
    return out


@pytest.fixture(scope="module")
def scan_files(tmp_path_factory) -> tuple[Path, Path]:
    """The 2021-template replica's table pages, and their scan at 200 dpi (turned, shifted, noisy,
    blurred, JPEG, a seal over table 三)."""
    folder = tmp_path_factory.mktemp("scan")
    original = _table_pages(SAMPLES / "huaian-hongze-2023.pdf", folder / "tables.pdf")
    return original, write_scan(original, folder / "scan.pdf", ScanStyle(dpi=200, seed=3), seal_pages={2})


@pytest.fixture(scope="module")
def scanned(scan_files) -> tuple[Extraction, Extraction]:
    """The table pages read from their text layer, and from their scan."""
    original, scan = scan_files
    return extract_report(original), extract_report(scan)


def test_a_scan_gets_time_for_each_page_within_the_limits(scan_files, scanned) -> None:
    """Bounded extraction: a scan's pages each add their time to a CPU limit far below what OCR
    needs (5 s, where the three pages take about 40 s of CPU), so the scan is read as unbounded;
    with too little time a page, or past the page limit, it is not read, in one line. CPU time is
    the reading's work whatever the machine's load; elapsed time is not, so its limit here is an
    hour, never reached (the elapsed limit has tests of its own, in test_hostile.py)."""
    _, scan = scan_files
    tight = Limits(cpu_seconds=5, wall_seconds=3600, scan_page_seconds=150)
    pages: list[int] = []
    bounded = extract_bounded(scan, None, tight, on_page=pages.append)
    assert pages == [1, 2, 3] and bounded.facts == scanned[1].facts
    # 1 s a page leaves 8 s in all: OCR needs several times that, so the limit stops it.
    with pytest.raises(LimitError, match=r"took more than the CPU time limit \(5 s, OGI_LIMIT_CPU_SECONDS\)"):
        extract_bounded(scan, None, replace(tight, scan_page_seconds=1))
    with pytest.raises(
        LimitError, match=r"a scan of 3 pages, over the scanned page limit \(2 pages, OGI_LIMIT_SCAN_PAGES\)"
    ):
        extract_bounded(scan, None, replace(tight, scan_pages=2))


def test_a_scan_reads_every_cell_or_names_it_unreadable(scanned) -> None:
    truth, read = scanned
    assert read.engine == "ocr-rapidocr"
    assert read.template == truth.template
    got = {(f.table, f.row, f.column): f for f in read.facts}
    assert set(got) == {(f.table, f.row, f.column) for f in truth.facts}
    correct = [f for f in truth.facts if got[f.table, f.row, f.column].value == f.value]
    unreadable = [got[f.table, f.row, f.column] for f in truth.facts if got[f.table, f.row, f.column].unreadable]
    wrong = [
        (f, got[f.table, f.row, f.column])
        for f in truth.facts
        if got[f.table, f.row, f.column].value != f.value and not got[f.table, f.row, f.column].unreadable
    ]
    assert wrong == []
    # The aim: 99.5 % of cells read exactly (all 186 here), and no wrong figure.
    assert len(correct) >= 0.995 * len(truth.facts)
    assert all(fact.value is None for fact in unreadable)
    for fact in unreadable:
        assert any(f"{fact.row} × {fact.column} on page {fact.page}" in note for note in read.notes)
    # Every fact read from the scan says how sure OCR was; each keeps its page.
    assert all(fact.confidence is not None and fact.page is not None for fact in read.facts)
    assert {f.page for f in read.facts} == {f.page for f in truth.facts}


def test_a_figure_ocr_is_unsure_of_is_null_not_a_guess() -> None:
    def cell(text: str, confidence: float | None) -> Region:
        return Region(text=text, page=3, r0=4, r1=4, x0=100.0, x1=130.0, confidence=confidence)

    sure = publish("requests", "granted", "total", cell("26", 0.99), 3, "（一）予以公开", 100.0, "table 三")
    assert (sure.value, sure.unreadable) == (Decimal(26), False)
    unsure = publish("requests", "granted", "total", cell("26", OCR_MIN_CONFIDENCE - 0.01), 3, "", 100.0, "t")
    assert (unsure.value, unsure.raw, unsure.unreadable) == (None, "26", True)
    # Read confidently, but not a figure (a "1" read as "I"): unreadable, confidence 0.
    letter = publish("requests", "granted", "total", cell("I", 0.99), 3, "", 100.0, "t")
    assert (letter.value, letter.raw, letter.confidence, letter.unreadable) == (None, "I", 0.0, True)
    # Ink that read as nothing is unreadable too; a cell without ink is printed blank.
    assert publish("requests", "granted", "total", cell("", 0.0), 3, "", 100.0, "t").unreadable
    blank = publish("requests", "granted", "total", cell("", 1.0), 3, "", 100.0, "t")
    assert (blank.value, blank.unreadable) == (None, False)
    # A text layer's cell is not OCR'd: no confidence, and a cell that is not a figure is an error.
    assert publish("requests", "granted", "total", cell("7", None), 3, "", 100.0, "t").confidence is None


def test_a_pdf_of_typed_pages_and_scanned_tables_reads_each_page_by_its_kind(scan_files, tmp_path) -> None:
    """The report typed, its table pages scanned: page 1 keeps its text layer (read from its
    rules), pages 2 and 3 are the scan's images (read by OCR); no figure wrong, 99.5 % read exactly."""
    original, scan = scan_files
    mixed = pdfium.PdfDocument.new()
    mixed.import_pages(pdfium.PdfDocument(original), [0])
    mixed.import_pages(pdfium.PdfDocument(scan), [1, 2])
    mixed.save(tmp_path / "mixed.pdf")
    read, truth = extract_report(tmp_path / "mixed.pdf"), extract_report(original)
    assert read.engine == "vector+ocr-rapidocr" and read.template == truth.template
    assert any("pages 2, 3 are page images only" in note for note in read.notes)
    got = {(f.table, f.row, f.column): f for f in read.facts}
    assert set(got) == {(f.table, f.row, f.column) for f in truth.facts}
    _no_wrong_figure(truth, read)
    # Figures of the typed page come from its text layer (no confidence), the others from OCR.
    assert {f.confidence is None for f in read.facts if f.page == 1} == {True}
    assert {f.confidence is not None for f in read.facts if f.page != 1} == {True}


def test_a_web_page_whose_tables_are_pictures_is_read_by_ocr(scan_files, tmp_path) -> None:
    """An article with its table pages as pictures: the first inline (a ``data:`` URI, a PNG that
    states its resolution), the others files beside the page (JPEG, no resolution stated), and a
    picture of another host that is not at hand, left out. No figure wrong, 99 % read exactly."""
    original, _ = scan_files
    pictures = scan_pages(original, ScanStyle(dpi=150, seed=5), seal_pages={2})
    inline = io.BytesIO()
    pictures[0].save(inline, "PNG", dpi=(150, 150))
    (tmp_path / "img").mkdir()
    for number, picture in enumerate(pictures[1:], start=2):
        picture.save(tmp_path / "img" / f"p{number}.jpg", "JPEG", quality=80)
    page = tmp_path / "report.html"
    page.write_text(
        "<html><head><title>2023年政府信息公开工作年度报告</title></head><body><p>报告如下：</p>"
        f'<img src="data:image/png;base64,{base64.b64encode(inline.getvalue()).decode()}">'
        '<img src="img/p2.jpg"><p><img src="https://elsewhere.example/logo.png"></p><img src="img/p3.jpg">'
        "</body></html>",
        encoding="utf-8",
    )
    read, truth = extract_report(page), extract_report(original)
    assert read.engine == "ocr-rapidocr" and read.template == truth.template
    got = {(f.table, f.row, f.column): f for f in read.facts}
    assert set(got) == {(f.table, f.row, f.column) for f in truth.facts}
    # Pictures at 150 dpi, JPEG twice: one cell in 186 may be NULL (a lone 0 read at 0.82).
    _no_wrong_figure(truth, read, share=0.99)
    # A fact's page is its picture's number on the web page, and its locator says so.
    assert {f.page for f in read.facts} == {f.page for f in truth.facts}
    assert all(f.locator == f"image {f.page} of the web page" for f in read.facts)


def _no_wrong_figure(truth: Extraction, read: Extraction, share: float = 0.995) -> None:
    """Every cell of ``read`` is the published figure or NULL and named unreadable; ``share`` of
    them are the figure."""
    got = {(f.table, f.row, f.column): f for f in read.facts}
    differ = [got[f.table, f.row, f.column] for f in truth.facts if got[f.table, f.row, f.column].value != f.value]
    assert [f for f in differ if not f.unreadable] == []
    assert len(differ) <= (1 - share) * len(truth.facts)
    for fact in differ:
        assert fact.value is None and any(f"{fact.row} × {fact.column} on page {fact.page}" in n for n in read.notes)


def test_a_sheet_scanned_sideways_in_one_bit_is_turned_upright_and_read(tmp_path) -> None:
    """A bi-level scan (1 bit a pixel, CCITT G4, as office scanners store pages) of table 二's page
    put on the glass sideways: the page is turned by the text's orientation, its figures read. (No
    seal: in one bit a red seal is as black as the text, and the cells under it are NULL.)"""
    from pipeline.extract import ENGINES, _Pages
    from pipeline.extract.classify import classify
    from pipeline.extract.numbers import looks_numeric
    from pipeline.extract.ocr import RapidRecogniser
    from pipeline.extract.scanned import read_scanned

    original = _table_pages(SAMPLES / "mfa-2020.pdf", tmp_path / "tables.pdf")
    document, page = pdfium.PdfDocument(original), pdfium.PdfDocument.new()
    page.import_pages(document, [0])  # table 二 alone on its page
    page.save(tmp_path / "page.pdf")
    style = ScanStyle(dpi=200, seed=4, mode="bilevel", turns=(270,), seal=False)
    scan = write_scan(tmp_path / "page.pdf", tmp_path / "scan.pdf", style)
    assert "CCITTFaxDecode" in scan.read_bytes().decode("latin-1")

    [read] = read_scanned(scan, RapidRecogniser())
    [typed] = _Pages(tmp_path / "page.pdf", ENGINES[0]).segments([1])
    assert classify(read) == "proactive"

    def figures(segment) -> list[str]:
        texts = ["".join(region.text.split()) for region in segment.regions()]
        return [text for text in texts if looks_numeric(text)]

    assert len(figures(typed)) == 22 and figures(read) == figures(typed)
