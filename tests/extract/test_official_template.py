"""Reports typed into the official format's own Word file (the template publishers fill, as WPS
Office saved it): its real tables, their merges and blank cells holding ideographic spaces, read
back with every figure, directly and as LibreOffice saves the file as .doc."""

from __future__ import annotations

from pathlib import Path

import pytest
from word_support import check_word_facts

from pipeline.extract import extract_report
from pipeline.replica.officialtemplate import fill
from pipeline.replica.synthetic import generate
from pipeline.replica.worddoc import converted

TEMPLATE = Path(__file__).parents[1] / "fixtures" / "word" / "official-template-2021.docx"
SEEDS = [0, 1, 6, 7, 10]  # 2021-format reports publishing （六）其他处理 as its three sub-rows, as the template does


@pytest.mark.parametrize("seed", SEEDS)
def test_the_filled_template_reads_every_figure(tmp_path, seed):
    content = generate(seed, "2021")
    data = fill(TEMPLATE.read_bytes(), content)
    path = tmp_path / "report.docx"
    path.write_bytes(data)

    extraction = extract_report(path)

    assert extraction.engine == "docx"
    check_word_facts(extraction, content, [], data)


def test_the_filled_template_saved_as_doc_reads_every_figure(tmp_path):
    content = generate(7, "2021")
    path = tmp_path / "report.doc"
    path.write_bytes(converted(fill(TEMPLATE.read_bytes(), content), "docx", "doc"))

    check_word_facts(extract_report(path), content, ["saved as .doc by LibreOffice"])


def test_the_template_holds_only_2021_reports_with_other_handling_split():
    with pytest.raises(ValueError, match="other_handling.no_correction"):
        fill(TEMPLATE.read_bytes(), generate(2, "2021"))
