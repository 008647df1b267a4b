"""Each sheet of a scan lies differently on the glass: a table continued on the next page is moved
to its header's columns by its column edges, whatever its rows hold."""

from __future__ import annotations

import pytest

from pipeline.extract.rules import Cell
from pipeline.extract.scannedtable import ScannedTable
from pipeline.extract.sheetalign import align_sheets

# Table 三 of the 2019 template, narrower than the tables above and below it (PDF points).
REQUESTS = [117.0, 151.6, 190.7, 282.8, 310.3, 337.9, 365.5, 393.1, 431.0, 458.6, 478.3]
WIDE = [76.5, 226.9, 324.2, 372.8, 421.5, 518.7]


def table(page: int, edges: list[float], dx: float = 0.0) -> ScannedTable:
    cols = [(x0 + dx, x1 + dx) for x0, x1 in zip(edges, edges[1:])]
    cells = [[Cell(x0, x1, True, True, "0") for x0, x1 in cols] for _ in range(3)]
    return ScannedTable(page, cols, [(700.0, 680.0), (680.0, 660.0), (660.0, 640.0)], cells)


def edges(found: ScannedTable) -> list[float]:
    return [x0 for x0, _ in found.cols] + [found.cols[-1][1]]


@pytest.mark.parametrize(("before", "after"), [(4.9, -3.5), (-5.0, 6.0), (0.0, 0.0)])
def test_a_continued_table_is_moved_to_its_headers_columns(before: float, after: float) -> None:
    # 外交部 2020: table 二 on page 1, table 三's header on page 2, its rest and table 四 on page 3.
    header = table(2, REQUESTS, before)
    pages = [[table(1, WIDE, -3.3)], [header], [table(3, REQUESTS, after), table(3, WIDE, after)]]
    align_sheets(pages)
    continued = pages[2][0]
    assert edges(continued) == pytest.approx(edges(header), abs=0.01)
    # The whole sheet moves: the table under it too, and each cell with its column.
    assert edges(pages[2][1]) == pytest.approx([x + before for x in WIDE], abs=0.01)
    assert [cell.x1 for cell in continued.cells[2]] == pytest.approx(edges(header)[:-1], abs=0.01)


def test_a_continuation_without_its_outer_column_is_matched_by_the_others() -> None:
    header = table(1, REQUESTS, 5.0)
    pages = [[header], [table(2, REQUESTS[1:], -4.0)]]
    align_sheets(pages)
    assert edges(pages[1][0]) == pytest.approx(edges(header)[1:], abs=0.01)


def test_a_table_of_other_columns_is_not_taken_for_a_continuation() -> None:
    # Table 三 ends page 1; page 2 opens with table 四 of other columns, its left border far from
    # the first table's: nothing to match it to, it stays where the scan put it.
    pages = [[table(1, REQUESTS, 5.0)], [table(2, WIDE, -3.0)]]
    align_sheets(pages)
    assert edges(pages[1][0]) == pytest.approx([x - 3.0 for x in WIDE], abs=0.01)
