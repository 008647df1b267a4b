"""Prints of a report typed into the official format's own Word file (``bench.layouts --official``):
its cells keep the template's paragraphs, headers centred over their cells and figures set from
the cells' left, and its one-measure parts of table 二 a header over three columns."""

from __future__ import annotations

from decimal import Decimal

from pipeline.extract.classify import Table
from pipeline.extract.proactive_table import map_proactive
from pipeline.extract.unruled import read_unruled
from pipeline.replica.synthetic import generate


def test_table2_of_the_filled_template_printed_without_rules_reads_every_figure(fixtures):
    """Page 1 of seed 1's filled template exported by LibreOffice on A4 without rules: 本年废止件数
    and 现行有效件数, centred over cells whose figures (28, 687) start at the cells' left, stand
    over no figure, and were read as the headers of columns published blank; 本年处理决定数量,
    centred over the three columns of its one-measure part, stayed under the middle one, below the
    headers of the part above, and its figure was read into the row's label (行政许可0)."""
    segments = read_unruled(fixtures / "word" / "official-a4-unruled-page1.pdf", [1])

    read = {(fact.row, fact.column): fact.value for fact in map_proactive(Table("proactive", segments)).facts}

    published = generate(1, "2021").figures["proactive"]
    expected = {
        (item, measure): Decimal(value) for item, values in published.items() for measure, value in values.items()
    }
    assert read == expected
