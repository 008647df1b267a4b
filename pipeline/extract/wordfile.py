"""Word files: every table of a .docx read from its own XML (``word/document.xml``) as a grid of
merged cells (a ``Segment``), the structure the PDF and web-page paths map, so the row and column
mapping, provenance and checks are shared. Files of other word processors (.doc, .wps, .rtf,
.odt) are first converted to .docx by LibreOffice (``wordconvert.py``).

What a file is comes from its bytes (``word_format``), never its name: a zip holding
``word/document.xml`` is a .docx, a zip whose ``mimetype`` is an OpenDocument text an .odt, an
OLE2 compound file (``D0 CF 11 E0``) a .doc or WPS .wps, ``{\\rtf`` an RTF file, an XML file
whose root is ``w:wordDocument`` a Word 2003 XML document (read like a .docx's document part).

A table is read as Word lays it out: ``w:tblGrid`` gives the grid columns and their widths
(twentieths of a point; a cell's x extent is the sum of those it spans, in points, so the
mapping's tolerances mean what they mean on a PDF page); ``w:gridBefore``/``w:gridAfter`` skip
grid columns at a row's ends; ``w:gridSpan`` merges columns, ``w:vMerge`` (``restart``, then
continuation cells) merges rows, and the merged cell's text is its first cell's. A cell's text is
its paragraphs, one line each, its runs joined: inserted text (``w:ins``) counts and deleted text
(``w:del``) does not, content controls (``w:sdt``) are read through, hidden runs and field codes
are not shown. A table nested in a cell is a table of its own. A header row printed again further
down (``w:tblHeader`` rows are repeated by Word when it lays out pages, but files converted from
PDFs hold the copies) is passed over, as on web pages.

A fact's locator is ``table T, row R, column C``: the T-th ``w:tbl`` of the document in document
order (nested ones counted), its R-th ``w:tr``, the grid column C where the cell starts (1-based).
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from pipeline.core.facts import LimitError, ReportError
from pipeline.core.settings import Limits
from pipeline.extract.imagesources import is_image
from pipeline.extract.numbers import looks_numeric
from pipeline.extract.segments import Region, Segment, repaged

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
# Word 2003's XML document (WordprocessingML in one file), often posted under a .doc name.
_WORD_XML = (b"<w:wordDocument", b'progid="Word.Document"')
# The file's own document part; a larger one is not a report (a zip bomb, or a book).
MAX_XML_BYTES = 200 * 1024 * 1024
# A zip's parts are inflated this much at a time, and counted as they are (``Inflating``).
_BLOCK = 2**20
# What reading a damaged zip raises (a bad CRC, an unknown compression, a cut deflate stream, an
# offset before the file's start).
_DAMAGED = (zipfile.BadZipFile, OSError, EOFError, RuntimeError, ValueError, zlib.error)
# Width of a grid column when the table gives none (points): wide enough that the mapping's
# tolerances (cells.EDGE, 2 points) stay inside one column.
COLUMN_WIDTH = 10.0
_TWIPS = 20.0  # twentieths of a point
_MAX_SPAN = 200  # a gridSpan beyond any real table: a broken attribute, not a layout
_SPACES = re.compile(r"[ \t\r\f\xa0\u2002\u2003\u2009\u200b\u3000]+")
# Elements whose content is never shown: deletions, field codes, the fallback copy of a drawing.
_HIDDEN = {"del", "moveFrom", "delText", "instrText", "delInstrText", "Fallback", "pPr", "rPr", "tcPr", "trPr"}
# Wrappers that hold rows or cells of a table: content controls, custom XML, smart tags.
_WRAPPERS = {"sdt", "sdtContent", "customXml", "smartTag", "ins", "moveTo"}


def _local(element: etree._Element) -> str:
    """An element's name without its namespace (``{…/main}tc`` → ``tc``); "" for comments."""
    tag = element.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _attribute(element: etree._Element | None, name: str) -> str | None:
    """An attribute by its local name (Transitional and Strict documents differ in namespace)."""
    if element is None:
        return None
    for key, value in element.attrib.items():
        if key.rpartition("}")[2] == name:
            return value
    return None


def _child(element: etree._Element | None, *names: str) -> etree._Element | None:
    """The first child with one of these local names."""
    if element is None:
        return None
    for child in element:
        if _local(child) in names:
            return child
    return None


