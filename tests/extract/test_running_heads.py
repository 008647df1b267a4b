"""Running heads (``runningheads.py``): lines every page prints at its top or foot, digits aside,
are taken out; a line only some pages print (a table's header repeated on the pages it runs
onto) stays."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.extract.glyphs import Glyph
from pipeline.extract.runningheads import page_number, running_heads
from pipeline.extract.unruled import read_unruled

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


def _lines(pages: dict[int, tuple[list[Glyph], float]]) -> dict[int, int]:
    return {number: len(found) for number, found in running_heads(pages).items()}


# A Word page: its text from 780 down; a head 35 points above it, a foot line 20 points from the
# page's foot (the text ends at 740, far above).
TITLE, AGENCY = "某某局2024年政府信息公开工作年度报告", "某某局"


def _word_page(number: int, head: str | None, foot: str | None, top: list[Glyph] | None = None) -> tuple:
    lines = [*([_line(head, 815)] if head else []), *([top] if top else []), *_body("正文" + "甲乙丙丁戊"[number - 1])]
    return _page(*lines, *([_line(foot, 20, x=250)] if foot else []))


def test_heads_left_off_a_title_page_are_found_on_the_other_pages() -> None:
    """Word's "different first page": the title page prints neither head nor foot."""
    pages = {
        number: _word_page(number, TITLE if number > 1 else None, f"第 {number} 页 共 4 页" if number > 1 else None)
        for number in (1, 2, 3, 4)
    }
    assert _lines(pages) == {1: 0, 2: 2, 3: 2, 4: 2}
    only_foot = {number: _word_page(number, None, f"- {number} -" if number > 1 else None) for number in (1, 2, 3)}
    assert _lines(only_foot) == {1: 0, 2: 1, 3: 1}


def test_a_top_line_the_first_page_lacks_is_no_head_without_a_foot_it_lacks_too() -> None:
    """A table's header row repeated at the top of pages 2 and 3 has no foot line beside it that
    the first page lacks (the title page of a word processor lacks both)."""
    pages = {number: _word_page(number, TITLE if number > 1 else None, f"{number}") for number in (1, 2, 3)}
    assert _lines(pages) == {1: 1, 2: 1, 3: 1}  # the page numbers only


def test_a_table_header_repeated_at_the_top_of_the_text_is_no_head_beside_a_title_page() -> None:
    """The header row Word repeats stands where the text starts, where the title page's text starts
    too: that page does not leave its place empty (its foot lines are heads all the same)."""
    header = _line("申请人情况", 780)
    pages = {
        number: _page(
            *([header] if number > 1 else [_line("报告标题", 780)]),
            *[_line("正文" + "甲乙丙"[number - 1] + "一二三"[i - 1], 780 - 20 * i) for i in (1, 2, 3)],
            *([_line(f"第 {number} 页", 20, x=250)] if number > 1 else []),
        )
        for number in (1, 2, 3)
    }
    assert _lines(pages) == {1: 0, 2: 1, 3: 1}


def test_a_title_page_whose_text_starts_too_near_the_place_of_the_head_is_not_left_empty() -> None:
    """The title page's text starting within a quarter of the head's height below it: the head's
    place is not empty there, the top line stays (the foot lines go)."""

    def page(number: int, title_base: float) -> tuple:
        first = [_line("报告标题", title_base)] if number == 1 else [_line(TITLE, 815)]
        return _page(
            *first,
            *_body("正文" + "甲乙丙丁戊"[number - 1]),
            *([_line(f"- {number} -", 20, x=250)] if number > 1 else []),
        )

    apart = {number: page(number, 795) for number in (1, 2, 3)}  # its top 803: 10 points below 813
    assert _lines(apart) == {1: 0, 2: 2, 3: 2}
    near = {number: page(number, 813) for number in (1, 2, 3)}  # its top 821: inside the head's place
    assert _lines(near) == {1: 0, 2: 1, 3: 1}


def test_odd_and_even_pages_heads_are_found_each_among_their_own() -> None:
    """GB/T 9704: the title over odd pages, the agency over even ones, "— 2 —" on the outer side;
    with and without a title page left without them."""
    for first in (True, False):
        pages = {
            number: _word_page(
                number,
                None if first and number == 1 else (TITLE if number % 2 else AGENCY),
                None if first and number == 1 else f"— {number} —",
            )
            for number in (1, 2, 3, 4, 5)
        }
        # (the foot line's place is its line's: odd pages' on the right, even pages' on the left)
        for number in pages:
            if number % 2 == 0:
                pages[number] = (
                    [
                        g if g.base != 20 else Glyph(g.text, g.x0 - 200, g.x1 - 200, g.y0, g.y1, g.size, base=g.base)
                        for g in pages[number][0]
                    ],
                    HEIGHT,
                )
        assert _lines(pages) == {1: 0 if first else 2, 2: 2, 3: 2, 4: 2, 5: 2}


def test_a_line_on_odd_pages_only_is_no_head_when_even_pages_print_text_there() -> None:
    """A table's first row at the top of pages 3 and 5, its figures masked alike, the text of
    pages 2 and 4 starting at the same height: no head, though the foot's numbers are."""
    pages = {
        number: _page(
            _line("12 3 4" if number in (3, 5) else f"第{number}页首行", 815),
            *_body("正文" + "甲乙丙丁戊"[number - 1]),
            *([_line(f"- {number} -", 20, x=250)] if number > 1 else []),
        )
        for number in (1, 2, 3, 4, 5)
    }
    assert _lines(pages) == {1: 0, 2: 1, 3: 1, 4: 1, 5: 1}


def test_odd_pages_heads_without_the_even_pages_own_are_no_heads_when_the_title_page_prints_there() -> None:
    """A line on pages 3 and 5 only, the title page's text at its place: no head."""
    pages = {
        number: _page(
            *([_line(TITLE, 815)] if number in (3, 5) else []),
            *([_line("报告标题", 815)] if number == 1 else []),
            *_body("正文" + "甲乙丙丁戊"[number - 1]),
        )
        for number in (1, 2, 3, 4, 5)
    }
    assert _lines(pages) == dict.fromkeys(pages, 0)


def test_a_page_alone_has_no_heads() -> None:
    assert running_heads({1: _page(_line("标题", 815), *_body("正文"))}) == {1: []}


def test_a_page_of_one_table_row_on_two_baselines_has_no_heads(fixtures: Path) -> None:
    """经济发展局's page on 2021 by WeasyPrint on A5 without rules, pages 6 and 7: page 7 prints
    table 三's last row alone, 四、结转下年度继续办理 and its figures on baselines a point apart, one
    band with no text below it to stand apart from. Before, looking for that text stopped the
    report ("CRASH IndexError"); the row is read on the page it is printed on."""
    path = fixtures / "printed" / "pingtan-economy-2021-weasyprint-a5-unruled-pages6-7.pdf"
    last = read_unruled(path, [1, 2])[-1]
    assert last.page == 2
    assert [region.text for region in last.at[0][-8:]] == ["四、结转下年度继续办理"] + ["0"] * 7


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
