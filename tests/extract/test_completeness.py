"""The completeness guard (pipeline/extract/completeness.py): every figure printed in tables 二, 三
and 四 is a fact, or the report fails naming the figure, its page and where it was seen. The real
平潭 pages printed by Chromium read to the cell; a mapper or a reader made to lose one figure on
purpose makes the report fail naming that figure."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from truth import truth_cells

import pipeline.extract as extractor
from pipeline.core.facts import ReportError
from pipeline.core.figures import mismatches
from pipeline.extract import extract_report
from pipeline.extract.classify import assemble
from pipeline.extract.completeness import TextLayer, check_page_breaks, check_read, figure_in
from pipeline.extract.engines import read_segments
from pipeline.extract.segments import Segment
from pipeline.replica.chromium import print_pdf
from pipeline.replica.printings import Printing
from pipeline.replica.printings import printed as printed_as

PINGTAN = (2022, 2023, 2024, 2025)


def _truth(fixtures, year: int):
    return truth_cells(fixtures / "realworld" / f"pingtan-{year}.truth.json")


@pytest.fixture(scope="module")
def printed(fixtures, tmp_path_factory) -> dict[int, object]:
    """The four real 平潭 pages printed to PDF by Chromium (its default paper, Letter)."""
    folder = tmp_path_factory.mktemp("pingtan-printed")
    return {
        year: print_pdf(fixtures / "realworld" / f"pingtan-{year}.html", folder / f"pingtan-{year}.pdf")
        for year in PINGTAN
    }


@pytest.mark.parametrize("year", PINGTAN)
def test_chromium_print_of_the_real_page_reads_every_cell(fixtures, printed, year):
    expected = _truth(fixtures, year)
    extraction = extract_report(printed[year])
    assert mismatches(extraction, expected) == []
    assert len(extraction.facts) == len(expected) == 200
    # camelot reads it itself: the figure at the foot of table 二 (a label whose line of text runs
    # on into the merged figure cell) is no longer cut off, so no other engine was needed.
    assert extraction.engine == "vector"
    fee = next(f for f in extraction.facts if f.row == "administrative_fees")
    assert fee.value == expected[("proactive", "administrative_fees", "fee_amount_yuan")]
    assert fee.page == {2022: 3, 2023: 3}.get(year, 2)  # the foot of page 2 in 2024 and 2025


def _blanking(monkeypatch, mapper: str, row: str, column: str) -> None:
    """Make one mapper report one cell as printed blank (its figure lost)."""
    original = getattr(extractor, mapper)

    def mapped(table):
        result = original(table)
        facts = result if isinstance(result, list) else result.facts
        lost = [replace(f, value=None, raw="") if (f.row, f.column) == (row, column) else f for f in facts]
        assert lost != facts, "the cell to lose is not among the mapper's facts"
        if isinstance(result, list):
            return lost
        result.facts = lost
        return result

    monkeypatch.setattr(extractor, mapper, mapped)


def test_a_figure_a_mapper_loses_fails_the_page_naming_it(fixtures, monkeypatch):
    _blanking(monkeypatch, "map_requests", "new_requests", "natural_person")
    with pytest.raises(ReportError) as failure:
        extract_report(fixtures / "realworld" / "pingtan-2022.html")
    message = str(failure.value)
    assert message == (
        "table 三 (requests): the figure '71' printed at table 2, row 4, column 4 in the row "
        "'一、本年新收政府信息公开申请数量' is not among the facts"
    )


@pytest.mark.parametrize(
    ("mapper", "row", "column", "figure"),
    [
        ("map_proactive", "administrative_fees", "fee_amount_yuan", "'18651.06' printed on page 2"),
        ("map_requests", "new_requests", "total", "'218' printed on page 3"),
        ("map_review", "administrative_review", "upheld", "printed in"),
    ],
)
def test_a_figure_a_mapper_loses_fails_the_pdf_naming_it(printed, monkeypatch, mapper, row, column, figure):
    """Every engine's reading passes through the guard, so the report fails, naming the figure."""
    _blanking(monkeypatch, mapper, row, column)
    with pytest.raises(ReportError, match="is not among the facts|facts hold it") as failure:
        extract_report(printed[2024])
    assert figure in str(failure.value)
    assert "\n" not in str(failure.value)


def test_a_figure_a_mapper_loses_among_equal_ones_is_counted(fixtures, monkeypatch):
    """A lost 0 among the page's many 0s cannot be told from them: the line says how many."""
    _blanking(monkeypatch, "map_requests", "carried_over", "natural_person")
    with pytest.raises(ReportError) as failure:
        extract_report(fixtures / "realworld" / "hongze-2024.pdf")
    found = re.fullmatch(
        r"table 三 \(requests\): the figure '0' is printed in (\d+) cells on page 3 but only (\d+) facts hold it",
        str(failure.value),
    )
    assert found, str(failure.value)
    assert int(found[2]) == int(found[1]) - 1 > 10


def _losing_reader(monkeypatch, figure: str) -> None:
    """Make every PDF reader lose one figure: the cell that holds it reads blank."""
    original = extractor.read_segments

    def read(path, pages, engine, limits=None):
        segments = original(path, pages, engine, limits)
        return [_without(segment, figure) for segment in segments]

    monkeypatch.setattr(extractor, "read_segments", read)


