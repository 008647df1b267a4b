"""How publishers really fill the official 2021 format's Word file, each a named habit that
``officialtemplate.fill`` applies.

Three kinds, by what they touch:

- how a figure is *typed* (``typed``: the report's printed forms, and its figures where the form
  says there is none): zeros as ``0``, blank, ``—``, ``-``, ``/`` or ``无`` (and a body that had
  no appeals, or no requests either, whose table 四, or tables 三 and 四, hold only zeros and so
  are typed wholly blank or dashed with those habits); a counting word
  (``12件``); thousands separators (``1,234``, ``1，234``); full-width digits (``１２``); the fee
  in 万元 with two decimals, with ``万元`` typed after it or not;
- how it is *put in its cell* (``Typist``): after or before the ideographic spaces the template
  left there, in a second paragraph, after a line break, in a run of another font, size, colour,
  bold or highlighted, corrected with changes tracked, with a comment on it;
- how the *tables* are changed around the figures (``rearrange``): an empty row left at the end
  of tables 三 and 四, a note row (``注：…``) added under them, the header rows marked to repeat,
  table 三 split in two at a page break (opening again with its header rows, or not), tables 三
  and 四 in a landscape section.

（六）其他处理 kept as one row is not a habit here: a report that publishes it so (``generate``
draws one) is filled into the template with its three sub-rows deleted (``officialtemplate``).
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Sequence

import docx.document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import _Cell

from pipeline.replica.content import APPLICANTS, RESULTS, ReportContent, cell_key
from pipeline.replica.table_grids import WAN_YUAN_MEASURES, format_value, printed

ZEROS = {"zero_blank": "", "zero_dash": "—", "zero_hyphen": "-", "zero_slash": "/", "zero_none": "无"}
NOTHING = ("no_appeals", "no_requests")  # tables of zeros: a body that had none
TYPED = (*ZEROS, *NOTHING, "counting_word", "thousands", "full_width", "fee_decimals", "fee_unit")
IN_CELL = ("spaces_kept", "second_paragraph", "line_break", "run_format", "tracked", "comment")
TABLES = ("empty_row_end", "note_row", "repeat_header", "split", "split_repeats_header", "landscape")
HABITS = TYPED + IN_CELL + TABLES
_FULL_WIDTH = str.maketrans("0123456789,.", "０１２３４５６７８９，．")
_HEADER_ROWS = 3  # tables 三 and 四 each open with three header rows


def typed(content: ReportContent, habits: Sequence[str]) -> ReportContent:
    """A copy of ``content`` with its figures printed as ``habits`` type them. A zero left blank or
    dashed is a cell published blank: its figure is None, as the readers take it."""
    unknown = sorted(set(habits) - set(HABITS))
    if unknown:
        raise ValueError(f"unknown habits {unknown}; known: {HABITS}")
    content = copy.deepcopy(content)
    _nothing(content, habits)
    fee = content.figures["proactive"]["administrative_fees"]
    if {"fee_decimals", "fee_unit"} & set(habits):
        fee["fee_amount_yuan"] = fee["fee_amount_yuan"] // 10000 * 10000 + 600  # 万元 to two decimals
    separators = itertools.cycle((",", "，"))
    zero = next((habit for habit in ZEROS if habit in habits), None)
    for key, table, row, column, value in _cells(content):
        text = printed(content, table, row, column, value)
        if value == 0 and key not in content.printed and zero is not None:
            text = ZEROS[zero]
            if zero != "zero_none":
                _set(content, table, row, column, None)
        elif value and key not in content.printed and column not in WAN_YUAN_MEASURES:
            if "thousands" in habits and value >= 1000:
                text = f"{value:,}".replace(",", next(separators))
            if "counting_word" in habits:
                text += "件"
        if column in WAN_YUAN_MEASURES and "fee_unit" in habits:
            text += "万元"
        if "full_width" in habits:
            text = text.translate(_FULL_WIDTH)
        if text != format_value(table, column, value):
            content.printed[key] = text
    return content


def _nothing(content: ReportContent, habits: Sequence[str]) -> None:
    """Tables 四 (``no_appeals``), or 三 and 四 (``no_requests``), of zeros, printed as plain zeros."""
    tables = {"no_appeals": ("review",), "no_requests": ("requests", "review")}
    for table in {table for habit in set(habits) & set(NOTHING) for table in tables[habit]}:
        content.figures[table] = {row: [0] * len(values) for row, values in content.figures[table].items()}
        content.printed = {key: text for key, text in content.printed.items() if not key.startswith(f"{table}.")}


def _cells(content: ReportContent):
    """(key, table, row, column, value) of every figure cell of the report."""
    for item, measures in content.figures["proactive"].items():
        for measure, value in measures.items():
            yield cell_key("proactive", item, measure), "proactive", item, measure, value
    for table, columns in (("requests", APPLICANTS), ("review", RESULTS)):
        for row, values in content.figures[table].items():
            for column, value in zip(columns, values, strict=True):
                yield cell_key(table, row, column), table, row, column, value


def _set(content: ReportContent, table: str, row: str, column: str, value: int | None) -> None:
    if table == "proactive":
        content.figures[table][row][column] = value
    else:
        content.figures[table][row][(APPLICANTS if table == "requests" else RESULTS).index(column)] = value


# Run formats publishers leave on a figure (pasted from elsewhere, or marked for a check), in turn.
_FORMATS = (
    ("rFonts", {"ascii": "Times New Roman", "hAnsi": "Times New Roman", "eastAsia": "仿宋_GB2312"}),
    ("sz", {"val": "28"}),
    ("b", {}),
    ("color", {"val": "FF0000"}),
    ("highlight", {"val": "yellow"}),
)


class Typist:
    """Types figures into the template's cells with the in-cell habits of ``habits``; cells take
    turns where a habit has two ways (before or after the spaces)."""

    def __init__(self, document: docx.document.Document, habits: Sequence[str]) -> None:
        self.document = document
        self.habits = set(habits) & set(IN_CELL)
        self.count = 0
        self.revision = 1000

    def write(self, cell: _Cell, text: str) -> None:
        """``text`` in the cell, in the run properties its paragraph mark has (the font the template
        set for the cell)."""
        self.count += 1
        paragraph = cell.paragraphs[0]
        if "spaces_kept" not in self.habits:
            for run in list(paragraph.runs):
                run._r.getparent().remove(run._r)
        if not text:
            return
        if "second_paragraph" in self.habits:
            paragraph = cell.add_paragraph()
            paragraph._p.insert(0, copy.deepcopy(cell.paragraphs[0]._p.pPr))
        run = paragraph.add_run(text)
        marks = paragraph._p.pPr.find(qn("w:rPr")) if paragraph._p.pPr is not None else None
        if marks is not None:
            run._r.insert(0, copy.deepcopy(marks))
        if "spaces_kept" in self.habits and self.count % 2:
            paragraph._p.remove(run._r)  # typed at the start of the cell, before its spaces
            first = paragraph.runs[0]._r if paragraph.runs else None
            (first.addprevious if first is not None else paragraph._p.append)(run._r)
        if "line_break" in self.habits:
            run._r.insert(1 if marks is not None else 0, OxmlElement("w:br"))
        if "run_format" in self.habits:
            tag, values = _FORMATS[self.count % len(_FORMATS)]
            properties = run._r.get_or_add_rPr()
            for old in properties.findall(qn(f"w:{tag}")):
                properties.remove(old)
            element = OxmlElement(f"w:{tag}")
            for name, value in values.items():
                element.set(qn(f"w:{name}"), value)
            properties.append(element)
        if "tracked" in self.habits:
            self._corrected(run, text)
        if "comment" in self.habits and self.count % 7 == 0:
            self.document.add_comment(run, text="此数据已与台账核对", author="审核", initials="SH")

    def _corrected(self, run, text: str) -> None:
        """The figure typed over an earlier one with changes tracked: the old one deleted (``w:del``,
        its text ``w:delText``), the new one inserted (``w:ins``)."""
        old = copy.deepcopy(run._r)
        for t in old.findall(qn("w:t")):
            t.tag = qn("w:delText")
            t.text = "1" + t.text
        deleted, inserted = self._revision("w:del"), self._revision("w:ins")
        run._r.addprevious(deleted)
        deleted.append(old)
        run._r.addprevious(inserted)
        inserted.append(run._r)

    def _revision(self, tag: str):
        self.revision += 1
        element = OxmlElement(tag)
        element.set(qn("w:id"), str(self.revision))
        element.set(qn("w:author"), "办公室")
        element.set(qn("w:date"), "2024-01-20T10:00:00Z")
        return element


NOTE = "注：本表数据统计时间为本年度1月1日至12月31日，含本机关各内设机构和派出机构办理的申请。"


def rearrange(document: docx.document.Document, habits: Sequence[str], split_at: int) -> None:
    """The tables changed around their figures as ``habits`` say; table 三 split before its row
    ``split_at`` (a row of the template's table, headers included)."""
    _, requests, review = (table._tbl for table in document.tables)
    for tbl in (requests, review):
        if "empty_row_end" in habits:
            tbl.append(_emptied(copy.deepcopy(tbl.tr_lst[-1])))
        if "note_row" in habits:
            tbl.append(_note_row(tbl))
        if "repeat_header" in habits:
            for tr in tbl.tr_lst[:_HEADER_ROWS]:
                tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    if "landscape" in habits:
        _landscape(document, requests, review)
    if "split" in habits or "split_repeats_header" in habits:
        _split(requests, split_at, "split_repeats_header" in habits)


def _emptied(tr):
    """A row with the text of its cells removed (a row left empty at the end of the table)."""
    for tc in tr.tc_lst:
        for paragraph in tc.findall(qn("w:p")):
            for child in list(paragraph):
                if child.tag != qn("w:pPr"):
                    paragraph.remove(child)
        merge = tc.tcPr.find(qn("w:vMerge")) if tc.tcPr is not None else None
        if merge is not None:
            tc.tcPr.remove(merge)
    return tr


def _note_row(tbl):
    """A row of one cell across the table holding a note, left-aligned."""
    tr = _emptied(copy.deepcopy(tbl.tr_lst[-1]))
    cells = tr.tc_lst
    for tc in cells[1:]:
        tr.remove(tc)
    span = OxmlElement("w:gridSpan")
    span.set(qn("w:val"), str(len(tbl.tblGrid.gridCol_lst)))
    properties = cells[0].get_or_add_tcPr()
    for old in properties.findall(qn("w:gridSpan")):
        properties.remove(old)
    properties.insert(1, span)
    _Cell(cells[0], None).paragraphs[0].add_run(NOTE)
    return tr


def _split(tbl, at: int, repeat: bool) -> None:
    """Rows ``at`` onwards moved to a table of their own after a page break, opening with the header
    rows again when ``repeat``; a merged cell the split cuts keeps its rows in each part, its text
    in the first (as Word splits a table)."""
    second = OxmlElement("w:tbl")
    for part in (tbl.tblPr, tbl.tblGrid):
        second.append(copy.deepcopy(part))
    if repeat:
        for tr in tbl.tr_lst[:_HEADER_ROWS]:
            second.append(copy.deepcopy(tr))
    moved = tbl.tr_lst[at:]
    for tr in moved:
        second.append(tr)
    for tc in moved[0].tc_lst:
        merge = tc.tcPr.find(qn("w:vMerge")) if tc.tcPr is not None else None
        if merge is not None and merge.get(qn("w:val")) != "restart":
            merge.set(qn("w:val"), "restart")
    brk = OxmlElement("w:p")
    run = OxmlElement("w:r")
    page = OxmlElement("w:br")
    page.set(qn("w:type"), "page")
    run.append(page)
    brk.append(run)
    tbl.addnext(brk)
    brk.addnext(second)


def _landscape(document: docx.document.Document, first, last) -> None:
    """Tables 三 and 四 in a section of their own laid out landscape: the section before ends in a
    paragraph holding its (portrait) properties, theirs in one holding the landscape ones."""
    body = document.element.body.sectPr
    portrait, landscape = copy.deepcopy(body), copy.deepcopy(body)
    size = landscape.find(qn("w:pgSz"))
    width, height = size.get(qn("w:w")), size.get(qn("w:h"))
    size.set(qn("w:w"), height)
    size.set(qn("w:h"), width)
    size.set(qn("w:orient"), "landscape")
    for properties, anchor, place in ((portrait, first, "addprevious"), (landscape, last, "addnext")):
        paragraph, paragraph_properties = OxmlElement("w:p"), OxmlElement("w:pPr")
        paragraph_properties.append(properties)
        paragraph.append(paragraph_properties)
        getattr(anchor, place)(paragraph)
