"""The public codes of the dataset (``codes.csv``): applicant types, outcomes, proceedings,
results, proactive-disclosure items and measures, with their labels in both national templates."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

TABLES = ("requests", "review", "proactive")
# Which dimension of each table is the row and which the column of the published grid.
ROW_DIMENSION = {"requests": "outcome", "review": "proceeding", "proactive": "item"}
COLUMN_DIMENSION = {"requests": "applicant", "review": "result", "proactive": "measure"}


@dataclass(frozen=True)
class Code:
    table: str
    dimension: str
    code: str
    parent: str | None
    label_zh: str
    label_en: str
    templates: frozenset[str]

    @property
    def labels_zh(self) -> tuple[str, ...]:
        """Every published form of the Chinese label (``a / b`` lists the 2019 and 2021 forms)."""
        return tuple(part.strip() for part in self.label_zh.split(" / "))


@cache
def all_codes() -> tuple[Code, ...]:
    text = resources.files("pipeline.core").joinpath("codes.csv").read_text(encoding="utf-8")
    return tuple(
        Code(
            table=row["table"],
            dimension=row["dimension"],
            code=row["code"],
            parent=row["parent"] or None,
            label_zh=row["label_zh"],
            label_en=row["label_en"],
            templates=frozenset(row["templates"].split(";")),
        )
        for row in csv.DictReader(text.splitlines())
    )


def codes(table: str, dimension: str, template: str | None = None) -> tuple[Code, ...]:
    """The codes of one dimension in published order, optionally only those of one template."""
    return tuple(
        c
        for c in all_codes()
        if c.table == table and c.dimension == dimension and (template is None or template in c.templates)
    )


def code(table: str, dimension: str, name: str) -> Code:
    for c in codes(table, dimension):
        if c.code == name:
            return c
    raise KeyError(f"unknown code {table}.{dimension}.{name}")
