"""Hostile reports: seeded mutants of real reports and crafted bombs, to show that every file ends
in facts or one line within the limits of ``settings.Limits`` (tests/extract/test_hostile.py, and the larger
sweep of ``bench/hostile.py``).

``mutants(sources, count, seed)`` derives files from real ones: bits flipped, the file cut short,
chunks duplicated or deleted, lying stream lengths and object counts, lying table spans. ``BOMBS``
maps a file format to its crafted bombs, each a function returning the file's bytes. A reader of a
new format (Word files, say) adds its bombs under its format name, and its sample files to the
sources of the mutants; nothing else changes.
"""

from __future__ import annotations

import base64
import io
import random
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

MUTATIONS = ("flip", "truncate", "duplicate", "delete", "lengths", "counts", "spans")
_NUMBER_FIELDS = {
    "lengths": re.compile(rb"/Length (\d+)"),
    # A PDF's page count, an object stream's object count and first offset, the xref's sizes.
    "counts": re.compile(rb"/(?:Count|N|First|Size) (\d+)"),
    "spans": re.compile(rb"(?:colspan|rowspan)=\"?(\d+)|w:(?:gridSpan|gridBefore|gridAfter) w:val=\"(\d+)"),
}
# A zip (a .docx) is mutated in its bytes, and in what it holds: the sizes its headers state
# ("lengths", named "sizes"), its document part's XML (its bytes, "xml"; its spans, "spans").
_IN_A_ZIP = {"lengths": "sizes", "counts": "xml", "spans": "spans"}
_LIES = (0, 1, 7, 2**31 - 1, 2**32 + 1, 10**12)


@dataclass(frozen=True)
class Hostile:
    """One hostile file: its name says how it was made (``mfa-2020.pdf~flip-17``, ``pdf-flate-bomb``)."""

    name: str
    suffix: str
    data: bytes

    def write(self, folder: Path) -> Path:
        path = folder / f"{self.name}{self.suffix}"
        path.write_bytes(self.data)
        return path


def mutate(data: bytes, how: str, rng: random.Random) -> bytes:
    """One mutation of ``data`` (one of ``MUTATIONS``); the same ``rng`` state, the same result."""
    if how in _IN_A_ZIP and data.startswith(b"PK\x03\x04"):
        return _mutate_zip(data, how, rng)
    size = len(data)
    if how == "flip":
        out = bytearray(data)
        for _ in range(rng.choice((1, 2, 8, 64))):
            at = rng.randrange(size)
            out[at] ^= 1 << rng.randrange(8)
        return bytes(out)
    if how == "truncate":
        return data[: rng.randrange(1, size)]
    start = rng.randrange(size)
    length = rng.choice((16, 512, 4096, 65536))
    if how == "duplicate":
        chunk = data[start : start + length]
        at = rng.randrange(size)
        return data[:at] + chunk * rng.choice((1, 2, 50)) + data[at:]
    if how == "delete":
        return data[:start] + data[start + length :]
    found = list(_NUMBER_FIELDS[how].finditer(data))
    if not found:
        return mutate(data, "flip", rng)
    out = bytearray(data)
    chosen = rng.sample(found, min(len(found), rng.choice((1, 3, 10))))
    for match in sorted(chosen, key=lambda m: -m.start(m.lastindex or 1)):
        group = match.lastindex or 1  # the number's group (a web page's span or a Word file's)
        lie = str(rng.choice(_LIES) if rng.random() < 0.5 else int(match[group]) + rng.randint(-3, 3)).encode()
        out[match.start(group) : match.end(group)] = lie
    return bytes(out)


def _mutate_zip(data: bytes, how: str, rng: random.Random) -> bytes:
    """A zip's mutation (``_IN_A_ZIP``): the sizes some members state, or its document part's XML."""
    members = _members(data)
    if how == "lengths":
        for at in rng.sample(range(len(members)), min(len(members), rng.choice((1, 3)))):
            name, body, crc, size, _ = members[at]
            stated = rng.choice(_LIES) % 2**32 if rng.random() < 0.5 else max(size + rng.randint(-3, 3), 0)
            members[at] = (name, body, crc, size, stated)
        return _zip(members)
    at = next(n for n, member in enumerate(members) if member[0] == "word/document.xml")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml")
    xml = mutate(xml, "spans" if how == "spans" else rng.choice(MUTATIONS[:4]), rng)
    members[at] = _deflated("word/document.xml", xml)
    return _zip(members)


