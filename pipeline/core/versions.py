"""Versions derived from the source: a change to the code that produces some data changes its version,
so the data is produced again (unchanged code, unchanged data, no work)."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from pipeline import __version__

PACKAGE = Path(__file__).resolve().parents[1]


def _digest(patterns: tuple[str, ...]) -> str:
    digest = hashlib.sha256()
    for pattern in patterns:
        for path in sorted(PACKAGE.glob(pattern)):
            digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:12]}"


@cache
def extractor_version() -> str:
    """Of the code that turns a PDF into facts (and reads when it was published)."""
    return _digest(("extract/**/*.py", "fetch/published.py", "core/facts.py", "core/codes.py", "core/codes.csv"))


@cache
def warehouse_version() -> str:
    """Of the code that turns staged facts into the warehouse (the SQL is fingerprinted with it)."""
    # The modules that shape a build; snapshots, queries and the data dictionary read it after.
    build = ("build", "inputs", "publish", "sql", "update", "staging", "quality", "checks")
    return _digest(
        (*(f"warehouse/{name}.py" for name in build), "warehouse/checks.csv", "core/codes.py", "core/codes.csv")
    )
