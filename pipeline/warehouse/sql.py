"""The SQL of the warehouse: one statement per file under ``sql/``, values always bound."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path

# Inside the package (pipeline/sql, the top-level sql/ folder); the package is installed as files,
# so it is a folder on disk.
SQL_DIR = Path(str(files("pipeline") / "sql"))


@cache
def statement(name: str) -> str:
    """The statement in ``sql/<name>.sql``, e.g. ``statement("checks/review_total")``."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def folder(name: str) -> list[str]:
    """The names of the statements in one folder, in file order (``schema/01_…`` first)."""
    return [f"{name}/{path.stem}" for path in sorted((SQL_DIR / name).glob("*.sql"))]


def definitions() -> list[str]:
    """The macros, the views, then the comparisons (views over views), in the order they are created."""
    return folder("macros") + folder("views") + folder("comparisons")


def comments() -> list[str]:
    """The ``COMMENT ON`` statements of the data dictionary: ``comments/<table>/<column>.sql``, one
    per column, and ``comments/<table>/_table.sql`` for the table or view itself."""
    root = SQL_DIR / "comments"
    return [f"comments/{path.relative_to(root).with_suffix('').as_posix()}" for path in sorted(root.glob("*/*.sql"))]
