"""Prints of a report typed into the official format's own Word file (``bench.layouts --official``):
its cells keep the template's paragraphs, headers centred over their cells and figures set from
the cells' left, and its one-measure parts of table 二 a header over three columns."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pipeline.core.facts import ReportError
from pipeline.extract.cells import Column, cells_under
from pipeline.extract.classify import Table
from pipeline.extract.proactive_table import map_proactive
from pipeline.extract.segments import Region
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


def test_a_cell_holding_the_columns_of_two_headers_is_no_figure_of_either():
    """Chromium's print of the filled template's web page on Letter (its own margins) leaves the
    rules between four cells of a row out: the rules reader reads their 0 0 0 277 as one cell,
    000277, under four headers, and the cells of the other three were read blank. Such a cell is
    refused with one line; a figure cell reaching part way under the next header is still the
    first header's."""
    columns = [Column(x, x + 30, code) for x, code in ((100, "natural_person"), (130, "commercial_enterprise"))]
    run_together = Region("00", 3, 5, 5, 100, 160)
    with pytest.raises(ReportError, match="fills the cells of natural_person, commercial_enterprise"):
        cells_under(columns, [run_together], 90, "table 三")
    ragged = Region("12", 3, 5, 5, 100, 140)
    assert cells_under(columns, [ragged], 90, "table 三") == {"natural_person": ragged}
