"""Word files in the forms publishers post beyond plain tables (``pipeline/replica/wordforms.py``):
tables in text boxes (one copy read, not the fallback too) of a landscape section, WPS Office's
marks, the document part named ``document2.xml``, a web page imported as the body (``altChunk``),
tables pasted as pictures (read by OCR in their places among the typed ones), and tables typed as
text (one line: not read). Both templates; LibreOffice's own copies where it writes the form."""

from __future__ import annotations

import io
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE
from lxml import etree
from PIL import Image
from word_support import check_word_facts, mhtml

from pipeline.core.facts import ReportError
from pipeline.core.figures import figure_cells
from pipeline.extract import extract_report
from pipeline.extract.wordfile import read_docx, word_format
from pipeline.replica import wordforms
from pipeline.replica.scan import ScanStyle
from pipeline.replica.synthetic import generate
from pipeline.replica.webpage import Style, render_page
from pipeline.replica.worddoc import converted, draw_word_style, render_docx

TEMPLATES = [(1, "2019"), (2, "2021")]


def _docx(seed: int, template: str, **style_changes: bool):
    content = generate(seed, template)
    style, quirks = draw_word_style(seed)
    style.controls = False  # LibreOffice 7.4 repeats the text of cells content controls wrap
    for name, value in style_changes.items():
        setattr(style, name, value)
    return content, quirks, render_docx(content, seed, style).data


def _read(tmp_path: Path, data: bytes):
    path = tmp_path / "report"  # no extension: the bytes decide
    path.write_bytes(data)
    return extract_report(path)


@pytest.mark.parametrize(("seed", "template"), TEMPLATES, ids=str)
def test_tables_in_text_boxes_of_a_landscape_section(tmp_path, seed, template):
    """Each table in a text box written twice (DrawingML, and VML as the fallback): read once."""
    content, quirks, data = _docx(seed, template)
    boxed = wordforms.in_text_boxes(data)
    with zipfile.ZipFile(io.BytesIO(boxed)) as archive:
        xml = archive.read("word/document.xml")
    tables = read_docx(data).table_count
    assert xml.count(b"<w:tbl>") == 2 * tables and b'w:orient="landscape"' in xml
    assert read_docx(boxed).table_count == tables

    check_word_facts(_read(tmp_path, boxed), content, quirks + ["text boxes"], boxed)


def test_libreoffice_text_boxes_read_once(tmp_path):
    """LibreOffice's own .docx of a file with tables in text boxes writes each text box with a
    VML fallback copy of its table, as Word does."""
    content, quirks, data = _docx(3, "2019")
    saved = converted(wordforms.in_text_boxes(data), "docx", "docx")

    check_word_facts(_read(tmp_path, saved), content, quirks + ["text boxes, LibreOffice"], saved)


@pytest.mark.parametrize(("seed", "template"), TEMPLATES, ids=str)
def test_wps_office_docx(tmp_path, seed, template):
    content, quirks, data = _docx(seed, template)
    wps = wordforms.with_wps_marks(data)

    check_word_facts(_read(tmp_path, wps), content, quirks + ["WPS"], wps)


def test_wps_office_docx_converted_by_libreoffice(tmp_path):
    """The same file saved as .doc by LibreOffice (as a .wps is converted) and read back."""
    content, quirks, data = _docx(4, "2021")
    extraction = _read(tmp_path, converted(wordforms.with_wps_marks(data), "docx", "doc"))

    assert "converted from doc to docx by LibreOffice" in extraction.notes
    check_word_facts(extraction, content, quirks + ["WPS, .doc"])


@pytest.mark.parametrize(("seed", "template"), TEMPLATES, ids=str)
def test_document_part_named_document2(tmp_path, seed, template):
    content, quirks, data = _docx(seed, template)
    moved = wordforms.as_document2(data)
    assert word_format(moved) == "docx"

    check_word_facts(_read(tmp_path, moved), content, quirks + ["document2.xml"], moved)


@pytest.mark.parametrize(("seed", "template", "form"), [(5, "2019", "html"), (6, "2021", "mht")], ids=str)
def test_web_page_imported_as_the_body(tmp_path, seed, template, form):
    """A CMS's export: a .docx whose body is a web page (HTML, or MHTML) imported by ``w:altChunk``;
    a cell's locator names the chunk and the page's table."""
    content = generate(seed, template)
    page = render_page(content, seed, Style(chrome=False)).data
    chunk = (
        wordforms.as_chunk(content.full_title(), page)
        if form == "html"
        else wordforms.as_chunk(content.full_title(), mhtml(page), "message/rfc822", "afchunk.mht")
    )
    extraction = _read(tmp_path, chunk)

    check_word_facts(extraction, content, [f"altChunk {form}"])
    assert all(fact.locator.startswith("chunk 1, table ") for fact in extraction.facts)


def test_an_imported_chunk_of_another_kind_is_one_line(tmp_path):
    data = wordforms.as_chunk("2023年度报告", b"{\\rtf1 not read}", "application/rtf", "afchunk.rtf")
    with pytest.raises(ReportError, match=r"w:altChunk 1\) that is neither a web page nor MHTML"):
        _read(tmp_path, data)


PICTURES = [
    (7, "2019", "四", False, 90, "docx"),
    (8, "2021", "二", True, 270, "docx"),
    (9, "2021", "四", False, 0, "doc"),
]