def _on(element: etree._Element | None) -> bool:
    """Whether a toggle property (``<w:vanish/>``, ``<w:tblHeader w:val="0"/>``) is set."""
    return element is not None and _attribute(element, "val") not in ("0", "false", "off")


def word_format(data: bytes, limits: Limits | None = None) -> str | None:
    """``docx``, ``doc`` (an OLE2 file: Word 97-2003 or WPS), ``rtf``, ``odt`` or ``xml`` (Word 2003
    XML) by the bytes, or None when they are none of these and no zip. A zip (``PK\\3\\4``) that is
    not read as a Word file raises ``ReportError`` saying why; one whose package parts inflate past
    the inflated stream limit of ``limits`` (default: from the environment) ``LimitError``. Each
    part is read once, and the caller decides what the line means for it (a reading fails with it,
    the fetcher takes the bytes for no Word file)."""
    if data.startswith(OLE2):
        return "doc"
    head = data[:4096].lstrip(b"\xef\xbb\xbf\r\n\t ")
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(b"<?xml") and any(mark in head for mark in _WORD_XML):
        return "xml"
    if data.startswith(b"PK\x03\x04"):
        return _zip_format(data, limits or Limits.from_env())
    return None


# A zip member's local header (signature, then the name's length at byte 26, the name at 30): it
# comes before the member's data, so the members written before a cut are still named.
_LOCAL_HEADER = re.compile(rb"PK\x03\x04.{22}(..)..", re.DOTALL)


def _zip_format(data: bytes, limits: Limits) -> str:
    """``docx`` or ``odt`` for a zip, else ``ReportError``: a zip of something else, or a damaged
    one, named by what its members were (those written before the damage). The package parts that
    tell a .docx are read within ``limits`` (``LimitError`` past them: that, not its kind, is why
    it is not read)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if _main_part(archive, Inflating(archive, limits)) is not None:
                return "docx"
            if _odt(archive):
                return "odt"
    except _DAMAGED as exc:
        raise ReportError(f"{_zip_kind(data)} {_zip_damage(data, exc)}") from None
    raise ReportError("a zip archive that is neither a Word file (.docx) nor an OpenDocument text (.odt)")


def _odt(archive: zipfile.ZipFile) -> bool:
    """Whether a zip's ``mimetype`` names an OpenDocument text (one that cannot be read names none)."""
    if "mimetype" not in archive.NameToInfo:
        return False
    with contextlib.suppress(*_DAMAGED):
        return head_of(archive, "mimetype", len(ODT_MIMETYPE) + 2).strip() == ODT_MIMETYPE
    return False


def _zip_kind(data: bytes) -> str:
    """What a damaged zip was, by the names in its members' local headers: each header comes
    before its member's data, so a zip cut short still names the members it begins with (a .docx's
    parts are under ``word/``; an .odt's first member is its ``mimetype``, stored as is)."""
    names = [data[m.end() : m.end() + int.from_bytes(m[1], "little")] for m in _LOCAL_HEADER.finditer(data)]
    if any(name.startswith(b"word/") for name in names):
        return "a damaged Word file (.docx): its zip archive is"
    if names[:1] == [b"mimetype"] and ODT_MIMETYPE in data[:256]:
        return "a damaged OpenDocument text (.odt): its zip archive is"
    return "a damaged zip archive, no member of a Word file before the damage: it is"


def _zip_damage(data: bytes, exc: Exception) -> str:
    """What is wrong with a zip that cannot be opened. The list of its members (its central
    directory, ``PK\\1\\2`` records) and the record that finds it (``PK\\5\\6``) come last in a
    zip: a file with neither was cut short before them, as a broken download is."""
    if b"PK\x05\x06" not in data and b"PK\x01\x02" not in data:
        return "cut short (no central directory)"
    if b"PK\x05\x06" not in data:
        return "cut short or damaged (the end of its central directory is missing)"
    return f"damaged ({exc})"


def head_of(archive: zipfile.ZipFile, name: str, size: int) -> bytes:
    """The first ``size`` bytes of a zip's part, however large it inflates to."""
    with archive.open(name) as member:
        return member.read(size)


