"""The ground truth of 平潭's reports on 2011–2018 (tests/fixtures/realworld, "template": "legacy") against
the archive's text of each report (realworld/archive) and against the reconstructed pages: every table
figure and label as the archive prints them, every text figure in its sentence, nothing of the
archive's text left out of a page, and the bundled samples the same files as the fixtures."""

from __future__ import annotations

import csv
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parents[1] / "fixtures" / "realworld"
SAMPLES = Path(__file__).parents[2] / "data" / "samples"
ZONE = [f"pingtan-{year}" for year in range(2011, 2019)]
COUNTY = [f"pingtan-county-{year}" for year in range(2011, 2014)]
NAMES = [*ZONE, *COUNTY, "pingtan-localtax-2013"]
SEPARATOR = "==================== 正文 ====================\n"


def _truth(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.truth.json").read_text(encoding="utf-8"))


def _archive_text(truth: dict) -> str:
    """The page's text as the archive extracted it, without the site's breadcrumb line and link."""
    text = (FIXTURES / truth["report"]["archive_text"]).read_text(encoding="utf-8").split(SEPARATOR, 1)[1]
    text = re.sub(r"^当前位置：.*?相关链接： --> ", "", text.rstrip("\n"))
    return re.sub(r"\s*附件下载$", "", text)


def _bare(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _rows(truth: dict) -> list[tuple[str, str, str, str]]:
    """(label, unit, this year, cumulative) as printed, one per row of the statistics table."""
    cells: dict[int, dict[str, str]] = {}
    for figure in truth["figures"]:
        if figure["source"] == "table":
            row = cells.setdefault(figure["row"], {"label": figure["label"], "unit": figure["unit"]})
            row[figure["period"]] = figure["text"]
    return [(r["label"], r["unit"], r["year"], r["cumulative"]) for _, r in sorted(cells.items())]


class _Page(HTMLParser):
    """The paragraphs outside tables and the cells of each table row, as text."""

    def __init__(self) -> None:
        super().__init__()
        self.paragraphs: list[str] = []
        self.rows: list[list[str]] = []
        self._in_table = self._in_style = False
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "table":
            self._in_table = True
        elif tag == "tr":
            self.rows.append([])
        elif tag in ("p", "td"):
            self._text = [] if tag == "td" or not self._in_table else self._text
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._in_table = False
        elif tag == "td":
            self.rows[-1].append("".join(self._text).replace("\xa0", "").strip())
        elif tag == "p" and not self._in_table:
            self.paragraphs.append("".join(self._text))
            self._text = []
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if not self._in_style:
            self._text.append(data)


def _page(name: str) -> _Page:
    page = _Page()
    page.feed((FIXTURES / f"{name}.html").read_text(encoding="utf-8"))
    return page


@pytest.mark.parametrize("name", [n for n in NAMES if _truth(n)["table"]])
def test_every_table_figure_and_label_is_the_archives(name: str) -> None:
    truth = _truth(name)
    text = _archive_text(truth)
    table = text[text.index(truth["table"]["title"]) :]
    rows = _rows(truth)
    assert len(rows) == truth["table"]["rows"]
    printed = truth["table"]["title"] + "".join(truth["table"]["header"])
    printed += "".join(label + unit + year + cumulative for label, unit, year, cumulative in rows)
    assert _bare(printed) == _bare(table)
    if " 条 " in table:  # the archive's text keeps the cells apart: each is its own token
        cells = [t for label, unit, year, cumulative in rows for t in (*label.split(), unit, year, cumulative) if t]
        assert table.split()[-len(cells) :] == cells
    for figure in truth["figures"]:
        if figure["source"] == "table":
            assert figure["value"] == (int(figure["text"]) if figure["text"] else None)


@pytest.mark.parametrize("name", NAMES)
def test_every_text_figure_is_in_its_sentence_in_the_archive(name: str) -> None:
    truth = _truth(name)
    text = _archive_text(truth)
    prose = [figure for figure in truth["figures"] if figure["source"] == "text"]
    assert prose
    for figure in prose:
        sentence = figure["sentence"]
        assert text.count(sentence) == 1, sentence
        assert figure["text"] in sentence and figure["label"] in sentence, figure
        number = re.search(r"\d+(?:\.\d+)?", figure["text"])
        assert figure["value"] == (0 if number is None else float(number[0])), figure


@pytest.mark.parametrize("name", NAMES)
def test_the_page_holds_the_archives_text_and_table_cell_by_cell(name: str) -> None:
    truth = _truth(name)
    text, page = _archive_text(truth), _page(name)
    if truth["table"]:
        text = text[: text.index(truth["table"]["title"])]
        assert page.rows == [truth["table"]["header"], *[list(row) for row in _rows(truth)]]
        assert page.paragraphs[-1] == truth["table"]["title"]
        page.paragraphs.pop()
    else:
        assert page.rows == []
    # The page's text is the archive's, paragraph by paragraph (a leftover Word comment is a comment).
    assert _bare("".join(page.paragraphs)) == _bare(text.replace("<!--[if !supportLists]-->7、<!--[endif]-->", "7、"))
    for figure in truth["figures"]:
        if figure["source"] == "text":
            assert sum(figure["sentence"] in paragraph for paragraph in page.paragraphs) == 1, figure["sentence"]


@pytest.mark.parametrize("name", ZONE)
def test_the_bundled_pages_are_the_fixtures(name: str) -> None:
    assert (SAMPLES / f"{name}.html").read_bytes() == (FIXTURES / f"{name}.html").read_bytes()


@pytest.mark.parametrize("series", [ZONE, COUNTY])
def test_the_cumulative_column_carries_over_or_is_flagged(series: list[str]) -> None:
    """Proactive items, cumulative: last year's plus this year's, or a published inconsistency."""
    for before, name in zip(series, series[1:], strict=False):
        (_, _, _, previous), (_, _, year, cumulative) = _rows(_truth(before))[0], _rows(_truth(name))[0]
        flagged = any(line.startswith("cumulative: 主动公开") for line in _truth(name)["published_inconsistencies"])
        assert (int(cumulative) == int(previous) + int(year)) != flagged, name


def test_the_label_list_holds_each_tables_rows() -> None:
    """tests/fixtures/legacy-labels.csv (the variants for generators and crosswalks): 平潭's rows as the truth."""
    with (FIXTURES.parent / "legacy-labels.csv").open(encoding="utf-8", newline="") as listed:
        lines = list(csv.DictReader(listed))
    for name in [*ZONE, *COUNTY]:
        source = f"tests/fixtures/realworld/{name}.truth.json"
        truth = _truth(name)
        assert [(line["label"], line["unit"]) for line in lines if line["source"] == source] == [
            (label, unit) for label, unit, _, _ in _rows(truth)
        ]
        assert {(line["publisher"], line["year"]) for line in lines if line["source"] == source} == {
            (truth["report"]["agency"], str(truth["report"]["year"]))
        }
    assert all(line["label"] and line["source"] for line in lines)
