"""Published figures as numbers: integers, decimals, thousands separators, full-width digits,
signs (+/-, 增/减), Chinese units (万, 亿, 元) and counting words (件, 人次).

A blank cell, or one holding only a dash or slash (printed for "not applicable"), has no value:
``parse_number`` returns ``None`` and the fact keeps the raw text.

"无" ("none"), alone or with a counting word ("无件"), is the figure 0: every cell of tables 二,
三 and 四 is a count or an amount, and a publisher who writes 无 there says there were none (it
writes a dash or leaves the cell empty for "not applicable"). The fact keeps "无" as its raw text,
so a reader can tell it from a printed 0.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

# Multipliers into the units of codes.csv (counts, yuan).
UNITS = {"": 1, "元": 1, "万": 10_000, "万元": 10_000, "亿": 100_000_000, "亿元": 100_000_000}
# Counting words printed after a count ("12 件"; procurements "2笔"); they do not scale the figure.
COUNT_WORDS = ("人次", "件", "个", "项", "条", "次", "人", "家", "宗", "起", "批", "份", "笔")
# Words for the sign of a change (本年增/减: "减少2" is -2).
NEGATIVE = ("-", "减少", "减")
# CJK punctuation that typesetting hangs past the end of a line.
HANGING = "、，。；：！？）》」』”’"
# Characters a publisher prints in a cell that has no figure.
BLANK_MARKS = "-—/\\"
# Written for "none": the figure 0.
NONE = "无"

_NUMBER = re.compile(
    r"^(?P<sign>[+-]|增加|减少|增|减)?(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d*\.?\d+|无)(?P<unit>万元|亿元|万|亿|元)?"
    rf"(?:{'|'.join(COUNT_WORDS)})?$"
)
_HEADER_UNIT = re.compile(r"单位[:：]?\s*(万元|亿元|元|万|亿)")
_LABEL_UNIT = re.compile(r"[（(]\s*(万元|亿元|元)\s*[)）]$")


# A figure cut after its thousands separator ("3，" ending a page's row, "880" opening the next).
_CUT = re.compile(r"\d\s*[，,]$")


class NumberError(ValueError):
    """A cell that should hold a figure holds something else."""


def clean(text: str) -> str:
    """NFKC form without whitespace: full-width digits and signs become ASCII. Punctuation that a
    label in the next cell lets hang over the rule (、，。) is not part of the figure."""
    text = unicodedata.normalize("NFKC", text.strip().strip(HANGING))
    text = text.replace("\u2212", "-").replace("\u2013", "-").replace("，", ",")
    return "".join(text.split())


def is_blank(raw: str) -> bool:
    return clean(raw).strip(BLANK_MARKS) == ""


def is_cut(raw: str) -> bool:
    """Whether a cell's text is a figure cut after its thousands separator ("3，"): its rest is
    printed elsewhere (the next page), and it is no figure by itself."""
    return bool(_CUT.search(raw.strip()))


def parse_number(raw: str, scale: int = 1) -> Decimal | None:
    """The value of a published cell in counts or yuan.

    ``scale`` is the multiplier that the column header states ("（单位：万元）" → 10000); a unit
    printed in the cell itself takes precedence over it.
    """
    if is_blank(raw):
        return None
    if is_cut(raw):
        raise NumberError(f"not a number: {raw!r} (a figure cut after its separator)")
    match = _NUMBER.match(clean(raw))
    if not match:
        raise NumberError(f"not a number: {raw!r}")
    digits = match["digits"]
    value = Decimal(0) if digits == NONE else Decimal(digits.replace(",", ""))
    unit = match["unit"]
    value *= UNITS[unit] if unit else scale
    if match["sign"] in NEGATIVE:
        value = -value
    if value == value.to_integral_value():
        value = value.quantize(Decimal(1))
    return value


def looks_numeric(raw: str) -> bool:
    """True for a cell that holds a figure (not a blank, not a label)."""
    return not is_blank(raw) and _NUMBER.match(clean(raw)) is not None


# A label with its figure in the same cell ("行政事业性收费 18651.06"): the figure is the text
# after the last non-figure character, set apart from the label by a space or by a CJK character.
_TRAILING = re.compile(
    r"^(?P<label>.*?[^\d\s.,，+\-－−])\s*(?P<figure>[+\-－−]?[\d０-９][\d０-９.,，]*(?:\s*(?:万元|亿元|万|亿|元))?)\s*$",
    re.S,
)


def split_trailing_figure(text: str) -> tuple[str, str] | None:
    """``(label, figure)`` when a cell ends in a figure after a label, else ``None``.

    Used only for a row that has no figure cell of its own (the rule between the label and the
    figure is missing), so a label that merely ends in digits ("（2）") is never split."""
    match = _TRAILING.match(text.strip())
    if not match or not looks_numeric(match["figure"]) or is_blank(match["label"]):
        return None
    if looks_numeric(match["label"]) or not any(ch >= "\u4e00" for ch in match["label"]):
        return None
    return match["label"].strip(), match["figure"].strip()


def label_scale(label: str) -> int | None:
    """The multiplier a row label states in its closing parentheses, e.g. 政府集中采购（万元） → 10000
    (a department's report names the unit of its procurement amount there, not in the column
    head); ``None`` when the label states no unit."""
    match = _LABEL_UNIT.search("".join(label.split()))
    return UNITS[match[1]] if match else None


def header_scale(header: str) -> int | None:
    """The multiplier a column header announces, e.g. 本年收费金额（单位：万元） → 10000; ``None``
    when it announces no unit."""
    match = _HEADER_UNIT.search(clean(header))
    return UNITS[match[1]] if match else None
