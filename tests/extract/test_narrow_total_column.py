"""A total column narrower than its texts: 平潭综合实验区自然资源与生态环境局's
page on 2022 printed by WeasyPrint on A4 without rules, table 三's 总计
column set 总 / 计, its figures 30 and 2 centred 11 points right of its 0s: 总 reaches 3 points
past the column's edge as its centres bound it (halfway to the column before, beyond its own)."""

from __future__ import annotations

from pipeline.extract.unruled import read_unruled


def test_total_header_over_a_narrow_last_column(fixtures):
    """Pages 2-3 of the print, table 三's header from 申请人情况 at the foot of page 2: 总 / 计 is one
    header over the last column, over 30 of 一、本年新收政府信息公开申请数量. Before, 总 ran past the
    column's edge (halfway beyond its centre) and was read as a header of its own over none,
    计 alone over the column ("table 三: applicant columns not found: total")."""
    segment = read_unruled(fixtures / "printed" / "pingtan-resources-2022-weasyprint-a4-pages2-3.pdf", [1, 2])[-1]
    total = [region for region in segment.regions() if region.text.replace("\n", "") == "总计"]
    assert len(total) == 1
    new = next(r for r in range(segment.nrows) if segment.at[r][0].text.startswith("一、本年新收"))
    assert segment.at[new][-1].text == "30"
    assert segment.at[total[0].r1][-1] is total[0]
