"""Published figures as numbers: integers, decimals, thousands separators, full-width digits,
signs (+/-, 增/减), Chinese units (万, 亿, 元) and counting words (件, 人次).

A blank cell, or one holding only a dash or slash (printed for "not applicable"), has no value:
``parse_number`` returns ``None`` and the fact keeps the raw text.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

# Multipliers into the units of codes.csv (counts, yuan).
UNITS = {"": 1, "元": 1, "万": 10_000, "万元": 10_000, "亿": 100_000_000, "亿元": 100_000_000}
# Counting words printed after a count ("12 件"); they do not scale the figure.
COUNT_WORDS = ("人次", "件", "个", "项", "条", "次", "人", "家", "宗", "起", "批", "份")
# Words for the sign of a change (本年增/减: "减少2" is -2).
NEGATIVE = ("-", "减少", "减")
# CJK punctuation that typesetting hangs past the end of a line.
HANGING = "、，。；：！？）》」』”’"
# Characters a publisher prints in a cell that has no figure.
BLANK_MARKS = "-—/\\"

_NUMBER = re.compile(
    r"^(?P<sign>[+-]|增加|减少|增|减)?(?P<digits>\d{1,3}(?:,\d{3})+|\d*\.?\d+)(?P<unit>万元|亿元|万|亿|元)?"
    rf"(?:{'|'.join(COUNT_WORDS)})?$"
)
_HEADER_UNIT = re.compile(r"单位[:：]?\s*(万元|亿元|元|万|亿)")


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


def parse_number(raw: str, scale: int = 1) -> Decimal | None:
    """The value of a published cell in counts or yuan.

    ``scale`` is the multiplier that the column header states ("（单位：万元）" → 10000); a unit
    printed in the cell itself takes precedence over it.
    """
    if is_blank(raw):
        return None
    match = _NUMBER.match(clean(raw))
    if not match:
        raise NumberError(f"not a number: {raw!r}")
    value = Decimal(match["digits"].replace(",", ""))
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


def header_scale(header: str) -> int:
    """The multiplier a column header announces, e.g. 本年收费金额（单位：万元） → 10000."""
    match = _HEADER_UNIT.search(clean(header))
    return UNITS[match[1]] if match else 1
