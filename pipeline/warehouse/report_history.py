"""A report's history, read from the warehouse (``ogi history``): every version of its file seen,
which one is loaded or could not be read, and the cells that changed each time the loaded version
changed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

import duckdb

from pipeline.core.errors import OgiError
from pipeline.warehouse.sql import statement


class UnknownReport(OgiError):
    """The agency or the year asked for is not in the warehouse."""


@dataclass(frozen=True)
class Seen:
    """One version of a report's file."""

    sha256: str
    first_seen: datetime
    last_seen: datetime
    url: str | None
    kind: str
    loaded: bool
    failure: str | None

    @property
    def state(self) -> str:
        if self.loaded:
            return "loaded"
        return f"failed: {self.failure}" if self.failure else "not loaded"


@dataclass(frozen=True)
class Change:
    """One cell that differs between two loaded versions."""

    old_sha256: str
    new_sha256: str
    table: str
    row: str
    column: str
    change: str  # changed | added | removed
    old_value: Decimal | None
    new_value: Decimal | None
    old_raw: str | None
    new_raw: str | None


@dataclass(frozen=True)
class History:
    agency: str
    year: int
    versions: list[Seen]
    changes: list[Change]


def report_history(con: duckdb.DuckDBPyConnection, agency: str, year: int) -> History:
    """The versions and revisions of one report; ``UnknownReport`` names what the warehouse has."""
    found = con.execute(statement("read/agency_years"), {"agency": agency}).fetchall()
    if not found:
        raise UnknownReport(f"unknown agency {agency!r}: not in the warehouse (SELECT agency FROM agencies lists them)")
    years = found[0][1] or []
    params = {"agency": agency, "year": year}
    versions = [Seen(*row) for row in con.execute(statement("read/report_versions"), params).fetchall()]
    if not versions:
        loaded = ", ".join(map(str, years)) if years else "none"
        raise UnknownReport(f"{agency} {year}: no report of that year in the warehouse (years loaded: {loaded})")
    changes = [Change(*row) for row in con.execute(statement("read/report_revisions"), params).fetchall()]
    return History(agency, year, versions, changes)


def _figure(value: Decimal | None, raw: str | None) -> str:
    if raw is None:
        return "absent"
    if value is None:
        return f"blank ({raw!r})" if raw else "blank"
    shown = f"{value:f}".rstrip("0").rstrip(".") if "." in f"{value:f}" else f"{value:f}"
    return shown if raw == shown else f"{shown} ({raw!r})"


def _time(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def format_history(history: History) -> str:
    """The versions, one a line (numbered, oldest first), then the changed cells between each two
    loaded versions in turn."""
    number = {v.sha256: n for n, v in enumerate(history.versions, 1)}
    count = len(history.versions)
    lines = [f"{history.agency} {history.year}: {count} version{'' if count == 1 else 's'} (times UTC)"]
    for n, v in enumerate(history.versions, 1):
        lines.append(
            f"  {n}  {v.sha256[:12]}  first seen {_time(v.first_seen)}  last seen {_time(v.last_seen)}  "
            f"{v.url or v.kind}  {v.state}"
        )
    pairs: dict[tuple[str, str], list[Change]] = {}
    for c in history.changes:
        pairs.setdefault((c.old_sha256, c.new_sha256), []).append(c)
    if not pairs:
        lines.append("no figure changed between versions")
    for (old, new), cells in pairs.items():
        lines.append(
            f"changed from version {number.get(old, '?')} ({old[:12]}) to version {number.get(new, '?')} "
            f"({new[:12]}): {len(cells)} cells"
        )
        for c in cells:
            lines.append(
                f"  {c.table} {c.row} × {c.column}: {_figure(c.old_value, c.old_raw)} → "
                f"{_figure(c.new_value, c.new_raw)}"
            )
    return "\n".join(lines) + "\n"
