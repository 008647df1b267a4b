"""Word files in the forms real publishers post, made from a generated .docx (``worddoc.py``):

- ``in_text_boxes``: every table inside a text box, as Word 2010+ writes one (``mc:AlternateContent``:
  the DrawingML text box, and a VML copy of it as the fallback for older readers), in a section
  laid out landscape;
- ``with_wps_marks``: what WPS Office adds to a .docx (its ``wpsCustomData`` namespace, ``w14``
  paragraph ids, ``wp14`` declared ignorable, ``KSOProductBuildVer`` in the custom properties);
- ``as_document2``: the document part named ``word/document2.xml``, as some editors save it;
- ``as_chunk``: a .docx whose body is a web page imported whole (``w:altChunk``), as some CMSs export;
- ``with_pictures``: tables replaced by pictures of them (a scan or screenshot pasted in),
  DrawingML (``w:drawing``) or VML (``v:imagedata``);
- ``typed_as_text``: the tables typed as lines of tab-separated text, no Word table.
"""

from __future__ import annotations

import copy
import io
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import numpy as np
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.shared import Mm
from lxml import etree
from PIL import Image

from pipeline.replica.content import ReportContent
from pipeline.replica.render import Report
from pipeline.replica.scan import ScanStyle, scan_pages
from pipeline.replica.table_grids import Grid, proactive_grid, requests_grid, review_grid

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = {
    "w": W,
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "v": "urn:schemas-microsoft-com:vml",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
    "wp14": "http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing",
    "wpsCustomData": "http://www.wps.cn/officeDocument/2013/wpsCustomData",
}
_EMU_PER_MM = 36000


def _q(name: str) -> str:
    prefix, _, local = name.partition(":")
    return f"{{{_NS[prefix]}}}{local}"


