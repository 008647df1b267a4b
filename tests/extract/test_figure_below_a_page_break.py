"""A row of table 三 split by a page end whose figure cells are set two ways: 交通与建设局 2022 as a
Word document printed on A4 with rules, its 总计 cells centred in their rows, the others' figures at
their tops. The end of page 5 of the print (4 here) cuts the row 2.申请人逾期未按收费通知要求缴纳费用…:
its six applicant figures stay above it, its 总计 goes on below, at the top of the next page."""

from __future__ import annotations

from decimal import Decimal

from pipeline.extract.classify import assemble
from pipeline.extract.completeness import TextLayer, check_complete
from pipeline.extract.engines import read_segments
from pipeline.extract.requests_table import map_requests


def test_a_figure_printed_only_below_the_break_is_on_its_own_page(fixtures):
    """The row's 总计, 0, is printed on page 5 here, its cell above the break blank. The row read
    as one holds it with the page it is printed on: every figure of page 5 is a fact of that page
    (before: "the figure '0' is printed in 20 cells on page 6 but only 19 facts hold it")."""
    path = fixtures / "printed" / "pingtan-transport-2022-word-a4-pages2-6.pdf"
    tables, _ = assemble(read_segments(path, [1, 2, 3, 4, 5], "rules"))
    requests = map_requests(tables["requests"])
    unpaid = {fact.column: fact for fact in requests.facts if fact.row == "other_handling.fee_unpaid"}
    assert [(unpaid[column].value, unpaid[column].page) for column in ("natural_person", "total")] == [
        (Decimal(0), 4),
        (Decimal(0), 5),
    ]
    with TextLayer(path) as layer:
        check_complete({"requests": tables["requests"].segments}, requests.facts, layer, {"requests": requests.parts})
