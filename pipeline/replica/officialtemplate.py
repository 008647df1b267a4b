"""A report written into the official format's own Word file, as publishers fill it.

The State Council's format of 2021 circulates as a Word template (政府信息公开工作年度报告格式模板,
``tests/fixtures/word/official-template-2021.docx``, saved by WPS Office): its three tables are
laid out, their figure cells blank (some holding ideographic spaces). Most publishers type their
figures into that file, so its tables (merges, widths, fonts, the header's paragraphs) are the
tables of many real reports. ``fill`` writes a report's figures into the blank cells in each
cell's own formatting, its title over the template's and its text in place of the template's
（文字描述） placeholders, as a publisher does, and leaves every other part of the file as it is.
"""

from __future__ import annotations

import copy
import io

import docx
from docx.oxml.ns import qn
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from pipeline.replica.content import APPLICANTS, ReportContent
from pipeline.replica.table_grids import printed

# The template's rows of table 二 holding figures: (row, item, measures left to right).
_PROACTIVE_ROWS = (
    (2, "rules", ("issued", "repealed", "in_force")),
    (3, "normative_documents", ("issued", "repealed", "in_force")),
    (6, "administrative_license", ("decisions",)),
    (9, "administrative_penalty", ("decisions",)),
    (10, "administrative_coercion", ("decisions",)),
    (13, "administrative_fees", ("fee_amount_yuan",)),
)
# Table 三's figure rows from its fourth row down, （六）其他处理 as its three sub-rows.
_OUTCOME_ROWS = (
    "new_requests",
    "carried_over",
    "granted",
    "partially_granted",
    "denied.state_secret",
    "denied.prohibited_by_law",
    "denied.security_stability",
    "denied.third_party_rights",
    "denied.internal_affairs",
    "denied.process_information",
    "denied.enforcement_case_file",
    "denied.administrative_query",
    "unable.not_held",
    "unable.needs_creation",
    "unable.still_unclear",
    "not_processed.petition_complaint",
    "not_processed.duplicate",
    "not_processed.publication",
    "not_processed.excessive",
    "not_processed.confirmation",
    "other_handling.no_correction",
    "other_handling.fee_unpaid",
    "other_handling.other",
    "total_processed",
    "carried_forward",
)
_FIRST_OUTCOME_ROW = 3
# The headings of the sections whose text the template leaves to the publisher.
_SECTIONS = ("一、", "二、", "三、", "四、", "五、", "六、")
_PROCEEDINGS = ("administrative_review", "litigation_direct", "litigation_after_review")
_RESULTS = ("upheld", "corrected", "other", "pending", "total")


def fill(template: bytes, content: ReportContent) -> bytes:
    """The template with ``content``'s figures in its three tables, printed as ``content`` prints
    them; a report of the 2021 format whose （六）其他处理 is published as its three sub-rows."""
    requests = content.figures["requests"]
    missing = [row for row in _OUTCOME_ROWS if row not in requests]
    if content.template != "2021" or missing:
        raise ValueError(
            f"the official 2021 template holds a 2021-format report with every row of table 三; missing: {missing}"
        )
    document = docx.Document(io.BytesIO(template))
    _prose(document, content)
    proactive, requests_table, review = document.tables
    for row, item, measures in _PROACTIVE_ROWS:
        for cell, measure in zip(_figure_cells(proactive, row, len(measures)), measures, strict=True):
            value = content.figures["proactive"][item].get(measure)
            _write(cell, printed(content, "proactive", item, measure, value))
    for offset, outcome in enumerate(_OUTCOME_ROWS):
        cells = _figure_cells(requests_table, _FIRST_OUTCOME_ROW + offset, len(APPLICANTS))
        for cell, applicant, value in zip(cells, APPLICANTS, requests[outcome], strict=True):
            _write(cell, printed(content, "requests", outcome, applicant, value))
    cells = iter(_figure_cells(review, 3, len(_PROCEEDINGS) * len(_RESULTS)))
    for proceeding in _PROCEEDINGS:
        for result, value in zip(_RESULTS, content.figures["review"][proceeding], strict=True):
            _write(next(cells), printed(content, "review", proceeding, result, value))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


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


def _write(cell: _Cell, text: str) -> None:
    """``text`` in the cell's first paragraph, in the run properties the paragraph mark has (the
    font the template set for the cell); the blank's own spaces removed."""
    paragraph = cell.paragraphs[0]
    for run in list(paragraph.runs):
        run._r.getparent().remove(run._r)
    if not text:
        return
    run = paragraph.add_run(text)
    properties = paragraph._p.pPr.find(qn("w:rPr")) if paragraph._p.pPr is not None else None
    if properties is not None:
        run._r.insert(0, copy.deepcopy(properties))