def mutants(sources: list[Path], count: int, seed: int) -> Iterator[Hostile]:
    """``count`` mutants of the ``sources``, taken in turn, each mutation in turn: the same
    arguments give the same files."""
    rng = random.Random(seed)
    contents = [(path, path.read_bytes()) for path in sources]
    for number in range(count):
        path, data = contents[number % len(contents)]
        how = MUTATIONS[(number // len(contents)) % len(MUTATIONS)]
        named = _IN_A_ZIP.get(how, how) if data.startswith(b"PK\x03\x04") else how
        yield Hostile(f"{path.name}~{named}-{number}", path.suffix, mutate(data, how, rng))


# Crafted PDFs ---------------------------------------------------------------------------------


def _pdf(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF of ``objects`` (object 1 first) with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


def _stream(dictionary: bytes, data: bytes) -> bytes:
    return b"<< %s /Length %d >>\nstream\n" % (dictionary, len(data)) + data + b"\nendstream"


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
_TEXT = b"BT /F1 12 Tf 72 720 Td (annual report) Tj ET"


def _page(parent: int, content: int, font: int) -> bytes:
    return (
        b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
        b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (parent, content, font)
    )


def flate_bomb(inflated: int = 2**30) -> bytes:
    """A page whose one content stream inflates to ``inflated`` bytes (spaces: a valid content stream)."""
    compressor = zlib.compressobj(9)
    block = b" " * 2**20
    body = b"".join(compressor.compress(block) for _ in range(inflated // len(block))) + compressor.flush()
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            _page(2, 4, 5),
            _stream(b"/Filter /FlateDecode", body),
            _FONT,
        ]
    )


def looping_page_tree() -> bytes:
    """A page tree whose second node names the first as its kid: a loop."""
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
            _page(2, 5, 6),
            b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 4 0 R] /Count 2 >>",
            _stream(b"", _TEXT),
            _FONT,
        ]
    )


def absurd_page_count() -> bytes:
    """One page, counted as two billion."""
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 2147483647 >>",
            _page(2, 4, 5),
            _stream(b"", _TEXT),
            _FONT,
        ]
    )


def many_pages(pages: int = 100_000) -> bytes:
    """One page object listed ``pages`` times: a real page count far beyond any report's."""
    kids = b" ".join([b"3 0 R"] * pages)
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
            _page(2, 4, 5),
            _stream(b"", _TEXT),
            _FONT,
        ]
    )


def deeply_nested(depth: int = 200_000) -> bytes:
    """A page whose resources hold an array nested ``depth`` deep."""
    nested = b"[" * depth + b"]" * depth
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> /Deep " + nested + b" >> >>",
            _stream(b"", _TEXT),
            _FONT,
        ]
    )


# Crafted web pages ---------------------------------------------------------------------------

_HEAD = "<!DOCTYPE html><html><head><meta charset='utf-8'><title>2024年政府信息公开工作年度报告</title></head><body>"


def _html(body: str) -> bytes:
    return (_HEAD + body + "</body></html>").encode("utf-8")


def huge_colspan() -> bytes:
    """Cells that claim a hundred thousand columns and rows."""
    row = "<tr><td colspan='100000'>本年新收政府信息公开申请数量</td><td rowspan='100000'>1</td></tr>"
    return _html("<table>" + row * 50 + "</table>")


def many_rows(rows: int = 300_000) -> bytes:
    """A table of ``rows`` rows."""
    return _html("<table>" + "<tr><td>申请人情况</td><td>1</td></tr>" * rows + "</table>")


def nested_tables(depth: int = 5000) -> bytes:
    """Tables nested ``depth`` deep, a figure in the innermost."""
    return _html("<table><tr><td>" * depth + "1" + "</td></tr></table>" * depth)


def megabytes_of_text(megabytes: int = 20) -> bytes:
    """Megabytes of text around one small table."""
    text = "<p>" + "政府信息公开" * (megabytes * 2**20 // 18) + "</p>"
    return _html(text + "<table><tr><td>本年新收政府信息公开申请数量</td><td>1</td></tr></table>" + text)


# Crafted Word files ---------------------------------------------------------------------------

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_ROOT_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_RELS}"><Relationship Id="rId1" '
    f'Type="{_R}/officeDocument" Target="word/document.xml"/></Relationships>'
)
_TITLE = "<w:p><w:r><w:t>2024年政府信息公开工作年度报告</w:t></w:r></w:p>"
_CELL = "<w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc>"