class Inflating:
    """What the parts read from one zip inflate to, together, within the limit a PDF's streams
    have (``Limits.inflated_mb``): a part is refused by its stated size before it is read, and read
    a block at a time, counted as it inflates, since the size a zip states may be a lie (a zip bomb
    states a few bytes; ``ZipFile.read`` would inflate the whole part into memory first)."""

    def __init__(self, archive: zipfile.ZipFile, limits: Limits) -> None:
        self.archive = archive
        self.limits = limits
        self.left = int(limits.inflated_mb * 2**20)

    def read(self, member: str | zipfile.ZipInfo) -> bytes:
        info = member if isinstance(member, zipfile.ZipInfo) else self.archive.getinfo(member)
        if info.file_size > self.left:
            raise self.beyond()
        out = bytearray()
        with self.archive.open(info) as part:
            while block := part.read(_BLOCK):
                out += block
                if len(out) > self.left:
                    raise self.beyond()
        self.left -= len(out)
        return bytes(out)

    def beyond(self) -> LimitError:
        return LimitError(f"Word file: its zip's parts inflate beyond {self.limits.describe('inflated_mb')}")


@dataclass
class Picture:
    """A picture in the document's text (``w:drawing``'s ``a:blip``, VML's ``v:imagedata``): a
    table pasted as an image, a logo or a seal, read by OCR only when the tables are not in the XML."""

    number: int  # among the document's pictures, in order (its locator says "picture N")
    after: int  # how many segments come before it in the document
    data: bytes
    # Degrees the document turns it clockwise to show it (0, 90, 180, 270): a landscape table
    # scanned on its side and turned upright in Word.
    turned: int = 0


@dataclass
class WordFile:
    """A report's Word file: its text outside the tables and its tables, each as one segment."""

    lines: list[str]  # the paragraphs outside tables, in order (the title comes first)
    segments: list[Segment]
    table_count: int  # every w:tbl of the document, nested ones included
    # A segment's page is its number among the tables read (layout tables left out), so that a
    # table split in two stays adjacent; the w:tbl number (its locator's T) of each.
    numbers: dict[int, int]
    pictures: list[Picture] = field(default_factory=list)
    metafiles: int = 0  # pictures in a vector format (EMF, WMF), which are not read
    linked: int = 0  # pictures linked to a file outside the document (``r:link``), which are not read
    typed_rows: int = 0  # paragraphs outside tables that type three figures or more apart (tabs, spaces)
    # What the mapping's "page N" is for each segment page: "table T", or a table of an imported chunk.
    names: dict[int, str] = field(default_factory=dict)
    # ``lines`` with ``None`` where a table or picture stands, in document order: what a
    # section's heading is followed by (``standins.py``).
    flow: list[str | None] = field(default_factory=list)