def _rewrite(
    data: bytes, part: str, change: Callable[[etree._Element], None], added: dict[str, str] | None = None
) -> bytes:
    """``data`` with one XML part changed in place, every other member copied as it is, and the
    members ``added`` (name: text) after them."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = source.read(info)
            if info.filename == part:
                root = etree.fromstring(member)
                change(root)
                member = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            target.writestr(info.filename, member)
        for name, text in (added or {}).items():
            target.writestr(name, text)
    return out.getvalue()


def _body_tables(root: etree._Element) -> list[etree._Element]:
    return root.findall(f"{_q('w:body')}/{_q('w:tbl')}")


def _text_box(table: etree._Element, number: int, width_mm: float, height_mm: float) -> etree._Element:
    """A paragraph holding ``table`` in a text box: DrawingML, with a VML copy as the fallback."""

    def sub(parent: etree._Element, tag: str, /, **attributes: str) -> etree._Element:
        return etree.SubElement(parent, _q(tag), attributes)

    def content(parent: etree._Element, tbl: etree._Element) -> None:
        box = sub(parent, "w:txbxContent")
        box.append(tbl)
        sub(box, "w:p")  # a text box's content ends with a paragraph, as after any table

    paragraph = etree.Element(_q("w:p"))
    run = sub(paragraph, "w:r")
    alternate = sub(run, "mc:AlternateContent")
    choice = sub(alternate, "mc:Choice", Requires="wps")
    drawing = sub(choice, "w:drawing")
    inline = sub(drawing, "wp:inline", distT="0", distB="0", distL="0", distR="0")
    cx, cy = str(int(width_mm * _EMU_PER_MM)), str(int(height_mm * _EMU_PER_MM))
    sub(inline, "wp:extent", cx=cx, cy=cy)
    sub(inline, "wp:docPr", id=str(number), name=f"Text Box {number}")
    graphic = sub(inline, "a:graphic")
    data = sub(graphic, "a:graphicData", uri=_NS["wps"])
    shape = sub(data, "wps:wsp")
    sub(shape, "wps:cNvSpPr", txBox="1")
    properties = sub(shape, "wps:spPr")
    frame = sub(properties, "a:xfrm")
    sub(frame, "a:off", x="0", y="0")
    sub(frame, "a:ext", cx=cx, cy=cy)
    geometry = sub(properties, "a:prstGeom", prst="rect")
    sub(geometry, "a:avLst")
    content(sub(shape, "wps:txbx"), table)
    sub(shape, "wps:bodyPr", rot="0", vert="horz", wrap="square", anchor="t")
    fallback = sub(alternate, "mc:Fallback")
    picture = sub(fallback, "w:pict")
    vml = sub(picture, "v:shape", id=f"TextBox{number}", style=f"width:{width_mm}mm;height:{height_mm}mm")
    content(sub(vml, "v:textbox"), copy.deepcopy(table))
    return paragraph


def in_text_boxes(data: bytes, landscape: bool = True) -> bytes:
    """Every table of the body moved into a text box of its own (a VML copy as the fallback),
    the section turned landscape."""

    def change(root: etree._Element) -> None:
        body = root.find(_q("w:body"))
        for number, table in enumerate(_body_tables(root), start=1):
            at = body.index(table)
            body.insert(at, _text_box(table, number, 240.0, 150.0))  # the box takes the table in
        if landscape:
            size = root.find(f"{_q('w:body')}/{_q('w:sectPr')}/{_q('w:pgSz')}")
            width, height = size.get(_q("w:w")), size.get(_q("w:h"))
            size.set(_q("w:w"), height)
            size.set(_q("w:h"), width)
            size.set(_q("w:orient"), "landscape")

    return _rewrite(data, "word/document.xml", change)


def with_wps_marks(data: bytes) -> bytes:
    """The marks WPS Office leaves in a .docx it saves: its namespace declared and ignorable, an
    element of it in the settings of each table, ``w14`` ids on paragraphs, its build number."""

    def change(root: etree._Element) -> None:
        etree.cleanup_namespaces(root, top_nsmap={k: _NS[k] for k in ("mc", "w14", "wp14", "wpsCustomData")})
        root.set(_q("mc:Ignorable"), "w14 wp14 wpsCustomData")
        for number, paragraph in enumerate(root.iter(_q("w:p")), start=1):
            paragraph.set(_q("w14:paraId"), f"{number:08X}")
            paragraph.set(_q("w14:textId"), f"{number + 0x10000000:08X}")
        for properties in root.iter(_q("w:tblPr")):
            etree.SubElement(properties, _q("wpsCustomData:tblLayoutInfo"), {"val": "1"})

    custom = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="KSOProductBuildVer">'
        "<vt:lpwstr>2052-12.1.0.16120</vt:lpwstr></property></Properties>"
    )
    return _rewrite(data, "word/document.xml", change, added={"docProps/custom.xml": custom})


def as_document2(data: bytes) -> bytes:
    """The document part moved to ``word/document2.xml`` (its relationships, content type and the
    package's relationship follow it)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    renames = {
        "word/document.xml": "word/document2.xml",
        "word/_rels/document.xml.rels": "word/_rels/document2.xml.rels",
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = source.read(info)
            if info.filename in ("[Content_Types].xml", "_rels/.rels"):
                member = member.replace(b"word/document.xml", b"word/document2.xml")
            target.writestr(renames.get(info.filename, info.filename), member)
    return out.getvalue()


def as_chunk(title: str, page: bytes, content_type: str = "text/html", name: str = "afchunk.htm") -> bytes:
    """A .docx of a title and a web page imported whole as its body (``w:altChunk``)."""
    document = docx.Document()
    document.add_paragraph(title)
    part = Part(PackURI(f"/word/{name}"), content_type, page, document.part.package)
    relation = document.part.relate_to(part, RELATIONSHIP_TYPE.A_F_CHUNK)
    chunk = etree.SubElement(document.element.body, _q("w:altChunk"))
    chunk.set(_q("r:id"), relation)
    document.element.body.append(document.element.body.sectPr)  # the section's properties stay last
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def with_pictures(
    data: bytes, pictures: dict[int, bytes], vml: bool = False, width_mm: float = 160.0, turned: int = 0
) -> bytes:
    """The body's tables numbered in ``pictures`` (from 1) replaced by those pictures (PNG or
    JPEG; EMF): DrawingML inline pictures, or VML ``v:imagedata`` as older Word and WPS write them
    (an EMF always so). ``turned`` (degrees, a quarter turn): the picture stored on its side and
    shown upright by the document's rotation, as a landscape table scanned sideways."""
    document = docx.Document(io.BytesIO(data))
    tables = _body_tables(document.element)
    for number, image in pictures.items():
        table = tables[number - 1]
        paragraph = document.add_paragraph()
        emf = image[40:44] == b" EMF"  # a table pasted from Excel as a picture; python-docx knows no EMF
        if turned and not emf:
            stored = io.BytesIO()
            Image.open(io.BytesIO(image)).rotate(turned, expand=True).save(stored, "PNG")
            image = stored.getvalue()
        if emf or vml:
            if emf:
                part = Part(PackURI(f"/word/media/table{number}.emf"), "image/x-emf", image, document.part.package)
                relation = document.part.relate_to(part, RELATIONSHIP_TYPE.IMAGE)
            else:
                relation, _ = document.part.get_or_add_image(io.BytesIO(image))
            run = etree.SubElement(paragraph._p, _q("w:r"))
            shape = etree.SubElement(etree.SubElement(run, _q("w:pict")), _q("v:shape"))
            shape.set("style", f"width:{width_mm}mm;height:{width_mm * 1.41:.0f}mm;rotation:{turned}")
            etree.SubElement(shape, _q("v:imagedata")).set(_q("r:id"), relation)
        else:
            paragraph.add_run().add_picture(io.BytesIO(image), width=Mm(width_mm))
            for xfrm in paragraph._p.iter(_q("a:xfrm")):
                xfrm.set("rot", str(turned * 60000))
        table.addprevious(paragraph._p)
        table.getparent().remove(table)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def typed_as_text(content: ReportContent) -> bytes:
    """The report's title and tables typed as text: one paragraph per table row, its cells'
    texts separated by tabs (merged cells typed once), no Word table."""
    document = docx.Document()
    document.add_paragraph(content.full_title().replace("\n", ""))
    for heading, grid in (
        (content.heading["二"], proactive_grid(content)),
        (content.heading["三"], requests_grid(content)),
        (content.heading["四"], review_grid(content)),
    ):
        document.add_paragraph(heading)
        for row in _rows(grid):
            document.add_paragraph("\t".join(row))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _rows(grid: Grid) -> list[list[str]]:
    """Each grid row's cell texts, a merged cell's text in its first row and column only."""
    rows = []
    for r in range(grid.nrows):
        cells = sorted((cell for cell in grid.cells if cell.row == r), key=lambda cell: cell.col)
        rows.append([cell.text.replace("\n", "") for cell in cells])
    return rows


_GRIDS = {"二": proactive_grid, "三": requests_grid, "四": review_grid}
_FOOTER_MM = 25  # the foot of the page, where the page number is printed, is left out of the picture


def table_picture(content: ReportContent, numeral: str, style: ScanStyle) -> bytes:
    """Table ``numeral`` (二 or 四: one page) alone as the PDF replica draws it, scanned (turned,
    noisy, blurred, a seal over it) and cut to the table with a margin, as JPEG: the picture a
    county pastes into its Word file."""
    grid = _GRIDS[numeral](content)
    pdf = Report(content)
    pdf.fit_figures(grid)
    pdf.new_page()
    pdf.table(grid)
    with tempfile.TemporaryDirectory(prefix="ogi-replica-picture-") as tmp:
        path = Path(tmp) / "table.pdf"
        pdf.output(str(path))
        page = scan_pages(path, style, seal_pages={1})[0]
    height = page.height - int(_FOOTER_MM / 25.4 * style.dpi)
    ink = np.asarray(page.convert("L"))[:height] < 128
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    margin = style.dpi // 8
    box = (
        max(int(cols[0]) - margin, 0),
        max(int(rows[0]) - margin, 0),
        min(int(cols[-1]) + margin, page.width),
        min(int(rows[-1]) + margin, height),
    )
    buffer = io.BytesIO()
    page.crop(box).save(buffer, "JPEG", quality=style.jpeg_quality)
    return buffer.getvalue()
