"""Layouts other publishers use, beyond the national template's own: group headings as rows of
their own, a header repeated on the continued page, table 二 as one table per 第二十条 item with
the item as a paragraph, table 四 with proceedings as rows, an unrelated table after table 四,
"（1）" numbering, 合计 for 总计, full-width digits and dashes for blank cells."""

from __future__ import annotations

from decimal import Decimal

import pypdfium2 as pdfium
import pytest
from tablepdf import Document

from pipeline.core.codes import codes
from pipeline.core.figures import mismatches
from pipeline.extract import extract_report, required_cells

APPLICANTS = [c.code for c in codes("requests", "applicant")]
RESULTS = [c.code for c in codes("review", "result")]
HEADINGS = {  # rows printed as headings before the row code
    "granted": "三、本年度办理结果",
    "denied.state_secret": "（三）不予公开",
    "unable.not_held": "（四）无法提供",
    "not_processed.petition_complaint": "（五）不予处理",
    "other_handling.no_correction": "（六）其他处理",
}
LABELS = {
    "new_requests": "一、本年新收政府信息公开申请数量",
    "carried_over": "二、上年结转政府信息公开申请数量",
    "granted": "（一）予以公开",
    "partially_granted": "（二）部分公开",
    "denied.state_secret": "（1）属于国家秘密",
    "denied.prohibited_by_law": "（2）其他法律行政法规禁止公开",
    "denied.security_stability": "（3）危及“三安全一稳定”",
    "denied.third_party_rights": "（4）保护第三方合法权益",
    "denied.internal_affairs": "（5）属于三类内部事务信息",
    "denied.process_information": "（6）属于四类过程性信息",
    "denied.enforcement_case_file": "（7）属于行政执法案卷",
    "denied.administrative_query": "（8）属于行政查询事项",
    "unable.not_held": "（1）本机关不掌握相关政府信息",
    "unable.needs_creation": "（2）没有现成信息需要另行制作",
    "unable.still_unclear": "（3）补正后申请内容仍不明确",
    "not_processed.petition_complaint": "（1）信访举报投诉类申请",
    "not_processed.duplicate": "（2）重复申请",
    "not_processed.publication": "（3）要求提供公开出版物",
    "not_processed.excessive": "（4）无正当理由大量反复申请",
    "not_processed.confirmation": "（5）要求行政机关确认或重新出具已获取信息",
    "other_handling.no_correction": "（1）申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "other_handling.fee_unpaid": "（2）申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "other_handling.other": "（3）其他",
    "total_processed": "（七）总计",
    "carried_forward": "四、结转下年度继续办理",
}
BREAK_BEFORE = "not_processed.petition_complaint"
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _figures() -> dict:
    requests = {}
    for index, row in enumerate(LABELS):
        values: list[int | None] = [(index * 7 + j * 3) % 11 for j in range(6)]
        if row == "denied.state_secret":
            values[3] = None  # printed as a dash
        values.append(sum(v or 0 for v in values))
        requests[row] = values
    review = {
        "administrative_review": [3, 1, 0, 2, 6],
        "litigation_direct": [1, 0, 0, 0, 1],
        "litigation_after_review": [0, 2, 1, 0, 3],
    }
    proactive = {
        "rules": {"issued": 1, "repealed": 0, "in_force": 12},
        "normative_documents": {"issued": 3, "repealed": 1, "in_force": 45},
        "administrative_license": {"decisions": 1234},
        "administrative_penalty": {"decisions": 56},
        "administrative_coercion": {"decisions": 0},
        "administrative_fees": {"fee_amount_yuan": 125000},
    }
    return {"requests": requests, "review": review, "proactive": proactive}


def _printed(value: int | None, full_width: bool = False) -> str:
    if value is None:
        return "—"
    text = f"{value:,}"
    return text.translate(FULL_WIDTH) if full_width else text


