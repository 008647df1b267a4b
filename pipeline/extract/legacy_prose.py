"""Figures an old-style report (2008–2018) states in its text rather than its table.

Many old reports print no statistics table at all, or only part of one, and say the figures in
sentences: "2015年主动公开政府信息2949条", "全年共受理政府信息公开申请12件", "2017年未收到有关政府
信息公开申请" (none: 0), "未发生针对本机关的行政复议和行政诉讼" (0 of each). Each pattern below is
one indicator of the crosswalk (``pipeline.core.crosswalk``); a match is a fact with the phrase as
printed (``label``), the matched text (``raw``) and its whole sentence (``sentence``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from pipeline.core.crosswalk import indicator_key
from pipeline.core.facts import Fact
from pipeline.extract.numbers import NumberError, parse_number

_NUMBER = r"(?P<number>[\d０-９][\d０-９,，]*(?:\.\d+)?)"
_UNIT = r"(?P<unit>人次|件|条|个|项|份|起|宗|次|批)"
_TOTAL = r"(?:共计|共|总计|合计|累计)?"
_SENTENCE_END = re.compile(r"(?<=[。；;！!？?])|\n")
# "未收到", "没有发生", "无": the sentence says there were none.
_NONE = r"(?:未|没有|无)(?:发生|收到|接到|受理|出现|产生|有)?(?:过)?"


@dataclass(frozen=True)
class Pattern:
    """A sentence form of one indicator: ``phrase`` matches the indicator as printed."""

    indicator: str  # a label of crosswalk.csv
    phrase: str  # a regex of the indicator as printed; its match is the fact's label
    zero: bool = False  # a negation before the phrase: the figure is 0, no number printed


_APPLICATIONS = r"(?:政府)?信息公开(?:的)?申请|依申请公开(?:政府)?信息(?:的)?申请|公开申请"
PATTERNS = (
    Pattern("主动公开政府信息", r"主动公开(?:各类|各项)?(?:政府)?(?:信息|文件)"),
    Pattern("受理政府信息公开申请", rf"受理(?:了)?(?:各类)?(?:{_APPLICATIONS})"),
    Pattern("收到政府信息公开申请", rf"(?:收到|接到|接收)(?:了)?(?:各类)?(?:{_APPLICATIONS})"),
    Pattern("行政复议", r"(?:申请|提起|提出)?行政复议(?:申请|案件)?"),
    Pattern("行政诉讼", r"(?:提起|提出)?行政诉讼(?:案件)?"),
    Pattern(
        "政府信息公开申请",
        rf"(?:收到|接到|受理)(?:过)?(?:任何)?(?:有关|关于|涉及)?(?:本机关)?(?:的)?(?:{_APPLICATIONS})",
        zero=True,
    ),
    # "未发生…行政复议和行政诉讼": a negation, then within the clause the proceedings it denies.
    Pattern("行政复议", r"行政复议", zero=True),
    Pattern("行政诉讼", r"行政诉讼", zero=True),
)
# A figure: the phrase, an optional 共/共计, the number and its counting word.
_COUNTED = [(p, re.compile(rf"(?P<phrase>{p.phrase}){_TOTAL}{_NUMBER}{_UNIT}")) for p in PATTERNS if not p.zero]
# None: a negation then, in the same clause (no comma between the verb and the phrase for
# requests; proceedings may follow within the clause), the phrase with no number after it.
_NEGATED = [
    (
        p,
        re.compile(
            rf"(?P<negation>{_NONE})(?P<phrase>{p.phrase})"
            if p.indicator == "政府信息公开申请"
            else rf"(?P<negation>{_NONE})[^，,。；;\d０-９]{{0,24}}?(?P<phrase>{p.phrase})(?![^，,。；;]{{0,4}}[\d０-９])"
        ),
    )
    for p in PATTERNS
    if p.zero
]


def sentences(text: str) -> list[str]:
    """The sentences of a text, whitespace inside them removed (a PDF breaks lines anywhere)."""
    return [s for part in _SENTENCE_END.split(text) if (s := "".join(part.split()))]


def read_prose(text: str, page: int | None = None) -> list[Fact]:
    """Every figure the sentences of ``text`` state (``page``: the PDF page it is on)."""
    facts: list[Fact] = []
    for sentence in sentences(text):
        taken: list[tuple[int, int]] = []
        for pattern, regex in _COUNTED:
            for match in regex.finditer(sentence):
                if any(a < match.end() and match.start() < b for a, b in taken):
                    continue
                try:
                    value = parse_number(match["number"])
                except NumberError:
                    continue
                taken.append(match.span())
                facts.append(_fact(pattern, match["phrase"], match[0], value, match["unit"], sentence, page))
        for pattern, regex in _NEGATED:
            for match in regex.finditer(sentence):
                start, end = match.span("phrase")  # one negation may deny several proceedings
                if any(a < end and start < b for a, b in taken):
                    continue
                taken.append((start, end))
                facts.append(_fact(pattern, match["phrase"], match[0], Decimal(0), None, sentence, page))
    return facts


def _fact(
    pattern: Pattern, phrase: str, raw: str, value: Decimal | None, unit: str | None, sentence: str, page: int | None
) -> Fact:
    return Fact(
        table="legacy",
        row=indicator_key(pattern.indicator),
        column="year",
        value=value,
        page=page,
        raw=raw,
        label=unicodedata.normalize("NFC", phrase),
        unit=unit,
        sentence=sentence,
    )
