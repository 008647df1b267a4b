"""A typed PDF that pastes a picture of table 四 under its typed heading (the report page printed
by Chromium, the table a screen grab in it): the text layer holds the headings and tables 二 and
三 but not table 四, so the page's picture is read by OCR and the rest of the page (table 三's
last rows) from its text layer. Every cell is the published figure."""

from __future__ import annotations

from pathlib import Path

from pipeline.extract import extract_report
from pipeline.extract.pdftext import read_text
from pipeline.replica.chromium import print_pdf
from pipeline.replica.content import load_content
from pipeline.replica.picturepage import pasted_page
from pipeline.replica.webpage import Style, render_html

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"


def test_a_picture_of_a_table_pasted_on_a_typed_page_is_read_by_ocr(tmp_path: Path) -> None:
    content = load_content(SAMPLES / "huaian-hongze-2024.yaml")
    pdf = print_pdf(pasted_page(content, {"四"}, tmp_path), tmp_path / "pasted.pdf")
    (tmp_path / "all.html").write_text(render_html(content, Style(chrome=False)), encoding="utf-8")
    text = read_text(pdf)
    assert text.has_text and all(page.strip() for page in text.pages)  # no page is an image only
    truth, read = extract_report(tmp_path / "all.html"), extract_report(pdf)
    assert read.engine == "vector+ocr-rapidocr" and read.template == truth.template
    got = {(f.table, f.row, f.column): f for f in read.facts}
    assert set(got) == {(f.table, f.row, f.column) for f in truth.facts}
    assert [
        (f.table, f.row, f.column, got[f.table, f.row, f.column].raw)
        for f in truth.facts
        if got[f.table, f.row, f.column].value != f.value
    ] == []
    # Table 四 comes from the picture (OCR's confidence), the others from the text layer (none).
    [pictured] = {f.page for f in read.facts if f.table == "review"}
    assert any(f"pictures of tables on pages {pictured} read by OCR" in note for note in read.notes)
    assert {f.confidence is not None for f in read.facts if f.table == "review"} == {True}
    assert {f.confidence for f in read.facts if f.table != "review"} == {None}
