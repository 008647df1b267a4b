"""Header cells of 综合执法与应急管理局's page on 2020 saved as a Word document and printed by
LibreOffice on A4 (default margins): a header line set under its row's rule by a page end."""

from __future__ import annotations

from decimal import Decimal

from segment_support import REVIEW_CELLS

from pipeline.extract.classify import assemble
from pipeline.extract.engines import read_segments
from pipeline.extract.review_table import map_review


def _review(path, engine: str) -> dict[tuple[str, str], Decimal | None]:
    tables, _ = assemble(read_segments(path, [1, 2], engine))
    return {(fact.row, fact.column): fact.value for fact in map_review(tables["review"]).facts}


def test_a_header_line_set_under_its_rule_is_its_cells(fixtures):
    """Pages 4 and 5, ruled, header rows not repeated: the page end cuts table 四's header row after
    结 / 果 of 结果维持, and LibreOffice sets the rest, 维 / 持, on page 5 in a row too low for it: 持
    stands under the row's bottom rule, in the cell of the 0 below, drawn over it. It goes on from
    维 at the cell's line pitch: 结果维持's, not the figure cell's (before: that cell read '持\\n0',
    "table 四 (review and litigation): cells not found")."""
    review = _review(fixtures / "printed" / "pingtan-enforcement-2020-word-a4-pages4-5.pdf", "rules")
    assert review == {cell: Decimal(0) for cell in REVIEW_CELLS}
