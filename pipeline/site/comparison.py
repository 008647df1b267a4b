"""The cross-agency chart: the measures of ``agency_comparison`` a reader can pick, and the view's
rows embedded in the page for ``assets/compare.js`` to draw."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

from pipeline.site.data import Table

# Column of agency_comparison -> (Chinese label, English label, kind: count | share | rate).
MEASURES = {
    "new_requests": ("新收申请", "new requests", "count"),
    "handled": ("办理总计", "requests handled", "count"),
    "granted_share": ("予以公开", "share disclosed in full", "share"),
    "partially_granted_share": ("部分公开", "share partially disclosed", "share"),
    "denied_share": ("不予公开", "share denied", "share"),
    "unable_share": ("无法提供", "share unable to provide", "share"),
    "not_processed_share": ("不予处理", "share not processed", "share"),
    "other_handling_share": ("其他处理", "share handled otherwise", "share"),
    "reconsiderations_per_100": ("行政复议", "reconsiderations per 100 new requests", "rate"),
    "litigations_per_100": ("行政诉讼", "litigations per 100 new requests", "rate"),
}
KEPT = ("agency", "name_zh", "level", "year")  # what the chart shows of each row beside the measures


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def comparison_data(table: Table) -> dict[str, Any]:
    """The chart's data: the measures, the years with a report, and one row per report."""
    wanted = [*KEPT, *MEASURES]
    index = [table.columns.index(name) for name in wanted]
    rows = [{name: _plain(row[i]) for name, i in zip(wanted, index, strict=True)} for row in table.rows]
    return {
        "measures": [{"column": c, "label_zh": zh, "label_en": en, "kind": k} for c, (zh, en, k) in MEASURES.items()],
        "years": sorted({row["year"] for row in rows}),
        "rows": rows,
    }


def embedded(data: dict[str, Any]) -> str:
    """JSON safe inside a ``<script type="application/json">`` element: no ``<``, ``>`` or ``&``
    left to close it or start markup (each written as its \\u escape, which JSON reads back)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
