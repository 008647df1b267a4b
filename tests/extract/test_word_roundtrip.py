"""Round trips through Word files: synthetic reports (both templates, random figures and printing
quirks) are written as .docx with the habits of real Word reports (merged cells, wrapped headers,
a table split in two, tracked changes, content controls, nested tables, hidden runs) and read
again; every figure comes back exactly, with its printed text and its cell's locator. Some are
saved again by LibreOffice (.doc, .odt, .rtf, and a web page saved as .doc) and read through the
conversion back to .docx. The real report pages of the fixtures, saved as Word files, read as
their ground truth."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from word_support import check_word_facts, mhtml

from pipeline.core.figures import figure_cells
from pipeline.extract import extract_report
from pipeline.extract.wordfile import word_format
from pipeline.replica.synthetic import generate
from pipeline.replica.webpage import Style, render_page
from pipeline.replica.worddoc import converted, draw_word_style, render_docx

CASES = [(seed, template) for seed in range(20) for template in ("2019", "2021")]


@pytest.mark.parametrize(("seed", "template"), CASES, ids=lambda v: str(v))
def test_docx_roundtrip(tmp_path, seed, template):
    content = generate(seed, template)
    document = render_docx(content, seed)
    path = tmp_path / "report"
    path.write_bytes(document.data)

    extraction = extract_report(path)

    assert word_format(document.data) == "docx"
    assert extraction.engine == "docx"
    check_word_facts(extraction, content, document.quirks, document.data)


def test_the_generator_draws_every_quirk():
    quirks = {quirk for seed in range(20) for quirk in draw_word_style(seed)[1]}
    for expected in (
        "rules",
        "runs",
        "wrap headers",
        "repeat header",
        "split",
        "split repeats header",
        "stacked",
        "empty paragraphs",
        "tracked",
        "controls",
        "nested",
        "hidden",
    ):
        assert expected in quirks
    # Both split forms are among the round trips, and a split table without its header repeated.
    styles = [draw_word_style(seed)[0] for seed in range(20)]
    assert any(s.split and not s.split_repeats_header for s in styles)
    assert any(s.split and s.split_repeats_header for s in styles)


# LibreOffice saves the generated .docx in its other formats; the reader converts them back.
# (LibreOffice 7.4 repeats a cell's text when a content control wraps it: none here.)
LIBREOFFICE_CASES = [
    (1, "2019", "doc"),
    (2, "2021", "doc"),
    (3, "2019", "odt"),
    (4, "2021", "rtf"),
]


@pytest.mark.parametrize(("seed", "template", "fmt"), LIBREOFFICE_CASES, ids=lambda v: str(v))
def test_libreoffice_roundtrip(tmp_path, seed, template, fmt):
    content = generate(seed, template)
    style, quirks = draw_word_style(seed)
    style.controls = False
    data = converted(render_docx(content, seed, style).data, "docx", fmt)
    path = tmp_path / "report.pdf"  # the name says nothing: the bytes decide
    path.write_bytes(data)

    extraction = extract_report(path)

    assert word_format(data) == fmt
    assert f"converted from {fmt} to docx by LibreOffice" in extraction.notes
    check_word_facts(extraction, content, quirks)


@pytest.mark.parametrize("template", ["2019", "2021"])
def test_web_page_saved_as_doc(tmp_path, template):
    """A report page saved as .doc by a word processor (as publishers post them)."""
    content = generate(5, template, classes=())
    page = render_page(content, 5, Style(chrome=False, spacer=False, ragged=False))
    data = converted(page.data, "html", "doc")
    path = tmp_path / "report.doc"
    path.write_bytes(data)

    extraction = extract_report(path)

    assert word_format(data) == "doc"
    check_word_facts(extraction, content, ["web page saved as .doc"])


def test_libreoffice_docx_reads_like_the_generated_one(tmp_path):
    """LibreOffice's own .docx (its writer, not python-docx) of the same report reads the same."""
    content = generate(6, "2021")
    style, quirks = draw_word_style(6)
    style.controls = False
    data = converted(converted(render_docx(content, 6, style).data, "docx", "odt"), "odt", "docx")
    path = tmp_path / "report"
    path.write_bytes(data)

    check_word_facts(extract_report(path), content, quirks, data)


REAL_PAGES = [
    ("pingtan-2022", "doc"),
    ("pingtan-2023", "docx"),
    ("pingtan-2024", "odt"),
    ("pingtan-2025", "doc"),
    # Department pages: one figure cell for （六）其他处理's three sub-rows; a total typed with its unit (万元).
    ("pingtan-market-2021", "docx"),
    ("pingtan-resources-2020", "doc"),
]


@pytest.mark.parametrize(("name", "fmt"), REAL_PAGES, ids=lambda v: str(v))
def test_real_report_saved_as_word_matches_truth(tmp_path, name, fmt):
    """A real report page (平潭 and its departments, tests/fixtures/realworld) saved as a Word file by a word processor
    reads cell by cell as its ground truth."""
    source = Path(__file__).parents[1] / "fixtures" / "realworld" / f"{name}.html"
    truth = json.loads(source.with_suffix(".truth.json").read_text(encoding="utf-8"))
    path = tmp_path / "report"
    path.write_bytes(converted(source.read_bytes(), "html", fmt))

    extraction = extract_report(path)

    assert extraction.template == truth["report"]["template"]
    got = {(f.table, f.row, f.column): f.value for f in extraction.facts}
    assert got == figure_cells(truth, truth["columns"])
    assert all(f.locator and f.page is None for f in extraction.facts)


@pytest.mark.parametrize(("seed", "template"), [(3, "2019"), (4, "2021")], ids=lambda v: str(v))
def test_single_file_web_page_posted_as_doc(tmp_path, seed, template):
    """Word's "single file web page" (MHTML: the page quoted-printable in GB2312 inside a MIME
    message, as Word writes it) under a .doc name reads as the page it holds."""
    content = generate(seed, template)
    page = render_page(content, seed, Style(charset="gbk", header_charset=None, meta_charset="gb2312"))
    path = tmp_path / "report.doc"
    path.write_bytes(mhtml(page.data))

    extraction = extract_report(path)

    assert extraction.engine == "html"
    check_word_facts(extraction, content, ["MHTML"])


@pytest.mark.parametrize(("seed", "template"), [(7, "2019"), (9, "2021")], ids=lambda v: str(v))
def test_word_2003_xml_roundtrip(tmp_path, seed, template):
    """A report in Word 2003's one-file XML (the generated document's table XML under the 2003
    root and namespace, merges spelt lower-case, as Word 2003 saved them) reads exactly."""
    content = generate(seed, template)
    document = render_docx(content, seed)
    with zipfile.ZipFile(io.BytesIO(document.data)) as archive:
        xml = archive.read("word/document.xml")
    xml = (
        xml.replace(b"http://schemas.openxmlformats.org/wordprocessingml/2006/main", WORDML_2003)
        .replace(b"<w:document ", b'<?mso-application progid="Word.Document"?><w:wordDocument ', 1)
        .replace(b"</w:document>", b"</w:wordDocument>")
        .replace(b"<w:vMerge", b"<w:vmerge")
    )
    path = tmp_path / "report.doc"
    path.write_bytes(xml)

    assert word_format(xml) == "xml"
    check_word_facts(extract_report(path), content, document.quirks)


WORDML_2003 = b"http://schemas.microsoft.com/office/word/2003/wordml"
