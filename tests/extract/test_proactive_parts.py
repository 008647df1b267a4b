"""Table 二 set as one table per 第二十条 item, each with column widths of its own, printed without
rules: 平潭综合实验区财政金融局's page on 2019 printed by WeasyPrint on A4 (its borders drawn in
``windowtext``, which WeasyPrint does not draw: its "ruled" print has no rule). Its header cells
wrap at the page's ``line-height:37px`` (1.9 ems), no two texts of the table closer."""

from __future__ import annotations

from pipeline.extract.segments import Segment
from pipeline.extract.unruled import read_unruled


def _rows(segment: Segment) -> list[list[str]]:
    """Each row's texts, a cell over several columns once."""
    rows = []
    for row in segment.at:
        cells = [region for i, region in enumerate(row) if i == 0 or region is not row[i - 1]]
        rows.append([region.text for region in cells if region.text])
    return rows


def test_items_with_their_own_columns_across_a_page_end(fixtures):
    """Pages 1-3 of the print. A page end cuts the first item (第二十条第（一）项: 规章 on page 1,
    规范性文件 on page 2), whose figures stand a few points from those of the next items on page 2
    (0 of 规章 centred at 286.5, 3 of 行政许可 at 291.9): one column each, as on one page; before,
    each was a column of its own, five columns under three headers, and 本年新制作 / 数量 no header
    of one column. The wrapped headers 上一年项目 / 数量 and 处理决定数 / 量 beside 本年增/减, centred
    between their lines and wider than its column (the column 行政事业性收费's item adds on page 3),
    are one cell each: before, 本年增/减 cut them into rows of their own, and 数量 and 量 were read
    as rows of table 二 ('rows without figures not recognised: 信息内容数量')."""
    segments = read_unruled(fixtures / "printed" / "pingtan-finance-2019-weasyprint-a4-pages1-3.pdf", [1, 2, 3])
    first, second = _rows(segments[0]), _rows(segments[1])
    assert first == [
        ["第二十条第（一）项"],
        ["信息内容", "本年新制作\n数量", "本年新公\n开数量", "对外公开总\n数量"],
        ["规章", "0", "0", "0"],
    ]
    assert ["信息内容", "上一年项目\n数量", "本年增/减", "处理决定数\n量"] in second
    assert ["行政许可", "3", "0", "0"] in second
    assert ["行政处罚", "35", "0", "0"] in second
    assert not any(row[-1] in ("数量", "量") for row in second)
