"""Synthetic old-style reports (2008–2018): a province's 政府信息公开情况统计表 and figures stated in
the text, as a web page, a Word file or a PDF (the page printed by Chromium), with every figure
they print, for round trips through the readers of ``pipeline.extract.oldstyle``.

The table variants are the forms seen in real reports (docs/legacy-sources.md,
tests/fixtures/legacy-labels.csv): the 2009 Fujian form (莆田's 附表, 平潭 2011), Fujian's 2014 row
set (平潭 2014–2016), and the Shanghai design (定西's 统计报表) printed with a category column
merged over its rows; ``prose`` prints no table and states its figures in sentences only.
``generate_old(variant, seed)`` draws the figures; ``old_html``, ``old_docx`` and ``old_pdf``
print them; ``OldReport.figures`` is what a reader must find, each figure as printed.
"""

from __future__ import annotations

import html
import io
import random
from dataclasses import dataclass, field
from pathlib import Path

# (label as printed, unit); the figures of the first row of each block are the sum of the others'.
_FUJIAN_2009 = (
    ("主动公开信息数", "条"),
    ("其中：1.网站公开", "条"),
    ("2.政府公报公开", "条"),
    ("受理依申请公开信息总数", "条"),
    ("其中：1.当面申请数", "条"),
    ("2.传真申请数", "条"),
    ("3.电子邮件申请数", "条"),
    ("4.网上申请数", "条"),
    ("5.信函申请数", "条"),
    ("6.其它形式申请数", "条"),
    ("对申请的答复数", "条"),
    ("其中：1.同意公开答复数", "条"),
    ("2.同意部分公开答复数", "条"),
    ("3.否决公开答复数", "条"),
    ("行政复议数", "条"),
    ("行政诉讼数", "条"),
    ("行政申诉数", "条"),
)
_FUJIAN_2014 = (
    ("主动公开文件数", "条"),
    ("其中：1、政府网站公开数", "条"),
    ("2、政府公报公开数", "条"),
    ("受理依申请公开信息总数", "条"),
    ("其中：1、当面申请数", "条"),
    ("2、网上申请数", "条"),
    ("3、信函、传真申请数", "条"),
    ("对申请的答复总数", "条"),
    ("其中：1、同意公开答复数", "条"),
    ("2、同意部分公开答复数", "条"),
    ("3、不予公开答复数", "条"),
    ("4、其他类型答复数", "条"),
    ("政府信息公开收费减免金额", "元"),
    ("行政复议数", "件"),
    ("行政诉讼数", "件"),
    ("接受行政诉讼、举报数", "件"),
)
# (category, label, unit): the category is a cell merged over its rows, left of the labels.
_SHANGHAI = (
    ("主动公开", "主动公开信息数", "条"),
    ("主动公开", "其中:全文电子化的主动公开信息数", "条"),
    ("依申请公开", "申请总数", "条"),
    ("依申请公开", "其中:1.当面申请数", "条"),
    ("依申请公开", "2.传真申请数", "条"),
    ("依申请公开", "3.电子邮件申请数", "条"),
    ("依申请公开", "4.网上申请数", "条"),
    ("依申请公开", "5.信函申请数", "条"),
    ("依申请公开", "6.其他形式申请数", "条"),
    ("依申请公开", "对申请的答复总数", "条"),
    ("依申请公开", "其中:1.同意公开答复数", "条"),
    ("依申请公开", "2.同意部分公开答复数", "条"),
    ("依申请公开", "3.否决公开答复总数", "条"),
    ("复议、诉讼和申诉", "行政复议数", "件"),
    ("复议、诉讼和申诉", "行政诉讼数", "件"),
    ("复议、诉讼和申诉", "行政申诉数", "件"),
)
VARIANTS = ("fujian-2009", "fujian-2014", "shanghai", "prose")
_PROVINCES = {"fujian-2009": "福建", "fujian-2014": "福建", "shanghai": "甘肃", "prose": "江西"}
# The rows that total the rows under them (their figures are the sum of the others' in a block).
_TOTALS = ("主动公开", "受理依申请公开信息总数", "申请总数", "对申请的答复")