def _requests_header() -> list[list]:
    return [
        [("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 1, 3), ("申请人情况", 7, 1)],
        [("自然人", 1, 2), ("法人或其他组织", 5, 1), ("总计", 1, 2)],
        ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"],
    ]


def _render(path, figures: dict, review_split: bool = False) -> None:
    doc = Document()
    doc.text("二、主动公开政府信息情况")
    proactive = figures["proactive"]
    sections = [
        (
            "第二十条第（一）项",
            ["本年制发件数", "本年废止件数", "现行有效件数"],
            [("规章", "rules"), ("行政规范性文件", "normative_documents")],
        ),
        ("第二十条第（五）项", ["本年处理决定数量"], [("行政许可", "administrative_license")]),
        (
            "第二十条第（六）项",
            ["本年处理决定数量"],
            [("行政处罚", "administrative_penalty"), ("行政强制", "administrative_coercion")],
        ),
        ("第二十条第（八）项", ["本年收费金额（单位：万元）"], [("行政事业性收费", "administrative_fees")]),
    ]
    for title, headers, items in sections:
        doc.text(title)
        rows = [["信息内容", *headers]]
        for label, item in items:
            values = list(proactive[item].values())
            if item == "administrative_fees":
                rows.append([label, str(Decimal(values[0]) / 10000)])
            else:
                rows.append([label, *(_printed(v, full_width=item == "administrative_coercion") for v in values)])
        if title == "第二十条第（八）项":
            rows.append([("注：收费金额以财政部门数据为准", 1 + len(headers), 1)])
        doc.table(rows, [50, *([120 / len(headers)] * len(headers))])

    doc.text("三、收到和处理政府信息公开申请情况")
    widths = [62, *([15] * 7)]
    rows = _requests_header()
    for row, label in LABELS.items():
        if row == BREAK_BEFORE:
            doc.table(rows, widths)
            doc.page()
            rows = _requests_header()  # the header repeated on the continued page
        if row in HEADINGS:
            rows.append([HEADINGS[row], *[""] * 7])
        rows.append([label, *(_printed(v, full_width=row == "granted") for v in figures["requests"][row])])
    rows.append([("注：本表数据统计期限为本年度1月1日至12月31日。", 8, 1)])
    doc.table(rows, widths)

    doc.text("四、政府信息公开行政复议、行政诉讼情况")
    review = figures["review"]
    if review_split:
        # The national layout, its header at the foot of a page and its figures on the next.
        widths = [12] * 15
        header = [
            [("行政复议", 5, 1), ("行政诉讼", 10, 1)],
            [*(("结果维持", 1, 2), ("结果纠正", 1, 2), ("其他结果", 1, 2), ("尚未审结", 1, 2), ("总计", 1, 2))],
            [("未经复议直接起诉", 5, 1), ("复议后起诉", 5, 1)],
            ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2,
        ]
        header[1] = [*header[1], *header[2]]
        del header[2]
        doc.table(header, widths)
        doc.page()
        doc.table([[_printed(v) for proceeding in review.values() for v in proceeding]], widths)
    else:
        doc.table(
            [
                [("", 2, 1), "结果维持", "结果纠正", "其他结果", "尚未审结", "合计"],
                [("行政复议", 2, 1), *map(_printed, review["administrative_review"])],
                [("行政诉讼", 1, 2), "未经复议直接起诉", *map(_printed, review["litigation_direct"])],
                ["复议后起诉", *map(_printed, review["litigation_after_review"])],
            ],
            [25, 35, 20, 20, 20, 20, 20],
        )
    doc.page()
    doc.table([["收费项目", "金额（元）"], ["信息处理费", "0"]], [60, 40])  # not one of tables 二, 三, 四
    doc.text("五、存在的主要问题及改进情况")
    doc.save(path)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    figures = _figures()
    path = tmp_path_factory.mktemp("layouts") / "report.pdf"
    _render(path, figures)
    return figures, extract_report(path)


def _expected(figures: dict) -> dict:
    expected = {}
    for row, values in figures["requests"].items():
        expected |= {("requests", row, a): None if v is None else Decimal(v) for a, v in zip(APPLICANTS, values)}
    for row, values in figures["review"].items():
        expected |= {("review", row, r): Decimal(v) for r, v in zip(RESULTS, values)}
    for item, measures in figures["proactive"].items():
        expected |= {("proactive", item, m): Decimal(v) for m, v in measures.items()}
    return expected


def test_every_figure_is_read(extracted):
    figures, extraction = extracted
    expected = _expected(figures)
    assert extraction.template == "2021"
    assert mismatches(extraction, expected) == []
    assert {(f.table, f.row, f.column) for f in extraction.facts} == required_cells("2021", other_handling_split=True)


def test_provenance_of_unusual_cells(extracted):
    _, extraction = extracted
    facts = {(f.table, f.row, f.column): f for f in extraction.facts}
    dash = facts[("requests", "denied.state_secret", "social_welfare_org")]
    assert dash.value is None and dash.raw == "—" and dash.label == "（1）属于国家秘密"
    assert facts[("requests", "not_processed.duplicate", "natural_person")].page == 2
    assert facts[("proactive", "administrative_license", "decisions")].raw == "1,234"
    assert extraction.table_pages["requests"] == [1, 2]
    assert any("注：本表数据统计期限" in note for note in extraction.notes)
    assert any("注：收费金额以财政部门数据为准" in note for note in extraction.notes)


def test_table_4_figures_on_the_page_after_its_header(tmp_path):
    figures = _figures()
    path = tmp_path / "report.pdf"
    _render(path, figures, review_split=True)
    extraction = extract_report(path)
    assert mismatches(extraction, _expected(figures)) == []
    assert extraction.table_pages["review"] == [2, 3]
    assert {f.page for f in extraction.facts if f.table == "review"} == {3}


def _turned(source, target) -> None:
    """Each page's content drawn sideways on a landscape sheet, shown upright by /Rotate (as
    printer drivers write landscape pages)."""
    src, dst = pdfium.PdfDocument(str(source)), pdfium.PdfDocument.new()
    for index in range(len(src)):
        width, height = src[index].get_size()
        content = src.page_as_xobject(index, dst).as_pageobject()
        content.transform(pdfium.PdfMatrix().rotate(90).translate(0, width))
        page = dst.new_page(height, width)
        page.insert_obj(content)
        page.gen_content()
        page.set_rotation(270)
    dst.save(str(target))


def test_pages_turned_by_rotate(tmp_path):
    figures = _figures()
    _render(tmp_path / "upright.pdf", figures)
    _turned(tmp_path / "upright.pdf", tmp_path / "turned.pdf")
    extraction = extract_report(tmp_path / "turned.pdf")
    assert mismatches(extraction, _expected(figures)) == []
