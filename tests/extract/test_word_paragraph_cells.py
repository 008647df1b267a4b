"""Cells of two paragraphs in 旅游与文化体育局's page on 2020 saved as a Word document and printed
without rules by LibreOffice on A4 (default margins): each paragraph's exact 22pt line and the
0.5 cm LibreOffice sets after a web page's <p> put a cell's two paragraphs 36.2 points apart, as far
as the table's rows, the row's other cells centred between them."""

from __future__ import annotations

from decimal import Decimal

from truth import table_cells

from pipeline.extract.classify import assemble
from pipeline.extract.proactive_table import map_proactive
from pipeline.extract.unruled import read_unruled


def _flat(text: str) -> str:
    return text.replace("\n", "")


def _cells(row: list) -> list[str]:
    """A row's cells left to right, a merged cell once."""
    return [_flat(region.text) for k, region in enumerate(row) if k == 0 or region is not row[k - 1]]


def _published(fixtures) -> dict[tuple[str, str], Decimal]:
    return table_cells(fixtures / "realworld" / "pingtan-tourism-2020.truth.json", "proactive")


def _proactive(path, pages: list[int]) -> dict[tuple[str, str], Decimal | None]:
    tables, _ = assemble(read_unruled(path, pages))
    return {(fact.row, fact.column): fact.value for fact in map_proactive(tables["proactive"]).facts}


def test_a_label_of_two_paragraphs_with_its_figures_between_them(fixtures):
    """Page 5: 四、结转下年度继续 and 办理, the paragraphs of one label 3.02 ems apart, its 0s centred
    between them beside neither. One label (before: a row without figures, a row of figures without a
    label, "table 三: rows not recognised: '(no label)' (page 5)")."""
    segments = read_unruled(fixtures / "printed" / "pingtan-tourism-2020-word-a4-unruled-page5.pdf", [1])
    rows = [_cells(row) for row in segments[0].at]
    assert ["四、结转下年度继续办理", *["0"] * 7] in [row[-8:] for row in rows]
    assert not any("办理" in row for row in rows)


def test_a_header_of_two_paragraphs_beside_one_centred_between_them(fixtures):
    """Page 2: 上一年 and 项目数量, the paragraphs of one header cell wider than the columns the
    figures of table 二's other parts cut, 本年增/减量 and 处理决定数量 beside them centred between
    (before: two header rows, "rows without figures not recognised: '信息内容'")."""
    segments = read_unruled(fixtures / "printed" / "pingtan-tourism-2020-word-a4-unruled-pages1-2.pdf", [2])
    rows = [_cells(row) for row in segments[0].at]
    assert ["信息内容", "上一年项目数量", "", "本年增/减量", "", "处理决定数量"] in [row[-6:] for row in rows]


def test_a_header_row_cut_by_the_page_end_into_the_columns_of_other_parts(fixtures):
    """Pages 1 and 2: the page end cuts 第二十条第（一）项's header row after 本年新 | 本年新 | 对外公开;
    制作数量 | 公开数量 | 总数量 open page 2, in the columns the figures of table 二's other parts cut
    there, narrower than the header's own on page 1. One text under each cell of the row above, they
    are its rest (before: "table 二: cells not found: rules × newly_made, …")."""
    read = _proactive(fixtures / "printed" / "pingtan-tourism-2020-word-a4-unruled-pages1-2.pdf", [1, 2])
    assert read == _published(fixtures)


def test_header_cells_of_two_centred_paragraphs_each(fixtures):
    """Page 2, header rows repeated (the whole of table 二 on the page): 本年新 / 制作数量, 本年新 /
    公开数量 and 对外公开 / 总数量, each cell two paragraphs centred alike, 信息内容 centred between
    them (before: two header rows, "table 二: cells not found: rules × newly_made, …")."""
    read = _proactive(fixtures / "printed" / "pingtan-tourism-2020-word-a4-unruled-repeat-page2.pdf", [1])
    assert read == _published(fixtures)
