"""One web page printed every way a publisher's PDF may have been made: by Chromium, WeasyPrint or
LibreOffice (Writer's HTML import, then its PDF export), or saved as a Word document (.docx) and
that document exported to PDF by LibreOffice (``word``), on A4, Letter or A5, with the page's
default margins or narrow ones, with its rules or with every border removed; Chromium's prints
also with its own margins (``BROWSER``), with or without its header and footer lines
(``Printing.heads``: the date, title, address and page number its print dialog adds by default).

``printed(page, pdf, how)`` writes the PDF; ``PRINTS`` is every combination. The page is only
restyled (an ``@page`` rule, borders off), never rewritten, so its tables keep the markup the
publisher wrote: spans, Word-export cells, ragged grids. A Word document (the page saved as .docx
by LibreOffice, or one of ``worddoc.py``'s, passed as ``document``) is printed as Word prints its
tables: a row may break across pages (Word's default), its header rows marked to repeat on each
page or not (``Printing.repeat``), every cell ruled or none.
"""

from __future__ import annotations

import io
import itertools
import re
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from pipeline.extract.numbers import looks_numeric
from pipeline.replica import chromium

PRODUCERS = ("chromium", "weasyprint", "libreoffice", "word")
PAPERS = {"A4": ("210mm", "297mm"), "Letter": ("215.9mm", "279.4mm"), "A5": ("148mm", "210mm")}
MARGINS = {"default": "20mm", "narrow": "8mm"}
TIMEOUT = 120  # seconds; LibreOffice converts a report page in a few
_NO_RULES = "table, tr, td, th { border: none !important; }"
# The elements of a paragraph's properties that follow its borders (w:pBdr), in the schema's order.
_AFTER_BORDERS = (
    *("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct"),
    *("w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid"),
    *("w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc"),
    *("w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle"),
    *("w:rPr", "w:sectPr", "w:pPrChange"),
)
_COMPATIBILITY = "http://schemas.openxmlformats.org/markup-compatibility/2006"  # mc:, a drawing's alternatives
_HEAD_DISTANCE = Mm(10)  # a Word head's distance from the page's edge, within margins of 20 mm


class PrintError(RuntimeError):
    """A producer is missing or could not print the page."""


@dataclass(frozen=True)
class Printing:
    """How a page is printed."""

    producer: str = "chromium"
    paper: str = "A4"
    margins: str = "default"
    rules: bool = True
    repeat: bool = False  # a Word document's header rows repeated at the top of each page
    heads: bool = False  # Chromium's header and footer lines (date, title; address, "2/5")
    # (``margins`` "browser": Chromium's own, as its print dialog sets them); a Word document's
    # header (its title) and footer (第 1 页 共 5 页)
    # A Word document's heads (with ``heads``) as official documents set them: none on its title
    # page (Word's "different first page", ``w:titlePg``) ...
    title_page: bool = False
    # ... and odd and even pages apart (``w:evenAndOddHeaders``, GB/T 9704): the title over odd
    # pages, the agency's name over even ones, the page number "— 2 —" on the outer side.
    odd_even: bool = False

    @property
    def name(self) -> str:
        name = f"{self.producer}-{self.paper}-{self.margins}-{'ruled' if self.rules else 'unruled'}"
        name += ("-repeat" if self.repeat else "") + ("-heads" if self.heads else "")
        return name + ("-titlepage" if self.title_page else "") + ("-oddeven" if self.odd_even else "")


# A browser printing with its own margins (no @page rule of ours), as its print dialog does, with
# its header and footer lines (the dialog's default) or without.
BROWSER = "browser"
PRINTS = (
    [
        Printing(producer, paper, margins, rules, repeat)
        for producer, paper, margins, rules in itertools.product(PRODUCERS, PAPERS, MARGINS, (True, False))
        for repeat in ((False, True) if producer == "word" else (False,))
    ]
    + [
        Printing("chromium", paper, BROWSER, rules, heads=heads)
        for paper in PAPERS
        for rules in (True, False)
        for heads in (True, False)
    ]
    + [
        Printing("word", paper, "default", rules, heads=True, title_page=title_page, odd_even=odd_even)
        for title_page, odd_even in ((False, False), (True, False), (False, True), (True, True))
        for paper in PAPERS
        for rules in (True, False)
    ]
)


