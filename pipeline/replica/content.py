"""One report's content: who published it, its figures, how they are printed, its body text.

``figures`` has exactly the shape of the ground-truth files: ``requests`` (outcome -> 7 values in
applicant order), ``review`` (proceeding -> upheld, corrected, other, pending, total) and
``proactive`` (item -> measure -> value), in the units of ``codes.csv`` (counts, yuan), ``None``
for a cell published blank. How a cell is *printed* ("32 万", "1,234") is kept apart in
``printed`` so that tests can compare figures with what an extractor reads.
"""

from __future__ import annotations

import copy
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

from pipeline.core.codes import codes

TEMPLATES = ("2019", "2021")
APPLICANTS = tuple(c.code for c in codes("requests", "applicant"))
RESULTS = tuple(c.code for c in codes("review", "result"))

# Headings of the six sections; the report may reword one (``ReportContent.headings``).
HEADINGS = {
    "一": "一、总体情况",
    "二": "二、主动公开政府信息情况",
    "三": "三、收到和处理政府信息公开申请情况",
    "四": "四、政府信息公开行政复议、行政诉讼情况",
    "五": "五、存在的主要问题及改进情况",
    "六": "六、其他需要报告的事项",
}


@dataclass
class Layout:
    """Where table 三 crosses a page and how wide its label columns are."""

    # Row code of table 三 at which the table continues on a new page (None: wherever it fills).
    break_before: str | None = None
    # Divide that row's label between the two pages (its first lines and figures stay behind).
    split_label: bool = False
    # Narrow label and figure columns, as in the 2019-format reports: long labels wrap.
    narrow: bool = False
    # Height of a one-line row of tables 三 and 四, and of table 二 (None: the same), mm.
    min_row: float = 7.0
    proactive_row: float | None = None
    # Page number text in the footer.
    footer: str = "- {page} -"
    # Body text size (pt) and line pitch (multiple of the size).
    body_size: float = 15.0
    line_spacing: float = 1.6
    # Shade the title rows of the table 二 sub-tables (as WPS exports of the 2021 format do).
    shaded: bool = False
    # Every cell its own box inside the table's box, a gap between neighbours (Word's cell
    # spacing; a browser's cellspacing): each border printed as two rules.
    double_rules: bool = False
    # Figures of two or more digits set as separate glyphs spread over the cell (justified text).
    split_digits: bool = False
    # Table 三's value cells do not share the column boundaries of its header (Word exports).
    ragged: bool = False
    # Table 二 items whose label and figure share one cell (the rule between them not drawn).
    label_figure: list[str] = field(default_factory=list)
    # No rules at all: the tables are text set in columns (Word borders off, ``border="0"``).
    no_rules: bool = False


@dataclass
class ReportContent:
    agency: str
    year: int
    template: str  # "2019" | "2021"
    figures: dict[str, Any]
    title: str = ""  # may contain "\n"; empty: "<agency><year>年政府信息公开工作年度报告"
    body: dict[str, list[str]] = field(default_factory=dict)  # preface, 一, 五, 六 -> paragraphs
    headings: dict[str, str] = field(default_factory=dict)  # section numeral -> heading text
    labels: dict[str, str] = field(default_factory=dict)  # row code -> label as printed
    printed: dict[str, str] = field(default_factory=dict)  # cell key -> text as printed
    layout: Layout = field(default_factory=Layout)
    quirks: list[str] = field(default_factory=list)  # what is unusual about this report, in words
    # Section numeral (二, 三, 四) -> the sentence printed under its heading in place of its table
    # ("" for the heading alone): the table is not published, its figures not printed.
    stand_ins: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.template not in TEMPLATES:
            raise ValueError(f"unknown template {self.template!r}; expected one of {TEMPLATES}")

    @property
    def heading(self) -> dict[str, str]:
        return {**HEADINGS, **self.headings}

    def full_title(self) -> str:
        return self.title or f"{self.agency}{self.year}年政府信息公开工作年度报告"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def published_blank(content: ReportContent, tables: tuple[str, ...], mark: str = "") -> ReportContent:
    """The report with every cell of ``tables`` published blank (no request, or no review or
    suit, that year): printed empty, or as ``mark`` (—, /, -) in every cell."""
    content = copy.deepcopy(content)
    content.printed = {key: text for key, text in content.printed.items() if key.split(".")[0] not in tables}
    for table in tables:
        content.figures[table] = {row: [None] * len(values) for row, values in content.figures[table].items()}
        columns = APPLICANTS if table == "requests" else RESULTS
        content.printed |= {cell_key(table, row, c): mark for row in content.figures[table] for c in columns if mark}
    return content


def cell_key(table: str, row: str, column: str) -> str:
    """The key of one cell in ``ReportContent.printed``, e.g. ``proactive.rules.issued``."""
    return f"{table}.{row}.{column}"


def load_content(path: Path | str) -> ReportContent:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    data["layout"] = Layout(**(data.get("layout") or {}))
    data["year"] = int(data["year"])
    data["template"] = str(data["template"])
    return ReportContent(**data)


class _Dumper(yaml.SafeDumper):
    """Rows of figures on one line each; text in block style."""


def _flow_if_figures(dumper: yaml.SafeDumper, data: list | dict) -> yaml.Node:
    values = data.values() if isinstance(data, dict) else data
    flow = bool(data) and all(v is None or isinstance(v, int) for v in values)
    if isinstance(data, dict):
        return dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=flow)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_Dumper.add_representer(list, _flow_if_figures)
_Dumper.add_representer(dict, _flow_if_figures)


def dump_content(content: ReportContent, path: Path | str) -> None:
    text = yaml.dump(content.as_dict(), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    Path(path).write_text(text, encoding="utf-8")