def _document(body: str, prolog: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<w:document xmlns:w="{_W}" xmlns:r="{_R}" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        f"<w:body>{_TITLE}{body}</w:body></w:document>"
    ).encode()


# A zip member as written: its name, its raw deflate data, the CRC-32 and size of what it inflates
# to, and the size its headers state (a lie, when not that size).
_Member = tuple[str, bytes, int, int, int]
_DOS_DATE = (2024 - 1980) << 9 | 1 << 5 | 1  # 1 January 2024, every member's: the same bytes each time


def _deflated(name: str, data: bytes) -> _Member:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return name, compressor.compress(data) + compressor.flush(), zlib.crc32(data), len(data), len(data)


def _spaces(name: str, inflated: int, lead: bytes = b"", tail: bytes = b"") -> _Member:
    """A member that inflates to ``inflated`` bytes, spaces between ``lead`` and ``tail``: one
    block of spaces deflated once and repeated (a full flush ends each block on a byte with an
    empty dictionary), so a GiB costs a second to make."""
    block = b" " * 2**20
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = compressor.compress(lead) + compressor.flush(zlib.Z_FULL_FLUSH)
    repeated = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    end = compressor.compress(tail) + compressor.flush()
    blocks = (inflated - len(lead) - len(tail)) // len(block)
    crc = zlib.crc32(lead)
    for _ in range(blocks):
        crc = zlib.crc32(block, crc)
    size = len(lead) + blocks * len(block) + len(tail)
    return name, start + repeated * blocks + end, zlib.crc32(tail, crc), size, size


def _zip(members: list[_Member]) -> bytes:
    """A zip of deflated ``members`` (each below 4 GiB: no zip64 needed)."""
    out, central = bytearray(), bytearray()
    for name, data, crc, _, stated in members:
        encoded = name.encode()
        sizes = (crc, len(data), stated, len(encoded), 0)
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, _DOS_DATE, *sizes, 0, 0, 0, 0, len(out)
        )
        central += encoded
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, _DOS_DATE, *sizes) + encoded + data
    count = len(members)
    return bytes(out + central + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(central), len(out), 0))


def _package(document: _Member, parts: list[_Member] | None = None) -> bytes:
    """A .docx of a document part and ``parts`` (``word/media/…``), each related as ``rId<n>``."""
    parts = parts or []
    rels = "".join(
        f'<Relationship Id="rId{n}" Type="{_R}/image" Target="{part[0].removeprefix("word/")}"/>'
        for n, part in enumerate(parts, start=1)
    )
    return _zip(
        [
            _deflated("[Content_Types].xml", _TYPES.encode()),
            _deflated("_rels/.rels", _ROOT_RELS.encode()),
            _deflated(
                "word/_rels/document.xml.rels", f'<Relationships xmlns="{_RELS}">{rels}</Relationships>'.encode()
            ),
            document,
            *parts,
        ]
    )


