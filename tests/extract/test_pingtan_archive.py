"""平潭's reports on the national template that came before those on 2022–2025 (2019 on), against
the archive they were rebuilt from: the page's text and every table cell, in document order, are
the archive's text (``realworld/archive/<id>.txt``) character for character; the extracted figures
are the truth file's; and each published total adds up, or its truth file says it does not."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lxml import html

from pipeline.core.figures import figure_cells, mismatches
from pipeline.extract import extract_report

FIXTURES = Path(__file__).parents[1] / "fixtures" / "realworld"
SAMPLES = Path(__file__).parents[2] / "data" / "samples"
NAMES = ["pingtan-2019", "pingtan-2020", "pingtan-2021"]
SEPARATOR = "==================== 正文 ====================\n"
# The outcome rows that （七）总计 sums (the 2019 template's 其他处理 is one row, the 2021 one's three).
DETAIL = ("granted", "partially_granted", "denied.", "unable.", "not_processed.", "other_handling")


def _truth(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.truth.json").read_text(encoding="utf-8"))


def _bare(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _article_text(name: str) -> str:
    """The text of the reconstructed article body (paragraphs and table cells in document order)."""
    root = html.fromstring((FIXTURES / f"{name}.html").read_bytes())
    (body,) = root.xpath("//div[contains(@class, 'TRS_Editor')]")
    for style in body.xpath(".//style"):
        style.drop_tree()
    return body.text_content()


@pytest.mark.parametrize("name", NAMES)
def test_the_page_is_the_archives_text_cell_for_cell(name: str) -> None:
    """The archive's text runs a row's cells together ("3960181"); the page splits them as the
    archive's page.html does, and loses or adds no character."""
    truth = _truth(name)
    archive = (FIXTURES / truth["report"]["archive_text"]).read_text(encoding="utf-8").split(SEPARATOR, 1)[1]
    # Without the site's breadcrumb line and its attachment box, which the archive's text keeps for 2021.
    archive = re.sub(r"\s*附件下载$", "", re.sub(r"^当前位置：.*?相关链接： --> ", "", archive.rstrip("\n")))
    assert _bare(_article_text(name)) == _bare(archive)


@pytest.mark.parametrize("name", NAMES)
def test_the_page_reads_as_its_truth(name: str) -> None:
    truth = _truth(name)
    extraction = extract_report(FIXTURES / f"{name}.html")
    assert extraction.template == truth["report"]["template"]
    expected = figure_cells(truth, truth["columns"])
    assert mismatches(extraction, expected) == []
    assert len(extraction.facts) == len(expected)


@pytest.mark.parametrize("name", NAMES)
def test_the_published_totals_add_up_or_are_flagged(name: str) -> None:
    """Table 三's 勾稽关系 (一 + 二 = 三 + 四), its total of the outcomes, and each row's total
    column: checked on the published figures, a failure is listed in the truth, never corrected."""
    truth = _truth(name)
    requests = truth["requests"]
    failures = []
    for column, applicant in enumerate(truth["columns"]["requests"]):
        value = {row: values[column] for row, values in requests.items()}
        received = value["new_requests"] + value["carried_over"]
        handled = value["total_processed"] + value["carried_forward"]
        if received != handled:
            failures.append(f"requests: new_requests + carried_over {applicant} ({received}) != {handled}")
        outcomes = sum(v for row, v in value.items() if row.startswith(DETAIL))
        if outcomes != value["total_processed"]:
            failures.append(
                f"requests: total_processed {applicant} ({value['total_processed']}) != sum of outcomes ({outcomes})"
            )
    failures += [
        f"requests: {row} total ({values[-1]}) != sum of applicants ({sum(values[:-1])})"
        for row, values in requests.items()
        if sum(values[:-1]) != values[-1]
    ]
    failures += [
        f"review: {proceeding} total ({values[-1]}) != upheld+corrected+other+pending ({sum(values[:-1])})"
        for proceeding, values in truth["review"].items()
        if sum(values[:-1]) != values[-1]
    ]
    assert failures == truth["published_inconsistencies"]


@pytest.mark.parametrize("name", NAMES)
def test_the_bundled_pages_are_the_fixtures(name: str) -> None:
    assert (SAMPLES / f"{name}.html").read_bytes() == (FIXTURES / f"{name}.html").read_bytes()
