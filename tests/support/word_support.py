"""Word files as publishers post them, for the tests that read them."""

from __future__ import annotations

import quopri

from roundtrip_support import check_printed_facts

from pipeline.extract.wordfile import read_docx


def mhtml(page: bytes) -> bytes:
    """A page as Word saves it as a single file web page (GB2312, quoted-printable)."""
    boundary = "----=_NextPart_01DA0000.12345678"
    mht = (
        f'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="{boundary}"'
        f"\r\n\r\n此文档为“单个文件网页”，也称为“Web 档案”文件。\r\n\r\n--{boundary}\r\n"
        "Content-Location: file:///C:/report.htm\r\nContent-Transfer-Encoding: quoted-printable\r\n"
        'Content-Type: text/html; charset="gb2312"\r\n\r\n'
    ).encode("gb18030") + quopri.encodestring(page).replace(b"\n", b"\r\n")
    return mht + f"\r\n\r\n--{boundary}--\r\n".encode()


def check_word_facts(extraction, content, quirks, data: bytes | None = None) -> None:
    """Every required cell read, each figure equal to the one generated and its raw text as printed."""
    check_printed_facts(extraction, content, quirks + content.quirks)
    for fact in extraction.facts:
        assert fact.page is None and fact.locator
    if data is None:
        return
    # The locator points at the cell that holds the raw text.
    document = read_docx(data)
    by_number = {document.numbers[segment.page]: segment for segment in document.segments}
    for fact in extraction.facts:
        table, _, column = (int(part.split()[-1]) for part in fact.locator.split(", "))
        assert any(
            region.text == fact.raw and region.locator == fact.locator
            for region in (row[column - 1] for row in by_number[table].at)
        )
