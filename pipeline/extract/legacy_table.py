"""The statistics table of an old-style report (2008–2018): "政府信息公开情况统计表".

Before the 2019 national template each province set its own table, but they share a shape: a
header row naming the indicator column (统计指标, 指标名称, 项目), usually a unit column (单位,
计量单位) and one or more figure columns (本年, 本年度, 2015年, 数量, 累计, 上年); then one row
per indicator, some of them sub-rows of a total (其中：1.当面申请数). Rows differ by province and
year, so nothing here knows the indicators: every row with a label becomes a fact per figure
column, its label exactly as printed, the crosswalk (``pipeline.core.crosswalk``) maps them later.

A row's section is the heading it is printed under: the text of a label column to its left (a
merged "依申请公开" cell), or the nearest row above numbered at an outer level (一、 over （一）
over 1. over （1）; 其中 under the row before). A row with neither unit nor figure is a heading.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from pipeline.core.crosswalk import indicator_key
from pipeline.core.facts import Fact
from pipeline.extract.labels import compact
from pipeline.extract.numbers import NumberError, is_blank, looks_numeric, parse_number
from pipeline.extract.segments import Region, Segment, missing_cell

_UNIT_HEADER = re.compile(r"^(计量)?单位$")
_CUMULATIVE = re.compile(r"累计")
_PREVIOUS = re.compile(r"上年|去年|上一年")
_THIS_YEAR = re.compile(r"本年|本期|年度|\d{4}年|数量|数值|统计数|数据|合计|总计|^数$")
_INDICATOR_HEADER = re.compile(r"指标|项目|名称|内容|类别|类型|事项")
# The marks rows are numbered with, outermost first (after NFKC: full-width brackets are ASCII).
_MARKS = (
    re.compile(r"^[一二三四五六七八九十]+[、.]"),
    re.compile(r"^\([一二三四五六七八九十]+\)"),
    re.compile(r"^\d+[、.]"),
    re.compile(r"^\(\d+\)"),
    re.compile(r"^[①-⑳]"),
)
# A unit printed in a figure cell ("12件", "3.5万元"): kept as the unit when no unit column says one.
_CELL_UNIT = re.compile(r"(万元|亿元|元|万|亿|人次|件|条|个|项|次|份|起|宗)\s*$")


# CJK radicals (Kangxi, supplement) that a PDF font's character map gives for common characters
# (⽹ for 网): the page prints the character, so the text says it.
_RADICALS = re.compile("[\u2e80-\u2eff\u2f00-\u2fdf]")


def as_printed(text: str) -> str:
    """``text`` with CJK radicals read from a PDF's text layer as the characters printed."""
    return _RADICALS.sub(lambda m: unicodedata.normalize("NFKC", m[0]), text)


@dataclass(frozen=True)
class Columns:
    """What each grid column of a statistics table holds."""

    labels: tuple[int, ...]  # the label columns, outermost first
    unit: int | None
    periods: tuple[tuple[int, str], ...]  # (grid column, period) of each figure column


def _cells(segment: Segment, r: int) -> list[tuple[int, Region]]:
    """(first grid column, region) of each region covering grid row ``r``, left to right."""
    found: list[tuple[int, Region]] = []
    for c, region in enumerate(segment.at[r]):
        if region is not None and (not found or found[-1][1] is not region):
            found.append((c, region))
    return found


def _period(header: str) -> str | None:
    text = compact(header)
    if _CUMULATIVE.search(text):
        return "cumulative"
    if _PREVIOUS.search(text):
        return "previous_year"
    if _THIS_YEAR.search(text):
        return "year"
    return None


def header(segment: Segment) -> tuple[int, Columns] | None:
    """The header row of a statistics table and what its columns hold, or ``None`` when the
    segment is not one: a row without figures naming an indicator column and figure columns
    (本年, 累计…), with a unit column, or without one when it names the indicator column."""
    for r in range(min(segment.nrows, 4)):
        cells = _cells(segment, r)
        if any(looks_numeric(region.text) for _, region in cells):
            return None
        unit = next((c for c, region in cells if _UNIT_HEADER.match(compact(region.text))), None)
        periods = [(c, p) for c, region in cells if (p := _period(region.text)) is not None and c != unit]
        named = [c for c, region in cells if _INDICATOR_HEADER.search(compact(region.text))]
        if not periods or (unit is None and not named):
            continue
        first_figure = min(c for c, _ in periods)
        if unit is not None and unit > first_figure:
            continue
        labels = tuple(c for c in range(min([first_figure, unit] if unit is not None else [first_figure])))
        if not labels:
            continue
        periods = [(c, p) for c, p in periods if c not in labels]
        return r, Columns(labels=labels, unit=unit, periods=tuple(periods))
    return None


