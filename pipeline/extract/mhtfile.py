"""Single-file web pages (MHTML, ``.mht``): Word's "single file web page", which publishers often
post under a ``.doc`` name, a browser's "save as MHTML", and the archive a live run keeps of a
report page with the pictures of its tables (``pipeline.fetch.pagepictures``). A MIME message
whose first ``text/html`` part is the report page, read by the web-page reader with the charset its
part header names; the other parts are the page's pictures, found by their ``Content-Location``.
"""

from __future__ import annotations

import base64
import email
import email.policy
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

from pipeline.core.facts import ReportError

# A MIME message starts with headers; Word writes MIME-Version first, others Content-Type or From.
_HEAD = re.compile(rb"^\s*(?:MIME-Version|Content-Type|From|Date|Subject)\s*:", re.IGNORECASE)
# Not a base64 character: a boundary with it can never occur inside a base64-encoded part.
_BOUNDARY = "----=_ogi_part_boundary"


def is_mhtml(head: bytes) -> bool:
    """Whether the first bytes of a file are a multipart MIME message (sniffed, never the name)."""
    return _HEAD.match(head) is not None and b"multipart/related" in head[:4096].lower()


@dataclass(frozen=True)
class Archive:
    """A single-file web page: the page, its charset and address, and its other parts (the page's
    pictures) by their absolute address."""

    page: bytes
    charset: str | None
    location: str = ""
    parts: dict[str, bytes] = field(default_factory=dict)


def read_archive(data: bytes) -> Archive:
    """The report page inside an MHTML file and the parts beside it."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    page: Archive | None = None
    parts: dict[str, bytes] = {}
    for part in message.walk():
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        location = str(part.get("Content-Location", "")).strip()
        if page is None and part.get_content_type() == "text/html" and payload.strip():
            page = Archive(payload, part.get_content_charset(), location)
        elif location:
            parts[urljoin(page.location if page else "", location)] = payload
        content_id = str(part.get("Content-ID", "")).strip().strip("<>")
        if content_id:
            parts[f"cid:{content_id}"] = payload
    if page is None:
        raise ReportError("a single-file web page (MHTML) without an HTML part: not a report")
    return Archive(page.page, page.charset, page.location, parts)


def html_part(data: bytes) -> tuple[bytes, str | None]:
    """The report page inside an MHTML file and the charset its part header names."""
    archive = read_archive(data)
    return archive.page, archive.charset


def write_archive(page: bytes, content_type: str, location: str, parts: list[tuple[str, str, bytes]]) -> bytes:
    """An MHTML file of ``page`` (served as ``content_type`` from ``location``) and ``parts``
    (address, content type, bytes), each part base64-encoded: the bytes exactly as served. The same
    page and parts always make the same file (no date, a fixed boundary), so the file's hash
    changes only when one of them does."""
    lines = [
        "MIME-Version: 1.0",
        f'Content-Type: multipart/related; type="text/html"; boundary="{_BOUNDARY}"',
        "",
    ]
    for address, kind, body in [(location, content_type, page), *parts]:
        address, kind = (" ".join(str(value).split()) for value in (address, kind))  # one header line each
        encoded = base64.encodebytes(body).decode("ascii").rstrip("\n").split("\n")
        lines += [f"--{_BOUNDARY}", f"Content-Type: {kind}", "Content-Transfer-Encoding: base64"]
        lines += [f"Content-Location: {address}", "", *encoded]
    lines.append(f"--{_BOUNDARY}--")
    return ("\r\n".join(lines) + "\r\n").encode("ascii")
