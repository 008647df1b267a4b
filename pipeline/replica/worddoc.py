"""Synthetic reports as Word files (.docx), from the same content (figures, labels, printed forms)
and table grids (``table_grids.py``) the PDF replicas and web pages are made of.

``render_docx(content, seed)`` returns the file's bytes and the habits of real Word reports the
seed drew, each listed in ``WordDoc.quirks``:

- grid rules on every cell ("Table Grid"), or none;
- tall merged cells (``w:vMerge``) with their labels aligned to the top, figures centred;
- narrow figure columns whose headers wrap: a header over several paragraphs or line breaks;
- the header rows marked to repeat on the next page (``w:tblHeader``), or not;
- table 三 split into two ``w:tbl`` (as a writer breaks a table at a page), the second one
  opening with the header rows again, or not;
- a cell's text split over several runs, a label over several paragraphs, the vertical block
  header one character per paragraph, empty paragraphs around and inside cells;
- a figure corrected with changes tracked (the old figure deleted, the new one inserted);
- content controls (``w:sdt``) around figures and around a whole row;
- the three tables nested in the cells of a layout table;
- a hidden digit after a figure (Word does not show it).

``converted(data, fmt)`` has LibreOffice save a file in another format (``doc``, ``odt``,
``rtf``, ``html`` as a CMS gets a Word file, or ``docx`` from an HTML page): the round trips
read LibreOffice's own files too.
"""

from __future__ import annotations

import io
import os
import random
import subprocess
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

import docx
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell

from pipeline.replica.content import ReportContent
from pipeline.replica.table_grids import Cell, Grid, proactive_grid, requests_grid, review_grid

# LibreOffice's filter for each format it writes.
FILTERS = {
    "doc": "MS Word 97",
    "odt": "writer8",
    "rtf": "Rich Text Format",
    "docx": "MS Word 2007 XML",
    "html": "HTML (StarWriter)",  # a Word file as a CMS gets it: Writer's HTML export
    "pdf": "writer_pdf_Export",  # the file printed as it is: its own paper, margins and tables
}
_REQUESTS_HEADER_ROWS = 3


@dataclass
class WordStyle:
    """How the file is written; drawn from the seed by ``draw_word_style``."""

    rules: bool = True  # "Table Grid": every cell ruled
    runs: bool = False  # a cell's text split over several runs
    wrap_headers: bool = False  # column headers over several paragraphs (narrow columns)
    repeat_header: bool = False  # header rows marked w:tblHeader
    split: bool = False  # table 三 as two w:tbl
    split_repeats_header: bool = False  # the second part opens with the header rows again
    stacked: bool = False  # the block header one character per paragraph
    empty_paragraphs: bool = False
    tracked: bool = False  # a figure corrected with changes tracked
    controls: bool = False  # content controls around figures and a row
    nested: bool = False  # the tables inside a layout table
    hidden: bool = False  # a hidden digit after a figure


@dataclass
class WordDoc:
    data: bytes
    quirks: list[str] = field(default_factory=list)


def draw_word_style(seed: int) -> tuple[WordStyle, list[str]]:
    """The file habits for a seed, and the list of them in words."""
    rng = random.Random(f"worddoc:{seed}")
    style = WordStyle(
        rules=rng.random() < 0.85,
        runs=rng.random() < 0.5,
        wrap_headers=rng.random() < 0.5,
        repeat_header=rng.random() < 0.5,
        split=rng.random() < 0.4,
        split_repeats_header=rng.random() < 0.5,
        stacked=rng.random() < 0.5,
        empty_paragraphs=rng.random() < 0.4,
        tracked=rng.random() < 0.3,
        controls=rng.random() < 0.3,
        nested=rng.random() < 0.2,
        hidden=rng.random() < 0.2,
    )
    if not style.split:
        style.split_repeats_header = False
    quirks = [name.replace("_", " ") for name in WordStyle.__dataclass_fields__ if getattr(style, name)]
    return style, quirks


def _chunks(text: str, rng: random.Random, split: bool) -> list[str]:
    """A line of text as runs: whole, or cut at random places (Word splits runs at every edit)."""
    if not split or len(text) < 2:
        return [text]
    cuts = sorted(rng.sample(range(1, len(text)), min(len(text) - 1, rng.randint(1, 3))))
    return [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)])]


def _revision(tag: str, number: int) -> OxmlElement:
    element = OxmlElement(tag)
    element.set(qn("w:id"), str(number))
    element.set(qn("w:author"), "示范")
    element.set(qn("w:date"), "2024-01-15T09:00:00Z")
    return element


def _text_run(text: str, tag: str = "w:t") -> OxmlElement:
    run, t = OxmlElement("w:r"), OxmlElement(tag)
    t.text = text
    t.set(qn("xml:space"), "preserve")
    run.append(t)
    return run


