"""The grid of a table picture (a browser's screen grab of table 三) is the grid of the HTML table
it shows, merged cells and all: the rules found in the image, without OCR. The text of a cell
spanning two columns (（二）部分公开…) passes right over where a rule of the rows below begins;
the rule is still found whole, not joined to a character's stroke and lost."""

from __future__ import annotations

from pathlib import Path

from pipeline.extract.pictures import image_page
from pipeline.extract.rules import grid, merge, tables_of
from pipeline.extract.scanrules import _to_points, find_rules
from pipeline.extract.segments import spans
from pipeline.replica.content import load_content
from pipeline.replica.picturepage import table_picture
from pipeline.replica.table_grids import requests_grid
from pipeline.replica.webpage import Style, table_html

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"


def test_the_grid_of_a_table_picture_is_the_grid_of_its_table(tmp_path: Path) -> None:
    shown = requests_grid(load_content(SAMPLES / "huaian-hongze-2023.yaml"))
    markup = table_html(shown, Style(chrome=False), header_rows=3)
    picture = table_picture(markup, tmp_path / "table3.png", scale=1.0)  # a screen at 100 %
    page = image_page(1, picture.read_bytes())
    assert page is not None
    horizontal, vertical, _ = find_rules(page.grey)
    h_lines, v_lines = _to_points(page, horizontal, vertical)
    [table] = [grid(1, h, v) for h, v in tables_of(merge(h_lines), merge(v_lines))]
    expected = {(c.row, c.col, c.row + c.rowspan - 1, c.col + c.colspan - 1) for c in shown.cells}
    assert set(spans(table.cells)) == expected
