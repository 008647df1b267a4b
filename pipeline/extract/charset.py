"""The text of a web page from its bytes, whatever charset it declares (or wrongly declares).

Government sites serve UTF-8, GB2312, GBK or GB18030, named in the HTTP header, in a ``<meta>``
tag, in both, or in neither, and the two sometimes disagree with the bytes. The order of trust:
a byte-order mark; then valid UTF-8 (GBK text is practically never valid UTF-8, while UTF-8 text
often decodes as GBK without an error, into nonsense); then the HTTP header's charset and the
``<meta>`` one, each only if the bytes decode with it; then detection (charset-normalizer).
GB2312 and GBK are decoded as GB18030, their superset: pages labelled GB2312 use GBK characters.
"""

from __future__ import annotations

import codecs
import re

from pipeline.core.facts import ReportError

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HEADER = re.compile(r"charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_SUPERSET = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030", "gb_2312-80": "gb18030"}


def header_charset(content_type: str | None) -> str | None:
    """The charset named by an HTTP ``Content-Type`` header, if any."""
    match = _HEADER.search(content_type or "")
    return match[1] if match else None


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip().lower()
    name = _SUPERSET.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None  # a charset name no codec knows: as good as none


def _decodes(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_page(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """The page's text and the codec it was read with; ``declared`` is the HTTP header's charset."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), codec
    text = _decodes(data, "utf-8")
    if text is not None:
        return text, "utf-8"
    meta = _META.search(data[:4096])
    for name in (declared, meta[1].decode("ascii") if meta else None):
        codec = _codec(name)
        if codec and (text := _decodes(data, codec)) is not None:
            return text, codec
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise ReportError("web page: cannot tell the charset of its text")
    codec = _codec(best.encoding) or best.encoding
    return data.decode(codec, errors="replace"), codec
