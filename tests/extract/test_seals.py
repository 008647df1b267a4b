"""A seal stamped over a table scanned without colour (grey, or one bit a pixel, as most office
scanners store pages): found by its rings, it neither breaks nor adds to the table's grid, a grey
seal's ink is taken out while the rules under it stay, and a figure a dark seal's strokes cross is
never trusted."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest

from pipeline.core.facts import OCR_MIN_CONFIDENCE
from pipeline.extract import extract_report
from pipeline.extract.cells import header_end
from pipeline.extract.classify import assemble
from pipeline.extract.completeness import check_mapped
from pipeline.extract.ocr import Box, RapidRecogniser
from pipeline.extract.pageimages import DPI, PageImage, render_pages
from pipeline.extract.proactive_table import Proactive, map_proactive
from pipeline.extract.scancells import read_page
from pipeline.extract.scanned import read_scanned
from pipeline.extract.scanrules import ruled_tables
from pipeline.extract.seals import find_seals
from pipeline.extract.segments import Segment, in_order, spans
from pipeline.extract.templates import labels
from pipeline.replica.scan import ScanStyle, write_scan

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"


@pytest.fixture(scope="module")
def table_page(tmp_path_factory) -> Path:
    """外交部 2020's page of table 三 (the 2019 template: narrow figure columns, tall merged label
    cells)."""
    folder = tmp_path_factory.mktemp("seal")
    document, copy = pdfium.PdfDocument(SAMPLES / "mfa-2020.pdf"), pdfium.PdfDocument.new()
    copy.import_pages(document, [4])
    copy.save(folder / "table.pdf")
    return folder / "table.pdf"


_SCANNED: dict[tuple[str, int], PageImage] = {}


def _scanned(page: Path, mode: str, seed: int) -> PageImage:
    """The page scanned at 200 dpi in ``mode`` with the seal somewhere on it (drawn by ``seed``),
    rendered as the scan reader sees it."""
    if (mode, seed) not in _SCANNED:
        style = replace(ScanStyle(dpi=200, seed=seed), mode=mode)
        scan = write_scan(page, page.with_suffix(f".{mode}.{seed}.pdf"), style, seal_pages={1})
        [_SCANNED[(mode, seed)]] = render_pages(scan)
    return _SCANNED[(mode, seed)]


def _grid(image: PageImage) -> list[tuple[int, int, list[tuple[int, int, int, int]]]]:
    found, _, _ = ruled_tables(image)
    return [(len(table.rows), len(table.cols), list(spans(table.cells))) for table in found]


# The seal's place on the sheet: over a column's rule and the rows' rules beside it, its rings
# speckled in one bit (where it used to add a column to the grid).
SEED = 3


def test_a_seal_over_a_bilevel_table_leaves_its_grid_whole(table_page: Path) -> None:
    """In one bit the red seal is as black as the rules; its rings' sides are as long and straight
    as rules. The grid is that of the same sheet scanned in colour (where the red is taken out)."""
    bilevel = _scanned(table_page, "bilevel", SEED)
    assert [seal.light for seal in find_seals(bilevel.grey)] == [False]
    assert _grid(bilevel) == _grid(_scanned(table_page, "colour", SEED))


def test_a_grey_seal_is_taken_out_and_the_rules_under_it_stay(table_page: Path) -> None:
    """In grey the seal's ink is lighter than the text's: found by its rings, it is made paper."""
    style = ScanStyle(dpi=200, seed=SEED, mode="grey")
    scan = write_scan(table_page, table_page.with_suffix(".grey.pdf"), style, seal_pages={1})
    rendered = pdfium.PdfDocument(scan)[0].render(scale=DPI / 72).to_pil().convert("L")
    [seal] = find_seals(np.asarray(rendered))
    assert seal.light
    grey = _scanned(table_page, "grey", SEED)
    assert find_seals(grey.grey) == []
    assert _grid(grey) == _grid(_scanned(table_page, "colour", SEED))


class EveryCellSure:
    """A recogniser that reads every cell it is given as the same sure text: what is left to judge
    is which cells the reader trusts. The text is a label's, not a figure's, since a figure read in
    a cell over two figure columns is never trusted either (``scannedtable.split_spanning``), and here
    header and label cells would be read as figures too."""

    name = "sure"

    def read(self, page: np.ndarray, ink: np.ndarray, cells: list[Box]) -> list[tuple[str, float]]:
        return [("其他", 1.0)] * len(cells)


def test_a_cell_a_dark_seal_crosses_is_not_trusted(table_page: Path) -> None:
    """Where a ring or the star crossed a cell, part of its figure may have gone with them: the
    cell is read, but never trusted as a figure, even when OCR is sure; cells away from the seal
    keep OCR's confidence."""
    bilevel = _scanned(table_page, "bilevel", SEED)
    [seal] = find_seals(bilevel.grey)
    [table] = read_page(bilevel, EveryCellSure())
    height = bilevel.height_pt
    under, away = [], []
    for r, c, r1, c1 in spans(table.cells):
        if table.ocr_confidence[(r, c)] == 1.0 and not table.cells[r][c].text:
            continue  # no ink: printed blank
        # The cell's box in pixels, against the seal's disc.
        left, right = table.cols[c][0] * DPI / 72, table.cols[c1][1] * DPI / 72
        top, bottom = (height - table.rows[r][0]) * DPI / 72, (height - table.rows[r1][1]) * DPI / 72
        nearest_x, nearest_y = min(max(seal.x, left), right), min(max(seal.y, top), bottom)
        inside = (nearest_x - seal.x) ** 2 + (nearest_y - seal.y) ** 2 < (seal.radius - 10) ** 2
        (under if inside else away).append(table.ocr_confidence[(r, c)])
    assert under and max(under) < OCR_MIN_CONFIDENCE
    assert away and min(away) == 1.0