def restyled(page: str, how: Printing) -> str:
    """The page with the paper, margins and rules of ``how`` (a style sheet of its own, last)."""
    width, height = PAPERS[how.paper]
    margin = "" if how.margins == BROWSER else f" margin: {MARGINS[how.margins]};"
    css = f"@page {{ size: {width} {height};{margin} }}"
    if not how.rules:
        css += _NO_RULES
        page = re.sub(r'(<table\b[^>]*?\bborder=)"?\d+"?', r'\1"0"', page, flags=re.IGNORECASE)
    style = f"<style>{css}</style>"
    if re.search(r"</head>", page, flags=re.IGNORECASE):
        return re.sub(r"</head>", lambda _: style + "</head>", page, count=1, flags=re.IGNORECASE)
    return style + page


def _soffice() -> str:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise PrintError("LibreOffice not found: install the Debian package libreoffice-writer-nogui (make system-deps)")


def _convert(source: Path, target: str, folder: Path, profile: Path, infilter: str | None = None) -> Path:
    command = [_soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless"]
    command += [f"--infilter={infilter}"] if infilter else []
    command += ["--convert-to", target, "--outdir", str(folder), str(source)]
    try:
        done = subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        raise PrintError(f"LibreOffice did not convert {source.name} within {TIMEOUT} s") from None
    result = folder / f"{source.stem}.{target.split(':')[0]}"
    if done.returncode != 0 or not result.is_file():
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
        raise PrintError(f"LibreOffice could not convert {source.name} (exit {done.returncode}): {detail[0]}")
    return result


def _page_layout(document: Path, how: Printing) -> None:
    """Set the paper and margins of every page style of an OpenDocument text file (LibreOffice's
    HTML import does not read ``@page``)."""
    width, height = PAPERS[how.paper]
    margin = MARGINS[how.margins]
    sizes = {"fo:page-width": width, "fo:page-height": height}
    sizes |= {f"fo:margin-{side}": margin for side in ("top", "bottom", "left", "right")}

    def layout(match: re.Match[str]) -> str:
        tag = match[0]
        for attribute, value in sizes.items():
            tag = re.sub(rf'{attribute}="[^"]*"', f'{attribute}="{value}"', tag)
        return tag

    with zipfile.ZipFile(document) as archive:
        members = {info: archive.read(info) for info in archive.infolist()}
    with zipfile.ZipFile(document, "w") as archive:
        for info, data in members.items():
            if info.filename == "styles.xml":
                data = re.sub(r"<style:page-layout-properties[^>]*>", layout, data.decode("utf-8")).encode("utf-8")
            archive.writestr(info, data, compress_type=zipfile.ZIP_STORED if info.filename == "mimetype" else None)


def _from_page(page: str, target: str, folder: Path) -> Path:
    """The HTML ``page`` converted to ``target`` by LibreOffice in ``folder``, opened as a Writer
    document (not Writer/Web), whose page style sets the paper."""
    source = folder / "page.html"
    source.write_text(page, encoding="utf-8")
    return _convert(source, target, folder, folder / "profile", infilter="HTML (StarWriter)")


def _libreoffice(page: str, pdf: Path, how: Printing) -> Path:
    with tempfile.TemporaryDirectory(prefix="ogi-soffice-") as tmp:
        folder = Path(tmp)
        document = _from_page(page, "odt", folder)
        _page_layout(document, how)
        shutil.move(_convert(document, "pdf", folder, folder / "profile"), pdf)
    return pdf


def word_document(page: str) -> bytes:
    """The HTML ``page`` saved as a Word document (.docx) by LibreOffice, as a publisher opens a
    page in a word processor and saves it; a table the page floats beside its text in the text
    (``_unframed``)."""
    with tempfile.TemporaryDirectory(prefix="ogi-soffice-") as tmp:
        return _unframed(_from_page(page, "docx:MS Word 2007 XML", Path(tmp)).read_bytes())


def _unframed(document: bytes) -> bytes:
    """A table LibreOffice saved in a frame (a page's ``<table align="left">``: a text box, drawn
    and again as VML) set in the text before the paragraph the frame is anchored to, as Word opens
    such a page: a table of its own that the text below follows. LibreOffice lays a frame anchored
    in a layout table's cell over the text after it, where the cell breaks across pages."""
    word = docx.Document(io.BytesIO(document))
    framed = False
    for choice in list(word.element.body.iter(f"{{{_COMPATIBILITY}}}Choice")):
        content = next(choice.iter(qn("w:txbxContent")), None)
        if content is None or content.find(qn("w:tbl")) is None:
            continue
        alternate = choice.getparent()
        paragraph = next(parent for parent in alternate.iterancestors() if parent.tag == qn("w:p"))
        for child in list(content):
            paragraph.addprevious(child)
        alternate.getparent().remove(alternate)
        framed = True
    if not framed:
        return document
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _text(element) -> str:
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


def _borders(cell, rules: bool) -> None:
    """Every side of a cell ruled (a thin black single rule, Word's "Table Grid") or none."""
    properties = cell.find(qn("w:tcPr"))
    if properties is None:
        properties = OxmlElement("w:tcPr")
        cell.insert(0, properties)
    for old in properties.findall(qn("w:tcBorders")):
        properties.remove(old)
    borders = OxmlElement("w:tcBorders")
    for side in ("top", "left", "bottom", "right"):
        rule = OxmlElement(f"w:{side}")
        rule.set(qn("w:val"), "single" if rules else "nil")
        if rules:
            rule.set(qn("w:sz"), "4")
            rule.set(qn("w:space"), "0")
            rule.set(qn("w:color"), "000000")
        borders.append(rule)
    # tcBorders follows tcW, gridSpan, vMerge in the schema's order; before shading and alignment.
    later = [properties.find(qn(tag)) for tag in ("w:shd", "w:noWrap", "w:tcMar", "w:textDirection", "w:vAlign")]
    following = next((element for element in later if element is not None), None)
    if following is not None:
        following.addprevious(borders)
    else:
        properties.append(borders)


def _row_properties(row):
    properties = row.find(qn("w:trPr"))
    if properties is None:
        properties = OxmlElement("w:trPr")
        anchor = row.find(qn("w:tblPrEx"))
        row.insert(0 if anchor is None else 1, properties)
    return properties


def _fit(table, width: int) -> None:
    """Narrow a table wider than the text (``width``, twentieths of a point) to the text's width,
    every column in proportion, as Word's "AutoFit to window" does: the writer of a document on
    small paper sees a table run off the page and fits it."""
    columns = table.findall(f"{qn('w:tblGrid')}/{qn('w:gridCol')}")
    total = sum(int(column.get(qn("w:w"), "0")) for column in columns)
    if total <= width or width <= 0:
        return
    for element in [*columns, *table.iter(qn("w:tcW")), *table.iter(qn("w:tblW"))]:
        if element.tag == qn("w:gridCol") or element.get(qn("w:type")) == "dxa":
            element.set(qn("w:w"), str(int(element.get(qn("w:w"), "0")) * width // total))
    for indent in table.iter(qn("w:tblInd")):
        indent.set(qn("w:w"), "0")


def _inside(cell) -> int:
    """The width inside a table cell (twentieths of a point): its width less Word's default
    margins (0.19 cm each side), where a table nested in it has room."""
    width = cell.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
    return int(width.get(qn("w:w"), "0")) - 2 * 108 if width is not None else 0


def word_layout(document: bytes, how: Printing, own_rules: bool = False) -> bytes:
    """A Word document set up to print the way ``how`` says: its paper and margins (a table wider
    than the text fitted to it), every row allowed to break across pages (Word's default), the
    rows above each table's first figure marked to repeat on every page or not, every cell ruled
    (or, with ``own_rules``, as the document rules it) or none; with ``how.heads``, the report's
    title in every page's header and 第 1 页 共 5 页 in its footer (or as ``how.title_page`` and
    ``how.odd_even`` say)."""
    word = docx.Document(io.BytesIO(document))
    if how.heads:
        _heads(word, how)
    width, height = (Mm(float(size.removesuffix("mm"))) for size in PAPERS[how.paper])
    margin = Mm(float(MARGINS[how.margins].removesuffix("mm")))
    for section in word.sections:
        section.page_width, section.page_height = width, height
        section.top_margin = section.bottom_margin = section.left_margin = section.right_margin = margin
    text_width = (width - 2 * margin) // 635  # EMU per twentieth of a point
    for table in word.element.body.iter(qn("w:tbl")):  # outer tables first
        _fit(table, text_width if table.getparent().tag != qn("w:tc") else _inside(table.getparent()))
        heading = True
        for row in table.findall(qn("w:tr")):
            properties = _row_properties(row)
            for tag in ("w:cantSplit", "w:tblHeader"):
                for old in properties.findall(qn(tag)):
                    properties.remove(old)
            cells = row.findall(qn("w:tc"))
            # The cells of tables nested in it too: a layout table's one row holds the report's
            # figures, and is no header to repeat (LibreOffice loops on a row taller than a page).
            heading = heading and not any(looks_numeric(_text(cell)) for cell in row.iter(qn("w:tc")))
            if heading and how.repeat:
                properties.append(OxmlElement("w:tblHeader"))
            if own_rules and how.rules:
                continue  # ruled as the document rules it: a template's rules are the publisher's
            for cell in cells:
                _borders(cell, how.rules)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _heads(word: docx.document.Document, how: Printing) -> None:
    """The document's first line (its title) as every page's header, its page number of its
    pages (第 1 页 共 5 页, Word's fields) as every page's footer; with ``how.title_page`` none on
    the first page; with ``how.odd_even`` the title over odd pages and the agency's name (the
    title's words before its year) over even ones, and the page number "— 2 —" alone at the
    foot's outer side (odd pages right, even pages left), as GB/T 9704 sets official documents;
    with either, each header ruled off below."""
    title = next((p.text.strip() for p in word.paragraphs if p.text.strip()), "")
    agency = re.split(r"\d", title, maxsplit=1)[0].strip() or title
    word.settings.odd_and_even_pages_header_footer = how.odd_even
    for section in word.sections:
        if how.title_page or how.odd_even:
            # In the margin, as Word sets them (1.5 cm from the edge in a margin of 2.54 cm), not
            # at its edge as in the document LibreOffice saves.
            section.header_distance = section.footer_distance = _HEAD_DISTANCE
        section.different_first_page_header_footer = how.title_page
        if how.title_page:
            section.first_page_header.is_linked_to_previous = False  # an empty header of its own
            section.first_page_footer.is_linked_to_previous = False
        if how.odd_even:
            pages = [
                (section.header, section.footer, title, WD_ALIGN_PARAGRAPH.RIGHT),
                (section.even_page_header, section.even_page_footer, agency, WD_ALIGN_PARAGRAPH.LEFT),
            ]
        else:
            pages = [(section.header, section.footer, title, None)]
        for header, footer, words, side in pages:
            header.paragraphs[0].text = words
            if how.title_page or how.odd_even:
                _ruled_below(header.paragraphs[0])
            if side is None:
                _page_field(footer.paragraphs[0], (("第 ", "PAGE"), (" 页 共 ", "NUMPAGES"), (" 页", None)))
            else:
                footer.paragraphs[0].alignment = side
                _page_field(footer.paragraphs[0], (("— ", "PAGE"), (" —", None)))


def _ruled_below(paragraph: Paragraph) -> None:
    """A thin rule under ``paragraph``, as the header style of a Chinese Word (页眉) draws it."""
    properties = paragraph._p.get_or_add_pPr()
    border, below = OxmlElement("w:pBdr"), OxmlElement("w:bottom")
    for name, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        below.set(qn(name), value)
    border.append(below)
    properties.insert_element_before(border, *_AFTER_BORDERS)


def _page_field(paragraph: Paragraph, parts: tuple[tuple[str, str | None], ...]) -> None:
    """Texts each followed by a Word field (PAGE, NUMPAGES) or none, in ``paragraph``."""
    for text, code in parts:
        paragraph.add_run(text)
        if code:
            _field(paragraph.add_run(), code)


def _field(run: Run, code: str) -> None:
    """A Word field (PAGE, NUMPAGES) in ``run``: its begin mark, its code, its end mark."""
    begin, end = OxmlElement("w:fldChar"), OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    end.set(qn("w:fldCharType"), "end")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = f" {code} "
    run._r.extend([begin, instruction, end])


def _word(document: bytes, pdf: Path, how: Printing, own_rules: bool) -> Path:
    with tempfile.TemporaryDirectory(prefix="ogi-soffice-") as tmp:
        folder = Path(tmp)
        source = folder / "report.docx"
        source.write_bytes(word_layout(document, how, own_rules))
        shutil.move(_convert(source, "pdf:writer_pdf_Export", folder, folder / "profile"), pdf)
    return pdf


def printed(page: str, pdf: Path, how: Printing, document: bytes | None = None, own_rules: bool = False) -> Path:
    """Print the HTML ``page`` to ``pdf`` the way ``how`` says; the ``word`` producer prints
    ``document`` (a .docx) when given, else the page saved as a Word document, its ruled prints
    ruled as the document itself rules its tables with ``own_rules`` (a template's rules)."""
    pdf = Path(pdf)
    pdf.parent.mkdir(parents=True, exist_ok=True)
    if how.producer == "word":
        return _word(document if document is not None else word_document(page), pdf, how, own_rules)
    page = restyled(page, how)
    if how.producer == "libreoffice":
        return _libreoffice(page, pdf, how)
    if how.producer == "weasyprint":
        from weasyprint import HTML  # the dev extra

        HTML(string=page).write_pdf(pdf, presentational_hints=True)  # honour border= and cellspacing=
        return pdf
    if how.producer != "chromium":
        raise PrintError(f"unknown producer {how.producer!r}; expected one of {PRODUCERS}")
    with tempfile.TemporaryDirectory(prefix="ogi-page-") as folder:
        source = Path(folder) / "page.html"
        source.write_text(page, encoding="utf-8")
        try:
            return chromium.print_pdf(source, pdf, how.heads)
        except chromium.ChromiumError as exc:
            raise PrintError(str(exc)) from None
