"""Old-style reports (2008–2018): told apart from 2019/2021 ones, and read into legacy facts.

A report of the national template prints tables 二, 三 and 四 (``classify.py`` knows their
labels); an old one prints a statistics table of its province (``legacy_table.py``) and states
figures in its text (``legacy_prose.py``). A report is old-style when none of tables 二, 三, 四
is among its tables and it prints a statistics table or states a figure in the prose; everything
else (a 2019+ report missing a table, whose text states figures too) goes to the readers of the
national template, which say what they miss.

A figure printed both in the table and in the text is kept twice (the warehouse's
``legacy_text_table`` check compares them); indicators the crosswalk does not map are named in
the notes.
"""

from __future__ import annotations

from collections.abc import Iterable

from pipeline.core.crosswalk import mappings
from pipeline.core.facts import Extraction, Fact, ReportError
from pipeline.extract.classify import assemble
from pipeline.extract.legacy_prose import read_prose
from pipeline.extract.legacy_table import header, read_statistics
from pipeline.extract.segments import Segment

TEMPLATE = "legacy"


def prints_modern_tables(segments: list[Segment]) -> bool:
    """Whether a table of the national template (二, 三 or 四) is among ``segments``. Table 三 always
    is; otherwise, beside an old statistics table (a unit or cumulative column, which no table of
    the template has: ``is_statistics_table``), what looks like table 四 is that table's
    行政复议数 and 行政诉讼数 rows, or its continuation on the next page."""
    tables = assemble(segments)[0]
    if "requests" in tables:
        return True
    return bool(tables) and not any(is_statistics_table(segment) for segment in segments)


def is_statistics_table(segment: Segment) -> bool:
    """A table with the header of an old statistics table and a unit (单位) or cumulative (累计) column."""
    found = header(segment)
    return found is not None and (
        found[1].unit is not None or any(period == "cumulative" for _, period in found[1].periods)
    )


def is_old_style(segments: list[Segment], texts: Iterable[str]) -> bool:
    """An old-style report: no table of the national template, and a statistics table or a
    figure stated in the text."""
    if prints_modern_tables(segments):
        return False
    return any(header(segment) is not None for segment in segments) or any(read_prose(text) for text in texts)


def read_old_style(
    segments: list[Segment], texts: list[tuple[str, int | None]], where: str, joined: bool = False
) -> Extraction:
    """The legacy facts of an old-style report: its statistics tables among ``segments`` and the
    figures stated in ``texts`` (the text, and its PDF page or ``None``; ``joined``: a PDF's
    lines, broken inside sentences); ``where`` says where tables were looked for.
    ``ReportError`` when it holds no figure at all."""
    table_facts, notes = read_statistics(segments)
    prose_facts = [fact for text, page in texts for fact in read_prose(text, page, joined)]
    facts = table_facts + prose_facts
    if not facts:
        raise ReportError(
            f"neither tables 二, 三, 四 nor an old statistics table (政府信息公开情况统计表) among the {where}, "
            "and no figure stated in the text"
        )
    if not table_facts:
        notes.append("no statistics table: every figure read from the text")
    unmapped = _unmapped(facts)
    if unmapped:
        notes.append(f"indicators the crosswalk does not map (kept, unmapped): {', '.join(unmapped)}")
    pages = sorted({f.page for f in table_facts if f.page is not None})
    return Extraction(
        template=TEMPLATE, pages=0, facts=facts, table_pages={"legacy": pages} if pages else {}, notes=notes
    )


def _unmapped(facts: list[Fact]) -> list[str]:
    """The labels of the table's indicators that the crosswalk does not map (a figure of the text
    that it does not map is one of the many a report states in passing: not listed)."""
    seen: dict[str, None] = {}
    for fact in facts:
        if fact.sentence is None and not mappings(fact.label, fact.section or ""):
            seen.setdefault(fact.label, None)
    return list(seen)
