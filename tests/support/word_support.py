"""Word files as publishers post them, for the tests that read them."""

from __future__ import annotations

import quopri


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
