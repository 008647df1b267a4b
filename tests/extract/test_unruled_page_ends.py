"""Tables without rules that a page end cuts, in Chromium's prints of department pages of 平潭: a
column set two ways over three pages."""

from __future__ import annotations

import json
from decimal import Decimal

from pipeline.core.figures import figure_cells
from pipeline.extract.classify import assemble
from pipeline.extract.engines import read_segments
from pipeline.extract.requests_table import map_requests


def _published(fixtures, name: str, table: str) -> dict[tuple[str, str], Decimal | None]:
    truth = json.loads((fixtures / "realworld" / f"{name}.truth.json").read_text(encoding="utf-8"))
    return {
        (row, column): value
        for (kind, row, column), value in figure_cells(truth, truth["columns"]).items()
        if kind == table
    }


def test_column_set_two_ways_over_three_pages(fixtures):
    """自然资源与生态环境局 2022 by Chromium without rules (pages 2-5): 总计's cells publish 0 from
    their left, 2 and 30 centred. Page 4 holds only 0 and 26 set from the left there, so the next
    page's 30 stood off every place of that page's columns: page 5 was read as a table of its own,
    a point off, its 29 taken for a label ("rows not recognised: '0' (page 5), … '29'")."""
    path = fixtures / "printed" / "pingtan-resources-2022-chromium-a4-unruled-pages2-5.pdf"
    tables, _ = assemble(read_segments(path, [1, 2, 3, 4], "text"))
    read = {(fact.row, fact.column): fact.value for fact in map_requests(tables["requests"]).facts}
    assert read == _published(fixtures, "pingtan-resources-2022", "requests")