def _without(segment: Segment, figure: str) -> Segment:
    blank = {}
    for region in segment.regions():
        if figure_in(region.text) == figure:
            blank[id(region)] = replace(region, text="")
    at = [[blank.get(id(region), region) for region in row] for row in segment.at]
    return replace(segment, at=at)


def test_a_figure_a_reader_loses_fails_naming_it_from_the_text_layer(printed, monkeypatch):
    """The text layer prints the figure in the cell: a reader that reads the cell blank fails."""
    _losing_reader(monkeypatch, "18651.06")
    with pytest.raises(ReportError) as failure:
        extract_report(printed[2024])
    assert str(failure.value) == (
        "table 二 (proactive disclosure): the figure '18651.06' printed on page 2 in the row "
        "'行政事业性收费' is not read (its cell reads '')"
    )


def test_a_figure_the_reader_of_tables_without_rules_loses_fails_naming_it(fixtures, tmp_path, monkeypatch):
    """The same for a print without rules, read from the positions of its text: the text layer
    prints the figure in the row, no cell of the row holds it."""
    page = (fixtures / "realworld" / "pingtan-2024.html").read_text(encoding="utf-8")
    pdf = printed_as(page, tmp_path / "unruled.pdf", Printing("chromium", "A4", "default", rules=False))
    assert extract_report(pdf).engine == "text"
    _losing_reader(monkeypatch, "18651.06")
    with pytest.raises(ReportError) as failure:
        extract_report(pdf)
    assert str(failure.value) == (
        "table 二 (proactive disclosure): the figure '18651.06' printed on page 2 in the row "
        "'行政事业性收费' is in no cell read"
    )


def test_figures_and_labels():
    assert figure_in("18651.06") == "18651.06"
    assert figure_in("行政事业性收费 18651.06") == "18651.06"
    assert figure_in("１２件") == "12件"
    assert figure_in("无") == "无"
    assert figure_in("1.重复申请") is None
    assert figure_in("") is None and figure_in("—") is None


def _without_first_row(segment: Segment) -> Segment:
    """The grid less its first row, as a reader that missed the rule above it would read it."""
    at = [[replace(region, r0=max(region.r0 - 1, 0), r1=region.r1 - 1) for region in row] for row in segment.at[1:]]
    return replace(segment, nrows=segment.nrows - 1, at=at, rows=segment.rows[1:])


def test_a_row_no_grid_holds_at_a_page_break_fails_naming_its_figure(printed):
    """Table 三 of the 2024 print goes on from page 3 to page 4; a reading of page 4 whose grid
    starts one row late leaves that row's figures outside every cell."""
    path = printed[2024]
    tables, _ = assemble(read_segments(path, [2, 3, 4], "vector"))
    # Its first row (the note, 申请人情况) alone at the foot of page 2 opens the table.
    assert [s.page for s in tables["requests"].segments] == [2, 3, 4]
    segments = tables["requests"].segments[1:]
    check_page_breaks({"requests": segments}, TextLayer(path))  # as read: nothing outside the grids
    cut = [segments[0], _without_first_row(segments[1])]
    with pytest.raises(ReportError) as failure:
        check_page_breaks({"requests": cut}, TextLayer(path))
    assert str(failure.value) == (
        "table 三 (requests): the figure '1' printed on page 4 above its first row, where the table "
        "breaks across pages, is in no cell read"
    )


# A long figure in a narrow last column, printed across the table's right rule: its last digit
# lies outside the table (Chromium and WeasyPrint on A5, where figures do not wrap).
_ACROSS_THE_RULE = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>
body { font-family: "Noto Sans CJK SC", sans-serif; }
table { table-layout: fixed; border-collapse: collapse; }
td { border: 0.75pt solid black; font-size: 9pt; padding: 2px; text-align: center; }
</style></head><body><table width="100%">
<colgroup><col style="width:70%"><col style="width:24%"><col style="width:6%"></colgroup>
<tr><td>项目</td><td>自然人</td><td>总计</td></tr>
<tr><td>一、本年新收政府信息公开申请数量</td><td>4164</td><td>4271</td></tr>
</table></body></html>"""


def _reading(segment: Segment, figure: str) -> Segment:
    """The grid with its last cell reading ``figure``."""
    at = [list(row) for row in segment.at]
    at[-1][-1] = replace(at[-1][-1], text=figure)
    return replace(segment, at=at)


def test_a_figure_printed_across_the_outer_rule_is_the_whole_figure(tmp_path):
    """The guard reads the digits that run on past the table's outer rule as part of the cell's
    figure: a reader that keeps only the part inside (427 of 4271) fails naming the whole."""
    pdf = printed_as(_ACROSS_THE_RULE, tmp_path / "across.pdf", Printing("chromium", "A5", "default", True))
    [segment] = read_segments(pdf, [1], "vector")
    with TextLayer(pdf) as layer:
        check_read({"requests": [_reading(segment, "4271")]}, layer)  # the whole figure: complete
        with pytest.raises(ReportError) as failure:
            check_read({"requests": [_reading(segment, "427")]}, layer)
    assert str(failure.value) == (
        "table 三 (requests): the figure '4271' printed on page 1 in the row '一、本年新收政府信息公开申请数量' "
        "is not read (its cell reads '427')"
    )
