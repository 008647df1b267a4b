"""Publish a built warehouse by renaming it over the previous one.

Readers that hold the previous file open keep reading its inode, untouched; new readers see the
complete new file. Nothing is ever written into the published file itself.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import duckdb

from pipeline.warehouse.sql import statement


def new_build_path(target: Path) -> Path:
    """A fresh file beside ``target`` (same filesystem, so the rename is atomic)."""
    return target.with_name(f".{target.name}.{uuid.uuid4().hex}.building")


def discard_stale_builds(target: Path) -> None:
    """Remove files left by builds that died before publishing."""
    for path in target.parent.glob(f".{target.name}.*.building*"):
        path.unlink(missing_ok=True)


def publish(built: Path, target: Path) -> None:
    with open(built, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(built, target)
    directory = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def read_published(target: Path) -> tuple[str | None, list[tuple[str, int]]]:
    """The fingerprint and the (agency, year) reports of the published warehouse, if there is one."""
    if not target.is_file():
        return None, []
    con = duckdb.connect(str(target), read_only=True)
    try:
        row = con.execute(statement("read/warehouse_fingerprint")).fetchone()
        reports = [(agency, year) for agency, year, _, _ in con.execute(statement("read/report_keys")).fetchall()]
    finally:
        con.close()
    return (row[0] if row else None), reports
