"""PDFs whose text layer does not say what they print, as real publishers' files come.

- ``without_tounicode``: the report as printed, but its fonts embedded without a ``/ToUnicode``
  map (old Word and WPS exports, some print drivers, 方正 typesetting): a reader of the text layer
  gets glyph numbers, not the characters the page shows.
- ``searchable_scan``: a scan (``scan.py``) with the scanner's OCR text drawn invisibly over each
  page image (text render mode 3, as Acrobat, ABBYY and scanners' "searchable PDF" write it); the
  scanner's OCR may misread a figure (``misread``), as real scanners' OCR does.

Both keep the figures of the original, so a reading is compared with it cell by cell.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdfium2 as pdfium
from fpdf import FPDF
from fpdf.enums import TextMode

from pipeline.replica.render import font_path
from pipeline.replica.scan import ScanStyle, scan_pages

# A font's ToUnicode entry in a font dictionary written uncompressed (not in an object stream).
_TOUNICODE = re.compile(rb"/ToUnicode\s+\d+\s+\d+\s+R")
# What a scanner's OCR misreads by default: 0 as 8 (a figure wrong in the hidden text).
MISREAD = {"0": "8"}


def without_tounicode(pdf: Path, out: Path) -> Path:
    """``pdf`` with every font's ``/ToUnicode`` entry blanked out (same length, so the cross-reference
    offsets stay right): it prints the same, its text layer says glyph numbers."""
    data = Path(pdf).read_bytes()
    stripped, count = _TOUNICODE.subn(lambda match: b" " * len(match[0]), data)
    if not count:
        raise ValueError(f"{pdf}: no /ToUnicode entry outside object streams")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(stripped)
    return out


def _lines(page: pdfium.PdfPage) -> list[tuple[tuple[float, float, float, float], str]]:
    """The text runs of a page with their boxes (left, bottom, right, top, in PDF points)."""
    textpage = page.get_textpage()
    try:
        runs = []
        for index in range(textpage.count_rects()):
            box = textpage.get_rect(index)
            text = textpage.get_text_bounded(*box).strip()
            if text:
                runs.append((box, text))
        return runs
    finally:
        textpage.close()


def searchable_scan(
    pdf: Path, out: Path, style: ScanStyle | None = None, misread: dict[str, str] | None = None
) -> Path:
    """A scan of ``pdf`` with its text (each run where the original prints it, characters replaced
    as ``misread`` says; default ``MISREAD``) drawn invisibly over each page image."""
    misread = MISREAD if misread is None else misread
    images = scan_pages(pdf, style or ScanStyle())
    document = pdfium.PdfDocument(pdf)
    writer = FPDF(unit="pt")
    writer.add_font("ocr", fname=font_path())
    writer.set_auto_page_break(False)
    try:
        for page, image in zip(document, images):
            width, height = page.get_size()
            writer.add_page(format=(width, height))
            encoded = io.BytesIO()
            image.save(encoded, "JPEG", quality=90)
            writer.image(encoded, x=0, y=0, w=width, h=height)
            with writer.local_context(text_mode=TextMode.INVISIBLE):
                for (left, bottom, _, top), text in _lines(page):
                    writer.set_font("ocr", size=max(top - bottom, 1.0))
                    said = "".join(misread.get(char, char) for char in text)
                    writer.text(left, height - bottom, said)
    finally:
        document.close()
    out.parent.mkdir(parents=True, exist_ok=True)
    writer.output(str(out))
    return out
