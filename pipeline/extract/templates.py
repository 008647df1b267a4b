"""What each national template publishes, and which template a report follows.

The State Council's 2019 template and its 2021 revision differ in table 二 (the measures and
items of proactive disclosure) and in table 三 (the 2021 template splits （六）其他处理 into three
rows, though many 2021-format reports still print it as one row). Tables 三 and 四 otherwise
share their rows and columns.
"""

from __future__ import annotations

from collections.abc import Iterable

from pipeline.core.codes import COLUMN_DIMENSION, ROW_DIMENSION, codes
from pipeline.core.facts import ReportError

Cell = tuple[str, str, str]  # table, row code, column code

TEMPLATES = ("2019", "2021")

# The rows of table 三 that head a group of numbered rows, with the labels that head them.
GROUP_LABELS = {
    "processed": ("三、本年度办理结果",),
    "denied": ("（三）不予公开",),
    "unable": ("（四）无法提供",),
    "not_processed": ("（五）不予处理",),
    "other_handling": ("（六）其他处理",),
}
SUBGROUPS = ("denied", "unable", "not_processed", "other_handling")
OTHER_HANDLING_PARTS = ("other_handling.no_correction", "other_handling.fee_unpaid", "other_handling.other")

# Table 二: the measures each item is published with.
_2019_LICENSING = ("previous_year_items", "change", "decisions")
_2019_DOCUMENTS = ("newly_made", "newly_published", "total_published")
_2021_DOCUMENTS = ("issued", "repealed", "in_force")
PROACTIVE_CELLS: dict[str, dict[str, tuple[str, ...]]] = {
    "2019": {
        "rules": _2019_DOCUMENTS,
        "normative_documents": _2019_DOCUMENTS,
        "administrative_license": _2019_LICENSING,
        "other_external_services": _2019_LICENSING,
        "administrative_penalty": _2019_LICENSING,
        "administrative_coercion": _2019_LICENSING,
        "administrative_fees": ("previous_year_items", "change"),
        "centralized_procurement": ("procurement_items", "procurement_amount_yuan"),
    },
    "2021": {
        "rules": _2021_DOCUMENTS,
        "normative_documents": _2021_DOCUMENTS,
        "administrative_license": ("decisions",),
        "administrative_penalty": ("decisions",),
        "administrative_coercion": ("decisions",),
        "administrative_fees": ("fee_amount_yuan",),
    },
}


# Other words publishers print for a few labels of the templates.
ALIASES = {
    ("requests", "applicant", "other_org"): ("其他组织",),
    ("requests", "applicant", "total"): ("合计",),
    ("requests", "outcome", "total_processed"): ("（七）合计",),
    ("review", "result", "upheld"): ("维持",),
    ("review", "result", "corrected"): ("纠正",),
    ("review", "result", "total"): ("合计",),
}


def labels(table: str, dimension: str, template: str | None = None) -> dict[str, tuple[str, ...]]:
    """Code → its published labels, for matching."""
    return {
        c.code: c.labels_zh + ALIASES.get((table, dimension, c.code), ()) for c in codes(table, dimension, template)
    }


def request_rows(template: str, other_handling_split: bool) -> tuple[str, ...]:
    rows = [c.code for c in codes("requests", "outcome", template)]
    drop = ("other_handling",) if other_handling_split else OTHER_HANDLING_PARTS
    return tuple(row for row in rows if row not in drop)


def required_cells(template: str, other_handling_split: bool = False) -> set[Cell]:
    """Every cell a report of ``template`` publishes in tables 二, 三 and 四.

    ``other_handling_split``: table 三 prints （六）其他处理 as its three sub-rows (2021 template
    only) rather than as one row. Cells are ``(table, row code, column code)`` with the row and
    column dimensions of ``pipeline.core.codes.ROW_DIMENSION`` / ``COLUMN_DIMENSION``.
    """
    if template not in TEMPLATES:
        raise ValueError(f"unknown template {template!r}")
    if other_handling_split and template != "2021":
        raise ValueError("only the 2021 template splits （六）其他处理")
    cells: set[Cell] = set()
    for table in ("requests", "review"):
        rows = (
            request_rows(template, other_handling_split)
            if table == "requests"
            else tuple(c.code for c in codes(table, ROW_DIMENSION[table], template))
        )
        columns = [c.code for c in codes(table, COLUMN_DIMENSION[table], template)]
        cells |= {(table, row, column) for row in rows for column in columns}
    for item, measures in PROACTIVE_CELLS[template].items():
        cells |= {("proactive", item, measure) for measure in measures}
    return cells


def detect_template(proactive_codes: Iterable[str], other_handling_split: bool, section_nine: bool) -> str:
    """The template a report follows, from what its tables print.

    ``proactive_codes``: the item and measure codes found in table 二; ``section_nine``: table 二
    has a 第二十条第（九）项 section (government procurement, 2019 only).
    """
    only = {template: set() for template in TEMPLATES}
    for table, dimension in (("proactive", "item"), ("proactive", "measure")):
        for c in codes(table, dimension):
            if len(c.templates) == 1:
                only[next(iter(c.templates))].add(c.code)
    found = set(proactive_codes)
    votes = {
        "2019": len(found & only["2019"]) + int(section_nine),
        "2021": len(found & only["2021"]) + int(other_handling_split),
    }
    if votes["2019"] and votes["2021"]:
        raise ReportError(
            "the tables mix the 2019 and 2021 templates: "
            f"{', '.join(sorted(found & only['2019']))} and {', '.join(sorted(found & only['2021']))}"
            + (" and the three （六）其他处理 rows" if other_handling_split else "")
        )
    if not votes["2019"] and not votes["2021"]:
        raise ReportError("cannot tell the template (2019 or 2021): table 二 prints no template-specific column")
    return "2019" if votes["2019"] else "2021"
