"""Each table of the dataset page as a CSV file beside it (``assets/csv/``), written at build time
from the same rows the table shows: values as the warehouse holds them (exact decimals, ISO dates,
true/false), an empty field for NULL."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

CSV_DIR = "assets/csv"


def field(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return str(value)


def csv_text(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """A CSV file: a header, then one line per row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([field(value) for value in row] for row in rows)
    return out.getvalue()


def csv_path(name: str) -> str:
    """Where the CSV of the page's table ``name`` is, relative to the page."""
    return f"{CSV_DIR}/{name}.csv"