class _Writer:
    """Writes the grids into a document with one style and one random generator."""

    def __init__(self, style: WordStyle, rng: random.Random) -> None:
        self.style, self.rng = style, rng
        self.revisions = 0
        self.tracked_done = self.hidden_done = self.row_control_done = False

    def fill(self, target, cell: Cell, header: bool) -> None:
        """A grid cell's text into a table cell, as paragraphs and runs."""
        style, rng = self.style, self.rng
        target.vertical_alignment = (
            WD_CELL_VERTICAL_ALIGNMENT.TOP
            if cell.rowspan > 1 and not cell.numeric
            else WD_CELL_VERTICAL_ALIGNMENT.CENTER
        )
        text = cell.text
        if cell.stacked and not cell.numeric:
            text = text.replace("\n", "")
            lines = list(text) if style.stacked else [text]
        elif header and style.wrap_headers and len(text) >= 4 and "\n" not in text:
            half = len(text) // 2
            lines = [text[:half], text[half:]]
        else:
            lines = text.split("\n") if text else []
        first = target.paragraphs[0]
        paragraphs = [first] + [target.add_paragraph() for _ in lines[1:]]
        for paragraph, line in zip(paragraphs, lines):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT if cell.align == "L" else WD_ALIGN_PARAGRAPH.CENTER
            if cell.numeric and style.tracked and not self.tracked_done and line.isdigit():
                self.tracked_done = True
                deleted = _revision("w:del", self._next())
                deleted.append(_text_run(str(int(line) + 7), "w:delText"))
                inserted = _revision("w:ins", self._next())
                inserted.append(_text_run(line))
                paragraph._p.append(deleted)
                paragraph._p.append(inserted)
                continue
            for chunk in _chunks(line, rng, style.runs):
                run = paragraph.add_run(chunk)
                run.font.size = Pt(11 if cell.numeric else 9.5)
                run.bold = cell.bold or None
            if cell.numeric and style.hidden and not self.hidden_done and line.isdigit():
                self.hidden_done = True
                paragraph.add_run("9").font.hidden = True  # a digit Word does not show
        if style.empty_paragraphs and not cell.numeric and lines:
            target.add_paragraph()
        if style.controls and cell.numeric:
            _wrap_in_control(target._tc, [p._p for p in paragraphs])

    def _next(self) -> int:
        self.revisions += 1
        return self.revisions

    def table(self, document, grid: Grid, header_rows: int, rows: range | None = None, lead: int = 0):
        """A ``w:tbl`` of a grid's rows (``rows``; the header rows first when ``lead``) at the end of
        the document body."""
        rows = rows if rows is not None else range(grid.nrows)
        order = list(range(lead)) + list(rows)
        place = {r: i for i, r in enumerate(order)}
        table = document.add_table(rows=len(order), cols=len(grid.widths))
        if self.style.rules:
            table.style = "Table Grid"
        table.autofit = False
        for column, width in zip(table.columns, grid.widths):
            column.width = Mm(width)
        # The grid's w:tc elements before any merge: cells of the grid never overlap, so a merge
        # leaves the corners of the others in place (python-docx's table.cell re-reads the table).
        tcs = [list(tr.tc_lst) for tr in table._tbl.tr_lst]
        for row in tcs:
            for tc, width in zip(row, grid.widths):
                tc.width = Mm(width)  # a merge adds up the widths of its cells
        for cell in grid.cells:
            covered = [r for r in range(cell.row, cell.row + cell.rowspan) if r in place]
            if not covered:
                continue
            # A merged cell the split cuts: each part keeps its rows; the text stays in the first.
            text = cell.text if cell.row in place else ""
            part = replace(cell, row=place[covered[0]], rowspan=len(covered), text=text)
            tc = tcs[part.row][part.col]
            if part.rowspan > 1 or part.colspan > 1:
                tc = tc.merge(tcs[part.row + part.rowspan - 1][part.col + part.colspan - 1])
            target = _Cell(tc, table)
            self.fill(target, part, header=cell.row < header_rows)
        for index, row in enumerate(table.rows):
            if self.style.repeat_header and order[index] < header_rows:
                properties = row._tr.get_or_add_trPr()
                properties.append(OxmlElement("w:tblHeader"))
        if self.style.controls and not self.row_control_done and len(table.rows) > header_rows + 1:
            self.row_control_done = True
            _wrap_in_control(table._tbl, [table.rows[header_rows]._tr])
        return table


