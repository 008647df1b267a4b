"""The .docx reader on table XML written by hand: the forms of merged cells, revisions, content
controls and hidden text that Word and other producers write, each read as Word shows it."""

from __future__ import annotations

import base64
import io

import docx
from lxml import etree
from PIL import Image

from pipeline.extract.wordfile import read_docx, read_wordml, word_format

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _p(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def _docx(table_xml: str) -> bytes:
    """A real .docx (python-docx's package) whose body holds the given table."""
    document = docx.Document()
    document.add_paragraph("示范市2023年政府信息公开工作年度报告")
    anchor = document.add_paragraph()
    anchor._p.addnext(etree.fromstring(table_xml.replace("<w:tbl>", f"<w:tbl {W}>", 1)))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _cells(data: bytes) -> list[list[tuple[str, str]]]:
    [segment] = read_docx(data).segments
    return [[(region.text, region.locator) for region in segment.row(r)] for r in range(segment.nrows)]


def test_grid_before_h_merge_and_v_merge():
    table = (
        "<w:tbl><w:tblGrid>" + '<w:gridCol w:w="600"/>' * 4 + "</w:tblGrid>"
        # row 1: a cell merged over two rows, then two cells joined by the old hMerge, then one
        '<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr>' + _p("标签") + "</w:tc>"
        '<w:tc><w:tcPr><w:hMerge w:val="restart"/></w:tcPr>' + _p("表头") + "</w:tc>"
        '<w:tc><w:tcPr><w:hMerge w:val="continue"/></w:tcPr><w:p/></w:tc>'
        "<w:tc>" + _p("4") + "</w:tc></w:tr>"
        # row 2: the continuation, then a row that skips a grid column at its start
        "<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>"
        '<w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr>' + _p("1") + "</w:tc><w:tc>" + _p("2") + "</w:tc></w:tr>"
        '<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr><w:tc><w:tcPr><w:gridSpan w:val="3"/></w:tcPr>'
        + _p("3")
        + "</w:tc></w:tr></w:tbl>"
    )
    document = read_docx(_docx(table))
    [segment] = document.segments
    assert document.lines == ["示范市2023年政府信息公开工作年度报告"]
    label = segment.at[0][0]
    assert (label.text, label.r0, label.r1, label.locator) == ("标签", 0, 1, "table 1, row 1, column 1")
    assert segment.at[1][0] is label
    header = segment.at[0][1]
    assert header is segment.at[0][2] and (header.x0, header.x1) == (30.0, 90.0)  # 600 twips = 30 pt
    assert _cells(_docx(table))[2] == [("", "table 1, row 3, column 1"), ("3", "table 1, row 3, column 2")]


def test_revisions_controls_hidden_text_and_paragraphs():
    table = (
        '<w:tbl><w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="600"/></w:tblGrid>'
        "<w:tr><w:tc>"
        '<w:p><w:r><w:t>（一）</w:t></w:r><w:r><w:t xml:space="preserve">予以 </w:t></w:r></w:p><w:p/>'
        "<w:p><w:r><w:t>公开</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>批注</w:t></w:r></w:p>"
        "</w:tc><w:tc><w:p>"
        '<w:del w:id="1" w:author="a"><w:r><w:delText>17</w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="a"><w:r><w:t>12</w:t></w:r></w:ins>'
        "</w:p></w:tc></w:tr>"
        # a row in a content control, its figure in another
        "<w:sdt><w:sdtPr/><w:sdtContent><w:tr><w:tc>" + _p("（二）部分公开") + "</w:tc>"
        "<w:tc><w:sdt><w:sdtPr/><w:sdtContent>" + _p("3") + "</w:sdtContent></w:sdt><w:p/></w:tc>"
        "</w:tr></w:sdtContent></w:sdt>"
        # a row deleted with changes tracked
        '<w:tr><w:trPr><w:del w:id="3" w:author="a"/></w:trPr><w:tc>'
        + _p("删除的行")
        + "</w:tc><w:tc>"
        + _p("9")
        + "</w:tc></w:tr>"
        # a field: its code is not shown, its result is
        "<w:tr><w:tc>" + _p("合计") + '</w:tc><w:tc><w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText> =SUM(ABOVE) </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        '<w:r><w:t>15</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:tc></w:tr>'
        "</w:tbl>"
    )
    assert _cells(_docx(table)) == [
        [("（一）予以\n公开", "table 1, row 1, column 1"), ("12", "table 1, row 1, column 2")],
        [("（二）部分公开", "table 1, row 2, column 1"), ("3", "table 1, row 2, column 2")],
        [("合计", "table 1, row 4, column 1"), ("15", "table 1, row 4, column 2")],
    ]


def test_a_nested_data_table_and_its_layout_table():
    inner = '<w:tbl><w:tblGrid><w:gridCol w:w="600"/></w:tblGrid><w:tr><w:tc>' + _p("7") + "</w:tc></w:tr></w:tbl>"
    outer = '<w:tbl><w:tblGrid><w:gridCol w:w="3000"/></w:tblGrid><w:tr><w:tc>' + inner + "<w:p/></w:tc></w:tr></w:tbl>"
    document = read_docx(_docx(outer))
    # The layout table holds no figure of its own: only the table inside it is read, as table 2.
    assert document.table_count == 2
    assert [(s.page, document.numbers[s.page], s.at[0][0].text) for s in document.segments] == [(1, 2, "7")]


def test_word_2003_xml_is_read_like_a_docx():
    """Word 2003's one-file XML (posted under a .doc name) is recognised by its root and read like
    a .docx's document part, its lower-case ``w:vmerge`` included."""
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<?mso-application progid="Word.Document"?>'
        '<w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml"><w:body>'
        + _p("示范市2023年政府信息公开工作年度报告")
        + '<w:tbl><w:tblGrid><w:gridCol w:w="1200"/><w:gridCol w:w="600"/><w:gridCol w:w="600"/></w:tblGrid>'
        '<w:tr><w:tc><w:tcPr><w:vmerge w:val="restart"/></w:tcPr>' + _p("标签") + "</w:tc>"
        '<w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr>' + _p("表头") + "</w:tc></w:tr>"
        "<w:tr><w:tc><w:tcPr><w:vmerge/></w:tcPr><w:p/></w:tc><w:tc>"
        + _p("1")
        + "</w:tc><w:tc>"
        + _p("2")
        + "</w:tc></w:tr>"
        "</w:tbl></w:body></w:wordDocument>"
    ).encode()
    assert word_format(xml) == "xml"

    document = read_wordml(xml)

    assert document.lines == ["示范市2023年政府信息公开工作年度报告"]
    [segment] = document.segments
    assert [[region.text for region in segment.row(r)] for r in range(segment.nrows)] == [
        ["标签", "表头"],
        ["标签", "1", "2"],
    ]
    assert segment.at[0][0] is segment.at[1][0] and segment.at[0][0].r1 == 1
    assert segment.at[0][1].locator == "table 1, row 1, column 2" and segment.at[0][1] is segment.at[0][2]


