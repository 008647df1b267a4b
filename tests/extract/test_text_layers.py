"""PDFs whose text layer does not say what they print: a scan with the scanner's OCR text drawn
invisibly over the page image (a "searchable PDF"), and fonts embedded without a ToUnicode map.
Their pages are read as images by our OCR, never from that layer; the files are made by the
replica generator from the bundled 2021-template replica, and read by the real OCR engine."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from fpdf import FPDF
from PIL import Image

from pipeline.core.facts import ReportError
from pipeline.extract import extract_report
from pipeline.extract.pdftext import read_text
from pipeline.extract.printedtext import FOREIGN_WORDS, GLYPH_CODES, HIDDEN_LAYER, foreign_words, hidden_layer
from pipeline.replica.render import font_path, render_pdf
from pipeline.replica.scan import ScanStyle
from pipeline.replica.synthetic import generate
from pipeline.replica.textforms import searchable_scan, without_tounicode

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"


def _pages(pdf: Path, numbers: list[int], out: Path) -> Path:
    """``numbers`` (1-based) of ``pdf`` as a PDF of their own."""
    document, copy = pdfium.PdfDocument(pdf), pdfium.PdfDocument.new()
    copy.import_pages(document, [n - 1 for n in numbers])
    copy.save(out)
    return out


def _joined(parts: list[Path], out: Path) -> Path:
    joined = pdfium.PdfDocument.new()
    for part in parts:
        joined.import_pages(pdfium.PdfDocument(part))
    joined.save(out)
    return out


@pytest.fixture(scope="module")
def forms(tmp_path_factory) -> dict[str, Path]:
    """The replica's table pages (2-4: tables 二, 三 and 四); the first of them as a searchable scan
    whose hidden text misreads every 0 as 8, the second without ToUnicode maps, the third as
    printed; and all three joined in that order."""
    folder = tmp_path_factory.mktemp("layers")
    source = SAMPLES / "huaian-hongze-2023.pdf"
    tables = _pages(source, [2, 3, 4], folder / "tables.pdf")
    scan = searchable_scan(_pages(source, [2], folder / "p2.pdf"), folder / "scan.pdf", ScanStyle(dpi=200, seed=3))
    glyphs = without_tounicode(_pages(source, [3], folder / "p3.pdf"), folder / "glyphs.pdf")
    typed = _pages(source, [4], folder / "p4.pdf")
    return {
        "tables": tables,
        "scan": scan,
        "glyphs": glyphs,
        "joined": _joined([scan, glyphs, typed], folder / "joined.pdf"),
    }


def test_the_layers_say_something_else(forms) -> None:
    """pdfium reads the hidden text (the misread figure too) and glyph codes: what a reader of the
    text layer would have taken for the page."""
    printed = pdfium.PdfDocument(forms["tables"])[0].get_textpage().get_text_range()
    hidden = pdfium.PdfDocument(forms["scan"])[0].get_textpage().get_text_range()
    assert "第二十条第（一）项" in hidden and "0" in printed and "0" not in hidden
    assert "".join(hidden.replace("8", "0").split()) == "".join(printed.replace("8", "0").split())
    document = pdfium.PdfDocument(forms["glyphs"])
    codes = document[0].get_textpage().get_text_range()
    assert "申请" not in codes and "公开" not in codes


def test_pages_whose_layer_does_not_say_what_they_print_have_no_text(forms) -> None:
    text = read_text(forms["joined"])
    assert text.unsaid == {1: HIDDEN_LAYER, 2: GLYPH_CODES}
    assert text.pages[:2] == ["", ""] and "要求提供公开出版物" in text.pages[2]
    assert read_text(forms["tables"]).unsaid == {}


def test_a_layer_of_foreign_characters_that_never_says_the_reports_words() -> None:
    """A font embedded whole without ToUnicode gives characters of any script; a report's pages
    say 公开 or 信息, and an English file is not taken for one."""
    typed = read_text(SAMPLES / "mfa-2020.pdf").pages
    assert not foreign_words(typed)
    shifted = ["".join(chr(ord(char) + 0x700) if not char.isspace() else char for char in page) for page in typed]
    assert foreign_words(shifted)
    assert not foreign_words(["Annual report on the disclosure of government information, " * 5])


def test_each_page_is_read_as_what_it_prints(forms) -> None:
    """The hidden layer's misread figures and the glyph codes are not read: OCR reads those pages,
    camelot the typed one; every cell equals the printed figure or is NULL, named (never wrong)."""
    truth = {(f.table, f.row, f.column): f.value for f in extract_report(forms["tables"]).facts}
    read = extract_report(forms["joined"])
    assert read.engine == "vector+ocr-rapidocr"
    assert any("the text layer does not say what it prints (page 1: text drawn invisibly" in n for n in read.notes)
    got = {(f.table, f.row, f.column): f for f in read.facts}
    assert set(got) == set(truth)
    wrong = {
        cell: (fact.raw, truth[cell]) for cell, fact in got.items() if fact.value != truth[cell] and not fact.unreadable
    }
    assert wrong == {}
    assert sum(fact.value == truth[cell] for cell, fact in got.items()) >= 0.99 * len(truth)


def test_a_layer_of_glyph_codes_over_part_of_the_tables_fails_in_one_line(tmp_path) -> None:
    """Tables set without rules, in fonts without ToUnicode: the page is read by OCR as a table
    without rules, and a report whose tables the page does not all hold fails saying why the page
    was read by OCR and which table is missing."""
    content = generate(1, "2021", classes=("no_rules",))
    render_pdf(content, tmp_path / "report.pdf")
    page = _pages(tmp_path / "report.pdf", [3], tmp_path / "page.pdf")
    with pytest.raises(ReportError) as failure:
        extract_report(without_tounicode(page, tmp_path / "glyphs.pdf"))
    assert str(failure.value) == (
        f"the text layer does not say what it prints (page 1: {GLYPH_CODES}), "
        "so OCR read the pages: table 二 (proactive disclosure) not found among the tables of the page images"
    )
    assert FOREIGN_WORDS != GLYPH_CODES


def _drawn_page(path: Path, text_first: bool, cover: bool) -> pdfium.PdfPage:
    """A page with a line of visible text and a picture, drawn in the order given; the picture
    covers the text or stands beside it."""
    writer = FPDF(unit="pt", format=(300, 300))
    writer.add_font("cjk", fname=font_path())
    writer.add_page()
    writer.set_font("cjk", size=12)
    picture = Image.new("RGB", (40, 40), "white")
    steps = [
        lambda: writer.text(20, 40, "政府信息公开"),
        lambda: writer.image(picture, x=0, y=0 if cover else 200, w=300 if cover else 50, h=100 if cover else 50),
    ]
    for step in steps if text_first else steps[::-1]:
        step()
    writer.output(str(path))
    return pdfium.PdfDocument(path)[0]


@pytest.mark.parametrize(
    ("text_first", "cover", "hidden"),
    [(True, True, True), (False, True, False), (True, False, False)],
    ids=["text-under-a-later-picture", "text-over-the-picture", "picture-beside-the-text"],
)
def test_visible_text_is_hidden_only_under_a_picture_painted_after_it(tmp_path, text_first, cover, hidden) -> None:
    assert hidden_layer(_drawn_page(tmp_path / "page.pdf", text_first, cover)) is hidden