def _members(data: bytes) -> list[_Member]:
    """The members of a zip, deflated again (with the dates of ``_zip``)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [_deflated(info.filename, archive.read(info)) for info in archive.infolist()]


def word_sample(folder: Path) -> Path:
    """A Word report (.docx, as python-docx writes it) of the generated 2021 content, written to
    ``folder`` with fixed dates: the same bytes each time, a source of mutants beside the bundled
    reports (the catalog bundles no Word file)."""
    from pipeline.replica.synthetic import generate  # python-docx: only for the Word sample
    from pipeline.replica.worddoc import render_docx

    path = folder / "word-2021.docx"
    path.write_bytes(_zip(_members(render_docx(generate(2, "2021"), 2).data)))
    return path


def _docx(document: bytes, parts: dict[str, bytes] | None = None) -> bytes:
    return _package(_deflated("word/document.xml", document), [_deflated(n, d) for n, d in (parts or {}).items()])


def _table(rows: list[str]) -> str:
    return "<w:tbl>" + "".join(rows) + "</w:tbl>"


def _row(*cells: str, properties: str = "") -> str:
    return f"<w:tr>{properties}" + "".join(_CELL.format(text) for text in cells) + "</w:tr>"


def _blips(count: int) -> str:
    """``count`` paragraphs, each showing picture ``rId<n>``."""
    shown = '<w:p><w:r><w:drawing><a:blip r:embed="rId{}"/></w:drawing></w:r></w:p>'
    return "".join(shown.format(n) for n in range(1, count + 1))


def _spaced_document(inflated: int) -> _Member:
    head, tail = _document("").split(b"</w:body>")
    return _spaces("word/document.xml", inflated, head, b"</w:body>" + tail)


def docx_zip_bomb(inflated: int = 2**31) -> bytes:
    """A .docx whose document part inflates to ``inflated`` bytes: a title, then spaces."""
    return _package(_spaced_document(inflated))


def docx_lying_size(inflated: int = 2**31) -> bytes:
    """A .docx whose document part inflates to ``inflated`` bytes while its headers say 2000."""
    name, data, crc, size, _ = _spaced_document(inflated)
    return _package((name, data, crc, size, 2000))


def docx_parts_bomb(parts: int = 12, inflated: int = 180 * 2**20) -> bytes:
    """A .docx showing ``parts`` pictures, each a part of ``inflated`` bytes (a PNG signature,
    then spaces): each below a cap on one part, together GiBs."""
    pictures = [_spaces(f"word/media/image{n}.png", inflated, b"\x89PNG\r\n\x1a\n") for n in range(1, parts + 1)]
    return _package(_deflated("word/document.xml", _document(_blips(parts))), pictures)


def docx_many_parts(parts: int = 65_000) -> bytes:
    """A .docx of ``parts`` empty parts besides its document, each related to it (about the most
    a zip lists without its 64-bit extension)."""
    return _docx(_document(""), {f"word/media/part{n}.bin": b"" for n in range(parts)})


def docx_huge_span() -> bytes:
    """Cells that claim to span a hundred thousand columns, after a hundred thousand skipped."""
    properties = '<w:trPr><w:gridBefore w:val="100000"/></w:trPr>'
    cell = '<w:tc><w:tcPr><w:gridSpan w:val="100000"/><w:vMerge w:val="restart"/></w:tcPr><w:p/></w:tc>'
    row = f"<w:tr>{properties}{cell}" + _CELL.format("1") + "</w:tr>"
    return _docx(_document(_table([row] * 50)))


def docx_many_rows(rows: int = 300_000) -> bytes:
    """A table of ``rows`` rows."""
    return _docx(_document(_table([_row("申请人情况", "1")] * rows)))


def docx_nested_tables(depth: int = 5000) -> bytes:
    """Tables nested ``depth`` deep, a figure in the innermost."""
    opening = "<w:tbl><w:tr><w:tc>"
    return _docx(_document(opening * depth + "<w:p><w:r><w:t>1</w:t></w:r></w:p>" + "</w:tc></w:tr></w:tbl>" * depth))


def docx_billion_laughs(levels: int = 10) -> bytes:
    """Entities that each name the one before ten times: ``&lol9;`` expands to a billion ``lol``s."""
    entities = '<!ENTITY lol0 "lol">' + "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, levels))
    body = _table([_row("申请人情况", f"&lol{levels - 1};")])
    return _docx(_document(body, f"<!DOCTYPE w:document [{entities}]>"))


def docx_external_entity(target: str = "file:///etc/passwd") -> bytes:
    """A cell whose text is an external entity naming a local file (XXE): it must not be read."""
    body = _table([_row("本年新收政府信息公开申请数量", "&secret;")])
    return _docx(_document(body, f'<!DOCTYPE w:document [<!ENTITY secret SYSTEM "{target}">]>'))


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _png(width: int, height: int, pixels: bytes) -> bytes:
    """A PNG (8-bit grey) that declares ``width`` × ``height`` and holds ``pixels`` (compressed rows)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", pixels) + _png_chunk(b"IEND", b"")


def png_bomb(width: int = 100_000, height: int = 100_000) -> bytes:
    """A PNG that declares ``width`` × ``height`` pixels and holds one row of them."""
    return _png(width, height, zlib.compress(bytes(width + 1)))


def white_png(width: int = 13_000, height: int = 13_000) -> bytes:
    """A whole white PNG of ``width`` × ``height`` pixels (169 million: more than any scan, fewer
    than Pillow refuses by default): a few hundred KiB that decode to half a GiB of grey, more as RGB."""
    compressor = zlib.compressobj(9)
    row = b"\x00" + b"\xff" * width
    return _png(width, height, b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush())


def docx_huge_picture() -> bytes:
    """A .docx whose one picture (no table) declares 100000 × 100000 pixels."""
    return _docx(_document(_blips(1)), {"word/media/image1.png": png_bomb()})


def docx_white_picture() -> bytes:
    """A .docx whose one picture (no table) decodes to 169 million white pixels."""
    return _docx(_document(_blips(1)), {"word/media/image1.png": white_png()})


