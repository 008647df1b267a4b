"""Facts as CSV or JSON for the ``ogi extract`` command."""

from __future__ import annotations

import csv
import json
from dataclasses import fields
from typing import Any, TextIO

from pipeline.core.facts import Extraction, Fact

FORMATS = ("csv", "json")
# Fields only old-style reports fill (their unit, section and the sentence of a figure in prose).
LEGACY_ONLY = ("unit", "section", "sentence")
LEGACY_COLUMNS = tuple(f.name for f in fields(Fact))
COLUMNS = tuple(name for name in LEGACY_COLUMNS if name not in LEGACY_ONLY)


def _record(fact: Fact, columns: tuple[str, ...] = LEGACY_COLUMNS) -> dict[str, Any]:
    record = {name: value for name, value in fact.as_record().items() if name in columns}
    # Decimal as its exact text: no float rounding on the way out.
    record["value"] = None if fact.value is None else str(fact.value)
    return record


def write_facts(extraction: Extraction, stream: TextIO, fmt: str = "csv") -> None:
    """CSV: a header and one line per fact; JSON: the report's template, pages, table pages and
    notes, and its facts (an old-style report's with their unit, section and sentence). A value is written as its exact decimal text (JSON: a string), a cell
    published blank as an empty field (JSON: null)."""
    columns = LEGACY_COLUMNS if extraction.template == "legacy" else COLUMNS
    if fmt == "csv":
        writer = csv.DictWriter(stream, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(_record(fact, columns) for fact in extraction.facts)
    elif fmt == "json":
        document = {
            "template": extraction.template,
            "pages": extraction.pages,
            "table_pages": extraction.table_pages,
            "other_handling_split": extraction.other_handling_split,
            "engine": extraction.engine,
            "notes": extraction.notes,
            "facts": [_record(fact, columns) for fact in extraction.facts],
        }
        json.dump(document, stream, ensure_ascii=False, indent=1)
        stream.write("\n")
    else:
        raise ValueError(f"unknown format {fmt!r}; expected one of {FORMATS}")
