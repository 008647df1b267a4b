"""A section's heading set in a size of its own ends the table above it: 公安局's page on 2024 sets
三、收到和处理政府信息公开申请情况 smaller than its tables, and LibreOffice prints table 二's last item
and table 三 on one page under it."""

from __future__ import annotations

from segment_support import figures_by_label

from pipeline.extract.unruled import read_unruled


def test_table_under_a_small_section_heading_has_columns_of_its_own(fixtures):
    """Pages 2 and 3 of the print without rules: table 二's last item, continued from page 2, and
    table 三 are two tables; before, they were one, in the columns of both (255.1 and 257.7 points,
    two columns narrower than a figure), and 自然人 fell among the labels, in the note's cell."""
    path = fixtures / "printed" / "pingtan-police-2024-libreoffice-a4-pages2-3.pdf"
    *_, fees, requests = read_unruled(path, [1, 2])
    assert [region.text for region in fees.at[-1]][-3:] == ["", "0", ""]
    rows = figures_by_label(requests)
    assert rows["一、本年新收政府信息公开申请数量"] == ["8", "0", "0", "0", "0", "0", "8"]
    note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    # The header's last row, right above the first row of figures: each applicant cell whole.
    first = next(k for k, row in enumerate(requests.at) if row[0].text.startswith("一、"))
    header = requests.at[first - 1]
    assert [region.text.replace("\n", "") for region in header[-7:]] == [
        "自然人",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "总计",
    ]
    assert {region.text.replace("\n", "") for region in header[:-7]} == {note}
