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

import random
import re
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

MUTATIONS = ("flip", "truncate", "duplicate", "delete", "lengths", "counts", "spans")
_NUMBER_FIELDS = {
    "lengths": re.compile(rb"/Length (\d+)"),
    # A PDF's page count, an object stream's object count and first offset, the xref's sizes.
    "counts": re.compile(rb"/(?:Count|N|First|Size) (\d+)"),
    "spans": re.compile(rb"(?:colspan|rowspan)=\"?(\d+)"),
}
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
    for match in sorted(rng.sample(found, min(len(found), rng.choice((1, 3, 10)))), key=lambda m: -m.start(1)):
        lie = str(rng.choice(_LIES) if rng.random() < 0.5 else int(match[1]) + rng.randint(-3, 3)).encode()
        out[match.start(1) : match.end(1)] = lie
    return bytes(out)


def mutants(sources: list[Path], count: int, seed: int) -> Iterator[Hostile]:
    """``count`` mutants of the ``sources``, taken in turn, each mutation in turn: the same
    arguments give the same files."""
    rng = random.Random(seed)
    contents = [(path, path.read_bytes()) for path in sources]
    for number in range(count):
        path, data = contents[number % len(contents)]
        how = MUTATIONS[(number // len(contents)) % len(MUTATIONS)]
        yield Hostile(f"{path.name}~{how}-{number}", path.suffix, mutate(data, how, rng))


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


BOMBS: dict[str, dict[str, Callable[[], bytes]]] = {
    ".pdf": {
        "pdf-flate-bomb": flate_bomb,
        "pdf-looping-page-tree": looping_page_tree,
        "pdf-absurd-page-count": absurd_page_count,
        "pdf-many-pages": many_pages,
        "pdf-deeply-nested": deeply_nested,
    },
    ".html": {
        "html-huge-colspan": huge_colspan,
        "html-many-rows": many_rows,
        "html-nested-tables": nested_tables,
        "html-megabytes-of-text": megabytes_of_text,
    },
}


def bombs() -> Iterator[Hostile]:
    """Every crafted bomb."""
    for suffix, made in BOMBS.items():
        for name, make in made.items():
            yield Hostile(name, suffix, make())