def _text(element: etree._Element) -> str:
    """The text shown for a cell or paragraph: one line per paragraph or line break, runs of
    spaces collapsed, blank lines dropped; nested tables left out (they are read themselves)."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        name = _local(node)
        if name in _HIDDEN or name == "tbl" and node is not element:
            return
        if name == "r" and _on(_child(_child(node, "rPr"), "vanish")):
            return
        if name == "t":
            parts.append(node.text or "")
        elif name in ("tab", "ptab"):
            parts.append(" ")
        elif name in ("br", "cr"):
            parts.append("\n")
        elif name == "noBreakHyphen":
            parts.append("-")
        for child in node:
            walk(child)
        if name == "p":
            parts.append("\n")

    walk(element)
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _through(element: etree._Element, name: str) -> list[etree._Element]:
    """The ``name`` children of an element, also those wrapped in content controls and the like."""
    found: list[etree._Element] = []
    for child in element:
        local = _local(child)
        if local == name:
            found.append(child)
        elif local in _WRAPPERS:
            found.extend(_through(child, name))
    return found


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


@dataclass
class _Cell:
    """A ``w:tc`` placed on the grid: where it starts, how many columns it spans, its merge."""

    col: int
    span: int
    text: str
    vmerge: str | None  # None | "restart" | "continue"


def _row_cells(tr: etree._Element) -> list[_Cell]:
    properties = _child(tr, "trPr")
    col = max(_int(_attribute(_child(properties, "gridBefore"), "val"), 0), 0)
    cells: list[_Cell] = []
    for tc in _through(tr, "tc"):
        tcp = _child(tc, "tcPr")
        span = min(max(_int(_attribute(_child(tcp, "gridSpan"), "val"), 1), 1), _MAX_SPAN)
        merge = _child(tcp, "vMerge", "vmerge")  # Word 2003 XML spells it lower-case
        vmerge = None if merge is None else ("restart" if _attribute(merge, "val") == "restart" else "continue")
        hmerge = _child(tcp, "hMerge", "hmerge")
        if hmerge is not None and _attribute(hmerge, "val") != "restart" and cells:
            cells[-1].span += span  # the old form of a horizontal merge: this cell widens the one before
        else:
            cells.append(_Cell(col, span, _text(tc), vmerge))
        col += span
    return cells


def _widths(table: etree._Element, ncols: int) -> list[float]:
    """The grid columns' widths in points: the table's own, or uniform when it gives none."""
    grid = _child(table, "tblGrid")
    widths = [_int(_attribute(col, "w"), 0) / _TWIPS for col in _through(grid, "gridCol")] if grid is not None else []
    if len(widths) < ncols or any(width <= 0 for width in widths[:ncols]):
        return [COLUMN_WIDTH] * ncols
    return widths[:ncols]


def _segment(table: etree._Element, number: int, page: int, max_cells: int) -> Segment | None:
    """The grid of one ``w:tbl`` (the ``number``-th of the document, the ``page``-th read); a
    header row printed again further down is passed over. A grid of more than ``max_cells``
    cells (rows × columns, spans counted) raises ``LimitError`` as soon as it is seen."""
    placed: list[tuple[int, list[_Cell]]] = []  # (w:tr number, its cells)
    ncols = 0
    seen_rows: set[tuple] = set()
    for index, tr in enumerate(_through(table, "tr"), start=1):
        if _child(_child(tr, "trPr"), "del") is not None:
            continue  # a row deleted with changes tracked
        cells = _row_cells(tr)
        texts = [cell.text for cell in cells]
        if any(texts) and not any(looks_numeric(text) for text in texts):
            signature = tuple((c.col, c.span, c.text, c.vmerge) for c in cells)
            if signature in seen_rows:
                continue  # the same header (or label) row printed twice
            seen_rows.add(signature)
        placed.append((index, cells))
        ncols = max(ncols, cells[-1].col + cells[-1].span if cells else 0)
        if len(placed) * ncols > max_cells:
            limit = Limits(table_cells=max_cells).describe("table_cells")
            raise LimitError(f"Word file: table {number} is larger than {limit}")
    if not placed or ncols == 0:
        return None
    widths = _widths(table, ncols)
    edges = [0.0]
    for width in widths:
        edges.append(edges[-1] + width)
    # Regions as [r0, r1, c0, c1, text, locator]; a continuation cell extends the region above
    # that starts in the same grid column.
    regions: list[list] = []
    at: list[list[int | None]] = [[None] * ncols for _ in placed]
    for r, (index, cells) in enumerate(placed):
        for cell in cells:
            c1 = min(cell.col + cell.span, ncols) - 1
            above = at[r - 1][cell.col] if r > 0 else None
            if (
                cell.vmerge == "continue"
                and above is not None
                and regions[above][2] == cell.col
                and regions[above][1] == r - 1
            ):
                regions[above][1] = r
                key = above
            else:
                key = len(regions)
                regions.append([r, r, cell.col, c1, cell.text, f"table {number}, row {index}, column {cell.col + 1}"])
            for c in range(cell.col, c1 + 1):
                at[r][c] = key
    grid: list[list[Region]] = []
    made: dict[int, Region] = {}
    for r, (index, _) in enumerate(placed):
        row: list[Region] = []
        for c in range(ncols):
            key = at[r][c]
            if key is None:  # a place no cell covers (a short row): empty, as Word draws it
                row.append(
                    Region("", page, r, r, edges[c], edges[c + 1], f"table {number}, row {index}, column {c + 1}")
                )
                continue
            if key not in made:
                r0, r1, c0, c1, text, locator = regions[key]
                made[key] = Region(text, page, r0, r1, edges[c0], edges[c1 + 1], locator)
            row.append(made[key])
        grid.append(row)
    return Segment(
        page=page,
        nrows=len(grid),
        at=grid,
        cols=[(edges[c], edges[c + 1]) for c in range(ncols)],
        first_on_page=True,
        last_on_page=True,
    )


def _layout(table: etree._Element) -> bool:
    """A table around other tables that holds no figure of its own: page layout, not data."""
    inner = [element for element in table.iter() if element is not table and _local(element) == "tbl"]
    if not inner:
        return False
    own = [tc for tr in _through(table, "tr") for tc in _through(tr, "tc")]
    return not any(looks_numeric(line) for tc in own for line in _text(tc).split("\n"))


def _parse(xml: bytes) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, remove_comments=True)
    try:
        return etree.fromstring(xml, parser)
    except etree.XMLSyntaxError as exc:
        if exc.code == etree.ErrorTypes.ERR_RESOURCE_LIMIT:
            raise ReportError(_beyond_xml_limit(xml, exc.msg)) from None
        raise ReportError(f"Word file: its document part is not well-formed XML: {exc}") from None


_DEPTH = re.compile(r"Excessive depth in document: (\d+)")
_TABLE_TAG = re.compile(rb"<(/?)(?:[\w.-]+:)?tbl(?=[\s/>])")


def _beyond_xml_limit(xml: bytes, said: str) -> str:
    """The line for XML that libxml2 refuses to build: elements nested deeper than it allows
    (2048 levels), or entities that expand beyond its amplification factor (a billion laughs).
    No report comes near either: a table nested in a cell of another is three levels deeper, a
    report nests two or three."""
    depth = _DEPTH.search(said)
    if depth is None:
        return "Word file: its XML's entities expand beyond what the XML reader allows (entities naming entities: an XML bomb): not read"
    levels = f"deeper than the {depth[1]} levels the XML reader allows: not read"
    nested = _nesting(xml)
    if nested * 3 > int(depth[1]):  # each table is three levels: w:tbl, w:tr, w:tc
        return f"Word file: tables nested {nested} deep, one in a cell of another: its XML nests {levels}"
    return f"Word file: its XML nests elements {levels}"


def _nesting(xml: bytes) -> int:
    """How deep tables nest in a document's XML, counted from its tags (it could not be parsed)."""
    depth = deepest = 0
    for tag in _TABLE_TAG.finditer(xml):
        depth += -1 if tag[1] else 1
        deepest = max(deepest, depth)
    return deepest


