"""Table 三 of 自然资源与生态环境局's pages on 2020 and 2022 saved as Word documents and printed
without rules on A4 (LibreOffice's PDF export): label columns two to five characters wide, so that
Word wraps each label into a column of short lines, and a header cell cut by the page end."""

from __future__ import annotations

import json

from segment_support import figures_by_label, row_texts
from truth import table_cells

from pipeline.extract.cells import header_end
from pipeline.extract.classify import assemble
from pipeline.extract.completeness import TextLayer, check_read
from pipeline.extract.requests_table import map_requests
from pipeline.extract.templates import labels
from pipeline.extract.unruled import read_unruled


def test_a_space_drawn_over_the_next_character_parts_two_cells(fixtures):
    """2022, page 3 of the print: LibreOffice draws a space at the start of each line of a wrapped
    cell, over its first character (1.属于国家 / 秘密, each line opening with one). Such a space is
    not set between that character and the text before it on the line, （三 / ）不 of the group
    label beside it, 7.6 points apart: the two are two cells. Before, the space joined them as one
    word ("the text '1.属于国家\\n）不秘密' falls in the cell of '（三'")."""
    path = fixtures / "printed" / "pingtan-resources-2022-word-a4-unruled-page3.pdf"
    segments = read_unruled(path, [1])
    assert row_texts(segments[0], "（三）不予公开") == ["（三）不予公开", "1.属于国家秘密", *["0"] * 7]
    assert row_texts(segments[0], "2.其他法律行政法规禁止公开") == ["2.其他法律行政法规禁止公开", *["0"] * 7]
    with TextLayer(path) as layer:
        check_read({"requests": segments}, layer)


def test_a_label_line_spread_over_its_cell_is_one_text(fixtures):
    """2020 with the header rows repeated, page 3 of the print: 3.危及“三安全一稳定” in a column four
    characters wide breaks before “ (an opening mark never ends a line), and Word spreads the
    short first line over the cell: 3. | 危 | 及, a character's width apart, the first where the
    next line “三安全 starts and the last where it ends. They are that label's first line, not
    three label columns (before: "the text '危' falls in the cell of '1.属于国\\n家秘密'")."""
    path = fixtures / "printed" / "pingtan-resources-2020-word-a4-unruled-repeat-page3.pdf"
    segments = read_unruled(path, [1])
    assert row_texts(segments[0], "3.危及“三安全一稳定”") == ["3.危及“三安全一稳定”", *["0"] * 7]
    assert row_texts(segments[0], "（三）不予公开") == ["（三）不予公开", "1.属于国家秘密", *["0"] * 7]


def test_the_rest_of_a_header_cut_by_the_page_end_stays_in_its_column(fixtures):
    """2020 without the header rows repeated, pages 2 and 3 of the print: table 三's header ends
    page 2 with 社 / 会 / 公 / 益 / 组, and 织 opens page 3 alone, right above the figures of its
    column. It is the rest of that cell, not a header over the columns beside it, which have
    figures right under them and no header of their own below it (before: "the text '织' on page 3
    fills the cells of natural_person, total, …"). The rows on these pages read as published."""
    path = fixtures / "printed" / "pingtan-resources-2020-word-a4-unruled-pages2-3.pdf"
    tables, _ = assemble(read_unruled(path, [1, 2]))
    read = {(fact.row, fact.column): fact.value for fact in map_requests(tables["requests"]).facts}
    expected = table_cells(fixtures / "realworld" / "pingtan-resources-2020.truth.json", "requests")
    assert {column for row, column in read if row == "new_requests"} == {column for _, column in expected}
    assert len(read) >= 7 * 9
    assert {key: expected[key] for key in read} == read


def test_a_header_ending_a_page_over_figures_set_from_the_left_names_their_columns(fixtures):
    """2022 without the header rows repeated, pages 2 and 3 of the print: table 三's header ends
    page 2, its figures open page 3. Their 总计 is set some from the left (0), some centred (30, 2),
    so the figures are read as set from the left, and a header centred over one-digit figures
    (商业 / 企业, Word's lines 28pt apart) reaches left of its column's edge. With no figure on its
    page, such a header stands over the column holding its middle, when no wider than it: its
    lines are one cell, and the header names every applicant column (before: "applicant columns
    not found: commercial_enterprise, …")."""
    truth = json.loads((fixtures / "realworld" / "pingtan-resources-2022.truth.json").read_text(encoding="utf-8"))
    path = fixtures / "printed" / "pingtan-resources-2022-word-a4-unruled-pages2-3.pdf"
    tables, _ = assemble(read_unruled(path, [1, 2]))
    header, rows = tables["requests"].segments
    _, columns = header_end(header, labels("requests", "applicant"))
    assert [column.code for column in sorted(columns, key=lambda c: c.x0)] == truth["columns"]["requests"]
    assert row_texts(header, "商业企业")[:2] == ["商业企业", "科研机构"]
    assert figures_by_label(rows)["一、本年新收政府信息公开申请数量"] == [
        str(v) for v in truth["requests"]["new_requests"]
    ]
