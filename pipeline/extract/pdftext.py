"""The fast text pass: is the file a readable PDF, and which pages hold tables 二, 三 and 四."""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium

from pipeline.core.facts import LimitError, ReportError
from pipeline.core.settings import Limits
from pipeline.extract.printedtext import (
    FOREIGN_WORDS,
    GLYPH_CODES,
    HIDDEN_LAYER,
    foreign_words,
    glyph_codes,
    hidden_layer,
)

# Phrases that only the cells of each table print (compared without whitespace). A page holds a
# table when at least two of its phrases occur on it; body text rarely quotes two. Pages between
# two such pages are read too (a table's middle may print none of them).
MARKERS = {
    "proactive": (
        "第二十条第",
        "信息内容",
        "本年制发件数",
        "本年废止件数",
        "现行有效件数",
        "本年新制作数量",
        "本年新公开数量",
        "对外公开总数量",
        "上一年项目数量",
        "处理决定数量",
        "本年收费金额",
        "行政事业性收费",
        "采购项目数量",
    ),
    "requests": (
        "申请人情况",
        "法人或其他组织",
        "本年新收政府信息公开申请数量",
        "上年结转政府信息公开申请数量",
        "本年度办理结果",
        "属于国家秘密",
        "保护第三方合法权益",
        "属于三类内部事务信息",
        "属于四类过程性信息",
        "属于行政执法案卷",
        "属于行政查询事项",
        "本机关不掌握相关政府信息",
        "没有现成信息需要另行制作",
        "补正后申请内容仍不明确",
        "信访举报投诉类申请",
        "要求提供公开出版物",
        "无正当理由大量反复申请",
        "结转下年度继续办理",
    ),
    "review": (
        "未经复议直接起诉",
        "复议后起诉",
        "尚未审结",
        "其他结果",
        "结果维持",
        "结果纠正",
    ),
}
TABLE_NAMES = {
    "proactive": "table 二 (proactive disclosure)",
    "requests": "table 三 (requests)",
    "review": "table 四 (review and litigation)",
}
# The PDF trailer's end marker sits at the very end of a complete file (allowing trailing bytes).
_TAIL = 4096
# Where a stream's data starts ("endstream" matches too: what follows it is no Flate data).
_STREAM = re.compile(rb"stream\r?\n")
_CHUNK = 1 << 16


@dataclass(frozen=True)
class PdfText:
    """The text of every page (index 0 is page 1). A page whose text layer does not say what it
    prints (``printedtext.py``) has no text here: it is read as an image; ``unsaid`` says why, by
    page (1-based)."""

    pages: list[str]
    unsaid: dict[int, str] = field(default_factory=dict)

    @property
    def has_text(self) -> bool:
        """Whether any page has text; a scan's pages are only images."""
        return any(text.strip() for text in self.pages)

    def table_pages(self) -> dict[str, list[int]]:
        """1-based pages on which each table's phrases occur."""
        found: dict[str, list[int]] = {kind: [] for kind in MARKERS}
        for number, text in enumerate(self.pages, start=1):
            flat = "".join(text.split())
            for kind, phrases in MARKERS.items():
                if sum(phrase in flat for phrase in phrases) >= 2:
                    found[kind].append(number)
        return found


def check_bytes(data: bytes) -> None:
    """Reject what is not a complete PDF file before any parser sees it."""
    if not data.strip():
        raise ReportError("empty file")
    head = data[:1024]
    if b"%PDF-" not in head:
        lowered = head.lstrip().lower()
        if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered:
            raise ReportError("not a PDF: the file is an HTML page (an error page saved as .pdf?)")
        raise ReportError("not a PDF: no %PDF- header")
    if data.rfind(b"%%EOF") < len(data) - _TAIL:
        raise ReportError("truncated PDF: the end-of-file marker is missing")


def inflated_bytes(data: bytes, limit: int) -> int:
    """The size of the file's Flate streams once inflated, counted up to just past ``limit``
    without keeping what they inflate to: a decompression bomb is refused before a reader
    inflates it. A stream that is not Flate data is passed over at its first bytes."""
    view = memoryview(data)
    total = 0
    for match in _STREAM.finditer(data):
        inflater = zlib.decompressobj()
        start = match.end()
        try:
            while not inflater.eof and start < len(data) and total <= limit:
                pending = view[start : start + _CHUNK]
                start += len(pending)
                # At the stream's end the input left over may stay in ``unconsumed_tail``: stop there.
                while pending and not inflater.eof and total <= limit:
                    total += len(inflater.decompress(pending, _CHUNK * 16))
                    pending = inflater.unconsumed_tail
        except zlib.error:
            continue
        if total > limit:
            break
    return total


def read_text(path: Path, limits: Limits | None = None) -> PdfText:
    """Validate the file and read the text of each page with pdfium, within ``limits`` (pages,
    inflated streams)."""
    limits = limits or Limits.from_env()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReportError(f"cannot read the file: {exc.strerror or exc}") from None
    check_bytes(data)
    if inflated_bytes(data, int(limits.inflated_mb * 2**20)) > limits.inflated_mb * 2**20:
        raise LimitError(f"its compressed streams inflate beyond {limits.describe('inflated_mb')}")
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ReportError("encrypted PDF: a password is required to open it") from None
        raise ReportError(f"damaged PDF: {exc}") from None
    try:
        count = len(document)
        if count > limits.pages:
            raise LimitError(f"{count} pages, beyond {limits.describe('pages')}")
        pages: list[str] = []
        unsaid: dict[int, str] = {}
        for index in range(count):
            try:
                page = document[index]
            except pdfium.PdfiumError:
                # A page tree that loops or points nowhere: pdfium counts pages it cannot load.
                raise ReportError(f"damaged PDF: page {index + 1} of {count} cannot be loaded") from None
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            if pages[-1].strip() and hidden_layer(page):
                unsaid[index + 1] = HIDDEN_LAYER
            elif glyph_codes(pages[-1]):
                unsaid[index + 1] = GLYPH_CODES
            page.close()
    finally:
        document.close()
    if not pages:
        raise ReportError("the PDF has no pages")
    if foreign_words(pages):
        for number, text in enumerate(pages, start=1):
            if text.strip():
                unsaid.setdefault(number, FOREIGN_WORDS)
    return PdfText(["" if number in unsaid else text for number, text in enumerate(pages, start=1)], unsaid)
