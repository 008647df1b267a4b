from decimal import Decimal

import pytest

from pipeline.extract.numbers import (
    NumberError,
    header_scale,
    label_scale,
    looks_numeric,
    parse_number,
    split_trailing_figure,
)


@pytest.mark.parametrize(
    ("raw", "scale", "expected"),
    [
        ("0", 1, Decimal(0)),
        ("4119", 1, Decimal(4119)),
        ("1,234", 1, Decimal(1234)),
        ("12,345,678", 1, Decimal(12345678)),
        ("１２３", 1, Decimal(123)),  # full-width digits
        ("１，２３４", 1, Decimal(1234)),  # full-width separator
        (" 2 1 ", 1, Decimal(21)),  # spaces inside a cell
        ("32\n万", 1, Decimal(320000)),
        ("32 万", 1, Decimal(320000)),
        ("12808 万元", 1, Decimal(128080000)),
        ("1.5亿元", 1, Decimal(150000000)),
        ("7730.28", 10000, Decimal(77302800)),  # the header says 单位：万元
        ("7545", 10000, Decimal(75450000)),
        ("30万元", 10000, Decimal(300000)),  # a unit in the cell wins over the header's
        ("0.5", 1, Decimal("0.5")),
        ("-3", 1, Decimal(-3)),
        ("－3", 1, Decimal(-3)),  # full-width minus
        ("+2", 1, Decimal(2)),
        ("12件", 1, Decimal(12)),
        ("30人次", 1, Decimal(30)),
        ("减少2", 1, Decimal(-2)),
        ("减2", 1, Decimal(-2)),
        ("增加3", 1, Decimal(3)),
        ("", 1, None),
        ("  ", 1, None),
        ("-", 1, None),
        ("—", 1, None),
        ("/", 1, None),
        # Figures as people write them.
        ("无", 1, Decimal(0)),  # "none": a count (or amount) of zero, raw text kept
        ("无件", 1, Decimal(0)),
        ("1，234", 1, Decimal(1234)),
        ("18,651.06", 10000, Decimal(186510600)),
        ("0件", 1, Decimal(0)),
        ("3次", 1, Decimal(3)),
        ("2笔", 1, Decimal(2)),  # procurements counted in 笔 (平潭综合实验区财政金融局 2020)
        ("12.5万元", 1, Decimal(125000)),
        ("减少3", 1, Decimal(-3)),
    ],
)
def test_parse_number(raw, scale, expected):
    value = parse_number(raw, scale)
    assert value == expected
    if value is not None:
        assert isinstance(value, Decimal)


def test_integral_values_have_no_exponent_or_fraction():
    assert str(parse_number("7730.28", 10000)) == "77302800"
    assert str(parse_number("32 万")) == "320000"


# "3，8": 3，882 whose last digits a browser printed past the page's edge (not in the PDF) is
# refused, never read as 38.
@pytest.mark.parametrize("raw", ["约5", "5-6", "一", "1,23", "12..3", "N/A", "无5", "1,234.5.6", "3，8"])
def test_text_that_is_not_a_figure_is_refused(raw):
    with pytest.raises(NumberError):
        parse_number(raw)
    assert not looks_numeric(raw)


@pytest.mark.parametrize(
    ("header", "scale"),
    [
        ("本年收费金额（单位：万元）", 10000),
        ("本年收费金额(单位:元)", 1),
        ("采购总金额", None),
        ("金额（单位：亿元）", 100_000_000),
    ],
)
def test_header_scale(header, scale):
    assert header_scale(header) == scale


@pytest.mark.parametrize(
    ("label", "scale"),
    [
        ("政府集中采购（元）", 1),
        ("政府集中采购（万元）", 10000),
        ("政府集中采购 ( 亿元 )", 100_000_000),
        ("政府集中采购", None),
        ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", None),
    ],
)
def test_label_scale(label, scale):
    assert label_scale(label) == scale


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("行政事业性收费 18651.06", ("行政事业性收费", "18651.06")),
        ("行政事业性收费18651.06", ("行政事业性收费", "18651.06")),
        ("行政许可 1,234", ("行政许可", "1,234")),
        ("行政许可 12.5万元", ("行政许可", "12.5万元")),
        ("（2）", None),  # numbering, not a figure
        ("规章", None),
        ("第二十条第（一）项", None),
        ("2023", None),  # a figure alone has no label to split from
        ("12 34", None),
    ],
)
def test_split_trailing_figure(text, expected):
    assert split_trailing_figure(text) == expected