@dataclass(frozen=True)
class Figure:
    """One figure as printed: in the table (``sentence`` None) or stated in a sentence."""

    label: str
    period: str  # year | cumulative
    raw: str
    value: int
    unit: str
    section: str = ""  # table: the category column's text (Shanghai design)
    sentence: str | None = None


@dataclass
class OldReport:
    variant: str
    year: int
    title: str
    paragraphs: list[str]
    header: list[str]  # empty: no table
    rows: list[tuple[str, str, str, int, int]] = field(default_factory=list)  # category, label, unit, year, cumulative
    figures: list[Figure] = field(default_factory=list)

    @property
    def table_title(self) -> str:
        return "附表：政府信息公开情况统计表"


def _blocks(labels: list[str], rng: random.Random, scale: int) -> list[int]:
    """A figure per row; a total row is the sum of the sub-rows after it (up to the next total)."""
    values = [rng.randint(0, scale) for _ in labels]
    for i, label in enumerate(labels):
        if label.startswith(_TOTALS):
            parts = []
            for j in range(i + 1, len(labels)):
                if labels[j].startswith(_TOTALS) or not labels[j].lstrip("其中：:").startswith(tuple("123456")):
                    break
                parts.append(j)
            if parts:
                values[i] = sum(values[j] for j in parts)
    return values


def generate_old(variant: str, seed: int, year: int = 2015) -> OldReport:
    """An old-style report of ``variant`` (one of ``VARIANTS``) on ``year``, its figures drawn from ``seed``."""
    if variant not in VARIANTS:
        raise ValueError(f"unknown variant {variant!r}; expected one of {VARIANTS}")
    rng = random.Random(f"{variant}-{seed}")
    title = f"某{_PROVINCES[variant]}县人民政府{year}年政府信息公开工作年度报告"
    report = OldReport(variant, year, title, paragraphs=[], header=[])
    intro = "根据《中华人民共和国政府信息公开条例》的规定，现公布本县政府信息公开工作年度报告。"
    if variant == "prose":
        return _prose(report, rng, intro)
    rows = (
        [(category, label, unit) for category, label, unit in _SHANGHAI]
        if variant == "shanghai"
        else [("", label, unit) for label, unit in (_FUJIAN_2009 if variant == "fujian-2009" else _FUJIAN_2014)]
    )
    labels = [label for _, label, _ in rows]
    this_year = _blocks(labels, rng, 40)
    before = _blocks(labels, rng, 400)
    report.header = (
        ["类别", "指标名称", "单位", "本期实际", "本年累计"]
        if variant == "shanghai"
        else ["指标名称", "计量单位", f"{year}年度", "历年累计"]
    )
    heading = ""
    for (category, label, unit), now, earlier in zip(rows, this_year, before, strict=True):
        cumulative = now + earlier
        report.rows.append((category, label, unit, now, cumulative))
        # A numbered row is under the unnumbered row above it; the category column, where printed, heads all.
        numbered = label.lstrip("其中：:")[:1].isdigit()
        section = category or (heading if numbered else "")
        heading = heading if numbered else label
        for period, value in (("year", now), ("cumulative", cumulative)):
            report.figures.append(Figure(label, period, str(value), value, unit, section=section))
    proactive = this_year[0]
    sentence = f"{year}年全县主动公开政府信息{proactive}条。"
    report.paragraphs = [intro, f"一、概述。{sentence}", "二、依申请公开情况。详见附表。"]
    report.figures.append(Figure("主动公开政府信息", "year", f"{proactive}条", proactive, "条", sentence=sentence))
    return report