_MAIN_TYPES = ("wordprocessingml.document.main+xml", "ms-word.document.macroEnabled.main+xml")
_RELATIONSHIPS = ("/officeDocument/2006/relationships}", "/officeDocument/relationships}")  # Transitional, Strict
_LINK = tuple(ns + "link" for ns in _RELATIONSHIPS)  # a DrawingML picture linked to a file, not embedded


def _main_part(archive: zipfile.ZipFile, inflating: Inflating | None = None) -> str | None:
    """The document part of a .docx: ``word/document.xml``, or the part the package's
    relationships name (``word/document2.xml`` in files some editors and CMSs write), when its
    content type says it is a Word document."""
    names = set(archive.namelist())
    if "word/document.xml" in names:
        return "word/document.xml"
    if "_rels/.rels" not in names or "[Content_Types].xml" not in names:
        return None
    inflating = inflating or Inflating(archive, Limits.from_env())
    try:
        rels = _parse(inflating.read("_rels/.rels"))
        types = _parse(inflating.read("[Content_Types].xml"))
    except LimitError:
        raise
    except ReportError:
        return None
    words = {
        _attribute(override, "PartName")
        for override in types
        if _local(override) == "Override" and (_attribute(override, "ContentType") or "").endswith(_MAIN_TYPES)
    }
    for relation in rels:
        if (_attribute(relation, "Type") or "").endswith("/officeDocument"):
            target = (_attribute(relation, "Target") or "").lstrip("/")
            if target in names and "/" + target in words:
                return target
    return None


class _Parts:
    """The parts of a .docx its relationships name by id (pictures, imported chunks), each read
    (within the zip's ``Inflating``) only when the document shows it: a package may relate parts
    by the thousand."""

    def __init__(self, members: dict[str, zipfile.ZipInfo], inflating: Inflating) -> None:
        self.members = members
        self.inflating = inflating

    def get(self, key: str) -> bytes | None:
        member = self.members.get(key)
        if member is None:
            return None
        try:
            return self.inflating.read(member)
        except _DAMAGED as exc:
            raise ReportError(f"Word file: a damaged .docx ({exc})") from None