def _at(segment: Segment, r: int, c: int) -> Region | None:
    return segment.at[r][c] if c < len(segment.at[r]) else None


def _figure(raw: str, unit: str) -> tuple[Decimal | None, str, str | None]:
    """(value, unit, problem) of a figure cell, the value in the unit printed for it (3.5万元 is
    3.5 in 万元, not 35000 yuan: kept as published)."""
    text = raw.strip()
    in_cell = _CELL_UNIT.search(text)
    if in_cell and not unit:
        unit = in_cell[1]
    bare = _CELL_UNIT.sub("", text) if in_cell else text
    try:
        return parse_number(bare), unit, None
    except NumberError:
        return None, unit, f"not a figure: {text!r}"


def read_statistics(segments: list[Segment]) -> tuple[list[Fact], list[str]]:
    """The facts of every statistics table among ``segments`` (a table broken by a page goes on
    in the next segment that opens a page with the same grid columns), and notes on cells that
    hold no figure."""
    facts: list[Fact] = []
    notes: list[str] = []
    columns: Columns | None = None
    last: Segment | None = None
    context = _Context()
    for segment in segments:
        found = header(segment)
        if found is not None:
            start, columns = found[0] + 1, found[1]
            context = _Context()
        elif (
            columns is not None
            and last is not None
            and segment.first_on_page
            and segment.page == last.page + 1
            and len(segment.at[0]) == len(last.at[0])
        ):
            start = 0  # the rest of the table, on the next page
        else:
            columns = None
            last = None
            continue
        last = segment
        facts += _rows(segment, start, columns, notes, context)
    return facts, notes


@dataclass
class _Context:
    """What a table's rows are under, carried from page to page: the rows numbered above (level,
    label) and the last text of the outer label column (a merged category cell printed on the
    first page only)."""

    outline: list[tuple[int, str]] = field(default_factory=list)
    outer: str = ""


def level(label: str, previous: int) -> int:
    """How deep a row is by the mark it is numbered with: 一、 (1), （一） (2), 1. (3), （1） (4),
    ① (5); 其中 alone puts it under the row before; an unmarked row is at the top (0)."""
    text = unicodedata.normalize("NFKC", compact(label))
    under = text.startswith("其中")
    text = re.sub(r"^其中[:：]?", "", text)
    for depth, mark in enumerate(_MARKS, start=1):
        if mark.match(text):
            return depth
    return previous + 1 if under else 0


def _rows(segment: Segment, start: int, columns: Columns, notes: list[str], context: _Context) -> list[Fact]:
    facts: list[Fact] = []
    outline = context.outline  # (level, label) of the rows the next one may be under
    for r in range(start, segment.nrows):
        label_cells = [_at(segment, r, c) for c in columns.labels]
        distinct = [
            region for i, region in enumerate(label_cells) if region is not None and region not in label_cells[:i]
        ]
        texts = [as_printed(compact(region.text)) for region in distinct if not is_blank(region.text)]
        if not texts or looks_numeric(texts[-1]):
            continue
        label = texts[-1]
        if len(distinct) > 1:
            # An outer column beside the label: its text, or (blank) the one above it on the page before.
            context.outer = texts[0] if len(texts) > 1 else context.outer
        depth = level(label, outline[-1][0] if outline else 0)
        while outline and outline[-1][0] >= depth:
            outline.pop()
        # The heading it is printed under: a label column to its left, or the row it is numbered under.
        section = context.outer if len(distinct) > 1 and context.outer else (outline[-1][1] if outline else "")
        outline.append((depth, label))
        unit_cell = _at(segment, r, columns.unit) if columns.unit is not None else None
        unit = as_printed(compact(unit_cell.text)) if unit_cell is not None else ""
        figures = [(period, _at(segment, r, c)) for c, period in columns.periods]
        # A figure cell merged over several rows belongs to its first row.
        figures = [(period, region) for period, region in figures if region is not None and region.r0 == r]
        if not unit and all(is_blank(region.text) for _, region in figures):
            continue  # a heading (一、主动公开情况): no unit, no figure
        _placed(label, figures)
        for period, region in figures:
            value, printed_unit, problem = _figure(region.text, unit)
            if problem:
                notes.append(f"statistics table: {label} × {period}: {problem}; left NULL")
            facts.append(
                Fact(
                    table="legacy",
                    row=indicator_key(label),
                    column=period,
                    value=value,
                    page=region.page,
                    raw=region.text,
                    label=label,
                    locator=region.locator or None,
                    confidence=region.confidence,
                    unit=printed_unit or None,
                    section=section or None,
                )
            )
    return facts


def _placed(label: str, figures: list[tuple[str, Region]]) -> None:
    """Fail on a web page's row that ends before a period column (``segments.missing_cell``)."""
    for period, region in figures:
        if region.absent:
            raise missing_cell("statistics table", repr(label), period, region)
