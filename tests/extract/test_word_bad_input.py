"""Word files that cannot be read: each ends in one line naming the cause (``ogi extract`` exits
with status 2 and prints it), never a traceback; what a file is comes from its bytes. And
LibreOffice conversions side by side do not get in each other's way."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import docx
import pytest

from pipeline.core.facts import ReportError
from pipeline.extract import extract_report
from pipeline.extract.wordconvert import to_docx
from pipeline.extract.wordfile import OLE2, read_docx, word_format
from pipeline.replica.synthetic import generate
from pipeline.replica.worddoc import converted, render_docx


def _ogi(path: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(Path(sys.executable).parent / "ogi"), "extract", str(path)],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )


def _one_line(result: subprocess.CompletedProcess, *words: str) -> str:
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0]
    return lines[0]


@pytest.fixture(scope="module")
def report_doc() -> bytes:
    return converted(render_docx(generate(2, "2021"), 2).data, "docx", "doc")


def test_a_damaged_doc_is_one_line(tmp_path, report_doc):
    path = tmp_path / "report.doc"
    path.write_bytes(report_doc[: len(report_doc) // 3])  # cut short in transfer
    assert word_format(path.read_bytes()) == "doc"
    _one_line(_ogi(path), "LibreOffice could not open the Word 97-2003 or WPS (.doc/.wps) file")


def test_an_ole2_file_that_is_no_document(tmp_path):
    path = tmp_path / "report.doc"
    path.write_bytes(OLE2 + bytes(4096))
    _one_line(_ogi(path), "LibreOffice could not open")


def test_libreoffice_missing_is_one_line(tmp_path, report_doc):
    path = tmp_path / "report.doc"
    path.write_bytes(report_doc)
    # The program is not on the PATH: ogi runs by its full path.
    env = {**os.environ, "PATH": str(tmp_path)}
    _one_line(_ogi(path, env), "LibreOffice", "not installed", "libreoffice-writer-nogui")


def test_a_password_protected_docx_is_one_line():
    """A real encrypted .docx (tests/fixtures/word/protected.docx, password "secret")."""
    path = Path(__file__).parents[1] / "fixtures" / "word" / "protected.docx"
    assert path.read_bytes().startswith(OLE2)
    _one_line(_ogi(path), "a password-protected Word (.docx) file: it cannot be read without its password")


def test_a_conversion_past_its_time_limit_is_stopped(report_doc):
    with pytest.raises(ReportError, match=r"LibreOffice did not convert the .* file within 0\.01 s"):
        to_docx(report_doc, "doc", timeout=0.01)


def test_a_damaged_docx_is_one_line(tmp_path):
    data = render_docx(generate(1, "2019"), 1).data
    broken = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            body = source.read(item)
            if item.filename == "word/document.xml":
                body = body[: len(body) // 2]  # the XML ends mid-element
            target.writestr(item, body)
    path = tmp_path / "report.docx"
    path.write_bytes(broken.getvalue())
    _one_line(_ogi(path), "Word file: its document part is not well-formed XML")


def test_a_docx_without_tables(tmp_path):
    document = docx.Document()
    document.add_paragraph("示范市人民政府2023年政府信息公开工作年度报告")
    path = tmp_path / "report.docx"
    document.save(str(path))
    _one_line(_ogi(path), "a Word file (docx) without tables: not a report")


def test_a_zip_that_is_no_word_file(tmp_path):
    path = tmp_path / "report.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("report.pdf", b"%PDF-1.7\n")
    _one_line(_ogi(path), "a zip archive that is neither a Word file")


def test_a_docx_missing_table_3_names_the_table(tmp_path):
    """Table 三 and its heading gone (under its heading alone, the table is not published:
    ``test_tables_not_published.py``)."""
    data = render_docx(generate(3, "2021"), 3).data
    document = docx.Document(io.BytesIO(data))
    requests = document.tables[1]._tbl  # table 三
    requests.getparent().remove(requests)
    heading = next(p for p in document.paragraphs if p.text.startswith("三、"))._p
    heading.getparent().remove(heading)
    path = tmp_path / "report.docx"
    document.save(str(path))
    with pytest.raises(ReportError, match=r"table 三 \(requests\) not found among the 2 tables of the Word file"):
        extract_report(path)


def test_sniffing_ignores_the_name(tmp_path):
    """A .docx named .pdf, and a .doc named .docx, are read as what they are."""
    data = render_docx(generate(0, "2021"), 0).data
    assert word_format(data) == "docx"
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    assert extract_report(path).engine == "docx"
    assert word_format(b"{\\rtf1\\ansi hello}") == "rtf"
    assert word_format(b"%PDF-1.7") is None


def test_parallel_conversions_do_not_collide(report_doc):
    """Each conversion has its own LibreOffice profile: two at once both finish, with the same tables."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda _: to_docx(report_doc, "doc"), range(2)))
    tables = [[segment.nrows for segment in read_docx(data).segments] for data in results]
    assert tables[0] == tables[1] and len(tables[0]) == 3