@pytest.mark.parametrize(("seed", "template", "numeral", "vml", "turned", "fmt"), PICTURES, ids=str)
def test_a_table_pasted_as_a_picture(tmp_path, seed, template, numeral, vml, turned, fmt):
    """One table a scan pasted in as a picture (DrawingML or VML; stored on its side and turned
    upright by the document, or not; in a .docx, or a .doc that LibreOffice saved), the others Word
    tables: the picture read by OCR in its place, its cells located by the picture and with OCR's
    confidence; no figure wrong, an unsure one NULL and named."""
    content, _, data = _docx(seed, template, split=False, nested=False)
    number = {"二": 1, "四": 3}[numeral]
    picture = wordforms.table_picture(content, numeral, ScanStyle(dpi=200, seed=seed))
    pasted = wordforms.with_pictures(data, {number: picture}, vml=vml, turned=turned)
    document = read_docx(pasted)
    assert document.table_count == 2 and [p.turned for p in document.pictures] == [turned]

    extraction = _read(tmp_path, pasted if fmt == "docx" else converted(pasted, "docx", "doc"))

    assert extraction.engine == "docx+ocr-rapidocr"
    kind = {"二": "proactive", "四": "review"}[numeral]
    expected = figure_cells(content.figures)
    for fact in extraction.facts:
        from_picture = fact.table == kind
        assert (fact.locator == "picture 1 of the Word file") == from_picture, fact
        assert (fact.confidence is not None) == from_picture and fact.page is None
        if fact.value != expected[fact.table, fact.row, fact.column]:
            assert fact.unreadable and fact.value is None, fact
            assert any(f"{fact.row} × {fact.column} on picture 1" in note for note in extraction.notes)
    read = [f for f in extraction.facts if f.table == kind and f.value == expected[f.table, f.row, f.column]]
    assert len(read) >= 0.95 * sum(1 for f in extraction.facts if f.table == kind)


def test_a_table_without_rules_pasted_as_a_picture(tmp_path):
    """Table 四 of a report set without rules (borders off), scanned (turned, noisy, a seal under
    it) and pasted as a picture: no rule gives its grid, so its text is found and read piece by
    piece and its grid built from the positions of the text. Every figure exact, or NULL and named;
    none wrong."""
    content = generate(3, "2019", classes=("no_rules",))
    style, _ = draw_word_style(3)
    style.controls = style.split = style.nested = False
    data = render_docx(content, 3, style).data
    picture = wordforms.table_picture(content, "四", ScanStyle(dpi=200, seed=3))
    extraction = _read(tmp_path, wordforms.with_pictures(data, {3: picture}))

    assert extraction.engine == "docx+ocr-rapidocr"
    expected = figure_cells(content.figures)
    review = [fact for fact in extraction.facts if fact.table == "review"]
    assert {(f.row, f.column) for f in review} == {(row, col) for kind, row, col in expected if kind == "review"}
    for fact in review:
        assert fact.locator == "picture 1 of the Word file" and fact.confidence is not None
        if fact.value != expected[fact.table, fact.row, fact.column]:
            assert fact.unreadable and fact.value is None, fact
    assert sum(f.value == expected[f.table, f.row, f.column] for f in review) >= 0.95 * len(review)


def test_a_picture_without_a_table_is_one_line(tmp_path):
    """A Word file whose only picture is no table (a photo, a logo): one line, not a traceback."""
    logo = io.BytesIO()
    Image.new("RGB", (400, 300), (200, 40, 40)).save(logo, "PNG")
    content, _, data = _docx(1, "2019", split=False, nested=False)
    pasted = wordforms.with_pictures(data, {1: logo.getvalue(), 2: logo.getvalue(), 3: logo.getvalue()})
    with pytest.raises(ReportError, match=r"a Word file \(docx\) without tables, and no table in its 3 pictures"):
        _read(tmp_path, pasted)


def test_a_table_pasted_as_a_picture_that_is_not_read_is_named(tmp_path):
    """A table pasted as an EMF picture (vector, as Excel's "paste as picture" makes it), or as a
    picture linked to a file outside the document, is not read; the line that says the table is
    missing says the file has such pictures."""
    emf = struct.pack("<II", 1, 108) + bytes(32) + b" EMF" + bytes(64)
    content, _, data = _docx(2, "2021", split=False, nested=False)
    with pytest.raises(ReportError, match=r"table 四 .* not found .*it has 1 EMF/WMF pictures, which are not read"):
        _read(tmp_path, wordforms.with_pictures(data, {3: emf}))

    document = docx.Document(io.BytesIO(data))
    relation = document.part.relate_to("file:///C:/scans/table4.png", RELATIONSHIP_TYPE.IMAGE, is_external=True)
    table = document.tables[2]._tbl
    table.addprevious(
        etree.fromstring(
            '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
            'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f'<w:r><w:drawing><a:blip r:link="{relation}"/></w:drawing></w:r></w:p>'
        )
    )
    table.getparent().remove(table)
    linked = io.BytesIO()
    document.save(linked)
    with pytest.raises(ReportError, match=r"it has 1 pictures linked to files outside it, which it does not hold"):
        _read(tmp_path, linked.getvalue())


TYPED = (
    "a Word file (docx) whose tables 二, 三, 四 are typed as text (tabs or spaces, no Word table): "
    "their rows and columns cannot be told apart exactly, so it is not read"
)


def test_tables_typed_as_text_are_one_line(tmp_path):
    """Rows typed as tab-separated text: their columns cannot be told apart exactly (a merged cell
    typed once shifts the rest of its row), so the file is not read, in one line from ``ogi``
    (never figures read from the wrong column by the reader of old reports' prose)."""
    path = tmp_path / "report.docx"
    path.write_bytes(wordforms.typed_as_text(generate(1, "2019")))
    result = subprocess.run(
        [str(Path(sys.executable).parent / "ogi"), "extract", str(path)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].endswith(f": {TYPED}")
    with pytest.raises(ReportError) as raised:
        _read(tmp_path, wordforms.typed_as_text(generate(2, "2021")))
    assert str(raised.value) == TYPED
