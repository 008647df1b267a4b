"""Files that are not readable reports: each fails with exit status 2 and one line on stderr that
names the file and the cause; nothing is printed on stdout."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from fpdf import FPDF
from fpdf.enums import AccessPermission
from tablepdf import Document

from pipeline.core.facts import ReportError
from pipeline.extract import extract_report
from pipeline.replica.render import font_path, render_pdf
from pipeline.replica.synthetic import generate


@pytest.fixture(scope="module")
def replica(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("replica") / "report.pdf"
    render_pdf(generate(3, "2021"), path)
    return path


def _ogi(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "extract", str(path)], capture_output=True, text=True, timeout=120
    )


def _text_pdf(path: Path, text: str, **encryption: str) -> Path:
    pdf = FPDF()
    pdf.add_font("cjk", fname=str(font_path()))
    pdf.add_page()
    pdf.set_font("cjk", size=12)
    pdf.multi_cell(0, 8, text)
    if encryption:
        pdf.set_encryption(**encryption)
    pdf.output(str(path))
    return path


def _keep_pages(source: Path, target: Path, pages: list[int]) -> Path:
    document, copy = pdfium.PdfDocument(str(source)), pdfium.PdfDocument.new()
    copy.import_pages(document, [page - 1 for page in pages])
    copy.save(str(target))
    return target


def _image_only(source: Path, target: Path) -> Path:
    """Every page of ``source`` as a picture, without a text layer (a scan)."""
    document = pdfium.PdfDocument(str(source))
    pdf = FPDF(unit="pt")
    for index in range(len(document)):
        page = document[index]
        width, height = page.get_size()
        image = page.render(scale=1.5).to_pil()
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        pdf.add_page(format=(width, height))
        pdf.image(buffer, x=0, y=0, w=width, h=height)
    pdf.output(str(target))
    return target


def _broken(tmp_path: Path, replica: Path, case: str) -> Path:
    path = tmp_path / f"{case}.pdf"
    if case == "not-a-pdf":
        path.write_text("年度报告\n2023 年政府信息公开工作年度报告正文\n", encoding="utf-8")
    elif case == "empty":
        path.write_bytes(b"")
    elif case == "truncated":
        data = replica.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    elif case == "html":
        path.write_text(
            "<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head>"
            "<body><h1>404 Not Found</h1><p>nginx</p></body></html>\n",
            encoding="utf-8",
        )
    elif case == "encrypted":
        _text_pdf(path, "三、收到和处理政府信息公开申请情况", owner_password="owner", user_password="secret")
    elif case == "image-only":
        # A scan of a page without any table: OCR finds no grid to read.
        _image_only(_text_pdf(tmp_path / "text.pdf", "政府信息公开工作年度报告\n一、总体情况"), path)
    elif case == "no-table-3":
        _text_pdf(path, "政府信息公开工作年度报告\n一、总体情况\n本年度，本机关依法公开政府信息。")
    elif case == "damaged":
        path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20 + b"\n%%EOF\n")
    elif case == "copy-protected":
        doc = Document()
        doc.text("三、收到和处理政府信息公开申请情况")
        doc.table([["申请人情况", "自然人"], ["一、本年新收政府信息公开申请数量", "3"]], [80, 30])
        doc.pdf.set_encryption(owner_password="owner", permissions=AccessPermission.PRINT_HIGH_RES)
        doc.save(path)
    return path


CAUSES = {
    "not-a-pdf": "not a PDF",
    "empty": "empty file",
    "truncated": "truncated PDF",
    "html": "HTML page",
    "encrypted": "encrypted PDF: a password is required",
    "image-only": "a scan (no text layer): no table found in its page images (ruled, or set without rules)",
    "no-table-3": "table 三 (requests) not found",
    "missing-file": "cannot read the file",
    "damaged": "damaged PDF",
    "copy-protected": "encrypted PDF: its permissions forbid text extraction",
}


@pytest.mark.parametrize("case", sorted(CAUSES))
def test_bad_file_is_one_clear_error(tmp_path, replica, case):
    path = _broken(tmp_path, replica, case)
    with pytest.raises(ReportError, match=re.escape(CAUSES[case])):
        extract_report(path)
    result = _ogi(path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [result.stderr.strip()], result.stderr
    assert result.stderr.startswith(f"ogi: error: {path}: ") and CAUSES[case] in result.stderr


def test_unknown_row_label_is_named(tmp_path):
    content = generate(5, "2021")
    content.labels["denied.internal_affairs"] = "5.涉及个人隐私的信息"
    path = tmp_path / "odd-row.pdf"
    render_pdf(content, path)
    with pytest.raises(ReportError, match=re.escape("table 三: rows not recognised: '5.涉及个人隐私的信息'")):
        extract_report(path)
    result = _ogi(path)
    assert result.returncode == 2 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and "5.涉及个人隐私的信息" in result.stderr


def test_report_pages_without_table_3(tmp_path, replica):
    """The pages before table 三 of a real-looking report: table 二 alone is not a report."""
    document = pdfium.PdfDocument(str(replica))
    texts = ["".join(document[i].get_textpage().get_text_range().split()) for i in range(len(document))]
    first = next(i for i, text in enumerate(texts) if "申请人情况" in text)
    assert first > 0
    path = _keep_pages(replica, tmp_path / "first-pages.pdf", list(range(1, first + 1)))
    result = _ogi(path)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.strip() == f"ogi: error: {path}: table 三 (requests) not found"


def test_unreadable_figure_names_its_cell_and_text(tmp_path):
    content = generate(5, "2021")
    content.printed["requests.granted.natural_person"] = "约5件"
    path = tmp_path / "odd-figure.pdf"
    render_pdf(content, path)
    cause = "table 三: cell granted × natural_person on page "
    with pytest.raises(ReportError, match=re.escape(cause)) as raised:
        extract_report(path)
    assert str(raised.value).endswith("not a number: '约5件'")
    result = _ogi(path)
    assert result.returncode == 2 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and cause in result.stderr and "约5件" in result.stderr
