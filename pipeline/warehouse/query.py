"""Read-only SQL over the published warehouse or a snapshot (``ogi sql``), printed as a table, CSV or
JSON; with no query, an interactive prompt. Needs nothing beyond the ``duckdb`` package the
pipeline already uses, so no DuckDB command-line tool has to match the file's version."""

from __future__ import annotations

import contextlib
import csv
import difflib
import io
import json
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import TextIO

import duckdb

from pipeline.core.errors import OgiError
from pipeline.core.settings import Settings
from pipeline.warehouse.dictionary import Relation, relations
from pipeline.warehouse.snapshot import DATABASE, LATEST_LINK, open_snapshot, snapshot_dirs

HELP = """Type SQL ending with ; to run it (read-only). Other commands:
  .tables         the tables and views, with what each holds
  .schema         the same as .tables
  .schema NAME    the columns of table or view NAME: type and what each holds
  .help           this text
  .quit           leave (or Ctrl-D)"""
COMMANDS = ".tables, .schema [NAME], .help, .quit"


class QueryError(OgiError):
    """An expected failure: no warehouse or snapshot there, or a query DuckDB refused."""


def connect(settings: Settings, snapshot: str | None = None) -> tuple[duckdb.DuckDBPyConnection, Path]:
    """A read-only connection to the warehouse, or to snapshot ``latest`` / ``<name>``, and its path."""
    if snapshot is None:
        path = settings.warehouse_path
        if not path.is_file():
            raise QueryError(f"{path}: no warehouse there yet (ogi run builds it)")
        return duckdb.connect(str(path), read_only=True), path
    folder = settings.snapshots_dir / snapshot
    if not (folder / DATABASE).is_file():
        names = [p.name for p in snapshot_dirs(settings.snapshots_dir) if (p / DATABASE).is_file()]
        known = f"; snapshots: {LATEST_LINK}, {', '.join(names)}" if names else "; there is no snapshot yet"
        raise QueryError(f"{folder}: not a snapshot with {DATABASE}{known}")
    return open_snapshot(folder.resolve()), folder


def table(relation: duckdb.DuckDBPyRelation) -> str:
    """Every row and column in full, as DuckDB draws them (``str(relation)`` cuts both)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        relation.show(max_width=1_000_000, max_rows=1_000_000_000, max_col_width=1_000_000)
    return out.getvalue().rstrip("\n") + "\n"


def _plain(value: object) -> object:
    """A JSON value: numbers stay numbers (a whole DECIMAL an integer, 12.50 the number 12.5),
    dates and times ISO text."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def render(relation: duckdb.DuckDBPyRelation | None, fmt: str) -> str:
    if relation is None:  # a statement without a result
        return ""
    if fmt == "table":
        return table(relation)
    rows = relation.fetchall()
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(relation.columns)
        writer.writerows(["" if v is None else v for v in row] for row in rows)
        return out.getvalue()
    records = [dict(zip(relation.columns, map(_plain, row), strict=True)) for row in rows]
    return json.dumps(records, ensure_ascii=False, indent=1) + "\n"


def refusal(exc: duckdb.Error) -> str:
    """DuckDB's whole message without its blank lines: the error, then its hints (``Did you mean
    "reports"?``, candidate columns, the ``LINE 1:`` context and its caret) indented under it. Every
    line is indented alike, so the caret still points at the same character."""
    lines = [line.rstrip() for line in str(exc).splitlines() if line.strip()]
    return "\n".join([lines[0], *(f"  {line}" for line in lines[1:])]) if lines else type(exc).__name__


def run(con: duckdb.DuckDBPyConnection, sql: str, fmt: str = "table") -> str:
    """The result of ``sql`` in ``fmt``; QueryError with DuckDB's message when it is refused."""
    try:
        return render(con.sql(sql), fmt)
    except duckdb.Error as exc:
        raise QueryError(refusal(exc)) from None


def tables(con: duckdb.DuckDBPyConnection) -> str:
    """One line per table and view: name, kind, what it holds (tables first, then views)."""
    found = sorted(relations(con), key=lambda r: (r.kind, r.name))
    width = max((len(r.name) for r in found), default=0)
    return "".join(f"{r.name:<{width}}  {r.kind:<5}  {r.comment or ''}\n" for r in found)


def schema(con: duckdb.DuckDBPyConnection, name: str) -> str:
    """Table or view ``name`` (any case): what it holds, then one line per column with its type
    and what it holds; QueryError naming the closest names when there is no such relation."""
    found = {r.name.lower(): r for r in relations(con)}
    relation: Relation | None = found.get(name.lower())
    if relation is None:
        close = difflib.get_close_matches(name.lower(), found, n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise QueryError(f"no table or view named {name}{hint} (.tables lists them)")
    width = max((len(c) for c, _, _ in relation.columns), default=0)
    types = max((len(t) for _, t, _ in relation.columns), default=0)
    lines = [f"{relation.name} ({relation.kind}): {relation.comment or ''}".rstrip()]
    lines += [f"  {c:<{width}}  {t:<{types}}  {comment or ''}".rstrip() for c, t, comment in relation.columns]
    return "\n".join(lines) + "\n"


def command(con: duckdb.DuckDBPyConnection, line: str) -> str:
    """What a dot command prints; QueryError for an unknown one, naming those that exist."""
    words = line.rstrip(";").split()
    match words:
        case [".tables"] | [".schema"]:
            return tables(con)
        case [".schema", name]:
            return schema(con, name)
        case [".help"]:
            return HELP + "\n"
    raise QueryError(f"unknown command {line}; the commands are {COMMANDS} (.help says what each does)")


def interactive(
    con: duckdb.DuckDBPyConnection,
    where: Path,
    fmt: str,
    read: Callable[[str], str] = input,
    out: TextIO = sys.stdout,
    err: TextIO = sys.stderr,
) -> int:
    """Read statements (ending with ;) and dot commands until .quit or end of input; returns how
    many statements and commands were refused (each said on ``err``, and the prompt goes on)."""
    tty = out.isatty() and sys.stdin.isatty()
    if tty:
        with contextlib.suppress(ImportError):
            import readline  # noqa: F401  line editing and history for input()
        print(f"{where} (read-only). .help for help, .quit or Ctrl-D to leave.", file=out)
    pending: list[str] = []
    failed = 0

    def execute(sql: str) -> None:
        nonlocal failed
        try:
            print(run(con, sql, fmt), end="", file=out)
        except QueryError as exc:
            failed += 1
            print(f"ogi: error: {exc}", file=err)

    while True:
        try:
            line = read(("ogi> " if not pending else "  -> ") if tty else "")
        except EOFError:
            break
        except KeyboardInterrupt:
            pending = []
            print(file=out)
            continue
        text = line.strip()
        if not pending and text.startswith("."):
            if text in (".quit", ".exit"):
                break
            try:
                print(command(con, text), end="", file=out)
            except QueryError as exc:
                failed += 1
                print(f"ogi: error: {exc}", file=err)
            continue
        pending.append(line)
        if text.endswith(";"):
            execute("\n".join(pending))
            pending = []
    if "".join(pending).strip():
        execute("\n".join(pending))
    return failed
