"""The SQL of the warehouse: one statement per file under ``sql/``, values always bound."""

from __future__ import annotations

from functools import cache

from pipeline.settings import PROJECT_DIR

SQL_DIR = PROJECT_DIR / "sql"


@cache
def statement(name: str) -> str:
    """The statement in ``sql/<name>.sql``, e.g. ``statement("checks/review_total")``."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def folder(name: str) -> list[str]:
    """The names of the statements in one folder, in file order (``schema/01_…`` first)."""
    return [f"{name}/{path.stem}" for path in sorted((SQL_DIR / name).glob("*.sql"))]
