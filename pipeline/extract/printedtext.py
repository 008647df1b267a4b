"""Whether a PDF page's text layer says what the page prints.

Two forms of real reports have a text layer that must not be read as the page's text:

- **A scan with a hidden OCR layer** (a "searchable PDF" from a scanner, Acrobat or ABBYY): the page
  is an image, and the scanner's OCR text is drawn over it invisibly (text render mode 3) or under
  it. That text may be misread, and the table's rules are only in the image: such a page is an
  image of a page, read by our OCR with its confidences like any scan. Recognised by drawing, not
  by words: every text object on the page is invisible (render mode 3, or 7: a clip path only) or
  painted before an image that covers it.
- **Fonts without a ToUnicode map** (old Word and WPS exports, some print drivers, 方正
  typesetting): pdfium gives the glyph numbers of a subset font, so the layer holds control
  characters, private-use code points or U+FFFD where the page prints Chinese; or, for a font
  embedded whole, characters that never make the page's words. Recognised per page by the share
  of characters no printed text holds, and per document: a report of this kind prints 公开 or 信息
  (政府信息公开) on its pages, so a layer of mostly non-ASCII characters that never says either is
  not the text the pages print.
"""

from __future__ import annotations

import ctypes
import unicodedata
from collections.abc import Iterator

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

HIDDEN_LAYER = "text drawn invisibly over a page image (a scanner's OCR)"
GLYPH_CODES = "glyph codes, not characters (fonts without a ToUnicode map)"
FOREIGN_WORDS = "characters that never make the report's words (公开, 信息)"

_INVISIBLE = {pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE, pdfium_c.FPDF_TEXTRENDERMODE_CLIP}
# Character categories no printed glyph maps to: controls, private use, unassigned, surrogates.
_IMPOSSIBLE = {"Cc", "Co", "Cn", "Cs"}
_WHITESPACE = set("\t\n\r")
# A page's layer is glyph codes when this share of its characters (at least _FEW of them) is
# impossible: a real page's layer holds none (pdfium marks a soft hyphen with one control
# character; a page of them stays far below the share). Glyph codes of a subset font are
# numbered from 1, so a quarter or more of them are control characters.
_SHARE = 0.05
_FEW = 3
# A document says nothing of what it prints when it holds at least this many characters, none
# of the report's words, and at least _FOREIGN of them outside ASCII (an English file says neither
# word and is not garbled).
_ENOUGH = 100
_WORDS = ("公开", "信息")
_FOREIGN = 0.5
Box = tuple[float, float, float, float]
# An image covers a text object when its bounds hold the text's, to this many points.
_SLACK = 1.0


def hidden_layer(page: pdfium.PdfPage) -> bool:
    """Whether the page has text and all of it is hidden: drawn invisibly, or under an image
    painted after it over its place (images inside Form XObjects are not counted: their bounds
    are in the form's space)."""
    # Walked from the last object drawn back, so a page of ordinary text is told by its last
    # visible text object, with no image after it, without measuring the others.
    has_text = False
    later_images: list[Box] = []
    for kind, handle, level in reversed(list(_drawn(page.raw))):
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            if level == 0:
                later_images.append(_bounds(handle))
            continue
        has_text = True
        if pdfium_c.FPDFTextObj_GetTextRenderMode(handle) in _INVISIBLE:
            continue
        box = _bounds(handle)
        if not any(_holds(image, box) for image in later_images):
            return False
    return has_text


_KINDS = (pdfium_c.FPDF_PAGEOBJ_TEXT, pdfium_c.FPDF_PAGEOBJ_IMAGE)
_DEPTH = 15  # Form XObjects nested deeper are not looked into (as pypdfium2's get_objects)


def _drawn(parent: object, level: int = 0) -> Iterator[tuple[int, object, int]]:
    """The text and image objects of a page (or of a Form XObject in it), in drawing order: their
    type, pdfium handle and nesting level. Raw calls: a page set one glyph per object holds
    thousands, and a wrapper object for each costs more than the reading of the page's text."""
    count, get = (
        (pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject)
        if level == 0
        else (pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject)
    )
    for index in range(count(parent)):
        handle = get(parent, index)
        kind = pdfium_c.FPDFPageObj_GetType(handle)
        if kind in _KINDS:
            yield kind, handle, level
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and level < _DEPTH - 1:
            yield from _drawn(handle, level + 1)


def _bounds(handle: object) -> Box:
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    pdfium_c.FPDFPageObj_GetBounds(handle, left, bottom, right, top)
    return left.value, bottom.value, right.value, top.value


def _holds(outer: Box, inner: Box) -> bool:
    return (
        outer[0] - _SLACK <= inner[0]
        and outer[1] - _SLACK <= inner[1]
        and inner[2] <= outer[2] + _SLACK
        and inner[3] <= outer[3] + _SLACK
    )


def glyph_codes(text: str) -> bool:
    """Whether a page's text is glyph codes: characters that no printed text holds, in a share."""
    characters = [char for char in text if not char.isspace()]
    impossible = sum(
        char == "\ufffd" or (char not in _WHITESPACE and unicodedata.category(char) in _IMPOSSIBLE)
        for char in characters
    )
    return impossible >= _FEW and impossible >= _SHARE * len(characters)


def foreign_words(pages: list[str]) -> bool:
    """Whether the document's text never says the report's words while being mostly characters
    outside ASCII: the layer of a font embedded whole without a ToUnicode map."""
    characters = [char for page in pages for char in page if not char.isspace()]
    if len(characters) < _ENOUGH:
        return False
    flat = "".join(characters)
    if any(word in flat for word in _WORDS):
        return False
    return sum(not char.isascii() for char in characters) >= _FOREIGN * len(characters)
