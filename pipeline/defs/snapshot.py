"""Parquet snapshots of the warehouse, for people who download rather than query."""

import json
from collections.abc import Iterator

import dagster as dg

from pipeline.defs.resources import PipelineSettings
from pipeline.defs.warehouse import warehouse
from pipeline.snapshot import write_snapshot
from pipeline.versions import code_version


@dg.asset(deps=[warehouse], output_required=False, kinds={"parquet"})
def warehouse_snapshot(
    context: dg.AssetExecutionContext, pipeline: PipelineSettings
) -> Iterator[dg.MaterializeResult]:
    """An immutable copy of the warehouse as Parquet, named by the UTC time it was made
    (``snapshots/2026-11-29T080512Z/``): ``<table>/year=<Y>/`` for the fact tables, the other tables
    beside them, ``snapshot.duckdb`` (views over those files with the warehouse's views and
    comments) and ``manifest.json`` (row counts, sha256 of every file, the reports included, the
    code version). ``snapshots/latest`` links to it. Written only when the content changed."""
    settings = pipeline.settings()
    folder = write_snapshot(settings.warehouse_path, settings.snapshots_dir, code_version=code_version())
    if folder is None:
        context.log.info("the warehouse content equals the latest snapshot; no new snapshot")
        return
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    yield dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(folder)),
            "reports": len(manifest["reports"]),
            "rows": dg.MetadataValue.json({t: info["rows"] for t, info in manifest["tables"].items()}),
        }
    )