_TABLE = "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"


def _png() -> bytes:
    picture = io.BytesIO()
    Image.new("RGB", (8, 8), (255, 255, 255)).save(picture, "PNG")
    return picture.getvalue()


def test_word_2003_xml_pictures_are_in_the_file():
    """A picture of Word 2003 XML is a ``w:binData`` (base64) that its ``v:imagedata`` names; it
    keeps its place among the tables (one before it, one after)."""
    png = _png()
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?><?mso-application progid="Word.Document"?>'
        '<w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><w:body>'
        + _TABLE
        + '<w:p><w:r><w:pict><w:binData w:name="wordml://02000001.png">'
        + base64.b64encode(png).decode()
        + '</w:binData><v:shape><v:imagedata src="wordml://02000001.png"/></v:shape></w:pict></w:r></w:p>'
        + _TABLE
        + "</w:body></w:wordDocument>"
    ).encode()

    document = read_wordml(xml)

    assert [(p.number, p.after, p.data) for p in document.pictures] == [(1, 1, png)]
    assert len(document.segments) == 2


def test_a_picture_written_twice_is_read_once():
    """A picture in ``mc:AlternateContent`` (DrawingML, and a VML copy as the fallback) is one
    picture; a table in a text box's fallback copy is not read either."""
    document = docx.Document()
    relation, _ = document.part.get_or_add_image(io.BytesIO(_png()))
    R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    paragraph = (
        f'<w:p {W} {R} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:v="urn:schemas-microsoft-com:vml">'
        f'<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><a:blip r:embed="{relation}"/>'
        f"<w:txbxContent>{_TABLE}<w:p/></w:txbxContent></w:drawing></mc:Choice>"
        f'<mc:Fallback><w:pict><v:shape><v:imagedata r:id="{relation}"/><v:textbox><w:txbxContent>{_TABLE}'
        "<w:p/></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )
    document.element.body.insert(0, etree.fromstring(paragraph))
    buffer = io.BytesIO()
    document.save(buffer)

    read = read_docx(buffer.getvalue())

    assert [(p.number, p.after) for p in read.pictures] == [(1, 0)]
    assert read.table_count == 1 and len(read.segments) == 1


def test_a_table_in_a_vml_text_box_alone_is_read():
    """A text box written only in VML (older Word, WPS: no ``mc:AlternateContent`` around it)
    holds the only copy of its table: it is read, and its text box's paragraph is one line."""
    paragraph = (
        f'<w:p {W} xmlns:v="urn:schemas-microsoft-com:vml"><w:r><w:pict><v:shape><v:textbox><w:txbxContent>'
        f"{_TABLE}<w:p><w:r><w:t>框内</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>"
    )
    document = docx.Document()
    document.element.body.insert(0, etree.fromstring(paragraph))
    buffer = io.BytesIO()
    document.save(buffer)

    read = read_docx(buffer.getvalue())

    assert read.table_count == 1 and [region.text for region in read.segments[0].row(0)] == ["1"]
    assert read.lines == ["框内"]
