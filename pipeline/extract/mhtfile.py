"""Word's "single file web page" (MHTML, ``.mht``), which publishers often post under a ``.doc``
name: a MIME message whose first ``text/html`` part is the report page. That part is read by the
web-page reader; its charset is the one its MIME header names."""

from __future__ import annotations

import email
import email.policy
import re

from pipeline.core.facts import ReportError

# A MIME message starts with headers; Word writes MIME-Version first, others Content-Type or From.
_HEAD = re.compile(rb"^\s*(?:MIME-Version|Content-Type|From|Date|Subject)\s*:", re.IGNORECASE)


def is_mhtml(head: bytes) -> bool:
    """Whether the first bytes of a file are a multipart MIME message (sniffed, never the name)."""
    return _HEAD.match(head) is not None and b"multipart/related" in head[:4096].lower()


def html_part(data: bytes) -> tuple[bytes, str | None]:
    """The report page inside an MHTML file and the charset its part header names."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes) and payload.strip():
                return payload, part.get_content_charset()
    raise ReportError("a single-file web page (MHTML) without an HTML part: not a report")