def _wrap_in_control(parent, elements: list) -> None:
    """Put elements (paragraphs, or a table row) inside a content control at their place."""
    sdt, properties, inner = OxmlElement("w:sdt"), OxmlElement("w:sdtPr"), OxmlElement("w:sdtContent")
    tag = OxmlElement("w:tag")
    tag.set(qn("w:val"), "figure")
    properties.append(tag)
    sdt.append(properties)
    sdt.append(inner)
    elements[0].addprevious(sdt)
    for element in elements:
        inner.append(element)
    if parent.tag == qn("w:tc") and not any(child.tag == qn("w:p") for child in parent):
        parent.append(OxmlElement("w:p"))  # a cell ends with a paragraph of its own


def _heading(document, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.add_run(text).bold = True


def _body(document, texts: list[str]) -> None:
    for text in texts:
        paragraph = document.add_paragraph(text)
        paragraph.paragraph_format.first_line_indent = Pt(30)


def render_docx(content: ReportContent, seed: int, style: WordStyle | None = None) -> WordDoc:
    """The report as a .docx: its title, text and tables 二, 三 and 四."""
    quirks: list[str] = []
    if style is None:
        style, quirks = draw_word_style(seed)
    rng = random.Random(f"worddoc-runs:{seed}")
    writer = _Writer(style, rng)
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(27)
    normal = document.styles["Normal"]
    normal.font.size = Pt(12)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in content.full_title().split("\n"):
        title.add_run(line).bold = True
    heading = content.heading
    _body(document, content.body.get("preface", []))
    _heading(document, heading["一"])
    _body(document, content.body.get("一", []))
    tables = []
    stand_ins = content.stand_ins
    _heading(document, heading["二"])
    if "二" in stand_ins:
        _body(document, [stand_ins["二"]] if stand_ins["二"] else [])
    else:
        tables.append(writer.table(document, proactive_grid(content), 0))
    _heading(document, heading["三"])
    requests = requests_grid(content)
    if "三" in stand_ins:
        _body(document, [stand_ins["三"]] if stand_ins["三"] else [])
    elif style.split:
        first_body = _REQUESTS_HEADER_ROWS
        body_rows = requests.nrows - first_body
        at = next(
            (r for r, row_code in requests.row_codes.items() if row_code == content.layout.break_before),
            first_body + max(1, body_rows // 2),
        )
        tables.append(writer.table(document, requests, _REQUESTS_HEADER_ROWS, range(0, at)))
        paragraph = document.add_paragraph()
        paragraph.add_run().add_break(WD_BREAK.PAGE)
        lead = _REQUESTS_HEADER_ROWS if style.split_repeats_header else 0
        tables.append(writer.table(document, requests, _REQUESTS_HEADER_ROWS, range(at, requests.nrows), lead))
    else:
        tables.append(writer.table(document, requests, _REQUESTS_HEADER_ROWS))
    if style.empty_paragraphs:
        document.add_paragraph()
    _heading(document, heading["四"])
    if "四" in stand_ins:
        _body(document, [stand_ins["四"]] if stand_ins["四"] else [])
    else:
        tables.append(writer.table(document, review_grid(content), 3))
    for numeral in ("五", "六"):
        _heading(document, heading[numeral])
        _body(document, content.body.get(numeral, []))
    if style.nested:
        _nest(document, tables)
    buffer = io.BytesIO()
    document.save(buffer)
    return WordDoc(data=buffer.getvalue(), quirks=quirks)


def _nest(document, tables: list) -> None:
    """Move every table into a cell of its own one-cell layout table, in place."""
    for table in tables:
        outer = document.add_table(rows=1, cols=1)
        table._tbl.addprevious(outer._tbl)
        cell = outer.cell(0, 0)._tc
        cell.insert(len(cell) - 1, table._tbl)  # before the paragraph a cell ends with


def converted(data: bytes, source: str, target: str, timeout: float = 120.0) -> bytes:
    """A file saved again by LibreOffice headless in another format (``FILTERS``); ``source`` is
    the extension LibreOffice should read it as (``docx``, ``html``…)."""
    with tempfile.TemporaryDirectory(prefix="ogi-replica-word-") as tmp:
        folder = Path(tmp)
        path = folder / f"report.{source}"
        path.write_bytes(data)
        profile = (folder / "profile").as_uri()
        command = [
            "soffice",
            "--headless",
            "--norestore",
            "--nolockcheck",
            f"-env:UserInstallation={profile}",
            "--convert-to",
            f"{target}:{FILTERS[target]}",
            "--outdir",
            str(folder / "out"),
            str(path),
        ]
        if source == "html":
            command[1:1] = ["--infilter=HTML (StarWriter)"]  # Writer, not Writer/Web: it saves .doc
        subprocess.run(
            command,
            check=True,
            capture_output=True,
            timeout=timeout,
            env={**os.environ, "HOME": tmp},
        )
        return (folder / "out" / f"report.{target}").read_bytes()
