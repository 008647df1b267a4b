"""Figures an old-style report (2008–2018) states in its text rather than its table.

Old reports state many figures in sentences, some of them nowhere else: "2015年主动公开政府信息2949条",
"全县共收到有关政府信息公开的申请21条，其中当面申请数18条", "占71.3%", and none in words:
"2017年未收到有关政府信息公开申请" (0), "依申请提供政府信息暂不收费" (0). Each figure is a fact with
the words that name it (``label``: the clause before the figure, without its subject's framing —
the year, 全区/全县/我局, 共, 其中, the verb 收到/受理 — so "全县共收到有关政府信息公开的申请21条" is
"有关政府信息公开的申请"), the figure as printed (``raw``: "21条", "未收到") and its sentence.

A number is a figure when a counting word or unit follows it (条, 件, 份, 人次, 万元, %), or when
the words before it end in 数 ("不予公开信息数1402"); dates and years are not. The crosswalk
(``pipeline.core.crosswalk``) decides which of them are a measure of the long series; the others
are kept, unmapped.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from pipeline.core.crosswalk import indicator_key
from pipeline.core.facts import Fact
from pipeline.extract.legacy_table import as_printed

_UNITS = "人次|万元|亿元|元|件|条|份|个|项|次|起|宗|批|%|％"
# A figure and its unit; not a date (2013年1月1日), not part of a longer number.
_FIGURE = re.compile(rf"(?<![\d.])(?P<number>\d+(?:\.\d+)?)\s*(?P<unit>{_UNITS})?(?![\d.年月日号时])")
# Where a clause starts: the words naming a figure never run over these.
_CLAUSE = re.compile(r"[，,。；;：:！!？?（）()]")
# The framing of a clause before what it counts: when, who, how many in all, the verb.
_FRAMING = re.compile(
    r"^(?:\d{4}年(?:度)?|今年以来|全年|本年度?|全区|全县|全市|全省|我区|我县|我市|我局|本机关|其中|另|共计|共|累计|总计|"
    r"(?:已)?(?:收到|受理|接到|接收)(?:以)?|在互联网上|各级工作部门)+"
)
# The figure before the words: "收到1份有关政府信息公开行政复议申请已及时处理", "有约4900人次通过…".
_FIGURE_FIRST = re.compile(
    rf"(?:收到|受理|接到|^有|(?<=年)有)(?P<raw>约?(?P<number>\d+(?:\.\d+)?)(?P<unit>{_UNITS}))"
    r"(?P<label>[^，,。；;：:！!？?\d]+?)(?=已|并|均|[，,。；;：:！!？?]|$)"
)
# An enumeration closed by 等 qualifies what follows its 的: "用于A、B等产生的政府信息公开费用".
_QUALIFIER = re.compile(r"^.*等[^的]*的")
# After the words, before the figure: 为 (is), 达 (reaches).
_LINK = re.compile(r"(?:为|达|共计|共)$")
# None, in words: a negation before what it denies, or after what is not charged.
_NONE_BEFORE = re.compile(
    r"(?P<raw>(?:未|没有)(?:发生|收到|接到|受理|出现|产生)(?:过)?)(?P<label>[^，,。；;：:！!？?]+)"
)
_NONE_AFTER = re.compile(r"(?P<label>[^，,。；;：:！!？?]+?)(?P<raw>暂不收费|不收取费用|未收取费用|未收费)")
_SENTENCE = re.compile(r"[^。！？!?]+[。！？!?]?")


def sentences(text: str, joined: bool = False) -> list[str]:
    """The sentences of ``text``, as printed. A web page or Word file keeps a paragraph per line, and
    a sentence never runs over one; a PDF's text layer breaks lines anywhere (``joined``: lines are
    joined first)."""
    text = as_printed(text)
    blocks = ["".join(text.splitlines())] if joined else text.splitlines()
    return [s.strip() for block in blocks for s in _SENTENCE.findall(block) if s.strip()]


def _label(clause: str) -> str:
    """The words naming a figure: the clause before it without its framing."""
    words = _LINK.sub("", clause.strip())
    return _QUALIFIER.sub("", _FRAMING.sub("", words)).strip()


def read_prose(text: str, page: int | None = None, joined: bool = False) -> list[Fact]:
    """Every figure the sentences of ``text`` state (``page``: the PDF page it is on; ``joined``:
    the text's lines break inside sentences)."""
    facts: list[Fact] = []
    for sentence in sentences(text, joined):
        taken: list[tuple[int, int]] = []
        for match in _NONE_BEFORE.finditer(sentence):
            facts.append(_fact(match["label"].strip(), match["raw"], Decimal(0), None, sentence, page))
            taken.append(match.span())
        for match in _NONE_AFTER.finditer(sentence):
            if not any(a < match.end() and match.start() < b for a, b in taken):
                label = _label(_CLAUSE.split(match["label"])[-1])
                if label:
                    facts.append(_fact(label, match["raw"], Decimal(0), None, sentence, page))
        for match in _FIGURE_FIRST.finditer(sentence):
            facts.append(_fact(match["label"], match["raw"], Decimal(match["number"]), match["unit"], sentence, page))
            taken.append(match.span("raw"))
        for match in _FIGURE.finditer(sentence):
            if any(a <= match.start() < b for a, b in taken) or sentence[max(match.start() - 1, 0)] == "约":
                continue
            clause = _CLAUSE.split(sentence[: match.start()])[-1]
            label = _label(clause)
            unit = match["unit"]
            if not label or re.search(r"[\d.]$", label) or not re.search(r"[\u4e00-\u9fff]", label):
                continue  # a number without words before it (约4900人次通过…) is not read
            if unit is None and not label.endswith("数"):
                continue
            raw = sentence[match.start() : match.end()]
            facts.append(_fact(label, raw, Decimal(match["number"]), unit, sentence, page))
    return facts


def _fact(label: str, raw: str, value: Decimal, unit: str | None, sentence: str, page: int | None) -> Fact:
    return Fact(
        table="legacy",
        row=indicator_key(label),
        column="year",
        value=value,
        page=page,
        raw=raw,
        label=unicodedata.normalize("NFC", label),
        unit=unit,
        sentence=sentence,
    )