def docx_many_pictures(count: int = 5000) -> bytes:
    """A .docx of ``count`` tiny pictures and no table."""
    tiny = png_bomb(1, 1)
    return _docx(_document(_blips(count)), {f"word/media/image{n}.png": tiny for n in range(1, count + 1)})


def rtf_many_rows(rows: int = 200_000) -> bytes:
    """An RTF (posted as .doc, as many are) of one table of ``rows`` rows: LibreOffice takes minutes."""
    row = r"\trowd\cellx2000\cellx4000 申请人情况\cell 1\cell\row" + "\n"
    return (r"{\rtf1\ansi " + row * rows + "}").encode("utf-8")


# Crafted scans -------------------------------------------------------------------------------


def _image_page(width: float, height: float, image: bytes) -> bytes:
    """A PDF of one page of ``width`` × ``height`` points drawing only ``image`` (an XObject) over it."""
    draw = b"q %g 0 0 %g 0 0 cm /Im1 Do Q" % (width, height)
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %g %g] /Contents 4 0 R "
            b"/Resources << /XObject << /Im1 5 0 R >> >> >>" % (width, height),
            _stream(b"", draw),
            image,
        ]
    )


def scan_huge_image() -> bytes:
    """A scan whose page image declares 100000 × 100000 pixels (its data: one row of them)."""
    image = _stream(
        b"/Type /XObject /Subtype /Image /Width 100000 /Height 100000 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Filter /FlateDecode",
        zlib.compress(bytes(100_000)),
    )
    return _image_page(612, 792, image)


def scan_huge_page(side: float = 14400) -> bytes:
    """A scan whose one page is ``side`` points square (14400, 200 inches: the largest a PDF may be)."""
    image = _stream(
        b"/Type /XObject /Subtype /Image /Width 100 /Height 100 /ColorSpace /DeviceGray /BitsPerComponent 8 "
        b"/Filter /FlateDecode",
        zlib.compress(bytes([255]) * 10_000),
    )
    return _image_page(side, side, image)


def _picture_page(sources: list[bytes]) -> bytes:
    images = "".join(f"<p><img src='data:image/png;base64,{base64.b64encode(s).decode()}'></p>" for s in sources)
    return _html("<p>一、总体情况</p>" + images)


def html_picture_bomb() -> bytes:
    """A web page whose one table picture declares 100000 × 100000 pixels."""
    return _picture_page([png_bomb()])


def html_white_picture() -> bytes:
    """A web page whose one table picture decodes to 169 million white pixels."""
    return _picture_page([white_png()])


def html_many_pictures(count: int = 5000) -> bytes:
    """A web page of ``count`` tiny pictures."""
    return _picture_page([png_bomb(1, 1)] * count)


BOMBS: dict[str, dict[str, Callable[[], bytes]]] = {
    ".pdf": {
        "pdf-flate-bomb": flate_bomb,
        "pdf-looping-page-tree": looping_page_tree,
        "pdf-absurd-page-count": absurd_page_count,
        "pdf-many-pages": many_pages,
        "pdf-deeply-nested": deeply_nested,
        "pdf-scan-huge-image": scan_huge_image,
        "pdf-scan-huge-page": scan_huge_page,
    },
    ".html": {
        "html-huge-colspan": huge_colspan,
        "html-many-rows": many_rows,
        "html-nested-tables": nested_tables,
        "html-megabytes-of-text": megabytes_of_text,
        "html-picture-bomb": html_picture_bomb,
        "html-white-picture": html_white_picture,
        "html-many-pictures": html_many_pictures,
    },
    ".docx": {
        "docx-zip-bomb": docx_zip_bomb,
        "docx-lying-size": docx_lying_size,
        "docx-parts-bomb": docx_parts_bomb,
        "docx-many-parts": docx_many_parts,
        "docx-huge-span": docx_huge_span,
        "docx-many-rows": docx_many_rows,
        "docx-nested-tables": docx_nested_tables,
        "docx-billion-laughs": docx_billion_laughs,
        "docx-external-entity": docx_external_entity,
        "docx-huge-picture": docx_huge_picture,
        "docx-white-picture": docx_white_picture,
        "docx-many-pictures": docx_many_pictures,
    },
    ".doc": {"doc-rtf-many-rows": rtf_many_rows},
}


def bombs() -> Iterator[Hostile]:
    """Every crafted bomb."""
    for suffix, made in BOMBS.items():
        for name, make in made.items():
            yield Hostile(name, suffix, make())
