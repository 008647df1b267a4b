"""A report written into the official format's own Word file, as publishers fill it.

The State Council's format of 2021 circulates as a Word template (政府信息公开工作年度报告格式模板,
``tests/fixtures/word/official-template-2021.docx``, saved by WPS Office): its three tables are
laid out, their figure cells blank (some holding ideographic spaces). Most publishers type their
figures into that file, so its tables (merges, widths, fonts, the header's paragraphs) are the
tables of many real reports. ``fill`` writes a report's figures into the blank cells in each
cell's own formatting (and, asked to, its title over the template's and its text in place of the
template's （文字描述） placeholders, as a publisher does), and leaves every other part of the file
as it is, or fills it with the habits of real publishers (``templatehabits.py``: zeros dashed, figures in
another font, changes tracked, a note row added, table 三 split at a page…).
"""

from __future__ import annotations

import copy
import io
from collections.abc import Sequence

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from pipeline.core.codes import codes
from pipeline.extract.templates import request_rows
from pipeline.replica.content import APPLICANTS, RESULTS, ReportContent
from pipeline.replica.table_grids import printed
from pipeline.replica.templatehabits import Typist, rearrange, typed

# The template's rows of table 二 holding figures: (row, item, measures left to right).
_PROACTIVE_ROWS = (
    (2, "rules", ("issued", "repealed", "in_force")),
    (3, "normative_documents", ("issued", "repealed", "in_force")),
    (6, "administrative_license", ("decisions",)),
    (9, "administrative_penalty", ("decisions",)),
    (10, "administrative_coercion", ("decisions",)),
    (13, "administrative_fees", ("fee_amount_yuan",)),
)
# Table 三's first row of figures (its fourth); its rows are the format's, in order.
_FIRST_OUTCOME_ROW = 3
# The headings of the sections whose text the template leaves to the publisher.
_SECTIONS = ("一、", "二、", "三、", "四、", "五、", "六、")
_PROCEEDINGS = tuple(c.code for c in codes("review", "proceeding"))


def fill(template: bytes, content: ReportContent, habits: Sequence[str] = (), text: bool = False) -> bytes:
    """The template with ``content``'s figures in its three tables, printed as ``content`` prints
    them, filled with the publishers' ``habits`` (``templatehabits.HABITS``). （六）其他处理 is
    written as the report publishes it: as the template's three sub-rows, or as one row (the
    sub-rows deleted, as the format of 2021 allows). With ``text``, the report's title and its
    sections' text too, over the template's (a print's pages then hold running text, as a
    published report's do)."""
    requests = content.figures["requests"]
    one_row = "other_handling" in requests
    rows = request_rows("2021", other_handling_split=not one_row)
    missing = [row for row in rows if row not in requests]
    if content.template != "2021" or missing:
        raise ValueError(
            f"the official 2021 template holds a 2021-format report with every row of table 三; missing: {missing}"
        )
    content = typed(content, habits)
    document = docx.Document(io.BytesIO(template))
    if text:
        _prose(document, content)
    proactive, requests_table, review = document.tables
    if one_row:
        _one_other_row(requests_table)
    typist = Typist(document, habits)
    for row, item, measures in _PROACTIVE_ROWS:
        for cell, measure in zip(_figure_cells(proactive, row, len(measures)), measures, strict=True):
            value = content.figures["proactive"][item].get(measure)
            typist.write(cell, printed(content, "proactive", item, measure, value))
    for offset, outcome in enumerate(rows):
        cells = _figure_cells(requests_table, _FIRST_OUTCOME_ROW + offset, len(APPLICANTS))
        for cell, applicant, value in zip(cells, APPLICANTS, content.figures["requests"][outcome], strict=True):
            typist.write(cell, printed(content, "requests", outcome, applicant, value))
    cells = iter(_figure_cells(review, 3, len(_PROCEEDINGS) * len(RESULTS)))
    for proceeding in _PROCEEDINGS:
        for result, value in zip(RESULTS, content.figures["review"][proceeding], strict=True):
            typist.write(next(cells), printed(content, "review", proceeding, result, value))
    at = (
        rows.index(content.layout.break_before)
        if content.layout.break_before in rows
        else rows.index("unable.not_held")
    )
    rearrange(document, habits, _FIRST_OUTCOME_ROW + max(at, 1))
    for numeral, table in zip("二三四", (proactive, requests_table, review), strict=True):
        if numeral in content.stand_ins:
            _in_place(table, content.stand_ins[numeral])
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _in_place(table: Table, sentence: str) -> None:
    """The table taken out of the file, a paragraph holding ``sentence`` in its place (none for
    "": the heading alone), as a publisher with nothing to count writes."""
    tbl = table._tbl
    if sentence:
        paragraph = OxmlElement("w:p")
        run = OxmlElement("w:r")
        typed_text = OxmlElement("w:t")
        typed_text.text = sentence
        run.append(typed_text)
        paragraph.append(run)
        tbl.addprevious(paragraph)
    tbl.getparent().remove(tbl)


def _one_other_row(table: Table) -> None:
    """（六）其他处理 as one row: its label cell across both label columns (as （七）总计 is), its
    three sub-rows' labels and the two rows after the first deleted."""
    first = _FIRST_OUTCOME_ROW + request_rows("2021", other_handling_split=True).index("other_handling.no_correction")
    trs = table._tbl.tr_lst
    group, sub = trs[first].tc_lst[1:3]
    properties = group.tcPr
    properties.remove(properties.find(qn("w:vMerge")))
    span = properties.makeelement(qn("w:gridSpan"), {qn("w:val"): "2"})
    width = properties.find(qn("w:tcW"))
    width.addnext(span)
    width.set(qn("w:w"), str(int(width.get(qn("w:w"))) + int(sub.tcPr.find(qn("w:tcW")).get(qn("w:w")))))
    trs[first].remove(sub)
    for tr in trs[first + 1 : first + 3]:
        table._tbl.remove(tr)


def _prose(document: docx.document.Document, content: ReportContent) -> None:
    """The report's title over the template's, and each section's paragraphs in place of its
    （文字描述） placeholder, in the placeholder's formatting: a filled report has running text."""
    paragraphs = document.paragraphs
    _retext(next(p for p in paragraphs if p.text.strip()), content.full_title())
    section = ""
    for paragraph in paragraphs:
        text = paragraph.text.strip()
        if text[:2] in _SECTIONS:
            section = text[0]
        elif text.startswith("（文字描述"):
            texts = content.body.get(section, [])
            for more in reversed(texts[1:]):
                copied = copy.deepcopy(paragraph._p)
                paragraph._p.addnext(copied)
                _retext(Paragraph(copied, paragraph._parent), more)
            _retext(paragraph, texts[0] if texts else "")


def _retext(paragraph: Paragraph, text: str) -> None:
    """``text`` in the paragraph, in its first run's formatting."""
    runs = paragraph.runs
    for run in runs[1:]:
        run._r.getparent().remove(run._r)
    if runs:
        runs[0].text = text


def _figure_cells(table: Table, row: int, count: int) -> list[_Cell]:
    """The last ``count`` cells of a row as the file has them (a merged cell once)."""
    cells = table.rows[row]._tr.tc_lst
    return [_Cell(tc, table) for tc in cells[-count:]]