def _proactive_scan(folder: Path, dpi: int) -> tuple[list[Segment], Proactive]:
    """外交部 2020's page of table 二 scanned in one bit at ``dpi``, the seal (seed 0) over its
    last section: the segments of table 二 read by OCR, and what its mapper made of them."""
    document, copy = pdfium.PdfDocument(SAMPLES / "mfa-2020.pdf"), pdfium.PdfDocument.new()
    copy.import_pages(document, [3])
    copy.save(folder / "proactive.pdf")
    style = ScanStyle(dpi=dpi, seed=0, mode="bilevel")
    scan = write_scan(folder / "proactive.pdf", folder / f"proactive.bilevel{dpi}.pdf", style, seal_pages={1})
    tables, _ = assemble(read_scanned(scan, RapidRecogniser()))
    return list(tables["proactive"].segments), map_proactive(tables["proactive"])


def test_a_header_a_bilevel_seal_made_unreadable_is_named_by_its_place(tmp_path: Path) -> None:
    """外交部 2020's page of table 二 in one bit, the seal over its last section: the header
    本年增/减 under the erased ring is read as noise (``本年地``), every other header of its row
    matched, so it is the one column left there (a note says so). Its figures are read as
    they are: exactly, or NULL where the seal crossed them; never a figure taken from elsewhere."""
    _, mapped = _proactive_scan(tmp_path, 200)
    assert any("read as change" in note for note in mapped.notes)
    truth = {(f.row, f.column): f.value for f in extract_report(SAMPLES / "mfa-2020.pdf").facts}
    read = {(f.row, f.column): f.value for f in mapped.facts}
    assert ("administrative_fees", "change") in read
    assert all(value is None or value == truth[cell] for cell, value in read.items())


def test_a_header_a_150_dpi_bilevel_seal_cut_holds_no_figure(tmp_path: Path) -> None:
    """The same page at 150 dpi: the erased ring cuts 本年增/减's slash and 减, which OCR reads as
    a trailing 7, and the seal's strokes left of the header made a line of leftover ink that was
    read with the header again (本年堆本年堆7). The header is read once, named by its place, and
    the guard does not take its 7 for a figure no fact holds: every figure of the page is a fact."""
    segments, mapped = _proactive_scan(tmp_path, 150)
    [header] = mapped.headers
    assert header.text.count("本年") == 1
    assert any("read as change" in note for note in mapped.notes)
    check_mapped({"proactive": segments}, mapped.facts, None, mapped.headers)
    truth = {(f.row, f.column): f.value for f in extract_report(SAMPLES / "mfa-2020.pdf").facts}
    assert all(f.value is None or f.value == truth[f.row, f.column] for f in mapped.facts)


def test_a_grey_seal_among_a_tables_rules_is_found(fixtures: Path) -> None:
    """A grey seal over table 三 of the official template: on the page as rendered, the circles
    the table's crossing rules make crowd the detector's answer and the seal's was placed 46 pixels
    off its centre, too far to fit, so the seal was not taken out and its rings' sides became
    rules of one row (自然人, 商业企业 and 科研机构 each split in two there; the report failed:
    two figures under natural_person). On the page without its rules the seal is the likeliest
    circle: it is found, taken out, and the grid is the template's."""
    [page] = render_pages(fixtures / "scans" / "grey-seal-among-rules.pdf")
    assert page.unlit is not None, "the seal found and taken out"
    [table], _, _ = ruled_tables(page)
    # The three label columns, 自然人, the five 法人或其他组织 and 总计.
    assert (len(table.rows), len(table.cols)) == (25, 10)


def test_headers_a_bilevel_seal_covers_are_named_under_their_group(fixtures: Path) -> None:
    """A one-bit seal over table 三's applicant header (the official template, sheet 2): 商业企业
    and 社会公益组织 read as nothing OCR can match, and the group header over the five kinds of
    organisation, 法人或其他组织, read ``+」成其他组织``, which matches 其他组织 (other_org). A cell
    over header cells of its own columns is a group's header, never a column's: its match is
    dropped, and the two cells left are named by their places among the five. Before, other_org
    stood over all five and the report failed (applicant columns not found)."""
    [page] = render_pages(fixtures / "scans" / "seal-over-applicants-bilevel.pdf")
    assert page.bilevel
    [segment] = [
        s for s in in_order(read_page(page, RapidRecogniser())) if any("申请人" in r.text for r in s.regions())
    ]
    _, columns = header_end(segment, labels("requests", "applicant"))
    assert [column.code for column in columns] == list(labels("requests", "applicant"))
    assert [column.code for column in columns if column.damaged is not None] == [
        "commercial_enterprise",
        "social_welfare_org",
    ]
