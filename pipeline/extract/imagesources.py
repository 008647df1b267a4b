"""The pictures of a web page, as bytes: its ``<img>`` elements' ``data:`` URIs, and files beside
the page (a page saved with its images, or kept with them in the raw store).

Nothing is fetched here: an image on another host is not read (a live run stores what it fetches).
A source that names no readable image is left out; what remains is sniffed, never trusted by name.
"""

from __future__ import annotations

import base64
import binascii
from pathlib import Path
from urllib.parse import unquote, urlsplit

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


def page_images(sources: list[str], folder: Path | None) -> list[bytes]:
    """The images ``sources`` name that are at hand, in order: ``data:`` URIs, and relative
    sources found in ``folder`` (the page's own folder)."""
    found = []
    for source in sources:
        if source.lower().startswith("data:"):
            data = _data_uri(source[5:])
        else:
            data = _beside(source, folder) if folder is not None else None
        if data is not None and is_image(data):
            found.append(data)
    return found
