"""The characters of a page's text layer with their boxes, and a cell's text from its characters
(shared by the reader of drawn rules and the reader of tables without rules)."""

from __future__ import annotations

from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as raw

# A line of text: characters whose baselines differ by less than this share of their height
# (the boxes of a Latin and a CJK font on one line differ; their baselines do not, and a label
# beside a figure of another size may sit half a point higher).
SAME_LINE = 0.01
# A character OCR read is given its ink widened by this share of an em each side (its bearings,
# as a text layer's box is its advance): two texts whose inks touch overlap by two of them.
OCR_BEARING = 0.05


class Box:
    """The centre and height of anything with edges x0, x1, y0, y1 (a character, a cell's text)."""

    x0: float
    x1: float
    y0: float
    y1: float

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def yc(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass
class Glyph(Box):
    text: str
    x0: float
    x1: float
    y0: float
    y1: float
    size: float = 0.0  # font size as the PDF sets it (its unit varies by producer; only compared)
    spaced: bool = False  # a space the PDF sets (not one pdfium infers from a gap) precedes it
    base: float = 0.0  # baseline
    confidence: float | None = None  # of the text OCR read (0-1), for characters read from a picture
    # A character of a label that alone reads as a figure (无 of （四）无法提供 set one character a
    # line): never a figure (``verticallabels``).
    in_label: bool = False


def ideograph(character: str) -> bool:
    """Whether a character is a CJK ideograph (a label's, never a figure's)."""
    return "\u4e00" <= character <= "\u9fff"


def page_glyphs(page: pdfium.PdfPage) -> list[Glyph]:
    """The page's visible characters, each with its line box (so that "一" and "、" align)."""
    textpage = page.get_textpage()
    try:
        glyphs = []
        spaces: list[float] = []  # the middles of the spaces set since the last character
        for index in range(textpage.count_chars()):
            text = textpage.get_text_range(index, 1)
            if not text.strip():
                if raw.FPDFText_IsGenerated(textpage.raw, index) == 0:
                    left, _, right, _ = textpage.get_charbox(index, loose=True)
                    spaces.append((left + right) / 2)
                continue
            x0, y0, x1, y1 = textpage.get_charbox(index, loose=True)
            # A space drawn over the character after it (LibreOffice sets one at the start of a
            # wrapped cell's lines, 1.属于国家 / 秘密 beside （三 / ）不) parts nothing from it.
            spaced = any(middle <= x0 for middle in spaces)
            size = round(raw.FPDFText_GetFontSize(textpage.raw, index), 1)
            x, y = raw.c_double(), raw.c_double()
            raw.FPDFText_GetCharOrigin(textpage.raw, index, x, y)
            glyphs.append(Glyph(text, x0, x1, y0, y1, size, spaced, y.value))
            spaces = []
        return glyphs
    finally:
        textpage.close()


def lines_of(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Glyphs as lines, top to bottom, each left to right."""
    lines: list[list[Glyph]] = []
    for glyph in sorted(glyphs, key=lambda g: -g.base):
        line = lines[-1] if lines else None
        if line and abs(line[0].base - glyph.base) < SAME_LINE * max(line[0].height, glyph.height):
            line.append(glyph)
        else:
            lines.append([glyph])
    for line in lines:
        line.sort(key=lambda g: g.x0)
    return lines


def text_of(glyphs: list[Glyph]) -> str:
    """Characters as lines, top to bottom, each left to right. Characters set apart by justified
    spacing ("2" and "7" of 27) join; a gap wider than a character becomes one space."""
    texts = []
    for line in lines_of(glyphs):
        text = line[0].text
        for before, glyph in zip(line, line[1:]):
            height = max(glyph.height, before.height)
            text += (" " if glyph.x0 - before.x1 > 2 * height else "") + glyph.text
        texts.append(text)
    return "\n".join(texts)