def _prose(report: OldReport, rng: random.Random, intro: str) -> OldReport:
    """No table: every figure in the text, requests none in words in one seed of two."""
    year = report.year
    proactive = rng.randint(100, 5000)
    lines = [intro]
    first = f"{year}年主动公开政府信息{proactive}条。"
    lines.append(f"一、主动公开情况。{first}")
    report.figures.append(Figure("主动公开政府信息", "year", f"{proactive}条", proactive, "条", sentence=first))
    if rng.random() < 0.5:
        sentence = f"{year}年未收到有关政府信息公开申请。"
        report.figures.append(Figure("有关政府信息公开申请", "year", "未收到", 0, "", sentence=sentence))
    else:
        in_person, online = rng.randint(0, 20), rng.randint(0, 20)
        granted = rng.randint(0, in_person + online)
        total = in_person + online
        sentence = (
            f"{year}年全县共收到有关政府信息公开的申请{total}条，其中当面申请数{in_person}条，网上申请数{online}条；"
            f"对依申请公开的答复总数{total}条，其中同意公开答复数{granted}条。"
        )
        for label, value in (
            ("有关政府信息公开的申请", total),
            ("当面申请数", in_person),
            ("网上申请数", online),
            ("对依申请公开的答复总数", total),
            ("同意公开答复数", granted),
        ):
            report.figures.append(Figure(label, "year", f"{value}条", value, "条", sentence=sentence))
    lines.append(f"二、依申请公开情况。{sentence}")
    third = f"{year}年未收到有关政府信息公开行政复议、提起行政诉讼的申请。"
    report.figures.append(
        Figure("有关政府信息公开行政复议、提起行政诉讼的申请", "year", "未收到", 0, "", sentence=third)
    )
    lines.append(f"三、行政复议和行政诉讼情况。{third}")
    report.paragraphs = lines
    return report


def _cell(text: str, **attributes: int) -> str:
    spans = "".join(f' {name}="{value}"' for name, value in attributes.items() if value > 1)
    return f"<td{spans}>{html.escape(text)}</td>"


def old_html(report: OldReport) -> str:
    """The report as a web page: its paragraphs, the title of the table, the table."""
    parts = [f"<h1>{html.escape(report.title)}</h1>"] + [f"<p>{html.escape(p)}</p>" for p in report.paragraphs]
    if report.header:
        parts.append(f"<p>{report.table_title}</p>")
        rows = ["<tr>" + "".join(_cell(h) for h in report.header) + "</tr>"]
        for i, (category, label, unit, now, cumulative) in enumerate(report.rows):
            cells = ""
            if report.variant == "shanghai" and (i == 0 or report.rows[i - 1][0] != category):
                cells += _cell(category, rowspan=sum(r[0] == category for r in report.rows))
            cells += _cell(label) + _cell(unit) + _cell(str(now)) + _cell(str(cumulative))
            rows.append(f"<tr>{cells}</tr>")
        parts.append('<table border="1" cellspacing="0" cellpadding="4">' + "".join(rows) + "</table>")
    style = "table{border-collapse:collapse}td{border:1px solid #000;font-size:12pt}body{font-size:14pt}"
    return (
        f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(report.title)}</title>'
        f"<style>{style}</style></head><body>{''.join(parts)}</body></html>"
    )


def old_docx(report: OldReport) -> bytes:
    """The report as a Word file: paragraphs, then the table (the category cells merged down)."""
    import docx

    document = docx.Document()
    document.add_heading(report.title, level=1)
    for paragraph in report.paragraphs:
        document.add_paragraph(paragraph)
    if report.header:
        document.add_paragraph(report.table_title)
        table = document.add_table(rows=len(report.rows) + 1, cols=len(report.header))
        table.style = "Table Grid"
        for c, text in enumerate(report.header):
            table.cell(0, c).text = text
        offset = 1 if report.variant == "shanghai" else 0
        for r, (category, label, unit, now, cumulative) in enumerate(report.rows, start=1):
            for c, text in enumerate((label, unit, str(now), str(cumulative)), start=offset):
                table.cell(r, c).text = text
            if offset and (r == 1 or report.rows[r - 2][0] != category):
                last = r + sum(row[0] == category for row in report.rows) - 1
                merged = table.cell(r, 0).merge(table.cell(last, 0))
                merged.text = category
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def old_pdf(report: OldReport, path: Path) -> Path:
    """The report's web page printed to a PDF by Chromium, as a publisher's "Save as PDF" would."""
    from pipeline.replica.htmlprint import print_pdf

    return print_pdf(old_html(report), path)
