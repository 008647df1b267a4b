"""A table set past the left edge of the area Chromium prints (交通与建设局 2022's tables, set
16.75pt left of the text by a negative margin): Chromium leaves out the drawings wholly outside
that area, the tables' left border among them, and keeps the rules that cross its edge."""

from __future__ import annotations

from decimal import Decimal

from pipeline.extract.classify import assemble
from pipeline.extract.engines import read_segments
from pipeline.extract.proactive_table import map_proactive
from pipeline.extract.requests_table import map_requests


def test_a_left_border_outside_the_printed_area_is_put_back(fixtures):
    """Pages 2 and 3 of the print: every horizontal rule starts at x 47, the printed area at 57,
    and no vertical rule is drawn left of 186 (table 二) or 90 (table 三). The first column, of
    the labels, is a column: table 二's items and table 三's first rows are read (before: "table
    二: rows not recognised: '(no label)'", the figures' rows without their labels)."""
    path = fixtures / "printed" / "pingtan-transport-2022-chromium-a4-pages2-3.pdf"
    tables, _ = assemble(read_segments(path, [1, 2], "rules"))
    proactive = {(fact.row, fact.column): fact.value for fact in map_proactive(tables["proactive"]).facts}
    assert proactive[("normative_documents", "in_force")] == Decimal(16)
    assert proactive[("administrative_fees", "fee_amount_yuan")] == Decimal(0)
    requests = {(fact.row, fact.column): fact.value for fact in map_requests(tables["requests"]).facts}
    assert requests[("new_requests", "natural_person")] == Decimal(11)
    assert requests[("granted", "total")] == Decimal(7)
