"""The pictures of a web page, as bytes: its ``<img>`` elements' ``data:`` URIs, the parts of a
single-file web page (a browser's or Word's MHTML, or the archive a live run keeps of a page with
the pictures it fetched), and files beside a saved page.

Nothing is fetched here (a live run stores what it fetches: ``pipeline.fetch.pagepictures``). A
source that names no readable image is left out; what remains is sniffed, never trusted by name.
"""

from __future__ import annotations

import base64
import binascii
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

# The image formats a scan is posted in, by their first bytes.
_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM", b"II*\x00", b"MM\x00*")
_WEBP = (b"RIFF", b"WEBP")


def is_image(data: bytes) -> bool:
    return data.startswith(_SIGNATURES) or (data[:4] == _WEBP[0] and data[8:12] == _WEBP[1])


def _data_uri(source: str) -> bytes | None:
    header, _, payload = source.partition(",")
    try:
        if header.endswith(";base64"):
            return base64.b64decode("".join(payload.split()), validate=True)
        return unquote(payload).encode("latin-1")
    except (binascii.Error, ValueError, UnicodeEncodeError):
        return None


def _beside(source: str, folder: Path) -> bytes | None:
    """A relative source, a file in ``folder`` or below it (never outside it)."""
    parts = urlsplit(source)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    root = folder.resolve()
    path = (root / unquote(parts.path)).resolve()
    if not path.is_relative_to(root) or not path.is_file():
        return None
    try:
        return path.read_bytes()
    except OSError:
        return None


def page_images(
    sources: list[str], folder: Path | None, parts: dict[str, bytes] | None = None, base: str = ""
) -> list[tuple[int, bytes]]:
    """The images ``sources`` name that are at hand, in order, each with its index in ``sources``:
    ``data:`` URIs, the ``parts`` of a single-file web page (by their address, a source resolved
    against ``base``, the page's address), and relative sources found in ``folder`` (the page's
    own folder)."""
    found = []
    for index, source in enumerate(sources):
        if source.lower().startswith("data:"):
            data = _data_uri(source[5:])
        elif parts is not None:
            data = parts.get(urljoin(base, source)) or parts.get(source)
        else:
            data = _beside(source, folder) if folder is not None else None
        if data is not None and is_image(data):
            found.append((index, data))
    return found
