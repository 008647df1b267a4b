"""Running heads (``runningheads.py``): lines every page prints at its top or foot, digits aside,
are taken out; a line only some pages print (a table's header repeated on the pages it runs
onto) stays."""

from __future__ import annotations

import pytest

from pipeline.extract.glyphs import Glyph
from pipeline.extract.runningheads import page_number, running_heads

HEIGHT = 842.0


def _line(text: str, base: float, x: float = 50.0, size: float = 10.0) -> list[Glyph]:
    return [
        Glyph(ch, x + i * size, x + (i + 1) * size, base - 2, base + size - 2, size, base=base)
        for i, ch in enumerate(text)
    ]


def _page(*lines: list[Glyph]) -> tuple[list[Glyph], float]:
    return [glyph for line in lines for glyph in line], HEIGHT


def _body(first: str) -> list[list[Glyph]]:
    """Three lines of a page's text, the last ending in the first's words (no page's lines alike)."""
    return [_line(first, 780), _line("正文第二行", 760), _line("正文末行" + first, 740)]


def test_a_browser_head_and_foot_on_every_page_are_found() -> None:
    pages = {
        number: _page(
            _line("12/5/26, 7:02 PM", 815), *_body(f"第{number}页的正文"), _line(f"file:///r.html {number}/3", 20)
        )
        for number in (1, 2, 3)
    }
    heads = running_heads(pages)
    assert [len(heads[number]) for number in (1, 2, 3)] == [2, 2, 2]
    assert all(bounds[1] > 800 or bounds[3] < 30 for found in heads.values() for bounds in found)


def test_a_header_repeated_only_on_the_pages_a_table_runs_onto_stays() -> None:
    header = "申请人情况"
    pages = {
        1: _page(*_body("报告标题")),
        2: _page(_line(header, 815), *_body("表格二")),
        3: _page(_line(header, 815), *_body("表格三")),
    }
    assert running_heads(pages) == {1: [], 2: [], 3: []}


def test_a_line_at_another_place_or_touching_the_text_is_no_head() -> None:
    moved = {number: _page(_line("标题", 815 - number * 4), *_body("正文" + "甲乙"[number - 1])) for number in (1, 2)}
    assert running_heads(moved) == {1: [], 2: []}
    touching = {number: _page(_line("标题", 791), *_body("正文" + "甲乙"[number - 1])) for number in (1, 2)}
    assert running_heads(touching) == {1: [], 2: []}


def test_a_page_alone_has_no_heads() -> None:
    assert running_heads({1: _page(_line("标题", 815), *_body("正文"))}) == {1: []}


def test_a_hyphen_pdfium_gives_as_a_broken_word_on_one_page_is_the_same_head() -> None:
    """pdfium may give a hyphen of the address as U+FFFE on one page only."""
    pages = {
        number: _page(*_body("正文" + "甲乙"[number - 1]), _line(f"file:///a{dash}b.html {number}/2", 20))
        for number, dash in ((1, "-"), (2, "\ufffe"))
    }
    assert [len(found) for found in running_heads(pages).values()] == [1, 1]


@pytest.mark.parametrize(
    ("text", "alone"),
    [
        ("3", True),
        ("- 3 -", True),
        ("第 3 页", True),
        ("3 / 5", True),
        ("第3页 共5页", True),
        ("第3页，共5页", True),
        ("第3页/共5页", True),
        ("Page 3 of 5", True),
        ("12件", False),
        ("第3项", False),
        ("3 5", False),
    ],
)
def test_a_page_number_alone(text: str, alone: bool) -> None:
    assert page_number(text) is alone
