"""A table replaced by a sentence (本年度未收到政府信息公开申请。, 未发生…行政复议、行政诉讼的情况。) or by
nothing, its heading followed by the next section's: read as not published, the report's other
tables read as before, in web pages, Word files (the official template too) and PDFs. Its cells
are NULL with the sentence as their text, never 0. Before, the whole report failed: "table 四
(review and litigation) not found among the 3 tables of the web page"."""

from __future__ import annotations

import copy

import pytest
from roundtrip_support import written

from pipeline.core.facts import NOT_PUBLISHED, ReportError
from pipeline.core.figures import figure_cells
from pipeline.extract import extract_report
from pipeline.extract.templates import required_cells
from pipeline.replica.content import ReportContent
from pipeline.replica.synthetic import generate

SENTENCES = {
    "四": "本机关本年度未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。",
    "三": "本年度未收到政府信息公开申请。",
}
TABLES = {"二": "proactive", "三": "requests", "四": "review"}


def without(content: ReportContent, stand_ins: dict[str, str]) -> ReportContent:
    """The report with the tables of ``stand_ins`` (section numeral -> sentence) not published."""
    content = copy.deepcopy(content)
    content.stand_ins = dict(stand_ins)
    return content


def check_not_published(extraction, content: ReportContent, numeral: str, sentence: str, form: str) -> None:
    """Every figure of the other tables read exactly; every cell of the table not published NULL,
    its text the sentence, never 0; the table named once, with the sentence and where it stands."""
    table = TABLES[numeral]
    printed = {cell: value for cell, value in figure_cells(content.figures).items() if cell[0] != table}
    assert {(f.table, f.row, f.column): f.value for f in extraction.facts if f.table != table} == printed
    [missing] = extraction.not_published
    assert (missing.table, "".join(missing.text.split())) == (table, sentence)
    if form == "pdf":
        assert missing.page is not None and missing.locator is None
    else:
        assert missing.locator is not None and missing.locator.startswith("text line ")
    cells = [f for f in extraction.facts if f.table == table]
    expected = {c for c in required_cells(content.template, extraction.other_handling_split) if c[0] == table}
    assert {(f.table, f.row, f.column) for f in cells} == expected
    assert {(f.value, "".join(f.raw.split()), f.doubt) for f in cells} == {(None, sentence, NOT_PUBLISHED)}


CASES = [(numeral, form) for numeral in ("四", "三") for form in ("html", "docx", "official", "pdf")]


@pytest.mark.parametrize(("numeral", "form"), CASES)
def test_a_table_replaced_by_a_sentence_is_not_published(tmp_path, numeral, form):
    content = without(generate(0, "2021"), {numeral: SENTENCES[numeral]})

    extraction = extract_report(written(content, form, tmp_path))

    check_not_published(extraction, content, numeral, SENTENCES[numeral], form)


@pytest.mark.parametrize("form", ["html", "docx", "official", "pdf"])
def test_a_heading_followed_by_the_next_heading_is_a_table_not_published(tmp_path, form):
    content = without(generate(1, "2021" if form == "official" else "2019"), {"四": ""})

    extraction = extract_report(written(content, form, tmp_path))

    check_not_published(extraction, content, "四", "", form)


@pytest.mark.parametrize("form", ["html", "pdf"])
def test_table_two_not_published_is_read_when_table_three_tells_the_template(tmp_path, form):
    """Table 三 printing （六）其他处理 as its three sub-rows says 2021; printed as one row, nothing
    says which template the report follows, and it fails in one line saying so."""
    sentence = "本机关本年度无主动公开的规章和规范性文件。"
    content = without(generate(0, "2021"), {"二": sentence})

    extraction = extract_report(written(content, form, tmp_path))

    check_not_published(extraction, content, "二", sentence, form)
    content = without(generate(2, "2021"), {"二": sentence})
    (tmp_path / "one-row").mkdir()
    with pytest.raises(ReportError, match=r"^table 二 \(proactive disclosure\) not published, and cannot tell the"):
        extract_report(written(content, form, tmp_path / "one-row"))


@pytest.mark.parametrize("form", ["html", "docx"])
def test_tables_three_and_four_both_not_published_fail_in_one_line(tmp_path, form):
    content = without(generate(0, "2021"), SENTENCES)

    with pytest.raises(ReportError, match=r"^tables 三 and 四 not published .*nothing to load$") as failure:
        extract_report(written(content, form, tmp_path))
    assert "\n" not in str(failure.value)


def test_a_table_missing_with_its_heading_fails_as_before(tmp_path):
    content = without(generate(0, "2021"), {"四": SENTENCES["四"]})
    content.headings = {"四": "四、其他情况"}

    with pytest.raises(ReportError, match=r"table 四 \(review and litigation\) not found among the"):
        extract_report(written(content, "html", tmp_path))