def _package(archive: zipfile.ZipFile, inflating: Inflating) -> tuple[bytes, _Parts]:
    """A .docx's document part, and the parts its relationships point to by id (external targets
    left out)."""
    part = _main_part(archive, inflating)
    if part is None:
        raise ReportError("not a Word file: the zip holds no word/document.xml")
    info = archive.getinfo(part)
    if info.file_size > MAX_XML_BYTES:
        raise ReportError(f"Word file: its document part is {info.file_size} bytes, beyond any report")
    folder, name = posixpath.split(part)
    document = inflating.read(info)
    members: dict[str, zipfile.ZipInfo] = {}
    rels = posixpath.join(folder, "_rels", name + ".rels")
    if rels in archive.NameToInfo:
        for relation in _parse(inflating.read(rels)):
            target = _attribute(relation, "Target")
            if not target or _attribute(relation, "TargetMode") == "External":
                continue
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"{folder}/{target}")
            member = archive.NameToInfo.get(path)
            if member is not None and member.file_size <= MAX_XML_BYTES:
                members[_attribute(relation, "Id") or ""] = member
    return document, _Parts(members, inflating)


def read_docx(data: bytes, limits: Limits | None = None) -> WordFile:
    """Read a .docx: its tables as segments and its paragraphs outside tables, within ``limits``
    (default: from the environment): its parts inflated, the size of each table."""
    limits = limits or Limits.from_env()
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        xml, parts = _package(archive, Inflating(archive, limits))
    except _DAMAGED as exc:
        raise ReportError(f"Word file: a damaged .docx ({exc})") from None
    with archive:  # open while the body is read: its pictures are read as it shows them
        return _read_body(_parse(xml), parts, limits)


def read_wordml(data: bytes, limits: Limits | None = None) -> WordFile:
    """Read a Word 2003 XML document: the same elements as a .docx's document part, in one file
    (under another namespace, and ``w:vmerge``/``w:hmerge`` spelt lower-case). Its pictures are
    in the file too: ``w:binData`` elements, base64, named by the ``src`` of their ``v:imagedata``."""
    root = _parse(data)
    pictures: dict[str, bytes] = {}
    for element in root.iter():
        if _local(element) == "binData" and _attribute(element, "name"):
            try:
                pictures[_attribute(element, "name") or ""] = base64.b64decode("".join((element.text or "").split()))
            except binascii.Error:
                continue  # a damaged picture: left out, as a broken image on a web page
    return _read_body(root, pictures, limits or Limits.from_env())


_APART = re.compile(r"\t|[ \xa0\u3000]{2,}")


_VML_ROTATION = re.compile(r"(?:^|;)\s*rotation\s*:\s*(-?[\d.]+)(fd|f)?", re.IGNORECASE)


def _turned(picture: etree._Element) -> int:
    """The quarter turns (degrees clockwise) with which the document shows a picture: DrawingML's
    ``a:xfrm rot`` (60000ths of a degree) of the picture's shape, VML's ``rotation`` in the
    shape's style (degrees, or 65536ths with an ``f``). Other angles are left to the scan reader's
    straightening."""
    degrees = 0.0
    if _local(picture) == "blip":
        shape = next((up for up in picture.iterancestors() if _local(up) == "pic"), None)
        xfrm = next((e for e in shape.iter() if _local(e) == "xfrm"), None) if shape is not None else None
        degrees = _int(_attribute(xfrm, "rot"), 0) / 60000
    else:
        shape = picture.getparent()
        found = _VML_ROTATION.search((shape.get("style") or "") if shape is not None else "")
        if found:
            degrees = float(found[1]) / (65536 if found[2] else 1)
    quarter = round(degrees / 90) * 90
    return quarter % 360 if abs(degrees - quarter) <= 1 else 0


def _metafile(data: bytes) -> bool:
    """An EMF (`` EMF`` at byte 40) or WMF (placeable, or a plain header) picture."""
    return data[40:44] == b" EMF" or data.startswith((b"\xd7\xcd\xc6\x9a", b"\x01\x00\x09\x00", b"\x02\x00\x09\x00"))


def _typed_row(paragraph: etree._Element) -> bool:
    """Whether a paragraph types a table row as text: three figures or more set apart by tabs or
    wide runs of spaces (old reports and some WPS files type their tables so)."""
    text = "".join(
        (node.text or "") if _local(node) == "t" else "\t"
        for node in paragraph.iter()
        if _local(node) in ("t", "tab", "ptab")
    )
    return sum(looks_numeric(field.strip()) for field in _APART.split(text) if field.strip()) >= 3


