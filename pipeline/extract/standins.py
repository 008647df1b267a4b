"""Tables 二, 三 or 四 a report does not publish: under the table's heading, text and no table.

Small bodies print one sentence in place of table 三 or 四 (sometimes 二): 本年度未收到政府信息公开
申请。, 本机关未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。, 无。 — or leave the heading
alone, the next section's heading right under it. ``stand_ins`` finds them in a document's text in
reading order (a web page's or Word file's text with a ``None`` where a table or picture stands; a
PDF's text layer, which holds its tables' text too): a line that is the table's section heading,
then text up to the next section heading (or the document's end), with no table or picture in
between and no phrase only a table's cells print (``pdftext.MARKERS``). A heading with a table
under it anywhere in the document means the table is published: its reading must find it. In a
PDF, a heading alone as its page's last line is none: the table may be one the printer could not
place there (WeasyPrint drops a table all of header rows taller than a page), so it is sought
and, not found, the report fails.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.core.facts import NotPublished
from pipeline.extract.pdftext import MARKERS
from pipeline.extract.runningheads import page_number

# A section's numbering, as publishers print it: 四、 四. （四） (四) 4、 — or none.
_NUMBER = r"(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)]|\d+[、.．])?"
HEADINGS = {
    "proactive": re.compile(_NUMBER + r"主动公开政府信息(?:的)?(?:情况|工作)?[:：]?"),
    "requests": re.compile(_NUMBER + r"收到和处理政府信息公开申请(?:的)?情况[:：]?"),
    "review": re.compile(
        _NUMBER + r"(?:因)?政府信息公开(?:工作)?(?:被申请)?行政复议[、和及与]?(?:提起)?行政诉讼(?:的)?情况[:：]?"
    ),
}
# Any section's heading (五、存在的主要问题及改进情况): a numbered line of its own, no sentence.
_SECTION = re.compile(r"[一二三四五六七八九十]+、[^。；;，,]{2,40}")
# A table's place holds a sentence or two; longer text is a section's body, not a table's stand-in.
_LONGEST = 200


def _flat(line: str) -> str:
    return "".join(line.split())


def _heading(line: str) -> str | None:
    flat = _flat(line)
    return next((kind for kind, pattern in HEADINGS.items() if pattern.fullmatch(flat)), None)


def _ends_section(line: str) -> bool:
    flat = _flat(line)
    return _heading(line) is not None or bool(_SECTION.fullmatch(flat)) and not flat.endswith("。")


def _under(lines: Sequence[str | None], start: int) -> list[str] | None:
    """The lines after the heading at ``start`` up to the next section's heading; None when a
    table or picture stands there, or text only a table prints."""
    found: list[str] = []
    for line in lines[start + 1 :]:
        if line is None:
            return None
        if _ends_section(line):
            break
        if not page_number(line.strip()):  # a page's number between a heading and its sentence
            found.append(line.strip())
    flat = _flat("".join(found))
    if len(flat) > _LONGEST or any(phrase in flat for phrases in MARKERS.values() for phrase in phrases):
        return None
    return found


def _page_ends(lines: Sequence[str | None], pages: Sequence[int], start: int) -> bool:
    """Whether the heading at ``start`` is the last line of its page, the document going on after
    it (a page's number aside): a printer that cannot place a table there (WeasyPrint, a table all
    header rows taller than a page) leaves its heading alone, the rest of the page blank."""
    after = (i for i in range(start + 1, len(lines)) if lines[i] is not None and not page_number(lines[i].strip()))
    following = next(after, None)
    return following is not None and pages[following] != pages[start]


def stand_ins(lines: Sequence[str | None], pages: Sequence[int] | None = None) -> dict[str, NotPublished]:
    """The tables (by kind) whose heading is followed by text and no table, with that text.
    ``lines``: the document's lines in reading order, ``None`` where a table or picture stands
    (a web page, a Word file); ``pages``: each line's page (a PDF's text layer), else the stand-in
    is located by its heading's line among the text (``text line N``)."""
    found: dict[str, NotPublished] = {}
    tabled: set[str] = set()
    text_line = 0
    for index, line in enumerate(lines):
        if line is None:
            continue
        text_line += 1
        kind = _heading(line)
        if kind is None or kind in tabled:
            continue
        under = _under(lines, index)
        if under is None:
            tabled.add(kind)
            found.pop(kind, None)
            continue
        if pages is not None and not under and _page_ends(lines, pages, index):
            continue  # a heading alone at a page's end: the table may be what the printer left out there
        page = pages[index] if pages is not None else None
        locator = None if pages is not None else f"text line {text_line}"
        found[kind] = NotPublished(kind, "\n".join(under), page, locator)
    return found
