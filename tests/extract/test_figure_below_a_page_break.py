"""Rows of table 三 split by a page end whose cells the producer set on either side of it: 交通与建设局
2022's 总计 cells centred in their rows, the others' figures at their tops, and its labels wrapped
in columns four characters wide, many lines each."""

from __future__ import annotations

from decimal import Decimal

from pipeline.extract.classify import assemble
from pipeline.extract.completeness import TextLayer, check_complete
from pipeline.extract.engines import read_segments
from pipeline.extract.requests_table import map_requests


def test_a_figure_printed_only_below_the_break_is_on_its_own_page(fixtures):
    """As a Word document printed on A4 with rules: the end of page 5 of the print (4 here) cuts the
    row 2.申请人逾期未按收费通知要求缴纳费用…, its six applicant figures above it, its 总计 going on
    below. That 总计, 0, is printed on page 5 here, its cell above the break blank. The row read
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


def test_a_label_moved_on_whole_takes_the_figures_left_above_the_break(fixtures):
    """交通与建设局 2022 by WeasyPrint on A4 with rules, pages 3, 7 and 8 of the print: one line of
    1.申请人无正当理由逾期不补正… (twelve lines in its column four characters wide) would fit at the
    foot of page 7, and WeasyPrint keeps two of a paragraph's lines together, so the label, its
    group's （六）其他处理 and the centred 总计 open page 8; the six one-line figures stay above the
    break beside no label. They are that row's (before: "table 三: rows not recognised: '(no
    label)' (page 7)"), each fact on the page it is printed on."""
    path = fixtures / "printed" / "pingtan-transport-2022-weasyprint-a4-pages3-7-8.pdf"
    tables, _ = assemble(read_segments(path, [1, 2, 3], "rules"))
    requests = map_requests(tables["requests"])
    row = {fact.column: fact for fact in requests.facts if fact.row == "other_handling.no_correction"}
    assert [(row[column].value, row[column].page) for column in ("natural_person", "other_org", "total")] == [
        (Decimal(0), 2),
        (Decimal(0), 2),
        (Decimal(0), 3),
    ]
    with TextLayer(path) as layer:
        check_complete({"requests": tables["requests"].segments}, requests.facts, layer, {"requests": requests.parts})