def _shown(element: etree._Element) -> Iterator[etree._Element]:
    """The elements below ``element`` in document order, those never shown left out: the
    fallback copy of a text box or drawing (``mc:Fallback``; ``mc:Choice`` is read), deletions."""
    stack = [iter(element)]  # not recursive: a document may nest deeper than Python's stack
    while stack:
        for child in stack[-1]:
            if _local(child) not in _HIDDEN:
                yield child
                stack.append(iter(child))
                break
        else:
            stack.pop()


def _relation(element: etree._Element) -> str | None:
    """The relationship id a picture names (``r:embed`` of ``a:blip``, ``r:id`` of ``v:imagedata``)."""
    for key, value in element.attrib.items():
        if key.endswith(tuple(ns + name for ns in _RELATIONSHIPS for name in ("embed", "id"))):
            return value
    return None


def _chunk(data: bytes, number: int, first_page: int) -> tuple[list[Segment], dict[int, str], list[str | None]]:
    """The tables of an imported chunk (``w:altChunk``: an HTML or MHTML page a CMS put in as the
    body), paged from ``first_page``, and its text's lines (``None`` where a table stands)."""
    from pipeline.extract.htmlpage import is_web_page, read_page  # the web-page reader, for chunks only
    from pipeline.extract.mhtfile import html_part, is_mhtml

    head = data[:2048]
    if is_mhtml(head):
        page = read_page(*html_part(data))
    elif is_web_page(head):
        page = read_page(data)
    else:
        raise ReportError(
            f"Word file: its text is imported from a part (w:altChunk {number}) that is neither a web page "
            "nor MHTML; it is not read"
        )
    segments, names = [], {}
    for segment in page.segments:
        paged = repaged(segment, first_page + len(segments), f"chunk {number}, ")
        names[paged.page] = f"table {segment.page} of chunk {number}"
        segments.append(paged)
    return segments, names, page.flow


def _read_body(root: etree._Element, related: _Parts | dict[str, bytes], limits: Limits) -> WordFile:
    body = _child(root, "body")
    if body is None:
        raise ReportError("Word file: its document part has no body")
    # Walked as it goes, not listed first: a table beyond the table size limit stops the reading
    # before the rest of a huge body is walked.
    shown = _shown(body)
    segments: list[Segment] = []
    numbers: dict[int, int] = {}
    names: dict[int, str] = {}
    pictures: list[Picture] = []
    flow: list[str | None] = []
    number = chunks = typed = metafiles = linked = 0
    for element in shown:
        name = _local(element)
        if name == "tbl":
            number += 1
            flow.append(None)  # a table's place, read or not
            if _layout(element):
                continue
            segment = _segment(element, number, len(segments) + 1, limits.table_cells)
            if segment is not None:
                segments.append(segment)
                numbers[segment.page] = number
                names[segment.page] = f"table {number}"
        elif name in ("blip", "imagedata"):
            # Any picture may be a table pasted as one, read or not (EMF, linked): a table's place.
            flow.append(None)
            data = related.get(_relation(element) or _attribute(element, "src") or "")
            if data is not None and is_image(data):
                pictures.append(Picture(len(pictures) + 1, len(segments), data, _turned(element)))
            elif data is not None and _metafile(data):
                metafiles += 1
            elif data is None and any(key.endswith(_LINK) for key in element.attrib):
                linked += 1
        elif name == "altChunk":
            data = related.get(_relation(element) or "")
            if data is not None:
                chunks += 1
                found, found_names, chunk_flow = _chunk(data, chunks, len(segments) + 1)
                segments += found
                names.update(found_names)
                flow += chunk_flow
        elif name == "p" and not any(_local(up) in ("tbl", "p") for up in element.iterancestors()):
            flow.extend(line for line in _text(element).split("\n") if line)
            typed += _typed_row(element)
    return WordFile(
        lines=[line for line in flow if line is not None],
        flow=flow,
        segments=segments,
        table_count=number,
        numbers=numbers,
        pictures=pictures,
        names=names,
        metafiles=metafiles,
        linked=linked,
        typed_rows=typed,
    )
